//! `kk config set-context [NAME | --current] [--cluster=..] [--user=..] [--namespace=..]`.
//!
//! `--cluster`, `--user` and `--namespace` are kk's global flags (kubectl's local flags of the
//! same names shadow the globals; reading the globals gives the same command line).

use serde_json::json;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::kubeconfig::Section;

/// Set a context entry in kubeconfig.
///
/// Specifying a name that already exists will merge new fields on top of existing values for
/// those fields.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Set the user field on the gce context entry without touching other values\n  kk config set-context gce --user=cluster-admin"
)]
pub struct Args {
    /// The context to create or modify
    #[arg(value_name = "NAME", add = crate::complete::Complete::Context)]
    pub name: Vec<String>,
    /// Modify the current context
    #[arg(long, pflag_bool())]
    pub current: Option<bool>,
}

/// Create or modify the context.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let current = args.current.unwrap_or(false);
    if args.name.len() > 1 {
        return Err(super::unexpected_args(
            ctx,
            &["config", "set-context"],
            &args.name,
        ));
    }
    let mut loaded = ctx.load_kubeconfig()?;
    let name = match (args.name.first().filter(|n| !n.is_empty()), current) {
        (Some(_), true) => {
            return Err(Error::msg(
                "you cannot specify both a context name and --current",
            ));
        }
        (Some(n), false) => n.clone(),
        (None, true) => {
            if loaded.current_context.is_empty() {
                return Err(Error::msg("no current context is set"));
            }
            loaded.current_context.clone()
        }
        (None, false) => {
            return Err(Error::msg(
                "you must specify a non-empty context name or --current",
            ));
        }
    };
    let g = ctx.global().clone();
    let (file, created) = loaded.upsert(Section::Contexts, &name, |m| {
        for (key, val) in [
            ("cluster", &g.cluster),
            ("user", &g.user),
            ("namespace", &g.namespace),
        ] {
            if let Some(v) = val {
                m.insert(key.to_string(), json!(v));
            }
        }
    });
    loaded.save(file)?;
    let what = if created { "created" } else { "modified" };
    ctx.ui().print(&format!("Context {name:?} {what}.\n"))?;
    Ok(())
}
