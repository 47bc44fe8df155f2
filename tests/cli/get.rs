//! `kk get` against kubectl on the shared kk-sim: every output format and flag, several
//! types, named objects, manifests, errors and watches, byte for byte after the harness
//! normalisers. Each test works in its own namespace; cluster-wide listings are narrowed
//! with a per-test label so parallel tests cannot race them.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::env::assert_same;
use crate::common::{Output, TestEnv, kk_bin, kubectl_bin, normalize};

/// Objects every test starts from (no controllers involved, so output is stable).
const MANIFEST: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: alpha
  labels: {app: web, tier: front, suite: SUITE}
data: {k: v, z: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: beta
  labels: {app: db, suite: SUITE}
data: {k: "<&>"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: gamma
data: {}
---
apiVersion: v1
kind: Secret
metadata:
  name: s1
  labels: {suite: SUITE}
stringData: {password: hunter2}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web, suite: SUITE}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
"#;

/// A sim env with [`MANIFEST`] created in its namespace; `None` without kubectl.
fn setup(name: &str) -> Option<(TestEnv, String)> {
    kubectl_bin()?;
    let env = TestEnv::sim(name);
    let ns = env.namespace.clone().expect("sim namespace");
    std::fs::write(env.path("objects.yaml"), MANIFEST.replace("SUITE", &ns)).unwrap();
    env.run_kubectl(&["create", "-n", &ns, "-f", "objects.yaml"])?
        .success();
    // The namespace's own objects (kube-root-ca.crt, default SA) come from controllers.
    wait_for(
        &env,
        &[
            "get",
            "-n",
            &ns,
            "configmap/kube-root-ca.crt",
            "serviceaccount/default",
        ],
    );
    Some((env, ns))
}

fn wait_for(env: &TestEnv, args: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if env.run_kubectl(args).is_some_and(|o| o.code == 0) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {args:?}");
}

/// `parity` with `-n ns` appended.
#[track_caller]
fn in_ns(env: &TestEnv, ns: &str, args: &[&str]) {
    let mut v: Vec<&str> = args.to_vec();
    v.extend(["-n", ns]);
    env.parity(&v);
}

#[test]
fn tables() {
    let Some((env, ns)) = setup("get-tables") else {
        return;
    };
    for args in [
        &["get", "configmaps"][..],
        &["get", "cm", "--no-headers"],
        &["get", "configmap", "-o", "wide"],
        &["get", "ConfigMap", "--show-labels"],
        &["get", "cm", "-L", "app", "-L", "tier,missing"],
        &["get", "cm", "-L", "app", "--show-labels", "--no-headers"],
        &["get", "cm", "--sort-by=.metadata.name"],
        &["get", "cm", "--sort-by={.data.k}"],
        &["get", "cm", "--sort-by=.spec.nothing"],
        &["get", "cm", "--chunk-size=1"],
        &["get", "cm", "--chunk-size=0", "--show-kind"],
        &["get", "cm", "--server-print=false"],
        &["get", "cm", "-l", "app=web"],
        &["get", "cm", "-l", "app in (web,db),tier!=back"],
        &["get", "cm", "-l", "nothing=here"],
        &["get", "cm", "--field-selector", "metadata.name=beta"],
        &["get", "secrets", "-l", "suite"],
        &["get", "svc,cm"],
        &["get", "services.v1.", "-o", "wide"],
        &["get", "cm,svc", "--sort-by=.metadata.name"],
        &["get", "all"],
        &["get", "all,cm", "--no-headers"],
        &["get", "cm", "alpha", "gamma"],
        &["get", "cm/alpha", "svc/web", "secret/s1"],
        &["get", "deployments.apps"],
        &["get", "deploy.v1.apps", "-A", "-l", "nothing=here"],
    ] {
        in_ns(&env, &ns, args);
    }
    let sel = format!("suite={ns}");
    env.parity(&["get", "cm,secret,svc", "-A", "-l", &sel]);
    env.parity(&["get", "cm,svc", "-A", "-l", &sel, "-o", "name"]);
    env.parity(&["get", "ns", &ns, "--show-labels"]);
    env.parity(&["get", "nodes"]);
    env.parity(&["get", "nodes", "-o", "wide", "--no-headers"]);
}

#[test]
fn formats() {
    let Some((env, ns)) = setup("get-formats") else {
        return;
    };
    for args in [
        &["get", "cm", "alpha", "-o", "yaml"][..],
        &["get", "cm", "alpha", "-o", "json"],
        &["get", "cm", "-l", "app", "-o", "json"],
        &[
            "get",
            "cm",
            "-l",
            "app",
            "-o",
            "yaml",
            "--sort-by=.metadata.name",
        ],
        &["get", "cm", "-l", "nothing", "-o", "json"],
        &["get", "cm", "-l", "nothing", "-o", "name"],
        &["get", "cm,svc", "-o", "name"],
        &["get", "cm/alpha", "svc/web", "-o", "yaml"],
        &["get", "cm", "alpha", "-o", "name"],
        &[
            "get",
            "cm",
            "alpha",
            "-o",
            "jsonpath={.metadata.name} {.data.k}",
        ],
        &["get", "cm", "-o", "jsonpath={.items[*].metadata.name}"],
        &[
            "get",
            "cm",
            "-o",
            "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}",
        ],
        &[
            "get",
            "cm",
            "-o",
            "jsonpath-as-json={.items[*].metadata.name}",
        ],
        &[
            "get",
            "cm",
            "-o",
            "custom-columns=NAME:.metadata.name,KEY:.data.k",
        ],
        &[
            "get",
            "cm",
            "--no-headers",
            "-o",
            "custom-columns=N:.metadata.name",
        ],
        &[
            "get",
            "cm",
            "-o",
            "go-template={{range .items}}{{.metadata.name}} {{end}}",
        ],
        &["get", "cm", "alpha", "-o", "json", "--show-managed-fields"],
        &["get", "cm", "-o", "jsonpath-file=path.txt"],
        &["get", "cm", "-o", "custom-columns-file=cols.txt"],
    ] {
        std::fs::write(env.path("path.txt"), "{.items[0].metadata.name}").unwrap();
        std::fs::write(env.path("cols.txt"), "NAME DATA\n.metadata.name .data\n").unwrap();
        in_ns(&env, &ns, args);
    }
}

#[test]
fn manifests() {
    let Some((env, ns)) = setup("get-files") else {
        return;
    };
    std::fs::create_dir_all(env.path("dir/sub")).unwrap();
    std::fs::write(
        env.path("dir/a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alpha\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n",
    )
    .unwrap();
    std::fs::write(
        env.path("dir/b.json"),
        r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"nope"}}"#,
    )
    .unwrap();
    std::fs::write(
        env.path("dir/sub/c.yaml"),
        "apiVersion: example.com/v9\nkind: Widget\nmetadata:\n  name: w\n",
    )
    .unwrap();
    std::fs::write(env.path("dir/notes.txt"), "not a manifest").unwrap();
    std::fs::write(env.path("nokind.yaml"), "metadata:\n  name: x\n").unwrap();
    for args in [
        &["get", "-f", "dir/a.yaml"][..],
        &["get", "-f", "dir/a.yaml", "-o", "name"],
        &["get", "-f", "dir/a.yaml", "-o", "json"],
        &["get", "-f", "dir"],
        &["get", "-f", "dir", "-R", "-o", "name"],
        &["get", "-f", "dir", "--ignore-not-found"],
        &["get", "-f", "nokind.yaml"],
        &["get", "-f", "missing.yaml"],
        &["get", "-f", "dir/a.yaml", "pods"],
    ] {
        in_ns(&env, &ns, args);
    }
}

#[test]
fn errors() {
    let Some((env, ns)) = setup("get-errors") else {
        return;
    };
    for args in [
        &["get"][..],
        &["get", "foo"],
        &["get", "foo.bar"],
        &["get", "pods,foo"],
        &["get", "cm", "nope"],
        &["get", "cm", "alpha", "nope", "gamma", "nope2"],
        &["get", "cm", "alpha", "nope", "-o", "json"],
        &["get", "cm", "nope", "-o", "json"],
        &["get", "cm", "nope", "--ignore-not-found"],
        &["get", "cm", "nope", "--ignore-not-found", "-o", "json"],
        &["get", "deploy/nope", "svc/nope"],
        &["get", "cm", "-o", "bogus"],
        &["get", "cm", "-o", "jsonpath={.items["],
        &["get", "cm", "alpha", "-o", "jsonpath={.data.k[5]}"],
        &["get", "cm", "-o", "custom-columns=NAME"],
        &["get", "cm", "-o", "custom-columns=NAME:{.metadata.name"],
        &["get", "cm", "-o", "json", "--show-labels"],
        &["get", "cm", "-l", "a b"],
        &["get", "cm", "-l", "x in (a"],
        &["get", "cm", "--field-selector", "data.k=v"],
        &[
            "get",
            "cm",
            "--sort-by=.metadata.name",
            "-o",
            "json",
            "alpha",
            "beta",
        ],
        &["get", "cm", "-o", "json", "--sort-by=.nothing"],
        &["get", "cm/a/b"],
        &["get", "cm,svc/a"],
        &["get", "cm", "a", "-A"],
        &["get", "cm/a", "-A"],
        &["get", "cm", "a", "-l", "x=y"],
        &["get", "cm/alpha", "-l", "x=y"],
        &["get", "cm", "-o", "jsonpath-file=missing.txt"],
        &["get", "cm", "-w", "--watch-only=false", "svc"],
        &["get", "cm,svc", "-w"],
        &["get", "cm/alpha", "svc/web", "-w"],
        &["get", "cm", "--chunk-size=abc"],
        // pflag booleans never take the next word as their value.
        &["get", "--ignore-not-found", "cm", "nothere"],
        &["get", "--server-print=false", "cm"],
        &["get", "--server-print", "false", "cm"],
    ] {
        in_ns(&env, &ns, args);
    }
    // kubectl names its own binary (kubectl.1.33 here) in this message; kk names itself.
    let args = ["get", "cm", "cm/alpha", "-n", &ns];
    let want = env.run_kubectl(&args).unwrap();
    let want = want.map(|s| s.replace("kubectl.1.33", "kubectl"));
    assert_same(&args, &want, &env.run_kk(&args));
}

#[test]
fn discovery_cache() {
    let Some((env, ns)) = setup("get-cache") else {
        return;
    };
    // First run fills kk's cache file under $KUBECACHEDIR/discovery/<host_port>/.
    env.run_kk(&["get", "cm", "-n", &ns]).success();
    let cache = env.dir().join("home/.kube/cache/discovery");
    let host = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = host.join("kk-discovery.json");
    assert!(file.is_file(), "no discovery cache at {}", file.display());
    // A cache that lacks a type is re-fetched once, so new types still resolve.
    let text = std::fs::read_to_string(&file).unwrap();
    let mut d: serde_json::Value = serde_json::from_str(&text).unwrap();
    d["resources"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["resource"] != "services");
    std::fs::write(&file, d.to_string()).unwrap();
    in_ns(&env, &ns, &["get", "svc"]);
    let healed = std::fs::read_to_string(&file).unwrap();
    assert!(healed.contains("\"services\""), "cache not refreshed");
    // --cache-dir moves it.
    let out = env.run_kk(&["get", "cm", "-n", &ns, "--cache-dir", "elsewhere"]);
    out.success();
    assert!(env.path("elsewhere/discovery").is_dir());
}

/// The environment the harness gives every command (see `common::env`).
fn spawn(env: &TestEnv, bin: &Path, args: &[&str]) -> Child {
    let home = env.dir().join("home");
    Command::new(bin)
        .args(args)
        .current_dir(env.dir())
        .env_clear()
        .env("HOME", &home)
        .env("KUBECACHEDIR", home.join(".kube").join("cache"))
        .env("PATH", "/usr/bin:/bin")
        .env("TZ", "UTC")
        .env("COLUMNS", "120")
        .env("KUBECONFIG", env.kubeconfig.as_deref().unwrap_or(""))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

fn stop(mut child: Child) -> Output {
    let _ = child.kill();
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let _ = child.wait();
    // Killed on purpose: the exit status is the signal's, not the program's.
    Output {
        stdout,
        stderr,
        code: 0,
    }
}

/// Run kubectl and kk with `args` side by side while `change` happens, then compare what
/// both printed.
fn watch_parity(env: &TestEnv, args: &[&str], change: impl Fn()) {
    let Some(kubectl) = kubectl_bin() else { return };
    let a = spawn(env, &kubectl, args);
    let b = spawn(env, &kk_bin(), args);
    std::thread::sleep(Duration::from_millis(1500));
    change();
    std::thread::sleep(Duration::from_millis(1500));
    let want = stop(a);
    let got = stop(b);
    assert_same(args, &want, &got);
    assert!(!normalize::all(&got.stdout).is_empty() || args.contains(&"--watch-only"));
}

#[test]
fn watch() {
    let Some((env, ns)) = setup("get-watch") else {
        return;
    };
    let mut n = 0;
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["get", "cm", "-w"],
        vec!["get", "-w", "--output-watch-events", "cm"],
        vec!["get", "cm", "--watch-only"],
        vec!["get", "cm", "-w", "--output-watch-events"],
        vec!["get", "cm", "-w", "-o", "name"],
        vec!["get", "cm", "-w", "-o", "json", "--output-watch-events"],
        vec!["get", "cm", "-w", "-o", "yaml"],
        vec!["get", "cm", "-w", "-l", "app"],
        vec!["get", "cm", "-w", "--sort-by=.metadata.name"],
        vec!["get", "cm", "-w", "--show-kind", "--no-headers"],
    ];
    for c in &mut cases {
        c.extend(["-n", &ns]);
    }
    let suite = format!("suite={ns}");
    cases.push(vec!["get", "cm", "-w", "-A", "-l", &suite]);
    for args in &cases {
        n += 1;
        let name = format!("w{n}");
        watch_parity(&env, args, || {
            let out = env
                .run_kubectl(&["create", "configmap", &name, "-n", &ns])
                .unwrap();
            out.success();
            std::thread::sleep(Duration::from_millis(300));
            env.run_kubectl(&["delete", "configmap", &name, "-n", &ns])
                .unwrap()
                .success();
        });
    }
    // One named object: the synthetic first event is skipped, the deletion is printed.
    for (i, extra) in [&[][..], &["--output-watch-events"][..]].iter().enumerate() {
        let name = format!("named{i}");
        env.run_kubectl(&["create", "configmap", &name, "-n", &ns])
            .unwrap()
            .success();
        let mut args = vec!["get", "configmap", &name, "-w", "-n", &ns];
        args.extend(extra.iter());
        watch_parity(&env, &args, || {
            env.run_kubectl(&["delete", "configmap", &name, "-n", &ns])
                .unwrap()
                .success();
        });
    }
}

#[test]
fn raw_and_subresources() {
    let Some((env, ns)) = setup("get-raw") else {
        return;
    };
    env.run_kubectl(&[
        "create",
        "deployment",
        "web",
        "--image=nginx",
        "--replicas=3",
        "-n",
        &ns,
    ])
    .unwrap()
    .success();
    let cm = format!("/api/v1/namespaces/{ns}/configmaps/alpha");
    let missing = format!("/api/v1/namespaces/{ns}/configmaps/nope");
    for args in [
        &["get", "--raw", "/version"][..],
        &["get", "--raw", &cm],
        &["get", "--raw", &missing],
        &["get", "--raw", "/version", "-o", "json"],
        &["get", "--raw", "/version", "pods"],
        &["get", "--raw", "/version", "-l", "a=b"],
        &["get", "--raw", "/version", "-w"],
        &["get", "deploy", "web", "-n", &ns, "--subresource=scale"],
        &[
            "get",
            "deploy/web",
            "-n",
            &ns,
            "--subresource=scale",
            "-o",
            "json",
        ],
        &[
            "get",
            "deploy/web",
            "-n",
            &ns,
            "--subresource=status",
            "-o",
            "name",
        ],
        &["get", "deploy", "-n", &ns, "--subresource=scale"],
        &["get", "cm", "alpha", "-n", &ns, "--subresource=nope"],
    ] {
        env.parity(args);
    }
}

#[test]
fn watch_ends_with_status_1_on_sigterm() {
    let Some((env, ns)) = setup("get-sigterm") else {
        return;
    };
    let args = ["get", "cm", "-w", "-n", &ns];
    for bin in [kubectl_bin().unwrap(), kk_bin()] {
        let mut child = spawn(&env, &bin, &args);
        // Signal once the watch is running (its first line is out), not after a guess: a
        // loaded machine can take seconds to start kubectl's signal handling.
        let mut first = [0u8; 1];
        let out = child.stdout.as_mut().expect("piped stdout");
        out.read_exact(&mut first)
            .expect("the watch prints its list");
        // kubectl installs its handler right after printing the list.
        std::thread::sleep(Duration::from_millis(300));
        // SAFETY: plain syscall on a pid this test spawned.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGTERM);
        }
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(1), "{} after SIGTERM", bin.display());
    }
}

/// A CRD in group `group` with printer columns (one wide-only) and the given short name.
fn crd(kind: &str, group: &str, short: &str) -> String {
    let plural = format!("{}s", kind.to_lowercase());
    format!(
        r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: {plural}.{group}
spec:
  group: {group}
  names: {{kind: {kind}, plural: {plural}, singular: {singular}, shortNames: [{short}]}}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
    additionalPrinterColumns:
    - {{name: Size, type: integer, jsonPath: .spec.size}}
    - {{name: Color, type: string, jsonPath: .spec.color, priority: 1}}
    - {{name: Age, type: date, jsonPath: .metadata.creationTimestamp}}
"#,
        singular = kind.to_lowercase()
    )
}

/// Held by tests that add API types (CRDs) or list every type, so discovery cannot change
/// between the kubectl run and the kk run of a comparison.
pub static DISCOVERY_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn custom_resources() {
    let _serial = DISCOVERY_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let Some((env, ns)) = setup("get-crd") else {
        return;
    };
    // kk's discovery cache predates the CRDs: the unknown names must trigger re-discovery.
    env.run_kk(&["get", "cm", "-n", &ns]).success();
    let short = format!("sh{}", ns.rsplit('-').next().unwrap());
    let (ga, gb) = (format!("a.{ns}.example.com"), format!("b.{ns}.example.com"));
    let text = [crd("Gadget", &ga, &short), crd("Gadget", &gb, &short)].join("---\n");
    std::fs::write(env.path("crds.yaml"), text).unwrap();
    env.run_kubectl(&["create", "-f", "crds.yaml"])
        .unwrap()
        .success();
    let cr = format!(
        "apiVersion: {ga}/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec: {{size: 3, color: red}}\n"
    );
    std::fs::write(env.path("cr.yaml"), cr).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while env
        .run_kubectl(&["create", "-n", &ns, "-f", "cr.yaml"])
        .is_some_and(|o| o.code != 0)
    {
        assert!(Instant::now() < deadline, "CRD never became usable");
        std::thread::sleep(Duration::from_millis(200));
    }
    let full_a = format!("gadgets.{ga}");
    let full_b = format!("gadgets.v1.{gb}");
    for args in [
        // The short name matches both groups: kubectl warns and takes the first.
        &["get", &short][..],
        &["get", &full_a, "-o", "wide"],
        &["get", &full_b],
        &["get", "gadget", "g1", "-o", "yaml"],
        &["get", "Gadget", "--show-kind", "--show-labels"],
        &[
            "get",
            &full_a,
            "g1",
            "-o",
            "custom-columns=N:.metadata.name,S:.spec.size",
        ],
        &["get", "-f", "cr.yaml", "-o", "name"],
    ] {
        in_ns(&env, &ns, args);
    }
    for args in [
        &["api-resources", "--api-group", &ga][..],
        &["api-versions"],
    ] {
        env.parity(args);
    }
    env.run_kubectl(&["delete", "-f", "crds.yaml"]);
}

#[test]
fn workloads() {
    let Some((env, ns)) = setup("get-workloads") else {
        return;
    };
    env.run_kubectl(&[
        "create",
        "deployment",
        "web",
        "--image=nginx",
        "--replicas=2",
        "-n",
        &ns,
    ])
    .unwrap()
    .success();
    // Compare only once the controllers and the kubelet have settled.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = env
            .run_kubectl(&[
                "get",
                "deploy",
                "web",
                "-n",
                &ns,
                "-o",
                "jsonpath={.status.readyReplicas}",
            ])
            .unwrap();
        if ready.stdout == "2" {
            break;
        }
        assert!(Instant::now() < deadline, "deployment never became ready");
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(500));
    for args in [
        &["get", "all"][..],
        &["get", "deploy,rs,pods", "-o", "wide"],
        &["get", "pods", "--sort-by=.metadata.name", "--show-labels"],
        &["get", "pods", "-l", "app=web", "-o", "name"],
        &[
            "get",
            "pods",
            "--field-selector=status.phase=Running",
            "--no-headers",
        ],
        &[
            "get",
            "deploy",
            "web",
            "-o",
            "jsonpath={.spec.replicas} {.status.readyReplicas}",
        ],
        &[
            "get",
            "rs",
            "-o",
            "custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name",
        ],
        &["get", "deploy/web", "--subresource=scale", "-o", "wide"],
    ] {
        in_ns(&env, &ns, args);
    }
}

/// Lists printed page by page (`--chunk-size=7` over 20 configmaps, so three pages; one item;
/// none) are kubectl's bytes in every streamed form.
/// [`setup`] plus 16 config maps `page-00`..`page-15` (20 in all with kube-root-ca.crt).
fn paged_setup(name: &str) -> Option<(TestEnv, String)> {
    let (env, ns) = setup(name)?;
    let more: String = (0..16)
        .map(|i| {
            format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: page-{i:02}\n  labels: {{n: \"{i}\"}}\ndata: {{text: \"line one\\nline two {}\"}}\n---\n",
                "word ".repeat(i)
            )
        })
        .collect();
    std::fs::write(env.path("more.yaml"), more).unwrap();
    env.run_kubectl(&["create", "-n", &ns, "-f", "more.yaml"])
        .unwrap()
        .success();
    Some((env, ns))
}

#[test]
fn streamed_pages() {
    let Some((env, ns)) = paged_setup("get-pages") else {
        return;
    };
    for select in [
        &[][..],
        &["--field-selector", "metadata.name=alpha"],
        &["-l", "nothing"],
    ] {
        for output in [
            &["-o", "json"][..],
            &["-o", "yaml"],
            &["-o", "name"],
            &["-o", "jsonpath={.items[*].metadata.name}"],
            &["-o", "custom-columns=NAME:.metadata.name,TEXT:.data.text"],
            &[
                "-o",
                "go-template={{range .items}}{{.metadata.name}} {{end}}",
            ],
            &["-o", "wide"],
            &[],
        ] {
            let mut args = vec!["get", "cm", "--chunk-size=7"];
            args.extend(select);
            args.extend(output);
            in_ns(&env, &ns, &args);
        }
    }
}

/// jsonpath and go-template over a list of three pages (`--chunk-size=7`, 20 config maps):
/// the templates that read `.items` element by element print page by page, the others need
/// the whole list; both are kubectl's bytes, over one page, one item, no item and a named
/// object too, with `--sort-by`, missing keys and failing templates.
#[test]
fn templates_page_by_page() {
    let Some((env, ns)) = paged_setup("get-templates") else {
        return;
    };
    let templates = [
        // Element-wise: printed page by page.
        "jsonpath={.items[*].metadata.name}",
        "jsonpath=[{.kind}] {.items[*].metadata.name} {.apiVersion}{\"\\n\"}",
        "jsonpath={.items[*].metadata.labels}",
        "jsonpath={.items[*].data.k}",
        "jsonpath={.items[*]..n}",
        "jsonpath={.items[*].metadata.managedFields[0].manager}",
        "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.data.text}{\"\\n\"}{end}",
        "jsonpath={range .items[*]}{.metadata.name}:{range .metadata.managedFields[*]}{.operation},{end};{end}{.kind}",
        "jsonpath-as-json={.items[*].metadata.name}",
        "jsonpath-as-json={range .items[*]}{.metadata.labels}{end}",
        "go-template={{range .items}}{{.metadata.name}} {{.data.k}}\n{{end}}",
        "go-template=[{{range $i, $c := .items}}{{if $i}},{{end}}{{$c.metadata.name}}{{end}}]",
        "go-template={{range .items}}{{if eq .metadata.name \"page-09\"}}{{break}}{{end}}{{.metadata.name}};{{end}}",
        "go-template={{range .items}}{{.metadata.name}}{{else}}none{{end}}",
        // The whole list.
        "jsonpath={.items}",
        "jsonpath={.items[*].metadata.name} {.items[*].metadata.uid}",
        "jsonpath={.items[8].metadata.name}",
        "jsonpath={range .items[*]}{.metadata.name},",
        "jsonpath={.items[*].metadata['name','namespace']}",
        "go-template={{len .items}} {{range .items}}{{$.kind}}{{end}}",
        // Failing on the first item (kubectl's debugging dump of the list).
        "jsonpath={range .items[*]}{.data.k[0]}{end}",
        "go-template={{range .items}}{{.data.k.x}}{{end}}",
    ];
    for select in [
        &[][..],
        &["--field-selector", "metadata.name=alpha"],
        &["-l", "nothing"],
        &["--sort-by", "{.data.k}"],
        &["--allow-missing-template-keys=false"],
    ] {
        for t in templates {
            let mut args = vec!["get", "cm", "--chunk-size=7", "-o", t];
            args.extend(select);
            in_ns(&env, &ns, &args);
        }
    }
    for t in templates {
        in_ns(&env, &ns, &["get", "cm", "alpha", "-o", t]);
    }
}

/// `--sort-by` on strings as kubectl 1.33 compares them: by value when both parse as
/// quantities, otherwise byte by byte (UIDs, `c10` before `c2`), over more than 12 objects
/// so Go's pdqsort rather than its insertion sort orders them.
#[test]
fn sort_by_strings_and_quantities() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("get-sort-strings");
    let values = [
        "1Ki", "1000", "1M", "500m", "2e3", "10", "x-10", "x-2", "a2", "a10", "9", "0.5",
    ];
    let manifest: String = (1..=30)
        .map(|i| {
            format!(
                "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n  labels:\n    v: \"{}\"\n",
                values[i % values.len()]
            )
        })
        .collect();
    env.seed(&manifest);
    for tail in [
        &["--sort-by={.metadata.uid}"][..],
        &["--sort-by={.metadata.uid}", "-o", "name"],
        &["--sort-by=.metadata.name", "-o", "name"],
        &["--sort-by=.metadata.labels.v", "-L", "v"],
        &["--sort-by=.metadata.labels.v", "-o", "name"],
    ] {
        let mut args = vec!["get", "cm", "-l", "v"];
        args.extend(tail);
        env.parity_ns(&args);
    }
}
