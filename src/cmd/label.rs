//! `kk label`: update the labels on resources (the shared engine is `meta_update`).

use crate::cmd::meta_update::{self, Common, Kind};
use crate::ctx::Ctx;
use crate::error::Result;

/// Update the labels on a resource.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
}

/// Run `kk label`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    meta_update::run(ctx, &args.common, Kind::Label).await
}
