//! `kk create poddisruptionbudget NAME --selector=SELECTOR --min-available=N`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::generate::pdb;

/// Create a pod disruption budget with the specified name, selector, and desired minimum
/// available pods.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
  # and require at least one of them being available at any point in time
  kk create poddisruptionbudget my-pdb --selector=app=rails --min-available=1

  # Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label
  # and require at least half of the pods selected to be available at any point in time
  kk create pdb my-pdb --selector=app=nginx --min-available=50%"
)]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// The minimum number or percentage of available pods this budget requires.
    #[arg(long, default_value = "", value_name = "N")]
    pub min_available: String,
    /// The maximum number or percentage of unavailable pods this budget requires.
    #[arg(long, default_value = "", value_name = "N")]
    pub max_unavailable: String,
    /// A label selector to use for this budget. Only equality-based selector requirements
    /// are supported.
    #[arg(long, default_value = "", value_name = "SELECTOR")]
    pub selector: String,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create poddisruptionbudget`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("poddisruptionbudget", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = pdb::Params {
        name,
        selector: args.selector.clone(),
        min_available: args.min_available.clone(),
        max_unavailable: args.max_unavailable.clone(),
        namespace: submit.enforced_namespace(),
    };
    let obj = pdb::build(&p).map_err(Error::msg)?;
    submit
        .create(ctx, obj, "failed to create poddisruptionbudgets: ")
        .await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create a pod disruption budget with the specified name, selector, and desired minimum available pods.

Aliases:
poddisruptionbudget, pdb"#;
