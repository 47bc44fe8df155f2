//! Events as real components record them (client-go `record`): `<object>.<hex nanos>` names,
//! `source.component`/`host`, and aggregation of repeats into `count` + `lastTimestamp`, so
//! `kubectl describe` and `kubectl get events` read like a real cluster's.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Value, json};

use super::api::{Api, name, namespace, res, uid};
use crate::store::now_rfc3339;

/// `Normal` events.
pub const NORMAL: &str = "Normal";
/// `Warning` events.
pub const WARNING: &str = "Warning";

/// Who emits: `deployment-controller`, `default-scheduler`, `kubelet` (+ node name)...
#[derive(Clone, Debug)]
pub struct Source {
    /// `source.component` / `reportingComponent`.
    pub component: &'static str,
    /// `source.host` (kubelet events only).
    pub host: Option<String>,
}

/// (involved uid, reason, message, field path): the four things that make two events "the same".
type EventKey = (String, String, String, String);

static SEEN: Mutex<Option<HashMap<EventKey, String>>> = Mutex::new(None);

/// Records an event about `obj`. `field_path` is e.g. `spec.containers{nginx}`.
pub fn record(
    api: &Api,
    obj: &Value,
    field_path: Option<&str>,
    type_: &str,
    reason: &str,
    message: &str,
    src: &Source,
) {
    let ns = match namespace(obj) {
        "" => "default",
        n => n,
    };
    let now = now_rfc3339();
    let key = (
        uid(obj).to_string(),
        reason.to_string(),
        message.to_string(),
        field_path.unwrap_or("").to_string(),
    );
    let existing = SEEN
        .lock()
        .ok()
        .and_then(|m| m.as_ref().and_then(|m| m.get(&key).cloned()));
    if let Some(ev_name) = existing
        && let Ok(Some(_)) = api.mutate(&res::events(), ns, &ev_name, |e| {
            let count = e.get("count").and_then(Value::as_i64).unwrap_or(1);
            e["count"] = json!(count + 1);
            e["lastTimestamp"] = json!(now);
            true
        })
    {
        return;
    }
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let ev_name = format!("{}.{:x}", name(obj), nanos);
    let mut involved = json!({
        "kind": obj.get("kind").cloned().unwrap_or(Value::Null),
        "namespace": namespace(obj),
        "name": name(obj),
        "uid": uid(obj),
        "apiVersion": obj.get("apiVersion").cloned().unwrap_or(Value::Null),
        "resourceVersion": obj.pointer("/metadata/resourceVersion").cloned().unwrap_or(Value::Null),
    });
    if namespace(obj).is_empty() {
        involved.as_object_mut().map(|m| m.remove("namespace"));
    }
    if let Some(fp) = field_path {
        involved["fieldPath"] = json!(fp);
    }
    let mut source = json!({"component": src.component});
    if let Some(h) = &src.host {
        source["host"] = json!(h);
    }
    let ev = json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": ev_name, "namespace": ns},
        "involvedObject": involved,
        "reason": reason,
        "message": message,
        "source": source,
        "firstTimestamp": now,
        "lastTimestamp": now,
        "count": 1,
        "type": type_,
        "eventTime": null,
        "reportingComponent": src.component,
        "reportingInstance": src.host.clone().unwrap_or_default(),
    });
    if api.create(&res::events(), ns, ev, src.component).is_ok()
        && let Ok(mut m) = SEEN.lock()
    {
        m.get_or_insert_with(HashMap::new).insert(key, ev_name);
    }
}
