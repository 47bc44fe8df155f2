//! `kk label` and `kk annotate` against kubectl 1.33 on kk-sim: setting, overwriting and
//! removing keys, the labeled/unlabeled/not labeled words, --list, selectors, --all, dry
//! runs, -o, --resource-version and every argument error — outputs and the labels left.

use crate::write_pair::Pair;

const LABELS: &[&str] = &[
    "get",
    "cm",
    "c1",
    "c2",
    "-o",
    "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels} {.metadata.annotations}{\"\\n\"}{end}",
];

#[test]
fn label_set_overwrite_remove_and_list() {
    let Some(p) = Pair::new("label-forms") else {
        return;
    };
    p.setup(&["create", "configmap", "c1"])
        .setup(&["create", "configmap", "c2"]);
    p.parity(&["label", "cm", "c1", "a=1"]);
    let conflict = p.parity(&["label", "cm", "c1", "a=2"]);
    assert_eq!(
        conflict.stderr,
        "error: 'a' already has a value (1), and --overwrite is false\n"
    );
    p.parity(&["label", "cm", "c1", "a=1"]);
    p.parity(&["label", "cm", "c1", "a=2", "--overwrite"]);
    p.parity(&["label", "cm", "c1", "a-"]);
    p.parity(&["label", "cm", "c1", "a-"]);
    p.parity(&["label", "cm/c1", "configmap/c2", "b=1", "-o", "name"]);
    // --list prints in Go map order (random), so list a single label.
    p.parity(&["label", "cm", "c1", "--list"]);
    p.parity(&["label", "cm", "-l", "b=1", "c=1"]);
    p.parity(&["label", "cm", "c1", "q=1", "--dry-run=client"]);
    p.parity(&["label", "cm", "c1", "q=1", "--dry-run=server"]);
    p.parity(&["label", "cm", "c2", "y=1", "-o", "yaml"]);
    p.parity(&["label", "cm", "c2", "y=2", "--overwrite", "-o", "json"]);
    p.parity(&[
        "label",
        "cm",
        "c2",
        "y=3",
        "--overwrite",
        "--dry-run=server",
        "-o",
        "yaml",
        "--show-managed-fields",
    ]);
    p.parity(&["label", "cm", "--all", "z=1"]);
    let state = p.same_state(LABELS);
    assert!(
        state
            .stdout
            .contains("c2 {\"b\":\"1\",\"c\":\"1\",\"y\":\"2\",\"z\":\"1\"}"),
        "{state}"
    );
}

#[test]
fn label_errors() {
    let Some(p) = Pair::new("label-errors") else {
        return;
    };
    p.setup(&["create", "configmap", "c1"])
        .setup(&["create", "configmap", "c2"]);
    for args in [
        &["label"][..],
        &["label", "a=1"],
        &["label", "cm", "c1"],
        &["label", "cm", "c1", "a=1", "a-"],
        &["label", "cm", "nope", "a=1"],
        &["label", "cm", "c1", "a=b=c"],
        &["label", "cm", "c1", "a=b c"],
        &["label", "cm", "c1", "bad key=1"],
        &["label", "cm", "c1", "c2", "q=1", "--resource-version=1"],
        &["label", "cm", "c1", "q=1", "--resource-version=1"],
        &["label", "cm", "--all", "-l", "x=y", "q=1"],
        &["label", "cm", "c1", "x=1", "y"],
        &["label", "cm", "c1", "c2", "--list", "-o", "name"],
        &["label", "cm", "c1", "q=1", "-o", "bogus"],
    ] {
        assert_eq!(p.parity(args).code, 1, "{args:?}");
    }
    p.same_state(LABELS);
}

#[test]
fn annotate_forms_and_errors() {
    let Some(p) = Pair::new("annotate") else {
        return;
    };
    p.setup(&["create", "configmap", "c1"])
        .setup(&["create", "configmap", "c2"]);
    p.parity(&["annotate", "cm", "c1", "note=hello world"]);
    let out = p.parity(&["annotate", "cm", "c1", "note=x"]);
    assert_eq!(
        out.stderr,
        "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world)\n"
    );
    p.parity(&["annotate", "cm", "c1", "note=hello world"]);
    p.parity(&["annotate", "cm", "c1", "note=x", "--overwrite"]);
    p.parity(&["annotate", "cm", "c1", "note-"]);
    p.parity(&["annotate", "cm", "c1", "note-"]);
    p.parity(&["annotate", "cm", "c1", "url=http://x/?a=b"]);
    p.parity(&["annotate", "cm", "c1", "--list"]);
    p.parity(&["annotate", "cm", "c1", "c2", "w=1", "-o", "name"]);
    // Two objects failing: kubectl's aggregate lines carry no `error: ` prefix.
    let many = p.parity(&["annotate", "cm", "c1", "c2", "w=2"]);
    assert!(many.stderr.starts_with("--overwrite is false"), "{many}");
    p.parity(&[
        "annotate",
        "cm",
        "c1",
        "d=1",
        "--dry-run=client",
        "-o",
        "name",
    ]);
    for args in [
        &["annotate", "cm", "c1"][..],
        &["annotate", "cm", "c1", "=x"],
        &["annotate", "cm", "c1", "a=1", "a-"],
        &["annotate", "cm", "nope", "a=1"],
    ] {
        assert_eq!(p.parity(args).code, 1, "{args:?}");
    }
    p.same_state(LABELS);
}
