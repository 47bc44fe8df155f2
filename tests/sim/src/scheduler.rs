//! The scheduler (kube-scheduler, much simplified): binds pending pods to a node that is
//! Ready and schedulable, whose taints the pod tolerates and whose labels match the pod's
//! nodeSelector and required node affinity; ties go to the node with the fewest pods.
//! Emits `Scheduled` / `FailedScheduling` events as the real one does.
//!
//! Like kube-scheduler it keeps a cache fed by its watch — the nodes, which node each pod is
//! on, which pods wait — so scheduling one pod costs the same with 10 pods or 50,000.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
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
    cache: Mutex<Cache>,
}

/// What the scheduler knows from its watch.
#[derive(Default)]
struct Cache {
    /// Nodes by name.
    nodes: BTreeMap<String, Arc<Value>>,
    /// `namespace/name` of each bound pod → its node.
    placed: HashMap<String, String>,
    /// Bound pods per node.
    load: HashMap<String, usize>,
    /// Pods waiting for a node.
    pending: BTreeSet<Key>,
}

impl Cache {
    /// Records that pod `key` is on `node` (None: nowhere, or gone).
    fn place(&mut self, key: String, node: Option<&str>) {
        let old = match node {
            Some(n) => {
                if self.placed.get(&key).map(String::as_str) == Some(n) {
                    return;
                }
                *self.load.entry(n.to_string()).or_default() += 1;
                self.placed.insert(key, n.to_string())
            }
            None => self.placed.remove(&key),
        };
        if let Some(o) = old
            && let Some(c) = self.load.get_mut(&o)
        {
            *c = c.saturating_sub(1);
        }
    }
}

impl Scheduler {
    /// A scheduler on `api`.
    pub fn new(api: Api) -> Self {
        Scheduler {
            api,
            cache: Mutex::new(Cache::default()),
        }
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
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
        vec![res::nodes(), res::pods()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        let deleted = ev.kind == crate::store::EventType::Deleted;
        let mut cache = self.cache();
        if ev.resource == res::nodes() {
            let n = name(&ev.object).to_string();
            if deleted {
                cache.nodes.remove(&n);
            } else {
                cache.nodes.insert(n, ev.object.clone());
            }
            // A node changed: give every pending pod another chance.
            return cache.pending.iter().cloned().collect();
        }
        let key = Key::new(&ev.namespace, name(&ev.object));
        let node = ev
            .object
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty() && !deleted);
        cache.place(format!("{}/{}", key.namespace, key.name), node);
        if !deleted && pending_unbound(&ev.object) {
            cache.pending.insert(key.clone());
            return vec![key];
        }
        cache.pending.remove(&key);
        Vec::new()
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let pod = self.api.get(&res::pods(), &key.namespace, &key.name)?;
        if !pending_unbound(&pod) {
            return None;
        }
        let (nodes, load): (Vec<Arc<Value>>, HashMap<String, usize>) = {
            let c = self.cache();
            (c.nodes.values().cloned().collect(), c.load.clone())
        };
        let load = |n: &str| load.get(n).copied().unwrap_or(0);
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
            // Counted at once: the next pod of a burst must see this one's node as busier.
            let mut c = self.cache();
            c.place(format!("{}/{}", key.namespace, key.name), Some(&node_name));
            c.pending.remove(key);
            drop(c);
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
