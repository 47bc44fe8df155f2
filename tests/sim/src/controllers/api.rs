//! The in-process "client" controllers use: reads straight from the store, creates through
//! the apiserver's create pipeline (so defaulting, validation, admission and generateName
//! apply exactly as for kubectl), status writes and finalizer edits as read-modify-write.

use std::sync::Arc;

use serde_json::Value;

use crate::apiserver::ApiServer;
use crate::apiserver::handlers::{ResourceRequest, create_object};
use crate::apiserver::status::ApiError;
use crate::store::{DeleteOptions, DeleteOutcome, ResourceKey, Store};

/// Resource keys of the built-ins the controllers touch.
pub mod res {
    use crate::store::ResourceKey;

    /// `pods`
    pub fn pods() -> ResourceKey {
        ResourceKey::new("", "pods")
    }
    /// `replicasets.apps`
    pub fn replicasets() -> ResourceKey {
        ResourceKey::new("apps", "replicasets")
    }
    /// `replicationcontrollers`
    pub fn replicationcontrollers() -> ResourceKey {
        ResourceKey::new("", "replicationcontrollers")
    }
    /// `deployments.apps`
    pub fn deployments() -> ResourceKey {
        ResourceKey::new("apps", "deployments")
    }
    /// `daemonsets.apps`
    pub fn daemonsets() -> ResourceKey {
        ResourceKey::new("apps", "daemonsets")
    }
    /// `statefulsets.apps`
    pub fn statefulsets() -> ResourceKey {
        ResourceKey::new("apps", "statefulsets")
    }
    /// `controllerrevisions.apps`
    pub fn controllerrevisions() -> ResourceKey {
        ResourceKey::new("apps", "controllerrevisions")
    }
    /// `jobs.batch`
    pub fn jobs() -> ResourceKey {
        ResourceKey::new("batch", "jobs")
    }
    /// `cronjobs.batch`
    pub fn cronjobs() -> ResourceKey {
        ResourceKey::new("batch", "cronjobs")
    }
    /// `nodes`
    pub fn nodes() -> ResourceKey {
        ResourceKey::new("", "nodes")
    }
    /// `services`
    pub fn services() -> ResourceKey {
        ResourceKey::new("", "services")
    }
    /// `endpoints`
    pub fn endpoints() -> ResourceKey {
        ResourceKey::new("", "endpoints")
    }
    /// `endpointslices.discovery.k8s.io`
    pub fn endpointslices() -> ResourceKey {
        ResourceKey::new("discovery.k8s.io", "endpointslices")
    }
    /// `events`
    pub fn events() -> ResourceKey {
        ResourceKey::new("", "events")
    }
    /// `namespaces`
    pub fn namespaces() -> ResourceKey {
        ResourceKey::new("", "namespaces")
    }
    /// `persistentvolumeclaims`
    pub fn persistentvolumeclaims() -> ResourceKey {
        ResourceKey::new("", "persistentvolumeclaims")
    }
}

/// A cheap handle on the apiserver for controllers.
#[derive(Clone)]
pub struct Api {
    server: Arc<ApiServer>,
}

impl Api {
    /// Wraps the server.
    pub fn new(server: Arc<ApiServer>) -> Self {
        Api { server }
    }

    /// The server.
    pub fn server(&self) -> &Arc<ApiServer> {
        &self.server
    }

    /// The store.
    pub fn store(&self) -> &Arc<Store> {
        &self.server.store
    }

    /// One object.
    pub fn get(&self, r: &ResourceKey, ns: &str, name: &str) -> Option<Arc<Value>> {
        self.server.store.get(r, ns, name)
    }

    /// All objects of `r` in `ns` (None: everywhere).
    pub fn list(&self, r: &ResourceKey, ns: Option<&str>) -> Vec<Arc<Value>> {
        self.server.store.list(r, ns).0
    }

    /// Creates through the apiserver's create pipeline, as `manager`.
    pub fn create(
        &self,
        r: &ResourceKey,
        ns: &str,
        obj: Value,
        manager: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let served = self
            .server
            .registry
            .find_any_version(&r.group, &r.resource)
            .ok_or_else(|| ApiError::not_found(&r.group, &r.resource, ""))?;
        let rr = ResourceRequest::internal(served, Some(ns), manager);
        create_object(&self.server, &rr, obj)
    }

    /// Read-modify-write (see [`Store::mutate`]); `f` returning false means "nothing to
    /// do" and gives `Ok(None)`.
    pub fn mutate(
        &self,
        r: &ResourceKey,
        ns: &str,
        name: &str,
        mut f: impl FnMut(&mut Value) -> bool,
    ) -> Result<Option<Arc<Value>>, ApiError> {
        let res = self.server.store.mutate(r, ns, name, |o| {
            if f(o) {
                Ok(())
            } else {
                Err(ApiError::new(304, "NotModified", ""))
            }
        });
        match res {
            Err(e) if e.code == 304 => Ok(None),
            other => other.map(Some),
        }
    }

    /// Deletes with apiserver semantics (background propagation unless told otherwise).
    pub fn delete(
        &self,
        r: &ResourceKey,
        ns: &str,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<DeleteOutcome, ApiError> {
        self.server.store.delete(r, ns, name, opts)
    }

    /// Removes at once (the kubelet's final grace-0 delete, finalizers done).
    pub fn remove(&self, r: &ResourceKey, ns: &str, name: &str) -> Result<Arc<Value>, ApiError> {
        self.server.store.remove(r, ns, name)
    }
}

/// `metadata.name`.
pub fn name(o: &Value) -> &str {
    o.pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// `metadata.namespace`.
pub fn namespace(o: &Value) -> &str {
    o.pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// `metadata.uid`.
pub fn uid(o: &Value) -> &str {
    o.pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The controller ownerReference, if any.
pub fn controller_ref(o: &Value) -> Option<&Value> {
    o.pointer("/metadata/ownerReferences")?
        .as_array()?
        .iter()
        .find(|r| r.get("controller").and_then(Value::as_bool) == Some(true))
}

/// The key of `obj`'s controller if it is a `kind` (what a controller reconciles when one of
/// its children changes).
pub fn controller_key(obj: &Value, namespace: &str, kind: &str) -> Vec<super::Key> {
    controller_ref(obj)
        .filter(|r| r["kind"] == kind)
        .and_then(|r| r["name"].as_str())
        .map(|n| vec![super::Key::new(namespace, n)])
        .unwrap_or_default()
}

/// Whether `child` is controlled by the object with `owner_uid`.
pub fn controlled_by(child: &Value, owner_uid: &str) -> bool {
    controller_ref(child)
        .and_then(|r| r.get("uid"))
        .and_then(Value::as_str)
        == Some(owner_uid)
}

/// An ownerReference to `owner` with controller=true, blockOwnerDeletion=true.
pub fn owner_ref(owner: &Value) -> Value {
    serde_json::json!({
        "apiVersion": owner.get("apiVersion").cloned().unwrap_or(Value::Null),
        "kind": owner.get("kind").cloned().unwrap_or(Value::Null),
        "name": name(owner),
        "uid": uid(owner),
        "controller": true,
        "blockOwnerDeletion": true,
    })
}

/// Whether the object is being deleted.
pub fn deleting(o: &Value) -> bool {
    o.pointer("/metadata/deletionTimestamp").is_some()
}

/// An integer at `ptr`, or `default`.
pub fn int(o: &Value, ptr: &str, default: i64) -> i64 {
    o.pointer(ptr).and_then(Value::as_i64).unwrap_or(default)
}
