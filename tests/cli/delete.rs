//! `kk delete` against kubectl 1.33 on kk-sim: every way of naming objects, selectors,
//! `--all`, dry runs, grace/force rules, waiting for a running pod to go, orphaning
//! cascade, manifests, and the flag errors — outputs and the objects left behind.

use std::time::{Duration, Instant};

use crate::write_pair::Pair;

const NAMES: &[&str] = &["get", "cm", "-o", "name"];

#[test]
fn delete_by_name_type_slash_name_and_errors() {
    let Some(p) = Pair::new("del-names") else {
        return;
    };
    for c in ["c1", "c2", "c3", "c4"] {
        p.setup(&["create", "configmap", c]);
    }
    p.parity(&["delete", "configmap", "c1"]);
    p.parity(&["delete", "cm/c2", "configmap/c3", "-o", "name"]);
    // The first one goes, the missing one is reported, exit 1.
    let out = p.parity(&["delete", "cm", "c4", "nope"]);
    assert_eq!(out.code, 1);
    p.parity(&["delete", "cm", "nope", "--ignore-not-found"]);
    let out = p.same_state(NAMES);
    assert_eq!(out.stdout, "configmap/kube-root-ca.crt\n");
}

#[test]
fn delete_selectors_all_and_dry_runs() {
    let Some(p) = Pair::new("del-sel") else {
        return;
    };
    p.setup(&["create", "secret", "generic", "s1"])
        .setup(&["create", "secret", "generic", "s2"])
        .setup(&["create", "secret", "generic", "s3"])
        .setup(&["label", "secret", "s1", "s2", "app=x"]);
    p.parity(&["delete", "secrets", "-l", "app=none"]);
    p.parity(&["delete", "secrets", "--all", "--dry-run=client"]);
    p.parity(&["delete", "secret", "s3", "--dry-run=server"]);
    assert_eq!(
        p.same_state(&["get", "secrets", "-o", "name"])
            .stdout
            .lines()
            .count(),
        3
    );
    p.parity(&["delete", "secrets", "-l", "app=x"]);
    p.parity(&["delete", "secrets", "--all"]);
    let out = p.same_state(&["get", "secrets", "-o", "name"]);
    assert_eq!(out.stdout, "");
}

#[test]
fn delete_flag_errors() {
    let Some(p) = Pair::new("del-errors") else {
        return;
    };
    p.setup(&["create", "configmap", "c1"]);
    for args in [
        &["delete"][..],
        &["delete", "cm"],
        &["delete", "cm", "c1", "-o", "yaml"],
        &["delete", "cm", "c1", "--cascade=bogus"],
        &["delete", "cm", "c1", "--force", "--grace-period=3"],
        &["delete", "cm", "c1", "--now", "--grace-period=3"],
        &["delete", "cm", "c1", "--all"],
        &["delete", "cm/c1", "--all"],
        &["delete", "cm", "--all", "-l", "a=b"],
        &["delete", "cm", "c1", "-A"],
        &["delete", "cm", "c1", "--timeout=bogus"],
        &["delete", "cm", "c1", "--grace-period=abc"],
        &["delete", "cm", "c1", "--wait=maybe"],
        &[
            "delete",
            "cm",
            "--all",
            "--field-selector",
            "metadata.name=c1",
        ],
    ] {
        assert_eq!(p.parity(args).code, 1, "{args:?}");
    }
    // Nothing was deleted by any of them.
    p.same_state(&["get", "cm", "c1", "-o", "name"]).success();
    // A cluster-scoped type under -n warns first.
    p.parity(&["delete", "namespace", "kk-no-such-namespace"]);
}

#[test]
fn delete_force_grace_and_now() {
    let Some(p) = Pair::new("del-force") else {
        return;
    };
    for c in ["c1", "c2", "c3", "c4"] {
        p.setup(&["create", "configmap", c]);
    }
    let out = p.parity(&["delete", "cm", "c1", "--force"]);
    assert!(out.stdout.contains("force deleted"), "{out}");
    assert!(
        out.stderr.starts_with("Warning: Immediate deletion"),
        "{out}"
    );
    // --grace-period=0 without --force is quietly made 1.
    p.parity(&["delete", "cm", "c2", "--grace-period=0"]);
    p.parity(&["delete", "cm", "c3", "--now"]);
    p.parity(&["delete", "cm", "c4", "--cascade=foreground", "--wait=false"]);
    p.same_state(NAMES);
}

/// Poll (through kubectl) until `check` holds on both sides' `get` (the two namespaces'
/// controllers run independently), then compare them, or fail.
fn eventually(p: &Pair, args: &[&str], check: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (a, out) = p.states(args);
        if check(&a.stdout) && check(&out.stdout) {
            p.same_state(args);
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting: {args:?}\n{out}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn delete_waits_for_a_running_pod_to_go() {
    let Some(p) = Pair::new("del-wait") else {
        return;
    };
    p.setup(&["run", "p1", "--image=nginx"]);
    eventually(
        &p,
        &["get", "pod", "p1", "-o", "jsonpath={.status.phase}"],
        |s| s == "Running",
    );
    let out = p.parity(&["delete", "pod", "p1"]);
    assert_eq!(out.stdout, "pod \"p1\" deleted\n");
    // kubectl returned only once the pod was gone; so must kk have.
    let after = p.same_state(&["get", "pod", "p1", "--ignore-not-found", "-o", "name"]);
    assert_eq!(after.stdout, "");
}

#[test]
fn delete_cascade_orphan_leaves_the_pods() {
    let Some(p) = Pair::new("del-orphan") else {
        return;
    };
    p.fixtures(&["deployment.yaml"])
        .setup(&["create", "-f", "deployment.yaml"]);
    eventually(&p, &["get", "pods", "-l", "app=web", "-o", "name"], |s| {
        s.lines().count() == 2
    });
    p.parity(&["delete", "deployment", "web", "--cascade=orphan"]);
    p.same_state(&["get", "deployments", "-o", "name"]);
    let rs = p.same_state(&["get", "replicasets", "-o", "name"]);
    assert_eq!(rs.stdout.lines().count(), 1, "{rs}");
    let pods = p.same_state(&["get", "pods", "-l", "app=web", "-o", "name"]);
    assert_eq!(pods.stdout.lines().count(), 2, "{pods}");
}

#[test]
fn delete_from_manifests() {
    let Some(p) = Pair::new("del-files") else {
        return;
    };
    p.fixtures(&["multi-doc.yaml", "no-kind.yaml", "invalid.yaml"])
        .setup(&["create", "-f", "multi-doc.yaml"]);
    p.parity(&["delete", "-f", "multi-doc.yaml"]);
    assert_eq!(p.parity(&["delete", "-f", "multi-doc.yaml"]).code, 1);
    p.parity(&["delete", "-f", "multi-doc.yaml", "--ignore-not-found"]);
    p.parity(&["delete", "-f", "no-kind.yaml"]);
    p.parity(&["delete", "-f", "invalid.yaml"]);
    p.parity(&["delete", "-f", "missing.yaml"]);
    p.parity(&["delete", "-f", "multi-doc.yaml", "cm", "x"]);
}

#[test]
fn delete_timeout_while_a_finalizer_holds() {
    let Some(p) = Pair::new("del-timeout") else {
        return;
    };
    p.fixtures(&["finalizer.yaml"])
        .setup(&["create", "-f", "finalizer.yaml"]);
    let out = p.parity(&["delete", "cm", "fin", "--timeout=1s"]);
    assert_eq!(
        out.stderr,
        "error: timed out waiting for the condition on configmaps/fin\n"
    );
    p.parity(&["delete", "cm", "fin", "--wait=false"]);
    p.setup(&[
        "patch",
        "cm",
        "fin",
        "--type=merge",
        "-p",
        r#"{"metadata":{"finalizers":null}}"#,
    ]);
}
