//! kk's own table of Go struct shapes (`shapes.txt`, written by `gen_shapes.py`):
//!
//! ```text
//! kind apps/v1 Deployment apps/v1.Deployment
//! type apps/v1.DeploymentSpec
//!   replicas *int?
//!   selector *meta/v1.LabelSelector
//! ```
//!
//! A field line is `<json name> <kind>[?]`, `?` meaning `omitempty`; kinds are the scalars
//! `string bool int float bytes`, the own-encoding types `Time Duration Quantity IntOrString
//! Raw`, a struct's name, and `*T`, `[]T`, `{}T` (pointer, slice, map with string keys).

use std::collections::HashMap;

/// How a Go value of one type is encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `string` and named string types.
    String,
    /// `bool`.
    Bool,
    /// Any integer type.
    Int,
    /// `float32`/`float64`.
    Float,
    /// `[]byte`: a base64 string.
    Bytes,
    /// `metav1.Time`/`MicroTime`: the zero time encodes as `null`.
    Time,
    /// `metav1.Duration`: `"0s"` when zero.
    Duration,
    /// `resource.Quantity`: `"0"` when zero.
    Quantity,
    /// `intstr.IntOrString`: `0` when zero.
    IntOrString,
    /// `runtime.RawExtension`, `metav1.FieldsV1`: opaque JSON, `null` when zero.
    Raw,
    /// A struct (index into the table).
    Struct(usize),
    /// `*T`.
    Ptr(Box<Kind>),
    /// `[]T`.
    List(Box<Kind>),
    /// `map[string]T`.
    Map(Box<Kind>),
}

/// One JSON field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// The JSON name.
    pub name: String,
    /// Its Go type.
    pub kind: Kind,
    /// The `omitempty` option.
    pub omitempty: bool,
}

/// The parsed table.
#[derive(Debug, Default)]
pub struct Table {
    /// Every struct's fields, in declaration order.
    pub structs: Vec<Vec<Field>>,
    names: HashMap<String, usize>,
    kinds: HashMap<(String, String), usize>,
}

impl Table {
    /// The root struct of `apiVersion`/`kind`.
    pub fn kind(&self, api_version: &str, kind: &str) -> Option<usize> {
        self.kinds
            .get(&(api_version.to_string(), kind.to_string()))
            .copied()
    }

    fn intern(&mut self, name: &str) -> usize {
        if let Some(&i) = self.names.get(name) {
            return i;
        }
        self.structs.push(Vec::new());
        self.names.insert(name.to_string(), self.structs.len() - 1);
        self.structs.len() - 1
    }

    fn parse_kind(&mut self, s: &str) -> Kind {
        if let Some(rest) = s.strip_prefix('*') {
            return Kind::Ptr(Box::new(self.parse_kind(rest)));
        }
        if let Some(rest) = s.strip_prefix("[]") {
            return Kind::List(Box::new(self.parse_kind(rest)));
        }
        if let Some(rest) = s.strip_prefix("{}") {
            return Kind::Map(Box::new(self.parse_kind(rest)));
        }
        match s {
            "string" => Kind::String,
            "bool" => Kind::Bool,
            "int" => Kind::Int,
            "float" => Kind::Float,
            "bytes" => Kind::Bytes,
            "Time" => Kind::Time,
            "Duration" => Kind::Duration,
            "Quantity" => Kind::Quantity,
            "IntOrString" => Kind::IntOrString,
            "Raw" => Kind::Raw,
            name => Kind::Struct(self.intern(name)),
        }
    }
}

/// Parse a table; the error names the line.
pub fn parse(text: &str) -> Result<Table, String> {
    let mut t = Table::default();
    let mut current = None;
    for (n, line) in text.lines().enumerate() {
        let bad = |what: &str| format!("line {}: {what}: {line:?}", n + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("kind ") {
            let [av, kind, ty] = rest.split_whitespace().collect::<Vec<_>>()[..] else {
                return Err(bad("want `kind <apiVersion> <Kind> <type>`"));
            };
            let id = t.intern(ty);
            t.kinds.insert((av.to_string(), kind.to_string()), id);
        } else if let Some(name) = line.strip_prefix("type ") {
            current = Some(t.intern(name.trim()));
        } else if line.starts_with(' ') {
            let ty = current.ok_or_else(|| bad("field outside a type"))?;
            let [name, kind] = line.split_whitespace().collect::<Vec<_>>()[..] else {
                return Err(bad("want `<name> <kind>`"));
            };
            let (kind, omitempty) = match kind.strip_suffix('?') {
                Some(k) => (k, true),
                None => (kind, false),
            };
            let kind = t.parse_kind(kind);
            t.structs[ty].push(Field {
                name: name.to_string(),
                kind,
                omitempty,
            });
        } else {
            return Err(bad("unknown line"));
        }
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds_and_fields() {
        let t = parse("# c\nkind v1 Thing x.Thing\ntype x.Thing\n  a *[]x.Item?\n  b {}Quantity\ntype x.Item\n  c string\n").unwrap();
        let thing = t.kind("v1", "Thing").unwrap();
        let f = &t.structs[thing];
        assert_eq!(f[0].name, "a");
        assert!(f[0].omitempty && !f[1].omitempty);
        let Kind::Ptr(inner) = &f[0].kind else {
            panic!()
        };
        let Kind::List(item) = &**inner else { panic!() };
        let Kind::Struct(i) = **item else { panic!() };
        assert_eq!(t.structs[i][0].kind, Kind::String);
        assert_eq!(f[1].kind, Kind::Map(Box::new(Kind::Quantity)));
        assert!(parse("  orphan x\n").is_err());
        assert!(parse("type a\n  f\n").is_err());
    }
}
