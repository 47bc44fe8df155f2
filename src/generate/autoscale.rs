//! The HorizontalPodAutoscaler of `kubectl autoscale` (1.33): an `autoscaling/v2` HPA
//! for the target's kind and name, `--min` when positive, a CPU utilization metric when
//! `--cpu-percent` is not negative; the `autoscaling/v1` HPA kubectl falls back to when
//! the server refuses the v2 one.

use serde_json::{Value, json};

/// What `autoscale` was given for one target.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// `--name` (empty: the target's name).
    pub name: String,
    /// The target's `apiVersion` (its mapping's group/version).
    pub target_api_version: String,
    /// The target's kind.
    pub target_kind: String,
    /// The target's name.
    pub target_name: String,
    /// `--min` (-1: unset).
    pub min: i32,
    /// `--max`.
    pub max: i32,
    /// `--cpu-percent` (-1: unset).
    pub cpu_percent: i32,
}

/// kubectl's `Validate()`.
pub fn validate(min: i32, max: i32) -> Result<(), String> {
    if max < 1 {
        return Err(format!(
            "--max=MAXPODS is required and must be at least 1, max: {max}"
        ));
    }
    if max < min {
        return Err(format!(
            "--max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}"
        ));
    }
    Ok(())
}

fn head(p: &Params, api_version: &str) -> Value {
    let name = if p.name.is_empty() {
        &p.target_name
    } else {
        &p.name
    };
    let mut hpa = super::object(api_version, "HorizontalPodAutoscaler", name, None);
    hpa["spec"] = json!({
        "scaleTargetRef": {
            "apiVersion": p.target_api_version,
            "kind": p.target_kind,
            "name": p.target_name,
        },
        "maxReplicas": p.max,
    });
    if p.min > 0 {
        hpa["spec"]["minReplicas"] = json!(p.min);
    }
    hpa
}

/// The `autoscaling/v2` HPA.
pub fn v2(p: &Params) -> Value {
    let mut hpa = head(p, "autoscaling/v2");
    if p.cpu_percent >= 0 {
        hpa["spec"]["metrics"] = json!([{
            "type": "Resource",
            "resource": {
                "name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": p.cpu_percent},
            },
        }]);
    }
    hpa
}

/// The `autoscaling/v1` HPA.
pub fn v1(p: &Params) -> Value {
    let mut hpa = head(p, "autoscaling/v1");
    if p.cpu_percent >= 0 {
        hpa["spec"]["targetCPUUtilizationPercentage"] = json!(p.cpu_percent);
    }
    hpa
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 autoscale deploy web --max=3 --dry-run=client -o json
    #[test]
    fn like_kubectl() {
        let p = Params {
            target_api_version: "apps/v1".into(),
            target_kind: "Deployment".into(),
            target_name: "web".into(),
            min: -1,
            max: 3,
            cpu_percent: -1,
            ..Params::default()
        };
        assert_eq!(
            shape::to_json(&shape::normalize(&v2(&p))),
            r#"{
    "kind": "HorizontalPodAutoscaler",
    "apiVersion": "autoscaling/v2",
    "metadata": {
        "name": "web",
        "creationTimestamp": null
    },
    "spec": {
        "scaleTargetRef": {
            "kind": "Deployment",
            "name": "web",
            "apiVersion": "apps/v1"
        },
        "maxReplicas": 3
    },
    "status": {
        "desiredReplicas": 0,
        "currentMetrics": null
    }
}
"#
        );
        assert_eq!(
            validate(2, 1).unwrap_err(),
            "--max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 2"
        );
    }
}
