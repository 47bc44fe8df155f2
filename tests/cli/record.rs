//! kubectl's deprecated `--record` on the verbs that write whole objects or metadata
//! (annotate, label, apply, create, edit, patch, replace): `--record[=true]` writes the
//! command line into `kubernetes.io/change-cause` exactly where and when kubectl does —
//! annotate before its own changes (an explicit change-cause wins), label after, create and
//! replace after `--save-config`, apply before the last-applied annotation (so it lands in
//! it), patch as a second merge patch — `--record=false` and no flag leave an existing cause
//! alone, and any use prints cobra's deprecation line. Compared on the server objects.

use crate::write_pair::Pair;

const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1}\ndata: {a: '1'}\n";

/// Every ConfigMap's data and annotations, one line each.
const STATE: &[&str] = &[
    "get",
    "cm",
    "-o",
    r#"jsonpath={range .items[*]}{.metadata.name}: {.data} {.metadata.annotations}{"\n"}{end}"#,
];

#[test]
fn metadata_verbs_record() {
    let Some(p) = Pair::new("record-meta") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes())
        .setup(&["create", "-f", "cm.yaml"]);
    let out = p.parity(&["label", "cm", "c1", "x=1", "--record"]);
    assert_eq!(
        out.stderr,
        "Flag --record has been deprecated, --record will be removed in the future\n"
    );
    p.same_state(STATE);
    // The cause alone changes the object ("labeled"/"unlabeled" by its length).
    p.parity(&["label", "cm", "c1", "x=1", "--record"]);
    p.parity(&["label", "cm", "c1", "y=1"]);
    p.parity(&["label", "cm", "c1", "z=1", "--record=false"]);
    p.same_state(STATE);
    p.parity(&["annotate", "cm", "c1", "a=b", "--record"]);
    p.same_state(STATE);
    // An explicit change-cause wins over the recorded one, without --overwrite.
    p.parity(&[
        "annotate",
        "cm",
        "c1",
        "kubernetes.io/change-cause=mine",
        "--record",
    ]);
    p.same_state(STATE);
    // Client dry runs record nothing.
    p.parity(&[
        "annotate",
        "cm/c1",
        "b=c",
        "--record",
        "--dry-run=client",
        "-o",
        "jsonpath={.metadata.annotations}",
    ]);
    p.parity(&[
        "label",
        "cm/c1",
        "w=1",
        "--record",
        "--dry-run=server",
        "-o",
        "name",
    ]);
    p.same_state(STATE);
}

#[test]
fn object_verbs_record() {
    let Some(p) = Pair::new("record-objects") else {
        return;
    };
    let cm = |name: &str, a: &str| {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata: {{a: '{a}'}}\n")
    };
    p.write("c1.yaml", cm("c1", "1").as_bytes())
        .write("c2.yaml", cm("c2", "1").as_bytes())
        .write("c2b.yaml", cm("c2", "2").as_bytes())
        .write("c3.yaml", cm("c3", "1").as_bytes())
        .write("ed.sh", b"sed -i 's/^  a: \"1\"$/  a: \"9\"/' \"$1\"\n");
    // create: after --save-config (the cause is not in last-applied).
    p.parity(&["create", "-f", "c1.yaml", "--record", "--save-config"]);
    p.parity(&["create", "-f", "c3.yaml", "--record=false"]);
    // apply: first (the cause is part of the applied configuration); the same file again
    // is "configured" only when the cause changes.
    p.parity(&["apply", "-f", "c2.yaml", "--record"]);
    p.parity(&["apply", "-f", "c2.yaml", "--record"]);
    p.parity(&["apply", "-f", "c2b.yaml"]);
    p.parity(&["apply", "-f", "c3.yaml", "--server-side", "--record"]);
    p.same_state(STATE);
    // patch: a second merge patch, skipped when the cause is already there.
    p.parity(&[
        "patch",
        "cm",
        "c1",
        "-p",
        r#"{"data":{"b":"2"}}"#,
        "--record",
    ]);
    p.parity(&[
        "patch",
        "cm",
        "c1",
        "-p",
        r#"{"data":{"b":"2"}}"#,
        "--record",
    ]);
    p.parity(&[
        "patch",
        "cm",
        "c3",
        "-p",
        r#"{"data":{"b":"2"}}"#,
        "--record",
        "--dry-run=client",
        "-o",
        "jsonpath={.metadata.annotations}",
    ]);
    p.same_state(STATE);
    // edit: after --save-config, on what was edited.
    p.parity_env(
        &["edit", "cm/c3", "--record", "--save-config"],
        &[("KUBE_EDITOR", "sh [DIR]/ed.sh")],
    );
    // (The saved configuration of an edit holds the resourceVersion: compare the rest.)
    p.same_state(&[
        "get",
        "cm",
        "-o",
        r#"jsonpath={range .items[*]}{.metadata.name}: {.data} {.metadata.annotations.kubernetes\.io/change-cause}{"\n"}{end}"#,
    ]);
}
