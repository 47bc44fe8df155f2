//! Shared by the kubectl-driven tests: a `kk-sim serve --plain-http` child and a way to run
//! the real kubectl 1.33 against it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// A `kk-sim serve --plain-http` child, killed on drop.
pub struct Sim {
    child: Child,
    dir: PathBuf,
}

impl Sim {
    /// Starts the sim, or None when kubectl 1.33 is not installed (a counted skip, or a
    /// panic in CI: see [`finder`]).
    pub fn start() -> Option<Sim> {
        finder::kubectl_bin()?;
        let dir = std::env::temp_dir().join(format!(
            "kk-sim-protobuf-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kk-sim"))
            .args(["serve", "--plain-http", "--kubeconfig"])
            .arg(dir.join("kubeconfig"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn kk-sim");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("kk-sim ready "),
            "kk-sim did not start: {line:?}"
        );
        Some(Sim { child, dir })
    }

    /// Runs kubectl 1.33 against the sim: (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(finder::available().expect("checked in Sim::start"))
            .env("KUBECONFIG", self.dir.join("kubeconfig"))
            .arg("--cache-dir")
            .arg(self.dir.join("cache"))
            .args(args)
            .output()
            .expect("run kubectl.1.33");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (
            out.status.code().unwrap_or(-1),
            text(&out.stdout),
            text(&out.stderr),
        )
    }

    /// A file in the test's scratch directory.
    pub fn write(&self, name: &str, content: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// Runs kubectl 1.33 against the sim; panics unless it exits 0. Returns stdout.
    pub fn kubectl(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run(args);
        assert_eq!(code, 0, "kubectl {args:?} failed:\n{stdout}{stderr}");
        stdout
    }

    pub fn get(&self, resource: &str, name: &str) -> Value {
        serde_json::from_str(&self.kubectl(&["get", resource, name, "-o", "json"])).unwrap()
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The one kubectl finder, shared with kk's own test harness.
#[path = "../../../cli/common/kubectl.rs"]
mod finder;
