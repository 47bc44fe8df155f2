//! Computing strategic merge patches (apimachinery's `diffMaps` and friends).
//!
//! A patch holds what was added or changed, `null` for removed map keys,
//! `{"<key>": v, "$patch": "delete"}` items for removed merge-list items,
//! `$deleteFromPrimitiveList/<list>` for removed primitive merge-list values,
//! `$setElementOrder/<list>` with the new order of a changed merge list, and `$retainKeys`
//! with the keys a `retainKeys` struct keeps.

use serde_json::{Map, Value};

use super::order::normalize_slice_order;
use super::{
    DELETE, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, Kind, MAP_TYPE, RETAIN_KEYS, SET_ELEMENT_ORDER,
    bad_arg_type, deduplicate_scalars, kind, no_merge_key, slice_element_type, sort_scalars,
    sort_text, strategy,
};
use crate::patch::Error;
use crate::patch::meta::{Schema, Strategy};

/// `DiffOptions`: which parts of the difference to keep.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// Emit `$setElementOrder` lists.
    pub set_element_order: bool,
    /// Leave out additions and changes (the deletions half of a three-way patch).
    pub ignore_changes_and_additions: bool,
    /// Leave out deletions (the changes half of a three-way patch).
    pub ignore_deletions: bool,
    /// Emit `$retainKeys` (set for the children of a `retainKeys` field).
    pub build_retain_keys: bool,
}

type Obj = Map<String, Value>;

/// `diffMaps`: the (recursive) patch from `original` to `modified`.
pub fn diff_maps(
    original: &Obj,
    modified: &Obj,
    schema: Schema<'_>,
    opts: DiffOptions,
) -> Result<Obj, Error> {
    let mut patch = Obj::new();
    let mut retain = Vec::new();
    for (key, mv) in modified {
        if opts.build_retain_keys && !mv.is_null() {
            retain.push(Value::String(key.clone()));
        }
        let Some(ov) = original.get(key) else {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), mv.clone());
            }
            continue;
        };
        if key == DIRECTIVE {
            // A `$patch` in both documents: keep the new one if it changed.
            let (Value::String(o), Value::String(m)) = (ov, mv) else {
                return Err(Error::invalid("invalid value for special key: $patch"));
            };
            if o != m {
                patch.insert(key.clone(), mv.clone());
            }
            continue;
        }
        if kind(ov) != kind(mv) {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), mv.clone());
            }
            continue;
        }
        match (ov, mv) {
            (Value::Object(o), Value::Object(m)) => {
                map_diff(key, o, m, &mut patch, schema, opts)?;
            }
            (Value::Array(o), Value::Array(m)) => {
                slice_diff(key, o, m, &mut patch, schema, opts)?;
            }
            _ => replace_if_not_equal(key, ov, mv, &mut patch, opts),
        }
    }
    if !opts.ignore_deletions {
        for key in original.keys() {
            if !modified.contains_key(key) {
                patch.insert(key.clone(), Value::Null);
            }
        }
    }
    if !retain.is_empty() && (!patch.is_empty() || has_additional_new_field(original, modified)) {
        patch.insert(RETAIN_KEYS.into(), Value::Array(sort_scalars(retain)));
    }
    Ok(patch)
}

/// `handleMapDiff`.
fn map_diff(
    key: &str,
    original: &Obj,
    modified: &Obj,
    patch: &mut Obj,
    schema: Schema<'_>,
    mut opts: DiffOptions,
) -> Result<(), Error> {
    let (sub, meta) = schema.field(key);
    let strat = strategy(&meta)?;
    opts.build_retain_keys = meta.retain_keys;
    if strat == Strategy::Replace {
        // The whole struct is sent, changed or not.
        if !opts.ignore_changes_and_additions {
            patch.insert(key.into(), Value::Object(modified.clone()));
        }
        return Ok(());
    }
    let value = diff_maps(original, modified, sub, opts)?;
    if !value.is_empty() {
        patch.insert(key.into(), Value::Object(value));
    }
    Ok(())
}

/// `handleSliceDiff`.
fn slice_diff(
    key: &str,
    original: &[Value],
    modified: &[Value],
    patch: &mut Obj,
    schema: Schema<'_>,
    mut opts: DiffOptions,
) -> Result<(), Error> {
    let (sub, meta) = schema.field(key);
    if strategy(&meta)? != Strategy::Merge {
        replace_if_not_equal(
            key,
            &Value::Array(original.to_vec()),
            &Value::Array(modified.to_vec()),
            patch,
            opts,
        );
        return Ok(());
    }
    opts.build_retain_keys = meta.retain_keys;
    let (add, delete, order) = diff_lists(original, modified, sub, &meta.merge_key, opts)?;
    if !add.is_empty() {
        patch.insert(key.into(), Value::Array(add));
    }
    if !delete.is_empty() {
        patch.insert(
            format!("{DELETE_FROM_PRIMITIVE_LIST}/{key}"),
            Value::Array(delete),
        );
    }
    if !order.is_empty() {
        patch.insert(format!("{SET_ELEMENT_ORDER}/{key}"), Value::Array(order));
    }
    Ok(())
}

fn replace_if_not_equal(
    key: &str,
    original: &Value,
    modified: &Value,
    patch: &mut Obj,
    opts: DiffOptions,
) {
    if opts.ignore_changes_and_additions || original == modified {
        return;
    }
    patch.insert(key.into(), modified.clone());
}

/// `hasAdditionalNewField`: `original` has a non-null key `modified` lacks.
fn has_additional_new_field(original: &Obj, modified: &Obj) -> bool {
    original
        .iter()
        .any(|(k, v)| !v.is_null() && !modified.contains_key(k))
}

/// `diffLists`: for a merge list, the patch items (changes, additions and `$patch: delete`
/// items), the removed primitives, and the `$setElementOrder` list.
type ListDiff = (Vec<Value>, Vec<Value>, Vec<Value>);

fn diff_lists(
    original: &[Value],
    modified: &[Value],
    schema: Schema<'_>,
    merge_key: &str,
    opts: DiffOptions,
) -> Result<ListDiff, Error> {
    if original.is_empty() {
        if modified.is_empty() || opts.ignore_changes_and_additions {
            return Ok((Vec::new(), Vec::new(), Vec::new()));
        }
        // A list that was empty is sent whole, without an order directive.
        return Ok((modified.to_vec(), Vec::new(), Vec::new()));
    }
    let elem = slice_element_type(&[original, modified])?;
    match elem {
        Kind::Map => {
            let (patch, deletions) =
                diff_lists_of_maps(original, modified, schema, merge_key, opts)?;
            let mut patch = normalize_slice_order(patch, modified, merge_key, elem)?;
            let order_same = is_order_same(original, modified, merge_key)?;
            patch.extend(deletions);
            let mut order = Vec::new();
            if opts.set_element_order
                && ((!opts.ignore_changes_and_additions && (!patch.is_empty() || !order_same))
                    || (!opts.ignore_deletions && !patch.is_empty()))
            {
                order = modified
                    .iter()
                    .map(|v| {
                        let mut m = Obj::new();
                        let k = v.get(merge_key).cloned().unwrap_or(Value::Null);
                        m.insert(merge_key.into(), k);
                        Value::Object(m)
                    })
                    .collect();
            }
            Ok((patch, Vec::new(), order))
        }
        Kind::Slice => Err(Error::invalid("lists of lists are not supported")),
        _ => {
            let (add, delete) = diff_lists_of_scalars(original, modified, opts);
            let add = normalize_slice_order(add, modified, merge_key, elem)?;
            let order = if opts.set_element_order
                && ((!opts.ignore_deletions && !delete.is_empty())
                    || (!opts.ignore_changes_and_additions && original != modified))
            {
                modified.to_vec()
            } else {
                Vec::new()
            };
            Ok((add, delete, order))
        }
    }
}

/// `isOrderSame`: same length and the same merge key at every position.
fn is_order_same(original: &[Value], modified: &[Value], merge_key: &str) -> Result<bool, Error> {
    if original.len() != modified.len() {
        return Ok(false);
    }
    for (o, m) in original.iter().zip(modified) {
        if !merge_key_value_equal(o, m, merge_key)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `mergeKeyValueEqual`.
pub(crate) fn merge_key_value_equal(
    left: &Value,
    right: &Value,
    merge_key: &str,
) -> Result<bool, Error> {
    if merge_key.is_empty() {
        return Ok(left == right);
    }
    let l = left
        .as_object()
        .ok_or_else(|| bad_arg_type(MAP_TYPE, left))?;
    let r = right
        .as_object()
        .ok_or_else(|| bad_arg_type(MAP_TYPE, right))?;
    let lk = l.get(merge_key).ok_or_else(|| no_merge_key(l, merge_key))?;
    let rk = r.get(merge_key).ok_or_else(|| no_merge_key(r, merge_key))?;
    Ok(lk == rk)
}

/// `diffListsOfScalars`: additions and (deduplicated) deletions, found by walking both
/// lists sorted by their `%v` text.
fn diff_lists_of_scalars(
    original: &[Value],
    modified: &[Value],
    opts: DiffOptions,
) -> (Vec<Value>, Vec<Value>) {
    let o = sort_scalars(original.to_vec());
    let m = sort_scalars(modified.to_vec());
    let (mut i, mut j) = (0, 0);
    let (mut add, mut delete) = (Vec::new(), Vec::new());
    while i < o.len() || j < m.len() {
        let os = o.get(i).map(sort_text);
        let ms = m.get(j).map(sort_text);
        match (os, ms) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (None, Some(_)) => {
                if !opts.ignore_changes_and_additions {
                    add.push(m[j].clone());
                }
                j += 1;
            }
            (Some(a), Some(b)) if a > b => {
                if !opts.ignore_changes_and_additions {
                    add.push(m[j].clone());
                }
                j += 1;
            }
            _ => {
                if !opts.ignore_deletions {
                    delete.push(o[i].clone());
                }
                i += 1;
            }
        }
    }
    (add, deduplicate_scalars(delete))
}

/// `diffListsOfMaps`: walk both lists sorted by the merge key's `%v` text; equal keys are
/// diffed recursively, others are additions or `$patch: delete` items.
fn diff_lists_of_maps(
    original: &[Value],
    modified: &[Value],
    schema: Schema<'_>,
    merge_key: &str,
    opts: DiffOptions,
) -> Result<(Vec<Value>, Vec<Value>), Error> {
    let o = sort_by_merge_key(original, merge_key);
    let m = sort_by_merge_key(modified, merge_key);
    let mut patch = Vec::new();
    let mut deletions = Vec::new();
    let (mut i, mut j) = (0, 0);
    let entry = |list: &[Value], at: usize| -> Result<(Obj, Value), Error> {
        let map = list[at]
            .as_object()
            .ok_or_else(|| bad_arg_type(MAP_TYPE, &list[at]))?;
        let key = map
            .get(merge_key)
            .ok_or_else(|| no_merge_key(map, merge_key))?;
        Ok((map.clone(), key.clone()))
    };
    while i < o.len() || j < m.len() {
        let oe = if i < o.len() {
            Some(entry(&o, i)?)
        } else {
            None
        };
        let me = if j < m.len() {
            Some(entry(&m, j)?)
        } else {
            None
        };
        let os = oe.as_ref().map(|(_, k)| sort_text(k));
        let ms = me.as_ref().map(|(_, k)| sort_text(k));
        match (oe, me) {
            (Some((oe, _)), Some((me, mk))) if os == ms => {
                let mut value = diff_maps(&oe, &me, schema, opts)?;
                if !value.is_empty() {
                    value.insert(merge_key.into(), mk);
                    patch.push(Value::Object(value));
                }
                i += 1;
                j += 1;
            }
            (None, Some((me, _))) => {
                if !opts.ignore_changes_and_additions {
                    patch.push(Value::Object(me));
                }
                j += 1;
            }
            (Some(_), Some((me, _))) if os > ms => {
                if !opts.ignore_changes_and_additions {
                    patch.push(Value::Object(me));
                }
                j += 1;
            }
            (Some((_, ok)), _) => {
                if !opts.ignore_deletions {
                    let mut d = Obj::new();
                    d.insert(merge_key.into(), ok);
                    d.insert(DIRECTIVE.into(), Value::String(DELETE.into()));
                    deletions.push(Value::Object(d));
                }
                i += 1;
            }
            (None, None) => break,
        }
    }
    Ok((patch, deletions))
}

/// `sortMapsBasedOnField`: Go's `sort.Sort` by the merge key's `%v` text, non-strict.
fn sort_by_merge_key(list: &[Value], merge_key: &str) -> Vec<Value> {
    let texts: Vec<String> = list
        .iter()
        .map(|v| sort_text(v.get(merge_key).unwrap_or(&Value::Null)))
        .collect();
    crate::printers::gofmt::go_sort_indices(list.len(), &mut |a, b| texts[a] <= texts[b])
        .into_iter()
        .map(|i| list[i].clone())
        .collect()
}
