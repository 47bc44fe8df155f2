//! `kk create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...]`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::generate::cronjob;

/// Create a cron job with the specified name.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a cron job
  kk create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\"

  # Create a cron job with a command
  kk create cronjob my-job --image=busybox --schedule=\"*/1 * * * *\" -- date")]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// COMMAND and its arguments
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Image name to run.
    #[arg(long, required = true, value_name = "IMAGE")]
    pub image: String,
    /// A schedule in the Cron format the job should be run with.
    #[arg(long, required = true, value_name = "SCHEDULE")]
    pub schedule: String,
    /// job's restart policy. supported values: OnFailure, Never
    #[arg(long, default_value = "", value_name = "POLICY")]
    pub restart: String,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create cronjob`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("cronjob", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = cronjob::Params {
        name,
        image: args.image.clone(),
        schedule: args.schedule.clone(),
        restart: args.restart.clone(),
        command: args.command.clone(),
        namespace: submit.enforced_namespace(),
    };
    submit
        .create(ctx, cronjob::build(&p), "failed to create cronjob: ")
        .await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create a cron job with the specified name.

Aliases:
cronjob, cj"#;
