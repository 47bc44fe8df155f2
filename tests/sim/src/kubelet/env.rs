//! The environment the kubelet gives a container: the spec's `env` values and `fieldRef`s.

use serde_json::Value;

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
