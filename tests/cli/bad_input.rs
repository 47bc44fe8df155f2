//! The bad-input table: malformed manifests, bad flags and values, bad selectors and
//! templates, wrong namespaces and containers, bad port specs, hostile kubeconfigs and
//! failing servers. Each case runs kk and the real kubectl on the same state and asserts the
//! same message and exit code (or kk's exact text where kubectl's names socket addresses),
//! a non-zero exit, no panic, and that nothing on the server and no file changed.

use std::time::Duration;

use crate::common::server::PrivateSim;
use crate::common::{Output, TestEnv};

/// One case: the command line and the files it reads (written into the env first).
struct Case {
    args: Vec<String>,
    files: Vec<(&'static str, String)>,
    /// kk's exact stderr, where kubectl's cannot be compared (socket addresses, timing).
    exact: Option<&'static str>,
}

fn case(args: &[&str]) -> Case {
    Case {
        args: args.iter().map(|s| s.to_string()).collect(),
        files: Vec::new(),
        exact: None,
    }
}

fn exact(mut c: Case, stderr: &'static str) -> Case {
    c.exact = Some(stderr);
    c
}

fn with_file(args: &[&str], name: &'static str, content: impl Into<String>) -> Case {
    let mut c = case(args);
    c.files.push((name, content.into()));
    c
}

/// What a case may not change: the namespace's config maps, secrets and services (with
/// their resourceVersions: nothing else writes them), its pods by name, and every file.
/// (Not the list of namespaces: other tests create theirs meanwhile.)
fn fingerprint(env: &TestEnv, ns: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(ns) = ns {
        let out = env.run_kk(&[
            "get",
            "cm,secret,svc",
            "-n",
            ns,
            "-o",
            "jsonpath={range .items[*]}{.kind}/{.metadata.name}@{.metadata.resourceVersion} {end}",
        ]);
        s.push_str(&out.stdout);
        s.push_str(&env.run_kk(&["get", "pods", "-n", ns, "-o", "name"]).stdout);
    }
    let mut files: Vec<String> = walk(env.dir())
        .into_iter()
        .filter(|p| !p.contains("/home/.kube/cache/"))
        .map(|p| {
            let content = std::fs::read(&p).unwrap_or_default();
            format!("{p}:{}:{:x}", content.len(), checksum(&content))
        })
        .collect();
    files.sort();
    s.push_str(&files.join("\n"));
    s
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    out
}

fn checksum(b: &[u8]) -> u64 {
    b.iter().fold(0xcbf29ce484222325u64, |h, &x| {
        (h ^ x as u64).wrapping_mul(0x100000001b3)
    })
}

/// Runs every case: same answer as kubectl (or the exact text), non-zero, no panic,
/// nothing changed.
fn run(env: &TestEnv, ns: Option<&str>, cases: Vec<Case>) -> usize {
    let n = cases.len();
    let mut failures = Vec::new();
    for c in cases {
        for (name, content) in &c.files {
            std::fs::write(env.path(name), content).unwrap();
        }
        let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
        let before = fingerprint(env, ns);
        let got: Output = env.run_kk(&args);
        let problem = if got.code == 0 {
            Some("exit 0".to_string())
        } else if got.stderr.contains("panicked") || got.code == 101 {
            Some("panic".to_string())
        } else if let Some(exact) = c.exact {
            (got.stderr != exact).then(|| format!("stderr {:?}, want {exact:?}", got.stderr))
        } else {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                env.parity(&args);
            }));
            result.err().map(|e| {
                e.downcast_ref::<String>()
                    .cloned()
                    .unwrap_or_else(|| "parity failed".into())
            })
        };
        if let Some(p) = problem {
            failures.push(format!("{args:?}: {p}\n{got}"));
        }
        let after = fingerprint(env, ns);
        if before != after {
            failures.push(format!(
                "{args:?} changed something:\n{before}\n---\n{after}"
            ));
        }
        for (name, _) in &c.files {
            let _ = std::fs::remove_file(env.path(name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    n
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - \
                   {name: main, image: busybox, command: [sh, -c, 'sleep 3600']}\n";

fn nested(depth: usize) -> String {
    format!(
        "{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"deep\"}},\
         \"data\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn bad_input_against_a_cluster() {
    let env = TestEnv::sim("bad-input");
    env.seed(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm1, labels: {a: b}}\ndata: {a: b}\n",
    );
    env.seed(POD);
    let ns = env.ns().to_string();
    let n = ns.as_str();
    let start = std::time::Instant::now();
    while env
        .run_kk(&["get", "pod", "p", "-n", n, "-o", "jsonpath={.status.phase}"])
        .stdout
        != "Running"
    {
        assert!(start.elapsed() < Duration::from_secs(30), "pod p never ran");
        std::thread::sleep(Duration::from_millis(100));
    }
    let cm = |body: &str| format!("apiVersion: v1\nkind: ConfigMap\n{body}");
    let cases = vec![
        // Malformed manifests.
        with_file(&["create", "-f", "m.yaml", "-n", n], "m.yaml", "a: [\n"),
        with_file(
            &["create", "-f", "m.json", "-n", n],
            "m.json",
            "{\"apiVersion\": \"v1\",",
        ),
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            "apiVersion: v1\nmetadata: {name: x}\n",
        ),
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            "kind: ConfigMap\nmetadata: {name: x}\n",
        ),
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            "apiVersion: v1\nkind: Nope\nmetadata: {name: x}\n",
        ),
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            cm("metadata: {}\n"),
        ),
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            cm("metadata: {name: x}\nbogus: 1\n"),
        ),
        with_file(&["create", "-f", "m.yaml", "-n", n], "m.yaml", ""),
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            cm("metadata: {name: x, namespace: elsewhere}\n"),
        ),
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            cm("metadata: {name: 'Bad_Name'}\n"),
        ),
        // Nested deeper than 128 levels: refused before anything is sent (kubectl sends
        // it and the server refuses it; an intended difference).
        exact(
            with_file(&["create", "-f", "m.json", "-n", n], "m.json", nested(2000)),
            "error: error parsing m.json: error converting YAML to JSON: yaml: line 1: recursion limit exceeded\n",
        ),
        exact(
            with_file(
                &["create", "-f", "m.yaml", "-n", n],
                "m.yaml",
                cm(&format!(
                    "metadata: {{name: x}}\ndata: {}1{}\n",
                    "{a: ".repeat(300),
                    "}".repeat(300)
                )),
            ),
            "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 4: recursion limit exceeded\n",
        ),
        // Huge: a 3 MiB value in one document.
        with_file(
            &["create", "-f", "m.yaml", "-n", n],
            "m.yaml",
            cm(&format!(
                "metadata: {{name: huge}}\ndata: {{a: '{}'}}\n",
                "x".repeat(3 << 20)
            )),
        ),
        case(&["create", "-f", "missing.yaml", "-n", n]),
        case(&["create", "-n", n]),
        // Bad flags and values.
        case(&["get", "pods", "-n", n, "--chunk-size=abc"]),
        case(&["get", "pods", "-n", n, "-o", "badformat"]),
        case(&["get", "pods", "-n", n, "-o", "jsonpath={.items["]),
        case(&[
            "get",
            "pods",
            "-n",
            n,
            "-o",
            "jsonpath={.items[*].metadata.name",
        ]),
        case(&["get", "pods", "-n", n, "-o", "go-template={{.bad"]),
        case(&["get", "pods", "-n", n, "-o", "custom-columns=NAME"]),
        case(&[
            "get",
            "pods",
            "-n",
            n,
            "-o",
            "custom-columns=NAME:{.metadata.name",
        ]),
        case(&["get", "pods", "-n", n, "--request-timeout=abc"]),
        case(&["get", "pods", "-n", n, "--bogus-flag"]),
        case(&["delete", "cm", "cm1", "-n", n, "--grace-period=abc"]),
        case(&["delete", "cm", "cm1", "-n", n, "--cascade=sideways"]),
        case(&["logs", "p", "-n", n, "--since=abc"]),
        case(&["logs", "p", "-n", n, "--tail=abc"]),
        case(&[
            "logs",
            "p",
            "-n",
            n,
            "--since=1h",
            "--since-time=2024-01-01T00:00:00Z",
        ]),
        case(&[
            "create",
            "deployment",
            "d",
            "--image=nginx",
            "--replicas=abc",
            "-n",
            n,
        ]),
        case(&[
            "create",
            "configmap",
            "x",
            "--from-literal=novalue",
            "-n",
            n,
        ]),
        case(&[
            "create",
            "configmap",
            "x",
            "--from-file=nonexistent",
            "-n",
            n,
        ]),
        case(&[
            "create",
            "secret",
            "generic",
            "s",
            "--from-env-file=nonexistent",
            "-n",
            n,
        ]),
        case(&["create", "cm", "cm1", "-n", n]),
        case(&["create", "-f", "x.yaml", "--dry-run=bogus", "-n", n]),
        case(&["label", "cm", "cm1", "bad key!=v", "-n", n]),
        case(&["label", "cm", "cm1", "a=c", "-n", n]),
        case(&["label", "cm", "cm1", "-n", n]),
        case(&["annotate", "cm", "cm1", "-n", n]),
        // Bad selectors.
        case(&["get", "pods", "-n", n, "-l", "a in (b"]),
        case(&["get", "pods", "-n", n, "-l", "!!a"]),
        case(&["get", "pods", "-n", n, "-l", "a==b==c"]),
        case(&["get", "pods", "-n", n, "--field-selector=metadata.name"]),
        case(&["get", "pods", "-n", n, "--field-selector=spec.bogus=x"]),
        case(&["delete", "cm", "-n", n, "-l", "a in (b"]),
        // Bad resource arguments.
        case(&["get"]),
        case(&["delete"]),
        case(&["get", "nosuchtype", "-n", n]),
        case(&["get", "pods/", "-n", n]),
        case(&["get", "pod", "a/b", "-n", n]),
        case(&["get", "pods,nosuch", "-n", n]),
        case(&["describe", "nosuchtype", "x", "-n", n]),
        case(&["delete", "cm", "nosuch", "-n", n]),
        case(&["delete", "cm", "--all", "cm1", "-n", n]),
        case(&["get", "--raw", "/nonexistent"]),
        // Wrong namespace, missing container, bad port specs.
        case(&["get", "cm", "cm1", "-n", "no-such-namespace"]),
        case(&["create", "cm", "x", "-n", "no-such-namespace"]),
        case(&["logs", "p", "-n", "no-such-namespace"]),
        case(&["logs", "p", "-c", "nosuch", "-n", n]),
        case(&["logs", "-n", n]),
        case(&["exec", "p", "-c", "nosuch", "-n", n, "--", "ls"]),
        case(&["exec", "p", "-n", n]),
        case(&["exec", "nosuch", "-n", n, "--", "ls"]),
        case(&["port-forward", "p", "abc", "-n", n]),
        case(&["port-forward", "p", "99999", "-n", n]),
        case(&["port-forward", "p", "8080:", "-n", n]),
        case(&["port-forward", "p", "-n", n]),
        case(&["port-forward", "pod/nosuch", "8080", "-n", n]),
    ];
    let count = run(&env, Some(n), cases);
    assert!(count >= 60, "{count} cases");
}

#[test]
fn bad_kubeconfigs() {
    let env = TestEnv::offline();
    let good = "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  \
                cluster: {server: 'https://127.0.0.1:1'}\ncontexts:\n- name: c\n  context: \
                {cluster: k, user: u}\nusers:\n- name: u\n  user: {token: t}\n";
    let kc = |name: &'static str, content: &str, args: &[&str]| {
        let mut all = vec!["--kubeconfig", name];
        all.extend(args);
        with_file(&all, name, content.to_string())
    };
    std::fs::create_dir_all(env.path("adir")).unwrap();
    let cases = vec![
        case(&["--kubeconfig", "adir", "get", "pods"]),
        case(&["--kubeconfig", "missing.yaml", "get", "pods"]),
        kc(
            "k2.yaml",
            "kind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: gone, user: u}\n",
            &["get", "pods"],
        ),
        kc("k3.yaml", good, &["--context=nosuch", "get", "pods"]),
        kc("k4.yaml", good, &["--user=nosuch", "get", "pods"]),
        kc("k5.yaml", good, &["--cluster=nosuch", "get", "pods"]),
        kc(
            "k7.yaml",
            &good.replace("server:", "certificate-authority: /nonexistent/ca, server:"),
            &["get", "pods"],
        ),
        kc(
            "k8.yaml",
            &good.replace(
                "token: t",
                "client-certificate: /nonexistent/c, client-key: /nonexistent/k",
            ),
            &["get", "pods"],
        ),
        kc("k9.yaml", "- just\n- a list\n", &["get", "pods"]),
        kc("k10.yaml", good, &["get", "pods", "--as-group=g"]),
        kc("k11.yaml", good, &["config", "use-context", "nosuch"]),
        kc("k12.yaml", good, &["config", "delete-context", "nosuch"]),
        kc(
            "k13.yaml",
            good,
            &["config", "rename-context", "nosuch", "x"],
        ),
        // Broken YAML: go-yaml's line numbers and words.
        kc(
            "k14.yaml",
            "clusters:\n- name: a\n  cluster:\n    server: x\n   bad: 1\n",
            &["get", "pods"],
        ),
        kc("k15.yaml", "a: &x 1\nb: *y\n", &["get", "pods"]),
        kc(
            "k16.yaml",
            "users:\n- name: u\n  user:\n    token: \"open\n",
            &["get", "pods"],
        ),
        // Configuration problems: one or several, found by the namespace lookup, by the
        // builder (with -n) or by the client (verbs that never look up a namespace).
        kc(
            "k17.yaml",
            good,
            &["-n", "x", "get", "pods", "--as-group=g"],
        ),
        kc("k18.yaml", good, &["-n", "x", "logs", "p", "--as-group=g"]),
        kc("k19.yaml", good, &["api-resources", "--as-group=g"]),
        kc("k20.yaml", good, &["cluster-info", "--as-group=g"]),
        kc(
            "k21.yaml",
            good,
            &["get", "pods", "--as-uid=u", "--context=nosuch"],
        ),
        kc(
            "k22.yaml",
            good,
            &["-n", "x", "get", "pods", "--context=nosuch"],
        ),
        kc(
            "k23.yaml",
            good,
            &["api-versions", "--context=nosuch", "--as-group=g"],
        ),
        kc("k24.yaml", good, &["get", "pods", "--username=u"]),
        kc(
            "k25.yaml",
            good,
            &[
                "get",
                "pods",
                "--client-certificate=/nonexistent/c",
                "--as-group=g",
            ],
        ),
        // Server URLs Go's parser refuses.
        kc("k26.yaml", good, &["get", "pods", "--server=a b"]),
        kc(
            "k27.yaml",
            good,
            &["get", "pods", "--server=https://a b:6443"],
        ),
        kc("k28.yaml", good, &["get", "pods", "--server=a%20b"]),
        kc("k29.yaml", good, &["get", "pods", "--server=ftp://x"]),
    ];
    run(&env, None, cases);
}

#[test]
fn failing_servers() {
    let sim = PrivateSim::start(&[]);
    let mut env = TestEnv::offline();
    std::fs::copy(&sim.kubeconfig, env.path("kubeconfig")).unwrap();
    env.kubeconfig = Some("kubeconfig".into());
    // Discovery cached (both): the faults hit the requests themselves.
    env.run_kk(&["get", "cm"]).success();
    if let Some(out) = env.run_kubectl(&["get", "cm"]) {
        out.success();
    }
    let mut unreachable = case(&["get", "pods", "--server=https://127.0.0.1:1"]);
    unreachable.exact = Some(
        "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\n",
    );
    run(&env, None, vec![unreachable]);
    // A server that hangs: --request-timeout ends it.
    sim.faults("slow=30s");
    let mut hang = case(&["get", "cm", "--request-timeout=1s"]);
    hang.exact = Some("Unable to connect to the server: context deadline exceeded\n");
    run(&env, None, vec![hang]);
    // A server that resets every connection (kubectl names the sockets, kk does not).
    sim.faults("reset=1");
    let mut reset = case(&["create", "configmap", "x"]);
    reset.exact = Some("Unable to connect to the server: read: connection reset by peer\n");
    run(&env, None, vec![reset]);
    // A server that answers 500 (and one that answers 503 without Retry-After).
    sim.faults("status=500:1");
    run(
        &env,
        None,
        vec![case(&["get", "cm"]), case(&["create", "configmap", "x"])],
    );
    sim.faults("status=503:1");
    run(&env, None, vec![case(&["get", "cm", "cm1"])]);
    sim.faults("off");
    let names = env.run_kk(&["get", "cm", "-o", "name"]);
    assert!(!names.stdout.contains("configmap/x"), "{names}");
}
