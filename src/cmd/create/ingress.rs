//! `kk create ingress NAME --rule=host/path=service:port[,tls[=secret]]`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::generate::ingress;

/// Create an ingress with the specified name.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
  # svc1:8080 with a TLS secret \"my-cert\"
  kk create ingress simple --rule=\"foo.com/bar=svc1:8080,tls=my-cert\"

  # Create a catch all ingress of \"/path\" pointing to service svc:port and Ingress Class as \"otheringress\"
  kk create ingress catch-all --class=otheringress --rule=\"/path=svc:port\"

  # Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2
  kk create ingress annotated --class=default --rule=\"foo.com/bar=svc:port\" \\
  --annotation ingress.annotation1=foo \\
  --annotation ingress.annotation2=bla

  # Create an ingress with the same host and multiple paths
  kk create ingress multipath --class=default \\
  --rule=\"foo.com/=svc:port\" \\
  --rule=\"foo.com/admin/=svcadmin:portadmin\"

  # Create an ingress with multiple hosts and the pathType as Prefix
  kk create ingress ingress1 --class=default \\
  --rule=\"foo.com/path*=svc:8080\" \\
  --rule=\"bar.com/admin*=svc2:http\"

  # Create an ingress with TLS enabled using the default ingress certificate and different path types
  kk create ingress ingtls --class=default \\
  --rule=\"foo.com/=svc:https,tls\" \\
  --rule=\"foo.com/path/subpath*=othersvc:8080\"

  # Create an ingress with TLS enabled using a specific secret and pathType as Prefix
  kk create ingress ingsecret --class=default \\
  --rule=\"foo.com/*=svc:8080,tls=secret1\"

  # Create an ingress with a default backend
  kk create ingress ingdefault --class=default \\
  --default-backend=defaultsvc:http \\
  --rule=\"foo.com/*=svc:8080,tls=secret1\""
)]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Ingress Class to be used
    #[arg(long, default_value = "", value_name = "CLASS")]
    pub class: String,
    /// Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading
    /// character '*' are considered pathType=Prefix. tls argument is optional.
    #[arg(long, value_name = "RULE")]
    pub rule: Vec<String>,
    /// Default service for backend, in format of svcname:port
    #[arg(long, default_value = "", value_name = "SVC:PORT")]
    pub default_backend: String,
    /// Annotation to insert in the ingress object, in the format annotation=value
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create ingress`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("ingress", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = ingress::Params {
        name,
        class: args.class.clone(),
        rules: args.rule.clone(),
        default_backend: args.default_backend.clone(),
        annotations: args.annotation.clone(),
        namespace: submit.enforced_namespace(),
    };
    let obj = ingress::build(&p).map_err(Error::msg)?;
    submit.create(ctx, obj, "failed to create ingress: ").await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create an ingress with the specified name.

Aliases:
ingress, ing"#;
