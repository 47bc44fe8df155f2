//! `kk plugin list`: the plugin executables (`kk-*`, `kubectl-*`) on `PATH`, with kubectl's
//! warnings (not executable, shadowed by an earlier one, overriding a built-in command).

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;

/// Provides utilities for interacting with plugins.
///
/// Plugins provide extended functionality that is not part of the major command-line
/// distribution: any executable named `kk-NAME` or `kubectl-NAME` on your PATH runs as
/// `kk NAME`, with the remaining arguments and kk's environment.
#[derive(Debug, clap::Subcommand)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub enum PluginCommand {
    /// List all visible plugin executables on a user's PATH
    List(ListArgs),
}

/// List all visible plugin executables on a user's PATH.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # List all available plugins\n  kk plugin list\n\n  \
    # List only binary names of available plugins without paths\n  kk plugin list --name-only"
)]
pub struct ListArgs {
    /// If true, display only the binary name of each plugin, rather than its full path
    #[arg(long, pflag_bool())]
    pub name_only: Option<bool>,
}

/// Run a `plugin` subcommand.
pub async fn dispatch(ctx: &Ctx, c: &PluginCommand) -> Result<()> {
    match c {
        PluginCommand::List(a) => list(ctx, a).await,
    }
}

async fn list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let plugins = crate::plugin::all(ctx.env());
    let app = ctx.app();
    let mut errors: Vec<String> = Vec::new();
    let mut out = String::new();
    if plugins.is_empty() {
        errors.push(format!(
            "error: unable to find any {} plugins in your PATH",
            crate::error::PROG
        ));
    } else {
        out.push_str("The following compatible plugins are available:\n\n");
    }
    let mut warnings = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for p in &plugins {
        let file = p
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let shown = p.display().to_string();
        if args.name_only.unwrap_or(false) {
            out.push_str(&format!("{file}\n"));
        } else {
            out.push_str(&format!("{shown}\n"));
        }
        if !crate::plugin::is_executable(p) {
            warnings.push(format!(
                "warning: {shown} identified as a {} plugin, but it is not executable",
                crate::error::PROG
            ));
        }
        match seen.iter().find(|(name, _)| *name == file) {
            Some((_, first)) => warnings.push(format!(
                "warning: {shown} is overshadowed by a similarly named plugin: {first}"
            )),
            None => seen.push((file.clone(), shown.clone())),
        }
        if let Some(word) = file.split('-').nth(1)
            && app.find_subcommand(word).is_some_and(|c| !c.is_hide_set())
        {
            warnings.push(format!(
                "warning: {file} overwrites existing command: \"{} {word}\"",
                crate::error::PROG
            ));
        }
    }
    ctx.ui().print(&out)?;
    ctx.ui().flush()?;
    for w in &warnings {
        ctx.ui().eprint(&format!("  - {w}\n"))?;
    }
    match warnings.len() {
        0 => {}
        1 => errors.push("error: one plugin warning was found".to_string()),
        n => errors.push(format!("error: {n} plugin warnings were found")),
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(Error::Plain(errors.join("\n") + "\n"))
}
