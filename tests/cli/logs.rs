//! `kk logs` against kubectl 1.33 on the same kk-sim pods: every flag, the container
//! defaulting notices, the errors; `-f` ending with its container; and kk's selector follow
//! picking up a pod created after it started.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::env::assert_same;
use crate::common::{Output, TestEnv, kk_bin, kubectl_bin};

const PODS: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: one, labels: {app: one, tier: logs}}
spec:
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'echo hello; echo world; printf "no newline"; sleep 3600']
---
apiVersion: v1
kind: Pod
metadata: {name: multi, labels: {app: multi, tier: logs}}
spec:
  initContainers:
  - name: setup
    image: busybox
    command: [sh, -c, 'echo init done']
  containers:
  - name: main
    image: busybox
    command: [sh, -c, 'for i in 1 2 3 4 5; do echo main $i; done; sleep 3600']
  - name: side
    image: busybox
    command: [sh, -c, 'echo side; sleep 3600']
---
apiVersion: v1
kind: Pod
metadata:
  name: annotated
  annotations: {kubectl.kubernetes.io/default-container: side}
spec:
  containers:
  - {name: main, image: busybox, command: [sh, -c, 'echo main; sleep 3600']}
  - {name: side, image: busybox, command: [sh, -c, 'echo side; sleep 3600']}
---
apiVersion: v1
kind: Pod
metadata:
  name: misannotated
  annotations: {kubectl.kubernetes.io/default-container: gone}
spec:
  containers:
  - {name: main, image: busybox, command: [sh, -c, 'echo main; sleep 3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: restarts}
spec:
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'echo run; exit 2']
"#;

fn kubectl(env: &TestEnv, args: &[&str]) -> Output {
    let mut full = vec!["-n", env.ns()];
    full.extend_from_slice(args);
    env.run_kubectl(&full).expect("kubectl")
}

fn wait(env: &TestEnv, what: &[&str]) {
    let mut args = vec!["wait", "--timeout=60s"];
    args.extend_from_slice(what);
    kubectl(env, &args).success();
}

/// Parity where kubectl reads several streams in Go map order: compare the sorted lines.
#[track_caller]
fn parity_unordered(env: &TestEnv, args: &[&str]) {
    let mut full: Vec<&str> = args.to_vec();
    full.extend(["-n", env.ns()]);
    let sort = |o: Output| {
        let mut lines: Vec<&str> = o.stdout.lines().collect();
        lines.sort();
        Output {
            stdout: lines.join("\n"),
            ..o.clone()
        }
    };
    let want = env.run_kubectl(&full).expect("kubectl");
    let got = env.run_kk(&full);
    assert_same(&full, &sort(want), &sort(got));
}

#[test]
fn logs_match_kubectl_for_every_flag() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("logs-flags");
    env.seed(PODS);
    wait(
        &env,
        &[
            "--for=condition=Ready",
            "pod/one",
            "pod/multi",
            "pod/annotated",
            "pod/misannotated",
        ],
    );
    wait(
        &env,
        &[
            "--for=jsonpath={.status.containerStatuses[0].restartCount}=1",
            "pod/restarts",
        ],
    );
    let cases: &[&[&str]] = &[
        &["logs", "one"],
        &["logs", "pod/one"],
        &["logs", "one", "--timestamps"],
        &["logs", "one", "--tail=1"],
        &["logs", "one", "--tail", "0"],
        &["logs", "one", "--limit-bytes=8"],
        &["logs", "one", "--since=1h"],
        &["logs", "one", "--since-time=2000-01-01T00:00:00Z"],
        &["logs", "one", "--since-time=2999-01-01T00:00:00+02:00"],
        &["logs", "one", "-c", "c", "--prefix"],
        &["logs", "one", "c"],
        &["logs", "multi"],
        &["logs", "multi", "-c", "side"],
        &["logs", "multi", "setup", "--prefix"],
        &["logs", "annotated"],
        &["logs", "misannotated"],
        &["logs", "restarts", "-p"],
        &["logs", "restarts", "--previous", "--timestamps"],
        &["logs", "-l", "app=one", "--prefix"],
        &["logs", "-l", "app=multi", "--tail=2"],
        &["logs", "-l", "app=none"],
        &["logs", "one", "-p", "--ignore-errors"],
        &["logs", "one", "-f", "--limit-bytes=5"],
        // Errors.
        &["logs", "nope"],
        &["logs", "pod/nope"],
        &["logs", "one", "-p"],
        &["logs", "multi", "-c", "nope"],
        &["logs", "multi", "main", "-c", "side"],
        &["logs", "multi", "--all-containers", "-c", "side"],
        &[
            "logs",
            "one",
            "--since=1s",
            "--since-time=2020-01-01T00:00:00Z",
        ],
        &["logs", "one", "--since-time=yesterday"],
        &["logs", "one", "--since=-1s"],
        &["logs", "one", "--since=soon"],
        &["logs", "one", "--tail=-2"],
        &["logs", "one", "--limit-bytes=-1"],
        &["logs", "one", "--pod-running-timeout=0s"],
        &["logs"],
        &["logs", "a", "b", "c"],
        &["logs", "-l", "app=one", "one"],
        &["logs", "-f", "-l", "tier=logs", "--max-log-requests=1"],
    ];
    for args in cases {
        env.parity_ns(args);
    }
    parity_unordered(&env, &["logs", "multi", "--all-containers"]);
    parity_unordered(&env, &["logs", "-l", "tier=logs", "--prefix"]);
    parity_unordered(
        &env,
        &["logs", "-l", "tier=logs", "--all-containers", "--prefix"],
    );
}

const TICK: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: tick}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'for i in 1 2 3 4 5 6; do echo tick $i; sleep 0.2; done; printf end']
"#;

#[test]
fn follow_ends_with_the_container() {
    let Some(kubectl) = kubectl_bin() else {
        return;
    };
    let env = TestEnv::sim("logs-follow");
    env.seed(TICK);
    wait(
        &env,
        &["--for=jsonpath={.status.phase}=Running", "pod/tick"],
    );
    // Both follow the same run concurrently; both end when the container exits.
    let args = ["logs", "-f", "tick", "-n", env.ns()];
    let spawn = |bin: &std::path::Path| {
        Command::new(bin)
            .args(args)
            .env("KUBECONFIG", env.path("kubeconfig"))
            .env("HOME", env.path("home"))
            .stdin(Stdio::null())
            .output()
            .expect("spawn")
    };
    let (kk, want) = std::thread::scope(|s| {
        let kk = s.spawn(|| spawn(&kk_bin()));
        let want = spawn(&kubectl);
        (kk.join().unwrap(), want)
    });
    let (kk, want): (Output, Output) = (kk.into(), want.into());
    assert_same(&args, &want, &kk);
    assert_eq!(
        kk.stdout,
        "tick 1\ntick 2\ntick 3\ntick 4\ntick 5\ntick 6\nend"
    );
}

fn ticker(name: &str, lines: u32) -> String {
    format!(
        r#"
apiVersion: v1
kind: Pod
metadata: {{name: {name}, labels: {{app: dyn}}}}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'for i in $(seq 1 {lines}); do echo {name} $i; sleep 0.1; done']
"#
    )
}

#[test]
fn selector_follow_picks_up_new_pods() {
    let env = TestEnv::sim("logs-dyn");
    env.seed(&ticker("first", 30));
    let mut child = Command::new(kk_bin())
        .args(["logs", "-f", "-l", "app=dyn", "--prefix", "-n", env.ns()])
        .env("KUBECONFIG", env.path("kubeconfig"))
        .env("HOME", env.path("home"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kk");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    let mut read = |lines: &mut Vec<String>| {
        let mut l = String::new();
        let n = out.read_line(&mut l).expect("read kk");
        (n > 0).then(|| lines.push(l.clone())).is_some()
    };
    // Once `first` streams, a second pod appears; kk must follow it within 2 s.
    assert!(read(&mut lines), "kk ended early");
    env.seed(&ticker("second", 5));
    let created = Instant::now();
    while !lines.iter().any(|l| l.starts_with("[pod/second/c] ")) {
        assert!(read(&mut lines), "kk ended before following the new pod");
    }
    assert!(
        created.elapsed() < Duration::from_secs(2),
        "the new pod's first line took {:?}",
        created.elapsed()
    );
    // Both pods finish: kk ends by itself, each pod's lines once and in order.
    while read(&mut lines) {}
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(status.success(), "kk failed: {err}");
    for (pod, n) in [("first", 30), ("second", 5)] {
        let prefix = format!("[pod/{pod}/c] ");
        let got: Vec<String> = lines
            .iter()
            .filter_map(|l| l.strip_prefix(&prefix))
            .map(str::to_string)
            .collect();
        let want: Vec<String> = (1..=n).map(|i| format!("{pod} {i}\n")).collect();
        assert_eq!(got, want, "lines of {pod}");
    }
}

/// Workloads and services whose pods `TYPE/NAME` targets pick from, with known logs.
pub const WORKLOADS: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: c, image: busybox, command: [sh, -c, 'echo hello from c; sleep 3600']}
      - {name: d, image: busybox, command: [sh, -c, 'echo hello from d; sleep 3600']}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: one}
spec:
  replicas: 1
  selector: {matchLabels: {app: one}}
  template:
    metadata: {labels: {app: one}}
    spec:
      containers:
      - {name: c, image: busybox, command: [sh, -c, 'echo only one; sleep 3600']}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: zero}
spec:
  replicas: 0
  selector: {matchLabels: {app: zero}}
  template:
    metadata: {labels: {app: zero}}
    spec:
      containers:
      - {name: c, image: busybox}
---
apiVersion: batch/v1
kind: Job
metadata: {name: job}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: c, image: busybox, command: [sh, -c, 'echo job done']}
---
apiVersion: v1
kind: Service
metadata: {name: websvc}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: nosel}
spec:
  ports: [{port: 80}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cj}
spec:
  schedule: "0 0 1 1 *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: busybox}]
"#;

/// A namespace with [`WORKLOADS`] running (the job finished).
pub fn workloads(name: &str) -> TestEnv {
    let env = TestEnv::sim(name);
    env.seed(WORKLOADS);
    wait(
        &env,
        &[
            "--for=condition=Available",
            "deployment/web",
            "deployment/one",
        ],
    );
    wait(&env, &["--for=condition=Complete", "job/job"]);
    env
}

#[test]
fn logs_of_workloads_match_kubectl() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = workloads("logs-workloads");
    for args in [
        // The pod kubectl picks, with its "Found N pods" and "Defaulted container" notices.
        &["logs", "deploy/web"][..],
        &["logs", "deployment/web", "-c", "d"],
        &["logs", "deploy/one"],
        &["logs", "deploy/one", "--all-pods"],
        &["logs", "svc/websvc", "c"],
        &["logs", "job/job"],
        // Errors.
        &["logs", "svc/nosel"],
        &["logs", "cronjob/cj"],
        &["logs", "deploy/nope"],
        &["logs", "nosuchtype/x"],
        &["logs", "deploy/web/x"],
        &["logs", "deploy/web", "-c", "nope"],
        &["logs", "deploy/web", "--since=-1s"],
        &["logs", "deploy/zero", "--pod-running-timeout=1s"],
    ] {
        env.parity_ns(args);
    }
    // Several pods or containers: kubectl reads them in Go map order (its requests are a
    // map keyed by container reference), so the order of the blocks is random there.
    parity_unordered(&env, &["logs", "deploy/web", "--all-containers"]);
    parity_unordered(&env, &["logs", "deploy/web", "--all-pods"]);
    parity_unordered(
        &env,
        &["logs", "deploy/web", "--all-pods", "--all-containers"],
    );
}

#[test]
fn logs_follow_all_pods_of_a_workload_sees_new_pods() {
    let env = workloads("logs-all-pods-follow");
    let mut child = Command::new(kk_bin())
        .args(["logs", "-f", "deploy/web", "--all-pods", "-n", env.ns()])
        .env("KUBECONFIG", env.path("kubeconfig"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut seen = std::collections::BTreeSet::new();
    let mut line = String::new();
    while seen.len() < 2 {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "kk ended early");
        assert!(line.ends_with("/c] hello from c\n"), "{line:?}");
        seen.insert(line.clone());
    }
    // A third replica is followed from its first line.
    kubectl(&env, &["scale", "deployment/web", "--replicas=3"]).success();
    let deadline = Instant::now() + Duration::from_secs(20);
    while seen.len() < 3 {
        assert!(Instant::now() < deadline, "the new pod was not followed");
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "kk ended early");
        seen.insert(line.clone());
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
