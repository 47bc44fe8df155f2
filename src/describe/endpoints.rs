//! Endpoints: each subset's ready and not-ready addresses and its ports table.

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, annotations, at, int_at, labels, str_at, string_map};

/// Write an Endpoints object's report (without events).
pub fn describe(w: &mut PrefixWriter, ep: &Value) {
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(ep, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(ep, &["metadata", "namespace"])),
    );
    labels(w, 0, "Labels", &string_map(at(ep, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(ep, &["metadata", "annotations"])),
    );
    w.write(0, "Subsets:\n");
    for s in list(ep, "subsets") {
        let ips = |key: &str| {
            let v: Vec<&str> = list(s, key)
                .into_iter()
                .map(|a| str_at(a, &["ip"]))
                .collect();
            if v.is_empty() {
                "<none>".to_string()
            } else {
                v.join(",")
            }
        };
        w.write(1, &format!("Addresses:\t{}\n", ips("addresses")));
        w.write(
            1,
            &format!("NotReadyAddresses:\t{}\n", ips("notReadyAddresses")),
        );
        let ports = list(s, "ports");
        if !ports.is_empty() {
            w.write(1, "Ports:\n");
            w.write(2, "Name\tPort\tProtocol\n");
            w.write(2, "----\t----\t--------\n");
            for p in ports {
                let name = str_at(p, &["name"]);
                let name = if name.is_empty() { "<unset>" } else { name };
                w.write(
                    2,
                    &format!(
                        "{name}\t{}\t{}\n",
                        int_at(p, &["port"]),
                        str_at(p, &["protocol"])
                    ),
                );
            }
        }
        w.write(0, "\n");
    }
}
