//! `kk rollout undo`: roll back to a revision (the previous one by default) — a Deployment by
//! copying the chosen ReplicaSet's template and annotations (a JSON patch), a DaemonSet or
//! StatefulSet by applying the ControllerRevision's data (a strategic merge patch) — with
//! kubectl's skip when the template already matches, its errors and its dry runs.

use serde_json::Value;

use super::Targets;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, ObjectPrintFlags};
use crate::printers::OperationPrinter;
use crate::resource::polymorphic::{self, HistoryKind, rollout};
use crate::resource::request;
use crate::resource::visit::{Info, Requester};

/// Undo a previous rollout.
///
/// Roll back to a previous rollout.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub targets: Targets,
    /// The revision to rollback to. Default to 0 (last revision).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true, value_name = "REVISION",
          value_parser = crate::go::parse_int64)]
    pub to_revision: i64,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
}

const EXAMPLES: &str = "  # Roll back to the previous deployment
  kk rollout undo deployment/abc

  # Roll back to daemonset revision 3
  kk rollout undo daemonset/abc --to-revision=3

  # Roll back to the previous deployment with dry-run
  kk rollout undo --dry-run=server deployment/abc";

/// Run `kk rollout undo`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let dry = args.dry_run.strategy()?;
    args.targets.validate()?;
    let mut printer = OperationPrinter::new(&args.print, dry)?;
    let mut objects = args.targets.visit(ctx).await?;
    let requester = objects.requester().clone();
    while let Some(info) = objects.next().await {
        match rollback(ctx, &requester, &info, args.to_revision, dry).await {
            Ok(result) => {
                let obj = info.object.as_ref().unwrap_or(&Value::Null);
                printer.print(ctx.ui(), obj, &result)?;
            }
            Err(e) => objects.fail(e),
        }
    }
    printer.finish(ctx.ui())?;
    objects.finish()
}

/// kubectl's `Rollbacker.Rollback`: the operation to print (`rolled back`, `skipped
/// rollback (...)`, or in a client dry run the template it would restore).
async fn rollback(
    ctx: &Ctx,
    requester: &Requester,
    info: &Info,
    to: i64,
    dry: DryRun,
) -> Result<String> {
    let obj = info.object.as_ref().unwrap_or(&Value::Null);
    let Some(kind) = polymorphic::history_kind(obj) else {
        return Err(Error::msg(rollout::not_implemented(obj, "rollbacker")));
    };
    if to < 0 {
        return Err(Error::msg(rollout::revision_not_found(to)));
    }
    let history = polymorphic::history(ctx, requester, obj).await?;
    let (_, entry) = rollout::rollback_target(obj, &history, to).map_err(Error::msg)?;
    let (content_type, patch) = match kind {
        HistoryKind::ReplicaSets => {
            if dry.is_client() {
                let template = entry.pointer("/spec/template").unwrap_or(&Value::Null);
                return Ok(super::history::template_text(template));
            }
            if obj.pointer("/spec/paused").and_then(Value::as_bool) == Some(true) {
                return Err(Error::msg(
                    "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
                ));
            }
            if rollout::without_hash(entry.pointer("/spec/template"))
                == rollout::without_hash(obj.pointer("/spec/template"))
            {
                return Ok(skipped(to));
            }
            (
                "application/json-patch+json",
                rollout::deployment_rollback_patch(obj, entry),
            )
        }
        HistoryKind::ControllerRevisions => {
            if dry.is_client() {
                let applied = rollout::apply_revision(obj, entry).map_err(Error::msg)?;
                let template = applied.pointer("/spec/template").unwrap_or(&Value::Null);
                return Ok(format!(
                    "will roll back to {}",
                    super::history::template_text(template)
                ));
            }
            if rollout::matches_revision(obj, entry) {
                return Ok(skipped(to));
            }
            (
                "application/strategic-merge-patch+json",
                entry.get("data").cloned().unwrap_or(Value::Null),
            )
        }
    };
    let query: Vec<_> = dry.query().into_iter().collect();
    let uri = request::with_query(&info.path(), &query);
    request::json(
        &requester.client,
        http::Method::PATCH,
        &uri,
        Some((content_type, &patch)),
    )
    .await
    .map_err(|e| {
        Error::msg(format!(
            "failed restoring revision {to}: {}",
            ctx.kube_error(e).go_text()
        ))
    })?;
    Ok("rolled back".into())
}

fn skipped(to: i64) -> String {
    format!("skipped rollback (current template already matches revision {to})")
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Roll back to a previous rollout."#;
