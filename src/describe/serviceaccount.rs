//! ServiceAccounts: image pull secrets, mountable secrets and tokens, each list under a
//! fixed-width header so the three align with each other.

use serde_json::Value;

use super::{PrefixWriter, Related, annotations, at, labels, str_at, string_map};

/// Write a ServiceAccount's report (without events).
pub fn describe(w: &mut PrefixWriter, obj: &Value, _related: &Related) {
    w.write(0, &format!("Name:\t{}\n", str_at(obj, &["metadata", "name"])));
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(obj, &["metadata", "namespace"])),
    );
    labels(w, 0, "Labels", &string_map(at(obj, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(obj, &["metadata", "annotations"])),
    );
    let names = |key: &str| -> Vec<String> {
        obj.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|r| str_at(r, &["name"]).to_string())
            .collect()
    };
    // kubectl pads the headers to one width (its own alignment, on top of the tab writer's).
    let sections = [
        ("Image pull secrets:", names("imagePullSecrets")),
        ("Mountable secrets: ", names("secrets")),
        ("Tokens:            ", Vec::new()),
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
