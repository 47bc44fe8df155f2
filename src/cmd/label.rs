//! `kk label`: update the labels on resources (the shared engine is `metadata`).

use crate::ctx::Ctx;
use crate::error::Result;
use crate::metadata::{self, Common, Kind};

/// Update the labels on a resource.
#[derive(Debug, clap::Args)]
#[command(mut_arg("local", |a| a.help("If true, label will NOT contact api-server but run locally")))]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
}

/// Run `kk label`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    metadata::run(ctx, &args.common, Kind::Label).await
}

/// The long description of `Label` (help and man page).
pub const ABOUT: &str = r#"Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used."#;

/// Examples for `Label`.
pub const EXAMPLES: &str = r#"  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kk label pods foo unhealthy=true

  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kk label --overwrite pods foo status=unhealthy

  # Update all pods in the namespace
  kk label pods --all status=unhealthy

  # Update a pod identified by the type and name in "pod.json"
  kk label -f pod.json status=unhealthy

  # Update pod 'foo' only if the resource is unchanged from version 1
  kk label pods foo status=unhealthy --resource-version=1

  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kk label pods foo bar-"#;
