//! Where list items end up: apimachinery's `normalizeElementOrder` and its helpers.
//!
//! The precedence is `$setElementOrder` (or the patch's own order), then the live list's
//! order for items only the server has; `$patch: delete` items go last. Go sorts here with
//! `sort.SliceStable` and a comparator that is not a strict order; `go_stable_sort`
//! reproduces Go's algorithm (insertion sort in blocks of 20, then `symMerge`) so that the
//! result is the same even then.

use serde_json::{Map, Value};

use super::{DELETE, DIRECTIVE, Kind, MAP_TYPE, bad_arg_type, no_merge_key};
use crate::patch::Error;

/// `index`: the position of `item` in `list` (by merge key for maps), or -1.
pub(crate) fn index(list: &[Value], item: &Value, merge_key: &str, kind: Kind) -> isize {
    let key = |v: &Value| -> Value {
        match v {
            Value::Object(m) => m.get(merge_key).cloned().unwrap_or(Value::Null),
            _ => Value::Null,
        }
    };
    if kind == Kind::Map {
        let want = key(item);
        list.iter()
            .position(|v| key(v) == want)
            .map_or(-1, |p| p as isize)
    } else {
        list.iter()
            .position(|v| v == item)
            .map_or(-1, |p| p as isize)
    }
}

/// `validateMergeKeyInLists`: every item is a map holding the merge key.
fn validate_merge_key_in_lists(merge_key: &str, lists: &[&[Value]]) -> Result<(), Error> {
    for list in lists {
        for item in list.iter() {
            let m = item
                .as_object()
                .ok_or_else(|| bad_arg_type(MAP_TYPE, item))?;
            if !m.contains_key(merge_key) {
                return Err(no_merge_key(m, merge_key));
            }
        }
    }
    Ok(())
}

/// `extractToDeleteItems`: items to keep, and the `$patch: delete` items.
pub(crate) fn extract_to_delete_items(list: Vec<Value>) -> Result<(Vec<Value>, Vec<Value>), Error> {
    let (mut keep, mut delete) = (Vec::new(), Vec::new());
    for v in list {
        let m = v.as_object().ok_or_else(|| bad_arg_type(MAP_TYPE, &v))?;
        if m.get(DIRECTIVE).and_then(Value::as_str) == Some(DELETE) {
            delete.push(v);
        } else {
            keep.push(v);
        }
    }
    Ok((keep, delete))
}

/// `normalizeSliceOrder`: sort `to_sort` by the positions in `order` (stable; items not
/// found keep Go's quirky placement), `$patch: delete` items last.
pub(crate) fn normalize_slice_order(
    to_sort: Vec<Value>,
    order: &[Value],
    merge_key: &str,
    kind: Kind,
) -> Result<Vec<Value>, Error> {
    let (mut to_sort, to_delete) = if kind == Kind::Map {
        validate_merge_key_in_lists(merge_key, &[&to_sort, order])?;
        extract_to_delete_items(to_sort)?
    } else {
        (to_sort, Vec::new())
    };
    let pos: Vec<isize> = to_sort
        .iter()
        .map(|v| index(order, v, merge_key, kind))
        .collect();
    let mut idx: Vec<usize> = (0..to_sort.len()).collect();
    go_stable_sort(&mut idx, &mut |a, b| {
        let (pa, pb) = (pos[*a], pos[*b]);
        if pa >= 0 && pb >= 0 { pa < pb } else { true }
    });
    let mut slots: Vec<Option<Value>> = to_sort.drain(..).map(Some).collect();
    let mut out: Vec<Value> = idx
        .into_iter()
        .map(|i| slots[i].take().unwrap_or(Value::Null))
        .collect();
    out.extend(to_delete);
    Ok(out)
}

/// `normalizeElementOrder`: patch items in `patch_order`, server-only items in
/// `server_order`, then interleaved by the live order.
pub(crate) fn normalize_element_order(
    patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    merge_key: &str,
    kind: Kind,
) -> Result<Vec<Value>, Error> {
    let patch = normalize_slice_order(patch, patch_order, merge_key, kind)?;
    let server_only = normalize_slice_order(server_only, server_order, merge_key, kind)?;
    Ok(merge_sorted_slice(
        server_only,
        patch,
        server_order,
        merge_key,
        kind,
    ))
}

/// `mergeSortedSlice`: insert each `left` (server-only) item into `right` (patch items)
/// before the first patch item it precedes in the live order.
fn merge_sorted_slice(
    left: Vec<Value>,
    right: Vec<Value>,
    server_order: &[Value],
    merge_key: &str,
    kind: Kind,
) -> Vec<Value> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        match (left.peek(), right.peek()) {
            (None, None) => break,
            (None, Some(_)) => out.extend(right.next()),
            (Some(_), None) => out.extend(left.next()),
            (Some(l), Some(r)) => {
                let li = index(server_order, l, merge_key, kind);
                let ri = index(server_order, r, merge_key, kind);
                if li >= 0 && ri >= 0 && li < ri {
                    out.extend(left.next());
                } else {
                    out.extend(right.next());
                }
            }
        }
    }
    out
}

/// `partitionPrimitivesByPresentInList`.
pub(crate) fn partition_primitives(list: Vec<Value>, by: &[Value]) -> (Vec<Value>, Vec<Value>) {
    list.into_iter().partition(|v| by.contains(v))
}

/// `partitionMapsByPresentInList`.
pub(crate) fn partition_maps(
    list: Vec<Value>,
    by: &[Value],
    merge_key: &str,
) -> Result<(Vec<Value>, Vec<Value>), Error> {
    let (mut inside, mut outside) = (Vec::new(), Vec::new());
    for v in list {
        let m = v.as_object().ok_or_else(|| bad_arg_type(MAP_TYPE, &v))?;
        let key = m.get(merge_key).ok_or_else(|| no_merge_key(m, merge_key))?;
        if find_map(by, merge_key, key)?.is_some() {
            inside.push(v);
        } else {
            outside.push(v);
        }
    }
    Ok((inside, outside))
}

/// `findMapInSliceBasedOnKeyValue`: the first map whose `key` equals `value`.
pub(crate) fn find_map(list: &[Value], key: &str, value: &Value) -> Result<Option<usize>, Error> {
    for (i, v) in list.iter().enumerate() {
        let m: &Map<String, Value> = v
            .as_object()
            .ok_or_else(|| Error::invalid(format!("value for key {i} is not a map")))?;
        if m.get(key) == Some(value) {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// Go's `sort.SliceStable` (insertion sort over blocks of 20, then in-place `symMerge`),
/// step for step, so that inconsistent comparators give Go's order.
pub(crate) fn go_stable_sort<T>(v: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    let n = v.len();
    let mut block = 20;
    let (mut a, mut b) = (0, block);
    while b <= n {
        insertion_sort(v, a, b, less);
        a = b;
        b += block;
    }
    insertion_sort(v, a, n, less);
    while block < n {
        a = 0;
        b = 2 * block;
        while b <= n {
            sym_merge(v, a, a + block, b, less);
            a = b;
            b += 2 * block;
        }
        let m = a + block;
        if m < n {
            sym_merge(v, a, m, n, less);
        }
        block *= 2;
    }
}

fn insertion_sort<T>(v: &mut [T], a: usize, b: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    for i in a + 1..b {
        let mut j = i;
        while j > a && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn sym_merge<T>(v: &mut [T], a: usize, m: usize, b: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    if m - a == 1 {
        let (mut i, mut j) = (m, b);
        while i < j {
            let h = (i + j) / 2;
            if less(&v[h], &v[a]) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        for k in a..i.saturating_sub(1) {
            v.swap(k, k + 1);
        }
        return;
    }
    if b - m == 1 {
        let (mut i, mut j) = (a, m);
        while i < j {
            let h = (i + j) / 2;
            if !less(&v[m], &v[h]) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        let mut k = m;
        while k > i {
            v.swap(k, k - 1);
            k -= 1;
        }
        return;
    }
    let mid = (a + b) / 2;
    let n = mid + m;
    let (mut start, mut r) = if m > mid { (n - b, mid) } else { (a, m) };
    let p = n - 1;
    while start < r {
        let c = (start + r) / 2;
        if !less(&v[p - c], &v[c]) {
            start = c + 1;
        } else {
            r = c;
        }
    }
    let end = n - start;
    if start < m && m < end {
        rotate(v, start, m, end);
    }
    if a < start && start < mid {
        sym_merge(v, a, start, mid, less);
    }
    if mid < end && end < b {
        sym_merge(v, mid, end, b, less);
    }
}

/// Go's block-swap `rotate` of `v[a..m]` and `v[m..b]`.
fn rotate<T>(v: &mut [T], a: usize, m: usize, b: usize) {
    let (mut i, mut j) = (m - a, b - m);
    while i != j {
        if i > j {
            swap_range(v, m - i, m, j);
            i -= j;
        } else {
            swap_range(v, m - i, m + j - i, i);
            j -= i;
        }
    }
    swap_range(v, m - i, m, i);
}

fn swap_range<T>(v: &mut [T], a: usize, b: usize, n: usize) {
    for i in 0..n {
        v.swap(a + i, b + i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_sort_matches_a_stable_sort_for_consistent_orders() {
        // 0..97 keys with many duplicates: Go's stable sort must equal Rust's stable sort.
        let keys: Vec<(u32, usize)> = (0..97).map(|i| ((i * 37 % 11) as u32, i)).collect();
        let mut mine = keys.clone();
        go_stable_sort(&mut mine, &mut |a, b| a.0 < b.0);
        let mut std = keys;
        std.sort_by_key(|k| k.0);
        assert_eq!(mine, std);
    }

    #[test]
    fn stable_sort_with_an_always_true_comparator_is_gos() {
        // Go's insertion sort moves each element in front of all before it.
        let mut v = vec![1, 2, 3];
        go_stable_sort(&mut v, &mut |_, _| true);
        assert_eq!(v, [3, 2, 1]);
    }
}
