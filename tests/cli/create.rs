//! `kk create -f` against kubectl 1.33 on kk-sim: single, multi-document and `List`
//! manifests, already-existing objects, strict field validation, bad files, dry runs and
//! `-o` — outputs and the objects created.

use crate::write_pair::Pair;

#[test]
fn create_from_files() {
    let Some(p) = Pair::new("create-files") else {
        return;
    };
    p.fixtures(&["configmap.yaml", "multi-doc.yaml", "list.json"]);
    p.parity(&["create", "-f", "configmap.yaml"]);
    let again = p.parity(&["create", "-f", "configmap.yaml"]);
    assert_eq!(
        again.stderr,
        "Error from server (AlreadyExists): error when creating \"configmap.yaml\": configmaps \"cfg\" already exists\n"
    );
    p.parity(&["create", "-f", "multi-doc.yaml", "-o", "name"]);
    // Several files: the existing objects fail, one line each, exit 1.
    assert_eq!(
        p.parity(&["create", "-f", "configmap.yaml", "-f", "multi-doc.yaml"])
            .code,
        1
    );
    // kk-sim serves no OpenAPI v2 protobuf, which kubectl wants for validating a `List`.
    p.parity(&["create", "-f", "list.json", "--validate=false"]);
    let state = p.same_state(&["get", "cm,svc,secrets", "-o", "name"]);
    assert_eq!(
        state.stdout,
        "configmap/cfg\nconfigmap/kube-root-ca.crt\nconfigmap/l1\nconfigmap/m1\nservice/s1\nsecret/l2\n"
    );
    p.same_state(&[
        "get",
        "cm",
        "cfg",
        "-o",
        "jsonpath={.data} {.metadata.labels}",
    ]);
}

#[test]
fn create_dry_runs_and_output() {
    let Some(p) = Pair::new("create-dry") else {
        return;
    };
    p.fixtures(&["configmap.yaml", "multi-doc.yaml"]);
    p.parity(&[
        "create",
        "-f",
        "configmap.yaml",
        "--dry-run=client",
        "-o",
        "yaml",
    ]);
    p.parity(&["create", "-f", "multi-doc.yaml", "--dry-run=client"]);
    p.parity(&["create", "-f", "multi-doc.yaml", "--dry-run=server"]);
    p.same_state(&["get", "cm,svc", "-o", "name"]);
    p.parity(&["create", "-f", "configmap.yaml", "-o", "json"]);
    p.parity(&[
        "create",
        "-f",
        "multi-doc.yaml",
        "-o",
        "jsonpath={.metadata.name} ",
    ]);
    // The shared operation printer: templates see managedFields, --template alone is a
    // go-template, -o NAME is -o name, deprecated boolean and bare --dry-run mean client.
    p.parity(&[
        "create",
        "-f",
        "multi-doc.yaml",
        "--dry-run=server",
        "-o",
        "jsonpath={.metadata.managedFields[*].manager} ",
    ]);
    p.parity(&[
        "create",
        "-f",
        "multi-doc.yaml",
        "--dry-run",
        "--template",
        "{{.kind}}/{{.metadata.name}} ",
    ]);
    p.parity(&[
        "create",
        "-f",
        "multi-doc.yaml",
        "--dry-run=1",
        "-o",
        "NAME",
    ]);
    p.parity(&["create", "-f", "multi-doc.yaml", "--dry-run=bogus"]);
    p.parity(&[
        "create",
        "-f",
        "configmap.yaml",
        "--dry-run=server",
        "-o",
        "wide",
    ]);
}

#[test]
fn create_bad_input() {
    let Some(p) = Pair::new("create-bad") else {
        return;
    };
    p.fixtures(&[
        "no-kind.yaml",
        "unknown-field.yaml",
        "multi-doc.yaml",
        "invalid.yaml",
    ]);
    for args in [
        &["create"][..],
        &["create", "-f", "missing.yaml"],
        &["create", "-f", "no-kind.yaml"],
        &["create", "-f", "invalid.yaml"],
        &["create", "-f", "unknown-field.yaml"],
        &["create", "-f", "multi-doc.yaml", "-o", "bogus"],
    ] {
        assert_eq!(p.parity(args).code, 1, "{args:?}");
    }
    p.same_state(&["get", "cm", "-o", "name"]);
}
