//! `kk config ...`: view and modify kubeconfig files (kubectl's `pkg/cmd/config`).

pub mod current_context;
pub mod delete;
pub mod docs;
pub mod get_contexts;
pub mod names;
pub mod rename_context;
pub mod set;
pub mod set_cluster;
pub mod set_context;
pub mod set_credentials;
pub mod use_context;
pub mod view;

use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// The `config` subcommands (their help text: [`ABOUT`], [`docs`]).
#[derive(Debug, clap::Subcommand)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub enum ConfigCommand {
    /// Display the current-context
    #[command(long_about = docs::CURRENT_CONTEXT_ABOUT, after_long_help = docs::CURRENT_CONTEXT_EXAMPLES)]
    CurrentContext(current_context::Args),
    /// Delete the specified cluster from the kubeconfig
    #[command(mut_arg("name", |a| a.add(crate::complete::Complete::Cluster)))]
    #[command(long_about = docs::DELETE_CLUSTER_ABOUT, after_long_help = docs::DELETE_CLUSTER_EXAMPLES)]
    DeleteCluster(delete::Args),
    /// Delete the specified context from the kubeconfig
    #[command(mut_arg("name", |a| a.add(crate::complete::Complete::Context)))]
    #[command(long_about = docs::DELETE_CONTEXT_ABOUT, after_long_help = docs::DELETE_CONTEXT_EXAMPLES)]
    DeleteContext(delete::Args),
    /// Delete the specified user from the kubeconfig
    #[command(mut_arg("name", |a| a.add(crate::complete::Complete::User)))]
    #[command(long_about = docs::DELETE_USER_ABOUT, after_long_help = docs::DELETE_USER_EXAMPLES)]
    DeleteUser(delete::Args),
    /// Display clusters defined in the kubeconfig
    #[command(long_about = docs::GET_CLUSTERS_ABOUT, after_long_help = docs::GET_CLUSTERS_EXAMPLES)]
    GetClusters(names::Args),
    /// Describe one or many contexts
    #[command(long_about = docs::GET_CONTEXTS_ABOUT)]
    GetContexts(get_contexts::Args),
    /// Display users defined in the kubeconfig
    #[command(long_about = docs::GET_USERS_ABOUT, after_long_help = docs::GET_USERS_EXAMPLES)]
    GetUsers(names::Args),
    /// Rename a context from the kubeconfig file
    #[command(long_about = docs::RENAME_CONTEXT_ABOUT, after_long_help = docs::RENAME_CONTEXT_EXAMPLES)]
    RenameContext(rename_context::Args),
    /// Set an individual value in a kubeconfig file
    #[command(long_about = docs::SET_ABOUT)]
    Set(set::SetArgs),
    /// Set a cluster entry in kubeconfig
    #[command(long_about = docs::SET_CLUSTER_ABOUT)]
    SetCluster(set_cluster::Args),
    /// Set a context entry in kubeconfig
    #[command(long_about = docs::SET_CONTEXT_ABOUT)]
    SetContext(set_context::Args),
    /// Set a user entry in kubeconfig
    #[command(long_about = docs::SET_CREDENTIALS_ABOUT)]
    SetCredentials(set_credentials::Args),
    /// Unset an individual value in a kubeconfig file
    #[command(long_about = docs::UNSET_ABOUT)]
    Unset(set::UnsetArgs),
    /// Set the current-context in a kubeconfig file
    #[command(visible_alias = "use")]
    #[command(long_about = docs::USE_CONTEXT_ABOUT)]
    UseContext(use_context::Args),
    /// Display merged kubeconfig settings or a specified kubeconfig file
    #[command(long_about = docs::VIEW_ABOUT)]
    View(view::Args),
}

/// Run a `config` subcommand.
pub async fn dispatch(ctx: &Ctx, c: &ConfigCommand) -> Result<()> {
    use crate::kubeconfig::Section;
    match c {
        ConfigCommand::CurrentContext(a) => current_context::run(ctx, a).await,
        ConfigCommand::DeleteCluster(a) => delete::run(ctx, a, Section::Clusters).await,
        ConfigCommand::DeleteContext(a) => delete::run(ctx, a, Section::Contexts).await,
        ConfigCommand::DeleteUser(a) => delete::run(ctx, a, Section::Users).await,
        ConfigCommand::GetClusters(a) => names::run(ctx, a, Section::Clusters).await,
        ConfigCommand::GetContexts(a) => get_contexts::run(ctx, a).await,
        ConfigCommand::GetUsers(a) => names::run(ctx, a, Section::Users).await,
        ConfigCommand::RenameContext(a) => rename_context::run(ctx, a).await,
        ConfigCommand::Set(a) => set::run_set(ctx, a).await,
        ConfigCommand::SetCluster(a) => set_cluster::run(ctx, a).await,
        ConfigCommand::SetContext(a) => set_context::run(ctx, a).await,
        ConfigCommand::SetCredentials(a) => set_credentials::run(ctx, a).await,
        ConfigCommand::Unset(a) => set::run_unset(ctx, a).await,
        ConfigCommand::UseContext(a) => use_context::run(ctx, a).await,
        ConfigCommand::View(a) => view::run(ctx, a).await,
    }
}

/// cobra's `ExactArgs`-style failure used by several config verbs: the command's help on
/// stderr, then `error: Unexpected args: [a b]`.
pub(crate) fn unexpected_args(ctx: &Ctx, path: &[&str], args: &[String]) -> Error {
    let path: Vec<String> = path.iter().map(|p| p.to_string()).collect();
    let help = crate::help::render(&ctx.app(), &path).unwrap_or_default();
    let _ = ctx.ui().eprint(&help);
    Error::msg(format!("Unexpected args: [{}]", args.join(" ")))
}

/// The long description of `Config` (help and man page).
pub const ABOUT: &str = r#"Modify kubeconfig files using subcommands like "kk config set current-context my-context".

The loading order follows these rules:

  1. If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2. If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3. Otherwise, ${HOME}/.kube/config is used and no merging takes place."#;

/// Examples for `Config`.
pub const EXAMPLES: &str = r#"  # Show the merged kubeconfig
  kk config view

  # Switch to the context named staging
  kk config use-context staging

  # Set the default namespace of the current context
  kk config set-context --current --namespace=team-a"#;
