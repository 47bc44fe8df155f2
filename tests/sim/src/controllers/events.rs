//! Events as real components record them (client-go `record`): `<object>.<hex nanos>` names,
//! `source.component`/`host`, and aggregation of repeats into `count` + `lastTimestamp`, so
//! `kubectl describe` and `kubectl get events` read like a real cluster's.

use std::collections::{BTreeMap, HashMap};
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

/// How many events each component remembers for aggregation: client-go's `EventCorrelator`
/// keeps the last 4096 (`maxLruCacheEntries`) in an LRU, so a repeat of an event older than
/// that starts a new Event object instead of counting up the old one.
const REMEMBERED: usize = 4096;

/// One component's memory of the events it recorded: key → Event name, least recently used
/// forgotten first.
#[derive(Default)]
struct Recent {
    names: HashMap<EventKey, (String, u64)>,
    by_use: BTreeMap<u64, EventKey>,
    tick: u64,
}

impl Recent {
    /// The Event recorded for `key`, now the most recently used.
    fn get(&mut self, key: &EventKey) -> Option<String> {
        self.tick += 1;
        let (name, used) = self.names.get_mut(key)?;
        self.by_use.remove(used);
        *used = self.tick;
        self.by_use.insert(self.tick, key.clone());
        Some(name.clone())
    }

    fn insert(&mut self, key: EventKey, name: String) {
        self.tick += 1;
        if let Some((_, used)) = self.names.insert(key.clone(), (name, self.tick)) {
            self.by_use.remove(&used);
        }
        self.by_use.insert(self.tick, key);
        while self.names.len() > REMEMBERED {
            let Some((_, oldest)) = self.by_use.pop_first() else {
                break;
            };
            self.names.remove(&oldest);
        }
    }
}

/// An emitting component: `source.component` and `source.host`.
type Emitter = (&'static str, Option<String>);

/// Per emitting component: each kubelet, the scheduler and each controller has its own
/// correlator.
static SEEN: Mutex<Option<HashMap<Emitter, Recent>>> = Mutex::new(None);

fn seen<T>(src: &Source, f: impl FnOnce(&mut Recent) -> T) -> T {
    let mut m = SEEN.lock().unwrap_or_else(|p| p.into_inner());
    let recent = m
        .get_or_insert_with(HashMap::new)
        .entry((src.component, src.host.clone()))
        .or_default();
    f(recent)
}

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
    let existing = seen(src, |r| r.get(&key));
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
    if api.create(&res::events(), ns, ev, src.component).is_ok() {
        seen(src, |r| r.insert(key, ev_name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: usize) -> EventKey {
        (
            format!("uid-{i}"),
            "Pulled".into(),
            "m".into(),
            String::new(),
        )
    }

    #[test]
    fn the_least_recently_used_event_is_forgotten_first() {
        let mut r = Recent::default();
        for i in 0..REMEMBERED {
            r.insert(key(i), format!("ev-{i}"));
        }
        // Using the oldest makes the second oldest the one to go.
        assert_eq!(r.get(&key(0)).as_deref(), Some("ev-0"));
        r.insert(key(REMEMBERED), "new".into());
        assert_eq!(r.names.len(), REMEMBERED);
        assert_eq!(r.by_use.len(), REMEMBERED);
        assert_eq!(r.get(&key(1)), None);
        assert_eq!(r.get(&key(0)).as_deref(), Some("ev-0"));
        assert_eq!(r.get(&key(REMEMBERED)).as_deref(), Some("new"));
    }
}
