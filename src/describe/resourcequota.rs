//! ResourceQuotas: scopes and the used/hard table.

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, at, str_at, string_map};

/// Write a ResourceQuota's report (kubectl prints no events for quotas).
pub fn describe(w: &mut PrefixWriter, q: &Value) {
    w.write(0, &format!("Name:\t{}\n", str_at(q, &["metadata", "name"])));
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(q, &["metadata", "namespace"])),
    );
    let scopes: Vec<&str> = list(q.get("spec").unwrap_or(&Value::Null), "scopes")
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    if !scopes.is_empty() {
        let mut sorted = scopes.clone();
        sorted.sort();
        w.write(0, &format!("Scopes:\t{}\n", sorted.join(", ")));
        for s in sorted {
            if let Some(help) = scope_help(s) {
                w.write(0, &format!(" * {help}\n"));
            }
        }
    }
    w.write(0, "Resource\tUsed\tHard\n");
    w.write(0, "--------\t----\t----\n");
    let used = string_map(at(q, &["status", "used"]));
    for (res, hard) in string_map(at(q, &["status", "hard"])) {
        let u = used.get(&res).map_or("0", String::as_str);
        w.write(0, &format!("{res}\t{u}\t{hard}\n"));
    }
}

pub fn scope_help(scope: &str) -> Option<&'static str> {
    Some(match scope {
        "Terminating" => {
            "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system."
        }
        "NotTerminating" => {
            "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate."
        }
        "BestEffort" => {
            "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service."
        }
        "NotBestEffort" => {
            "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service."
        }
        _ => return None,
    })
}
