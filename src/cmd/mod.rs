//! The verbs. One file (or directory, for verb groups) per command, each with a
//! `#[derive(clap::Args)] pub struct Args` whose doc comment is its help text and a
//! `pub async fn run(ctx: &Ctx, args: &Args) -> Result<()>`.
//!
//! Adding a verb: create `cmd/<verb>.rs`, add one variant to [`Command`] (with its help
//! section, `#[command(add = Group::...)]`) and one arm to [`dispatch`].

pub mod annotate;
pub mod api_resources;
pub mod api_versions;
pub mod apply;
pub mod attach;
pub mod cluster_info;
pub mod completion;
pub mod config;
pub mod create;
pub mod delete;
pub mod describe;
pub mod exec;
pub mod get;
pub mod help;
pub mod label;
pub mod logs;
pub mod options;
pub mod patch;
pub mod plugin;
pub mod port_forward;
pub mod replace;
pub mod scale;
pub mod version;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::help::Group;

/// Every top-level verb.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Modify kubeconfig files
    #[command(subcommand)]
    #[command(add = Group::Other)]
    Config(config::ConfigCommand),
    /// Output shell completion code for the specified shell (bash, zsh, fish, or powershell)
    #[command(add = Group::Settings)]
    Completion(completion::Args),
    /// Print the list of flags inherited by all commands
    #[command(add = Group::Unlisted)]
    Options(options::Args),
    /// Print the client and server version information
    #[command(add = Group::Other)]
    Version(version::Args),
    /// Display one or many resources
    #[command(add = Group::BasicIntermediate)]
    Get(get::Args),
    /// Print the supported API resources on the server
    #[command(add = Group::Other)]
    ApiResources(api_resources::Args),
    /// Print the supported API versions on the server, in the form of "group/version"
    #[command(add = Group::Other)]
    ApiVersions(api_versions::Args),
    /// Display cluster information
    #[command(add = Group::ClusterManagement)]
    ClusterInfo(cluster_info::Args),
    /// Show details of a specific resource or group of resources
    #[command(add = Group::Troubleshooting)]
    Describe(describe::Args),
    /// Create a resource from a file or from stdin
    #[command(add = Group::BasicBeginner)]
    Create(create::Args),
    /// Delete resources by file names, stdin, resources and names, or by resources and label selector
    #[command(add = Group::BasicIntermediate)]
    Delete(delete::Args),
    /// Update the labels on a resource
    #[command(add = Group::Settings)]
    Label(label::Args),
    /// Update the annotations on a resource
    #[command(add = Group::Settings)]
    Annotate(annotate::Args),
    /// Print the logs for a container in a pod
    #[command(add = Group::Troubleshooting)]
    Logs(logs::Args),
    /// Attach to a running container
    #[command(add = Group::Troubleshooting)]
    Attach(attach::Args),
    /// Execute a command in a container
    #[command(add = Group::Troubleshooting)]
    Exec(exec::Args),
    /// Provides utilities for interacting with plugins
    #[command(subcommand)]
    #[command(add = Group::Other)]
    Plugin(plugin::PluginCommand),
    /// Forward one or more local ports to a pod
    #[command(add = Group::Troubleshooting)]
    PortForward(port_forward::Args),
    /// Apply a configuration to a resource by file name or stdin
    #[command(add = Group::Advanced)]
    Apply(apply::Args),
    /// Update fields of a resource
    #[command(add = Group::Advanced)]
    Patch(patch::Args),
    /// Replace a resource by file name or stdin
    #[command(add = Group::Advanced)]
    Replace(replace::Args),
    /// Set a new size for a deployment, replica set, or replication controller
    #[command(add = Group::Deploy)]
    Scale(scale::Args),
    /// Help about any command
    #[command(add = Group::Unlisted)]
    Help(help::Args),
}

/// Run the chosen verb.
pub async fn dispatch(ctx: &Ctx, command: &Command) -> Result<()> {
    match command {
        Command::Config(c) => config::dispatch(ctx, c).await,
        Command::Completion(a) => completion::run(ctx, a).await,
        Command::Options(a) => options::run(ctx, a).await,
        Command::Version(a) => version::run(ctx, a).await,
        Command::Get(a) => get::run(ctx, a).await,
        Command::ApiResources(a) => api_resources::run(ctx, a).await,
        Command::ApiVersions(a) => api_versions::run(ctx, a).await,
        Command::ClusterInfo(a) => cluster_info::run(ctx, a).await,
        Command::Describe(a) => describe::run(ctx, a).await,
        Command::Create(a) => create::run(ctx, a).await,
        Command::Delete(a) => delete::run(ctx, a).await,
        Command::Label(a) => label::run(ctx, a).await,
        Command::Annotate(a) => annotate::run(ctx, a).await,
        Command::Logs(a) => logs::run(ctx, a).await,
        Command::Attach(a) => attach::run(ctx, a).await,
        Command::Exec(a) => exec::run(ctx, a).await,
        Command::PortForward(a) => port_forward::run(ctx, a).await,
        Command::Apply(a) => apply::run(ctx, a).await,
        Command::Patch(a) => patch::run(ctx, a).await,
        Command::Replace(a) => replace::run(ctx, a).await,
        Command::Scale(a) => scale::run(ctx, a).await,
        Command::Help(a) => help::run(ctx, a).await,
        Command::Plugin(c) => plugin::dispatch(ctx, c).await,
    }
}
