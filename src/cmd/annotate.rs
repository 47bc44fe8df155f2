//! `kk annotate`: update the annotations on resources (the shared engine is `metadata`).

use crate::ctx::Ctx;
use crate::error::Result;
use crate::metadata::{self, Common, Kind};

/// Update the annotations on a resource.
#[derive(Debug, clap::Args)]
#[command(mut_arg("local", |a| a.help("If true, annotation will NOT contact api-server but run locally")))]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
}

/// Run `kk annotate`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    metadata::run(ctx, &args.common, Kind::Annotation).await
}

/// The long description of `Annotate` (help and man page).
pub const ABOUT: &str = r#"Update the annotations on one or more resources.

All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "kk api-resources" for a complete list of supported resources."#;

/// Examples for `Annotate`.
pub const EXAMPLES: &str = r#"  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  # If the same annotation is set multiple times, only the last value will be applied
  kk annotate pods foo description='my frontend'

  # Update a pod identified by type and name in "pod.json"
  kk annotate -f pod.json description='my frontend'

  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
  kk annotate --overwrite pods foo description='my frontend running nginx'

  # Update all pods in the namespace
  kk annotate pods --all description='my frontend running nginx'

  # Update pod 'foo' only if the resource is unchanged from version 1
  kk annotate pods foo description='my frontend running nginx' --resource-version=1

  # Update pod 'foo' by removing an annotation named 'description' if it exists
  # Does not require the --overwrite flag
  kk annotate pods foo description-"#;
