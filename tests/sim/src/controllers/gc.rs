//! The garbage collector (kubernetes `pkg/controller/garbagecollector`): dependents follow
//! their owners through `metadata.ownerReferences`.
//!
//! * Background (the default): once an owner is gone, dependents whose owners are all gone
//!   are deleted (in the background too, so grandchildren follow).
//! * Foreground: an owner with the `foregroundDeletion` finalizer stays (visible, with
//!   deletionTimestamp) until its dependents are gone, then the finalizer is removed.
//! * Orphan: an owner with the `orphan` finalizer has its ownerReferences stripped from the
//!   dependents, then the finalizer is removed.

use std::time::Duration;

use serde_json::Value;

use super::api::{Api, deleting, name, uid};
use super::{Controller, Key};
use crate::store::{DeleteOptions, Event, EventType, ResourceKey};

/// Resources whose objects own others.
fn owners() -> Vec<ResourceKey> {
    [
        ("apps", "deployments"),
        ("apps", "replicasets"),
        ("apps", "daemonsets"),
        ("apps", "statefulsets"),
        ("batch", "jobs"),
        ("batch", "cronjobs"),
        ("", "services"),
        ("", "pods"),
        ("", "nodes"),
    ]
    .iter()
    .map(|(g, r)| ResourceKey::new(g, r))
    .collect()
}

/// Resources whose objects can be owned.
fn dependents() -> Vec<ResourceKey> {
    [
        ("apps", "replicasets"),
        ("", "pods"),
        ("apps", "controllerrevisions"),
        ("batch", "jobs"),
        ("discovery.k8s.io", "endpointslices"),
        ("", "persistentvolumeclaims"),
        ("coordination.k8s.io", "leases"),
    ]
    .iter()
    .map(|(g, r)| ResourceKey::new(g, r))
    .collect()
}

/// The garbage collector. Its keys name an owner: `namespace` + `group|resource|name|uid`.
pub struct GarbageCollector {
    api: Api,
}

impl GarbageCollector {
    /// A collector on `api`.
    pub fn new(api: Api) -> Self {
        GarbageCollector { api }
    }

    fn owner_key(res: &ResourceKey, ns: &str, obj: &Value) -> Key {
        Key::new(
            ns,
            &format!("{}|{}|{}|{}", res.group, res.resource, name(obj), uid(obj)),
        )
    }

    /// Every dependent (resource, object) that references `owner_uid`.
    fn dependents_of(
        &self,
        ns: &str,
        owner_uid: &str,
    ) -> Vec<(ResourceKey, std::sync::Arc<Value>)> {
        let mut out = Vec::new();
        for r in dependents() {
            let scope = if ns.is_empty() { None } else { Some(ns) };
            for o in self.api.list(&r, scope) {
                if refs(&o).iter().any(|x| x["uid"] == owner_uid) {
                    out.push((r.clone(), o));
                }
            }
        }
        out
    }

    fn remove_finalizer(&self, r: &ResourceKey, ns: &str, n: &str, fin: &str) {
        let _ = self.api.mutate(r, ns, n, |o| {
            let Some(f) = o
                .pointer_mut("/metadata/finalizers")
                .and_then(Value::as_array_mut)
            else {
                return false;
            };
            let before = f.len();
            f.retain(|x| x != fin);
            before != f.len()
        });
    }
}

fn refs(o: &Value) -> Vec<Value> {
    o.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn has_finalizer(o: &Value, fin: &str) -> bool {
    o.pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|f| f.iter().any(|x| x == fin))
}

impl Controller for GarbageCollector {
    fn name(&self) -> &'static str {
        "garbage-collector"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        // Everything arrives through `watches_everything`.
        Vec::new()
    }

    fn watches_everything(&self) -> bool {
        // `--cascade=orphan|foreground` puts its finalizer on objects of any kind.
        true
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        let mut keys = Vec::new();
        // Background collection only follows deletions of kinds that own things (keeping
        // mass deletions of pods cheap); finalizers are handled on every kind.
        let owner_gone = ev.kind == EventType::Deleted && owners().contains(&ev.resource);
        let finalizing = ev.kind != EventType::Deleted
            && (has_finalizer(&ev.object, "foregroundDeletion")
                || has_finalizer(&ev.object, "orphan"));
        if owner_gone || finalizing {
            keys.push(Self::owner_key(&ev.resource, &ev.namespace, &ev.object));
        }
        // A dependent went away or changed owners: its owners waiting in the foreground may
        // be done now.
        if ev.kind == EventType::Deleted || deleting(&ev.object) {
            for r in refs(&ev.object) {
                let (g, _) = r["apiVersion"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit_once('/')
                    .unwrap_or(("", ""));
                let kind = r["kind"].as_str().unwrap_or("");
                for o in owners() {
                    if o.group == g && kind_plural(kind) == o.resource {
                        keys.push(Key::new(
                            &ev.namespace,
                            &format!(
                                "{}|{}|{}|{}",
                                o.group,
                                o.resource,
                                r["name"].as_str().unwrap_or(""),
                                r["uid"].as_str().unwrap_or("")
                            ),
                        ));
                    }
                }
            }
        }
        keys
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let mut parts = key.name.splitn(4, '|');
        let (g, r, n, u) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let res = ResourceKey::new(g, r);
        let ns = key.namespace.as_str();
        let owner = self.api.get(&res, ns, n).filter(|o| uid(o) == u);
        let deps = self.dependents_of(ns, u);
        match owner {
            None => {
                // Background: the owner is gone.
                for (dr, d) in deps {
                    let remaining: Vec<Value> =
                        refs(&d).into_iter().filter(|x| x["uid"] != u).collect();
                    let alive = remaining.iter().any(|x| {
                        x["uid"]
                            .as_str()
                            .is_some_and(|ou| owner_exists(&self.api, ns, x, ou))
                    });
                    if alive {
                        let _ = self.api.mutate(&dr, ns, name(&d), |o| {
                            o["metadata"]["ownerReferences"] = Value::Array(remaining.clone());
                            true
                        });
                    } else if !deleting(&d) {
                        let opts = DeleteOptions {
                            propagation_policy: Some("Background".into()),
                            ..Default::default()
                        };
                        let _ =
                            self.api
                                .delete(&dr, crate::store::namespace_of(&d), name(&d), &opts);
                    }
                }
                None
            }
            Some(o) if has_finalizer(&o, "orphan") => {
                for (dr, d) in deps {
                    let _ = self
                        .api
                        .mutate(&dr, crate::store::namespace_of(&d), name(&d), |x| {
                            let kept: Vec<Value> =
                                refs(x).into_iter().filter(|r| r["uid"] != u).collect();
                            if kept.is_empty() {
                                x["metadata"]
                                    .as_object_mut()
                                    .map(|m| m.remove("ownerReferences"));
                            } else {
                                x["metadata"]["ownerReferences"] = Value::Array(kept);
                            }
                            true
                        });
                }
                self.remove_finalizer(&res, ns, n, "orphan");
                None
            }
            Some(o) if has_finalizer(&o, "foregroundDeletion") && deleting(&o) => {
                let mut blocking = 0;
                for (dr, d) in &deps {
                    blocking += 1;
                    if !deleting(d) {
                        let opts = DeleteOptions {
                            propagation_policy: Some("Foreground".into()),
                            ..Default::default()
                        };
                        let _ = self
                            .api
                            .delete(dr, crate::store::namespace_of(d), name(d), &opts);
                    }
                }
                if blocking == 0 {
                    self.remove_finalizer(&res, ns, n, "foregroundDeletion");
                    None
                } else {
                    // Dependents' deletions wake us; the timer covers missed wake-ups.
                    Some(Duration::from_secs(2))
                }
            }
            Some(_) => None,
        }
    }
}

fn owner_exists(api: &Api, ns: &str, r: &Value, owner_uid: &str) -> bool {
    let (g, _) = r["apiVersion"]
        .as_str()
        .unwrap_or("")
        .rsplit_once('/')
        .unwrap_or(("", ""));
    let plural = kind_plural(r["kind"].as_str().unwrap_or(""));
    api.get(
        &ResourceKey::new(g, &plural),
        ns,
        r["name"].as_str().unwrap_or(""),
    )
    .is_some_and(|o| uid(&o) == owner_uid)
}

/// Kind → plural for the built-in owner kinds.
fn kind_plural(kind: &str) -> String {
    let lower = kind.to_lowercase();
    if lower.ends_with('s') {
        format!("{lower}es")
    } else {
        format!("{lower}s")
    }
}
