//! `kk config rename-context OLD NEW`.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::kubeconfig::Section;

/// Rename a context from the kubeconfig file.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// CONTEXT_NAME NEW_NAME
    #[arg(value_name = "NAME", add = crate::complete::Complete::Context)]
    pub names: Vec<String>,
}

/// Rename in place; `current-context` follows the rename.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let [old, new] = args.names.as_slice() else {
        return Err(super::unexpected_args(
            ctx,
            &["config", "rename-context"],
            &args.names,
        ));
    };
    let mut loaded = ctx.load_kubeconfig()?;
    let target = loaded.path_of(loaded.default_target());
    let Some(file) = loaded.owner(Section::Contexts, old) else {
        return Err(Error::msg(format!(
            "cannot rename the context {old:?}, it's not in {target}"
        )));
    };
    if loaded.owner(Section::Contexts, new).is_some() {
        return Err(Error::msg(format!(
            "cannot rename the context {old:?}, the context {new:?} already exists in {target}"
        )));
    }
    let was_current = loaded.current_context == *old;
    loaded.rename(Section::Contexts, old, new);
    let mut dirty = vec![file];
    if was_current {
        dirty.push(loaded.set_current_context(new));
    }
    dirty.dedup();
    for f in dirty {
        loaded.save(f)?;
    }
    ctx.ui()
        .print(&format!("Context {old:?} renamed to {new:?}.\n"))?;
    Ok(())
}
