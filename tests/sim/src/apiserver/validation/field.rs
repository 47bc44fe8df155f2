//! Field errors as apimachinery's `field.Error` renders them (`ErrorBody`), including the Go
//! `%q` / `%#v` spelling of the bad value that ends up in the 422 message.

use std::fmt;

use serde_json::Value;

use super::super::status::Cause;

/// A bad value, printed the way `field.Error.ErrorBody` prints its Go counterpart.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Go {
    /// A Go string, printed with `%q`.
    Str(String),
    /// An integer or float, printed with `%v`.
    Int(i64),
    /// A bool, printed with `%v`.
    Bool(bool),
    /// Already rendered (`%#v` of a map or struct).
    Raw(String),
}

impl fmt::Display for Go {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Go::Str(s) => f.write_str(&go_quote(s)),
            Go::Int(i) => write!(f, "{i}"),
            Go::Bool(b) => write!(f, "{b}"),
            Go::Raw(r) => f.write_str(r),
        }
    }
}

impl Go {
    /// A JSON scalar as the Go value it decodes to (objects/arrays fall back to JSON text).
    pub(crate) fn of(v: &Value) -> Go {
        match v {
            Value::String(s) => Go::Str(s.clone()),
            Value::Bool(b) => Go::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Go::Int(i),
                None => Go::Raw(n.to_string()),
            },
            Value::Null => Go::Raw("null".into()),
            other => Go::Raw(other.to_string()),
        }
    }

    pub(crate) fn str(s: &str) -> Go {
        Go::Str(s.to_string())
    }
}

fn cause(reason: &str, field: &str, message: String) -> Cause {
    Cause {
        reason: reason.into(),
        message,
        field: field.into(),
    }
}

fn with_detail(mut s: String, detail: &str) -> String {
    if !detail.is_empty() {
        s.push_str(": ");
        s.push_str(detail);
    }
    s
}

pub(crate) fn required(field: &str, detail: &str) -> Cause {
    cause(
        "FieldValueRequired",
        field,
        with_detail("Required value".into(), detail),
    )
}

pub(crate) fn invalid(field: &str, value: Go, detail: &str) -> Cause {
    cause(
        "FieldValueInvalid",
        field,
        with_detail(format!("Invalid value: {value}"), detail),
    )
}

pub(crate) fn not_supported(field: &str, value: Go, valid: &[&str]) -> Cause {
    let detail = if valid.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
        format!("supported values: {}", quoted.join(", "))
    };
    cause(
        "FieldValueNotSupported",
        field,
        with_detail(format!("Unsupported value: {value}"), &detail),
    )
}

pub(crate) fn forbidden(field: &str, detail: &str) -> Cause {
    cause(
        "FieldValueForbidden",
        field,
        with_detail("Forbidden".into(), detail),
    )
}

pub(crate) fn duplicate(field: &str, value: Go) -> Cause {
    cause(
        "FieldValueDuplicate",
        field,
        format!("Duplicate value: {value}"),
    )
}

pub(crate) fn not_found(field: &str, value: Go) -> Cause {
    cause("FieldValueNotFound", field, format!("Not found: {value}"))
}

pub(crate) fn too_long(field: &str, max: usize) -> Cause {
    cause(
        "FieldValueTooLong",
        field,
        format!("Too long: may not be more than {max} bytes"),
    )
}

/// `ValidateNonnegativeField` for an optional integer at `key` of `m`.
pub(crate) fn nonnegative(errs: &mut Vec<Cause>, m: &Value, key: &str, path: &str) {
    if let Some(n) = m.get(key).and_then(Value::as_i64)
        && n < 0
    {
        errs.push(invalid(
            path,
            Go::Int(n),
            "must be greater than or equal to 0",
        ));
    }
}

/// Go's `strconv.Quote`: double quotes, backslash escapes, `\xNN`/`\uNNNN` for non-printables.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `%#v` of a Go `map[string]string` (keys sorted, as fmt prints maps); absent is `(nil)`.
pub(crate) fn go_string_map(v: Option<&Value>) -> String {
    match v.and_then(Value::as_object) {
        None => "map[string]string(nil)".into(),
        Some(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}:{}", go_quote(k), go_quote(v.as_str().unwrap_or(""))))
                .collect();
            format!("map[string]string{{{}}}", items.join(", "))
        }
    }
}

/// `%#v` of a `[]string`; absent is `(nil)`.
fn go_string_slice(v: Option<&Value>) -> String {
    match v.and_then(Value::as_array) {
        None => "[]string(nil)".into(),
        Some(a) => {
            let items: Vec<String> = a
                .iter()
                .map(|s| go_quote(s.as_str().unwrap_or("")))
                .collect();
            format!("[]string{{{}}}", items.join(", "))
        }
    }
}

/// `%#v` of a `metav1.LabelSelector` (how immutable-selector errors print it).
pub(crate) fn go_label_selector(v: &Value) -> String {
    let exprs = match v.get("matchExpressions").and_then(Value::as_array) {
        None => "[]v1.LabelSelectorRequirement(nil)".to_string(),
        Some(a) => {
            let items: Vec<String> = a
                .iter()
                .map(|r| {
                    format!(
                        "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{}}}",
                        go_quote(r.get("key").and_then(Value::as_str).unwrap_or("")),
                        go_quote(r.get("operator").and_then(Value::as_str).unwrap_or("")),
                        go_string_slice(r.get("values"))
                    )
                })
                .collect();
            format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
        }
    };
    format!(
        "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{}}}",
        go_string_map(v.get("matchLabels")),
        exprs
    )
}

/// `%#v` of an `intstr.IntOrString` (a struct without a value-receiver `String`).
pub(crate) fn go_int_or_string(v: &Value) -> String {
    match v {
        Value::Number(n) => {
            format!(
                "intstr.IntOrString{{Type:0, IntVal:{}, StrVal:\"\"}}",
                n.as_i64().unwrap_or(0)
            )
        }
        other => format!(
            "intstr.IntOrString{{Type:1, IntVal:0, StrVal:{}}}",
            go_quote(other.as_str().unwrap_or(""))
        ),
    }
}

/// What differs between two specs, shaped like the go-cmp diff upstream appends to some
/// Forbidden messages (`-` old, `+` new). Upstream diffs the internal Go struct, which has no
/// JSON equivalent, so only the shape and the changed top-level fields match.
pub(crate) fn spec_diff(go_type: &str, old: &Value, new: &Value) -> String {
    let empty = serde_json::Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let keys: std::collections::BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    let mut out = format!("  {go_type}{{\n");
    for k in keys {
        let (a, b) = (o.get(k), n.get(k));
        if a == b {
            continue;
        }
        if let Some(a) = a {
            out.push_str(&format!("- \t{k}: {a},\n"));
        }
        if let Some(b) = b {
            out.push_str(&format!("+ \t{k}: {b},\n"));
        }
    }
    out.push_str("  }\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_match_apimachinery() {
        assert_eq!(required("spec.selector", "").message, "Required value");
        assert_eq!(
            required("metadata.name", "name or generateName is required").message,
            "Required value: name or generateName is required"
        );
        assert_eq!(
            invalid(
                "spec.replicas",
                Go::Int(-1),
                "must be greater than or equal to 0"
            )
            .message,
            "Invalid value: -1: must be greater than or equal to 0"
        );
        let ns = not_supported(
            "spec.restartPolicy",
            Go::str("Sometimes"),
            &["Always", "Never"],
        );
        assert_eq!(
            ns.message,
            "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\""
        );
        assert_eq!(ns.reason, "FieldValueNotSupported");
        assert_eq!(
            duplicate("x", Go::str("a")).message,
            "Duplicate value: \"a\""
        );
        assert_eq!(forbidden("spec", "nope").message, "Forbidden: nope");
        assert_eq!(not_found("n", Go::str("v")).message, "Not found: \"v\"");
    }

    #[test]
    fn go_renderings() {
        assert_eq!(go_quote("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\x01é\"");
        assert_eq!(go_string_map(None), "map[string]string(nil)");
        assert_eq!(
            go_string_map(Some(&json!({"b": "2", "a": "1"}))),
            "map[string]string{\"a\":\"1\", \"b\":\"2\"}"
        );
        assert_eq!(
            go_label_selector(&json!({"matchLabels": {"app": "y"}})),
            "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"y\"}, \
             MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"
        );
        assert_eq!(
            go_label_selector(&json!({"matchExpressions": [{"key": "k", "operator": "In",
                "values": ["a", "b"]}]})),
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:\
             []v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"k\", \
             Operator:\"In\", Values:[]string{\"a\", \"b\"}}}}"
        );
        assert_eq!(
            go_int_or_string(&json!(0)),
            "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}"
        );
        assert_eq!(Go::of(&json!("x")), Go::Str("x".into()));
        assert_eq!(Go::of(&json!(3)).to_string(), "3");
    }
}
