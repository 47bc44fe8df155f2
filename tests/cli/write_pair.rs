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
            LazyLock::new(|| Regex::new(r#"resourceVersion("?):( ?)"\d+""#).unwrap());
        // kk-sim's service account tokens end in a random part.
        static TOKEN: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(kk-sim\.[0-9a-f-]{36}\.)[0-9a-z]+").unwrap());
        // Service IPs (kk-sim's 10.96.0.0/12) and node ports are allocated per object.
        static IP: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\b10\.(9[6-9]|10[0-9]|11[01])\.\d{1,3}\.\d{1,3}\b").unwrap()
        });
        static NODE_PORT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#"nodePort("?): 3\d{4}\b"#).unwrap());
        // `kubectl edit`'s temporary files (`<argv0>-edit-<5 random>.yaml`).
        static EDIT_FILE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\b(kubectl\.1\.\d+|kubectl|kk)-edit-[0-9]+\.").unwrap());
        let dir = env.dir().to_string_lossy().into_owned();
        o.map(|s| {
            let s = s.replace(&dir, "[DIR]");
            let s = EDIT_FILE.replace_all(&s, "kk-edit-[RANDOM].");
            let s = s.replace(ns(env), "[NS]");
            let s = TOKEN.replace_all(&s, "${1}[TOKEN]");
            let s = IP.replace_all(&s, "[IP]");
            let s = NODE_PORT.replace_all(&s, "nodePort$1: [PORT]");
            RV.replace_all(&s, r#"resourceVersion$1:$2"[RV]""#)
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

    /// [`parity`](Self::parity) with environment variables for both (`[DIR]` in a value
    /// stands for each side's working directory, which is also `TMPDIR`).
    #[track_caller]
    pub fn parity_env(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let run = |env: &TestEnv, kk: bool| {
            let v = args_in(env, args);
            let v: Vec<&str> = v.iter().map(String::as_str).collect();
            let bin = if kk {
                crate::common::kk_bin()
            } else {
                kubectl_bin().expect("kubectl")
            };
            let dir = env.dir().to_string_lossy().into_owned();
            let mut cmd = env.command(&bin, &v);
            cmd.env("TMPDIR", &dir);
            for (k, val) in vars {
                cmd.env(k, val.replace("[DIR]", &dir));
            }
            let out: Output = cmd.output().expect("running").into();
            self.norm(&out, env)
        };
        let want = run(&self.a, false);
        let got = run(&self.b, true);
        assert_same(args, &want, &got);
        got
    }

    /// The same file (normalised) in both working directories (what an editor script saw).
    #[track_caller]
    pub fn same_file(&self, rel: &str) -> String {
        let read = |env: &TestEnv| {
            let o = Output {
                stdout: env.read(rel),
                stderr: String::new(),
                code: 0,
            };
            self.norm(&o, env)
        };
        let (want, got) = (read(&self.a), read(&self.b));
        assert_same(&[rel], &want, &got);
        got.stdout
    }

    /// How many files of kubectl's and of kk's working directory have names starting with
    /// `prefix` (kubectl's are `kubectl.1.33...`, kk's `kk...`: give kk's).
    pub fn count_files(&self, prefix: &str) -> (usize, usize) {
        let count = |env: &TestEnv, prefix: &str| {
            std::fs::read_dir(env.dir())
                .expect("read dir")
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
                .count()
        };
        let theirs = prefix.replacen("kk", "kubectl.1.33", 1);
        (count(&self.a, &theirs), count(&self.b, prefix))
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

    /// Start `args` under kubectl (in `a`) and kk (in `b`) at once, for commands that wait
    /// for a change the test then makes on both sides; [`Started::parity`] compares them
    /// once both ended.
    pub fn start(&self, args: &[&str]) -> Started<'_> {
        let spawn = |env: &TestEnv, bin: std::path::PathBuf| {
            let v = args_in(env, args);
            let v: Vec<&str> = v.iter().map(String::as_str).collect();
            env.command(&bin, &v)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        Started {
            pair: self,
            args: args.iter().map(|a| a.to_string()).collect(),
            kubectl: spawn(&self.a, kubectl_bin().expect("kubectl")),
            kk: spawn(&self.b, crate::common::kk_bin()),
        }
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

/// kubectl and kk running the same waiting command (see [`Pair::start`]).
pub struct Started<'a> {
    pair: &'a Pair,
    args: Vec<String>,
    kubectl: std::process::Child,
    kk: std::process::Child,
}

impl Started<'_> {
    /// Wait for both and compare them as [`Pair::parity`] does; kk's normalised output.
    #[track_caller]
    pub fn parity(self) -> Output {
        let want: Output = self.kubectl.wait_with_output().expect("kubectl").into();
        let got: Output = self.kk.wait_with_output().expect("kk").into();
        let want = self.pair.norm(&want, &self.pair.a);
        let got = self.pair.norm(&got, &self.pair.b);
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        assert_same(&args, &want, &got);
        got
    }
}
