//! `kubectl create rolebinding|clusterrolebinding NAME --clusterrole=NAME|--role=NAME
//! [--user] [--group] [--serviceaccount=ns:name]` (`create_rolebinding.go`,
//! `create_clusterrolebinding.go`): subjects users first, then groups, then service accounts.

use serde_json::{Value, json};

/// What `create rolebinding` / `create clusterrolebinding` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The binding's name.
    pub name: String,
    /// `--clusterrole`.
    pub cluster_role: String,
    /// `--role` (rolebinding only).
    pub role: String,
    /// `--user`.
    pub users: Vec<String>,
    /// `--group`.
    pub groups: Vec<String>,
    /// `--serviceaccount` (`namespace:name`).
    pub service_accounts: Vec<String>,
    /// `-n` when given explicitly (rolebinding).
    pub namespace: Option<String>,
}

/// kubectl's `Validate()` of `create rolebinding`.
pub fn validate_role_binding(p: &Params) -> Result<(), String> {
    if p.name.is_empty() {
        return Err("name must be specified".into());
    }
    if p.cluster_role.is_empty() == p.role.is_empty() {
        return Err("exactly one of clusterrole or role must be specified".into());
    }
    Ok(())
}

fn subjects(p: &Params) -> Result<Vec<Value>, String> {
    let rbac = "rbac.authorization.k8s.io";
    let mut out = Vec::new();
    for u in &p.users {
        out.push(json!({"kind": "User", "apiGroup": rbac, "name": u}));
    }
    for g in &p.groups {
        out.push(json!({"kind": "Group", "apiGroup": rbac, "name": g}));
    }
    for sa in &p.service_accounts {
        let parts: Vec<&str> = sa.split(':').collect();
        match parts[..] {
            [ns, name] if !ns.is_empty() && !name.is_empty() => {
                out.push(json!({"kind": "ServiceAccount", "namespace": ns, "name": name}))
            }
            _ => return Err("serviceaccount must be <namespace>:<name>".into()),
        }
    }
    Ok(out)
}

/// The RoleBinding.
pub fn build_role_binding(p: &Params) -> Result<Value, String> {
    validate_role_binding(p)?;
    let mut b = super::object(
        "rbac.authorization.k8s.io/v1",
        "RoleBinding",
        &p.name,
        p.namespace.as_deref(),
    );
    let (kind, name) = if p.role.is_empty() {
        ("ClusterRole", &p.cluster_role)
    } else {
        ("Role", &p.role)
    };
    b["roleRef"] = json!({"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": name});
    b["subjects"] = json!(subjects(p)?);
    Ok(b)
}

/// The ClusterRoleBinding.
pub fn build_cluster_role_binding(p: &Params) -> Result<Value, String> {
    let mut b = super::object(
        "rbac.authorization.k8s.io/v1",
        "ClusterRoleBinding",
        &p.name,
        None,
    );
    b["roleRef"] = json!({
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "ClusterRole",
        "name": p.cluster_role,
    });
    b["subjects"] = json!(subjects(p)?);
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create rolebinding rb --role=r --user=u --group=g --serviceaccount=ns:sa
    //   --dry-run=client -o json
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "rb".into(),
            role: "r".into(),
            users: vec!["u".into()],
            groups: vec!["g".into()],
            service_accounts: vec!["ns:sa".into()],
            ..Default::default()
        };
        let b = shape::normalize(&build_role_binding(&p).unwrap());
        assert_eq!(
            shape::to_json(&b),
            r#"{
    "kind": "RoleBinding",
    "apiVersion": "rbac.authorization.k8s.io/v1",
    "metadata": {
        "name": "rb",
        "creationTimestamp": null
    },
    "subjects": [
        {
            "kind": "User",
            "apiGroup": "rbac.authorization.k8s.io",
            "name": "u"
        },
        {
            "kind": "Group",
            "apiGroup": "rbac.authorization.k8s.io",
            "name": "g"
        },
        {
            "kind": "ServiceAccount",
            "name": "sa",
            "namespace": "ns"
        }
    ],
    "roleRef": {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "Role",
        "name": "r"
    }
}
"#
        );
        let bad = Params {
            name: "rb".into(),
            role: "r".into(),
            service_accounts: vec!["sa".into()],
            ..Default::default()
        };
        assert_eq!(
            build_role_binding(&bad).unwrap_err(),
            "serviceaccount must be <namespace>:<name>"
        );
    }
}
