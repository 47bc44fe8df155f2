//! `kk create priorityclass NAME --value=VALUE --global-default=BOOL`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::flags::Pflag;
use crate::generate::priorityclass;

/// Create a priority class with the specified name, value, globalDefault and description.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a priority class named high-priority
  kk create priorityclass high-priority --value=1000 --description=\"high priority\"

  # Create a priority class named default-priority that is considered as the global default priority
  kk create priorityclass default-priority --value=1000 --global-default=true --description=\"default priority\"

  # Create a priority class named high-priority that cannot preempt pods with lower priority
  kk create priorityclass high-priority --value=1000 --description=\"high priority\" --preemption-policy=\"Never\"")]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// the value of this priority class.
    #[arg(long, default_value = "0", allow_hyphen_values = true,
          value_parser = crate::go::parse_int32, value_name = "VALUE")]
    pub value: i32,
    /// global-default specifies whether this PriorityClass should be considered as the
    /// default priority.
    #[arg(long, pflag_bool())]
    pub global_default: Option<bool>,
    /// description is an arbitrary string that usually provides guidelines on when this
    /// priority class should be used.
    #[arg(long, default_value = "", value_name = "TEXT")]
    pub description: String,
    /// preemption-policy is the policy for preempting pods with lower priority.
    #[arg(long, default_value = "PreemptLowerPriority", value_name = "POLICY")]
    pub preemption_policy: String,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create priorityclass`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("priorityclass", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = priorityclass::Params {
        name,
        value: args.value,
        global_default: args.global_default == Some(true),
        description: args.description.clone(),
        preemption_policy: args.preemption_policy.clone(),
    };
    submit
        .create(
            ctx,
            priorityclass::build(&p),
            "failed to create priorityclass: ",
        )
        .await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create a priority class with the specified name, value, globalDefault and description.

Aliases:
priorityclass, pc"#;
