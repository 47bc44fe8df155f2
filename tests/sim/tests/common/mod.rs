//! Test harness shared by the integration tests: one `kk-sim serve` per test binary (random
//! port, temporary kubeconfig, started on first use and stopped when the test process exits),
//! and a runner for the real kubectl (`kubectl.1.33`, falling back to `kubectl`) with a
//! private HOME and cache directory per test.
//!
//! Other test files reuse it with `mod common;`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};

/// A running simulated cluster.
pub struct Sim {
    /// `https://127.0.0.1:PORT`.
    pub url: String,
    /// The kubeconfig it wrote.
    pub kubeconfig: PathBuf,
    dir: tempfile::TempDir,
    // Held so the server lives as long as the test process: it exits on stdin EOF.
    _child: Mutex<(Child, ChildStdin, BufReader<ChildStdout>)>,
}

static SIM: OnceLock<Sim> = OnceLock::new();

/// The shared server of this test binary.
pub fn sim() -> &'static Sim {
    SIM.get_or_init(|| start(&[]))
}

/// Starts a server with extra `serve` flags; it stops when the returned value and the test
/// process are gone.
pub fn start(extra: &[&str]) -> Sim {
    let dir = tempfile::tempdir().expect("tempdir");
    let kubeconfig = dir.path().join("kubeconfig");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kk-sim"))
        .arg("serve")
        .arg("--kubeconfig")
        .arg(&kubeconfig)
        .arg("--exit-on-stdin-eof")
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn kk-sim");
    let stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read ready line");
    let url = line
        .trim_end()
        .strip_prefix("kk-sim ready ")
        .unwrap_or_else(|| panic!("unexpected first line from kk-sim: {line:?}"))
        .to_string();
    Sim {
        url,
        kubeconfig,
        dir,
        _child: Mutex::new((child, stdin, stdout)),
    }
}

impl Sim {
    /// A file in this server's temporary directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The one kubectl finder, shared with kk's own test harness: panics in CI when kubectl 1.33
/// is missing, else counts the skip and reports it when the test binary exits.
#[path = "../../../cli/common/kubectl.rs"]
pub mod finder;

/// Output of one kubectl run.
#[derive(Debug)]
pub struct Out {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code (-1 if killed).
    pub code: i32,
}

impl Out {
    /// Panics with everything if the run failed.
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "kubectl failed: {self:#?}");
        self
    }
}

/// kubectl bound to one server, with a private HOME and `--cache-dir`.
pub struct Kubectl {
    bin: PathBuf,
    kubeconfig: PathBuf,
    home: tempfile::TempDir,
    /// Namespace passed with `-n` unless the args name one.
    pub namespace: String,
}

/// A kubectl for `sim`, or None when kubectl 1.33 is not installed (a counted skip, or a
/// panic in CI: see [`finder`]). `test` is kept for the callers' readability.
pub fn kubectl(sim: &Sim, _test: &str) -> Option<Kubectl> {
    let bin = finder::kubectl_bin()?;
    Some(Kubectl {
        bin,
        kubeconfig: sim.kubeconfig.clone(),
        home: tempfile::tempdir().expect("tempdir"),
        namespace: "default".into(),
    })
}

impl Kubectl {
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.bin);
        c.env_clear()
            .env("HOME", self.home.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .arg("--cache-dir")
            .arg(self.home.path().join("cache"));
        if !args
            .iter()
            .any(|a| *a == "-n" || *a == "-A" || a.starts_with("--namespace"))
        {
            c.arg("-n").arg(&self.namespace);
        }
        c.args(args);
        c
    }

    /// Runs kubectl to completion.
    pub fn run(&self, args: &[&str]) -> Out {
        self.run_stdin(args, "")
    }

    /// Runs kubectl with `stdin` as standard input.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Out {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn kubectl");
        let mut i = child.stdin.take().expect("stdin");
        let input = stdin.to_string();
        let writer = std::thread::spawn(move || {
            let _ = i.write_all(input.as_bytes());
        });
        let out = child.wait_with_output().expect("kubectl output");
        let _ = writer.join();
        Out {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Starts kubectl in the background (stdout piped, for watches).
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn kubectl")
    }

    /// Creates a fresh namespace for one test and makes it the default for later runs.
    pub fn use_namespace(&mut self, ns: &str) {
        let manifest = format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n");
        self.run_stdin(&["create", "-f", "-", "--validate=false"], &manifest)
            .ok();
        self.namespace = ns.to_string();
    }

    /// The kubeconfig in use.
    pub fn kubeconfig(&self) -> &Path {
        &self.kubeconfig
    }
}
