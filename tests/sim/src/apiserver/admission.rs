//! What the apiserver itself adds around writes (its admission plugins and registry
//! strategies): namespace lifecycle checks, namespace labels/finalizers, Service cluster IP and
//! node port allocation, per-namespace defaults (`default` ServiceAccount, `kube-root-ca.crt`),
//! and CRD registration (a created CRD is served at once, a deleted one stops being served).

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::{Value, json};

use super::ApiServer;
use super::status::ApiError;
use crate::resources::Served;
use crate::store::{DeleteOutcome, ResourceKey, name_of};

fn is(served: &Served, group: &str, plural: &str) -> bool {
    served.info.group == group && served.info.plural == plural
}

/// NamespaceLifecycle: the namespace must exist and not be terminating.
pub fn check_namespace_writable(
    server: &ApiServer,
    ns: &str,
    group: &str,
    plural: &str,
    name: &str,
) -> Result<(), ApiError> {
    let nsobj = server
        .store
        .get(&ResourceKey::new("", "namespaces"), "", ns)
        .ok_or_else(|| ApiError::not_found("", "namespaces", ns))?;
    if nsobj.pointer("/metadata/deletionTimestamp").is_some() {
        let qualified = if group.is_empty() {
            plural.to_string()
        } else {
            format!("{plural}.{group}")
        };
        let subject = if name.is_empty() {
            qualified
        } else {
            format!("{qualified} \"{name}\"")
        };
        let mut e = ApiError::new(
            403,
            "Forbidden",
            format!(
                "{subject} is forbidden: unable to create new content in namespace {ns} because it is being terminated"
            ),
        );
        e.details = Some(json!({"name": name, "kind": plural}));
        return Err(e);
    }
    Ok(())
}

/// Before defaulting on create.
pub fn before_create(server: &ApiServer, served: &Served, obj: &mut Value) -> Result<(), ApiError> {
    if is(served, "", "namespaces") {
        if obj.pointer("/spec/finalizers").is_none() {
            obj["spec"] = json!({"finalizers": ["kubernetes"]});
        }
    } else if is(served, "", "services") {
        allocate_service(server, obj, None);
    } else if is(served, "", "persistentvolumeclaims") {
        // StorageObjectInUseProtection: a claim is not removed while a pod uses it.
        add_finalizer(obj, crate::controllers::pvc_protection::PVC_FINALIZER);
    } else if is(served, "", "persistentvolumes") {
        add_finalizer(obj, crate::controllers::pvc_protection::PV_FINALIZER);
    }
    Ok(())
}

fn add_finalizer(obj: &mut Value, f: &str) {
    let md = &mut obj["metadata"];
    if !md.is_object() {
        *md = json!({});
    }
    let fins = md["finalizers"].as_array().cloned().unwrap_or_default();
    if !fins.iter().any(|x| x == f) {
        let mut fins = fins;
        fins.push(json!(f));
        md["finalizers"] = json!(fins);
    }
}

/// On update, before defaulting: values the apiserver allocated stay unless the client
/// changes them on purpose.
pub fn before_update(served: &Served, old: &Value, new: &mut Value) {
    if is(served, "", "services") {
        for f in ["clusterIP", "clusterIPs"] {
            let empty = new["spec"]
                .get(f)
                .is_none_or(|v| v.is_null() || v == "" || v == &json!([]));
            if empty && let Some(v) = old["spec"].get(f) {
                new["spec"][f] = v.clone();
            }
        }
        // Allocated node ports are kept only while the service still has node ports: a
        // change to ClusterIP releases them (the registry's "patchAllocatedValues").
        let node_ports = matches!(
            new.pointer("/spec/type").and_then(Value::as_str),
            Some("NodePort" | "LoadBalancer")
        );
        if let (true, Some(olds), Some(news)) = (
            node_ports,
            old.pointer("/spec/ports")
                .and_then(Value::as_array)
                .cloned(),
            new.pointer_mut("/spec/ports").and_then(Value::as_array_mut),
        ) {
            for p in news.iter_mut() {
                if p.get("nodePort").is_none()
                    && let Some(o) = olds.iter().find(|o| o["port"] == p["port"])
                    && let Some(np) = o.get("nodePort")
                {
                    p["nodePort"] = np.clone();
                }
            }
        }
    }
}

/// After defaulting (create and update).
pub fn after_defaults(served: &Served, obj: &mut Value) {
    if is(served, "", "namespaces") {
        let name = name_of(obj).to_string();
        if !name.is_empty() {
            obj["metadata"]["labels"]["kubernetes.io/metadata.name"] = json!(name);
        }
        if obj.pointer("/status/phase").is_none() {
            obj["status"] = json!({"phase": "Active"});
        }
    }
}

/// Cluster IP and node port allocation (the Service REST storage's job).
fn allocate_service(server: &ApiServer, obj: &mut Value, _old: Option<&Value>) {
    let ty = obj
        .pointer("/spec/type")
        .and_then(Value::as_str)
        .unwrap_or("ClusterIP")
        .to_string();
    if ty == "ExternalName" {
        return;
    }
    let (services, _) = server.store.list(&ResourceKey::new("", "services"), None);
    let ip = obj
        .pointer("/spec/clusterIP")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if ip.is_empty() {
        let used: HashSet<String> = services
            .iter()
            .filter_map(|s| {
                s.pointer("/spec/clusterIP")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect();
        // 10.96.0.0/12 like kubeadm; .0.1 is the kubernetes Service, .0.10 is DNS.
        let ip = loop {
            let n: u32 = rand::random_range(11..(1u32 << 20) - 1);
            let cand = format!("10.{}.{}.{}", 96 + (n >> 16), (n >> 8) & 0xff, n & 0xff);
            if !used.contains(&cand) {
                break cand;
            }
        };
        obj["spec"]["clusterIP"] = json!(ip);
        obj["spec"]["clusterIPs"] = json!([ip]);
    } else if obj.pointer("/spec/clusterIPs").is_none() {
        obj["spec"]["clusterIPs"] = json!([ip]);
    }
    if ty == "NodePort" || ty == "LoadBalancer" {
        let mut used: HashSet<i64> = services
            .iter()
            .flat_map(|s| {
                s.pointer("/spec/ports")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|p| p["nodePort"].as_i64())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .collect();
        if let Some(ports) = obj.pointer_mut("/spec/ports").and_then(Value::as_array_mut) {
            for p in ports.iter_mut() {
                if p.get("nodePort").and_then(Value::as_i64).is_none() {
                    let np = loop {
                        let c = rand::random_range(30000..=32767i64);
                        if used.insert(c) {
                            break c;
                        }
                    };
                    p["nodePort"] = json!(np);
                }
            }
        }
    }
}

/// After a successful create.
pub fn after_create(server: &Arc<ApiServer>, served: &Served, obj: &Arc<Value>) {
    if is(served, "", "namespaces") {
        init_namespace(server, name_of(obj));
    } else if is(served, "apiextensions.k8s.io", "customresourcedefinitions") {
        establish_crd(server, obj);
    }
}

/// After a successful update.
pub fn after_update(server: &Arc<ApiServer>, served: &Served, obj: &Arc<Value>) {
    if is(served, "apiextensions.k8s.io", "customresourcedefinitions")
        && obj.pointer("/metadata/deletionTimestamp").is_none()
    {
        server.registry.add_crd(obj);
    }
}

/// After a delete took effect.
pub fn after_delete(server: &Arc<ApiServer>, served: &Served, out: &DeleteOutcome) {
    if is(served, "apiextensions.k8s.io", "customresourcedefinitions")
        && let DeleteOutcome::Removed(crd) = out
    {
        server.registry.remove_crd(name_of(crd));
        let group = crd
            .pointer("/spec/group")
            .and_then(Value::as_str)
            .unwrap_or("");
        let plural = crd
            .pointer("/spec/names/plural")
            .and_then(Value::as_str)
            .unwrap_or("");
        let key = ResourceKey::new(group, plural);
        let (items, _) = server.store.list(&key, None);
        for it in items {
            let _ = server
                .store
                .remove(&key, crate::store::namespace_of(&it), name_of(&it));
        }
    }
}

/// What a fresh namespace gets from the controllers of a real cluster: the `default`
/// ServiceAccount and the `kube-root-ca.crt` ConfigMap. Done synchronously so a pod created
/// right after its namespace finds its service account.
pub fn init_namespace(server: &ApiServer, ns: &str) {
    let sa = json!({"apiVersion": "v1", "kind": "ServiceAccount",
                    "metadata": {"name": "default", "namespace": ns}});
    let _ = server
        .store
        .create(&ResourceKey::new("", "serviceaccounts"), sa);
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": "kube-root-ca.crt", "namespace": ns,
                                 "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
                    "data": {"ca.crt": server.ca_pem.clone()}});
    let _ = server.store.create(&ResourceKey::new("", "configmaps"), cm);
}

/// Serves a CRD's resources and reports it Established, as the apiextensions controllers do.
pub fn establish_crd(server: &ApiServer, crd: &Value) {
    server.registry.add_crd(crd);
    let key = ResourceKey::new("apiextensions.k8s.io", "customresourcedefinitions");
    let now = crate::store::now_rfc3339();
    let stored: Vec<Value> = crd
        .pointer("/spec/versions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|v| v["storage"] == true)
                .map(|v| v["name"].clone())
                .collect()
        })
        .unwrap_or_default();
    let names = crd.pointer("/spec/names").cloned().unwrap_or(json!({}));
    let _ = server.store.mutate(&key, "", name_of(crd), |o| {
        let mut accepted = names.clone();
        if accepted.get("singular").is_none()
            && let Some(k) = accepted["kind"].as_str()
        {
            accepted["singular"] = json!(k.to_lowercase());
        }
        if accepted.get("listKind").is_none()
            && let Some(k) = accepted["kind"].as_str()
        {
            accepted["listKind"] = json!(format!("{k}List"));
        }
        o["status"] = json!({
            "acceptedNames": accepted,
            "conditions": [
                {"type": "NamesAccepted", "status": "True", "lastTransitionTime": now,
                 "reason": "NoConflicts", "message": "no conflicts found"},
                {"type": "Established", "status": "True", "lastTransitionTime": now,
                 "reason": "InitialNamesAccepted", "message": "the initial names have been accepted"}
            ],
            "storedVersions": stored,
        });
        Ok(())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DeleteOptions, Store};

    #[test]
    fn terminating_namespace_refuses_new_content() {
        let server = ApiServer::new(
            Arc::new(Store::new()),
            true,
            "127.0.0.1:1".into(),
            String::new(),
        );
        let key = ResourceKey::new("", "namespaces");
        let ns = json!({"apiVersion": "v1", "kind": "Namespace",
                        "metadata": {"name": "gone"}, "spec": {"finalizers": ["kubernetes"]}});
        server.store.create(&key, ns).unwrap();
        assert!(check_namespace_writable(&server, "gone", "", "pods", "p").is_ok());
        let out = server
            .store
            .delete(&key, "", "gone", &DeleteOptions::default())
            .unwrap();
        assert_eq!(out.object()["status"]["phase"], "Terminating");
        let e =
            check_namespace_writable(&server, "gone", "apps", "deployments", "web").unwrap_err();
        assert_eq!(e.code, 403);
        assert_eq!(
            e.message,
            "deployments.apps \"web\" is forbidden: unable to create new content in namespace gone because it is being terminated"
        );
        let e = check_namespace_writable(&server, "nope", "", "pods", "p").unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (404, "namespaces \"nope\" not found")
        );
    }

    #[test]
    fn services_get_a_cluster_ip_and_node_ports() {
        let server = ApiServer::new(
            Arc::new(Store::new()),
            true,
            "127.0.0.1:1".into(),
            String::new(),
        );
        let mut svc = json!({"spec": {"type": "NodePort", "ports": [{"port": 80}, {"port": 443, "nodePort": 30443}]}});
        allocate_service(&server, &mut svc, None);
        let ip = svc["spec"]["clusterIP"].as_str().unwrap();
        assert!(
            ip.starts_with("10.") && svc["spec"]["clusterIPs"][0] == ip,
            "{svc}"
        );
        let np = svc["spec"]["ports"][0]["nodePort"].as_i64().unwrap();
        assert!((30000..=32767).contains(&np));
        assert_eq!(svc["spec"]["ports"][1]["nodePort"], 30443);
        let mut headless = json!({"spec": {"clusterIP": "None"}});
        allocate_service(&server, &mut headless, None);
        assert_eq!(headless["spec"]["clusterIPs"], json!(["None"]));
    }
}
