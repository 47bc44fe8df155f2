//! `kk rollout history`: the revisions of each object — a Deployment's ReplicaSets, a
//! DaemonSet's or StatefulSet's ControllerRevisions — as kubectl's `REVISION  CHANGE-CAUSE`
//! table, one revision's pod template (`--revision`, describe's printer with its raw
//! tabs), or the revisions' objects (`-o`).

use serde_json::Value;

use super::Targets;
use crate::ctx::Ctx;
use crate::describe::PrefixWriter;
use crate::error::{Error, Result};
use crate::flags::{DryRun, ObjectPrintFlags};
use crate::printers::OperationPrinter;
use crate::printers::tabwriter::TabWriter;
use crate::resource::polymorphic::{self, HistoryKind, rollout};
use crate::resource::visit::{Info, Requester};

/// View rollout history.
///
/// View previous rollout revisions and configurations.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub targets: Targets,
    /// See the details, including podTemplate of the revision specified
    #[arg(long, default_value_t = 0, allow_negative_numbers = true, value_name = "REVISION",
          value_parser = crate::go::parse_int64)]
    pub revision: i64,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
}

const EXAMPLES: &str = "  # View the rollout history of a deployment
  kk rollout history deployment/abc

  # View the details of daemonset revision 3
  kk rollout history daemonset/abc --revision=3";

/// Run `kk rollout history`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    args.targets.validate()?;
    if args.revision < 0 {
        return Err(Error::msg(format!(
            "revision must be a positive integer: {}",
            args.revision
        )));
    }
    // kubectl prints what its typed clients decoded: Go's field order for `-o json`.
    let mut printer = OperationPrinter::new(&args.print, DryRun::None)?.typed();
    let objects_out = !args.print.output().is_empty();
    let mut objects = args.targets.visit(ctx).await?;
    let requester = objects.requester().clone();
    while let Some(info) = objects.next().await {
        let r = if objects_out {
            print_objects(ctx, &requester, &info, args.revision, &mut printer).await
        } else {
            view(ctx, &requester, &info, args.revision, &mut printer).await
        };
        if let Err(e) = r {
            objects.fail(e);
        }
    }
    printer.finish(ctx.ui())?;
    objects.finish()
}

/// The object's history, or kubectl's error for a kind without one.
async fn history(ctx: &Ctx, requester: &Requester, obj: &Value) -> Result<Vec<(i64, Value)>> {
    if polymorphic::history_kind(obj).is_none() {
        return Err(Error::msg(rollout::not_implemented(obj, "history")));
    }
    polymorphic::history(ctx, requester, obj).await
}

/// The table or one revision's template, after the name (kubectl's `ViewHistory`).
async fn view(
    ctx: &Ctx,
    requester: &Requester,
    info: &Info,
    revision: i64,
    printer: &mut OperationPrinter,
) -> Result<()> {
    let obj = info.object.as_ref().unwrap_or(&Value::Null);
    let entries = history(ctx, requester, obj).await?;
    let text = if entries.is_empty() {
        "No rollout history found.".to_string()
    } else if revision > 0 {
        let entry = at_revision(&entries, revision)?;
        let template = rollout::revision_template(obj, entry).map_err(|_| {
            Error::msg(format!(
                "unable to parse history {}",
                entry
                    .pointer("/metadata/name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
            ))
        })?;
        template_text(&template)
    } else {
        let mut tw = TabWriter::new(0, 2, false);
        tw.write("REVISION\tCHANGE-CAUSE\n");
        for (r, entry) in by_revision(&entries) {
            tw.write(&format!("{r}\t{}\n", rollout::change_cause(entry)));
        }
        tw.flush()
    };
    let with_revision = if revision > 0 {
        format!("with revision #{revision}")
    } else {
        String::new()
    };
    printer.print_verbatim(ctx.ui(), obj, &format!("{with_revision}\n{text}"))?;
    Ok(())
}

/// The entry of `revision` (the last listed, as in [`by_revision`]), or kubectl's error.
fn at_revision(entries: &[(i64, Value)], revision: i64) -> Result<&Value> {
    entries
        .iter()
        .rev()
        .find(|(r, _)| *r == revision)
        .map(|(_, e)| e)
        .ok_or_else(|| Error::msg("unable to find the specified revision"))
}

/// One entry per revision, the last listed winning (kubectl keeps them in a map).
fn by_revision(entries: &[(i64, Value)]) -> Vec<&(i64, Value)> {
    let mut shown: Vec<&(i64, Value)> = Vec::new();
    for e in entries {
        match shown.last_mut() {
            Some(prev) if prev.0 == e.0 => *prev = e,
            _ => shown.push(e),
        }
    }
    shown
}

/// kubectl's `printTemplate`: describe's pod-template block, not aligned (raw tabs).
pub(super) fn template_text(template: &Value) -> String {
    let mut w = PrefixWriter::raw();
    crate::describe::pod::template(&mut w, Some(template));
    w.finish()
}

/// `-o`: the revisions' objects — a Deployment's ReplicaSets, or the DaemonSet/StatefulSet
/// as each ControllerRevision makes it — oldest first, or only `revision`.
async fn print_objects(
    ctx: &Ctx,
    requester: &Requester,
    info: &Info,
    revision: i64,
    printer: &mut OperationPrinter,
) -> Result<()> {
    let obj = info.object.as_ref().unwrap_or(&Value::Null);
    let entries = history(ctx, requester, obj).await?;
    let as_object = |entry: &Value| -> Result<Value> {
        let typed = match polymorphic::history_kind(obj) {
            Some(HistoryKind::ControllerRevisions) => {
                rollout::apply_revision(obj, entry).map_err(Error::msg)?
            }
            _ => entry.clone(),
        };
        Ok(crate::generate::shape::normalize(&typed))
    };
    if revision > 0 {
        let entry = at_revision(&entries, revision)?;
        printer.print_verbatim(ctx.ui(), &as_object(entry)?, "")?;
        return Ok(());
    }
    for (_, entry) in by_revision(&entries) {
        printer.print_verbatim(ctx.ui(), &as_object(entry)?, "")?;
    }
    Ok(())
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"View previous rollout revisions and configurations."#;
