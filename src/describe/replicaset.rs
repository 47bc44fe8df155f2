//! ReplicaSets: replica counts, the phase counts of the pods they control, the pod
//! template and conditions.

use serde_json::Value;

use super::deployment::conditions;
use super::pod::template;
use super::{
    PrefixWriter, Related, annotations, at, controlled_by, int_at, label_selector, labels, str_at,
    string_map,
};

/// Write a ReplicaSet's report (without events).
pub fn describe(w: &mut PrefixWriter, rs: &Value, related: &Related) {
    let spec = rs.get("spec").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(rs, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(rs, &["metadata", "namespace"])),
    );
    w.write(
        0,
        &format!("Selector:\t{}\n", label_selector(spec.get("selector"))),
    );
    labels(w, 0, "Labels", &string_map(at(rs, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(rs, &["metadata", "annotations"])),
    );
    if let Some(c) = controlled_by(rs) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    w.write(
        0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            int_at(rs, &["status", "replicas"]),
            spec.get("replicas").and_then(Value::as_i64).unwrap_or(1)
        ),
    );
    w.write(
        0,
        &format!(
            "Pods Status:\t{}\n",
            pods_status(str_at(rs, &["metadata", "uid"]), &related.pods)
        ),
    );
    template(w, spec.get("template"));
    conditions(w, rs.get("status").unwrap_or(&Value::Null));
}

/// `N Running / N Waiting / N Succeeded / N Failed` over the pods controlled by `uid`.
pub fn pods_status(uid: &str, pods: &[Value]) -> String {
    let mut counts = [0; 4];
    for p in pods {
        let owned = at(p, &["metadata", "ownerReferences"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|r| {
                r.get("controller").and_then(Value::as_bool) == Some(true)
                    && str_at(r, &["uid"]) == uid
            });
        if !owned {
            continue;
        }
        match str_at(p, &["status", "phase"]) {
            "Running" => counts[0] += 1,
            "Pending" => counts[1] += 1,
            "Succeeded" => counts[2] += 1,
            "Failed" => counts[3] += 1,
            _ => {}
        }
    }
    format!(
        "{} Running / {} Waiting / {} Succeeded / {} Failed",
        counts[0], counts[1], counts[2], counts[3]
    )
}
