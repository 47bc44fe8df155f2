//! The clap definition of kk's command line: the root [`Cli`] (the verbs plus
//! [`GlobalArgs`], which live in `flags`) and [`parse`], which keeps clap's failure together
//! with the command path so `failure` can print cobra's wording.

pub mod failure;

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches, Parser};

use crate::cmd::Command;
use crate::flags::GlobalArgs;

/// kk controls Kubernetes clusters, like kubectl.
#[derive(Debug, Parser)]
#[command(
    name = "kk",
    bin_name = "kk",
    about = "kk controls the Kubernetes cluster manager (a fast, kubectl-compatible client).",
    disable_version_flag = true,
    disable_help_subcommand = true,
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
    // One clap tree per run (building it is most of kk's start-up): parsed with, then
    // asked which globals the chosen command shadows.
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(args).map_err(failure)?;
    let mut cli = Cli::from_arg_matches(&matches).map_err(failure)?;
    for id in shadowed_globals(&cmd, &matches) {
        cli.global.clear(id);
    }
    Ok(cli)
}

/// The global flags the chosen command shadows with a flag of its own (`create rolebinding
/// --user`): as with cobra, the value is the command's, not the kubeconfig's. clap hands a
/// local value of a global id up to the root too; these ids are cleared there.
fn shadowed_globals<'a>(root: &'a clap::Command, matches: &clap::ArgMatches) -> Vec<&'a str> {
    let is_global = |id: &str| {
        root.get_arguments()
            .any(|a| a.is_global_set() && a.get_id().as_str() == id)
    };
    let mut cmd = root;
    let mut m = matches;
    while let Some((name, sub)) = m.subcommand() {
        let Some(next) = cmd.find_subcommand(name) else {
            break;
        };
        cmd = next;
        m = sub;
    }
    cmd.get_arguments()
        .filter(|a| !a.is_global_set() && is_global(a.get_id().as_str()))
        .map(|a| a.get_id().as_str())
        .collect()
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

impl ParseFailure {
    /// The positional words from `first` on (flags and their values left out): what cobra
    /// hands a command group that has no such subcommand (`unknown command "a b"`).
    pub fn positionals_from(&self, first: &str) -> Vec<String> {
        let mut cmd = command();
        cmd.build();
        let Some(start) = self.args.iter().position(|a| a == first) else {
            return vec![first.to_string()];
        };
        let mut out = Vec::new();
        let mut i = start;
        while i < self.args.len() {
            let arg = &self.args[i];
            if let Some(flag) = arg.strip_prefix('-') {
                if !arg.contains('=') && takes_value(&cmd, flag) {
                    i += 1;
                }
            } else {
                out.push(arg.clone());
            }
            i += 1;
        }
        out
    }
}

/// Whether `flag` (without its first `-`: `-output`, `o`) takes the next word as its value.
pub(crate) fn takes_value(cmd: &clap::Command, flag: &str) -> bool {
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
    fn a_commands_own_flag_shadows_the_global() {
        let a = parse(&argv("create rolebinding rb --role=r --user=u1")).unwrap();
        assert_eq!(a.global.user, None);
        let b = parse(&argv("get pods --user=admin")).unwrap();
        assert_eq!(b.global.user.as_deref(), Some("admin"));
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
}
