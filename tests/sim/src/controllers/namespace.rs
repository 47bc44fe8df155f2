//! Namespace controller (kubernetes `pkg/controller/namespace`): decides when a terminating
//! namespace is finalized ([`crate::apiserver::namespaces::finalize`] does the deleting).
//!
//! Event-driven: it wakes when a namespace is marked for deletion and when a pod in a
//! terminating namespace changes (pods are what hold a namespace open, while their kubelet
//! finishes graceful deletion). While a namespace is terminating and not yet empty it also
//! rechecks every 200 ms, for objects held by other finalizers; an idle cluster costs nothing.

use std::time::Duration;

use super::api::{Api, deleting, name, res};
use super::{Controller, Key};
use crate::store::{Event, ResourceKey};

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
        (!crate::apiserver::namespaces::finalize(self.api.server(), &key.name)).then_some(RECHECK)
    }
}
