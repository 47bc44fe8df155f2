//! `kk completion SHELL` prints exactly the checked-in scripts; errors read like kubectl's.
//! `kk __complete ...` answers like `kubectl __complete ...` on the same kk-sim state, and
//! never waits longer than its budget.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, kubectl_bin, require_tool};

#[test]
fn prints_the_checked_in_script() {
    let env = TestEnv::offline();
    for shell in kk::docs::Shell::ALL {
        let name = format!("{shell:?}").to_lowercase();
        let out = env.run_kk(&["completion", &name]);
        out.success();
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(shell.file_name());
        let want = std::fs::read_to_string(&file).unwrap();
        assert!(
            out.stdout == want,
            "kk completion {name} differs from {}",
            file.display()
        );
        assert!(out.stderr.is_empty());
    }
}

#[test]
fn errors_match_kubectl() {
    let env = TestEnv::offline();
    env.parity(&["completion"]);
    env.parity(&["completion", "foo"]);
    env.parity(&["completion", "bash", "extra"]);
}

/// Pods `web-0`, `web-1` (containers `init`, `app`, `sidecar`), deployment `web`, configmap
/// `cfg`, all in the env's namespace, which the kubeconfig's context now points at.
pub fn seeded(name: &str) -> TestEnv {
    let env = TestEnv::sim(name);
    let pod = |n: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {n}\n  labels: {{app: web}}\nspec:\n  \
             initContainers: [{{name: init, image: busybox}}]\n  containers:\n  \
             - {{name: app, image: nginx, ports: [{{containerPort: 8080}}]}}\n  \
             - {{name: sidecar, image: busybox}}\n---\n"
        )
    };
    env.seed(&format!(
        "{}{}apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  \
         replicas: 0\n  selector: {{matchLabels: {{app: webd}}}}\n  template:\n    \
         metadata: {{labels: {{app: webd}}}}\n    spec:\n      containers: [{{name: nginx, image: nginx}}]\n\
         ---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cfg}}\n",
        pod("web-0"),
        pod("web-1")
    ));
    let ns = env.ns().to_string();
    env.run_kk(&[
        "config",
        "set-context",
        "--current",
        &format!("--namespace={ns}"),
    ])
    .success();
    env
}

/// stdout with descriptions cut (kk's help wording is its own), and stderr's last line.
fn shape(out: &crate::common::Output, sort: bool) -> String {
    let mut lines: Vec<&str> = out
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    let directive = lines.pop().unwrap_or("");
    if sort {
        lines.sort();
    }
    format!(
        "{}\n{directive}\n{}",
        lines.join("\n"),
        out.stderr.lines().last().unwrap_or("")
    )
}

#[test]
fn answers_like_kubectl() {
    if !require_tool("answers_like_kubectl", "kubectl", kubectl_bin().is_some()) {
        return;
    }
    let env = seeded("complete-parity");
    let ns = env.ns().to_string();
    let ns_prefix = &ns[..ns.len() - 1];
    // (line, compare as a set: kubectl walks Go maps for kubeconfig names)
    let lines: Vec<(Vec<&str>, bool)> = vec![
        (vec!["get", "po"], false),
        (vec!["get", "pods", ""], false),
        (vec!["get", "pod/"], false),
        (vec!["get", "pod/web-1"], false),
        (vec!["get", "pods", "web-0", ""], false),
        (vec!["get", "pods,deploy", ""], false),
        (vec!["get", "pods,dep"], false),
        (vec!["get", "deploy/web", "pod/"], false),
        (vec!["get", "deploy/web", "po"], false),
        (vec!["get", ""], false),
        (vec!["get", "-o", ""], false),
        (vec!["get", "pods", "-o=j"], false),
        (vec!["get", "-f", ""], false),
        (vec!["get", "--sh"], false),
        (vec!["get", "pods", "--help", ""], false),
        (vec!["get", "pods", "--", ""], false),
        (vec!["describe", "deploy", ""], false),
        (vec!["describe", "configmaps", "c"], false),
        (vec!["delete", "pods", ""], false),
        (vec!["delete", "-f", ""], false),
        (vec!["label", "pods", "web-1", ""], false),
        (vec!["annotate", "deploy/web", ""], false),
        (vec!["-n", ns_prefix], false),
        (vec!["--namespace", &ns, "get", "cm", ""], false),
        (vec!["get", "cm", "--namespace=kube-system", ""], false),
        (vec!["--context", ""], true),
        (vec!["--context=kk"], true),
        (vec!["config", ""], false),
        (vec!["config", "use-context", ""], true),
        (vec!["config", "use-context", "kk-sim", ""], false),
        (vec!["config", "delete-user", ""], true),
        (vec!["config", "view", ""], false),
        (vec!["completion", ""], true),
        (vec!["completion", "z"], false),
        (vec!["version", ""], false),
    ];
    for (line, sorted) in &lines {
        let mut args = vec!["__complete"];
        args.extend(line.iter().copied());
        let want = env.run_kubectl(&args).expect("kubectl");
        let got = env.run_kk(&args);
        assert_eq!(got.code, 0, "{line:?}\n{got}");
        assert_eq!(
            shape(&want, *sorted),
            shape(&got, *sorted),
            "kk __complete {line:?} differs from kubectl\n===== kubectl =====\n{want}\n===== kk =====\n{got}"
        );
    }
    assert!(lines.len() >= 20);
}

#[test]
fn descriptions_follow_the_protocol() {
    let env = TestEnv::offline();
    let out = env.run_kk(&["__complete", "config", "cu"]);
    assert_eq!(
        out.stdout,
        "current-context\tDisplay the current-context\n:4\n"
    );
    assert_eq!(
        out.stderr,
        "Completion ended with directive: ShellCompDirectiveNoFileComp\n"
    );
    let out = env.run_kk(&["__completeNoDesc", "config", "cu"]);
    assert_eq!(out.stdout, "current-context\n:4\n");
}

#[test]
fn without_kubeconfig_offers_builtin_types() {
    let env = TestEnv::offline();
    let started = Instant::now();
    let out = env.run_kk(&["__complete", "get", "deploy"]);
    assert_eq!(out.stdout, "deployments.apps\n:4\n");
    let out = env.run_kk(&["__complete", "get", ""]);
    let types: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(types.first(), Some(&"componentstatuses"));
    assert!(types.contains(&"pods") && types.contains(&"cronjobs.batch"));
    assert_eq!(types.last(), Some(&":4"));
    let out = env.run_kk(&["__complete", "--context", ""]);
    assert_eq!(out.stdout, ":4\n");
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// A TCP proxy to kk-sim that can be switched into a black hole: it keeps accepting
/// connections but never forwards a byte.
struct Proxy {
    port: u16,
    hole: Arc<AtomicBool>,
}

impl Proxy {
    fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hole = Arc::new(AtomicBool::new(false));
        let upstream = upstream.to_string();
        let black = hole.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for conn in listener.incoming() {
                let Ok(client) = conn else { continue };
                if black.load(Ordering::SeqCst) {
                    held.push(client);
                    continue;
                }
                let Ok(server) = TcpStream::connect(&upstream) else {
                    continue;
                };
                pipe(client.try_clone().unwrap(), server.try_clone().unwrap());
                pipe(server, client);
            }
        });
        Proxy { port, hole }
    }
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 || to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(std::net::Shutdown::Write);
    });
}

#[test]
fn a_server_that_never_answers_costs_only_the_budget() {
    let env = seeded("complete-hang");
    let sim = crate::common::server::sim();
    let upstream = sim.url.trim_start_matches("https://").to_string();
    let proxy = Proxy::start(&upstream);
    // Point the kubeconfig's cluster at the proxy (same certificate: same IP).
    let kubeconfig = env.path("kubeconfig");
    let text = std::fs::read_to_string(&kubeconfig).unwrap();
    std::fs::write(
        &kubeconfig,
        text.replace(&sim.url, &format!("https://127.0.0.1:{}", proxy.port)),
    )
    .unwrap();
    let run = |words: &[&str]| {
        let mut args = vec!["__complete"];
        args.extend(words);
        let started = Instant::now();
        let out = env.run_kk_with(
            &args,
            &[
                ("KK_COMPLETION_TIMEOUT", "500ms"),
                ("KK_COMPLETION_CACHE_TTL", "0s"),
            ],
        );
        (out, started.elapsed())
    };
    // Reachable: names come from the server and fill the cache.
    let (out, _) = run(&["get", "pods", ""]);
    assert_eq!(out.stdout, "web-0\nweb-1\n:4\n");
    // Unreachable (connections accepted, never answered): the cache answers within budget.
    proxy.hole.store(true, Ordering::SeqCst);
    let (out, took) = run(&["get", "pods", ""]);
    assert_eq!(out.stdout, "web-0\nweb-1\n:4\n");
    assert!(took < Duration::from_millis(2500), "took {took:?}");
    // Nothing cached for configmaps: no names, but no wait beyond the budget either.
    let (out, took) = run(&["get", "configmaps", ""]);
    assert_eq!(out.stdout, ":4\n");
    assert!(took < Duration::from_millis(2500), "took {took:?}");
}

#[test]
fn a_fresh_cache_answers_without_the_server() {
    let env = seeded("complete-ttl");
    let run = |ttl: &str| {
        env.run_kk_with(
            &["__complete", "get", "configmaps", "cf"],
            &[("KK_COMPLETION_CACHE_TTL", ttl)],
        )
    };
    assert_eq!(run("1h").stdout, "cfg\n:4\n");
    env.seed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg2}\n");
    // Within the TTL the cached list answers; past it, the server's.
    assert_eq!(run("1h").stdout, "cfg\n:4\n");
    assert_eq!(run("0s").stdout, "cfg\ncfg2\n:4\n");
}
