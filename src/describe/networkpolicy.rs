//! NetworkPolicies: the pod selector, then ingress and egress rules as kubectl spells them
//! out (`To Port:`, `From:`, selectors, IP blocks, `----------` between rules).

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, annotations, at, label_selector, labels, str_at, string_map};

/// Go's `time.Time.String()` of a timestamp in local time (`2026-11-22 01:13:17 +0000 UTC`).
fn go_time(ts: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(ts) {
        Ok(t) => {
            let local = t.with_timezone(&chrono::Local);
            let zone = if local.offset().local_minus_utc() == 0 {
                "UTC".to_string()
            } else {
                local.format("%z").to_string()
            };
            format!("{} {zone}", local.format("%Y-%m-%d %H:%M:%S %z"))
        }
        Err(_) => ts.to_string(),
    }
}

/// Write a NetworkPolicy's report (kubectl prints no events for network policies).
pub fn describe(w: &mut PrefixWriter, np: &Value) {
    let spec = np.get("spec").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(np, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(np, &["metadata", "namespace"])),
    );
    w.write(
        0,
        &format!(
            "Created on:\t{}\n",
            go_time(str_at(np, &["metadata", "creationTimestamp"]))
        ),
    );
    labels(w, 0, "Labels", &string_map(at(np, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(np, &["metadata", "annotations"])),
    );
    w.write(0, "Spec:\n");
    // kubectl writes a fixed `PodSelector: ` and then the value at level 2.
    w.write(1, "PodSelector: ");
    let sel = spec.get("podSelector");
    let empty = sel.is_none_or(|s| {
        string_map(s.get("matchLabels")).is_empty() && list(s, "matchExpressions").is_empty()
    });
    if empty {
        w.write(
            2,
            "<none> (Allowing the specific traffic to all pods in this namespace)\n",
        );
    } else {
        w.write(2, &format!("{}\n", label_selector(sel)));
    }
    let types: Vec<&str> = list(spec, "policyTypes")
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    for (key, dir, peer_key, peer, any_peer) in [
        (
            "ingress",
            "Ingress",
            "from",
            "From",
            "From: <any> (traffic not restricted by source)",
        ),
        (
            "egress",
            "Egress",
            "to",
            "To",
            "To: <any> (traffic not restricted by destination)",
        ),
    ] {
        let rules = list(spec, key);
        if rules.is_empty() && !types.contains(&dir) {
            w.write(1, &format!("Not affecting {key} traffic\n"));
            continue;
        }
        w.write(1, &format!("Allowing {key} traffic:\n"));
        let indent = "    ";
        if rules.is_empty() {
            w.write(
                0,
                &format!("{indent}<none> (Selected pods are isolated for {key} connectivity)\n"),
            );
            continue;
        }
        let n = rules.len();
        for (i, r) in rules.into_iter().enumerate() {
            let ports = list(r, "ports");
            if ports.is_empty() {
                w.write(
                    0,
                    &format!("{indent}To Port: <any> (traffic allowed to all ports)\n"),
                );
            }
            for p in ports {
                let port = match p.get("port") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ => "<nil>".into(),
                };
                let proto = str_at(p, &["protocol"]);
                let proto = if proto.is_empty() { "TCP" } else { proto };
                w.write(0, &format!("{indent}To Port: {port}/{proto}\n"));
            }
            let peers = list(r, peer_key);
            if peers.is_empty() {
                w.write(0, &format!("{indent}{any_peer}\n"));
            }
            for p in peers {
                w.write(0, &format!("{indent}{peer}:\n"));
                let (pods, nss) = (p.get("podSelector"), p.get("namespaceSelector"));
                if let Some(ns) = nss {
                    w.write(
                        1,
                        &format!("{indent}NamespaceSelector: {}\n", label_selector(Some(ns))),
                    );
                }
                if let Some(ps) = pods {
                    w.write(
                        1,
                        &format!("{indent}PodSelector: {}\n", label_selector(Some(ps))),
                    );
                }
                if pods.is_none()
                    && nss.is_none()
                    && let Some(b) = p.get("ipBlock")
                {
                    let except: Vec<&str> = list(b, "except")
                        .into_iter()
                        .filter_map(Value::as_str)
                        .collect();
                    w.write(1, &format!("{indent}IPBlock:\n"));
                    w.write(2, &format!("{indent}CIDR: {}\n", str_at(b, &["cidr"])));
                    w.write(2, &format!("{indent}Except: {}\n", except.join(", ")));
                }
            }
            if i + 1 != n {
                w.write(0, &format!("{indent}----------\n"));
            }
        }
    }
    w.write(1, &format!("Policy Types: {}\n", types.join(", ")));
}
