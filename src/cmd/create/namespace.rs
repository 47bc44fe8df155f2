//! `kk create namespace NAME`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::generate::namespace;

/// Create a namespace with the specified name.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a new namespace named my-namespace
  kk create namespace my-namespace")]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create namespace`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("namespace", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    if name.is_empty() {
        return Err(Error::msg("name must be specified"));
    }
    submit.create(ctx, namespace::build(&name), "").await
}

/// The long description of `create namespace` (help and man page).
pub const ABOUT: &str = r#"Create a namespace with the specified name."#;
