//! `kk annotate`: update the annotations on resources (the shared engine is `meta_update`).

use crate::cmd::meta_update::{self, Common, Kind};
use crate::ctx::Ctx;
use crate::error::Result;

/// Update the annotations on a resource.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
}

/// Run `kk annotate`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    meta_update::run(ctx, &args.common, Kind::Annotation).await
}
