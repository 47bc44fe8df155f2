//! PersistentVolumes: class, phase, claim, policy, modes, capacity, node affinity and the
//! volume source.

use serde_json::Value;

use super::pod::list;
use super::pvc::access_modes;
use super::{PrefixWriter, annotations, at, labels, str_at, string_map};

/// Write a PersistentVolume's report (without events).
pub fn describe(w: &mut PrefixWriter, pv: &Value) {
    let spec = pv.get("spec").unwrap_or(&Value::Null);
    let status = pv.get("status").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(pv, &["metadata", "name"])),
    );
    labels(w, 0, "Labels", &string_map(at(pv, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(pv, &["metadata", "annotations"])),
    );
    let finalizers: Vec<&str> = list(pv.get("metadata").unwrap_or(&Value::Null), "finalizers")
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    w.write(0, &format!("Finalizers:\t[{}]\n", finalizers.join(" ")));
    w.write(
        0,
        &format!("StorageClass:\t{}\n", str_at(spec, &["storageClassName"])),
    );
    let deleted = str_at(pv, &["metadata", "deletionTimestamp"]);
    if deleted.is_empty() {
        w.write(0, &format!("Status:\t{}\n", str_at(status, &["phase"])));
    } else {
        let lasts =
            crate::printers::humanize::translate_timestamp_since(Some(deleted), chrono::Utc::now());
        w.write(0, &format!("Status:\tTerminating (lasts {lasts})\n"));
    }
    match spec.get("claimRef") {
        Some(c) => w.write(
            0,
            &format!(
                "Claim:\t{}/{}\n",
                str_at(c, &["namespace"]),
                str_at(c, &["name"])
            ),
        ),
        None => w.write(0, "Claim:\t\n"),
    }
    w.write(
        0,
        &format!(
            "Reclaim Policy:\t{}\n",
            str_at(spec, &["persistentVolumeReclaimPolicy"])
        ),
    );
    let modes: Vec<&str> = list(spec, "accessModes")
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    w.write(0, &format!("Access Modes:\t{}\n", access_modes(&modes)));
    let mode = str_at(spec, &["volumeMode"]);
    if !mode.is_empty() {
        w.write(0, &format!("VolumeMode:\t{mode}\n"));
    }
    w.write(
        0,
        &format!("Capacity:\t{}\n", str_at(spec, &["capacity", "storage"])),
    );
    node_affinity(w, at(spec, &["nodeAffinity", "required"]));
    w.write(0, &format!("Message:\t{}\n", str_at(status, &["message"])));
    w.write(0, "Source:\n");
    source(w, spec);
}

fn node_affinity(w: &mut PrefixWriter, required: Option<&Value>) {
    let Some(req) = required else {
        w.write(0, "Node Affinity:\t<none>\n");
        return;
    };
    w.write(0, "Node Affinity:\n");
    w.write(1, "Required Terms:\n");
    let terms = list(req, "nodeSelectorTerms");
    if terms.is_empty() {
        w.write(2, "<none>\n");
    }
    for (i, t) in terms.into_iter().enumerate() {
        let exprs: Vec<String> = list(t, "matchExpressions")
            .into_iter()
            .map(|e| {
                let vals: Vec<&str> = list(e, "values")
                    .into_iter()
                    .filter_map(Value::as_str)
                    .collect();
                format!(
                    "{} {} [{}]",
                    str_at(e, &["key"]),
                    str_at(e, &["operator"]),
                    vals.join(" ")
                )
            })
            .collect();
        w.write(2, &format!("Term {i}:\t{}\n", exprs.join(", ")));
    }
}

fn source(w: &mut PrefixWriter, spec: &Value) {
    let b = |v: &Value, k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    if let Some(h) = spec.get("hostPath") {
        w.write(2, "Type:\tHostPath (bare host directory volume)\n");
        w.write(2, &format!("Path:\t{}\n", str_at(h, &["path"])));
        w.write(2, &format!("HostPathType:\t{}\n", str_at(h, &["type"])));
    } else if let Some(n) = spec.get("nfs") {
        w.write(
            2,
            "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n",
        );
        w.write(2, &format!("Server:\t{}\n", str_at(n, &["server"])));
        w.write(2, &format!("Path:\t{}\n", str_at(n, &["path"])));
        w.write(2, &format!("ReadOnly:\t{}\n", b(n, "readOnly")));
    } else if let Some(l) = spec.get("local") {
        w.write(
            2,
            "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n",
        );
        w.write(2, &format!("Path:\t{}\n", str_at(l, &["path"])));
    } else if let Some(c) = spec.get("csi") {
        w.write(
            2,
            "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n",
        );
        w.write(2, &format!("Driver:\t{}\n", str_at(c, &["driver"])));
        w.write(2, &format!("FSType:\t{}\n", str_at(c, &["fsType"])));
        w.write(
            2,
            &format!("VolumeHandle:\t{}\n", str_at(c, &["volumeHandle"])),
        );
        w.write(2, &format!("ReadOnly:\t{}\n", b(c, "readOnly")));
        let attrs = string_map(c.get("volumeAttributes"));
        if !attrs.is_empty() {
            w.write(2, "VolumeAttributes:\t");
            for (i, (k, v)) in attrs.iter().enumerate() {
                if i > 0 {
                    w.write(2, "\t");
                }
                w.line(&format!("{k}={v}"));
            }
        }
    } else {
        w.write(2, "<unknown>\n");
    }
}
