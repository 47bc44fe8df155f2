//! Tables for custom resources: `Name` plus the CRD version's `additionalPrinterColumns`
//! (or a single `Age` column when it defines none), with the simple JSONPath subset CRDs use
//! (`.spec.replicas`, `.status.conditions[?(@.type=="Ready")].status`, `[0]`, `[*]`).

use crate::apiserver::gojson::marshal as go_json;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{Col, descriptions, name, name_col, parse_time};

/// Whether the apiserver itself serves `group` (anything else comes from a CRD).
pub(super) fn is_builtin_group(group: &str) -> bool {
    super::super::selectors::is_builtin_group(group)
}

/// One printer column of a CRD.
struct CrdColumn {
    def: Col,
    path: Option<Vec<Step>>,
}

/// The table convertor of one CRD version (apiextensions `tableconvertor.New`).
pub(super) struct CrdPrinter {
    columns: Vec<CrdColumn>,
}

impl CrdPrinter {
    /// Columns from `additionalPrinterColumns`; none (or null) means the default `Age`.
    pub(super) fn new(crd_columns: Option<&Value>) -> CrdPrinter {
        let defs = crd_columns
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty());
        let columns = match defs {
            None => vec![CrdColumn {
                def: Col {
                    ty: "date",
                    ..super::col("Age", "date", descriptions::META_CREATION)
                },
                path: parse_path(".metadata.creationTimestamp"),
            }],
            Some(defs) => defs
                .iter()
                .map(|c| {
                    let json_path = c
                        .get("jsonPath")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    let desc = match c.get("description").and_then(Value::as_str) {
                        Some(d) if !d.is_empty() => d.to_string(),
                        _ => format!(
                            "Custom resource definition column (in JSONPath format): {json_path}"
                        ),
                    };
                    CrdColumn {
                        def: Col {
                            name: c
                                .get("name")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .into(),
                            ty: column_type(c.get("type").and_then(Value::as_str).unwrap_or("")),
                            format: c.get("format").and_then(Value::as_str).unwrap_or("").into(),
                            description: desc,
                            priority: c.get("priority").and_then(Value::as_i64).unwrap_or(0),
                        },
                        path: parse_path(json_path),
                    }
                })
                .collect(),
        };
        CrdPrinter { columns }
    }

    pub(super) fn columns(&self) -> Vec<Col> {
        std::iter::once(name_col())
            .chain(self.columns.iter().map(|c| c.def.clone()))
            .collect()
    }

    pub(super) fn cells(&self, obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
        let mut cells = vec![json!(name(obj))];
        for c in &self.columns {
            let found = c
                .path
                .as_ref()
                .and_then(|p| eval(p, obj).into_iter().next());
            cells.push(match found {
                None => Value::Null,
                Some(v) => cell_for(c.def.ty, v, now),
            });
        }
        cells
    }
}

/// The OpenAPI types a printer column may declare.
fn column_type(t: &str) -> &'static str {
    match t {
        "integer" => "integer",
        "number" => "number",
        "boolean" => "boolean",
        "date" => "date",
        _ => "string",
    }
}

/// `cellForJSONValue` (and the jsonpath text printer for string columns).
fn cell_for(ty: &str, v: &Value, now: DateTime<Utc>) -> Value {
    match (ty, v) {
        (_, Value::Null) => Value::Null,
        ("string", Value::String(s)) => json!(s),
        ("string", Value::Bool(b)) => json!(b.to_string()),
        ("string", Value::Number(n)) => json!(number_text(n)),
        ("string", Value::Array(_) | Value::Object(_)) => json!(go_json(v)),
        ("integer", Value::Number(n)) => match n.as_i64() {
            Some(i) => json!(i),
            None => json!(n.as_f64().unwrap_or(0.0).trunc() as i64),
        },
        ("number", Value::Number(n)) => {
            // Go encodes a whole float64 without a fraction (`3`, not `3.0`).
            let f = n.as_f64().unwrap_or(0.0);
            if f.fract() == 0.0 && f.abs() < 1e15 {
                json!(f as i64)
            } else {
                json!(f)
            }
        }
        ("boolean", Value::Bool(b)) => json!(b),
        ("date", Value::String(s)) => {
            if s.is_empty() || s == "null" {
                json!("<unknown>")
            } else {
                match parse_time(s) {
                    Some(t) => json!(super::human_duration(now - t)),
                    None => json!("<invalid>"),
                }
            }
        }
        _ => Value::Null,
    }
}

/// A JSON number as Go prints the decoded value: int64 as is, float64 with `%v`.
fn number_text(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    go_float(n.as_f64().unwrap_or(0.0))
}

/// Go's `%v` for float64: shortest digits, exponent form below 1e-4 or from 1e6.
fn go_float(f: f64) -> String {
    if f == 0.0 {
        return "0".to_string();
    }
    let sci = format!("{f:e}"); // e.g. "1.5e-7", shortest round-trip digits
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    // strconv's shortest %g switches to exponent form at precision 6.
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    } else {
        format!("{f}")
    }
}

// ---------------------------------------------------------------------------------------------
// A small JSONPath evaluator for printer columns.

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    Wildcard,
    Index(i64),
    Filter {
        path: Vec<Step>,
        op: Option<(String, Value)>,
    },
}

/// Parses `.a.b[0]['c'][*][?(@.x=="y")]` (braces and a leading `$` are tolerated). Unsupported
/// syntax yields None, which renders as an empty cell like an unresolvable path.
fn parse_path(p: &str) -> Option<Vec<Step>> {
    let p = p.trim();
    let p = p
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(p);
    let p = p.strip_prefix('$').unwrap_or(p);
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    let mut steps = Vec::new();
    while i < chars.len() {
        match chars[i] {
            '.' => {
                i += 1;
                if i < chars.len() && chars[i] == '.' {
                    return None; // recursive descent is not a "simple" path
                }
                let start = i;
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    i += 1;
                }
                let name: String = chars[start..i].iter().collect();
                match name.as_str() {
                    "" => {}
                    "*" => steps.push(Step::Wildcard),
                    _ => steps.push(Step::Field(name)),
                }
            }
            '[' => {
                let close = find_bracket_end(&chars, i)?;
                let inner: String = chars[i + 1..close].iter().collect();
                steps.push(parse_bracket(inner.trim())?);
                i = close + 1;
            }
            _ => {
                // A bare leading name (`spec.replicas`) reads like `.spec.replicas`.
                let start = i;
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    i += 1;
                }
                steps.push(Step::Field(chars[start..i].iter().collect()));
            }
        }
    }
    Some(steps)
}

fn find_bracket_end(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

fn unquote(s: &str) -> Option<String> {
    let s = s.trim();
    for q in ['\'', '"'] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return Some(s[1..s.len() - 1].to_string());
        }
    }
    None
}

fn parse_bracket(inner: &str) -> Option<Step> {
    if inner == "*" {
        return Some(Step::Wildcard);
    }
    if let Some(name) = unquote(inner) {
        return Some(Step::Field(name));
    }
    if let Ok(n) = inner.parse::<i64>() {
        return Some(Step::Index(n));
    }
    let filter = inner.strip_prefix("?(")?.strip_suffix(')')?.trim();
    let rel = filter.strip_prefix('@')?;
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
        if let Some((lhs, rhs)) = rel.split_once(op) {
            let rhs = rhs.trim();
            let lit = match unquote(rhs) {
                Some(s) => Value::String(s),
                None => serde_json::from_str(rhs).ok()?,
            };
            return Some(Step::Filter {
                path: parse_path(lhs.trim())?,
                op: Some((op.into(), lit)),
            });
        }
    }
    Some(Step::Filter {
        path: parse_path(rel.trim())?,
        op: None,
    })
}

fn compare(left: &Value, op: &str, right: &Value) -> bool {
    let ord = match (left, right) {
        (Value::Number(a), Value::Number(b)) => a.as_f64().partial_cmp(&b.as_f64()),
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    };
    match op {
        "==" => left == right || ord == Some(std::cmp::Ordering::Equal),
        "!=" => !(left == right || ord == Some(std::cmp::Ordering::Equal)),
        "<" => ord == Some(std::cmp::Ordering::Less),
        ">" => ord == Some(std::cmp::Ordering::Greater),
        "<=" => matches!(
            ord,
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
        ),
        ">=" => matches!(
            ord,
            Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
        ),
        _ => false,
    }
}

/// Evaluates a path; missing keys simply drop out (`AllowMissingKeys(true)`).
fn eval<'a>(steps: &[Step], root: &'a Value) -> Vec<&'a Value> {
    let mut cur = vec![root];
    for step in steps {
        let mut next = Vec::new();
        for v in cur {
            match step {
                Step::Field(f) => {
                    if let Some(x) = v.get(f.as_str()) {
                        next.push(x);
                    }
                }
                Step::Wildcard => match v {
                    Value::Array(a) => next.extend(a.iter()),
                    Value::Object(m) => next.extend(m.values()),
                    _ => {}
                },
                Step::Index(n) => {
                    if let Value::Array(a) = v {
                        let idx = if *n < 0 { a.len() as i64 + n } else { *n };
                        if let Some(x) = usize::try_from(idx).ok().and_then(|i| a.get(i)) {
                            next.push(x);
                        }
                    }
                }
                Step::Filter { path, op } => {
                    let items: Vec<&Value> = match v {
                        Value::Array(a) => a.iter().collect(),
                        other => vec![other],
                    };
                    for item in items {
                        let lefts = eval(path, item);
                        let keep = match (op, lefts.first()) {
                            (_, None) => false,
                            (None, Some(_)) => true,
                            (Some((op, lit)), Some(l)) => compare(l, op, lit),
                        };
                        if keep {
                            next.push(item);
                        }
                    }
                }
            }
        }
        cur = next;
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ago, now};
    use super::super::{IncludeObject, build_table};
    use super::*;

    fn widget() -> Value {
        json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "metadata": {"name": "w1", "namespace": "default", "creationTimestamp": ago(90)},
            "spec": {"replicas": 3, "ratio": 0.25, "enabled": true, "tags": ["a", "<b>"],
                     "size": "large", "big": 12345678.5, "tiny": 0.00001},
            "status": {"conditions": [{"type": "Synced", "status": "False"},
                                      {"type": "Ready", "status": "True", "lastTransitionTime": ago(3600)}]}})
    }

    #[test]
    fn printer_columns_render_like_the_apiserver() {
        let cols = json!([
            {"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"},
            {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"},
            {"name": "Since", "type": "date", "jsonPath": ".status.conditions[?(@.type=='Ready')].lastTransitionTime"},
            {"name": "Ratio", "type": "number", "jsonPath": ".spec.ratio", "priority": 1},
            {"name": "On", "type": "boolean", "jsonPath": ".spec.enabled"},
            {"name": "Tags", "type": "string", "jsonPath": ".spec.tags", "description": "The tags."},
            {"name": "First", "type": "string", "jsonPath": ".spec.tags[0]"},
            {"name": "Missing", "type": "string", "jsonPath": ".spec.nope"},
            {"name": "Mismatch", "type": "integer", "jsonPath": ".spec.size"},
            {"name": "Big", "type": "string", "jsonPath": ".spec.big"},
            {"name": "Tiny", "type": "string", "jsonPath": ".spec.tiny"},
            {"name": "Count", "type": "string", "jsonPath": ".spec.replicas"},
            {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}
        ]);
        let t = build_table(
            "example.com",
            "widgets",
            Some(&cols),
            &[widget()],
            IncludeObject::None,
            true,
            now(),
        );
        assert_eq!(
            t["rows"][0]["cells"],
            json!([
                "w1",
                3,
                "True",
                "60m",
                0.25,
                true,
                "[\"a\",\"\\u003cb\\u003e\"]",
                "a",
                null,
                null,
                "1.23456785e+07",
                "1e-05",
                "3",
                "90s"
            ])
        );
        let defs = t["columnDefinitions"].as_array().unwrap();
        assert_eq!(defs[0]["name"], "Name");
        assert_eq!(defs[0]["format"], "name");
        assert_eq!(
            defs[1],
            json!({"name": "Replicas", "type": "integer", "format": "", "priority": 0,
                   "description": "Custom resource definition column (in JSONPath format): .spec.replicas"})
        );
        assert_eq!(defs[4]["priority"], 1);
        assert_eq!(defs[6]["description"], "The tags.");
    }

    #[test]
    fn crd_without_columns_gets_age() {
        for cols in [None, Some(json!([])), Some(Value::Null)] {
            let t = build_table(
                "example.com",
                "widgets",
                cols.as_ref(),
                &[widget()],
                IncludeObject::None,
                true,
                now(),
            );
            assert_eq!(t["rows"][0]["cells"], json!(["w1", "90s"]));
            assert_eq!(t["columnDefinitions"][1]["name"], "Age");
            assert_eq!(t["columnDefinitions"][1]["type"], "date");
        }
        // No rows: an empty array, not null (MetaToTableRow).
        let t = build_table(
            "example.com",
            "widgets",
            None,
            &[],
            IncludeObject::None,
            true,
            now(),
        );
        assert_eq!(t["rows"], json!([]));
    }

    #[test]
    fn date_cells() {
        assert_eq!(
            cell_for("date", &json!("garbage"), now()),
            json!("<invalid>")
        );
        assert_eq!(cell_for("date", &json!(""), now()), json!("<unknown>"));
        assert_eq!(cell_for("date", &json!(5), now()), Value::Null);
        assert_eq!(cell_for("integer", &json!(2.9), now()), json!(2));
        assert_eq!(cell_for("number", &json!(2), now()), json!(2));
        assert_eq!(cell_for("number", &json!(2.5), now()), json!(2.5));
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(1e21), "1e+21");
        assert_eq!(go_float(123456.5), "123456.5");
        assert_eq!(go_float(1234567.5), "1.2345675e+06");
    }

    #[test]
    fn jsonpath_subset() {
        let o = widget();
        let first = |p: &str| parse_path(p).and_then(|s| eval(&s, &o).first().cloned().cloned());
        assert_eq!(first("{.spec.replicas}"), Some(json!(3)));
        assert_eq!(first("$.spec['size']"), Some(json!("large")));
        assert_eq!(first(".spec.tags[-1]"), Some(json!("<b>")));
        assert_eq!(first(".spec.tags[*]"), Some(json!("a")));
        assert_eq!(
            first(".status.conditions[?(@.status!=\"False\")].type"),
            Some(json!("Ready"))
        );
        assert_eq!(
            first(".status.conditions[?(@.lastTransitionTime)].type"),
            Some(json!("Ready"))
        );
        assert_eq!(first(".spec.tags[5]"), None);
        assert_eq!(first("..type"), None);
    }
}
