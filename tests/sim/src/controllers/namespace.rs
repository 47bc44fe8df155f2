//! Namespace controller (kubernetes `pkg/controller/namespace`): a namespace with
//! `deletionTimestamp` has its contents deleted, and is removed once empty.
//!
//! Event-driven: it wakes when a namespace is marked for deletion and when a pod in a
//! terminating namespace changes (pods are what hold a namespace open, while their kubelet
//! finishes graceful deletion). While a namespace is terminating and not yet empty it also
//! rechecks every 200 ms, for objects held by other finalizers; an idle cluster costs nothing.

use std::time::Duration;

use super::api::{Api, deleting, name, res};
use super::{Controller, Key};
use crate::store::{DeleteOptions, Event, ResourceKey};

/// How often a terminating namespace that still has contents is rechecked.
const RECHECK: Duration = Duration::from_millis(200);

/// The namespace controller.
pub struct NamespaceController {
    api: Api,
}

impl NamespaceController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        NamespaceController { api }
    }

    fn terminating(&self, ns: &str) -> bool {
        self.api
            .get(&res::namespaces(), "", ns)
            .is_some_and(|n| deleting(&n))
    }
}

impl Controller for NamespaceController {
    fn name(&self) -> &'static str {
        "namespace"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::namespaces(), res::pods()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::namespaces() {
            return if deleting(&ev.object) {
                vec![Key::new("", name(&ev.object))]
            } else {
                vec![]
            };
        }
        if self.terminating(&ev.namespace) {
            vec![Key::new("", &ev.namespace)]
        } else {
            vec![]
        }
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let ns = self.api.get(&res::namespaces(), "", &key.name)?;
        if !deleting(&ns) {
            return None;
        }
        let store = self.api.store();
        let contents = store.resources_in_namespace(&key.name);
        if contents.is_empty() {
            let _ = store.remove(&res::namespaces(), "", &key.name);
            return None;
        }
        for (r, obj_name) in contents {
            let marked = store
                .get(&r, &key.name, &obj_name)
                .is_some_and(|o| deleting(&o));
            if !marked {
                let _ = store.delete(&r, &key.name, &obj_name, &DeleteOptions::default());
            }
        }
        if store.resources_in_namespace(&key.name).is_empty() {
            let _ = store.remove(&res::namespaces(), "", &key.name);
            return None;
        }
        Some(RECHECK)
    }
}
