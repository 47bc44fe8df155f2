//! The one error type and the one reporter.
//!
//! Every command returns [`Result`]; [`report`] is the only place that turns an error into
//! stderr text and an exit code, reproducing kubectl's `cmdutil.CheckErr` wording:
//! `error: ...`, `Error from server (Reason): ...`, the connection-refused hint, cobra's
//! usage hints. [`report_parse`] does the same for clap failures, rewording them as cobra
//! would (`error: unknown flag: --foo` + `See 'kk get --help' for usage.`, exit 1, not clap's 2).

use std::fmt;
use std::io;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::cli::ParseFailure;
use crate::ui::Ui;

/// The program name kk prints wherever kubectl prints its own (`See 'kk get --help' ...`).
pub const PROG: &str = "kk";

/// Result alias used by every command.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can make kk fail, each variant knowing how kubectl would word it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A plain failure, printed as `error: <msg>`.
    #[error("{0}")]
    Msg(String),
    /// A message printed verbatim (no `error: ` prefix), e.g. kubectl's
    /// `Error in configuration: ...` or the Invalid-object multi-line report.
    #[error("{0}")]
    Plain(String),
    /// A cobra usage error: `error: <msg>` then `See 'kk <command> -h' for help and examples`.
    #[error("{msg}")]
    Usage {
        /// The message (without `error: `).
        msg: String,
        /// The command path after `kk`, e.g. `config view` (empty for the root).
        command: String,
    },
    /// A cobra flag error: `error: <msg>` then `See 'kk <command> --help' for usage.`
    #[error("{msg}")]
    Flag {
        /// The message (without `error: `).
        msg: String,
        /// The command path after `kk`.
        command: String,
    },
    /// An API Status returned by the server.
    #[error("{}", .0.message)]
    Api(Box<kube::core::Status>),
    /// A transport failure talking to `server` (`host:port` as kubectl prints it).
    #[error("{source}")]
    Transport {
        /// `host:port` of the API server.
        server: String,
        /// The underlying client error.
        source: Box<kube::Error>,
    },
    /// A local I/O failure (a closed stdout pipe is reported silently).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The remote process of `exec`/`run -i` exited with this code.
    #[error("command terminated with exit code {0}")]
    RemoteExit(i32),
    /// Several independent failures (one line each; exit 1).
    #[error("{} errors", .0.len())]
    Many(Vec<Error>),
    /// Already reported; exit with this code and print nothing.
    #[error("exit {0}")]
    Exit(u8),
}

impl Error {
    /// `error: <msg>`.
    pub fn msg(msg: impl fmt::Display) -> Self {
        Error::Msg(msg.to_string())
    }

    /// A usage error for the command `command` (e.g. `"config use-context"`).
    pub fn usage(command: &str, msg: impl fmt::Display) -> Self {
        Error::Usage {
            msg: msg.to_string(),
            command: command.to_string(),
        }
    }

    /// Classify a kube client error: an API Status stays an [`Error::Api`], anything else is a
    /// transport failure against `server` (`host:port`).
    pub fn from_kube(server: &str, e: kube::Error) -> Self {
        match e {
            kube::Error::Api(status) => Error::Api(status),
            other => Error::Transport {
                server: server.to_string(),
                source: Box::new(other),
            },
        }
    }

    /// The exit code kubectl would use.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::RemoteExit(code) => (*code).clamp(0, 255) as u8,
            Error::Exit(code) => *code,
            Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            _ => 1,
        }
    }

    /// The complete stderr text kubectl would print (with trailing newline), or `None`.
    pub fn render(&self) -> Option<String> {
        let text = match self {
            Error::Msg(m) => prefixed(m),
            Error::Plain(m) => m.clone(),
            Error::Usage { msg, command } => {
                format!(
                    "{}\nSee '{}' for help and examples",
                    prefixed(msg),
                    hint(command, "-h")
                )
            }
            Error::Flag { msg, command } => {
                format!(
                    "{}\nSee '{}' for usage.",
                    prefixed(msg),
                    hint(command, "--help")
                )
            }
            Error::Api(status) => api_message(status),
            Error::Transport { server, source } => transport_message(server, source),
            Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => return None,
            Error::Io(e) => prefixed(&e.to_string()),
            Error::RemoteExit(code) => format!("command terminated with exit code {code}"),
            // kubectl's MultipleErrors: API errors keep their wording, plain errors get no
            // `error: ` prefix inside an aggregate.
            Error::Many(errs) => {
                let lines: Vec<String> = errs
                    .iter()
                    .filter_map(|e| match e {
                        Error::Msg(m) => Some(format!("{}\n", m.trim_end_matches('\n'))),
                        e => e.render(),
                    })
                    .collect();
                return Some(lines.concat());
            }
            Error::Exit(_) => return None,
        };
        Some(if text.ends_with('\n') {
            text
        } else {
            text + "\n"
        })
    }
}

fn hint(command: &str, help: &str) -> String {
    if command.is_empty() {
        format!("{PROG} {help}")
    } else {
        format!("{PROG} {command} {help}")
    }
}

/// kubectl never doubles the prefix when a message already starts with `error: `.
fn prefixed(msg: &str) -> String {
    if msg.starts_with("error: ") {
        msg.to_string()
    } else {
        format!("error: {msg}")
    }
}

/// kubectl's `StandardErrorMessage` for an API Status.
fn api_message(s: &kube::core::Status) -> String {
    if s.reason == "Unauthorized" || (s.code == 401 && s.reason.is_empty()) {
        return format!("error: You must be logged in to the server ({})", s.message);
    }
    if s.reason == "Invalid" {
        let d = s.details.as_ref();
        let (kind, name) = d
            .map(|d| (d.kind.as_str(), d.name.as_str()))
            .unwrap_or(("", ""));
        let head = if kind.is_empty() && name.is_empty() {
            "The request is invalid".to_string()
        } else {
            format!("The {kind} {name:?} is invalid")
        };
        let causes: Vec<String> = d
            .map(|d| {
                d.causes
                    .iter()
                    .map(|c| format!("{}: {}", c.field, c.message))
                    .collect()
            })
            .unwrap_or_default();
        return match causes.len() {
            0 => format!("{head}: {}", s.message),
            1 => format!("{head}: {}", causes[0]),
            _ => {
                let mut out = format!("{head}: \n");
                for c in causes {
                    out.push_str(&format!("* {c}\n"));
                }
                out
            }
        };
    }
    if s.reason.is_empty() {
        format!("Error from server: {}", s.message)
    } else {
        format!("Error from server ({}): {}", s.reason, s.message)
    }
}

fn transport_message(server: &str, e: &kube::Error) -> String {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut innermost = e.to_string();
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::ConnectionRefused
        {
            return format!(
                "The connection to the server {server} was refused - did you specify the right host or port?"
            );
        }
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return format!("Unable to connect to the server: {}", go_tls_text(tls));
        }
        innermost = err.to_string();
        // A custom io::Error's source() skips its payload (where rustls puts its error).
        let payload = err.downcast_ref::<io::Error>().and_then(|io| io.get_ref());
        cur = match payload {
            Some(p) => Some(p as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    format!("Unable to connect to the server: {innermost}")
}

/// Go's crypto/tls wording for the certificate failures scripts and tests see most.
fn go_tls_text(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    match e {
        rustls::Error::InvalidCertificate(C::UnknownIssuer) => {
            "tls: failed to verify certificate: x509: certificate signed by unknown authority"
                .to_string()
        }
        rustls::Error::InvalidCertificate(C::NotValidForName)
        | rustls::Error::InvalidCertificate(C::NotValidForNameContext { .. }) => {
            "tls: failed to verify certificate: x509: certificate is not valid for the requested name"
                .to_string()
        }
        rustls::Error::InvalidCertificate(C::Expired)
        | rustls::Error::InvalidCertificate(C::ExpiredContext { .. }) => {
            "tls: failed to verify certificate: x509: certificate has expired or is not yet valid"
                .to_string()
        }
        other => format!("tls: {other}"),
    }
}

/// Print `err` as kubectl would and return its exit code.
pub fn report(ui: &Ui, err: Error) -> ExitCode {
    if let Some(text) = err.render() {
        // If stderr itself is gone there is nobody left to tell.
        let _ = ui.eprint(&text);
    }
    ExitCode::from(err.exit_code())
}

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
        _ => report(ui, cobra_error(&f)),
    }
}

/// kubectl-layout help for the command the user asked about (clap's text as a fallback).
fn help_text(f: &ParseFailure) -> String {
    crate::help::render(&f.command_path(None)).unwrap_or_else(|| f.error.render().to_string())
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
                Error::usage(&path, format!("unknown command {name:?}"))
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
        ErrorKind::MissingRequiredArgument => {
            let what = context_str(e, ContextKind::InvalidArg).unwrap_or_default();
            Error::Flag {
                msg: format!("required flag(s) {:?} not set", what),
                command: path,
            }
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
    let mut cmd = crate::cli::command();
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
    let cmd = crate::cli::command();
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
        let f = crate::cli::parse(&args).unwrap_err();
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
    fn api_errors() {
        let mut s = kube::core::Status::failure("pods \"nope\" not found", "NotFound");
        s.code = 404;
        assert_eq!(
            Error::Api(Box::new(s)).render().unwrap(),
            "Error from server (NotFound): pods \"nope\" not found\n"
        );
    }

    #[test]
    fn no_double_prefix_and_silent_pipe() {
        assert_eq!(Error::msg("error: x").render().unwrap(), "error: x\n");
        let e = Error::Io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(e.render(), None);
        assert_eq!(e.exit_code(), 0);
    }

    #[test]
    fn levenshtein_basics() {
        assert_eq!(levenshtein("bogus", "logs"), 2);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
