//! kubectl's help layout, rendered from the clap definition.
//!
//! cobra/kubectl print a command's description, `Examples:`, its own flags as
//! `    -o, --output='':\n\t<help>`, a `Usage:` line and a pointer to `kk options`; global
//! flags are listed only by `kk options`. clap's renderer cannot produce that, so `--help`
//! and `kk options` are rendered here; the text comes from the clap definition (doc comments,
//! `after_long_help` for examples).

use clap::{Arg, Command};

/// The section of `kk --help` a top-level verb is listed in (kubectl's groups), declared on
/// the verb's variant in `cmd::Command`: `#[command(add = Group::BasicIntermediate)]`.
/// A unit test fails for a visible verb without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Basic Commands (Beginner): create, expose, run, set.
    BasicBeginner,
    /// Basic Commands (Intermediate): explain, get, edit, delete.
    BasicIntermediate,
    /// Deploy Commands: rollout, scale, autoscale.
    Deploy,
    /// Cluster Management Commands: certificate, cluster-info, top, cordon, drain, taint.
    ClusterManagement,
    /// Troubleshooting and Debugging Commands: describe, logs, attach, exec, port-forward,
    /// proxy, cp, auth, debug, events.
    Troubleshooting,
    /// Advanced Commands: diff, apply, patch, replace, wait, kustomize.
    Advanced,
    /// Settings Commands: label, annotate, completion.
    Settings,
    /// Other Commands: api-resources, api-versions, config, plugin, version.
    Other,
    /// Not listed (kubectl's `options`).
    Unlisted,
}

impl clap::builder::CommandExt for Group {}

impl Group {
    /// kubectl's sections in order, each with its heading and kubectl's order of verbs.
    const SECTIONS: [(Group, &'static str, &'static [&'static str]); 8] = [
        (
            Group::BasicBeginner,
            "Basic Commands (Beginner):",
            &["create", "expose", "run", "set"],
        ),
        (
            Group::BasicIntermediate,
            "Basic Commands (Intermediate):",
            &["explain", "get", "edit", "delete"],
        ),
        (
            Group::Deploy,
            "Deploy Commands:",
            &["rollout", "scale", "autoscale"],
        ),
        (
            Group::ClusterManagement,
            "Cluster Management Commands:",
            &[
                "certificate",
                "cluster-info",
                "top",
                "cordon",
                "uncordon",
                "drain",
                "taint",
            ],
        ),
        (
            Group::Troubleshooting,
            "Troubleshooting and Debugging Commands:",
            &[
                "describe",
                "logs",
                "attach",
                "exec",
                "port-forward",
                "proxy",
                "cp",
                "auth",
                "debug",
                "events",
            ],
        ),
        (
            Group::Advanced,
            "Advanced Commands:",
            &["diff", "apply", "patch", "replace", "wait", "kustomize"],
        ),
        (
            Group::Settings,
            "Settings Commands:",
            &["label", "annotate", "completion"],
        ),
        (
            Group::Other,
            "Other Commands:",
            &[
                "api-resources",
                "api-versions",
                "config",
                "plugin",
                "version",
            ],
        ),
    ];
}

/// The root's usage (kubectl's usage template): its sections and the `Usage:` lines.
pub fn usage(root: &Command) -> String {
    let help = render(root, &[]).unwrap_or_default();
    // Everything after the description paragraph.
    match help.split_once("\n\n") {
        Some((_, rest)) => rest.to_string(),
        None => help,
    }
}

/// The root's verbs by section, as kubectl lists them (only sections with a verb).
fn grouped(root: &Command) -> String {
    let verbs: Vec<&Command> = root
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    let pad = verbs
        .iter()
        .map(|s| s.get_name().len())
        .max()
        .unwrap_or(0)
        .max(13)
        + 2;
    let mut out = String::new();
    for (group, heading, order) in Group::SECTIONS {
        let mut members: Vec<&Command> = verbs
            .iter()
            .copied()
            .filter(|s| s.get::<Group>() == Some(&group))
            .collect();
        // kubectl's order first; verbs it does not have keep their definition order after.
        members.sort_by_key(|s| {
            order
                .iter()
                .position(|o| *o == s.get_name())
                .unwrap_or(order.len())
        });
        if members.is_empty() {
            continue;
        }
        out.push_str(heading);
        out.push('\n');
        for s in members {
            let about = s.get_about().map(|a| a.to_string()).unwrap_or_default();
            out.push_str(&format!("  {:<pad$} {about}\n", s.get_name()));
        }
        out.push('\n');
    }
    out
}

/// Help for the command at `path` (`["config", "view"]`) under `root` (the whole CLI), or
/// `None` if there is no such command.
pub fn render(root: &Command, path: &[String]) -> Option<String> {
    let mut cmd = root.clone();
    cmd.build();
    let root_globals: Vec<String> = global_ids(&cmd);
    for p in path {
        cmd = cmd.find_subcommand(p)?.clone();
    }
    let mut out = String::new();
    let about = cmd
        .get_long_about()
        .or(cmd.get_about())
        .map(|s| s.to_string())
        .unwrap_or_default();
    out.push_str(about.trim_end());
    out.push_str("\n\n");
    if let Some(ex) = cmd.get_after_long_help().or(cmd.get_after_help()) {
        out.push_str("Examples:\n");
        out.push_str(ex.to_string().trim_end());
        out.push_str("\n\n");
    }
    let subs: Vec<&Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    if path.is_empty() {
        out.push_str(&grouped(&cmd));
    } else if !subs.is_empty() {
        out.push_str("Available Commands:\n");
        let pad = subs
            .iter()
            .map(|s| s.get_name().len())
            .max()
            .unwrap_or(0)
            .max(9)
            + 2;
        for s in &subs {
            let about = s.get_about().map(|a| a.to_string()).unwrap_or_default();
            out.push_str(&format!("  {:<pad$} {about}\n", s.get_name()));
        }
        out.push('\n');
    }
    let own: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_positional() && !a.is_hide_set())
        .filter(|a| a.get_id() != "help" && !root_globals.contains(&a.get_id().to_string()))
        .collect();
    if !own.is_empty() {
        out.push_str("Options:\n");
        for a in own {
            out.push_str(&flag(a));
        }
    }
    let full = std::iter::once(crate::error::PROG)
        .chain(path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    out.push_str("Usage:\n");
    if subs.is_empty() {
        let positionals: Vec<String> = cmd
            .get_arguments()
            .filter(|a| a.is_positional() && !a.is_hide_set())
            .filter_map(|a| {
                a.get_value_names()
                    .and_then(|v| v.first())
                    .map(|v| v.to_string())
            })
            .collect();
        let pos = if positionals.is_empty() {
            String::new()
        } else {
            format!(" {}", positionals.join(" "))
        };
        out.push_str(&format!("  {full}{pos} [flags] [options]\n\n"));
    } else {
        out.push_str(&format!("  {full} [flags] [options]\n\n"));
        out.push_str(&format!(
            "Use \"{full} <command> --help\" for more information about a given command.\n"
        ));
    }
    out.push_str(&format!(
        "Use \"{} options\" for a list of global command-line options (applies to all commands).\n",
        crate::error::PROG
    ));
    Some(out)
}

fn global_ids(root: &Command) -> Vec<String> {
    root.get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect()
}

/// One flag in kubectl's layout: `    -o, --output='':` then the tab-indented help.
fn flag(a: &Arg) -> String {
    let long = a.get_long().unwrap_or_default();
    let names = match a.get_short() {
        Some(c) => format!("-{c}, --{long}"),
        None => format!("--{long}"),
    };
    // A pflag boolean (`flags::Pflag::pflag_bool`): `--x` alone means true.
    let boolish = a.get_num_args().is_some_and(|n| n.min_values() == 0)
        && a.get_value_names()
            .is_some_and(|v| v.iter().any(|v| v == "BOOL"));
    let repeated = matches!(a.get_action(), clap::ArgAction::Append);
    let default = if boolish {
        "false".to_string()
    } else if repeated {
        "[]".to_string()
    } else {
        match a.get_default_values().first() {
            Some(v) => format!("'{}'", v.to_string_lossy()),
            None => "''".to_string(),
        }
    };
    let help = a
        .get_long_help()
        .or(a.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    format!(
        "    {names}={default}:\n\t{}\n\n",
        help.replace('\n', "\n\t")
    )
}

/// `kk options`: every global flag of `root`.
pub fn options(root: &Command) -> String {
    let mut cmd = root.clone();
    cmd.build();
    let mut out = String::from("The following options can be passed to any command:\n\n");
    let mut globals: Vec<&Arg> = cmd.get_arguments().filter(|a| a.is_global_set()).collect();
    globals.sort_by_key(|a| a.get_long().unwrap_or_default());
    for a in globals {
        out.push_str(&flag(a));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectl_layout() {
        let root = crate::cli::command();
        let h = render(&root, &["version".to_string()]).unwrap();
        assert!(h.contains("Options:\n    --client=false:\n\t"), "{h}");
        assert!(h.contains("    -o, --output='':\n\t"), "{h}");
        assert!(h.ends_with(
            "Usage:\n  kk version [flags] [options]\n\nUse \"kk options\" for a list of global \
             command-line options (applies to all commands).\n"
        ));
        assert!(
            !h.contains("--kubeconfig"),
            "globals belong to `kk options`"
        );
        let c = render(&root, &["config".to_string()]).unwrap();
        assert!(
            c.contains("Available Commands:\n  current-context   Display the current-context\n"),
            "{c}"
        );
    }

    #[test]
    fn every_verb_declares_its_help_group() {
        let root = crate::cli::command();
        for verb in root.get_subcommands().filter(|s| !s.is_hide_set()) {
            assert!(
                verb.get::<Group>().is_some(),
                "`{}` has no help group: add `#[command(add = Group::...)]` to its variant in \
                 cmd::Command (kubectl's section for it)",
                verb.get_name()
            );
        }
        let help = render(&root, &[]).unwrap();
        assert!(
            help.contains("\n\nBasic Commands (Intermediate):\n  explain  "),
            "{help}"
        );
        assert!(!help.contains("  options "), "{help}");
    }

    #[test]
    fn options_lists_globals() {
        let o = options(&crate::cli::command());
        assert!(
            o.starts_with("The following options can be passed to any command:\n\n    --as='':\n")
        );
        assert!(o.contains(
            "    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n"
        ));
        assert!(o.contains("    --as-group=[]:\n"));
    }
}
