//! `get -w` / `--watch-only`: list or get, print, then stream watch events through the same
//! printer until the server ends the watch (exit 0) or a signal arrives (exit 1).

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
    // kubectl's get -w does not resume: the server ending the watch ends the command.
    let mut watcher = Watcher::new(watched, rv);
    // A watch on one named object starts with a synthetic ADDED for its current state.
    let mut skip = !is_list;
    let mut interrupted = Interrupts::new()?;
    loop {
        let next = tokio::select! {
            ev = watcher.next() => ev,
            _ = interrupted.recv() => {
                // kubectl's interrupt handler exits 1 on SIGINT/SIGTERM/SIGHUP/SIGQUIT.
                return Err(Error::Exit(1));
            }
        };
        let ev = match next {
            Ok(Some(ev)) => ev,
            // The server ending the watch is a normal end (exit 0), as in kubectl.
            Ok(None) => break,
            Err(kube::Error::SerdeError(e)) => {
                return Err(Error::msg(format!("unable to decode watch event: {e}")));
            }
            Err(e) => return Err(ctx.kube_error(e)),
        };
        let mut obj = ev.object;
        if ev.kind == "ERROR" {
            let status: kube::core::Status = serde_json::from_value(obj)
                .map_err(|e| Error::msg(format!("unable to decode watch error: {e}")))?;
            return Err(Error::Api(Box::new(status)));
        }
        if strip_managed(args) && !events {
            printers::strip_managed_fields(&mut obj);
        }
        if skip {
            skip = false;
            continue;
        }
        let mut buf = Vec::new();
        if events {
            printer.print_event(&ev.kind, &obj, &mut buf)?;
        } else {
            printer.print(&obj, &mut buf)?;
        }
        printer.finish(&mut buf)?;
        ctx.ui().out().write_all(&buf)?;
        ctx.ui().flush()?;
    }
    Ok(())
}
