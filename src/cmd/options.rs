//! `kk options`: the global flags every command accepts (kubectl lists them only here).

use crate::ctx::Ctx;
use crate::error::Result;

/// Print the list of flags inherited by all commands.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Print flags inherited by all commands\n  kk options")]
pub struct Args {}

/// Print them.
pub async fn run(ctx: &Ctx, _args: &Args) -> Result<()> {
    ctx.ui().print(&crate::help::options(&ctx.app()))?;
    Ok(())
}

/// The long description of `Options` (help and man page).
pub const ABOUT: &str = r#"Print the list of flags inherited by all commands.

These global flags may be given before or after the command, e.g. `kk -n kube-system get pods` or `kk get pods -n kube-system`."#;
