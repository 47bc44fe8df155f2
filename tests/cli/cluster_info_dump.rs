//! `cluster-info dump` against kubectl on one test namespace: the typed lists in Go's field
//! order (`-o json`, the default) and as YAML, the container logs between kubectl's
//! START/END lines, `--output-directory`'s files, and its refusals. resourceVersions are
//! masked (the nodes' and the lists' move with the rest of the shared cluster).

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use regex::Regex;

use crate::common::env::assert_same;
use crate::common::{Output, TestEnv, kubectl_bin};

fn masked(o: &Output) -> Output {
    static RV: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"resourceVersion("?): "\d+""#).unwrap());
    o.map(|s| {
        RV.replace_all(s, r#"resourceVersion$1: "[RV]""#)
            .into_owned()
    })
}

#[track_caller]
fn parity(env: &TestEnv, args: &[&str]) {
    let want = masked(&env.run_kubectl(args).expect("kubectl"));
    let got = masked(&env.run_kk(args));
    assert_same(args, &want, &got);
}

#[test]
fn dump() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("dump");
    let ns = env.ns().to_string();
    env.seed(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n---\n\
         apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  \
         selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    \
         spec: {containers: [{name: nginx, image: nginx}]}\n",
    );
    // Settled: the pod runs and its log holds nginx's start-up lines.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let logs = env.run_kk(&["logs", "-n", &ns, "deployment/web"]);
        if logs.code == 0 && logs.stdout.contains("start worker processes") {
            break;
        }
        assert!(Instant::now() < deadline, "nginx never logged: {logs}");
        std::thread::sleep(Duration::from_millis(200));
    }
    for args in [
        &["cluster-info", "dump", "--namespaces", &ns][..],
        &["cluster-info", "dump", "--namespaces", &ns, "-o", "yaml"],
        &[
            "cluster-info",
            "dump",
            "--namespaces",
            &format!("{ns},kube-public"),
            "--show-managed-fields",
        ],
        &["cluster-info", "dump", "--namespaces", &ns, "-o", "name"],
        &[
            "cluster-info",
            "dump",
            "--namespaces",
            &ns,
            "-o",
            "jsonpath={.kind} ",
        ],
        &[
            "cluster-info",
            "dump",
            "--namespaces",
            &ns,
            "--pod-running-timeout=0s",
        ],
    ] {
        parity(&env, args);
    }
    // --output-directory: the same files with the same contents.
    for (dir, kk) in [("by-kubectl", false), ("by-kk", true)] {
        let args = [
            "cluster-info",
            "dump",
            "--namespaces",
            &ns,
            "--output-directory",
            dir,
        ];
        let out = if kk {
            env.run_kk(&args)
        } else {
            env.run_kubectl(&args).expect("kubectl")
        };
        assert_eq!(out.code, 0, "{out}");
        assert_eq!(out.stdout, format!("Cluster info dumped to {dir}\n"));
    }
    let files = |dir: &str| {
        let mut found = Vec::new();
        let mut stack = vec![env.path(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    let rel = e.path().strip_prefix(env.path(dir)).unwrap().to_owned();
                    found.push(rel.to_string_lossy().into_owned());
                }
            }
        }
        found.sort();
        found
    };
    let (want, got) = (files("by-kubectl"), files("by-kk"));
    assert_eq!(want, got);
    assert!(want.iter().any(|f| f.ends_with("/logs.txt")), "{want:?}");
    for f in &want {
        let read = |dir: &str| Output {
            stdout: std::fs::read_to_string(env.path(dir).join(f)).unwrap(),
            stderr: String::new(),
            code: 0,
        };
        assert_same(
            &[f.as_str()],
            &masked(&read("by-kubectl")),
            &masked(&read("by-kk")),
        );
    }
}
