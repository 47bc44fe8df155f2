//! kubectl-style plugins: `kk foo bar` runs the first executable named `kk-foo-bar`,
//! `kubectl-foo-bar`, `kk-foo` or `kubectl-foo` found on `PATH` (longest name first, `-`
//! inside a word becoming `_`), with the remaining arguments and kk's environment, replacing
//! the kk process as kubectl's `syscall.Exec` does. So krew plugins work unchanged.
//! `kk plugin list` shows them; `kk --help` and completion name them.

use std::path::{Path, PathBuf};

use crate::env::Env;

/// The prefixes a plugin executable may carry, in order of preference.
pub const PREFIXES: [&str; 2] = ["kk-", "kubectl-"];

/// Directories of `PATH`, in order.
pub fn path_dirs(env: &Env) -> Vec<PathBuf> {
    env.get("PATH")
        .map(|p| std::env::split_paths(p).collect())
        .unwrap_or_default()
}

/// Whether `p` is a file with an execute bit.
pub fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The first executable named `name` on `PATH`.
fn lookup(env: &Env, name: &str) -> Option<PathBuf> {
    path_dirs(env)
        .into_iter()
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

/// kubectl's plugin handler: the executable for the leading non-flag words of `args` and the
/// number of words its name used, or `None`.
pub fn find(env: &Env, args: &[String]) -> Option<(PathBuf, usize)> {
    let words: Vec<String> = args
        .iter()
        .take_while(|a| !a.starts_with('-'))
        .map(|a| a.replace('-', "_"))
        .collect();
    for n in (1..=words.len()).rev() {
        let name = words[..n].join("-");
        for prefix in PREFIXES {
            if let Some(path) = lookup(env, &format!("{prefix}{name}")) {
                return Some((path, n));
            }
        }
    }
    None
}

/// Replace this process with the plugin (returns only if that fails).
pub fn exec(path: &Path, args: &[String]) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    std::process::Command::new(path).args(args).exec()
}

/// Every plugin file on `PATH` (both prefixes), in `PATH` order then name order.
pub fn all(env: &Env) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in path_dirs(env) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| {
                PREFIXES
                    .iter()
                    .any(|p| n.starts_with(p) && n.len() > p.len())
            })
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| dir.join(n)));
    }
    out
}

/// The command a plugin file provides: `kubectl-foo-bar` → `foo`, as kubectl names it in
/// `--help` and completion (the first word).
pub fn command_name(path: &Path) -> Option<String> {
    let file = path.file_name()?.to_str()?;
    let rest = PREFIXES.iter().find_map(|p| file.strip_prefix(p))?;
    Some(rest.split('-').next()?.replace('_', "-"))
}
