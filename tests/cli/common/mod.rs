//! Shared test support: the kk-sim server (started once per test binary), hermetic
//! environments that run kk and the real kubectl side by side, and output normalisers.

#![allow(dead_code)]

pub mod env;
pub mod normalize;
pub mod output;
pub mod pty;
pub mod server;

pub use env::TestEnv;
pub use output::Output;

use std::path::PathBuf;

/// The kk binary under test.
pub fn kk_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kk"))
}

/// A fixture file under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(rel)
}

/// The real kubectl to compare against: `kubectl.1.33` on PATH or next to `kubectl`, else
/// `kubectl` itself; `None` if there is none (callers skip loudly).
pub fn kubectl_bin() -> Option<PathBuf> {
    static FOUND: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    FOUND
        .get_or_init(|| {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
            for d in &dirs {
                if d.join("kubectl.1.33").is_file() {
                    return Some(d.join("kubectl.1.33"));
                }
            }
            for d in &dirs {
                let k = d.join("kubectl");
                if k.is_file() {
                    // gcloud's dispatcher keeps its versioned binaries beside the real file.
                    let real = std::fs::canonicalize(&k).unwrap_or(k.clone());
                    let versioned = real.with_file_name("kubectl.1.33");
                    return Some(if versioned.is_file() { versioned } else { k });
                }
            }
            None
        })
        .clone()
}

/// Print a loud skip line (kubectl missing) and return true, so tests can `if skip() {return}`.
pub fn skip_without_kubectl(test: &str) -> bool {
    if kubectl_bin().is_none() {
        eprintln!("SKIP {test}: no kubectl on PATH; parity not checked");
        return true;
    }
    false
}

/// Assert two JSON documents have the same keys in the same order at every level (values
/// may differ), ignoring the listed top-level keys: used where kk reports its own values
/// (version info) in kubectl's layout.
#[track_caller]
pub fn parity_like_shape(kubectl: &str, kk: &str, ignore_top: &[&str]) {
    fn keys(s: &str, ignore: &[&str]) -> Vec<String> {
        s.lines()
            .filter_map(|l| {
                let t = l.trim_start();
                let key = t.strip_prefix('"')?.split('"').next()?;
                t.contains("\":")
                    .then(|| format!("{}{key}", &l[..l.len() - t.len()]))
            })
            .filter(|k| !ignore.contains(&k.trim()))
            .collect()
    }
    assert_eq!(
        keys(kubectl, ignore_top),
        keys(kk, ignore_top),
        "JSON layout differs"
    );
}
