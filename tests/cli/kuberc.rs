//! kuberc against kubectl 1.33 (`KUBECTL_KUBERC=true`) on the same kk-sim state: flag
//! defaults that typed flags override, aliases with prepended and appended arguments and
//! their own defaults, the default file under `$HOME/.kube`, and kubectl's messages for every
//! kind of bad file. Then what only kk does: `v1beta1` files, `KUBERC=PATH`, and reading
//! kuberc without kubectl 1.33's feature gate.

use crate::common::{Output, TestEnv, normalize};

const PODS: &str = r#"apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: db, labels: {app: db}}
spec:
  containers: [{name: c, image: nginx}]
"#;

const ALPHA: &str = "apiVersion: kubectl.config.k8s.io/v1alpha1\nkind: Preference\n";
const BETA: &str = "apiVersion: kubectl.config.k8s.io/v1beta1\nkind: Preference\n";

const PREFS: &str = r#"overrides:
- command: get
  flags:
  - {name: output, default: name}
- command: config view
  flags:
  - {name: minify, default: "true"}
aliases:
- name: gp
  command: get
  prependArgs: [pods]
  appendArgs: [--sort-by=.metadata.name]
  flags:
  - {name: selector, default: app=web}
- name: cv
  command: config view
  flags:
  - {name: output, default: "jsonpath={.contexts[*].name}"}
"#;

fn gate() -> [(&'static str, &'static str); 1] {
    [("KUBECTL_KUBERC", "true")]
}

/// Write `text` as `name` in the env's directory; its path.
fn file(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn defaults_and_aliases_match_kubectl() {
    let env = TestEnv::sim("kuberc");
    env.seed(PODS);
    env.await_phases("db=Running web=Running ");
    let ns = env.ns();
    let rc = file(&env, "kuberc", &format!("{ALPHA}{PREFS}"));
    let lines: &[&[&str]] = &[
        // The default output, and typed flags in every spelling winning over it.
        &["get", "pods"],
        &["get", "pods", "-o", "wide"],
        &["get", "pods", "-ojsonpath={.items[*].metadata.name}"],
        &[
            "get",
            "pods",
            "--output=custom-columns=NAME:.metadata.name,APP:.metadata.labels.app",
        ],
        // The alias: its prepended type, its selector default, its appended sort.
        &["gp"],
        &["gp", "-l", "app=db"],
        &["gp", "--selector=app"],
        &["gp", "-o", "name"],
        // An alias's command keeps none of its own defaults; other commands get theirs.
        &["cv"],
        &["config", "view", "-o", "jsonpath={.current-context}"],
        &["config", "current-context"],
    ];
    for line in lines {
        let mut args = line.to_vec();
        args.extend(["-n", ns, "--kuberc", &rc]);
        let out = env.parity_with(&args, &gate());
        if let Some(out) = out {
            assert_eq!(out.code, 0, "{args:?}: {out}");
        }
    }
    // What the alias became, spelled out: a table (the defaults of `get` are not the
    // alias's) of the pods its selector picks.
    let out = env.run_kk(&["gp", "-n", ns, "--kuberc", &rc]);
    assert!(
        out.stdout.starts_with("NAME ") && out.stdout.contains("\nweb "),
        "{out}"
    );
    assert!(!out.stdout.contains("db"), "{out}");
    // The same preferences in v1beta1 (kubectl 1.34's words, which 1.33 cannot read) do
    // the same in kk.
    let beta_text = format!("{BETA}{PREFS}")
        .replace("overrides:", "defaults:")
        .replace("flags:", "options:");
    let beta = file(&env, "kuberc-beta", &beta_text);
    for line in lines {
        let mut a = line.to_vec();
        a.extend(["-n", ns, "--kuberc", &rc]);
        let mut b = line.to_vec();
        b.extend(["-n", ns, "--kuberc", &beta]);
        let (a, b) = (env.run_kk(&a), env.run_kk(&b));
        assert_eq!(a.map(normalize::all), b.map(normalize::all), "{line:?}");
    }
}

#[test]
fn the_default_file_and_switching_it_off() {
    let env = TestEnv::sim("kuberc-home");
    env.seed(PODS);
    env.await_phases("db=Running web=Running ");
    let ns = env.ns();
    std::fs::create_dir_all(env.path("home/.kube")).unwrap();
    let home_rc = env.path("home/.kube/kuberc");
    std::fs::write(&home_rc, format!("{ALPHA}{PREFS}")).unwrap();
    let get = ["get", "pods", "-n", ns];
    env.parity_with(&get, &gate());
    let out = env.run_kk(&get);
    assert_eq!(out.stdout, "pod/db\npod/web\n", "{out}");
    // Off: KUBERC=off, or kubectl's gate set to false (as kubectl 1.33 is without its gate).
    for vars in [&[("KUBERC", "off")][..], &[("KUBECTL_KUBERC", "false")]] {
        let got = env
            .parity_with(&get, vars)
            .unwrap_or_else(|| env.run_kk_with(&get, vars));
        assert!(got.stdout.starts_with("NAME "), "{vars:?}: {got}");
    }
    // KUBERC names another file (kubectl 1.33 ignores it, a bug fixed in later releases).
    let other = file(
        &env,
        "other",
        &format!(
            "{ALPHA}overrides:\n- command: get\n  flags: [{{name: output, default: \"jsonpath={{.items[0].kind}}\"}}]\n"
        ),
    );
    let out = env.run_kk_with(&get, &[("KUBERC", &other)]);
    assert_eq!(out.stdout, "Pod", "{out}");
    // A broken default file: kubectl's unterminated complaint, then the command runs plain.
    std::fs::write(&home_rc, "apiVersion: [").unwrap();
    let out = env.parity_with(&get, &gate());
    if let Some(out) = out {
        assert!(
            out.stderr
                .starts_with("kuberc: no preferences loaded from "),
            "{out}"
        );
        assert_eq!(out.code, 0);
    }
    // Strict decoding: unknown fields are named when the file was asked for.
    let noisy = file(
        &env,
        "noisy",
        &format!(
            "{ALPHA}color: true\noverrides:\n- command: get\n  flags: [{{name: output, default: name, why: x}}]\n"
        ),
    );
    let mut args = get.to_vec();
    args.extend(["--kuberc", &noisy]);
    std::fs::remove_file(&home_rc).unwrap();
    let out = env.parity_with(&args, &gate());
    if let Some(out) = out {
        assert!(
            out.stderr
                .contains("unknown field \"overrides[0].flags[0].why\""),
            "{out}"
        );
    }
}

#[test]
fn bad_files_read_like_kubectl() {
    let env = TestEnv::sim("kuberc-bad");
    let ns = env.ns();
    let cases: &[(&str, &[&str])] = &[
        (
            "overrides: [{command: get, flags: [{name: nope, default: x}]}]\n",
            &["get", "pods"],
        ),
        (
            "overrides: [{command: get, flags: [{name: -o, default: x}]}]\n",
            &["get", "pods"],
        ),
        (
            "overrides: [{command: get, flags: [{name: watch, default: maybe}]}]\n",
            &["get", "pods"],
        ),
        (
            "overrides: [{command: nosuch, flags: []}]\n",
            &["get", "pods"],
        ),
        ("aliases: [{name: g2, command: get}]\n", &["get", "pods"]),
        (
            "aliases: [{name: g, command: get}, {name: g, command: get}]\n",
            &["get", "pods"],
        ),
        (
            "aliases: [{name: g, command: nosuch thing}]\n",
            &["g", "pods"],
        ),
        (
            "aliases: [{name: g, command: get}]\noverrides: [{command: g, flags: []}]\n",
            &["g", "pods"],
        ),
    ];
    for (i, (prefs, line)) in cases.iter().enumerate() {
        let rc = file(&env, &format!("rc{i}"), &format!("{ALPHA}{prefs}"));
        let mut args = line.to_vec();
        args.extend(["-n", ns, "--kuberc", &rc]);
        env.parity_with(&args, &gate());
    }
    // Files that hold no preference, or none at all.
    let missing = env.path("missing").display().to_string();
    let versionless = file(&env, "versionless", "kind: Preference\n");
    let other = file(&env, "other", "apiVersion: v1\nkind: Config\n");
    let broken = file(&env, "broken", "apiVersion: [\n");
    let empty = file(&env, "empty", "");
    for rc in [&missing, &versionless, &other, &broken, &empty] {
        env.parity_with(&["get", "pods", "-n", ns, "--kuberc", rc], &gate());
    }
    // The flag without a value, and a file with KUBERC=off.
    env.parity_with(&["get", "pods", "-n", ns, "--kuberc"], &gate());
    env.parity_with(&["get", "pods", "-n", ns, "--kuberc="], &gate());
    let mut off = gate().to_vec();
    off.push(("KUBERC", "off"));
    let out: Option<Output> = env.parity_with(&["get", "pods", "-n", ns, "--kuberc", &empty], &off);
    if let Some(out) = out {
        assert_eq!(
            out.stderr,
            "error occurred while applying preferences kuberc error disabling kuberc via \
             KUBERC=off and passing kuberc flag are mutually exclusive\n"
        );
        assert_eq!(out.code, 1);
    }
}
