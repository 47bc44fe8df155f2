//! Colour: snapshots of `--color=always` output (table headers, STATUS by meaning, describe
//! keys and warning events, error heads), the decision rules (`--color`, `NO_COLOR`, a pipe),
//! and under a real pseudo-terminal: kk colours by itself; with `--color=never`, `NO_COLOR`
//! or `TERM=dumb` its bytes are kubectl's; its `Warning:` lines are kubectl's coloured ones;
//! stdout and stderr decide each for itself; `logs -f` prefixes are coloured on a terminal
//! only. Piped, everything is kubectl's bytes.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::pty::Pty;
use crate::common::{TestEnv, kk_bin, kubectl_bin, normalize};

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
    settle(
        env,
        "done=Succeeded failed=Failed stuck=Pending web=Running ",
    );
}

/// Poll kk until the pods' phases read `want` (`name=Phase ` each, by name).
fn settle(env: &TestEnv, want: &str) {
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

/// Run `program args` on a pseudo-terminal (tests/cli/common/pty.rs) in `env`'s hermetic
/// environment plus `TERM=xterm` and `vars`. Both output streams reach the terminal; the
/// screen comes back with `\n` line ends, with the exit code.
fn on_terminal(
    env: &TestEnv,
    program: &Path,
    args: &[&str],
    vars: &[(&str, &str)],
) -> (String, i32) {
    let mut cmd = env.command(program, args);
    cmd.env("TERM", "xterm");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let mut pty = Pty::spawn(cmd, 40, 120);
    let code = pty.wait();
    (pty.screen.replace("\r\n", "\n"), code)
}

/// `line` run by `sh -c` on a terminal, `$KK` being kk: for lines that redirect one stream.
fn shell_on_terminal(env: &TestEnv, line: &str) -> (String, i32) {
    let kk = kk_bin().display().to_string();
    on_terminal(
        env,
        Path::new("/bin/sh"),
        &["-c", line],
        &[("KK", kk.as_str())],
    )
}

#[test]
fn on_a_terminal() {
    let env = TestEnv::sim("colour-tty");
    env.seed(PODS);
    settled(&env);
    let get = ["get", "pods", "-n", env.ns()];
    // Colour by default on a terminal; --color=always is the same, --color alone too.
    let (auto, code) = on_terminal(&env, &kk_bin(), &get, &[]);
    assert_eq!(code, 0, "{auto}");
    assert!(auto.contains("\x1b[1mNAME\x1b[0m"), "{auto}");
    assert!(auto.contains("\x1b[32mRunning\x1b[0m"), "{auto}");
    for flag in ["--color=always", "--color", "--color=auto"] {
        let mut args = get.to_vec();
        args.push(flag);
        let (screen, _) = on_terminal(&env, &kk_bin(), &args, &[]);
        assert_eq!(normalize::ages(&screen), normalize::ages(&auto), "{flag}");
    }
    // Told not to (--color=never, NO_COLOR even when empty, TERM=dumb), the terminal gets
    // kubectl's very bytes; --color=always still wins over NO_COLOR.
    let Some(kubectl) = kubectl_bin() else { return };
    let describe = ["describe", "pod", "stuck", "-n", env.ns()];
    let norm = |s: &str| normalize::all(s);
    for args in [&get[..], &describe[..]] {
        let (want, want_code) = on_terminal(&env, &kubectl, args, &[]);
        assert!(!want.contains('\x1b'), "kubectl coloured {args:?}: {want}");
        let mut never = args.to_vec();
        never.push("--color=never");
        for (args, vars) in [
            (never.as_slice(), &[][..]),
            (args, &[("NO_COLOR", "1")][..]),
            (args, &[("NO_COLOR", "")][..]),
            (args, &[("TERM", "dumb")][..]),
        ] {
            let (got, code) = on_terminal(&env, &kk_bin(), args, vars);
            assert_eq!(
                (norm(&got), code),
                (norm(&want), want_code),
                "{args:?} {vars:?}"
            );
        }
    }
    let mut always = get.to_vec();
    always.push("--color=always");
    let (screen, _) = on_terminal(&env, &kk_bin(), &always, &[("NO_COLOR", "1")]);
    assert!(screen.contains("\x1b[1mNAME\x1b[0m"), "{screen}");
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
    assert!(want.0.contains("\x1b[33;1mWarning:\x1b[0m"), "{}", want.0);
    assert_eq!(got, want);
}

#[test]
fn each_stream_decides_for_itself() {
    let env = TestEnv::sim("colour-streams");
    let ns = env.ns();
    env.seed("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: c, image: nginx}]\n");
    // stdout into a pipe stays plain (`cat -v` would show escapes as `^[`) while the error
    // on the terminal is coloured ...
    let (screen, _) = shell_on_terminal(
        &env,
        &format!("\"$KK\" get pods -n {ns} | cat -v; \"$KK\" get pod nope -n {ns}"),
    );
    assert!(
        screen.starts_with("NAME ") && !screen.contains("^["),
        "{screen}"
    );
    assert!(
        screen
            .ends_with("\x1b[31;1mError from server (NotFound):\x1b[0m pods \"nope\" not found\n"),
        "{screen}"
    );
    // ... and an error into a file is plain while stdout is the terminal.
    let (screen, _) = shell_on_terminal(
        &env,
        &format!("\"$KK\" get pod nope -n {ns} 2>err; cat err"),
    );
    assert_eq!(
        screen,
        "Error from server (NotFound): pods \"nope\" not found\n"
    );
}

const LOGGERS: &str = r#"apiVersion: v1
kind: Pod
metadata: {name: alpha, labels: {app: lp}}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: busybox, command: [sh, -c, 'echo a1; echo a2']}
---
apiVersion: v1
kind: Pod
metadata: {name: beta, labels: {app: lp}}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: busybox, command: [sh, -c, 'echo b1; echo b2']}
"#;

fn sorted_lines(s: &str) -> Vec<String> {
    let mut lines: Vec<String> = s.lines().map(String::from).collect();
    lines.sort();
    lines
}

#[test]
fn logs_prefixes_colour_on_a_terminal_only() {
    let env = TestEnv::sim("colour-logs");
    env.seed(LOGGERS);
    let ns = env.ns();
    settle(&env, "alpha=Succeeded beta=Succeeded ");
    let follow = ["logs", "-f", "-l", "app=lp", "-n", ns];
    // On a terminal every line carries its pod's prefix, one stable colour per pod.
    let (screen, code) = on_terminal(&env, &kk_bin(), &follow, &[]);
    assert_eq!(code, 0, "{screen}");
    let prefix = |pod: &str| {
        let c = kk::ui::colour::Colour::ON;
        format!(
            "{} ",
            c.paint(kk::ui::colour::pick(pod), &format!("[pod/{pod}/c]"))
        )
    };
    let want: Vec<String> = sorted_lines(&format!(
        "{a}a1\n{a}a2\n{b}b1\n{b}b2\n",
        a = prefix("alpha"),
        b = prefix("beta")
    ));
    assert_eq!(sorted_lines(&screen), want);
    // Piped with --color=always: the same lines.
    let mut always = follow.to_vec();
    always.push("--color=always");
    let out = env.run_kk(&always);
    assert_eq!(sorted_lines(&out.stdout), want, "{out}");
    // Plain everywhere else: kubectl's lines (no prefix), piped or on a terminal with
    // NO_COLOR or --color=never.
    let plain = vec!["a1", "a2", "b1", "b2"];
    let piped = env.run_kk(&follow);
    assert_eq!(sorted_lines(&piped.stdout), plain, "{piped}");
    let (screen, _) = on_terminal(&env, &kk_bin(), &follow, &[("NO_COLOR", "1")]);
    assert_eq!(sorted_lines(&screen), plain);
    let mut never = follow.to_vec();
    never.push("--color=never");
    let (screen, _) = on_terminal(&env, &kk_bin(), &never, &[]);
    assert_eq!(sorted_lines(&screen), plain);
    if let Some(kubectl) = kubectl_bin() {
        let want = env.run_kubectl(&follow).expect("kubectl");
        assert_eq!(sorted_lines(&want.stdout), plain, "{want}");
        let (screen, _) = on_terminal(&env, &kubectl, &follow, &[]);
        assert_eq!(sorted_lines(&screen), plain);
    }
}

#[test]
fn piped_output_is_kubectls() {
    let env = TestEnv::sim("colour-piped");
    env.seed(PODS);
    settled(&env);
    let ns = env.ns();
    // A colour terminal's TERM, but stdout and stderr are pipes: kubectl's bytes.
    for args in [
        &["get", "pods", "-n", ns][..],
        &["get", "pods", "-o", "wide", "-n", ns],
        &["describe", "pod", "failed", "-n", ns],
        &["get", "pod", "nope", "-n", ns],
        &["logs", "done", "-n", ns],
    ] {
        env.parity_with(args, &[("TERM", "xterm")]);
    }
}
