//! `kk exec` and `kk attach` against kubectl 1.33 on the same kk-sim pods: output bytes,
//! exit codes and errors; 1 MB through stdin and back; and the terminal path for real under
//! a pseudo-terminal — prompt, typed commands, a resize seen by `stty size`, Ctrl-C, and the
//! terminal's modes restored afterwards, also when kk is interrupted.

use std::io::Write;
use std::process::Stdio;

use crate::common::pty::Pty;
use crate::common::{Output, TestEnv, kk_bin, kubectl_bin};

const PODS: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: one}
spec:
  containers:
  - {name: c, image: busybox, command: [sleep, "3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: multi}
spec:
  containers:
  - {name: main, image: busybox, command: [sleep, "3600"]}
  - {name: side, image: busybox, command: [sleep, "3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: busybox, command: [sh, -c, 'exit 0']}
---
apiVersion: v1
kind: Pod
metadata: {name: shell}
spec:
  containers:
  - {name: c, image: busybox, stdin: true, tty: true}
---
apiVersion: v1
kind: Pod
metadata: {name: cat}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: busybox, command: [cat], stdin: true, stdinOnce: true}
---
apiVersion: v1
kind: Pod
metadata: {name: cat2}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: busybox, command: [cat], stdin: true, stdinOnce: true}
"#;

fn setup(name: &str) -> TestEnv {
    let env = TestEnv::sim(name);
    env.seed(PODS);
    let ns = env.ns().to_string();
    for (what, pods) in [
        (
            "--for=condition=Ready",
            &["pod/one", "pod/multi", "pod/shell", "pod/cat", "pod/cat2"][..],
        ),
        (
            "--for=jsonpath={.status.phase}=Succeeded",
            &["pod/done"][..],
        ),
    ] {
        let mut args = vec!["wait", "--timeout=60s", "-n", &ns, what];
        args.extend_from_slice(pods);
        env.run_kubectl(&args).expect("kubectl").success();
    }
    env
}

/// Normalise the runtime's random exec id.
fn exec_id(o: &Output) -> Output {
    let re = regex::Regex::new(r#"exec \\?"[0-9a-f]{64}\\?""#).unwrap();
    o.map(|s| re.replace_all(s, "exec [ID]").into_owned())
}

#[test]
fn exec_matches_kubectl() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = setup("exec");
    let cases: &[&[&str]] = &[
        &[
            "exec",
            "one",
            "--",
            "sh",
            "-c",
            "echo out; echo err >&2; exit 3",
        ],
        &["exec", "one", "--", "sh", "-c", "printf 'no newline'"],
        &["exec", "pod/one", "-c", "c", "--", "hostname"],
        &["exec", "multi", "--", "hostname"],
        &["exec", "multi", "-q", "--", "hostname"],
        &["exec", "multi", "-c", "side", "--", "hostname"],
        &["exec", "one", "-t", "--", "echo", "t"],
        &["exec", "one", "-i", "-t", "--", "echo", "it"],
        &["exec", "one", "-itq", "--", "echo", "quiet"],
        // Errors.
        &["exec", "one"],
        &["exec", "one", "--"],
        &["exec", "one", "ls"],
        &["exec", "--", "ls"],
        &["exec", "nope", "--", "ls"],
        &["exec", "one", "-c", "nope", "--", "ls"],
        &["exec", "done", "--", "ls"],
        &["exec", "one", "--", "nosuch"],
        &["exec", "one", "--pod-running-timeout=0", "--", "ls"],
    ];
    for args in cases {
        let mut full = args.to_vec();
        full.extend(["-n", env.ns()]);
        let want = exec_id(&env.run_kubectl(&full).expect("kubectl"));
        let got = exec_id(&env.run_kk(&full));
        crate::common::env::assert_same(&full, &want, &got);
    }
    let out = env.run_kk(&["exec", "one", "-n", env.ns(), "--", "sh", "-c", "exit 3"]);
    assert_eq!(out.code, 3);
}

/// `exec -f FILE`: the pod is the one the manifest describes (its content as read, the
/// namespace defaulted), one object only, never next to names; kubectl's messages.
#[test]
fn exec_from_a_manifest_matches_kubectl() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = setup("exec-file");
    let pod = |name: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - {{name: main, image: busybox}}\n  - {{name: side, image: busybox}}\n"
        )
    };
    std::fs::write(env.path("multi.yaml"), pod("multi")).unwrap();
    std::fs::write(env.path("ghost.yaml"), pod("ghost")).unwrap();
    std::fs::write(env.path("two.yaml"), pod("multi") + "---\n" + &pod("one")).unwrap();
    std::fs::write(env.path("empty.yaml"), "").unwrap();
    std::fs::create_dir(env.path("dir")).unwrap();
    std::fs::write(env.path("dir/one.yaml"), pod("one")).unwrap();
    let cases: &[&[&str]] = &[
        &["exec", "-f", "multi.yaml", "--", "hostname"],
        &["exec", "-f", "multi.yaml", "-c", "side", "--", "hostname"],
        &["exec", "--filename=dir", "--", "hostname"],
        // Errors.
        &["exec", "-f", "multi.yaml", "-c", "nope", "--", "ls"],
        &["exec", "-f", "multi.yaml"],
        &["exec", "-f", "multi.yaml", "one"],
        &["exec", "-f", "multi.yaml", "one", "--", "ls"],
        &["exec", "-f", "missing.yaml", "one", "--", "ls"],
        &["exec", "-f", "two.yaml", "--", "ls"],
        &["exec", "-f", "multi.yaml,dir", "--", "ls"],
        &["exec", "-f", "-", "--", "ls"],
        &["exec", "-f", "empty.yaml", "--", "ls"],
        &["exec", "-f", "ghost.yaml", "--", "ls"],
    ];
    for args in cases {
        let mut full = args.to_vec();
        full.extend(["-n", env.ns()]);
        let want = env.run_kubectl(&full).expect("kubectl");
        let got = env.run_kk(&full);
        crate::common::env::assert_same(&full, &want, &got);
    }
}

#[test]
fn exec_stdin_megabyte_round_trip() {
    let env = setup("exec-stdin");
    let data: Vec<u8> = (0..1_048_576u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut bins = vec![kk_bin()];
    bins.extend(kubectl_bin());
    for bin in bins {
        let mut child = env
            .command(&bin, &["exec", "-i", "one", "-n", env.ns(), "--", "cat"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().unwrap();
        let input = data.clone();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let out = child.wait_with_output().expect("wait");
        writer.join().unwrap().expect("write stdin");
        assert_eq!(out.status.code(), Some(0), "{bin:?}: {:?}", out.stderr);
        assert!(
            out.stdout == data,
            "{bin:?} returned {} bytes",
            out.stdout.len()
        );
    }
}

const ECHO: u32 = libc::ECHO;
const ICANON: u32 = libc::ICANON;

/// One interactive exec session, typed as a user would; returns the screen and exit code.
fn interactive_exec(env: &TestEnv, bin: &std::path::Path) -> (String, i32, u32) {
    let cmd = env.command(bin, &["exec", "-it", "one", "-n", env.ns(), "--", "sh"]);
    let mut pty = Pty::spawn(cmd, 30, 100);
    let mut at = pty.expect(0, "/ # ");
    // The starting size travels on the resize channel too, beside the shell's first prompt:
    // ask until the container has it.
    let mut sized = false;
    for _ in 0..20 {
        pty.send("stty size\r");
        at = pty.expect(at, "\r\n");
        let next = pty.expect(at, "\r\n");
        sized = pty.screen[at..next].starts_with("30 100");
        at = pty.expect(next, "/ # ");
        if sized {
            break;
        }
    }
    assert!(
        sized,
        "the starting size never reached the container: {:?}",
        pty.screen
    );
    pty.resize(40, 120);
    pty.send("\r");
    // The resize travels asynchronously: ask until the container sees it.
    let mut seen = false;
    for i in 0..20 {
        at = pty.expect(at, "/ # ");
        if i % 5 == 4 {
            // A busy machine can lose the first SIGWINCH before the client's handler reads
            // the size: signal again (the size itself is unchanged).
            pty.resize(40, 120);
        }
        pty.send("stty size\r");
        at = pty.expect(at, "\r\n");
        let next = pty.expect(at, "\r\n");
        if pty.screen[at..next].starts_with("40 120") {
            seen = true;
            at = next;
            break;
        }
        at = next;
    }
    assert!(
        seen,
        "the resize never reached the container: {:?}",
        pty.screen
    );
    pty.send("echo $((6*7))\r");
    at = pty.expect(at, "42\r\n");
    // Ctrl-C goes to the remote shell, which abandons the line; the session goes on.
    pty.send("echo never\x03");
    at = pty.expect(at, "^C");
    pty.send("exit 4\r");
    pty.expect(at, "command terminated with exit code 4");
    let code = pty.wait();
    (pty.screen.clone(), code, pty.local_modes())
}

#[test]
fn exec_tty_under_a_pseudo_terminal() {
    let env = setup("exec-tty");
    let (screen, code, after) = interactive_exec(&env, &kk_bin());
    assert_eq!(code, 4, "{screen:?}");
    // Compared with the cooked modes: a reading taken after spawning may already be raw on
    // a busy machine.
    assert_eq!(
        after & (ECHO | ICANON),
        ECHO | ICANON,
        "terminal not restored"
    );
    if let Some(kubectl) = kubectl_bin() {
        let (want, code, _) = interactive_exec(&env, &kubectl);
        assert_eq!(code, 4);
        // Same screen, except for the number of `stty size` probes before the resize landed.
        let strip = |s: &str| {
            let mut out = String::new();
            let mut seen_new_size = false;
            for line in s.split_inclusive("\r\n") {
                if line.starts_with("/ # stty size")
                    || line.starts_with("30 100")
                    || line.starts_with("0 0")
                {
                    continue;
                }
                if line.starts_with("40 120") {
                    if seen_new_size {
                        continue;
                    }
                    seen_new_size = true;
                }
                out.push_str(line);
            }
            out
        };
        assert_eq!(strip(&screen), strip(&want), "kk vs kubectl screens");
    }

    // Interrupted from outside while raw: kk exits 1 and puts the terminal back.
    for sig in [libc::SIGTERM, libc::SIGINT] {
        let cmd = env.command(
            &kk_bin(),
            &["exec", "-it", "one", "-n", env.ns(), "--", "sh"],
        );
        let mut pty = Pty::spawn(cmd, 24, 80);
        pty.expect(0, "/ # ");
        assert_eq!(pty.local_modes() & (ECHO | ICANON), 0, "raw while running");
        pty.signal(sig);
        assert_eq!(pty.wait(), 1, "{:?}", pty.screen);
        // Compared with the cooked modes, not with a reading taken after spawning: on a busy
        // machine kk may already have made the terminal raw by then.
        assert_eq!(
            pty.local_modes() & (ECHO | ICANON),
            ECHO | ICANON,
            "terminal not restored after signal {sig}"
        );
    }
}

#[test]
fn attach_matches_kubectl() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = setup("attach");
    for args in [
        &["attach", "nope"][..],
        &["attach", "one", "-c", "x"],
        &["attach"],
        &["attach", "a", "b", "c"],
        &["attach", "one", "--pod-running-timeout=0"],
        &["attach", "done"],
        &["attach", "pod", "done", "-q"],
    ] {
        env.parity_ns(args);
    }
    // stdin reaches the process; with stdinOnce its stdin closes after the session: both
    // kubectl and kk see the same, on two fresh pods.
    for (bin, pod) in [(Some(kk_bin()), "cat"), (kubectl_bin(), "cat2")] {
        let Some(bin) = bin else { continue };
        let mut child = env
            .command(&bin, &["attach", "-i", pod, "-n", env.ns()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"hello\n").unwrap();
        let out: Output = child.wait_with_output().unwrap().into();
        assert_eq!(out.code, 0, "{bin:?}: {out}");
        assert_eq!(out.stdout, "hello\n");
        assert_eq!(
            out.stderr,
            "If you don't see a command prompt, try pressing enter.\n"
        );
    }
}

#[test]
fn attach_tty_under_a_pseudo_terminal() {
    let env = setup("attach-tty");
    let cmd = env.command(&kk_bin(), &["attach", "-it", "shell", "-n", env.ns()]);
    let mut pty = Pty::spawn(cmd, 30, 100);
    let mut at = pty.expect(0, "If you don't see a command prompt, try pressing enter.");
    pty.send("\r");
    at = pty.expect(at, "/ # ");
    pty.send("stty size\r");
    at = pty.expect(at, "30 100");
    pty.send("exit 3\r");
    pty.expect(
        at,
        "Session ended, resume using 'kk attach shell -c c -i -t' command when the pod is running",
    );
    assert_eq!(pty.wait(), 0, "{:?}", pty.screen);
    assert_eq!(pty.local_modes() & (ECHO | ICANON), ECHO | ICANON);
}

#[test]
fn exec_and_attach_on_workloads_match_kubectl() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = crate::logs::workloads("exec-workloads");
    for args in [
        // kubectl's most active pod of the workload or service, its default container.
        &["exec", "deploy/one", "--", "hostname"][..],
        &[
            "exec",
            "deployment/web",
            "--",
            "sh",
            "-c",
            "echo out; exit 4",
        ],
        &["exec", "svc/websvc", "-c", "d", "--", "echo", "via service"],
        // Errors.
        &["exec", "svc/nosel", "--", "ls"],
        &["exec", "cronjob/cj", "--", "ls"],
        &["exec", "deploy/nope", "--", "ls"],
        &["exec", "job/job", "--", "ls"],
        &[
            "exec",
            "deploy/zero",
            "--pod-running-timeout=1s",
            "--",
            "ls",
        ],
        &["attach", "deployment", "nope"],
        &["attach", "cronjob/cj"],
        &["attach", "svc", "nosel"],
        &["attach", "job/job"],
    ] {
        let ns = env.ns().to_string();
        let mut full = vec!["-n", &ns];
        full.extend_from_slice(args);
        env.parity(&full);
    }
}
