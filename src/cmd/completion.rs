//! `kk completion SHELL`: print the checked-in completion script for a shell.
//!
//! The bytes come from [`crate::docs::completion`], the same generator that writes
//! `completions/`; the `generated` test keeps the two identical.

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::docs::Shell;
use crate::error::{Error, Result};

/// Output shell completion code for the specified shell (bash, zsh, fish, or powershell).
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Load the kk completion code for bash into the current shell\n  source <(kk completion bash)"
)]
pub struct Args {
    /// bash, zsh, fish or powershell
    #[arg(value_name = "SHELL", add = Complete::Values(&["bash", "zsh", "fish", "powershell"]))]
    pub shell: Vec<String>,
}

/// Print the script.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let shell = match args.shell.as_slice() {
        [] => return Err(Error::usage("completion", "Shell not specified.")),
        [one] => one,
        _ => {
            return Err(Error::usage(
                "completion",
                "Too many arguments. Expected only the shell type.",
            ));
        }
    };
    let shell = Shell::parse(shell)
        .ok_or_else(|| Error::usage("completion", format!("Unsupported shell type {shell:?}.")))?;
    use std::io::Write;
    ctx.ui().out().write_all(&crate::docs::completion(shell))?;
    Ok(())
}
