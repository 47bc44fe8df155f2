//! `kk create service clusterip|nodeport|loadbalancer|externalname NAME ...`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::split_list;
use crate::generate::service;

/// Create a service using a specified subcommand.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create a ClusterIP service
    #[command(long_about = CLUSTERIP_ABOUT)]
    Clusterip(ClusterIpArgs),
    /// Create an ExternalName service
    #[command(long_about = EXTERNALNAME_ABOUT)]
    Externalname(ExternalNameArgs),
    /// Create a LoadBalancer service
    #[command(long_about = LOADBALANCER_ABOUT)]
    Loadbalancer(LoadBalancerArgs),
    /// Create a NodePort service
    #[command(long_about = NODEPORT_ABOUT)]
    Nodeport(NodePortArgs),
}

/// Create a ClusterIP service with the specified name.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a new ClusterIP service named my-cs
  kk create service clusterip my-cs --tcp=5678:8080

  # Create a new ClusterIP service named my-cs (in headless mode)
  kk create service clusterip my-cs --clusterip=\"None\"")]
pub struct ClusterIpArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Port pairs can be specified as '<port>:<targetPort>'.
    #[arg(long, value_name = "PORT[:TARGET]")]
    pub tcp: Vec<String>,
    /// Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).
    #[arg(long, default_value = "", value_name = "IP")]
    pub clusterip: String,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Create a NodePort service with the specified name.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a new NodePort service named my-ns
  kk create service nodeport my-ns --tcp=5678:8080")]
pub struct NodePortArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Port pairs can be specified as '<port>:<targetPort>'.
    #[arg(long, value_name = "PORT[:TARGET]")]
    pub tcp: Vec<String>,
    /// Port used to expose the service on each node in a cluster.
    #[arg(long, default_value = "0", allow_hyphen_values = true,
          value_parser = crate::go::parse_int64, value_name = "PORT")]
    pub node_port: i64,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Create a LoadBalancer service with the specified name.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a new LoadBalancer service named my-lbs
  kk create service loadbalancer my-lbs --tcp=5678:8080")]
pub struct LoadBalancerArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Port pairs can be specified as '<port>:<targetPort>'.
    #[arg(long, value_name = "PORT[:TARGET]")]
    pub tcp: Vec<String>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Create an ExternalName service with the specified name.
///
/// ExternalName service references to an external DNS address instead of only pods, which
/// will allow application authors to reference services that exist off platform, on other
/// clusters, or locally.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Create a new ExternalName service named my-ns
  kk create service externalname my-ns --external-name bar.com")]
pub struct ExternalNameArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// External name of service
    #[arg(long, required = true, value_name = "NAME")]
    pub external_name: String,
    /// Port pairs can be specified as '<port>:<targetPort>'.
    #[arg(long, value_name = "PORT[:TARGET]")]
    pub tcp: Vec<String>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create service <type>`.
pub async fn run(ctx: &Ctx, command: &Command) -> Result<()> {
    let (sub, args, flags, type_) = match command {
        Command::Clusterip(a) => ("clusterip", &a.args, &a.flags, "ClusterIP"),
        Command::Nodeport(a) => ("nodeport", &a.args, &a.flags, "NodePort"),
        Command::Loadbalancer(a) => ("loadbalancer", &a.args, &a.flags, "LoadBalancer"),
        Command::Externalname(a) => ("externalname", &a.args, &a.flags, "ExternalName"),
    };
    let name = submit::name(&format!("service {sub}"), args)?;
    let mut submit = flags.complete(ctx).await?;
    let mut p = service::Params {
        name,
        type_: type_.into(),
        namespace: submit.enforced_namespace(),
        ..Default::default()
    };
    match command {
        Command::Clusterip(a) => {
            p.tcp = split_list(&a.tcp);
            p.cluster_ip = a.clusterip.clone();
        }
        Command::Nodeport(a) => {
            p.tcp = split_list(&a.tcp);
            p.node_port = a.node_port;
        }
        Command::Loadbalancer(a) => p.tcp = split_list(&a.tcp),
        Command::Externalname(a) => {
            p.tcp = split_list(&a.tcp);
            p.external_name = a.external_name.clone();
        }
    }
    let obj = service::build(&p).map_err(Error::msg)?;
    submit
        .create(ctx, obj, &format!("failed to create {type_} service: "))
        .await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create a service using a specified subcommand.

Aliases:
service, svc"#;

/// The long description (`--help`, man page), kubectl's words.
pub const CLUSTERIP_ABOUT: &str = r#"Create a ClusterIP service with the specified name."#;

/// The long description (`--help`, man page), kubectl's words.
pub const EXTERNALNAME_ABOUT: &str = r#"Create an ExternalName service with the specified name.

 ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally."#;

/// The long description (`--help`, man page), kubectl's words.
pub const LOADBALANCER_ABOUT: &str = r#"Create a LoadBalancer service with the specified name."#;

/// The long description (`--help`, man page), kubectl's words.
pub const NODEPORT_ABOUT: &str = r#"Create a NodePort service with the specified name."#;
