//! PersistentVolumeClaims: class, phase, bound volume, capacity and access modes (once
//! bound) and the pods using the claim.

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, Related, annotations, at, labels, str_at, string_map};

/// `ReadWriteOnce,ReadOnlyMany` → `RWO,ROX`, in kubectl's fixed order.
pub fn access_modes(modes: &[&str]) -> String {
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(long, _)| modes.contains(long))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

/// Write a PersistentVolumeClaim's report (without events).
pub fn describe(w: &mut PrefixWriter, pvc: &Value, related: &Related) {
    let spec = pvc.get("spec").unwrap_or(&Value::Null);
    let status = pvc.get("status").unwrap_or(&Value::Null);
    let name = str_at(pvc, &["metadata", "name"]);
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(pvc, &["metadata", "namespace"])),
    );
    w.write(
        0,
        &format!("StorageClass:\t{}\n", str_at(spec, &["storageClassName"])),
    );
    let deleted = str_at(pvc, &["metadata", "deletionTimestamp"]);
    if deleted.is_empty() {
        w.write(0, &format!("Status:\t{}\n", str_at(status, &["phase"])));
    } else {
        let lasts =
            crate::printers::humanize::translate_timestamp_since(Some(deleted), chrono::Utc::now());
        w.write(0, &format!("Status:\tTerminating (lasts {lasts})\n"));
    }
    let volume = str_at(spec, &["volumeName"]);
    w.write(0, &format!("Volume:\t{volume}\n"));
    labels(
        w,
        0,
        "Labels",
        &string_map(at(pvc, &["metadata", "labels"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(pvc, &["metadata", "annotations"])),
    );
    let finalizers: Vec<&str> = list(pvc.get("metadata").unwrap_or(&Value::Null), "finalizers")
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    // Go's %v of a string slice.
    w.write(0, &format!("Finalizers:\t[{}]\n", finalizers.join(" ")));
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        let modes: Vec<&str> = list(status, "accessModes")
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        (
            str_at(status, &["capacity", "storage"]).to_string(),
            access_modes(&modes),
        )
    };
    w.write(0, &format!("Capacity:\t{capacity}\n"));
    w.write(0, &format!("Access Modes:\t{modes}\n"));
    let mode = str_at(spec, &["volumeMode"]);
    if !mode.is_empty() {
        w.write(0, &format!("VolumeMode:\t{mode}\n"));
    }
    if let Some(ds) = spec.get("dataSource") {
        w.write(0, "DataSource:\n");
        let group = str_at(ds, &["apiGroup"]);
        if !group.is_empty() {
            w.write(1, &format!("APIGroup:\t{group}\n"));
        }
        w.write(1, &format!("Kind:\t{}\n", str_at(ds, &["kind"])));
        w.write(1, &format!("Name:\t{}\n", str_at(ds, &["name"])));
    }
    let mut users: Vec<&str> = related
        .pods
        .iter()
        .filter(|p| {
            list(p.get("spec").unwrap_or(&Value::Null), "volumes")
                .iter()
                .any(|v| str_at(v, &["persistentVolumeClaim", "claimName"]) == name)
        })
        .map(|p| str_at(p, &["metadata", "name"]))
        .collect();
    users.sort();
    w.write(0, "Used By:\t");
    if users.is_empty() {
        w.line("<none>");
    }
    for (i, u) in users.into_iter().enumerate() {
        if i > 0 {
            w.write(0, "\t");
        }
        w.line(u);
    }
}
