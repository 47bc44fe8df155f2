//! kk: a fast, kubectl-compatible Kubernetes command-line client.
//!
//! The binary is a thin shell around [`main`]; everything lives here so tests and the doc
//! generator can reach the clap definition (`cli::Cli::command()`).

pub mod cli;
pub mod cmd;
pub mod complete;
pub mod ctx;
pub mod describe;
pub mod docs;
pub mod edit;
pub mod env;
pub mod error;
pub mod explain;
pub mod flags;
pub mod generate;
pub mod go;
pub mod help;
pub mod kubeconfig;
pub mod kuberc;
pub mod manifest;
pub mod metadata;
pub mod patch;
pub mod plugin;
pub mod printers;
#[cfg(test)]
mod proptests;
pub mod resource;
pub mod stream;
pub mod transport;
pub mod ui;
pub mod wait;
pub mod warnings;

use std::process::ExitCode;

/// Parse the process arguments, run the command and report its outcome as an exit code.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let ui = ui::Ui::stdio();
    run(args, ui, env::Env::from_process())
}

/// kubectl's plugin handler: a first word that names no kk command, and a plugin named
/// for the leading words, replaces kk with the plugin (`None`: not a plugin invocation).
fn run_plugin(args: &[std::ffi::OsString], ui: &ui::Ui, env: &env::Env) -> Option<ExitCode> {
    let words: Vec<String> = args[1..]
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let first = words.first().filter(|w| !w.starts_with('-'))?;
    if cli::command().find_subcommand(first).is_some() {
        return None;
    }
    let (path, used) = plugin::find(env, &words)?;
    let _ = ui.flush();
    let err = plugin::exec(&path, &words[used..]);
    Some(error::report(ui, error::Error::Io(err)))
}

/// kubectl's kuberc: the user's aliases and flag defaults rewrite the line before it is
/// parsed; kubectl's notes go to stderr; a bad file ends the run as kubectl ends it.
fn apply_kuberc(
    args: Vec<std::ffi::OsString>,
    ui: &ui::Ui,
    env: &env::Env,
) -> Result<Vec<std::ffi::OsString>, ExitCode> {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match kuberc::apply(cli::command, words.clone(), env) {
        Ok(applied) => {
            for note in &applied.notes {
                let _ = ui.eprint(note);
            }
            if applied.args == words {
                Ok(args)
            } else {
                Ok(applied.args.into_iter().map(Into::into).collect())
            }
        }
        Err(msg) => {
            let _ = ui.eprint(&format!("{} {msg}\n", kuberc::FAILURE));
            Err(ExitCode::FAILURE)
        }
    }
}

/// Entry point shared by the binary and in-process tests: parse `args`, dispatch, report.
pub fn run(args: Vec<std::ffi::OsString>, ui: ui::Ui, env: env::Env) -> ExitCode {
    // The shells' completion requests bypass clap: the line is partial by nature.
    if let Some(first) = args.get(1).and_then(|a| a.to_str())
        && (first == complete::REQUEST || first == complete::REQUEST_NO_DESC)
    {
        let words: Vec<String> = args[2..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return complete::run(cli::command, &words, first == complete::REQUEST, ui, env);
    }
    let argv: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let args = match apply_kuberc(args, &ui, &env) {
        Ok(args) => args,
        Err(code) => return code,
    };
    let mut ui = ui;
    let cli = match cli::parse(&args) {
        Ok(cli) => cli,
        // Only a line clap rejects can name a plugin (built-in commands always win).
        Err(parse) => {
            ui.set_colour(ui::colour::When::from_args(&parse.args), &env);
            if let Some(code) = run_plugin(&args, &ui, &env) {
                return code;
            }
            return cli::failure::report_parse(&ui, parse);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return error::report(&ui, error::Error::Io(e)),
    };
    ui.set_colour(cli.global.color, &env);
    let ctx = ctx::Ctx::new(cli::command, cli.global, ui, env).with_argv(argv);
    let result = runtime.block_on(cmd::dispatch(&ctx, &cli.command));
    let code = match result {
        // kubectl's --warnings-as-errors turns a successful run with warnings into a failure.
        Ok(()) if ctx.global().warnings_as_errors == Some(true) && ctx.warning_count() > 0 => {
            let n = ctx.warning_count();
            let msg = if n == 1 {
                "1 warning received".to_string()
            } else {
                format!("{n} warnings received")
            };
            error::report(ctx.ui(), error::Error::msg(msg))
        }
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => error::report(ctx.ui(), e),
    };
    if let Err(e) = ctx.ui().flush() {
        return error::report(ctx.ui(), error::Error::Io(e));
    }
    code
}
