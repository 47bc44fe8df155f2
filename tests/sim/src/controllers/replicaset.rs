//! ReplicaSet controller (kubernetes `pkg/controller/replicaset`): keeps `spec.replicas` active
//! pods, adopts matching orphans, releases pods that stop matching, and writes status. The
//! same loop is the ReplicationController manager (`pkg/controller/replication`, upstream
//! the ReplicaSet controller over converted objects): only the resource, the selector's
//! shape (a plain label map) and the events' source differ.

use std::time::Duration;

use serde_json::{Value, json};

use super::api::{
    Api, controlled_by, controller_ref, deleting, int, name, namespace, owner_ref, res, uid,
};
use super::events::{self, Source};
use super::{Controller, Key};
use crate::apiserver::selectors::label_selector_from_object;
use crate::store::{DeleteOptions, Event, ResourceKey};

/// Which of the two kinds a controller keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SetKind {
    ReplicaSet,
    ReplicationController,
}

impl SetKind {
    fn resource(self) -> ResourceKey {
        match self {
            SetKind::ReplicaSet => res::replicasets(),
            SetKind::ReplicationController => res::replicationcontrollers(),
        }
    }

    fn kind(self) -> &'static str {
        match self {
            SetKind::ReplicaSet => "ReplicaSet",
            SetKind::ReplicationController => "ReplicationController",
        }
    }

    fn source(self) -> &'static Source {
        const RS: Source = Source {
            component: "replicaset-controller",
            host: None,
        };
        const RC: Source = Source {
            component: "replication-controller",
            host: None,
        };
        match self {
            SetKind::ReplicaSet => &RS,
            SetKind::ReplicationController => &RC,
        }
    }

    /// The selector as a `LabelSelector` object (an RC's is a label map).
    fn selector(self, set: &Value) -> Value {
        let sel = set
            .pointer("/spec/selector")
            .cloned()
            .unwrap_or(Value::Null);
        match self {
            SetKind::ReplicaSet => sel,
            SetKind::ReplicationController if sel.is_null() => sel,
            SetKind::ReplicationController => json!({ "matchLabels": sel }),
        }
    }
}

/// The ReplicaSet controller (and, built with [`ReplicaSetController::replication`], the
/// ReplicationController manager).
pub struct ReplicaSetController {
    api: Api,
    kind: SetKind,
}

impl ReplicaSetController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        ReplicaSetController {
            api,
            kind: SetKind::ReplicaSet,
        }
    }

    /// The ReplicationController manager on `api`.
    pub fn replication(api: Api) -> Self {
        ReplicaSetController {
            api,
            kind: SetKind::ReplicationController,
        }
    }
}

/// Pods that count towards a set's replicas: not being deleted, not finished.
pub fn is_active(pod: &Value) -> bool {
    let phase = pod
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("");
    !deleting(pod) && phase != "Succeeded" && phase != "Failed"
}

/// Whether the pod's Ready condition is True.
pub fn is_ready(pod: &Value) -> bool {
    pod.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        })
}

/// Whether the pod has been ready for at least `min_ready` seconds.
pub fn is_available(pod: &Value, min_ready: i64) -> bool {
    if !is_ready(pod) {
        return false;
    }
    if min_ready <= 0 {
        return true;
    }
    let since = pod
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
        .and_then(|c| c["lastTransitionTime"].as_str())
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
    since.is_some_and(|t| {
        (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_seconds() >= min_ready
    })
}

/// Ranks pods for deletion: the first ones go first (upstream `ActivePods` ordering).
fn deletion_rank(
    p: &Value,
) -> (
    bool,
    u8,
    bool,
    std::cmp::Reverse<i64>,
    std::cmp::Reverse<String>,
) {
    let scheduled = p
        .pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .is_some_and(|n| !n.is_empty());
    let phase = match p
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("")
    {
        "Pending" => 0,
        "Unknown" => 1,
        _ => 2,
    };
    let restarts: i64 = p
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .map(|c| c["restartCount"].as_i64().unwrap_or(0))
                .sum()
        })
        .unwrap_or(0);
    let created = p
        .pointer("/metadata/creationTimestamp")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    (
        scheduled,
        phase,
        is_ready(p),
        std::cmp::Reverse(restarts),
        std::cmp::Reverse(created),
    )
}

/// A pod for `owner` (a ReplicaSet here; reused by other workload controllers) from its
/// template, named by the apiserver from `generateName`.
pub fn pod_from_template(owner: &Value, template: &Value, extra_labels: &[(&str, &str)]) -> Value {
    let mut meta = template
        .get("metadata")
        .cloned()
        .unwrap_or_else(|| json!({}));
    if let Some(m) = meta.as_object_mut() {
        m.remove("name");
        m.remove("namespace");
        m.remove("creationTimestamp");
    }
    for (k, v) in extra_labels {
        meta["labels"][*k] = json!(v);
    }
    meta["generateName"] = json!(format!("{}-", name(owner)));
    meta["namespace"] = json!(namespace(owner));
    meta["ownerReferences"] = json!([owner_ref(owner)]);
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": template.get("spec").cloned().unwrap_or_else(|| json!({})),
    })
}

impl Controller for ReplicaSetController {
    fn name(&self) -> &'static str {
        match self.kind {
            SetKind::ReplicaSet => "replicaset",
            SetKind::ReplicationController => "replicationcontroller",
        }
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![self.kind.resource(), res::pods()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == self.kind.resource() {
            return vec![Key::new(&ev.namespace, name(&ev.object))];
        }
        let mut keys = Vec::new();
        for o in [Some(&ev.object), ev.old.as_ref()].into_iter().flatten() {
            if let Some(r) = controller_ref(o)
                && r["kind"] == self.kind.kind()
                && let Some(n) = r["name"].as_str()
            {
                keys.push(Key::new(&ev.namespace, n));
            }
        }
        if keys.is_empty() && ev.kind == crate::store::EventType::Added {
            // An orphan: any set in the namespace might adopt it.
            for rs in self.api.list(&self.kind.resource(), Some(&ev.namespace)) {
                keys.push(Key::new(&ev.namespace, name(&rs)));
            }
        }
        keys
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let resource = self.kind.resource();
        let source = self.kind.source();
        let rs = self.api.get(&resource, &key.namespace, &key.name)?;
        let Ok(selector) = label_selector_from_object(&self.kind.selector(&rs)) else {
            return None;
        };
        let rs_uid = uid(&rs).to_string();
        let mut owned: Vec<std::sync::Arc<Value>> = Vec::new();
        for pod in self.api.list(&res::pods(), Some(&key.namespace)) {
            let matches = selector.matches(&pod);
            if controlled_by(&pod, &rs_uid) {
                if matches {
                    owned.push(pod);
                } else {
                    // Release: drop our ownerReference.
                    let _ = self
                        .api
                        .mutate(&res::pods(), &key.namespace, name(&pod), |p| {
                            release(p, &rs_uid)
                        });
                }
            } else if matches && controller_ref(&pod).is_none() && !deleting(&pod) && !deleting(&rs)
            {
                let r = owner_ref(&rs);
                if let Ok(Some(p)) =
                    self.api
                        .mutate(&res::pods(), &key.namespace, name(&pod), |p| {
                            if controller_ref(p).is_some() {
                                return false;
                            }
                            let refs = p["metadata"]["ownerReferences"]
                                .as_array()
                                .cloned()
                                .unwrap_or_default();
                            let mut refs = refs;
                            refs.push(r.clone());
                            p["metadata"]["ownerReferences"] = json!(refs);
                            true
                        })
                {
                    owned.push(p);
                }
            }
        }
        let mut active: Vec<&std::sync::Arc<Value>> =
            owned.iter().filter(|p| is_active(p)).collect();
        let want = int(&rs, "/spec/replicas", 1).max(0) as usize;
        if !deleting(&rs) {
            if active.len() < want {
                let template = rs
                    .pointer("/spec/template")
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                for _ in active.len()..want {
                    let pod = pod_from_template(&rs, &template, &[]);
                    match self.api.create(
                        &res::pods(),
                        &key.namespace,
                        pod,
                        "kube-controller-manager",
                    ) {
                        Ok(p) => events::record(
                            &self.api,
                            &rs,
                            None,
                            events::NORMAL,
                            "SuccessfulCreate",
                            &format!("Created pod: {}", name(&p)),
                            source,
                        ),
                        Err(e) => {
                            events::record(
                                &self.api,
                                &rs,
                                None,
                                events::WARNING,
                                "FailedCreate",
                                &format!("Error creating: {}", e.message),
                                source,
                            );
                            break;
                        }
                    }
                }
            } else if active.len() > want {
                active.sort_by_key(|p| deletion_rank(p));
                for pod in active.iter().take(active.len() - want) {
                    if self
                        .api
                        .delete(
                            &res::pods(),
                            &key.namespace,
                            name(pod),
                            &DeleteOptions::default(),
                        )
                        .is_ok()
                    {
                        events::record(
                            &self.api,
                            &rs,
                            None,
                            events::NORMAL,
                            "SuccessfulDelete",
                            &format!("Deleted pod: {}", name(pod)),
                            source,
                        );
                    }
                }
            }
        }
        // Status from a fresh look at the pods (creates/deletes above changed them).
        let pods: Vec<_> = self
            .api
            .list(&res::pods(), Some(&key.namespace))
            .into_iter()
            .filter(|p| controlled_by(p, &rs_uid) && is_active(p))
            .collect();
        let min_ready = int(&rs, "/spec/minReadySeconds", 0);
        let template_labels = rs
            .pointer("/spec/template/metadata/labels")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let fully = pods
            .iter()
            .filter(|p| {
                let l = p.pointer("/metadata/labels").and_then(Value::as_object);
                template_labels
                    .iter()
                    .all(|(k, v)| l.and_then(|l| l.get(k)) == Some(v))
            })
            .count();
        let ready = pods.iter().filter(|p| is_ready(p)).count();
        let available = pods.iter().filter(|p| is_available(p, min_ready)).count();
        let generation = int(&rs, "/metadata/generation", 1);
        let _ = self.api.mutate(&resource, &key.namespace, &key.name, |o| {
            let mut st = json!({
                "replicas": pods.len(),
                "observedGeneration": generation,
            });
            if fully > 0 {
                st["fullyLabeledReplicas"] = json!(fully);
            }
            if ready > 0 {
                st["readyReplicas"] = json!(ready);
            }
            if available > 0 {
                st["availableReplicas"] = json!(available);
            }
            if o.get("status") == Some(&st) {
                return false;
            }
            o["status"] = st;
            true
        });
        // Pods becoming available after minReadySeconds need another look.
        (min_ready > 0 && available < ready).then(|| Duration::from_secs(1))
    }
}

fn release(p: &mut Value, owner_uid: &str) -> bool {
    let Some(refs) = p
        .pointer_mut("/metadata/ownerReferences")
        .and_then(Value::as_array_mut)
    else {
        return false;
    };
    let before = refs.len();
    refs.retain(|r| r["uid"] != owner_uid);
    before != refs.len()
}
