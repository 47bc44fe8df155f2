//! The in-memory object store: what etcd plus the generic registry are in a real cluster.
//!
//! Objects are kept per resource ([`ResourceKey`]: group + plural) under `namespace/name`, each
//! version serialized once, at write time, as compact JSON ([`Raw`]): a pod's `Value` tree costs
//! about eight times its JSON, so a 10,000-pod cluster held as trees would need over a GiB, and a
//! list can be served by copying bytes. Readers get `Value`s parsed on demand ([`Store::get`],
//! [`Store::list`]) or the bytes themselves ([`Store::range`]). One global resourceVersion
//! counter (like etcd's revision) is bumped by every write; an object's
//! `metadata.resourceVersion` is the revision of its last write, rendered as a decimal string.
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
//! History: every committed change is appended to a bounded history (the etcd revisions not yet
//! compacted) holding the new and the previous version's bytes; the newest few also keep their
//! parsed objects, so watchers that keep up never parse. A [`Watch`] is a cursor into that
//! history: it replays after a resourceVersion (or synthesises ADDED for the current state),
//! then follows new entries as they are committed; one older than the history fails with
//! [`WatchError::Gone`] (the apiserver turns that into a 410 `ERROR` event). Paged lists read
//! the state at their first page's resourceVersion by undoing the history after it
//! ([`Store::range`]); once that is compacted the continue token has expired (410).
//!
//! Errors are [`ApiError`]s with the apiserver's messages, so callers can return them as-is.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{SecondsFormat, Utc};
use serde_json::{Value, json};
use tokio::sync::watch;

use crate::apiserver::status::ApiError;

/// How many committed changes are kept for watches that resume from a resourceVersion and for
/// paged lists (etcd keeps revisions until compaction).
pub const HISTORY_LIMIT: usize = 20_000;

/// How many of the newest history entries keep their parsed objects.
const HOT_EVENTS: usize = 256;

/// How many history entries a watch takes per lock.
const WATCH_BATCH: usize = 512;

/// One stored object version: its JSON, exactly as the apiserver would serialize it.
pub type Raw = Arc<[u8]>;

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
    /// `object` as stored (its JSON), for encoders that can copy it.
    pub raw: Raw,
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

/// A read of objects in key order ([`Store::range`]).
#[derive(Debug)]
pub struct Range {
    /// `(namespace/name, object)` in key order.
    pub items: Vec<(String, Raw)>,
    /// How many objects follow the returned ones.
    pub rest: usize,
    /// The resourceVersion the read reflects.
    pub rv: u64,
}

/// A paged read at a resourceVersion that is no longer in the history (etcd compacted it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compacted;

/// One history entry: a committed change, kept as bytes.
struct Entry {
    rv: u64,
    kind: EventType,
    resource: ResourceKey,
    /// `namespace/name`.
    key: String,
    object: Raw,
    old: Option<Raw>,
    /// The parsed event, while the entry is among the newest [`HOT_EVENTS`].
    hot: Option<Arc<Event>>,
}

impl Entry {
    fn namespace(&self) -> &str {
        self.key.split_once('/').map_or("", |(ns, _)| ns)
    }
}

type Objects = BTreeMap<String, Raw>;

struct Inner {
    rv: u64,
    objects: HashMap<ResourceKey, Objects>,
    history: VecDeque<Entry>,
    history_limit: usize,
    /// Entries with rv <= this are no longer in `history`.
    compacted: u64,
    /// Wakes the watches of one resource (the value is the last committed rv).
    notify: HashMap<ResourceKey, watch::Sender<u64>>,
    /// Wakes the watches of every resource.
    notify_all: watch::Sender<u64>,
}

struct Shared {
    inner: Mutex<Inner>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves the maps consistent (each write is a single
        // insert/remove), so poisoning is safe to ignore.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The object store. Share it as `Arc<Store>`.
pub struct Store {
    shared: Arc<Shared>,
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

/// The namespace part of a `namespace/name` key.
fn key_namespace(k: &str) -> &str {
    k.split_once('/').map_or("", |(ns, _)| ns)
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

/// An object's stored form.
pub fn encode(obj: &Value) -> Raw {
    Arc::from(serde_json::to_vec(obj).unwrap_or_default())
}

/// A stored object's `Value` (stored bytes are always valid JSON).
pub fn decode(raw: &[u8]) -> Value {
    serde_json::from_slice(raw).unwrap_or_default()
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
    const IGNORED: [&str; 4] = ["metadata", "status", "kind", "apiVersion"];
    let (Some(a), Some(b)) = (old.as_object(), new.as_object()) else {
        return old != new;
    };
    let relevant = |m: &serde_json::Map<String, Value>| {
        m.iter()
            .filter(|(k, _)| !IGNORED.contains(&k.as_str()))
            .count()
    };
    relevant(a) != relevant(b)
        || a.iter()
            .filter(|(k, _)| !IGNORED.contains(&k.as_str()))
            .any(|(k, v)| b.get(k) != Some(v))
}

/// The bounds of a namespace (or everything) in a `namespace/name` keyed map, starting after
/// `after` when given.
fn key_range(namespace: Option<&str>, after: Option<&str>) -> (Bound<String>, Option<String>) {
    let prefix = namespace.map(|ns| format!("{ns}/"));
    let lower = match (after, &prefix) {
        (Some(a), Some(p)) if a >= p.as_str() => Bound::Excluded(a.to_string()),
        (Some(_), Some(p)) | (None, Some(p)) => Bound::Included(p.clone()),
        (Some(a), None) => Bound::Excluded(a.to_string()),
        (None, None) => Bound::Unbounded,
    };
    (lower, prefix)
}

impl Store {
    /// An empty store at resourceVersion 1 (real clusters never serve RV 0 as an object RV).
    pub fn new() -> Self {
        Self::with_history_limit(HISTORY_LIMIT)
    }

    /// An empty store that keeps only the last `limit` changes (tests of expiry).
    pub fn with_history_limit(limit: usize) -> Self {
        Store {
            shared: Arc::new(Shared {
                inner: Mutex::new(Inner {
                    rv: 1,
                    objects: HashMap::new(),
                    history: VecDeque::new(),
                    history_limit: limit.max(1),
                    compacted: 1,
                    notify: HashMap::new(),
                    notify_all: watch::channel(1).0,
                }),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.shared.lock()
    }

    /// The current global resourceVersion (what a List reports).
    pub fn current_rv(&self) -> u64 {
        self.lock().rv
    }

    /// One object as stored, or None.
    pub fn get_raw(&self, res: &ResourceKey, namespace: &str, name: &str) -> Option<Raw> {
        self.lock()
            .objects
            .get(res)
            .and_then(|m| m.get(&key(namespace, name)))
            .cloned()
    }

    /// One object, or None.
    pub fn get(&self, res: &ResourceKey, namespace: &str, name: &str) -> Option<Arc<Value>> {
        self.get_raw(res, namespace, name)
            .map(|r| Arc::new(decode(&r)))
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
        let (raws, rv) = {
            let inner = self.lock();
            let raws: Vec<Raw> = match inner.objects.get(res) {
                None => Vec::new(),
                Some(m) => {
                    let (lower, prefix) = key_range(namespace, None);
                    m.range((lower, Bound::Unbounded))
                        .take_while(|(k, _)| prefix.as_ref().is_none_or(|p| k.starts_with(p)))
                        .map(|(_, v)| v.clone())
                        .collect()
                }
            };
            (raws, inner.rv)
        };
        (raws.iter().map(|r| Arc::new(decode(r))).collect(), rv)
    }

    /// How many objects a resource has (in one namespace or all).
    pub fn count(&self, res: &ResourceKey, namespace: Option<&str>) -> usize {
        let inner = self.lock();
        let Some(m) = inner.objects.get(res) else {
            return 0;
        };
        match namespace {
            None => m.len(),
            Some(ns) => {
                let (lower, prefix) = key_range(Some(ns), None);
                m.range((lower, Bound::Unbounded))
                    .take_while(|(k, _)| prefix.as_ref().is_none_or(|p| k.starts_with(p)))
                    .count()
            }
        }
    }

    /// Up to `max` objects of a resource in key order, in one namespace or all, starting after
    /// the key `after`, as they were at resourceVersion `at` (None: now) — what a paged list
    /// reads. The state at `at` is the current one with the history after `at` undone;
    /// [`Compacted`] when that history is gone. `rest` counts the objects after the returned
    /// ones.
    pub fn range(
        &self,
        res: &ResourceKey,
        namespace: Option<&str>,
        after: Option<&str>,
        at: Option<u64>,
        max: usize,
    ) -> Result<Range, Compacted> {
        let inner = self.lock();
        let at = match at {
            Some(rv) if rv < inner.rv => rv,
            _ => inner.rv,
        };
        if at < inner.compacted {
            return Err(Compacted);
        }
        let (lower, prefix) = key_range(namespace, after);
        let in_range = |k: &str| {
            prefix.as_ref().is_none_or(|p| k.starts_with(p))
                && match &lower {
                    Bound::Excluded(l) => k > l.as_str(),
                    Bound::Included(l) => k >= l.as_str(),
                    Bound::Unbounded => true,
                }
        };
        // The first change after `at` of each key tells its state at `at`: absent if it was
        // created later, else the version that change replaced.
        let mut then: BTreeMap<&str, Option<&Raw>> = BTreeMap::new();
        let start = inner.history.partition_point(|e| e.rv <= at);
        for e in inner.history.range(start..) {
            if e.resource == *res && in_range(&e.key) {
                then.entry(e.key.as_str()).or_insert(match e.kind {
                    EventType::Added => None,
                    _ => e.old.as_ref(),
                });
            }
        }
        let empty = Objects::new();
        let now = inner.objects.get(res).unwrap_or(&empty);
        let mut current = now
            .range((lower.clone(), Bound::Unbounded))
            .take_while(|(k, _)| prefix.as_ref().is_none_or(|p| k.starts_with(p)))
            .map(|(k, v)| (k.as_str(), v))
            .peekable();
        let mut past = then.into_iter().peekable();
        let mut items = Vec::new();
        let mut rest = 0;
        loop {
            // Merge the two sorted sequences; a key in `past` overrides the current state.
            let next = match (current.peek(), past.peek()) {
                (None, None) => break,
                (Some(_), None) => current.next().map(|(k, v)| (k, Some(v))),
                (None, Some(_)) => past.next(),
                (Some((ck, _)), Some((pk, _))) => {
                    if ck < pk {
                        current.next().map(|(k, v)| (k, Some(v)))
                    } else {
                        if ck == pk {
                            current.next();
                        }
                        past.next()
                    }
                }
            };
            let Some((k, Some(v))) = next else {
                continue;
            };
            if items.len() < max {
                items.push((k.to_string(), v.clone()));
            } else {
                rest += 1;
            }
        }
        Ok(Range {
            items,
            rest,
            rv: at,
        })
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

    /// Records a committed change: the new version replaces (or removes) the stored one, the
    /// history gets the entry, watches of the resource wake up.
    fn commit(
        inner: &mut Inner,
        res: &ResourceKey,
        k: String,
        kind: EventType,
        object: Arc<Value>,
        old: Option<(Arc<Value>, Raw)>,
    ) {
        let rv = inner.rv;
        let raw = encode(&object);
        let objects = inner.objects.entry(res.clone()).or_default();
        if kind == EventType::Deleted {
            objects.remove(&k);
        } else {
            objects.insert(k.clone(), raw.clone());
        }
        let (old, old_raw) = match old {
            Some((v, r)) => (Some(v), Some(r)),
            None => (None, None),
        };
        let ev = Arc::new(Event {
            rv,
            kind,
            resource: res.clone(),
            namespace: key_namespace(&k).to_string(),
            object,
            old,
            raw: raw.clone(),
        });
        inner.history.push_back(Entry {
            rv,
            kind,
            resource: res.clone(),
            key: k,
            object: raw,
            old: old_raw,
            hot: Some(ev),
        });
        let n = inner.history.len();
        if n > HOT_EVENTS {
            inner.history[n - 1 - HOT_EVENTS].hot = None;
        }
        while inner.history.len() > inner.history_limit {
            if let Some(e) = inner.history.pop_front() {
                inner.compacted = e.rv;
            }
        }
        if let Some(tx) = inner.notify.get(res) {
            tx.send_replace(rv);
        }
        inner.notify_all.send_replace(rv);
    }

    /// The stored version of `k` and its parse.
    fn current(inner: &Inner, res: &ResourceKey, k: &str) -> Option<(Arc<Value>, Raw)> {
        let raw = inner.objects.get(res)?.get(k)?.clone();
        Some((Arc::new(decode(&raw)), raw))
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
        Self::commit(&mut inner, res, k, EventType::Added, obj.clone(), None);
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
        self.update_inner(res, obj, None, false)
    }

    /// Like [`Store::update`] but persists nothing (dryRun=All).
    pub fn update_dry_run(&self, res: &ResourceKey, obj: Value) -> Result<Arc<Value>, ApiError> {
        self.update_inner(res, obj, None, true)
    }

    /// `base`: the stored version the caller started from and its parse (saves parsing it
    /// again when it is still current).
    fn update_inner(
        &self,
        res: &ResourceKey,
        mut obj: Value,
        base: Option<&(Arc<Value>, Raw)>,
        dry_run: bool,
    ) -> Result<Arc<Value>, ApiError> {
        let mut inner = self.lock();
        let ns = namespace_of(&obj).to_string();
        let name = name_of(&obj).to_string();
        let k = key(&ns, &name);
        let stored = inner
            .objects
            .get(res)
            .and_then(|m| m.get(&k))
            .cloned()
            .ok_or_else(|| ApiError::not_found(&res.group, &res.resource, &name))?;
        let old = match base {
            Some((v, r)) if Arc::ptr_eq(r, &stored) => v.clone(),
            _ => Arc::new(decode(&stored)),
        };
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
            let old_md = old.get("metadata").and_then(Value::as_object);
            let field = |f: &str| old_md.and_then(|m| m.get(f)).cloned();
            let md = metadata_mut(&mut obj);
            for f in [
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
            ] {
                match field(f) {
                    Some(v) => md.insert(f.into(), v),
                    None => md.remove(f),
                };
            }
            md.remove("selfLink");
            md.insert("resourceVersion".into(), field("resourceVersion").into());
            match field("generation").and_then(|g| g.as_i64()) {
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
            EventType::Deleted
        } else {
            EventType::Modified
        };
        Self::commit(&mut inner, res, k, kind, obj.clone(), Some((old, stored)));
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
            let raw = self
                .get_raw(res, namespace, name)
                .ok_or_else(|| ApiError::not_found(&res.group, &res.resource, name))?;
            let cur = Arc::new(decode(&raw));
            let mut obj = (*cur).clone();
            f(&mut obj)?;
            metadata_mut(&mut obj).insert(
                "resourceVersion".into(),
                cur.pointer("/metadata/resourceVersion")
                    .cloned()
                    .unwrap_or(Value::Null),
            );
            match self.update_inner(res, obj, Some(&(cur, raw)), false) {
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
        let (old, old_raw) = Self::current(&inner, res, &k)
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
            Self::commit(
                &mut inner,
                res,
                k,
                EventType::Deleted,
                obj.clone(),
                Some((old, old_raw)),
            );
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
        Self::commit(
            &mut inner,
            res,
            k,
            EventType::Modified,
            obj.clone(),
            Some((old, old_raw)),
        );
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
        let (old, old_raw) = Self::current(&inner, res, &k)
            .ok_or_else(|| ApiError::not_found(&res.group, &res.resource, name))?;
        inner.rv += 1;
        let rv = inner.rv;
        let mut obj = (*old).clone();
        metadata_mut(&mut obj).insert("resourceVersion".into(), Value::String(rv.to_string()));
        let obj = Arc::new(obj);
        Self::commit(
            &mut inner,
            res,
            k,
            EventType::Deleted,
            obj.clone(),
            Some((old, old_raw)),
        );
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
        let mut inner = self.lock();
        let rxs = vec![Self::subscribe(&mut inner, res)];
        let mut w = Watch {
            shared: self.shared.clone(),
            filter: Filter::Set(vec![res.clone()]),
            namespace: namespace.map(str::to_string),
            queue: VecDeque::new(),
            initial: 0,
            after: inner.rv,
            rxs,
            snapshot_rv: inner.rv,
        };
        match from {
            WatchFrom::Now => w.replay_current(&inner, std::slice::from_ref(res)),
            WatchFrom::After(rv) => {
                if rv < inner.compacted {
                    return Err(WatchError::Gone {
                        requested: rv,
                        oldest: inner.compacted + 1,
                    });
                }
                // A resourceVersion from the future: nothing up to it is sent.
                w.after = rv;
            }
        }
        drop(inner);
        Ok(w)
    }

    /// One watch over several resources, starting with synthetic ADDED for all their current
    /// objects (in resource order); with `everything`, live changes of every other resource
    /// follow too (the garbage collector's `orphan`/`foregroundDeletion` finalizers can be on
    /// any object). What a controller runs on.
    pub fn watch_set(&self, resources: &[ResourceKey], everything: bool) -> Watch {
        let mut inner = self.lock();
        let (filter, rxs) = if everything {
            (Filter::All, vec![inner.notify_all.subscribe()])
        } else {
            let rxs = resources
                .iter()
                .map(|r| Self::subscribe(&mut inner, r))
                .collect();
            (Filter::Set(resources.to_vec()), rxs)
        };
        let mut w = Watch {
            shared: self.shared.clone(),
            filter,
            namespace: None,
            queue: VecDeque::new(),
            initial: 0,
            after: inner.rv,
            rxs,
            snapshot_rv: inner.rv,
        };
        w.replay_current(&inner, resources);
        w
    }

    /// Live changes of every resource from now on, with no replay.
    pub fn watch_all(&self) -> Watch {
        self.watch_set(&[], true)
    }

    /// A receiver woken by every commit to `res`.
    fn subscribe(inner: &mut Inner, res: &ResourceKey) -> watch::Receiver<u64> {
        inner
            .notify
            .entry(res.clone())
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }
}

fn qualified_name(res: &ResourceKey, name: &str) -> String {
    if res.group.is_empty() {
        format!("{} \"{name}\"", res.resource)
    } else {
        format!("{}.{} \"{name}\"", res.resource, res.group)
    }
}

/// Which resources a watch follows.
enum Filter {
    Set(Vec<ResourceKey>),
    All,
}

impl Filter {
    fn matches(&self, res: &ResourceKey) -> bool {
        match self {
            Filter::Set(s) => s.contains(res),
            Filter::All => true,
        }
    }
}

/// An event a watch will deliver: parsed already, or bytes to parse when it is taken.
enum Pending {
    Ready(Arc<Event>),
    Stored {
        rv: u64,
        kind: EventType,
        resource: ResourceKey,
        key: String,
        object: Raw,
        old: Option<Raw>,
    },
}

impl Pending {
    fn into_event(self) -> Arc<Event> {
        match self {
            Pending::Ready(ev) => ev,
            Pending::Stored {
                rv,
                kind,
                resource,
                key,
                object,
                old,
            } => Arc::new(Event {
                rv,
                kind,
                resource,
                namespace: key_namespace(&key).to_string(),
                object: Arc::new(decode(&object)),
                old: old.map(|o| Arc::new(decode(&o))),
                raw: object,
            }),
        }
    }
}

/// A stream of events for one resource (see [`Store::watch`]), or a set of them
/// ([`Store::watch_set`]): a cursor into the store's history.
pub struct Watch {
    shared: Arc<Shared>,
    filter: Filter,
    namespace: Option<String>,
    queue: VecDeque<Pending>,
    /// How many of the queued events are the initial replay.
    initial: usize,
    /// History entries with rv <= this have been looked at.
    after: u64,
    /// Woken by commits to the watched resources.
    rxs: Vec<watch::Receiver<u64>>,
    /// The store's resourceVersion when the watch started.
    pub snapshot_rv: u64,
}

impl Watch {
    /// Queues synthetic ADDED events for the current objects of `resources`.
    fn replay_current(&mut self, inner: &Inner, resources: &[ResourceKey]) {
        for res in resources {
            let Some(m) = inner.objects.get(res) else {
                continue;
            };
            let (lower, prefix) = key_range(self.namespace.as_deref(), None);
            for (k, raw) in m
                .range((lower, Bound::Unbounded))
                .take_while(|(k, _)| prefix.as_ref().is_none_or(|p| k.starts_with(p)))
            {
                self.queue.push_back(Pending::Stored {
                    rv: inner.rv,
                    kind: EventType::Added,
                    resource: res.clone(),
                    key: k.clone(),
                    object: raw.clone(),
                    old: None,
                });
            }
        }
        self.initial = self.queue.len();
    }

    /// How many replay events are still queued (the synthetic ADDED / history part).
    pub fn replay_remaining(&self) -> usize {
        self.initial
    }

    /// Takes the history entries committed since the last look; Gone if some were compacted
    /// before this watch saw them.
    fn fill(&mut self) -> Result<(), WatchError> {
        let inner = self.shared.lock();
        // Seen under the lock: a commit after this wakes a receiver again.
        for rx in &mut self.rxs {
            rx.borrow_and_update();
        }
        if self.after < inner.compacted {
            return Err(WatchError::Gone {
                requested: self.after,
                oldest: inner.compacted + 1,
            });
        }
        let start = inner.history.partition_point(|e| e.rv <= self.after);
        for e in inner.history.range(start..) {
            if self.queue.len() >= WATCH_BATCH {
                break;
            }
            self.after = e.rv;
            if !self.filter.matches(&e.resource)
                || self
                    .namespace
                    .as_deref()
                    .is_some_and(|n| n != e.namespace())
            {
                continue;
            }
            self.queue.push_back(match &e.hot {
                Some(ev) => Pending::Ready(ev.clone()),
                None => Pending::Stored {
                    rv: e.rv,
                    kind: e.kind,
                    resource: e.resource.clone(),
                    key: e.key.clone(),
                    object: e.object.clone(),
                    old: e.old.clone(),
                },
            });
        }
        Ok(())
    }

    /// The next event if one is ready, without waiting.
    pub fn try_next(&mut self) -> Option<Result<Arc<Event>, WatchError>> {
        if self.queue.is_empty()
            && let Err(e) = self.fill()
        {
            return Some(Err(e));
        }
        let p = self.queue.pop_front()?;
        self.initial = self.initial.saturating_sub(1);
        Some(Ok(p.into_event()))
    }

    /// The next event; `Err(Gone)` if this watcher fell so far behind that the history it
    /// still had to see was compacted (the client must re-list). Never returns None: the
    /// store lives as long as the watch.
    pub async fn next(&mut self) -> Result<Arc<Event>, WatchError> {
        loop {
            if let Some(r) = self.try_next() {
                return r;
            }
            let changed: Vec<_> = self
                .rxs
                .iter_mut()
                .map(|rx| Box::pin(rx.changed()))
                .collect();
            if changed.is_empty() {
                std::future::pending::<()>().await;
            }
            if let (Err(_), _, _) = futures::future::select_all(changed).await {
                // The senders live in the store; closed means the store is gone.
                std::future::pending::<()>().await;
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
    #[test]
    fn range_reads_the_state_at_a_resource_version() {
        let s = Store::new();
        for n in ["a", "b", "c", "d"] {
            s.create(&res(), cm("d", n)).unwrap();
        }
        let first = s.range(&res(), Some("d"), None, None, 2).unwrap();
        assert_eq!(first.items.len(), 2);
        assert_eq!(first.rest, 2);
        let at = first.rv;
        // Changes after the first page: a new object, one deleted, one modified.
        s.create(&res(), cm("d", "bb")).unwrap();
        s.remove(&res(), "d", "c").unwrap();
        s.mutate(&res(), "d", "d", |o| {
            o["data"]["a"] = json!("changed");
            Ok(())
        })
        .unwrap();
        let second = s
            .range(&res(), Some("d"), Some("d/b"), Some(at), 10)
            .unwrap();
        let names: Vec<&str> = second.items.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["d/c", "d/d"]);
        assert_eq!(decode(&second.items[1].1)["data"]["a"], "1");
        assert_eq!(second.rv, at);
        let now = s.range(&res(), Some("d"), Some("d/b"), None, 10).unwrap();
        let names: Vec<&str> = now.items.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["d/bb", "d/d"]);
    }

    #[test]
    fn compacted_history_expires_paged_reads_and_watches() {
        let s = Store::with_history_limit(3);
        let start = s.current_rv();
        let mut w = s.watch(&res(), None, WatchFrom::After(start)).unwrap();
        for n in ["a", "b", "c", "d", "e"] {
            s.create(&res(), cm("d", n)).unwrap();
        }
        assert_eq!(
            s.range(&res(), None, None, Some(start + 1), 10).err(),
            Some(Compacted)
        );
        assert!(
            s.range(&res(), None, None, Some(s.current_rv() - 1), 10)
                .is_ok()
        );
        let e = futures::executor::block_on(w.next()).unwrap_err();
        assert_eq!(
            e.to_api_error().message,
            format!("too old resource version: {start} ({})", start + 3)
        );
    }

    #[test]
    fn watch_set_follows_several_resources_and_skips_others() {
        let s = Store::new();
        let pods = ResourceKey::new("", "pods");
        s.create(&res(), cm("d", "a")).unwrap();
        let mut w = s.watch_set(&[res(), pods.clone()], false);
        assert_eq!(w.replay_remaining(), 1);
        let ev = futures::executor::block_on(w.next()).unwrap();
        assert_eq!((ev.kind, name_of(&ev.object)), (EventType::Added, "a"));
        s.create(&ResourceKey::new("", "secrets"), cm("d", "s"))
            .unwrap();
        s.create(
            &pods,
            json!({"kind":"Pod","metadata":{"name":"p","namespace":"d"}}),
        )
        .unwrap();
        let ev = futures::executor::block_on(w.next()).unwrap();
        assert_eq!(
            (ev.resource.resource.as_str(), name_of(&ev.object)),
            ("pods", "p")
        );
        assert_eq!(decode(&ev.raw), *ev.object);
    }

    #[test]
    fn a_lagging_watch_reads_old_entries_from_bytes() {
        let s = Store::new();
        let mut w = s
            .watch(&res(), None, WatchFrom::After(s.current_rv()))
            .unwrap();
        for i in 0..(HOT_EVENTS + 10) {
            s.create(&res(), cm("d", &format!("o{i:04}"))).unwrap();
        }
        for i in 0..(HOT_EVENTS + 10) {
            let ev = futures::executor::block_on(w.next()).unwrap();
            assert_eq!(name_of(&ev.object), format!("o{i:04}"));
        }
        assert!(w.try_next().is_none());
    }
}
