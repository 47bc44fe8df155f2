//! The scheduler (kube-scheduler, much simplified): binds pending pods to a node that is
//! Ready and schedulable, whose taints the pod tolerates and whose labels match the pod's
//! nodeSelector and required node affinity; ties go to the node with the fewest pods.
//! Emits `Scheduled` / `FailedScheduling` events as the real one does.

use std::time::Duration;

use serde_json::{Value, json};

use crate::controllers::api::{Api, name, res};
use crate::controllers::events::{self, Source};
use crate::controllers::{Controller, Key};
use crate::store::{Event, ResourceKey, now_rfc3339};

const SOURCE: Source = Source {
    component: "default-scheduler",
    host: None,
};

/// The scheduler.
pub struct Scheduler {
    api: Api,
}

impl Scheduler {
    /// A scheduler on `api`.
    pub fn new(api: Api) -> Self {
        Scheduler { api }
    }
}

fn pending_unbound(pod: &Value) -> bool {
    pod.pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
        && pod.pointer("/metadata/deletionTimestamp").is_none()
        && pod
            .pointer("/spec/schedulerName")
            .and_then(Value::as_str)
            .is_none_or(|s| s == "default-scheduler")
}

fn node_ready(node: &Value) -> bool {
    node.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        })
}

/// Whether `pod` tolerates the NoSchedule/NoExecute `taint`.
pub fn tolerates(pod: &Value, taint: &Value) -> bool {
    let effect = taint["effect"].as_str().unwrap_or("");
    if effect == "PreferNoSchedule" {
        return true;
    }
    let tols = pod
        .pointer("/spec/tolerations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    tols.iter().any(|t| {
        let key_ok = match t["key"].as_str() {
            None | Some("") => t["operator"] == "Exists",
            Some(k) => k == taint["key"].as_str().unwrap_or(""),
        };
        let value_ok = t["operator"] == "Exists"
            || t["value"].as_str().unwrap_or("") == taint["value"].as_str().unwrap_or("");
        let effect_ok = t["effect"]
            .as_str()
            .is_none_or(|e| e.is_empty() || e == effect);
        key_ok && value_ok && effect_ok
    })
}

fn selector_term_matches(term: &Value, node: &Value) -> bool {
    let labels = node
        .pointer("/metadata/labels")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let exprs = term["matchExpressions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fields = term["matchFields"].as_array().cloned().unwrap_or_default();
    let check = |e: &Value, actual: Option<&str>| {
        let vals: Vec<&str> = e["values"]
            .as_array()
            .map(|v| v.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        match e["operator"].as_str().unwrap_or("") {
            "In" => actual.is_some_and(|a| vals.contains(&a)),
            "NotIn" => actual.is_none_or(|a| !vals.contains(&a)),
            "Exists" => actual.is_some(),
            "DoesNotExist" => actual.is_none(),
            "Gt" | "Lt" => {
                let (Some(a), Some(v)) = (
                    actual.and_then(|a| a.parse::<i64>().ok()),
                    vals.first().and_then(|v| v.parse::<i64>().ok()),
                ) else {
                    return false;
                };
                if e["operator"] == "Gt" { a > v } else { a < v }
            }
            _ => false,
        }
    };
    exprs.iter().all(|e| {
        check(
            e,
            labels
                .get(e["key"].as_str().unwrap_or(""))
                .and_then(Value::as_str),
        )
    }) && fields.iter().all(|e| {
        let actual = (e["key"] == "metadata.name").then(|| name(node));
        check(e, actual)
    })
}

/// Whether `pod` may run on `node` (readiness aside): taints, nodeSelector, node affinity.
pub fn fits(pod: &Value, node: &Value) -> bool {
    if node.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
        return false;
    }
    let taints = node
        .pointer("/spec/taints")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !taints.iter().all(|t| tolerates(pod, t)) {
        return false;
    }
    if let Some(sel) = pod.pointer("/spec/nodeSelector").and_then(Value::as_object) {
        let labels = node.pointer("/metadata/labels");
        if !sel
            .iter()
            .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
        {
            return false;
        }
    }
    if let Some(terms) = pod
        .pointer("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")
        .and_then(Value::as_array)
        && !terms.is_empty()
        && !terms.iter().any(|t| selector_term_matches(t, node))
    {
        return false;
    }
    true
}

impl Controller for Scheduler {
    fn name(&self) -> &'static str {
        "scheduler"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::pods(), res::nodes()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::nodes() {
            // A node changed: give every pending pod another chance.
            return self
                .api
                .list(&res::pods(), None)
                .iter()
                .filter(|p| pending_unbound(p))
                .map(|p| Key::new(crate::store::namespace_of(p), name(p)))
                .collect();
        }
        if ev.kind != crate::store::EventType::Deleted && pending_unbound(&ev.object) {
            return vec![Key::new(&ev.namespace, name(&ev.object))];
        }
        Vec::new()
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let pod = self.api.get(&res::pods(), &key.namespace, &key.name)?;
        if !pending_unbound(&pod) {
            return None;
        }
        let nodes = self.api.list(&res::nodes(), None);
        // Pods per node in one pass: a burst of N pending pods (a preload, a big scale-up)
        // would otherwise cost N × nodes × pods.
        let mut per_node: std::collections::HashMap<String, usize> = Default::default();
        for p in self.api.list(&res::pods(), None) {
            if let Some(n) = p.pointer("/spec/nodeName").and_then(Value::as_str) {
                *per_node.entry(n.to_string()).or_default() += 1;
            }
        }
        let load = |n: &str| per_node.get(n).copied().unwrap_or(0);
        let candidates: Vec<_> = nodes
            .iter()
            .filter(|n| node_ready(n) && fits(&pod, n))
            .collect();
        let Some(node) = candidates
            .iter()
            .min_by_key(|n| (load(name(n)), name(n).to_string()))
        else {
            let total = nodes.len();
            let msg = format!(
                "0/{total} nodes are available: {total} node(s) didn't match Pod's node affinity/selector or had untolerated taints. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling."
            );
            let now = now_rfc3339();
            let changed = self.api.mutate(&res::pods(), &key.namespace, &key.name, |p| {
                let cond = json!({"type": "PodScheduled", "status": "False", "lastProbeTime": null,
                                  "lastTransitionTime": now, "reason": "Unschedulable", "message": msg});
                if p.pointer("/status/conditions/0/reason") == Some(&json!("Unschedulable")) {
                    return false;
                }
                p["status"]["phase"] = json!("Pending");
                p["status"]["conditions"] = json!([cond]);
                true
            });
            if matches!(changed, Ok(Some(_))) {
                events::record(
                    &self.api,
                    &pod,
                    None,
                    events::WARNING,
                    "FailedScheduling",
                    &msg,
                    &SOURCE,
                );
            }
            return Some(Duration::from_secs(5));
        };
        let node_name = name(node).to_string();
        let now = now_rfc3339();
        let bound = self.api.mutate(&res::pods(), &key.namespace, &key.name, |p| {
            if !pending_unbound(p) {
                return false;
            }
            p["spec"]["nodeName"] = json!(node_name);
            p["status"]["phase"] = json!("Pending");
            p["status"]["conditions"] = json!([{"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": now}]);
            true
        });
        if let Ok(Some(p)) = bound {
            events::record(
                &self.api,
                &p,
                None,
                events::NORMAL,
                "Scheduled",
                &format!(
                    "Successfully assigned {}/{} to {node_name}",
                    key.namespace, key.name
                ),
                &SOURCE,
            );
        }
        None
    }
}
