//! The OpenAPI extensions and enums a 1.33 apiserver publishes on the built-in schemas,
//! added to the schemas derived from `k8s-openapi` (which carries neither):
//! * patch and list facts — `x-kubernetes-patch-merge-key`, `x-kubernetes-patch-strategy`,
//!   `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type` — taken
//!   from the table kk-sim's own strategic merge patch and server-side apply use
//!   ([`crate::apiserver::patch::merge_keys`]), by walking every kind's schema alongside it;
//! * enums — the `enum` values of string fields and the "Possible enum values" paragraph the
//!   apiserver appends to their descriptions (what `kubectl explain` prints), from [`ENUMS`].

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::schemas::ref_name;
use crate::apiserver::patch::merge_keys::{Schema, Smp, Ssa};
use crate::apiserver::protobuf::kinds::BUILTIN_KINDS;

/// `(definition, field, [(value, description)])`: an enum string field, with each value's
/// description as the apiserver words it (empty: the value alone).
pub type EnumField = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The enum string fields.
#[rustfmt::skip]
pub const ENUMS: &[EnumField] = &[
    ("io.k8s.api.core.v1.ServiceSpec", "sessionAffinity", &[
        ("ClientIP", "is the Client IP based."),
        ("None", "- no session affinity."),
    ]),
    ("io.k8s.api.core.v1.ServiceSpec", "type", &[
        ("ClusterIP", "means a service will only be accessible inside the cluster, via the cluster IP."),
        ("ExternalName", "means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved."),
        ("LoadBalancer", "means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to 'NodePort' type."),
        ("NodePort", "means a service will be exposed on one port of every node, in addition to 'ClusterIP' type."),
    ]),
    ("io.k8s.api.core.v1.ServiceSpec", "externalTrafficPolicy", &[
        ("Cluster", "routes traffic to all endpoints."),
        ("Local", "preserves the source IP of the traffic by routing only to endpoints on the same node as the traffic was received on (dropping the traffic if there are no local endpoints)."),
    ]),
    ("io.k8s.api.core.v1.ServiceSpec", "internalTrafficPolicy", &[
        ("Cluster", "routes traffic to all endpoints."),
        ("Local", "routes traffic only to endpoints on the same node as the client pod (dropping the traffic if there are no local endpoints)."),
    ]),
    ("io.k8s.api.core.v1.ServicePort", "protocol", &[
        ("SCTP", "is the SCTP protocol."),
        ("TCP", "is the TCP protocol."),
        ("UDP", "is the UDP protocol."),
    ]),
    ("io.k8s.api.core.v1.ContainerPort", "protocol", &[
        ("SCTP", "is the SCTP protocol."),
        ("TCP", "is the TCP protocol."),
        ("UDP", "is the UDP protocol."),
    ]),
    ("io.k8s.api.core.v1.Container", "imagePullPolicy", &[
        ("Always", "means that kubelet always attempts to pull the latest image. Container will fail If the pull fails."),
        ("IfNotPresent", "means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails."),
        ("Never", "means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present"),
    ]),
    ("io.k8s.api.core.v1.PodSpec", "restartPolicy", &[
        ("Always", ""),
        ("Never", ""),
        ("OnFailure", ""),
    ]),
    ("io.k8s.api.core.v1.PodSpec", "dnsPolicy", &[
        ("ClusterFirst", "indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings."),
        ("ClusterFirstWithHostNet", "indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings."),
        ("Default", "indicates that the pod should use the default (as determined by kubelet) DNS settings."),
        ("None", "indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig."),
    ]),
    ("io.k8s.api.apps.v1.DeploymentStrategy", "type", &[
        ("Recreate", "Kill all existing pods before creating new ones."),
        ("RollingUpdate", "Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one."),
    ]),
];

/// Adds the extensions and enums to `defs` (the built-in definitions by name).
pub fn annotate(defs: &mut Map<String, Value>) {
    let mut seen = HashSet::new();
    for k in BUILTIN_KINDS {
        let name = (k.schema_name)().into_owned();
        walk(defs, &name, Schema::root(k.group(), k.kind), &mut seen);
    }
    for (def, field, values) in ENUMS {
        let Some(prop) = defs
            .get_mut(*def)
            .and_then(|d| d.pointer_mut(&format!("/properties/{field}")))
        else {
            continue;
        };
        prop["enum"] = json!(values.iter().map(|(v, _)| *v).collect::<Vec<_>>());
        let mut text = prop["description"].as_str().unwrap_or("").to_string();
        text.push_str("\n\nPossible enum values:");
        for (v, d) in values.iter() {
            text.push_str(&format!("\n - `\"{v}\"`"));
            if !d.is_empty() {
                text.push(' ');
                text.push_str(d);
            }
        }
        prop["description"] = json!(text);
    }
}

fn walk(defs: &mut Map<String, Value>, def: &str, schema: Schema, seen: &mut HashSet<String>) {
    if !schema.is_known() || !seen.insert(format!("{def}|{}", schema.type_name())) {
        return;
    }
    let props: Vec<(String, Value)> = match defs.get(def).and_then(|d| d.get("properties")) {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => return,
    };
    for (field, prop) in props {
        let info = schema.field(&field);
        let is_list = prop["type"] == "array";
        let mut ext = Map::new();
        if is_list {
            match info.smp {
                Smp::MergeKey(k) => {
                    ext.insert("x-kubernetes-patch-merge-key".into(), json!(k));
                    ext.insert("x-kubernetes-patch-strategy".into(), json!("merge"));
                }
                Smp::MergePrimitive => {
                    ext.insert("x-kubernetes-patch-strategy".into(), json!("merge"));
                }
                Smp::Replace => {}
            }
            match info.ssa {
                Ssa::Map(keys) => {
                    ext.insert("x-kubernetes-list-type".into(), json!("map"));
                    ext.insert("x-kubernetes-list-map-keys".into(), json!(keys));
                }
                Ssa::Set => {
                    ext.insert("x-kubernetes-list-type".into(), json!("set"));
                }
                Ssa::Default if info.smp != Smp::Replace => {
                    ext.insert("x-kubernetes-list-type".into(), json!("atomic"));
                }
                _ => {}
            }
        } else if info.ssa == Ssa::AtomicObject {
            ext.insert("x-kubernetes-map-type".into(), json!("atomic"));
        }
        if !ext.is_empty()
            && let Some(Value::Object(p)) = defs
                .get_mut(def)
                .and_then(|d| d.pointer_mut(&format!("/properties/{field}")))
        {
            p.extend(ext);
        }
        let child = if is_list { &prop["items"] } else { &prop };
        if let Some(r) = ref_name(child) {
            let r = r.to_string();
            walk(defs, &r, info.schema, seen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::schemas::definitions;

    #[test]
    fn pod_spec_and_service_carry_the_facts() {
        let defs = definitions();
        let containers = &defs["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"];
        assert_eq!(containers["x-kubernetes-patch-merge-key"], "name");
        assert_eq!(containers["x-kubernetes-patch-strategy"], "merge");
        assert_eq!(containers["x-kubernetes-list-type"], "map");
        assert_eq!(
            containers["x-kubernetes-list-map-keys"],
            serde_json::json!(["name"])
        );
        let ports = &defs["io.k8s.api.core.v1.Container"]["properties"]["ports"];
        assert_eq!(
            ports["x-kubernetes-list-map-keys"],
            serde_json::json!(["containerPort", "protocol"])
        );
        let fins =
            &defs["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]["properties"]["finalizers"];
        assert_eq!(fins["x-kubernetes-list-type"], "set");
        let aff = &defs["io.k8s.api.core.v1.ServiceSpec"]["properties"]["sessionAffinity"];
        assert_eq!(aff["enum"], serde_json::json!(["ClientIP", "None"]));
        assert!(
            aff["description"]
                .as_str()
                .unwrap()
                .ends_with("Possible enum values:\n - `\"ClientIP\"` is the Client IP based.\n - `\"None\"` - no session affinity.")
        );
    }
}
