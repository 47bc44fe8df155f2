//! PodDisruptionBudgets: the budget, its selector and the disruption status.

use serde_json::Value;

use super::{PrefixWriter, int_at, int_or_string, label_selector, str_at};

/// Write a PodDisruptionBudget's report (without events).
pub fn describe(w: &mut PrefixWriter, pdb: &Value) {
    let spec = pdb.get("spec").unwrap_or(&Value::Null);
    let status = pdb.get("status").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(pdb, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(pdb, &["metadata", "namespace"])),
    );
    if let Some(v) = spec.get("minAvailable") {
        w.write(0, &format!("Min available:\t{}\n", int_or_string(Some(v))));
    }
    if let Some(v) = spec.get("maxUnavailable") {
        w.write(
            0,
            &format!("Max unavailable:\t{}\n", int_or_string(Some(v))),
        );
    }
    match spec.get("selector") {
        Some(s) => w.write(0, &format!("Selector:\t{}\n", label_selector(Some(s)))),
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    w.write(0, "Status:\n");
    for (title, key) in [
        ("Allowed disruptions", "disruptionsAllowed"),
        ("Current", "currentHealthy"),
        ("Desired", "desiredHealthy"),
        ("Total", "expectedPods"),
    ] {
        w.write(2, &format!("{title}:\t{}\n", int_at(status, &[key])));
    }
}
