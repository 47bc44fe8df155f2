//! The `kubectl.kubernetes.io/last-applied-configuration` annotation of client-side apply
//! (kubectl's `util/apply.go`), and the three-way patch `kubectl apply` sends.
//!
//! The annotation holds the applied object itself, serialized by Go's JSON encoder
//! (sorted keys, HTML-safe escapes, a trailing newline) with the annotation removed — but
//! the `annotations` map kept, so it reads `"annotations":{}` when there were no others.
//! The caller gives the object as kubectl holds it at that point: as read from the
//! manifest, with `metadata.namespace` filled in for namespaced kinds.

use serde_json::{Map, Value};

use super::{Error, Schema, three_way};
use crate::printers::json::to_compact;

/// The annotation's key.
pub const ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// The object's annotations as `metadata.GetAnnotations()` reads them: a map of strings, or
/// nothing (a missing, null or not-all-strings map).
fn annotations(obj: &Value) -> Map<String, Value> {
    match obj.pointer("/metadata/annotations") {
        Some(Value::Object(m)) if m.values().all(Value::is_string) => m.clone(),
        _ => Map::new(),
    }
}

/// Set `metadata.annotations` (creating `metadata` if needed), as `SetAnnotations` does.
fn set_annotations(obj: &mut Value, annots: Map<String, Value>) {
    let Value::Object(o) = obj else {
        return;
    };
    let meta = o
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    if !meta.is_object() {
        *meta = Value::Object(Map::new());
    }
    if let Value::Object(m) = meta {
        m.insert("annotations".into(), Value::Object(annots));
    }
}

/// The annotation's value for `obj` (`GetModifiedConfiguration(obj, false)`): the object
/// without the annotation, as Go's JSON encoder writes it, newline included.
pub fn annotation_value(obj: &Value) -> String {
    let mut copy = obj.clone();
    let mut annots = annotations(obj);
    annots.remove(ANNOTATION);
    set_annotations(&mut copy, annots);
    let mut s = to_compact(&copy);
    s.push('\n');
    s
}

/// The object with its annotation set to [`annotation_value`] (`CreateApplyAnnotation`;
/// also what `create --save-config`, `replace --save-config` and `edit` store).
pub fn with_annotation(obj: &Value) -> Value {
    let value = annotation_value(obj);
    let mut out = obj.clone();
    let mut annots = annotations(obj);
    annots.insert(ANNOTATION.into(), Value::String(value));
    set_annotations(&mut out, annots);
    out
}

/// kubectl's `CreateOrUpdateAnnotation`: the annotation set when `create` (`--save-config`),
/// else refreshed only when the object already carries one.
pub fn create_or_update(obj: Value, create: bool) -> Value {
    let has = original_configuration(&obj).ok().flatten().is_some();
    if create || has {
        with_annotation(&obj)
    } else {
        obj
    }
}

/// The "modified" document of a three-way apply (`GetModifiedConfiguration(obj, true)`):
/// the object carrying its own new annotation, read back the way kubectl reads it (so a
/// `1.0` in a manifest is the integer `1`, as Go's encoder writes it).
pub fn modified_configuration(obj: &Value) -> Value {
    go_round_trip(&with_annotation(obj))
}

/// What `kubectl apply` creates when the object does not exist yet: the object with its
/// annotation, `null` members removed.
pub fn for_create(obj: &Value) -> Value {
    let mut out = with_annotation(obj);
    super::drop_nulls(&mut out);
    out
}

/// The last applied configuration stored on a live object (`GetOriginalConfiguration`):
/// `None` without the annotation; an error when it is not a JSON object.
pub fn original_configuration(live: &Value) -> Result<Option<Value>, Error> {
    let Some(text) = live
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(ANNOTATION))
        .and_then(Value::as_str)
    else {
        return Ok(None);
    };
    match serde_json::from_str::<Value>(text) {
        Ok(v @ (Value::Object(_) | Value::Null)) => Ok(Some(v)),
        _ => Err(Error::invalid("invalid JSON document")),
    }
}

/// The patch `kubectl apply` sends to update `live` to the manifest object `obj`:
/// a three-way patch from the last applied configuration, the new configuration (with its
/// annotation) and the live object — strategic for built-ins, JSON merge for custom
/// resources. `{}` means nothing to send (`unchanged`).
pub fn apply_patch(
    schema: Schema<'_>,
    obj: &Value,
    live: &Value,
    overwrite: bool,
) -> Result<Value, Error> {
    let modified = modified_configuration(obj);
    let original = original_configuration(live)?.unwrap_or(Value::Null);
    three_way(schema, &original, &modified, live, overwrite)
}

/// `kubectl apply set-last-applied` and `edit-last-applied`: the merge patch that sets
/// the annotation to `obj` as Go's JSON encoder writes it (newline included), and that
/// value.
pub fn annotation_patch(obj: &Value) -> (Value, String) {
    let mut value = to_compact(obj);
    value.push('\n');
    let patch = serde_json::json!({"metadata": {"annotations": {ANNOTATION: value}}});
    (patch, value)
}

/// The patch `kubectl diff` sends (dry run) to see what apply would do: as
/// [`apply_patch`], but the new configuration without its own annotation
/// (`GetModifiedConfiguration(obj, false)`), so the annotation is left as it is.
pub fn diff_patch(schema: Schema<'_>, obj: &Value, live: &Value) -> Result<Value, Error> {
    let modified = serde_json::from_str(&annotation_value(obj)).unwrap_or_else(|_| obj.clone());
    let original = original_configuration(live)?.unwrap_or(Value::Null);
    three_way(schema, &original, &modified, live, true)
}

/// Serialize as Go would and parse back: floats that Go writes as integers become integers.
fn go_round_trip(v: &Value) -> Value {
    serde_json::from_str(&to_compact(v)).unwrap_or_else(|_| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn annotation_is_go_json_with_empty_annotations() {
        // Captured from kubectl.1.33 apply (the annotation on the created ConfigMap).
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "cfg", "namespace": "default"}, "data": {"a": "1"}});
        assert_eq!(
            annotation_value(&cm),
            "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\"},\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{},\"name\":\"cfg\",\"namespace\":\"default\"}}\n"
        );
        // Other annotations stay, the old annotation goes, HTML characters are escaped.
        let o = json!({"kind": "X", "metadata": {"annotations": {"b": "<&>", ANNOTATION: "old"}}});
        assert_eq!(
            annotation_value(&o),
            "{\"kind\":\"X\",\"metadata\":{\"annotations\":{\"b\":\"\\u003c\\u0026\\u003e\"}}}\n"
        );
        // No metadata at all: one is made.
        assert_eq!(
            annotation_value(&json!({"kind": "X"})),
            "{\"kind\":\"X\",\"metadata\":{\"annotations\":{}}}\n"
        );
        // A null or non-string map counts as none.
        assert_eq!(
            annotation_value(&json!({"metadata": {"annotations": {"n": 1}}})),
            "{\"metadata\":{\"annotations\":{}}}\n"
        );
    }

    #[test]
    fn modified_carries_its_own_annotation() {
        let o = json!({"kind": "X", "metadata": {"name": "a", "labels": null}, "spec": {"f": 1.0}});
        let m = modified_configuration(&o);
        assert_eq!(
            m["metadata"]["annotations"][ANNOTATION],
            json!(
                "{\"kind\":\"X\",\"metadata\":{\"annotations\":{},\"labels\":null,\"name\":\"a\"},\"spec\":{\"f\":1}}\n"
            )
        );
        // Go writes 1.0 as 1, and reads it back as an integer.
        assert_eq!(m["spec"]["f"], json!(1));
        assert!(m["spec"]["f"].is_i64());
        // Created objects lose their nulls but keep them in the annotation.
        let c = for_create(&o);
        assert!(c["metadata"].get("labels").is_none());
        assert!(
            c["metadata"]["annotations"][ANNOTATION]
                .as_str()
                .unwrap()
                .contains("\"labels\":null")
        );
    }

    #[test]
    fn original_is_read_back() {
        assert_eq!(
            original_configuration(&json!({"metadata": {}})).unwrap(),
            None
        );
        let live = json!({"metadata": {"annotations": {ANNOTATION: "{\"a\":1}\n"}}});
        assert_eq!(
            original_configuration(&live).unwrap(),
            Some(json!({"a": 1}))
        );
        let bad = json!({"metadata": {"annotations": {ANNOTATION: "[1]"}}});
        assert_eq!(
            original_configuration(&bad).unwrap_err().to_string(),
            "invalid JSON document"
        );
    }
}
