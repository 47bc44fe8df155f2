//! kk-sim as a newcomer following a tutorial sees it, through the real kubectl 1.33: the
//! bootstrapped kube-system (and `--bare`), cluster DNS and Service routing from inside pods,
//! Service environment variables, the tutorial's `leigg/hellok8s` images, probes producing
//! `Unhealthy`/`Killing` events and READY columns, and the v1 Endpoints deprecation warning.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{Kubectl, Sim, kubectl, sim, start};
use serde_json::Value;

fn k(test: &str, ns: &str) -> Option<Kubectl> {
    let mut k = kubectl(sim(), test)?;
    k.use_namespace(ns);
    Some(k)
}

/// A second cluster running ten times faster, for probe schedules.
fn fast() -> &'static Sim {
    static FAST: OnceLock<Sim> = OnceLock::new();
    FAST.get_or_init(|| start(&["--speed", "10"]))
}

fn wait_for<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {secs}s waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn items(k: &Kubectl, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["get"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["-o", "json"]);
    json(&k.run(&a).ok().stdout)["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn s<'a>(v: &'a Value, p: &str) -> &'a str {
    v.pointer(p).and_then(Value::as_str).unwrap_or("")
}

fn ready(p: &Value) -> bool {
    p.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        })
}

/// Waits until `n` pods match `selector` and all are Running and ready.
fn all_ready(k: &Kubectl, selector: &str, n: usize) -> Vec<Value> {
    wait_for(60, &format!("{n} ready pods {selector}"), || {
        let pods = items(k, &["pods", "-l", selector]);
        (pods.len() == n
            && pods
                .iter()
                .all(|p| s(p, "/status/phase") == "Running" && ready(p)))
        .then_some(pods)
    })
}

const HELLO: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: hellok8s
spec:
  replicas: 3
  selector:
    matchLabels: {app: hellok8s}
  template:
    metadata:
      labels: {app: hellok8s}
    spec:
      containers:
      - name: hellok8s
        image: leigg/hellok8s:v3
---
apiVersion: v1
kind: Service
metadata:
  name: service-hellok8s-clusterip
spec:
  type: ClusterIP
  selector: {app: hellok8s}
  ports:
  - port: 3000
    targetPort: 3000
---
apiVersion: v1
kind: Service
metadata:
  name: service-hellok8s-nodeport
spec:
  type: NodePort
  selector: {app: hellok8s}
  ports:
  - port: 3000
    nodePort: 30000
---
apiVersion: v1
kind: Service
metadata:
  name: hellok8s-headless
spec:
  clusterIP: None
  selector: {app: hellok8s}
  ports:
  - port: 3000
---
apiVersion: v1
kind: Service
metadata:
  name: external
spec:
  type: ExternalName
  externalName: service-hellok8s-clusterip.t-tutorial.svc.cluster.local
";

const CLIENT: &str = "apiVersion: v1
kind: Pod
metadata:
  name: curl
spec:
  containers:
  - name: curl
    image: busybox
    command: [sleep, '3600']
";

#[test]
fn tutorial_services_dns_and_routing() {
    let Some(k) = k("tutorial", "t-tutorial") else {
        return;
    };
    k.run_stdin(&["apply", "-f", "-"], HELLO).ok();
    let backends = all_ready(&k, "app=hellok8s", 3);
    // The client pod comes after the Services: it gets their environment variables.
    k.run_stdin(&["apply", "-f", "-"], CLIENT).ok();
    all_ready(&k, "!app", 1);
    let exec = |cmd: &str| k.run(&["exec", "curl", "--", "sh", "-c", cmd]);

    // ClusterIP by name, round-robin over the ready backends.
    let mut hosts = std::collections::BTreeSet::new();
    for _ in 0..6 {
        let out = exec("curl -s http://service-hellok8s-clusterip:3000").ok();
        let host = out
            .stdout
            .strip_prefix("[v3] Hello, Kubernetes!, From host: ")
            .unwrap_or_else(|| panic!("{out:#?}"))
            .trim_end()
            .to_string();
        assert!(
            backends.iter().any(|p| s(p, "/metadata/name") == host),
            "{host} is not a backend"
        );
        hosts.insert(host);
    }
    assert!(hosts.len() > 1, "every call reached {hosts:?}");
    let out =
        exec("wget -qO- service-hellok8s-clusterip.t-tutorial.svc.cluster.local:3000/now_time")
            .ok();
    assert!(out.stdout.starts_with("[v3] Now time: "), "{out:#?}");

    // DNS.
    let svc = json(
        &k.run(&["get", "svc", "service-hellok8s-clusterip", "-o", "json"])
            .ok()
            .stdout,
    );
    let ip = s(&svc, "/spec/clusterIP").to_string();
    let out = exec("nslookup service-hellok8s-clusterip").ok();
    assert_eq!(
        out.stdout,
        format!(
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tservice-hellok8s-clusterip.t-tutorial.svc.cluster.local\nAddress: {ip}\n\n"
        )
    );
    let out = exec("getent hosts kube-dns.kube-system").ok();
    assert!(out.stdout.starts_with("10.96.0.10 "), "{out:#?}");
    let out = exec("nslookup nope-nope");
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("** server can't find nope-nope: NXDOMAIN"),
        "{out:#?}"
    );
    let out = exec("curl -sS http://nope-nope:3000");
    assert_eq!(out.code, 6);
    assert!(
        out.stderr.contains("Could not resolve host: nope-nope"),
        "{out:#?}"
    );

    // Headless: the pods' IPs; ExternalName: a CNAME.
    let out = exec("nslookup hellok8s-headless").ok();
    let answered = out.stdout.matches("Address: 10.244.").count();
    assert_eq!(answered, 3, "{out:#?}");
    let out = exec("nslookup external").ok();
    assert!(
        out.stdout.contains("external.t-tutorial.svc.cluster.local\tcanonical name = service-hellok8s-clusterip.t-tutorial.svc.cluster.local"),
        "{out:#?}"
    );
    assert!(out.stdout.contains(&format!("Address: {ip}")), "{out:#?}");

    // Environment of a pod created after the Service.
    let out = exec("printenv | grep SERVICE_HOST | sort").ok();
    assert!(
        out.stdout
            .contains(&format!("SERVICE_HELLOK8S_CLUSTERIP_SERVICE_HOST={ip}\n")),
        "{out:#?}"
    );
    assert!(
        out.stdout.contains("KUBERNETES_SERVICE_HOST=10.96.0.1\n"),
        "{out:#?}"
    );

    // NodePort on a node's address.
    let node = json(
        &k.run(&["get", "node", "kk-sim-worker", "-o", "json"])
            .ok()
            .stdout,
    );
    let node_ip = node["status"]["addresses"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let out = exec(&format!("curl -s http://{node_ip}:30000")).ok();
    assert!(
        out.stdout.starts_with("[v3] Hello, Kubernetes!"),
        "{out:#?}"
    );
    let out = exec("nc -zv service-hellok8s-clusterip 3000").ok();
    assert!(out.stderr.contains(") open"), "{out:#?}");

    // port-forward to the app's port, which the manifest never declared.
    let pod = s(&backends[0], "/metadata/name").to_string();
    let mut child = k.spawn(&["port-forward", &format!("pod/{pod}"), ":3000"]);
    // Keep kubectl's stdout open: it writes "Handling connection for ..." per connection.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let port: u16 = line
        .strip_prefix("Forwarding from 127.0.0.1:")
        .and_then(|r| r.split(' ').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected port-forward output {line:?}"));
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    conn.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut resp = String::new();
    let _ = conn.read_to_string(&mut resp);
    let _ = child.kill();
    let _ = child.wait();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(
        resp.ends_with(&format!("[v3] Hello, Kubernetes!, From host: {pod}\n")),
        "{resp}"
    );
}

#[test]
fn system_components_are_running() {
    let Some(k) = kubectl(sim(), "system") else {
        return;
    };
    let pods = wait_for(60, "kube-system pods running", || {
        let pods = items(&k, &["pods", "-n", "kube-system"]);
        (pods.len() >= 8 && pods.iter().all(|p| s(p, "/status/phase") == "Running")).then_some(pods)
    });
    let names: Vec<&str> = pods.iter().map(|p| s(p, "/metadata/name")).collect();
    for want in [
        "etcd-kk-sim-control-plane",
        "kube-apiserver-kk-sim-control-plane",
        "kube-controller-manager-kk-sim-control-plane",
        "kube-scheduler-kk-sim-control-plane",
    ] {
        assert!(names.contains(&want), "{names:?}");
    }
    assert_eq!(
        names.iter().filter(|n| n.starts_with("coredns-")).count(),
        2
    );
    // One kube-proxy per node (the default cluster has the control plane and one worker).
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("kube-proxy-"))
            .count(),
        2
    );
    let apiserver = pods
        .iter()
        .find(|p| s(p, "/metadata/name").starts_with("kube-apiserver-"))
        .unwrap();
    assert_eq!(s(apiserver, "/metadata/ownerReferences/0/kind"), "Node");
    assert_eq!(s(apiserver, "/status/podIP"), "172.18.0.2");
    let out = k.run(&["get", "pods", "-A"]).ok();
    let system: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("kube-system "))
        .collect();
    assert_eq!(system.len(), 8, "{out:#?}");
    assert!(system.iter().all(|l| l.contains(" Running ")), "{out:#?}");
    let out = k.run(&["get", "svc", "-n", "kube-system"]).ok();
    assert!(
        out.stdout
            .contains("kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP"),
        "{out:#?}"
    );
    let out = k.run(&["get", "ds", "-A"]).ok();
    assert!(
        out.stdout.contains("kube-system   kube-proxy   2 "),
        "{out:#?}"
    );
    let out = k.run(&["logs", "-n", "kube-system", "deploy/coredns"]).ok();
    assert!(out.stdout.contains("CoreDNS-1.12.0"), "{out:#?}");
}

#[test]
fn bare_cluster_has_no_system_components() {
    let bare = start(&["--bare"]);
    let Some(k) = kubectl(&bare, "bare") else {
        return;
    };
    let out = k.run(&["get", "pods", "-A"]).ok();
    assert_eq!(out.stderr, "No resources found\n", "{out:#?}");
    let out = k.run(&["get", "ds", "-A"]).ok();
    assert_eq!(out.stderr, "No resources found\n", "{out:#?}");
    let out = k.run(&["get", "svc", "-A", "-o", "name"]).ok();
    assert_eq!(out.stdout, "service/kubernetes\n");
}

#[test]
fn endpoints_are_deprecated() {
    let Some(k) = k("deprecation", "t-deprecation") else {
        return;
    };
    let out = k.run(&["get", "endpoints"]).ok();
    assert_eq!(
        out.stderr,
        "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\nNo resources found in t-deprecation namespace.\n"
    );
}

fn events(k: &Kubectl, pod: &str) -> Vec<(String, String, String)> {
    items(
        k,
        &[
            "events",
            "--field-selector",
            &format!("involvedObject.name={pod}"),
        ],
    )
    .iter()
    .map(|e| {
        (
            s(e, "/type").to_string(),
            s(e, "/reason").to_string(),
            s(e, "/message").to_string(),
        )
    })
    .collect()
}

#[test]
fn liveness_failure_kills_and_restarts() {
    let Some(mut k) = kubectl(fast(), "liveness") else {
        return;
    };
    k.use_namespace("t-liveness");
    k.run_stdin(
        &["apply", "-f", "-"],
        "apiVersion: v1
kind: Pod
metadata:
  name: liveness
spec:
  containers:
  - name: liveness
    image: leigg/hellok8s:liveness
    livenessProbe:
      httpGet: {path: /healthz, port: 3000}
      initialDelaySeconds: 3
      periodSeconds: 3
      failureThreshold: 3
",
    )
    .ok();
    let evs = wait_for(60, "the liveness restart", || {
        let pod = json(&k.run(&["get", "pod", "liveness", "-o", "json"]).ok().stdout);
        let restarts = pod
            .pointer("/status/containerStatuses/0/restartCount")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        (restarts >= 1).then(|| events(&k, "liveness"))
    });
    assert!(
        evs.iter().any(|(t, r, m)| t == "Warning"
            && r == "Unhealthy"
            && m == "Liveness probe failed: HTTP probe failed with statuscode: 500"),
        "{evs:#?}"
    );
    assert!(
        evs.iter().any(|(t, r, m)| t == "Normal"
            && r == "Killing"
            && m == "Container liveness failed liveness probe, will be restarted"),
        "{evs:#?}"
    );
}

#[test]
fn readiness_failure_keeps_the_pod_out_of_the_endpoints() {
    let Some(mut k) = kubectl(fast(), "readiness") else {
        return;
    };
    k.use_namespace("t-readiness");
    k.run_stdin(
        &["apply", "-f", "-"],
        "apiVersion: v1
kind: Pod
metadata:
  name: readiness
  labels: {app: readiness}
spec:
  containers:
  - name: readiness
    image: leigg/hellok8s:readiness
    ports: [{containerPort: 3000}]
    readinessProbe:
      httpGet: {path: /healthz, port: 3000}
      initialDelaySeconds: 1
      periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata:
  name: readiness
spec:
  selector: {app: readiness}
  ports: [{port: 3000}]
",
    )
    .ok();
    let evs = wait_for(60, "a failed readiness probe", || {
        let evs = events(&k, "readiness");
        evs.iter()
            .any(|(_, r, m)| {
                r == "Unhealthy"
                    && m == "Readiness probe failed: HTTP probe failed with statuscode: 500"
            })
            .then_some(evs)
    });
    assert!(!evs.iter().any(|(_, r, _)| r == "Killing"), "{evs:#?}");
    let out = k.run(&["get", "pod", "readiness"]).ok();
    let row = out.stdout.lines().nth(1).unwrap_or("");
    assert!(
        row.starts_with("readiness   0/1     Running   0 "),
        "{out:#?}"
    );
    let ep = json(
        &k.run(&["get", "endpoints", "readiness", "-o", "json"])
            .ok()
            .stdout,
    );
    assert!(ep.pointer("/subsets/0/addresses").is_none(), "{ep}");
    assert!(
        ep.pointer("/subsets/0/notReadyAddresses/0/ip").is_some(),
        "{ep}"
    );
}

#[test]
fn explain_lists_enum_values_and_openapi_has_patch_facts() {
    let Some(k) = kubectl(sim(), "explain") else {
        return;
    };
    let out = k.run(&["explain", "service.spec.sessionAffinity"]).ok();
    assert!(
        out.stdout.contains("Possible enum values:\n     - `\"ClientIP\"` is the Client IP based.\n     - `\"None\"` - no session affinity."),
        "{out:#?}"
    );
    assert!(
        out.stdout.contains("ENUM:\n    ClientIP\n    None\n"),
        "{out:#?}"
    );
    // The table covers every enum field of the served kinds, e.g. a pod's phase.
    let out = k.run(&["explain", "pod.status.phase"]).ok();
    assert!(
        out.stdout
            .contains("ENUM:\n    Failed\n    Pending\n    Running\n    Succeeded\n    Unknown\n"),
        "{out:#?}"
    );
    assert!(
        out.stdout
            .contains(" - `\"Pending\"` means the pod has been accepted by the system,"),
        "{out:#?}"
    );
    let doc = json(&k.run(&["get", "--raw", "/openapi/v3/api/v1"]).ok().stdout);
    let containers =
        &doc["components"]["schemas"]["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"];
    assert_eq!(
        containers["x-kubernetes-patch-merge-key"], "name",
        "{containers}"
    );
    assert_eq!(containers["x-kubernetes-patch-strategy"], "merge");
    assert_eq!(containers["x-kubernetes-list-type"], "map");
    assert_eq!(
        containers["x-kubernetes-list-map-keys"],
        serde_json::json!(["name"])
    );
    // The v2 document has the same facts, in Swagger 2.0 form.
    let v2 = json(&k.run(&["get", "--raw", "/openapi/v2"]).ok().stdout);
    let spec = &v2["definitions"]["io.k8s.api.core.v1.PodSpec"]["properties"];
    assert_eq!(spec["containers"]["x-kubernetes-patch-merge-key"], "name");
    assert_eq!(
        spec["containers"]["items"]["$ref"],
        "#/definitions/io.k8s.api.core.v1.Container"
    );
    assert_eq!(
        spec["dnsPolicy"]["enum"],
        serde_json::json!(["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"])
    );
}

#[test]
fn whoami_can_i_and_impersonation() {
    let Some(k) = k("auth", "t-auth") else {
        return;
    };
    let out = k.run(&["auth", "whoami"]).ok();
    assert_eq!(
        out.stdout,
        "ATTRIBUTE   VALUE\nUsername    kk-sim-admin\nGroups      [system:masters system:authenticated]\n"
    );
    let out = k.run(&["auth", "whoami", "--as=user1"]).ok();
    assert_eq!(
        out.stdout,
        "ATTRIBUTE   VALUE\nUsername    user1\nGroups      [system:authenticated]\n"
    );
    let out = k
        .run(&[
            "auth",
            "whoami",
            "--as=user1",
            "--as-group=devs",
            "--as-uid=u-1",
        ])
        .ok();
    assert_eq!(
        out.stdout,
        "ATTRIBUTE   VALUE\nUsername    user1\nUID         u-1\nGroups      [devs system:authenticated]\n"
    );
    // The impersonated user has no rights beyond asking about itself.
    let out = k.run(&["get", "pods", "--as=user1"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "Error from server (Forbidden): pods is forbidden: User \"user1\" cannot list resource \"pods\" in API group \"\" in the namespace \"t-auth\"\n"
    );
    assert_eq!(
        k.run(&["get", "pods", "--as=x", "--as-group=system:masters"])
            .code,
        0
    );
    let yes = k.run(&["auth", "can-i", "create", "deployments"]);
    assert_eq!((yes.code, yes.stdout.as_str()), (0, "yes\n"));
    let no = k.run(&["auth", "can-i", "create", "deployments", "--as=user1"]);
    assert_eq!((no.code, no.stdout.as_str()), (1, "no\n"));
    let list = k.run(&["auth", "can-i", "--list"]).ok();
    let first = list.stdout.lines().nth(1).unwrap_or("");
    assert!(first.starts_with("*.* "), "{list:#?}");
    // The read-only viewer: yes to reads, no to writes, and no impersonation.
    let mut viewer = kubectl(sim(), "auth-viewer").unwrap();
    viewer.namespace = "t-auth".into();
    let yes = viewer.run(&[
        "--context",
        "kk-sim-viewer",
        "auth",
        "can-i",
        "list",
        "pods",
    ]);
    assert_eq!((yes.code, yes.stdout.as_str()), (0, "yes\n"));
    let no = viewer.run(&[
        "--context",
        "kk-sim-viewer",
        "auth",
        "can-i",
        "delete",
        "pods",
    ]);
    assert_eq!((no.code, no.stdout.as_str()), (1, "no\n"));
    let out = viewer.run(&["--context", "kk-sim-viewer", "get", "pods", "--as=user1"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "Error from server (Forbidden): users \"user1\" is forbidden: User \"viewer\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope\n"
    );
}

const CSR: &str = "apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: NAME
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0dZVzVuWld4aE1JSUJJakFOQmdrcWhraUc5dzBCQVFFRgpBQU9DQVE4QU1JSUJDZ0tDQVFFQTByczhJTHRHdTYxakx2dHhWTTJSVlRWMDNHWlJTWWw0dWluVWo4RElaWjBOCnR2MUZtRVFSd3VoaUZsOFEzcWl0Qm0wMUFSMkNJVXBGd2ZzSjZ4MXF3ckJzVkhZbGlBNVhwRVpZM3ExcGswSDQKM3Z3aGJlK1o2MVNrVHF5SVBYUUwrTWM5T1Nsbm0xb0R2N0NtSkZNMUlMRVI3QTVGZnZKOEdFRjJ6dHBoaUlFMwpub1dtdHNZb3JuT2wzc2lHQ2ZGZzR4Zmd4eW8ybmlneFNVekl1bXNnVm9PM2ttT0x1RVF6cXpkakJ3TFJXbWlECklmMXBMWnoyalVnald4UkhCM1gyWnVVV1d1T09PZnpXM01LaE8ybHEvZi9DdS8wYk83c0x0MCt3U2ZMSU91TFcKcW90blZtRmxMMytqTy82WDNDKzBERHk5aUtwbXJjVDBnWGZLemE1dHJRSURBUUFCb0FBd0RRWUpLb1pJaHZjTgpBUUVMQlFBRGdnRUJBR05WdmVIOGR4ZzNvK21VeVRkbmFjVmQ1N24zSkExdnZEU1JWREkyQTZ1eXN3ZFp1L1BVCkkwZXpZWFV0RVNnSk1IRmQycVVNMjNuNVJsSXJ3R0xuUXFISUh5VStWWHhsdnZsRnpNOVpEWllSTmU3QlJvYXgKQVlEdUI5STZXT3FYbkFvczFqRmxNUG5NbFpqdU5kSGxpT1BjTU1oNndLaTZzZFhpVStHYTJ2RUVLY01jSVUyRgpvU2djUWdMYTk0aEpacGk3ZnNMdm1OQUxoT045UHdNMGM1dVJVejV4T0dGMUtCbWRSeEgvbUNOS2JKYjFRQm1HCkkwYitEUEdaTktXTU0xMzhIQXdoV0tkNjVoVHdYOWl4V3ZHMkh4TG1WQzg0L1BHT0tWQW9FNkpsYWFHdTlQVmkKdjlOSjVaZlZrcXdCd0hKbzZXdk9xVlA3SVFjZmg3d0drWm89Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages: [client auth]
";

#[test]
fn certificate_approve_and_deny() {
    let Some(k) = kubectl(sim(), "csr") else {
        return;
    };
    for name in ["csr-approve", "csr-deny"] {
        k.run_stdin(&["apply", "-f", "-"], &CSR.replace("NAME", name))
            .ok();
    }
    let out = k.run(&["certificate", "approve", "csr-approve"]).ok();
    assert_eq!(
        out.stdout,
        "certificatesigningrequest.certificates.k8s.io/csr-approve approved\n"
    );
    let out = k.run(&["certificate", "deny", "csr-deny"]).ok();
    assert_eq!(
        out.stdout,
        "certificatesigningrequest.certificates.k8s.io/csr-deny denied\n"
    );
    let csr = json(
        &k.run(&["get", "csr", "csr-approve", "-o", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(csr["status"]["conditions"][0]["type"], "Approved");
    assert_eq!(csr["status"]["conditions"][0]["reason"], "KubectlApprove");
    let out = k.run(&["get", "csr", "csr-deny"]).ok();
    assert!(
        out.stdout
            .lines()
            .nth(1)
            .unwrap_or("")
            .ends_with("   Denied"),
        "{out:#?}"
    );
}

#[test]
fn a_claim_in_use_stays_terminating() {
    let Some(k) = k("pvc", "t-pvc") else {
        return;
    };
    k.run_stdin(
        &["apply", "-f", "-"],
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  containers:
  - name: c
    image: busybox
    command: [sleep, '3600']
    volumeMounts: [{name: d, mountPath: /data}]
  volumes:
  - name: d
    persistentVolumeClaim: {claimName: data}
",
    )
    .ok();
    let pvc = json(&k.run(&["get", "pvc", "data", "-o", "json"]).ok().stdout);
    assert_eq!(
        pvc["metadata"]["finalizers"],
        serde_json::json!(["kubernetes.io/pvc-protection"])
    );
    k.run(&["delete", "pvc", "data", "--wait=false"]).ok();
    let out = k.run(&["get", "pvc", "data"]).ok();
    assert!(
        out.stdout
            .lines()
            .nth(1)
            .unwrap_or("")
            .contains(" Terminating "),
        "{out:#?}"
    );
    k.run(&["delete", "pod", "user", "--wait=true"]).ok();
    wait_for(30, "the claim to go", || {
        (k.run(&["get", "pvc", "data"]).code == 1).then_some(())
    });
}

const SSA_V1: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: ssa
spec:
  replicas: 1
  selector:
    matchLabels: {app: ssa}
  template:
    metadata:
      labels: {app: ssa}
    spec:
      containers:
      - name: c
        image: nginx
";

fn managers(k: &Kubectl, what: &[&str]) -> Vec<String> {
    let mut args = vec!["get"];
    args.extend_from_slice(what);
    args.extend_from_slice(&[
        "-o",
        "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource} {end}",
    ]);
    k.run(&args)
        .ok()
        .stdout
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn server_side_apply_takes_over_client_side_apply_and_applies_status() {
    let Some(k) = k("ssa", "t-ssa") else {
        return;
    };
    // The same file: no conflict, and the client-side manager is gone.
    k.run_stdin(&["apply", "-f", "-"], SSA_V1).ok();
    let out = k
        .run_stdin(&["apply", "--server-side", "-f", "-"], SSA_V1)
        .ok();
    assert_eq!(out.stdout, "deployment.apps/ssa serverside-applied\n");
    let m = managers(&k, &["deploy", "ssa"]);
    assert!(m.contains(&"kubectl/Apply/".to_string()), "{m:?}");
    assert!(
        !m.iter()
            .any(|x| x.starts_with("kubectl-client-side-apply/")),
        "{m:?}"
    );
    // A changed file after a client-side apply: the unchanged last-applied fields move over.
    let v2 = SSA_V1
        .replace("name: ssa\n", "name: ssa2\n")
        .replace("app: ssa}", "app: ssa2}");
    k.run_stdin(&["apply", "-f", "-"], &v2).ok();
    let v3 = v2
        .replace("replicas: 1", "replicas: 2")
        .replace("image: nginx", "image: nginx:1.27");
    let out = k
        .run_stdin(&["apply", "--server-side", "-f", "-"], &v3)
        .ok();
    assert_eq!(out.stdout, "deployment.apps/ssa2 serverside-applied\n");
    let d = json(&k.run(&["get", "deploy", "ssa2", "-o", "json"]).ok().stdout);
    assert_eq!(d["spec"]["replicas"], 2);
    // Server-side apply of a status condition.
    k.run(&["create", "service", "clusterip", "s1", "--tcp=80:80"])
        .ok();
    let status = "apiVersion: v1
kind: Service
metadata:
  name: s1
status:
  conditions:
  - type: Ready
    status: \"True\"
    reason: Tested
    message: applied to status
    lastTransitionTime: \"2025-01-01T00:00:00Z\"
";
    let out = k
        .run_stdin(
            &[
                "apply",
                "--server-side",
                "--subresource=status",
                "--field-manager=tester",
                "-f",
                "-",
            ],
            status,
        )
        .ok();
    assert_eq!(out.stdout, "service/s1 serverside-applied\n");
    let svc = json(&k.run(&["get", "svc", "s1", "-o", "json"]).ok().stdout);
    assert_eq!(svc["status"]["conditions"][0]["reason"], "Tested");
    let m = managers(&k, &["svc", "s1"]);
    assert!(m.contains(&"tester/Apply/status".to_string()), "{m:?}");
}

#[test]
fn volumes_and_env_from_configmaps_and_secrets() {
    let Some(k) = k("volumes", "t-volumes") else {
        return;
    };
    k.run_stdin(
        &["apply", "-f", "-"],
        "apiVersion: v1
kind: ConfigMap
metadata:
  name: hellok8s-configmap
data:
  DB_URL: http://DB_ADDRESS_DEV
  app-config.json: '{\"a\": 1}'
---
apiVersion: v1
kind: Secret
metadata:
  name: hellok8s-secret
stringData:
  DB_PASSWD: pass123
  some.txt: hello
---
apiVersion: v1
kind: Pod
metadata:
  name: hellok8s
  labels: {app: hellok8s}
spec:
  containers:
  - name: hellok8s
    image: leigg/hellok8s:v4_configmap
    env:
    - name: DB_URL
      valueFrom:
        configMapKeyRef: {name: hellok8s-configmap, key: DB_URL}
    envFrom:
    - secretRef: {name: hellok8s-secret}
      prefix: S_
    volumeMounts:
    - {name: config, mountPath: /etc/configmap_vol}
    - {name: secret, mountPath: /etc/secret_vol}
    - {name: one, mountPath: /etc/one.txt, subPath: some.txt}
    - {name: info, mountPath: /etc/podinfo}
  volumes:
  - name: config
    configMap: {name: hellok8s-configmap}
  - name: secret
    secret: {secretName: hellok8s-secret, items: [{key: DB_PASSWD, path: passwd}]}
  - name: one
    secret: {secretName: hellok8s-secret}
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: name, fieldRef: {fieldPath: metadata.name}}
",
    )
    .ok();
    all_ready(&k, "app=hellok8s", 1);
    let exec = |cmd: &str| {
        k.run(&["exec", "hellok8s", "--", "sh", "-c", cmd])
            .ok()
            .stdout
    };
    assert_eq!(exec("cat /etc/configmap_vol/app-config.json"), "{\"a\": 1}");
    assert_eq!(exec("ls /etc/configmap_vol"), "DB_URL\napp-config.json\n");
    assert_eq!(exec("cat /etc/secret_vol/passwd"), "pass123");
    assert_eq!(exec("cat /etc/one.txt"), "hello");
    assert_eq!(
        exec("cat /etc/podinfo/labels; echo; cat /etc/podinfo/name"),
        "app=\"hellok8s\"\nhellok8s"
    );
    assert_eq!(
        exec("cat /var/run/secrets/kubernetes.io/serviceaccount/namespace"),
        "t-volumes"
    );
    assert_eq!(
        exec("echo $DB_URL $S_DB_PASSWD"),
        "http://DB_ADDRESS_DEV pass123\n"
    );
    // The tutorial app reads the same env and file.
    let page = exec("wget -qO- localhost:3000");
    assert_eq!(
        page,
        "[v4] Hello, Kubernetes! From host: hellok8s\nGet Database Connect URL: http://DB_ADDRESS_DEV\napp-config.json:{\"a\": 1}"
    );
    // An updated ConfigMap shows up in the volume (the env stays as it was).
    k.run(&[
        "patch",
        "configmap",
        "hellok8s-configmap",
        "-p",
        "{\"data\":{\"app-config.json\":\"{\\\"a\\\": 2}\"}}",
    ])
    .ok();
    wait_for(30, "the updated file", || {
        (exec("cat /etc/configmap_vol/app-config.json") == "{\"a\": 2}").then_some(())
    });
}

#[test]
fn a_missing_configmap_holds_pods_until_it_exists() {
    let Some(k) = k("late-config", "t-late-config") else {
        return;
    };
    k.run_stdin(
        &["apply", "-f", "-"],
        "apiVersion: v1
kind: Pod
metadata: {name: vol-wait, labels: {app: late}}
spec:
  containers:
  - name: c
    image: nginx
    volumeMounts: [{name: cfg, mountPath: /etc/config}]
  volumes: [{name: cfg, configMap: {name: late}}]
---
apiVersion: v1
kind: Pod
metadata: {name: env-wait, labels: {app: late}}
spec:
  containers:
  - name: c
    image: nginx
    env: [{name: KEY, valueFrom: {configMapKeyRef: {name: late, key: key}}}]
",
    )
    .ok();
    let status = |pod: &str| {
        let out = k.run(&["get", "pod", pod, "--no-headers"]).ok().stdout;
        out.split_whitespace().nth(2).unwrap_or("").to_string()
    };
    wait_for(30, "both pods waiting", || {
        (status("vol-wait") == "ContainerCreating"
            && status("env-wait") == "CreateContainerConfigError")
            .then_some(())
    });
    let warned = |pod: &str, msg: &str| {
        events(&k, pod)
            .iter()
            .any(|(t, r, m)| t == "Warning" && m == msg && (r == "Failed" || r == "FailedMount"))
    };
    assert!(warned(
        "vol-wait",
        "MountVolume.SetUp failed for volume \"cfg\" : configmap \"late\" not found"
    ));
    assert!(warned("env-wait", "Error: configmap \"late\" not found"));
    // The ConfigMap without the key: the volume mounts, the env still cannot be built.
    k.run(&["create", "configmap", "late", "--from-literal=other=1"])
        .ok();
    wait_for(30, "the key error", || {
        warned(
            "env-wait",
            "Error: couldn't find key key in ConfigMap t-late-config/late",
        )
        .then_some(())
    });
    k.run(&[
        "patch",
        "configmap",
        "late",
        "-p",
        "{\"data\":{\"key\":\"v\"}}",
    ])
    .ok();
    all_ready(&k, "app=late", 2);
    let exec = |pod: &str, cmd: &str| k.run(&["exec", pod, "--", "sh", "-c", cmd]).ok().stdout;
    assert_eq!(exec("env-wait", "printenv KEY"), "v\n");
    assert_eq!(exec("vol-wait", "ls /etc/config"), "key\nother\n");
}

#[test]
fn bodies_of_the_wrong_kind_or_no_json_get_the_decoders_words() {
    let Some(k) = kubectl(sim(), "decode") else {
        return;
    };
    let pod_yaml = sim().path("decode-pod.yaml");
    std::fs::write(
        &pod_yaml,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n",
    )
    .unwrap();
    let pod_json = sim().path("decode-pod.json");
    std::fs::write(
        &pod_json,
        r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}"#,
    )
    .unwrap();
    let raw = |file: &std::path::Path| {
        let out = k.run(&[
            "create",
            "--raw",
            "/api/v1/namespaces",
            "-f",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.code, 1, "{out:#?}");
        out.stderr
    };
    // kubectl --raw sends the file as it is, labelled JSON.
    assert_eq!(
        raw(&pod_yaml),
        "Error from server (BadRequest): the object provided is unrecognized (must be of type \
         Namespace): couldn't get version/kind; json parse error: invalid character 'a' looking \
         for beginning of value (61706956657273696f6e3a2076310a6b696e643a20506f640a6d65746164 \
         ...)\n"
    );
    assert_eq!(
        raw(&pod_json),
        "Error from server (BadRequest): Pod in version \"v1\" cannot be handled as a \
         Namespace: converting (v1.Pod) to (core.Namespace): unknown conversion\n"
    );
}

/// CronJobs run on the simulated clock: at `--speed 10` a `* * * * *` schedule fires every
/// 6 s, while the API shows wall-clock times.
#[test]
fn cronjob_creates_jobs_on_the_simulated_schedule() {
    let Some(mut k) = kubectl(fast(), "cronjob") else {
        return;
    };
    k.use_namespace("t-cronjob");
    k.run(&[
        "create",
        "cronjob",
        "tick",
        "--image=busybox",
        "--schedule=* * * * *",
        "--",
        "echo",
        "tick",
    ])
    .ok();
    // Two ticks: at most 2 × 6 s away.
    let jobs = wait_for(30, "two Jobs from the CronJob", || {
        let jobs = items(&k, &["jobs"]);
        (jobs.len() >= 2).then_some(jobs)
    });
    let names: Vec<&str> = jobs.iter().map(|j| s(j, "/metadata/name")).collect();
    assert!(names.iter().all(|n| n.starts_with("tick-")), "{names:?}");
    assert_eq!(s(&jobs[0], "/metadata/ownerReferences/0/kind"), "CronJob");
    let name = names[0].to_string();
    k.run(&[
        "wait",
        "--for=condition=complete",
        &format!("job/{name}"),
        "--timeout=30s",
    ])
    .ok();
    assert_eq!(
        k.run(&["logs", &format!("job/{name}")]).ok().stdout,
        "tick\n"
    );
    // LAST SCHEDULE is an age in wall-clock seconds, not a time in the simulated future.
    let row = k
        .run(&["get", "cronjob", "tick", "--no-headers"])
        .ok()
        .stdout;
    let cols: Vec<&str> = row.split_whitespace().collect();
    let last = cols[cols.len() - 2];
    assert!(
        last.ends_with('s')
            && last
                .trim_end_matches('s')
                .parse::<u32>()
                .is_ok_and(|s| s < 30),
        "{row}"
    );
    let events = items(&k, &["events"]);
    assert!(
        events.iter().any(|e| e["reason"] == "SuccessfulCreate"
            && e["message"] == format!("Created job {name}").as_str()
            && s(e, "/source/component") == "cronjob-controller"),
        "{events:#?}"
    );
}

#[test]
fn datastores_and_http_echo_behave_like_their_images() {
    let Some(k) = k("images", "t-images") else {
        return;
    };
    k.run_stdin(
        &["apply", "-f", "-"],
        "apiVersion: v1
kind: Pod
metadata: {name: foo, labels: {app: images}}
spec:
  containers:
  - {name: echo, image: hashicorp/http-echo, args: [-text=foo]}
---
apiVersion: v1
kind: Pod
metadata: {name: redis, labels: {app: images}}
spec:
  containers:
  - {name: redis, image: redis:7}
---
apiVersion: v1
kind: Pod
metadata: {name: pg, labels: {app: images}}
spec:
  containers:
  - {name: pg, image: postgres:17, env: [{name: POSTGRES_PASSWORD, value: secret}]}
---
apiVersion: v1
kind: Pod
metadata: {name: pg-nopass}
spec:
  containers:
  - {name: pg, image: postgres:17}
---
apiVersion: v1
kind: Pod
metadata: {name: mysql-nopass}
spec:
  containers:
  - {name: db, image: mysql:9}
---
apiVersion: v1
kind: Pod
metadata: {name: bitnami-nopass}
spec:
  containers:
  - {name: db, image: bitnami/postgresql:17}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: images}}
spec:
  containers:
  - {name: c, image: busybox, command: [sleep, '3600']}
",
    )
    .ok();
    let pods = all_ready(&k, "app=images", 4);
    let ip = |name: &str| {
        let p = pods
            .iter()
            .find(|p| s(p, "/metadata/name") == name)
            .unwrap();
        s(p, "/status/podIP").to_string()
    };
    let exec = |cmd: &str| {
        k.run(&["exec", "client", "--", "sh", "-c", cmd])
            .ok()
            .stdout
    };
    // The kind ingress guide tells backends apart by their -text.
    assert_eq!(exec(&format!("wget -qO- {}:5678", ip("foo"))), "foo\n");
    let logs = k.run(&["logs", "redis"]).ok().stdout;
    assert!(
        logs.ends_with("* Ready to accept connections tcp\n")
            && logs.contains("* Running mode=standalone, port=6379.\n"),
        "{logs}"
    );
    // Something listens on redis's port without a declared containerPort.
    assert_eq!(
        exec(&format!("echo PING | nc {} 6379", ip("redis"))),
        "PING\n"
    );
    // curl shows the head with -I (a HEAD request) and -i; -d posts.
    let head = exec(&format!("curl -sI {}:5678", ip("foo")));
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head:?}");
    assert!(
        head.ends_with("\r\n\r\n") && !head.contains("foo\n"),
        "{head:?}"
    );
    let both = exec(&format!("curl -si {}:5678/", ip("foo")));
    assert!(
        both.starts_with("HTTP/1.1 200 OK\r\n") && both.ends_with("\r\n\r\nfoo\n"),
        "{both:?}"
    );

    // The database images refuse to start without their password variables, as the real
    // entrypoints do: the container exits 1 and is restarted.
    let logs = k.run(&["logs", "pg"]).ok().stdout;
    assert!(logs.contains("database system is ready"), "{logs}");
    for (pod, words) in [
        (
            "pg-nopass",
            "Error: Database is uninitialized and superuser password is not specified.\n",
        ),
        (
            "mysql-nopass",
            "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n",
        ),
        (
            "bitnami-nopass",
            "\x1b[38;5;1mERROR\x1b[0m ==> The POSTGRESQL_PASSWORD environment variable is empty or not set. Set the environment variable ALLOW_EMPTY_PASSWORD=yes to allow the container to be started with blank passwords. This is recommended only for development.\n",
        ),
    ] {
        let p = wait_for(60, "a restart", || {
            let p = json(&k.run(&["get", "pod", pod, "-o", "json"]).ok().stdout);
            (p.pointer("/status/containerStatuses/0/restartCount")?
                .as_i64()?
                >= 1)
                .then_some(p)
        });
        let last = p
            .pointer("/status/containerStatuses/0/lastState/terminated/exitCode")
            .cloned();
        assert_eq!(last, Some(1.into()), "{p:#}");
        let logs = k.run(&["logs", pod]).ok().stdout;
        assert!(logs.contains(words), "{logs}");
    }
    // bitnami's liblog.sh lines: coloured module, `HH:MM:SS.cc`, level; the check runs twice.
    let logs = k.run(&["logs", "bitnami-nopass"]).ok().stdout;
    let lines: Vec<&str> = logs.lines().collect();
    assert_eq!(lines.len(), 9, "{logs}");
    for l in &lines {
        let rest = l
            .strip_prefix("\x1b[38;5;6mpostgresql \x1b[38;5;5m")
            .unwrap_or_else(|| panic!("{l:?}"));
        let (time, rest) = rest.split_at(11);
        assert!(
            time.bytes().enumerate().all(|(i, b)| match i {
                2 | 5 => b == b':',
                8 => b == b'.',
                _ => b.is_ascii_digit(),
            }) && rest.starts_with(" \x1b[0m"),
            "{l:?}"
        );
    }
    assert!(lines[1].ends_with("Welcome to the Bitnami postgresql container\x1b[0m"));
    assert_eq!(
        lines[7][lines[7].len() - 60..],
        lines[8][lines[8].len() - 60..]
    );
}
