//! `kk config delete-context|delete-cluster|delete-user NAME`.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::kubeconfig::Section;

/// Delete the specified entry from the kubeconfig.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The name of the entry to delete
    #[arg(value_name = "NAME")]
    pub name: Vec<String>,
}

fn noun(s: Section) -> &'static str {
    match s {
        Section::Clusters => "cluster",
        Section::Contexts => "context",
        Section::Users => "user",
    }
}

/// Remove the entry from the file that defines it.
pub async fn run(ctx: &Ctx, args: &Args, section: Section) -> Result<()> {
    let noun = noun(section);
    let verb = format!("delete-{noun}");
    let [name] = args.name.as_slice() else {
        return Err(super::unexpected_args(ctx, &["config", &verb], &args.name));
    };
    let mut loaded = ctx.load_kubeconfig()?;
    let Some(file) = loaded.owner(section, name) else {
        let target = loaded.path_of(loaded.default_target());
        return Err(Error::msg(format!(
            "cannot delete {noun} {name}, not in {target}"
        )));
    };
    let was_current = section == Section::Contexts && loaded.current_context == *name;
    loaded.remove(section, name);
    loaded.save(file)?;
    if was_current {
        ctx.ui().eprint(
            "warning: this removed your active context, use \"kk config use-context\" to select a different one\n",
        )?;
    }
    // kubectl names the default file here even when the entry lived in another one.
    let target = loaded.path_of(loaded.default_target());
    ctx.ui()
        .print(&format!("deleted {noun} {name} from {target}\n"))?;
    Ok(())
}
