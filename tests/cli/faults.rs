//! kk against a kk-sim that injects faults (connection resets, 503s and 429s with
//! `Retry-After`, slow answers): reads are retried to a complete and correct answer, writes
//! are never applied twice, `--request-timeout` bounds every command. Each test has a private
//! kk-sim, since faults are server-wide.

use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::common::server::PrivateSim;

/// `n` Pending pods (no node matches their selector, so nothing changes them) in `load`.
fn pods(n: usize) -> String {
    let mut s = String::from("apiVersion: v1\nkind: Namespace\nmetadata: {name: load}\n");
    for i in 0..n {
        s.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i:04}, namespace: load}}\n\
             spec:\n  nodeSelector: {{nowhere: \"true\"}}\n  containers: [{{name: c, image: \
             img{}}}]\n",
            i % 7
        ));
    }
    s
}

/// An env whose kubeconfig is the private sim's.
fn env_for(sim: &PrivateSim) -> TestEnv {
    let mut env = TestEnv::offline();
    std::fs::copy(&sim.kubeconfig, env.path("kubeconfig")).expect("kubeconfig");
    env.kubeconfig = Some("kubeconfig".into());
    env
}

const FLAKY: &str = "reset=0.05,status=503:0.05,status=429:0.05,retry-after=1";

#[test]
fn get_of_2000_pods_is_complete_under_resets_503s_and_429s() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("pods.yaml");
    std::fs::write(&manifest, pods(2000)).unwrap();
    let sim = PrivateSim::start(&["--preload", manifest.to_str().unwrap()]);
    let env = env_for(&sim);
    let args = [
        "get",
        "pods",
        "-n",
        "load",
        "-o",
        "custom-columns=NAME:.metadata.name,UID:.metadata.uid,IMAGE:.spec.containers[0].image",
    ];
    let want = env.run_kk(&args);
    want.success();
    assert_eq!(want.stdout.lines().count(), 2001, "header + 2000 pods");
    sim.faults(&format!("{FLAKY},seed=1"));
    for run in 0..10 {
        let got = env.run_kk(&args);
        assert_eq!(got, want, "run {run} under {FLAKY}");
    }
    // The same through every page of a small chunk size.
    let small: Vec<&str> = args.iter().copied().chain(["--chunk-size=150"]).collect();
    assert_eq!(env.run_kk(&small), want);
}

#[test]
fn writes_are_never_applied_twice() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["get", "cm", "-n", "default"]).success();
    std::fs::write(
        env.path("gen.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: gen-, namespace: default}\n",
    )
    .unwrap();
    // The server applies the create, then the connection dies before the answer: kk must
    // not send it again (a second POST would make a second object).
    sim.faults("reset-after=1");
    let out = env.run_kk(&["create", "-f", "gen.yaml"]);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr.contains("connection reset by peer") || out.stderr.contains("EOF"),
        "{out}"
    );
    sim.faults("off");
    let names = env.run_kk(&["get", "cm", "-n", "default", "-o", "name"]);
    let generated = names
        .stdout
        .lines()
        .filter(|l| l.starts_with("configmap/gen-"))
        .count();
    assert_eq!(generated, 1, "{names}");

    // Refused with Retry-After, the server did nothing: kk waits and sends it again, once.
    sim.faults("status=503:0.3,status=429:0.2,retry-after=1,seed=3");
    for i in 0..6 {
        let out = env.run_kk(&["create", "-f", "gen.yaml"]);
        assert_eq!(out.code, 0, "create {i}: {out}");
    }
    // A connection reset before the server saw anything: the write fails, nothing is made.
    sim.faults("reset=1");
    let out = env.run_kk(&["create", "-f", "gen.yaml"]);
    assert_eq!(out.code, 1, "{out}");
    sim.faults("off");
    let names = env.run_kk(&["get", "cm", "-n", "default", "-o", "name"]);
    let generated = names
        .stdout
        .lines()
        .filter(|l| l.starts_with("configmap/gen-"))
        .count();
    assert_eq!(generated, 7, "1 + one per successful create: {names}");
}

#[test]
fn request_timeout_bounds_a_slow_or_refusing_server() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["get", "ns"]).success(); // discovery cached: the faults hit the list
    sim.faults("slow=5s");
    let start = Instant::now();
    let out = env.run_kk(&["get", "ns", "--request-timeout=1s"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "Unable to connect to the server: context deadline exceeded\n"
        )
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    // Waiting out Retry-After would pass the deadline: kk gives up at the deadline.
    sim.faults("status=503:1,retry-after=30");
    let start = Instant::now();
    let out = env.run_kk(&["get", "ns", "--request-timeout=2s"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "Unable to connect to the server: context deadline exceeded\n"
        )
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // A watch that reaches the deadline ends quietly, as kubectl's does.
    sim.faults("off");
    let out = env.run_kk(&["get", "ns", "default", "-w", "--request-timeout=1s"]);
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.starts_with("NAME"), "{out}");
}

#[test]
fn errors_that_outlast_the_retries_are_reported_plainly() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["get", "ns"]).success(); // discovery cached: the faults hit the list
    // Without Retry-After a 503 is final, as in kubectl.
    sim.faults("status=503:1");
    let out = env.run_kk(&["get", "ns"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "Error from server (ServiceUnavailable): the server is currently unable to handle \
             the request\n"
        )
    );
}
