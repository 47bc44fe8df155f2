//! The pvc-protection and pv-protection controllers (kubernetes `pkg/controller/volume/
//! pvcprotection`, `pvprotection`): a deleted PersistentVolumeClaim keeps its
//! `kubernetes.io/pvc-protection` finalizer (and shows `Terminating`) while a pod that is not
//! finished uses it; a deleted PersistentVolume keeps `kubernetes.io/pv-protection` while a
//! claim is bound to it.

use std::time::Duration;

use serde_json::{Value, json};

use super::api::{Api, name, namespace, res};
use super::{Controller, Key};
use crate::store::{Event, ResourceKey};

/// The claim's finalizer.
pub const PVC_FINALIZER: &str = "kubernetes.io/pvc-protection";
/// The volume's finalizer.
pub const PV_FINALIZER: &str = "kubernetes.io/pv-protection";

/// Removes the protection finalizers once nothing uses the object.
pub struct PvcProtectionController {
    api: Api,
}

impl PvcProtectionController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        PvcProtectionController { api }
    }
}

fn pvs() -> ResourceKey {
    ResourceKey::new("", "persistentvolumes")
}

fn claims_of(pod: &Value) -> Vec<String> {
    pod.pointer("/spec/volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| {
            v.pointer("/persistentVolumeClaim/claimName")
                .and_then(Value::as_str)
        })
        .map(str::to_string)
        .collect()
}

fn finished(pod: &Value) -> bool {
    matches!(
        pod.pointer("/status/phase").and_then(Value::as_str),
        Some("Succeeded" | "Failed")
    )
}

fn has(obj: &Value, f: &str) -> bool {
    obj.pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|x| x == f))
}

impl PvcProtectionController {
    fn release(&self, r: &ResourceKey, ns: &str, n: &str, f: &str) {
        let _ = self.api.mutate(r, ns, n, |o| {
            let Some(fins) = o.pointer("/metadata/finalizers").and_then(Value::as_array) else {
                return false;
            };
            let kept: Vec<Value> = fins.iter().filter(|x| *x != f).cloned().collect();
            if kept.len() == fins.len() {
                return false;
            }
            o["metadata"]["finalizers"] = json!(kept);
            true
        });
    }
}

impl Controller for PvcProtectionController {
    fn name(&self) -> &'static str {
        "pvc-protection"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::persistentvolumeclaims(), res::pods(), pvs()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        let o = &ev.object;
        if o.get("kind").and_then(Value::as_str) == Some("Pod")
            || o.pointer("/spec/containers").is_some()
        {
            // A pod going away may release its claims.
            return claims_of(o)
                .into_iter()
                .map(|c| Key::new(namespace(o), &format!("pvc/{c}")))
                .collect();
        }
        if o.pointer("/metadata/deletionTimestamp").is_none() {
            return Vec::new();
        }
        if namespace(o).is_empty() {
            vec![Key::new("", &format!("pv/{}", name(o)))]
        } else {
            vec![Key::new(namespace(o), &format!("pvc/{}", name(o)))]
        }
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        if let Some(claim) = key.name.strip_prefix("pvc/") {
            let pvc = self
                .api
                .get(&res::persistentvolumeclaims(), &key.namespace, claim)?;
            if pvc.pointer("/metadata/deletionTimestamp").is_none() || !has(&pvc, PVC_FINALIZER) {
                return None;
            }
            let in_use = self
                .api
                .list(&res::pods(), Some(&key.namespace))
                .iter()
                .any(|p| !finished(p) && claims_of(p).iter().any(|c| c == claim));
            if !in_use {
                self.release(
                    &res::persistentvolumeclaims(),
                    &key.namespace,
                    claim,
                    PVC_FINALIZER,
                );
            }
        } else if let Some(pv) = key.name.strip_prefix("pv/") {
            let vol = self.api.get(&pvs(), "", pv)?;
            if vol.pointer("/metadata/deletionTimestamp").is_none() || !has(&vol, PV_FINALIZER) {
                return None;
            }
            let bound = vol
                .pointer("/status/phase")
                .and_then(Value::as_str)
                .is_some_and(|p| p == "Bound");
            if !bound {
                self.release(&pvs(), "", pv, PV_FINALIZER);
            }
        }
        None
    }
}
