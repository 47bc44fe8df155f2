//! StorageClasses and PriorityClasses: small cluster-scoped policy objects.

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, annotations, at, map_selector, str_at, string_map};

/// `k=v,...` or `<none>` (apimachinery's `labels.FormatLabels`).
fn format_map(v: Option<&Value>) -> String {
    let m = string_map(v);
    if m.is_empty() {
        "<none>".into()
    } else {
        map_selector(&m)
    }
}

/// Write a StorageClass's report (without events).
pub fn describe(w: &mut PrefixWriter, sc: &Value) {
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(sc, &["metadata", "name"])),
    );
    let ann = string_map(at(sc, &["metadata", "annotations"]));
    let default = [
        "storageclass.kubernetes.io/is-default-class",
        "storageclass.beta.kubernetes.io/is-default-class",
    ]
    .iter()
    .any(|k| ann.get(*k).map(String::as_str) == Some("true"));
    w.write(
        0,
        &format!("IsDefaultClass:\t{}\n", if default { "Yes" } else { "No" }),
    );
    w.write(
        0,
        &format!(
            "Annotations:\t{}\n",
            format_map(at(sc, &["metadata", "annotations"]))
        ),
    );
    w.write(
        0,
        &format!("Provisioner:\t{}\n", str_at(sc, &["provisioner"])),
    );
    w.write(
        0,
        &format!("Parameters:\t{}\n", format_map(sc.get("parameters"))),
    );
    let expand = match sc.get("allowVolumeExpansion").and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.write(0, &format!("AllowVolumeExpansion:\t{expand}\n"));
    let opts: Vec<&str> = list(sc, "mountOptions")
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    if opts.is_empty() {
        w.write(0, "MountOptions:\t<none>\n");
    } else {
        w.write(0, "MountOptions:\n");
        for o in opts {
            w.write(1, &format!("{o}\n"));
        }
    }
    w.write(
        0,
        &format!("ReclaimPolicy:\t{}\n", str_at(sc, &["reclaimPolicy"])),
    );
    w.write(
        0,
        &format!(
            "VolumeBindingMode:\t{}\n",
            str_at(sc, &["volumeBindingMode"])
        ),
    );
}

/// Write a PriorityClass's report (without events).
pub fn describe_priority_class(w: &mut PrefixWriter, pc: &Value) {
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(pc, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!(
            "Value:\t{}\n",
            pc.get("value").and_then(Value::as_i64).unwrap_or(0)
        ),
    );
    w.write(
        0,
        &format!(
            "GlobalDefault:\t{}\n",
            pc.get("globalDefault")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        ),
    );
    let policy = str_at(pc, &["preemptionPolicy"]);
    if !policy.is_empty() {
        w.write(0, &format!("PreemptionPolicy:\t{policy}\n"));
    }
    w.write(
        0,
        &format!("Description:\t{}\n", str_at(pc, &["description"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(pc, &["metadata", "annotations"])),
    );
}
