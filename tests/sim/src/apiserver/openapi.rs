//! `/openapi/v2` and `/openapi/v3` documents, enough for `kubectl apply`/`create -f` validation
//! (and `kubectl explain` for built-in kinds).

pub mod schemas;

use serde_json::{Value, json};

use crate::resources::ResourceInfo;

/// `/openapi/v3`: the root listing one path per group-version (`api/v1`, `apis/apps/v1`).
pub fn v3_root(resources: &[ResourceInfo]) -> Value {
    let _ = resources;
    json!({"paths": {}})
}

/// `/openapi/v3/<path>` (`path` like `api/v1` or `apis/apps/v1`); None if no such GV.
pub fn v3_group_version(path: &str, resources: &[ResourceInfo]) -> Option<Value> {
    let _ = (path, resources);
    None
}

/// `/openapi/v2`.
pub fn v2(resources: &[ResourceInfo]) -> Value {
    let _ = resources;
    json!({"swagger": "2.0", "info": {"title": "Kubernetes", "version": "v1.33.0"}, "paths": {}, "definitions": {}})
}
