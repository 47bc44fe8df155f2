//! `kk api-resources`, `api-versions` and `cluster-info` against kubectl on kk-sim.

use crate::common::{TestEnv, kubectl_bin};

#[test]
fn api_resources() {
    let _serial = crate::get::DISCOVERY_LOCK
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("api-resources");
    for args in [
        &["api-resources"][..],
        &["api-resources", "-o", "wide"],
        &["api-resources", "-o", "name"],
        &["api-resources", "--no-headers", "--sort-by=kind"],
        &["api-resources", "--sort-by=name", "--cached"],
        &["api-resources", "--api-group=apps", "-o", "wide"],
        &["api-resources", "--api-group="],
        &["api-resources", "--namespaced=false"],
        &["api-resources", "--namespaced", "false"],
        &[
            "api-resources",
            "--cached",
            "--no-headers",
            "--namespaced",
            "-o",
            "name",
        ],
        &["api-resources", "--namespaced", "--verbs=create,watch"],
        &["api-resources", "--categories=all", "-o", "wide"],
        &["api-resources", "--api-group=nothing"],
        &["api-resources", "-o", "json"],
        &["api-resources", "--sort-by=group"],
        &["api-versions"],
    ] {
        env.parity(args);
    }
}

#[test]
fn cluster_info() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("cluster-info");
    let ns = env.namespace.clone().unwrap();
    std::fs::write(
        env.path("svc.yaml"),
        r#"apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  labels: {kubernetes.io/cluster-service: "true", kubernetes.io/name: CoreDNS}
spec:
  ports: [{name: dns, port: 53, protocol: UDP}]
---
apiVersion: v1
kind: Service
metadata:
  name: metrics
  labels: {kubernetes.io/cluster-service: "true"}
spec:
  ports: [{port: 443}]
---
apiVersion: v1
kind: Service
metadata:
  name: plain
  labels: {kubernetes.io/cluster-service: "true"}
spec:
  ports: [{port: 80}]
"#,
    )
    .unwrap();
    env.run_kubectl(&["create", "-n", &ns, "-f", "svc.yaml"])
        .unwrap()
        .success();
    env.parity(&["cluster-info"]);
    env.parity(&["cluster-info", "-n", &ns]);
}
