//! `-o json` bytes: Go's `encoding/json` over an unstructured object, as kubectl prints it.
//!
//! What serde_json does differently and this module fixes: keys already sort like Go's map
//! marshalling (byte order, serde_json without `preserve_order`), but Go escapes `<`, `>`,
//! `&`, U+2028 and U+2029 (HTML-safe), writes `\b`/`\f`, lower-case `\u00xx`, and formats
//! floats its own way (`1` for 1.0, `1e+21`, `1e-7`).
//!
//! Typed objects (what kubectl's typed clients decode) are written in their Go struct's field
//! order instead: the writers take a [`KeyOrder`] (`generate::shape` supplies Go's).

use super::gofmt::push_json_number;
use serde_json::{Map, Value};

/// The order in which an object's keys are written: byte order for maps and unstructured
/// objects ([`Sorted`]), declaration order for Go structs.
pub trait KeyOrder: Copy {
    /// The entries of `obj` to write, in order, each with the order of its value.
    fn entries(self, obj: &Map<String, Value>) -> impl Iterator<Item = (&str, &Value, Self)>;
    /// The order of an array's elements.
    fn element(self) -> Self;
}

/// Go's map order (sorted keys), which is serde_json's own.
#[derive(Debug, Clone, Copy)]
pub struct Sorted;

impl KeyOrder for Sorted {
    fn entries(self, obj: &Map<String, Value>) -> impl Iterator<Item = (&str, &Value, Self)> {
        obj.iter().map(|(k, v)| (k.as_str(), v, Sorted))
    }
    fn element(self) -> Self {
        Sorted
    }
}

/// kubectl's typed `v1.List` (what `apply -o json` prints of several objects): the list's
/// own keys in Go's struct order (`kind`, `apiVersion`, `metadata`, `items`), the items as
/// unstructured objects (sorted keys).
#[derive(Debug, Clone, Copy)]
pub enum TypedList {
    /// The list itself.
    List,
    /// Anything inside it.
    Inner,
}

impl KeyOrder for TypedList {
    fn entries(self, obj: &Map<String, Value>) -> impl Iterator<Item = (&str, &Value, Self)> {
        let entries: Vec<(&str, &Value, Self)> = match self {
            TypedList::List => ["kind", "apiVersion", "metadata", "items"]
                .iter()
                .filter_map(|k| obj.get_key_value(*k))
                .map(|(k, v)| (k.as_str(), v, TypedList::Inner))
                .collect(),
            TypedList::Inner => obj
                .iter()
                .map(|(k, v)| (k.as_str(), v, TypedList::Inner))
                .collect(),
        };
        entries.into_iter()
    }
    fn element(self) -> Self {
        TypedList::Inner
    }
}

/// Go's `json.Marshal` (compact, HTML-escaped). jsonpath prints maps and lists this way.
pub fn to_compact(v: &Value) -> String {
    to_compact_in(v, Sorted)
}

/// [`to_compact`] with the keys in `order`.
pub fn to_compact_in(v: &Value, order: impl KeyOrder) -> String {
    let mut out = String::new();
    write_value(v, None, 0, order, &mut out);
    out
}

/// Go's `json.MarshalIndent(v, "", indent)` without the trailing newline.
pub fn to_indented(v: &Value, indent: &str) -> String {
    let mut out = String::new();
    write_value(v, Some(indent), 0, Sorted, &mut out);
    out
}

/// kubectl's `-o json`: 4-space indent and a trailing newline.
pub fn to_kubectl_json(v: &Value) -> String {
    to_kubectl_json_in(v, Sorted)
}

/// [`to_kubectl_json`] with the keys in `order`.
pub fn to_kubectl_json_in(v: &Value, order: impl KeyOrder) -> String {
    let mut s = String::new();
    write_value(v, Some("    "), 0, order, &mut s);
    s.push('\n');
    s
}

/// One item of kubectl's `-o json` `List` as it sits in the list: a line break, then the
/// item indented at depth 2 (the caller writes the `[`, `,` and `]` around items).
pub fn list_item(v: &Value) -> String {
    let mut s = String::from("\n        ");
    write_value(v, Some("    "), 2, Sorted, &mut s);
    s
}

/// A JSON string literal with Go's HTML-safe escaping.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_string(s, &mut out);
    out
}

fn newline(indent: Option<&str>, depth: usize, out: &mut String) {
    if let Some(ind) = indent {
        out.reserve(1 + ind.len() * depth);
        out.push('\n');
        for _ in 0..depth {
            out.push_str(ind);
        }
    }
}

fn write_value(
    v: &Value,
    indent: Option<&str>,
    depth: usize,
    order: impl KeyOrder,
    out: &mut String,
) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => push_json_number(n, out),
        Value::String(s) => push_string(s, out),
        Value::Array(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(indent, depth + 1, out);
                write_value(x, indent, depth + 1, order.element(), out);
            }
            newline(indent, depth, out);
            out.push(']');
        }
        Value::Object(m) => {
            let mut entries = order.entries(m).peekable();
            if entries.peek().is_none() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, x, inner)) in entries.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(indent, depth + 1, out);
                push_string(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(x, indent, depth + 1, inner, out);
            }
            newline(indent, depth, out);
            out.push('}');
        }
    }
}

fn push_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    // Runs of bytes Go writes as they are are copied whole; only the escapes are written
    // one by one. Every escaped byte is ASCII or the lead byte of U+2028/U+2029, so `start`
    // always sits on a character boundary.
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (escape, len) = match b {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            0x08 => ("\\b", 1),
            0x0c => ("\\f", 1),
            b'<' | b'>' | b'&' | 0x00..=0x1f => ("\\u00", 1),
            0xe2 if bytes[i + 1..].starts_with(&[0x80, 0xa8]) => ("\\u2028", 3),
            0xe2 if bytes[i + 1..].starts_with(&[0x80, 0xa9]) => ("\\u2029", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[start..i]);
        out.push_str(escape);
        if escape == "\\u00" {
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        }
        i += len;
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Expected bytes from `kubectl.1.33 label --local -f obj.json x=y -o json`.
    #[test]
    fn matches_kubectl_json() {
        let v: Value = serde_json::from_str(
            r#"{"kind":"ConfigMap","data":{"b":"<tag>&","w":"\u2028x","zz":"\u0007bell","c":"\b\f\u0001","v":"é 日本"},
               "nums":{"a":1,"b":0.5,"c":1e21,"d":-0.0,"f":1.0,"g":1e-7,"h":12345678901234567890,"l":[],"m":{}}}"#,
        )
        .unwrap();
        let want = r#"{
    "data": {
        "b": "\u003ctag\u003e\u0026",
        "c": "\b\f\u0001",
        "v": "é 日本",
        "w": "\u2028x",
        "zz": "\u0007bell"
    },
    "kind": "ConfigMap",
    "nums": {
        "a": 1,
        "b": 0.5,
        "c": 1e+21,
        "d": -0,
        "f": 1,
        "g": 1e-7,
        "h": 12345678901234567000,
        "l": [],
        "m": {}
    }
}
"#;
        assert_eq!(to_kubectl_json(&v), want);
    }

    // testdata/README.md: the kubectl output is also the input.
    #[test]
    fn corpus_matches_kubectl() {
        for want in [
            include_str!("testdata/corpus.kubectl.json"),
            include_str!("testdata/deployment.kubectl.json"),
        ] {
            let v: Value = serde_json::from_str(want).unwrap();
            assert_eq!(to_kubectl_json(&v), want);
        }
    }

    #[test]
    fn compact() {
        let v = json!({"b": [1, "x", null, true, {"k": "<v>"}, [1, 2]], "a": {}});
        assert_eq!(
            to_compact(&v),
            r#"{"a":{},"b":[1,"x",null,true,{"k":"\u003cv\u003e"},[1,2]]}"#
        );
    }

    /// Go's escaping, one character at a time: the plain statement of what `push_string`
    /// writes run by run.
    fn push_string_by_chars(s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '<' | '>' | '&' | '\u{0}'..='\u{1f}' => {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                }
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                c => out.push(c),
            }
        }
        out.push('"');
    }

    proptest::proptest! {
        #[test]
        fn runs_escape_like_single_characters(
            s in "[\\x00-\\x7f\u{80}-\u{7ff}\u{2020}-\u{202f}\u{e000}-\u{e0ff}\u{1f600}-\u{1f60f}]{0,40}"
        ) {
            let (mut fast, mut slow) = (String::new(), String::new());
            push_string(&s, &mut fast);
            push_string_by_chars(&s, &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn line_and_paragraph_separators_and_their_neighbours() {
        for (s, want) in [
            ("a\u{2028}b\u{2029}", r#""a\u2028b\u2029""#),
            ("\u{2027}\u{202a}\u{20ac}", "\"\u{2027}\u{202a}\u{20ac}\""),
            ("<\u{0}\u{1f}&>", r#""\u003c\u0000\u001f\u0026\u003e""#),
        ] {
            assert_eq!(quote(s), want);
        }
    }
}
