//! Following several logs at once.
//!
//! [`all`] is kubectl's `parallelConsumeRequest`: a fixed set of streams read concurrently,
//! each line written whole. [`run`] is what kubectl never learned (`logs -f -l`, `logs -f
//! TYPE/NAME --all-pods`): it watches the selector, starts following a container as soon as a
//! new instance of it runs (a pod created later, a restarted container), and lets a stream go
//! when its container stops or its pod is deleted. It ends when every pod it has seen has
//! finished (a Job's pods); with none yet, or after all were deleted, it waits for more.

use std::collections::{BTreeMap, BTreeSet};
use std::pin::Pin;

use futures::stream::FuturesUnordered;
use futures::{Future, StreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::api::{ListParams, WatchEvent, WatchParams};

use super::container;
use super::logs::{self, LineWriter, PrefixStyle, Query, Source};
use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// Which containers of each pod are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Containers {
    /// The default container (annotation, else the first).
    Default,
    /// `--all-containers`.
    All,
    /// `-c NAME`.
    Named(String),
}

/// kubectl's `--ignore-errors` line for a failed stream (written to stdout).
pub fn ignored(e: &Error) -> String {
    let msg = match e {
        Error::Api(s) => s.message.clone(),
        other => other.to_string(),
    };
    format!("error: {msg}\n")
}

type Running<'a> = Pin<Box<dyn Future<Output = Result<()>> + 'a>>;

fn start<'a>(ctx: &'a Ctx, src: Source, q: &Query, style: PrefixStyle) -> Running<'a> {
    let mut q = q.clone();
    q.container = src.container.clone();
    Box::pin(async move {
        let mut out = LineWriter::new(ctx.ui(), style.prefix(&src), true);
        logs::read(ctx, &src, &q, &mut out).await
    })
}

/// Handle one finished stream: its error ends everything unless errors are ignored.
fn settle(ctx: &Ctx, r: Result<()>, ignore_errors: bool) -> Result<()> {
    match r {
        Err(e) if ignore_errors => {
            ctx.ui().print(&ignored(&e))?;
            ctx.ui().flush()?;
            Ok(())
        }
        other => other,
    }
}

/// Follow a fixed set of streams concurrently until all end.
pub async fn all(
    ctx: &Ctx,
    sources: &[Source],
    q: &Query,
    style: PrefixStyle,
    ignore_errors: bool,
) -> Result<()> {
    let mut active: FuturesUnordered<Running<'_>> = sources
        .iter()
        .map(|s| start(ctx, s.clone(), q, style))
        .collect();
    while let Some(r) = active.next().await {
        settle(ctx, r, ignore_errors)?;
    }
    Ok(())
}

/// A selector follow.
pub struct Plan {
    /// Where the pods are.
    pub namespace: String,
    /// Their label selector.
    pub selector: String,
    /// Which containers of each pod.
    pub containers: Containers,
    /// The log options (for pods seen at the start; later ones start at their beginning).
    pub query: Query,
    /// Line prefixes.
    pub style: PrefixStyle,
    /// `--ignore-errors`.
    pub ignore_errors: bool,
    /// The pods listed at the start (their default containers were announced already).
    pub initial: Vec<Pod>,
    /// The resourceVersion of that list: the watch starts there.
    pub resource_version: String,
}

/// The instance of a container that has started (running or finished), if any.
fn started_instance(pod: &Pod, name: &str) -> Option<String> {
    let status = pod.status.as_ref()?;
    let cs = status
        .container_statuses
        .iter()
        .flatten()
        .chain(status.init_container_statuses.iter().flatten())
        .chain(status.ephemeral_container_statuses.iter().flatten())
        .find(|c| c.name == name)?;
    let state = cs.state.as_ref()?;
    if state.running.is_some() {
        return Some(cs.container_id.clone().unwrap_or_default());
    }
    state
        .terminated
        .as_ref()
        .map(|t| t.container_id.clone().unwrap_or_default())
}

fn finished(pod: &Pod) -> bool {
    matches!(
        pod.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Succeeded" | "Failed")
    )
}

fn names(pod: &Pod, which: &Containers) -> Vec<String> {
    match which {
        Containers::All => container::all(pod),
        Containers::Named(n) => container::find(pod, n)
            .map(|f| vec![f.name])
            .unwrap_or_default(),
        Containers::Default => {
            let annotated = pod
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(container::DEFAULT_ANNOTATION))
                .filter(|a| container::find(pod, a).is_some());
            annotated
                .cloned()
                .or_else(|| {
                    pod.spec
                        .as_ref()
                        .and_then(|s| s.containers.first())
                        .map(|c| c.name.clone())
                })
                .into_iter()
                .collect()
        }
    }
}

struct Tracker<'a> {
    ctx: &'a Ctx,
    plan: &'a Plan,
    /// The query for pods that appear later: from their beginning.
    later: Query,
    /// (pod, container, instance) already followed.
    followed: BTreeSet<(String, String, String)>,
    /// Known pods by name: finished or not.
    pods: BTreeMap<String, bool>,
    active: FuturesUnordered<Running<'a>>,
}

impl<'a> Tracker<'a> {
    /// Note a pod's current state and follow every container instance not followed yet.
    fn observe(&mut self, pod: &Pod, query: Option<&Query>) {
        let name = pod.metadata.name.clone().unwrap_or_default();
        self.pods.insert(name.clone(), finished(pod));
        for c in names(pod, &self.plan.containers) {
            // A container still waiting to start is picked up when it runs.
            let Some(instance) = started_instance(pod, &c) else {
                continue;
            };
            if !self.followed.insert((name.clone(), c.clone(), instance)) {
                continue;
            }
            let src = Source {
                namespace: self.plan.namespace.clone(),
                pod: name.clone(),
                container: c,
            };
            let q = query.unwrap_or(&self.later);
            self.active.push(start(self.ctx, src, q, self.plan.style));
        }
    }

    fn done(&self) -> bool {
        self.active.is_empty() && !self.pods.is_empty() && self.pods.values().all(|f| *f)
    }
}

/// Follow every pod matching `plan.selector`, as it comes and goes.
pub async fn run(ctx: &Ctx, plan: Plan) -> Result<()> {
    let client = ctx.client().await?;
    let api: kube::Api<Pod> = kube::Api::namespaced(client, &plan.namespace);
    let mut later = plan.query.clone();
    later.tail_lines = None;
    let mut t = Tracker {
        ctx,
        plan: &plan,
        later,
        followed: BTreeSet::new(),
        pods: BTreeMap::new(),
        active: FuturesUnordered::new(),
    };
    for pod in &plan.initial {
        t.observe(pod, Some(&plan.query));
    }
    let mut rv = plan.resource_version.clone();
    let mut events = None;
    loop {
        if t.done() {
            return Ok(());
        }
        if events.is_none() {
            let wp = WatchParams::default().labels(&plan.selector);
            let s = api.watch(&wp, &rv).await.map_err(|e| ctx.kube_error(e))?;
            events = Some(s.boxed());
        }
        let Some(stream) = events.as_mut() else {
            continue;
        };
        tokio::select! {
            Some(r) = t.active.next() => settle(ctx, r, plan.ignore_errors)?,
            ev = stream.next() => match ev {
                None => events = None,
                // A broken watch is resumed; an API refusal ends the follow.
                Some(Err(kube::Error::Api(s))) => return Err(Error::Api(s)),
                Some(Err(_)) => events = None,
                Some(Ok(WatchEvent::Error(s))) if s.code == 410 => {
                    // Too old: list again and carry on from there.
                    events = None;
                    let lp = ListParams::default().labels(&plan.selector);
                    let list = api.list(&lp).await.map_err(|e| ctx.kube_error(e))?;
                    rv = list.metadata.resource_version.clone().unwrap_or_default();
                    let listed: BTreeSet<String> =
                        list.items.iter().filter_map(|p| p.metadata.name.clone()).collect();
                    t.pods.retain(|n, _| listed.contains(n));
                    for pod in &list.items {
                        t.observe(pod, None);
                    }
                }
                Some(Ok(WatchEvent::Error(s))) => return Err(Error::Api(s)),
                Some(Ok(WatchEvent::Bookmark(b))) => rv = b.metadata.resource_version,
                Some(Ok(WatchEvent::Deleted(pod))) => {
                    rv = pod.metadata.resource_version.clone().unwrap_or(rv);
                    if let Some(n) = &pod.metadata.name {
                        t.pods.remove(n);
                    }
                }
                Some(Ok(WatchEvent::Added(pod) | WatchEvent::Modified(pod))) => {
                    rv = pod.metadata.resource_version.clone().unwrap_or(rv);
                    t.observe(&pod, None);
                }
            },
        }
    }
}
