//! DaemonSets: node counts (kubectl prints them without alignment), pod phase counts and
//! the pod template.

use serde_json::Value;

use super::pod::template;
use super::replicaset::pods_status;
use super::{
    PrefixWriter, Related, annotations, at, int_at, label_selector, labels, map_selector, str_at,
    string_map,
};

/// Write a DaemonSet's report (without events).
pub fn describe(w: &mut PrefixWriter, ds: &Value, related: &Related) {
    let spec = ds.get("spec").unwrap_or(&Value::Null);
    let status = ds.get("status").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(ds, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(ds, &["metadata", "namespace"])),
    );
    w.write(
        0,
        &format!("Selector:\t{}\n", label_selector(spec.get("selector"))),
    );
    let ns = string_map(at(spec, &["template", "spec", "nodeSelector"]));
    let ns = if ns.is_empty() {
        "<none>".to_string()
    } else {
        map_selector(&ns)
    };
    w.write(0, &format!("Node-Selector:\t{ns}\n"));
    labels(w, 0, "Labels", &string_map(at(ds, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(ds, &["metadata", "annotations"])),
    );
    for (title, key) in [
        (
            "Desired Number of Nodes Scheduled",
            "desiredNumberScheduled",
        ),
        (
            "Current Number of Nodes Scheduled",
            "currentNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Up-to-date Pods",
            "updatedNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Available Pods",
            "numberAvailable",
        ),
        ("Number of Nodes Misscheduled", "numberMisscheduled"),
    ] {
        w.write(0, &format!("{title}: {}\n", int_at(status, &[key])));
    }
    w.write(
        0,
        &format!(
            "Pods Status:\t{}\n",
            pods_status(str_at(ds, &["metadata", "uid"]), &related.pods)
        ),
    );
    template(w, spec.get("template"));
}
