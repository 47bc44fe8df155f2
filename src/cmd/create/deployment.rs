//! `kk create deployment NAME --image=image [--replicas] [--port] -- [COMMAND] [args...]`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::split_list;
use crate::generate::{self, deployment};

/// Create a deployment with the specified name.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a deployment named my-dep that runs the busybox image
  kk create deployment my-dep --image=busybox

  # Create a deployment with a command
  kk create deployment my-dep --image=busybox -- date

  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kk create deployment my-dep --image=nginx --replicas=3

  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kk create deployment my-dep --image=busybox --port=5701

  # Create a deployment named my-dep that runs multiple containers
  kk create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx"
)]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// COMMAND and its arguments
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Image names to run. A deployment can have multiple images set for multi-container pod.
    #[arg(long, required = true, value_name = "IMAGE")]
    pub image: Vec<String>,
    /// The containerPort that this deployment exposes.
    #[arg(long, default_value = "-1", allow_hyphen_values = true,
          value_parser = crate::go::parse_int32, value_name = "PORT")]
    pub port: i32,
    /// Number of replicas to create. Default is 1.
    #[arg(short = 'r', long, default_value = "1", allow_hyphen_values = true,
          value_parser = crate::go::parse_int32, value_name = "N")]
    pub replicas: i32,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create deployment`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("deployment", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = deployment::Params {
        name,
        images: split_list(&args.image),
        port: args.port,
        replicas: args.replicas,
        command: args.command.clone(),
        namespace: submit.enforced_namespace(),
    };
    let obj = deployment::build(&p, &generate::random_suffix).map_err(Error::msg)?;
    submit
        .create(ctx, obj, "failed to create deployment: ")
        .await
}

/// The long description of `create deployment` (help and man page).
pub const ABOUT: &str = r#"Create a deployment with the specified name."#;
