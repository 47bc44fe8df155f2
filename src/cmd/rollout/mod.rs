//! `kk rollout`: manage the rollout of deployments, daemon sets and stateful sets — `status`
//! (watch until done), `history` (revisions and their templates), `undo` (back to a
//! revision), `pause`/`resume` (deployments) and `restart`. Each subcommand is its own
//! file, thin over `resource::visit` and `resource::polymorphic::rollout`.

mod history;
mod live;
mod pause;
mod restart;
mod status;
mod undo;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::FilenameFlags;
use crate::resource::builder::Selection;
use crate::resource::visit::{Fetch, Info, Options, Visitor};

/// Manage the rollout of one or many resources.
///
/// Manage the rollout of one or many resources.
///
///  Valid resource types include:
///
///   *  deployments
///   *  daemonsets
///   *  statefulsets
#[derive(Debug, clap::Subcommand)]
#[command(subcommand_required = true, arg_required_else_help = true,
          after_long_help = EXAMPLES)]
pub enum RolloutCommand {
    /// View rollout history
    #[command(long_about = history::ABOUT)]
    History(history::Args),
    /// Mark the provided resource as paused
    #[command(long_about = pause::PAUSE_ABOUT)]
    #[command(after_long_help = pause::PAUSE_EXAMPLES)]
    Pause(pause::Args),
    /// Restart a resource
    #[command(long_about = restart::ABOUT)]
    #[command(after_long_help = restart::EXAMPLES)]
    Restart(restart::Args),
    /// Resume a paused resource
    #[command(long_about = pause::RESUME_ABOUT)]
    #[command(after_long_help = pause::RESUME_EXAMPLES)]
    Resume(pause::Args),
    /// Show the status of the rollout
    #[command(long_about = status::ABOUT)]
    Status(status::Args),
    /// Undo a previous rollout
    #[command(long_about = undo::ABOUT)]
    Undo(undo::Args),
}

const EXAMPLES: &str = "  # Rollback to the previous deployment
  kk rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kk rollout status daemonset/foo

  # Restart a deployment
  kk rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kk rollout restart deployment --selector=app=nginx";

/// Run a `rollout` subcommand.
pub async fn dispatch(ctx: &Ctx, c: &RolloutCommand) -> Result<()> {
    match c {
        RolloutCommand::History(a) => history::run(ctx, a).await,
        RolloutCommand::Pause(a) => pause::run(ctx, a, pause::Action::Pause).await,
        RolloutCommand::Resume(a) => pause::run(ctx, a, pause::Action::Resume).await,
        RolloutCommand::Restart(a) => restart::run(ctx, a).await,
        RolloutCommand::Status(a) => status::run(ctx, a).await,
        RolloutCommand::Undo(a) => undo::run(ctx, a).await,
    }
}

/// The types `rollout` completes.
const ROLLOUT_TYPES: &[&str] = &["deployment", "daemonset", "statefulset"];

/// What every `rollout` subcommand acts on: `TYPE NAME`, `TYPE/NAME`, `TYPE` (all of it),
/// `-f`, `-l`.
#[derive(Debug, Clone, clap::Args)]
pub struct Targets {
    /// (TYPE NAME | TYPE/NAME)...
    #[arg(value_name = "RESOURCE", add = Complete::TypeAndNamesOf(ROLLOUT_TYPES))]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l
    /// key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the
    /// specified label constraints.
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
}

impl Targets {
    /// kubectl's check that something was named.
    fn validate(&self) -> Result<()> {
        if self.args.is_empty() && self.files.filenames().is_empty() {
            return Err(Error::msg("required resource not specified"));
        }
        Ok(())
    }

    /// Start the visit kubectl's rollout builders make (`ResourceTypeOrNameArgs(true, ...)`
    /// and `Latest()`: every object fetched).
    async fn visit<'a>(&self, ctx: &'a Ctx) -> Result<Visitor<'a>> {
        let sel = Selection {
            args: self.args.clone(),
            filenames: self.files.filenames(),
            recursive: self.files.recursive(),
            label_selector: self.selector.clone().filter(|s| !s.is_empty()),
            allow_empty_selector: true,
            typed: true,
            ..Selection::default()
        };
        let opts = Options {
            fetch: Fetch::Latest,
            ..Options::default()
        };
        Visitor::new(ctx, &sel, opts).await
    }
}

/// All objects of a visit and the visit's error (kubectl's `r.Infos()`).
async fn infos(mut objects: Visitor<'_>) -> (Vec<Info>, Option<Error>) {
    let mut infos = Vec::new();
    while let Some(info) = objects.next().await {
        infos.push(info);
    }
    (infos, objects.into_error())
}

/// `resource.group` of an object's type, as kubectl's pause/resume/restart errors name it.
fn resource_string(info: &Info) -> String {
    if info.resource.group.is_empty() {
        info.resource.resource.clone()
    } else {
        format!("{}.{}", info.resource.resource, info.resource.group)
    }
}

/// kubectl's `No resources found in NS namespace.` (stderr) when nothing matched.
async fn no_resources(ctx: &Ctx) -> Result<()> {
    let ns = ctx.namespace().await?;
    ctx.ui()
        .eprint(&format!("No resources found in {ns} namespace.\n"))?;
    Ok(())
}

/// Flags of the subcommands that patch the object (`pause`, `resume`, `restart`).
#[derive(Debug, clap::Args)]
pub struct PatchArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// Name of the manager used to track field ownership.
    #[arg(long, default_value = "kubectl-rollout", value_name = "NAME")]
    pub field_manager: String,
    #[command(flatten)]
    pub print: crate::flags::ObjectPrintFlags,
}

/// What one patching subcommand does to an object.
pub trait Change {
    /// The changed object, or the reason it cannot change (`is already paused`, ...).
    fn apply(&self, obj: &serde_json::Value) -> std::result::Result<serde_json::Value, String>;
    /// The word printed after a patch (`paused`).
    fn done(&self) -> &'static str;
    /// When the patch is empty: the word to print, or the error.
    fn unchanged(&self, info: &Info) -> std::result::Result<&'static str, Error>;
}

/// kubectl's pause/resume/restart run: every object resolved first, each change computed
/// as a two-way strategic patch of the object, sent with `fieldManager`, reported by the
/// result printer; the visit's errors then each object's, as one aggregate.
async fn patch_each(ctx: &Ctx, args: &PatchArgs, change: &dyn Change) -> Result<()> {
    use crate::patch::{self, Schema};
    use crate::resource::request;

    args.targets.validate()?;
    let mut printer =
        crate::printers::OperationPrinter::new(&args.print, crate::flags::DryRun::None)?;
    let objects = args.targets.visit(ctx).await?;
    let client = objects.requester().client.clone();
    let (infos, visit_error) = infos(objects).await;
    let mut errors: Vec<Error> = visit_error.into_iter().collect();
    if infos.is_empty() && errors.is_empty() {
        return no_resources(ctx).await;
    }
    for info in &infos {
        let obj = info.object.clone().unwrap_or_default();
        let modified = match change.apply(&obj) {
            Ok(m) => m,
            Err(why) => {
                errors.push(Error::msg(format!(
                    "error: {} {:?} {why}",
                    resource_string(info),
                    info.name
                )));
                continue;
            }
        };
        let api_version = obj
            .get("apiVersion")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        let kind = obj
            .get("kind")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        let diff = patch::two_way(Schema::builtin(api_version, kind), &obj, &modified)
            .map_err(|e| Error::msg(e.to_string()));
        let diff = match diff {
            Ok(d) => d,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if patch::is_empty(&diff) {
            match change.unchanged(info) {
                Ok(word) => printer.print_verbatim(ctx.ui(), &obj, word)?,
                Err(e) => errors.push(e),
            }
            continue;
        }
        let query = [("fieldManager", args.field_manager.clone())];
        let uri = request::with_query(&info.path(), &query);
        let sent = request::json(
            &client,
            http::Method::PATCH,
            &uri,
            Some(("application/strategic-merge-patch+json", &diff)),
        )
        .await;
        match sent {
            Ok(patched) => printer.print_verbatim(ctx.ui(), &patched, change.done())?,
            Err(e) => errors.push(Error::msg(format!(
                "failed to patch: {}",
                ctx.kube_error(e).go_text()
            ))),
        }
    }
    printer.finish(ctx.ui())?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Many(errors))
    }
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets"#;
