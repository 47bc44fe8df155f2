//! `kk create serviceaccount NAME`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::generate::serviceaccount;

/// Create a service account with the specified name.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a new service account named my-service-account
  kk create serviceaccount my-service-account"
)]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create serviceaccount`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("serviceaccount", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    if name.is_empty() {
        return Err(Error::msg("name must be specified"));
    }
    let obj = serviceaccount::build(&name, submit.enforced_namespace().as_deref());
    submit
        .create(ctx, obj, "failed to create serviceaccount: ")
        .await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create a service account with the specified name.

Aliases:
serviceaccount, sa"#;
