//! The environment the kubelet gives a container: the Services' links (`enableServiceLinks`),
//! then the spec's `envFrom` and `env` (values, `fieldRef`s, `configMapKeyRef`,
//! `secretKeyRef`), later entries winning.

use serde_json::Value;

use super::volumes::source_data;
use crate::controllers::api::{Api, namespace};

/// Everything container `c` of `pod` sees in its environment, or why the kubelet cannot
/// create it (`configmap "x" not found`, `couldn't find key k in Secret ns/x`: the pod's
/// `CreateContainerConfigError`). Services' links first, then `envFrom`, then `env` in order,
/// later entries winning.
pub fn environment(
    api: &Api,
    pod: &Value,
    c: &Value,
    pod_ip: &str,
) -> Result<Vec<(String, String)>, String> {
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
        match source_data(api, ns, secret, name, false) {
            Some(data) => env.extend(
                data.into_iter()
                    .map(|(k, v)| (format!("{prefix}{k}"), lossy(v))),
            ),
            None if src["optional"] == true => {}
            None => return Err(not_found(secret, name)),
        }
    }
    for e in c["env"].as_array().into_iter().flatten() {
        let Some(name) = e["name"].as_str() else {
            continue;
        };
        if let Some(v) = value_of(api, pod, e, pod_ip)? {
            env.push((name.to_string(), v));
        }
    }
    Ok(env)
}

fn lossy(v: Vec<u8>) -> String {
    String::from_utf8(v).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The kubelet's words for a missing ConfigMap or Secret.
pub fn not_found(secret: bool, name: &str) -> String {
    format!(
        "{} \"{name}\" not found",
        if secret { "secret" } else { "configmap" }
    )
}

/// The value of one `env` entry: literal, `fieldRef`, or a ConfigMap/Secret key (None: an
/// optional reference to something missing, or a source the sim does not resolve).
fn value_of(api: &Api, pod: &Value, e: &Value, pod_ip: &str) -> Result<Option<String>, String> {
    if let Some(v) = e.get("value").and_then(Value::as_str) {
        return Ok(Some(v.to_string()));
    }
    let Some(from) = e.get("valueFrom") else {
        return Ok(Some(String::new()));
    };
    if let Some(f) = from.pointer("/fieldRef/fieldPath").and_then(Value::as_str) {
        return Ok(Some(field(pod, f, pod_ip)));
    }
    for (kind, secret) in [("configMapKeyRef", false), ("secretKeyRef", true)] {
        let Some(r) = from.get(kind) else {
            continue;
        };
        let (src, key) = (
            r["name"].as_str().unwrap_or(""),
            r["key"].as_str().unwrap_or(""),
        );
        let optional = r["optional"] == true;
        let Some(data) = source_data(api, namespace(pod), secret, src, false) else {
            return if optional {
                Ok(None)
            } else {
                Err(not_found(secret, src))
            };
        };
        return match data.get(key) {
            Some(v) => Ok(Some(lossy(v.clone()))),
            None if optional => Ok(None),
            None => Err(format!(
                "couldn't find key {key} in {} {}/{src}",
                if secret { "Secret" } else { "ConfigMap" },
                namespace(pod)
            )),
        };
    }
    Ok(None)
}

/// A downward API `fieldPath` of `pod` as an env value or a downwardAPI volume file shows
/// it (`pod_ip` because the status may not carry it yet when a container starts).
pub fn field(pod: &Value, path: &str, pod_ip: &str) -> String {
    let s = |p: &str| {
        pod.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    // Maps as `key="value"` lines, sorted, as the kubelet writes them.
    let lines = |p: &str| -> String {
        pod.pointer(p)
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| format!("{k}={}", Value::String(v.as_str().unwrap_or("").into())))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    };
    let keyed = |prefix: &str, map: &str| {
        path.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix("']"))
            .map(|k| {
                s(&format!(
                    "/metadata/{map}/{}",
                    k.replace('~', "~0").replace('/', "~1")
                ))
            })
    };
    match path {
        "metadata.name" => s("/metadata/name"),
        "metadata.namespace" => s("/metadata/namespace"),
        "metadata.uid" => s("/metadata/uid"),
        "metadata.labels" => lines("/metadata/labels"),
        "metadata.annotations" => lines("/metadata/annotations"),
        "spec.nodeName" => s("/spec/nodeName"),
        "spec.serviceAccountName" => s("/spec/serviceAccountName"),
        "status.podIP" | "status.podIPs" => pod_ip.to_string(),
        "status.hostIP" | "status.hostIPs" => s("/status/hostIP"),
        _ => keyed("metadata.labels['", "labels")
            .or_else(|| keyed("metadata.annotations['", "annotations"))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downward_fields() {
        let pod = serde_json::json!({"metadata": {"name": "p", "namespace": "ns", "uid": "u-ctx",
            "labels": {"app": "web", "tier": "a/b"}, "annotations": {"x.io/y": "z"}},
            "status": {"hostIP": "172.18.0.2"}});
        assert_eq!(field(&pod, "metadata.name", "10.1.2.3"), "p");
        assert_eq!(field(&pod, "status.podIP", "10.1.2.3"), "10.1.2.3");
        assert_eq!(field(&pod, "status.hostIP", ""), "172.18.0.2");
        assert_eq!(
            field(&pod, "metadata.labels", ""),
            "app=\"web\"\ntier=\"a/b\""
        );
        assert_eq!(field(&pod, "metadata.labels['app']", ""), "web");
        assert_eq!(field(&pod, "metadata.annotations['x.io/y']", ""), "z");
    }
}
