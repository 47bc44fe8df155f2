//! What a fresh cluster has before anyone talks to it: the four system namespaces (with their
//! `default` ServiceAccount and `kube-root-ca.crt`), the `kubernetes` Service, N Nodes; and
//! `--preload` of manifests (multi-document YAML or JSON, `List` kinds, directories).

use std::path::Path;

use serde_json::{Value, json};

use super::ApiServer;
use super::handlers::{ResourceRequest, create_object};

/// Creates one object through the apiserver's create path (admission, defaults, validation).
pub fn create(server: &std::sync::Arc<ApiServer>, obj: Value, origin: &str) -> Result<(), String> {
    let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let served = server
        .registry
        .find_kind(api_version, kind)
        .ok_or_else(|| {
            format!("{origin}: no resource for apiVersion {api_version:?} kind {kind:?}")
        })?;
    let mut obj = obj;
    let ns = if served.info.namespaced {
        let ns = obj
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("default")
            .to_string();
        obj["metadata"]["namespace"] = json!(ns);
        Some(ns)
    } else {
        None
    };
    let rr = ResourceRequest::internal(served, ns.as_deref(), "kk-sim");
    create_object(server, &rr, obj)
        .map(|_| ())
        .map_err(|e| format!("{origin}: {}", e.message))
}

/// Node names: `kk-sim-control-plane`, `kk-sim-worker`, `kk-sim-worker2`, ...
pub fn node_name(i: usize) -> String {
    match i {
        0 => "kk-sim-control-plane".into(),
        1 => "kk-sim-worker".into(),
        n => format!("kk-sim-worker{n}"),
    }
}

/// A Node as kind would register it (status refined by the kubelet of issue 3).
pub fn node_object(i: usize) -> Value {
    let name = node_name(i);
    let mut labels = json!({
        "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
    });
    let mut spec = json!({"podCIDR": format!("10.244.{i}.0/24"), "podCIDRs": [format!("10.244.{i}.0/24")],
                          "providerID": format!("kind://docker/kk-sim/{name}")});
    if i == 0 {
        labels["node-role.kubernetes.io/control-plane"] = json!("");
        spec["taints"] =
            json!([{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]);
    }
    let now = crate::store::now_rfc3339();
    let cond = |t: &str, s: &str, reason: &str, msg: &str| {
        json!({"type": t, "status": s, "lastHeartbeatTime": now, "lastTransitionTime": now,
               "reason": reason, "message": msg})
    };
    json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": labels,
                     "annotations": {"node.alpha.kubernetes.io/ttl": "0",
                                     "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": spec,
        "status": {
            "addresses": [{"type": "InternalIP", "address": format!("172.18.0.{}", i + 2)},
                          {"type": "Hostname", "address": name}],
            "allocatable": {"cpu": "8", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0",
                            "hugepages-2Mi": "0", "memory": "16331208Ki", "pods": "110"},
            "capacity": {"cpu": "8", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0",
                         "hugepages-2Mi": "0", "memory": "16331208Ki", "pods": "110"},
            "conditions": [
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {"architecture": "amd64", "bootID": crate::store::new_uid(),
                         "containerRuntimeVersion": "containerd://2.1.1", "kernelVersion": "6.8.0-sim",
                         "kubeProxyVersion": "", "kubeletVersion": "v1.33.1",
                         "machineID": crate::store::new_uid().replace('-', ""),
                         "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)",
                         "systemUUID": crate::store::new_uid()},
        }
    })
}

/// Creates the objects of a fresh cluster.
pub fn bootstrap(server: &std::sync::Arc<ApiServer>, nodes: usize) -> Result<(), String> {
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        create(
            server,
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
            "bootstrap",
        )?;
    }
    let svc = json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "kubernetes", "namespace": "default",
                     "labels": {"component": "apiserver", "provider": "kubernetes"}},
        "spec": {"clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "type": "ClusterIP",
                 "sessionAffinity": "None", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                 "internalTrafficPolicy": "Cluster",
                 "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}]}
    });
    create(server, svc, "bootstrap")?;
    for i in 0..nodes {
        create(server, node_object(i), "bootstrap")?;
        // Node status is the kubelet's: set it past the create-time status reset.
        let n = node_object(i);
        let key = crate::store::ResourceKey::new("", "nodes");
        server
            .store
            .mutate(&key, "", &node_name(i), |o| {
                o["status"] = n["status"].clone();
                Ok(())
            })
            .map_err(|e| e.message)?;
    }
    Ok(())
}

/// Splits a manifest file's text into objects: multi-document YAML or JSON; `List` kinds are
/// flattened.
pub fn parse_manifests(text: &str, origin: &str) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    let trimmed = text.trim_start();
    let docs: Vec<Value> = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let mut v = Vec::new();
        for d in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
            v.push(d.map_err(|e| format!("{origin}: {e}"))?);
        }
        v
    } else {
        let mut v = Vec::new();
        for d in serde_yaml::Deserializer::from_str(text) {
            let val = <Value as serde::Deserialize>::deserialize(d)
                .map_err(|e| format!("{origin}: {e}"))?;
            v.push(val);
        }
        v
    };
    fn flatten(v: Value, out: &mut Vec<Value>) {
        match v {
            Value::Null => {}
            Value::Array(a) => a.into_iter().for_each(|x| flatten(x, out)),
            Value::Object(ref o)
                if o.get("kind")
                    .and_then(Value::as_str)
                    .is_some_and(|k| k.ends_with("List"))
                    && o.get("items").is_some_and(Value::is_array) =>
            {
                if let Some(Value::Array(items)) = v.get("items").cloned() {
                    items.into_iter().for_each(|x| flatten(x, out));
                }
            }
            other => out.push(other),
        }
    }
    for d in docs {
        flatten(d, &mut out);
    }
    Ok(out)
}

fn collect_files(path: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let md = std::fs::metadata(path).map_err(|e| format!("--preload {}: {e}", path.display()))?;
    if md.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| format!("--preload {}: {e}", path.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            let ext = e.extension().and_then(|x| x.to_str()).unwrap_or("");
            if e.is_dir() || matches!(ext, "yaml" | "yml" | "json") {
                collect_files(&e, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// Creates every object in a manifest file or directory. Namespaces and CRDs go first so the
/// objects that need them find them.
pub fn preload(server: &std::sync::Arc<ApiServer>, path: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect_files(path, &mut files)?;
    let mut objs = Vec::new();
    for f in files {
        let text =
            std::fs::read_to_string(&f).map_err(|e| format!("--preload {}: {e}", f.display()))?;
        for o in parse_manifests(&text, &f.display().to_string())? {
            objs.push((f.display().to_string(), o));
        }
    }
    let rank = |o: &Value| match o.get("kind").and_then(Value::as_str) {
        Some("Namespace") => 0,
        Some("CustomResourceDefinition") => 1,
        _ => 2,
    };
    objs.sort_by_key(|(_, o)| rank(o));
    for (origin, o) in objs {
        create(server, o, &origin)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_flatten_lists_and_docs() {
        let y = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\n";
        let v = parse_manifests(y, "x").unwrap();
        assert_eq!(v.len(), 2);
        let j = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}} {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"}}"#;
        assert_eq!(parse_manifests(j, "x").unwrap().len(), 2);
    }

    #[test]
    fn node_names_follow_kind() {
        assert_eq!(node_name(0), "kk-sim-control-plane");
        assert_eq!(node_name(1), "kk-sim-worker");
        assert_eq!(node_name(2), "kk-sim-worker2");
    }
}
