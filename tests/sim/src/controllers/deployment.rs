//! Deployment controller (kubernetes `pkg/controller/deployment`): one ReplicaSet per pod
//! template (`<deploy>-<pod-template-hash>`), revisions and their annotations, RollingUpdate
//! (maxSurge/maxUnavailable) and Recreate, pause, history cleanup, status and conditions with
//! the real reasons and messages. `kubectl rollout status|history|undo` read exactly these.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};

use super::api::{
    Api, controlled_by, controller_key, controller_ref, deleting, int, name, owner_ref, res, uid,
};
use super::events::{self, Source};
use super::intstr::fenceposts;
use super::naming::template_hash;
use super::{Controller, Key};
use crate::store::{DeleteOptions, Event, ResourceKey, now_rfc3339};

const SOURCE: Source = Source {
    component: "deployment-controller",
    host: None,
};
const REVISION: &str = "deployment.kubernetes.io/revision";
const REVISION_HISTORY: &str = "deployment.kubernetes.io/revision-history";
const DESIRED: &str = "deployment.kubernetes.io/desired-replicas";
const MAX: &str = "deployment.kubernetes.io/max-replicas";
/// Annotations of the Deployment that are not copied to its ReplicaSets (same list kubectl's
/// rollback uses).
const SKIPPED_ANNOTATIONS: [&str; 5] = [
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION,
    REVISION_HISTORY,
    DESIRED,
    MAX,
];

/// The Deployment controller.
pub struct DeploymentController {
    api: Api,
}

impl DeploymentController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        DeploymentController { api }
    }
}

type Obj = Arc<Value>;

fn revision(rs: &Value) -> i64 {
    rs.pointer("/metadata/annotations")
        .and_then(|a| a.get(REVISION))
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The RS template without the `pod-template-hash` label, to compare with the Deployment's.
fn template_without_hash(t: &Value) -> Value {
    let mut t = t.clone();
    if let Some(l) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        l.remove("pod-template-hash");
        if l.is_empty() {
            t["metadata"].as_object_mut().map(|m| m.remove("labels"));
        }
    }
    t
}

fn spec_replicas(o: &Value) -> i64 {
    int(o, "/spec/replicas", 1)
}

fn copied_annotations(d: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(a) = d
        .pointer("/metadata/annotations")
        .and_then(Value::as_object)
    {
        for (k, v) in a {
            if !SKIPPED_ANNOTATIONS.contains(&k.as_str()) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

impl DeploymentController {
    fn scale_rs(&self, d: &Value, rs: &Value, to: i64, desired: i64, max_total: i64) {
        let from = spec_replicas(rs);
        let ns = super::api::namespace(rs).to_string();
        let changed = self.api.mutate(&res::replicasets(), &ns, name(rs), |o| {
            let ann = o["metadata"]["annotations"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            let same_ann = ann.get(DESIRED).and_then(Value::as_str) == Some(&desired.to_string())
                && ann.get(MAX).and_then(Value::as_str) == Some(&max_total.to_string());
            if spec_replicas(o) == to && same_ann {
                return false;
            }
            o["spec"]["replicas"] = json!(to);
            o["metadata"]["annotations"][DESIRED] = json!(desired.to_string());
            o["metadata"]["annotations"][MAX] = json!(max_total.to_string());
            true
        });
        if matches!(changed, Ok(Some(_))) && from != to {
            let verb = if to > from { "up" } else { "down" };
            events::record(
                &self.api,
                d,
                None,
                events::NORMAL,
                "ScalingReplicaSet",
                &format!("Scaled {verb} replica set {} from {from} to {to}", name(rs)),
                &SOURCE,
            );
        }
    }

    fn owned_replicasets(&self, d: &Value) -> Vec<Obj> {
        let d_uid = uid(d);
        let ns = super::api::namespace(d);
        self.api
            .list(&res::replicasets(), Some(ns))
            .into_iter()
            .filter(|rs| controlled_by(rs, d_uid))
            .collect()
    }

    fn active_pods_of(&self, ns: &str, rs_list: &[Obj]) -> usize {
        let uids: Vec<&str> = rs_list.iter().map(|r| uid(r)).collect();
        self.api
            .list(&res::pods(), Some(ns))
            .iter()
            .filter(|p| {
                controller_ref(p)
                    .and_then(|r| r["uid"].as_str())
                    .is_some_and(|u| uids.contains(&u))
            })
            .count()
    }

    /// Finds or creates the ReplicaSet for the current template; bumps its revision when an
    /// old template comes back (rollback).
    fn new_replicaset(&self, d: &Value, all: &[Obj], create: bool, initial: i64) -> Option<Obj> {
        let ns = super::api::namespace(d);
        let template = d
            .pointer("/spec/template")
            .cloned()
            .unwrap_or_else(|| json!({}));
        let max_rev = all.iter().map(|r| revision(r)).max().unwrap_or(0);
        let existing = all.iter().find(|rs| {
            template_without_hash(rs.pointer("/spec/template").unwrap_or(&Value::Null)) == template
        });
        if let Some(rs) = existing {
            let rev = revision(rs);
            if rev < max_rev || rev == 0 {
                let new_rev = max_rev + 1;
                let updated = self.api.mutate(&res::replicasets(), ns, name(rs), |o| {
                    let ann = &mut o["metadata"]["annotations"];
                    if !ann.is_object() {
                        *ann = json!({});
                    }
                    if rev > 0 {
                        let hist = ann
                            .get(REVISION_HISTORY)
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                        let hist = if hist.is_empty() {
                            rev.to_string()
                        } else {
                            format!("{hist},{rev}")
                        };
                        ann[REVISION_HISTORY] = json!(hist);
                    }
                    ann[REVISION] = json!(new_rev.to_string());
                    for (k, v) in copied_annotations(d) {
                        ann[k] = v;
                    }
                    true
                });
                return updated.ok().flatten().or_else(|| Some(rs.clone()));
            }
            // As the real controller's `SetNewReplicaSetAnnotations` on every sync: an
            // annotation set on the Deployment after its rollout (a change-cause) reaches
            // its current ReplicaSet, so `rollout history` shows it.
            let copied = copied_annotations(d);
            let have = rs.pointer("/metadata/annotations");
            if copied
                .iter()
                .any(|(k, v)| have.and_then(|a| a.get(k)) != Some(v))
            {
                let updated = self.api.mutate(&res::replicasets(), ns, name(rs), |o| {
                    if !o["metadata"]["annotations"].is_object() {
                        o["metadata"]["annotations"] = json!({});
                    }
                    for (k, v) in &copied {
                        o["metadata"]["annotations"][k] = v.clone();
                    }
                    true
                });
                return updated.ok().flatten().or_else(|| Some(rs.clone()));
            }
            return Some(rs.clone());
        }
        if !create {
            return None;
        }
        let collision = d
            .pointer("/status/collisionCount")
            .and_then(Value::as_u64)
            .map(|c| c as u32);
        let hash = template_hash(&template, collision);
        let rs_name = format!("{}-{hash}", name(d));
        let mut rs_template = template.clone();
        rs_template["metadata"]["labels"]["pod-template-hash"] = json!(hash);
        let mut selector = d
            .pointer("/spec/selector")
            .cloned()
            .unwrap_or_else(|| json!({}));
        selector["matchLabels"]["pod-template-hash"] = json!(hash);
        let mut labels = template
            .pointer("/metadata/labels")
            .cloned()
            .unwrap_or_else(|| json!({}));
        labels["pod-template-hash"] = json!(hash);
        let mut ann = copied_annotations(d);
        let replicas = spec_replicas(d);
        let (surge, _) = fenceposts(d.pointer("/spec/strategy/rollingUpdate"), replicas);
        ann.insert(DESIRED.into(), json!(replicas.to_string()));
        ann.insert(MAX.into(), json!((replicas + surge).to_string()));
        ann.insert(REVISION.into(), json!((max_rev + 1).to_string()));
        let mut spec = json!({
            "replicas": initial,
            "selector": selector,
            "template": rs_template,
        });
        if let Some(m) = d.pointer("/spec/minReadySeconds") {
            spec["minReadySeconds"] = m.clone();
        }
        let rs = json!({
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "metadata": {
                "name": rs_name,
                "namespace": ns,
                "labels": labels,
                "annotations": ann,
                "ownerReferences": [owner_ref(d)],
            },
            "spec": spec,
        });
        match self
            .api
            .create(&res::replicasets(), ns, rs, "kube-controller-manager")
        {
            Ok(created) => {
                if initial > 0 {
                    events::record(
                        &self.api,
                        d,
                        None,
                        events::NORMAL,
                        "ScalingReplicaSet",
                        &format!(
                            "Scaled up replica set {} from 0 to {initial}",
                            name(&created)
                        ),
                        &SOURCE,
                    );
                }
                Some(created)
            }
            Err(e) if e.code == 409 => {
                // A hash collision with a different template: bump collisionCount and retry
                // on the next sync, as upstream does.
                let _ = self.api.mutate(&res::deployments(), ns, name(d), |o| {
                    let c = o
                        .pointer("/status/collisionCount")
                        .and_then(Value::as_i64)
                        .unwrap_or(0);
                    o["status"]["collisionCount"] = json!(c + 1);
                    true
                });
                None
            }
            Err(_) => None,
        }
    }
}

impl Controller for DeploymentController {
    fn name(&self) -> &'static str {
        "deployment"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::deployments(), res::replicasets(), res::pods()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::deployments() {
            return vec![Key::new(&ev.namespace, name(&ev.object))];
        }
        if ev.resource == res::replicasets() {
            return controller_key(&ev.object, &ev.namespace, "Deployment");
        }
        // Pods: only their disappearance matters here (Recreate waits for old pods to go).
        if ev.kind == crate::store::EventType::Deleted
            && let Some(r) = controller_ref(&ev.object).filter(|r| r["kind"] == "ReplicaSet")
            && let Some(rs) = self.api.get(
                &res::replicasets(),
                &ev.namespace,
                r["name"].as_str().unwrap_or(""),
            )
            && let Some(d) = controller_ref(&rs).filter(|r| r["kind"] == "Deployment")
        {
            return vec![Key::new(&ev.namespace, d["name"].as_str().unwrap_or(""))];
        }
        Vec::new()
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let d = self
            .api
            .get(&res::deployments(), &key.namespace, &key.name)?;
        if deleting(&d) {
            return None;
        }
        let replicas = spec_replicas(&d).max(0);
        let paused = d
            .pointer("/spec/paused")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let recreate = d.pointer("/spec/strategy/type").and_then(Value::as_str) == Some("Recreate");
        let (surge, max_unavailable) =
            fenceposts(d.pointer("/spec/strategy/rollingUpdate"), replicas);
        let max_total = replicas + if recreate { 0 } else { surge };

        let all = self.owned_replicasets(&d);
        // Replicas the new RS may start with.
        let current_total: i64 = all.iter().map(|r| spec_replicas(r)).sum();
        let initial = if recreate {
            0
        } else {
            (max_total - current_total).clamp(0, replicas)
        };
        let new_rs = self.new_replicaset(&d, &all, !paused, initial);
        let new_uid = new_rs.as_ref().map(|r| uid(r).to_string());
        let all = self.owned_replicasets(&d);
        let new_rs = new_uid
            .as_deref()
            .and_then(|u| all.iter().find(|r| uid(r) == u).cloned());
        let olds: Vec<Obj> = all
            .iter()
            .filter(|r| Some(uid(r)) != new_uid.as_deref())
            .cloned()
            .collect();

        if let Some(nrs) = &new_rs {
            let rev = revision(nrs).to_string();
            let _ = self
                .api
                .mutate(&res::deployments(), &key.namespace, &key.name, |o| {
                    if o.pointer("/metadata/annotations")
                        .and_then(|a| a.get(REVISION))
                        .and_then(Value::as_str)
                        == Some(rev.as_str())
                    {
                        return false;
                    }
                    if !o["metadata"]["annotations"].is_object() {
                        o["metadata"]["annotations"] = json!({});
                    }
                    o["metadata"]["annotations"][REVISION] = json!(rev);
                    true
                });
        }

        if paused || new_rs.is_none() {
            // Paused: only scaling applies. Without a template change in flight, keep the
            // newest RS at the desired size.
            if let Some(nrs) = &new_rs
                && olds.iter().all(|o| spec_replicas(o) == 0)
            {
                self.scale_rs(&d, nrs, replicas, replicas, max_total);
            }
        } else if let Some(nrs) = &new_rs {
            if recreate {
                for o in &olds {
                    if spec_replicas(o) > 0 {
                        self.scale_rs(&d, o, 0, replicas, max_total);
                    }
                }
                if self.active_pods_of(&key.namespace, &olds) == 0 {
                    self.scale_rs(&d, nrs, replicas, replicas, max_total);
                }
            } else {
                self.rolling(&d, nrs, &olds, replicas, max_total, max_unavailable);
            }
        }
        self.cleanup(&d, &olds);
        self.update_status(&d, new_rs.as_ref(), paused, replicas, max_unavailable)
    }
}

impl DeploymentController {
    /// One step of the RollingUpdate math (reference §6.2): scale the new RS up within
    /// maxSurge, then old RSes down within maxUnavailable.
    fn rolling(
        &self,
        d: &Value,
        nrs: &Obj,
        olds: &[Obj],
        replicas: i64,
        max_total: i64,
        max_unavailable: i64,
    ) {
        let all_specs: i64 =
            spec_replicas(nrs) + olds.iter().map(|o| spec_replicas(o)).sum::<i64>();
        let new_spec = spec_replicas(nrs);
        if new_spec > replicas {
            self.scale_rs(d, nrs, replicas, replicas, max_total);
        } else if new_spec < replicas && all_specs < max_total {
            let to = new_spec + (max_total - all_specs).min(replicas - new_spec);
            self.scale_rs(d, nrs, to, replicas, max_total);
        }
        let nrs = self
            .api
            .get(&res::replicasets(), super::api::namespace(nrs), name(nrs))
            .unwrap_or_else(|| nrs.clone());
        let all_specs: i64 =
            spec_replicas(&nrs) + olds.iter().map(|o| spec_replicas(o)).sum::<i64>();
        let min_available = replicas - max_unavailable;
        let new_unavailable = spec_replicas(&nrs) - int(&nrs, "/status/availableReplicas", 0);
        let mut budget = all_specs - min_available - new_unavailable;
        if budget <= 0 {
            return;
        }
        let mut olds: Vec<&Obj> = olds.iter().filter(|o| spec_replicas(o) > 0).collect();
        olds.sort_by_key(|o| {
            o.pointer("/metadata/creationTimestamp")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        });
        // First the unhealthy old replicas...
        let mut cut: BTreeMap<String, i64> = BTreeMap::new();
        for o in &olds {
            if budget <= 0 {
                break;
            }
            let unhealthy = spec_replicas(o) - int(o, "/status/availableReplicas", 0);
            let n = unhealthy.min(budget).max(0);
            if n > 0 {
                cut.insert(name(o).to_string(), n);
                budget -= n;
            }
        }
        // ...then healthy ones, keeping minAvailable.
        let available: i64 = int(&nrs, "/status/availableReplicas", 0)
            + olds
                .iter()
                .map(|o| int(o, "/status/availableReplicas", 0))
                .sum::<i64>();
        let mut healthy_budget = (available - min_available).min(budget).max(0);
        for o in &olds {
            if healthy_budget <= 0 {
                break;
            }
            let left = spec_replicas(o) - cut.get(name(o)).copied().unwrap_or(0);
            let n = left.min(healthy_budget);
            if n > 0 {
                *cut.entry(name(o).to_string()).or_default() += n;
                healthy_budget -= n;
            }
        }
        for o in &olds {
            if let Some(n) = cut.get(name(o)) {
                self.scale_rs(d, o, spec_replicas(o) - n, replicas, max_total);
            }
        }
    }

    /// Deletes the oldest fully scaled-down RSes beyond `revisionHistoryLimit`.
    fn cleanup(&self, d: &Value, olds: &[Obj]) {
        let limit = int(d, "/spec/revisionHistoryLimit", 10).max(0) as usize;
        let mut idle: Vec<&Obj> = olds
            .iter()
            .filter(|o| spec_replicas(o) == 0 && int(o, "/status/replicas", 0) == 0 && !deleting(o))
            .collect();
        if idle.len() <= limit {
            return;
        }
        idle.sort_by_key(|o| revision(o));
        for o in idle.iter().take(idle.len() - limit) {
            let _ = self.api.delete(
                &res::replicasets(),
                super::api::namespace(o),
                name(o),
                &DeleteOptions::default(),
            );
        }
    }

    fn update_status(
        &self,
        d: &Value,
        new_rs: Option<&Obj>,
        paused: bool,
        replicas: i64,
        max_unavailable: i64,
    ) -> Option<Duration> {
        let all = self.owned_replicasets(d);
        let sum = |p: &str| all.iter().map(|r| int(r, p, 0)).sum::<i64>();
        let total = sum("/status/replicas");
        let ready = sum("/status/readyReplicas");
        let available = sum("/status/availableReplicas");
        let spec_total: i64 = all.iter().map(|r| spec_replicas(r)).sum();
        let updated = new_rs
            .and_then(|n| all.iter().find(|r| uid(r) == uid(n)))
            .map(|n| int(n, "/status/replicas", 0))
            .unwrap_or(0);
        let new_available = new_rs
            .and_then(|n| all.iter().find(|r| uid(r) == uid(n)))
            .map(|n| int(n, "/status/availableReplicas", 0))
            .unwrap_or(0);
        let unavailable = (spec_total - available).max(0);
        let now = now_rfc3339();
        let generation = int(d, "/metadata/generation", 1);
        let new_name = new_rs.map(|r| name(r).to_string()).unwrap_or_default();
        let complete = updated == replicas
            && available == replicas
            && total == replicas
            && new_available == replicas;
        let deadline = int(d, "/spec/progressDeadlineSeconds", 600);
        let prev = d
            .pointer("/status/conditions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let prev_cond = |t: &str| prev.iter().find(|c| c["type"] == t).cloned();

        let (avail_status, avail_reason, avail_msg) = if available >= replicas - max_unavailable {
            (
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability.",
            )
        } else {
            (
                "False",
                "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.",
            )
        };
        let prev_prog = prev_cond("Progressing");
        let prev_reason = prev_prog
            .as_ref()
            .and_then(|c| c["reason"].as_str())
            .unwrap_or("")
            .to_string();
        let created_now = new_rs.is_some_and(|r| {
            r.pointer("/status/observedGeneration").is_none() && prev_reason != "ReplicaSetUpdated"
        });
        // Whether anything moved since the last status (progress resets the deadline).
        let old_status = d.get("status").cloned().unwrap_or_default();
        let progressed = int(&old_status, "/updatedReplicas", 0) != updated
            || int(&old_status, "/availableReplicas", 0) != available
            || int(&old_status, "/readyReplicas", 0) != ready
            || int(&old_status, "/replicas", 0) != total
            || prev_prog.is_none();
        let mut requeue = None;
        let (prog_status, prog_reason, prog_msg) = if paused {
            (
                "Unknown",
                "DeploymentPaused",
                "Deployment is paused".to_string(),
            )
        } else if prev_reason == "DeploymentPaused" {
            (
                "Unknown",
                "DeploymentResumed",
                "Deployment is resumed".to_string(),
            )
        } else if complete {
            (
                "True",
                "NewReplicaSetAvailable",
                format!("ReplicaSet \"{new_name}\" has successfully progressed."),
            )
        } else if prev_reason == "ProgressDeadlineExceeded" && !progressed {
            (
                "False",
                "ProgressDeadlineExceeded",
                format!("ReplicaSet \"{new_name}\" has timed out progressing."),
            )
        } else {
            let last_update = prev_prog
                .as_ref()
                .and_then(|c| c["lastUpdateTime"].as_str())
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&chrono::Utc));
            let elapsed = last_update.map(crate::clock::sim_secs_since).unwrap_or(0);
            if !progressed && elapsed >= deadline && !prev_reason.is_empty() {
                events::record(
                    &self.api,
                    d,
                    None,
                    events::WARNING,
                    "ProgressDeadlineExceeded",
                    &format!("ReplicaSet \"{new_name}\" has timed out progressing."),
                    &SOURCE,
                );
                (
                    "False",
                    "ProgressDeadlineExceeded",
                    format!("ReplicaSet \"{new_name}\" has timed out progressing."),
                )
            } else {
                let remaining = if progressed {
                    deadline
                } else {
                    (deadline - elapsed).max(1)
                };
                requeue = Some(crate::clock::scaled(Duration::from_secs(remaining as u64)));
                if created_now && prev_reason.is_empty() {
                    (
                        "True",
                        "NewReplicaSetCreated",
                        format!("Created new replica set \"{new_name}\""),
                    )
                } else if prev_reason.is_empty() {
                    (
                        "True",
                        "FoundNewReplicaSet",
                        format!("Found new replica set \"{new_name}\""),
                    )
                } else {
                    (
                        "True",
                        "ReplicaSetUpdated",
                        format!("ReplicaSet \"{new_name}\" is progressing."),
                    )
                }
            }
        };
        let cond = |t: &str, status: &str, reason: &str, msg: &str, touch: bool| {
            let p = prev_cond(t);
            let same_status = p.as_ref().is_some_and(|c| c["status"] == status);
            let transition = if same_status {
                p.as_ref()
                    .map(|c| c["lastTransitionTime"].clone())
                    .unwrap_or(json!(now))
            } else {
                json!(now)
            };
            let same = p.as_ref().is_some_and(|c| {
                c["status"] == status && c["reason"] == reason && c["message"] == msg
            });
            let update = if same && !touch {
                p.as_ref()
                    .map(|c| c["lastUpdateTime"].clone())
                    .unwrap_or(json!(now))
            } else {
                json!(now)
            };
            json!({"type": t, "status": status, "lastUpdateTime": update, "lastTransitionTime": transition, "reason": reason, "message": msg})
        };
        let conditions = vec![
            cond("Available", avail_status, avail_reason, avail_msg, false),
            cond(
                "Progressing",
                prog_status,
                prog_reason,
                &prog_msg,
                progressed && prog_reason == "ReplicaSetUpdated",
            ),
        ];
        let _ = self.api.mutate(
            &res::deployments(),
            super::api::namespace(d),
            name(d),
            |o| {
                let mut st = json!({
                    "observedGeneration": generation,
                    "replicas": total,
                    "updatedReplicas": updated,
                    "readyReplicas": ready,
                    "availableReplicas": available,
                    "conditions": conditions.clone(),
                });
                for k in [
                    "replicas",
                    "updatedReplicas",
                    "readyReplicas",
                    "availableReplicas",
                ] {
                    if st[k] == 0 {
                        st.as_object_mut().map(|m| m.remove(k));
                    }
                }
                if unavailable > 0 {
                    st["unavailableReplicas"] = json!(unavailable);
                }
                if let Some(c) = o.pointer("/status/collisionCount") {
                    st["collisionCount"] = c.clone();
                }
                if o.get("status") == Some(&st) {
                    return false;
                }
                o["status"] = st;
                true
            },
        );
        requeue
    }
}
