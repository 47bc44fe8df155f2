//! The real kubectl 1.33 against an in-process kk-sim: `exec` (exit codes, stdin) and
//! `port-forward` (SPDY tunnelled in a WebSocket, and the raw SPDY fallback). kubectl is found
//! by the test harnesses' one finder: a failure in CI when it is missing, else a counted skip.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::Command;

use crate::apiserver::{ServeOptions, bind};
use crate::store::ResourceKey;

#[path = "../../../../cli/common/kubectl.rs"]
mod finder;

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
spec:
  nodeName: kk-sim-worker
  containers:
  - name: web
    image: nginx:1.25
    ports:
    - containerPort: 80
    env:
    - name: GREETING
      value: hello there
---
apiVersion: v1
kind: Pod
metadata:
  name: job
  namespace: default
spec:
  nodeName: kk-sim-worker
  containers:
  - name: main
    image: busybox
    command: [sh, -c, 'echo line1; echo line2; sleep 3; echo late; exit 4']
  restartPolicy: Never
";

fn kubectl(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(finder::available().expect("checked by the test"));
    c.args(args)
        .env("KUBECONFIG", dir.join("kubeconfig"))
        .env("HOME", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

async fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut c = kubectl(dir, args);
    if stdin.is_some() {
        c.stdin(Stdio::piped());
    }
    let mut child = c.spawn().expect("spawn kubectl");
    if let Some(input) = stdin {
        let mut si = child.stdin.take().expect("stdin");
        si.write_all(input.as_bytes()).await.expect("write stdin");
    }
    let out = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("kubectl timed out")
        .expect("kubectl ran");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Starts `kubectl port-forward pod/web :80` and returns the child and its local port.
async fn port_forward(dir: &Path, websockets: bool) -> (tokio::process::Child, u16) {
    let mut c = kubectl(dir, &["port-forward", "pod/web", ":80"]);
    if !websockets {
        c.env("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false");
    }
    let mut child = c.spawn().expect("spawn kubectl port-forward");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("port-forward did not start")
        .expect("read")
        .expect("a line");
    // `Forwarding from 127.0.0.1:41533 -> 80`
    let port = line
        .strip_prefix("Forwarding from 127.0.0.1:")
        .and_then(|r| r.split(' ').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected port-forward output {line:?}"));
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, port)
}

async fn http_get(port: u16, path: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.expect("send");
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), s.read_to_end(&mut out))
        .await
        .expect("response timed out")
        .expect("read");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_exec_port_forward_logs_attach() {
    if finder::kubectl_bin().is_none() {
        return;
    }
    let dir: PathBuf =
        std::env::temp_dir().join(format!("kk-sim-streams-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("pod.yaml"), POD).expect("manifest");
    let opts = ServeOptions {
        listen: "127.0.0.1:0".parse().expect("addr"),
        kubeconfig: dir.join("kubeconfig"),
        nodes: 2,
        preload: vec![dir.join("pod.yaml")],
        plain_http: false,
    };
    let bound = bind(&opts).await.expect("bind");
    let state = bound.state.clone();
    tokio::spawn(bound.run());
    let phase = |name: &str| {
        state
            .store
            .get(&ResourceKey::new("", "pods"), "default", name)
            .and_then(|p| {
                p.pointer("/status/phase")
                    .and_then(|v| v.as_str())
                    .map(String::from)
            })
            .unwrap_or_default()
    };
    let wait_phase = |name: &'static str, want: &'static str| {
        let phase = &phase;
        async move {
            for _ in 0..150 {
                if phase(name) == want {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            panic!("pod {name} never reached {want} (now {:?})", phase(name));
        }
    };
    wait_phase("web", "Running").await;
    wait_phase("job", "Running").await;

    // The kubelet runs `job`: its log so far, then attach until it exits.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (code, out, _) = run(&dir, &["logs", "job"], None).await;
    assert_eq!((code, out.as_str()), (0, "line1\nline2\n"));
    let (code, out, _) = run(&dir, &["attach", "job"], None).await;
    assert_eq!((code, out.as_str()), (0, "late\n"));
    wait_phase("job", "Failed").await;
    let (code, out, _) = run(&dir, &["logs", "job", "--tail=1"], None).await;
    assert_eq!((code, out.as_str()), (0, "late\n"));
    let (code, _, err) = run(&dir, &["exec", "job", "--", "true"], None).await;
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: cannot exec into a container in a completed pod; current phase is Failed\n"
        )
    );

    let (code, out, err) = run(
        &dir,
        &[
            "exec",
            "web",
            "--",
            "sh",
            "-c",
            "echo hi; echo $GREETING; exit 3",
        ],
        None,
    )
    .await;
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            3,
            "hi\nhello there\n",
            "command terminated with exit code 3\n"
        )
    );

    let (code, out, err) = run(
        &dir,
        &["exec", "-i", "web", "--", "sh"],
        Some("echo from-stdin\ncat /etc/hostname\n"),
    )
    .await;
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "from-stdin\nweb\n", "")
    );

    for websockets in [true, false] {
        let (mut child, port) = port_forward(&dir, websockets).await;
        let page = String::from_utf8(http_get(port, "/").await).expect("utf8");
        assert!(
            page.starts_with("HTTP/1.1 200 OK") && page.contains("Welcome to nginx!"),
            "{page}"
        );
        let bytes = http_get(port, "/bytes/1000000").await;
        let body_at = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("headers")
            + 4;
        assert_eq!(bytes.len() - body_at, 1_000_000, "websockets={websockets}");
        let _ = child.kill().await;
    }

    // wget/curl inside the container reach its own ports.
    let (code, out, _) = run(&dir, &["exec", "web", "--", "sh", "-c", "wget -qO- localhost | grep -c 'Welcome to nginx'; curl -sf localhost/bytes/5; echo; curl -s other:80; echo $?"], None).await;
    assert_eq!((code, out.as_str()), (0, "1\nxxxxx\n6\n"));

    // kubectl cp both ways goes through `tar` in the simulated container.
    std::fs::write(dir.join("local.txt"), "copied in\n").expect("local file");
    let local = dir.join("local.txt");
    let (code, _, err) = run(
        &dir,
        &["cp", local.to_str().unwrap_or(""), "web:/tmp/in.txt"],
        None,
    )
    .await;
    assert_eq!((code, err.as_str()), (0, ""));
    let (code, out, _) = run(&dir, &["exec", "web", "--", "cat", "/tmp/in.txt"], None).await;
    assert_eq!((code, out.as_str()), (0, "copied in\n"));
    let back = dir.join("back.txt");
    let (code, _, err) = run(
        &dir,
        &["cp", "web:/tmp/in.txt", back.to_str().unwrap_or("")],
        None,
    )
    .await;
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&back).expect("copied back"),
        "copied in\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
