//! Hermetic environments for running kk and kubectl side by side.
//!
//! Every command runs with a cleared environment: a private HOME (so kubectl's discovery cache
//! and `~/.kube/config` are private too), `KUBECONFIG` only when the test sets one,
//! `KUBECACHEDIR` inside HOME, `TZ=UTC`, `COLUMNS=120` and a minimal PATH. The working
//! directory is the env's temp dir, so relative kubeconfig paths print the same for both.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::kubectl_snapshot::Snapshot;
use super::{Output, kk_bin, kubectl, kubectl_bin, normalize, server};

/// A private HOME/working directory plus optional kubeconfig and namespace.
pub struct TestEnv {
    dir: tempfile::TempDir,
    /// Value of `KUBECONFIG` for commands (relative to [`TestEnv::dir`]), if any.
    pub kubeconfig: Option<String>,
    /// The per-test namespace on kk-sim (sim envs only).
    pub namespace: Option<String>,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestEnv {
    /// No kubeconfig at all (an empty HOME).
    pub fn offline() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("home")).expect("home");
        TestEnv {
            dir,
            kubeconfig: None,
            namespace: None,
        }
    }

    /// Copy these `fixtures/kubeconfig/` files (plus `ca.crt`) in and point `KUBECONFIG` at
    /// them in order (`a.yaml:b.yaml`); names that do not exist as fixtures stay missing.
    pub fn with_kubeconfigs(files: &[&str]) -> Self {
        let env = Self::offline();
        for f in files.iter().copied().chain(["ca.crt"]) {
            let src = super::fixture(&format!("kubeconfig/{f}"));
            if src.is_file() {
                std::fs::copy(&src, env.dir().join(f)).expect("copy fixture");
            }
        }
        TestEnv {
            kubeconfig: Some(files.join(":")),
            ..env
        }
    }

    /// Talk to the shared kk-sim with a fresh namespace `kk-<name>-<n>` (created through the API).
    pub fn sim(name: &str) -> Self {
        let sim = server::sim();
        let mut env = Self::offline();
        std::fs::copy(&sim.kubeconfig, env.dir().join("kubeconfig")).expect("copy kubeconfig");
        env.kubeconfig = Some("kubeconfig".into());
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let ns = format!("kk-{}-{n}", name.replace('_', "-")).to_lowercase();
        server::create_namespace(&sim.kubeconfig, &ns);
        env.namespace = Some(ns);
        env
    }

    /// The per-test namespace (sim envs only).
    pub fn ns(&self) -> &str {
        self.namespace
            .as_deref()
            .expect("TestEnv::sim has a namespace")
    }

    /// Create the objects of a YAML manifest on kk-sim (default namespace: [`TestEnv::ns`]).
    pub fn seed(&self, manifest: &str) {
        server::seed(&server::sim().kubeconfig, self.ns(), manifest);
    }

    /// [`TestEnv::parity`] with `-n <test namespace>` appended.
    #[track_caller]
    pub fn parity_ns(&self, args: &[&str]) -> Option<Output> {
        let ns = self.ns().to_string();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["-n", &ns]);
        self.parity(&all)
    }

    /// The env's working directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A file in the working directory.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir().join(rel)
    }

    /// Read a file of the working directory.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// A hermetic command for `program` (stdin null; callers may rewire stdio).
    pub fn command(&self, program: &Path, args: &[&str]) -> Command {
        let home = self.dir().join("home");
        let mut cmd = Command::new(program);
        cmd.args(args)
            .current_dir(self.dir())
            .env_clear()
            .env("HOME", &home)
            .env("KUBECACHEDIR", home.join(".kube").join("cache"))
            .env("PATH", "/usr/bin:/bin")
            .env("TZ", "UTC")
            .env("COLUMNS", "120")
            .stdin(Stdio::null());
        if let Some(k) = &self.kubeconfig {
            cmd.env("KUBECONFIG", k);
        }
        cmd
    }

    /// Run kk.
    pub fn run_kk(&self, args: &[&str]) -> Output {
        self.command(&kk_bin(), args)
            .output()
            .expect("running kk")
            .into()
    }

    /// Run kk with extra environment variables.
    pub fn run_kk_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut cmd = self.command(&kk_bin(), args);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.output().expect("running kk").into()
    }

    /// [`TestEnv::parity`] with extra environment variables for both.
    #[track_caller]
    pub fn parity_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Option<Output> {
        let bin = kubectl_bin()?;
        let mut want = self.command(&bin, args);
        for (k, v) in vars {
            want.env(k, v);
        }
        let want: Output = want.output().expect("running kubectl").into();
        let got = self.run_kk_with(args, vars);
        assert_same(args, &want, &got);
        Some(got)
    }

    /// Run the real kubectl; `None` when it is not installed (counted as a skip, or a panic
    /// in CI: see [`kubectl_bin`]).
    pub fn run_kubectl(&self, args: &[&str]) -> Option<Output> {
        let bin = kubectl_bin()?;
        Some(
            self.command(&bin, args)
                .output()
                .expect("running kubectl")
                .into(),
        )
    }

    /// Run both, normalise ([`normalize::all`]) and assert identical stdout, stderr and exit
    /// code. Returns kk's raw output; `None` when kubectl's answer is unknown (no kubectl and
    /// no snapshot: counted as a skip, a panic in CI).
    ///
    /// In an env without a server ([`TestEnv::offline`], [`TestEnv::with_kubeconfigs`])
    /// kubectl's answer is also checked in (see [`super::kubectl_snapshot`]), so the
    /// comparison runs without kubectl too.
    #[track_caller]
    pub fn parity(&self, args: &[&str]) -> Option<Output> {
        let got = self.run_kk(args);
        let want = self.kubectl_answer(args)?;
        assert_same(args, &want, &got);
        Some(got)
    }

    /// kubectl's normalised answer to `args` in this env: live (and checked against the
    /// snapshot where there is one), else the snapshot.
    #[track_caller]
    fn kubectl_answer(&self, args: &[&str]) -> Option<Output> {
        let snapshot = if self.namespace.is_none() {
            Snapshot::current()
        } else {
            None
        };
        let Some(snapshot) = snapshot else {
            return Some(self.run_kubectl(args)?.map(normalize::all));
        };
        let key = self.command_line(args);
        let nth = snapshot.next_index(&key);
        if kubectl::available().is_none()
            && !kubectl::in_ci()
            && let Some(recorded) = snapshot.recorded(&key, nth)
        {
            return Some(recorded);
        }
        let live = self.run_kubectl(args)?.map(normalize::all);
        snapshot.check_live(&key, nth, &live);
        Some(live)
    }

    /// `KUBECONFIG=... kubectl ARGS`, shell-quoted: the key of a snapshot entry.
    fn command_line(&self, args: &[&str]) -> String {
        let quote = |a: &str| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_=.,/:@+".contains(c))
            {
                a.to_string()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        };
        let mut line = String::new();
        if let Some(k) = &self.kubeconfig {
            line.push_str(&format!("KUBECONFIG={} ", quote(k)));
        }
        line.push_str("kubectl");
        for a in args {
            line.push(' ');
            line.push_str(&quote(a));
        }
        line
    }
}

/// Assert that kubectl's and kk's outputs agree after normalisation.
#[track_caller]
pub fn assert_same(args: &[&str], kubectl: &Output, kk: &Output) {
    let want = kubectl.map(normalize::all);
    let got = kk.map(normalize::all);
    assert!(
        want == got,
        "kk differs from kubectl for {args:?}\n===== kubectl =====\n{want}\n===== kk =====\n{got}\n"
    );
}

/// Run a kubeconfig-modifying command under kubectl and under kk on two identical copies of
/// `files`, compare their outputs, then compare the resulting kubeconfigs as kubectl reads
/// them (`config view --raw`). Returns the kk env for further checks. kubectl's side is
/// snapshotted; without kubectl, kk's file is read back by kk's own (parity-tested)
/// `config view --raw`.
#[track_caller]
pub fn parity_write(files: &[&str], args: &[&str]) -> Option<TestEnv> {
    let for_kubectl = TestEnv::with_kubeconfigs(files);
    let for_kk = TestEnv::with_kubeconfigs(files);
    let got = for_kk.run_kk(args);
    let want = for_kubectl.kubectl_answer(args)?;
    assert_same(args, &want, &got);
    let view = ["config", "view", "--raw"];
    let want = for_kubectl.kubectl_answer(&view)?;
    let got = match kubectl::available() {
        Some(_) => for_kk.run_kubectl(&view)?,
        None => for_kk.run_kk(&view),
    };
    assert_same(&view, &want, &got);
    Some(for_kk)
}
