//! Applying a [`Preference`] to a command line, as kubectl does before cobra parses it:
//! first an alias (the first word names no command but an alias: it becomes the aliased
//! command, its `prependArgs` follow it, its `appendArgs` end the line, its options become
//! flag defaults), then the defaults of the command being run. A default is a flag the line
//! does not set (by long name, shorthand or in a `-abc` cluster, as kubectl searches);
//! kk writes it as `--name=value` right after the command's words, so clap parses it as if
//! typed, and anything typed later still wins.
//!
//! Commands are found as cobra's `Find` finds them: positional words walk the subcommand
//! tree, flags (and the values of flags that take one) are skipped, and words left over after
//! the deepest subcommand are arguments. Defaults match the running command by its own name,
//! as kubectl compares them.

use std::collections::BTreeSet;

use super::file::{OptionDefault, Preference};

/// A command found on a line: its clap definition, and where its words end in the line.
struct Found {
    cmd: clap::Command,
    /// Index (in the searched slice) just after the last command word.
    end: usize,
}

/// cobra's `Find`: the deepest command `words` name. `Err` carries the words left over when
/// the first positional names no command of the root (the root takes no arguments).
fn find(root: &clap::Command, words: &[String]) -> Result<Found, Vec<String>> {
    let mut cmd = root.clone();
    let mut end = 0;
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if w == "--" {
            break;
        }
        if let Some(flag) = w.strip_prefix('-').filter(|f| !f.is_empty()) {
            if !w.contains('=') && crate::cli::takes_value(&cmd, flag) {
                i += 1;
            }
        } else if let Some(sub) = cmd.find_subcommand(w).cloned() {
            cmd = sub;
            end = i + 1;
        } else if end == 0 && cmd.has_subcommands() {
            return Err(words[i..].to_vec());
        } else {
            break;
        }
        i += 1;
    }
    Ok(Found { cmd, end })
}

/// The argument of `cmd` (global flags included) whose long name is `name` (`_` read as
/// `-`, pflag's word-separator normalisation).
fn flag(cmd: &clap::Command, name: &str) -> Option<clap::Arg> {
    let name = name.replace('_', "-");
    cmd.get_arguments()
        .find(|a| a.get_long() == Some(name.as_str()))
        .cloned()
}

/// kubectl's `searchInArgs`: whether the line sets `arg` itself — `--name`, `--name=...`,
/// `-s...` for its shorthand `s`, or `s` inside a cluster of shorthands (`-it`).
fn typed(arg: &clap::Arg, shorthands: &BTreeSet<char>, args: &[String]) -> bool {
    let long = arg.get_long().unwrap_or_default();
    args.iter().any(|a| {
        if *a == format!("--{long}") || a.starts_with(&format!("--{long}=")) {
            return true;
        }
        let Some(s) = arg.get_short() else {
            return false;
        };
        if a.starts_with(&format!("-{s}")) {
            return true;
        }
        let cluster =
            a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_alphabetic());
        cluster && shorthands.contains(&s) && a[1..].contains(s)
    })
}

fn shorthands(cmd: &clap::Command) -> BTreeSet<char> {
    cmd.get_arguments().filter_map(|a| a.get_short()).collect()
}

/// pflag's `invalid argument "v" for "-o, --output" flag: <why>` when `value` does not
/// parse as `arg`'s value — what pflag's `Set` rejects (booleans, numbers, durations: kk's
/// Go-style parsers). Values a command checks later (an unknown `-o` format) pass here and
/// fail there, as in kubectl.
fn check_value(arg: &clap::Arg, value: &str) -> Result<(), String> {
    let probe = clap::Command::new("kuberc").no_binary_name(true).arg(
        clap::Arg::new("value")
            .long("value")
            .num_args(1)
            .allow_hyphen_values(true)
            .value_parser(arg.get_value_parser().clone()),
    );
    let Err(e) = probe.try_get_matches_from(["--value", value]) else {
        return Ok(());
    };
    let Some(why) = std::error::Error::source(&e) else {
        return Ok(());
    };
    let long = arg.get_long().unwrap_or_default();
    let names = match arg.get_short() {
        Some(c) => format!("-{c}, --{long}"),
        None => format!("--{long}"),
    };
    Err(format!(
        "invalid argument {value:?} for \"{names}\" flag: {why}"
    ))
}

/// kubectl's `validate`: option names in long form, alias names of letters, each alias once.
pub fn validate(pref: &Preference) -> Result<(), String> {
    let long_form = |opts: &[OptionDefault]| {
        opts.iter().try_for_each(|o| {
            if o.name.starts_with('-') {
                Err(format!(
                    "flag name {} should be in long form without dashes",
                    o.name
                ))
            } else {
                Ok(())
            }
        })
    };
    let mut seen = BTreeSet::new();
    for a in &pref.aliases {
        if a.name.is_empty() || !a.name.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err("invalid alias name, can only include alphabetical characters".into());
        }
        long_form(&a.options)?;
        if !seen.insert(a.name.as_str()) {
            return Err(format!("duplicate alias name {}", a.name));
        }
    }
    pref.defaults.iter().try_for_each(|d| long_form(&d.options))
}

/// The line after `pref`'s alias and defaults (`args[0]` is the program), and the warnings
/// kubectl prints on the way. `Err` is the message kubectl prints after "error occurred
/// while applying preferences".
pub fn expand(
    root: &clap::Command,
    pref: &Preference,
    mut args: Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Vec<String>, String> {
    validate(pref)?;
    let prog = args.first().cloned().unwrap_or_default();
    // The aliases kubectl has registered when it looks for defaults (it stops at the match).
    let mut aliases = BTreeSet::new();
    // The running command: its name as kubectl compares it, its definition, where its words
    // end in `args`.
    let mut running: Option<(String, Found)> = None;
    if find(root, &args[1..]).is_err() {
        let word = args[1..]
            .iter()
            .position(|a| !a.starts_with('-'))
            .map(|i| i + 1);
        let name = word.map(|i| args[i].clone()).unwrap_or_default();
        for alias in &pref.aliases {
            aliases.insert(alias.name.clone());
            if alias.name != name {
                continue;
            }
            if root.find_subcommand(&alias.name).is_some() {
                warnings.push(format!(
                    "Warning: Setting alias {:?} to a built-in command is not supported\n",
                    alias.name
                ));
                break;
            }
            let words: Vec<String> = alias.command.split_whitespace().map(String::from).collect();
            let target = find(root, &words).map_err(|left| {
                format!(
                    "command {:?} not found to set alias {:?}: [{}]",
                    alias.command,
                    alias.name,
                    left.join(" ")
                )
            })?;
            let Some(at) = word else { break };
            let path: Vec<String> = words[..target.end].to_vec();
            let set = assignments(
                &target.cmd,
                &alias.options,
                &args,
                |o| format!("invalid alias flag {} in alias {prog}", o.name),
                |o, e| {
                    format!(
                        "could not apply value {} to flag {} in alias {prog} err: {e}",
                        o.default, o.name
                    )
                },
            )?;
            let mut line: Vec<String> = args[..at].to_vec();
            line.extend(path.iter().cloned());
            line.extend(set);
            line.extend(alias.prepend_args.iter().cloned());
            line.extend(args[at + 1..].iter().cloned());
            line.extend(alias.append_args.iter().cloned());
            let end = at + path.len();
            args = line;
            running = Some((
                alias.name.clone(),
                Found {
                    cmd: target.cmd,
                    end,
                },
            ));
            break;
        }
    }
    let (name, found) = match running {
        Some(r) => r,
        None => match find(root, &args[1..]) {
            Ok(f) => {
                let name = f.cmd.get_name().to_string();
                let end = f.end + 1;
                (name, Found { cmd: f.cmd, end })
            }
            Err(_) => return Ok(args),
        },
    };
    let mut set = Vec::new();
    for d in &pref.defaults {
        let words: Vec<String> = d.command.split_whitespace().map(String::from).collect();
        let target = match find(root, &words) {
            Ok(t) => t.cmd.get_name().to_string(),
            // An alias kubectl has added to its root is found like a command.
            Err(_)
                if words
                    .first()
                    .is_some_and(|w| aliases.contains(w) && *w == name) =>
            {
                name.clone()
            }
            Err(_) => {
                warnings.push(format!(
                    "Warning: command {:?} not found to set kuberc override\n",
                    d.command
                ));
                continue;
            }
        };
        if target != name {
            continue;
        }
        if aliases.contains(&name) {
            return Err(format!("alias {name} can not be overridden"));
        }
        set.extend(assignments(
            &found.cmd,
            &d.options,
            &args[1..],
            |o| format!("invalid flag {} for command {}", o.name, d.command),
            |o, e| {
                format!(
                    "could not apply override value {} to flag {} in command {} err: {e}",
                    o.default, o.name, d.command
                )
            },
        )?);
    }
    if !set.is_empty() {
        let rest = args.split_off(found.end);
        args.extend(set);
        args.extend(rest);
    }
    Ok(args)
}

/// The `--name=value` words for the `opts` of `cmd` that `args` does not set itself, as
/// kubectl sets them one by one: a flag `cmd` lacks stops with `unknown(opt)`, a value its
/// parser rejects with `invalid(opt, why)`.
fn assignments(
    cmd: &clap::Command,
    opts: &[OptionDefault],
    args: &[String],
    unknown: impl Fn(&OptionDefault) -> String,
    invalid: impl Fn(&OptionDefault, String) -> String,
) -> Result<Vec<String>, String> {
    let marks = shorthands(cmd);
    let mut set = Vec::new();
    for o in opts {
        let arg = flag(cmd, &o.name).ok_or_else(|| unknown(o))?;
        if typed(&arg, &marks, args) {
            continue;
        }
        check_value(&arg, &o.default).map_err(|e| invalid(o, e))?;
        set.push(assignment(&arg, &o.default));
    }
    Ok(set)
}

/// `--name=value`, as clap reads a typed flag.
fn assignment(arg: &clap::Arg, value: &str) -> String {
    format!("--{}={value}", arg.get_long().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kuberc::file::{Alias, CommandDefaults};

    fn root() -> clap::Command {
        let mut cmd = crate::cli::command();
        cmd.build();
        cmd
    }

    fn line(s: &str) -> Vec<String> {
        std::iter::once("kk")
            .chain(s.split_whitespace())
            .map(String::from)
            .collect()
    }

    fn opt(name: &str, default: &str) -> OptionDefault {
        OptionDefault {
            name: name.into(),
            default: default.into(),
        }
    }

    fn defaults(command: &str, opts: Vec<OptionDefault>) -> Preference {
        Preference {
            defaults: vec![CommandDefaults {
                command: command.into(),
                options: opts,
            }],
            aliases: Vec::new(),
        }
    }

    fn run(pref: &Preference, s: &str) -> Result<String, String> {
        let mut w = Vec::new();
        expand(&root(), pref, line(s), &mut w).map(|a| a[1..].join(" "))
    }

    #[test]
    fn defaults_yield_to_typed_flags() {
        let p = defaults("get", vec![opt("output", "wide"), opt("namespace", "x")]);
        assert_eq!(
            run(&p, "get pods").unwrap(),
            "get --output=wide --namespace=x pods"
        );
        assert_eq!(
            run(&p, "-n y get pods -oyaml").unwrap(),
            "-n y get pods -oyaml"
        );
        assert_eq!(
            run(&p, "get pods --output json").unwrap(),
            "get --namespace=x pods --output json"
        );
        // Another command is untouched; so is a line after `--`.
        assert_eq!(run(&p, "describe pods").unwrap(), "describe pods");
        let p = defaults("exec", vec![opt("stdin", "true"), opt("tty", "true")]);
        assert_eq!(run(&p, "exec -it p -- sh").unwrap(), "exec -it p -- sh");
        assert_eq!(
            run(&p, "exec p -- sh").unwrap(),
            "exec --stdin=true --tty=true p -- sh"
        );
    }

    #[test]
    fn bad_defaults_read_like_kubectl() {
        let p = defaults("config view", vec![opt("nope", "x")]);
        assert_eq!(
            run(&p, "config view").unwrap_err(),
            "invalid flag nope for command config view"
        );
        let p = defaults("config view", vec![opt("raw", "maybe")]);
        assert_eq!(
            run(&p, "config view").unwrap_err(),
            "could not apply override value maybe to flag raw in command config view err: \
             invalid argument \"maybe\" for \"--raw\" flag: strconv.ParseBool: parsing \
             \"maybe\": invalid syntax"
        );
        // cobra finds the root for a line of flags: no such command, but no complaint.
        let p = defaults("-o", vec![]);
        let mut w = Vec::new();
        expand(&root(), &p, line("config view"), &mut w).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let p = defaults("nosuch", vec![]);
        let mut w = Vec::new();
        assert_eq!(
            expand(&root(), &p, line("config view"), &mut w).unwrap(),
            line("config view")
        );
        assert_eq!(
            w,
            ["Warning: command \"nosuch\" not found to set kuberc override\n"]
        );
    }

    #[test]
    fn aliases_expand_in_place() {
        let p = Preference {
            aliases: vec![Alias {
                name: "cv".into(),
                command: "config view extra".into(),
                prepend_args: vec!["--minify".into()],
                append_args: vec!["-o".into(), "json".into()],
                options: vec![opt("raw", "true")],
            }],
            defaults: vec![CommandDefaults {
                command: "config view".into(),
                options: vec![opt("output", "yaml")],
            }],
        };
        assert_eq!(
            run(&p, "cv --flatten").unwrap(),
            "config view --raw=true --minify --flatten -o json"
        );
        assert_eq!(
            run(&p, "cv --raw=false").unwrap(),
            "config view --minify --raw=false -o json"
        );
        // Defaults of the aliased command do not apply to the alias; the command itself
        // gets them.
        assert_eq!(run(&p, "config view").unwrap(), "config view --output=yaml");
        let mut bad = p.clone();
        bad.defaults[0].command = "cv".into();
        assert_eq!(
            run(&bad, "cv").unwrap_err(),
            "alias cv can not be overridden"
        );
        bad.aliases[0].command = "nosuch thing".into();
        assert_eq!(
            run(&bad, "cv").unwrap_err(),
            "command \"nosuch thing\" not found to set alias \"cv\": [nosuch thing]"
        );
    }

    #[test]
    fn validation() {
        let alias = |name: &str| Alias {
            name: name.into(),
            command: "get".into(),
            ..Alias::default()
        };
        let mut p = Preference {
            aliases: vec![alias("gp"), alias("gp")],
            defaults: Vec::new(),
        };
        assert_eq!(validate(&p).unwrap_err(), "duplicate alias name gp");
        p.aliases = vec![alias("g2")];
        assert_eq!(
            validate(&p).unwrap_err(),
            "invalid alias name, can only include alphabetical characters"
        );
        let p = defaults("get", vec![opt("-o", "json")]);
        assert_eq!(
            validate(&p).unwrap_err(),
            "flag name -o should be in long form without dashes"
        );
    }
}
