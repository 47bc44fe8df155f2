//! `kk describe` against kubectl on the shared kk-sim: each test creates its objects with
//! kubectl in its own namespace, waits for controllers to settle, then compares kk's and
//! kubectl's stdout, stderr and exit code after the harness normalisers.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use regex::Regex;

use crate::common::{Output, TestEnv, kubectl_bin, normalize};

/// Event ages of two runs may differ in width, which shifts the whole Events table; inside
/// it, ages (also `5s (x3 over 2m)`) become `[AGE]` and runs of spaces one space (the rest of
/// the report keeps exact alignment).
fn events_table(s: &str) -> String {
    static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {2,}").unwrap());
    static AGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d+[smhdy])+\b").unwrap());
    let mut out = String::new();
    let mut in_events = false;
    for line in s.split_inclusive('\n') {
        if line == "Events:\n" {
            in_events = true;
        } else if !line.starts_with("  ") {
            in_events = false;
        }
        if in_events {
            let line = AGE.replace_all(line, "[AGE]");
            out.push_str(&GAP.replace_all(&line, " "));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn norm(o: &Output) -> Output {
    o.map(|s| events_table(&normalize::all(s)))
}

/// Run kubectl then kk with `-n <ns>` and assert identical (normalised) output.
#[track_caller]
fn parity(env: &TestEnv, args: &[&str]) -> Output {
    let ns = env.namespace.as_deref().expect("sim namespace");
    let mut full = vec!["-n", ns];
    full.extend_from_slice(args);
    let want = env.run_kubectl(&full).expect("kubectl");
    let got = env.run_kk(&full);
    let (w, g) = (norm(&want), norm(&got));
    assert!(
        w == g,
        "kk differs from kubectl for {full:?}\n===== kubectl =====\n{w}\n===== kk =====\n{g}\n"
    );
    got
}

fn kubectl(env: &TestEnv, args: &[&str]) {
    let ns = env.namespace.as_deref().expect("sim namespace");
    let mut full = vec!["-n", ns];
    full.extend_from_slice(args);
    env.run_kubectl(&full).expect("kubectl").success();
}

/// Poll `kubectl get` with a jsonpath until it prints `want` (controllers are asynchronous).
fn wait_for(env: &TestEnv, args: &[&str], want: &str) {
    let ns = env.namespace.as_deref().expect("sim namespace");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut full = vec!["-n", ns, "get"];
        full.extend_from_slice(args);
        let out = env.run_kubectl(&full).expect("kubectl");
        if out.stdout == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {args:?} == {want:?}: {out}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

const CONFIG: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels: {app: web, tier: front}
  annotations: {note: hello}
data: {greeting: "hello\nworld"}
binaryData: {blob: AAEC}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-extra
data: {a: b}
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  labels: {app: web}
stringData: {password: hunter2}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: robot
imagePullSecrets: [{name: pull-a}, {name: pull-b}]
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: lock
  labels: {app: web}
spec: {holderIdentity: me, leaseDurationSeconds: 15}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules:
- {apiGroups: ["", apps], resources: [pods, deployments], verbs: [get, list]}
- {apiGroups: [""], resources: [configmaps], resourceNames: [settings], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: robot, namespace: elsewhere}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: quota}
spec: {hard: {pods: "10"}, scopes: [NotTerminating]}
---
apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec:
  limits: [{type: Container, default: {cpu: 500m}, defaultRequest: {cpu: 100m}, max: {cpu: "1"}}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: budget}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: fence}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    - namespaceSelector: {matchLabels: {team: a}}
      podSelector: {matchExpressions: [{key: tier, operator: In, values: [x]}]}
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 5432}, {protocol: UDP, port: dns}]
  - {}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: scaler}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
  metrics:
  - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}
  - {type: Pods, pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: "10"}}}
  - type: Object
    object:
      metric: {name: hits}
      describedObject: {apiVersion: v1, kind: Service, name: web}
      target: {type: Value, value: "5"}
  behavior:
    scaleUp:
      stabilizationWindowSeconds: 0
      policies: [{type: Pods, value: 4, periodSeconds: 15}, {type: Percent, value: 100, periodSeconds: 15}]
"#;

#[test]
fn config_kinds() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("describe_config");
    let ns = env.namespace.clone().unwrap();
    std::fs::write(env.path("config.yaml"), CONFIG).unwrap();
    kubectl(&env, &["create", "-f", "config.yaml"]);
    parity(&env, &["describe", "configmap", "settings-extra"]);
    parity(&env, &["describe", "configmap/settings"]);
    parity(&env, &["describe", "cm", "-l", "app=web"]);
    // Prefix matching: both ConfigMaps start with `settings`.
    parity(&env, &["describe", "cm", "settings-e"]);
    parity(&env, &["describe", "secret", "creds"]);
    parity(&env, &["describe", "sa", "robot"]);
    // Generic describer (no kubectl-specific one for leases).
    parity(&env, &["describe", "lease", "lock"]);
    parity(&env, &["describe", "lease", "lock", "--show-events=false"]);
    parity(&env, &["describe", "role", "reader"]);
    parity(&env, &["describe", "rolebinding", "read"]);
    parity(&env, &["describe", "resourcequota", "quota"]);
    parity(&env, &["describe", "limitrange", "limits"]);
    parity(&env, &["describe", "pdb", "budget"]);
    parity(&env, &["describe", "networkpolicy", "fence"]);
    parity(&env, &["describe", "hpa", "scaler"]);
    parity(&env, &["describe", "namespace", &ns]);
    parity(&env, &["describe", "-f", "config.yaml"]);
}

#[test]
fn not_found_and_empty() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("describe_errors");
    kubectl(&env, &["create", "configmap", "only", "--from-literal=a=b"]);
    let out = parity(&env, &["describe", "pod", "nope"]);
    assert_eq!(out.code, 1);
    parity(&env, &["describe", "configmap", "zzz"]);
    parity(&env, &["describe", "configmap", "only", "missing"]);
    parity(&env, &["describe", "configmap/only", "configmap/missing"]);
    let out = parity(&env, &["describe", "pods"]);
    assert!(out.stderr.starts_with("No resources found in"), "{out}");
    parity(&env, &["describe", "pods", "-l", "app=none"]);
    parity(&env, &["describe", "-A", "pods", "-l", "kk-describe=none"]);
    parity(&env, &["describe"]);
    parity(&env, &["describe", "nosuchkind"]);
    parity(&env, &["describe", "cm", "-l", "bad selector!!"]);
    parity(&env, &["describe", "pod/x", "pod/y"]);
    // A missing namespace is what kubectl reports for a missing object in it.
    parity(
        &env,
        &["describe", "-n", "kk-describe-no-such-ns", "pod", "x"],
    );
    parity(
        &env,
        &["describe", "-n", "kk-describe-no-such-ns", "pod/x", "cm/y"],
    );
}

#[test]
fn workloads() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("describe_workloads");
    kubectl(
        &env,
        &[
            "create",
            "deployment",
            "web",
            "--image=nginx:1.25",
            "--replicas=2",
            "--port=80",
        ],
    );
    kubectl(
        &env,
        &[
            "expose",
            "deployment",
            "web",
            "--port=80",
            "--target-port=80",
        ],
    );
    wait_for(
        &env,
        &[
            "deployment",
            "web",
            "-o",
            "jsonpath={.status.availableReplicas}",
        ],
        "2",
    );
    wait_for(
        &env,
        &[
            "pods",
            "-l",
            "app=web",
            "-o",
            "jsonpath={.items[*].status.phase}",
        ],
        "Running Running",
    );
    parity(&env, &["describe", "deployment", "web"]);
    parity(&env, &["describe", "deploy/web", "--show-events=false"]);
    parity(&env, &["describe", "replicasets"]);
    parity(&env, &["describe", "pods", "-l", "app=web"]);
    parity(&env, &["describe", "pod", "web"]);
    parity(&env, &["describe", "service", "web"]);
    // A rollout leaves an old replica set behind.
    kubectl(
        &env,
        &["set", "image", "deployment/web", "nginx=nginx:1.26"],
    );
    kubectl(
        &env,
        &["rollout", "status", "deployment/web", "--timeout=60s"],
    );
    wait_for(
        &env,
        &[
            "pods",
            "-l",
            "app=web",
            "-o",
            "jsonpath={.items[*].spec.containers[0].image}",
        ],
        "nginx:1.26 nginx:1.26",
    );
    parity(&env, &["describe", "deployment", "web"]);
    parity(&env, &["describe", "rs", "-l", "app=web"]);
    parity(
        &env,
        &[
            "describe",
            "endpointslices",
            "-l",
            "kubernetes.io/service-name=web",
        ],
    );
}

const MORE: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: c
        image: postgres
        env: [{name: A, value: b}, {name: POSTGRES_PASSWORD, value: x}, {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        resources: {requests: {cpu: 100m}, limits: {memory: 64Mi}}
        ports: [{containerPort: 5432}, {containerPort: 8080, name: metrics}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, labels: {app: agent}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: c
        image: nginx
        env: [{name: A, value: b}, {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        resources: {requests: {cpu: 100m}, limits: {memory: 64Mi}}
        ports: [{containerPort: 80}, {containerPort: 8080, name: metrics}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: ["true"]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Service
metadata: {name: front}
spec:
  selector: {app: agent}
  ports: [{name: http, port: 80, targetPort: 80}, {name: admin, port: 9000, targetPort: 9000}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing, annotations: {a: b}}
spec:
  tls: [{hosts: [example.com], secretName: tls}]
  rules:
  - host: example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: front, port: {number: 80}}}}
      - {path: /missing, pathType: Prefix, backend: {service: {name: nope, port: {name: http}}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {k: v}
---
apiVersion: v1
kind: Secret
metadata: {name: sec}
stringData: {p: q}
---
apiVersion: v1
kind: Pod
metadata: {name: rich, labels: {app: rich}, annotations: {a: b}}
spec:
  initContainers:
  - {name: init, image: busybox, command: [sh, -c, "echo hi"]}
  containers:
  - name: main
    image: nginx
    ports: [{containerPort: 80, hostPort: 8080}, {containerPort: 443, protocol: TCP}]
    env:
    - {name: PLAIN, value: x}
    - {name: MULTI, value: "line1\nline2"}
    - {name: FROMCM, valueFrom: {configMapKeyRef: {name: cfg, key: k}}}
    - {name: FROMSEC, valueFrom: {secretKeyRef: {name: sec, key: p, optional: true}}}
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: LIM, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    envFrom:
    - configMapRef: {name: cfg}
    - secretRef: {name: sec}
      prefix: S_
    resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}
    # Probes that pass: kk-sim runs them, and failures would add events between the two
    # describes being compared.
    livenessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 3}
    readinessProbe: {tcpSocket: {port: 80}}
    startupProbe: {exec: {command: [cat, /etc/hostname]}}
    volumeMounts:
    - {name: c, mountPath: /etc/c, readOnly: true}
    - {name: s, mountPath: /etc/s, subPath: x}
    - {name: e, mountPath: /cache}
    - {name: p, mountPath: /data}
  volumes:
  - {name: c, configMap: {name: cfg}}
  - {name: s, secret: {secretName: sec}}
  - {name: e, emptyDir: {sizeLimit: 1Gi}}
  - {name: p, persistentVolumeClaim: {claimName: data}}
  tolerations: [{key: k, operator: Equal, value: v, effect: NoSchedule}, {operator: Exists, effect: NoExecute}]
"#;

#[test]
fn more_kinds() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("describe_more");
    std::fs::write(env.path("more.yaml"), MORE).unwrap();
    kubectl(&env, &["create", "-f", "more.yaml"]);
    wait_for(
        &env,
        &["job", "once", "-o", "jsonpath={.status.succeeded}"],
        "1",
    );
    wait_for(
        &env,
        &[
            "daemonset",
            "agent",
            "-o",
            "jsonpath={.status.numberAvailable}",
        ],
        "1",
    );
    parity(&env, &["describe", "statefulset", "db"]);
    wait_for(
        &env,
        &[
            "pods",
            "-l",
            "app=agent",
            "-o",
            "jsonpath={.items[*].status.phase}",
        ],
        "Running",
    );
    // The daemon pod: env, resources and ports of a real container.
    parity(&env, &["describe", "pod", "agent"]);
    wait_for(
        &env,
        &["pod", "rich", "-o", "jsonpath={.status.phase}"],
        "Running",
    );
    // Init containers, every env source, probes, volume kinds, mounts, tolerations.
    parity(&env, &["describe", "pod", "rich"]);
    // The claim is now used by a pod.
    parity(&env, &["describe", "pvc", "data"]);
    parity(&env, &["describe", "daemonset", "agent"]);
    parity(&env, &["describe", "job", "once"]);
    parity(&env, &["describe", "cronjob", "tick"]);
    parity(&env, &["describe", "pvc", "data"]);
    parity(&env, &["describe", "service", "front"]);
    parity(&env, &["describe", "endpoints", "front"]);
    kubectl(
        &env,
        &["create", "service", "nodeport", "np", "--tcp=80:8080"],
    );
    kubectl(
        &env,
        &[
            "create",
            "service",
            "externalname",
            "ext",
            "--external-name=example.com",
        ],
    );
    kubectl(
        &env,
        &["create", "service", "loadbalancer", "lb", "--tcp=443:8443"],
    );
    kubectl(
        &env,
        &[
            "create",
            "service",
            "clusterip",
            "headless",
            "--clusterip=None",
        ],
    );
    parity(&env, &["describe", "services"]);
    parity(&env, &["describe", "ingress", "ing"]);
    parity(&env, &["describe", "-f", "more.yaml"]);
}

#[test]
fn cluster_scoped() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("describe_cluster");
    // The control-plane node is tainted, so no test's pods land on it: its report is stable.
    parity(&env, &["describe", "node", "kk-sim-control-plane"]);
    parity(
        &env,
        &[
            "describe",
            "nodes",
            "-l",
            "node-role.kubernetes.io/control-plane",
        ],
    );
    parity(&env, &["describe", "node", "no-such-node"]);
    // Cluster-scoped volumes, named after the test namespace so runs cannot collide.
    let ns = env.namespace.clone().unwrap();
    let pvs = format!(
        "apiVersion: v1\nkind: PersistentVolume\nmetadata: {{name: {ns}-host, labels: {{suite: {ns}}}}}\n\
         spec:\n  capacity: {{storage: 2Gi}}\n  accessModes: [ReadWriteOnce, ReadOnlyMany]\n\
         \x20 persistentVolumeReclaimPolicy: Retain\n  storageClassName: manual\n\
         \x20 hostPath: {{path: /tmp/data}}\n---\n\
         apiVersion: v1\nkind: PersistentVolume\nmetadata: {{name: {ns}-nfs, labels: {{suite: {ns}}}}}\n\
         spec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadWriteOnce]\n\
         \x20 nfs: {{server: 10.0.0.1, path: /exports}}\n"
    );
    std::fs::write(env.path("pv.yaml"), pvs).unwrap();
    kubectl(&env, &["create", "-f", "pv.yaml"]);
    parity(&env, &["describe", "pv", &format!("{ns}-host")]);
    parity(&env, &["describe", "pv", "-l", &format!("suite={ns}")]);
    parity(&env, &["describe", "persistentvolumes", &ns]);
    kubectl(&env, &["delete", "-f", "pv.yaml"]);
    let classes = format!(
        "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {{name: {ns}-fast}}\n\
         provisioner: example.com/x\nparameters: {{type: ssd}}\nreclaimPolicy: Delete\n\
         volumeBindingMode: WaitForFirstConsumer\nmountOptions: [hard]\n---\n\
         apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {{name: {ns}-high}}\n\
         value: 1000\ndescription: important\n---\n\
         apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {{name: {ns}-nginx}}\n\
         spec:\n  controller: example.com/ingress\n\
         \x20 parameters: {{apiGroup: k8s.example.com, kind: Params, name: ext}}\n"
    );
    std::fs::write(env.path("classes.yaml"), classes).unwrap();
    kubectl(&env, &["create", "-f", "classes.yaml"]);
    parity(&env, &["describe", "storageclass", &format!("{ns}-fast")]);
    parity(&env, &["describe", "priorityclass", &format!("{ns}-high")]);
    parity(&env, &["describe", "clusterrole", "system:basic-user"]);
    parity(&env, &["describe", "ingressclass", &format!("{ns}-nginx")]);
    kubectl(&env, &["delete", "-f", "classes.yaml"]);
    // A custom resource gets the generic describer: every field, camelCase split into words.
    let group = format!("{ns}.example.com");
    let crd = format!(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n\
         metadata: {{name: crontabs.{group}}}\nspec:\n  group: {group}\n\
         \x20 names: {{kind: CronTab, plural: crontabs, singular: crontab}}\n  scope: Namespaced\n\
         \x20 versions:\n  - name: v1\n    served: true\n    storage: true\n\
         \x20   schema:\n      openAPIV3Schema:\n        type: object\n\
         \x20       x-kubernetes-preserve-unknown-fields: true\n"
    );
    std::fs::write(env.path("crd.yaml"), crd).unwrap();
    kubectl(&env, &["create", "-f", "crd.yaml"]);
    let cr = format!(
        "apiVersion: {group}/v1\nkind: CronTab\nmetadata: {{name: my-cron, labels: {{a: b}}}}\n\
         spec:\n  cronSpec: \"* * * * */5\"\n  replicas: 3\n  ratio: 0.5\n  huge: 1e+30\n\
         \x20 enabled: true\n  items: [a, b]\n  nested: [{{name: n1, port: 80}}, {{name: n2}}]\n\
         \x20 nothing: null\n  snake_case: 1\n  HTTPServer: 3\n"
    );
    std::fs::write(env.path("cr.yaml"), cr).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let ns_args = ["-n", ns.as_str(), "create", "-f", "cr.yaml"];
    while env.run_kubectl(&ns_args).expect("kubectl").code != 0 {
        assert!(Instant::now() < deadline, "CRD never became usable");
        std::thread::sleep(Duration::from_millis(300));
    }
    parity(&env, &["describe", &format!("crontabs.{group}"), "my-cron"]);
    parity(&env, &["describe", "crd", &format!("crontabs.{group}")]);
    kubectl(&env, &["delete", "-f", "crd.yaml"]);
}
