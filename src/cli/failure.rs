//! Clap's parse failures in cobra's and pflag's words: `error: unknown flag: --foo` +
//! `See 'kk get --help' for usage.` with exit 1 (not clap's 2), help requests on stdout with
//! exit 0, cobra's "Did you mean this?" for unknown verbs.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::ParseFailure;
use crate::error::{Error, PROG, report};
use crate::ui::Ui;

/// Report a clap failure in cobra's words (help requests go to stdout with exit 0).
pub fn report_parse(ui: &Ui, f: Box<ParseFailure>) -> ExitCode {
    match f.error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = ui.print(&help_text(&f));
            let _ = ui.flush();
            ExitCode::SUCCESS
        }
        // A bare `kk` is a help request (stdout, exit 0), as a bare `kubectl` is.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand if f.args.is_empty() => {
            let _ = ui.print(&help_text(&f));
            let _ = ui.flush();
            ExitCode::SUCCESS
        }
        // cobra prints a group's help on stderr and fails when no subcommand is given.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = ui.eprint(&help_text(&f));
            ExitCode::FAILURE
        }
        _ if f.command_path(None) == ["diff"] => diff_flag_error(ui, cobra_error(&f)),
        _ => report(ui, cobra_error(&f)),
    }
}

/// kubectl's `diff` sets its own flag-error function: a flag error is a usage error
/// (`See 'kk diff -h' for help and examples`) through `CheckDiffErr`, whose exit codes are
/// one above the usual ones — exit 1 means "differences found" to diff's callers.
fn diff_flag_error(ui: &Ui, e: Error) -> ExitCode {
    let e = match e {
        Error::Flag { msg, command } => Error::Usage { msg, command },
        e => e,
    };
    let code = e.exit_code().saturating_add(1);
    let _ = report(ui, e);
    ExitCode::from(code)
}

/// kubectl-layout help for the command the user asked about (clap's text as a fallback).
fn help_text(f: &ParseFailure) -> String {
    crate::help::render(&super::command(), &f.command_path(None))
        .unwrap_or_else(|| f.error.render().to_string())
}

fn context_str(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        _ => None,
    }
}

/// Translate a clap error into the cobra/pflag message kubectl prints.
pub fn cobra_error(f: &ParseFailure) -> Error {
    let e = &f.error;
    let invalid_arg = context_str(e, ContextKind::InvalidArg);
    let invalid_sub = context_str(e, ContextKind::InvalidSubcommand);
    let stop = invalid_sub
        .as_deref()
        .or(invalid_arg.as_deref().map(flag_token));
    let path = f.command_path(stop).join(" ");
    let typed = |s: &str| {
        f.args
            .iter()
            .find(|a| a.as_str() == s || a.starts_with(&format!("{s}=")))
            .cloned()
    };
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = invalid_sub.or(invalid_arg).unwrap_or_default();
            if path.is_empty() {
                let mut msg = format!("unknown command {name:?} for \"{PROG}\"");
                let suggestions = suggest(&name);
                if !suggestions.is_empty() {
                    msg.push_str("\n\nDid you mean this?\n");
                    for s in suggestions {
                        msg.push_str(&format!("\t{s}\n"));
                    }
                }
                Error::Msg(msg)
            } else {
                let words = f.positionals_from(&name).join(" ");
                Error::usage(&path, format!("unknown command {words:?}"))
            }
        }
        ErrorKind::UnknownArgument => {
            let arg = invalid_arg.unwrap_or_default();
            let msg = if let Some(long) = arg.strip_prefix("--") {
                format!("unknown flag: --{}", long.split('=').next().unwrap_or(long))
            } else if let Some(short) = arg.strip_prefix('-') {
                let c = short.chars().next().unwrap_or('-');
                let typed = f
                    .args
                    .iter()
                    .find(|a| a.starts_with('-') && !a.starts_with("--") && a[1..].contains(c));
                format!(
                    "unknown shorthand flag: '{c}' in {}",
                    typed.map_or(&arg, |t| t)
                )
            } else {
                // A stray positional where the command takes none.
                return Error::Msg(format!("unknown command {arg:?} for \"{}\"", full(&path)));
            };
            Error::Flag { msg, command: path }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::NoEquals => {
            let flag = invalid_arg.unwrap_or_default();
            let value = context_str(e, ContextKind::InvalidValue).unwrap_or_default();
            let long = flag_token(&flag).trim_start_matches('-').to_string();
            let arg = find_arg(&path, &long);
            let short = arg.as_ref().and_then(|a| a.get_short());
            let missing =
                value.is_empty() && !f.args.iter().any(|a| a.starts_with(&format!("--{long}=")));
            let msg = if missing {
                match short {
                    Some(c) if typed(&format!("--{long}")).is_none() => {
                        format!("flag needs an argument: '{c}' in -{c}")
                    }
                    _ => format!("flag needs an argument: --{long}"),
                }
            } else {
                let names = match short {
                    Some(c) => format!("-{c}, --{long}"),
                    None => format!("--{long}"),
                };
                let reason = std::error::Error::source(e)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| first_line(&e.to_string()));
                format!("invalid argument {value:?} for \"{names}\" flag: {reason}")
            };
            Error::Flag { msg, command: path }
        }
        // cobra checks required flags before the command runs and kubectl reports the
        // failure through CheckErr: no usage hint.
        ErrorKind::MissingRequiredArgument => {
            let names: Vec<String> = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.clone(),
                Some(ContextValue::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            };
            let names: Vec<String> = names
                .iter()
                .map(|n| format!("{:?}", flag_token(n).trim_start_matches('-')))
                .collect();
            Error::msg(format!("required flag(s) {} not set", names.join(", ")))
        }
        _ => Error::Flag {
            msg: first_line(&e.to_string()),
            command: path,
        },
    }
}

fn full(path: &str) -> String {
    if path.is_empty() {
        PROG.to_string()
    } else {
        format!("{PROG} {path}")
    }
}

/// `--namespace <NAMESPACE>` or `--wait[=<BOOL>]` (clap's renderings) → the flag name.
fn flag_token(s: &str) -> &str {
    s.split([' ', '=', '[']).next().unwrap_or(s)
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

fn find_arg(path: &str, long: &str) -> Option<clap::Arg> {
    let mut cmd = super::command();
    cmd.build();
    for p in path.split_whitespace() {
        cmd = cmd.find_subcommand(p)?.clone();
    }
    cmd.get_arguments()
        .find(|a| a.get_long() == Some(long))
        .cloned()
}

/// cobra's "Did you mean this?": Levenshtein distance ≤ 2 or a prefix match.
fn suggest(typed: &str) -> Vec<String> {
    let cmd = super::command();
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .filter(|name| {
            levenshtein(&typed.to_lowercase(), &name.to_lowercase()) <= 2
                || name.starts_with(&typed.to_lowercase())
        })
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_err(s: &str) -> String {
        let args: Vec<std::ffi::OsString> = std::iter::once("kk")
            .chain(s.split_whitespace())
            .map(Into::into)
            .collect();
        let f = super::super::parse(&args).unwrap_err();
        cobra_error(&f).render().unwrap()
    }

    #[test]
    fn unknown_flags_read_like_pflag() {
        assert_eq!(
            parse_err("version --foo"),
            "error: unknown flag: --foo\nSee 'kk version --help' for usage.\n"
        );
        assert_eq!(
            parse_err("--foo version"),
            "error: unknown flag: --foo\nSee 'kk --help' for usage.\n"
        );
        assert_eq!(
            parse_err("version -x"),
            "error: unknown shorthand flag: 'x' in -x\nSee 'kk version --help' for usage.\n"
        );
    }

    #[test]
    fn missing_flag_values() {
        assert_eq!(
            parse_err("version -n"),
            "error: flag needs an argument: 'n' in -n\nSee 'kk version --help' for usage.\n"
        );
        assert_eq!(
            parse_err("version --namespace"),
            "error: flag needs an argument: --namespace\nSee 'kk version --help' for usage.\n"
        );
    }

    #[test]
    fn bad_flag_values() {
        assert_eq!(
            parse_err("-v=abc version"),
            "error: invalid argument \"abc\" for \"-v, --v\" flag: strconv.ParseInt: parsing \
             \"abc\": invalid syntax\nSee 'kk version --help' for usage.\n"
        );
    }

    #[test]
    fn unknown_command_suggests() {
        assert_eq!(
            parse_err("versio"),
            "error: unknown command \"versio\" for \"kk\"\n\nDid you mean this?\n\tversion\n"
        );
        assert_eq!(
            parse_err("config bogus"),
            "error: unknown command \"bogus\"\nSee 'kk config -h' for help and examples\n"
        );
    }

    #[test]
    fn levenshtein_basics() {
        assert_eq!(levenshtein("bogus", "logs"), 2);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
