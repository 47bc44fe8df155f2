//! JSON patch (RFC 6902) exactly as kubectl and the API server apply it: the semantics and
//! error texts of `gopkg.in/evanphx/json-patch.v4`, which both use.
//!
//! Written here rather than on the `json-patch` crate because that crate implements the RFC
//! strictly and kubectl does not: evanphx's `replace` of a missing object key adds it,
//! `copy` from a missing key copies `null`, `add` without a `value` adds `null`, negative
//! array indices count from the end, a root `replace` with a scalar does nothing, and every
//! failure has its own wording (`error in remove for path: '/data/x': Unable to remove
//! nonexistent key: x: missing value`), which users see from `kubectl patch --type json`.

use serde_json::{Map, Value};

use super::Error;

/// Apply an RFC 6902 patch (a JSON array of operations) to `doc`; errors carry evanphx's
/// texts, which the API server returns as they are.
pub fn apply(doc: &Value, patch: &Value) -> Result<Value, Error> {
    let ops = decode(patch)?;
    let mut doc = doc.clone();
    for op in &ops {
        apply_op(&mut doc, op).map_err(Error::Invalid)?;
    }
    Ok(doc)
}

/// [`apply`], with kubectl's rewording for `patch --local` (`getPatchedJSON`): a replace
/// of a missing array index reads `Object to be patched is missing field (<path>: missing
/// value)`.
pub fn apply_local(doc: &Value, patch: &Value) -> Result<Value, Error> {
    apply(doc, patch).map_err(|e| match e {
        Error::Invalid(msg) if msg.contains("doc is missing key") => {
            let key = msg.find("key:").map_or("", |i| &msg[i + 5..]);
            Error::Invalid(format!("Object to be patched is missing field ({key})"))
        }
        other => other,
    })
}

/// `jsonpatch.DecodePatch`: Go's `json.Unmarshal` into `[]map[string]*json.RawMessage`.
fn decode(patch: &Value) -> Result<Vec<Option<Map<String, Value>>>, Error> {
    let unmarshal = |v: &Value, into: &str| {
        Error::invalid(format!(
            "json: cannot unmarshal {} into Go value of type {into}",
            json_type(v)
        ))
    };
    match patch {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::Object(m) => Ok(Some(m.clone())),
                Value::Null => Ok(None),
                other => Err(unmarshal(other, "jsonpatch.Operation")),
            })
            .collect(),
        other => Err(unmarshal(other, "jsonpatch.Patch")),
    }
}

/// The JSON type name in Go's `UnmarshalTypeError` texts.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

const MISSING: &str = "missing value";
const INVALID_INDEX: &str = "invalid index referenced";

type Op = Option<Map<String, Value>>;

fn field<'a>(op: &'a Op, name: &str) -> Option<&'a Value> {
    op.as_ref()
        .and_then(|m| m.get(name))
        .filter(|v| !v.is_null())
}

/// `Operation.Kind`.
fn kind(op: &Op) -> String {
    match field(op, "op") {
        Some(Value::String(s)) => s.clone(),
        _ => "unknown".into(),
    }
}

/// `Operation.Path` / `Operation.From`: the string, or the error text.
fn pointer(op: &Op, name: &str, missing: &str) -> Result<String, String> {
    match field(op, name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(format!(
            "json: cannot unmarshal {} into Go value of type string",
            json_type(other)
        )),
        None => Err(format!("{missing}: {MISSING}")),
    }
}

fn path(op: &Op) -> Result<String, String> {
    pointer(op, "path", "operation missing path field")
}

fn from(op: &Op) -> Result<String, String> {
    pointer(op, "from", "operation, missing from field")
}

/// `Operation.value()`: `None` when there is no `value` member (evanphx then adds `null`).
fn value(op: &Op) -> Option<&Value> {
    op.as_ref().and_then(|m| m.get("value"))
}

fn apply_op(doc: &mut Value, op: &Op) -> Result<(), String> {
    match kind(op).as_str() {
        "add" => {
            let path =
                path(op).map_err(|_| format!("add operation failed to decode path: {MISSING}"))?;
            let (con, key) = find_object(doc, &path).ok_or_else(|| {
                format!("add operation does not apply: doc is missing path: \"{path}\": {MISSING}")
            })?;
            let v = value(op).cloned().unwrap_or(Value::Null);
            add(con, &key, v).map_err(|e| format!("error in add for path: '{path}': {e}"))
        }
        "remove" => {
            let path = path(op)
                .map_err(|_| format!("remove operation failed to decode path: {MISSING}"))?;
            let (con, key) = find_object(doc, &path).ok_or_else(|| {
                format!(
                    "remove operation does not apply: doc is missing path: \"{path}\": {MISSING}"
                )
            })?;
            remove(con, &key).map_err(|e| format!("error in remove for path: '{path}': {e}"))
        }
        "replace" => {
            let path =
                path(op).map_err(|e| format!("replace operation failed to decode path: {e}"))?;
            if path.is_empty() {
                // Only an object or array replaces the document; anything else is ignored.
                if let Some(v @ (Value::Object(_) | Value::Array(_))) = value(op) {
                    *doc = v.clone();
                }
                return Ok(());
            }
            let (con, key) = find_object(doc, &path).ok_or_else(|| {
                format!("replace operation does not apply: doc is missing path: {path}: {MISSING}")
            })?;
            if get(con, &key).is_err() {
                return Err(format!(
                    "replace operation does not apply: doc is missing key: {path}: {MISSING}"
                ));
            }
            let v = value(op).cloned().unwrap_or(Value::Null);
            set(con, &key, v).map_err(|e| format!("error in remove for path: '{path}': {e}"))
        }
        "move" => {
            let from =
                from(op).map_err(|e| format!("move operation failed to decode from: {e}"))?;
            let (con, key) = find_object(doc, &from).ok_or_else(|| {
                format!(
                    "move operation does not apply: doc is missing from path: {from}: {MISSING}"
                )
            })?;
            let v = get(con, &key)
                .map_err(|e| format!("error in move for path: '{key}': {e}"))?
                .cloned()
                .unwrap_or(Value::Null);
            remove(con, &key).map_err(|e| format!("error in move for path: '{key}': {e}"))?;
            let path =
                path(op).map_err(|e| format!("move operation failed to decode path: {e}"))?;
            let (con, key) = find_object(doc, &path).ok_or_else(|| {
                format!(
                    "move operation does not apply: doc is missing destination path: {path}: {MISSING}"
                )
            })?;
            add(con, &key, v).map_err(|e| format!("error in move for path: '{path}': {e}"))
        }
        "test" => {
            let path =
                path(op).map_err(|e| format!("test operation failed to decode path: {e}"))?;
            let failed = || format!("testing value {path} failed: test failed");
            if path.is_empty() {
                return match value(op) {
                    Some(v) if v == doc => Ok(()),
                    _ => Err(failed()),
                };
            }
            let (con, key) = find_object(doc, &path).ok_or_else(|| {
                format!("test operation does not apply: is missing path: {path}: {MISSING}")
            })?;
            let found =
                get(con, &key).map_err(|e| format!("error in test for path: '{path}': {e}"))?;
            match (found, value(op)) {
                // A missing (or null) value matches an explicit null.
                (None, Some(Value::Null)) => Ok(()),
                (Some(v), Some(want)) if v == want => Ok(()),
                _ => Err(failed()),
            }
        }
        "copy" => {
            let from =
                from(op).map_err(|e| format!("copy operation failed to decode from: {e}"))?;
            let (con, key) = find_object(doc, &from).ok_or_else(|| {
                format!(
                    "copy operation does not apply: doc is missing from path: {from}: {MISSING}"
                )
            })?;
            let v = get(con, &key)
                .map_err(|e| format!("error in copy for from: '{from}': {e}"))?
                .cloned()
                .unwrap_or(Value::Null);
            let path =
                path(op).map_err(|_| format!("copy operation failed to decode path: {MISSING}"))?;
            let (con, key) = find_object(doc, &path).ok_or_else(|| {
                format!(
                    "copy operation does not apply: doc is missing destination path: {path}: {MISSING}"
                )
            })?;
            add(con, &key, v).map_err(|e| format!("error while adding value during copy: {e}"))
        }
        other => Err(format!("Unexpected kind: {other}")),
    }
}

/// RFC 6901 unescaping in one pass (`~1` → `/`, `~0` → `~`).
fn decode_key(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut chars = k.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.peek() {
                Some('1') => {
                    chars.next();
                    out.push('/');
                    continue;
                }
                Some('0') => {
                    chars.next();
                    out.push('~');
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    out
}

/// `findObject`: the container of the pointer's last token, and that token. `None` when a
/// step on the way is missing, `null`, a scalar or a bad index (or the path has no `/`).
fn find_object<'a>(doc: &'a mut Value, path: &str) -> Option<(&'a mut Value, String)> {
    let split: Vec<&str> = path.split('/').collect();
    if split.len() < 2 {
        return None;
    }
    let mut cur = doc;
    for part in &split[1..split.len() - 1] {
        let key = decode_key(part);
        let next = match cur {
            Value::Object(m) => m.get_mut(&key)?,
            Value::Array(a) => {
                let i = array_index(a.len(), &key).ok()?;
                &mut a[i]
            }
            _ => return None,
        };
        if !matches!(next, Value::Object(_) | Value::Array(_)) {
            return None;
        }
        cur = next;
    }
    Some((cur, decode_key(split[split.len() - 1])))
}

/// Go's `strconv.Atoi`, with its error text.
fn atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing \"{s}\": invalid syntax"));
    }
    s.trim_start_matches('+')
        .parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing \"{s}\": value out of range"))
}

fn invalid_index(i: i64) -> String {
    format!("Unable to access invalid index: {i}: {INVALID_INDEX}")
}

/// An existing index (`get`, `set`, `remove`), negative ones counting from the end.
fn array_index(len: usize, key: &str) -> Result<usize, String> {
    let mut idx = atoi(key)?;
    let n = len as i64;
    if idx < 0 {
        if idx < -n {
            return Err(invalid_index(idx));
        }
        idx += n;
    }
    if idx >= n {
        return Err(invalid_index(idx));
    }
    Ok(idx as usize)
}

/// `container.get`: `Ok(None)` for a missing or null object member.
fn get<'a>(con: &'a Value, key: &str) -> Result<Option<&'a Value>, String> {
    match con {
        Value::Object(m) => Ok(m.get(key).filter(|v| !v.is_null())),
        Value::Array(a) => {
            let i = array_index(a.len(), key)?;
            Ok(Some(&a[i]).filter(|v| !v.is_null()))
        }
        _ => Ok(None),
    }
}

fn set(con: &mut Value, key: &str, v: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), v);
            Ok(())
        }
        Value::Array(a) => {
            let i = array_index(a.len(), key)?;
            a[i] = v;
            Ok(())
        }
        _ => Ok(()),
    }
}

fn add(con: &mut Value, key: &str, v: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), v);
            Ok(())
        }
        Value::Array(a) => {
            if key == "-" {
                a.push(v);
                return Ok(());
            }
            let mut idx = atoi(key)
                .map_err(|e| format!("value was not a proper array index: '{key}': {e}"))?;
            let size = a.len() as i64 + 1;
            if idx >= size {
                return Err(invalid_index(idx));
            }
            if idx < 0 {
                if idx < -size {
                    return Err(invalid_index(idx));
                }
                idx += size;
            }
            a.insert(idx as usize, v);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn remove(con: &mut Value, key: &str) -> Result<(), String> {
    match con {
        Value::Object(m) => match m.remove(key) {
            Some(_) => Ok(()),
            None => Err(format!(
                "Unable to remove nonexistent key: {key}: {MISSING}"
            )),
        },
        Value::Array(a) => {
            let mut idx = atoi(key)?;
            let n = a.len() as i64;
            if idx >= n {
                return Err(invalid_index(idx));
            }
            if idx < 0 {
                if idx < -n {
                    return Err(invalid_index(idx));
                }
                idx += n;
            }
            a.remove(idx as usize);
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
