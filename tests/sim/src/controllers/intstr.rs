//! IntOrString values scaled against a total (apimachinery `intstr.GetScaledValueFromIntOrPercent`),
//! used for maxSurge / maxUnavailable.

use serde_json::Value;

/// Resolves `v` (an int, or a string like "25%" or "3") against `total`, rounding percentages
/// up or down. A missing value resolves to `default`.
pub fn scaled(v: Option<&Value>, total: i64, round_up: bool, default: i64) -> i64 {
    match v {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(default),
        Some(Value::String(s)) => match s.strip_suffix('%') {
            Some(p) => {
                let pct: i64 = p.trim().parse().unwrap_or(0);
                let num = pct * total;
                if round_up {
                    (num + 99).div_euclid(100)
                } else {
                    num.div_euclid(100)
                }
            }
            None => s.trim().parse().unwrap_or(default),
        },
        _ => default,
    }
}

/// maxSurge and maxUnavailable of a RollingUpdate strategy for `replicas`, as the deployment
/// controller resolves them (`ResolveFenceposts`): both 0 becomes unavailable 1.
pub fn fenceposts(rolling: Option<&Value>, replicas: i64) -> (i64, i64) {
    let surge = scaled(rolling.and_then(|r| r.get("maxSurge")), replicas, true, 0);
    let mut unavailable = scaled(
        rolling.and_then(|r| r.get("maxUnavailable")),
        replicas,
        false,
        0,
    );
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    (surge, unavailable.min(replicas.max(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn percent_rounding() {
        assert_eq!(scaled(Some(&json!("25%")), 3, true, 0), 1);
        assert_eq!(scaled(Some(&json!("25%")), 3, false, 0), 0);
        assert_eq!(scaled(Some(&json!("25%")), 4, false, 0), 1);
        assert_eq!(scaled(Some(&json!(2)), 10, false, 0), 2);
        assert_eq!(scaled(None, 10, false, 7), 7);
    }

    #[test]
    fn fenceposts_never_both_zero() {
        let r = json!({"maxSurge": "25%", "maxUnavailable": "25%"});
        assert_eq!(fenceposts(Some(&r), 3), (1, 0));
        let z = json!({"maxSurge": 0, "maxUnavailable": 0});
        assert_eq!(fenceposts(Some(&z), 3), (0, 1));
        assert_eq!(fenceposts(Some(&r), 4), (1, 1));
    }
}
