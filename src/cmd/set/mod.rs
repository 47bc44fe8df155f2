//! `kk set`: change one aspect of existing objects — images, environment, resources,
//! selector, service account, subjects. One file per subcommand; what they share (reading
//! the objects, the two-way strategic patch between before and after, sending and
//! printing) is [`patcher`].

mod containers;
pub mod env;
pub mod image;
pub mod patcher;
pub mod serviceaccount;
pub mod subject;

use crate::ctx::Ctx;
use crate::error::Result;

/// The `set` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SetCommand {
    /// Update environment variables on a pod template
    #[command(long_about = r#"Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)"#)]
    Env(env::Args),
    /// Update the image of a pod template
    #[command(long_about = r#"Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)"#)]
    Image(image::Args),
    /// Update the service account of a resource
    #[command(visible_alias = "sa")]
    #[command(long_about = r#"Update the service account of pod template resources.

 Possible resources (case insensitive) can be:

 replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset

Aliases:
serviceaccount, sa"#)]
    Serviceaccount(serviceaccount::Args),
    /// Update the user, group, or service account in a role binding or cluster role binding
    #[command(
        long_about = r#"Update the user, group, or service account in a role binding or cluster role binding."#
    )]
    Subject(subject::Args),
}

/// Run a `set` subcommand.
pub async fn dispatch(ctx: &Ctx, c: &SetCommand) -> Result<()> {
    match c {
        SetCommand::Env(a) => env::run(ctx, a).await,
        SetCommand::Image(a) => image::run(ctx, a).await,
        SetCommand::Serviceaccount(a) => serviceaccount::run(ctx, a).await,
        SetCommand::Subject(a) => subject::run(ctx, a).await,
    }
}
