//! ServiceAccounts: image pull secrets, mountable secrets and tokens, each list under a
//! fixed-width header so the three align with each other.

use serde_json::Value;

use super::{PrefixWriter, Related, annotations, at, labels, str_at, string_map};

/// Write a ServiceAccount's report (without events).
pub fn describe(w: &mut PrefixWriter, obj: &Value, related: &Related) {
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
    let exists = |name: &str| {
        related
            .secrets
            .iter()
            .any(|s| str_at(s, &["metadata", "name"]) == name)
    };
    // Referenced secrets that do not exist are marked, as kubectl does.
    let names = |key: &str| -> Vec<String> {
        obj.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|r| {
                let n = str_at(r, &["name"]);
                if exists(n) {
                    n.to_string()
                } else {
                    format!("{n} (not found)")
                }
            })
            .collect()
    };
    let (name, uid) = (
        str_at(obj, &["metadata", "name"]),
        str_at(obj, &["metadata", "uid"]),
    );
    let tokens: Vec<String> = related
        .secrets
        .iter()
        .filter(|s| {
            let ann = |k: &str| str_at(s, &["metadata", "annotations", k]);
            str_at(s, &["type"]) == "kubernetes.io/service-account-token"
                && ann("kubernetes.io/service-account.name") == name
                && ann("kubernetes.io/service-account.uid") == uid
        })
        .map(|s| str_at(s, &["metadata", "name"]).to_string())
        .collect();
    // kubectl pads the headers to one width (its own alignment, on top of the tab writer's).
    let sections = [
        ("Image pull secrets:", names("imagePullSecrets")),
        ("Mountable secrets: ", names("secrets")),
        ("Tokens:            ", tokens),
    ];
    for (header, list) in sections {
        if list.is_empty() {
            w.write(0, &format!("{header}\t<none>\n"));
            continue;
        }
        let mut prefix = header;
        for name in list {
            w.write(0, &format!("{prefix}\t{name}\n"));
            prefix = "                   ";
        }
    }
}
