//! The resource registry: every kind the simulated apiserver serves (built-ins and CRDs), with
//! the names discovery advertises. Discovery, OpenAPI, tables and routing all read this.

/// One served resource (a GroupVersionResource plus what discovery says about it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceInfo {
    /// API group, "" for core.
    pub group: String,
    /// Version, e.g. "v1".
    pub version: String,
    /// Kind, e.g. "Deployment".
    pub kind: String,
    /// Plural resource name, e.g. "deployments".
    pub plural: String,
    /// Singular name, e.g. "deployment".
    pub singular: String,
    /// Short names, e.g. ["deploy"].
    pub short_names: Vec<String>,
    /// Whether objects live in namespaces.
    pub namespaced: bool,
    /// Verbs discovery advertises.
    pub verbs: Vec<String>,
    /// Categories, e.g. ["all"].
    pub categories: Vec<String>,
    /// Served subresources, e.g. ["status", "scale"].
    pub subresources: Vec<String>,
}

use std::sync::{Arc, RwLock};

use serde_json::Value;

use crate::store::ResourceKey;

/// The eight verbs of an ordinary resource.
pub const ALL_VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

impl ResourceInfo {
    /// `group/version`, or `version` for core.
    pub fn group_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The store key (group + plural; versions share storage).
    pub fn key(&self) -> ResourceKey {
        ResourceKey::new(&self.group, &self.plural)
    }

    /// Whether `sub` (e.g. "status") is served.
    pub fn has_subresource(&self, sub: &str) -> bool {
        self.subresources.iter().any(|s| s == sub)
    }

    /// Whether a verb is advertised (and so allowed on the main resource).
    pub fn has_verb(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }

    /// Whether a delete answers with the object instead of a `Status` (the apiserver's
    /// `ReturnDeletedObject`, plus the custom REST of services, namespaces and CRDs).
    pub fn delete_returns_object(&self) -> bool {
        matches!(
            (self.group.as_str(), self.plural.as_str()),
            (
                "",
                "pods" | "podtemplates" | "serviceaccounts" | "services" | "namespaces"
            ) | ("storage.k8s.io", "storageclasses")
                | ("apiextensions.k8s.io", "customresourcedefinitions")
        )
    }
}

/// What discovery says about one subresource: (group, version, kind, verbs) of its response.
pub fn subresource_kind(info: &ResourceInfo, sub: &str) -> (String, String, String, Vec<String>) {
    let own = (info.group.clone(), info.version.clone());
    let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (g, ver, kind, verbs) = match sub {
        "status" | "ephemeralcontainers" | "resize" => (
            own.0,
            own.1,
            info.kind.clone(),
            v(&["get", "patch", "update"]),
        ),
        "scale" => (
            "autoscaling".into(),
            "v1".into(),
            "Scale".into(),
            v(&["get", "patch", "update"]),
        ),
        "log" => (own.0, own.1, "Pod".into(), v(&["get"])),
        "exec" => (own.0, own.1, "PodExecOptions".into(), v(&["create", "get"])),
        "attach" => (
            own.0,
            own.1,
            "PodAttachOptions".into(),
            v(&["create", "get"]),
        ),
        "portforward" => (
            own.0,
            own.1,
            "PodPortForwardOptions".into(),
            v(&["create", "get"]),
        ),
        "binding" => (own.0, own.1, "Binding".into(), v(&["create"])),
        "eviction" => (
            "policy".into(),
            "v1".into(),
            "Eviction".into(),
            v(&["create"]),
        ),
        "token" => (
            "authentication.k8s.io".into(),
            "v1".into(),
            "TokenRequest".into(),
            v(&["create"]),
        ),
        "finalize" => (own.0, own.1, info.kind.clone(), v(&["update"])),
        "proxy" => (
            own.0,
            own.1,
            format!("{}ProxyOptions", info.kind),
            v(&["create", "delete", "get", "patch", "update"]),
        ),
        _ => (own.0, own.1, info.kind.clone(), v(&["get"])),
    };
    (g, ver, kind, verbs)
}

#[allow(clippy::too_many_arguments)]
fn res(
    gv: &str,
    kind: &str,
    plural: &str,
    singular: &str,
    short: &[&str],
    namespaced: bool,
    verbs: &[&str],
    categories: &[&str],
    subresources: &[&str],
) -> ResourceInfo {
    let (group, version) = match gv.split_once('/') {
        Some((g, v)) => (g.to_string(), v.to_string()),
        None => (String::new(), gv.to_string()),
    };
    let s = |l: &[&str]| l.iter().map(|x| x.to_string()).collect();
    ResourceInfo {
        group,
        version,
        kind: kind.into(),
        plural: plural.into(),
        singular: singular.into(),
        short_names: s(short),
        namespaced,
        verbs: s(verbs),
        categories: s(categories),
        subresources: s(subresources),
    }
}

/// Every built-in resource the simulated apiserver serves, with the names, verbs, short names
/// and categories of a real v1.33 apiserver.
pub fn builtin() -> Vec<ResourceInfo> {
    const A: &[&str] = ALL_VERBS;
    const NS_VERBS: &[&str] = &[
        "create", "delete", "get", "list", "patch", "update", "watch",
    ];
    let all = &["all"][..];
    let none: &[&str] = &[];
    vec![
        res(
            "v1",
            "Binding",
            "bindings",
            "binding",
            none,
            true,
            &["create"],
            none,
            none,
        ),
        res(
            "v1",
            "ConfigMap",
            "configmaps",
            "configmap",
            &["cm"],
            true,
            A,
            none,
            none,
        ),
        res(
            "v1",
            "Endpoints",
            "endpoints",
            "endpoints",
            &["ep"],
            true,
            A,
            none,
            none,
        ),
        res(
            "v1",
            "Event",
            "events",
            "event",
            &["ev"],
            true,
            A,
            none,
            none,
        ),
        res(
            "v1",
            "LimitRange",
            "limitranges",
            "limitrange",
            &["limits"],
            true,
            A,
            none,
            none,
        ),
        res(
            "v1",
            "Namespace",
            "namespaces",
            "namespace",
            &["ns"],
            false,
            NS_VERBS,
            none,
            &["finalize", "status"],
        ),
        res(
            "v1",
            "Node",
            "nodes",
            "node",
            &["no"],
            false,
            A,
            none,
            &["proxy", "status"],
        ),
        res(
            "v1",
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            "persistentvolumeclaim",
            &["pvc"],
            true,
            A,
            none,
            &["status"],
        ),
        res(
            "v1",
            "PersistentVolume",
            "persistentvolumes",
            "persistentvolume",
            &["pv"],
            false,
            A,
            none,
            &["status"],
        ),
        res(
            "v1",
            "Pod",
            "pods",
            "pod",
            &["po"],
            true,
            A,
            all,
            &[
                "attach",
                "binding",
                "ephemeralcontainers",
                "eviction",
                "exec",
                "log",
                "portforward",
                "proxy",
                "resize",
                "status",
            ],
        ),
        res(
            "v1",
            "PodTemplate",
            "podtemplates",
            "podtemplate",
            none,
            true,
            A,
            none,
            none,
        ),
        res(
            "v1",
            "ReplicationController",
            "replicationcontrollers",
            "replicationcontroller",
            &["rc"],
            true,
            A,
            all,
            &["scale", "status"],
        ),
        res(
            "v1",
            "ResourceQuota",
            "resourcequotas",
            "resourcequota",
            &["quota"],
            true,
            A,
            none,
            &["status"],
        ),
        res(
            "v1", "Secret", "secrets", "secret", none, true, A, none, none,
        ),
        res(
            "v1",
            "ServiceAccount",
            "serviceaccounts",
            "serviceaccount",
            &["sa"],
            true,
            A,
            none,
            &["token"],
        ),
        res(
            "v1",
            "Service",
            "services",
            "service",
            &["svc"],
            true,
            A,
            all,
            &["proxy", "status"],
        ),
        res(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            "customresourcedefinition",
            &["crd", "crds"],
            false,
            A,
            &["api-extensions"],
            &["status"],
        ),
        res(
            "authentication.k8s.io/v1",
            "SelfSubjectReview",
            "selfsubjectreviews",
            "selfsubjectreview",
            none,
            false,
            &["create"],
            none,
            none,
        ),
        res(
            "authorization.k8s.io/v1",
            "SelfSubjectAccessReview",
            "selfsubjectaccessreviews",
            "selfsubjectaccessreview",
            none,
            false,
            &["create"],
            none,
            none,
        ),
        res(
            "authentication.k8s.io/v1",
            "TokenReview",
            "tokenreviews",
            "tokenreview",
            none,
            false,
            &["create"],
            none,
            none,
        ),
        res(
            "authorization.k8s.io/v1",
            "SelfSubjectRulesReview",
            "selfsubjectrulesreviews",
            "selfsubjectrulesreview",
            none,
            false,
            &["create"],
            none,
            none,
        ),
        res(
            "authorization.k8s.io/v1",
            "SubjectAccessReview",
            "subjectaccessreviews",
            "subjectaccessreview",
            none,
            false,
            &["create"],
            none,
            none,
        ),
        res(
            "authorization.k8s.io/v1",
            "LocalSubjectAccessReview",
            "localsubjectaccessreviews",
            "localsubjectaccessreview",
            none,
            true,
            &["create"],
            none,
            none,
        ),
        res(
            "certificates.k8s.io/v1",
            "CertificateSigningRequest",
            "certificatesigningrequests",
            "certificatesigningrequest",
            &["csr"],
            false,
            A,
            none,
            &["approval", "status"],
        ),
        res(
            "apps/v1",
            "ControllerRevision",
            "controllerrevisions",
            "controllerrevision",
            none,
            true,
            A,
            none,
            none,
        ),
        res(
            "apps/v1",
            "DaemonSet",
            "daemonsets",
            "daemonset",
            &["ds"],
            true,
            A,
            all,
            &["status"],
        ),
        res(
            "apps/v1",
            "Deployment",
            "deployments",
            "deployment",
            &["deploy"],
            true,
            A,
            all,
            &["scale", "status"],
        ),
        res(
            "apps/v1",
            "ReplicaSet",
            "replicasets",
            "replicaset",
            &["rs"],
            true,
            A,
            all,
            &["scale", "status"],
        ),
        res(
            "apps/v1",
            "StatefulSet",
            "statefulsets",
            "statefulset",
            &["sts"],
            true,
            A,
            all,
            &["scale", "status"],
        ),
        res(
            "autoscaling/v2",
            "HorizontalPodAutoscaler",
            "horizontalpodautoscalers",
            "horizontalpodautoscaler",
            &["hpa"],
            true,
            A,
            all,
            &["status"],
        ),
        res(
            "batch/v1",
            "CronJob",
            "cronjobs",
            "cronjob",
            &["cj"],
            true,
            A,
            all,
            &["status"],
        ),
        res(
            "batch/v1",
            "Job",
            "jobs",
            "job",
            none,
            true,
            A,
            all,
            &["status"],
        ),
        res(
            "coordination.k8s.io/v1",
            "Lease",
            "leases",
            "lease",
            none,
            true,
            A,
            none,
            none,
        ),
        res(
            "discovery.k8s.io/v1",
            "EndpointSlice",
            "endpointslices",
            "endpointslice",
            none,
            true,
            A,
            none,
            none,
        ),
        res(
            "events.k8s.io/v1",
            "Event",
            "events",
            "event",
            &["ev"],
            true,
            A,
            none,
            none,
        ),
        res(
            "networking.k8s.io/v1",
            "IngressClass",
            "ingressclasses",
            "ingressclass",
            none,
            false,
            A,
            none,
            none,
        ),
        res(
            "networking.k8s.io/v1",
            "Ingress",
            "ingresses",
            "ingress",
            &["ing"],
            true,
            A,
            none,
            &["status"],
        ),
        res(
            "networking.k8s.io/v1",
            "NetworkPolicy",
            "networkpolicies",
            "networkpolicy",
            &["netpol"],
            true,
            A,
            none,
            none,
        ),
        res(
            "policy/v1",
            "PodDisruptionBudget",
            "poddisruptionbudgets",
            "poddisruptionbudget",
            &["pdb"],
            true,
            A,
            none,
            &["status"],
        ),
        res(
            "rbac.authorization.k8s.io/v1",
            "ClusterRoleBinding",
            "clusterrolebindings",
            "clusterrolebinding",
            none,
            false,
            A,
            none,
            none,
        ),
        res(
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            "clusterroles",
            "clusterrole",
            none,
            false,
            A,
            none,
            none,
        ),
        res(
            "rbac.authorization.k8s.io/v1",
            "RoleBinding",
            "rolebindings",
            "rolebinding",
            none,
            true,
            A,
            none,
            none,
        ),
        res(
            "rbac.authorization.k8s.io/v1",
            "Role",
            "roles",
            "role",
            none,
            true,
            A,
            none,
            none,
        ),
        res(
            "scheduling.k8s.io/v1",
            "PriorityClass",
            "priorityclasses",
            "priorityclass",
            &["pc"],
            false,
            A,
            none,
            none,
        ),
        res(
            "storage.k8s.io/v1",
            "StorageClass",
            "storageclasses",
            "storageclass",
            &["sc"],
            false,
            A,
            none,
            none,
        ),
    ]
}

/// One served resource and, for custom resources, its CRD's per-version extras.
#[derive(Clone, Debug)]
pub struct Served {
    /// Names, scope, verbs.
    pub info: ResourceInfo,
    /// `additionalPrinterColumns` of the served CRD version (custom resources only).
    pub crd_columns: Option<Value>,
    /// Whether this comes from a CRD (strategic merge patch is refused for those).
    pub custom: bool,
    /// The CRD version's `subresources.scale` (specReplicasPath, statusReplicasPath,
    /// labelSelectorPath), for custom resources with a scale subresource.
    pub crd_scale: Option<Value>,
}

/// The live registry: built-ins plus whatever CRDs are established. Cheap to clone (shared).
#[derive(Clone)]
pub struct Registry {
    served: Arc<RwLock<Vec<Served>>>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

impl Registry {
    /// The built-in resources only.
    pub fn new() -> Self {
        let served = builtin()
            .into_iter()
            .map(|info| Served {
                info,
                crd_columns: None,
                custom: false,
                crd_scale: None,
            })
            .collect();
        Registry {
            served: Arc::new(RwLock::new(served)),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Served>> {
        self.served.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Every served resource (all versions).
    pub fn all(&self) -> Vec<ResourceInfo> {
        self.read().iter().map(|s| s.info.clone()).collect()
    }

    /// Every served entry with its CRD extras.
    pub fn served(&self) -> Vec<Served> {
        self.read().clone()
    }

    /// The resource served at `group/version` under `plural`.
    pub fn find(&self, group: &str, version: &str, plural: &str) -> Option<Served> {
        self.read()
            .iter()
            .find(|s| s.info.group == group && s.info.version == version && s.info.plural == plural)
            .cloned()
    }

    /// The preferred (first served) version of a group/plural.
    pub fn find_any_version(&self, group: &str, plural: &str) -> Option<Served> {
        self.read()
            .iter()
            .find(|s| s.info.group == group && s.info.plural == plural)
            .cloned()
    }

    /// The resource for an object's `apiVersion` + `kind`.
    pub fn find_kind(&self, api_version: &str, kind: &str) -> Option<Served> {
        let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
        self.read()
            .iter()
            .find(|s| s.info.group == group && s.info.version == version && s.info.kind == kind)
            .cloned()
    }

    /// `(group, [versions])` in discovery order: core first, then groups as registered.
    pub fn groups(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for s in self.read().iter() {
            match out.iter_mut().find(|(g, _)| *g == s.info.group) {
                Some((_, vs)) => {
                    if !vs.contains(&s.info.version) {
                        vs.push(s.info.version.clone())
                    }
                }
                None => out.push((s.info.group.clone(), vec![s.info.version.clone()])),
            }
        }
        out
    }

    /// Serves (or re-serves) the resources a CRD object defines: one entry per served version,
    /// storage version's order kept (the first listed version is preferred by discovery).
    pub fn add_crd(&self, crd: &Value) {
        let entries = crd_entries(crd);
        let mut w = self.served.write().unwrap_or_else(|p| p.into_inner());
        if let Some(first) = entries.first() {
            let (g, p) = (first.info.group.clone(), first.info.plural.clone());
            w.retain(|s| !(s.custom && s.info.group == g && s.info.plural == p));
        }
        w.extend(entries);
    }

    /// Stops serving the resources of a CRD named `plural.group`.
    pub fn remove_crd(&self, crd_name: &str) {
        let mut w = self.served.write().unwrap_or_else(|p| p.into_inner());
        w.retain(|s| !(s.custom && format!("{}.{}", s.info.plural, s.info.group) == crd_name));
    }
}

/// The served entries of a CRD (`apiextensions.k8s.io/v1`).
pub fn crd_entries(crd: &Value) -> Vec<Served> {
    let spec = &crd["spec"];
    let group = spec["group"].as_str().unwrap_or("");
    let names = &spec["names"];
    let plural = names["plural"].as_str().unwrap_or("");
    let kind = names["kind"].as_str().unwrap_or("");
    if group.is_empty() || plural.is_empty() || kind.is_empty() {
        return Vec::new();
    }
    let singular = names["singular"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| kind.to_lowercase());
    let strs = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let namespaced = spec["scope"].as_str() != Some("Cluster");
    let mut versions: Vec<&Value> = spec["versions"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|v| v["served"].as_bool().unwrap_or(true))
                .collect()
        })
        .unwrap_or_default();
    // Discovery lists the storage version first (it is the preferred one kubectl uses).
    versions.sort_by_key(|v| !v["storage"].as_bool().unwrap_or(false));
    versions
        .into_iter()
        .map(|v| {
            let mut subs = Vec::new();
            if v.pointer("/subresources/scale").is_some() {
                subs.push("scale".to_string());
            }
            if v.pointer("/subresources/status").is_some() {
                subs.push("status".to_string());
            }
            Served {
                info: ResourceInfo {
                    group: group.into(),
                    version: v["name"].as_str().unwrap_or("v1").into(),
                    kind: kind.into(),
                    plural: plural.into(),
                    singular: singular.clone(),
                    short_names: strs(&names["shortNames"]),
                    namespaced,
                    verbs: ALL_VERBS.iter().map(|s| s.to_string()).collect(),
                    categories: strs(&names["categories"]),
                    subresources: subs,
                },
                crd_columns: v.get("additionalPrinterColumns").cloned(),
                custom: true,
                crd_scale: v.pointer("/subresources/scale").cloned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn builtins_are_unique_and_sorted_verbs() {
        let all = builtin();
        for (i, a) in all.iter().enumerate() {
            assert!(
                all[i + 1..]
                    .iter()
                    .all(|b| b.key() != a.key() || b.version != a.version)
            );
            let mut v = a.verbs.clone();
            v.sort();
            assert_eq!(v, a.verbs, "{}", a.plural);
        }
    }

    #[test]
    fn crd_adds_and_removes_versions() {
        let r = Registry::new();
        let crd = json!({"spec":{"group":"ex.com","scope":"Namespaced",
            "names":{"plural":"widgets","kind":"Widget","shortNames":["wd"]},
            "versions":[{"name":"v1beta1","served":true,"storage":false},
                        {"name":"v1","served":true,"storage":true,
                         "additionalPrinterColumns":[{"name":"Size","type":"integer","jsonPath":".spec.size"}]}]}});
        r.add_crd(&crd);
        let s = r.find("ex.com", "v1", "widgets").unwrap();
        assert!(s.custom && s.crd_columns.is_some());
        assert_eq!(
            r.find_any_version("ex.com", "widgets")
                .unwrap()
                .info
                .version,
            "v1"
        );
        r.remove_crd("widgets.ex.com");
        assert!(r.find("ex.com", "v1beta1", "widgets").is_none());
    }
}
