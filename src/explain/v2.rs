//! `kubectl explain --output=plaintext-openapiv2`: the layout kubectl printed before
//! OpenAPI v3, rendered from `/openapi/v2`'s definitions read as kube-openapi's model reads
//! them (kinds, maps, arrays, primitives, arbitrary values and references).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::go_value;
use super::wrap::fill_lines;

/// A schema as kube-openapi classifies it.
enum Shape<'a> {
    /// An object with `properties`.
    Kind(&'a Map<String, Value>),
    /// An object without `properties`: its values' schema, if any.
    Map(Option<&'a Value>),
    /// A list of `items`.
    Array(Option<&'a Value>),
    /// `string`, `integer`, ...
    Primitive(String),
    /// No type and no properties.
    Arbitrary,
    /// `$ref` to a definition.
    Reference(&'a Value),
}

/// The definitions of one `/openapi/v2` document.
pub struct Definitions<'a> {
    defs: &'a Map<String, Value>,
}

impl<'a> Definitions<'a> {
    /// The definitions of `doc` (none when it has none).
    pub fn new(doc: &'a Value) -> Self {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        let defs = doc
            .get("definitions")
            .and_then(Value::as_object)
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new));
        Definitions { defs }
    }

    /// The definition that declares `group`/`version`/`kind` (kube-openapi's `LookupResource`).
    pub fn resource(&self, group: &str, version: &str, kind: &str) -> Option<&'a Value> {
        self.defs.values().find(|d| {
            d.get("x-kubernetes-group-version-kind")
                .and_then(Value::as_array)
                .is_some_and(|gvks| {
                    gvks.iter().any(|g| {
                        g.get("group").and_then(Value::as_str).unwrap_or("") == group
                            && g.get("version").and_then(Value::as_str) == Some(version)
                            && g.get("kind").and_then(Value::as_str) == Some(kind)
                    })
                })
        })
    }

    fn shape(&self, s: &'a Value) -> Shape<'a> {
        if let Some(r) = s
            .get("$ref")
            .filter(|r| r.as_str().is_some_and(|r| !r.is_empty()))
        {
            return Shape::Reference(r);
        }
        let props = s.get("properties").and_then(Value::as_object);
        match s.get("type").and_then(Value::as_str) {
            None => match props {
                Some(p) => Shape::Kind(p),
                None => Shape::Arbitrary,
            },
            Some("object") => match props {
                Some(p) => Shape::Kind(p),
                None => Shape::Map(s.get("additionalProperties").filter(|a| a.is_object())),
            },
            Some("array") => Shape::Array(s.get("items").filter(|i| i.is_object())),
            Some(t) => Shape::Primitive(t.to_string()),
        }
    }

    /// The definition a `$ref` names.
    fn target(&self, reference: &Value) -> Option<&'a Value> {
        let name = reference.as_str()?.rsplit('/').next()?;
        self.defs.get(name)
    }

    fn type_name(&self, s: &'a Value) -> String {
        match self.shape(s) {
            Shape::Kind(_) => "Object".into(),
            Shape::Map(sub) => format!(
                "map[string]{}",
                sub.map(|v| self.type_name(v)).unwrap_or_default()
            ),
            Shape::Array(sub) => {
                format!("[]{}", sub.map(|v| self.type_name(v)).unwrap_or_default())
            }
            Shape::Primitive(t) => t,
            Shape::Arbitrary => String::new(),
            Shape::Reference(r) => self
                .target(r)
                .map(|t| self.type_name(t))
                .unwrap_or_default(),
        }
    }

    /// kube-openapi's field lookup: the schema at `path` under `s`.
    fn lookup(&self, s: &'a Value, path: &[String]) -> Result<&'a Value, String> {
        let Some(first) = path.first() else {
            return Ok(s);
        };
        match self.shape(s) {
            Shape::Kind(props) => match props.get(first.as_str()) {
                Some(sub) => self.lookup(sub, &path[1..]),
                None => Err(format!("field {first:?} does not exist")),
            },
            Shape::Map(Some(sub)) | Shape::Array(Some(sub)) => self.lookup(sub, path),
            Shape::Reference(r) => match self.target(r) {
                Some(t) => self.lookup(t, path),
                None => Ok(s),
            },
            Shape::Map(None) | Shape::Array(None) | Shape::Primitive(_) | Shape::Arbitrary => Ok(s),
        }
    }
}

/// Render the explanation of the definition `root` (`kind`, `group_version`) along `fields`;
/// a missing field is an error before anything is printed.
pub fn render(
    defs: &Definitions<'_>,
    root: &Value,
    kind: &str,
    group_version: &str,
    fields: &[String],
    recursive: bool,
) -> Result<String, String> {
    let schema = defs.lookup(root, fields)?;
    let mut p = ModelPrinter {
        defs,
        name: fields.last().cloned().unwrap_or_default(),
        ty: String::new(),
        descriptions: Vec::new(),
        kind,
        group_version,
        recursive,
        out: String::new(),
    };
    p.visit(schema);
    Ok(p.out)
}

struct ModelPrinter<'d, 'a> {
    defs: &'d Definitions<'a>,
    name: String,
    ty: String,
    descriptions: Vec<String>,
    kind: &'d str,
    group_version: &'d str,
    recursive: bool,
    out: String,
}

const FIELD_INDENT: usize = 3;
const DESCRIPTION_INDENT: usize = 5;

impl<'a> ModelPrinter<'_, 'a> {
    fn visit(&mut self, s: &'a Value) {
        let desc = description(s);
        match self.defs.shape(s) {
            Shape::Array(sub) | Shape::Map(sub) => {
                self.descriptions.push(desc);
                if self.ty.is_empty() {
                    self.ty = self.defs.type_name(s);
                }
                match sub {
                    Some(sub) => self.visit(sub),
                    // kube-openapi's arbitrary value in place of a missing item schema.
                    None => {
                        self.kind_and_version();
                        self.description("");
                    }
                }
            }
            Shape::Reference(r) => {
                self.descriptions.push(desc);
                if let Some(t) = self.defs.target(r) {
                    self.visit(t);
                }
            }
            Shape::Kind(_) => {
                self.kind_and_version();
                if self.ty.is_empty() {
                    self.ty = self.defs.type_name(s);
                }
                if !self.name.is_empty() {
                    self.line(0, &format!("RESOURCE: {} <{}>\n", self.name, self.ty));
                }
                self.description(&desc);
                self.line(0, "\nFIELDS:");
                if self.recursive {
                    let mut seen = HashSet::new();
                    recursive_fields(self.defs, s, FIELD_INDENT, &mut seen, &mut self.out);
                } else {
                    self.fields(s);
                }
            }
            Shape::Primitive(_) => {
                self.kind_and_version();
                if self.ty.is_empty() {
                    self.ty = self.defs.type_name(s);
                }
                self.line(0, &format!("FIELD:    {} <{}>\n", self.name, self.ty));
                self.description(&desc);
            }
            Shape::Arbitrary => {
                self.kind_and_version();
                self.description(&desc);
            }
        }
    }

    fn kind_and_version(&mut self) {
        self.line(0, &format!("KIND:     {}", self.kind));
        self.line(0, &format!("VERSION:  {}\n", self.group_version));
    }

    /// The collected descriptions, a blank line between them (counted by position, as
    /// kubectl counts: an empty one first still puts a blank line before the next).
    fn description(&mut self, own: &str) {
        self.line(0, "DESCRIPTION:");
        let mut all = std::mem::take(&mut self.descriptions);
        all.push(own.to_string());
        let mut empty = true;
        for (i, d) in all.iter().enumerate() {
            if d.is_empty() {
                continue;
            }
            empty = false;
            if i != 0 {
                self.line(0, "");
            }
            self.wrapped(DESCRIPTION_INDENT, d);
        }
        if empty {
            self.wrapped(DESCRIPTION_INDENT, "<empty>");
        }
    }

    fn fields(&mut self, s: &'a Value) {
        match self.defs.shape(s) {
            Shape::Kind(props) => {
                let required = required(s);
                for (key, v) in props {
                    let req = if required.contains(&key.as_str()) {
                        " -required-"
                    } else {
                        ""
                    };
                    let ty = self.defs.type_name(v);
                    self.line(FIELD_INDENT, &format!("{key}\t<{ty}>{req}"));
                    self.wrapped(FIELD_INDENT + 2, &description(v));
                    self.line(0, "");
                }
            }
            Shape::Array(Some(sub)) | Shape::Map(Some(sub)) => self.fields(sub),
            Shape::Reference(r) => {
                if let Some(t) = self.defs.target(r) {
                    self.fields(t)
                }
            }
            _ => {}
        }
    }

    fn line(&mut self, pad: usize, s: &str) {
        write_line(&mut self.out, pad, s);
    }

    fn wrapped(&mut self, pad: usize, s: &str) {
        for l in fill_lines(s, 80 - pad) {
            write_line(&mut self.out, pad, &l);
        }
    }
}

/// The recursive field list: names and types only, three more spaces per level, a
/// reference already open on the current path not followed again.
fn recursive_fields<'a>(
    defs: &Definitions<'a>,
    s: &'a Value,
    pad: usize,
    seen: &mut HashSet<&'a str>,
    out: &mut String,
) {
    match defs.shape(s) {
        Shape::Kind(props) => {
            for (key, v) in props {
                write_line(out, pad, &format!("{key}\t<{}>", defs.type_name(v)));
                recursive_fields(defs, v, pad + 3, seen, out);
            }
        }
        Shape::Array(Some(sub)) | Shape::Map(Some(sub)) => {
            recursive_fields(defs, sub, pad, seen, out)
        }
        Shape::Reference(r) => {
            let name = r.as_str().unwrap_or_default();
            if !seen.insert(name) {
                return;
            }
            if let Some(t) = defs.target(r) {
                recursive_fields(defs, t, pad, seen, out);
            }
            seen.remove(name);
        }
        _ => {}
    }
}

/// The formatter's `Write`: an empty line has no indent.
fn write_line(out: &mut String, pad: usize, s: &str) {
    if !s.is_empty() {
        out.push_str(&" ".repeat(pad));
        out.push_str(s);
    }
    out.push('\n');
}

fn description(s: &Value) -> String {
    s.get("description").map(go_value).unwrap_or_default()
}

fn required(s: &Value) -> Vec<&str> {
    s.get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}
