//! `kk help [COMMAND...]`: the help of a command, as `kk COMMAND --help` prints it (cobra's
//! help command: words after the command are ignored; an unknown topic gets the root's usage
//! on stderr and exit 0).

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::Result;

/// Help provides help for any command in the application.
/// Simply type kk help [path to command] for full details.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The command to describe, e.g. `config view`
    #[arg(value_name = "COMMAND", add = Complete::Nothing)]
    pub topic: Vec<String>,
}

/// Print the help of the named command, or the root usage for an unknown topic.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let app = ctx.app();
    let mut cmd = app.clone();
    let mut path = Vec::new();
    for word in &args.topic {
        match cmd.find_subcommand(word) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                cmd = sub.clone();
            }
            None => break,
        }
    }
    if path.is_empty() && !args.topic.is_empty() {
        let topics: Vec<String> = args.topic.iter().map(|t| format!("`{t}`")).collect();
        let usage = crate::help::usage(&app);
        ctx.ui().eprint(&format!(
            "Unknown help topic [{}]\n\n\n{usage}",
            topics.join(" ")
        ))?;
        return Ok(());
    }
    let text = crate::help::render(&app, &path).unwrap_or_default();
    ctx.ui().print(&text)?;
    Ok(())
}

/// The long description of `Help` (help and man page).
pub const ABOUT: &str = r#"Help provides help for any command in the application.
Simply type kk help [path to command] for full details."#;

/// Examples for `Help`.
pub const EXAMPLES: &str = r#"  # Show the help of get
  kk help get

  # Show the help of a subcommand
  kk help config view"#;
