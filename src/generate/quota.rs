//! `kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2]`
//! (`create_quota.go`): quantities in their canonical form.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::quantity::Quantity;

/// What `create quota` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The ResourceQuota's name.
    pub name: String,
    /// `--hard`.
    pub hard: String,
    /// `--scopes`.
    pub scopes: String,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// The ResourceQuota.
pub fn build(p: &Params) -> Result<Value, String> {
    if p.name.is_empty() {
        return Err("name must be specified".into());
    }
    let mut spec = json!({});
    if !p.hard.is_empty() {
        let mut hard = BTreeMap::new();
        for statement in p.hard.split(',') {
            let parts: Vec<&str> = statement.split('=').collect();
            let [name, value] = parts[..] else {
                return Err(format!(
                    "Invalid argument syntax {statement}, expected <resource>=<value>"
                ));
            };
            hard.insert(name.to_string(), Quantity::parse(value)?.canonical());
        }
        spec["hard"] = json!(hard);
    }
    if !p.scopes.is_empty() {
        let mut scopes = Vec::new();
        for s in p.scopes.split(',') {
            if s.is_empty() {
                return Err("invalid resource quota scope \"\"".into());
            }
            scopes.push(s);
        }
        spec["scopes"] = json!(scopes);
    }
    let mut q = super::object("v1", "ResourceQuota", &p.name, p.namespace.as_deref());
    q["spec"] = spec;
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create quota q --hard=cpu=1000m,memory=1.5Gi,pods=10
    //   --scopes=BestEffort,NotTerminating --dry-run=client -o json
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "q".into(),
            hard: "cpu=1000m,memory=1.5Gi,pods=10".into(),
            scopes: "BestEffort,NotTerminating".into(),
            ..Default::default()
        };
        let q = shape::normalize(&build(&p).unwrap());
        assert_eq!(
            shape::to_json(&q),
            r#"{
    "kind": "ResourceQuota",
    "apiVersion": "v1",
    "metadata": {
        "name": "q",
        "creationTimestamp": null
    },
    "spec": {
        "hard": {
            "cpu": "1",
            "memory": "1536Mi",
            "pods": "10"
        },
        "scopes": [
            "BestEffort",
            "NotTerminating"
        ]
    },
    "status": {}
}
"#
        );
        let bad = Params {
            name: "q".into(),
            hard: "cpu".into(),
            ..Default::default()
        };
        assert_eq!(
            build(&bad).unwrap_err(),
            "Invalid argument syntax cpu, expected <resource>=<value>"
        );
    }
}
