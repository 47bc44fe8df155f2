//! kubectl's deprecated `--record` on the verbs that write whole objects or metadata
//! (annotate, label, apply, create, edit, patch, replace): `--record[=true]` writes the
//! command line into `kubernetes.io/change-cause` exactly where and when kubectl does —
//! annotate before its own changes (an explicit change-cause wins), label after, create and
//! replace after `--save-config`, apply before the last-applied annotation (so it lands in
//! it), patch as a second merge patch — `--record=false` and no flag leave an existing cause
//! alone, and any use prints cobra's deprecation line. Compared on the server objects.

use crate::write_pair::Pair;

const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1}\ndata: {a: '1'}\n";

/// Every ConfigMap's annotations, one line each.
const ANNOTATIONS: &[&str] = &[
    "get",
    "cm",
    "-o",
    r#"jsonpath={range .items[*]}{.metadata.name}: {.metadata.annotations}{"\n"}{end}"#,
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
    p.same_state(ANNOTATIONS);
    // The cause alone changes the object ("labeled"/"unlabeled" by its length).
    p.parity(&["label", "cm", "c1", "x=1", "--record"]);
    p.parity(&["label", "cm", "c1", "y=1"]);
    p.parity(&["label", "cm", "c1", "z=1", "--record=false"]);
    p.same_state(ANNOTATIONS);
    p.parity(&["annotate", "cm", "c1", "a=b", "--record"]);
    p.same_state(ANNOTATIONS);
    // An explicit change-cause wins over the recorded one, without --overwrite.
    p.parity(&[
        "annotate",
        "cm",
        "c1",
        "kubernetes.io/change-cause=mine",
        "--record",
    ]);
    p.same_state(ANNOTATIONS);
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
    p.same_state(ANNOTATIONS);
}
