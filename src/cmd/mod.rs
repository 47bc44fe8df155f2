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
pub mod autoscale;
pub mod cluster_info;
pub mod completion;
pub mod config;
pub mod cp;
pub mod create;
pub mod delete;
pub mod describe;
pub mod edit;
pub mod exec;
pub mod explain;
pub mod expose;
pub mod get;
pub mod help;
pub mod label;
pub mod logs;
pub mod options;
pub mod patch;
pub mod plugin;
pub mod port_forward;
pub mod replace;
pub mod rollout;
pub mod run;
pub mod scale;
pub mod set;
pub mod version;
pub mod wait;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::help::Group;

/// Every top-level verb.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Modify kubeconfig files
    #[command(subcommand)]
    #[command(add = Group::Other)]
    #[command(long_about = config::ABOUT, after_long_help = config::EXAMPLES)]
    Config(config::ConfigCommand),
    /// Output shell completion code for the specified shell (bash, zsh, fish, or powershell)
    #[command(add = Group::Settings)]
    #[command(long_about = completion::ABOUT)]
    Completion(completion::Args),
    /// Print the list of flags inherited by all commands
    #[command(add = Group::Unlisted)]
    #[command(long_about = options::ABOUT)]
    Options(options::Args),
    /// Print the client and server version information
    #[command(add = Group::Other)]
    #[command(long_about = version::ABOUT)]
    Version(version::Args),
    /// Get documentation for a resource
    #[command(add = Group::BasicIntermediate)]
    #[command(long_about = explain::ABOUT, after_long_help = explain::EXAMPLES)]
    Explain(explain::Args),
    /// Display one or many resources
    #[command(add = Group::BasicIntermediate)]
    #[command(long_about = get::ABOUT, after_long_help = get::EXAMPLES)]
    Get(get::Args),
    /// Print the supported API resources on the server
    #[command(add = Group::Other)]
    #[command(long_about = api_resources::ABOUT, after_long_help = api_resources::EXAMPLES)]
    ApiResources(api_resources::Args),
    /// Print the supported API versions on the server, in the form of "group/version"
    #[command(add = Group::Other)]
    #[command(long_about = api_versions::ABOUT, after_long_help = api_versions::EXAMPLES)]
    ApiVersions(api_versions::Args),
    /// Display cluster information
    #[command(add = Group::ClusterManagement)]
    #[command(long_about = cluster_info::ABOUT, after_long_help = cluster_info::EXAMPLES)]
    ClusterInfo(cluster_info::Args),
    /// Show details of a specific resource or group of resources
    #[command(add = Group::Troubleshooting)]
    #[command(long_about = describe::ABOUT, after_long_help = describe::EXAMPLES)]
    Describe(describe::Args),
    /// Create a resource from a file or from stdin
    #[command(add = Group::BasicBeginner)]
    #[command(long_about = create::ABOUT, after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Edit a resource on the server
    #[command(add = Group::BasicIntermediate)]
    #[command(long_about = edit::ABOUT, after_long_help = edit::EXAMPLES)]
    Edit(edit::Args),
    /// Delete resources by file names, stdin, resources and names, or by resources and label selector
    #[command(add = Group::BasicIntermediate)]
    #[command(long_about = delete::ABOUT, after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
    /// Update the labels on a resource
    #[command(add = Group::Settings)]
    #[command(long_about = label::ABOUT, after_long_help = label::EXAMPLES)]
    Label(label::Args),
    /// Update the annotations on a resource
    #[command(add = Group::Settings)]
    #[command(long_about = annotate::ABOUT, after_long_help = annotate::EXAMPLES)]
    Annotate(annotate::Args),
    /// Print the logs for a container in a pod
    #[command(add = Group::Troubleshooting)]
    #[command(long_about = logs::ABOUT)]
    Logs(logs::Args),
    /// Attach to a running container
    #[command(add = Group::Troubleshooting)]
    #[command(long_about = attach::ABOUT)]
    Attach(attach::Args),
    /// Execute a command in a container
    #[command(add = Group::Troubleshooting)]
    #[command(long_about = exec::ABOUT)]
    Exec(exec::Args),
    /// Provides utilities for interacting with plugins
    #[command(subcommand)]
    #[command(add = Group::Other)]
    #[command(long_about = plugin::ABOUT, after_long_help = plugin::EXAMPLES)]
    Plugin(plugin::PluginCommand),
    /// Forward one or more local ports to a pod
    #[command(add = Group::Troubleshooting)]
    #[command(long_about = port_forward::ABOUT)]
    PortForward(port_forward::Args),
    /// Manage the rollout of a resource
    #[command(subcommand)]
    #[command(add = Group::Deploy)]
    #[command(long_about = rollout::ABOUT)]
    Rollout(rollout::RolloutCommand),
    /// Copy files and directories to and from containers
    #[command(add = Group::Troubleshooting)]
    #[command(long_about = cp::ABOUT)]
    Cp(cp::Args),
    /// Apply a configuration to a resource by file name or stdin
    #[command(add = Group::Advanced)]
    #[command(long_about = apply::ABOUT)]
    Apply(apply::Args),
    /// Update fields of a resource
    #[command(add = Group::Advanced)]
    #[command(long_about = patch::ABOUT)]
    Patch(patch::Args),
    /// Replace a resource by file name or stdin
    #[command(add = Group::Advanced)]
    #[command(long_about = replace::ABOUT)]
    Replace(replace::Args),
    /// Set a new size for a deployment, replica set, or replication controller
    #[command(add = Group::Deploy)]
    #[command(long_about = scale::ABOUT)]
    Scale(scale::Args),
    /// Run a particular image on the cluster
    #[command(add = Group::BasicBeginner)]
    #[command(long_about = run::ABOUT)]
    Run(run::Args),
    /// Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
    #[command(add = Group::BasicBeginner)]
    #[command(long_about = expose::ABOUT)]
    Expose(expose::Args),
    /// Auto-scale a deployment, replica set, stateful set, or replication controller
    #[command(add = Group::Deploy)]
    #[command(long_about = autoscale::ABOUT)]
    Autoscale(autoscale::Args),
    /// Set specific features on objects
    #[command(subcommand)]
    #[command(add = Group::BasicBeginner)]
    #[command(long_about = set::ABOUT)]
    Set(set::SetCommand),
    /// Experimental: Wait for a specific condition on one or many resources
    #[command(add = Group::Advanced)]
    #[command(long_about = wait::ABOUT)]
    Wait(wait::Args),
    /// Help about any command
    #[command(add = Group::Unlisted)]
    #[command(long_about = help::ABOUT, after_long_help = help::EXAMPLES)]
    Help(help::Args),
}

/// Run the chosen verb.
pub async fn dispatch(ctx: &Ctx, command: &Command) -> Result<()> {
    match command {
        Command::Config(c) => config::dispatch(ctx, c).await,
        Command::Completion(a) => completion::run(ctx, a).await,
        Command::Options(a) => options::run(ctx, a).await,
        Command::Version(a) => version::run(ctx, a).await,
        Command::Explain(a) => explain::run(ctx, a).await,
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
        Command::Rollout(c) => rollout::dispatch(ctx, c).await,
        Command::Cp(a) => cp::run(ctx, a).await,
        Command::Apply(a) => apply::run(ctx, a).await,
        Command::Patch(a) => patch::run(ctx, a).await,
        Command::Edit(a) => edit::run(ctx, a).await,
        Command::Replace(a) => replace::run(ctx, a).await,
        Command::Scale(a) => scale::run(ctx, a).await,
        Command::Set(c) => set::dispatch(ctx, c).await,
        Command::Run(a) => run::run(ctx, a).await,
        Command::Expose(a) => expose::run(ctx, a).await,
        Command::Autoscale(a) => autoscale::run(ctx, a).await,
        Command::Wait(a) => wait::run(ctx, a).await,
        Command::Help(a) => help::run(ctx, a).await,
        Command::Plugin(c) => plugin::dispatch(ctx, c).await,
    }
}
