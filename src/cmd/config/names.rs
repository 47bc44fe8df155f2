//! `kk config get-clusters` and `kk config get-users`: a `NAME` header and one name a line.
//!
//! kubectl walks a Go map here, so its order is random; kk prints names sorted.

use crate::ctx::Ctx;
use crate::error::Result;
use crate::kubeconfig::Section;

/// Display the names defined in the kubeconfig.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Print the names of `section`.
pub async fn run(ctx: &Ctx, _args: &Args, section: Section) -> Result<()> {
    let loaded = ctx.kubeconfig().await?;
    let mut out = String::from("NAME\n");
    for e in loaded.section(section) {
        out.push_str(&e.name);
        out.push('\n');
    }
    ctx.ui().print(&out)?;
    Ok(())
}
