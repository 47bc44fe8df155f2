//! `MergingMapsHaveConflicts`: does a patch touch, differently, what changed on the server
//! since the last apply? (`kubectl apply --overwrite=false`.)

use serde_json::{Map, Value};

use super::{
    DIRECTIVE, Kind, RETAIN_KEYS, deduplicate_scalars, kind, slice_element_type, sort_scalars,
    strategy,
};
use crate::patch::Error;
use crate::patch::meta::{Schema, Strategy};
use crate::printers::gofmt::go_v;

type Obj = Map<String, Value>;

/// Whether `left` and `right` set some key to different values.
pub fn maps_have_conflicts(left: &Obj, right: &Obj, schema: Schema<'_>) -> Result<bool, Error> {
    for (key, lv) in left {
        if key == DIRECTIVE || key == RETAIN_KEYS {
            continue;
        }
        let Some(rv) = right.get(key) else {
            continue;
        };
        let (sub, strat, merge_key) = match lv {
            Value::Array(_) | Value::Object(_) => {
                let (sub, meta) = schema.field(key);
                (sub, strategy(&meta)?, meta.merge_key)
            }
            _ => (Schema::opaque(), Strategy::None, String::new()),
        };
        if fields_have_conflicts(lv, rv, sub, strat, &merge_key)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn fields_have_conflicts(
    left: &Value,
    right: &Value,
    schema: Schema<'_>,
    strat: Strategy,
    merge_key: &str,
) -> Result<bool, Error> {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => {
            let (lm, rm) = (l.get(DIRECTIVE), r.get(DIRECTIVE));
            if (lm.is_some() || rm.is_some()) && lm != rm {
                // One side deletes or replaces the whole map.
                return Ok(true);
            }
            if strat == Strategy::Replace {
                return Ok(false);
            }
            maps_have_conflicts(l, r, schema)
        }
        (Value::Array(l), Value::Array(r)) => slices_have_conflicts(l, r, schema, strat, merge_key),
        (Value::Object(_), _) | (Value::Array(_), _) => Ok(true),
        _ => Ok(left != right),
    }
}

fn slices_have_conflicts(
    left: &[Value],
    right: &[Value],
    schema: Schema<'_>,
    strat: Strategy,
    merge_key: &str,
) -> Result<bool, Error> {
    let elem = slice_element_type(&[left, right])?;
    if strat == Strategy::Merge {
        // Merging primitives cannot conflict; maps are compared item by merge key.
        if elem != Kind::Map {
            return Ok(false);
        }
        let l = by_merge_key(left, merge_key)?;
        let r = by_merge_key(right, merge_key)?;
        for (k, lv) in &l {
            if let Some((_, rv)) = r.iter().find(|(rk, _)| rk == k)
                && fields_have_conflicts(lv, rv, schema, Strategy::None, "")?
            {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if left.len() != right.len() {
        return Ok(true);
    }
    let (l, r) = if elem != Kind::Map {
        (
            sort_scalars(deduplicate_scalars(left.to_vec())),
            sort_scalars(deduplicate_scalars(right.to_vec())),
        )
    } else {
        (left.to_vec(), right.to_vec())
    };
    if l.len() != r.len() {
        return Ok(true);
    }
    for (a, b) in l.iter().zip(&r) {
        if fields_have_conflicts(a, b, schema, Strategy::None, "")? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `sliceOfMapsToMapOfMaps`: items by their merge key (type and `%v` text, as Go's
/// `%s`-formatted keys distinguish `80` from `"80"`).
fn by_merge_key(list: &[Value], merge_key: &str) -> Result<Vec<(String, Value)>, Error> {
    let mut out: Vec<(String, Value)> = Vec::new();
    for v in list {
        let m = v.as_object().ok_or_else(|| {
            Error::invalid(format!(
                "invalid element type in merging list:{}",
                go_v(&Value::Array(list.to_vec()))
            ))
        })?;
        let key = m.get(merge_key).ok_or_else(|| {
            Error::invalid(format!(
                "cannot find merge key `{merge_key}` in merging list element:{}",
                go_v(v)
            ))
        })?;
        let k = format!("{:?}:{}", kind(key), go_v(key));
        // A later item with the same key wins, as in Go's map.
        match out.iter_mut().find(|(ok, _)| *ok == k) {
            Some(slot) => slot.1 = v.clone(),
            None => out.push((k, v.clone())),
        }
    }
    Ok(out)
}
