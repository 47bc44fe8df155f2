//! An ordered document tree for kubeconfig output, with kubectl's two encodings.
//!
//! kubectl prints `config view -o json` in Go struct-field order (kind, apiVersion,
//! preferences, clusters, users, contexts, current-context) with 4-space indent, but
//! `-o yaml` goes through sigs.k8s.io/yaml, which re-sorts every map's keys. [`Node`] keeps
//! the struct order so both can be produced from one tree.
//!
//! The YAML is kk's go-yaml emitter over the JSON (`printers::yaml`), as sigs.k8s.io/yaml
//! writes it.

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

    /// sigs.k8s.io/yaml's rendering: the JSON re-read as YAML and written by go-yaml, which
    /// sorts every map's keys — kk's one go-yaml emitter, as `-o yaml` uses everywhere.
    pub fn to_yaml(&self) -> Result<String, crate::printers::Error> {
        crate::printers::yaml::to_kubectl_yaml(&self.to_json())
    }
}

fn write_json(n: &Node, indent: usize, width: usize, out: &mut String) {
    let pad = |i: usize| " ".repeat(i * width);
    match n {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Num(s) => out.push_str(s),
        Node::Str(s) => out.push_str(&crate::printers::json::quote(s)),
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
                out.push_str(&crate::printers::json::quote(k));
                out.push_str(": ");
                write_json(v, indent + 1, width, out);
                out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
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
            doc.to_yaml().unwrap(),
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
            list.to_yaml().unwrap(),
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
