//! Dynamic shell completion: the hidden `kk __complete <words...> <partial>` command, on
//! cobra's protocol, so the scripts in `completions/` (and kubectl users' habits, such as
//! `complete -o default -F __start_kk k` for an alias) work as they do for kubectl.
//!
//! Output: one candidate per line (`candidate\tdescription` unless called as
//! `__completeNoDesc`), then `:<directive>`; stderr gets cobra's
//! `Completion ended with directive: ...` line, which the scripts ignore.
//!
//! What each argument completes to is declared on the clap definition
//! ([`spec::Complete`], e.g. `#[arg(add = Complete::TypeAndNames)]`); this module walks the
//! clap tree ([`line`]), and [`kinds`] produces candidates from [`source`], which answers from
//! caches and never spends more than the network budget.

pub mod builtin;
pub mod kinds;
pub mod line;
pub mod source;
pub mod spec;

use std::ops::{BitOr, BitOrAssign};
use std::process::ExitCode;

use clap::{Arg, Command};

pub use spec::Complete;

use crate::env::Env;
use crate::flags::GlobalArgs;
use crate::ui::Ui;
use line::{Line, Target};

/// The hidden command the scripts call.
pub const REQUEST: &str = "__complete";
/// The same, without descriptions.
pub const REQUEST_NO_DESC: &str = "__completeNoDesc";

/// cobra's `ShellCompDirective` bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Directive(pub u32);

impl Directive {
    /// Let the shell complete file names.
    pub const DEFAULT: Directive = Directive(0);
    /// Something went wrong; ignore the candidates.
    pub const ERROR: Directive = Directive(1);
    /// No space after the completed word.
    pub const NO_SPACE: Directive = Directive(2);
    /// No file names when there are no candidates.
    pub const NO_FILE_COMP: Directive = Directive(4);
    /// The candidates are file extensions to filter file names by.
    pub const FILTER_FILE_EXT: Directive = Directive(8);
    /// Complete directory names only.
    pub const FILTER_DIRS: Directive = Directive(16);
    /// Keep the candidates' order.
    pub const KEEP_ORDER: Directive = Directive(32);

    /// cobra's debug wording (`ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp`).
    pub fn describe(self) -> String {
        let names = [
            (Self::ERROR, "ShellCompDirectiveError"),
            (Self::NO_SPACE, "ShellCompDirectiveNoSpace"),
            (Self::NO_FILE_COMP, "ShellCompDirectiveNoFileComp"),
            (Self::FILTER_FILE_EXT, "ShellCompDirectiveFilterFileExt"),
            (Self::FILTER_DIRS, "ShellCompDirectiveFilterDirs"),
            (Self::KEEP_ORDER, "ShellCompDirectiveKeepOrder"),
        ];
        let set: Vec<&str> = names
            .iter()
            .filter(|(d, _)| self.0 & d.0 != 0)
            .map(|(_, n)| *n)
            .collect();
        if set.is_empty() {
            "ShellCompDirectiveDefault".to_string()
        } else {
            set.join(", ")
        }
    }
}

impl BitOr for Directive {
    type Output = Directive;
    fn bitor(self, o: Directive) -> Directive {
        Directive(self.0 | o.0)
    }
}

impl BitOrAssign for Directive {
    fn bitor_assign(&mut self, o: Directive) {
        self.0 |= o.0;
    }
}

/// Answer one completion request. `words` are the arguments after `__complete`, the last
/// being the word under the cursor (possibly empty).
pub fn run(
    app: fn() -> Command,
    words: &[String],
    descriptions: bool,
    ui: Ui,
    env: Env,
) -> ExitCode {
    let (to, before) = match words.split_last() {
        Some((last, rest)) => (last.as_str(), rest),
        None => ("", words),
    };
    let mut root = app();
    root.build();
    let line = Line::scan(root, before);
    let (comps, directive, error) = answer(app, &line, to, ui_for_ctx(), env);
    let mut out = String::new();
    for c in comps {
        let c = if descriptions {
            c.as_str()
        } else {
            c.split('\t').next().unwrap_or("")
        };
        // cobra: first line only, trimmed (no trailing tab without a description).
        out.push_str(c.lines().next().unwrap_or("").trim());
        out.push('\n');
    }
    out.push_str(&format!(":{}\n", directive.0));
    let _ = ui.print(&out);
    let mut err = String::new();
    if let Some(e) = error {
        err.push_str(&format!("[Debug] [Error] {e}\n"));
    }
    err.push_str(&format!(
        "Completion ended with directive: {}\n",
        directive.describe()
    ));
    let _ = ui.eprint(&err);
    let _ = ui.flush();
    ExitCode::SUCCESS
}

/// Requests made while completing must not print (warnings, errors): a silent Ui.
fn ui_for_ctx() -> Ui {
    Ui::for_test().0
}

fn answer(
    app: fn() -> Command,
    line: &Line,
    to: &str,
    ui: Ui,
    env: Env,
) -> (Vec<String>, Directive, Option<String>) {
    if let Some(cmd) = &line.unknown_command {
        return (
            Vec::new(),
            Directive::DEFAULT,
            Some(format!("unable to find a command for arguments: [{cmd}]")),
        );
    }
    let (target, to) = line.target(to);
    if let Some(flag) = &line.unknown_flag
        && !matches!(target, Target::FlagValue(_))
    {
        return (
            Vec::new(),
            Directive::DEFAULT,
            Some(format!("unknown flag: {flag}")),
        );
    }
    if line.has("help") {
        return (Vec::new(), Directive::NO_FILE_COMP, None);
    }
    match target {
        Target::FlagName => (flag_names(line, &to), Directive::NO_FILE_COMP, None),
        Target::FlagValue(arg) => match arg.get::<Complete>() {
            Some(kind) => {
                let (c, d) = with_source(app, line, ui, env, *kind, &to, false);
                (c, d, None)
            }
            None => (Vec::new(), Directive::DEFAULT, None),
        },
        Target::Positional => {
            let (c, d) = positional(app, line, &to, ui, env);
            (c, d, None)
        }
    }
}

/// Complete `kind` with a [`source::Source`] over the globals typed on the line.
fn with_source(
    app: fn() -> Command,
    line: &Line,
    ui: Ui,
    env: Env,
    kind: Complete,
    to: &str,
    positional: bool,
) -> (Vec<String>, Directive) {
    let argv: Vec<std::ffi::OsString> = std::iter::once("kk".to_string())
        .chain(line.globals.iter().cloned())
        .chain(std::iter::once("options".to_string()))
        .map(Into::into)
        .collect();
    let globals = app()
        .try_get_matches_from(&argv)
        .ok()
        .and_then(|m| <GlobalArgs as clap::FromArgMatches>::from_arg_matches(&m).ok())
        .unwrap_or_default();
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return (Vec::new(), Directive::NO_FILE_COMP);
    };
    let ctx = crate::ctx::Ctx::new(app, globals, ui, env);
    rt.block_on(async {
        let mut src = source::Source::new(&ctx).await;
        kinds::complete(kind, &mut src, &line.positionals, to, positional).await
    })
}

/// cobra's flag-name completion: inherited (global) flags, then the command's own, each
/// sorted, skipping flags already given unless they repeat.
fn flag_names(line: &Line, to: &str) -> Vec<String> {
    let is_root = line.path.is_empty();
    let visible = |a: &&Arg| !a.is_positional() && !a.is_hide_set();
    let mut inherited: Vec<&Arg> = Vec::new();
    let mut local: Vec<&Arg> = Vec::new();
    for a in line.cmd.get_arguments().filter(visible) {
        if a.is_global_set() && !is_root {
            inherited.push(a);
        } else {
            local.push(a);
        }
    }
    let key = |a: &&Arg| a.get_long().unwrap_or_default().to_string();
    inherited.sort_by_key(key);
    local.sort_by_key(key);
    let mut out = Vec::new();
    for a in inherited.into_iter().chain(local) {
        let repeats = matches!(a.get_action(), clap::ArgAction::Append);
        if line.has(a.get_id().as_str()) && !repeats {
            continue;
        }
        let help = a
            .get_help()
            .map(|h| h.to_string())
            .unwrap_or_default()
            .replace('\n', " ");
        if let Some(long) = a.get_long() {
            let name = format!("--{long}");
            if name.starts_with(to) {
                out.push(format!("{name}\t{help}"));
            }
        }
        if let Some(short) = a.get_short() {
            let name = format!("-{short}");
            if name.starts_with(to) {
                out.push(format!("{name}\t{help}"));
            }
        }
    }
    out
}

/// Subcommands (when nothing positional is typed yet), required flags, then the positional
/// argument's declared completion.
fn positional(
    app: fn() -> Command,
    line: &Line,
    to: &str,
    ui: Ui,
    env: Env,
) -> (Vec<String>, Directive) {
    let mut comps = Vec::new();
    let mut directive = Directive::DEFAULT;
    let own_flag_set = line
        .cmd
        .get_arguments()
        .any(|a| !a.is_global_set() && !a.is_positional() && line.has(a.get_id().as_str()));
    if line.positionals.is_empty() && !own_flag_set {
        let mut subs = subcommands(&line.cmd);
        if line.path.is_empty() {
            // kubectl lists plugins (`kubectl-foo` on PATH) among its commands.
            for p in crate::plugin::all(&env) {
                if let Some(name) = crate::plugin::command_name(&p)
                    && !subs.iter().any(|(n, _)| *n == name)
                {
                    let about = format!("The command {name} is a plugin installed by the user");
                    subs.push((name, about));
                }
            }
            subs.sort();
        }
        for sub in subs {
            if sub.0.starts_with(to) {
                comps.push(format!("{}\t{}", sub.0, sub.1));
            }
            directive = Directive::NO_FILE_COMP;
        }
    }
    comps.extend(required_flags(line, to));
    let Some(kind) = positional_kind(&line.cmd, line.positionals.len()) else {
        return (comps, directive);
    };
    let (more, d) = with_source(app, line, ui, env, kind, to, true);
    comps.extend(more);
    (comps, d)
}

/// `(name, about)` of the visible subcommands, sorted.
fn subcommands(cmd: &Command) -> Vec<(String, String)> {
    let mut subs: Vec<(String, String)> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| {
            let about = s.get_about().map(|a| a.to_string()).unwrap_or_default();
            (s.get_name().to_string(), about)
        })
        .collect();
    subs.sort();
    subs
}

/// cobra offers required flags not yet given even without a leading `-`.
fn required_flags(line: &Line, to: &str) -> Vec<String> {
    let mut out = Vec::new();
    for a in line.cmd.get_arguments() {
        if a.is_positional() || !a.is_required_set() || line.has(a.get_id().as_str()) {
            continue;
        }
        let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
        if let Some(long) = a
            .get_long()
            .map(|l| format!("--{l}"))
            .filter(|l| l.starts_with(to))
        {
            out.push(format!("{long}\t{help}"));
        }
    }
    out
}

/// The declared completion covering the positional argument at `index`: the last
/// positional with a [`Complete`] at or before it.
fn positional_kind(cmd: &Command, index: usize) -> Option<Complete> {
    let mut positionals: Vec<&Arg> = cmd.get_positionals().collect();
    positionals.sort_by_key(|a| a.get_index().unwrap_or(0));
    let mut found = None;
    for (i, a) in positionals.iter().enumerate() {
        if i > index {
            break;
        }
        if let Some(k) = a.get::<Complete>() {
            found = Some(*k);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_words() {
        assert_eq!(Directive::DEFAULT.describe(), "ShellCompDirectiveDefault");
        assert_eq!(
            (Directive::NO_SPACE | Directive::NO_FILE_COMP).describe(),
            "ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp"
        );
    }
}
