//! Defaults of the non-workload kinds: Service, Namespace, Secret, volumes and claims,
//! networking, storage, scheduling, RBAC, autoscaling and CRDs.

use base64::Engine as _;
use serde_json::{Value, json};

use super::{child, each_item, existing, set_default};

pub(super) fn service(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "sessionAffinity", json!("None"));
        set_default(spec, "type", json!("ClusterIP"));
        let ty = spec
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if spec.get("sessionAffinity") == Some(&json!("ClientIP"))
            && let Some(cfg) =
                child(spec, "sessionAffinityConfig").and_then(|c| child(c, "clientIP"))
        {
            set_default(cfg, "timeoutSeconds", json!(10800));
        }
        each_item(spec, "ports", |p| {
            set_default(p, "protocol", json!("TCP"));
            let unset = match p.get("targetPort") {
                None | Some(Value::Null) => true,
                Some(Value::Number(n)) => n.as_i64() == Some(0),
                Some(Value::String(s)) => s.is_empty(),
                _ => false,
            };
            if unset && let Some(port) = p.get("port").cloned() {
                p.insert("targetPort".into(), port);
            }
        });
        if ty == "NodePort" || ty == "LoadBalancer" {
            set_default(spec, "externalTrafficPolicy", json!("Cluster"));
        }
        if ty == "LoadBalancer" {
            set_default(spec, "allocateLoadBalancerNodePorts", json!(true));
        }
        if ty != "ExternalName" {
            set_default(spec, "internalTrafficPolicy", json!("Cluster"));
            // The REST storage fills these while allocating IPs; a sim cluster is IPv4-only.
            set_default(spec, "ipFamilyPolicy", json!("SingleStack"));
            set_default(spec, "ipFamilies", json!(["IPv4"]));
        }
    }
    set_default(o, "status", json!({"loadBalancer": {}}));
}

/// Namespaces carry their own name as the `kubernetes.io/metadata.name` label.
pub(super) fn namespace(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(meta) = child(o, "metadata")
        && let Some(name) = meta.get("name").and_then(Value::as_str).map(str::to_string)
        && !name.is_empty()
        && let Some(labels) = child(meta, "labels")
    {
        labels.insert("kubernetes.io/metadata.name".into(), json!(name));
    }
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "finalizers", json!(["kubernetes"]));
    }
    if let Some(status) = child(o, "status") {
        set_default(status, "phase", json!("Active"));
    }
}

/// Secrets: type Opaque, and `stringData` folded into `data` (the v1 conversion does it; the
/// apiserver never stores `stringData`, and its values win over `data`'s).
pub(super) fn secret(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    set_default(o, "type", json!("Opaque"));
    let Some(Value::Object(string_data)) = o.remove("stringData") else {
        return;
    };
    if string_data.is_empty() {
        return;
    }
    if let Some(data) = child(o, "data") {
        for (k, v) in string_data {
            let plain = v.as_str().unwrap_or_default();
            data.insert(
                k,
                json!(base64::engine::general_purpose::STANDARD.encode(plain)),
            );
        }
    }
}

pub(super) fn pvc(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "volumeMode", json!("Filesystem"));
    }
    if let Some(status) = child(o, "status") {
        set_default(status, "phase", json!("Pending"));
    }
}

pub(super) fn pv(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "persistentVolumeReclaimPolicy", json!("Retain"));
        set_default(spec, "volumeMode", json!("Filesystem"));
        if let Some(hp) = existing(spec, "hostPath")
            && !hp.contains_key("type")
        {
            hp.insert("type".into(), json!(""));
        }
    }
    if let Some(status) = child(o, "status") {
        set_default(status, "phase", json!("Pending"));
    }
}

pub(super) fn endpoints(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    each_item(o, "subsets", |s| {
        each_item(s, "ports", |p| set_default(p, "protocol", json!("TCP")))
    });
}

pub(super) fn endpoint_slice(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    each_item(o, "ports", |p| {
        set_default(p, "protocol", json!("TCP"));
        if !p.contains_key("name") {
            p.insert("name".into(), json!(""));
        }
    });
}

pub(super) fn ingress(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    set_default(o, "status", json!({"loadBalancer": {}}));
}

pub(super) fn network_policy(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    let Some(spec) = child(o, "spec") else { return };
    for dir in ["ingress", "egress"] {
        each_item(spec, dir, |rule| {
            each_item(rule, "ports", |p| set_default(p, "protocol", json!("TCP")))
        });
    }
    if spec
        .get("policyTypes")
        .is_none_or(|p| p.as_array().is_none_or(Vec::is_empty))
    {
        let mut types = vec![json!("Ingress")];
        if spec
            .get("egress")
            .and_then(Value::as_array)
            .is_some_and(|e| !e.is_empty())
        {
            types.push(json!("Egress"));
        }
        spec.insert("policyTypes".into(), Value::Array(types));
    }
}

pub(super) fn storage_class(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    set_default(o, "reclaimPolicy", json!("Delete"));
    set_default(o, "volumeBindingMode", json!("Immediate"));
}

pub(super) fn priority_class(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    set_default(o, "preemptionPolicy", json!("PreemptLowerPriority"));
}

/// `SetDefaults_Subject`: users and groups belong to the RBAC API group.
pub(super) fn role_binding(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    each_item(o, "subjects", |s| {
        let kind = s.get("kind").and_then(Value::as_str).unwrap_or("");
        if (kind == "User" || kind == "Group") && s.get("apiGroup").is_none_or(|g| g == "") {
            s.insert("apiGroup".into(), json!("rbac.authorization.k8s.io"));
        }
    });
}

/// autoscaling/v2 `SetDefaults_HorizontalPodAutoscaler` (+ behavior when one is given).
/// autoscaling/v1 only defaults `minReplicas`.
pub(super) fn hpa(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    let v1 = o.get("apiVersion").and_then(Value::as_str) == Some("autoscaling/v1");
    // `desiredReplicas` and (v2) `currentMetrics` have no omitempty in Go.
    let status = if v1 {
        json!({"currentReplicas": 0, "desiredReplicas": 0})
    } else {
        json!({"currentMetrics": null, "desiredReplicas": 0})
    };
    set_default(o, "status", status);
    let Some(spec) = child(o, "spec") else { return };
    set_default(spec, "minReplicas", json!(1));
    if v1 {
        return;
    }
    if spec
        .get("metrics")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty)
    {
        spec.insert(
            "metrics".into(),
            json!([{"resource": {"name": "cpu", "target": {"averageUtilization": 80,
                "type": "Utilization"}}, "type": "Resource"}]),
        );
    }
    if let Some(b) = existing(spec, "behavior") {
        if let Some(up) = child(b, "scaleUp") {
            set_default(up, "stabilizationWindowSeconds", json!(0));
            set_default(up, "selectPolicy", json!("Max"));
            set_default(
                up,
                "policies",
                json!([{"periodSeconds": 15, "type": "Pods", "value": 4},
                       {"periodSeconds": 15, "type": "Percent", "value": 100}]),
            );
        }
        if let Some(down) = child(b, "scaleDown") {
            set_default(down, "selectPolicy", json!("Max"));
            set_default(
                down,
                "policies",
                json!([{"periodSeconds": 15, "type": "Percent", "value": 100}]),
            );
        }
    }
}

/// PodDisruptionBudget status counters have no omitempty in Go.
pub(super) fn pdb(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    set_default(
        o,
        "status",
        json!({"currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0,
               "expectedPods": 0}),
    );
}

pub(super) fn crd(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    let Some(spec) = child(o, "spec") else { return };
    if let Some(conv) = child(spec, "conversion") {
        set_default(conv, "strategy", json!("None"));
    }
    if let Some(names) = existing(spec, "names") {
        if let Some(kind) = names
            .get("kind")
            .and_then(Value::as_str)
            .map(str::to_lowercase)
        {
            set_default(names, "singular", json!(kind));
        }
        if let Some(kind) = names
            .get("kind")
            .and_then(Value::as_str)
            .map(|k| format!("{k}List"))
        {
            set_default(names, "listKind", json!(kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply_defaults;
    use serde_json::json;

    #[test]
    fn service_as_kubectl_expose_stores_it() {
        let mut s = json!({"apiVersion": "v1", "kind": "Service",
            "metadata": {"creationTimestamp": null, "labels": {"app": "web"}, "name": "web"},
            "spec": {"ports": [{"port": 80, "protocol": "TCP", "targetPort": 8080}],
                     "selector": {"app": "web"}},
            "status": {"loadBalancer": {}}});
        apply_defaults("", "Service", &mut s);
        assert_eq!(
            s["spec"],
            json!({
            "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
            "ports": [{"port": 80, "protocol": "TCP", "targetPort": 8080}],
            "selector": {"app": "web"}, "sessionAffinity": "None", "type": "ClusterIP"})
        );
    }

    #[test]
    fn nodeport_and_loadbalancer_services() {
        let mut s =
            json!({"spec": {"type": "LoadBalancer", "ports": [{"port": 443, "name": "https"}]}});
        apply_defaults("", "Service", &mut s);
        assert_eq!(
            s["spec"]["ports"],
            json!([{"name": "https", "port": 443, "protocol": "TCP",
            "targetPort": 443}])
        );
        assert_eq!(s["spec"]["externalTrafficPolicy"], json!("Cluster"));
        assert_eq!(s["spec"]["allocateLoadBalancerNodePorts"], json!(true));
        assert_eq!(s["status"], json!({"loadBalancer": {}}));

        let mut e = json!({"spec": {"type": "ExternalName", "externalName": "example.com"}});
        apply_defaults("", "Service", &mut e);
        assert_eq!(
            e["spec"],
            json!({"externalName": "example.com", "sessionAffinity": "None",
            "type": "ExternalName"})
        );

        let mut c = json!({"spec": {"sessionAffinity": "ClientIP", "ports": [{"port": 1}]}});
        apply_defaults("", "Service", &mut c);
        assert_eq!(
            c["spec"]["sessionAffinityConfig"],
            json!({"clientIP": {"timeoutSeconds": 10800}})
        );
    }

    #[test]
    fn namespace_secret_pvc() {
        let mut ns = json!({"metadata": {"name": "dev"}});
        apply_defaults("", "Namespace", &mut ns);
        assert_eq!(
            ns,
            json!({"metadata": {"labels": {"kubernetes.io/metadata.name": "dev"},
            "name": "dev"}, "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}})
        );

        let mut s = json!({"data": {"a": "eQ=="}});
        apply_defaults("", "Secret", &mut s);
        assert_eq!(s["type"], json!("Opaque"));
        let mut sd =
            json!({"data": {"a": "eQ==", "b": "eQ=="}, "stringData": {"b": "hi", "c": ""}});
        apply_defaults("", "Secret", &mut sd);
        assert_eq!(
            sd,
            json!({"data": {"a": "eQ==", "b": "aGk=", "c": ""}, "type": "Opaque"})
        );
        let mut tls = json!({"type": "kubernetes.io/tls"});
        apply_defaults("", "Secret", &mut tls);
        assert_eq!(tls["type"], json!("kubernetes.io/tls"));

        let mut pvc = json!({"spec": {"accessModes": ["ReadWriteOnce"]}});
        apply_defaults("", "PersistentVolumeClaim", &mut pvc);
        assert_eq!(
            pvc,
            json!({"spec": {"accessModes": ["ReadWriteOnce"],
            "volumeMode": "Filesystem"}, "status": {"phase": "Pending"}})
        );
    }

    #[test]
    fn rbac_networking_storage_hpa() {
        let mut rb = json!({"subjects": [{"kind": "User", "name": "jane"},
            {"kind": "ServiceAccount", "name": "sa", "namespace": "default"}]});
        apply_defaults("rbac.authorization.k8s.io", "RoleBinding", &mut rb);
        assert_eq!(
            rb["subjects"][0]["apiGroup"],
            json!("rbac.authorization.k8s.io")
        );
        assert!(rb["subjects"][1].get("apiGroup").is_none());

        let mut np = json!({"spec": {"podSelector": {}, "egress": [{"ports": [{"port": 53}]}]}});
        apply_defaults("networking.k8s.io", "NetworkPolicy", &mut np);
        assert_eq!(np["spec"]["policyTypes"], json!(["Ingress", "Egress"]));
        assert_eq!(
            np["spec"]["egress"][0]["ports"][0],
            json!({"port": 53, "protocol": "TCP"})
        );

        let mut sc = json!({"provisioner": "x"});
        apply_defaults("storage.k8s.io", "StorageClass", &mut sc);
        assert_eq!(
            sc,
            json!({"provisioner": "x", "reclaimPolicy": "Delete",
            "volumeBindingMode": "Immediate"})
        );

        let mut hpa = json!({"spec": {"maxReplicas": 5}});
        apply_defaults("autoscaling", "HorizontalPodAutoscaler", &mut hpa);
        assert_eq!(hpa["spec"]["minReplicas"], json!(1));
        assert_eq!(
            hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"],
            json!(80)
        );

        let mut v1 = json!({"apiVersion": "autoscaling/v1", "spec": {"maxReplicas": 5}});
        apply_defaults("autoscaling", "HorizontalPodAutoscaler", &mut v1);
        assert_eq!(
            v1,
            json!({"apiVersion": "autoscaling/v1", "spec": {"maxReplicas": 5,
            "minReplicas": 1}, "status": {"currentReplicas": 0, "desiredReplicas": 0}})
        );

        let mut pdb = json!({"spec": {"minAvailable": 1}});
        apply_defaults("policy", "PodDisruptionBudget", &mut pdb);
        assert_eq!(pdb["status"]["disruptionsAllowed"], json!(0));

        let mut ing = json!({"spec": {}});
        apply_defaults("networking.k8s.io", "Ingress", &mut ing);
        assert_eq!(ing["status"], json!({"loadBalancer": {}}));
    }
}
