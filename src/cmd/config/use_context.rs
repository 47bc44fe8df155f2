//! `kk config use-context NAME` (alias `use`).

use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// Set the current-context in a kubeconfig file.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Use the context for the minikube cluster\n  kk config use-context minikube"
)]
pub struct Args {
    /// The context to switch to
    #[arg(value_name = "CONTEXT_NAME", add = crate::complete::Complete::Context)]
    pub name: Vec<String>,
}

/// Switch contexts, writing `current-context` where kubectl would.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let [name] = args.name.as_slice() else {
        return Err(super::unexpected_args(
            ctx,
            &["config", "use-context"],
            &args.name,
        ));
    };
    let mut loaded = ctx.load_kubeconfig()?;
    if loaded.context(name).is_none() {
        return Err(Error::msg(format!(
            "no context exists with the name: {name:?}"
        )));
    }
    let file = loaded.set_current_context(name);
    loaded.save(file)?;
    ctx.ui()
        .print(&format!("Switched to context {name:?}.\n"))?;
    Ok(())
}
