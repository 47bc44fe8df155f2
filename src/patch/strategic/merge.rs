//! Applying a strategic merge patch (apimachinery's `mergeMap`), and merging the two halves
//! of a three-way patch (the same walk with `merge_parallel_list` off: directives are kept
//! instead of executed).

use serde_json::{Map, Value};

use super::diff::merge_key_value_equal;
use super::order::{
    extract_to_delete_items, find_map, normalize_element_order, partition_maps,
    partition_primitives,
};
use super::{
    DELETE, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, Kind, MERGE, REPLACE, RETAIN_KEYS,
    SET_ELEMENT_ORDER, SLICE_TYPE, bad_arg_type, bad_patch_type, deduplicate_scalars, extract_key,
    kind, no_merge_key, slice_element_type, strategy,
};
use crate::patch::Error;
use crate::patch::meta::{Schema, Strategy};
use crate::printers::gofmt::go_v;

type Obj = Map<String, Value>;

/// `MergeOptions`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MergeOptions {
    /// Execute `$deleteFromPrimitiveList`, `$setElementOrder` and `$retainKeys` (applying a
    /// patch) rather than carry them over (merging two patches).
    pub merge_parallel_list: bool,
    /// A `null` for a key the original lacks is dropped (applying) rather than kept.
    pub ignore_unmatched_nulls: bool,
}

/// `mergeMap`: merge `patch` into `original`.
pub fn merge_map(
    mut original: Obj,
    mut patch: Obj,
    schema: Schema<'_>,
    opts: MergeOptions,
) -> Result<Obj, Error> {
    if let Some(directive) = patch.get(DIRECTIVE) {
        return match directive.as_str() {
            // The patch, without its marker, replaces the map (unmerged: directives and
            // nulls inside it stay).
            Some(REPLACE) => {
                patch.remove(DIRECTIVE);
                Ok(patch)
            }
            Some(DELETE) => Ok(Obj::new()),
            _ => Err(bad_patch_type(directive, &patch)),
        };
    }
    apply_retain_keys(&mut original, &mut patch, opts)?;
    merge_set_element_order(&mut original, &mut patch, schema, opts)?;
    for (key, value) in patch {
        let (key, delete_list) = if key.starts_with(DELETE_FROM_PRIMITIVE_LIST) {
            if !opts.merge_parallel_list {
                original.insert(key, value);
                continue;
            }
            (
                extract_key(&key, DELETE_FROM_PRIMITIVE_LIST)?.to_string(),
                true,
            )
        } else {
            (key, false)
        };
        let mut value = value;
        if value.is_null() {
            original.remove(&key);
            if opts.ignore_unmatched_nulls {
                continue;
            }
        }
        let same_kind = original.get(&key).map(|o| kind(o) == kind(&value));
        if same_kind != Some(true) {
            // Absent from the original, or of another type: the patch value is taken.
            if !delete_list {
                if opts.ignore_unmatched_nulls {
                    crate::patch::drop_nulls(&mut value);
                }
                match remove_directives(value) {
                    Some(v) => {
                        original.insert(key, v);
                    }
                    None => {
                        original.remove(&key);
                    }
                }
            }
            continue;
        }
        let Some(current) = original.remove(&key) else {
            continue;
        };
        let merged = match (current, value) {
            (Value::Object(o), Value::Object(p)) => {
                let (sub, meta) = schema.field(&key);
                if strategy(&meta)? == Strategy::Replace {
                    Some(Value::Object(p))
                } else {
                    Some(Value::Object(merge_map(o, p, sub, opts)?))
                }
            }
            (Value::Array(o), Value::Array(p)) => {
                let (sub, meta) = schema.field(&key);
                let strat = strategy(&meta)?;
                Some(Value::Array(merge_slice_handler(
                    o,
                    p,
                    sub,
                    strat,
                    &meta.merge_key,
                    delete_list,
                    opts,
                )?))
            }
            (_, value) => remove_directives(value),
        };
        if let Some(v) = merged {
            original.insert(key, v);
        }
    }
    Ok(original)
}

/// `applyRetainKeysDirective`.
fn apply_retain_keys(original: &mut Obj, patch: &mut Obj, opts: MergeOptions) -> Result<(), Error> {
    let Some(retain) = patch.remove(RETAIN_KEYS) else {
        return Ok(());
    };
    if !opts.merge_parallel_list {
        match original.get(RETAIN_KEYS) {
            Some(existing) if *existing != retain => {
                return Err(Error::invalid(format!(
                    "{} and {} are not deep equal: this may happen when calculating the 3-way diff patch",
                    go_v(existing),
                    go_v(&retain)
                )));
            }
            Some(_) => {}
            None => {
                original.insert(RETAIN_KEYS.into(), retain);
            }
        }
        return Ok(());
    }
    let Value::Array(keep) = retain else {
        return Err(Error::invalid("invalid patch format of retainKeys"));
    };
    let kept = |k: &str| keep.iter().any(|v| v.as_str() == Some(k));
    for (k, v) in patch.iter() {
        if v.is_null()
            || k.starts_with(DELETE_FROM_PRIMITIVE_LIST)
            || k.starts_with(SET_ELEMENT_ORDER)
        {
            continue;
        }
        if !kept(k) {
            return Err(Error::invalid("invalid patch format of retainKeys"));
        }
    }
    original.retain(|k, _| kept(k));
    Ok(())
}

/// `mergePatchIntoOriginal`: each `$setElementOrder/<list>` with its list, merged and put in
/// that order (or, when merging patches, carried over and checked for agreement).
fn merge_set_element_order(
    original: &mut Obj,
    patch: &mut Obj,
    schema: Schema<'_>,
    opts: MergeOptions,
) -> Result<(), Error> {
    let keys: Vec<String> = patch
        .keys()
        .filter(|k| k.starts_with(SET_ELEMENT_ORDER))
        .cloned()
        .collect();
    for key in keys {
        let Some(order) = patch.remove(&key) else {
            continue;
        };
        if !opts.merge_parallel_list {
            match original.get(&key) {
                Some(existing) if *existing != order => {
                    return Err(Error::invalid(
                        "invalid patch format of setElementOrder list",
                    ));
                }
                Some(_) => {}
                None => {
                    original.insert(key.clone(), order.clone());
                }
            }
        }
        let Value::Array(order) = order else {
            return Err(bad_arg_type(SLICE_TYPE, &order));
        };
        let list_key = extract_key(&key, SET_ELEMENT_ORDER)?.to_string();
        let original_list = as_list(original.get(&list_key))?;
        let patch_list = as_list(patch.get(&list_key))?;
        let (sub, meta) = schema.field(&list_key);
        let strat = strategy(&meta)?;
        let merge_key = meta.merge_key.as_str();
        validate_patch_with_set_order_list(
            patch_list.as_deref().unwrap_or(&[]),
            &order,
            merge_key,
        )?;
        let merged = match (&original_list, &patch_list) {
            (Some(o), None) => o.clone(),
            (None, Some(p)) => match remove_directives(Value::Array(p.clone())) {
                Some(Value::Array(v)) => v,
                _ => continue,
            },
            (Some(o), Some(p)) => {
                merge_slice_handler(o.clone(), p.clone(), sub, strat, merge_key, false, opts)?
            }
            (None, None) => continue,
        };
        let (items, server_only) = if merge_key.is_empty() {
            partition_primitives(merged, &order)
        } else {
            partition_maps(merged, &order, merge_key)?
        };
        let o = original_list.unwrap_or_default();
        let p = patch_list.unwrap_or_default();
        let elem = slice_element_type(&[&o, &p])?;
        let both = normalize_element_order(items, server_only, &order, &o, merge_key, elem)?;
        original.insert(list_key.clone(), Value::Array(both));
        patch.remove(&list_key);
    }
    Ok(())
}

fn as_list(v: Option<&Value>) -> Result<Option<Vec<Value>>, Error> {
    match v {
        None => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a.clone())),
        Some(other) => Err(bad_arg_type(SLICE_TYPE, other)),
    }
}

/// `validatePatchWithSetOrderList`: the patch list's items appear in the order list, in the
/// same relative order.
fn validate_patch_with_set_order_list(
    patch_list: &[Value],
    order: &[Value],
    merge_key: &str,
) -> Result<(), Error> {
    if order.is_empty() || patch_list.is_empty() {
        return Ok(());
    }
    let items = if merge_key.is_empty() {
        patch_list.to_vec()
    } else {
        extract_to_delete_items(patch_list.to_vec())?.0
    };
    let (mut pi, mut si) = (0, 0);
    while pi < items.len() && si < order.len() {
        if items[pi].get(DIRECTIVE).is_some() {
            pi += 1;
            continue;
        }
        if merge_key_value_equal(&items[pi], &order[si], merge_key)? {
            pi += 1;
        }
        si += 1;
    }
    if pi < items.len() && si >= order.len() {
        return Err(Error::invalid(format!(
            "The order in patch list:\n{}\n doesn't match {SET_ELEMENT_ORDER} list:\n{}\n",
            go_v(&Value::Array(patch_list.to_vec())),
            go_v(&Value::Array(order.to_vec()))
        )));
    }
    Ok(())
}

/// `mergeSliceHandler`: merge lists (and deletion lists) are merged, others replaced.
fn merge_slice_handler(
    original: Vec<Value>,
    patch: Vec<Value>,
    schema: Schema<'_>,
    strat: Strategy,
    merge_key: &str,
    delete_list: bool,
    opts: MergeOptions,
) -> Result<Vec<Value>, Error> {
    if strat == Strategy::Merge || delete_list {
        merge_slice(original, patch, schema, merge_key, opts, delete_list)
    } else {
        Ok(patch)
    }
}

/// `mergeSlice`.
fn merge_slice(
    original: Vec<Value>,
    patch: Vec<Value>,
    schema: Schema<'_>,
    merge_key: &str,
    opts: MergeOptions,
    delete_list: bool,
) -> Result<Vec<Value>, Error> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let elem = slice_element_type(&[&original, &patch])?;
    let (original, patch, merged) = if elem != Kind::Map {
        if opts.merge_parallel_list && delete_list {
            return Ok(original
                .into_iter()
                .filter(|v| !patch.contains(v))
                .collect());
        }
        let mut both = original.clone();
        both.extend(patch.iter().cloned());
        (original, patch, deduplicate_scalars(both))
    } else {
        if merge_key.is_empty() {
            return Err(Error::invalid(format!(
                "cannot merge lists without merge key for {}",
                schema.name()
            )));
        }
        let (original, patch) = merge_special_elements(original, patch, merge_key)?;
        let merged =
            merge_without_special_elements(original.clone(), &patch, merge_key, schema, opts)?;
        (original, patch, merged)
    };
    let (items, server_only) = if merge_key.is_empty() {
        partition_primitives(merged, &patch)
    } else {
        partition_maps(merged, &patch, merge_key)?
    };
    normalize_element_order(items, server_only, &patch, &original, merge_key, elem)
}

/// `mergeSliceWithSpecialElements`: execute `$patch: delete` items, and `$patch: replace`
/// (the patch's other items become the whole list).
fn merge_special_elements(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    merge_key: &str,
) -> Result<(Vec<Value>, Vec<Value>), Error> {
    let mut plain = Vec::new();
    let mut replace = false;
    for v in patch {
        let Value::Object(m) = &v else {
            plain.push(v);
            continue;
        };
        let Some(directive) = m.get(DIRECTIVE) else {
            plain.push(v);
            continue;
        };
        match directive.as_str() {
            Some(DELETE) => {
                let key = m.get(merge_key).ok_or_else(|| no_merge_key(m, merge_key))?;
                while let Some(i) = find_map(&original, merge_key, key)? {
                    original.remove(i);
                }
            }
            Some(REPLACE) => replace = true,
            Some(MERGE) => {
                return Err(Error::invalid(
                    "merging lists cannot yet be specified in the patch",
                ));
            }
            _ => return Err(bad_patch_type(directive, m)),
        }
    }
    Ok(if replace {
        (plain, Vec::new())
    } else {
        (original, plain)
    })
}

/// `mergeSliceWithoutSpecialElements`: items with a known merge key merge into it, the
/// others are appended as they are.
fn merge_without_special_elements(
    mut original: Vec<Value>,
    patch: &[Value],
    merge_key: &str,
    schema: Schema<'_>,
    opts: MergeOptions,
) -> Result<Vec<Value>, Error> {
    for v in patch {
        let m = v
            .as_object()
            .ok_or_else(|| bad_arg_type(super::MAP_TYPE, v))?;
        let key = m.get(merge_key).ok_or_else(|| no_merge_key(m, merge_key))?;
        match find_map(&original, merge_key, key)? {
            Some(i) => {
                let Value::Object(o) = std::mem::take(&mut original[i]) else {
                    unreachable!("find_map only matches maps");
                };
                original[i] = Value::Object(merge_map(o, m.clone(), schema, opts)?);
            }
            None => original.push(v.clone()),
        }
    }
    Ok(original)
}

/// `removeDirectives`: drop every map carrying `$patch` (`None` if `v` is one).
pub(crate) fn remove_directives(v: Value) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.contains_key(DIRECTIVE) {
                return None;
            }
            Some(Value::Object(
                m.into_iter()
                    .filter_map(|(k, v)| remove_directives(v).map(|v| (k, v)))
                    .collect(),
            ))
        }
        Value::Array(a) => Some(Value::Array(
            a.into_iter().filter_map(remove_directives).collect(),
        )),
        other => Some(other),
    }
}
