//! `--local` (kubectl's `Builder.Local()`) and client-side generators need no server: every
//! verb that offers `--local` reads its `-f` manifests, changes and prints them with no
//! request — against a kubeconfig whose server refuses connections, and with no kubeconfig
//! at all — printing what kubectl prints, errors and exit codes included.

use crate::common::TestEnv;

const DEPLOY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
";

/// Core, grouped and unknown kinds; one names a namespace, one is cluster-scoped.
const MULTI: &str = "apiVersion: v1
kind: ConfigMap
metadata: {name: c1, namespace: other}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec: {podSelector: {}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
---
apiVersion: v1
kind: Namespace
metadata: {name: nsx}
";

/// A custom resource with a pod template, then a Deployment: kinds kubectl's typed `set`
/// builder cannot decode end nothing but themselves, and still fail the whole command.
const WIDGET: &str = "apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
spec:
  template:
    spec:
      containers:
      - {name: nginx, image: nginx}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d2}
spec:
  selector: {matchLabels: {app: d2}}
  template:
    metadata: {labels: {app: d2}}
    spec:
      containers:
      - {name: nginx, image: nginx}
";

const BINDING: &str = "apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
";

fn cases() -> Vec<(Vec<&'static str>, i32)> {
    let c = |line: &'static str, code: i32| (line.split(' ').collect::<Vec<_>>(), code);
    vec![
        c(
            "set image --local -f deploy.yaml nginx=nginx:1.27 -o yaml",
            0,
        ),
        c("set image --local -f deploy.yaml nginx=nginx:1.27", 0),
        c("set image --local -f deploy.yaml nope=x", 1),
        c("set image --local deploy/web nginx=x", 1),
        c(
            "set image --local -f deploy.yaml nginx=x --dry-run=server",
            1,
        ),
        c("set env --local -f deploy.yaml A=B -o yaml", 0),
        c("set env --local -f deploy.yaml --list", 0),
        c(
            "set resources --local -f deploy.yaml --limits=cpu=1 -o name",
            0,
        ),
        c("set selector --local -f deploy.yaml app=x -o yaml", 1),
        c("set serviceaccount --local -f deploy.yaml sa1", 0),
        c("set subject --local -f deploy.yaml --user=u", 1),
        c("set subject --local -f binding.yaml --user=u -o yaml", 0),
        c("set image --local -f widget.yaml nginx=x -o name", 1),
        c("set env --local -f widget.yaml A=B", 1),
        c("set resources --local -f widget.yaml --limits=cpu=1", 1),
        c("set selector --local -f widget.yaml app=x", 1),
        c("set serviceaccount --local -f widget.yaml sa1", 1),
        c("set subject --local -f multi.yaml --user=u", 1),
        c("set image --local -f widget.yaml -f multi.yaml nginx=x", 1),
        c("label --local -f deploy.yaml a=b", 0),
        c("label --local -f multi.yaml a=b", 0),
        c("label --local -f deploy.yaml app=x", 1),
        c("label --local -f deploy.yaml app=x --overwrite -o yaml", 0),
        c("label --local -f deploy.yaml -l app=nope a=b", 0),
        c("label --local -f deploy.yaml a-", 0),
        c("label --local -f deploy.yaml a=b --record", 0),
        c("label --local deploy/web a=b", 1),
        c("label --local a=b", 1),
        c("label --local deploy/web a=b --dry-run=server", 1),
        c("annotate --local -f multi.yaml a=b -o name", 0),
        c("annotate --local -f deploy.yaml a=b -o yaml", 0),
        c("annotate --local x/y a=b", 1),
        c("annotate --local a=b", 1),
        c(
            "patch --local -f multi.yaml -p {\"metadata\":{\"labels\":{\"x\":\"y\"}}}",
            1,
        ),
        c(
            "create deployment x --image=nginx --dry-run=client -o yaml",
            0,
        ),
        c(
            "create configmap cm --from-literal=a=b --dry-run=client -o yaml",
            0,
        ),
    ]
}

fn run_all(env: &TestEnv) {
    std::fs::write(env.path("deploy.yaml"), DEPLOY).unwrap();
    std::fs::write(env.path("multi.yaml"), MULTI).unwrap();
    std::fs::write(env.path("binding.yaml"), BINDING).unwrap();
    std::fs::write(env.path("widget.yaml"), WIDGET).unwrap();
    for (args, code) in cases() {
        if let Some(out) = env.parity(&args) {
            assert_eq!(out.code, code, "{args:?}: {out}");
        }
    }
}

#[test]
fn local_against_a_dead_server() {
    run_all(&TestEnv::with_kubeconfigs(&["dead.yaml"]));
}

/// Client dry runs of manifests need the server's discovery (and, validating, its OpenAPI):
/// against a server that refuses connections kubectl words each file's or object's
/// failure (`error validating "deploy.yaml": ... failed to download openapi: Get ...`,
/// `unable to recognize "deploy.yaml": Get ...`); generators need nothing.
#[test]
fn client_dry_runs_against_a_dead_server() {
    let env = TestEnv::with_kubeconfigs(&["dead.yaml"]);
    std::fs::write(env.path("deploy.yaml"), DEPLOY).unwrap();
    std::fs::write(env.path("multi.yaml"), MULTI).unwrap();
    let c = |line: &'static str, code: i32| (line.split(' ').collect::<Vec<_>>(), code);
    for (args, code) in [
        c("create -f deploy.yaml --dry-run=client", 1),
        c(
            "create -f deploy.yaml -f multi.yaml --dry-run=client -o name",
            1,
        ),
        c(
            "create -f deploy.yaml --dry-run=client --validate=false -o yaml",
            1,
        ),
        c("apply -f deploy.yaml --dry-run=client", 1),
        c(
            "apply -f deploy.yaml -f multi.yaml --dry-run=client --validate=false",
            1,
        ),
        c("expose -f deploy.yaml --port=80 --dry-run=client", 1),
        c("expose -f multi.yaml --port=80 --dry-run=client -o yaml", 1),
        c("autoscale -f deploy.yaml --max=3 --dry-run=client", 1),
        c("delete -f deploy.yaml --dry-run=client", 1),
        c("expose deployment web --port=80 --dry-run=client", 1),
        c(
            "create deployment web --image=nginx --dry-run=client -o name",
            0,
        ),
        c("create service clusterip s --tcp=80 --dry-run=client", 0),
        c("run x --image=nginx --dry-run=client", 1),
        c(
            "run x --image=nginx --port=80 --expose --dry-run=client -o name",
            1,
        ),
    ] {
        if let Some(out) = env.parity(&args) {
            assert_eq!(out.code, code, "{args:?}: {out}");
        }
    }
}

#[test]
fn local_without_a_kubeconfig() {
    run_all(&TestEnv::offline());
}
