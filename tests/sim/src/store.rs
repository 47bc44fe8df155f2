//! The in-memory object store: what etcd plus the generic registry are in a real cluster.
//!
//! Objects are `serde_json::Value`s (kind and apiVersion set), kept per resource
//! ([`ResourceKey`]: group + plural) under `namespace/name`. One global resourceVersion counter
//! (like etcd's revision) is bumped by every write; an object's `metadata.resourceVersion` is
//! the revision of its last write, rendered as a decimal string.
//!
//! Everything that writes goes through one mutex, so exactly one writer wins per
//! resourceVersion: [`Store::update`] with a stale `metadata.resourceVersion` fails with 409.
//!
//! The store applies the metadata rules every writer needs, so in-process controllers get the
//! same behaviour as API clients:
//! * create: `generateName` (+5 random chars), `uid`, `creationTimestamp`,
//!   `resourceVersion`, `generation: 1` for objects with a `spec`;
//! * update: server-owned metadata is kept, `generation` bumps only when something outside
//!   `metadata`/`status` changed, an object being deleted whose finalizers became empty is
//!   removed (DELETED event);
//! * delete ([`Store::delete`]): finalizers and propagation (`foregroundDeletion`/`orphan`)
//!   and graceful pod deletion mark the object with `deletionTimestamp` instead of removing it.
//!
//! Watches: every committed change is appended to a bounded history and broadcast. A
//! [`Watch`] replays history after a resourceVersion (or synthesises ADDED for the current
//! state), then follows live events; one older than the history fails with
//! [`WatchError::Gone`] (the apiserver turns that into a 410 `ERROR` event).
//!
//! Errors are [`ApiError`]s with the apiserver's messages, so callers can return them as-is.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{SecondsFormat, Utc};
use serde_json::{Value, json};
use tokio::sync::broadcast;

use crate::apiserver::status::ApiError;

/// How many committed events are kept for watches that resume from a resourceVersion.
pub const HISTORY_LIMIT: usize = 20_000;

/// Capacity of the live fan-out channel; a watcher further behind than this is ended with 410.
const BROADCAST_CAPACITY: usize = 16_384;

/// Identifies a resource type: API group ("" for core) and plural resource name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceKey {
    /// API group, "" for core.
    pub group: String,
    /// Plural resource name, e.g. "deployments".
    pub resource: String,
}

impl ResourceKey {
    /// `ResourceKey::new("apps", "deployments")`.
    pub fn new(group: &str, resource: &str) -> Self {
        ResourceKey {
            group: group.to_string(),
            resource: resource.to_string(),
        }
    }
}

/// What happened to an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// Created.
    Added,
    /// Changed (including being marked for deletion).
    Modified,
    /// Removed; `object` is the last state with the deletion's resourceVersion.
    Deleted,
}

impl EventType {
    /// The watch wire name: `ADDED`, `MODIFIED`, `DELETED`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One committed change.
#[derive(Clone, Debug)]
pub struct Event {
    /// The global resourceVersion of this change.
    pub rv: u64,
    /// ADDED, MODIFIED or DELETED.
    pub kind: EventType,
    /// Which resource the object belongs to.
    pub resource: ResourceKey,
    /// The object's namespace ("" for cluster-scoped).
    pub namespace: String,
    /// The object after the change (for DELETED: its last state, with the new RV).
    pub object: Arc<Value>,
    /// The object before the change (None for ADDED); selector-filtered watches use it to
    /// turn "stopped matching" into DELETED.
    pub old: Option<Arc<Value>>,
}

/// Where a watch starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchFrom {
    /// Synthetic ADDED for every current object, then live changes (`resourceVersion` unset
    /// or "0").
    Now,
    /// Only changes after this resourceVersion.
    After(u64),
}

/// Why a watch could not start or ended early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchError {
    /// The requested resourceVersion is older than the retained history:
    /// `too old resource version: {requested} ({oldest})`.
    Gone {
        /// The resourceVersion the client asked for.
        requested: u64,
        /// The oldest resourceVersion still served.
        oldest: u64,
    },
}

impl WatchError {
    /// The 410 Expired Status an apiserver sends as an `ERROR` event.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            WatchError::Gone { requested, oldest } => ApiError::new(
                410,
                "Expired",
                format!("too old resource version: {requested} ({oldest})"),
            ),
        }
    }
}

/// Options of a delete, as in `DeleteOptions`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    /// `gracePeriodSeconds`; None means the object's default (pods: their
    /// `terminationGracePeriodSeconds`, else 30).
    pub grace_period_seconds: Option<i64>,
    /// `Orphan`, `Background` or `Foreground` (None: Background).
    pub propagation_policy: Option<String>,
    /// `preconditions.uid`.
    pub precondition_uid: Option<String>,
    /// `preconditions.resourceVersion`.
    pub precondition_rv: Option<String>,
}

/// What a delete did.
#[derive(Clone, Debug)]
pub enum DeleteOutcome {
    /// The object is gone; this was its last state.
    Removed(Arc<Value>),
    /// The object stays, marked with `deletionTimestamp` (finalizers, graceful pod deletion).
    Marked(Arc<Value>),
}

impl DeleteOutcome {
    /// The object either way.
    pub fn object(&self) -> &Arc<Value> {
        match self {
            DeleteOutcome::Removed(o) | DeleteOutcome::Marked(o) => o,
        }
    }
}

type Objects = BTreeMap<String, Arc<Value>>;

struct Inner {
    rv: u64,
    objects: HashMap<ResourceKey, Objects>,
    history: VecDeque<Arc<Event>>,
    /// Events with rv <= this are no longer in `history`.
    compacted: u64,
}

/// The object store. Share it as `Arc<Store>`.
pub struct Store {
    inner: Mutex<Inner>,
    tx: broadcast::Sender<Arc<Event>>,
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

/// `namespace/name` map key; cluster-scoped objects use an empty namespace.
fn key(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}

/// RFC 3339 UTC with second precision, as `metav1.Time` marshals.
pub fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A random UUIDv4 string.
pub fn new_uid() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// apimachinery `utilrand.String(n)`: characters without vowels or confusable digits.
pub fn random_suffix(n: usize) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    (0..n)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// `metadata.name` of an object ("" if absent).
pub fn name_of(obj: &Value) -> &str {
    obj.pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// `metadata.namespace` of an object ("" if absent).
pub fn namespace_of(obj: &Value) -> &str {
    obj.pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// `metadata.resourceVersion` of an object parsed as a number (None if absent or empty).
pub fn rv_of(obj: &Value) -> Option<u64> {
    obj.pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

fn metadata_mut(obj: &mut Value) -> &mut serde_json::Map<String, Value> {
    if !obj.is_object() {
        *obj = json!({});
    }
    let o = obj.as_object_mut().expect("object");
    let m = o.entry("metadata").or_insert_with(|| json!({}));
    if !m.is_object() {
        *m = json!({});
    }
    m.as_object_mut().expect("metadata object")
}

fn finalizers(obj: &Value) -> Vec<String> {
    obj.pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether anything outside metadata and status differs (what bumps `generation`).
fn spec_changed(old: &Value, new: &Value) -> bool {
    let strip = |v: &Value| -> Value {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            for k in ["metadata", "status", "kind", "apiVersion"] {
                o.remove(k);
            }
        }
        v
    };
    strip(old) != strip(new)
}

impl Store {
    /// An empty store at resourceVersion 1 (real clusters never serve RV 0 as an object RV).
    pub fn new() -> Self {
        let (tx, _) = broadcast::channel(BROADCAST_CAPACITY);
        Store {
            inner: Mutex::new(Inner {
                rv: 1,
                objects: HashMap::new(),
                history: VecDeque::new(),
                compacted: 1,
            }),
            tx,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves the maps consistent (each write is a single
        // insert/remove), so poisoning is safe to ignore.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current global resourceVersion (what a List reports).
    pub fn current_rv(&self) -> u64 {
        self.lock().rv
    }

    /// One object, or None.
    pub fn get(&self, res: &ResourceKey, namespace: &str, name: &str) -> Option<Arc<Value>> {
        self.lock()
            .objects
            .get(res)
            .and_then(|m| m.get(&key(namespace, name)))
            .cloned()
    }

    /// One object or the apiserver's 404 (`deployments.apps "web" not found`).
    pub fn get_or_404(
        &self,
        res: &ResourceKey,
        namespace: &str,
        name: &str,
    ) -> Result<Arc<Value>, ApiError> {
        self.get(res, namespace, name)
            .ok_or_else(|| ApiError::not_found(&res.group, &res.resource, name))
    }

    /// Every object of a resource, in one namespace (`Some(ns)`) or all (`None`), sorted by
    /// `namespace/name`, plus the resourceVersion of this snapshot.
    pub fn list(&self, res: &ResourceKey, namespace: Option<&str>) -> (Vec<Arc<Value>>, u64) {
        let inner = self.lock();
        let items = match inner.objects.get(res) {
            None => Vec::new(),
            Some(m) => match namespace {
                None => m.values().cloned().collect(),
                Some(ns) => {
                    let prefix = format!("{ns}/");
                    m.range(prefix.clone()..)
                        .take_while(|(k, _)| k.starts_with(&prefix))
                        .map(|(_, v)| v.clone())
                        .collect()
                }
            },
        };
        (items, inner.rv)
    }

    /// Every namespace that holds at least one object of any resource (for namespace
    /// cleanup).
    pub fn resources_in_namespace(&self, namespace: &str) -> Vec<(ResourceKey, String)> {
        let inner = self.lock();
        let prefix = format!("{namespace}/");
        let mut out = Vec::new();
        for (res, m) in &inner.objects {
            for (k, _) in m
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
            {
                out.push((res.clone(), k[prefix.len()..].to_string()));
            }
        }
        out
    }

    fn commit(&self, inner: &mut Inner, ev: Event) {
        let ev = Arc::new(ev);
        inner.history.push_back(ev.clone());
        while inner.history.len() > HISTORY_LIMIT {
            if let Some(old) = inner.history.pop_front() {
                inner.compacted = old.rv;
            }
        }
        // No receivers is fine: nobody is watching.
        let _ = self.tx.send(ev);
    }

    /// Creates `obj` (its `metadata.namespace` must already be set for namespaced
    /// resources; "" for cluster-scoped). Fills `name` from `generateName`, `uid`,
    /// `creationTimestamp`, `resourceVersion` and `generation`. 409 AlreadyExists if taken.
    pub fn create(&self, res: &ResourceKey, obj: Value) -> Result<Arc<Value>, ApiError> {
        self.create_inner(res, obj, false)
    }

    /// Like [`Store::create`] but persists nothing (dryRun=All): the returned object has
    /// uid and creationTimestamp but no resourceVersion.
    pub fn create_dry_run(&self, res: &ResourceKey, obj: Value) -> Result<Arc<Value>, ApiError> {
        self.create_inner(res, obj, true)
    }

    fn create_inner(
        &self,
        res: &ResourceKey,
        mut obj: Value,
        dry_run: bool,
    ) -> Result<Arc<Value>, ApiError> {
        let mut inner = self.lock();
        let ns = namespace_of(&obj).to_string();
        {
            let md = metadata_mut(&mut obj);
            let name = md
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if name.is_empty() {
                let gen_name = md.get("generateName").and_then(Value::as_str).unwrap_or("");
                if gen_name.is_empty() {
                    return Err(ApiError::new(
                        422,
                        "Invalid",
                        "name or generateName is required".to_string(),
                    ));
                }
                let base: String = gen_name.chars().take(58).collect();
                let objects = inner.objects.get(res);
                let mut candidate = format!("{base}{}", random_suffix(5));
                // RetryGenerateName: a collision just draws again.
                while objects.is_some_and(|m| m.contains_key(&key(&ns, &candidate))) {
                    candidate = format!("{base}{}", random_suffix(5));
                }
                md.insert("name".into(), Value::String(candidate));
            }
            // A uid set by the create pipeline's defaulting (a Job's generated selector uses
            // it) is kept; handlers strip client-sent uids before that.
            if md
                .get("uid")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                md.insert("uid".into(), Value::String(new_uid()));
            }
            md.insert("creationTimestamp".into(), Value::String(now_rfc3339()));
            md.remove("deletionTimestamp");
            md.remove("deletionGracePeriodSeconds");
            md.remove("resourceVersion");
            md.remove("selfLink");
        }
        if obj.get("spec").is_some() {
            metadata_mut(&mut obj).insert("generation".into(), json!(1));
        } else {
            metadata_mut(&mut obj).remove("generation");
        }
        let name = name_of(&obj).to_string();
        let k = key(&ns, &name);
        if inner.objects.get(res).is_some_and(|m| m.contains_key(&k)) {
            return Err(ApiError::already_exists(&res.group, &res.resource, &name));
        }
        if dry_run {
            return Ok(Arc::new(obj));
        }
        inner.rv += 1;
        let rv = inner.rv;
        metadata_mut(&mut obj).insert("resourceVersion".into(), Value::String(rv.to_string()));
        let obj = Arc::new(obj);
        inner
            .objects
            .entry(res.clone())
            .or_default()
            .insert(k, obj.clone());
        let ev = Event {
            rv,
            kind: EventType::Added,
            resource: res.clone(),
            namespace: ns,
            object: obj.clone(),
            old: None,
        };
        self.commit(&mut inner, ev);
        Ok(obj)
    }

    /// Replaces the stored object with `obj` (matched by its namespace and name).
    ///
    /// If `obj.metadata.resourceVersion` is set and differs from the stored one → 409
    /// Conflict; if empty the update is unconditional. `uid`, `creationTimestamp`,
    /// `deletionTimestamp`, `generation` are server-owned and kept; `generation` bumps when
    /// anything outside metadata/status changed. If the object is being deleted and its
    /// finalizers are now empty it is removed (DELETED event). No-op writes (nothing changed)
    /// keep the resourceVersion and emit no event, as the apiserver does.
    pub fn update(&self, res: &ResourceKey, obj: Value) -> Result<Arc<Value>, ApiError> {
        self.update_inner(res, obj, false)
    }

    /// Like [`Store::update`] but persists nothing (dryRun=All).
    pub fn update_dry_run(&self, res: &ResourceKey, obj: Value) -> Result<Arc<Value>, ApiError> {
        self.update_inner(res, obj, true)
    }

    fn update_inner(
        &self,
        res: &ResourceKey,
        mut obj: Value,
        dry_run: bool,
    ) -> Result<Arc<Value>, ApiError> {
        let mut inner = self.lock();
        let ns = namespace_of(&obj).to_string();
        let name = name_of(&obj).to_string();
        let k = key(&ns, &name);
        let old = inner
            .objects
            .get(res)
            .and_then(|m| m.get(&k))
            .cloned()
            .ok_or_else(|| ApiError::not_found(&res.group, &res.resource, &name))?;
        if let Some(want) = obj
            .pointer("/metadata/resourceVersion")
            .and_then(Value::as_str)
            && !want.is_empty()
            && Some(want)
                != old
                    .pointer("/metadata/resourceVersion")
                    .and_then(Value::as_str)
        {
            return Err(ApiError::conflict(&res.group, &res.resource, &name));
        }
        {
            let old_md = old
                .get("metadata")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let md = metadata_mut(&mut obj);
            for f in [
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
            ] {
                match old_md.get(f) {
                    Some(v) => md.insert(f.into(), v.clone()),
                    None => md.remove(f),
                };
            }
            md.remove("selfLink");
            md.insert(
                "resourceVersion".into(),
                old_md.get("resourceVersion").cloned().into(),
            );
            match old_md.get("generation").and_then(Value::as_i64) {
                Some(g) => md.insert("generation".into(), json!(g)),
                None => md.remove("generation"),
            };
        }
        if let Some(g) = old.pointer("/metadata/generation").and_then(Value::as_i64)
            && spec_changed(&old, &obj)
        {
            metadata_mut(&mut obj).insert("generation".into(), json!(g + 1));
        }
        // Removing the last finalizer of an object being deleted completes the deletion (an
        // object marked only for graceful deletion stays until deleted with grace 0).
        let deleting = obj.pointer("/metadata/deletionTimestamp").is_some();
        let remove = deleting && finalizers(&obj).is_empty() && !finalizers(&old).is_empty();
        if !remove && obj == *old {
            return Ok(old);
        }
        if dry_run {
            return Ok(Arc::new(obj));
        }
        inner.rv += 1;
        let rv = inner.rv;
        metadata_mut(&mut obj).insert("resourceVersion".into(), Value::String(rv.to_string()));
        let obj = Arc::new(obj);
        let kind = if remove {
            inner.objects.get_mut(res).map(|m| m.remove(&k));
            EventType::Deleted
        } else {
            inner
                .objects
                .entry(res.clone())
                .or_default()
                .insert(k, obj.clone());
            EventType::Modified
        };
        let ev = Event {
            rv,
            kind,
            resource: res.clone(),
            namespace: ns,
            object: obj.clone(),
            old: Some(old),
        };
        self.commit(&mut inner, ev);
        Ok(obj)
    }

    /// Read-modify-write: `f` gets a copy of the current object and changes it; the result is
    /// written as by [`Store::update`] with the resourceVersion `f` saw as precondition, and
    /// `f` is re-run on a fresh copy if another writer won in between (the apiserver's
    /// GuaranteedUpdate). Use this from controllers for status updates and finalizer removal.
    /// 404 if absent; an error from `f` aborts without writing.
    pub fn mutate(
        &self,
        res: &ResourceKey,
        namespace: &str,
        name: &str,
        mut f: impl FnMut(&mut Value) -> Result<(), ApiError>,
    ) -> Result<Arc<Value>, ApiError> {
        loop {
            let cur = self.get_or_404(res, namespace, name)?;
            let mut obj = (*cur).clone();
            f(&mut obj)?;
            metadata_mut(&mut obj).insert(
                "resourceVersion".into(),
                cur.pointer("/metadata/resourceVersion")
                    .cloned()
                    .unwrap_or(Value::Null),
            );
            match self.update(res, obj) {
                Err(e) if e.code == 409 && e.reason == "Conflict" => continue,
                other => return other,
            }
        }
    }

    /// Deletes an object with apiserver semantics:
    /// * preconditions (uid/resourceVersion) → 409 Conflict on mismatch;
    /// * propagation `Foreground`/`Orphan` adds finalizer `foregroundDeletion`/`orphan`;
    /// * an object with finalizers gets `deletionTimestamp` and stays ([`DeleteOutcome::Marked`]);
    /// * a pod bound to a node (`spec.nodeName`) with a grace period > 0 gets
    ///   `deletionTimestamp` + `deletionGracePeriodSeconds` and stays until the kubelet deletes
    ///   it with grace 0; unbound pods go at once;
    /// * otherwise the object is removed ([`DeleteOutcome::Removed`]).
    ///
    /// Deleting an object already marked is idempotent (it stays marked; a shorter grace
    /// period is recorded).
    pub fn delete(
        &self,
        res: &ResourceKey,
        namespace: &str,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<DeleteOutcome, ApiError> {
        self.delete_inner(res, namespace, name, opts, false)
    }

    /// Like [`Store::delete`] but persists nothing (dryRun=All).
    pub fn delete_dry_run(
        &self,
        res: &ResourceKey,
        namespace: &str,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<DeleteOutcome, ApiError> {
        self.delete_inner(res, namespace, name, opts, true)
    }

    fn delete_inner(
        &self,
        res: &ResourceKey,
        namespace: &str,
        name: &str,
        opts: &DeleteOptions,
        dry_run: bool,
    ) -> Result<DeleteOutcome, ApiError> {
        let mut inner = self.lock();
        let k = key(namespace, name);
        let old = inner
            .objects
            .get(res)
            .and_then(|m| m.get(&k))
            .cloned()
            .ok_or_else(|| ApiError::not_found(&res.group, &res.resource, name))?;
        let uid = old
            .pointer("/metadata/uid")
            .and_then(Value::as_str)
            .unwrap_or("");
        if let Some(want) = &opts.precondition_uid
            && want != uid
        {
            return Err(ApiError::new(
                409,
                "Conflict",
                format!(
                    "Operation cannot be fulfilled on {}: Precondition failed: UID in precondition: \
                     {want}, UID in object meta: {uid}",
                    qualified_name(res, name)
                ),
            ));
        }
        let cur_rv = old
            .pointer("/metadata/resourceVersion")
            .and_then(Value::as_str)
            .unwrap_or("");
        if let Some(want) = &opts.precondition_rv
            && want != cur_rv
        {
            return Err(ApiError::new(
                409,
                "Conflict",
                format!(
                    "Operation cannot be fulfilled on {}: Precondition failed: ResourceVersion in \
                     precondition: {want}, ResourceVersion in object meta: {cur_rv}",
                    qualified_name(res, name)
                ),
            ));
        }
        let mut obj = (*old).clone();
        let mut fins = finalizers(&obj);
        match opts.propagation_policy.as_deref() {
            Some("Foreground") if !fins.iter().any(|f| f == "foregroundDeletion") => {
                fins.push("foregroundDeletion".into())
            }
            Some("Orphan") if !fins.iter().any(|f| f == "orphan") => fins.push("orphan".into()),
            _ => {}
        }
        let is_pod = res.group.is_empty() && res.resource == "pods";
        let bound = obj
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .is_some_and(|n| !n.is_empty());
        let default_grace = obj
            .pointer("/spec/terminationGracePeriodSeconds")
            .and_then(Value::as_i64)
            .unwrap_or(30);
        let grace = opts.grace_period_seconds.unwrap_or(default_grace).max(0);
        // A pod that never ran (no node, or already finished) needs no kubelet to stop it.
        let phase = obj
            .pointer("/status/phase")
            .and_then(Value::as_str)
            .unwrap_or("");
        let graceful = is_pod && bound && grace > 0 && phase != "Succeeded" && phase != "Failed";
        let already_marked = obj.pointer("/metadata/deletionTimestamp").is_some();
        // Namespaces are held by `spec.finalizers` (the namespace controller's "kubernetes"
        // finalizer) and go Terminating; whoever empties them calls [`Store::remove`].
        let ns_finalizers = res.group.is_empty()
            && res.resource == "namespaces"
            && obj
                .pointer("/spec/finalizers")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty());
        if ns_finalizers && let Some(o) = obj.as_object_mut() {
            let st = o.entry("status").or_insert_with(|| json!({}));
            st["phase"] = json!("Terminating");
        }

        if fins.is_empty() && !graceful && !ns_finalizers {
            if dry_run {
                return Ok(DeleteOutcome::Removed(old));
            }
            inner.rv += 1;
            let rv = inner.rv;
            metadata_mut(&mut obj).insert("resourceVersion".into(), Value::String(rv.to_string()));
            let obj = Arc::new(obj);
            inner.objects.get_mut(res).map(|m| m.remove(&k));
            let ev = Event {
                rv,
                kind: EventType::Deleted,
                resource: res.clone(),
                namespace: namespace.to_string(),
                object: obj.clone(),
                old: Some(old),
            };
            self.commit(&mut inner, ev);
            return Ok(DeleteOutcome::Removed(obj));
        }
        {
            let md = metadata_mut(&mut obj);
            if !fins.is_empty() {
                md.insert("finalizers".into(), json!(fins));
            }
            if !already_marked {
                let when = if graceful {
                    (Utc::now() + chrono::Duration::seconds(grace))
                        .to_rfc3339_opts(SecondsFormat::Secs, true)
                } else {
                    now_rfc3339()
                };
                md.insert("deletionTimestamp".into(), Value::String(when));
            }
            let prev_grace = md.get("deletionGracePeriodSeconds").and_then(Value::as_i64);
            let g = if graceful { grace } else { 0 };
            let g = prev_grace.map_or(g, |p| p.min(g));
            md.insert("deletionGracePeriodSeconds".into(), json!(g));
        }
        if obj == *old {
            return Ok(DeleteOutcome::Marked(old));
        }
        if dry_run {
            return Ok(DeleteOutcome::Marked(Arc::new(obj)));
        }
        inner.rv += 1;
        let rv = inner.rv;
        metadata_mut(&mut obj).insert("resourceVersion".into(), Value::String(rv.to_string()));
        let obj = Arc::new(obj);
        inner
            .objects
            .entry(res.clone())
            .or_default()
            .insert(k, obj.clone());
        let ev = Event {
            rv,
            kind: EventType::Modified,
            resource: res.clone(),
            namespace: namespace.to_string(),
            object: obj.clone(),
            old: Some(old),
        };
        self.commit(&mut inner, ev);
        Ok(DeleteOutcome::Marked(obj))
    }

    /// Removes an object at once, ignoring finalizers and grace (what the kubelet's final
    /// grace-0 delete and the namespace finalizer amount to). 404 if absent.
    pub fn remove(
        &self,
        res: &ResourceKey,
        namespace: &str,
        name: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let mut inner = self.lock();
        let k = key(namespace, name);
        let old = inner
            .objects
            .get_mut(res)
            .and_then(|m| m.remove(&k))
            .ok_or_else(|| ApiError::not_found(&res.group, &res.resource, name))?;
        inner.rv += 1;
        let rv = inner.rv;
        let mut obj = (*old).clone();
        metadata_mut(&mut obj).insert("resourceVersion".into(), Value::String(rv.to_string()));
        let obj = Arc::new(obj);
        let ev = Event {
            rv,
            kind: EventType::Deleted,
            resource: res.clone(),
            namespace: namespace.to_string(),
            object: obj.clone(),
            old: Some(old),
        };
        self.commit(&mut inner, ev);
        Ok(obj)
    }

    /// Starts a watch on one resource, in one namespace or all.
    ///
    /// The returned [`Watch`] first yields the replay (synthetic ADDED for the current state
    /// with [`WatchFrom::Now`], or history events after the given RV), then live events. The
    /// initial snapshot's resourceVersion is in [`Watch::snapshot_rv`].
    pub fn watch(
        &self,
        res: &ResourceKey,
        namespace: Option<&str>,
        from: WatchFrom,
    ) -> Result<Watch, WatchError> {
        let inner = self.lock();
        let rx = self.tx.subscribe();
        let ns_match = |ev_ns: &str| namespace.is_none_or(|n| n == ev_ns);
        let mut replay = VecDeque::new();
        match from {
            WatchFrom::Now => {
                if let Some(m) = inner.objects.get(res) {
                    for (k, obj) in m {
                        let ns = k.split('/').next().unwrap_or("");
                        if ns_match(ns) {
                            replay.push_back(Arc::new(Event {
                                rv: inner.rv,
                                kind: EventType::Added,
                                resource: res.clone(),
                                namespace: ns.to_string(),
                                object: obj.clone(),
                                old: None,
                            }));
                        }
                    }
                }
            }
            WatchFrom::After(rv) => {
                if rv < inner.compacted {
                    return Err(WatchError::Gone {
                        requested: rv,
                        oldest: inner.compacted + 1,
                    });
                }
                // History is sorted by rv: binary search the start.
                let start = inner.history.partition_point(|e| e.rv <= rv);
                for ev in inner.history.range(start..) {
                    if ev.resource == *res && ns_match(&ev.namespace) {
                        replay.push_back(ev.clone());
                    }
                }
            }
        }
        let snapshot_rv = inner.rv;
        // A resourceVersion from the future: nothing up to it is sent.
        let after = match from {
            WatchFrom::After(rv) => snapshot_rv.max(rv),
            WatchFrom::Now => snapshot_rv,
        };
        Ok(Watch {
            resource: Some(res.clone()),
            namespace: namespace.map(str::to_string),
            replay,
            rx,
            after,
            snapshot_rv,
        })
    }
}

impl Store {
    /// Live changes of every resource from now on, with no replay: for the few controllers
    /// that must see any kind (the garbage collector's `orphan`/`foregroundDeletion`
    /// finalizers can be on any object).
    pub fn watch_all(&self) -> Watch {
        let inner = self.lock();
        Watch {
            resource: None,
            namespace: None,
            replay: VecDeque::new(),
            rx: self.tx.subscribe(),
            after: inner.rv,
            snapshot_rv: inner.rv,
        }
    }
}

fn qualified_name(res: &ResourceKey, name: &str) -> String {
    if res.group.is_empty() {
        format!("{} \"{name}\"", res.resource)
    } else {
        format!("{}.{} \"{name}\"", res.resource, res.group)
    }
}

/// A stream of events for one resource (see [`Store::watch`]).
pub struct Watch {
    /// None: every resource ([`Store::watch_all`]).
    resource: Option<ResourceKey>,
    namespace: Option<String>,
    replay: VecDeque<Arc<Event>>,
    rx: broadcast::Receiver<Arc<Event>>,
    /// Live events with rv <= this were already covered by the replay.
    after: u64,
    /// The store's resourceVersion when the watch started.
    pub snapshot_rv: u64,
}

impl Watch {
    /// How many replay events are still queued (the synthetic ADDED / history part).
    pub fn replay_remaining(&self) -> usize {
        self.replay.len()
    }

    /// The next event; `Err(Gone)` if this watcher fell too far behind the live stream
    /// (the client must re-list). Never returns None: the store lives as long as the watch.
    pub async fn next(&mut self) -> Result<Arc<Event>, WatchError> {
        if let Some(ev) = self.replay.pop_front() {
            return Ok(ev);
        }
        loop {
            match self.rx.recv().await {
                Ok(ev) => {
                    if ev.rv <= self.after
                        || self.resource.as_ref().is_some_and(|r| *r != ev.resource)
                        || self.namespace.as_deref().is_some_and(|n| n != ev.namespace)
                    {
                        continue;
                    }
                    return Ok(ev);
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    return Err(WatchError::Gone {
                        requested: self.after,
                        oldest: self.after + 1,
                    });
                }
                Err(broadcast::error::RecvError::Closed) => {
                    // The sender lives in the Store; closed means the store is gone.
                    std::future::pending::<()>().await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cm(ns: &str, name: &str) -> Value {
        json!({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":name,"namespace":ns},"data":{"a":"1"}})
    }

    fn res() -> ResourceKey {
        ResourceKey::new("", "configmaps")
    }

    #[test]
    fn create_fills_metadata_and_rejects_duplicates() {
        let s = Store::new();
        let o = s.create(&res(), cm("d", "a")).unwrap();
        assert_eq!(o["metadata"]["resourceVersion"], "2");
        assert_eq!(o["metadata"]["uid"].as_str().unwrap().len(), 36);
        assert!(o["metadata"].get("generation").is_none());
        let e = s.create(&res(), cm("d", "a")).unwrap_err();
        assert_eq!(e.code, 409);
        assert_eq!(e.message, "configmaps \"a\" already exists");
    }

    #[test]
    fn generate_name_appends_five_chars() {
        let s = Store::new();
        let mut o = cm("d", "");
        o["metadata"] = json!({"generateName":"web-","namespace":"d"});
        let o = s.create(&res(), o).unwrap();
        let n = name_of(&o);
        assert!(n.starts_with("web-") && n.len() == 9, "{n}");
    }

    #[test]
    fn stale_update_conflicts_and_exactly_one_writer_wins() {
        let s = Store::new();
        let o = s.create(&res(), cm("d", "a")).unwrap();
        let mut a = (*o).clone();
        a["data"]["a"] = json!("2");
        let mut b = (*o).clone();
        b["data"]["a"] = json!("3");
        assert!(s.update(&res(), a).is_ok());
        let e = s.update(&res(), b).unwrap_err();
        assert_eq!(e.code, 409);
        assert!(
            e.message
                .starts_with("Operation cannot be fulfilled on configmaps \"a\"")
        );
    }

    #[test]
    fn concurrent_writers_on_one_resource_version_one_wins() {
        let s = Arc::new(Store::new());
        let base = s.create(&res(), cm("d", "a")).unwrap();
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (s, mut o) = (s.clone(), (*base).clone());
                o["data"]["a"] = json!(format!("writer-{i}"));
                std::thread::spawn(move || s.update(&res(), o).is_ok())
            })
            .collect();
        let wins = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|ok| *ok)
            .count();
        assert_eq!(wins, 1);
    }

    #[test]
    fn generation_bumps_only_on_spec_change() {
        let s = Store::new();
        let r = ResourceKey::new("apps", "deployments");
        let d = json!({"kind":"Deployment","metadata":{"name":"w","namespace":"d"},"spec":{"replicas":1}});
        let o = s.create(&r, d).unwrap();
        assert_eq!(o["metadata"]["generation"], 1);
        let mut u = (*o).clone();
        u["metadata"]["labels"] = json!({"a":"b"});
        let o = s.update(&r, u).unwrap();
        assert_eq!(o["metadata"]["generation"], 1);
        let mut u = (*o).clone();
        u["spec"]["replicas"] = json!(3);
        let o = s.update(&r, u).unwrap();
        assert_eq!(o["metadata"]["generation"], 2);
    }

    #[test]
    fn finalizers_hold_deletion_until_removed() {
        let s = Store::new();
        let mut o = cm("d", "a");
        o["metadata"]["finalizers"] = json!(["x/y"]);
        s.create(&res(), o).unwrap();
        let out = s
            .delete(&res(), "d", "a", &DeleteOptions::default())
            .unwrap();
        assert!(matches!(out, DeleteOutcome::Marked(_)));
        assert!(out.object()["metadata"]["deletionTimestamp"].is_string());
        let mut w = s
            .watch(&res(), None, WatchFrom::After(s.current_rv()))
            .unwrap();
        s.mutate(&res(), "d", "a", |o| {
            o["metadata"]["finalizers"] = json!([]);
            Ok(())
        })
        .unwrap();
        assert!(s.get(&res(), "d", "a").is_none());
        let ev = futures::executor::block_on(w.next()).unwrap();
        assert_eq!(ev.kind, EventType::Deleted);
    }

    #[test]
    fn watch_replays_history_and_reports_gone() {
        let s = Store::new();
        let start = s.current_rv();
        s.create(&res(), cm("d", "a")).unwrap();
        s.create(&res(), cm("e", "b")).unwrap();
        let mut w = s.watch(&res(), Some("e"), WatchFrom::After(start)).unwrap();
        let ev = futures::executor::block_on(w.next()).unwrap();
        assert_eq!(name_of(&ev.object), "b");
        let mut w = s.watch(&res(), None, WatchFrom::Now).unwrap();
        assert_eq!(w.replay_remaining(), 2);
        let _ = futures::executor::block_on(w.next()).unwrap();
        let e = s.watch(&res(), None, WatchFrom::After(0)).err().unwrap();
        assert_eq!(e.to_api_error().message, "too old resource version: 0 (2)");
    }

    #[test]
    fn bound_pods_delete_gracefully_unbound_at_once() {
        let s = Store::new();
        let r = ResourceKey::new("", "pods");
        let p = |n: &str, node: &str| json!({"kind":"Pod","metadata":{"name":n,"namespace":"d"},"spec":{"nodeName":node}});
        s.create(&r, p("a", "")).unwrap();
        s.create(&r, p("b", "n1")).unwrap();
        let o = DeleteOptions::default();
        assert!(matches!(
            s.delete(&r, "d", "a", &o).unwrap(),
            DeleteOutcome::Removed(_)
        ));
        let m = s.delete(&r, "d", "b", &o).unwrap();
        assert!(matches!(m, DeleteOutcome::Marked(_)));
        assert_eq!(m.object()["metadata"]["deletionGracePeriodSeconds"], 30);
        let zero = DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        };
        assert!(matches!(
            s.delete(&r, "d", "b", &zero).unwrap(),
            DeleteOutcome::Removed(_)
        ));
    }
}
