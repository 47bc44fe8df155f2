//! An ordered document tree for kubeconfig output, with kubectl's two encodings.
//!
//! kubectl prints `config view -o json` in Go struct-field order (kind, apiVersion,
//! preferences, clusters, users, contexts, current-context) with 4-space indent, but
//! `-o yaml` goes through sigs.k8s.io/yaml, which re-sorts every map's keys. [`Node`] keeps
//! the struct order so both can be produced from one tree.
//!
//! The YAML emitter covers what a kubeconfig holds (strings, bools, numbers, nested maps and
//! lists) with go-yaml v2's quoting: strings that would read back as another type (`""`,
//! `"true"`, `"y"`, `"123"`, `"null"`) are double-quoted; strings with YAML indicators are
//! single-quoted; multi-line strings use `|-`/`|` blocks.

use serde_json::Value;

/// A JSON/YAML value whose map keys keep insertion order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, already formatted.
    Num(String),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Node>),
    /// A map in the order the fields should appear in JSON.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// Convert an arbitrary JSON value (maps come out in serde_json's sorted key order).
    pub fn from_json(v: &Value) -> Node {
        match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Num(n.to_string()),
            Value::String(s) => Node::Str(s.clone()),
            Value::Array(a) => Node::List(a.iter().map(Node::from_json).collect()),
            Value::Object(m) => Node::Map(
                m.iter()
                    .map(|(k, v)| (k.clone(), Node::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Convert back to JSON (key order is lost; used for JSONPath evaluation).
    pub fn to_json(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Num(n) => serde_json::from_str(n).unwrap_or(Value::Null),
            Node::Str(s) => Value::String(s.clone()),
            Node::List(l) => Value::Array(l.iter().map(Node::to_json).collect()),
            Node::Map(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }

    /// Go's `json.MarshalIndent(v, "", "    ")` plus kubectl's trailing newline.
    pub fn to_json_pretty(&self) -> String {
        self.to_json_indented(4)
    }

    /// Like [`Node::to_json_pretty`] with `width` spaces per level (`version -o json` uses 2).
    pub fn to_json_indented(&self, width: usize) -> String {
        let mut out = String::new();
        write_json(self, 0, width, &mut out);
        out.push('\n');
        out
    }

    /// sigs.k8s.io/yaml's rendering (sorted keys, lists not indented under their key).
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(m) if !m.is_empty() => write_map(m, 0, &mut out),
            Node::List(l) if !l.is_empty() => write_list(l, 0, &mut out),
            scalar => {
                out.push_str(&inline(scalar, 0));
                out.push('\n');
            }
        }
        out
    }
}

fn write_json(n: &Node, indent: usize, width: usize, out: &mut String) {
    let pad = |i: usize| " ".repeat(i * width);
    match n {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Num(s) => out.push_str(s),
        Node::Str(s) => out.push_str(&go_json_string(s)),
        Node::List(l) if l.is_empty() => out.push_str("[]"),
        Node::Map(m) if m.is_empty() => out.push_str("{}"),
        Node::List(l) => {
            out.push_str("[\n");
            for (i, item) in l.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                write_json(item, indent + 1, width, out);
                out.push_str(if i + 1 < l.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        Node::Map(m) => {
            out.push_str("{\n");
            for (i, (k, v)) in m.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&go_json_string(k));
                out.push_str(": ");
                write_json(v, indent + 1, width, out);
                out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
    }
}

/// Go's encoding/json string escaping, including its HTML-safe `\u003c` forms.
pub fn go_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn sorted(m: &[(String, Node)]) -> Vec<&(String, Node)> {
    let mut v: Vec<&(String, Node)> = m.iter().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn write_map(m: &[(String, Node)], indent: usize, out: &mut String) {
    for (k, v) in sorted(m) {
        out.push_str(&" ".repeat(indent));
        out.push_str(&scalar_str(k));
        out.push(':');
        write_value_after_key(v, indent, out);
    }
}

fn write_value_after_key(v: &Node, indent: usize, out: &mut String) {
    match v {
        Node::Map(m) if !m.is_empty() => {
            out.push('\n');
            write_map(m, indent + 2, out);
        }
        // go-yaml puts a key's list items at the key's own indentation.
        Node::List(l) if !l.is_empty() => {
            out.push('\n');
            write_list(l, indent, out);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other, indent));
            out.push('\n');
        }
    }
}

fn write_list(l: &[Node], indent: usize, out: &mut String) {
    for item in l {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            Node::Map(m) if !m.is_empty() => {
                let entries = sorted(m);
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i == 0 {
                        out.push(' ');
                    } else {
                        out.push_str(&" ".repeat(indent + 2));
                    }
                    out.push_str(&scalar_str(k));
                    out.push(':');
                    write_value_after_key(v, indent + 2, out);
                }
            }
            Node::List(inner) if !inner.is_empty() => {
                out.push('\n');
                write_list(inner, indent + 2, out);
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other, indent + 2));
                out.push('\n');
            }
        }
    }
}

fn inline(n: &Node, indent: usize) -> String {
    match n {
        Node::Null => "null".into(),
        Node::Bool(b) => b.to_string(),
        Node::Num(s) => s.clone(),
        Node::Str(s) if s.contains('\n') => block(s, indent),
        Node::Str(s) => scalar_str(s),
        Node::List(_) => "[]".into(),
        Node::Map(_) => "{}".into(),
    }
}

fn block(s: &str, indent: usize) -> String {
    let (body, chomp) = match s.strip_suffix('\n') {
        Some(b) if !b.ends_with('\n') => (b, ""),
        Some(_) => (s.trim_end_matches('\n'), "+"),
        None => (s, "-"),
    };
    let pad = " ".repeat(indent + 2);
    let mut out = format!("|{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

/// Would a YAML 1.1 reader take this plain scalar for something other than a string?
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN", "<<",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    let t = s.strip_prefix(['-', '+']).unwrap_or(s).replace('_', "");
    if t.is_empty() {
        return false;
    }
    let is_int = t.chars().all(|c| c.is_ascii_digit())
        || t.strip_prefix("0x")
            .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
        || t.strip_prefix("0b")
            .is_some_and(|b| !b.is_empty() && b.chars().all(|c| c == '0' || c == '1'));
    let is_float = t.parse::<f64>().is_ok()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || ".eE+-".contains(c));
    is_int || is_float || is_timestamp(s)
}

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit)
}

fn needs_single_quotes(s: &str) -> bool {
    let first = s.chars().next().unwrap_or(' ');
    "-?:,[]{}#&*!|>'\"%@`".contains(first) && !(first == '-' && s.len() > 1 && !s.starts_with("- "))
        || (first == '-' && s == "-")
        || (first == '?' || first == ':') && s.len() == 1
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(|c| c.is_control() || c == '\u{feff}')
}

fn scalar_str(s: &str) -> String {
    if resolves_to_non_string(s) || s.chars().any(|c| c.is_control() && c != '\n') {
        go_json_string(s)
            .replace("\\u003c", "<")
            .replace("\\u003e", ">")
            .replace("\\u0026", "&")
    } else if needs_single_quotes(s) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: Vec<(&str, Node)>) -> Node {
        Node::Map(v.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    #[test]
    fn yaml_sorts_keys_and_does_not_indent_lists() {
        let doc = m(vec![
            ("kind", Node::Str("Config".into())),
            (
                "clusters",
                Node::List(vec![m(vec![
                    ("name", Node::Str("a".into())),
                    (
                        "cluster",
                        m(vec![("server", Node::Str("https://x:6443".into()))]),
                    ),
                ])]),
            ),
            ("preferences", m(vec![])),
            ("users", Node::Null),
            ("current-context", Node::Str(String::new())),
        ]);
        assert_eq!(
            doc.to_yaml(),
            "clusters:\n- cluster:\n    server: https://x:6443\n  name: a\ncurrent-context: \"\"\n\
             kind: Config\npreferences: {}\nusers: null\n"
        );
    }

    #[test]
    fn yaml_quotes_like_go_yaml() {
        let list = Node::List(
            [
                "a",
                "true",
                "",
                "y",
                "123",
                "1.5",
                "-x",
                "a: b",
                "*star",
                "2024-01-01",
            ]
            .iter()
            .map(|s| Node::Str(s.to_string()))
            .collect(),
        );
        assert_eq!(
            list.to_yaml(),
            "- a\n- \"true\"\n- \"\"\n- \"y\"\n- \"123\"\n- \"1.5\"\n- -x\n- 'a: b'\n- '*star'\n\
             - \"2024-01-01\"\n"
        );
    }

    #[test]
    fn json_keeps_struct_order_and_escapes_html() {
        let doc = m(vec![
            ("kind", Node::Str("<a&b>".into())),
            ("apiVersion", Node::Null),
        ]);
        assert_eq!(
            doc.to_json_pretty(),
            "{\n    \"kind\": \"\\u003ca\\u0026b\\u003e\",\n    \"apiVersion\": null\n}\n"
        );
    }
}
