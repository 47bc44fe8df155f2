//! `kk label`: update the labels on resources (the shared engine is `metadata`).

use crate::ctx::Ctx;
use crate::error::Result;
use crate::metadata::{self, Common, Kind};

/// Update the labels on a resource.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
}

/// Run `kk label`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    metadata::run(ctx, &args.common, Kind::Label).await
}
