//! `kk wait` against kubectl 1.33 on kk-sim: conditions (default and explicit values, case
//! folding), JSONPath values and presence, `--for=create` and `--for=delete` released by a
//! change made while waiting, selectors and `--all`, `-o`, timeouts (zero: check once) and
//! every malformed `--for`.

use std::thread;
use std::time::Duration;

use crate::write_pair::Pair;

const PODS: &str = r#"apiVersion: v1
kind: Pod
metadata: {name: p1, labels: {app: w}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: p2, labels: {app: w}}
spec: {containers: [{name: c, image: nginx}]}
"#;

#[test]
fn wait_conditions_jsonpath_and_selectors() {
    let Some(p) = Pair::new("wait") else {
        return;
    };
    p.write("pods.yaml", PODS.as_bytes())
        .setup(&["apply", "-f", "pods.yaml"]);
    p.parity(&["wait", "--for=condition=Ready", "pod/p1", "--timeout=60s"]);
    p.parity(&["wait", "--for=condition=ready=TRUE", "pod", "p1", "p2"]);
    p.parity(&["wait", "--for=condition=Ready", "pods", "--all"]);
    p.parity(&[
        "wait",
        "--for=condition=Ready",
        "pods",
        "-l",
        "app=w",
        "-o",
        "name",
    ]);
    p.parity(&[
        "wait",
        "--for=jsonpath={.status.phase}=Running",
        "-f",
        "pods.yaml",
    ]);
    p.parity(&["wait", "--for=jsonpath={.status.phase}", "pod/p1"]);
    p.parity(&[
        "wait",
        "--for=jsonpath=.spec.containers[0].name=c",
        "pod/p1",
    ]);
    p.parity(&[
        "wait",
        "--for=jsonpath={.metadata.name}",
        "pod/p1",
        "-o",
        "jsonpath={.metadata.labels.app}",
    ]);
    p.parity(&["wait", "--for=create", "pod/p2"]);
    p.parity(&[
        "wait",
        "--for=condition=Ready=false",
        "pod/p1",
        "--timeout=0",
    ]);
    p.parity(&["wait", "--for=condition=Nope", "pod/p1", "--timeout=1s"]);
    p.parity(&[
        "wait",
        "--for=jsonpath={.spec.containers}=x",
        "pod/p1",
        "--timeout=0",
    ]);
    p.parity(&["wait", "--for=condition=Ready", "pod/ghost", "pod/p1"]);
    p.parity(&["wait", "--for=delete", "pod/ghost"]);
    p.parity(&["wait", "--for=condition=Ready", "pods", "-l", "app=none"]);
    p.parity(&["wait", "--for=create", "configmap/late", "--timeout=1s"]);
}

const HELD: &str =
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, finalizers: [example.com/hold]}\n";

#[test]
fn wait_released_by_delete_and_create() {
    let Some(p) = Pair::new("wait-events") else {
        return;
    };
    p.write("held.yaml", HELD.as_bytes())
        .setup(&["apply", "-f", "held.yaml"])
        .setup(&["delete", "configmap", "held", "--wait=false"]);
    // Held by its finalizer, the object is not deleted within the timeout.
    p.parity(&["wait", "--for=delete", "configmap/held", "--timeout=1s"]);
    let deleted = p.start(&["wait", "--for=delete", "configmap/held", "--timeout=60s"]);
    let created = p.start(&["wait", "--for=create", "configmap/late", "--timeout=60s"]);
    // A head start for both (their first look) before the changes that release them.
    thread::sleep(Duration::from_secs(1));
    p.setup(&[
        "patch",
        "configmap",
        "held",
        "--type=merge",
        "-p",
        r#"{"metadata":{"finalizers":null}}"#,
    ]);
    p.setup(&["create", "configmap", "late"]);
    assert_eq!(deleted.parity().stdout, "configmap/held condition met\n");
    assert_eq!(created.parity().stdout, "configmap/late condition met\n");
}

#[test]
fn wait_bad_input() {
    let Some(p) = Pair::new("wait-bad") else {
        return;
    };
    p.setup(&["create", "configmap", "cm"]);
    for args in [
        &["wait", "configmap/cm"][..],
        &["wait", "--for=bogus", "configmap/cm"],
        &["wait", "--for=condition=Ready"],
        &["wait", "--for=condition=Ready", "configmap"],
        &["wait", "--for=jsonpath={.data}=", "configmap/cm"],
        &["wait", "--for=jsonpath={.a}=1=2", "configmap/cm"],
        &["wait", "--for=jsonpath=", "configmap/cm"],
        &["wait", "--for=jsonpath={.a", "configmap/cm"],
        &["wait", "--for=delete", "configmap/cm", "--timeout=0"],
        &["wait", "--for=delete", "configmap/cm", "--timeout=x"],
        &[
            "wait",
            "--for=condition=Ready",
            "configmap/cm",
            "-o",
            "wide",
        ],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
}
