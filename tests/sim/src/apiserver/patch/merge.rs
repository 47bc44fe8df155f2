//! `application/merge-patch+json`: RFC 7386. Objects merge recursively, `null` deletes a key,
//! anything else (arrays included) replaces the value. Error texts follow the apiserver's
//! json-patch library (`Invalid JSON Patch` for a body that is not a patch document).

use serde_json::Value;

use crate::apiserver::status::ApiError;

/// Applies a merge patch document to `current`.
pub fn apply(current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    let bad = || ApiError::bad_request("Invalid JSON Patch");
    let patch: Value = serde_json::from_slice(patch).map_err(|_| bad())?;
    match patch {
        Value::Object(_) => {
            let mut doc = current.clone();
            merge_into(&mut doc, &patch);
            Ok(doc)
        }
        // The library only accepts objects (and arrays, which could never decode back into
        // a Kubernetes object); `null` and scalars are refused outright.
        _ => Err(bad()),
    }
}

/// RFC 7386 MergePatch(target, patch), in place.
pub fn merge_into(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = without_nulls(patch);
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let t = target.as_object_mut().expect("made an object above");
    for (k, v) in p {
        if v.is_null() {
            t.remove(k);
        } else {
            merge_into(t.entry(k.clone()).or_insert(Value::Null), v);
        }
    }
}

/// Nulls inside a value that is added wholesale mean nothing: drop them from objects.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cm() -> Value {
        json!({"apiVersion": "v1", "kind": "ConfigMap",
               "metadata": {"name": "cfg", "labels": {"app": "web", "tier": "fe"}},
               "data": {"a": "1", "b": "2"}, "list": [1, 2, 3]})
    }

    #[test]
    fn label_add_and_remove_like_kubectl_label() {
        let out = apply(
            &cm(),
            br#"{"metadata":{"labels":{"tier":null,"env":"prod"}}}"#,
        )
        .unwrap();
        assert_eq!(
            out["metadata"]["labels"],
            json!({"app": "web", "env": "prod"})
        );
        assert_eq!(out["data"], json!({"a": "1", "b": "2"}));
    }

    #[test]
    fn arrays_are_replaced_and_nested_objects_created() {
        let out = apply(&cm(), br#"{"list":[9],"spec":{"paused":true,"x":null}}"#).unwrap();
        assert_eq!(out["list"], json!([9]));
        assert_eq!(out["spec"], json!({"paused": true}));
    }

    #[test]
    fn scalar_replaced_by_object_and_object_by_scalar() {
        let out = apply(&cm(), br#"{"data":"gone","kind":{"x":1}}"#).unwrap();
        assert_eq!(out["data"], "gone");
        assert_eq!(out["kind"], json!({"x": 1}));
    }

    #[test]
    fn non_object_bodies_are_400() {
        for body in [&b"null"[..], b"[1]", b"\"x\"", b"{bad"] {
            let e = apply(&cm(), body).unwrap_err();
            assert_eq!((e.code, e.message.as_str()), (400, "Invalid JSON Patch"));
        }
    }
}
