//! `get -w` / `--watch-only`: list or get, print, then stream watch events through the same
//! printer until `--request-timeout` (exit 0) or a signal (exit 1). Unlike kubectl, which
//! stops when the server or the network ends its watch, kk resumes from the last
//! resourceVersion it saw and, when that is too old (410), lists again and prints only the
//! differences, so every change is printed exactly once.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::Value;

use super::{Args, same_type, strip_managed};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::printers::{self, Printer, name};
use crate::resource::builder::{self, Target};
use crate::resource::visit::{Info, Lister, Visitor, flatten, selectors};
use crate::wait::{Interrupts, Watched, Watcher};

/// `-w` / `--watch-only`: print the current state (unless watch-only), then every event
/// until the server ends the watch.
pub(super) async fn watch_targets(
    ctx: &Ctx,
    args: &Args,
    objects: &Visitor<'_>,
    mut printer: Box<dyn Printer>,
    human: bool,
) -> Result<()> {
    let targets = objects.targets();
    let requester = objects.requester();
    if args.print.sort_by.as_deref().is_some_and(|s| !s.is_empty()) {
        let msg = if args.watch_only.unwrap_or(false) {
            "warning: --watch-only requested, --sort-by will be ignored\n"
        } else {
            "warning: --watch requested, --sort-by will be ignored for watch events received\n"
        };
        ctx.ui().eprint(msg)?;
    }
    let Some(first) = targets.first() else {
        return Err(Error::msg(builder::MISSING_RESOURCE));
    };
    if targets
        .iter()
        .any(|t| !same_type(t.resource(), first.resource()))
    {
        return Err(Error::msg(
            "watch is only supported on individual resources and resource collections - more than 1 resource was found",
        ));
    }
    let events = args.output_watch_events.unwrap_or(false);
    let watch_only = args.watch_only.unwrap_or(false);
    let all_ns = args.select.all_namespaces();
    let mut head = Vec::new();
    let prefix = args
        .print
        .show_kind()
        .then(|| name::kind_ref(&first.resource().kind, &first.resource().group));
    // kubectl's watch printer takes -A as is, even for cluster-scoped types.
    printer.begin_kind(prefix.as_deref(), all_ns, &mut head)?;
    ctx.ui().out().write_all(&head)?;

    let mut current = Vec::new();
    for t in targets {
        match t {
            Target::Object {
                resource,
                namespace,
                name,
                ..
            } => {
                let info = Info {
                    resource: resource.clone(),
                    namespace: namespace.clone(),
                    name: name.clone(),
                    source: None,
                    object: None,
                };
                let sub = args.subresource.as_deref().filter(|s| !s.is_empty());
                current.push(
                    info.get(requester, sub)
                        .await
                        .map_err(|e| ctx.kube_error(e))?,
                );
            }
            Target::Collection { .. } => {
                let mut pages = Lister::for_target(requester.clone(), t, args.chunk_size);
                while let Some(page) = pages.next_page().await.map_err(|e| ctx.kube_error(e))? {
                    current.push(page);
                }
            }
        }
    }
    let is_list = matches!(first, Target::Collection { .. });
    let rv = if is_list {
        current
            .last()
            .and_then(|c| c.pointer("/metadata/resourceVersion"))
            .and_then(Value::as_str)
            .unwrap_or("0")
            .to_string()
    } else {
        "0".to_string()
    };
    let listed = if is_list { current.clone() } else { Vec::new() };
    if !watch_only {
        let mut buf = Vec::new();
        for obj in current {
            let objs = if human { vec![obj] } else { flatten(obj) };
            for mut o in objs {
                // With --output-watch-events the printer sees the event wrapper, which has
                // no managedFields of its own: kubectl leaves the object's in place.
                if strip_managed(args) && !events {
                    printers::strip_managed_fields(&mut o);
                }
                if events {
                    printer.print_event("ADDED", &o, &mut buf)?;
                } else {
                    printer.print(&o, &mut buf)?;
                }
            }
        }
        printer.finish(&mut buf)?;
        ctx.ui().out().write_all(&buf)?;
        ctx.ui().flush()?;
    }
    if targets.len() > 1 {
        return Err(Error::msg(
            "you may only watch a single resource or type of resource at a time",
        ));
    }

    let watched = match first {
        Target::Object {
            resource,
            namespace,
            name,
            ..
        } => Watched::collection(
            requester.clone(),
            resource.path(namespace.as_deref(), None),
            vec![("fieldSelector", format!("metadata.name={name}"))],
        ),
        Target::Collection {
            label_selector,
            field_selector,
            ..
        } => Watched::collection(
            requester.clone(),
            first.path(),
            selectors(label_selector.as_deref(), field_selector.as_deref()),
        ),
    };
    let mut state = Resume {
        rv,
        // A watch on one named object starts with a synthetic ADDED for its current state.
        skip_first: !is_list,
        known: BTreeMap::new(),
    };
    if is_list {
        for page in &listed {
            for item in items(page) {
                state.note(item);
            }
        }
    }
    let mut out = Out {
        ctx,
        printer: printer.as_mut(),
        events,
        strip: strip_managed(args) && !events,
    };
    // `--request-timeout` bounds the whole watch, resumptions included; reaching it is a
    // normal end (exit 0), as in kubectl.
    let timeout = ctx.client_settings().await?.request_timeout;
    let follow = follow(ctx, &watched, &mut state, &mut out);
    let mut interrupted = Interrupts::new()?;
    tokio::select! {
        r = async {
            match timeout {
                Some(t) => tokio::time::timeout(t, follow).await.unwrap_or(Ok(())),
                None => follow.await,
            }
        } => r,
        // kubectl's interrupt handler exits 1 on SIGINT/SIGTERM/SIGHUP/SIGQUIT.
        _ = interrupted.recv() => Err(Error::Exit(1)),
    }
}

/// Where a watch resumes: the last resourceVersion seen and every object's last printed
/// state (a re-list after a 410 prints only what changed since).
struct Resume {
    rv: String,
    skip_first: bool,
    known: BTreeMap<(String, String), Value>,
}

impl Resume {
    /// Remember `item` as printed; returns whether it is new or changed since last printed.
    fn note(&mut self, item: Value) -> bool {
        let Some((key, rv)) = identity(&item) else {
            return true;
        };
        let changed = self.known.get(&key).and_then(identity).map(|(_, r)| r) != Some(rv);
        self.known.insert(key, item);
        changed
    }
}

/// Prints watch events through the `get` printer.
struct Out<'a> {
    ctx: &'a Ctx,
    printer: &'a mut dyn Printer,
    events: bool,
    strip: bool,
}

impl Out<'_> {
    fn event(&mut self, kind: &str, obj: &Value) -> Result<()> {
        let mut buf = Vec::new();
        if self.events {
            self.printer.print_event(kind, obj, &mut buf)?;
        } else if self.strip {
            let mut o = obj.clone();
            printers::strip_managed_fields(&mut o);
            self.printer.print(&o, &mut buf)?;
        } else {
            self.printer.print(obj, &mut buf)?;
        }
        self.printer.finish(&mut buf)?;
        self.ctx.ui().out().write_all(&buf)?;
        self.ctx.ui().flush()?;
        Ok(())
    }
}

/// Watch from `state.rv` and print every event, for as long as the server lets us: the shared
/// [`Watcher`] opens a watch the server or the network ends again from the last
/// resourceVersion seen (so no event is lost or repeated); a 410 Expired (that version is
/// gone from the server's history) is answered with a fresh list whose differences are
/// printed as events.
async fn follow(ctx: &Ctx, watched: &Watched, state: &mut Resume, out: &mut Out<'_>) -> Result<()> {
    loop {
        let mut watcher = Watcher::new(watched.clone(), state.rv.clone()).resume(true);
        loop {
            let ev = match watcher.next().await {
                Ok(Some(ev)) => ev,
                Ok(None) => unreachable!("a resumed watch does not end"),
                // Too old, answered before the stream starts (the apiserver's watch cache).
                Err(kube::Error::Api(s)) if s.code == 410 => break,
                Err(kube::Error::SerdeError(e)) => {
                    return Err(Error::msg(format!("unable to decode watch event: {e}")));
                }
                Err(e) => return Err(ctx.kube_error(e)),
            };
            if ev.error_code() == Some(410) {
                break;
            }
            if ev.kind == "ERROR" {
                let status: kube::core::Status = serde_json::from_value(ev.object)
                    .map_err(|e| Error::msg(format!("unable to decode watch error: {e}")))?;
                return Err(Error::Api(Box::new(status)));
            }
            state.rv = watcher.resource_version().to_string();
            if let Some((key, _)) = identity(&ev.object) {
                if ev.kind == "DELETED" {
                    state.known.remove(&key);
                } else {
                    state.note(ev.object.clone());
                }
            }
            if std::mem::take(&mut state.skip_first) {
                continue;
            }
            out.event(&ev.kind, &ev.object)?;
        }
        relist(ctx, watched, state, out).await?;
    }
}

/// After a 410: list again and print what changed since the last event seen (new and
/// changed objects as ADDED/MODIFIED, vanished ones as DELETED with their last state).
async fn relist(ctx: &Ctx, watched: &Watched, state: &mut Resume, out: &mut Out<'_>) -> Result<()> {
    let mut pages = Vec::new();
    let mut lister = Lister::new(
        watched.requester.clone(),
        watched.path.clone(),
        watched.selectors.clone(),
        500,
    );
    while let Some(page) = lister.next_page().await.map_err(|e| ctx.kube_error(e))? {
        pages.push(page);
    }
    let list_rv = pages
        .last()
        .and_then(|p| p.pointer("/metadata/resourceVersion"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut gone = std::mem::take(&mut state.known);
    for page in &pages {
        for item in items(page) {
            let Some((key, _)) = identity(&item) else {
                continue;
            };
            let before = gone.remove(&key);
            state.known.extend(before.clone().map(|b| (key.clone(), b)));
            if state.note(item.clone()) {
                out.event(
                    if before.is_some() {
                        "MODIFIED"
                    } else {
                        "ADDED"
                    },
                    &item,
                )?;
            }
        }
    }
    for (_, last) in gone {
        out.event("DELETED", &last)?;
    }
    state.skip_first = false;
    if !list_rv.is_empty() {
        state.rv = list_rv;
    }
    Ok(())
}

/// A page's objects one by one: a list's items, or a Table's rows as one-row Tables.
fn items(page: &Value) -> Vec<Value> {
    if page.get("kind").and_then(Value::as_str) == Some("Table") {
        let rows = page
            .get("rows")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        return rows
            .into_iter()
            .map(|row| {
                let mut one = page.clone();
                one["rows"] = Value::Array(vec![row]);
                one
            })
            .collect();
    }
    flatten(page.clone())
}

/// An object's (namespace, name) and resourceVersion; a one-row Table's from its row.
fn identity(v: &Value) -> Option<((String, String), String)> {
    let meta = if v.get("kind").and_then(Value::as_str) == Some("Table") {
        v.pointer("/rows/0/object/metadata")?
    } else {
        v.get("metadata")?
    };
    let s = |k: &str| {
        meta.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let name = s("name");
    if name.is_empty() {
        return None;
    }
    Some(((s("namespace"), name), s("resourceVersion")))
}
