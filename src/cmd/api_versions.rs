//! `kk api-versions`: every group/version the server serves, sorted, one per line.

use crate::ctx::Ctx;
use crate::error::Result;
use crate::resource::Resolver;

/// Print the supported API versions on the server, in the form of "group/version".
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `api-versions` (always asks the server, like kubectl).
pub async fn run(ctx: &Ctx, _args: &Args) -> Result<()> {
    let mut resolver = Resolver::new(ctx).await?;
    if !resolver.is_fresh() {
        resolver.refresh().await?;
    }
    let mut gvs = resolver.discovery().group_versions.clone();
    gvs.sort();
    gvs.dedup();
    let mut out = String::new();
    for gv in gvs {
        out.push_str(&gv);
        out.push('\n');
    }
    ctx.ui().print(&out)?;
    Ok(())
}
