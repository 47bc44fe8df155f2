//! `kk-sim serve` as a process: the ready line, the kubeconfig file, flags, signals, preload.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kk-sim"))
}

#[test]
fn bad_flag_is_a_clear_error_with_exit_1() {
    let out = bin().args(["serve", "--no-such-flag"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: unexpected argument '--no-such-flag' found"),
        "{err}"
    );
}

#[test]
fn unusable_kubeconfig_path_exits_1() {
    let out = bin()
        .args([
            "serve",
            "--kubeconfig",
            "/nonexistent-dir/for/kk-sim/kubeconfig",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: cannot write kubeconfig /nonexistent-dir/for/kk-sim/kubeconfig: "),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn ready_line_kubeconfig_mode_nodes_preload_and_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kc");
    let manifests = dir.path().join("m");
    std::fs::create_dir(&manifests).unwrap();
    std::fs::write(
        manifests.join("a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pre, namespace: pre-ns}\n---\n\
         apiVersion: v1\nkind: Namespace\nmetadata: {name: pre-ns}\n",
    )
    .unwrap();
    std::fs::write(
        manifests.join("b.json"),
        r#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"a":"b"}}]}"#,
    )
    .unwrap();
    let mut child = bin()
        .args(["serve", "--nodes", "3", "--kubeconfig"])
        .arg(&kc)
        .arg("--preload")
        .arg(&manifests)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("kk-sim ready https://127.0.0.1:"),
        "{line}"
    );
    let mode = std::fs::metadata(&kc).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&kc).unwrap();
    assert!(text.contains(&format!(
        "server: {}",
        line.trim_end().trim_start_matches("kk-sim ready ")
    )));
    assert!(text.contains("current-context: kk-sim\n"));
    // The preloaded objects and the nodes are there (read through the raw API with kubectl
    // if it exists; the kube-client tests cover the protocol itself).
    if let Some(k) = kubectl() {
        let run = |args: &[&str]| {
            let o = Command::new(&k)
                .arg("--kubeconfig")
                .arg(&kc)
                .arg("--cache-dir")
                .arg(dir.path().join("cache"))
                .args(args)
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).into_owned()
        };
        assert_eq!(
            run(&["get", "nodes", "-o", "name"]),
            "node/kk-sim-control-plane\nnode/kk-sim-worker\nnode/kk-sim-worker2\n"
        );
        assert_eq!(
            run(&["-n", "pre-ns", "get", "cm", "pre", "-o", "name"]),
            "configmap/pre\n"
        );
        assert_eq!(
            run(&[
                "-n",
                "default",
                "get",
                "secret",
                "s",
                "-o",
                "jsonpath={.data.a}"
            ]),
            "Yg=="
        );
    }
    let pid = child.id().to_string();
    let st = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(st.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0));
            break;
        }
        assert!(Instant::now() < deadline, "kk-sim did not exit on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert_eq!(rest, "", "exactly one line on stdout");
}

/// The one kubectl finder, shared with kk's own test harness (a counted skip without it, a
/// panic in CI).
#[path = "../../cli/common/kubectl.rs"]
mod finder;

fn kubectl() -> Option<std::path::PathBuf> {
    finder::kubectl_bin()
}

#[test]
fn plain_http_serves_without_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kc");
    let mut child = bin()
        .args([
            "serve",
            "--plain-http",
            "--exit-on-stdin-eof",
            "--kubeconfig",
        ])
        .arg(&kc)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("kk-sim ready http://127.0.0.1:"), "{line}");
    let text = std::fs::read_to_string(&kc).unwrap();
    assert!(
        !text.contains("certificate-authority-data") && !text.contains("client-key-data"),
        "{text}"
    );
    if let Some(k) = kubectl() {
        let o = Command::new(&k)
            .arg("--kubeconfig")
            .arg(&kc)
            .arg("--cache-dir")
            .arg(dir.path().join("cache"))
            .args(["get", "--raw", "/"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let paths: Vec<&str> = v["paths"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        assert!(
            paths.contains(&"/apis/apps/v1") && paths.contains(&"/version"),
            "{paths:?}"
        );
    }
    drop(child.stdin.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "exits 0 when its stdin closes");
}
