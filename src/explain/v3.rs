//! `kubectl explain`'s default layout (`--output=plaintext`), rendered from one group
//! version's OpenAPI v3 document the way kubectl's `plaintext` template walks it: the kind is
//! found through the resource's paths (`x-kubernetes-group-version-kind`), the schema through
//! `components.schemas`, fields through `properties`, `items`, `additionalProperties` and
//! `allOf`, with `$ref`s resolved inside the document and cycles cut per path.
//!
//! Go template truth is kept: an empty map, list or string counts as absent.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::wrap::{indent, wrap_words};
use super::{Gvr, go_value};

/// What was printed before a failure (kubectl has already written it) and the failure.
pub struct Rendered {
    /// The text to print to stdout.
    pub out: String,
    /// kubectl's message (without `error: `) when rendering stopped.
    pub error: Option<String>,
}

/// Render `gvr`'s explanation, following `fields`, from the group version's document.
pub fn render(doc: &Value, gvr: &Gvr, fields: &[String], recursive: bool) -> Rendered {
    let r = Renderer { doc, recursive };
    let Some(gvk) = r.gvk_of(gvr) else {
        return Rendered {
            out: String::new(),
            error: Some(format!(
                "GVR ({}) not found in OpenAPI schema",
                gvr.go_string()
            )),
        };
    };
    let mut out = String::new();
    if truthy(gvk.get("group")) {
        out.push_str(&format!("GROUP:      {}\n", go_value(&gvk["group"])));
    }
    out.push_str(&format!("KIND:       {}\n", go_value(&gvk["kind"])));
    out.push_str(&format!("VERSION:    {}\n", go_value(&gvk["version"])));
    out.push('\n');
    match r.schema_for(gvk, fields) {
        Ok(Some(text)) => {
            out.push_str(&text);
            out.push('\n');
            Rendered { out, error: None }
        }
        Ok(None) => Rendered {
            out,
            error: Some(format!("GVK {} not found in OpenAPI schema", go_value(gvk))),
        },
        Err(e) => Rendered {
            out,
            error: Some(e),
        },
    }
}

type History = BTreeSet<String>;

struct Renderer<'a> {
    doc: &'a Value,
    recursive: bool,
}

impl<'a> Renderer<'a> {
    /// The GVK of the resource's list or item operations.
    fn gvk_of(&self, gvr: &Gvr) -> Option<&'a Value> {
        let prefix = if gvr.group.is_empty() {
            "/api".to_string()
        } else {
            format!("/apis/{}", gvr.group)
        };
        let (v, r) = (&gvr.version, &gvr.resource);
        let searched = [
            format!("{prefix}/{v}/{r}"),
            format!("{prefix}/{v}/{r}/{{name}}"),
            format!("{prefix}/{v}/namespaces/{{namespace}}/{r}"),
            format!("{prefix}/{v}/namespaces/{{namespace}}/{r}/{{name}}"),
        ];
        let mut gvk: Option<&Value> = None;
        for path in &searched {
            let Some(item) = self.doc.get("paths").and_then(|p| p.get(path.as_str())) else {
                continue;
            };
            if !truthy(Some(item)) {
                continue;
            }
            for method in ["get", "post", "put", "patch", "delete"] {
                let Some(op) = item.get(method).filter(|o| truthy(Some(o))) else {
                    continue;
                };
                // The template assigns before it tests, so an operation without a kind
                // clears one found earlier.
                gvk = op.get("x-kubernetes-group-version-kind");
                if truthy(gvk) {
                    break;
                }
            }
        }
        gvk.filter(|g| truthy(Some(g)))
    }

    /// The explanation of the schema whose kinds include `gvk`; `Ok(None)`: no such schema.
    fn schema_for(&self, gvk: &Value, fields: &[String]) -> Result<Option<String>, String> {
        let Some(schemas) = self
            .doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
        else {
            return Ok(None);
        };
        for schema in schemas.values() {
            let kinds = schema.get("x-kubernetes-group-version-kind");
            if !kinds
                .and_then(Value::as_array)
                .is_some_and(|ks| ks.contains(gvk))
            {
                continue;
            }
            let text = self.output(schema, &History::new(), fields);
            if text.is_empty() {
                let field = fields.last().map(String::as_str).unwrap_or_default();
                return Err(format!("field {field:?} does not exist"));
            }
            return Ok(Some(text));
        }
        Ok(None)
    }

    /// The `$ref` target inside the document (`None` for other references and empty maps).
    fn resolve(&self, reference: Option<&Value>) -> Option<&'a Value> {
        let r = reference?.as_str()?;
        let fragment = r.strip_prefix('#')?;
        let mut cur = self.doc;
        for k in fragment.split('/').filter(|k| !k.is_empty()) {
            cur = cur.get(k).filter(|v| v.is_object())?;
        }
        Some(cur).filter(|v| truthy(Some(v)))
    }

    fn output(&self, schema: &'a Value, history: &History, fields: &[String]) -> String {
        let reference = schema.get("$ref").and_then(Value::as_str).unwrap_or("");
        let mut next = history.clone();
        next.insert(reference.to_string());
        let resolved = self.resolve(schema.get("$ref")).unwrap_or(schema);
        let Some(first) = fields.first() else {
            let mut out = String::from("DESCRIPTION:\n");
            let mut desc = String::new();
            self.description(resolved, &mut desc);
            if desc.is_empty() {
                desc = "<empty>".into();
            }
            out.push_str(&indent(4, &wrap_words(&desc, 76)));
            out.push('\n');
            let list = self.field_list(resolved, 1, &History::new());
            if !list.is_empty() {
                out.push_str("FIELDS:\n");
                out.push_str(&list);
            }
            return out;
        };
        if !reference.is_empty() && history.contains(reference) {
            return String::new();
        }
        if let Some(sub) = resolved
            .get("properties")
            .filter(|p| truthy(Some(p)))
            .and_then(|p| p.get(first.as_str()))
            .filter(|s| truthy(Some(s)))
        {
            let mut out = String::new();
            if fields.len() == 1 {
                out.push_str(&format!("FIELD: {first} <{}>\n", self.type_guess(sub)));
                out.push_str(&enum_values(sub, true, -1, 0));
                out.push_str("\n\n");
            }
            out.push_str(&self.output(sub, &History::new(), &fields[1..]));
            return out;
        }
        if let Some(items) = resolved.get("items").filter(|i| truthy(Some(i))) {
            return self.output(items, &next, fields);
        }
        if let Some(ap) = map_values(resolved) {
            return self.output(ap, &next, fields);
        }
        for sub in all_of(resolved) {
            let out = self.output(sub, &next, fields);
            if !out.is_empty() {
                return out;
            }
        }
        String::new()
    }

    fn field_list(&self, schema: &'a Value, level: usize, history: &History) -> String {
        let reference = schema.get("$ref").and_then(Value::as_str).unwrap_or("");
        if !reference.is_empty() && history.contains(reference) {
            return String::new();
        }
        let mut next = history.clone();
        next.insert(reference.to_string());
        let resolved = self.resolve(schema.get("$ref")).unwrap_or(schema);
        let mut out = String::new();
        if let Some(props) = resolved.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                out.push_str(&self.field_detail(name, resolved, props, level));
                if self.recursive {
                    out.push_str(&self.field_list(sub, level + 1, &next));
                }
            }
        }
        for sub in all_of(resolved) {
            out.push_str(&self.field_list(sub, level, &next));
        }
        if let Some(items) = resolved.get("items").filter(|i| truthy(Some(i))) {
            out.push_str(&self.field_list(items, level, &next));
        }
        if let Some(ap) = map_values(resolved) {
            out.push_str(&self.field_list(ap, level, &next));
        }
        out
    }

    fn field_detail(
        &self,
        name: &str,
        schema: &Value,
        props: &Map<String, Value>,
        level: usize,
    ) -> String {
        let pad = level * 2;
        let field = &props[name];
        let mut out = format!("{}{name}\t<{}>", " ".repeat(pad), self.type_guess(field));
        let required = schema
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)));
        if required {
            out.push_str(" -required-");
        }
        out.push_str(&enum_values(field, false, 4, pad));
        out.push('\n');
        if !self.recursive {
            let desc = field
                .get("description")
                .filter(|d| truthy(Some(d)))
                .map(go_value)
                .unwrap_or_else(|| "<no description>".into());
            out.push_str(&indent(pad + 2, &wrap_words(&desc, 78 - pad.min(78))));
            out.push_str("\n\n");
        }
        out
    }

    /// The descriptions of the schema and of what it stands for, one per line.
    fn description(&self, schema: &'a Value, out: &mut String) {
        let s = self.resolve(schema.get("$ref")).unwrap_or(schema);
        if !truthy(Some(s)) {
            return;
        }
        if let Some(d) = s.get("description").filter(|d| truthy(Some(d))) {
            out.push_str(&go_value(d));
            out.push('\n');
        }
        for sub in all_of(s) {
            self.description(sub, out);
        }
        if let Some(items) = s.get("items").filter(|i| truthy(Some(i))) {
            self.description(items, out);
        }
        if let Some(ap) = map_values(s) {
            self.description(ap, out);
        }
    }

    /// The type hint: `string`, `Object`, `[]Container`, `map[string]string`, `PodSpec`.
    fn type_guess(&self, schema: &Value) -> String {
        if let Some(items) = schema.get("items").filter(|i| truthy(Some(i))) {
            return format!("[]{}", self.type_guess(items));
        }
        if let Some(ap) = map_values(schema) {
            return format!("map[string]{}", self.type_guess(ap));
        }
        let all = all_of(schema);
        if all.len() == 1 && !truthy(schema.get("properties")) {
            return self.type_guess(&all[0]);
        }
        if let Some(reference) = schema.get("$ref").filter(|r| truthy(Some(r))) {
            let target = self.resolve(Some(reference));
            let ty = target
                .and_then(|t| t.get("type"))
                .filter(|t| truthy(Some(t)));
            return match ty {
                Some(t) if t != "object" => go_value(t),
                _ => {
                    let r = go_value(reference);
                    let name = r.rsplit('/').next().unwrap_or_default();
                    let last = name.rsplit('.').next().unwrap_or_default();
                    if last.is_empty() {
                        "Object".into()
                    } else {
                        last.to_string()
                    }
                }
            };
        }
        match schema.get("type").filter(|t| truthy(Some(t))) {
            Some(t) if t == "object" => "Object".into(),
            Some(t) => go_value(t),
            None => "Object".into(),
        }
    }
}

/// The template's `extractEnum`: `ENUM:` and one value per line for a field's own view, or
/// `enum: a, b, c, d, ....` under a field in a list.
fn enum_values(schema: &Value, long: bool, limit: i64, pad: usize) -> String {
    let Some(values) = schema
        .get("enum")
        .and_then(Value::as_array)
        .filter(|v| !v.is_empty())
    else {
        return String::new();
    };
    let mut out = if long {
        "ENUM:".to_string()
    } else {
        format!("\n{}enum: ", " ".repeat(pad))
    };
    for (i, v) in values.iter().enumerate() {
        if limit > -1 && i as i64 >= limit {
            out.push_str(", ....");
            break;
        }
        if i > 0 && !long {
            out.push_str(", ");
        } else if long {
            out.push_str("\n    ");
        }
        match v {
            Value::String(s) if s.is_empty() => out.push_str("\"\""),
            other => out.push_str(&go_value(other)),
        }
    }
    out
}

/// `additionalProperties` when it is a schema (not `true`/`false`, not empty).
fn map_values(schema: &Value) -> Option<&Value> {
    schema
        .get("additionalProperties")
        .filter(|a| !a.is_boolean() && truthy(Some(a)))
}

fn all_of(schema: &Value) -> &[Value] {
    schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// Go template truth: absent, null, false, 0, and empty strings, lists and maps are false.
pub(super) fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn doc() -> Value {
        json!({
            "paths": {"/apis/x.io/v1/namespaces/{namespace}/nodes": {
                "get": {"x-kubernetes-group-version-kind": {"group": "x.io", "kind": "Node", "version": "v1"}}
            }},
            "components": {"schemas": {
                "x.Node": {
                    "description": "A node of a tree.",
                    "x-kubernetes-group-version-kind": [{"group": "x.io", "kind": "Node", "version": "v1"}],
                    "required": ["mode"],
                    "properties": {
                        "child": {"allOf": [{"$ref": "#/components/schemas/x.Node"}], "description": "The next node."},
                        "mode": {"type": "string", "enum": ["a", "", "c", "d", "e"], "description": "How."}
                    }
                }
            }}
        })
    }

    fn gvr() -> Gvr {
        Gvr {
            group: "x.io".into(),
            version: "v1".into(),
            resource: "nodes".into(),
        }
    }

    #[test]
    fn recursion_stops_at_a_cycle() {
        // The root is no `$ref`, so its type opens once more under `child` before the cut.
        let r = render(&doc(), &gvr(), &[], true);
        assert!(r.error.is_none());
        assert_eq!(
            r.out,
            "GROUP:      x.io\nKIND:       Node\nVERSION:    v1\n\nDESCRIPTION:\n    A node of a tree.\n    \nFIELDS:\n  child\t<Node>\n    child\t<Node>\n    mode\t<string> -required-\n    enum: a, \"\", c, d, ....\n  mode\t<string> -required-\n  enum: a, \"\", c, d, ....\n\n"
        );
    }

    #[test]
    fn a_field_then_a_missing_one() {
        let r = render(&doc(), &gvr(), &["mode".into()], false);
        assert!(
            r.out
                .contains("FIELD: mode <string>\nENUM:\n    a\n    \"\"\n"),
            "{}",
            r.out
        );
        let r = render(&doc(), &gvr(), &["child".into(), "nope".into()], false);
        assert_eq!(r.error.as_deref(), Some("field \"nope\" does not exist"));
        assert_eq!(
            r.out,
            "GROUP:      x.io\nKIND:       Node\nVERSION:    v1\n\n"
        );
    }
}
