//! `application/json-patch+json`: RFC 6902 operations on JSON pointers (RFC 6901), with the
//! apiserver's error mapping: an undecodable patch is a 400 carrying the decoder's message,
//! while any operation that fails to apply (missing path, failed `test`, unknown `op`) is the
//! apiserver's generic 422, whose message does not say which operation failed.

use serde_json::Value;

use super::{go_json_error, unprocessable};
use crate::apiserver::status::ApiError;

/// The apiserver's `maxJSONPatchOperations`.
const MAX_OPERATIONS: usize = 10_000;

/// Applies an RFC 6902 patch document to `current`.
pub fn apply(current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    let ops: Value = serde_json::from_slice(patch)
        .map_err(|e| ApiError::bad_request(go_json_error(&e, patch)))?;
    let Value::Array(ops) = ops else {
        return Err(ApiError::bad_request(format!(
            "json: cannot unmarshal {} into Go value of type jsonpatch.Patch",
            go_type_name(&ops)
        )));
    };
    for op in &ops {
        if !op.is_object() {
            return Err(ApiError::bad_request(format!(
                "json: cannot unmarshal {} into Go value of type jsonpatch.Operation",
                go_type_name(op)
            )));
        }
    }
    if ops.len() > MAX_OPERATIONS {
        return Err(ApiError::new(
            413,
            "RequestEntityTooLarge",
            format!(
                "Request entity too large: The allowed maximum operations in a JSON patch is \
                 {MAX_OPERATIONS}, got {}",
                ops.len()
            ),
        ));
    }
    let mut doc = current.clone();
    for op in &ops {
        apply_op(&mut doc, op).map_err(|_| unprocessable())?;
    }
    Ok(doc)
}

fn go_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Why one operation failed (kept for tests; the wire error is always the generic 422).
#[derive(Debug, PartialEq)]
enum OpError {
    Malformed(&'static str),
    Missing(String),
    TestFailed(String),
}

fn apply_op(doc: &mut Value, op: &Value) -> Result<(), OpError> {
    let kind = op
        .get("op")
        .and_then(Value::as_str)
        .ok_or(OpError::Malformed("op"))?;
    let path = op
        .get("path")
        .and_then(Value::as_str)
        .ok_or(OpError::Malformed("path"))?;
    let tokens = parse_pointer(path)?;
    let value = || op.get("value").cloned().ok_or(OpError::Malformed("value"));
    let from = || -> Result<Vec<String>, OpError> {
        parse_pointer(
            op.get("from")
                .and_then(Value::as_str)
                .ok_or(OpError::Malformed("from"))?,
        )
    };
    match kind {
        "add" => add(doc, &tokens, value()?),
        "remove" => remove(doc, &tokens).map(drop),
        "replace" => {
            let v = value()?;
            let target = get_mut(doc, &tokens).ok_or_else(|| OpError::Missing(path.into()))?;
            *target = v;
            Ok(())
        }
        "move" => {
            let from = from()?;
            if tokens.len() > from.len() && tokens[..from.len()] == from[..] {
                return Err(OpError::Malformed("move into own child"));
            }
            let v = remove(doc, &from)?;
            add(doc, &tokens, v)
        }
        "copy" => {
            let from = from()?;
            let v = get(doc, &from)
                .cloned()
                .ok_or_else(|| OpError::Missing(join(&from)))?;
            add(doc, &tokens, v)
        }
        "test" => {
            let want = value()?;
            match get(doc, &tokens) {
                Some(have) if same(have, &want) => Ok(()),
                _ => Err(OpError::TestFailed(path.into())),
            }
        }
        _ => Err(OpError::Malformed("unknown op")),
    }
}

/// JSON equality as Go sees decoded values: every number is a float64, so `1` equals `1.0`.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn join(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// RFC 6901: "" is the whole document, otherwise "/"-separated tokens with `~1` → `/` and
/// `~0` → `~` (in that order).
fn parse_pointer(path: &str) -> Result<Vec<String>, OpError> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Err(OpError::Malformed("pointer must start with /"));
    };
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn index(token: &str, len: usize, allow_end: bool) -> Option<usize> {
    if token == "-" {
        return allow_end.then_some(len);
    }
    if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    let i: usize = token.parse().ok()?;
    let max = if allow_end {
        len
    } else {
        len.saturating_sub(1)
    };
    (i <= max && (allow_end || len > 0)).then_some(i)
}

fn get<'a>(doc: &'a Value, tokens: &[String]) -> Option<&'a Value> {
    tokens.iter().try_fold(doc, |cur, t| match cur {
        Value::Object(m) => m.get(t),
        Value::Array(a) => a.get(index(t, a.len(), false)?),
        _ => None,
    })
}

fn get_mut<'a>(doc: &'a mut Value, tokens: &[String]) -> Option<&'a mut Value> {
    tokens.iter().try_fold(doc, |cur, t| match cur {
        Value::Object(m) => m.get_mut(t),
        Value::Array(a) => {
            let i = index(t, a.len(), false)?;
            a.get_mut(i)
        }
        _ => None,
    })
}

fn add(doc: &mut Value, tokens: &[String], v: Value) -> Result<(), OpError> {
    let Some((last, parent)) = tokens.split_last() else {
        *doc = v;
        return Ok(());
    };
    let missing = || OpError::Missing(join(tokens));
    match get_mut(doc, parent).ok_or_else(missing)? {
        Value::Object(m) => {
            m.insert(last.clone(), v);
            Ok(())
        }
        Value::Array(a) => {
            let i = index(last, a.len(), true).ok_or_else(missing)?;
            a.insert(i, v);
            Ok(())
        }
        _ => Err(missing()),
    }
}

fn remove(doc: &mut Value, tokens: &[String]) -> Result<Value, OpError> {
    let missing = || OpError::Missing(join(tokens));
    let (last, parent) = tokens
        .split_last()
        .ok_or(OpError::Malformed("remove root"))?;
    match get_mut(doc, parent).ok_or_else(missing)? {
        Value::Object(m) => m.remove(last).ok_or_else(missing),
        Value::Array(a) => {
            let i = index(last, a.len(), false).ok_or_else(missing)?;
            Ok(a.remove(i))
        }
        _ => Err(missing()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deploy() -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "annotations": {"a/b": "1", "x~y": "2"}},
            "spec": {"replicas": 1, "template": {"spec": {"containers": [
                {"name": "nginx", "image": "nginx:1.25"},
                {"name": "sidecar", "image": "busybox"}
            ]}}}
        })
    }

    fn patch(ops: Value) -> Result<Value, ApiError> {
        apply(&deploy(), ops.to_string().as_bytes())
    }

    #[test]
    fn replace_add_remove_and_append() {
        let out = patch(json!([
            {"op": "replace", "path": "/spec/replicas", "value": 3},
            {"op": "add", "path": "/spec/template/spec/containers/-",
             "value": {"name": "log", "image": "fluentd"}},
            {"op": "add", "path": "/spec/template/spec/containers/0/args", "value": ["-v"]},
            {"op": "remove", "path": "/spec/template/spec/containers/1"},
        ]))
        .unwrap();
        assert_eq!(out["spec"]["replicas"], 3);
        let names: Vec<&str> = out["spec"]["template"]["spec"]["containers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["nginx", "log"]);
        assert_eq!(
            out["spec"]["template"]["spec"]["containers"][0]["args"],
            json!(["-v"])
        );
    }

    #[test]
    fn pointer_escapes_address_keys_with_slash_and_tilde() {
        let out = patch(json!([
            {"op": "replace", "path": "/metadata/annotations/a~1b", "value": "9"},
            {"op": "remove", "path": "/metadata/annotations/x~0y"},
        ]))
        .unwrap();
        assert_eq!(out["metadata"]["annotations"], json!({"a/b": "9"}));
    }

    #[test]
    fn move_copy_and_test() {
        let out = patch(json!([
            {"op": "test", "path": "/spec/replicas", "value": 1},
            {"op": "copy", "from": "/metadata/name", "path": "/metadata/labels"},
            {"op": "move", "from": "/metadata/annotations/a~1b", "path": "/spec/note"},
        ]))
        .unwrap();
        assert_eq!(out["metadata"]["labels"], "web");
        assert_eq!(out["spec"]["note"], "1");
        assert!(out["metadata"]["annotations"].get("a/b").is_none());
    }

    #[test]
    fn failures_are_the_generic_422() {
        for ops in [
            json!([{"op": "test", "path": "/spec/replicas", "value": 2}]),
            json!([{"op": "remove", "path": "/spec/paused"}]),
            json!([{"op": "replace", "path": "/spec/paused", "value": true}]),
            json!([{"op": "add", "path": "/spec/nope/deeper", "value": 1}]),
            json!([{"op": "add", "path": "/spec/template/spec/containers/5", "value": {}}]),
            json!([{"op": "frobnicate", "path": "/spec"}]),
            json!([{"op": "add", "path": "spec", "value": 1}]),
        ] {
            let e = patch(ops.clone()).unwrap_err();
            assert_eq!(e.code, 422, "{ops}");
            assert_eq!(
                e.to_status(),
                json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": "the server rejected our request due to an error in our request",
                  "reason": "Invalid", "details": {}, "code": 422})
            );
        }
    }

    #[test]
    fn op_errors_say_what_failed() {
        let mut d = deploy();
        let e = apply_op(
            &mut d,
            &json!({"op": "test", "path": "/spec/replicas", "value": 5}),
        );
        assert_eq!(e, Err(OpError::TestFailed("/spec/replicas".into())));
        let e = apply_op(&mut d, &json!({"op": "remove", "path": "/a~1b"}));
        assert_eq!(e, Err(OpError::Missing("/a~1b".into())));
    }

    #[test]
    fn test_compares_numbers_as_go_floats_and_caps_operation_count() {
        patch(
            json!([{"op": "test", "path": "/spec", "value": {"replicas": 1.0,
            "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"},
                                                 {"name": "sidecar", "image": "busybox"}]}}}}]),
        )
        .unwrap();
        let many: Vec<Value> = (0..10_001)
            .map(|_| json!({"op": "test", "path": "", "value": 1}))
            .collect();
        let e = patch(Value::Array(many)).unwrap_err();
        assert_eq!(e.code, 413);
        assert_eq!(
            e.message,
            "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001"
        );
    }

    #[test]
    fn undecodable_patches_are_400() {
        let e = apply(&deploy(), b"{\"op\":\"add\"}").unwrap_err();
        assert_eq!(e.code, 400);
        assert_eq!(
            e.message,
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch"
        );
        let e = apply(&deploy(), b"[oops]").unwrap_err();
        assert_eq!((e.code, e.reason.as_str()), (400, "BadRequest"));
        assert_eq!(
            e.message,
            "invalid character 'o' looking for beginning of value"
        );
    }

    #[test]
    fn rollout_undo_style_replace_of_whole_template() {
        let out = patch(json!([
            {"op": "replace", "path": "/spec/template",
             "value": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.24"}]}}},
            {"op": "replace", "path": "/metadata/annotations", "value": {"k": "v"}},
        ]))
        .unwrap();
        assert_eq!(
            out["spec"]["template"]["spec"]["containers"][0]["image"],
            "nginx:1.24"
        );
        assert_eq!(out["metadata"]["annotations"], json!({"k": "v"}));
    }
}
