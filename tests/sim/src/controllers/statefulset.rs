//! StatefulSet controller (kubernetes `pkg/controller/statefulset`): stable pods
//! `<set>-<ordinal>` with `hostname`/`subdomain`, one PVC `<claim>-<pod>` per
//! `volumeClaimTemplates` entry, OrderedReady (one pod at a time, each waiting for its
//! predecessors to be Running and Ready) or Parallel pod management, a ControllerRevision per
//! template (what `kubectl rollout history|undo sts` read), RollingUpdate from the highest
//! ordinal down to `partition`, OnDelete, `ordinals.start`, `persistentVolumeClaimRetentionPolicy` (claims
//! owned by the set or, when scaled away, by their pod, for the garbage collector), and the
//! status `kubectl rollout status` waits on.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use super::api::{Api, controlled_by, controller_ref, deleting, int, name, owner_ref, res, uid};
use super::events::{self, NORMAL, Source, WARNING};
use super::naming::template_hash;
use super::replicaset::{is_available, is_ready};
use super::{Controller, Key};
use crate::store::{DeleteOptions, Event, ResourceKey};

const SOURCE: Source = Source {
    component: "statefulset-controller",
    host: None,
};

const MANAGER: &str = "kube-controller-manager";

/// The pod label naming the ControllerRevision a pod was made from (the full CR name).
const REVISION_LABEL: &str = "controller-revision-hash";

/// The StatefulSet controller.
pub struct StatefulSetController {
    api: Api,
}

impl StatefulSetController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        StatefulSetController { api }
    }

    /// The ControllerRevision of the set's current template, created if missing (or
    /// renumbered to the newest revision when the template went back to an old one, as
    /// `rollout undo` does). Returns every revision owned by the set and the update one's name.
    fn update_revision(&self, sts: &Value) -> (Vec<Arc<Value>>, String) {
        let ns = super::api::namespace(sts);
        let suid = uid(sts).to_string();
        let revs: Vec<_> = self
            .api
            .list(&res::controllerrevisions(), Some(ns))
            .into_iter()
            .filter(|r| controlled_by(r, &suid))
            .collect();
        let template = sts.pointer("/spec/template").cloned().unwrap_or_default();
        // The set's status always carries collisionCount (0 at first): hash it from the
        // start so the first revision's name does not change once status is written.
        let collision = int(sts, "/status/collisionCount", 0).max(0) as u32;
        let hash = template_hash(&template, Some(collision));
        let cr_name = format!("{}-{hash}", name(sts));
        let max = revs
            .iter()
            .map(|r| int(r, "/revision", 0))
            .max()
            .unwrap_or(0);
        if let Some(r) = revs.iter().find(|r| name(r) == cr_name) {
            if int(r, "/revision", 0) < max {
                let _ = self
                    .api
                    .mutate(&res::controllerrevisions(), ns, &cr_name, |o| {
                        o["revision"] = json!(max + 1);
                        true
                    });
            }
            let revs = self.owned_revisions(ns, &suid);
            return (revs, cr_name);
        }
        // Labels: the selector's (so `kubectl rollout history` finds them) plus the hash.
        let mut labels = template
            .pointer("/metadata/labels")
            .cloned()
            .unwrap_or_else(|| json!({}));
        labels["controller.kubernetes.io/hash"] = json!(hash);
        let mut patch_template = template;
        patch_template["$patch"] = json!("replace");
        let cr = json!({
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": {"name": cr_name, "namespace": ns, "labels": labels,
                         "ownerReferences": [owner_ref(sts)]},
            "data": {"spec": {"template": patch_template}},
            "revision": max + 1,
        });
        let _ = self
            .api
            .create(&res::controllerrevisions(), ns, cr, MANAGER);
        (self.owned_revisions(ns, &suid), cr_name)
    }

    fn owned_revisions(&self, ns: &str, suid: &str) -> Vec<Arc<Value>> {
        self.api
            .list(&res::controllerrevisions(), Some(ns))
            .into_iter()
            .filter(|r| controlled_by(r, suid))
            .collect()
    }

    /// Creates the claims of `pod_name` that do not exist yet; false if one failed.
    fn create_claims(&self, sts: &Value, pod_name: &str) -> bool {
        let ns = super::api::namespace(sts);
        let Some(templates) = sts
            .pointer("/spec/volumeClaimTemplates")
            .and_then(Value::as_array)
        else {
            return true;
        };
        for t in templates {
            let claim = t
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let pvc_name = format!("{claim}-{pod_name}");
            let pvcs = res::persistentvolumeclaims();
            if self.api.get(&pvcs, ns, &pvc_name).is_some() {
                continue;
            }
            let mut meta = t.get("metadata").cloned().unwrap_or_else(|| json!({}));
            meta["name"] = json!(pvc_name);
            meta["namespace"] = json!(ns);
            if retention(sts, "whenDeleted") == "Delete" {
                // The garbage collector deletes the claim with the set.
                meta["ownerReferences"] = json!([owner_ref(sts)]);
            }
            if let Some(sel) = sts
                .pointer("/spec/selector/matchLabels")
                .and_then(Value::as_object)
            {
                for (k, v) in sel {
                    meta["labels"][k] = v.clone();
                }
            }
            let pvc = json!({
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": meta,
                "spec": t.get("spec").cloned().unwrap_or_else(|| json!({})),
            });
            let sts_name = name(sts);
            match self.api.create(&pvcs, ns, pvc, MANAGER) {
                Ok(_) => {
                    // No volume provisioner runs: claims bind at once, as with a default
                    // StorageClass in a kind cluster.
                    let _ = self.api.mutate(&pvcs, ns, &pvc_name, |o| {
                        let modes = o.pointer("/spec/accessModes").cloned();
                        let size = o.pointer("/spec/resources/requests/storage").cloned();
                        o["status"] = json!({"phase": "Bound"});
                        if let Some(m) = modes {
                            o["status"]["accessModes"] = m;
                        }
                        if let Some(s) = size {
                            o["status"]["capacity"] = json!({"storage": s});
                        }
                        true
                    });
                    events::record(
                        &self.api,
                        sts,
                        None,
                        NORMAL,
                        "SuccessfulCreate",
                        &format!(
                            "create Claim {pvc_name} Pod {pod_name} in StatefulSet {sts_name} success"
                        ),
                        &SOURCE,
                    );
                }
                Err(e) => {
                    events::record(
                        &self.api,
                        sts,
                        None,
                        WARNING,
                        "FailedCreate",
                        &format!(
                            "create Claim {pvc_name} for Pod {pod_name} in StatefulSet {sts_name} failed error: {}",
                            e.message
                        ),
                        &SOURCE,
                    );
                    return false;
                }
            }
        }
        true
    }

    /// Creates pod `ordinal` from `template` (revision `rev`); false if it failed.
    fn create_pod(&self, sts: &Value, ordinal: i64, template: &Value, rev: &str) -> bool {
        let ns = super::api::namespace(sts);
        let sts_name = name(sts);
        let pod_name = format!("{sts_name}-{ordinal}");
        if !self.create_claims(sts, &pod_name) {
            return false;
        }
        let pod = pod_for(sts, ordinal, template, rev);
        match self.api.create(&res::pods(), ns, pod, MANAGER) {
            Ok(_) => {
                events::record(
                    &self.api,
                    sts,
                    None,
                    NORMAL,
                    "SuccessfulCreate",
                    &format!("create Pod {pod_name} in StatefulSet {sts_name} successful"),
                    &SOURCE,
                );
                true
            }
            Err(e) => {
                events::record(
                    &self.api,
                    sts,
                    None,
                    WARNING,
                    "FailedCreate",
                    &format!(
                        "create Pod {pod_name} in StatefulSet {sts_name} failed error: {}",
                        e.message
                    ),
                    &SOURCE,
                );
                false
            }
        }
    }

    /// With `persistentVolumeClaimRetentionPolicy.whenScaled: Delete`, a pod removed by a
    /// scale-down takes its claims with it: they become owned by the pod instead of the set.
    fn condemn_claims(&self, sts: &Value, pod: &Value) {
        if retention(sts, "whenScaled") != "Delete" {
            return;
        }
        let ns = super::api::namespace(sts);
        let set_uid = uid(sts).to_string();
        let pod_ref = json!({"apiVersion": "v1", "kind": "Pod", "name": name(pod),
                             "uid": uid(pod), "controller": true, "blockOwnerDeletion": true});
        for t in sts
            .pointer("/spec/volumeClaimTemplates")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let claim = t
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let pvc_name = format!("{claim}-{}", name(pod));
            let _ = self
                .api
                .mutate(&res::persistentvolumeclaims(), ns, &pvc_name, |o| {
                    let mut refs = o["metadata"]["ownerReferences"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    if refs.iter().any(|r| r["uid"] == pod_ref["uid"]) {
                        return false;
                    }
                    refs.retain(|r| r["uid"] != set_uid.as_str());
                    refs.push(pod_ref.clone());
                    o["metadata"]["ownerReferences"] = json!(refs);
                    true
                });
        }
    }

    fn delete_pod(&self, sts: &Value, pod: &Value) {
        let ns = super::api::namespace(sts);
        if self
            .api
            .delete(&res::pods(), ns, name(pod), &DeleteOptions::default())
            .is_ok()
        {
            events::record(
                &self.api,
                sts,
                None,
                NORMAL,
                "SuccessfulDelete",
                &format!(
                    "delete Pod {} in StatefulSet {} successful",
                    name(pod),
                    name(sts)
                ),
                &SOURCE,
            );
        }
    }
}

/// `spec.persistentVolumeClaimRetentionPolicy.<field>`: `Retain` (the default) or `Delete`.
fn retention<'a>(sts: &'a Value, field: &str) -> &'a str {
    sts.pointer(&format!(
        "/spec/persistentVolumeClaimRetentionPolicy/{field}"
    ))
    .and_then(Value::as_str)
    .unwrap_or("Retain")
}

/// The ordinal of a pod named `<set>-<n>`.
fn ordinal_of(set: &str, pod: &str) -> Option<i64> {
    let n = pod.strip_prefix(set)?.strip_prefix('-')?;
    if n.is_empty() || (n.len() > 1 && n.starts_with('0')) {
        return None;
    }
    n.parse().ok()
}

/// Pod `ordinal` of `sts` from `template`, labelled with revision `rev`.
fn pod_for(sts: &Value, ordinal: i64, template: &Value, rev: &str) -> Value {
    let ns = super::api::namespace(sts);
    let pod_name = format!("{}-{ordinal}", name(sts));
    let mut meta = template
        .get("metadata")
        .cloned()
        .unwrap_or_else(|| json!({}));
    if let Some(m) = meta.as_object_mut() {
        m.remove("creationTimestamp");
        m.remove("generateName");
    }
    meta["name"] = json!(pod_name);
    meta["namespace"] = json!(ns);
    meta["labels"][REVISION_LABEL] = json!(rev);
    meta["labels"]["statefulset.kubernetes.io/pod-name"] = json!(pod_name);
    meta["labels"]["apps.kubernetes.io/pod-index"] = json!(ordinal.to_string());
    meta["ownerReferences"] = json!([owner_ref(sts)]);
    let mut spec = template.get("spec").cloned().unwrap_or_else(|| json!({}));
    spec["hostname"] = json!(pod_name);
    if let Some(svc) = sts.pointer("/spec/serviceName").and_then(Value::as_str)
        && !svc.is_empty()
    {
        spec["subdomain"] = json!(svc);
    }
    if let Some(templates) = sts
        .pointer("/spec/volumeClaimTemplates")
        .and_then(Value::as_array)
    {
        let mut volumes = spec["volumes"].as_array().cloned().unwrap_or_default();
        for t in templates {
            let claim = t
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("");
            // A claim template replaces a pod volume of the same name.
            volumes.retain(|v| v["name"] != claim);
            volumes.push(json!({
                "name": claim,
                "persistentVolumeClaim": {"claimName": format!("{claim}-{pod_name}")},
            }));
        }
        spec["volumes"] = json!(volumes);
    }
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec})
}

/// The pod template stored in revision `rev` (None if it is gone).
fn revision_template(revs: &[Arc<Value>], rev: &str) -> Option<Value> {
    let r = revs.iter().find(|r| name(r) == rev)?;
    let mut t = r.pointer("/data/spec/template")?.clone();
    if let Some(o) = t.as_object_mut() {
        o.remove("$patch");
    }
    Some(t)
}

fn pod_revision(p: &Value) -> &str {
    p.pointer("/metadata/labels/controller-revision-hash")
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn running_and_ready(p: &Value) -> bool {
    p.pointer("/status/phase").and_then(Value::as_str) == Some("Running") && is_ready(p)
}

impl Controller for StatefulSetController {
    fn name(&self) -> &'static str {
        "statefulset"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::statefulsets(), res::pods()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::statefulsets() {
            return vec![Key::new(&ev.namespace, name(&ev.object))];
        }
        let mut keys = Vec::new();
        for o in [Some(&ev.object), ev.old.as_ref()].into_iter().flatten() {
            if let Some(r) = controller_ref(o)
                && r["kind"] == "StatefulSet"
                && let Some(n) = r["name"].as_str()
                && !keys.iter().any(|k: &Key| k.name == n)
            {
                keys.push(Key::new(&ev.namespace, n));
            }
        }
        keys
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let sts = self
            .api
            .get(&res::statefulsets(), &key.namespace, &key.name)?;
        if deleting(&sts) {
            return None;
        }
        let ns = key.namespace.as_str();
        let suid = uid(&sts).to_string();
        let (revs, update_rev) = self.update_revision(&sts);
        let current_rev = sts
            .pointer("/status/currentRevision")
            .and_then(Value::as_str)
            .filter(|r| revs.iter().any(|x| name(x) == *r))
            .unwrap_or(&update_rev)
            .to_string();
        let update_template = sts.pointer("/spec/template").cloned().unwrap_or_default();
        let current_template =
            revision_template(&revs, &current_rev).unwrap_or_else(|| update_template.clone());
        let want = int(&sts, "/spec/replicas", 1).max(0);
        // `spec.ordinals.start` shifts the ordinals; partition counts from it.
        let start = int(&sts, "/spec/ordinals/start", 0).max(0);
        let end = start + want;
        let parallel = sts
            .pointer("/spec/podManagementPolicy")
            .and_then(Value::as_str)
            == Some("Parallel");
        let strategy = sts
            .pointer("/spec/updateStrategy/type")
            .and_then(Value::as_str)
            .unwrap_or("RollingUpdate");
        let partition = int(&sts, "/spec/updateStrategy/rollingUpdate/partition", 0).max(0);
        let min_ready = int(&sts, "/spec/minReadySeconds", 0);

        let mut by_ordinal: BTreeMap<i64, Arc<Value>> = BTreeMap::new();
        for p in self.api.list(&res::pods(), Some(ns)) {
            if controlled_by(&p, &suid)
                && let Some(o) = ordinal_of(&key.name, name(&p))
            {
                by_ordinal.insert(o, p);
            }
        }

        // Replace failed/succeeded pods (a stateful pod must keep running under its name).
        for p in by_ordinal.values() {
            let phase = p.pointer("/status/phase").and_then(Value::as_str);
            if !deleting(p) && matches!(phase, Some("Failed") | Some("Succeeded")) {
                self.delete_pod(&sts, p);
            }
        }

        // Create missing replicas, lowest ordinal first; OrderedReady stops at the first pod
        // that is not Running and Ready.
        let mut blocked = false;
        for ordinal in start..end {
            match by_ordinal.get(&ordinal) {
                None => {
                    // Below the partition a (re)created pod keeps the current revision.
                    let (tmpl, rev) = if strategy == "RollingUpdate" && ordinal < start + partition
                    {
                        (&current_template, current_rev.as_str())
                    } else {
                        (&update_template, update_rev.as_str())
                    };
                    let ok = self.create_pod(&sts, ordinal, tmpl, rev);
                    if !parallel {
                        blocked = true;
                        break;
                    }
                    blocked |= !ok;
                }
                Some(p) if !parallel && (deleting(p) || !running_and_ready(p)) => {
                    blocked = true;
                    break;
                }
                Some(_) => {}
            }
        }

        // Scale down from the highest ordinal; OrderedReady one at a time, after every
        // lower pod is Running and Ready.
        let condemned: Vec<&Arc<Value>> = by_ordinal
            .range(end..)
            .rev()
            .chain(by_ordinal.range(..start).rev())
            .map(|(_, p)| p)
            .filter(|p| !deleting(p))
            .collect();
        if !condemned.is_empty() {
            if parallel {
                for p in condemned {
                    self.condemn_claims(&sts, p);
                    self.delete_pod(&sts, p);
                }
            } else if !blocked && !by_ordinal.values().any(|p| deleting(p)) {
                self.condemn_claims(&sts, condemned[0]);
                self.delete_pod(&sts, condemned[0]);
                blocked = true;
            }
        }

        // RollingUpdate: once every replica is there and ready, replace the highest-ordinal
        // pod at or above the partition that is not on the update revision.
        if strategy == "RollingUpdate" && !blocked {
            let in_range: Vec<&Arc<Value>> = by_ordinal.range(start..end).map(|(_, p)| p).collect();
            let settled = in_range.len() as i64 == want
                && in_range
                    .iter()
                    .all(|p| !deleting(p) && running_and_ready(p));
            if settled
                && let Some(p) = by_ordinal
                    .range(start + partition.min(want)..end)
                    .rev()
                    .map(|(_, p)| p)
                    .find(|p| pod_revision(p) != update_rev)
            {
                self.delete_pod(&sts, p);
            }
        }

        // Status from a fresh look at the pods.
        let pods: Vec<Arc<Value>> = self
            .api
            .list(&res::pods(), Some(ns))
            .into_iter()
            .filter(|p| controlled_by(p, &suid) && ordinal_of(&key.name, name(p)).is_some())
            .collect();
        let live: Vec<&Arc<Value>> = pods.iter().filter(|p| !deleting(p)).collect();
        let replicas = live.len() as i64;
        let ready = live.iter().filter(|p| is_ready(p)).count() as i64;
        let available = live.iter().filter(|p| is_available(p, min_ready)).count() as i64;
        let updated = live
            .iter()
            .filter(|p| pod_revision(p) == update_rev)
            .count() as i64;
        let mut current = live
            .iter()
            .filter(|p| pod_revision(p) == current_rev)
            .count() as i64;
        // The update is complete when every wanted replica runs the update revision and is
        // ready: the update revision becomes the current one.
        let mut new_current = current_rev.clone();
        if updated == want && ready == want && replicas == want {
            new_current = update_rev.clone();
            current = updated;
        }
        let generation = int(&sts, "/metadata/generation", 1);
        let collision = int(&sts, "/status/collisionCount", 0);
        let _ = self.api.mutate(&res::statefulsets(), ns, &key.name, |o| {
            let mut st = json!({
                "observedGeneration": generation,
                "replicas": replicas,
                "availableReplicas": available,
                "currentRevision": new_current,
                "updateRevision": update_rev,
                "collisionCount": collision,
            });
            if ready > 0 {
                st["readyReplicas"] = json!(ready);
            }
            if current > 0 {
                st["currentReplicas"] = json!(current);
            }
            if updated > 0 {
                st["updatedReplicas"] = json!(updated);
            }
            if o.get("status") == Some(&st) {
                return false;
            }
            o["status"] = st;
            true
        });
        self.trim_history(&sts, &revs, &[&new_current, &update_rev], &pods);
        // Pods becoming available after minReadySeconds need another look.
        (min_ready > 0 && available < ready).then(|| Duration::from_secs(1))
    }
}

impl StatefulSetController {
    /// Deletes the oldest revisions beyond `revisionHistoryLimit` (default 10) that no pod
    /// and neither the current nor the update revision uses.
    fn trim_history(&self, sts: &Value, revs: &[Arc<Value>], keep: &[&str], pods: &[Arc<Value>]) {
        let limit = int(sts, "/spec/revisionHistoryLimit", 10).max(0) as usize;
        let mut old: Vec<&Arc<Value>> = revs
            .iter()
            .filter(|r| {
                !keep.contains(&name(r)) && !pods.iter().any(|p| pod_revision(p) == name(r))
            })
            .collect();
        if old.len() <= limit {
            return;
        }
        old.sort_by_key(|r| int(r, "/revision", 0));
        for r in old.iter().take(old.len() - limit) {
            let _ = self.api.delete(
                &res::controllerrevisions(),
                super::api::namespace(sts),
                name(r),
                &DeleteOptions::default(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_parse_only_canonical_numbers() {
        assert_eq!(ordinal_of("web", "web-0"), Some(0));
        assert_eq!(ordinal_of("web", "web-12"), Some(12));
        assert_eq!(ordinal_of("web", "web-01"), None);
        assert_eq!(ordinal_of("web", "web-x"), None);
        assert_eq!(ordinal_of("web", "webby-1"), None);
        assert_eq!(ordinal_of("web", "web-"), None);
    }

    #[test]
    fn pods_get_identity_labels_and_claims() {
        let sts = json!({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "namespace": "ns", "uid": "u1"},
            "spec": {"serviceName": "nginx", "volumeClaimTemplates": [
                {"metadata": {"name": "www"}, "spec": {}}]},
        });
        let tmpl = json!({"metadata": {"labels": {"app": "nginx"}},
                          "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
        let p = pod_for(&sts, 2, &tmpl, "web-abc");
        assert_eq!(p["metadata"]["name"], "web-2");
        assert_eq!(
            p["metadata"]["labels"]["controller-revision-hash"],
            "web-abc"
        );
        assert_eq!(
            p["metadata"]["labels"]["statefulset.kubernetes.io/pod-name"],
            "web-2"
        );
        assert_eq!(p["metadata"]["labels"]["apps.kubernetes.io/pod-index"], "2");
        assert_eq!(p["metadata"]["labels"]["app"], "nginx");
        assert_eq!(p["spec"]["hostname"], "web-2");
        assert_eq!(p["spec"]["subdomain"], "nginx");
        assert_eq!(
            p["spec"]["volumes"],
            json!([{"name": "www", "persistentVolumeClaim": {"claimName": "www-web-2"}}])
        );
        assert_eq!(p["metadata"]["ownerReferences"][0]["uid"], "u1");
    }
}
