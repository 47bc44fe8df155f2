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

/// The long description of `Completion` (help and man page).
pub const ABOUT: &str = r#"Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of kk commands. This can be done by sourcing it from the shell's start-up file (~/.bashrc, ~/.zshrc, ~/.config/fish/config.fish).

Completion asks kk itself for candidates (the hidden `kk __complete` command): verbs, flags, resource types and the names of live objects, answered from a per-context name cache within a short budget (KK_COMPLETION_TIMEOUT, default 1s; KK_COMPLETION_CACHE_TTL, default 5s), so a TAB never waits long for the cluster.

To complete an alias of kk too, add one line after loading the code: `complete -o default -F __start_kk k` in bash, `compdef k=kk` in zsh; fish's aliases complete as kk by themselves."#;
