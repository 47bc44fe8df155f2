//! Namespace termination (the namespace controller's job, done here so `kubectl delete ns`
//! completes): a namespace with `deletionTimestamp` has its contents deleted, and once empty it
//! is removed. Pods that need a kubelet to finish graceful deletion hold it until they go.

use std::sync::Arc;
use std::time::Duration;

use super::ApiServer;
use crate::store::{DeleteOptions, ResourceKey, name_of};

/// How often terminating namespaces are checked.
const INTERVAL: Duration = Duration::from_millis(100);

/// Runs the termination loop in the background.
pub fn spawn_finalizer(server: Arc<ApiServer>) {
    tokio::spawn(async move {
        loop {
            finalize_once(&server);
            tokio::time::sleep(INTERVAL).await;
        }
    });
}

/// One pass over terminating namespaces.
pub fn finalize_once(server: &ApiServer) {
    let key = ResourceKey::new("", "namespaces");
    let (all, _) = server.store.list(&key, None);
    for ns in all
        .iter()
        .filter(|n| n.pointer("/metadata/deletionTimestamp").is_some())
    {
        let name = name_of(ns);
        let contents = server.store.resources_in_namespace(name);
        if contents.is_empty() {
            let _ = server.store.remove(&key, "", name);
            continue;
        }
        for (res, obj_name) in contents {
            let marked = server
                .store
                .get(&res, name, &obj_name)
                .is_some_and(|o| o.pointer("/metadata/deletionTimestamp").is_some());
            if marked {
                continue;
            }
            let _ = server
                .store
                .delete(&res, name, &obj_name, &DeleteOptions::default());
        }
    }
}
