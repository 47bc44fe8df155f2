//! `kk config current-context`.

use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// Display the current-context.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ignored, as in kubectl
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

/// Print the merged `current-context` (the `--context` flag does not change it, as in kubectl).
pub async fn run(ctx: &Ctx, _args: &Args) -> Result<()> {
    let loaded = ctx.kubeconfig().await?;
    if loaded.current_context.is_empty() {
        return Err(Error::msg("current-context is not set"));
    }
    ctx.ui().print(&format!("{}\n", loaded.current_context))?;
    Ok(())
}
