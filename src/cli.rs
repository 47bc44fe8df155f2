//! The clap definition of kk's command line: the root [`Cli`], the kubectl global flags
//! ([`GlobalArgs`], accepted before or after the verb) and [`parse`], which keeps clap's
//! failure together with the command path so `error.rs` can print cobra's wording.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches, Parser};

use crate::cmd::Command;
use crate::complete::Complete;

/// kk controls Kubernetes clusters, like kubectl.
#[derive(Debug, Parser)]
#[command(
    name = "kk",
    bin_name = "kk",
    about = "kk controls the Kubernetes cluster manager (a fast, kubectl-compatible client).",
    disable_version_flag = true,
    args_override_self = true,
    subcommand_required = true,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Flags shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The verb to run.
    #[command(subcommand)]
    pub command: Command,
}

/// kubectl's global flags (`kubectl options`); each may appear before or after the verb.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Global Options")]
pub struct GlobalArgs {
    /// Path to the kubeconfig file to use for CLI requests
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<String>,
    /// The name of the kubeconfig context to use
    #[arg(long, global = true, value_name = "NAME", add = Complete::Context)]
    pub context: Option<String>,
    /// The name of the kubeconfig cluster to use
    #[arg(long, global = true, value_name = "NAME", add = Complete::Cluster)]
    pub cluster: Option<String>,
    /// The name of the kubeconfig user to use
    #[arg(long, global = true, value_name = "NAME", add = Complete::User)]
    pub user: Option<String>,
    /// If present, the namespace scope for this CLI request
    #[arg(short = 'n', long, global = true, value_name = "NAMESPACE", add = Complete::Namespace)]
    pub namespace: Option<String>,
    /// The address and port of the Kubernetes API server
    #[arg(short = 's', long, global = true, value_name = "URL")]
    pub server: Option<String>,
    /// Bearer token for authentication to the API server
    #[arg(long, global = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Username for basic authentication to the API server
    #[arg(long, global = true, value_name = "USERNAME")]
    pub username: Option<String>,
    /// Password for basic authentication to the API server
    #[arg(long, global = true, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Path to a cert file for the certificate authority
    #[arg(long, global = true, value_name = "PATH")]
    pub certificate_authority: Option<String>,
    /// Path to a client certificate file for TLS
    #[arg(long, global = true, value_name = "PATH")]
    pub client_certificate: Option<String>,
    /// Path to a client key file for TLS
    #[arg(long, global = true, value_name = "PATH")]
    pub client_key: Option<String>,
    /// If true, the server's certificate will not be checked for validity (insecure)
    #[arg(long, global = true, num_args = 0..=1, default_missing_value = "true",
          require_equals = true,
          value_name = "BOOL", value_parser = parse_bool)]
    pub insecure_skip_tls_verify: Option<bool>,
    /// Server name to use for server certificate validation
    #[arg(long, global = true, value_name = "NAME")]
    pub tls_server_name: Option<String>,
    /// The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)
    #[arg(long, global = true, value_name = "DURATION")]
    pub request_timeout: Option<String>,
    /// Username to impersonate for the operation
    #[arg(long = "as", global = true, value_name = "USER")]
    pub as_user: Option<String>,
    /// Group to impersonate for the operation; repeat for several groups
    #[arg(long = "as-group", global = true, value_name = "GROUP")]
    pub as_group: Vec<String>,
    /// UID to impersonate for the operation
    #[arg(long = "as-uid", global = true, value_name = "UID")]
    pub as_uid: Option<String>,
    /// Default cache directory (discovery cache)
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<String>,
    /// If true, opt-out of response compression for all requests to the server
    #[arg(long, global = true, num_args = 0..=1, default_missing_value = "true",
          require_equals = true, value_name = "BOOL", value_parser = parse_bool)]
    pub disable_compression: Option<bool>,
    /// Treat warnings received from the server as errors and exit with a non-zero exit code
    #[arg(long, global = true, num_args = 0..=1, default_missing_value = "true",
          require_equals = true, value_name = "BOOL", value_parser = parse_bool)]
    pub warnings_as_errors: Option<bool>,
    /// Number for the log level verbosity
    #[arg(short = 'v', long = "v", global = true, value_name = "LEVEL",
          value_parser = parse_level)]
    pub verbosity: Option<i32>,
}

/// pflag's boolean syntax (`--x`, `--x=true`, `--x=0`, `--x=F`...).
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err(format!("strconv.ParseBool: parsing {s:?}: invalid syntax")),
    }
}

fn parse_level(s: &str) -> Result<i32, String> {
    s.parse()
        .map_err(|_| format!("strconv.ParseInt: parsing {s:?}: invalid syntax"))
}

/// A clap failure plus what cobra would need to word it: the argv and the command path.
#[derive(Debug)]
pub struct ParseFailure {
    /// clap's error (kind and context).
    pub error: clap::Error,
    /// The user's arguments (without argv\[0\]).
    pub args: Vec<String>,
}

/// The root clap command, as built for parsing, help, completions and man pages.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parse argv (including argv\[0\]) into a [`Cli`].
pub fn parse(args: &[OsString]) -> Result<Cli, Box<ParseFailure>> {
    let failure = |error| {
        Box::new(ParseFailure {
            error,
            args: args
                .iter()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        })
    };
    let matches = command().try_get_matches_from(args).map_err(failure)?;
    Cli::from_arg_matches(&matches).map_err(failure)
}

impl ParseFailure {
    /// The subcommand names the user typed before `stop_at` (or all of them), e.g.
    /// `["config", "view"]`: cobra names this command in its "See '... --help'" hint.
    pub fn command_path(&self, stop_at: Option<&str>) -> Vec<String> {
        let mut cmd = command();
        cmd.build();
        let mut path = Vec::new();
        let mut i = 0;
        while i < self.args.len() {
            let arg = &self.args[i];
            if Some(arg.as_str()) == stop_at || arg == "--" {
                break;
            }
            if let Some(flag) = arg.strip_prefix('-') {
                if !arg.contains('=') && takes_value(&cmd, flag) {
                    i += 1;
                }
            } else if let Some(sub) = cmd.find_subcommand(arg).cloned() {
                path.push(sub.get_name().to_string());
                cmd = sub;
            } else {
                break;
            }
            i += 1;
        }
        path
    }
}

fn takes_value(cmd: &clap::Command, flag: &str) -> bool {
    let found = if let Some(long) = flag.strip_prefix('-') {
        cmd.get_arguments().find(|a| a.get_long() == Some(long))
    } else if flag.chars().count() == 1 {
        let c = flag.chars().next();
        cmd.get_arguments().find(|a| a.get_short() == c)
    } else {
        None
    };
    found.is_some_and(|a| {
        a.get_action().takes_values() && a.get_num_args().is_none_or(|n| n.min_values() > 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_app() {
        command().debug_assert();
    }

    fn argv(s: &str) -> Vec<OsString> {
        std::iter::once("kk")
            .chain(s.split_whitespace())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn globals_before_or_after_the_verb() {
        let a = parse(&argv("-n x version --client")).unwrap();
        let b = parse(&argv("version --client -n x")).unwrap();
        assert_eq!(a.global.namespace.as_deref(), Some("x"));
        assert_eq!(b.global.namespace.as_deref(), Some("x"));
    }

    #[test]
    fn last_occurrence_wins() {
        let a = parse(&argv("--namespace=a --namespace=b version --client")).unwrap();
        assert_eq!(a.global.namespace.as_deref(), Some("b"));
    }

    #[test]
    fn command_path_skips_flag_values() {
        let f = parse(&argv("-n x config view --bogus")).unwrap_err();
        assert_eq!(f.command_path(None), ["config", "view"]);
        assert_eq!(f.command_path(Some("view")), ["config"]);
    }

    #[test]
    fn pflag_bools() {
        assert_eq!(parse_bool("T"), Ok(true));
        assert_eq!(parse_bool("0"), Ok(false));
        assert!(parse_bool("yes").is_err());
    }
}
