//! The shared visit (`resource::visit`) through every verb on it: errors in kubectl's order
//! and shape — failures acting on objects first, then the manifests that could not be read
//! (one aggregate, `[a, b]` when nested), `error: ` only where kubectl's CheckErr adds it —
//! and the namespace check of a missing object.

use crate::write_pair::Pair;

#[test]
fn errors_in_kubectl_order_and_shape() {
    let Some(p) = Pair::new("visit-errors") else {
        return;
    };
    p.fixtures(&[
        "no-kind.yaml",
        "no-kind-2.yaml",
        "configmap.yaml",
        "multi-doc.yaml",
    ]);
    p.setup(&["create", "configmap", "c1"]);
    for args in [
        // Reading verbs wrap the visit's error once more: no `error: `.
        &["get", "-f", "no-kind.yaml"][..],
        &["get", "-f", "no-kind.yaml", "-f", "configmap.yaml"],
        &["describe", "-f", "no-kind.yaml", "-f", "configmap.yaml"],
        &["get", "cm", "nope", "-n", "kk-no-such-namespace"],
        &["describe", "cm/nope", "-n", "kk-no-such-namespace"],
        &["get", "cm", "c1", "nope", "nope2", "-o", "name"],
        // Write verbs return it as is.
        &["delete", "-f", "no-kind.yaml"],
        &["label", "-f", "no-kind.yaml", "a=b"],
        &[
            "label",
            "-f",
            "no-kind.yaml",
            "-f",
            "no-kind-2.yaml",
            "-f",
            "configmap.yaml",
            "a=b",
        ],
        &["annotate", "cm", "nope", "c1", "a=b"],
        &["create", "-f", "no-kind.yaml", "--validate=false"],
        &[
            "delete",
            "-f",
            "no-kind.yaml",
            "-f",
            "configmap.yaml",
            "-f",
            "no-kind-2.yaml",
            "-f",
            "multi-doc.yaml",
        ],
    ] {
        assert_eq!(p.parity(args).code, 1, "{args:?}");
    }
    p.same_state(&["get", "cm", "-o", "name"]);
    // --ignore-not-found drops NotFounds wherever they were met.
    p.parity(&["delete", "-f", "configmap.yaml", "--ignore-not-found"]);
    p.parity(&[
        "get",
        "cm",
        "nope",
        "-n",
        "kk-no-such-namespace",
        "--ignore-not-found",
    ]);
}

/// An object of `-f` that names another namespace than an explicit `-n` is refused alone
/// (kubectl's `RequireNamespace`, checked as each object is visited): the others are still
/// created, applied, labeled or deleted, and the refusals come at the end, exit 1. Verbs
/// that fetch first (`label`, `annotate`, `get`: `Latest()`) GET the object in its own
/// namespace, so a missing one is a NotFound and an existing one is refused.
#[test]
fn namespace_mismatch_refuses_that_object_only() {
    let Some(p) = Pair::new("visit-ns-mismatch") else {
        return;
    };
    let manifest = "apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-root-ca.crt, namespace: default}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: d, namespace: kk-no-such-namespace}
";
    p.write("m.yaml", manifest.as_bytes());
    for (args, code) in [
        (&["create", "-f", "m.yaml"][..], 1),
        (&["apply", "-f", "m.yaml"], 1),
        (&["label", "-f", "m.yaml", "x=y"], 1),
        (&["annotate", "-f", "m.yaml", "x=y", "-o", "name"], 1),
        (&["get", "-f", "m.yaml"], 1),
        (&["describe", "-f", "m.yaml"], 1),
        (&["delete", "-f", "m.yaml"], 1),
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, code, "{args:?}: {out}");
    }
    p.same_state(&[
        "get",
        "cm",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels}{\"\\n\"}{end}",
    ]);
}
