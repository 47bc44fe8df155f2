//! JSON merge patch (RFC 7386) as kubectl uses it: `gopkg.in/evanphx/json-patch.v4`'s
//! `CreateMergePatch` and `MergePatch`, and apimachinery's `CreateThreeWayJSONMergePatch`
//! (client-side apply of custom resources).
//!
//! evanphx decodes numbers as `float64`, so `1` and `1.0` are the same value here (unlike in
//! strategic merge patch).

use serde_json::{Map, Value};

use super::Error;
use crate::printers::gofmt::go_v;

type Obj = Map<String, Value>;

/// `jsonpatch.CreateMergePatch`: the merge patch turning `original` into `modified`
/// (`{}` when they are equal). Two objects, or two arrays of objects of the same length
/// (a list of patches).
pub fn create(original: &Value, modified: &Value) -> Result<Value, Error> {
    match (original, modified) {
        (Value::Object(a), Value::Object(b)) => Ok(Value::Object(diff(a, b))),
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(Error::invalid("Invalid JSON Document"));
            }
            a.iter()
                .zip(b)
                .map(|(a, b)| match (a, b) {
                    (Value::Object(a), Value::Object(b)) => Ok(Value::Object(diff(a, b))),
                    _ => Err(Error::invalid("Invalid JSON Document")),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        (Value::Array(_), _) | (_, Value::Array(_)) => {
            Err(Error::invalid("Mismatched JSON Documents"))
        }
        _ => Err(Error::invalid("Invalid JSON Document")),
    }
}

/// evanphx's `getDiff`.
fn diff(a: &Obj, b: &Obj) -> Obj {
    let mut into = Obj::new();
    for (key, bv) in b {
        match (a.get(key), bv) {
            (None, _) => {
                into.insert(key.clone(), bv.clone());
            }
            (Some(Value::Object(am)), Value::Object(bm)) => {
                let sub = diff(am, bm);
                if !sub.is_empty() {
                    into.insert(key.clone(), Value::Object(sub));
                }
            }
            (Some(av), _) => {
                if !matches(av, bv) {
                    into.insert(key.clone(), bv.clone());
                }
            }
        }
    }
    for key in a.keys() {
        if !b.contains_key(key) {
            into.insert(key.clone(), Value::Null);
        }
    }
    into
}

/// evanphx's `matchesValue`: deep equality with every number a `float64`.
fn matches(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| matches(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && y.iter()
                    .all(|(k, yv)| x.get(k).is_some_and(|xv| matches(xv, yv)))
        }
        _ => false,
    }
}

/// `jsonpatch.MergePatch`: apply `patch` to `doc`. `null` removes a key; objects merge
/// recursively; anything else (lists included) replaces. A patch that is not an object
/// becomes the result (an array with nulls pruned from its objects), a `null` or scalar
/// patch is `Invalid JSON Patch`.
pub fn apply(doc: &Value, patch: &Value) -> Result<Value, Error> {
    match (doc, patch) {
        (_, Value::Null) => Err(Error::invalid("Invalid JSON Patch")),
        (Value::Null, _) => Err(Error::invalid("Invalid JSON Document")),
        (Value::Object(d), Value::Object(p)) => {
            let mut d = d.clone();
            merge_docs(&mut d, p);
            Ok(Value::Object(d))
        }
        (_, p @ (Value::Object(_) | Value::Array(_))) => {
            // The document is not an object (or the patch is an array): the patch, without
            // the nulls of its objects, is the result.
            let mut p = p.clone();
            super::drop_nulls(&mut p);
            Ok(p)
        }
        _ => Err(Error::invalid("Invalid JSON Patch")),
    }
}

/// evanphx's `mergeDocs` (without `mergeMerge`).
fn merge_docs(doc: &mut Obj, patch: &Obj) {
    for (k, v) in patch {
        if v.is_null() {
            doc.remove(k);
            continue;
        }
        match doc.get_mut(k) {
            Some(cur) if !cur.is_null() => {
                let merged = merge_value(std::mem::take(cur), v);
                *cur = merged;
            }
            _ => {
                let mut v = v.clone();
                super::drop_nulls(&mut v);
                doc.insert(k.clone(), v);
            }
        }
    }
}

/// evanphx's `merge`: only object into object merges; an object patch over something else
/// loses its nulls; any other patch value replaces as it is.
fn merge_value(cur: Value, patch: &Value) -> Value {
    match (cur, patch) {
        (Value::Object(mut c), Value::Object(p)) => {
            merge_docs(&mut c, p);
            Value::Object(c)
        }
        (Value::Object(_), p) => p.clone(),
        (_, p) => {
            let mut p = p.clone();
            super::drop_nulls(&mut p);
            p
        }
    }
}

/// `jsonmergepatch.CreateThreeWayJSONMergePatch`: additions and changes from `current` to
/// `modified`, deletions from `original` to `modified`; fails if the patch would change
/// `apiVersion`, `kind` or `metadata.name` (kubectl apply's preconditions).
pub fn three_way(original: &Value, modified: &Value, current: &Value) -> Result<Value, Error> {
    let doc = |v: &Value| match v {
        Value::Null => Ok(Value::Object(Obj::new())),
        v => Ok(v.clone()),
    };
    let (original, modified, current) = (doc(original)?, doc(modified)?, doc(current)?);
    let add_and_change = filter_nulls(as_obj(&create(&current, &modified)?)?, false);
    let deletions = filter_nulls(as_obj(&create(&original, &modified)?)?, true);
    if has_conflicts(
        &Value::Object(add_and_change.clone()),
        &Value::Object(deletions.clone()),
    ) {
        return Err(Error::Conflict(super::conflict_message(
            &Value::Object(add_and_change),
            &Value::Object(deletions),
        )));
    }
    let patch = apply(&Value::Object(deletions), &Value::Object(add_and_change))?;
    if super::changes_identity(&patch) {
        // apimachinery returns its plain error here (not the typed precondition error), so
        // kubectl prints this text rather than "At least one of apiVersion, kind and name
        // was changed".
        return Err(Error::PreconditionFailed(format!(
            "precondition failed for: {}",
            go_v(&patch)
        )));
    }
    Ok(patch)
}

fn as_obj(v: &Value) -> Result<Obj, Error> {
    v.as_object()
        .cloned()
        .ok_or_else(|| Error::invalid("Invalid JSON Document"))
}

/// `keepOrDeleteNullInObj`: keep only the nulls (`keep_null`) or everything but them;
/// an explicitly empty object is a value, not an empty patch.
fn filter_nulls(m: Obj, keep_null: bool) -> Obj {
    let mut out = Obj::new();
    for (k, v) in m {
        match v {
            Value::Null => {
                if keep_null {
                    out.insert(k, Value::Null);
                }
            }
            Value::Object(sub) if sub.is_empty() => {
                if !keep_null {
                    out.insert(k, Value::Object(sub));
                }
            }
            Value::Object(sub) => {
                let sub = filter_nulls(sub, keep_null);
                if !sub.is_empty() {
                    out.insert(k, Value::Object(sub));
                }
            }
            other => {
                if !keep_null {
                    out.insert(k, other);
                }
            }
        }
    }
    out
}

/// `mergepatch.HasConflicts`: both set a key to different values.
fn has_conflicts(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => l
            .iter()
            .any(|(k, lv)| r.get(k).is_some_and(|rv| has_conflicts(lv, rv))),
        (Value::Object(_), _) => true,
        (Value::Array(l), Value::Array(r)) => {
            l.len() != r.len() || l.iter().zip(r).any(|(a, b)| has_conflicts(a, b))
        }
        (Value::Array(_), _) => true,
        (l, r) => l != r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_is_evanphx_get_diff() {
        let a = json!({"metadata": {"labels": {"a": "1", "b": "2"}}, "n": 1, "l": [1, 2]});
        let b = json!({"metadata": {"labels": {"a": "1", "c": "3"}}, "n": 1.0, "l": [1, 2, 3]});
        assert_eq!(
            create(&a, &b).unwrap(),
            json!({"metadata": {"labels": {"b": null, "c": "3"}}, "l": [1, 2, 3]})
        );
        assert_eq!(create(&a, &a).unwrap(), json!({}));
        assert_eq!(
            create(&json!({"x": {"y": 1}}), &json!({"x": "s"})).unwrap(),
            json!({"x": "s"})
        );
        assert_eq!(
            create(&json!({"x": null}), &json!({"x": null, "y": null})).unwrap(),
            json!({"y": null})
        );
        assert_eq!(
            create(&json!([{"a": 1}]), &json!([{"a": 2}])).unwrap(),
            json!([{"a": 2}])
        );
        assert_eq!(
            create(&json!([]), &json!({})).unwrap_err().to_string(),
            "Mismatched JSON Documents"
        );
    }

    #[test]
    fn apply_is_evanphx_merge_patch() {
        let doc = json!({"a": {"b": 1, "c": 2}, "l": [1], "s": "x"});
        assert_eq!(
            apply(
                &doc,
                &json!({"a": {"b": null, "d": {"e": null, "f": 1}}, "l": [{"k": null}], "s": null})
            )
            .unwrap(),
            json!({"a": {"c": 2, "d": {"f": 1}}, "l": [{}]})
        );
        // An array patch over an object is taken as it is, nulls and all.
        assert_eq!(
            apply(&json!({"a": {"b": 1}}), &json!({"a": [{"k": null}]})).unwrap(),
            json!({"a": [{"k": null}]})
        );
        // An object patch over a scalar loses its nulls.
        assert_eq!(
            apply(&json!({"a": 1}), &json!({"a": {"k": null, "j": 2}})).unwrap(),
            json!({"a": {"j": 2}})
        );
        assert_eq!(
            apply(&doc, &json!(null)).unwrap_err().to_string(),
            "Invalid JSON Patch"
        );
        assert_eq!(
            apply(&doc, &json!("x")).unwrap_err().to_string(),
            "Invalid JSON Patch"
        );
        assert_eq!(
            apply(&doc, &json!([{"a": null}, 1])).unwrap(),
            json!([{}, 1])
        );
    }

    #[test]
    fn three_way_keeps_others_changes_and_drops_removed_keys() {
        let original = json!({"apiVersion": "example.com/v1", "kind": "W", "metadata": {"name": "w"},
            "spec": {"a": 1, "b": 2, "list": [1, 2]}});
        let modified = json!({"apiVersion": "example.com/v1", "kind": "W", "metadata": {"name": "w"},
            "spec": {"a": 1, "c": 3, "list": [1, 2, 3], "empty": {}}});
        let current = json!({"apiVersion": "example.com/v1", "kind": "W",
            "metadata": {"name": "w", "uid": "u", "labels": {"x": "y"}},
            "spec": {"a": 5, "b": 2, "list": [1, 2], "other": true}, "status": {"s": 1}});
        assert_eq!(
            three_way(&original, &modified, &current).unwrap(),
            json!({"spec": {"a": 1, "b": null, "c": 3, "list": [1, 2, 3], "empty": {}}})
        );
        assert_eq!(
            three_way(&modified, &modified, &modified).unwrap(),
            json!({})
        );
        let renamed =
            json!({"apiVersion": "example.com/v1", "kind": "W", "metadata": {"name": "v"}});
        assert_eq!(
            three_way(&json!(null), &renamed, &current).unwrap_err(),
            Error::PreconditionFailed("precondition failed for: map[metadata:map[name:v]]".into())
        );
    }
}
