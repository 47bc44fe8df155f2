//! Colour: snapshots of `--color=always` output (table headers, STATUS by meaning, describe
//! keys and warning events, error heads), the decision rules (`--color`, `NO_COLOR`, a pipe),
//! and under a real pseudo-terminal (`script`): kk colours by itself, while with `NO_COLOR`
//! its bytes are kubectl's, and its `Warning:` lines are kubectl's coloured ones.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{Output, TestEnv, kk_bin, kubectl_bin, normalize, require_tool};

const PODS: &str = r#"apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: failed}
spec:
  restartPolicy: Never
  containers: [{name: c, image: "nginx:crash"}]
---
apiVersion: v1
kind: Pod
metadata: {name: stuck}
spec:
  nodeSelector: {nowhere: "true"}
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: c, image: nginx}]
"#;

/// Poll kk until `get pods` shows every pod in its final state.
fn settled(env: &TestEnv) {
    let want = "done=Succeeded failed=Failed stuck=Pending web=Running ";
    let template = "{range .items[*]}{.metadata.name}={.status.phase} {end}";
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let out = env.run_kk(&[
            "get",
            "pods",
            "-n",
            env.ns(),
            "-o",
            &format!("jsonpath={template}"),
        ]);
        if out.stdout == want {
            return;
        }
        assert!(Instant::now() < deadline, "pods did not settle: {out}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn strip_ansi(s: &str) -> String {
    let re = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    re.replace_all(s, "").into_owned()
}

#[test]
fn tables_colour_headers_and_statuses() {
    let env = TestEnv::sim("colour-get");
    env.seed(PODS);
    settled(&env);
    let coloured = env.run_kk(&["get", "pods", "-n", env.ns(), "--color=always"]);
    coloured.success();
    // (`ages` collapses the gaps of rows with an age to three spaces.)
    let want = "\x1b[1mNAME\x1b[0m     \x1b[1mREADY\x1b[0m   \x1b[1mSTATUS\x1b[0m      \x1b[1mRESTARTS\x1b[0m   \x1b[1mAGE\x1b[0m\n\
                done   0/1   \x1b[32mCompleted\x1b[0m   0   [AGE]\n\
                failed   0/1   \x1b[31mError\x1b[0m   0   [AGE]\n\
                stuck   0/1   \x1b[33mPending\x1b[0m   0   [AGE]\n\
                web   1/1   \x1b[32mRunning\x1b[0m   0   [AGE]\n";
    assert_eq!(normalize::ages(&coloured.stdout), want, "{coloured}");
    // The escapes are all there is: the text and its alignment are the plain table's.
    let plain = env.run_kk(&["get", "pods", "-n", env.ns()]);
    assert_eq!(
        normalize::ages(&strip_ansi(&coloured.stdout)),
        normalize::ages(&plain.stdout)
    );
    assert!(!plain.stdout.contains('\x1b'), "{plain}");
    // Asked not to, or told by NO_COLOR (auto), kk does not colour; --color=always wins.
    for (args, vars, colours) in [
        (&["--color=never"][..], &[][..], false),
        (&["--color=auto"], &[], false),
        (&[], &[("NO_COLOR", "1")], false),
        (&["--color"], &[("NO_COLOR", "1")], true),
    ] {
        let mut all = vec!["get", "pods", "-n", env.ns()];
        all.extend_from_slice(args);
        let out = env.run_kk_with(&all, vars);
        assert_eq!(
            out.stdout.contains('\x1b'),
            colours,
            "{all:?} {vars:?}: {out}"
        );
    }
}

#[test]
fn describe_colours_keys_states_and_warning_events() {
    let env = TestEnv::sim("colour-describe");
    env.seed(PODS);
    settled(&env);
    let out = env.run_kk(&[
        "describe",
        "pod",
        "failed",
        "-n",
        env.ns(),
        "--color=always",
    ]);
    out.success();
    let s = &out.stdout;
    let key = |k: &str| format!("\x1b[36m{k}\x1b[0m");
    for line in [
        format!("{}             failed\n", key("Name:")),
        format!("{}           \x1b[31mFailed\x1b[0m\n", key("Status:")),
        format!("{}\n", key("Containers:")),
        format!("  {}\n", key("c:")),
        format!("      {}       \x1b[31mError\x1b[0m\n", key("Reason:")),
        format!("    {}          False\n", key("Ready:")),
    ] {
        assert!(
            s.lines().any(|l| format!("{l}\n") == line),
            "{line:?} in\n{out}"
        );
    }
    let plain = env.run_kk(&["describe", "pod", "failed", "-n", env.ns()]);
    assert_eq!(
        normalize::ages(&strip_ansi(s)),
        normalize::ages(&plain.stdout),
        "colour must not move text"
    );
    // A pod that cannot be scheduled has a warning event.
    let out = env.run_kk(&["describe", "pod", "stuck", "-n", env.ns(), "--color=always"]);
    assert!(
        out.stdout
            .contains("\x1b[33;1mWarning\x1b[0m  \x1b[33mFailedScheduling\x1b[0m"),
        "{out}"
    );
}

#[test]
fn errors_colour_their_heads() {
    let env = TestEnv::sim("colour-errors");
    let out = env.run_kk(&["get", "pod", "nope", "-n", env.ns(), "--color=always"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "\x1b[31;1mError from server (NotFound):\x1b[0m pods \"nope\" not found\n"
    );
    // A line clap rejects still honours --color.
    let out = env.run_kk(&["get", "--bogus", "--color=always"]);
    assert_eq!(
        out.stderr,
        "\x1b[31;1merror:\x1b[0m unknown flag: --bogus\nSee 'kk get --help' for usage.\n"
    );
    let out = env.run_kk(&["get", "pods", "--color=sometimes"]);
    assert_eq!(
        out.stderr,
        "error: invalid argument \"sometimes\" for \"--color\" flag: must be one of auto, always, never\nSee 'kk get --help' for usage.\n"
    );
}

/// Run `program args` on a pseudo-terminal (util-linux `script`) in `env`'s hermetic
/// environment plus `vars`; stdout and stderr both arrive on the terminal, `\r\n`-ended.
fn on_terminal(
    env: &TestEnv,
    program: &std::path::Path,
    args: &[&str],
    vars: &[(&str, &str)],
) -> Output {
    let quote = |a: &str| format!("'{}'", a.replace('\'', "'\\''"));
    let mut line = quote(&program.display().to_string());
    for a in args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    let home = env.path("home");
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .current_dir(env.dir())
        .env_clear()
        .env("HOME", &home)
        .env("KUBECACHEDIR", home.join(".kube").join("cache"))
        .env("PATH", "/usr/bin:/bin")
        .env("TZ", "UTC")
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .env("KUBECONFIG", env.path("kubeconfig"));
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().expect("running script").into()
}

fn have_script() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn on_a_terminal() {
    if !require_tool("colour::on_a_terminal", "script", have_script()) {
        return;
    }
    let env = TestEnv::sim("colour-tty");
    env.seed(PODS);
    settled(&env);
    let get = ["get", "pods", "-n", env.ns()];
    // Colour by default on a terminal.
    let out = on_terminal(&env, &kk_bin(), &get, &[]);
    assert!(out.stdout.contains("\x1b[1mNAME\x1b[0m"), "{out}");
    assert!(out.stdout.contains("\x1b[32mRunning\x1b[0m"), "{out}");
    // With NO_COLOR (kubectl's rule too) the terminal gets kubectl's very bytes.
    let Some(kubectl) = kubectl_bin() else { return };
    let describe = ["describe", "pod", "stuck", "-n", env.ns()];
    for args in [&get[..], &describe[..]] {
        let want = on_terminal(&env, &kubectl, args, &[("NO_COLOR", "1")]);
        let got = on_terminal(&env, &kk_bin(), args, &[("NO_COLOR", "1")]);
        let norm = |o: &Output| o.map(|s| normalize::all(&s.replace("\r\n", "\n")));
        assert_eq!(norm(&got), norm(&want), "{args:?}");
    }
    // kubectl colours its own warnings on a terminal; kk's are the same bytes.
    let del = [
        "delete",
        "pod",
        "web",
        "-n",
        env.ns(),
        "--grace-period=0",
        "--force",
        "--dry-run=server",
    ];
    let want = on_terminal(&env, &kubectl, &del, &[]);
    let got = on_terminal(&env, &kk_bin(), &del, &[]);
    assert!(want.stdout.contains("\x1b[33;1mWarning:\x1b[0m"), "{want}");
    assert_eq!(got, want);
}
