//! Printers for cluster and configuration objects: nodes, namespaces, events (both APIs),
//! config maps, secrets, service accounts, storage (PV, PVC, storage classes, volume
//! attachments), RBAC bindings, priority classes, leases, quotas, CSRs, runtime classes,
//! webhook configurations and API services.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::descriptions as d;
use super::{
    Printer, age, age_col, arr_at, col, condition_status, int_at, map_len, name, name_col, since,
    str_at, wide,
};

pub(super) fn printer(group: &str, resource: &str) -> Option<Printer> {
    let (columns, cells): (Vec<_>, super::CellsFn) = match (group, resource) {
        ("", "nodes") => (
            vec![
                name_col(),
                col("Status", "string", "The status of the node"),
                col("Roles", "string", "The roles of the node"),
                age_col(),
                col("Version", "string", d::NODE_KUBELET_VERSION),
                wide("Internal-IP", "string", d::NODE_ADDRESSES),
                wide("External-IP", "string", d::NODE_ADDRESSES),
                wide("OS-Image", "string", d::NODE_OS_IMAGE),
                wide("Kernel-Version", "string", d::NODE_KERNEL),
                wide("Container-Runtime", "string", d::NODE_RUNTIME),
            ],
            node_cells,
        ),
        ("", "namespaces") => (
            vec![
                name_col(),
                col("Status", "string", "The status of the namespace"),
                age_col(),
            ],
            namespace_cells,
        ),
        ("", "events") | ("events.k8s.io", "events") => (event_columns(), event_cells_any),
        ("", "configmaps") => (
            vec![name_col(), col("Data", "string", d::CM_DATA), age_col()],
            configmap_cells,
        ),
        ("", "secrets") => (
            vec![
                name_col(),
                col("Type", "string", d::SECRET_TYPE),
                col("Data", "string", d::SECRET_DATA),
                age_col(),
            ],
            secret_cells,
        ),
        ("", "serviceaccounts") => (
            vec![
                name_col(),
                col("Secrets", "string", d::SA_SECRETS),
                age_col(),
            ],
            service_account_cells,
        ),
        ("", "persistentvolumes") => (
            vec![
                name_col(),
                col("Capacity", "string", d::PV_CAPACITY),
                col("Access Modes", "string", d::PV_ACCESS_MODES),
                col("Reclaim Policy", "string", d::PV_RECLAIM),
                col("Status", "string", d::PV_PHASE),
                col("Claim", "string", d::PV_CLAIM),
                col("StorageClass", "string", "StorageClass of the pv"),
                col(
                    "VolumeAttributesClass",
                    "string",
                    "VolumeAttributesClass of the pv",
                ),
                col("Reason", "string", d::PV_REASON),
                age_col(),
                wide("VolumeMode", "string", d::PV_VOLUME_MODE),
            ],
            pv_cells,
        ),
        ("", "persistentvolumeclaims") => (
            vec![
                name_col(),
                col("Status", "string", d::PVC_PHASE),
                col("Volume", "string", d::PVC_VOLUME),
                col("Capacity", "string", d::PVC_CAPACITY),
                col("Access Modes", "string", d::PVC_ACCESS_MODES),
                col("StorageClass", "string", "StorageClass of the pvc"),
                col(
                    "VolumeAttributesClass",
                    "string",
                    "VolumeAttributesClass of the pvc",
                ),
                age_col(),
                wide("VolumeMode", "string", d::PVC_VOLUME_MODE),
            ],
            pvc_cells,
        ),
        ("storage.k8s.io", "storageclasses") => (
            vec![
                name_col(),
                col("Provisioner", "string", d::SC_PROVISIONER),
                col("ReclaimPolicy", "string", d::SC_RECLAIM),
                col("VolumeBindingMode", "string", d::SC_BINDING_MODE),
                col("AllowVolumeExpansion", "string", d::SC_EXPANSION),
                age_col(),
            ],
            storage_class_cells,
        ),
        ("storage.k8s.io", "volumeattachments") => (
            vec![
                name_col(),
                super::Col {
                    format: "name".to_string(),
                    ..col("Attacher", "string", d::VA_ATTACHER)
                },
                col("PV", "string", d::VA_PV),
                col("Node", "string", d::VA_NODE),
                col("Attached", "boolean", d::VA_ATTACHED),
                age_col(),
            ],
            volume_attachment_cells,
        ),
        ("rbac.authorization.k8s.io", "rolebindings") => (
            binding_columns(d::RB_ROLE_REF, "roleBinding"),
            binding_cells,
        ),
        ("rbac.authorization.k8s.io", "clusterrolebindings") => (
            binding_columns(d::CRB_ROLE_REF, "clusterRoleBinding"),
            binding_cells,
        ),
        ("scheduling.k8s.io", "priorityclasses") => (
            vec![
                name_col(),
                col("Value", "integer", d::PC_VALUE),
                col("Global-Default", "boolean", d::PC_GLOBAL_DEFAULT),
                age_col(),
                col("PreemptionPolicy", "string", d::PC_PREEMPTION),
            ],
            priority_class_cells,
        ),
        ("coordination.k8s.io", "leases") => (
            vec![
                name_col(),
                col("Holder", "string", d::LEASE_HOLDER),
                age_col(),
            ],
            lease_cells,
        ),
        ("", "resourcequotas") => (
            vec![
                name_col(),
                age_col(),
                col(
                    "Request",
                    "string",
                    "Request represents a minimum amount of cpu/memory that a container may consume.",
                ),
                col(
                    "Limit",
                    "string",
                    "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.",
                ),
            ],
            resource_quota_cells,
        ),
        ("certificates.k8s.io", "certificatesigningrequests") => (
            vec![
                name_col(),
                age_col(),
                col("SignerName", "string", d::CSR_SIGNER),
                col("Requestor", "string", d::CSR_REQUEST),
                col("RequestedDuration", "string", d::CSR_EXPIRATION),
                col("Condition", "string", d::CSR_CONDITIONS),
            ],
            csr_cells,
        ),
        // The real printer reads the description from ObjectMeta's docs, which have no
        // "handler" entry, so it is empty.
        ("node.k8s.io", "runtimeclasses") => (
            vec![name_col(), col("Handler", "string", ""), age_col()],
            runtime_class_cells,
        ),
        ("admissionregistration.k8s.io", "mutatingwebhookconfigurations")
        | ("admissionregistration.k8s.io", "validatingwebhookconfigurations") => (
            vec![
                name_col(),
                col(
                    "Webhooks",
                    "integer",
                    "Webhooks indicates the number of webhooks registered in this configuration",
                ),
                age_col(),
            ],
            webhook_cells,
        ),
        ("apiregistration.k8s.io", "apiservices") => (
            vec![
                name_col(),
                col(
                    "Service",
                    "string",
                    "The reference to the service that hosts this API endpoint.",
                ),
                col("Available", "string", "Whether this service is available."),
                age_col(),
            ],
            api_service_cells,
        ),
        _ => return None,
    };
    Some(Printer { columns, cells })
}

// ---------------------------------------------------------------------------------------------
// Nodes and namespaces.

fn node_cells(node: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let mut status: Vec<&str> = match condition_status(arr_at(node, "/status/conditions"), "Ready")
    {
        Some("True") => vec!["Ready"],
        Some(_) => vec!["NotReady"],
        None => vec!["Unknown"],
    };
    if node.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
        status.push("SchedulingDisabled");
    }
    // findNodeRoles: node-role.kubernetes.io/<role> keys and kubernetes.io/role values.
    let mut roles: Vec<String> = Vec::new();
    if let Some(labels) = node.pointer("/metadata/labels").and_then(Value::as_object) {
        for (k, v) in labels {
            let v = v.as_str().unwrap_or_default();
            if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                if !role.is_empty() {
                    roles.push(role.to_string());
                }
            } else if k == "kubernetes.io/role" && !v.is_empty() {
                roles.push(v.to_string());
            }
        }
    }
    roles.sort();
    roles.dedup();
    let roles = if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    };
    let address = |t: &str| {
        arr_at(node, "/status/addresses")
            .iter()
            .find(|a| str_at(a, "/type") == t)
            .map_or("<none>", |a| str_at(a, "/address"))
            .to_string()
    };
    let info = |f: &str| match str_at(node, &format!("/status/nodeInfo/{f}")) {
        "" => "<unknown>".to_string(),
        s => s.to_string(),
    };
    vec![
        json!(name(node)),
        json!(status.join(",")),
        json!(roles),
        age(node, now),
        json!(str_at(node, "/status/nodeInfo/kubeletVersion")),
        json!(address("InternalIP")),
        json!(address("ExternalIP")),
        json!(info("osImage")),
        json!(info("kernelVersion")),
        json!(info("containerRuntimeVersion")),
    ]
}

fn namespace_cells(ns: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(ns)),
        json!(str_at(ns, "/status/phase")),
        age(ns, now),
    ]
}

// ---------------------------------------------------------------------------------------------
// Events.

fn event_columns() -> Vec<super::Col> {
    vec![
        col("Last Seen", "string", d::EV_LAST),
        col("Type", "string", d::EV_TYPE),
        col("Reason", "string", d::EV_REASON),
        col("Object", "string", d::EV_OBJECT),
        wide("Subobject", "string", d::EV_FIELD_PATH),
        wide("Source", "string", d::EV_SOURCE),
        col("Message", "string", d::EV_MESSAGE),
        wide("First Seen", "string", d::EV_FIRST),
        wide("Count", "string", d::EV_COUNT),
        super::Col {
            format: "name".to_string(),
            ..wide("Name", "string", d::META_NAME)
        },
    ]
}

/// An events.k8s.io/v1 Event in core/v1 field names, as the apiserver converts it to the
/// internal type before printing.
fn core_event_view(ev: &Value) -> Value {
    if ev.get("regarding").is_none()
        && ev.get("note").is_none()
        && ev.get("deprecatedSource").is_none()
    {
        return ev.clone();
    }
    json!({
        "metadata": ev.get("metadata").cloned().unwrap_or(Value::Null),
        "involvedObject": ev.get("regarding").cloned().unwrap_or(Value::Null),
        "type": ev.get("type").cloned().unwrap_or(Value::Null),
        "reason": ev.get("reason").cloned().unwrap_or(Value::Null),
        "message": ev.get("note").cloned().unwrap_or(Value::Null),
        "source": ev.get("deprecatedSource").cloned().unwrap_or(Value::Null),
        "firstTimestamp": ev.get("deprecatedFirstTimestamp").cloned().unwrap_or(Value::Null),
        "lastTimestamp": ev.get("deprecatedLastTimestamp").cloned().unwrap_or(Value::Null),
        "count": ev.get("deprecatedCount").cloned().unwrap_or(Value::Null),
        "eventTime": ev.get("eventTime").cloned().unwrap_or(Value::Null),
        "series": ev.get("series").cloned().unwrap_or(Value::Null),
        "reportingComponent": ev.get("reportingController").cloned().unwrap_or(Value::Null),
        "reportingInstance": ev.get("reportingInstance").cloned().unwrap_or(Value::Null),
    })
}

fn event_cells_any(ev: &Value, now: DateTime<Utc>) -> Vec<Value> {
    event_cells(&core_event_view(ev), now)
}

fn event_cells(ev: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let first_ts = str_at(ev, "/firstTimestamp");
    let first = if first_ts.is_empty() {
        since(str_at(ev, "/eventTime"), now)
    } else {
        since(first_ts, now)
    };
    let last_ts = str_at(ev, "/lastTimestamp");
    let mut last = if last_ts.is_empty() {
        first.clone()
    } else {
        since(last_ts, now)
    };
    let mut count = int_at(ev, "/count");
    if ev.get("series").is_some_and(Value::is_object) {
        last = since(str_at(ev, "/series/lastObservedTime"), now);
        count = int_at(ev, "/series/count");
    } else if count == 0 {
        // Singleton events of the new API have no count.
        count = 1;
    }
    let kind = str_at(ev, "/involvedObject/kind").to_lowercase();
    let obj_name = str_at(ev, "/involvedObject/name");
    let target = if obj_name.is_empty() {
        kind
    } else {
        format!("{kind}/{obj_name}")
    };
    // formatEventSource: component (else reportingController), then host (else instance).
    let first_non_empty = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            a.to_string()
        }
    };
    let component = first_non_empty(
        str_at(ev, "/source/component"),
        str_at(ev, "/reportingComponent"),
    );
    let host = first_non_empty(str_at(ev, "/source/host"), str_at(ev, "/reportingInstance"));
    let source = if host.is_empty() {
        component
    } else {
        format!("{component}, {host}")
    };
    vec![
        json!(last),
        json!(str_at(ev, "/type")),
        json!(str_at(ev, "/reason")),
        json!(target),
        json!(str_at(ev, "/involvedObject/fieldPath")),
        json!(source),
        json!(str_at(ev, "/message").trim()),
        json!(first),
        json!(count),
        json!(name(ev)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Configuration.

fn configmap_cells(cm: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(cm)),
        json!(map_len(cm, "/data") + map_len(cm, "/binaryData")),
        age(cm, now),
    ]
}

fn secret_cells(s: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(s)),
        json!(str_at(s, "/type")),
        json!(map_len(s, "/data")),
        age(s, now),
    ]
}

fn service_account_cells(sa: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(sa)),
        json!(arr_at(sa, "/secrets").len()),
        age(sa, now),
    ]
}

// ---------------------------------------------------------------------------------------------
// Storage.

/// `GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order, deduplicated.
fn access_modes(modes: &[Value]) -> String {
    let has = |m: &str| modes.iter().any(|v| v.as_str() == Some(m));
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(m, _)| has(m))
    .map(|(_, s)| *s)
    .collect::<Vec<_>>()
    .join(",")
}

/// The storage class: the beta annotation wins over `spec.storageClassName`.
fn storage_class(obj: &Value) -> String {
    if let Some(c) = obj
        .pointer("/metadata/annotations/volume.beta.kubernetes.io~1storage-class")
        .and_then(Value::as_str)
    {
        return c.to_string();
    }
    str_at(obj, "/spec/storageClassName").to_string()
}

fn quantity_or_zero(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "0".to_string(),
    }
}

fn pv_cells(pv: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let claim = match pv.pointer("/spec/claimRef").filter(|c| c.is_object()) {
        Some(c) => format!("{}/{}", str_at(c, "/namespace"), str_at(c, "/name")),
        None => String::new(),
    };
    let phase = if super::is_deleting(pv) {
        "Terminating"
    } else {
        str_at(pv, "/status/phase")
    };
    let unset = |p: &str| {
        pv.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("<unset>")
            .to_string()
    };
    vec![
        json!(name(pv)),
        json!(quantity_or_zero(pv.pointer("/spec/capacity/storage"))),
        json!(access_modes(arr_at(pv, "/spec/accessModes"))),
        json!(str_at(pv, "/spec/persistentVolumeReclaimPolicy")),
        json!(phase),
        json!(claim),
        json!(storage_class(pv)),
        json!(unset("/spec/volumeAttributesClassName")),
        json!(str_at(pv, "/status/reason")),
        age(pv, now),
        json!(unset("/spec/volumeMode")),
    ]
}

fn pvc_cells(pvc: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let phase = if super::is_deleting(pvc) {
        "Terminating"
    } else {
        str_at(pvc, "/status/phase")
    };
    let volume = str_at(pvc, "/spec/volumeName");
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            quantity_or_zero(pvc.pointer("/status/capacity/storage")),
            access_modes(arr_at(pvc, "/status/accessModes")),
        )
    };
    let unset = |p: &str| {
        pvc.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("<unset>")
            .to_string()
    };
    vec![
        json!(name(pvc)),
        json!(phase),
        json!(volume),
        json!(capacity),
        json!(modes),
        json!(storage_class(pvc)),
        json!(unset("/spec/volumeAttributesClassName")),
        age(pvc, now),
        json!(unset("/spec/volumeMode")),
    ]
}

fn storage_class_cells(sc: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let ann = |k: &str| {
        sc.pointer("/metadata/annotations")
            .and_then(|a| a.get(k))
            .and_then(Value::as_str)
            == Some("true")
    };
    let mut n = name(sc).to_string();
    if ann("storageclass.kubernetes.io/is-default-class")
        || ann("storageclass.beta.kubernetes.io/is-default-class")
    {
        n.push_str(" (default)");
    }
    vec![
        json!(n),
        json!(str_at(sc, "/provisioner")),
        json!(
            sc.get("reclaimPolicy")
                .and_then(Value::as_str)
                .unwrap_or("Delete")
        ),
        json!(
            sc.get("volumeBindingMode")
                .and_then(Value::as_str)
                .unwrap_or("Immediate")
        ),
        json!(
            sc.get("allowVolumeExpansion")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        ),
        age(sc, now),
    ]
}

fn volume_attachment_cells(va: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(va)),
        json!(str_at(va, "/spec/attacher")),
        json!(str_at(va, "/spec/source/persistentVolumeName")),
        json!(str_at(va, "/spec/nodeName")),
        json!(
            va.pointer("/status/attached")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        ),
        age(va, now),
    ]
}

// ---------------------------------------------------------------------------------------------
// RBAC, scheduling, coordination, quota, certificates, admission.

fn binding_columns(role_desc: &str, what: &str) -> Vec<super::Col> {
    vec![
        name_col(),
        col("Role", "string", role_desc),
        age_col(),
        wide("Users", "string", &format!("Users in the {what}")),
        wide("Groups", "string", &format!("Groups in the {what}")),
        wide(
            "ServiceAccounts",
            "string",
            &format!("ServiceAccounts in the {what}"),
        ),
    ]
}

fn binding_cells(b: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let (mut users, mut groups, mut sas) = (Vec::new(), Vec::new(), Vec::new());
    for s in arr_at(b, "/subjects") {
        match str_at(s, "/kind") {
            "ServiceAccount" => sas.push(format!(
                "{}/{}",
                str_at(s, "/namespace"),
                str_at(s, "/name")
            )),
            "User" => users.push(str_at(s, "/name").to_string()),
            "Group" => groups.push(str_at(s, "/name").to_string()),
            _ => {}
        }
    }
    vec![
        json!(name(b)),
        json!(format!(
            "{}/{}",
            str_at(b, "/roleRef/kind"),
            str_at(b, "/roleRef/name")
        )),
        age(b, now),
        json!(users.join(", ")),
        json!(groups.join(", ")),
        json!(sas.join(", ")),
    ]
}

fn priority_class_cells(pc: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(pc)),
        json!(int_at(pc, "/value")),
        json!(
            pc.get("globalDefault")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        ),
        age(pc, now),
        json!(str_at(pc, "/preemptionPolicy")),
    ]
}

fn lease_cells(l: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(l)),
        json!(str_at(l, "/spec/holderIdentity")),
        age(l, now),
    ]
}

fn resource_quota_cells(rq: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let mut resources: Vec<&String> = rq
        .pointer("/status/hard")
        .and_then(Value::as_object)
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    resources.sort();
    let (mut requests, mut limits) = (Vec::new(), Vec::new());
    for r in resources {
        let used = quantity_or_zero(rq.pointer("/status/used").and_then(|u| u.get(r.as_str())));
        let hard = quantity_or_zero(rq.pointer("/status/hard").and_then(|h| h.get(r.as_str())));
        let entry = format!("{r}: {used}/{hard}");
        let pieces: Vec<&str> = r.split('.').collect();
        if pieces.len() > 1 && pieces[0] == "limits" {
            limits.push(entry);
        } else {
            requests.push(entry);
        }
    }
    vec![
        json!(name(rq)),
        age(rq, now),
        json!(requests.join(", ")),
        json!(limits.join(", ")),
    ]
}

fn csr_cells(csr: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let conds = arr_at(csr, "/status/conditions");
    let has = |t: &str| conds.iter().any(|c| str_at(c, "/type") == t);
    let mut status = if has("Denied") {
        "Denied".to_string()
    } else if has("Approved") {
        "Approved".to_string()
    } else {
        "Pending".to_string()
    };
    if has("Failed") {
        status.push_str(",Failed");
    }
    if !str_at(csr, "/status/certificate").is_empty() {
        status.push_str(",Issued");
    }
    let signer = match str_at(csr, "/spec/signerName") {
        "" => "<none>",
        s => s,
    };
    let duration = match csr
        .pointer("/spec/expirationSeconds")
        .and_then(Value::as_i64)
    {
        None => "<none>".to_string(),
        Some(s) => chrono::Duration::try_seconds(s)
            .map_or_else(|| "<invalid>".to_string(), super::human_duration),
    };
    vec![
        json!(name(csr)),
        age(csr, now),
        json!(signer),
        json!(str_at(csr, "/spec/username")),
        json!(duration),
        json!(status),
    ]
}

fn runtime_class_cells(rc: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![json!(name(rc)), json!(str_at(rc, "/handler")), age(rc, now)]
}

fn webhook_cells(w: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(w)),
        json!(arr_at(w, "/webhooks").len()),
        age(w, now),
    ]
}

fn api_service_cells(a: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let service = match a.pointer("/spec/service").filter(|s| s.is_object()) {
        Some(s) => format!("{}/{}", str_at(s, "/namespace"), str_at(s, "/name")),
        None => "Local".to_string(),
    };
    let status = match arr_at(a, "/status/conditions")
        .iter()
        .find(|c| str_at(c, "/type") == "Available")
    {
        None => "Unknown".to_string(),
        Some(c) if str_at(c, "/status") == "True" => "True".to_string(),
        Some(c) if !str_at(c, "/reason").is_empty() => {
            format!("{} ({})", str_at(c, "/status"), str_at(c, "/reason"))
        }
        Some(c) => str_at(c, "/status").to_string(),
    };
    vec![json!(name(a)), json!(service), json!(status), age(a, now)]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ago, cells, headers};
    use serde_json::{Value, json};

    #[test]
    fn node_rows() {
        assert_eq!(
            headers("", "nodes"),
            [
                "Name",
                "Status",
                "Roles",
                "Age",
                "Version",
                "Internal-IP*",
                "External-IP*",
                "OS-Image*",
                "Kernel-Version*",
                "Container-Runtime*"
            ]
        );
        let node = json!({"metadata": {"name": "node-1", "creationTimestamp": ago(10 * 86400),
                "labels": {"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "master",
                           "node-role.kubernetes.io/": "x", "kubernetes.io/hostname": "node-1"}},
            "spec": {"unschedulable": true},
            "status": {"conditions": [{"type": "MemoryPressure", "status": "False"}, {"type": "Ready", "status": "True"}],
                "addresses": [{"type": "Hostname", "address": "node-1"}, {"type": "InternalIP", "address": "172.18.0.2"}],
                "nodeInfo": {"kubeletVersion": "v1.33.1", "osImage": "Debian GNU/Linux 12 (bookworm)",
                    "kernelVersion": "6.1.0", "containerRuntimeVersion": "containerd://2.0.0"}}});
        assert_eq!(
            Value::Array(cells("", "nodes", node)),
            json!([
                "node-1",
                "Ready,SchedulingDisabled",
                "control-plane,master",
                "10d",
                "v1.33.1",
                "172.18.0.2",
                "<none>",
                "Debian GNU/Linux 12 (bookworm)",
                "6.1.0",
                "containerd://2.0.0"
            ])
        );
        let node = json!({"metadata": {"name": "n2"}, "status": {"conditions": [{"type": "Ready", "status": "Unknown"}]}});
        assert_eq!(
            Value::Array(cells("", "nodes", node)),
            json!([
                "n2",
                "NotReady",
                "<none>",
                "<unknown>",
                "",
                "<none>",
                "<none>",
                "<unknown>",
                "<unknown>",
                "<unknown>"
            ])
        );
        assert_eq!(
            cells("", "nodes", json!({"metadata": {"name": "n3"}}))[1],
            "Unknown"
        );
    }

    #[test]
    fn namespace_configmap_secret_sa_rows() {
        let ns = json!({"metadata": {"name": "kube-system", "creationTimestamp": ago(5)}, "status": {"phase": "Active"}});
        assert_eq!(
            Value::Array(cells("", "namespaces", ns)),
            json!(["kube-system", "Active", "5s"])
        );
        let s = json!({"metadata": {"name": "tls"}, "type": "kubernetes.io/tls", "data": {"tls.crt": "", "tls.key": ""}});
        assert_eq!(
            Value::Array(cells("", "secrets", s)),
            json!(["tls", "kubernetes.io/tls", 2, "<unknown>"])
        );
        let cm = json!({"metadata": {"name": "empty"}});
        assert_eq!(
            Value::Array(cells("", "configmaps", cm)),
            json!(["empty", 0, "<unknown>"])
        );
        let sa = json!({"metadata": {"name": "default"}});
        assert_eq!(
            Value::Array(cells("", "serviceaccounts", sa)),
            json!(["default", 0, "<unknown>"])
        );
    }

    #[test]
    fn event_rows() {
        assert_eq!(
            headers("", "events"),
            [
                "Last Seen",
                "Type",
                "Reason",
                "Object",
                "Subobject*",
                "Source*",
                "Message",
                "First Seen*",
                "Count*",
                "Name*"
            ]
        );
        let ev = json!({"metadata": {"name": "web-1.17a", "namespace": "default"},
            "involvedObject": {"kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{app}"},
            "reason": "Pulled", "message": "  Container image \"nginx\" already present on machine\n",
            "source": {"component": "kubelet", "host": "node-1"}, "type": "Normal",
            "firstTimestamp": ago(300), "lastTimestamp": ago(40), "count": 3});
        assert_eq!(
            Value::Array(cells("", "events", ev)),
            json!([
                "40s",
                "Normal",
                "Pulled",
                "pod/web-1",
                "spec.containers{app}",
                "kubelet, node-1",
                "Container image \"nginx\" already present on machine",
                "5m",
                3,
                "web-1.17a"
            ])
        );
        // New-style event: eventTime only, reporting controller, no count.
        let ev = json!({"metadata": {"name": "e2"}, "involvedObject": {"kind": "Deployment", "name": "web"},
            "reason": "ScalingReplicaSet", "message": "Scaled up", "type": "Normal",
            "eventTime": "2026-01-02T11:59:50.123456Z", "reportingComponent": "deployment-controller",
            "firstTimestamp": null, "lastTimestamp": null});
        assert_eq!(
            Value::Array(cells("", "events", ev)),
            json!([
                "9s",
                "Normal",
                "ScalingReplicaSet",
                "deployment/web",
                "",
                "deployment-controller",
                "Scaled up",
                "9s",
                1,
                "e2"
            ])
        );
        // events.k8s.io shape, with a series.
        let ev = json!({"metadata": {"name": "e3"}, "regarding": {"kind": "Node", "name": "node-1"},
            "reason": "NodeReady", "note": "ready", "type": "Normal", "reportingController": "kubelet",
            "reportingInstance": "node-1", "eventTime": ago(600),
            "series": {"count": 4, "lastObservedTime": ago(20)}});
        assert_eq!(
            Value::Array(cells("events.k8s.io", "events", ev)),
            json!([
                "20s",
                "Normal",
                "NodeReady",
                "node/node-1",
                "",
                "kubelet, node-1",
                "ready",
                "10m",
                4,
                "e3"
            ])
        );
    }

    #[test]
    fn storage_rows() {
        let pv = json!({"metadata": {"name": "pv1", "creationTimestamp": ago(60)},
            "spec": {"capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteMany", "ReadWriteOnce"],
                "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "standard",
                "claimRef": {"namespace": "default", "name": "data"}, "volumeMode": "Filesystem"},
            "status": {"phase": "Bound"}});
        assert_eq!(
            Value::Array(cells("", "persistentvolumes", pv)),
            json!([
                "pv1",
                "10Gi",
                "RWO,RWX",
                "Retain",
                "Bound",
                "default/data",
                "standard",
                "<unset>",
                "",
                "60s",
                "Filesystem"
            ])
        );
        let pvc = json!({"metadata": {"name": "data"}, "spec": {"storageClassName": "standard",
                "resources": {"requests": {"storage": "1Gi"}}},
            "status": {"phase": "Pending"}});
        assert_eq!(
            Value::Array(cells("", "persistentvolumeclaims", pvc)),
            json!([
                "data",
                "Pending",
                "",
                "",
                "",
                "standard",
                "<unset>",
                "<unknown>",
                "<unset>"
            ])
        );
        let pvc = json!({"metadata": {"name": "data"}, "spec": {"volumeName": "pv1", "volumeMode": "Block"},
            "status": {"phase": "Bound", "capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"]}});
        let c = cells("", "persistentvolumeclaims", pvc);
        assert_eq!(
            (c[2].as_str(), c[3].as_str(), c[4].as_str(), c[8].as_str()),
            (Some("pv1"), Some("10Gi"), Some("RWO"), Some("Block"))
        );
        let sc = json!({"metadata": {"name": "standard",
                "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
            "provisioner": "rancher.io/local-path", "volumeBindingMode": "WaitForFirstConsumer"});
        assert_eq!(
            Value::Array(cells("storage.k8s.io", "storageclasses", sc)),
            json!([
                "standard (default)",
                "rancher.io/local-path",
                "Delete",
                "WaitForFirstConsumer",
                false,
                "<unknown>"
            ])
        );
    }

    #[test]
    fn rbac_and_misc_rows() {
        assert_eq!(
            headers("rbac.authorization.k8s.io", "rolebindings"),
            [
                "Name",
                "Role",
                "Age",
                "Users*",
                "Groups*",
                "ServiceAccounts*"
            ]
        );
        let rb = json!({"metadata": {"name": "rb"}, "roleRef": {"kind": "ClusterRole", "name": "view"},
            "subjects": [{"kind": "User", "name": "alice"}, {"kind": "User", "name": "bob"},
                {"kind": "Group", "name": "devs"}, {"kind": "ServiceAccount", "namespace": "ci", "name": "bot"}]});
        assert_eq!(
            Value::Array(cells("rbac.authorization.k8s.io", "rolebindings", rb)),
            json!([
                "rb",
                "ClusterRole/view",
                "<unknown>",
                "alice, bob",
                "devs",
                "ci/bot"
            ])
        );
        let pc = json!({"metadata": {"name": "system-node-critical"}, "value": 2000001000, "preemptionPolicy": "PreemptLowerPriority"});
        assert_eq!(
            Value::Array(cells("scheduling.k8s.io", "priorityclasses", pc)),
            json!([
                "system-node-critical",
                2000001000,
                false,
                "<unknown>",
                "PreemptLowerPriority"
            ])
        );
        let lease = json!({"metadata": {"name": "node-1"}, "spec": {"holderIdentity": "node-1"}});
        assert_eq!(
            Value::Array(cells("coordination.k8s.io", "leases", lease)),
            json!(["node-1", "node-1", "<unknown>"])
        );
        let rq = json!({"metadata": {"name": "q"}, "status": {"hard": {"pods": "10", "limits.cpu": "2", "requests.cpu": "1"},
            "used": {"pods": "3", "requests.cpu": "500m"}}});
        assert_eq!(
            Value::Array(cells("", "resourcequotas", rq)),
            json!([
                "q",
                "<unknown>",
                "pods: 3/10, requests.cpu: 500m/1",
                "limits.cpu: 0/2"
            ])
        );
        let csr = json!({"metadata": {"name": "c"}, "spec": {"signerName": "kubernetes.io/kube-apiserver-client",
            "username": "alice", "expirationSeconds": 86400},
            "status": {"conditions": [{"type": "Approved", "status": "True"}], "certificate": "Zm9v"}});
        assert_eq!(
            Value::Array(cells(
                "certificates.k8s.io",
                "certificatesigningrequests",
                csr
            )),
            json!([
                "c",
                "<unknown>",
                "kubernetes.io/kube-apiserver-client",
                "alice",
                "24h",
                "Approved,Issued"
            ])
        );
        let api = json!({"metadata": {"name": "v1.apps"}, "status": {"conditions": [{"type": "Available", "status": "True"}]}});
        assert_eq!(
            Value::Array(cells("apiregistration.k8s.io", "apiservices", api)),
            json!(["v1.apps", "Local", "True", "<unknown>"])
        );
        let api = json!({"metadata": {"name": "v1beta1.metrics.k8s.io"},
            "spec": {"service": {"namespace": "kube-system", "name": "metrics-server"}},
            "status": {"conditions": [{"type": "Available", "status": "False", "reason": "MissingEndpoints"}]}});
        assert_eq!(
            cells("apiregistration.k8s.io", "apiservices", api)[2],
            "False (MissingEndpoints)"
        );
        let wh = json!({"metadata": {"name": "w"}, "webhooks": [{}, {}]});
        assert_eq!(
            cells(
                "admissionregistration.k8s.io",
                "validatingwebhookconfigurations",
                wh
            )[1],
            2
        );
    }
}
