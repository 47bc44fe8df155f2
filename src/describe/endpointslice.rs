//! EndpointSlices: address type, ports table and every endpoint with its conditions,
//! hostname, target, node and zone (`<unset>` where absent).

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, annotations, at, labels, str_at, string_map};

fn or_unset(s: &str) -> &str {
    if s.is_empty() { "<unset>" } else { s }
}

/// Write an EndpointSlice's report (without events).
pub fn describe(w: &mut PrefixWriter, es: &Value) {
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(es, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(es, &["metadata", "namespace"])),
    );
    labels(w, 0, "Labels", &string_map(at(es, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(es, &["metadata", "annotations"])),
    );
    w.write(
        0,
        &format!("AddressType:\t{}\n", str_at(es, &["addressType"])),
    );
    let ports = list(es, "ports");
    if ports.is_empty() {
        w.write(0, "Ports: <unset>\n");
    } else {
        w.write(0, "Ports:\n");
        w.write(1, "Name\tPort\tProtocol\n");
        w.write(1, "----\t----\t--------\n");
        for p in ports {
            let port = p
                .get("port")
                .and_then(Value::as_i64)
                .map_or_else(|| "<unset>".to_string(), |n| n.to_string());
            w.write(
                1,
                &format!(
                    "{}\t{port}\t{}\n",
                    or_unset(str_at(p, &["name"])),
                    or_unset(str_at(p, &["protocol"]))
                ),
            );
        }
    }
    let endpoints = list(es, "endpoints");
    if endpoints.is_empty() {
        w.write(0, "Endpoints: <none>\n");
        return;
    }
    w.write(0, "Endpoints:\n");
    for e in endpoints {
        let addrs: Vec<&str> = list(e, "addresses")
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        w.write(1, &format!("- Addresses:\t{}\n", addrs.join(",")));
        w.write(2, "Conditions:\n");
        // kubectl shows only the Ready condition.
        let ready = at(e, &["conditions", "ready"])
            .and_then(Value::as_bool)
            .map_or_else(|| "<unset>".to_string(), |b| b.to_string());
        w.write(3, &format!("Ready:\t{ready}\n"));
        w.write(
            2,
            &format!("Hostname:\t{}\n", or_unset(str_at(e, &["hostname"]))),
        );
        let target = match e.get("targetRef") {
            Some(t) => format!("{}/{}", str_at(t, &["kind"]), str_at(t, &["name"])),
            None => "<unset>".into(),
        };
        w.write(2, &format!("TargetRef:\t{target}\n"));
        w.write(
            2,
            &format!("NodeName:\t{}\n", or_unset(str_at(e, &["nodeName"]))),
        );
        w.write(2, &format!("Zone:\t{}\n", or_unset(str_at(e, &["zone"]))));
    }
}
