//! A snapshot of the process environment, taken once at start-up.
//!
//! Commands read `KUBECONFIG`, `HOME`, `KUBECACHEDIR`, `POD_NAMESPACE`... only through [`Env`],
//! so in-process tests can inject them and nothing reads `std::env` behind the caller's back.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Environment variables and working directory as seen when kk started.
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
    cwd: Option<PathBuf>,
}

impl Env {
    /// Snapshot the real process environment (non-UTF-8 variables are skipped).
    pub fn from_process() -> Self {
        Env {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// An environment with exactly these variables (for tests).
    pub fn from_vars<I, K, V>(vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Env {
            vars: vars
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            cwd: None,
        }
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The value of `name`, if set and not empty.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// `$HOME`, as kubectl uses it for `~/.kube/config` and `~/.kube/cache`.
    pub fn home(&self) -> Option<PathBuf> {
        self.non_empty("HOME").map(PathBuf::from)
    }

    /// The working directory at start-up.
    pub fn cwd(&self) -> Option<&std::path::Path> {
        self.cwd.as_deref()
    }
}
