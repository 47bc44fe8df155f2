//! Every kind without its own describer (CRDs included): kubectl's generic layout — Name,
//! Namespace, Labels, Annotations, then the whole object as nested `Field Name:  value`
//! lines (keys sorted, camelCase split into Title Case words), managed fields left out.

use serde_json::{Map, Value};

use super::{PrefixWriter, annotations, at, labels, str_at, string_map};

/// Fields printed above (or never): kubectl's skip list for the field dump.
const SKIP: &[&str] = &[
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
];

/// Write the generic report (without events).
pub fn describe(w: &mut PrefixWriter, obj: &Value) {
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(obj, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(obj, &["metadata", "namespace"])),
    );
    labels(
        w,
        0,
        "Labels",
        &string_map(at(obj, &["metadata", "labels"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(obj, &["metadata", "annotations"])),
    );
    if let Some(m) = obj.as_object() {
        content(w, 0, m, "", SKIP);
    }
}

fn content(
    w: &mut PrefixWriter,
    level: usize,
    map: &Map<String, Value>,
    prefix: &str,
    skip: &[&str],
) {
    // serde_json's map iterates in sorted key order, as kubectl sorts the fields.
    for (field, value) in map {
        let path = format!("{prefix}.{field}");
        if skip.contains(&path.as_str()) {
            continue;
        }
        match value {
            Value::Object(m) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                content(w, level + 1, m, &path, skip);
            }
            Value::Array(items) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                for item in items {
                    match item {
                        Value::Object(m) => content(w, level + 1, m, &path, skip),
                        other => w.write(level + 1, &format!("{}\n", scalar(other))),
                    }
                }
            }
            other => w.write(
                level,
                &format!("{}:\t{}\n", smart_label(field), scalar(other)),
            ),
        }
    }
}

/// A scalar as Go's `%v` prints the unstructured value.
fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => go_float(n.as_f64().unwrap_or(0.0)),
        other => other.to_string(),
    }
}

/// Go's `%v` of a float64: shortest digits, exponent form below 1e-4 or from 1e21 up.
fn go_float(f: f64) -> String {
    let abs = f.abs();
    if abs != 0.0 && !(1e-4..1e21).contains(&abs) {
        let s = format!("{f:e}");
        match s.split_once('e') {
            Some((m, e)) => {
                let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
                format!("{m}e{sign}{digits:0>2}")
            }
            None => s,
        }
    } else {
        format!("{f}")
    }
}

/// kubectl's `smartLabelFor`: `creationTimestamp` → `Creation Timestamp`, `uid` → `UID`;
/// names with anything but letters and `-` stay as they are.
pub fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const ACRONYMS: [&str; 5] = ["API", "URL", "UID", "OSB", "GUID"];
    camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let up = p.to_uppercase();
            if ACRONYMS.contains(&up.as_str()) {
                up
            } else {
                let mut c = p.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// fatih/camelcase's `Split`: runs of one character class (lower, upper, digit, other);
/// an upper run followed by lower letters gives its last letter to the next word.
fn camel_split(s: &str) -> Vec<String> {
    fn class(c: char) -> u8 {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    }
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in s.chars() {
        let k = class(c);
        if k == last {
            if let Some(r) = runs.last_mut() {
                r.push(c);
            }
        } else {
            runs.push(vec![c]);
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase())
        {
            let moved = runs[i].pop().unwrap_or_default();
            runs[i + 1].insert(0, moved);
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_for_fields() {
        assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("podCIDR"), "Pod CIDR");
        assert_eq!(smart_label("HTTPServer"), "HTTP Server");
        assert_eq!(smart_label("example.com/x"), "example.com/x");
    }

    #[test]
    fn nested_dump() {
        let o = json!({"apiVersion": "x.io/v1", "kind": "Thing",
            "metadata": {"name": "t", "namespace": "n", "managedFields": [{}], "generation": 1},
            "spec": {"list": ["a", {"k": 1.5}], "on": true}});
        let mut w = PrefixWriter::new();
        describe(&mut w, &o);
        assert_eq!(
            w.finish(),
            "Name:         t\nNamespace:    n\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  x.io/v1\nKind:         Thing\nMetadata:\n  Generation:  1\nSpec:\n  List:\n    a\n    K:  1.5\n  On:   true\n"
        );
    }
}
