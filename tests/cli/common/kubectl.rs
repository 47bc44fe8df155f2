//! The one place the test harnesses find the real kubectl 1.33, the judge of every parity
//! test. Shared by `tests/cli` and kk-sim's tests (which include this file by path).
//!
//! - With `CI` set (`true`/`1`), a missing kubectl 1.33 panics with a clear message: a parity
//!   test that cannot compare must fail, never pass quietly.
//! - Outside CI, each test that could not compare is counted ([`record_skip`], also used for
//!   other tools such as shells), and when the test binary exits the count and the test names
//!   go to the real stderr (cargo hides a passing test's own
//!   output, so an `eprintln!` from inside the test would be lost).
//!
//! Only `PATH` is searched: `kubectl.1.33` in a PATH directory or beside the file a `kubectl`
//! on PATH resolves to (gcloud's layout), else a `kubectl` on PATH that reports itself as
//! v1.33. Removing kubectl from PATH therefore really removes it.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The real kubectl 1.33, or `None` after recording a skip for the calling test. Panics in
/// CI when there is none.
pub fn kubectl_bin() -> Option<PathBuf> {
    let found = available();
    if found.is_none() {
        missing();
    }
    found
}

/// The real kubectl 1.33 if there is one, without counting a skip: for callers that have
/// another source of kubectl's answer (a checked-in snapshot).
pub fn available() -> Option<PathBuf> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND
        .get_or_init(|| find(&std::env::var_os("PATH").unwrap_or_default()))
        .clone()
}

/// Whether this run is CI (`CI=true` or `CI=1`), where a missing kubectl is a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

fn find(path: &std::ffi::OsStr) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = std::env::split_paths(path).collect();
    for d in &dirs {
        let direct = d.join("kubectl.1.33");
        if direct.is_file() {
            return Some(direct);
        }
    }
    for d in &dirs {
        let k = d.join("kubectl");
        if !k.is_file() {
            continue;
        }
        if let Ok(real) = std::fs::canonicalize(&k) {
            let beside = real.with_file_name("kubectl.1.33");
            if beside.is_file() {
                return Some(beside);
            }
        }
        if is_1_33(&k) {
            return Some(k);
        }
    }
    None
}

/// `kubectl version --client -o json` says `"minor": "33"`.
fn is_1_33(bin: &Path) -> bool {
    let Ok(out) = std::process::Command::new(bin)
        .args(["version", "--client", "-o", "json"])
        .stdin(std::process::Stdio::null())
        .output()
    else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    text.contains("\"major\": \"1\"") && text.contains("\"minor\": \"33\"")
}

static SKIPPED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

fn missing() {
    if in_ci() {
        panic!(
            "kubectl 1.33 is not on PATH and CI is set: this parity test cannot compare kk with \
             kubectl. Install kubectl 1.33 (`kubectl.1.33` on PATH or beside `kubectl`, as \
             gcloud lays it out) or unset CI to run only kk's own assertions."
        );
    }
    record_skip("kubectl 1.33");
}

/// Count the calling test as having skipped what needs `tool`; the list is printed when the
/// test binary exits. (Callers panic instead in CI.)
pub fn record_skip(tool: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("<unnamed thread>")
        .to_string();
    let mut skipped = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if skipped.is_empty() {
        register_report();
    }
    skipped.insert(format!("{test} (no {tool})"));
}

fn register_report() {
    // SAFETY: registering a plain extern "C" fn with no captured state.
    unsafe {
        libc::atexit(report);
    }
}

extern "C" fn report() {
    let skipped = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if skipped.is_empty() {
        return;
    }
    let mut text = format!(
        "\nSKIPPED: {} test(s) could not run all their checks for want of a tool (with CI=true \
         this fails; kubectl 1.33 is looked up on PATH):\n",
        skipped.len()
    );
    for t in skipped.iter() {
        text.push_str("    ");
        text.push_str(t);
        text.push('\n');
    }
    // Straight to fd 2: the test harness captures the print macros, not the descriptor.
    let bytes = text.as_bytes();
    let mut off = 0;
    while off < bytes.len() {
        // SAFETY: writing an owned, live buffer to the process's stderr descriptor.
        let n = unsafe { libc::write(2, bytes[off..].as_ptr().cast(), bytes.len() - off) };
        if n <= 0 {
            break;
        }
        off += n as usize;
    }
}
