//! What `kubeadm init` lays down in `kube-system` (as in a kind cluster), from `kubeadm.yaml`:
//! the CoreDNS Deployment and `kube-dns` Service, the kube-proxy DaemonSet, their ConfigMaps
//! and ServiceAccounts, and the control plane's static pods as the kubelet mirrors them
//! (`etcd-<node>`, `kube-apiserver-<node>`, ...: owned by the control-plane Node, with the
//! `kubernetes.io/config.*` annotations). `kk-sim serve --bare` skips all of it.

use std::sync::Arc;

use serde_json::Value;

use crate::apiserver::ApiServer;
use crate::apiserver::bootstrap::{create, node_name, parse_manifests};
use crate::store::ResourceKey;

/// Creates the kube-system components for control-plane node 0.
pub fn install(server: &Arc<ApiServer>) -> Result<(), String> {
    let node = node_name(0);
    let key = ResourceKey::new("", "nodes");
    let Some(n) = server.store.get(&key, "", &node) else {
        return Ok(());
    };
    let s = |p: &str| {
        n.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let node_uid = s("/metadata/uid");
    let node_ip = n
        .pointer("/status/addresses")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find(|x| x["type"] == "InternalIP"))
        .and_then(|x| x["address"].as_str())
        .unwrap_or("172.18.0.2")
        .to_string();
    let seen = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.9fZ")
        .to_string();
    let text = include_str!("kubeadm.yaml")
        .replace("${NODE_UID}", &node_uid)
        .replace("${NODE_IP}", &node_ip)
        .replace("${NODE}", &node)
        .replace("${SEEN}", &seen);
    for mut obj in parse_manifests(&text, "kubeadm.yaml")? {
        if let Some(ann) = obj
            .pointer_mut("/metadata/annotations")
            .and_then(Value::as_object_mut)
            && ann.get("kubernetes.io/config.hash").and_then(Value::as_str) == Some("${HASH}")
        {
            let name = obj["metadata"]["name"].as_str().unwrap_or("").to_string();
            let hash = config_hash(&name);
            if let Some(ann) = obj
                .pointer_mut("/metadata/annotations")
                .and_then(Value::as_object_mut)
            {
                ann.insert("kubernetes.io/config.hash".into(), hash.clone().into());
                ann.insert("kubernetes.io/config.mirror".into(), hash.into());
            }
        }
        create(server, obj, "kubeadm")?;
    }
    Ok(())
}

/// The kubelet's hash of a static pod manifest (32 hex digits).
fn config_hash(name: &str) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(name.as_bytes());
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}
