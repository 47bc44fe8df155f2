//! Deployments: replica counts, strategy, the pod template, conditions and the old/new
//! replica sets (found among the namespace's replica sets by controller reference, the new
//! one being the one whose template matches the deployment's).

use serde_json::Value;

use super::pod::{list, template};
use super::{
    PrefixWriter, Related, annotations, at, int_at, int_or_string, label_selector, labels,
    rfc1123z, str_at, string_map,
};

/// Write a Deployment's report (without events).
pub fn describe(w: &mut PrefixWriter, d: &Value, related: &Related) {
    let spec = d.get("spec").unwrap_or(&Value::Null);
    let status = d.get("status").unwrap_or(&Value::Null);
    w.write(0, &format!("Name:\t{}\n", str_at(d, &["metadata", "name"])));
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(d, &["metadata", "namespace"])),
    );
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z(str_at(d, &["metadata", "creationTimestamp"]))
        ),
    );
    labels(w, 0, "Labels", &string_map(at(d, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(d, &["metadata", "annotations"])),
    );
    w.write(
        0,
        &format!("Selector:\t{}\n", label_selector(spec.get("selector"))),
    );
    let desired = spec.get("replicas").and_then(Value::as_i64).unwrap_or(1);
    w.write(
        0,
        &format!(
            "Replicas:\t{desired} desired | {} updated | {} total | {} available | {} unavailable\n",
            int_at(status, &["updatedReplicas"]),
            int_at(status, &["replicas"]),
            int_at(status, &["availableReplicas"]),
            int_at(status, &["unavailableReplicas"])
        ),
    );
    w.write(
        0,
        &format!("StrategyType:\t{}\n", str_at(spec, &["strategy", "type"])),
    );
    w.write(
        0,
        &format!("MinReadySeconds:\t{}\n", int_at(spec, &["minReadySeconds"])),
    );
    if let Some(ru) = at(spec, &["strategy", "rollingUpdate"]) {
        w.write(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                int_or_string(ru.get("maxUnavailable")),
                int_or_string(ru.get("maxSurge"))
            ),
        );
    }
    template(w, spec.get("template"));
    conditions(w, status);
    let (old, new) = replica_sets(d, &related.replica_sets);
    w.write(0, &format!("OldReplicaSets:\t{}\n", rs_summary(&old)));
    w.write(0, &format!("NewReplicaSet:\t{}\n", rs_summary(&new)));
}

/// The `Conditions:` table of workloads (`Type  Status  Reason`).
pub fn conditions(w: &mut PrefixWriter, status: &Value) {
    let conds = list(status, "conditions");
    if conds.is_empty() {
        return;
    }
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for c in conds {
        w.write(
            1,
            &format!(
                "{} \t{}\t{}\n",
                str_at(c, &["type"]),
                str_at(c, &["status"]),
                str_at(c, &["reason"])
            ),
        );
    }
}

/// `name (status/spec replicas created)`, comma separated, or `<none>`.
fn rs_summary(rss: &[&Value]) -> String {
    if rss.is_empty() {
        return "<none>".into();
    }
    rss.iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                str_at(rs, &["metadata", "name"]),
                int_at(rs, &["status", "replicas"]),
                at(rs, &["spec", "replicas"])
                    .and_then(Value::as_i64)
                    .unwrap_or(1)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The deployment's old replica sets and its new one (as a 0/1-element list).
fn replica_sets<'a>(d: &Value, all: &'a [Value]) -> (Vec<&'a Value>, Vec<&'a Value>) {
    let uid = str_at(d, &["metadata", "uid"]);
    let mut owned: Vec<&Value> = all
        .iter()
        .filter(|rs| {
            at(rs, &["metadata", "ownerReferences"])
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|r| {
                    r.get("controller").and_then(Value::as_bool) == Some(true)
                        && str_at(r, &["uid"]) == uid
                })
        })
        .collect();
    owned.sort_by_key(|rs| str_at(rs, &["metadata", "creationTimestamp"]).to_string());
    let want = without_hash(at(d, &["spec", "template"]));
    let new = owned
        .iter()
        .position(|rs| without_hash(at(rs, &["spec", "template"])) == want);
    match new {
        Some(i) => {
            let n = owned.remove(i);
            (owned, vec![n])
        }
        None => (owned, Vec::new()),
    }
}

/// A pod template without the `pod-template-hash` label the controller adds.
fn without_hash(t: Option<&Value>) -> Value {
    let mut t = t.cloned().unwrap_or(Value::Null);
    if let Some(l) = t
        .get_mut("metadata")
        .and_then(|m| m.get_mut("labels"))
        .and_then(Value::as_object_mut)
    {
        l.remove("pod-template-hash");
        if l.is_empty()
            && let Some(m) = t.get_mut("metadata").and_then(Value::as_object_mut)
        {
            m.remove("labels");
        }
    }
    t
}
