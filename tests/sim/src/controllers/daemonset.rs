//! DaemonSet controller (kubernetes `pkg/controller/daemon`): one pod per eligible node
//! (schedulable, taints tolerated, nodeSelector/affinity matching), pinned with node
//! affinity on `metadata.name`, a ControllerRevision per template (what `kubectl rollout
//! history|undo ds` read), RollingUpdate one node at a time, and the status kubectl prints.

use std::time::Duration;

use serde_json::{Value, json};

use super::api::{Api, controlled_by, controller_key, deleting, int, name, owner_ref, res, uid};
use super::events::{self, NORMAL, Source};
use super::naming::template_hash;
use super::replicaset::{is_available, is_ready, pod_from_template};
use super::{Controller, Key};
use crate::scheduler::fits;
use crate::store::{DeleteOptions, Event, ResourceKey};

const SOURCE: Source = Source {
    component: "daemonset-controller",
    host: None,
};

/// The tolerations the DaemonSet controller adds to its pods.
fn daemon_tolerations() -> Vec<Value> {
    let mut t = vec![
        json!({"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"}),
        json!({"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"}),
    ];
    for k in [
        "disk-pressure",
        "memory-pressure",
        "pid-pressure",
        "unschedulable",
    ] {
        t.push(json!({"key": format!("node.kubernetes.io/{k}"), "operator": "Exists", "effect": "NoSchedule"}));
    }
    t
}

/// The DaemonSet controller.
pub struct DaemonSetController {
    api: Api,
}

impl DaemonSetController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        DaemonSetController { api }
    }

    /// The ControllerRevision for the current template (created if missing); returns its hash
    /// label value.
    fn revision(&self, ds: &Value, revs: &[std::sync::Arc<Value>]) -> String {
        let template = ds.pointer("/spec/template").cloned().unwrap_or_default();
        let hash = template_hash(
            &template,
            ds.pointer("/status/collisionCount")
                .and_then(Value::as_u64)
                .map(|c| c as u32),
        );
        let ns = super::api::namespace(ds);
        let max = revs
            .iter()
            .map(|r| int(r, "/revision", 0))
            .max()
            .unwrap_or(0);
        let mut patch_template = template.clone();
        patch_template["$patch"] = json!("replace");
        let data = json!({"spec": {"template": patch_template}});
        if let Some(r) = revs.iter().find(|r| {
            r.pointer("/metadata/labels/controller-revision-hash")
                .and_then(Value::as_str)
                == Some(hash.as_str())
        }) {
            if int(r, "/revision", 0) < max {
                let _ = self
                    .api
                    .mutate(&res::controllerrevisions(), ns, name(r), |o| {
                        o["revision"] = json!(max + 1);
                        true
                    });
            }
            return hash;
        }
        let mut labels = template
            .pointer("/metadata/labels")
            .cloned()
            .unwrap_or_else(|| json!({}));
        labels["controller-revision-hash"] = json!(hash);
        let cr = json!({
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": {"name": format!("{}-{hash}", name(ds)), "namespace": ns, "labels": labels,
                         "ownerReferences": [owner_ref(ds)]},
            "data": data,
            "revision": max + 1,
        });
        let _ = self.api.create(
            &res::controllerrevisions(),
            ns,
            cr,
            "kube-controller-manager",
        );
        hash
    }
}

impl Controller for DaemonSetController {
    fn name(&self) -> &'static str {
        "daemonset"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::daemonsets(), res::pods(), res::nodes()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::daemonsets() {
            return vec![Key::new(&ev.namespace, name(&ev.object))];
        }
        if ev.resource == res::nodes() {
            return self
                .api
                .list(&res::daemonsets(), None)
                .iter()
                .map(|d| Key::new(super::api::namespace(d), name(d)))
                .collect();
        }
        controller_key(&ev.object, &ev.namespace, "DaemonSet")
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let ds = self
            .api
            .get(&res::daemonsets(), &key.namespace, &key.name)?;
        if deleting(&ds) {
            return None;
        }
        let duid = uid(&ds).to_string();
        let revs: Vec<_> = self
            .api
            .list(&res::controllerrevisions(), Some(&key.namespace))
            .into_iter()
            .filter(|r| controlled_by(r, &duid))
            .collect();
        let hash = self.revision(&ds, &revs);
        let generation = int(&ds, "/metadata/generation", 1);
        let mut template = ds.pointer("/spec/template").cloned().unwrap_or_default();
        let mut tols = template
            .pointer("/spec/tolerations")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for t in daemon_tolerations() {
            if !tols
                .iter()
                .any(|x| x["key"] == t["key"] && x["effect"] == t["effect"])
            {
                tols.push(t);
            }
        }
        template["spec"]["tolerations"] = json!(tols);
        let pods: Vec<_> = self
            .api
            .list(&res::pods(), Some(&key.namespace))
            .into_iter()
            .filter(|p| controlled_by(p, &duid))
            .collect();
        let nodes = self.api.list(&res::nodes(), None);
        let probe = json!({"spec": template["spec"].clone()});
        let eligible: Vec<_> = nodes.iter().filter(|n| fits(&probe, n)).collect();
        let min_ready = int(&ds, "/spec/minReadySeconds", 0);
        let rolling = ds
            .pointer("/spec/updateStrategy/type")
            .and_then(Value::as_str)
            != Some("OnDelete");
        let max_unavailable = super::intstr::scaled(
            ds.pointer("/spec/updateStrategy/rollingUpdate/maxUnavailable"),
            eligible.len() as i64,
            true,
            1,
        )
        .max(1);
        let pod_hash = |p: &Value| {
            p.pointer("/metadata/labels/controller-revision-hash")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let mut unavailable = 0i64;
        let mut to_update = Vec::new();
        for n in &eligible {
            let node = name(n);
            let on_node: Vec<_> = pods
                .iter()
                .filter(|p| {
                    !deleting(p)
                        && p.pointer("/spec/nodeName").and_then(Value::as_str) == Some(node)
                })
                .collect();
            if on_node.is_empty() {
                let mut pod = pod_from_template(
                    &ds,
                    &template,
                    &[
                        ("controller-revision-hash", &hash),
                        ("pod-template-generation", &generation.to_string()),
                    ],
                );
                pod["spec"]["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]}]}}});
                pod["spec"]["nodeName"] = json!(node);
                if let Ok(p) =
                    self.api
                        .create(&res::pods(), &key.namespace, pod, "kube-controller-manager")
                {
                    events::record(
                        &self.api,
                        &ds,
                        None,
                        NORMAL,
                        "SuccessfulCreate",
                        &format!("Created pod: {}", name(&p)),
                        &SOURCE,
                    );
                }
                unavailable += 1;
            } else {
                if !on_node.iter().any(|p| is_available(p, min_ready)) {
                    unavailable += 1;
                }
                if rolling
                    && on_node
                        .iter()
                        .any(|p| pod_hash(p).as_deref() != Some(hash.as_str()))
                {
                    to_update.push(on_node[0].clone());
                }
            }
        }
        // RollingUpdate: replace old pods while the unavailable budget allows.
        for p in to_update {
            if unavailable >= max_unavailable && is_available(&p, min_ready) {
                break;
            }
            if self
                .api
                .delete(
                    &res::pods(),
                    &key.namespace,
                    name(&p),
                    &DeleteOptions::default(),
                )
                .is_ok()
            {
                events::record(
                    &self.api,
                    &ds,
                    None,
                    NORMAL,
                    "SuccessfulDelete",
                    &format!("Deleted pod: {}", name(&p)),
                    &SOURCE,
                );
                if is_available(&p, min_ready) {
                    unavailable += 1;
                }
            }
        }
        // Pods on nodes that are no longer eligible go.
        for p in &pods {
            let node = p
                .pointer("/spec/nodeName")
                .and_then(Value::as_str)
                .unwrap_or("");
            if !deleting(p) && !eligible.iter().any(|n| name(n) == node) {
                let _ = self.api.delete(
                    &res::pods(),
                    &key.namespace,
                    name(p),
                    &DeleteOptions::default(),
                );
            }
        }
        let pods: Vec<_> = self
            .api
            .list(&res::pods(), Some(&key.namespace))
            .into_iter()
            .filter(|p| controlled_by(p, &duid) && !deleting(p))
            .collect();
        let desired = eligible.len() as i64;
        let scheduled = pods.len() as i64;
        let ready = pods.iter().filter(|p| is_ready(p)).count() as i64;
        let available = pods.iter().filter(|p| is_available(p, min_ready)).count() as i64;
        let updated = pods
            .iter()
            .filter(|p| pod_hash(p).as_deref() == Some(hash.as_str()))
            .count() as i64;
        let _ = self
            .api
            .mutate(&res::daemonsets(), &key.namespace, &key.name, |o| {
                let mut st = json!({
                    "currentNumberScheduled": scheduled,
                    "desiredNumberScheduled": desired,
                    "numberMisscheduled": 0,
                    "numberReady": ready,
                    "observedGeneration": generation,
                    "updatedNumberScheduled": updated,
                });
                if available > 0 {
                    st["numberAvailable"] = json!(available);
                }
                if desired - available > 0 {
                    st["numberUnavailable"] = json!(desired - available);
                }
                if o.get("status") == Some(&st) {
                    return false;
                }
                o["status"] = st;
                true
            });
        None
    }
}
