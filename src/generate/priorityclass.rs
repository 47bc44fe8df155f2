//! `kubectl create priorityclass NAME --value=VALUE [--global-default] [--description]
//! [--preemption-policy]` (`create_priorityclass.go`).

use serde_json::{Value, json};

/// What `create priorityclass` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The PriorityClass's name.
    pub name: String,
    /// `--value`.
    pub value: i32,
    /// `--global-default`.
    pub global_default: bool,
    /// `--description`.
    pub description: String,
    /// `--preemption-policy` (kubectl's default `PreemptLowerPriority`).
    pub preemption_policy: String,
}

/// The PriorityClass.
pub fn build(p: &Params) -> Value {
    let mut pc = super::object("scheduling.k8s.io/v1", "PriorityClass", &p.name, None);
    pc["value"] = json!(p.value);
    pc["globalDefault"] = json!(p.global_default);
    pc["description"] = json!(p.description);
    pc["preemptionPolicy"] = json!(p.preemption_policy);
    pc
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create pc p1 --value=5 --dry-run=client -o yaml
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "p1".into(),
            value: 5,
            preemption_policy: "PreemptLowerPriority".into(),
            ..Default::default()
        };
        assert_eq!(
            crate::printers::yaml::to_kubectl_yaml(&shape::normalize(&build(&p))).unwrap(),
            "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  creationTimestamp: null\n  name: p1\npreemptionPolicy: PreemptLowerPriority\nvalue: 5\n"
        );
    }
}
