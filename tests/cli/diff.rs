//! `kk diff` against kubectl 1.33 on kk-sim: what apply would change (client-side, then
//! `--server-side`), new objects, Secrets masked, `KUBECTL_EXTERNAL_DIFF`, exit codes
//! 0/1/2, and bad input — outputs compared with the temporary directories' names and the
//! files' times normalised, and nothing changed on the server.

use std::sync::LazyLock;

use regex::Regex;

use crate::write_pair::Pair;

const CM: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: c1
  labels:
    app: x
data:
  a: \"1\"
";

const CHANGED: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: c1
data:
  a: \"2\"
  b: \"3\"
---
apiVersion: v1
kind: Secret
metadata:
  name: s1
stringData:
  k: v
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: c
        image: nginx:2
";

const STATE: &[&str] = &[
    "get",
    "cm,secret,deploy",
    "-o",
    "jsonpath={range .items[*]}{.kind}/{.metadata.name} {.data} {.spec.template.spec.containers[*].image}{\"\\n\"}{end}",
];

/// The temporary directories' random parts and the files' times in `diff -u` headers.
fn norm(s: &str) -> String {
    static DIR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(LIVE|MERGED)-\d+").unwrap());
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4}").unwrap()
    });
    let s = DIR.replace_all(s, "$1-[N]");
    TIME.replace_all(&s, "\t[TIME]").into_owned()
}

#[track_caller]
fn diff(p: &Pair, args: &[&str], vars: &[(&str, &str)]) -> crate::common::Output {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    p.parity_env_map(&all, vars, norm)
}

#[test]
fn diff_shows_what_apply_would_do() {
    let Some(p) = Pair::new("diff") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes())
        .write("changed.yaml", CHANGED.as_bytes())
        .setup(&["apply", "-f", "cm.yaml"])
        .setup(&["create", "deployment", "web", "--image=nginx"])
        .setup(&["create", "secret", "generic", "s1", "--from-literal=k=old"]);
    // The apiserver orders managedFields by time in whole seconds, then by manager name: the
    // dry run's entry sorts after the creation's only in a later second. Let the setup's
    // second pass, so `--show-managed-fields` shows both clients the same order.
    let second = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    let set_up = second();
    while second() == set_up {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Nothing to change: exit 0, no output.
    let out = diff(&p, &["-f", "cm.yaml"], &[]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    // Changes, a Secret masked, a deployment's container merged.
    let out = diff(&p, &["-f", "changed.yaml"], &[]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("*** (after)"), "{out}");
    diff(&p, &["-f", "changed.yaml", "--show-managed-fields"], &[]);
    diff(&p, &["-f", "changed.yaml", "--server-side"], &[]);
    diff(
        &p,
        &[
            "-f",
            "changed.yaml",
            "--server-side",
            "--field-manager=x",
            "--force-conflicts",
        ],
        &[],
    );
    // A new object; stdin.
    p.write(
        "new.yaml",
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n1\ndata:\n  x: \"1\"\n",
    );
    diff(&p, &["-f", "new.yaml"], &[]);
    // An external diff program, its arguments filtered as kubectl filters them.
    diff(
        &p,
        &["-f", "cm.yaml"],
        &[("KUBECTL_EXTERNAL_DIFF", "ls -1 -R")],
    );
    diff(
        &p,
        &["-f", "changed.yaml"],
        &[("KUBECTL_EXTERNAL_DIFF", "diff -q")],
    );
    diff(
        &p,
        &["-f", "changed.yaml"],
        &[("KUBECTL_EXTERNAL_DIFF", "false")],
    );
    p.same_state(STATE);
}

#[test]
fn diff_bad_input() {
    let Some(p) = Pair::new("diff-bad") else {
        return;
    };
    p.fixtures(&["invalid.yaml", "no-kind.yaml"])
        .write("cm.yaml", CM.as_bytes())
        .write(
            "bad.yaml",
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  \"a b\": x\n",
        );
    for (args, vars) in [
        (&["diff"][..], &[][..]),
        (&["diff", "-f", "cm.yaml", "extra"], &[]),
        (&["diff", "-f", "cm.yaml", "--force-conflicts"], &[]),
        (&["diff", "-f", "nothere.yaml"], &[]),
        (&["diff", "-f", "invalid.yaml"], &[]),
        (&["diff", "-f", "no-kind.yaml"], &[]),
        (&["diff", "-f", "bad.yaml"], &[]),
        (
            &["diff", "-f", "cm.yaml"],
            &[("KUBECTL_EXTERNAL_DIFF", "no-such-diff")],
        ),
        (
            &["diff", "-f", "cm.yaml"],
            &[("KUBECTL_EXTERNAL_DIFF", "diff --bogus")],
        ),
    ] {
        let out = p.parity_env_map(args, vars, norm);
        assert_eq!(out.code, 2, "{args:?}: {out}");
    }
    p.same_state(STATE);
}

const PRUNE_ALL: &str = "apiVersion: v1
kind: ConfigMap
metadata: {name: a, labels: {diffprune: x}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b, labels: {diffprune: x}}
---
apiVersion: v1
kind: Secret
metadata: {name: s, labels: {diffprune: x}}
stringData: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other, labels: {diffprune: other}}
";

const PRUNE_FEWER: &str = "apiVersion: v1
kind: ConfigMap
metadata: {name: a, labels: {diffprune: x}}
data: {z: \"1\"}
";

#[test]
fn diff_prune_shows_deletions() {
    let Some(p) = Pair::new("diff-prune") else {
        return;
    };
    p.write("all.yaml", PRUNE_ALL.as_bytes())
        .write("fewer.yaml", PRUNE_FEWER.as_bytes())
        .setup(&["apply", "-f", "all.yaml"]);
    // What `apply --prune -l` would delete appears as whole-object deletions (a Secret's
    // data unmasked, managed fields kept, as kubectl prints them).
    let out = diff(
        &p,
        &["-f", "fewer.yaml", "--prune", "-l", "diffprune=x"],
        &[],
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("v1.Secret.[NS].s"), "{out}");
    diff(
        &p,
        &[
            "-f",
            "fewer.yaml",
            "--prune",
            "-l",
            "diffprune=x",
            "--prune-allowlist=core/v1/ConfigMap",
        ],
        &[],
    );
    // Without a selector every annotated object of the allowlisted types goes.
    diff(
        &p,
        &[
            "-f",
            "fewer.yaml",
            "--prune",
            "--prune-allowlist",
            "core/v1/ConfigMap",
        ],
        &[],
    );
    // -l alone filters the manifest (nothing selected: no diff).
    let out = diff(&p, &["-f", "fewer.yaml", "-l", "diffprune=z"], &[]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    // A bad allowlist entry is fatal: exit 2.
    for bad in [
        "--prune-allowlist=v1/ConfigMap",
        "--prune-allowlist=core/v1/Nope",
    ] {
        let out = diff(&p, &["-f", "fewer.yaml", "--prune", bad], &[]);
        assert_eq!(out.code, 2, "{out}");
    }
    p.same_state(&["get", "cm,secret", "-l", "diffprune", "-o", "name"]);
}

#[test]
fn diff_flag_errors_exit_2() {
    let Some(p) = Pair::new("diff-flags") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes());
    // kubectl's diff turns every flag error into a usage error, one exit code higher.
    for args in [
        &["diff", "--foo", "-f", "cm.yaml"][..],
        &["diff", "-f", "cm.yaml", "--concurrency=abc"],
        &["diff", "-f", "cm.yaml", "--server-side=maybe"],
        &["diff", "-f"],
        &["diff", "-f", "cm.yaml", "-Z"],
    ] {
        let out = p.parity_env_map(args, &[], norm);
        assert_eq!(out.code, 2, "{args:?}: {out}");
    }
    // External diff arguments that are not [a-zA-Z0-9-=]+ are dropped without a word.
    p.setup(&["apply", "-f", "cm.yaml"]);
    let out = diff(
        &p,
        &["-f", "cm.yaml"],
        &[("KUBECTL_EXTERNAL_DIFF", "ls -1 --color=never  -R ./x $HOME")],
    );
    assert_eq!(out.code, 0, "{out}");
}
