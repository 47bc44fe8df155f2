//! `ObjectMeta`, labels, annotations and label selectors (apimachinery `api/validation` and
//! `apis/meta/v1/validation`), plus selector matching for "selector does not match template".

use serde_json::Value;

use super::super::status::Cause;
use super::field::{Go, forbidden, invalid, required, too_long};
use super::names::{NameRule, is_qualified_name, is_valid_label_value};

/// `ValidateObjectMeta`: generateName, name, labels, annotations, finalizers (an unqualified
/// custom finalizer is only a warning in 1.33, so it passes here).
pub(crate) fn object_meta(errs: &mut Vec<Cause>, obj: &Value, rule: NameRule) {
    let meta = obj.get("metadata").unwrap_or(&Value::Null);
    let s = |k: &str| meta.get(k).and_then(Value::as_str).unwrap_or("");
    let generate = s("generateName");
    if !generate.is_empty() {
        for m in rule.check(generate, true) {
            errs.push(invalid("metadata.generateName", Go::str(generate), &m));
        }
    }
    let name = s("name");
    // Upstream generates the name before validating; the sim's store does it after, so a
    // pending generateName stands in for the name here.
    if name.is_empty() && generate.is_empty() {
        errs.push(required(
            "metadata.name",
            "name or generateName is required",
        ));
    } else if !name.is_empty() {
        for m in rule.check(name, false) {
            errs.push(invalid("metadata.name", Go::str(name), &m));
        }
    }
    if let Some(g) = meta.get("generation").and_then(Value::as_i64)
        && g < 0
    {
        errs.push(invalid(
            "metadata.generation",
            Go::Int(g),
            "must be greater than or equal to 0",
        ));
    }
    labels(errs, meta.get("labels"), "metadata.labels");
    annotations(errs, meta.get("annotations"), "metadata.annotations");
    if let Some(fins) = meta.get("finalizers").and_then(Value::as_array) {
        for f in fins.iter().filter_map(Value::as_str) {
            for m in is_qualified_name(f) {
                errs.push(invalid("metadata.finalizers", Go::str(f), &m));
            }
        }
    }
}

/// `ValidateLabels`: every key a qualified name, every value a label value.
pub(crate) fn labels(errs: &mut Vec<Cause>, labels: Option<&Value>, path: &str) {
    let Some(m) = labels.and_then(Value::as_object) else {
        return;
    };
    for (k, v) in m {
        for msg in is_qualified_name(k) {
            errs.push(invalid(path, Go::str(k), &msg));
        }
        let v = v.as_str().unwrap_or("");
        for msg in is_valid_label_value(v) {
            errs.push(invalid(path, Go::str(v), &msg));
        }
    }
}

/// `ValidateAnnotations`: keys are qualified names ignoring case; 256 KiB in total.
pub(crate) fn annotations(errs: &mut Vec<Cause>, annotations: Option<&Value>, path: &str) {
    let Some(m) = annotations.and_then(Value::as_object) else {
        return;
    };
    let mut size = 0;
    for (k, v) in m {
        for msg in is_qualified_name(&k.to_lowercase()) {
            errs.push(invalid(path, Go::str(k), &msg));
        }
        size += k.len() + v.as_str().map_or(0, str::len);
    }
    if size > 256 * 1024 {
        errs.push(too_long(path, 256 * 1024));
    }
}

/// `ValidateLabelSelector` (strict: label values in `matchExpressions` must be valid too).
pub(crate) fn label_selector(errs: &mut Vec<Cause>, sel: &Value, path: &str) {
    labels(errs, sel.get("matchLabels"), &format!("{path}.matchLabels"));
    let Some(exprs) = sel.get("matchExpressions").and_then(Value::as_array) else {
        return;
    };
    for (i, e) in exprs.iter().enumerate() {
        let p = format!("{path}.matchExpressions[{i}]");
        let op = e.get("operator").and_then(Value::as_str).unwrap_or("");
        let n_values = e
            .get("values")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        match op {
            "In" | "NotIn" if n_values == 0 => errs.push(required(
                &format!("{p}.values"),
                "must be specified when `operator` is 'In' or 'NotIn'",
            )),
            "Exists" | "DoesNotExist" if n_values > 0 => errs.push(forbidden(
                &format!("{p}.values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )),
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            _ => errs.push(invalid(
                &format!("{p}.operator"),
                Go::str(op),
                "not a valid selector operator",
            )),
        }
        let key = e.get("key").and_then(Value::as_str).unwrap_or("");
        for msg in is_qualified_name(key) {
            errs.push(invalid(&format!("{p}.key"), Go::str(key), &msg));
        }
        if let Some(values) = e.get("values").and_then(Value::as_array) {
            for (j, v) in values.iter().enumerate() {
                let v = v.as_str().unwrap_or("");
                for msg in is_valid_label_value(v) {
                    errs.push(invalid(&format!("{p}.values[{j}]"), Go::str(v), &msg));
                }
            }
        }
    }
}

/// Whether a `metav1.LabelSelector` matches `labels`, with `LabelSelectorAsSelector`
/// semantics: a missing selector matches nothing, an empty one everything.
pub(crate) fn selector_matches(sel: Option<&Value>, labels: Option<&Value>) -> bool {
    let Some(sel) = sel.filter(|s| s.is_object()) else {
        return false;
    };
    let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
    if let Some(ml) = sel.get("matchLabels").and_then(Value::as_object)
        && !ml.iter().all(|(k, v)| get(k) == v.as_str())
    {
        return false;
    }
    let Some(exprs) = sel.get("matchExpressions").and_then(Value::as_array) else {
        return true;
    };
    exprs.iter().all(|e| {
        let key = e.get("key").and_then(Value::as_str).unwrap_or("");
        let values: Vec<&str> = e
            .get("values")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        match e.get("operator").and_then(Value::as_str).unwrap_or("") {
            "In" => get(key).is_some_and(|v| values.contains(&v)),
            "NotIn" => get(key).is_none_or(|v| !values.contains(&v)),
            "Exists" => get(key).is_some(),
            "DoesNotExist" => get(key).is_none(),
            _ => false,
        }
    })
}

/// Whether a selector selects everything (`{}`: no matchLabels and no matchExpressions).
pub(crate) fn selector_is_empty(sel: &Value) -> bool {
    let n = |k: &str| {
        sel.get(k).and_then(|v| {
            v.as_object()
                .map(|m| m.len())
                .or(v.as_array().map(Vec::len))
        })
    };
    n("matchLabels").unwrap_or(0) + n("matchExpressions").unwrap_or(0) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msgs(errs: &[Cause]) -> Vec<String> {
        errs.iter()
            .map(|c| format!("{}: {}", c.field, c.message))
            .collect()
    }

    #[test]
    fn meta_name_required_and_invalid() {
        let mut errs = Vec::new();
        object_meta(&mut errs, &json!({"metadata": {}}), NameRule::Subdomain);
        assert_eq!(
            msgs(&errs),
            vec!["metadata.name: Required value: name or generateName is required"]
        );

        let mut errs = Vec::new();
        object_meta(
            &mut errs,
            &json!({"metadata": {"name": "ok", "labels": {"a b": "x", "k": "-v"},
                                 "finalizers": ["custom", "a/b/c"]}}),
            NameRule::Subdomain,
        );
        let m = msgs(&errs);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(
            m[0].starts_with("metadata.labels: Invalid value: \"a b\": name part must consist")
        );
        assert!(m[1].starts_with("metadata.labels: Invalid value: \"-v\": a valid label must"));
        assert!(
            m[2].starts_with("metadata.finalizers: Invalid value: \"a/b/c\": a qualified name")
        );
    }

    #[test]
    fn generate_name_alone_is_enough() {
        let mut errs = Vec::new();
        object_meta(
            &mut errs,
            &json!({"metadata": {"generateName": "web-"}}),
            NameRule::Subdomain,
        );
        assert!(errs.is_empty(), "{errs:?}");
        object_meta(
            &mut errs,
            &json!({"metadata": {"generateName": "Web_"}}),
            NameRule::Subdomain,
        );
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "metadata.generateName");
    }

    #[test]
    fn selector_semantics() {
        let l = json!({"app": "web", "tier": "fe"});
        assert!(!selector_matches(None, Some(&l)));
        assert!(selector_matches(Some(&json!({})), Some(&l)));
        assert!(selector_matches(
            Some(&json!({"matchLabels": {"app": "web"}})),
            Some(&l)
        ));
        assert!(!selector_matches(
            Some(&json!({"matchLabels": {"app": "db"}})),
            Some(&l)
        ));
        let e = json!({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["fe"]},
                                            {"key": "x", "operator": "DoesNotExist"}]});
        assert!(selector_matches(Some(&e), Some(&l)));
        assert!(!selector_matches(Some(&e), None));
        assert!(selector_is_empty(&json!({"matchLabels": {}})));
        assert!(!selector_is_empty(&json!({"matchLabels": {"a": "b"}})));
    }

    #[test]
    fn selector_validation() {
        let mut errs = Vec::new();
        label_selector(
            &mut errs,
            &json!({"matchExpressions": [{"key": "a", "operator": "In"},
                                         {"key": "b", "operator": "Exists", "values": ["x"]},
                                         {"key": "c", "operator": "Near", "values": ["x"]}]}),
            "spec.selector",
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.selector.matchExpressions[0].values: Required value: must be specified when \
                 `operator` is 'In' or 'NotIn'",
                "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when \
                 `operator` is 'Exists' or 'DoesNotExist'",
                "spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid \
                 selector operator",
            ]
        );
    }
}
