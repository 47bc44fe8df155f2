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
