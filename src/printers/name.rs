//! `-o name` (`deployment.apps/web`, `pod/x`) and the "name printer" operation messages
//! (`deployment.apps/web created`, `configmap/x created (dry run)`).

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

/// `--dry-run` mode, which decides the message suffix.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DryRun {
    #[default]
    None,
    Client,
    Server,
}

/// The operation line: `deployment.apps/web configured`, with ` (dry run)` or
/// ` (server dry run)` appended. (`patch` passes `DryRun::None`: kubectl prints no suffix.)
pub fn operation_line(kind: &str, group: &str, name: &str, operation: &str, dry: DryRun) -> String {
    let suffix = match dry {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    };
    format!("{}/{name} {operation}{suffix}\n", kind_ref(kind, group))
}

/// [`operation_line`] for an object.
pub fn operation_line_for(obj: &Value, operation: &str, dry: DryRun) -> String {
    format!(
        "{} {operation}{}\n",
        object_ref(obj),
        match dry {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    )
}

/// `delete`'s different format: `deployment.apps "web" deleted`.
pub fn deleted_line(kind: &str, group: &str, name: &str, dry: DryRun) -> String {
    let suffix = match dry {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    };
    format!("{} \"{name}\" deleted{suffix}\n", kind_ref(kind, group))
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

    #[test]
    fn operations() {
        assert_eq!(
            operation_line("ConfigMap", "", "cfg", "created", DryRun::Client),
            "configmap/cfg created (dry run)\n"
        );
        assert_eq!(
            operation_line("Deployment", "apps", "web", "configured", DryRun::Server),
            "deployment.apps/web configured (server dry run)\n"
        );
        assert_eq!(
            operation_line("Deployment", "apps", "web", "scaled", DryRun::None),
            "deployment.apps/web scaled\n"
        );
        let o = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}});
        assert_eq!(
            operation_line_for(&o, "labeled", DryRun::None),
            "pod/x labeled\n"
        );
        assert_eq!(
            deleted_line("Pod", "", "x", DryRun::None),
            "pod \"x\" deleted\n"
        );
    }
}
