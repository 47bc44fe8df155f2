//! The real kubectl (1.33) against `kk-sim serve`: discovery, CRUD, list, watch, delete,
//! CRDs, authentication and authorization. Each test works in its own namespace.

mod common;

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use common::{Kubectl, kubectl, sim};
use serde_json::Value;

fn k(test: &str) -> Option<Kubectl> {
    kubectl(sim(), test)
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn version_reports_1_33() {
    let Some(k) = k("version_reports_1_33") else {
        return;
    };
    let out = k.run(&["version", "-o", "json"]).ok();
    let v = json(&out.stdout);
    assert_eq!(v["serverVersion"]["major"], "1");
    assert_eq!(v["serverVersion"]["minor"], "33");
    assert_eq!(v["serverVersion"]["gitVersion"], "v1.33.1-sim");
}

#[test]
fn api_resources_match_the_real_apiserver_names() {
    let Some(k) = k("api_resources") else { return };
    let out = k.run(&["api-resources"]).ok();
    assert_eq!(out.stdout, include_str!("api-resources.txt"));
    let wide = k
        .run(&["api-resources", "-o", "wide", "--api-group=apps"])
        .ok();
    assert!(
        wide.stdout
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == [
                    "deployments",
                    "deploy",
                    "apps/v1",
                    "true",
                    "Deployment",
                    "create,delete,deletecollection,get,list,patch,update,watch",
                    "all"
                ]),
        "{}",
        wide.stdout
    );
}

#[test]
fn api_versions_lists_every_group_version() {
    let Some(k) = k("api_versions") else { return };
    let out = k.run(&["api-versions"]).ok();
    assert_eq!(
        out.stdout,
        "apiextensions.k8s.io/v1\napps/v1\nauthentication.k8s.io/v1\nauthorization.k8s.io/v1\nautoscaling/v2\nbatch/v1\ncertificates.k8s.io/v1\ncoordination.k8s.io/v1\n\
         discovery.k8s.io/v1\nevents.k8s.io/v1\nnetworking.k8s.io/v1\npolicy/v1\n\
         rbac.authorization.k8s.io/v1\nscheduling.k8s.io/v1\nstorage.k8s.io/v1\nv1\n"
    );
}

#[test]
fn fresh_cluster_objects_exist() {
    let Some(k) = k("fresh_cluster") else { return };
    let ns = k.run(&["get", "ns", "-o", "name"]).ok();
    for n in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        assert!(
            ns.stdout.contains(&format!("namespace/{n}\n")),
            "{}",
            ns.stdout
        );
    }
    let nodes = k.run(&["get", "nodes", "-o", "name"]).ok();
    assert_eq!(
        nodes.stdout,
        "node/kk-sim-control-plane\nnode/kk-sim-worker\n"
    );
    let taint = k
        .run(&[
            "get",
            "node",
            "kk-sim-control-plane",
            "-o",
            "jsonpath={.spec.taints[0].key}:{.spec.taints[0].effect}",
        ])
        .ok();
    assert_eq!(
        taint.stdout,
        "node-role.kubernetes.io/control-plane:NoSchedule"
    );
    let svc = k
        .run(&[
            "-n",
            "default",
            "get",
            "svc",
            "kubernetes",
            "-o",
            "jsonpath={.spec.clusterIP}",
        ])
        .ok();
    assert_eq!(svc.stdout, "10.96.0.1");
    let sa = k
        .run(&["-n", "kube-public", "get", "sa,cm", "-o", "name"])
        .ok();
    assert_eq!(
        sa.stdout,
        "serviceaccount/default\nconfigmap/kube-root-ca.crt\n"
    );
}

const CM: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: web
data:
  color: blue
";

#[test]
fn create_from_manifest_and_read_back_in_every_format() {
    let Some(mut k) = k("create_read") else {
        return;
    };
    k.use_namespace("t-create-read");
    let out = k
        .run_stdin(&["create", "-f", "-", "--validate=false"], CM)
        .ok();
    assert_eq!(out.stdout, "configmap/settings created\n");
    let again = k.run_stdin(&["create", "-f", "-", "--validate=false"], CM);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr,
        "Error from server (AlreadyExists): error when creating \"STDIN\": configmaps \"settings\" already exists\n"
    );
    let name = k.run(&["get", "cm", "settings", "-o", "name"]).ok();
    assert_eq!(name.stdout, "configmap/settings\n");
    let j = json(&k.run(&["get", "cm", "settings", "-o", "json"]).ok().stdout);
    assert_eq!(j["kind"], "ConfigMap");
    assert_eq!(j["apiVersion"], "v1");
    assert_eq!(j["data"]["color"], "blue");
    assert_eq!(j["metadata"]["namespace"], "t-create-read");
    assert_eq!(j["metadata"]["uid"].as_str().map(str::len), Some(36));
    assert!(
        j["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .is_ok()
    );
    let y = k.run(&["get", "cm", "settings", "-o", "yaml"]).ok();
    assert!(
        y.stdout
            .starts_with("apiVersion: v1\ndata:\n  color: blue\nkind: ConfigMap\nmetadata:\n"),
        "{}",
        y.stdout
    );
    let jp = k
        .run(&[
            "get",
            "cm",
            "settings",
            "-o",
            "jsonpath={.metadata.labels.app}/{.data.color}",
        ])
        .ok();
    assert_eq!(jp.stdout, "web/blue");
    let missing = k.run(&["get", "cm", "nope"]);
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "Error from server (NotFound): configmaps \"nope\" not found\n"
    );
}

#[test]
fn all_namespaces_list_sees_every_namespace() {
    let Some(mut k) = k("all_namespaces") else {
        return;
    };
    k.use_namespace("t-all-ns");
    k.run_stdin(&["create", "-f", "-", "--validate=false"], CM)
        .ok();
    let out = k
        .run(&[
            "get",
            "cm",
            "-A",
            "-o",
            "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\n\"}{end}",
        ])
        .ok();
    assert!(out.stdout.contains("t-all-ns/settings\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("kube-system/kube-root-ca.crt\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn delete_waits_until_gone() {
    let Some(mut k) = k("delete") else { return };
    k.use_namespace("t-delete");
    k.run_stdin(&["create", "-f", "-", "--validate=false"], CM)
        .ok();
    let out = k.run(&["delete", "cm", "settings", "--wait"]).ok();
    assert_eq!(out.stdout, "configmap \"settings\" deleted\n");
    let gone = k.run(&["get", "cm", "settings"]);
    assert_eq!(gone.code, 1);
    let again = k.run(&["delete", "cm", "settings"]);
    assert_eq!(
        again.stderr,
        "Error from server (NotFound): configmaps \"settings\" not found\n"
    );
}

#[test]
fn namespace_delete_removes_contents() {
    let Some(mut k) = k("ns_delete") else { return };
    k.use_namespace("t-ns-delete");
    k.run_stdin(&["create", "-f", "-", "--validate=false"], CM)
        .ok();
    let out = k.run(&["delete", "ns", "t-ns-delete"]).ok();
    assert_eq!(out.stdout, "namespace \"t-ns-delete\" deleted\n");
    let gone = k.run(&["get", "ns", "t-ns-delete"]);
    assert_eq!(
        gone.stderr,
        "Error from server (NotFound): namespaces \"t-ns-delete\" not found\n"
    );
    let cms = k
        .run(&[
            "get",
            "cm",
            "-A",
            "-o",
            "jsonpath={range .items[*]}{.metadata.namespace}{\"\\n\"}{end}",
        ])
        .ok();
    assert!(
        !cms.stdout.lines().any(|l| l == "t-ns-delete"),
        "{}",
        cms.stdout
    );
}

/// Reads lines from a child's stdout until `want` lines arrived or the deadline passes.
fn read_lines(child: &mut std::process::Child, want: usize, timeout: Duration) -> Vec<String> {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(l) = line else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + timeout;
    let mut lines = Vec::new();
    while lines.len() < want {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(l) => lines.push(l),
            Err(_) => break,
        }
    }
    lines
}

#[test]
fn get_watch_sees_changes_made_by_another_process() {
    let Some(mut k) = k("watch") else { return };
    k.use_namespace("t-watch");
    k.run_stdin(&["create", "-f", "-", "--validate=false"], CM)
        .ok();
    let mut w = k.spawn(&[
        "get",
        "cm",
        "settings",
        "-w",
        "-o",
        "jsonpath={.data.color}{\"\\n\"}",
    ]);
    std::thread::sleep(Duration::from_millis(500));
    let updated = CM.replace("blue", "green");
    k.run_stdin(&["replace", "-f", "-", "--validate=false"], &updated)
        .ok();
    k.run(&["delete", "cm", "settings"]).ok();
    let lines = read_lines(&mut w, 4, Duration::from_secs(3));
    let _ = w.kill();
    let _ = w.wait();
    // The GET prints the object; the watch from resourceVersion 0 starts with a synthetic
    // ADDED that kubectl does not print again; then MODIFIED and DELETED.
    assert_eq!(lines, ["blue", "green", "green"]);
}

#[test]
fn watch_stays_open_while_idle() {
    let Some(mut k) = k("watch_idle") else { return };
    k.use_namespace("t-watch-idle");
    let mut w = k.spawn(&["get", "cm", "-w", "-o", "name"]);
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        w.try_wait().unwrap().is_none(),
        "kubectl get -w exited while idle"
    );
    k.run_stdin(&["create", "-f", "-", "--validate=false"], CM)
        .ok();
    let lines = read_lines(&mut w, 2, Duration::from_secs(10));
    let _ = w.kill();
    let _ = w.wait();
    assert_eq!(lines, ["configmap/kube-root-ca.crt", "configmap/settings"]);
}

const CRD: &str = "apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
";

#[test]
fn crd_serves_its_resource_until_deleted() {
    let Some(mut k) = k("crd") else { return };
    k.use_namespace("t-crd");
    k.run_stdin(&["create", "-f", "-", "--validate=false"], CRD)
        .ok();
    let est = k
        .run(&[
            "get",
            "crd",
            "widgets.example.com",
            "-o",
            "jsonpath={.status.conditions[?(@.type==\"Established\")].status}",
        ])
        .ok();
    assert_eq!(est.stdout, "True");
    let w = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n";
    k.run_stdin(&["create", "-f", "-", "--validate=false"], w)
        .ok();
    let got = k
        .run(&["get", "wd", "w1", "-o", "jsonpath={.kind}/{.spec.size}"])
        .ok();
    assert_eq!(got.stdout, "Widget/3");
    let ar = k
        .run(&["api-resources", "--api-group=example.com", "--no-headers"])
        .ok();
    assert_eq!(
        ar.stdout.split_whitespace().collect::<Vec<_>>(),
        ["widgets", "wd", "example.com/v1", "true", "Widget"]
    );
    k.run(&["delete", "crd", "widgets.example.com"]).ok();
    let gone = k.run(&[
        "get",
        "--raw",
        "/apis/example.com/v1/namespaces/t-crd/widgets",
    ]);
    assert_eq!(gone.code, 1);
    assert_eq!(
        gone.stderr,
        "Error from server (NotFound): the server could not find the requested resource\n"
    );
}

#[test]
fn viewer_can_read_but_not_write() {
    let Some(mut k) = k("viewer") else { return };
    k.use_namespace("t-viewer");
    let read = k
        .run(&[
            "--context",
            "kk-sim-viewer",
            "get",
            "ns",
            "t-viewer",
            "-o",
            "name",
        ])
        .ok();
    assert_eq!(read.stdout, "namespace/t-viewer\n");
    let deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    let out = k.run_stdin(
        &[
            "--context",
            "kk-sim-viewer",
            "-n",
            "default",
            "create",
            "-f",
            "-",
            "--validate=false",
        ],
        deploy,
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "Error from server (Forbidden): error when creating \"STDIN\": deployments.apps is forbidden: User \"viewer\" cannot create resource \"deployments\" in API group \"apps\" in the namespace \"default\"\n"
    );
    let del = k.run(&["--context", "kk-sim-viewer", "delete", "ns", "t-viewer"]);
    assert_eq!(
        del.stderr,
        "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n\
         Error from server (Forbidden): namespaces \"t-viewer\" is forbidden: User \"viewer\" cannot delete resource \"namespaces\" in API group \"\" at the cluster scope\n"
    );
}

#[test]
fn unknown_token_is_unauthorized() {
    // (kubectl prompts for a password when a user has no credentials at all; the
    // no-credentials 401 is checked with a raw client in errors.rs.)
    let Some(k) = k("unauthorized") else { return };
    let text = std::fs::read_to_string(k.kubeconfig()).unwrap();
    let mut cfg: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut user = serde_yaml::Mapping::new();
    user.insert("token".into(), "not-a-valid-token".into());
    cfg["users"][0]["user"] = serde_yaml::Value::Mapping(user);
    let path = sim().path("anonymous-kubeconfig");
    std::fs::write(&path, serde_yaml::to_string(&cfg).unwrap()).unwrap();
    let out = k.run(&["--kubeconfig", path.to_str().unwrap(), "get", "ns"]);
    assert_eq!(out.code, 1);
    // What kubectl says for a 401 on discovery (as against a real cluster with a stale token).
    assert_eq!(
        out.stderr.lines().last(),
        Some(
            "error: You must be logged in to the server (the server has asked for the client to provide credentials)"
        )
    );
}

const DEPLOY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
";

#[test]
fn apply_creates_configures_and_leaves_unchanged() {
    let Some(mut k) = k("apply") else { return };
    k.use_namespace("t-apply");
    let first = k.run_stdin(&["apply", "-f", "-"], DEPLOY).ok();
    assert_eq!(first.stdout, "deployment.apps/web created\n");
    let same = k.run_stdin(&["apply", "-f", "-"], DEPLOY).ok();
    assert_eq!(same.stdout, "deployment.apps/web unchanged\n");
    let changed = DEPLOY
        .replace("nginx:1.26", "nginx:1.27")
        .replace("replicas: 2", "replicas: 3");
    let conf = k.run_stdin(&["apply", "-f", "-"], &changed).ok();
    assert_eq!(conf.stdout, "deployment.apps/web configured\n");
    let got = k
        .run(&["get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}"])
        .ok();
    assert_eq!(got.stdout, "3 nginx:1.27 2");
    let label = k.run(&["label", "deploy", "web", "tier=fe"]).ok();
    assert_eq!(label.stdout, "deployment.apps/web labeled\n");
    let scale = k.run(&["scale", "deploy", "web", "--replicas=5"]).ok();
    assert_eq!(scale.stdout, "deployment.apps/web scaled\n");
    let got = k
        .run(&[
            "get",
            "deploy",
            "web",
            "-o",
            "jsonpath={.spec.replicas} {.metadata.labels.tier}",
        ])
        .ok();
    assert_eq!(got.stdout, "5 fe");
}

#[test]
fn server_side_apply_conflicts_between_managers() {
    let Some(mut k) = k("ssa") else { return };
    k.use_namespace("t-ssa");
    let out = k
        .run_stdin(&["apply", "--server-side", "-f", "-"], DEPLOY)
        .ok();
    assert_eq!(out.stdout, "deployment.apps/web serverside-applied\n");
    let other = DEPLOY.replace("replicas: 2", "replicas: 4");
    let conflict = k.run_stdin(
        &["apply", "--server-side", "--field-manager=other", "-f", "-"],
        &other,
    );
    assert_eq!(conflict.code, 1);
    assert!(
        conflict.stderr.starts_with(
            "error: Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas\n"
        ),
        "{}",
        conflict.stderr
    );
    k.run_stdin(
        &[
            "apply",
            "--server-side",
            "--field-manager=other",
            "--force-conflicts",
            "-f",
            "-",
        ],
        &other,
    )
    .ok();
    let got = k
        .run(&["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"])
        .ok();
    assert_eq!(got.stdout, "4");
}

#[test]
fn dry_run_server_persists_nothing() {
    let Some(mut k) = k("dry_run") else { return };
    k.use_namespace("t-dry-run");
    let out = k
        .run_stdin(&["apply", "--dry-run=server", "-f", "-"], DEPLOY)
        .ok();
    assert_eq!(out.stdout, "deployment.apps/web created (server dry run)\n");
    let gone = k.run(&["get", "deploy", "web"]);
    assert_eq!(
        gone.stderr,
        "Error from server (NotFound): deployments.apps \"web\" not found\n"
    );
}

#[test]
fn field_validation_strict_and_warn() {
    let Some(mut k) = k("field_validation") else {
        return;
    };
    k.use_namespace("t-field-validation");
    let bad = CM.replace("\ndata:", "\nfoo: bar\ndata:");
    let strict = k.run_stdin(&["create", "-f", "-"], &bad);
    assert_eq!(strict.code, 1);
    assert_eq!(
        strict.stderr,
        "Error from server (BadRequest): error when creating \"STDIN\": ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"foo\"\n"
    );
    let warn = k
        .run_stdin(&["create", "-f", "-", "--validate=warn"], &bad)
        .ok();
    assert_eq!(warn.stderr, "Warning: unknown field \"foo\"\n");
    assert_eq!(warn.stdout, "configmap/settings created\n");
}

#[test]
fn label_and_field_selectors_filter_lists() {
    let Some(mut k) = k("selectors") else { return };
    k.use_namespace("t-selectors");
    k.run_stdin(&["create", "-f", "-"], CM).ok();
    k.run_stdin(
        &["create", "-f", "-"],
        &CM.replace("settings", "other")
            .replace("app: web", "app: db"),
    )
    .ok();
    let l = k.run(&["get", "cm", "-l", "app=web", "-o", "name"]).ok();
    assert_eq!(l.stdout, "configmap/settings\n");
    let l = k
        .run(&["get", "cm", "-l", "app in (web,db),app!=db", "-o", "name"])
        .ok();
    assert_eq!(l.stdout, "configmap/settings\n");
    let f = k
        .run(&[
            "get",
            "cm",
            "--field-selector",
            "metadata.name=other",
            "-o",
            "name",
        ])
        .ok();
    assert_eq!(f.stdout, "configmap/other\n");
    let bad = k.run(&["get", "cm", "--field-selector", "data.x=1"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.ends_with(
            "\"data.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"\n"
        ),
        "{}",
        bad.stderr
    );
}

#[test]
fn get_prints_server_side_tables() {
    let Some(mut k) = k("tables") else { return };
    k.use_namespace("t-tables");
    k.run_stdin(&["create", "-f", "-"], CM).ok();
    let out = k.run(&["get", "cm"]).ok();
    let lines: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines[0], ["NAME", "DATA", "AGE"]);
    assert_eq!(&lines[2][..2], ["settings", "1"]);
    let nodes = k.run(&["get", "nodes"]).ok();
    let first: Vec<&str> = nodes
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        first[..3],
        ["kk-sim-control-plane", "Ready", "control-plane"]
    );
    assert_eq!(first[4], "v1.33.1");
}

#[test]
fn crd_printer_columns_show_in_tables() {
    let Some(mut k) = k("crd_columns") else {
        return;
    };
    k.use_namespace("t-crd-columns");
    let crd = CRD
        .replace("widgets", "gadgets")
        .replace("Widget", "Gadget")
        .replace("widget", "gadget")
        .replace("[wd]", "[gd]")
        .replace("example.com", "example.org");
    k.run_stdin(&["create", "-f", "-"], &crd).ok();
    let g = "apiVersion: example.org/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {size: 7}\n";
    k.run_stdin(&["create", "-f", "-"], g).ok();
    let out = k.run(&["get", "gd"]).ok();
    let lines: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    // With additionalPrinterColumns the table has exactly those (no implicit AGE).
    assert_eq!(lines[0], ["NAME", "SIZE"]);
    assert_eq!(&lines[1][..2], ["g1", "7"]);
    let smp = k.run(&["patch", "gd", "g1", "-p", "{\"spec\":{\"size\":8}}"]);
    assert_eq!(smp.code, 1);
    assert_eq!(
        smp.stderr,
        "error: application/strategic-merge-patch+json is not supported by example.org/v1, Kind=Gadget: \
         the body of the request was in an unknown format - accepted media types include: \
         application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, \
         application/apply-patch+cbor\n"
    );
    k.run(&[
        "patch",
        "gd",
        "g1",
        "--type=merge",
        "-p",
        "{\"spec\":{\"size\":8}}",
    ])
    .ok();
    let got = k
        .run(&["get", "gd", "g1", "-o", "jsonpath={.spec.size}"])
        .ok();
    assert_eq!(got.stdout, "8");
    k.run(&["delete", "crd", "gadgets.example.org"]).ok();
}

#[test]
fn auth_can_i_and_whoami() {
    let Some(k) = k("auth") else { return };
    assert_eq!(
        k.run(&["auth", "can-i", "create", "pods"]).ok().stdout,
        "yes\n"
    );
    let no = k.run(&[
        "--context",
        "kk-sim-viewer",
        "auth",
        "can-i",
        "create",
        "pods",
    ]);
    assert_eq!((no.code, no.stdout.as_str()), (1, "no\n"));
    let yes = k
        .run(&[
            "--context",
            "kk-sim-viewer",
            "auth",
            "can-i",
            "list",
            "pods",
        ])
        .ok();
    assert_eq!(yes.stdout, "yes\n");
    let who = k
        .run(&["--context", "kk-sim-viewer", "auth", "whoami"])
        .ok();
    assert_eq!(
        who.stdout,
        "ATTRIBUTE   VALUE\nUsername    viewer\nGroups      [system:authenticated]\n"
    );
}

#[test]
fn table_watch_prints_the_header_once() {
    let Some(mut k) = k("table_watch") else {
        return;
    };
    k.use_namespace("t-table-watch");
    let mut w = k.spawn(&["get", "cm", "-w"]);
    std::thread::sleep(Duration::from_millis(500));
    k.run_stdin(&["create", "-f", "-"], CM).ok();
    k.run(&["label", "cm", "settings", "x=y"]).ok();
    let lines = read_lines(&mut w, 4, Duration::from_secs(10));
    let _ = w.kill();
    let _ = w.wait();
    let cols: Vec<Vec<&str>> = lines
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(cols.len(), 4, "{lines:?}");
    assert_eq!(cols[0], ["NAME", "DATA", "AGE"]);
    assert_eq!(cols[1][..2], ["kube-root-ca.crt", "1"]);
    assert_eq!(cols[2][..2], ["settings", "1"]);
    assert_eq!(cols[3][..2], ["settings", "1"]);
}

#[test]
fn custom_resource_scale_and_status_subresources() {
    let Some(mut k) = k("crd_scale") else { return };
    k.use_namespace("t-crd-scale");
    let crd = "apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: pools.example.net
spec:
  group: example.net
  scope: Namespaced
  names: {plural: pools, singular: pool, kind: Pool}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.size, labelSelectorPath: .status.selector}
";
    k.run_stdin(&["create", "-f", "-"], crd).ok();
    let p = "apiVersion: example.net/v1\nkind: Pool\nmetadata: {name: p1}\nspec: {size: 1}\nstatus: {size: 9}\n";
    k.run_stdin(&["create", "-f", "-"], p).ok();
    // Status written with the object is dropped (status subresource).
    let got = k
        .run(&[
            "get",
            "pool",
            "p1",
            "-o",
            "jsonpath={.spec.size}/{.status.size}",
        ])
        .ok();
    assert_eq!(got.stdout, "1/");
    let out = k.run(&["scale", "pool", "p1", "--replicas=4"]).ok();
    assert_eq!(out.stdout, "pool.example.net/p1 scaled\n");
    let got = k
        .run(&[
            "get",
            "pool",
            "p1",
            "-o",
            "jsonpath={.spec.size} {.metadata.generation}",
        ])
        .ok();
    assert_eq!(got.stdout, "4 2");
    k.run(&["delete", "crd", "pools.example.net"]).ok();
}

#[test]
fn patch_in_three_types_and_annotate() {
    let Some(mut k) = k("patch") else { return };
    k.use_namespace("t-patch");
    k.run_stdin(&["apply", "-f", "-"], DEPLOY).ok();
    let strategic = k
        .run(&["patch", "deploy", "web", "-p", r#"{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}"#])
        .ok();
    assert_eq!(strategic.stdout, "deployment.apps/web patched\n");
    let merge = k
        .run(&[
            "patch",
            "deploy",
            "web",
            "--type=merge",
            "-p",
            r#"{"metadata":{"labels":{"tier":"be"}}}"#,
        ])
        .ok();
    assert_eq!(merge.stdout, "deployment.apps/web patched\n");
    let json_patch = k
        .run(&[
            "patch",
            "deploy",
            "web",
            "--type=json",
            "-p",
            r#"[{"op":"replace","path":"/spec/replicas","value":4}]"#,
        ])
        .ok();
    assert_eq!(json_patch.stdout, "deployment.apps/web patched\n");
    // "(no change)" compares the object before and after the patch, so it needs an object no
    // controller touches meanwhile: the Deployment's status keeps moving after the replica
    // change above.
    k.run(&[
        "create",
        "configmap",
        "settings",
        "--from-literal=mode=fast",
    ])
    .ok();
    let label = r#"{"metadata":{"labels":{"tier":"be"}}}"#;
    let first = k
        .run(&[
            "patch",
            "configmap",
            "settings",
            "--type=merge",
            "-p",
            label,
        ])
        .ok();
    assert_eq!(first.stdout, "configmap/settings patched\n");
    let again = k
        .run(&[
            "patch",
            "configmap",
            "settings",
            "--type=merge",
            "-p",
            label,
        ])
        .ok();
    assert_eq!(again.stdout, "configmap/settings patched (no change)\n");
    let ann = k.run(&["annotate", "deploy", "web", "owner=team-a"]).ok();
    assert_eq!(ann.stdout, "deployment.apps/web annotated\n");
    let got = k
        .run(&[
            "get",
            "deploy",
            "web",
            "-o",
            "jsonpath={.spec.template.spec.containers[0].image} {.metadata.labels.tier} {.spec.replicas} {.metadata.annotations.owner}",
        ])
        .ok();
    assert_eq!(got.stdout, "nginx:1.27 be 4 team-a");
    // A JSON patch that cannot apply is the apiserver's 422.
    let bad = k.run(&[
        "patch",
        "deploy",
        "web",
        "--type=json",
        "-p",
        r#"[{"op":"remove","path":"/spec/nope"}]"#,
    ]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.starts_with("The request is invalid"),
        "{}",
        bad.stderr
    );
}
