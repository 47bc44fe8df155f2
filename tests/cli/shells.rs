//! Completion in real shells: bash (with and without the bash-completion package) and zsh run
//! interactively under tmux, typing a line and pressing TAB; fish answers through its own
//! entry point (`complete -C`). Each shell sources the script `kk completion SHELL` prints,
//! and the same lines are tried through `alias k=kk`. Candidates come from kk-sim's state.
//!
//! CI installs the shells and tmux in `.ci/run`; there a missing one fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{TestEnv, kk_bin, require_tool};

/// `(typed line, strings the screen or candidate list must then show)`. `{ns}` is the
/// test's namespace (also the context's namespace).
const CASES: &[(&str, &[&str])] = &[
    (
        "kk get po",
        &["pods", "podtemplates", "poddisruptionbudgets.policy"],
    ),
    ("kk get pods ", &["web-0", "web-1"]),
    ("kk -n ", &["{ns}", "kube-system", "default"]),
    ("kk get --namespace={ns}", &["--namespace={ns} "]),
    ("kk --context ", &["kk-sim", "kk-sim-viewer"]),
    ("kk get deploy/", &["deploy/web"]),
    ("kk describe pod/web-", &["pod/web-0", "pod/web-1"]),
    ("kk config use-context kk-sim-", &["kk-sim-viewer"]),
    ("k get po", &["pods", "podtemplates"]),
    ("k get pods ", &["web-0", "web-1"]),
    ("k --context ", &["kk-sim", "kk-sim-viewer"]),
];

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

const BASH_COMPLETION: &str = "/usr/share/bash-completion/bash_completion";

fn kk_dir() -> PathBuf {
    kk_bin().parent().unwrap().to_path_buf()
}

/// An interactive shell in a private tmux server.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn start(dir: &Path, env: &TestEnv, argv: &[&str]) -> Tmux {
        let socket = dir.join("tmux.sock");
        let home = env.path("home");
        let path = format!("{}:/usr/bin:/bin", kk_dir().display());
        let kubeconfig = env.path("kubeconfig");
        let mut cmd = Command::new("tmux");
        cmd.arg("-S")
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "250",
                "-y",
                "120",
                "--",
            ])
            .arg("env")
            .arg("-i")
            .arg(format!("HOME={}", home.display()))
            .arg(format!("PATH={path}"))
            .arg(format!("KUBECONFIG={}", kubeconfig.display()))
            .arg(format!("ZDOTDIR={}", dir.display()))
            .arg("TERM=xterm")
            .arg("KK_COMPLETION_CACHE_TTL=0s")
            .args(argv);
        let out = cmd.output().expect("running tmux");
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let t = Tmux { socket };
        t.wait_for(&["$ ".to_string()], "the prompt");
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-J"])
    }

    #[track_caller]
    fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[track_caller]
    fn wait_for(&self, want: &[String], what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if want.iter().all(|w| screen.contains(w.as_str())) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: expected {want:?} on screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Type `line` on a fresh prompt, press TAB twice, and wait for `want` on screen.
    #[track_caller]
    fn complete(&self, line: &str, want: &[String]) {
        // A fresh line on a clear screen, the line typed, then TAB TAB.
        self.tmux(&["send-keys", "C-u", "C-l"]);
        self.wait_until(|s| s.trim() == "$", "a clear prompt");
        self.tmux(&["send-keys", "-l", line]);
        self.wait_until(
            |s| s.trim_end() == format!("$ {line}").trim_end(),
            "the typed line",
        );
        self.tmux(&["send-keys", "Tab"]);
        self.tmux(&["send-keys", "Tab"]);
        self.wait_for(want, &format!("completing {line:?}"));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

fn expand(s: &str, ns: &str) -> String {
    s.replace("{ns}", ns)
}

fn run_cases(env: &TestEnv, run: impl Fn(&str, &[String])) {
    for (line, want) in CASES {
        let want: Vec<String> = want.iter().map(|w| expand(w, env.ns())).collect();
        run(&expand(line, env.ns()), &want);
    }
}

fn setup(name: &str) -> TestEnv {
    crate::completion::seeded(name)
}

fn bash(with_bash_completion: bool) {
    let test = if with_bash_completion {
        "bash_with_bash_completion"
    } else {
        "bash_alone"
    };
    if !require_tool(test, "tmux", have("tmux")) || !require_tool(test, "bash", have("bash")) {
        return;
    }
    if with_bash_completion
        && !require_tool(
            test,
            "bash-completion",
            Path::new(BASH_COMPLETION).is_file(),
        )
    {
        return;
    }
    let env = setup(test);
    let rc = env.path("bashrc");
    let load = if with_bash_completion {
        format!("source {BASH_COMPLETION}\n")
    } else {
        String::new()
    };
    std::fs::write(
        &rc,
        format!(
            "PS1='$ '\n{load}source <(kk completion bash)\nalias k=kk\n\
             complete -o default -F __start_kk k\n\
             bind 'set show-all-if-ambiguous on'\nbind 'set completion-query-items 100000'\n\
             bind 'set page-completions off'\nbind 'set bell-style none'\n"
        ),
    )
    .unwrap();
    let rc = rc.display().to_string();
    let t = Tmux::start(
        env.dir(),
        &env,
        &["bash", "--noprofile", "--rcfile", &rc, "-i"],
    );
    run_cases(&env, |line, want| t.complete(line, want));
}

#[test]
fn bash_alone() {
    bash(false);
}

#[test]
fn bash_with_bash_completion() {
    bash(true);
}

#[test]
fn zsh() {
    let test = "zsh";
    if !require_tool(test, "tmux", have("tmux")) || !require_tool(test, "zsh", have("zsh")) {
        return;
    }
    let env = setup(test);
    std::fs::write(
        env.path(".zshrc"),
        "PS1='$ '\nautoload -U compinit && compinit -u\nsource <(kk completion zsh)\n\
         alias k=kk\ncompdef k=kk\nLISTMAX=100000\nunsetopt beep\n",
    )
    .unwrap();
    let t = Tmux::start(env.dir(), &env, &["zsh", "-i"]);
    run_cases(&env, |line, want| t.complete(line, want));
}

#[test]
fn fish() {
    let test = "fish";
    if !require_tool(test, "fish", have("fish")) {
        return;
    }
    let env = setup(test);
    let script = env.path("kk.fish");
    std::fs::write(&script, kk::docs::completion(kk::docs::Shell::Fish)).unwrap();
    run_cases(&env, |line, want| {
        let program = format!(
            "source {}; alias k=kk; complete -C {}",
            script.display(),
            shell_quote(line)
        );
        let out = Command::new("fish")
            .args(["--no-config", "-c", &program])
            .env_clear()
            .env("HOME", env.path("home"))
            .env("PATH", format!("{}:/usr/bin:/bin", kk_dir().display()))
            .env("KUBECONFIG", env.path("kubeconfig"))
            .env("KK_COMPLETION_CACHE_TTL", "0s")
            .output()
            .expect("running fish");
        let stdout = String::from_utf8_lossy(&out.stdout);
        // `complete -C` prints `candidate<TAB>description`; the token replaces the last word.
        let cands: Vec<String> = stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect();
        let last = line.rsplit(' ').next().unwrap_or("");
        for w in want {
            let w = w.trim_end();
            // A completed word as the shell would show it on the line.
            let shown = w.strip_prefix(last).map(|_| w.to_string());
            assert!(
                cands.iter().any(|c| c == w || Some(c) == shown.as_ref()),
                "fish: completing {line:?}: {w:?} not among {cands:?}\nstderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    });
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "\\'"))
}
