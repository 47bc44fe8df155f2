//! `kk edit` against kubectl 1.33 on kk-sim, driven by scripted editors (`KUBE_EDITOR` is a
//! shell script that rewrites the buffer): a change, no change, several objects, JSON,
//! an invalid change fixed on the reopened buffer, a syntax error, cancelling — outputs,
//! the buffers the editor was given, and the objects left.

use crate::write_pair::Pair;

const CMS: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: c1
data:
  a: \"1\"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c2
data:
  b: \"1\"
";

/// Each pass copies the buffer it was given to `seen-<n>` next to it, then runs the
/// `sed` script of that pass (`pass-<n>.sed`; none: the buffer is left as it is).
const EDITOR: &str = r#"d=$(dirname "$1")
n=$(( $(cat "$d/passes" 2>/dev/null || echo 0) + 1 ))
echo $n > "$d/passes"
cp "$1" "$d/seen-$n"
if [ -f "$d/pass-$n.sed" ]; then sed -i -f "$d/pass-$n.sed" "$1"; fi
"#;

const CM_STATE: &[&str] = &[
    "get",
    "cm",
    "-o",
    "jsonpath={range .items[*]}{.metadata.name} {.data} {.metadata.annotations}{\"\\n\"}{end}",
];

fn pair(name: &str) -> Option<Pair> {
    let p = Pair::new(name)?;
    p.write("cms.yaml", CMS.as_bytes())
        .write("editor.sh", EDITOR.as_bytes())
        .setup(&["create", "-f", "cms.yaml"]);
    Some(p)
}

/// Run `kk edit ARGS` on both sides with the passes' sed scripts (`seen-*` and `passes`
/// from an earlier run are cleared first).
#[track_caller]
fn edit(p: &Pair, args: &[&str], passes: &[&str]) -> crate::common::Output {
    for n in 1..=3 {
        let script = passes.get(n - 1).copied().unwrap_or("");
        p.write(&format!("pass-{n}.sed"), script.as_bytes());
    }
    p.write("passes", b"0");
    let mut all = vec!["edit"];
    all.extend_from_slice(args);
    p.parity_env(&all, &[("KUBE_EDITOR", "sh [DIR]/editor.sh")])
}

#[test]
fn edit_changes_objects() {
    let Some(p) = pair("edit-change") else {
        return;
    };
    p.setup(&["create", "deployment", "web", "--image=nginx"]);
    // No change.
    let out = edit(&p, &["cm", "c1"], &[]);
    assert_eq!(out.stderr, "Edit cancelled, no changes made.\n");
    p.same_file("seen-1");
    // A change, printed as kubectl prints it and with the patch shown.
    let out = edit(&p, &["cm/c1"], &[r#"s/^  a: "1"$/  a: "2"/"#]);
    assert_eq!(out.stdout, "configmap/c1 edited\n");
    edit(
        &p,
        &["cm", "c1", "--output-patch"],
        &[r#"s/^  a: "2"$/  a: "3"\n  z: "0"/"#],
    );
    // Several objects in one List: the unchanged one is skipped.
    let out = edit(&p, &["cm", "c1", "c2"], &[r#"s/^    b: "1"$/    b: "4"/"#]);
    assert_eq!(out.stdout, "configmap/c1 skipped\nconfigmap/c2 edited\n");
    p.same_file("seen-1");
    // JSON, no header, and the object printed back.
    edit(
        &p,
        &["cm", "c2", "-o", "json"],
        &[r#"s/"b": "4"/"b": "5"/"#],
    );
    p.same_file("seen-1");
    // --save-config stores the edited object as the last applied one.
    edit(
        &p,
        &["cm", "c2", "--save-config", "-o", "name"],
        &[r#"s/^  b: "5"$/  b: "6"/"#],
    );
    p.same_state(CM_STATE);
    // A deployment: a strategic merge patch (the container merged by name, an env var added).
    edit(
        &p,
        &["deploy", "web"],
        &[
            r#"s/^      - image: nginx$/      - env:\n        - name: X\n          value: "1"\n        image: nginx:2/"#,
        ],
    );
    p.same_state(&[
        "get",
        "deploy",
        "web",
        "-o",
        "jsonpath={.spec.template.spec.containers}",
    ]);
}

#[test]
fn edit_reopens_on_errors() {
    let Some(p) = pair("edit-errors") else {
        return;
    };
    // Invalid, then fixed on the reopened buffer (which carries the server's causes).
    let out = edit(
        &p,
        &["cm", "c1"],
        &[
            r#"s/^  a: "1"$/  "a b": "1"/"#,
            r#"s/^  "a b": "1"$/  ab: "1"/"#,
        ],
    );
    assert_eq!(out.stderr, "error: configmaps \"c1\" is invalid\n");
    assert_eq!(out.stdout, "configmap/c1 edited\n");
    assert!(
        p.same_file("seen-2")
            .contains("# configmaps \"c1\" was not valid:\n# * data[a b]")
    );
    // Invalid, then left as it is: the copy is kept and named.
    let out = edit(&p, &["cm", "c1"], &[r#"s/^  ab: "1"$/  "a b": "1"/"#]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .ends_with("error: Edit cancelled, no valid changes were saved.\n")
    );
    let (kubectl, kk) = p.count_files("kk-edit-");
    assert!(
        kk > 0 && kk == kubectl,
        "the copies are kept: {kubectl} {kk}"
    );
    // A syntax error, then left as it is.
    let out = edit(&p, &["cm", "c2"], &["$a\\\n  x: [\n"]);
    assert_eq!(out.code, 1);
    p.same_file("seen-2");
    // Renaming is refused.
    edit(&p, &["cm", "c2"], &["s/^  name: c2$/  name: c9/"]);
    // Emptied: invalid to the validator, else cancelled. Without a kind: invalid too.
    edit(&p, &["cm", "c2"], &["d"]);
    p.same_file("seen-2");
    let out = edit(&p, &["cm", "c2", "--validate=false"], &["d"]);
    assert_eq!(out.stderr, "Edit cancelled, saved file was empty.\n");
    edit(&p, &["cm", "c2"], &["/^kind:/d"]);
    p.same_file("seen-2");
    edit(&p, &["cm", "c2", "--validate=ignore"], &["/^kind:/d"]);
    p.same_file("seen-2");
    p.same_state(CM_STATE);
}

#[test]
fn edit_bad_input() {
    let Some(p) = pair("edit-bad") else {
        return;
    };
    for (args, editor) in [
        (&["edit"][..], "true"),
        (&["edit", "cm", "nope"], "true"),
        (&["edit", "cm", "c1", "nope"], "true"),
        (&["edit", "cm", "c1", "-o", "name"], "true"),
        (&["edit", "cm", "c1", "--validate=bogus"], "true"),
        (&["edit", "cm", "c1"], "false"),
        (&["edit", "cm", "c1"], "no-such-editor"),
        (&["edit", "cm", "c1"], "[DIR]/no-such-editor"),
    ] {
        let out = p.parity_env(args, &[("KUBE_EDITOR", editor)]);
        assert_eq!(out.code, 1, "{args:?} with {editor}: {out}");
    }
    // Listing a type edits all of it (here: nothing changed).
    p.parity_env(&["edit", "cm"], &[("EDITOR", "true")]);
    p.same_state(CM_STATE);
}
