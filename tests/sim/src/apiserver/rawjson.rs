//! Finding a member of a stored JSON object without parsing it: lists served as Tables copy
//! each object's `metadata` bytes into the row and parse the rest without
//! `metadata.managedFields` (which no printer reads and which is the most expensive part of an
//! object to parse), instead of parsing whole objects into trees and serialising them again.
//!
//! The input is JSON the store wrote (valid, compact), but any valid JSON text works.

use std::ops::Range;

/// A member `"key":value` of an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// From the key's opening quote to the end of the value.
    pub whole: Range<usize>,
    /// The value.
    pub value: Range<usize>,
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// `s[i]` is a `"`: the index after the closing quote.
fn skip_string(s: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The index after the value starting at `s[i]`.
fn skip_value(s: &[u8], i: usize) -> Option<usize> {
    match *s.get(i)? {
        b'"' => skip_string(s, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < s.len() {
                match s[j] {
                    b'"' => {
                        j = skip_string(s, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < s.len() && !matches!(s[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// The member `key` of the JSON object `s` (None if absent or `s` is no object). Keys are
/// compared as written (a key spelled with escapes does not match).
pub fn member(s: &[u8], key: &str) -> Option<Member> {
    let mut i = skip_ws(s, 0);
    if s.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(s, i + 1);
    while s.get(i) == Some(&b'"') {
        let key_start = i;
        let key_end = skip_string(s, i)?;
        i = skip_ws(s, key_end);
        if s.get(i) != Some(&b':') {
            return None;
        }
        let v = skip_ws(s, i + 1);
        let v_end = skip_value(s, v)?;
        if &s[key_start + 1..key_end - 1] == key.as_bytes() {
            return Some(Member {
                whole: key_start..v_end,
                value: v..v_end,
            });
        }
        i = skip_ws(s, v_end);
        if s.get(i) == Some(&b',') {
            i = skip_ws(s, i + 1);
        }
    }
    None
}

/// The element `index` of the JSON array `s` (None if absent or `s` is no array): the range
/// of its value.
pub fn element(s: &[u8], index: usize) -> Option<Range<usize>> {
    let mut i = skip_ws(s, 0);
    if s.get(i) != Some(&b'[') {
        return None;
    }
    i = skip_ws(s, i + 1);
    let mut n = 0;
    while i < s.len() && s[i] != b']' {
        let end = skip_value(s, i)?;
        if n == index {
            return Some(i..end);
        }
        n += 1;
        i = skip_ws(s, end);
        if s.get(i) == Some(&b',') {
            i = skip_ws(s, i + 1);
        }
    }
    None
}

/// The value a JSON pointer (RFC 6901, as `serde_json::Value::pointer` reads it) names in the
/// JSON text `s`: the range of its bytes, found without parsing the rest. What field and
/// label selectors read from stored objects.
pub fn pointer(s: &[u8], ptr: &str) -> Option<Range<usize>> {
    if ptr.is_empty() {
        return Some(skip_ws(s, 0)..s.len());
    }
    let rest = ptr.strip_prefix('/')?;
    let mut at = 0..s.len();
    for token in rest.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        let part = &s[at.clone()];
        let found = match part.get(skip_ws(part, 0)) {
            Some(b'{') => member(part, &token).map(|m| m.value),
            Some(b'[') => array_index(&token).and_then(|i| element(part, i)),
            _ => None,
        }?;
        at = at.start + found.start..at.start + found.end;
    }
    Some(at)
}

/// A pointer token as an array index (`serde_json`'s rule: digits, no leading zero).
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() > 1) {
        return None;
    }
    token.parse().ok()
}

/// `s` without the member at `m` (and the comma that separated it), still valid JSON.
pub fn without(s: &[u8], m: &Member) -> Vec<u8> {
    let mut start = m.whole.start;
    let mut end = m.whole.end;
    let after = skip_ws(s, end);
    if s.get(after) == Some(&b',') {
        end = after + 1;
    } else {
        // The last member: drop the comma before it.
        let mut b = start;
        while b > 0 && matches!(s[b - 1], b' ' | b'\t' | b'\n' | b'\r') {
            b -= 1;
        }
        if b > 0 && s[b - 1] == b',' {
            start = b - 1;
        }
    }
    let mut out = Vec::with_capacity(s.len() - (end - start));
    out.extend_from_slice(&s[..start]);
    out.extend_from_slice(&s[end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn value_of(s: &[u8], key: &str) -> Option<Value> {
        member(s, key).map(|m| serde_json::from_slice(&s[m.value]).unwrap())
    }

    #[test]
    fn finds_members_past_nested_strings_and_escapes() {
        let obj =
            json!({"a": {"x": "}\"]{", "y": [1, {"z": "\\"}]}, "b": -1.5e3, "c": "q\"", "d": null});
        let s = serde_json::to_vec(&obj).unwrap();
        for k in ["a", "b", "c", "d"] {
            assert_eq!(value_of(&s, k).as_ref(), obj.get(k), "{k}");
        }
        assert_eq!(member(&s, "e"), None);
        assert_eq!(member(b"[1]", "a"), None);
        let pretty = serde_json::to_vec_pretty(&obj).unwrap();
        assert_eq!(value_of(&pretty, "c").as_ref(), obj.get("c"));
    }

    #[test]
    fn pointers_find_what_value_pointer_finds() {
        let obj = json!({"metadata": {"name": "p", "labels": {"a/b": "x", "m~n": "y"}},
                         "status": {"podIPs": [{"ip": "1"}, {"ip": "2"}], "phase": "Running"},
                         "list": [[0, 1], {"01": 3}]});
        let s = serde_json::to_vec(&obj).unwrap();
        for ptr in [
            "",
            "/metadata",
            "/metadata/name",
            "/metadata/labels/a~1b",
            "/metadata/labels/m~0n",
            "/status/podIPs/1/ip",
            "/status/podIPs/2/ip",
            "/status/phase",
            "/status/phase/x",
            "/list/0/1",
            "/list/1/01",
            "/list/01",
            "/list/+1",
            "/missing",
            "metadata",
        ] {
            let got = pointer(&s, ptr).map(|r| serde_json::from_slice::<Value>(&s[r]).unwrap());
            assert_eq!(got.as_ref(), obj.pointer(ptr), "{ptr}");
        }
    }

    #[test]
    fn without_removes_a_member_and_its_comma() {
        let obj = json!({"a": 1, "b": [2], "c": {"d": 3}});
        let s = serde_json::to_vec(&obj).unwrap();
        for k in ["a", "b", "c"] {
            let rest: Value =
                serde_json::from_slice(&without(&s, &member(&s, k).unwrap())).unwrap();
            let mut want = obj.clone();
            want.as_object_mut().unwrap().remove(k);
            assert_eq!(rest, want, "{k}");
        }
        let one = br#"{ "a" : 1 }"#;
        assert_eq!(without(one, &member(one, "a").unwrap()), b"{  }");
    }
}
