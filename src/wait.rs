//! Watching until something holds: kubectl's `watchtools.UntilWithSync` (an informer:
//! list, then watch from the list's resourceVersion, resume a watch the server ended from
//! the last resourceVersion seen, re-list when that is too old: 410 Gone) and the plain
//! [`Watcher`] stream under it, which `get -w` prints. `delete --wait`, `rollout status`,
//! `wait`, `scale --timeout`, `replace --force` and the first pod of a selector
//! (`resource::polymorphic`) stand on [`until`].

use std::collections::HashMap;
use std::time::Duration;

use futures::{AsyncBufReadExt, StreamExt};
use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::resource::request::with_query;
use crate::resource::visit::{self, Info, Lister, Requester};

/// What is watched: a collection (its path and selectors) or one object of it (the
/// `metadata.name` field selector, as kubectl watches one object).
#[derive(Clone)]
pub struct Watched {
    /// How requests are made (`Accept`: JSON, or Tables for `get -w`).
    pub requester: Requester,
    /// The collection's path (`/api/v1/namespaces/ns/pods`).
    pub path: String,
    /// `labelSelector` / `fieldSelector`.
    pub selectors: Vec<(&'static str, String)>,
}

impl Watched {
    /// The collection at `path` with `selectors`.
    pub fn collection(
        requester: Requester,
        path: String,
        selectors: Vec<(&'static str, String)>,
    ) -> Self {
        Watched {
            requester,
            path,
            selectors,
        }
    }

    /// One named object (`fieldSelector=metadata.name=NAME` on its collection).
    pub fn object(requester: Requester, info: &Info) -> Self {
        let path = info.resource.path(info.namespace.as_deref(), None);
        let selectors = vec![("fieldSelector", format!("metadata.name={}", info.name))];
        Watched::collection(requester, path, selectors)
    }

    /// The objects now, and the list's resourceVersion to watch from.
    pub async fn list(&self) -> Result<(Vec<Value>, String), kube::Error> {
        let mut lister = Lister::new(
            self.requester.clone(),
            self.path.clone(),
            self.selectors.clone(),
            500,
        );
        let mut items = Vec::new();
        let mut rv = String::new();
        while let Some(page) = lister.next_page().await? {
            if let Some(v) = page
                .pointer("/metadata/resourceVersion")
                .and_then(Value::as_str)
            {
                rv = v.to_string();
            }
            items.extend(crate::resource::visit::flatten(page));
        }
        Ok((items, rv))
    }
}

/// One watch event: `ADDED`, `MODIFIED`, `DELETED` or `ERROR` (bookmarks are not shown).
#[derive(Debug, Clone)]
pub struct Event {
    /// The event type, as the server sends it.
    pub kind: String,
    /// The object (for `ERROR`, a `Status`).
    pub object: Value,
}

impl Event {
    /// An `ERROR` event's Status code (410: the resourceVersion is too old).
    pub fn error_code(&self) -> Option<u16> {
        (self.kind == "ERROR")
            .then(|| self.object.get("code").and_then(Value::as_u64))
            .flatten()
            .and_then(|c| u16::try_from(c).ok())
    }
}

type Lines = futures::io::Lines<std::pin::Pin<Box<dyn futures::AsyncBufRead + Send>>>;

/// A watch from a resourceVersion, event by event. With [`resume`](Self::resume) a watch
/// the server ends is opened again from the last resourceVersion seen (no event lost or
/// repeated); without it (kubectl's `get -w`) the end of the watch is the end.
pub struct Watcher {
    watched: Watched,
    rv: String,
    resume: bool,
    lines: Option<Lines>,
    /// Resumed watches in a row that ended without an event (each waits a little longer).
    idle_ends: u32,
}

impl Watcher {
    /// Watch `watched` from `resource_version` (`"0"`: from any recent state, which starts
    /// with synthetic `ADDED` events).
    pub fn new(watched: Watched, resource_version: impl Into<String>) -> Self {
        Watcher {
            watched,
            rv: resource_version.into(),
            resume: false,
            lines: None,
            idle_ends: 0,
        }
    }

    /// Re-open the watch when the server ends it.
    pub fn resume(mut self, yes: bool) -> Self {
        self.resume = yes;
        self
    }

    /// The last resourceVersion seen.
    pub fn resource_version(&self) -> &str {
        &self.rv
    }

    /// The next event; `None` when the server ended the watch (and it is not resumed).
    /// Opening the watch can fail with the server's Status (410 when the resourceVersion is
    /// too old).
    pub async fn next(&mut self) -> Result<Option<Event>, kube::Error> {
        loop {
            if self.lines.is_none() {
                self.lines = Some(self.open().await?);
            }
            let lines = self.lines.as_mut().expect("just opened");
            let Some(Ok(line)) = lines.next().await else {
                self.lines = None;
                if self.resume {
                    // A server that keeps ending watches at once is not hammered: a growing
                    // pause (up to 1.6 s) after each resumed watch that delivered nothing.
                    self.idle_ends = (self.idle_ends + 1).min(5);
                    tokio::time::sleep(Duration::from_millis(50 << self.idle_ends)).await;
                    continue;
                }
                return Ok(None);
            };
            self.idle_ends = 0;
            if line.trim().is_empty() {
                continue;
            }
            let ev: Value = serde_json::from_str(&line).map_err(kube::Error::SerdeError)?;
            let kind = ev
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let object = ev.get("object").cloned().unwrap_or(Value::Null);
            if kind != "ERROR"
                && let Some(rv) = object
                    .pointer("/metadata/resourceVersion")
                    .and_then(Value::as_str)
            {
                self.rv = rv.to_string();
            }
            if kind == "BOOKMARK" {
                continue;
            }
            return Ok(Some(Event { kind, object }));
        }
    }

    async fn open(&self) -> Result<Lines, kube::Error> {
        let mut q = self.watched.selectors.clone();
        q.push(("resourceVersion", self.rv.clone()));
        q.push(("watch", "true".into()));
        let req = http::Request::get(with_query(&self.watched.path, &q))
            .header(http::header::ACCEPT, self.watched.requester.accept)
            .header(http::header::ACCEPT_ENCODING, "identity")
            .body(Vec::new())
            .map_err(kube::Error::HttpError)?;
        let stream = self.watched.requester.client.request_stream(req).await?;
        let reader: std::pin::Pin<Box<dyn futures::AsyncBufRead + Send>> = Box::pin(stream);
        Ok(reader.lines())
    }
}

/// Why [`until`] stopped without an answer.
#[derive(Debug)]
pub enum WaitError {
    /// The timeout passed (kubectl: `timed out waiting for the condition`).
    Timeout,
    /// A request failed.
    Failed(kube::Error),
}

impl WaitError {
    /// kubectl's words for it: `timed out waiting for the condition`, or the failed
    /// request's error.
    pub fn into_error(self, ctx: &Ctx) -> Error {
        match self {
            WaitError::Timeout => Error::msg("timed out waiting for the condition"),
            WaitError::Failed(e) => ctx.kube_error(e),
        }
    }
}

/// What the condition decides on each step.
pub enum Step<T> {
    /// Keep watching.
    Wait,
    /// Done, with this answer.
    Done(T),
}

/// kubectl's `watchtools.UntilWithSync`: list `watched`, let `precondition` look at the
/// listed objects, then hand `condition` every change — the listed objects first as
/// `ADDED`, then each watch event — until one of them is [`Step::Done`] or `timeout`
/// passes (`None`: no limit). A watch the server ends is resumed from the last
/// resourceVersion; when that is too old (410) everything is listed again: objects that
/// changed come as `MODIFIED`, objects that went as `DELETED`, and `precondition` sees the
/// new list.
pub async fn until<T>(
    watched: &Watched,
    timeout: Option<Duration>,
    mut precondition: impl FnMut(&[Value]) -> Step<T>,
    mut condition: impl FnMut(&Event) -> Step<T>,
) -> std::result::Result<T, WaitError> {
    let work = async {
        // Every object seen, by namespace/name, with its resourceVersion.
        let mut known: HashMap<String, String> = HashMap::new();
        loop {
            let (items, rv) = watched.list().await.map_err(WaitError::Failed)?;
            if let Step::Done(t) = precondition(&items) {
                return Ok(t);
            }
            let mut now: HashMap<String, String> = HashMap::new();
            for obj in items {
                let (key, obj_rv) = (key_of(&obj), rv_of(&obj));
                let kind = match known.get(&key) {
                    None => "ADDED",
                    Some(old) if *old != obj_rv => "MODIFIED",
                    Some(_) => {
                        now.insert(key, obj_rv);
                        continue;
                    }
                };
                now.insert(key, obj_rv);
                let ev = Event {
                    kind: kind.to_string(),
                    object: obj,
                };
                if let Step::Done(t) = condition(&ev) {
                    return Ok(t);
                }
            }
            for gone in known.keys().filter(|k| !now.contains_key(*k)) {
                let (namespace, name) = gone.split_once('/').unwrap_or(("", gone));
                let ev = Event {
                    kind: "DELETED".into(),
                    object: serde_json::json!({"metadata": {"namespace": namespace, "name": name}}),
                };
                if let Step::Done(t) = condition(&ev) {
                    return Ok(t);
                }
            }
            known = now;
            let mut watcher = Watcher::new(watched.clone(), rv).resume(true);
            loop {
                let ev = match watcher.next().await {
                    Ok(Some(ev)) => ev,
                    Ok(None) => unreachable!("a resumed watch does not end"),
                    Err(kube::Error::Api(s)) if s.code == 410 => break,
                    Err(e) => return Err(WaitError::Failed(e)),
                };
                if ev.error_code() == Some(410) {
                    break;
                }
                if ev.kind != "ERROR" {
                    let key = key_of(&ev.object);
                    if ev.kind == "DELETED" {
                        known.remove(&key);
                    } else {
                        known.insert(key, rv_of(&ev.object));
                    }
                }
                if let Step::Done(t) = condition(&ev) {
                    return Ok(t);
                }
            }
        }
    };
    match timeout {
        None => work.await,
        Some(d) => tokio::time::timeout(d, work)
            .await
            .unwrap_or(Err(WaitError::Timeout)),
    }
}

fn key_of(obj: &Value) -> String {
    let meta = |k: &str| {
        obj.pointer(&format!("/metadata/{k}"))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    format!("{}/{}", meta("namespace"), meta("name"))
}

fn rv_of(obj: &Value) -> String {
    obj.pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// kubectl's `wait --for=delete` as `delete` runs it (`cmdwait.IsDeleted` over the deleted
/// objects, one deadline for all): each object is gone when its GET is NotFound or finds
/// another UID (a successor of the same name); otherwise its deletion is watched for.
/// Stops at the first failure, as kubectl's visitor does: `timed out waiting for the
/// condition on pods/NAME`. A server that forbids or does not serve the GET or watch ends
/// the wait quietly (kubectl logs it at -v=1).
pub async fn until_deleted(
    ctx: &Ctx,
    requester: &Requester,
    deleted: &[(Info, Option<String>)],
    timeout: Duration,
) -> Result<()> {
    let deadline = tokio::time::Instant::now() + timeout;
    let quiet =
        |e: &kube::Error| matches!(e, kube::Error::Api(s) if s.code == 403 || s.code == 405);
    for (info, uid) in deleted {
        let current = match info.get(requester, None).await {
            Err(e) if visit::is_not_found(&e) => continue,
            Err(e) if quiet(&e) => return Ok(()),
            Err(e) => return Err(ctx.kube_error(e)),
            Ok(o) => o,
        };
        let current_uid = current.pointer("/metadata/uid").and_then(Value::as_str);
        if uid.is_some() && current_uid != uid.as_deref() {
            continue;
        }
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let timed_out = || {
            Error::msg(format!(
                "timed out waiting for the condition on {}/{}",
                info.resource.resource, info.name
            ))
        };
        if left.is_zero() {
            return Err(timed_out());
        }
        let watched = Watched::object(requester.clone(), info);
        let gone = until(
            &watched,
            Some(left),
            |objects| {
                if objects.is_empty() {
                    Step::Done(())
                } else {
                    Step::Wait
                }
            },
            |ev| match ev.kind.as_str() {
                "DELETED" => Step::Done(()),
                "ERROR" => {
                    // kubectl keeps waiting (the server closes a watch it cannot serve).
                    let msg = ev
                        .object
                        .get("message")
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let _ = ctx.ui().eprint(&format!(
                        "error: An error occurred while waiting for the object to be deleted: {msg}"
                    ));
                    Step::Wait
                }
                _ => Step::Wait,
            },
        )
        .await;
        match gone {
            Ok(()) => {}
            Err(WaitError::Timeout) => return Err(timed_out()),
            Err(WaitError::Failed(e)) if quiet(&e) => return Ok(()),
            Err(WaitError::Failed(e)) => return Err(ctx.kube_error(e)),
        }
    }
    Ok(())
}

/// The signals kubectl's interrupt handler turns into exit status 1 (SIGINT, SIGTERM,
/// SIGHUP, SIGQUIT): `select!` a long wait against [`Interrupts::recv`].
pub struct Interrupts {
    signals: Vec<tokio::signal::unix::Signal>,
}

impl Interrupts {
    /// Start catching the signals.
    pub fn new() -> Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        let kinds = [
            SignalKind::interrupt(),
            SignalKind::terminate(),
            SignalKind::hangup(),
            SignalKind::quit(),
        ];
        let signals = kinds
            .into_iter()
            .map(signal)
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Interrupts { signals })
    }

    /// Resolves when one of the signals arrives.
    pub async fn recv(&mut self) {
        let waits = self.signals.iter_mut().map(|s| Box::pin(s.recv()));
        futures::future::select_all(waits).await;
    }
}
