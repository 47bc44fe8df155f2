//! Strategic merge patch, written after apimachinery's `util/strategicpatch` (1.33): the
//! same algorithm step for step, so that kk's patches are byte-identical to kubectl's and a
//! patch applies locally exactly as the server applies it.
//!
//! - [`diff`]: two-way patches (`CreateTwoWayMergePatch`) and the two halves of the
//!   three-way patch;
//! - [`merge`]: applying a patch (`StrategicMergePatch`), and merging two patches as the
//!   three-way computation does;
//! - [`order`]: where merged list items go (`$setElementOrder`, patch order, live order);
//! - [`conflict`]: the `--overwrite=false` conflict check of `kubectl apply`.
//!
//! Values are JSON trees as apimachinery decodes them: a number is an `int64` when it is an
//! integer, else a `float64`, and the two never compare equal. Where Go sorts with an
//! inconsistent comparator or iterates a map, the comments say what kk does.

pub mod conflict;
pub mod diff;
pub mod merge;
pub mod order;

use serde_json::{Map, Value};

use super::Error;
use super::meta::{FieldMeta, Schema, Strategy};
use crate::printers::gofmt::go_v;

pub(crate) const DIRECTIVE: &str = "$patch";
pub(crate) const DELETE: &str = "delete";
pub(crate) const REPLACE: &str = "replace";
pub(crate) const MERGE: &str = "merge";
pub(crate) const RETAIN_KEYS: &str = "$retainKeys";
pub(crate) const DELETE_FROM_PRIMITIVE_LIST: &str = "$deleteFromPrimitiveList";
pub(crate) const SET_ELEMENT_ORDER: &str = "$setElementOrder";

/// `CreateTwoWayMergePatch`: the patch that turns `original` into `modified`, with
/// `$setElementOrder` lists for merged lists.
pub fn two_way(schema: Schema<'_>, original: &Value, modified: &Value) -> Result<Value, Error> {
    let (o, m) = (as_doc(original)?, as_doc(modified)?);
    let opts = diff::DiffOptions {
        set_element_order: true,
        ..Default::default()
    };
    Ok(Value::Object(diff::diff_maps(&o, &m, schema, opts)?))
}

/// `CreateThreeWayMergePatch`: the changes from `current` to `modified` (without
/// deletions), plus the deletions from `original` to `modified`. With `overwrite` false,
/// fails when the patch touches a field someone else changed since `original`.
pub fn three_way(
    schema: Schema<'_>,
    original: &Value,
    modified: &Value,
    current: &Value,
    overwrite: bool,
) -> Result<Value, Error> {
    let (o, m, c) = (as_doc(original)?, as_doc(modified)?, as_doc(current)?);
    let delta = diff::diff_maps(
        &c,
        &m,
        schema,
        diff::DiffOptions {
            ignore_deletions: true,
            set_element_order: true,
            ..Default::default()
        },
    )?;
    let deletions = diff::diff_maps(
        &o,
        &m,
        schema,
        diff::DiffOptions {
            set_element_order: true,
            ignore_changes_and_additions: true,
            ..Default::default()
        },
    )?;
    let patch = merge::merge_map(deletions, delta, schema, merge::MergeOptions::default())?;
    if !overwrite {
        let changed = diff::diff_maps(&o, &c, schema, diff::DiffOptions::default())?;
        if conflict::maps_have_conflicts(&patch, &changed, schema)? {
            return Err(Error::Conflict(super::conflict_message(
                &Value::Object(patch),
                &Value::Object(changed),
            )));
        }
    }
    Ok(Value::Object(patch))
}

/// `StrategicMergePatch`: apply `patch` to `original` as the API server does.
pub fn apply(schema: Schema<'_>, original: &Value, patch: &Value) -> Result<Value, Error> {
    let (o, p) = (as_doc(original)?, as_doc(patch)?);
    let opts = merge::MergeOptions {
        merge_parallel_list: true,
        ignore_unmatched_nulls: true,
    };
    Ok(Value::Object(merge::merge_map(o, p, schema, opts)?))
}

/// A document as `json.Unmarshal` into a map sees it: `null` is empty, anything but an
/// object is `invalid JSON document`.
fn as_doc(v: &Value) -> Result<Map<String, Value>, Error> {
    match v {
        Value::Object(m) => Ok(m.clone()),
        Value::Null => Ok(Map::new()),
        _ => Err(Error::invalid("invalid JSON document")),
    }
}

/// The dynamic type of a value after apimachinery's JSON decoding, compared where Go
/// compares `reflect.TypeOf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Nil,
    Bool,
    Int,
    Float,
    String,
    Map,
    Slice,
}

pub(crate) fn kind(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Nil,
        Value::Bool(_) => Kind::Bool,
        Value::Number(n) if n.is_i64() => Kind::Int,
        Value::Number(_) => Kind::Float,
        Value::String(_) => Kind::String,
        Value::Object(_) => Kind::Map,
        Value::Array(_) => Kind::Slice,
    }
}

/// Go's `reflect.TypeOf(v).String()`, for error texts.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match kind(v) {
        Kind::Nil => "%!s(<nil>)",
        Kind::Bool => "bool",
        Kind::Int => "int64",
        Kind::Float => "float64",
        Kind::String => "string",
        Kind::Map => "map[string]interface {}",
        Kind::Slice => "[]interface {}",
    }
}

/// `mergepatch.ErrBadArgType(expected, actual)`.
pub(crate) fn bad_arg_type(expected: &str, actual: &Value) -> Error {
    Error::invalid(format!(
        "expected a {expected}, but received a {}",
        type_name(actual)
    ))
}

pub(crate) const MAP_TYPE: &str = "map[string]interface {}";
pub(crate) const SLICE_TYPE: &str = "[]interface {}";

/// `mergepatch.ErrNoMergeKey`.
pub(crate) fn no_merge_key(m: &Map<String, Value>, key: &str) -> Error {
    Error::invalid(format!(
        "map: {} does not contain declared merge key: {key}",
        go_v(&Value::Object(m.clone()))
    ))
}

/// `mergepatch.ErrBadPatchType`: `%s` of the directive value.
pub(crate) fn bad_patch_type(directive: &Value, m: &Map<String, Value>) -> Error {
    let d = match directive {
        Value::String(s) => s.clone(),
        Value::Null => "%!s(<nil>)".to_string(),
        other => format!("%!s({}={})", type_name(other), go_v(other)),
    };
    Error::invalid(format!(
        "unknown patch type: {d} in map: {}",
        go_v(&Value::Object(m.clone()))
    ))
}

/// The strategy a field's metadata gives, or apimachinery's error for a strategy list it
/// cannot read.
pub(crate) fn strategy(meta: &FieldMeta) -> Result<Strategy, Error> {
    match &meta.bad_strategy {
        Some(list) => Err(Error::invalid(format!("unexpected patch strategy: {list}"))),
        None => Ok(meta.strategy),
    }
}

/// `sliceElementType`: the one element type of several lists.
pub(crate) fn slice_element_type(slices: &[&[Value]]) -> Result<Kind, Error> {
    let mut prev: Option<Kind> = None;
    for s in slices {
        for v in s.iter() {
            let k = kind(v);
            match prev {
                None => {
                    if k == Kind::Slice {
                        return Err(Error::invalid("lists of lists are not supported"));
                    }
                    prev = Some(k);
                }
                Some(p) if p != k => {
                    let all: Vec<Value> = slices.iter().map(|s| Value::Array(s.to_vec())).collect();
                    return Err(Error::invalid(format!(
                        "list element types are not identical: {}",
                        go_v(&Value::Array(all))
                    )));
                }
                Some(_) => {}
            }
        }
    }
    prev.ok_or_else(|| Error::invalid("no elements in any of the given slices"))
}

/// `fmt.Sprintf("%v", v)`, the text apimachinery sorts and compares list items by.
pub(crate) fn sort_text(v: &Value) -> String {
    go_v(v)
}

/// `sortScalars`: Go's `sort.Sort` by `%v` text with the non-strict comparator
/// `a <= b` (equal texts swap places the way Go's insertion sort swaps them).
pub(crate) fn sort_scalars(v: Vec<Value>) -> Vec<Value> {
    let texts: Vec<String> = v.iter().map(sort_text).collect();
    let idx = crate::printers::gofmt::go_sort_indices(v.len(), &mut |a, b| texts[a] <= texts[b]);
    let mut slots: Vec<Option<Value>> = v.into_iter().map(Some).collect();
    idx.into_iter()
        .map(|i| slots[i].take().unwrap_or(Value::Null))
        .collect()
}

/// `deduplicateScalars`: Go's in-place deduplication, which moves the last element into
/// each duplicate's slot (so it reorders).
pub(crate) fn deduplicate_scalars(mut s: Vec<Value>) -> Vec<Value> {
    let mut length = s.len() as isize - 1;
    let mut i: isize = 0;
    while i < length {
        let mut j = i + 1;
        while j <= length {
            if s[i as usize] == s[j as usize] {
                s[j as usize] = s[length as usize].clone();
                s.truncate(length as usize);
                length -= 1;
                j -= 1;
            }
            j += 1;
        }
        i += 1;
    }
    s
}

/// `extractKey`: the list name after `$setElementOrder/` or `$deleteFromPrimitiveList/`.
pub(crate) fn extract_key<'k>(key: &'k str, prefix: &str) -> Result<&'k str, Error> {
    match key.split_once('/') {
        Some((p, rest)) if p == prefix => Ok(rest),
        _ => Err(Error::invalid(match prefix {
            DELETE_FROM_PRIMITIVE_LIST => "invalid patch format of primitive list",
            _ => "invalid patch format of setElementOrder list",
        })),
    }
}

#[cfg(test)]
mod tests;
