//! Tests of the built-in shell: what a user sees on stdout/stderr and the exit status.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::AsyncWrite;

use super::*;

/// An AsyncWrite appending to a shared buffer.
#[derive(Clone, Default)]
pub(crate) struct Capture(pub Arc<Mutex<Vec<u8>>>);

impl Capture {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl AsyncWrite for Capture {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        b: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.0.lock().unwrap().extend_from_slice(b);
        Poll::Ready(Ok(b.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

fn ctx() -> ShellContext {
    ShellContext::for_container(
        "web-0",
        "default",
        "10.244.0.5",
        &[("GREETING".into(), "hello world".into())],
    )
}

async fn run_in(
    ctx: &ShellContext,
    argv: &[&str],
    stdin: Option<&str>,
    tty: bool,
) -> (i32, String, String) {
    let (out, err) = (Capture::default(), Capture::default());
    let io = ShellIo {
        stdin: stdin.map(|s| Box::new(std::io::Cursor::new(s.as_bytes().to_vec())) as _),
        stdout: Box::new(out.clone()),
        stderr: Box::new(err.clone()),
        size: super::term_size(),
    };
    let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    let code = run(&argv, ctx, io, tty).await;
    (code, out.text(), err.text())
}

async fn sh(script: &str) -> (i32, String, String) {
    run_in(&ctx(), &["sh", "-c", script], None, false).await
}

#[tokio::test(start_paused = true)]
async fn echo_sleep_echo_really_sleeps() {
    let start = tokio::time::Instant::now();
    let r = sh("echo Start; sleep 1; echo Done").await;
    assert_eq!(r, (0, "Start\nDone\n".into(), String::new()));
    assert!(start.elapsed() >= std::time::Duration::from_secs(1));
}

#[tokio::test]
async fn exit_codes() {
    assert_eq!(sh("exit 3").await.0, 3);
    assert_eq!(
        sh("echo hi; exit 300").await,
        (44, "hi\n".into(), String::new())
    );
    assert_eq!(sh("false").await.0, 1);
    assert_eq!(sh("false; exit").await.0, 1);
    assert_eq!(
        sh("foo").await,
        (127, String::new(), "sh: foo: not found\n".into())
    );
    assert_eq!(
        sh("echo 'oops").await,
        (
            2,
            String::new(),
            "sh: syntax error: unterminated quoted string\n".into()
        )
    );
    // exit inside a loop leaves the whole script.
    assert_eq!(
        sh("for i in 1 2 3; do echo $i; exit 7; done; echo never").await,
        (7, "1\n".into(), String::new())
    );
}

#[tokio::test]
async fn loops() {
    assert_eq!(sh("for i in 1 2 3; do echo $i; done").await.1, "1\n2\n3\n");
    assert_eq!(
        sh("i=0; while [ $i -lt 3 ]; do echo n$i; i=$((i+1)); done")
            .await
            .1,
        "n0\nn1\nn2\n"
    );
    assert_eq!(
        sh("i=5; until [ $i -le 3 ]; do i=$((i-1)); done; echo $i")
            .await
            .1,
        "3\n"
    );
    assert_eq!(
        sh("for i in $(seq 1 5); do [ $i = 3 ] && continue; [ $i = 5 ] && break; echo $i; done")
            .await
            .1,
        "1\n2\n4\n"
    );
    assert_eq!(
        sh("if [ -f /etc/hostname ]; then echo yes; else echo no; fi")
            .await
            .1,
        "yes\n"
    );
}

#[tokio::test]
async fn expansion_and_quoting() {
    assert_eq!(sh("echo $GREETING").await.1, "hello world\n");
    assert_eq!(
        sh("for w in $GREETING; do echo \"<$w>\"; done").await.1,
        "<hello>\n<world>\n"
    );
    assert_eq!(
        sh("for w in \"$GREETING\"; do echo \"<$w>\"; done").await.1,
        "<hello world>\n"
    );
    assert_eq!(
        sh("echo '$GREETING' \"${NOPE:-dflt}\" \\$x").await.1,
        "$GREETING dflt $x\n"
    );
    assert_eq!(sh("X=1; X=2 env | grep ^X=; echo $X").await.1, "X=2\n1\n");
    assert_eq!(sh("A=\"a  b\"; echo \"$A\" $A").await.1, "a  b a b\n");
    assert_eq!(sh("echo $((2 * (3 + 4) % 5)) $((7 / 2))").await.1, "4 3\n");
    assert_eq!(sh("echo $(echo inner) `hostname`").await.1, "inner web-0\n");
    assert_eq!(sh("false; echo $?").await.1, "1\n");
    assert_eq!(
        sh("printf '%s-%03d|%-3s|\\n' a 7 b c 8 d").await.1,
        "a-007|b  |\nc-008|d  |\n"
    );
    assert_eq!(
        run_in(
            &ctx(),
            &["sh", "-c", "echo $0 $1 $#", "me", "arg"],
            None,
            false
        )
        .await
        .1,
        "me arg 1\n"
    );
}

#[tokio::test]
async fn and_or_and_redirects() {
    assert_eq!(sh("true && echo a || echo b").await.1, "a\n");
    assert_eq!(sh("false && echo a || echo b").await.1, "b\n");
    assert_eq!(
        sh("echo err >&2; echo out").await,
        (0, "out\n".into(), "err\n".into())
    );
    assert_eq!(
        sh("nope 2>&1").await,
        (127, "sh: nope: not found\n".into(), String::new())
    );
    assert_eq!(
        sh("echo x > /tmp/f; echo y >> /tmp/f; cat /tmp/f; cat < /tmp/f")
            .await
            .1,
        "x\ny\nx\ny\n"
    );
    assert_eq!(sh("echo hidden >/dev/null").await.1, "");
    assert_eq!(sh("echo piped | cat").await.1, "piped\n");
    assert_eq!(
        sh("cat /nope").await,
        (
            1,
            String::new(),
            "cat: can't open '/nope': No such file or directory\n".into()
        )
    );
    assert_eq!(
        sh("set -e; false; echo never").await,
        (1, String::new(), String::new())
    );
}

#[tokio::test]
async fn files_env_and_misc_commands() {
    assert_eq!(sh("hostname; cat /etc/hostname").await.1, "web-0\nweb-0\n");
    let env = sh("env").await.1;
    assert!(
        env.contains("GREETING=hello world\n") && env.contains("HOSTNAME=web-0\n"),
        "{env}"
    );
    assert_eq!(
        sh("ls /").await.1,
        "bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n"
    );
    let d = sh("date").await.1;
    assert!(
        d.ends_with(&format!("UTC {}\n", chrono::Utc::now().format("%Y"))),
        "{d}"
    );
    assert_eq!(
        sh("sleep abc").await,
        (1, String::new(), "sleep: invalid number 'abc'\n".into())
    );
    // Files persist across processes of the same container.
    let c = ctx();
    run_in(&c, &["sh", "-c", "echo kept > /data"], None, false).await;
    assert_eq!(run_in(&c, &["cat", "/data"], None, false).await.1, "kept\n");
    assert_eq!(
        run_in(&c, &["/bin/echo", "direct", "argv"], None, false)
            .await
            .1,
        "direct argv\n"
    );
    assert!(is_command("/bin/sh") && is_command("ls") && !is_command("python"));
}

#[tokio::test]
async fn interactive_shell_without_tty() {
    let (code, out, err) = run_in(
        &ctx(),
        &["sh"],
        Some("echo one\nfor i in a b\ndo echo $i\ndone\nexit 4\necho never\n"),
        false,
    )
    .await;
    assert_eq!((code, out.as_str(), err.as_str()), (4, "one\na\nb\n", ""));
    // No stdin attached: the shell exits 0 at once.
    assert_eq!(
        run_in(&ctx(), &["sh"], None, false).await,
        (0, String::new(), String::new())
    );
    // `read` from stdin.
    assert_eq!(
        run_in(
            &ctx(),
            &["sh", "-c", "read a b; echo \"[$b][$a]\""],
            Some("x y z\n"),
            false
        )
        .await
        .1,
        "[y z][x]\n"
    );
}

#[tokio::test]
async fn interactive_shell_with_tty_prompts_and_echoes() {
    let (code, out, _) = run_in(&ctx(), &["sh"], Some("echo hi\rexit 2\r"), true).await;
    assert_eq!(code, 2);
    assert_eq!(out, "/ # echo hi\r\nhi\r\n/ # exit 2\r\n");
    // Backspace edits the line; ^D on an empty line ends the shell.
    let (code, out, _) = run_in(&ctx(), &["sh"], Some("ecx\x7fho ok\r\x04"), true).await;
    assert_eq!(code, 0);
    assert_eq!(out, "/ # ecx\x08 \x08ho ok\r\nok\r\n/ # \r\n");
}

#[tokio::test(start_paused = true)]
async fn container_processes() {
    let c = ctx();
    let io = |out: &Capture, err: &Capture| ShellIo {
        stdin: None,
        stdout: Box::new(out.clone()),
        stderr: Box::new(err.clone()),
        size: super::term_size(),
    };
    let (out, err) = (Capture::default(), Capture::default());
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // busybox with a command: runs it.
    let code = run_container(
        "busybox:1.36",
        &s(&["sh", "-c"]),
        &s(&["echo job done; exit 2"]),
        &c,
        io(&out, &err),
    )
    .await;
    assert_eq!((code, out.text()), (2, "job done\n".to_string()));
    // busybox alone: sh without stdin exits 0 at once.
    let out = Capture::default();
    assert_eq!(
        run_container("busybox", &[], &[], &c, io(&out, &err)).await,
        0
    );
    // A crashing image exits 1 whatever its command.
    let (out, err) = (Capture::default(), Capture::default());
    assert_eq!(
        run_container(
            "ghcr.io/x/crashloop:v1",
            &s(&["sleep", "3600"]),
            &[],
            &c,
            io(&out, &err)
        )
        .await,
        1
    );
    assert!(err.text().contains("crashloop"), "{}", err.text());
    // nginx serves forever after logging its start.
    let (out, err) = (Capture::default(), Capture::default());
    let r = tokio::time::timeout(
        std::time::Duration::from_secs(3600),
        run_container("nginx:1.25", &[], &[], &c, io(&out, &err)),
    )
    .await;
    assert!(r.is_err(), "nginx must not exit");
    assert!(
        out.text()
            .contains("Configuration complete; ready for start up")
    );
    assert!(err.text().contains("start worker processes"));
    assert_eq!(
        image_default_process("docker.io/library/alpine:3.20"),
        ImageProcess::Shell
    );
    assert_eq!(
        image_default_process("nginx@sha256:abc"),
        ImageProcess::Serve {
            argv: s(&["nginx", "-g", "daemon off;"])
        }
    );
    assert_eq!(
        image_default_process("registry.k8s.io/e2e-test-images/agnhost:2.39"),
        ImageProcess::Serve {
            argv: s(&["serve"])
        }
    );
    assert_eq!(
        image_default_process("example/panic-app"),
        ImageProcess::Crash
    );
    assert!(image_never_ready("example/unready:1") && !image_never_ready("nginx"));
    // sleep infinity never returns.
    let out = Capture::default();
    let r = tokio::time::timeout(
        std::time::Duration::from_secs(86400 * 365),
        run_container(
            "busybox",
            &s(&["sleep", "infinity"]),
            &[],
            &c,
            io(&out, &err),
        ),
    )
    .await;
    assert!(r.is_err());
}

#[tokio::test]
async fn text_utilities_and_exec() {
    assert_eq!(sh("seq 1 20 | head -n 3").await.1, "1\n2\n3\n");
    assert_eq!(sh("seq 1 20 | tail -2").await.1, "19\n20\n");
    assert_eq!(sh("ls / | wc -l").await.1, "10\n");
    assert_eq!(
        sh("printf 'a b\\nc\\n' | wc").await.1,
        "      2       3       6\n"
    );
    assert_eq!(sh("env | grep -c HOSTNAME=").await.1, "1\n");
    assert_eq!(sh("env | grep -q NOPE").await.0, 1);
    assert_eq!(
        sh("printf 'b\\na\\nb\\n' | sort | uniq -c").await.1,
        "      1 a\n      2 b\n"
    );
    assert_eq!(sh("echo hello | tr a-z A-Z").await.1, "HELLO\n");
    assert_eq!(sh("echo a:b:c | cut -d: -f2,3").await.1, "b:c\n");
    assert_eq!(
        sh("basename /a/b/c.txt .txt; dirname /a/b/c.txt").await.1,
        "c\n/a/b\n"
    );
    assert_eq!(
        sh("grep x /nope").await,
        (
            2,
            String::new(),
            "grep: /nope: No such file or directory\n".into()
        )
    );
    assert_eq!(
        sh("exec echo replaced; echo never").await,
        (0, "replaced\n".into(), String::new())
    );
}

#[tokio::test]
async fn tar_round_trip() {
    let r = sh("mkdir /data; echo hi > /data/a; echo yo > /data/b; tar cf - /data | tar xf - -C /restore; cat /restore/data/a /restore/data/b; tar cf - /data | tar tf -").await;
    assert_eq!(r.1, "hi\nyo\ndata/\ndata/a\ndata/b\n");
    assert_eq!(
        r.2,
        "tar: removing leading '/' from member names\ntar: removing leading '/' from member names\n"
    );
    assert_eq!(sh("tar cf - /missing >/dev/null").await, (1, String::new(), "tar: removing leading '/' from member names\ntar: /missing: No such file or directory\n".into()));
}

#[tokio::test]
async fn wget_and_curl_without_a_network() {
    assert_eq!(
        sh("wget -qO- http://web/").await,
        (1, String::new(), "wget: bad address 'web'\n".into())
    );
    assert_eq!(sh("curl -s web; echo $?").await.1, "6\n");
    assert_eq!(
        sh("curl web").await,
        (
            6,
            String::new(),
            "curl: (6) Could not resolve host: web\n".into()
        )
    );
}
