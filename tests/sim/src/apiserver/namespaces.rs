//! Namespace termination (the namespace controller's job, done here so `kubectl delete ns`
//! completes): a namespace with `deletionTimestamp` has its contents deleted, and once empty it
//! is removed. Pods that need a kubelet to finish graceful deletion hold it until they go.
//! When this runs is decided by [`crate::controllers::namespace`] (event-driven, no polling).

use super::ApiServer;
use crate::store::{DeleteOptions, ResourceKey};

/// One termination pass over namespace `name` if it is terminating: deletes what is not yet
/// being deleted and removes the namespace once empty. Returns true when nothing is left to do
/// (removed, gone, or not terminating).
pub fn finalize(server: &ApiServer, name: &str) -> bool {
    let key = ResourceKey::new("", "namespaces");
    let terminating = server
        .store
        .get(&key, "", name)
        .is_some_and(|n| n.pointer("/metadata/deletionTimestamp").is_some());
    if !terminating {
        return true;
    }
    for (res, obj_name) in server.store.resources_in_namespace(name) {
        let marked = server
            .store
            .get(&res, name, &obj_name)
            .is_some_and(|o| o.pointer("/metadata/deletionTimestamp").is_some());
        if !marked {
            let _ = server
                .store
                .delete(&res, name, &obj_name, &DeleteOptions::default());
        }
    }
    // Objects without finalizers or grace periods went at once: the namespace may be empty.
    if server.store.resources_in_namespace(name).is_empty() {
        let _ = server.store.remove(&key, "", name);
        return true;
    }
    false
}
