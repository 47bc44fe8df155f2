//! `kk rollout` against kubectl 1.33 on kk-sim, step by step on identical namespaces: the
//! tutorial flow of a Deployment (status, history and its revisions, a rollout that never
//! becomes ready, undo, undo --to-revision, pause, resume, restart), the same for a
//! DaemonSet and a StatefulSet (history and undo through ControllerRevisions), each
//! rollback restoring exactly that revision's template, and every bad input.

use crate::common::Output;
use crate::write_pair::Pair;

const DEPLOY: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  progressDeadlineSeconds: 600
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.24", ports: [{containerPort: 80}]}]}
"#;

const TEMPLATE: &[&str] = &["get", "deploy", "web", "-o", "jsonpath={.spec.template}"];

/// kubectl's and kk's `rollout status` during a rollout print a timing-dependent number of
/// progress lines: compare the exit code, stderr and the last line.
#[track_caller]
fn status_parity(p: &Pair, args: &[&str]) -> Output {
    p.parity_map(args, |s| {
        s.lines()
            .last()
            .map(|l| format!("{l}\n"))
            .unwrap_or_default()
    })
}

#[test]
fn deployment_tutorial_flow() {
    let Some(p) = Pair::new("rollout-deploy") else {
        return;
    };
    p.write("web.yaml", DEPLOY.as_bytes())
        .setup(&["apply", "-f", "web.yaml"]);
    status_parity(&p, &["rollout", "status", "deployment/web"]);
    p.parity(&["rollout", "status", "deploy/web", "--watch=false"]);
    p.parity(&["rollout", "history", "deployment/web"]);
    p.setup(&["set", "image", "deployment/web", "web=nginx:1.25"]);
    status_parity(&p, &["rollout", "status", "deployment/web", "--timeout=2m"]);
    p.setup(&[
        "annotate",
        "deployment/web",
        "kubernetes.io/change-cause=to 1.25",
    ]);
    // The controller copies the change-cause to the current ReplicaSet.
    p.setup(&["rollout", "status", "deployment/web"]);
    p.parity(&["rollout", "history", "deployment/web"]);
    p.parity(&["rollout", "history", "deployment/web", "--revision=1"]);
    p.parity(&["rollout", "history", "deployment/web", "--revision=2"]);
    p.parity(&[
        "rollout",
        "history",
        "deployment/web",
        "--revision=2",
        "-o",
        "yaml",
    ]);
    // The ReplicaSets as kubectl's typed client prints them (Go's field order).
    p.parity(&["rollout", "history", "deployment/web", "-o", "json"]);
    p.parity(&[
        "rollout",
        "history",
        "deployment/web",
        "--revision=1",
        "-o",
        "json",
    ]);
    p.parity(&["rollout", "history", "deployment/web", "--revision=9"]);
    // A template that never becomes ready.
    p.setup(&["set", "image", "deployment/web", "web=nginx:unready"]);
    status_parity(&p, &["rollout", "status", "deployment/web", "--timeout=3s"]);
    p.parity(&["rollout", "undo", "deployment/web", "--dry-run=client"]);
    p.parity(&["rollout", "undo", "deployment/web"]);
    status_parity(&p, &["rollout", "status", "deployment/web", "--timeout=2m"]);
    p.same_state(TEMPLATE);
    p.parity(&["rollout", "history", "deployment/web"]);
    p.parity(&["rollout", "undo", "deployment/web", "--to-revision=1"]);
    p.setup(&["rollout", "status", "deployment/web"]);
    let state = p.same_state(TEMPLATE);
    assert!(state.stdout.contains("nginx:1.24"), "{state}");
    p.parity(&["rollout", "undo", "deployment/web", "--to-revision=5"]);
    p.parity(&["rollout", "undo", "deployment/web", "--to-revision=42"]);
    p.parity(&["rollout", "pause", "deployment/web"]);
    p.parity(&["rollout", "pause", "deployment/web"]);
    p.parity(&["rollout", "undo", "deployment/web"]);
    p.parity(&["rollout", "restart", "deployment/web"]);
    p.setup(&["set", "image", "deployment/web", "web=nginx:1.26"]);
    p.parity(&["rollout", "status", "deployment/web", "--watch=false"]);
    p.parity(&["rollout", "resume", "deployment/web", "-o", "name"]);
    p.parity(&["rollout", "resume", "deployment/web"]);
    status_parity(&p, &["rollout", "status", "deployment/web", "--timeout=2m"]);
    p.parity(&["rollout", "restart", "deployment/web"]);
    let restarted = p.same_state(&[
        "get",
        "deploy",
        "web",
        "-o",
        "jsonpath={.spec.template.metadata.annotations}",
    ]);
    assert!(
        restarted
            .stdout
            .contains("kubectl.kubernetes.io/restartedAt"),
        "{restarted}"
    );
    status_parity(&p, &["rollout", "status", "deployment/web", "--timeout=2m"]);
    p.parity(&["rollout", "status", "deployment/web", "--revision=1"]);
    p.parity(&["scale", "deployment/web", "--replicas=3"]);
    p.parity(&["scale", "deployment/web", "--replicas=1"]);
    p.parity(&["rollout", "history", "deployment/web"]);
}

const DAEMON: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  selector: {matchLabels: {app: ds}}
  template:
    metadata: {labels: {app: ds}}
    spec: {containers: [{name: c, image: "nginx:1.24"}]}
"#;

const STATEFUL: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: "nginx:1.24"}]}
"#;

#[test]
fn daemon_set_and_stateful_set_flows() {
    let Some(p) = Pair::new("rollout-cr") else {
        return;
    };
    p.write("ds.yaml", DAEMON.as_bytes())
        .write("sts.yaml", STATEFUL.as_bytes())
        .setup(&["apply", "-f", "ds.yaml"])
        .setup(&["apply", "-f", "sts.yaml"]);
    for w in ["daemonset/ds", "statefulset/db"] {
        status_parity(&p, &["rollout", "status", w, "--timeout=2m"]);
        p.parity(&["rollout", "history", w]);
        p.parity(&["rollout", "undo", w]);
        p.setup(&["set", "image", w, "c=nginx:1.25"]);
        status_parity(&p, &["rollout", "status", w, "--timeout=2m"]);
        p.parity(&["rollout", "history", w]);
        p.parity(&["rollout", "history", w, "--revision=1"]);
        p.parity(&["rollout", "history", w, "--revision=1", "-o", "yaml"]);
        p.parity(&["rollout", "history", w, "--revision=2", "-o", "json"]);
        p.parity(&["rollout", "history", w, "-o", "json"]);
        p.parity(&["rollout", "undo", w, "--dry-run=client"]);
        p.parity(&["rollout", "undo", w, "--to-revision=2"]);
        p.parity(&["rollout", "undo", w, "--to-revision=7"]);
        p.parity(&["rollout", "undo", w]);
        status_parity(&p, &["rollout", "status", w, "--timeout=2m"]);
        let image = p.same_state(&[
            "get",
            w,
            "-o",
            "jsonpath={.spec.template.spec.containers[0].image}",
        ]);
        assert_eq!(image.stdout, "nginx:1.24");
        p.parity(&["rollout", "history", w]);
        p.parity(&["rollout", "restart", w]);
        p.parity(&["rollout", "pause", w]);
        p.parity(&["rollout", "resume", w]);
    }
    p.parity(&["rollout", "status", "daemonset", "--watch=false"]);
}

#[test]
fn rollout_bad_input() {
    let Some(p) = Pair::new("rollout-bad") else {
        return;
    };
    p.setup(&["create", "configmap", "cm"]).setup(&[
        "create",
        "deployment",
        "web",
        "--image=nginx",
    ]);
    for args in [
        &["rollout", "status"][..],
        &["rollout", "status", "deployment/web", "--revision=-1"],
        &["rollout", "status", "configmap/cm"],
        &["rollout", "status", "deployment/ghost"],
        &["rollout", "history"],
        &["rollout", "history", "configmap/cm"],
        &["rollout", "history", "deployment/web", "--revision=-2"],
        &["rollout", "history", "deployment/web", "-o", "wide"],
        &["rollout", "undo"],
        &["rollout", "undo", "configmap/cm"],
        &["rollout", "undo", "deployment/web"],
        &["rollout", "undo", "deployment/web", "--to-revision=-1"],
        &["rollout", "undo", "deployment/web", "--dry-run=bogus"],
        &["rollout", "pause", "configmap/cm"],
        &["rollout", "resume", "deployment/web"],
        &["rollout", "restart", "configmap/cm", "deployment/ghost"],
        &["rollout", "pause"],
        &["rollout", "bogus"],
    ] {
        let out = p.parity(args);
        assert_ne!(out.code, 0, "{args:?}: {out}");
    }
    p.parity(&["rollout", "pause", "deployment", "-l", "app=none"]);
    p.parity(&["rollout", "history", "deployment", "-l", "app=none"]);
}

/// kubectl's deprecated `--record`: the command line (program, words, then each flag as
/// `--name=value`) in `kubernetes.io/change-cause` of what each verb changes or creates —
/// and so in `rollout history` — with cobra's deprecation line on stderr.
#[test]
fn record_writes_the_change_cause() {
    let Some(p) = Pair::new("rollout-record") else {
        return;
    };
    p.write("web.yaml", DEPLOY.as_bytes())
        .setup(&["apply", "-f", "web.yaml"])
        .setup(&["create", "service", "clusterip", "s1", "--tcp=80"]);
    let out = p.parity(&["set", "image", "deploy/web", "web=nginx:1.25", "--record"]);
    assert_eq!(
        out.stderr,
        "Flag --record has been deprecated, --record will be removed in the future\n"
    );
    // The same image again: the cause alone is a change, so it is sent and reported.
    p.parity(&["set", "image", "deploy/web", "web=nginx:1.25", "--record"]);
    p.parity(&[
        "set",
        "resources",
        "deployment",
        "web",
        "-c=web",
        "--limits=cpu=300m",
        "--record=true",
    ]);
    p.parity(&["set", "sa", "deploy/web", "default", "--record"]);
    p.parity(&["set", "selector", "svc/s1", "a=b", "--record"]);
    p.parity(&["scale", "deploy/web", "--replicas", "1", "--record"]);
    p.parity(&["expose", "deploy/web", "--name=ex", "--port=80", "--record"]);
    p.parity(&[
        "run",
        "rp",
        "--image=nginx",
        "--record",
        "--",
        "sh",
        "-c",
        "true",
    ]);
    p.parity(&["autoscale", "deploy/web", "--max=3", "--record"]);
    p.parity(&[
        "set",
        "image",
        "deploy/web",
        "web=nginx:1.26",
        "--record=false",
    ]);
    p.parity(&[
        "set",
        "image",
        "deploy/web",
        "web=nginx:1.27",
        "--record",
        "--dry-run=client",
        "-o",
        "jsonpath={.metadata.annotations}",
    ]);
    p.setup(&["rollout", "status", "deployment/web", "--timeout=2m"]);
    p.parity(&["rollout", "history", "deployment/web"]);
    let causes = p.same_state(&[
        "get",
        "deploy,svc,pod,hpa",
        "-o",
        r#"jsonpath={range .items[*]}{.kind} {.metadata.name}: {.metadata.annotations.kubernetes\.io/change-cause}{"\n"}{end}"#,
    ]);
    assert!(
        causes.stdout.contains(
            "Pod rp: kk run rp sh -c true --namespace=[NS] --image=nginx --record=true\n"
        ),
        "{causes}"
    );
}

/// On a terminal `rollout status` redraws one block in place (kk only) and ends as kubectl's
/// final line; a stuck rollout keeps the stuck pod and its newest event under kubectl's last
/// line. (Into a pipe it prints kubectl's lines: the parity tests above.)
#[test]
fn status_on_a_terminal_is_one_live_block() {
    use crate::common::pty::Pty;
    use crate::common::{TestEnv, kk_bin};

    let env = TestEnv::sim("rollout-live");
    env.seed(DEPLOY);
    let status = |args: &[&str]| {
        let mut all = vec!["rollout", "status", "deployment/web", "-n", env.ns()];
        all.extend(args);
        let mut pty = Pty::spawn(env.command(&kk_bin(), &all), 30, 120);
        let code = pty.wait();
        (code, std::mem::take(&mut pty.screen))
    };
    // What is left once every redraw (`ESC[nA ESC[J`: back to the block, clear) is done,
    // colours aside.
    let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    let after_last_redraw = |screen: &str| -> String {
        let at = screen.rfind("\x1b[J").map_or(0, |i| i + 3);
        sgr.replace_all(&screen[at..], "").into_owned()
    };
    let (code, screen) = status(&["--timeout=2m"]);
    assert_eq!(code, 0, "{screen:?}");
    assert_eq!(
        after_last_redraw(&screen),
        "deployment \"web\" successfully rolled out\r\n",
        "{screen:?}"
    );

    // A crashing image never becomes ready: the block is drawn, then replaced by kubectl's
    // last line, the stuck pod and the timeout.
    env.run_kk(&[
        "set",
        "image",
        "deployment/web",
        "web=nginx:crash",
        "-n",
        env.ns(),
    ])
    .success();
    let (code, screen) = status(&["--timeout=6s"]);
    assert_eq!(code, 1, "{screen:?}");
    assert!(screen.contains("REVISION\x1b[0m  "), "{screen:?}");
    assert!(
        screen.contains("A\x1b[J"),
        "the block is redrawn in place: {screen:?}"
    );
    let end = after_last_redraw(&screen);
    assert!(
        end.starts_with("Waiting for deployment \"web\" rollout to finish: "),
        "{end:?}"
    );
    assert!(
        end.ends_with("error: timed out waiting for the condition\r\n"),
        "{end:?}"
    );
    assert!(
        !screen.contains("Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\r\nWaiting"),
        "no repeated kubectl lines on a terminal: {screen:?}"
    );
}
