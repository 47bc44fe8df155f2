//! Nodes: roles, taints, lease, conditions, addresses, capacity, system info, the
//! non-terminated pods with their share of the node's allocatable CPU and memory, and the
//! allocated totals.

use std::collections::BTreeMap;

use serde_json::Value;

use super::pod::list;
use super::quantity::Quantity;
use super::{PrefixWriter, Related, annotations, at, labels, rfc1123z, str_at, string_map};
use crate::printers::humanize::translate_timestamp_since;

/// Write a Node's report (without events).
pub fn describe(w: &mut PrefixWriter, node: &Value, related: &Related) {
    let spec = node.get("spec").unwrap_or(&Value::Null);
    let status = node.get("status").unwrap_or(&Value::Null);
    let node_labels = string_map(at(node, &["metadata", "labels"]));
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(node, &["metadata", "name"])),
    );
    w.write(0, &format!("Roles:\t{}\n", roles(&node_labels)));
    labels(w, 0, "Labels", &node_labels);
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(node, &["metadata", "annotations"])),
    );
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z(str_at(node, &["metadata", "creationTimestamp"]))
        ),
    );
    taints(w, list(spec, "taints"));
    let unsched = spec
        .get("unschedulable")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    w.write(0, &format!("Unschedulable:\t{unsched}\n"));
    match &related.lease {
        Some(Ok(lease)) => {
            w.write(0, "Lease:\n");
            let or_unset = |k: &str, time: bool| {
                let v = str_at(lease, &["spec", k]);
                match (v.is_empty(), time) {
                    (true, _) => "<unset>".to_string(),
                    (false, true) => rfc1123z(v),
                    (false, false) => v.to_string(),
                }
            };
            w.write(
                1,
                &format!("HolderIdentity:\t{}\n", or_unset("holderIdentity", false)),
            );
            w.write(
                1,
                &format!("AcquireTime:\t{}\n", or_unset("acquireTime", true)),
            );
            w.write(1, &format!("RenewTime:\t{}\n", or_unset("renewTime", true)));
        }
        Some(Err(e)) => w.write(0, &format!("Lease:\tFailed to get lease: {e}\n")),
        None => {}
    }
    let conditions = list(status, "conditions");
    if !conditions.is_empty() {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    str_at(c, &["type"]),
                    str_at(c, &["status"]),
                    rfc1123z(str_at(c, &["lastHeartbeatTime"])),
                    rfc1123z(str_at(c, &["lastTransitionTime"])),
                    str_at(c, &["reason"]),
                    str_at(c, &["message"])
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    for a in list(status, "addresses") {
        w.write(
            1,
            &format!("{}:\t{}\n", str_at(a, &["type"]), str_at(a, &["address"])),
        );
    }
    for (key, title) in [("capacity", "Capacity"), ("allocatable", "Allocatable")] {
        let m = string_map(status.get(key));
        if !m.is_empty() {
            w.write(0, &format!("{title}:\n"));
            for (k, v) in m {
                w.write(1, &format!("{k}:\t{v}\n"));
            }
        }
    }
    let info = status.get("nodeInfo").unwrap_or(&Value::Null);
    w.write(0, "System Info:\n");
    for (key, title) in [
        ("machineID", "Machine ID"),
        ("systemUUID", "System UUID"),
        ("bootID", "Boot ID"),
        ("kernelVersion", "Kernel Version"),
        ("osImage", "OS Image"),
        ("operatingSystem", "Operating System"),
        ("architecture", "Architecture"),
        ("containerRuntimeVersion", "Container Runtime Version"),
        ("kubeletVersion", "Kubelet Version"),
        ("kubeProxyVersion", "Kube-Proxy Version"),
    ] {
        w.write(1, &format!("{title}:\t{}\n", str_at(info, &[key])));
    }
    let cidr = str_at(spec, &["podCIDR"]);
    if !cidr.is_empty() {
        w.write(0, &format!("PodCIDR:\t{cidr}\n"));
    }
    let cidrs: Vec<&str> = list(spec, "podCIDRs")
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    if !cidrs.is_empty() {
        w.write(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    let provider = str_at(spec, &["providerID"]);
    if !provider.is_empty() {
        w.write(0, &format!("ProviderID:\t{provider}\n"));
    }
    resources(w, status, &related.pods);
}

/// Roles from `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`.
fn roles(labels: &BTreeMap<String, String>) -> String {
    let mut roles: Vec<&str> = Vec::new();
    for (k, v) in labels {
        if let Some(r) = k.strip_prefix("node-role.kubernetes.io/") {
            if !r.is_empty() {
                roles.push(r);
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.push(v);
        }
    }
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        "<none>".into()
    } else {
        roles.join(",")
    }
}

fn taints(w: &mut PrefixWriter, taints: Vec<&Value>) {
    w.write(0, "Taints:\t");
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut taints = taints;
    taints.sort_by_key(|t| format!("{},{}", str_at(t, &["effect"]), str_at(t, &["key"])));
    for (i, t) in taints.into_iter().enumerate() {
        if i > 0 {
            w.write(0, "\t");
        }
        let value = str_at(t, &["value"]);
        let value = if value.is_empty() {
            String::new()
        } else {
            format!("={value}")
        };
        w.line(&format!(
            "{}{value}:{}",
            str_at(t, &["key"]),
            str_at(t, &["effect"])
        ));
    }
}

/// A pod's requests and limits: containers summed, each init container as a floor.
fn pod_requests_limits(pod: &Value) -> (BTreeMap<String, Quantity>, BTreeMap<String, Quantity>) {
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let collect = |key: &str, which: &str| {
        let mut sum: BTreeMap<String, Quantity> = BTreeMap::new();
        for c in list(spec, key) {
            for (name, v) in string_map(at(c, &["resources", which])) {
                if let Some(q) = Quantity::parse(&v) {
                    let e = sum.entry(name).or_default();
                    *e = *e + q;
                }
            }
        }
        sum
    };
    let mut out = Vec::new();
    for which in ["requests", "limits"] {
        let mut total = collect("containers", which);
        for c in list(spec, "initContainers") {
            for (name, v) in string_map(at(c, &["resources", which])) {
                if let Some(q) = Quantity::parse(&v) {
                    let e = total.entry(name).or_default();
                    if q.milli > e.milli {
                        *e = q;
                    }
                }
            }
        }
        for (name, v) in string_map(at(spec, &["overhead"])) {
            if let Some(q) = Quantity::parse(&v)
                && let Some(e) = total.get_mut(&name)
            {
                *e = *e + q;
            }
        }
        out.push(total);
    }
    let limits = out.pop().unwrap_or_default();
    let requests = out.pop().unwrap_or_default();
    (requests, limits)
}

/// `q (N%)` of `alloc`, in whole units for memory-like resources and millis for CPU.
fn share(q: Quantity, alloc: Option<Quantity>, cpu: bool) -> String {
    let pct = match alloc {
        Some(a) if cpu && a.milli != 0 => (q.milli as f64 / a.milli as f64 * 100.0) as i64,
        Some(a) if !cpu && a.value() != 0 => (q.value() as f64 / a.value() as f64 * 100.0) as i64,
        _ => 0,
    };
    format!("{q} ({pct}%)")
}

fn resources(w: &mut PrefixWriter, status: &Value, pods: &[Value]) {
    let mut alloc = string_map(status.get("allocatable"));
    if alloc.is_empty() {
        alloc = string_map(status.get("capacity"));
    }
    let alloc: BTreeMap<String, Quantity> = alloc
        .into_iter()
        .filter_map(|(k, v)| Quantity::parse(&v).map(|q| (k, q)))
        .collect();
    let get = |m: &BTreeMap<String, Quantity>, k: &str| m.get(k).copied().unwrap_or_default();
    let now = chrono::Utc::now();
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let mut reqs: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut lims: BTreeMap<String, Quantity> = BTreeMap::new();
    for p in pods {
        let (r, l) = pod_requests_limits(p);
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{}\t{}\t{}\t{}\t{}\n",
                str_at(p, &["metadata", "namespace"]),
                str_at(p, &["metadata", "name"]),
                share(get(&r, "cpu"), alloc.get("cpu").copied(), true),
                share(get(&l, "cpu"), alloc.get("cpu").copied(), true),
                share(get(&r, "memory"), alloc.get("memory").copied(), false),
                share(get(&l, "memory"), alloc.get("memory").copied(), false),
                translate_timestamp_since(Some(str_at(p, &["metadata", "creationTimestamp"])), now)
            ),
        );
        for (k, q) in r {
            let e = reqs.entry(k).or_default();
            *e = *e + q;
        }
        for (k, q) in l {
            let e = lims.entry(k).or_default();
            *e = *e + q;
        }
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let row = |w: &mut PrefixWriter, name: &str, cpu: bool| {
        let a = alloc.get(name).copied();
        w.write(
            1,
            &format!(
                "{name}\t{}\t{}\n",
                share(get(&reqs, name), a, cpu),
                share(get(&lims, name), a, cpu)
            ),
        );
    };
    row(w, "cpu", true);
    row(w, "memory", false);
    row(w, "ephemeral-storage", false);
    for name in alloc.keys().filter(|k| k.starts_with("hugepages-")) {
        row(w, name, false);
    }
    let standard = |k: &str| {
        matches!(k, "cpu" | "memory" | "ephemeral-storage" | "pods")
            || k.starts_with("hugepages-")
            || k.starts_with("requests.")
            || k.starts_with("limits.")
    };
    for name in alloc.keys().filter(|k| !standard(k)) {
        w.write(
            1,
            &format!("{name}\t{}\t{}\n", get(&reqs, name), get(&lims, name)),
        );
    }
}
