//! Secrets: type and the size of every value — never the values themselves, except a
//! service-account token secret's `token`, which kubectl shows.

use base64::Engine;
use serde_json::Value;

use super::{PrefixWriter, annotations, at, labels, str_at, string_map};

/// Write a Secret's report (kubectl prints no events for secrets).
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
    let ty = str_at(obj, &["type"]);
    w.write(0, &format!("\nType:\t{ty}\n"));
    w.write(0, "\nData\n====\n");
    for (k, v) in string_map(obj.get("data")) {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(v.as_bytes())
            .unwrap_or_default();
        if k == "token" && ty == "kubernetes.io/service-account-token" {
            w.write(0, &format!("{k}:\t{}\n", String::from_utf8_lossy(&bytes)));
        } else {
            w.write(0, &format!("{k}:\t{} bytes\n", bytes.len()));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn sizes_not_values() {
        let s = json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": "sec", "namespace": "d1"},
            "data": {"pw": "aGVsbG8=", "a": ""}});
        let out = super::super::describe(
            &s,
            &Default::default(),
            chrono::Utc::now(),
            Default::default(),
        );
        assert_eq!(
            out,
            "Name:         sec\nNamespace:    d1\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\na:   0 bytes\npw:  5 bytes\n"
        );
    }
}
