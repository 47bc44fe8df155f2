//! Reading a partial command line the way cobra's `__complete` does: find the command the
//! user is in (`Find`: the first non-flag word at each level names a subcommand), separate
//! flags from positional arguments with pflag's rules (a flag that takes a value eats the next
//! word unless written `--flag=value`; booleans and other optional-value flags never do), and
//! decide what the last, unfinished word is: a flag name, a flag's value or a positional.

use clap::{Arg, Command};

/// The command line up to (not including) the word being completed.
pub struct Line {
    /// The final command (built, globals propagated).
    pub cmd: Command,
    /// Subcommand names from the root to [`Line::cmd`].
    pub path: Vec<String>,
    /// Positional arguments of the final command, in order.
    pub positionals: Vec<String>,
    /// Ids of the flags present (each once).
    pub set: Vec<String>,
    /// Global flags as typed, normalised to `--long=value` / `--long` (to rebuild the globals).
    pub globals: Vec<String>,
    /// A `--` was seen: everything after it is positional.
    pub dashdash: bool,
    /// A flag the final command does not know (cobra gives up on the line).
    pub unknown_flag: Option<String>,
    /// A value-taking flag ended the line: its value is the word being completed.
    pub pending: Option<Arg>,
    /// A word after the root that names no command (cobra: "unable to find a command").
    pub unknown_command: Option<String>,
}

/// What the unfinished word is.
pub enum Target {
    /// `-`, `--na`: a flag name.
    FlagName,
    /// The value of this flag (after `--flag ` or `--flag=`).
    FlagValue(Box<Arg>),
    /// A positional argument (or a subcommand name).
    Positional,
}

/// Whether a flag consumes the next word as its value (pflag: not a bool, no NoOptDefVal).
pub fn takes_value(a: &Arg) -> bool {
    a.get_action().takes_values() && a.get_num_args().is_none_or(|n| n.min_values() > 0)
}

fn find_long<'a>(cmd: &'a Command, name: &str) -> Option<&'a Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|v| v.contains(&name))
    })
}

fn find_short(cmd: &Command, c: char) -> Option<&Arg> {
    cmd.get_arguments().find(|a| a.get_short() == Some(c))
}

impl Line {
    /// Scan `words` (the line without the program name and without the unfinished word).
    pub fn scan(root: Command, words: &[String]) -> Line {
        let mut line = Line {
            cmd: root,
            path: Vec::new(),
            positionals: Vec::new(),
            set: Vec::new(),
            globals: Vec::new(),
            dashdash: false,
            unknown_flag: None,
            pending: None,
            unknown_command: None,
        };
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            i += 1;
            if line.dashdash {
                line.positionals.push(w.clone());
                continue;
            }
            if w == "--" {
                line.dashdash = true;
                continue;
            }
            if let Some(long) = w.strip_prefix("--") {
                let (name, value) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (long, None),
                };
                let Some(arg) = find_long(&line.cmd, name).cloned() else {
                    line.unknown_flag.get_or_insert_with(|| w.clone());
                    continue;
                };
                let value = match value {
                    Some(v) => Some(v),
                    None if takes_value(&arg) => match words.get(i) {
                        Some(v) => {
                            i += 1;
                            Some(v.clone())
                        }
                        None => {
                            line.pending = Some(arg.clone());
                            None
                        }
                    },
                    None => None,
                };
                line.record(&arg, value);
                continue;
            }
            if let Some(shorts) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
                let chars: Vec<(usize, char)> = shorts.char_indices().collect();
                for (pos, c) in chars {
                    let Some(arg) = find_short(&line.cmd, c).cloned() else {
                        line.unknown_flag.get_or_insert_with(|| w.clone());
                        break;
                    };
                    let rest = &shorts[pos + c.len_utf8()..];
                    if let Some(v) = rest.strip_prefix('=') {
                        line.record(&arg, Some(v.to_string()));
                        break;
                    }
                    if takes_value(&arg) {
                        let value = if !rest.is_empty() {
                            Some(rest.to_string())
                        } else if let Some(v) = words.get(i) {
                            i += 1;
                            Some(v.clone())
                        } else {
                            line.pending = Some(arg.clone());
                            None
                        };
                        line.record(&arg, value);
                        break;
                    }
                    line.record(&arg, None);
                }
                continue;
            }
            // The first word at a level that has subcommands names one of them.
            if line.positionals.is_empty() && line.cmd.has_subcommands() {
                if let Some(sub) = line.cmd.find_subcommand(w).cloned() {
                    line.path.push(sub.get_name().to_string());
                    line.cmd = sub;
                    continue;
                }
                if line.path.is_empty() {
                    line.unknown_command.get_or_insert_with(|| w.clone());
                }
            }
            line.positionals.push(w.clone());
        }
        line
    }

    fn record(&mut self, arg: &Arg, value: Option<String>) {
        let id = arg.get_id().to_string();
        if !self.set.contains(&id) {
            self.set.push(id);
        }
        if arg.is_global_set()
            && let Some(long) = arg.get_long()
        {
            self.globals.push(match value {
                Some(v) => format!("--{long}={v}"),
                None if takes_value(arg) => return,
                None => format!("--{long}"),
            });
        }
    }

    /// Classify the unfinished word `to`, returning the target and the text to match (the
    /// value part of `--flag=val`).
    pub fn target(&self, to: &str) -> (Target, String) {
        if !self.dashdash && to.starts_with('-') {
            if let Some((flag, value)) = to.split_once('=') {
                let arg = match flag.strip_prefix("--") {
                    Some(long) => find_long(&self.cmd, long),
                    None => flag.chars().last().and_then(|c| find_short(&self.cmd, c)),
                };
                return match arg {
                    Some(a) => (Target::FlagValue(Box::new(a.clone())), value.to_string()),
                    None => (Target::Positional, to.to_string()),
                };
            }
            return (Target::FlagName, to.to_string());
        }
        match &self.pending {
            Some(a) => (Target::FlagValue(Box::new(a.clone())), to.to_string()),
            None => (Target::Positional, to.to_string()),
        }
    }

    /// Whether a flag with this id was typed.
    pub fn has(&self, id: &str) -> bool {
        self.set.iter().any(|s| s == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Line {
        let mut root = crate::cli::command();
        root.build();
        let words: Vec<String> = s.split_whitespace().map(String::from).collect();
        Line::scan(root, &words)
    }

    #[test]
    fn finds_the_command_and_its_arguments() {
        let l = scan("-n x config use-context");
        assert_eq!(l.path, ["config", "use-context"]);
        assert_eq!(l.globals, ["--namespace=x"]);
        assert!(l.positionals.is_empty());
        let l = scan("get pods --namespace other web -o yaml");
        assert_eq!(l.path, ["get"]);
        assert_eq!(l.positionals, ["pods", "web"]);
        assert!(l.has("output"));
        assert_eq!(l.globals, ["--namespace=other"]);
    }

    #[test]
    fn booleans_take_no_value() {
        let l = scan("get -A pods");
        assert_eq!(l.positionals, ["pods"]);
        let l = scan("get --show-kind pods");
        assert_eq!(l.positionals, ["pods"]);
    }

    #[test]
    fn a_flag_at_the_end_is_pending() {
        let l = scan("get pods -n");
        assert!(
            l.pending
                .as_ref()
                .is_some_and(|a| a.get_id() == "namespace")
        );
        assert!(matches!(l.target("").0, Target::FlagValue(_)));
        assert!(matches!(scan("get").target("-").0, Target::FlagName));
        let (t, v) = scan("get").target("--output=ya");
        assert!(matches!(t, Target::FlagValue(a) if a.get_id() == "output"));
        assert_eq!(v, "ya");
    }

    #[test]
    fn dashdash_ends_flags() {
        let l = scan("get -- -x");
        assert_eq!(l.positionals, ["-x"]);
        assert!(l.unknown_flag.is_none());
        assert!(matches!(l.target("-").0, Target::Positional));
    }

    #[test]
    fn unknown_words() {
        assert_eq!(scan("nosuch").unknown_command.as_deref(), Some("nosuch"));
        assert_eq!(scan("get --bogus").unknown_flag.as_deref(), Some("--bogus"));
    }
}
