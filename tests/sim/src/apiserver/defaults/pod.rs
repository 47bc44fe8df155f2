//! Pod, pod template, container, probe and volume defaults (core/v1 `SetDefaults_*`), plus the
//! pod-only admission plugins a real cluster runs: ServiceAccount (service account name and the
//! `kube-api-access-*` projected volume), Priority and DefaultTolerationSeconds.

use serde_json::{Map, Value, json};

use super::{
    child, each_item, existing, random_suffix, set_default, suffix_from, template_metadata,
};

const SA_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// A Pod: spec defaults, admission-added fields and the initial status.
pub(super) fn pod(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    let meta = o.get("metadata");
    let field = |k: &str| {
        meta.and_then(|m| m.get(k))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    let seed = format!(
        "{}/{}/{}/{}",
        field("namespace"),
        field("name"),
        field("generateName"),
        field("uid")
    );
    if let Some(spec) = child(o, "spec") {
        pod_spec(spec, true);
        pod_admission(spec, &seed);
    }
    let qos = o.get("spec").map(qos_class).unwrap_or("BestEffort");
    if let Some(status) = child(o, "status") {
        set_default(status, "phase", json!("Pending"));
        set_default(status, "qosClass", json!(qos));
    }
}

/// A `PodTemplateSpec` (Deployment/ReplicaSet/... `spec.template`): no admission plugins run
/// on templates, and `enableServiceLinks` is a Pod-only default.
pub(super) fn template(t: &mut Value) {
    let Some(t) = t.as_object_mut() else { return };
    template_metadata(t);
    if let Some(spec) = child(t, "spec") {
        pod_spec(spec, false);
    }
}

/// `SetDefaults_PodSpec` (and `SetDefaults_Pod` when `is_pod`).
pub(super) fn pod_spec(spec: &mut Map<String, Value>, is_pod: bool) {
    set_default(spec, "dnsPolicy", json!("ClusterFirst"));
    set_default(spec, "restartPolicy", json!("Always"));
    set_default(spec, "securityContext", json!({}));
    set_default(spec, "terminationGracePeriodSeconds", json!(30));
    set_default(spec, "schedulerName", json!("default-scheduler"));
    // The v1 conversion keeps the deprecated `serviceAccount` mirrored from the real field.
    let sa = spec
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let deprecated = spec
        .get("serviceAccount")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if sa.is_empty() && !deprecated.is_empty() {
        spec.insert("serviceAccountName".into(), json!(deprecated));
    } else if !sa.is_empty() {
        spec.insert("serviceAccount".into(), json!(sa));
    }
    let host_network = spec
        .get("hostNetwork")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    for key in ["initContainers", "containers"] {
        each_item(spec, key, |c| {
            container(c);
            // Templates only get this behind a feature gate that is off by default.
            if is_pod && host_network {
                each_item(c, "ports", |p| {
                    if p.get("hostPort").is_none_or(|h| h.as_i64() == Some(0))
                        && let Some(cp) = p.get("containerPort").cloned()
                    {
                        p.insert("hostPort".into(), cp);
                    }
                });
            }
            if is_pod {
                requests_from_limits(c);
            }
        });
    }
    each_item(spec, "ephemeralContainers", container);
    each_item(spec, "volumes", volume);
    if is_pod {
        set_default(spec, "enableServiceLinks", json!(true));
    }
}

/// `SetDefaults_Container` and what hangs off it (ports, probes, lifecycle, env).
fn container(c: &mut Map<String, Value>) {
    let image = c.get("image").and_then(Value::as_str).unwrap_or("");
    let policy = if pulls_always(image) {
        "Always"
    } else {
        "IfNotPresent"
    };
    set_default(c, "imagePullPolicy", json!(policy));
    set_default(c, "terminationMessagePath", json!("/dev/termination-log"));
    set_default(c, "terminationMessagePolicy", json!("File"));
    // Non-pointer struct in Go: always serialised.
    set_default(c, "resources", json!({}));
    each_item(c, "ports", |p| set_default(p, "protocol", json!("TCP")));
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = existing(c, probe) {
            set_default(p, "timeoutSeconds", json!(1));
            set_default(p, "periodSeconds", json!(10));
            set_default(p, "successThreshold", json!(1));
            set_default(p, "failureThreshold", json!(3));
            handler(p);
        }
    }
    if let Some(lc) = existing(c, "lifecycle") {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = existing(lc, hook) {
                handler(h);
            }
        }
    }
    each_item(c, "env", |e| {
        if let Some(fr) = existing(e, "valueFrom").and_then(|vf| existing(vf, "fieldRef")) {
            set_default(fr, "apiVersion", json!("v1"));
        }
    });
}

/// Probe and lifecycle handler defaults: `httpGet` path and scheme, `grpc.service`.
fn handler(h: &mut Map<String, Value>) {
    if let Some(get) = existing(h, "httpGet") {
        set_default(get, "path", json!("/"));
        set_default(get, "scheme", json!("HTTP"));
    }
    if let Some(grpc) = existing(h, "grpc")
        && !grpc.contains_key("service")
    {
        grpc.insert("service".into(), json!(""));
    }
}

/// `imagePullPolicy` is Always when the parsed tag is `latest`, which is also what an image
/// with neither tag nor digest gets; a digest alone means IfNotPresent.
fn pulls_always(image: &str) -> bool {
    let (name, digest) = match image.split_once('@') {
        Some((n, _)) => (n, true),
        None => (image, false),
    };
    let last_segment = name.rsplit('/').next().unwrap_or(name);
    match last_segment.rsplit_once(':') {
        Some((_, tag)) => tag == "latest",
        None => !digest,
    }
}

/// `SetDefaults_Pod`: requests default to limits for each resource only in limits.
fn requests_from_limits(c: &mut Map<String, Value>) {
    let Some(res) = existing(c, "resources") else {
        return;
    };
    let Some(limits) = res.get("limits").and_then(Value::as_object).cloned() else {
        return;
    };
    if limits.is_empty() {
        return;
    }
    let Some(requests) = child(res, "requests") else {
        return;
    };
    for (k, v) in limits {
        requests.entry(k).or_insert(v);
    }
}

/// The volume-source defaults of `SetDefaults_Volume` and friends.
fn volume(v: &mut Map<String, Value>) {
    const SOURCES: &[&str] = &[
        "hostPath",
        "emptyDir",
        "gcePersistentDisk",
        "awsElasticBlockStore",
        "gitRepo",
        "secret",
        "nfs",
        "iscsi",
        "glusterfs",
        "persistentVolumeClaim",
        "rbd",
        "flexVolume",
        "cinder",
        "cephfs",
        "flocker",
        "downwardAPI",
        "fc",
        "azureFile",
        "configMap",
        "vsphereVolume",
        "quobyte",
        "azureDisk",
        "photonPersistentDisk",
        "projected",
        "portworxVolume",
        "scaleIO",
        "storageos",
        "csi",
        "ephemeral",
        "image",
    ];
    if !SOURCES
        .iter()
        .any(|s| v.get(*s).is_some_and(|x| !x.is_null()))
    {
        v.insert("emptyDir".into(), json!({}));
    }
    for mode_source in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(s) = existing(v, mode_source) {
            set_default(s, "defaultMode", json!(420));
        }
    }
    if let Some(hp) = existing(v, "hostPath")
        && !hp.contains_key("type")
    {
        hp.insert("type".into(), json!(""));
    }
    if let Some(d) = existing(v, "downwardAPI") {
        downward_items(d);
    }
    if let Some(p) = existing(v, "projected") {
        each_item(p, "sources", |s| {
            if let Some(t) = existing(s, "serviceAccountToken") {
                set_default(t, "expirationSeconds", json!(3600));
            }
            if let Some(d) = existing(s, "downwardAPI") {
                downward_items(d);
            }
        });
    }
    if let Some(iscsi) = existing(v, "iscsi") {
        set_default(iscsi, "iscsiInterface", json!("default"));
    }
    if let Some(rbd) = existing(v, "rbd") {
        set_default(rbd, "pool", json!("rbd"));
        set_default(rbd, "user", json!("admin"));
        set_default(rbd, "keyring", json!("/etc/ceph/keyring"));
    }
    if let Some(spec) = existing(v, "ephemeral")
        .and_then(|e| existing(e, "volumeClaimTemplate"))
        .and_then(|t| existing(t, "spec"))
    {
        set_default(spec, "volumeMode", json!("Filesystem"));
    }
    if let Some(img) = existing(v, "image") {
        let reference = img.get("reference").and_then(Value::as_str).unwrap_or("");
        let policy = if pulls_always(reference) {
            "Always"
        } else {
            "IfNotPresent"
        };
        set_default(img, "pullPolicy", json!(policy));
    }
}

fn downward_items(d: &mut Map<String, Value>) {
    each_item(d, "items", |item| {
        if let Some(fr) = existing(item, "fieldRef") {
            set_default(fr, "apiVersion", json!("v1"));
        }
    });
}

/// What the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins add.
fn pod_admission(spec: &mut Map<String, Value>, seed: &str) {
    set_default(spec, "serviceAccountName", json!("default"));
    let sa = spec["serviceAccountName"].clone();
    spec.insert("serviceAccount".into(), sa);
    if spec
        .get("automountServiceAccountToken")
        .and_then(Value::as_bool)
        != Some(false)
    {
        mount_service_account_token(spec, seed);
    }

    let priority = match spec.get("priorityClassName").and_then(Value::as_str) {
        Some("system-node-critical") => 2000001000,
        Some("system-cluster-critical") => 2000000000,
        _ => 0,
    };
    set_default(spec, "priority", json!(priority));
    set_default(spec, "preemptionPolicy", json!("PreemptLowerPriority"));

    let tolerations = spec.entry("tolerations").or_insert_with(|| json!([]));
    if !tolerations.is_array() {
        return;
    }
    let list = tolerations.as_array_mut().expect("checked");
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        if !list.iter().any(|t| tolerates_no_execute(t, key)) {
            list.push(json!({
                "effect": "NoExecute",
                "key": key,
                "operator": "Exists",
                "tolerationSeconds": 300,
            }));
        }
    }
}

/// Whether toleration `t` already tolerates the NoExecute taint `key` (then the plugin adds
/// nothing for it).
fn tolerates_no_execute(t: &Value, key: &str) -> bool {
    let effect = t.get("effect").and_then(Value::as_str).unwrap_or("");
    if !effect.is_empty() && effect != "NoExecute" {
        return false;
    }
    let tkey = t.get("key").and_then(Value::as_str).unwrap_or("");
    let op = t.get("operator").and_then(Value::as_str).unwrap_or("Equal");
    tkey == key || (tkey.is_empty() && op == "Exists")
}

/// The ServiceAccount admission plugin's projected token volume and its mounts.
fn mount_service_account_token(spec: &mut Map<String, Value>, seed: &str) {
    let has_mount = |spec: &Map<String, Value>| {
        ["initContainers", "containers"].iter().any(|k| {
            spec.get(*k).and_then(Value::as_array).is_some_and(|cs| {
                cs.iter().any(|c| {
                    c.get("volumeMounts")
                        .and_then(Value::as_array)
                        .is_some_and(|ms| {
                            ms.iter().any(|m| {
                                m.get("mountPath").and_then(Value::as_str) == Some(SA_MOUNT_PATH)
                            })
                        })
                })
            })
        })
    };
    let already = spec
        .get("volumes")
        .and_then(Value::as_array)
        .is_some_and(|vs| {
            vs.iter().any(|v| {
                v.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.starts_with("kube-api-access-"))
            })
        });
    if already || has_mount(spec) {
        return;
    }
    // At creation (no uid yet) the name is random like upstream's; for an object that already
    // exists it must be reproducible (see `suffix_from`).
    let suffix = if seed.ends_with('/') {
        random_suffix()
    } else {
        suffix_from(seed)
    };
    let name = format!("kube-api-access-{suffix}");
    let vol = json!({
        "name": name,
        "projected": {
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{
                    "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                    "path": "namespace"
                }]}}
            ]
        }
    });
    match spec.get_mut("volumes").and_then(Value::as_array_mut) {
        Some(vs) => vs.push(vol),
        None => {
            spec.insert("volumes".into(), json!([vol]));
        }
    }
    let mount = json!({"mountPath": SA_MOUNT_PATH, "name": name, "readOnly": true});
    for key in ["initContainers", "containers"] {
        each_item(spec, key, |c| {
            match c.get_mut("volumeMounts").and_then(Value::as_array_mut) {
                Some(ms) => ms.push(mount.clone()),
                None => {
                    c.insert("volumeMounts".into(), json!([mount.clone()]));
                }
            }
        });
    }
}

/// The pod's QoS class (`qos.GetPodQOS`), from containers and init containers.
pub(super) fn qos_class(spec: &Value) -> &'static str {
    let containers: Vec<&Value> = ["initContainers", "containers"]
        .iter()
        .filter_map(|k| spec.get(*k).and_then(Value::as_array))
        .flatten()
        .collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let res = c.get("resources");
        let get = |which: &str, name: &str| {
            res.and_then(|r| r.get(which))
                .and_then(|m| m.get(name))
                .and_then(parse_quantity)
        };
        for name in ["cpu", "memory"] {
            let (req, lim) = (get("requests", name), get("limits", name));
            if req.is_some_and(|q| q != 0.0) || lim.is_some_and(|q| q != 0.0) {
                any = true;
            }
            match (req, lim) {
                (Some(r), Some(l)) if (r - l).abs() < 1e-9 => {}
                (None, Some(_)) => {}
                _ => guaranteed = false,
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// A resource quantity as a number (enough to compare requests with limits).
fn parse_quantity(v: &Value) -> Option<f64> {
    if let Some(n) = v.as_f64() {
        return Some(n);
    }
    let s = v.as_str()?.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        _ if suffix.starts_with(['e', 'E']) => 10f64.powi(suffix[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * mult)
}

#[cfg(test)]
mod tests {
    use super::super::apply_defaults;
    use super::*;

    fn sa_volume_name(pod: &Value) -> String {
        pod["spec"]["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|v| {
                v["name"]
                    .as_str()
                    .filter(|n| n.starts_with("kube-api-access-"))
            })
            .unwrap()
            .to_string()
    }

    #[test]
    fn pod_gets_everything_a_real_cluster_shows() {
        let mut pod = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p1", "labels": {"run": "p1"}},
            "spec": {"containers": [{"name": "p1", "image": "busybox", "args": ["sleep", "3600"],
                                     "resources": {}}],
                     "restartPolicy": "Never", "dnsPolicy": "ClusterFirst"},
            "status": {}
        });
        apply_defaults("", "Pod", &mut pod);
        let vol = sa_volume_name(&pod);
        assert_eq!(vol.len(), "kube-api-access-".len() + 5);
        let expected = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p1", "labels": {"run": "p1"}},
            "spec": {
                "containers": [{
                    "args": ["sleep", "3600"],
                    "image": "busybox",
                    "imagePullPolicy": "Always",
                    "name": "p1",
                    "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "volumeMounts": [{"mountPath": SA_MOUNT_PATH, "name": vol, "readOnly": true}]
                }],
                "dnsPolicy": "ClusterFirst",
                "enableServiceLinks": true,
                "preemptionPolicy": "PreemptLowerPriority",
                "priority": 0,
                "restartPolicy": "Never",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "serviceAccount": "default",
                "serviceAccountName": "default",
                "terminationGracePeriodSeconds": 30,
                "tolerations": [
                    {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready",
                     "operator": "Exists", "tolerationSeconds": 300},
                    {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable",
                     "operator": "Exists", "tolerationSeconds": 300}
                ],
                "volumes": [{
                    "name": vol,
                    "projected": {
                        "defaultMode": 420,
                        "sources": [
                            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                            {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}],
                                           "name": "kube-root-ca.crt"}},
                            {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1",
                                "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
                        ]
                    }
                }]
            },
            "status": {"phase": "Pending", "qosClass": "BestEffort"}
        });
        assert_eq!(pod, expected);
        // Idempotent: a second pass (update/patch) adds nothing.
        let before = pod.clone();
        apply_defaults("", "Pod", &mut pod);
        assert_eq!(pod, before);
    }

    #[test]
    fn image_pull_policy_follows_the_tag() {
        for (image, want) in [
            ("nginx", "Always"),
            ("nginx:latest", "Always"),
            ("nginx:1.27", "IfNotPresent"),
            ("localhost:5000/app", "Always"),
            ("localhost:5000/app:v2", "IfNotPresent"),
            ("nginx@sha256:abcd", "IfNotPresent"),
            ("nginx:latest@sha256:abcd", "Always"),
            ("nginx:1@sha256:abcd", "IfNotPresent"),
        ] {
            let mut c = Map::new();
            c.insert("image".into(), json!(image));
            container(&mut c);
            assert_eq!(c["imagePullPolicy"], json!(want), "{image}");
        }
    }

    #[test]
    fn explicit_values_win_and_probes_ports_volumes_default() {
        let mut t = json!({"spec": {
            "containers": [{
                "name": "c", "image": "nginx:1", "imagePullPolicy": "Never",
                "ports": [{"containerPort": 80}, {"containerPort": 53, "protocol": "UDP"}],
                "livenessProbe": {"httpGet": {"port": 80}},
                "readinessProbe": {"grpc": {"port": 9000}, "periodSeconds": 5},
                "env": [{"name": "NS", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}}]
            }],
            "volumes": [
                {"name": "a", "configMap": {"name": "cm"}},
                {"name": "b", "secret": {"secretName": "s", "defaultMode": 256}},
                {"name": "c"},
                {"name": "d", "hostPath": {"path": "/tmp"}},
                {"name": "e", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}
            ]
        }});
        template(&mut t);
        let expected = json!({
            "metadata": {"creationTimestamp": null},
            "spec": {
                "containers": [{
                    "env": [{"name": "NS", "valueFrom": {"fieldRef": {"apiVersion": "v1",
                        "fieldPath": "metadata.namespace"}}}],
                    "image": "nginx:1", "imagePullPolicy": "Never",
                    "livenessProbe": {"failureThreshold": 3, "httpGet": {"path": "/", "port": 80,
                        "scheme": "HTTP"}, "periodSeconds": 10, "successThreshold": 1,
                        "timeoutSeconds": 1},
                    "name": "c",
                    "ports": [{"containerPort": 80, "protocol": "TCP"},
                              {"containerPort": 53, "protocol": "UDP"}],
                    "readinessProbe": {"failureThreshold": 3, "grpc": {"port": 9000, "service": ""},
                        "periodSeconds": 5, "successThreshold": 1, "timeoutSeconds": 1},
                    "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File"
                }],
                "dnsPolicy": "ClusterFirst",
                "restartPolicy": "Always",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "terminationGracePeriodSeconds": 30,
                "volumes": [
                    {"configMap": {"defaultMode": 420, "name": "cm"}, "name": "a"},
                    {"name": "b", "secret": {"defaultMode": 256, "secretName": "s"}},
                    {"emptyDir": {}, "name": "c"},
                    {"hostPath": {"path": "/tmp", "type": ""}, "name": "d"},
                    {"name": "e", "projected": {"defaultMode": 420, "sources": [
                        {"serviceAccountToken": {"expirationSeconds": 3600, "path": "t"}}]}}
                ]
            }
        });
        assert_eq!(t, expected);
    }

    #[test]
    fn admission_respects_existing_settings() {
        let mut pod = json!({"metadata": {"name": "p"}, "spec": {
            "automountServiceAccountToken": false,
            "serviceAccountName": "builder",
            "priorityClassName": "system-node-critical",
            "hostNetwork": true,
            "tolerations": [{"operator": "Exists"}],
            "containers": [{"name": "c", "image": "x:1", "ports": [{"containerPort": 8080}],
                "resources": {"limits": {"cpu": "500m", "memory": "64Mi"}}}]
        }});
        apply_defaults("", "Pod", &mut pod);
        let spec = &pod["spec"];
        assert!(spec.get("volumes").is_none());
        assert_eq!(spec["serviceAccount"], json!("builder"));
        assert_eq!(spec["priority"], json!(2000001000));
        assert_eq!(spec["tolerations"], json!([{"operator": "Exists"}]));
        assert_eq!(
            spec["containers"][0]["ports"][0],
            json!({"containerPort": 8080, "hostPort": 8080, "protocol": "TCP"})
        );
        assert_eq!(
            spec["containers"][0]["resources"]["requests"],
            json!({"cpu": "500m", "memory": "64Mi"})
        );
        assert_eq!(pod["status"]["qosClass"], json!("Guaranteed"));
    }

    #[test]
    fn qos_classes() {
        let burst = json!({"containers": [{"resources": {"requests": {"cpu": "100m"}}}]});
        assert_eq!(qos_class(&burst), "Burstable");
        let uneven = json!({"containers": [{"resources": {"requests": {"cpu": "1", "memory": "1Gi"},
            "limits": {"cpu": "1000m", "memory": "2Gi"}}}]});
        assert_eq!(qos_class(&uneven), "Burstable");
        let equal = json!({"containers": [{"resources": {"requests": {"cpu": "1", "memory": "1Gi"},
            "limits": {"cpu": "1000m", "memory": "1024Mi"}}}]});
        assert_eq!(qos_class(&equal), "Guaranteed");
        assert_eq!(
            qos_class(&json!({"containers": [{"resources": {}}]})),
            "BestEffort"
        );
    }
}
