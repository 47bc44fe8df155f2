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

#[test]
fn local_without_a_kubeconfig() {
    run_all(&TestEnv::offline());
}
