//! Pure object builders: what `kubectl create <kind>`, `run`, `expose` and `autoscale` build
//! from their flags, before anything is sent. One file per kind; each takes its `Params`
//! (what the user typed, already parsed) and returns the object as a `serde_json::Value` in
//! the shape kubectl's Go struct would encode it (run it through [`shape`] for the
//! zero-valued fields and Go's key order), or kubectl's error for bad input. Builders that
//! read files or the environment do it through [`sources::Sources`], never directly.
//!
//! Mirrors `kubectl/pkg/cmd/create/create_*.go` (the `create*()` methods and `Validate()`),
//! `pkg/generate/versioned` and `pkg/cmd/{run,expose,autoscale}`.

pub mod autoscale;
pub mod configmap;
pub mod cronjob;
pub mod deployment;
pub mod expose;
pub mod ingress;
pub mod job;
pub mod keys;
pub mod namespace;
pub mod overrides;
pub mod pdb;
pub mod pod;
pub mod priorityclass;
pub mod quantity;
pub mod quota;
pub mod role;
pub mod rolebinding;
pub mod secret;
pub mod secret_docker;
pub mod secret_tls;
pub mod selector;
pub mod service;
pub mod serviceaccount;
pub mod shape;
pub mod sources;
pub mod token;
pub mod validation;

use serde_json::{Map, Value, json};

/// Where a generated kind is created: its plural and whether it lives in a namespace
/// (kubectl's typed clients know this; kk's generators too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// `apps/v1`, `v1`, ...
    pub api_version: &'static str,
    /// The kind.
    pub kind: &'static str,
    /// The resource (plural).
    pub plural: &'static str,
    /// Namespaced or cluster-scoped.
    pub namespaced: bool,
}

const ENDPOINTS: &[Endpoint] = &[
    ep("v1", "Namespace", "namespaces", false),
    ep("v1", "ConfigMap", "configmaps", true),
    ep("v1", "Secret", "secrets", true),
    ep("v1", "Service", "services", true),
    ep("v1", "ServiceAccount", "serviceaccounts", true),
    ep("v1", "Pod", "pods", true),
    ep("v1", "ResourceQuota", "resourcequotas", true),
    ep("apps/v1", "Deployment", "deployments", true),
    ep("batch/v1", "Job", "jobs", true),
    ep("batch/v1", "CronJob", "cronjobs", true),
    ep("rbac.authorization.k8s.io/v1", "Role", "roles", true),
    ep(
        "rbac.authorization.k8s.io/v1",
        "ClusterRole",
        "clusterroles",
        false,
    ),
    ep(
        "rbac.authorization.k8s.io/v1",
        "RoleBinding",
        "rolebindings",
        true,
    ),
    ep(
        "rbac.authorization.k8s.io/v1",
        "ClusterRoleBinding",
        "clusterrolebindings",
        false,
    ),
    ep("networking.k8s.io/v1", "Ingress", "ingresses", true),
    ep(
        "scheduling.k8s.io/v1",
        "PriorityClass",
        "priorityclasses",
        false,
    ),
    ep(
        "policy/v1",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        true,
    ),
    ep(
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        "horizontalpodautoscalers",
        true,
    ),
];

const fn ep(
    api_version: &'static str,
    kind: &'static str,
    plural: &'static str,
    namespaced: bool,
) -> Endpoint {
    Endpoint {
        api_version,
        kind,
        plural,
        namespaced,
    }
}

impl Endpoint {
    /// The endpoint of the object's own `apiVersion`/`kind`.
    pub fn of(obj: &Value) -> Option<Endpoint> {
        let s = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or("");
        ENDPOINTS
            .iter()
            .find(|e| e.api_version == s("apiVersion") && e.kind == s("kind"))
            .copied()
    }

    /// The collection path (`/apis/apps/v1/namespaces/ns/deployments`).
    pub fn collection(&self, namespace: &str) -> String {
        let base = if self.api_version.contains('/') {
            format!("/apis/{}", self.api_version)
        } else {
            format!("/api/{}", self.api_version)
        };
        if self.namespaced {
            format!("{base}/namespaces/{namespace}/{}", self.plural)
        } else {
            format!("{base}/{}", self.plural)
        }
    }
}

/// The `TypeMeta` + `ObjectMeta` head every builder starts from: `namespace` only when the
/// user enforced one with `-n` (kubectl's `EnforceNamespace`).
pub fn object(api_version: &str, kind: &str, name: &str, namespace: Option<&str>) -> Value {
    let mut meta = Map::new();
    meta.insert("name".into(), name.into());
    if let Some(ns) = namespace.filter(|n| !n.is_empty()) {
        meta.insert("namespace".into(), ns.into());
    }
    json!({"apiVersion": api_version, "kind": kind, "metadata": meta})
}

/// The annotation `kubectl apply` keeps its last configuration in.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// `--save-config`: kubectl's `CreateApplyAnnotation` — the object (without the annotation)
/// encoded as Go's compact JSON plus a newline, stored in [`LAST_APPLIED`].
pub fn save_config(obj: &mut Value) {
    if let Some(a) = obj
        .pointer_mut("/metadata/annotations")
        .and_then(Value::as_object_mut)
    {
        a.remove(LAST_APPLIED);
    }
    let encoded = shape::to_compact(&shape::normalize(obj)) + "\n";
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        let annotations = meta
            .entry("annotations")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(a) = annotations.as_object_mut() {
            a.insert(LAST_APPLIED.into(), encoded.into());
        }
    }
}

/// `NameFromCommandArgs`: exactly one positional before `--`.
pub fn name_from_args(args: &[String]) -> Result<&str, String> {
    match args {
        [name] => Ok(name),
        _ => Err(format!("exactly one NAME is required, got {}", args.len())),
    }
}

/// apimachinery's `rand.String(n)`: random characters from an alphabet without vowels.
pub fn random_suffix(n: usize) -> String {
    use std::hash::{BuildHasher, Hasher};
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0),
    );
    let mut x = h.finish();
    (0..n)
        .map(|_| {
            let c = ALPHABET[(x % ALPHABET.len() as u64) as usize] as char;
            x = (x / ALPHABET.len() as u64) ^ x.rotate_left(17);
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_and_paths() {
        let d = Endpoint::of(&json!({"apiVersion": "apps/v1", "kind": "Deployment"})).unwrap();
        assert_eq!(
            d.collection("ns"),
            "/apis/apps/v1/namespaces/ns/deployments"
        );
        let n = Endpoint::of(&json!({"apiVersion": "v1", "kind": "Namespace"})).unwrap();
        assert_eq!(n.collection("ns"), "/api/v1/namespaces");
        for e in ENDPOINTS {
            assert!(
                shape::Shape::of(e.api_version, e.kind).is_some(),
                "{}",
                e.kind
            );
        }
    }

    // kubectl.1.33 create cm c1 --from-literal=a=b --save-config --dry-run=client -o yaml
    #[test]
    fn save_config_like_kubectl() {
        let mut cm = object("v1", "ConfigMap", "c1", None);
        cm["data"] = json!({"a": "b"});
        save_config(&mut cm);
        assert_eq!(
            cm["metadata"]["annotations"][LAST_APPLIED],
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c1\",\"creationTimestamp\":null},\"data\":{\"a\":\"b\"}}\n"
        );
    }
}
