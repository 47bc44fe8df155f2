//! Unknown-field detection for `fieldValidation=Strict|Warn`.
//!
//! The object is decoded into its k8s-openapi (v1.33) type through `serde_ignored`, which
//! reports every key the type's deserializer skips. Maps whose keys are data (labels,
//! ConfigMap data, resource lists) decode into `BTreeMap`s and so are never reported. Paths
//! are rendered like the apiserver's strict decoder: `spec.template.spec.containers[0].foo`.

use k8s_openapi::api::{
    apps::v1 as apps, autoscaling::v2 as autoscaling, batch::v1 as batch,
    coordination::v1 as coord, core::v1 as core, discovery::v1 as discovery, events::v1 as events,
    networking::v1 as networking, policy::v1 as policy, rbac::v1 as rbac,
    scheduling::v1 as scheduling, storage::v1 as storage,
};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1 as apiext;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Paths of the fields of `obj` that `group`/`kind`'s schema does not know; empty for kinds
/// without a built-in schema (custom resources).
pub(crate) fn unknown_fields(group: &str, kind: &str, obj: &Value) -> Vec<String> {
    let version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    if (group, kind, version) == ("autoscaling", "HorizontalPodAutoscaler", "autoscaling/v1") {
        return collect::<k8s_openapi::api::autoscaling::v1::HorizontalPodAutoscaler>(&strip(obj));
    }
    let body = strip(obj);
    macro_rules! typed {
        ($($g:literal, $k:literal => $t:ty;)*) => {
            match (group, kind) {
                $(($g, $k) => collect::<$t>(&body),)*
                _ => Vec::new(),
            }
        };
    }
    typed! {
        "", "Pod" => core::Pod;
        "", "Service" => core::Service;
        "", "ConfigMap" => core::ConfigMap;
        "", "Secret" => core::Secret;
        "", "Namespace" => core::Namespace;
        "", "Node" => core::Node;
        "", "ServiceAccount" => core::ServiceAccount;
        "", "Endpoints" => core::Endpoints;
        "", "Event" => core::Event;
        "", "PersistentVolume" => core::PersistentVolume;
        "", "PersistentVolumeClaim" => core::PersistentVolumeClaim;
        "", "ReplicationController" => core::ReplicationController;
        "", "PodTemplate" => core::PodTemplate;
        "", "LimitRange" => core::LimitRange;
        "", "ResourceQuota" => core::ResourceQuota;
        "apps", "Deployment" => apps::Deployment;
        "apps", "ReplicaSet" => apps::ReplicaSet;
        "apps", "DaemonSet" => apps::DaemonSet;
        "apps", "StatefulSet" => apps::StatefulSet;
        "apps", "ControllerRevision" => apps::ControllerRevision;
        "batch", "Job" => batch::Job;
        "batch", "CronJob" => batch::CronJob;
        "networking.k8s.io", "Ingress" => networking::Ingress;
        "networking.k8s.io", "IngressClass" => networking::IngressClass;
        "networking.k8s.io", "NetworkPolicy" => networking::NetworkPolicy;
        "discovery.k8s.io", "EndpointSlice" => discovery::EndpointSlice;
        "events.k8s.io", "Event" => events::Event;
        "storage.k8s.io", "StorageClass" => storage::StorageClass;
        "rbac.authorization.k8s.io", "Role" => rbac::Role;
        "rbac.authorization.k8s.io", "RoleBinding" => rbac::RoleBinding;
        "rbac.authorization.k8s.io", "ClusterRole" => rbac::ClusterRole;
        "rbac.authorization.k8s.io", "ClusterRoleBinding" => rbac::ClusterRoleBinding;
        "scheduling.k8s.io", "PriorityClass" => scheduling::PriorityClass;
        "policy", "PodDisruptionBudget" => policy::PodDisruptionBudget;
        "autoscaling", "HorizontalPodAutoscaler" => autoscaling::HorizontalPodAutoscaler;
        "coordination.k8s.io", "Lease" => coord::Lease;
        "apiextensions.k8s.io", "CustomResourceDefinition" => apiext::CustomResourceDefinition;
    }
}

/// apiVersion/kind are always known; removing them avoids k8s-openapi's own checks of their
/// values (a version mismatch is the router's business, not a field error). Quantities given
/// as YAML numbers (`cpu: 1`) are fine for Go but not for k8s-openapi, so they become strings.
fn strip(obj: &Value) -> Value {
    let mut body = obj.clone();
    if let Some(m) = body.as_object_mut() {
        m.remove("apiVersion");
        m.remove("kind");
    }
    quantities_as_strings(&mut body);
    body
}

/// Maps of resource name to quantity, wherever they appear.
const QUANTITY_MAPS: &[&str] = &[
    "limits",
    "requests",
    "capacity",
    "allocatable",
    "hard",
    "used",
    "overhead",
    "max",
    "min",
    "default",
    "defaultRequest",
    "maxLimitRequestRatio",
    "allocatedResources",
];

fn quantities_as_strings(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                if QUANTITY_MAPS.contains(&k.as_str())
                    && let Some(q) = child.as_object_mut()
                {
                    for n in q.values_mut().filter(|n| n.is_number()) {
                        *n = Value::String(n.to_string());
                    }
                }
                if matches!(k.as_str(), "sizeLimit" | "storage") && child.is_number() {
                    *child = Value::String(child.to_string());
                }
                quantities_as_strings(child);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(quantities_as_strings),
        _ => {}
    }
}

/// Decodes `v` as `T`, collecting the path of every ignored key. A value of the wrong type
/// stops decoding; what was found before it is still returned.
fn collect<T: DeserializeOwned>(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let _ = serde_ignored::deserialize::<_, _, T>(v, |path| out.push(render(&path)));
    out
}

fn render(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", render(parent)),
        Path::Map { parent, key } => {
            let p = render(parent);
            if p.is_empty() {
                key.clone()
            } else {
                format!("{p}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => render(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_unknown_fields_get_apiserver_paths() {
        let d = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "x", "labels": {"anything": "goes"}, "bogus": 1},
            "spec": {"replicas": 1, "foo": true, "selector": {"matchLabels": {"a": "b"}},
                "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [
                    {"name": "c", "image": "i", "resources": {"limits": {"cpu": "1"}}},
                    {"name": "d", "image": "i", "imagePullPolicyy": "Always"}]}}}
        });
        assert_eq!(
            unknown_fields("apps", "Deployment", &d),
            vec![
                "metadata.bogus".to_string(),
                "spec.foo".to_string(),
                "spec.template.spec.containers[1].imagePullPolicyy".to_string(),
            ]
        );
    }

    #[test]
    fn data_maps_and_known_objects_are_clean() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c",
            "creationTimestamp": null}, "data": {"any.key": "v", "x": "y"}});
        assert!(unknown_fields("", "ConfigMap", &cm).is_empty());
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c",
            "image": "i", "resources": {}, "ports": [{"containerPort": 80}]}]}, "status": {}});
        assert!(unknown_fields("", "Pod", &pod).is_empty());
        let svc = json!({"spec": {"ports": [{"port": 80, "targetPort": "http", "bad": 1}]}});
        assert_eq!(
            unknown_fields("", "Service", &svc),
            vec!["spec.ports[0].bad".to_string()]
        );
    }

    #[test]
    fn numeric_quantities_do_not_stop_the_scan() {
        let pod = json!({"spec": {"containers": [{"name": "c", "image": "i",
            "resources": {"limits": {"cpu": 1, "memory": 1e9}}}],
            "volumes": [{"name": "v", "emptyDir": {"sizeLimit": 5}}], "zzz": true}});
        assert_eq!(
            unknown_fields("", "Pod", &pod),
            vec!["spec.zzz".to_string()]
        );
    }

    #[test]
    fn a_realistic_crd_is_clean() {
        let crd = json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "widgets.example.com"},
            "spec": {"group": "example.com", "scope": "Namespaced",
                "names": {"plural": "widgets", "singular": "widget", "kind": "Widget",
                          "shortNames": ["wd"], "categories": ["all"]},
                "versions": [{"name": "v1", "served": true, "storage": true,
                    "subresources": {"status": {}, "scale": {"specReplicasPath": ".spec.replicas",
                        "statusReplicasPath": ".status.replicas"}},
                    "additionalPrinterColumns": [{"name": "Size", "type": "integer",
                        "jsonPath": ".spec.size"}],
                    "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                        "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                            "required": ["size"],
                            "properties": {"size": {"type": "integer", "default": 1, "minimum": 0},
                                "color": {"type": "string", "enum": ["red", "blue"]},
                                "labels": {"type": "object",
                                    "additionalProperties": {"type": "string"}}}}}}}}]}});
        assert_eq!(
            unknown_fields("apiextensions.k8s.io", "CustomResourceDefinition", &crd),
            Vec::<String>::new()
        );
    }

    #[test]
    fn custom_resources_have_no_schema_here() {
        let cr = json!({"apiVersion": "example.com/v1", "kind": "Widget", "spec": {"whatever": 1}});
        assert!(unknown_fields("example.com", "Widget", &cr).is_empty());
    }

    #[test]
    fn hpa_versions_use_their_own_schema() {
        let v1 = json!({"apiVersion": "autoscaling/v1", "spec": {"maxReplicas": 3,
            "targetCPUUtilizationPercentage": 50}});
        assert!(unknown_fields("autoscaling", "HorizontalPodAutoscaler", &v1).is_empty());
        let v2 = json!({"apiVersion": "autoscaling/v2", "spec": {"maxReplicas": 3,
            "targetCPUUtilizationPercentage": 50}});
        assert_eq!(
            unknown_fields("autoscaling", "HorizontalPodAutoscaler", &v2),
            vec!["spec.targetCPUUtilizationPercentage".to_string()]
        );
    }

    #[test]
    fn top_level_unknown_field() {
        let s = json!({"metadata": {"name": "s"}, "stringData": {"a": "b"}, "extra": 1});
        assert_eq!(unknown_fields("", "Secret", &s), vec!["extra".to_string()]);
    }
}
