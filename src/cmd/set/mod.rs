//! `kk set`: change one aspect of existing objects — images, environment, resources,
//! selector, service account, subjects. One file per subcommand; what they share (reading
//! the objects, the two-way strategic patch between before and after, sending and
//! printing) is [`patcher`].

mod containers;
pub mod env;
pub mod image;
pub mod patcher;
pub mod resources;
pub mod selector;
pub mod serviceaccount;
pub mod subject;

use crate::ctx::Ctx;
use crate::error::Result;

/// The `set` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SetCommand {
    /// Update environment variables on a pod template
    #[command(long_about = env::ABOUT)]
    Env(env::Args),
    /// Update the image of a pod template
    #[command(long_about = image::ABOUT)]
    Image(image::Args),
    /// Update resource requests/limits on objects with pod templates
    #[command(long_about = resources::ABOUT, after_long_help = resources::EXAMPLES)]
    Resources(resources::Args),
    /// Set the selector on a resource
    #[command(long_about = selector::ABOUT, after_long_help = selector::EXAMPLES)]
    Selector(selector::Args),
    /// Update the service account of a resource
    #[command(visible_alias = "sa")]
    #[command(long_about = serviceaccount::ABOUT)]
    Serviceaccount(serviceaccount::Args),
    /// Update the user, group, or service account in a role binding or cluster role binding
    #[command(long_about = subject::ABOUT)]
    Subject(subject::Args),
}

/// Run a `set` subcommand.
pub async fn dispatch(ctx: &Ctx, c: &SetCommand) -> Result<()> {
    match c {
        SetCommand::Env(a) => env::run(ctx, a).await,
        SetCommand::Image(a) => image::run(ctx, a).await,
        SetCommand::Resources(a) => resources::run(ctx, a).await,
        SetCommand::Selector(a) => selector::run(ctx, a).await,
        SetCommand::Serviceaccount(a) => serviceaccount::run(ctx, a).await,
        SetCommand::Subject(a) => subject::run(ctx, a).await,
    }
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Configure application resources.

 These commands help you make changes to existing application resources."#;
