//! `kk annotate`: update the annotations on resources (the shared engine is `metadata`).

use crate::ctx::Ctx;
use crate::error::Result;
use crate::metadata::{self, Common, Kind};

/// Update the annotations on a resource.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
}

/// Run `kk annotate`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    metadata::run(ctx, &args.common, Kind::Annotation).await
}
