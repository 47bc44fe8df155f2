//! `kk create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::generate::job;
use crate::resource::builder::{self, Selection, Target};
use crate::resource::mapper::Mapper;
use crate::resource::request;

/// Create a job with the specified name.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a job
  kk create job my-job --image=busybox

  # Create a job with a command
  kk create job my-job --image=busybox -- date

  # Create a job from a cron job named \"a-cronjob\"
  kk create job test-job --from=cronjob/a-cronjob")]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// COMMAND and its arguments
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Image name to run.
    #[arg(long, default_value = "", value_name = "IMAGE")]
    pub image: String,
    /// The name of the resource to create a Job from (only cronjob is supported).
    #[arg(long, default_value = "", value_name = "TYPE/NAME")]
    pub from: String,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create job`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("job", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = job::Params {
        name,
        image: args.image.clone(),
        from: args.from.clone(),
        command: args.command.clone(),
        namespace: submit.enforced_namespace(),
    };
    job::validate(&p).map_err(Error::msg)?;
    let obj = if p.from.is_empty() {
        job::build(&p).map_err(Error::msg)?
    } else {
        let source = fetch_from(ctx, &p.from).await?;
        if source.get("kind").and_then(|k| k.as_str()) != Some("CronJob") {
            // kubectl names the Go type it decoded (`*v1.Deployment`).
            let version = source["apiVersion"].as_str().unwrap_or("");
            let version = version.rsplit('/').next().unwrap_or(version);
            return Err(Error::msg(format!(
                "unknown object type *{version}.{}",
                source["kind"].as_str().unwrap_or("")
            )));
        }
        job::from_cronjob(&p.name, p.namespace.as_deref(), &source)
    };
    submit.create(ctx, obj, "failed to create job: ").await
}

/// The object `--from` names (`TYPE/NAME`), as the resource builder finds it.
async fn fetch_from(ctx: &Ctx, from: &str) -> Result<serde_json::Value> {
    let mut resolver = Mapper::new(ctx, false).await?;
    let sel = Selection {
        args: vec![from.to_string()],
        ..Default::default()
    };
    let targets = builder::build(ctx, &mut resolver, &sel).await?;
    let [target @ Target::Object { .. }] = &targets.items[..] else {
        return Err(Error::msg("from must be an existing cronjob"));
    };
    let client = ctx.client().await?;
    request::json(&client, http::Method::GET, &target.path(), None)
        .await
        .map_err(|e| ctx.kube_error(e))
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create a job with the specified name."#;
