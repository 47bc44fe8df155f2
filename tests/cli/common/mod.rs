//! Shared test support: the kk-sim server (started once per test binary), hermetic
//! environments that run kk and the real kubectl side by side, and output normalisers.

#![allow(dead_code)]

pub mod env;
pub mod kubectl;
pub mod kubectl_snapshot;
pub mod normalize;
pub mod output;
pub mod pty;
pub mod server;

pub use env::TestEnv;
pub use kubectl::kubectl_bin;
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

/// `true` if `tool` is available; otherwise fail under CI, or count a skip for the calling
/// test (listed when the test binary exits) and return `false`.
#[track_caller]
pub fn require_tool(test: &str, tool: &str, available: bool) -> bool {
    if available {
        return true;
    }
    assert!(
        !kubectl::in_ci(),
        "{test}: {tool} is missing; CI installs it in .ci/run"
    );
    kubectl::record_skip(tool);
    false
}
