//! Typed objects as Go writes them. kubectl's generators build Go structs and its typed
//! clients decode the server's answer into them, so what it prints is Go's `encoding/json`
//! of a struct: fields in declaration order (`-o json`), zero values of fields without
//! `omitempty` written out (`creationTimestamp: null`, `resources: {}`, `status: {}`), empty
//! `omitempty` fields and unknown fields gone. [`Shape`] replays that on a `serde_json::Value`
//! from kk's own table of the structs (`shapes.txt`, see `table.rs`).

mod table;

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::printers::json::{self, KeyOrder};
use table::{Kind, Table};

static TABLE: LazyLock<Table> =
    LazyLock::new(|| table::parse(include_str!("shapes.txt")).expect("shapes.txt parses"));

/// The Go struct of one kind.
#[derive(Debug, Clone, Copy)]
pub struct Shape(usize);

impl Shape {
    /// The struct of `apiVersion`/`kind`, when kk knows it.
    pub fn of(api_version: &str, kind: &str) -> Option<Shape> {
        TABLE.kind(api_version, kind).map(Shape)
    }

    /// The struct of the object's own `apiVersion`/`kind`.
    pub fn of_object(obj: &Value) -> Option<Shape> {
        let s = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or("");
        Shape::of(s("apiVersion"), s("kind"))
    }

    /// `obj` decoded into the struct and encoded again.
    pub fn normalize(self, obj: &Value) -> Value {
        encode_struct(self.0, obj.as_object())
    }

    /// The key order of the struct (for `printers::json`).
    pub fn order(self) -> GoOrder {
        GoOrder(Some(Layout::Struct(self.0)))
    }
}

/// `obj` as a typed client would hand it back (see [`Shape::normalize`]); objects of kinds
/// kk has no shape for are returned as they are.
pub fn normalize(obj: &Value) -> Value {
    match Shape::of_object(obj) {
        Some(s) => s.normalize(obj),
        None => obj.clone(),
    }
}

/// kubectl's `-o json` of a typed object: Go's field order (sorted keys for unknown kinds).
pub fn to_json(obj: &Value) -> String {
    match Shape::of_object(obj) {
        Some(s) => json::to_kubectl_json_in(obj, s.order()),
        None => json::to_kubectl_json(obj),
    }
}

/// Go's compact `json.Marshal` of a typed object (the last-applied annotation's encoding).
pub fn to_compact(obj: &Value) -> String {
    match Shape::of_object(obj) {
        Some(s) => json::to_compact_in(obj, s.order()),
        None => json::to_compact(obj),
    }
}

/// `-o json` of typed objects (see [`to_json`]).
#[derive(Debug, Default)]
pub struct JsonPrinter;

impl crate::printers::Printer for JsonPrinter {
    fn print(&mut self, obj: &Value, w: &mut dyn std::io::Write) -> crate::printers::Result<()> {
        w.write_all(to_json(obj).as_bytes())?;
        Ok(())
    }
}

/// Where a value sits in the table: a struct, or a map whose values have a kind.
#[derive(Debug, Clone, Copy)]
enum Layout {
    Struct(usize),
    MapOf(&'static Kind),
}

/// Go's key order for a typed object: struct fields in declaration order, map keys sorted,
/// opaque JSON sorted.
#[derive(Debug, Clone, Copy)]
pub struct GoOrder(Option<Layout>);

impl GoOrder {
    fn of(kind: &'static Kind) -> GoOrder {
        match kind {
            Kind::Struct(i) => GoOrder(Some(Layout::Struct(*i))),
            Kind::Map(inner) => GoOrder(Some(Layout::MapOf(inner))),
            Kind::Ptr(inner) | Kind::List(inner) => GoOrder::of(inner),
            _ => GoOrder(None),
        }
    }
}

impl KeyOrder for GoOrder {
    fn entries(self, obj: &Map<String, Value>) -> impl Iterator<Item = (&str, &Value, Self)> {
        let it: Box<dyn Iterator<Item = _>> = match self.0 {
            Some(Layout::Struct(i)) => Box::new(TABLE.structs[i].iter().filter_map(move |f| {
                obj.get_key_value(&f.name)
                    .map(|(k, v)| (k.as_str(), v, GoOrder::of(&f.kind)))
            })),
            Some(Layout::MapOf(kind)) => Box::new(
                obj.iter()
                    .map(move |(k, v)| (k.as_str(), v, GoOrder::of(kind))),
            ),
            None => Box::new(obj.iter().map(|(k, v)| (k.as_str(), v, GoOrder(None)))),
        };
        it
    }

    fn element(self) -> Self {
        self
    }
}

/// Go's decode of `v` (absent: `None`) into a `kind`, then its encode.
fn encode(kind: &Kind, v: Option<&Value>) -> Value {
    let v = v.filter(|v| !v.is_null());
    match kind {
        Kind::String => v
            .filter(|v| v.is_string())
            .cloned()
            .unwrap_or_else(|| Value::String(String::new())),
        Kind::Bool => v
            .filter(|v| v.is_boolean())
            .cloned()
            .unwrap_or(false.into()),
        Kind::Int | Kind::Float | Kind::IntOrString => v.cloned().unwrap_or_else(|| Value::from(0)),
        // Go decodes a quantity and writes it back canonically (`0.5` → `500m`).
        Kind::Quantity => match v {
            None => Value::from("0"),
            Some(v) => {
                let text = match v {
                    Value::String(s) => s.trim().to_string(),
                    Value::Number(n) => n.to_string(),
                    _ => return v.clone(),
                };
                match crate::generate::quantity::Quantity::parse(&text) {
                    Ok(q) => Value::String(q.canonical()),
                    Err(_) => v.clone(),
                }
            }
        },
        Kind::Duration => v.cloned().unwrap_or_else(|| Value::from("0s")),
        Kind::Bytes | Kind::Time | Kind::Raw => v.cloned().unwrap_or(Value::Null),
        Kind::Struct(i) => encode_struct(*i, v.and_then(Value::as_object)),
        Kind::Ptr(inner) => match v {
            None => Value::Null,
            Some(v) => encode(inner, Some(v)),
        },
        Kind::List(inner) => match v.and_then(Value::as_array) {
            None => Value::Null,
            Some(a) => Value::Array(a.iter().map(|x| encode(inner, Some(x))).collect()),
        },
        Kind::Map(inner) => match v.and_then(Value::as_object) {
            None => Value::Null,
            Some(m) => Value::Object(
                m.iter()
                    .map(|(k, x)| (k.clone(), encode(inner, Some(x))))
                    .collect(),
            ),
        },
    }
}

fn encode_struct(i: usize, obj: Option<&Map<String, Value>>) -> Value {
    let mut out = Map::new();
    for f in &TABLE.structs[i] {
        let v = encode(&f.kind, obj.and_then(|o| o.get(&f.name)));
        if f.omitempty && is_empty(&f.kind, &v) {
            continue;
        }
        out.insert(f.name.clone(), v);
    }
    Value::Object(out)
}

/// Go's `isEmptyValue` for `omitempty`: structs (Time, Quantity, ... too) are never empty,
/// non-nil pointers neither.
fn is_empty(kind: &Kind, v: &Value) -> bool {
    match kind {
        Kind::Struct(_)
        | Kind::Time
        | Kind::Duration
        | Kind::Quantity
        | Kind::IntOrString
        | Kind::Raw => false,
        Kind::Ptr(_) => v.is_null(),
        _ => match v {
            Value::Null => true,
            Value::Bool(b) => !b,
            Value::Number(n) => n.as_f64() == Some(0.0),
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(m) => m.is_empty(),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_table_parses_and_knows_the_generated_kinds() {
        for (av, k) in [
            ("apps/v1", "Deployment"),
            ("v1", "Secret"),
            ("batch/v1", "CronJob"),
            ("authentication.k8s.io/v1", "TokenRequest"),
            ("autoscaling/v2", "HorizontalPodAutoscaler"),
        ] {
            assert!(Shape::of(av, k).is_some(), "{av} {k}");
        }
    }

    // kubectl.1.33 create deployment web --image=nginx:1.2 --port=80 --dry-run=client -o json
    #[test]
    fn deployment_like_go() {
        let built = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "labels": {"app": "web"}, "unknown": 1},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [{"name": "nginx", "image": "nginx:1.2",
                        "ports": [{"containerPort": 80}], "command": []}]}}}
        });
        let want = r#"{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "replicas": 1,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "nginx",
                        "image": "nginx:1.2",
                        "ports": [
                            {
                                "containerPort": 80
                            }
                        ],
                        "resources": {}
                    }
                ]
            }
        },
        "strategy": {}
    },
    "status": {}
}
"#;
        assert_eq!(to_json(&normalize(&built)), want);
    }

    #[test]
    fn zero_values_and_pointers() {
        let s = Shape::of("v1", "Secret").unwrap();
        let v = s.normalize(&json!({"kind": "Secret", "immutable": false, "data": {}}));
        assert_eq!(
            v,
            json!({"kind": "Secret", "immutable": false, "metadata": {"creationTimestamp": null}})
        );
        let svc = Shape::of("v1", "Service").unwrap();
        let v = svc.normalize(&json!({"spec": {"ports": [{"port": 80}]}}));
        assert_eq!(v["spec"]["ports"][0], json!({"port": 80, "targetPort": 0}));
        assert_eq!(v["status"], json!({"loadBalancer": {}}));
    }
}
