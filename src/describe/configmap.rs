//! ConfigMaps: every data value in full under a `key:` / `----` header, then the sizes of
//! binary values. kubectl walks Go maps (random order); kk sorts keys.

use base64::Engine;
use serde_json::Value;

use super::{PrefixWriter, annotations, at, labels, str_at, string_map};

/// Write a ConfigMap's report (without events).
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
    w.write(0, "\nData\n====\n");
    for (k, v) in string_map(obj.get("data")) {
        w.write(0, &format!("{k}:\n----\n"));
        w.write(0, &format!("{v}\n"));
        w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    for (k, v) in string_map(obj.get("binaryData")) {
        let len = base64::engine::general_purpose::STANDARD
            .decode(v.as_bytes())
            .map_or(0, |b| b.len());
        w.write(0, &format!("{k}: {len} bytes\n"));
    }
    w.write(0, "\n");
}
