//! Parity for commands that change the cluster: the same starting state is built in two
//! namespaces, kubectl acts on one and kk on the other, and outputs are compared with the
//! namespace names (and resourceVersions) normalised, then the objects left on the server.

use std::sync::LazyLock;

use regex::Regex;

use crate::common::env::assert_same;
use crate::common::{Output, TestEnv, fixture, kubectl_bin};

/// Two sim namespaces built alike: `a` for kubectl, `b` for kk.
pub struct Pair {
    a: TestEnv,
    b: TestEnv,
}

fn ns(env: &TestEnv) -> &str {
    env.namespace.as_deref().expect("sim namespace")
}

/// `-n <ns>` and `args` with `[NS]` replaced by the env's namespace.
fn args_in(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut v = vec!["-n".to_string(), ns(env).to_string()];
    v.extend(args.iter().map(|a| a.replace("[NS]", ns(env))));
    v
}

impl Pair {
    /// `None` (skipped loudly) without kubectl.
    pub fn new(name: &str) -> Option<Pair> {
        kubectl_bin()?;
        Some(Pair {
            a: TestEnv::sim(name),
            b: TestEnv::sim(name),
        })
    }

    /// Copy `fixtures/manifests/<f>` into both working directories.
    pub fn fixtures(&self, files: &[&str]) -> &Self {
        for f in files {
            for env in [&self.a, &self.b] {
                std::fs::copy(fixture(&format!("manifests/{f}")), env.path(f)).expect("fixture");
            }
        }
        self
    }

    /// Write the same file into both working directories.
    pub fn write(&self, rel: &str, contents: &[u8]) -> &Self {
        for env in [&self.a, &self.b] {
            let path = env.path(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("mkdir");
            }
            std::fs::write(path, contents).expect("write");
        }
        self
    }

    /// Run a kubectl command in both namespaces; it must succeed.
    #[track_caller]
    pub fn setup(&self, args: &[&str]) -> &Self {
        for env in [&self.a, &self.b] {
            let v = args_in(env, args);
            let v: Vec<&str> = v.iter().map(String::as_str).collect();
            env.run_kubectl(&v).expect("kubectl").success();
        }
        self
    }

    fn norm(&self, o: &Output, env: &TestEnv) -> Output {
        static RV: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#"resourceVersion("?): "\d+""#).unwrap());
        o.map(|s| {
            let s = s.replace(ns(env), "[NS]");
            RV.replace_all(&s, r#"resourceVersion$1: "[RV]""#)
                .into_owned()
        })
    }

    /// kubectl (in `a`) vs kk (in `b`): identical stdout, stderr and exit code. Returns kk's
    /// normalised output. `[NS]` in `args` stands for each side's namespace (names of
    /// cluster-scoped objects must differ between the two sides).
    #[track_caller]
    pub fn parity(&self, args: &[&str]) -> Output {
        let run = |env: &TestEnv, kk: bool| {
            let v = args_in(env, args);
            let v: Vec<&str> = v.iter().map(String::as_str).collect();
            let out = if kk {
                env.run_kk(&v)
            } else {
                env.run_kubectl(&v).expect("kubectl")
            };
            self.norm(&out, env)
        };
        let want = run(&self.a, false);
        let got = run(&self.b, true);
        assert_same(args, &want, &got);
        got
    }

    /// [`parity`](Self::parity) after `f` rewrites both outputs (for values that differ
    /// between the two namespaces by nature, such as a resourceVersion in a message).
    #[track_caller]
    pub fn parity_map(&self, args: &[&str], f: impl Fn(&str) -> String) -> Output {
        let run = |env: &TestEnv, kk: bool| {
            let v = args_in(env, args);
            let v: Vec<&str> = v.iter().map(String::as_str).collect();
            let out = if kk {
                env.run_kk(&v)
            } else {
                env.run_kubectl(&v).expect("kubectl")
            };
            self.norm(&out, env).map(&f)
        };
        let want = run(&self.a, false);
        let got = run(&self.b, true);
        assert_same(args, &want, &got);
        got
    }

    /// The server state kubectl sees after the command, the same in both namespaces.
    /// Returns kk's side.
    #[track_caller]
    pub fn same_state(&self, args: &[&str]) -> Output {
        let (want, got) = self.states(args);
        assert_same(args, &want, &got);
        got
    }

    /// What kubectl sees with `args` in kubectl's namespace and in kk's (normalised), without
    /// comparing them: for polling until both sides settle.
    pub fn states(&self, args: &[&str]) -> (Output, Output) {
        let run = |env: &TestEnv| {
            let v = args_in(env, args);
            let v: Vec<&str> = v.iter().map(String::as_str).collect();
            self.norm(&env.run_kubectl(&v).expect("kubectl"), env)
        };
        (run(&self.a), run(&self.b))
    }
}
