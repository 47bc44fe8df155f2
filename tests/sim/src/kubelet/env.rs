//! The environment the kubelet gives a container: the Services' links (`enableServiceLinks`),
//! then the spec's `envFrom` and `env` (values, `fieldRef`s, `configMapKeyRef`,
//! `secretKeyRef`), later entries winning.

use base64::Engine;
use serde_json::Value;

use crate::controllers::api::{Api, namespace};
use crate::store::ResourceKey;

/// The data of ConfigMap or Secret `name` in `ns` (Secret values decoded).
fn source_data(api: &Api, ns: &str, secret: bool, name: &str) -> Option<Vec<(String, String)>> {
    let key = ResourceKey::new("", if secret { "secrets" } else { "configmaps" });
    let obj = api.get(&key, ns, name)?;
    let data = obj.get("data").and_then(Value::as_object)?;
    Some(
        data.iter()
            .map(|(k, v)| {
                let raw = v.as_str().unwrap_or("");
                let value = if secret {
                    base64::engine::general_purpose::STANDARD
                        .decode(raw)
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default()
                } else {
                    raw.to_string()
                };
                (k.clone(), value)
            })
            .collect(),
    )
}

/// Everything container `c` of `pod` sees in its environment.
pub fn environment(api: &Api, pod: &Value, c: &Value, pod_ip: &str) -> Vec<(String, String)> {
    let ns = namespace(pod);
    let links = pod
        .pointer("/spec/enableServiceLinks")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let mut env = super::network::service_env(api, ns, links);
    for from in c["envFrom"].as_array().into_iter().flatten() {
        let prefix = from["prefix"].as_str().unwrap_or("");
        let (secret, src) = match (from.get("configMapRef"), from.get("secretRef")) {
            (Some(r), _) => (false, r),
            (None, Some(r)) => (true, r),
            _ => continue,
        };
        let name = src["name"].as_str().unwrap_or("");
        for (k, v) in source_data(api, ns, secret, name).unwrap_or_default() {
            env.push((format!("{prefix}{k}"), v));
        }
    }
    for e in c["env"].as_array().into_iter().flatten() {
        let Some(name) = e["name"].as_str() else {
            continue;
        };
        let refs = [("configMapKeyRef", false), ("secretKeyRef", true)];
        for (field, secret) in refs {
            if let Some(r) = e.pointer(&format!("/valueFrom/{field}")) {
                let (src, key) = (
                    r["name"].as_str().unwrap_or(""),
                    r["key"].as_str().unwrap_or(""),
                );
                if let Some(v) = source_data(api, ns, secret, src)
                    .and_then(|d| d.into_iter().find(|(k, _)| k == key).map(|(_, v)| v))
                {
                    env.push((name.to_string(), v));
                }
            }
        }
    }
    env.extend(container_env(pod, c, pod_ip));
    env
}

/// The environment of container `c` in `pod`: the spec's literal values and the common
/// `fieldRef`s (name, namespace, uid, node, service account, pod and host IPs). `pod_ip` is
/// passed in because the pod status may not carry it yet when the container starts.
pub fn container_env(pod: &Value, c: &Value, pod_ip: &str) -> Vec<(String, String)> {
    let s = |p: &str| {
        pod.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut env = Vec::new();
    for e in c["env"].as_array().into_iter().flatten() {
        let Some(name) = e["name"].as_str() else {
            continue;
        };
        let field = e
            .pointer("/valueFrom/fieldRef/fieldPath")
            .and_then(Value::as_str);
        let value = match (e.get("value").and_then(Value::as_str), field) {
            (Some(v), _) => v.to_string(),
            (None, Some("metadata.name")) => s("/metadata/name"),
            (None, Some("metadata.namespace")) => s("/metadata/namespace"),
            (None, Some("metadata.uid")) => s("/metadata/uid"),
            (None, Some("spec.nodeName")) => s("/spec/nodeName"),
            (None, Some("spec.serviceAccountName")) => s("/spec/serviceAccountName"),
            (None, Some("status.podIP")) => pod_ip.to_string(),
            (None, Some("status.hostIP")) => s("/status/hostIP"),
            (None, None) if e.get("valueFrom").is_none() => String::new(),
            _ => continue,
        };
        env.push((name.to_string(), value));
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_env_from_spec() {
        let pod = serde_json::json!({"metadata": {"name": "p", "namespace": "ns", "uid": "u-ctx"},
            "status": {"podIP": "10.1.2.3"}});
        let c = serde_json::json!({"name": "c", "env": [
            {"name": "A", "value": "1"},
            {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
            {"name": "IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
            {"name": "SECRET", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}]});
        let env: std::collections::HashMap<_, _> =
            container_env(&pod, &c, "10.1.2.3").into_iter().collect();
        assert_eq!(env["A"], "1");
        assert_eq!(env["POD"], "p");
        assert_eq!(env["IP"], "10.1.2.3");
        assert!(!env.contains_key("SECRET"));
    }
}
