//! `kk rollout status`: watch each object (list, then watch, as kubectl's `UntilWithSync`)
//! and print its status viewer's line on every change until the rollout is done — or once
//! with `--watch=false` — with kubectl's errors: an exceeded progress deadline, a deleted
//! object, `timed out waiting for the condition`, exit 1 on an interrupt.

use std::cell::RefCell;

use serde_json::Value;

use super::{Targets, live};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{GoDuration, Pflag};
use crate::resource::polymorphic::{Workload, rollout};
use crate::resource::visit::{Info, Requester};
use crate::wait::{self, Interrupts, Step, Watched};

/// Show the status of the rollout.
///
/// Show the status of the rollout.
///
///  By default 'rollout status' will watch the status of the latest rollout until it's done.
/// If you don't want to wait for the rollout to finish then you can use --watch=false. Note
/// that if a new rollout starts in-between, then 'rollout status' will continue watching the
/// latest revision. If you want to pin to a specific revision and abort if it is rolled over
/// by another revision, use --revision=N where N is the revision you need to watch for.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub targets: Targets,
    /// Pin to a specific revision for showing its status. Defaults to 0 (last revision).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true, value_name = "REVISION",
          value_parser = crate::go::parse_int64)]
    pub revision: i64,
    /// The length of time to wait before ending watch, zero means never. Any other values
    /// should contain a corresponding time unit (e.g. 1s, 2m, 3h).
    #[arg(long, default_value = "0s", value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub timeout: GoDuration,
    /// Watch the status of the rollout until it's done.
    #[arg(short = 'w', long, pflag_bool())]
    pub watch: Option<bool>,
}

const EXAMPLES: &str = "  # Watch the rollout status of a deployment
  kk rollout status deployment/nginx";

/// Run `kk rollout status`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    args.targets.validate()?;
    if args.revision < 0 {
        return Err(Error::msg(format!(
            "revision must be a positive integer: {}",
            args.revision
        )));
    }
    // kubectl's status builds its clients before any builder runs (so a configuration
    // problem is reported as the client's, not the builder's).
    ctx.client().await?;
    let mut objects = args.targets.visit(ctx).await?;
    let requester = objects.requester().clone();
    let mut found = false;
    while let Some(info) = objects.next().await {
        found = true;
        if Workload::of(info.object.as_ref().unwrap_or(&Value::Null)).is_none_or(|w| {
            !matches!(
                w,
                Workload::Deployment | Workload::DaemonSet | Workload::StatefulSet
            )
        }) {
            objects.fail(Error::msg(format!(
                "no status viewer has been implemented for {}",
                group_kind(&info)
            )));
            continue;
        }
        let watched = Watched::object(requester.clone(), &info);
        let live = ctx.ui().stdout_is_tty()
            && args.watch != Some(false)
            && ctx.env().get("TERM") != Some("dumb");
        let r = if live {
            watch_live(ctx, &requester, &watched, args).await
        } else {
            watch(ctx, &watched, args).await
        };
        if let Err(e) = r {
            objects.fail(e);
        }
    }
    objects.finish()?;
    if !found {
        super::no_resources(ctx).await?;
    }
    Ok(())
}

fn group_kind(info: &Info) -> String {
    if info.resource.group.is_empty() {
        info.resource.kind.clone()
    } else {
        format!("{}.{}", info.resource.kind, info.resource.group)
    }
}

/// Print the status on every change until done (or once without `--watch`).
async fn watch(ctx: &Ctx, watched: &Watched, args: &Args) -> Result<()> {
    let keep_watching = args.watch.unwrap_or(true);
    let timeout = args.timeout.duration();
    let timeout = (!timeout.is_zero()).then_some(timeout);
    let ui = ctx.ui();
    let until = wait::until(
        watched,
        timeout,
        |_| Step::Wait,
        |ev| {
            step(ev, args.revision, |s| {
                ui.print(&s.message).and_then(|()| ui.flush())?;
                Ok((s.done || !keep_watching).then_some(()))
            })
        },
    );
    let mut interrupts = Interrupts::new()?;
    tokio::select! {
        r = until => r.map_err(|e| e.into_error(ctx))?,
        () = interrupts.recv() => Err(Error::Exit(1)),
    }
}

/// kubectl's status loop body for one event: the status of an added or changed object is
/// handed to `show` (`Some`: done with that answer), a deleted object or a status error
/// ends the wait with kubectl's words.
fn step<T>(
    ev: &wait::Event,
    revision: i64,
    mut show: impl FnMut(&rollout::Status) -> std::io::Result<Option<T>>,
) -> Step<Result<T>> {
    match ev.kind.as_str() {
        "ADDED" | "MODIFIED" => match rollout::status(&ev.object, revision) {
            Ok(s) => match show(&s) {
                Ok(Some(t)) => Step::Done(Ok(t)),
                Ok(None) => Step::Wait,
                Err(e) => Step::Done(Err(Error::from(e))),
            },
            Err(msg) => Step::Done(Err(Error::msg(msg))),
        },
        "DELETED" => Step::Done(Err(Error::msg("object has been deleted"))),
        _ => Step::Done(Err(Error::msg(format!(
            "internal error: unexpected event {:?}",
            ev.kind
        )))),
    }
}

/// [`watch`] on a terminal: the same condition and outcome, shown as one live block
/// (`live.rs`) that ends as kubectl's final line.
async fn watch_live(
    ctx: &Ctx,
    requester: &Requester,
    watched: &Watched,
    args: &Args,
) -> Result<()> {
    let timeout = args.timeout.duration();
    let timeout = (!timeout.is_zero()).then_some(timeout);
    let latest = live::Latest::default();
    let changed = tokio::sync::Notify::new();
    let screen = RefCell::new(live::Screen::new(ctx.ui()));
    let until = wait::until(
        watched,
        timeout,
        |_| Step::Wait,
        |ev| {
            step(ev, args.revision, |s| {
                *latest.borrow_mut() = Some((ev.object.clone(), s.message.clone()));
                changed.notify_one();
                Ok(s.done.then(|| s.message.clone()))
            })
        },
    );
    let mut interrupts = Interrupts::new()?;
    let outcome = tokio::select! {
        r = until => r.map_err(|e| e.into_error(ctx)).and_then(|r| r),
        r = live::redraw(ctx, requester, &latest, &changed, &screen) => r.map(|()| String::new()),
        () = interrupts.recv() => Err(Error::Exit(1)),
    };
    // kubectl's last line stands where the block was: the final one, or the last progress
    // line before a failure (with the stuck pods that explain it).
    let mut screen = screen.borrow_mut();
    match outcome {
        Ok(done) => {
            screen.finish(&done, false)?;
            Ok(())
        }
        Err(e) => {
            let last = latest.borrow().as_ref().map(|(_, m)| m.clone());
            screen.finish(last.as_deref().unwrap_or(""), true)?;
            Err(e)
        }
    }
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for."#;
