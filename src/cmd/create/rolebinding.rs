//! `kk create rolebinding|clusterrolebinding NAME --clusterrole=NAME|--role=NAME [--user]
//! [--group] [--serviceaccount=namespace:name]`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::generate::rolebinding::{self, Params};

/// Create a role binding for a particular role or cluster role.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a role binding for user1, user2, and group1 using the admin cluster role
  kk create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1

  # Create a role binding for service account monitoring:sa-dev using the admin role
  kk create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev"
)]
pub struct RoleBindingArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// ClusterRole this RoleBinding should reference
    #[arg(long, default_value = "", value_name = "NAME")]
    pub clusterrole: String,
    /// Role this RoleBinding should reference
    #[arg(long, default_value = "", value_name = "NAME")]
    pub role: String,
    /// Usernames to bind to the role. The flag can be repeated to add multiple users.
    #[arg(long, value_name = "USER")]
    pub user: Vec<String>,
    /// Groups to bind to the role. The flag can be repeated to add multiple groups.
    #[arg(long, value_name = "GROUP")]
    pub group: Vec<String>,
    /// Service accounts to bind to the role, in the format <namespace>:<name>. The flag can
    /// be repeated to add multiple service accounts.
    #[arg(long, value_name = "NAMESPACE:NAME")]
    pub serviceaccount: Vec<String>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Create a cluster role binding for a particular cluster role.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
  kk create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1"
)]
pub struct ClusterRoleBindingArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// ClusterRole this ClusterRoleBinding should reference
    #[arg(long, required = true, value_name = "NAME")]
    pub clusterrole: String,
    /// Usernames to bind to the clusterrole. The flag can be repeated to add multiple users.
    #[arg(long, value_name = "USER")]
    pub user: Vec<String>,
    /// Groups to bind to the clusterrole. The flag can be repeated to add multiple groups.
    #[arg(long, value_name = "GROUP")]
    pub group: Vec<String>,
    /// Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag
    /// can be repeated to add multiple service accounts.
    #[arg(long, value_name = "NAMESPACE:NAME")]
    pub serviceaccount: Vec<String>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create rolebinding`.
pub async fn run_role_binding(ctx: &Ctx, args: &RoleBindingArgs) -> Result<()> {
    let name = submit::name("rolebinding", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = Params {
        name,
        cluster_role: args.clusterrole.clone(),
        role: args.role.clone(),
        users: args.user.clone(),
        groups: args.group.clone(),
        service_accounts: args.serviceaccount.clone(),
        namespace: submit.enforced_namespace(),
    };
    let obj = rolebinding::build_role_binding(&p).map_err(Error::msg)?;
    submit
        .create(ctx, obj, "failed to create rolebinding: ")
        .await
}

/// Run `kk create clusterrolebinding`.
pub async fn run_cluster_role_binding(ctx: &Ctx, args: &ClusterRoleBindingArgs) -> Result<()> {
    let name = submit::name("clusterrolebinding", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = Params {
        name,
        cluster_role: args.clusterrole.clone(),
        users: args.user.clone(),
        groups: args.group.clone(),
        service_accounts: args.serviceaccount.clone(),
        ..Default::default()
    };
    let obj = rolebinding::build_cluster_role_binding(&p).map_err(Error::msg)?;
    submit
        .create(ctx, obj, "failed to create clusterrolebinding: ")
        .await
}

/// The long description (`--help`, man page), kubectl's words.
pub const CLUSTERROLEBINDING_ABOUT: &str =
    r#"Create a cluster role binding for a particular cluster role."#;

/// The long description (`--help`, man page), kubectl's words.
pub const ROLEBINDING_ABOUT: &str =
    r#"Create a role binding for a particular role or cluster role."#;
