//! StatefulSets: replicas, update strategy, pod phase counts, the pod template and the
//! volume claim templates.

use serde_json::Value;

use super::pod::{list, template};
use super::replicaset::pods_status;
use super::{
    PrefixWriter, Related, annotations, at, int_at, int_or_string, label_selector, labels,
    rfc1123z, str_at, string_map,
};

/// Write a StatefulSet's report (without events).
pub fn describe(w: &mut PrefixWriter, ss: &Value, related: &Related) {
    let spec = ss.get("spec").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(ss, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(ss, &["metadata", "namespace"])),
    );
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z(str_at(ss, &["metadata", "creationTimestamp"]))
        ),
    );
    w.write(
        0,
        &format!("Selector:\t{}\n", label_selector(spec.get("selector"))),
    );
    labels(w, 0, "Labels", &string_map(at(ss, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(ss, &["metadata", "annotations"])),
    );
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} total\n",
            spec.get("replicas").and_then(Value::as_i64).unwrap_or(1),
            int_at(ss, &["status", "replicas"])
        ),
    );
    w.write(
        0,
        &format!(
            "Update Strategy:\t{}\n",
            str_at(spec, &["updateStrategy", "type"])
        ),
    );
    if let Some(ru) = at(spec, &["updateStrategy", "rollingUpdate"]) {
        if let Some(p) = ru.get("partition").and_then(Value::as_i64) {
            w.write(1, &format!("Partition:\t{p}\n"));
        }
        if ru.get("maxUnavailable").is_some() {
            w.write(
                1,
                &format!(
                    "MaxUnavailable:\t{}\n",
                    int_or_string(ru.get("maxUnavailable"))
                ),
            );
        }
    }
    w.write(
        0,
        &format!(
            "Pods Status:\t{}\n",
            pods_status(str_at(ss, &["metadata", "uid"]), &related.pods)
        ),
    );
    template(w, spec.get("template"));
    let claims = list(spec, "volumeClaimTemplates");
    if claims.is_empty() {
        w.write(0, "Volume Claims:\t<none>\n");
        return;
    }
    w.write(0, "Volume Claims:\n");
    for pvc in claims {
        w.write(
            1,
            &format!("Name:\t{}\n", str_at(pvc, &["metadata", "name"])),
        );
        w.write(
            1,
            &format!(
                "StorageClass:\t{}\n",
                str_at(pvc, &["spec", "storageClassName"])
            ),
        );
        labels(
            w,
            1,
            "Labels",
            &string_map(at(pvc, &["metadata", "labels"])),
        );
        annotations(
            w,
            1,
            "Annotations",
            &string_map(at(pvc, &["metadata", "annotations"])),
        );
        w.write(
            1,
            &format!(
                "Capacity:\t{}\n",
                str_at(pvc, &["spec", "resources", "requests", "storage"])
            ),
        );
        let modes: Vec<&str> = list(pvc.get("spec").unwrap_or(&Value::Null), "accessModes")
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        w.write(1, &format!("Access Modes:\t{}\n", modes.join(",")));
    }
}
