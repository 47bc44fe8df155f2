//! HorizontalPodAutoscalers (autoscaling/v2): target, each metric as `current / target`,
//! replica bounds, scaling behavior and conditions.

use serde_json::Value;

use super::job::int_or_unset;
use super::pod::list;
use super::{PrefixWriter, annotations, at, int_at, labels, rfc1123z, str_at, string_map};

/// A quantity field as JSON gives it (string, or a number for integers).
fn qty(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The `name:\tcurrent / target` line of metric `i`.
fn metric_line(m: &Value, current: Option<&Value>) -> String {
    let cur = |kind: &str, field: &str| {
        current
            .and_then(|c| at(c, &[kind, "current", field]))
            .and_then(|v| qty(Some(v)))
            .unwrap_or_else(|| "<unknown>".into())
    };
    let target = |kind: &str, field: &str| qty(at(m, &[kind, "target", field])).unwrap_or_default();
    let name = |kind: &str| str_at(m, &[kind, "metric", "name"]).to_string();
    match str_at(m, &["type"]) {
        kind @ ("Resource" | "ContainerResource") => {
            let key = if kind == "Resource" {
                "resource"
            } else {
                "containerResource"
            };
            let res = str_at(m, &[key, "name"]);
            let what = if kind == "Resource" {
                format!("resource {res} on pods")
            } else {
                format!(
                    "resource {res} of container \"{}\" on pods",
                    str_at(m, &[key, "container"])
                )
            };
            if let Some(u) = at(m, &[key, "target", "averageUtilization"]).and_then(Value::as_i64) {
                let current = current
                    .and_then(|c| at(c, &[key, "current"]))
                    .and_then(|c| {
                        let util = c.get("averageUtilization")?.as_i64()?;
                        Some(format!("{util}% ({})", qty(c.get("averageValue"))?))
                    })
                    .unwrap_or_else(|| "<unknown>".into());
                format!("{what}  (as a percentage of request):\t{current} / {u}%")
            } else {
                format!(
                    "{what}:\t{} / {}",
                    cur(key, "averageValue"),
                    target(key, "averageValue")
                )
            }
        }
        "Pods" => format!(
            "\"{}\" on pods:\t{} / {}",
            name("pods"),
            cur("pods", "averageValue"),
            target("pods", "averageValue")
        ),
        "Object" => {
            let obj = format!(
                "{}/{}",
                str_at(m, &["object", "describedObject", "kind"]),
                str_at(m, &["object", "describedObject", "name"])
            );
            if str_at(m, &["object", "target", "type"]) == "AverageValue" {
                format!(
                    "\"{}\" on {obj} (target average value):\t{} / {}",
                    name("object"),
                    cur("object", "averageValue"),
                    target("object", "averageValue")
                )
            } else {
                format!(
                    "\"{}\" on {obj} (target value):\t{} / {}",
                    name("object"),
                    cur("object", "value"),
                    target("object", "value")
                )
            }
        }
        "External" => {
            if str_at(m, &["external", "target", "type"]) == "AverageValue" {
                format!(
                    "\"{}\" (target average value):\t{} / {}",
                    name("external"),
                    cur("external", "averageValue"),
                    target("external", "averageValue")
                )
            } else {
                format!(
                    "\"{}\" (target value):\t{} / {}",
                    name("external"),
                    cur("external", "value"),
                    target("external", "value")
                )
            }
        }
        other => format!("<unknown metric type {other:?}>"),
    }
}

/// Write a HorizontalPodAutoscaler's report (without events).
pub fn describe(w: &mut PrefixWriter, hpa: &Value) {
    let spec = hpa.get("spec").unwrap_or(&Value::Null);
    let status = hpa.get("status").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(hpa, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(hpa, &["metadata", "namespace"])),
    );
    labels(
        w,
        0,
        "Labels",
        &string_map(at(hpa, &["metadata", "labels"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(hpa, &["metadata", "annotations"])),
    );
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z(str_at(hpa, &["metadata", "creationTimestamp"]))
        ),
    );
    let kind = str_at(spec, &["scaleTargetRef", "kind"]);
    w.write(
        0,
        &format!(
            "Reference:\t{kind}/{}\n",
            str_at(spec, &["scaleTargetRef", "name"])
        ),
    );
    w.write(0, "Metrics:\t( current / target )\n");
    let currents = list(status, "currentMetrics");
    for (i, m) in list(spec, "metrics").into_iter().enumerate() {
        w.write(
            1,
            &format!("{}\n", metric_line(m, currents.get(i).copied())),
        );
    }
    w.write(
        0,
        &format!("Min replicas:\t{}\n", int_or_unset(spec.get("minReplicas"))),
    );
    w.write(
        0,
        &format!("Max replicas:\t{}\n", int_at(spec, &["maxReplicas"])),
    );
    if let Some(b) = spec.get("behavior") {
        w.write(0, "Behavior:\n");
        for (key, title) in [("scaleUp", "Scale Up"), ("scaleDown", "Scale Down")] {
            let Some(r) = b.get(key) else { continue };
            w.write(1, &format!("{title}:\n"));
            if let Some(s) = r.get("stabilizationWindowSeconds").and_then(Value::as_i64) {
                w.write(2, &format!("Stabilization Window: {s} seconds\n"));
            }
            let policies = list(r, "policies");
            if !policies.is_empty() {
                let select = str_at(r, &["selectPolicy"]);
                let select = if select.is_empty() { "Max" } else { select };
                w.write(2, &format!("Select Policy: {select}\n"));
                w.write(2, "Policies:\n");
                for p in policies {
                    w.write(
                        3,
                        &format!(
                            "- Type: {}\tValue: {}\tPeriod: {} seconds\n",
                            str_at(p, &["type"]),
                            int_at(p, &["value"]),
                            int_at(p, &["periodSeconds"])
                        ),
                    );
                }
            }
        }
    }
    w.write(
        0,
        &format!(
            "{kind} pods:\t{} current / {} desired\n",
            int_at(status, &["currentReplicas"]),
            int_at(status, &["desiredReplicas"])
        ),
    );
    let conds = list(status, "conditions");
    if !conds.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tReason\tMessage\n");
        w.write(1, "----\t------\t------\t-------\n");
        for c in conds {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\n",
                    str_at(c, &["type"]),
                    str_at(c, &["status"]),
                    str_at(c, &["reason"]),
                    str_at(c, &["message"])
                ),
            );
        }
    }
}
