//! Expected results and texts from `kubectl.1.33 patch --local -f cm.yaml --type json -p ...`
//! on `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default"},
//! "data":{"a":"1"}}`.

use serde_json::{Value, json};

use super::{apply, apply_local};

fn cm() -> Value {
    json!({"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "cfg", "namespace": "default"}, "data": {"a": "1"}})
}

fn ok(patch: &str) -> Value {
    apply_local(&cm(), &serde_json::from_str(patch).unwrap()).unwrap()
}

fn err(patch: &str) -> String {
    apply_local(&cm(), &serde_json::from_str(patch).unwrap())
        .unwrap_err()
        .to_string()
}

#[test]
fn kubectl_local_errors() {
    for (patch, want) in [
        (
            r#"[{"op":"remove","path":"/data/zz"}]"#,
            "error in remove for path: '/data/zz': Unable to remove nonexistent key: zz: missing value",
        ),
        (
            r#"[{"op":"add","path":"/nope/zz","value":"x"}]"#,
            "add operation does not apply: doc is missing path: \"/nope/zz\": missing value",
        ),
        (
            r#"[{"op":"test","path":"/data/a","value":"2"}]"#,
            "testing value /data/a failed: test failed",
        ),
        (
            r#"[{"op":"move","from":"/data/q","path":"/data/b"}]"#,
            "error in move for path: 'q': Unable to remove nonexistent key: q: missing value",
        ),
        (r#"[{"op":"foo","path":"/data/a"}]"#, "Unexpected kind: foo"),
        (r#"[{"path":"/data/a"}]"#, "Unexpected kind: unknown"),
        (
            r#"{"op":"add"}"#,
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
        ),
        (
            r#""nope""#,
            "json: cannot unmarshal string into Go value of type jsonpatch.Patch",
        ),
        (
            r#"[{"op":"add","value":1}]"#,
            "add operation failed to decode path: missing value",
        ),
        (
            r#"[{"op":"remove","path":"/metadata/labels/x"}]"#,
            "remove operation does not apply: doc is missing path: \"/metadata/labels/x\": missing value",
        ),
        (
            r#"[{"op":"add","path":"/data/a/b","value":1}]"#,
            "add operation does not apply: doc is missing path: \"/data/a/b\": missing value",
        ),
        (
            r#"[{"op":"test","path":"/data/q","value":"2"}]"#,
            "testing value /data/q failed: test failed",
        ),
        (
            r#"[{"op":"add","path":"data","value":1}]"#,
            "add operation does not apply: doc is missing path: \"data\": missing value",
        ),
        (
            r#"[{"op":"replace","path":"/metadata/labels/zz","value":"x"}]"#,
            "replace operation does not apply: doc is missing path: /metadata/labels/zz: missing value",
        ),
        (
            r#"[{"op":"add","path":"/metadata/finalizers","value":["a","b"]},{"op":"add","path":"/metadata/finalizers/5","value":"c"}]"#,
            "error in add for path: '/metadata/finalizers/5': Unable to access invalid index: 5: invalid index referenced",
        ),
        (
            r#"[{"op":"add","path":"/metadata/finalizers","value":["a","b"]},{"op":"add","path":"/metadata/finalizers/x","value":"c"}]"#,
            "error in add for path: '/metadata/finalizers/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax",
        ),
        (
            r#"[{"op":"add","path":"/metadata/finalizers","value":["a","b"]},{"op":"replace","path":"/metadata/finalizers/2","value":"c"}]"#,
            "Object to be patched is missing field (/metadata/finalizers/2: missing value)",
        ),
        (
            r#"[{"op":"add","path":"","value":{"a":1}}]"#,
            "add operation does not apply: doc is missing path: \"\": missing value",
        ),
        (
            r#"[{"op":"move","from":"/data","path":"/data/x"}]"#,
            "move operation does not apply: doc is missing destination path: /data/x: missing value",
        ),
        (
            r#"[1]"#,
            "json: cannot unmarshal number into Go value of type jsonpatch.Operation",
        ),
        (
            r#"[{"op":"replace","value":1}]"#,
            "replace operation failed to decode path: operation missing path field: missing value",
        ),
        (
            r#"[{"op":"test","path":5}]"#,
            "test operation failed to decode path: json: cannot unmarshal number into Go value of type string",
        ),
        (
            r#"[{"op":"copy","path":"/a"}]"#,
            "copy operation failed to decode from: operation, missing from field: missing value",
        ),
        (
            r#"[{"op":"move","path":"/a"}]"#,
            "move operation failed to decode from: operation, missing from field: missing value",
        ),
    ] {
        assert_eq!(err(patch), want, "{patch}");
    }
}

#[test]
fn server_keeps_evanphx_text() {
    let p = json!([{"op":"add","path":"/metadata/finalizers","value":["a"]},{"op":"replace","path":"/metadata/finalizers/3","value":"c"}]);
    assert_eq!(
        apply(&cm(), &p).unwrap_err().to_string(),
        "replace operation does not apply: doc is missing key: /metadata/finalizers/3: missing value"
    );
}

#[test]
fn kubectl_local_results() {
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = cm();
        f(&mut v);
        v
    };
    // replace of a missing key adds it; copy from / add without a value give null.
    assert_eq!(
        ok(r#"[{"op":"replace","path":"/data/zz","value":"x"}]"#),
        with(&|v| v["data"]["zz"] = json!("x"))
    );
    assert_eq!(
        ok(r#"[{"op":"copy","from":"/data/q","path":"/data/b"}]"#),
        with(&|v| v["data"]["b"] = json!(null))
    );
    assert_eq!(
        ok(r#"[{"op":"add","path":"/data/b"}]"#),
        with(&|v| v["data"]["b"] = json!(null))
    );
    // Negative indices count from the end; -1 for add is the end.
    assert_eq!(
        ok(
            r#"[{"op":"add","path":"/metadata/finalizers","value":["a","b"]},{"op":"add","path":"/metadata/finalizers/-1","value":"c"}]"#
        ),
        with(&|v| v["metadata"]["finalizers"] = json!(["a", "b", "c"]))
    );
    assert_eq!(
        ok(
            r#"[{"op":"add","path":"/metadata/finalizers","value":["a","b"]},{"op":"remove","path":"/metadata/finalizers/-1"}]"#
        ),
        with(&|v| v["metadata"]["finalizers"] = json!(["a"]))
    );
    assert_eq!(
        ok(
            r#"[{"op":"add","path":"/metadata/finalizers","value":["a","b"]},{"op":"add","path":"/metadata/finalizers/-","value":"c"}]"#
        ),
        with(&|v| v["metadata"]["finalizers"] = json!(["a", "b", "c"]))
    );
    assert_eq!(
        ok(r#"[{"op":"test","path":"/data","value":{"a":"1"}}]"#),
        cm()
    );
    // ~1 is a slash in a key, at the top level too.
    assert_eq!(
        ok(r#"[{"op":"replace","path":"/data~1a","value":"x"}]"#),
        with(&|v| v["data/a"] = json!("x"))
    );
    assert_eq!(
        ok(r#"[{"op":"add","path":"/data/a~1b","value":"x"}]"#),
        with(&|v| v["data"]["a/b"] = json!("x"))
    );
    // A root replace with a scalar is ignored; with an object it replaces.
    assert_eq!(ok(r#"[{"op":"replace","path":"","value":1}]"#), cm());
    assert_eq!(
        ok(r#"[{"op":"replace","path":"","value":{"a":1}}]"#),
        json!({"a": 1})
    );
    assert_eq!(ok("null"), cm());
    assert_eq!(
        ok(
            r#"[{"op":"move","from":"/data/a","path":"/data/b"},{"op":"test","path":"/data/a","value":null}]"#
        ),
        with(&|v| v["data"] = json!({"b": "1"}))
    );
    assert_eq!(
        ok(
            r#"[{"op":"add","path":"/x","value":[1,2,3]},{"op":"copy","from":"/x/0","path":"/x/-"},{"op":"move","from":"/x/0","path":"/x/1"}]"#
        ),
        with(&|v| v["x"] = json!([2, 1, 3, 1]))
    );
}
