//! `kk create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2]`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::generate::quota;

/// Create a resource quota with the specified name, hard limits, and optional scopes.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a new resource quota named my-quota
  kk create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10

  # Create a new resource quota named best-effort
  kk create quota best-effort --hard=pods=100 --scopes=BestEffort")]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// A comma-delimited set of resource=quantity pairs that define a hard limit.
    #[arg(long, default_value = "", value_name = "RESOURCE=QUANTITY,...")]
    pub hard: String,
    /// A comma-delimited set of quota scopes that must all match each object tracked by the
    /// quota.
    #[arg(long, default_value = "", value_name = "SCOPE,...")]
    pub scopes: String,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create quota`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("quota", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = quota::Params {
        name,
        hard: args.hard.clone(),
        scopes: args.scopes.clone(),
        namespace: submit.enforced_namespace(),
    };
    let obj = quota::build(&p).map_err(Error::msg)?;
    submit.create(ctx, obj, "failed to create quota: ").await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create a resource quota with the specified name, hard limits, and optional scopes.

Aliases:
quota, resourcequota"#;
