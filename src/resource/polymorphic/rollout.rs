//! kubectl's rollout helpers, pure: the status viewers (`rollout status`), the templates of
//! a workload's revisions (`rollout history`) and the choice and checks of a rollback
//! (`rollout undo`) — for Deployments (their ReplicaSets) and DaemonSets/StatefulSets
//! (their ControllerRevisions).

use serde_json::{Map, Value, json};

use super::{Workload, group_version_kind, revision};
use crate::patch::{self, PatchType, Schema};

/// kubectl's `pod-template-hash` label, which a Deployment's ReplicaSets add.
pub const TEMPLATE_HASH: &str = "pod-template-hash";
/// The annotation `rollout history` shows as CHANGE-CAUSE.
pub const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// `Kind.group` (`Pod`, `ReplicaSet.apps`): Go's `schema.GroupKind.String()`.
pub fn group_kind(obj: &Value) -> String {
    let (group, _, kind) = group_version_kind(obj);
    if group.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}.{group}")
    }
}

/// kubectl's error for a kind without a history viewer or rollbacker (`what`: `history`,
/// `rollbacker`): `no history viewer has been implemented for "ReplicaSet.apps"` for the
/// workload kinds its visitor knows, `error retrieving history for "ConfigMap", no visitor
/// method exists for { ConfigMap}` for the rest.
pub fn not_implemented(obj: &Value, what: &str) -> String {
    let gk = group_kind(obj);
    if Workload::of(obj).is_some() {
        let viewer = if what == "history" {
            "history viewer"
        } else {
            what
        };
        return format!("no {viewer} has been implemented for {gk:?}");
    }
    let (group, _, kind) = group_version_kind(obj);
    format!("error retrieving {what} for {gk:?}, no visitor method exists for {{{group} {kind}}}")
}

/// One status of a rollout: the line kubectl prints (with its `\n`) and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The line, `\n` included.
    pub message: String,
    /// The rollout is complete.
    pub done: bool,
}

fn int(obj: &Value, ptr: &str) -> i64 {
    obj.pointer(ptr).and_then(Value::as_i64).unwrap_or(0)
}

fn text<'a>(obj: &'a Value, ptr: &str) -> &'a str {
    obj.pointer(ptr).and_then(Value::as_str).unwrap_or("")
}

fn waiting(message: String) -> Result<Status, String> {
    Ok(Status {
        message,
        done: false,
    })
}

fn done(message: String) -> Result<Status, String> {
    Ok(Status {
        message,
        done: true,
    })
}

/// kubectl's `StatusViewer.Status` for the object's kind: the progress line, or kubectl's
/// error (an exceeded progress deadline, a pinned `revision` that is not the running one,
/// a strategy other than RollingUpdate, a kind without a viewer).
pub fn status(obj: &Value, pinned_revision: i64) -> Result<Status, String> {
    let name = text(obj, "/metadata/name");
    let generation = int(obj, "/metadata/generation");
    let observed = int(obj, "/status/observedGeneration");
    let spec_replicas = obj.pointer("/spec/replicas").and_then(Value::as_i64);
    match Workload::of(obj) {
        Some(Workload::Deployment) => {
            if pinned_revision > 0 {
                let running = revision(obj).ok_or_else(|| {
                    format!("cannot get the revision of deployment {name:?}: invalid revision")
                })?;
                if running != pinned_revision {
                    return Err(format!(
                        "desired revision ({pinned_revision}) is different from the running revision ({running})"
                    ));
                }
            }
            if generation > observed {
                return waiting("Waiting for deployment spec update to be observed...\n".into());
            }
            let timed_out = obj
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|c| c.get("type").and_then(Value::as_str) == Some("Progressing"))
                .is_some_and(|c| {
                    c.get("reason").and_then(Value::as_str) == Some("ProgressDeadlineExceeded")
                });
            if timed_out {
                return Err(format!(
                    "deployment {name:?} exceeded its progress deadline"
                ));
            }
            let updated = int(obj, "/status/updatedReplicas");
            let replicas = int(obj, "/status/replicas");
            let available = int(obj, "/status/availableReplicas");
            if let Some(want) = spec_replicas
                && updated < want
            {
                return waiting(format!(
                    "Waiting for deployment {name:?} rollout to finish: {updated} out of {want} new replicas have been updated...\n"
                ));
            }
            if replicas > updated {
                return waiting(format!(
                    "Waiting for deployment {name:?} rollout to finish: {} old replicas are pending termination...\n",
                    replicas - updated
                ));
            }
            if available < updated {
                return waiting(format!(
                    "Waiting for deployment {name:?} rollout to finish: {available} of {updated} updated replicas are available...\n"
                ));
            }
            done(format!("deployment {name:?} successfully rolled out\n"))
        }
        Some(Workload::DaemonSet) => {
            if text(obj, "/spec/updateStrategy/type") != "RollingUpdate" {
                return Err(
                    "rollout status is only available for RollingUpdate strategy type".into(),
                );
            }
            if generation > observed {
                return waiting("Waiting for daemon set spec update to be observed...\n".into());
            }
            let desired = int(obj, "/status/desiredNumberScheduled");
            let updated = int(obj, "/status/updatedNumberScheduled");
            let available = int(obj, "/status/numberAvailable");
            if updated < desired {
                return waiting(format!(
                    "Waiting for daemon set {name:?} rollout to finish: {updated} out of {desired} new pods have been updated...\n"
                ));
            }
            if available < desired {
                return waiting(format!(
                    "Waiting for daemon set {name:?} rollout to finish: {available} of {desired} updated pods are available...\n"
                ));
            }
            done(format!("daemon set {name:?} successfully rolled out\n"))
        }
        Some(Workload::StatefulSet) => {
            if text(obj, "/spec/updateStrategy/type") != "RollingUpdate" {
                return Err(
                    "rollout status is only available for RollingUpdate strategy type".into(),
                );
            }
            if observed == 0 || generation > observed {
                return waiting("Waiting for statefulset spec update to be observed...\n".into());
            }
            let ready = int(obj, "/status/readyReplicas");
            if let Some(want) = spec_replicas
                && ready < want
            {
                return waiting(format!(
                    "Waiting for {} pods to be ready...\n",
                    want - ready
                ));
            }
            let updated = int(obj, "/status/updatedReplicas");
            if let Some(rolling) = obj
                .pointer("/spec/updateStrategy/rollingUpdate")
                .filter(|r| !r.is_null())
            {
                if let (Some(want), Some(partition)) = (
                    spec_replicas,
                    rolling.get("partition").and_then(Value::as_i64),
                ) && updated < want - partition
                {
                    return waiting(format!(
                        "Waiting for partitioned roll out to finish: {updated} out of {} new pods have been updated...\n",
                        want - partition
                    ));
                }
                return done(format!(
                    "partitioned roll out complete: {updated} new pods have been updated...\n"
                ));
            }
            let update_rev = text(obj, "/status/updateRevision");
            let current_rev = text(obj, "/status/currentRevision");
            if update_rev != current_rev {
                return waiting(format!(
                    "waiting for statefulset rolling update to complete {updated} pods at revision {update_rev}...\n"
                ));
            }
            done(format!(
                "statefulset rolling update complete {} pods at revision {current_rev}...\n",
                int(obj, "/status/currentReplicas")
            ))
        }
        _ => Err(format!(
            "no status viewer has been implemented for {}",
            group_kind(obj)
        )),
    }
}

/// A ControllerRevision's `data` applied to its workload, as kubectl's
/// `applyDaemonSetHistory`/`applyRevision` do (a strategic merge patch; its template
/// carries `$patch: replace`): the workload as it was at that revision.
pub fn apply_revision(obj: &Value, controller_revision: &Value) -> Result<Value, String> {
    let (group, version, kind) = group_version_kind(obj);
    let api_version = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    let data = controller_revision.get("data").unwrap_or(&Value::Null);
    patch::apply(
        Schema::builtin(&api_version, kind),
        PatchType::Strategic,
        obj,
        data,
    )
    .map_err(|e| e.to_string())
}

/// A revision's pod template for `rollout history --revision`: a ReplicaSet's template with
/// its change-cause added to the template's annotations (kubectl shows it there), or a
/// ControllerRevision's template applied to the workload.
pub fn revision_template(obj: &Value, entry: &Value) -> Result<Value, String> {
    if Workload::of(obj) == Some(Workload::Deployment) {
        let mut tpl = entry
            .pointer("/spec/template")
            .cloned()
            .unwrap_or(Value::Null);
        let cause = text(
            entry,
            &format!("/metadata/annotations/{}", escape(CHANGE_CAUSE)),
        );
        if !cause.is_empty() {
            let meta = object_at(&mut tpl, "metadata");
            object_at(meta, "annotations")
                .as_object_mut()
                .expect("an object")
                .insert(CHANGE_CAUSE.into(), json!(cause));
        }
        return Ok(tpl);
    }
    let applied = apply_revision(obj, entry)?;
    Ok(applied
        .pointer("/spec/template")
        .cloned()
        .unwrap_or(Value::Null))
}

/// A history entry's change-cause (`<none>` when it has none): the ReplicaSet's or
/// ControllerRevision's own annotation.
pub fn change_cause(entry: &Value) -> String {
    let cause = text(
        entry,
        &format!("/metadata/annotations/{}", escape(CHANGE_CAUSE)),
    );
    if cause.is_empty() {
        "<none>".into()
    } else {
        cause.to_string()
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn object_at<'a>(v: &'a mut Value, key: &str) -> &'a mut Value {
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    let map = v.as_object_mut().expect("an object");
    let slot = map.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot
}

/// kubectl's `unable to find specified revision N in history`.
pub fn revision_not_found(revision: i64) -> String {
    format!("unable to find specified revision {revision} in history")
}

/// The history entry to roll back to: revision `to` (0: the one before the newest), with
/// kubectl's errors. `history` is sorted by revision, oldest first.
pub fn rollback_target<'a>(
    obj: &Value,
    history: &'a [(i64, Value)],
    to: i64,
) -> Result<&'a (i64, Value), String> {
    if to < 0 {
        return Err(revision_not_found(to));
    }
    let deployment = Workload::of(obj) == Some(Workload::Deployment);
    if to > 0 {
        return history
            .iter()
            .rev()
            .find(|(r, _)| *r == to)
            .ok_or_else(|| revision_not_found(to));
    }
    if history.len() <= 1 {
        return Err(if deployment {
            format!(
                "no rollout history found for deployment {:?}",
                text(obj, "/metadata/name")
            )
        } else {
            "no last revision to roll back to".into()
        });
    }
    Ok(&history[history.len() - 2])
}

/// A pod template without the `pod-template-hash` label (and without the empty parts Go's
/// typed objects leave out), for comparing templates as kubectl's `equalIgnoreHash` does.
pub fn without_hash(template: Option<&Value>) -> Value {
    let mut t = template.cloned().unwrap_or(Value::Null);
    if let Some(labels) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove(TEMPLATE_HASH);
    }
    semantic(&mut t);
    t
}

/// Drop what Go's semantic equality cannot tell from absent: nulls and empty maps/lists
/// (`creationTimestamp: null`, `labels: {}`).
fn semantic(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for x in m.values_mut() {
                semantic(x);
            }
            m.retain(|_, x| match x {
                Value::Null => false,
                Value::Object(o) => !o.is_empty(),
                Value::Array(a) => !a.is_empty(),
                _ => true,
            });
        }
        Value::Array(a) => a.iter_mut().for_each(semantic),
        _ => {}
    }
}

/// Annotations a Deployment keeps as its own through a rollback (kubectl's
/// `annotationsToSkip`).
const KEEP_ON_ROLLBACK: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    "deployment.kubernetes.io/revision",
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
];

/// kubectl's Deployment rollback patch (a JSON patch): the ReplicaSet's template without
/// its hash label, and the Deployment's annotations — its own of [`KEEP_ON_ROLLBACK`], the
/// ReplicaSet's for every other key.
pub fn deployment_rollback_patch(deployment: &Value, replica_set: &Value) -> Value {
    let mut template = replica_set
        .pointer("/spec/template")
        .cloned()
        .unwrap_or(Value::Null);
    if let Some(labels) = template
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove(TEMPLATE_HASH);
    }
    let mut annotations = Map::new();
    let own = deployment.pointer("/metadata/annotations");
    for k in KEEP_ON_ROLLBACK {
        if let Some(v) = own.and_then(|a| a.get(*k)) {
            annotations.insert((*k).to_string(), v.clone());
        }
    }
    if let Some(rs) = replica_set
        .pointer("/metadata/annotations")
        .and_then(Value::as_object)
    {
        for (k, v) in rs {
            if !KEEP_ON_ROLLBACK.contains(&k.as_str()) {
                annotations.insert(k.clone(), v.clone());
            }
        }
    }
    json!([
        {"op": "replace", "path": "/spec/template", "value": template},
        {"op": "replace", "path": "/metadata/annotations", "value": annotations},
    ])
}

/// kubectl's `daemonSetMatch`/`statefulsetMatch`: the workload's template, as a
/// ControllerRevision would record it, equals the revision's.
pub fn matches_revision(obj: &Value, controller_revision: &Value) -> bool {
    let mut tpl = obj
        .pointer("/spec/template")
        .cloned()
        .unwrap_or(Value::Null);
    semantic(&mut tpl);
    let mut theirs = controller_revision
        .pointer("/data/spec/template")
        .cloned()
        .unwrap_or(Value::Null);
    if let Some(m) = theirs.as_object_mut() {
        m.remove("$patch");
    }
    semantic(&mut theirs);
    tpl == theirs
}

#[cfg(test)]
#[path = "rollout_tests.rs"]
mod tests;
