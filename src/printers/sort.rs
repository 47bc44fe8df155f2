//! `--sort-by`: ordering objects (or the rows of a server Table, via their included objects)
//! by a relaxed JSONPath, with kubectl 1.33's comparison rules: two strings that both parse
//! as quantities by value (`500m` < `10` < `1Ki`), other strings byte by byte (`pod-10` <
//! `pod-2`: kubectl 1.33.1 does not sort naturally, whatever newer sources do), numbers
//! numerically, `false` < `true`, a missing value sorts first, maps and lists are
//! unsortable.
//!
//! kubectl uses Go's unstable `sort.Sort` (pdqsort: an insertion sort up to 12 elements); kk
//! runs the same algorithm ([`go_sort_indices`]), so ties and missing values land where
//! kubectl puts them.

use super::Error;
use super::gofmt::go_sort_indices;
use super::jsonpath::{JsonPath, relaxed};
use crate::generate::quantity::Quantity;
use serde_json::Value;
use std::borrow::Cow;

/// A string key with its value as a quantity, when it parses as one: parsed once per
/// object, not once per comparison.
struct Str<'a> {
    text: &'a str,
    quantity: Option<Quantity>,
}

impl<'a> Str<'a> {
    fn new(text: &'a str) -> Self {
        Str {
            text,
            quantity: Quantity::parse(text).ok(),
        }
    }
}

/// kubectl 1.33's comparison of two strings: as quantities when both parse as one
/// (`500m` < `10` < `1Ki`), otherwise byte by byte (`x-10` < `x-2`, as Go's `<`).
fn string_less(a: &Str, b: &Str) -> bool {
    match (&a.quantity, &b.quantity) {
        (Some(x), Some(y)) => x.cmp_value(y) == std::cmp::Ordering::Less,
        _ => a.text < b.text,
    }
}

fn go_kind(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "map[string]interface {}",
        Value::Array(_) => "[]interface {}",
        _ => "interface",
    }
}

/// kubectl's `isLess` on two found values (`sa`/`sb`: their strings, read once).
fn is_less(a: &Value, b: &Value, sa: Option<&Str>, sb: Option<&Str>) -> Result<bool, String> {
    Ok(match (a, b) {
        (Value::Null, Value::Null) => false,
        (Value::Null, _) => true,
        (_, Value::Null) => false,
        (Value::String(_), Value::String(_)) => match (sa, sb) {
            (Some(x), Some(y)) => string_less(x, y),
            _ => false,
        },
        (Value::String(x), other) => x.as_str() < format!("<{} Value>", go_kind(other)).as_str(),
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i < j,
            _ => x.as_f64().unwrap_or(0.0) < y.as_f64().unwrap_or(0.0),
        },
        (Value::Bool(x), Value::Bool(y)) => !*x && *y,
        (Value::Object(_) | Value::Array(_), _) => {
            return Err(format!("unsortable type: {}", go_kind(a)));
        }
        _ => false,
    })
}

/// The first value the path finds in each item (`None`: nothing found).
fn keys<'a>(
    jp: &JsonPath,
    items: impl Iterator<Item = &'a Value>,
) -> Result<Vec<Option<Value>>, Error> {
    items
        .map(|it| {
            let r = jp.find_results(it).map_err(Error::Sort)?;
            Ok(r.into_iter()
                .next()
                .and_then(|v| v.into_iter().next())
                .map(Cow::into_owned))
        })
        .collect()
}

/// The permutation kubectl's sort produces for these keys.
fn order(keys: &[Option<Value>], field: &str) -> Result<Vec<usize>, Error> {
    let strs: Vec<Option<Str>> = keys
        .iter()
        .map(|k| k.as_ref().and_then(Value::as_str).map(Str::new))
        .collect();
    let mut err = None;
    let mut less = |i: usize, j: usize| -> bool {
        match (&keys[i], &keys[j]) {
            (None, _) => true,
            (_, None) => false,
            (Some(a), Some(b)) => {
                let less = is_less(a, b, strs[i].as_ref(), strs[j].as_ref());
                less.unwrap_or_else(|e| {
                    err.get_or_insert_with(|| {
                        Error::Sort(format!(
                            "Field {field} in *unstructured.Unstructured is an unsortable type: interface, err: {e}"
                        ))
                    });
                    false
                })
            }
        }
    };
    let idx = go_sort_indices(keys.len(), &mut less);
    match err {
        Some(e) => Err(e),
        None => Ok(idx),
    }
}

fn prepare(field_input: &str) -> Result<(String, JsonPath), Error> {
    let field = relaxed(field_input)?;
    let jp = JsonPath::parse(&field).map_err(Error::Sort)?;
    Ok((field, jp))
}

/// Sorts objects in place (the json/yaml/name/jsonpath/custom-columns path). Errors:
/// `couldn't find any field with path "{.x}" in the list of objects` when no object has
/// the field.
pub fn sort_objects(objs: &mut Vec<Value>, field_input: &str) -> Result<(), Error> {
    let (field, jp) = prepare(field_input)?;
    let keys = keys(&jp, objs.iter())?;
    if !objs.is_empty() && keys.iter().all(Option::is_none) {
        return Err(Error::Sort(format!(
            "couldn't find any field with path \"{field}\" in the list of objects"
        )));
    }
    let idx = order(&keys, &field)?;
    let mut taken: Vec<Option<Value>> = std::mem::take(objs).into_iter().map(Some).collect();
    *objs = idx.into_iter().filter_map(|i| taken[i].take()).collect();
    Ok(())
}

/// Sorts a server Table's rows by their `object` (requested with `includeObject=Object`).
/// kubectl swallows these errors on the table path and prints "No resources found"; the
/// caller decides.
pub fn sort_table_rows(table: &mut Value, field_input: &str) -> Result<(), Error> {
    let (field, jp) = prepare(field_input)?;
    let Some(rows) = table.get_mut("rows").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    let null = Value::Null;
    let keys = keys(&jp, rows.iter().map(|r| r.get("object").unwrap_or(&null)))?;
    if !rows.is_empty() && keys.iter().all(Option::is_none) {
        return Err(Error::Sort(format!(
            "couldn't find any field with path \"{field}\" in the list of objects"
        )));
    }
    let idx = order(&keys, &field)?;
    let mut taken: Vec<Option<Value>> = std::mem::take(rows).into_iter().map(Some).collect();
    *rows = idx.into_iter().filter_map(|i| taken[i].take()).collect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(objs: &[Value]) -> Vec<&str> {
        objs.iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap_or("?"))
            .collect()
    }

    fn obj(name: &str, spec: Value) -> Value {
        json!({"metadata": {"name": name, "creationTimestamp": format!("2024-01-0{}T00:00:00Z", name.len())}, "spec": spec})
    }

    // `kubectl.1.33 get configmaps --sort-by=.metadata.labels.v` with label values 1Ki 1000 1M
    // 500m 2e3 10 x-10 x-2 a2 a10 prints 500m 10 1000 1Ki 2e3 1M a10 a2 x-10 x-2.
    #[test]
    fn string_order() {
        let mut v = [
            "1Ki", "1000", "1M", "500m", "2e3", "10", "x-10", "x-2", "a2", "a10",
        ];
        v.sort_by(|a, b| {
            if string_less(&Str::new(a), &Str::new(b)) {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        assert_eq!(
            v,
            [
                "500m", "10", "1000", "1Ki", "2e3", "1M", "a10", "a2", "x-10", "x-2"
            ]
        );
        assert!(string_less(
            &Str::new("2024-01-02T00:00:00Z"),
            &Str::new("2024-01-10T00:00:00Z")
        ));
    }

    #[test]
    fn sorts_like_kubectl() {
        let mut objs = vec![
            obj("web", json!({"n": 1.5, "r": 3, "b": true})),
            obj("db", json!({"n": 0.25, "r": 10, "b": false})),
            obj("pod-10", json!({"r": 2})),
            obj("pod-2", json!({"r": 2})),
        ];
        sort_objects(&mut objs, ".metadata.name").unwrap();
        assert_eq!(names(&objs), ["db", "pod-10", "pod-2", "web"]);
        sort_objects(&mut objs, "{.spec.r}").unwrap();
        assert_eq!(names(&objs), ["pod-10", "pod-2", "web", "db"]);
        // Missing values first; Go's insertion sort reverses their relative order.
        sort_objects(&mut objs, "spec.n").unwrap();
        assert_eq!(names(&objs), ["pod-2", "pod-10", "db", "web"]);
        sort_objects(&mut objs, ".spec.b").unwrap();
        assert_eq!(names(&objs)[2..], ["db", "web"]);
        sort_objects(&mut objs, ".metadata.creationTimestamp").unwrap();
        assert_eq!(names(&objs), ["db", "web", "pod-2", "pod-10"]);
    }

    // `kubectl.1.33 get configmaps -o name --sort-by=.spec.n` on items c(-) a(2) d(-) b(1)
    // e(-) prints e d c b a: missing values first, in reverse, as Go's insertion sort does.
    #[test]
    fn missing_values_order_like_kubectl() {
        let mut objs: Vec<Value> = [
            ("c", None),
            ("a", Some(2)),
            ("d", None),
            ("b", Some(1)),
            ("e", None),
        ]
        .into_iter()
        .map(|(n, v)| obj(n, v.map(|v| json!({"n": v})).unwrap_or(json!({}))))
        .collect();
        sort_objects(&mut objs, ".spec.n").unwrap();
        assert_eq!(names(&objs), ["e", "d", "c", "b", "a"]);
    }

    // Messages from `kubectl.1.33 get pods -o name --sort-by=...`.
    #[test]
    fn errors() {
        let mut objs = vec![obj("a", json!({"c": [1]})), obj("b", json!({"c": [2]}))];
        assert_eq!(
            sort_objects(&mut objs, ".nope").unwrap_err().to_string(),
            "couldn't find any field with path \"{.nope}\" in the list of objects"
        );
        assert_eq!(
            sort_objects(&mut objs, ".spec.c").unwrap_err().to_string(),
            "Field {.spec.c} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: []interface {}"
        );
        assert_eq!(
            sort_objects(&mut objs, ".a[").unwrap_err().to_string(),
            "unterminated array"
        );
        let mut empty: Vec<Value> = Vec::new();
        assert!(sort_objects(&mut empty, ".nope").is_ok());
    }

    #[test]
    fn table_rows() {
        let mut t = json!({"rows": [
            {"cells": ["web"], "object": {"metadata": {"name": "web"}}},
            {"cells": ["db"], "object": {"metadata": {"name": "db"}}},
            {"cells": ["multi"], "object": {"metadata": {"name": "multi"}}}]});
        sort_table_rows(&mut t, ".metadata.name").unwrap();
        let cells: Vec<&str> = t["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["cells"][0].as_str().unwrap())
            .collect();
        assert_eq!(cells, ["db", "multi", "web"]);
        assert!(sort_table_rows(&mut t, ".metadata.nope").is_err());
    }
}
