//! `kk apply set-last-applied` and `kk apply edit-last-applied` against kubectl 1.33 on
//! kk-sim: the annotation created, set, left alone when it already matches, edited in a
//! scripted editor — outputs and the annotations left.

use crate::edit::{edit_with, pair};

const STATE: &[&str] = &[
    "get",
    "cm",
    "-o",
    "jsonpath={range .items[*]}{.metadata.name} {.data} {.metadata.annotations}{\"\\n\"}{end}",
];

const C1: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: c1
data:
  a: \"5\"
";

#[test]
fn set_last_applied() {
    let Some(p) = pair("set-last-applied") else {
        return;
    };
    p.write("c1.yaml", C1.as_bytes()).write(
        "nope.yaml",
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nope\n",
    );
    for args in [
        &["apply", "set-last-applied"][..],
        &["apply", "set-last-applied", "-f", "c1.yaml"],
        &[
            "apply",
            "set-last-applied",
            "-f",
            "nope.yaml",
            "--create-annotation",
        ],
        &[
            "apply",
            "set-last-applied",
            "-f",
            "c1.yaml",
            "--dry-run=bogus",
        ],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(STATE);
    p.parity(&[
        "apply",
        "set-last-applied",
        "-f",
        "c1.yaml",
        "--create-annotation",
        "--dry-run=client",
    ]);
    p.parity(&[
        "apply",
        "set-last-applied",
        "-f",
        "c1.yaml",
        "--create-annotation",
        "--dry-run=server",
        "-o",
        "name",
    ]);
    p.same_state(STATE);
    let out = p.parity(&[
        "apply",
        "set-last-applied",
        "-f",
        "c1.yaml",
        "--create-annotation",
    ]);
    assert_eq!(out.stdout, "configmap/c1 configured\n");
    let out = p.parity(&["apply", "set-last-applied", "-f", "c1.yaml"]);
    assert_eq!(out.stdout, "set-last-applied c1: no changes required.\n");
    p.parity(&["apply", "view-last-applied", "cm", "c1"]);
    p.same_state(STATE);
}

#[test]
fn edit_last_applied() {
    let Some(p) = pair("edit-last-applied") else {
        return;
    };
    p.write("c1.yaml", C1.as_bytes()).setup(&[
        "apply",
        "set-last-applied",
        "-f",
        "c1.yaml",
        "--create-annotation",
    ]);
    // No annotation anywhere: kubectl's advice.
    let out = edit_with(&p, &["apply", "edit-last-applied", "cm", "c2"], &[]);
    assert_eq!(out.code, 1);
    // No change; a change (only the annotation moves); JSON.
    let out = edit_with(&p, &["apply", "edit-last-applied", "cm/c1"], &[]);
    assert_eq!(out.stderr, "Edit cancelled, no changes made.\n");
    p.same_file("seen-1");
    let out = edit_with(
        &p,
        &["apply", "edit-last-applied", "cm", "c1", "c2"],
        &[r#"s/^  a: "5"$/  a: "6"/"#],
    );
    assert_eq!(out.stdout, "configmap/c1 edited\n");
    p.same_file("seen-1");
    edit_with(
        &p,
        &["apply", "edit-last-applied", "cm", "c1", "-o", "json"],
        &[r#"s/"a": "6"/"a": "7"/"#],
    );
    p.same_state(STATE);
}
