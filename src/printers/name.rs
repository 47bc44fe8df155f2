//! `-o name` (`deployment.apps/web`, `pod/x`): the `kind[.group]/name` references that the
//! name printer and the operation messages (`printers::operation`) are made of.

use serde_json::Value;

/// `kind[.group]` as kubectl prints it: the Kind lower-cased, plus the API group (never the
/// version); core kinds have no group.
pub fn kind_ref(kind: &str, group: &str) -> String {
    if group.is_empty() {
        kind.to_lowercase()
    } else {
        format!("{}.{group}", kind.to_lowercase())
    }
}

/// The group part of an `apiVersion` (`apps/v1` → `apps`, `v1` → ``).
pub fn group_of(api_version: &str) -> &str {
    api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("")
}

/// `kind[.group]/name` for an object (`-o name`). A `List` expands to one line per item.
pub fn name_lines(obj: &Value) -> String {
    let mut out = String::new();
    if obj
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|k| k.ends_with("List"))
        && let Some(items) = obj.get("items").and_then(Value::as_array)
    {
        for it in items {
            out.push_str(&object_ref(it));
            out.push('\n');
        }
        return out;
    }
    out.push_str(&object_ref(obj));
    out.push('\n');
    out
}

/// `kind[.group]/name` of one object.
pub fn object_ref(obj: &Value) -> String {
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let av = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let name = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    format!("{}/{name}", kind_ref(kind, group_of(av)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names() {
        let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}});
        let p = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}});
        let c = json!({"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "foo"}});
        assert_eq!(name_lines(&d), "deployment.apps/web\n");
        assert_eq!(name_lines(&c), "certificate.cert-manager.io/foo\n");
        let list = json!({"apiVersion": "v1", "kind": "List", "items": [p, d]});
        assert_eq!(name_lines(&list), "pod/x\ndeployment.apps/web\n");
    }
}
