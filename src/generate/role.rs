//! `kubectl create role|clusterrole NAME --verb=... --resource=resource.group/subresource
//! [--resource-name] [--non-resource-url] [--aggregation-rule]` (`create_role.go`,
//! `create_clusterrole.go`): one rule per API group of the resources (groups sorted), the
//! resources resolved through discovery as kubectl's RESTMapper resolves them.

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// The verbs kubectl knows for resources (others get a warning).
pub const RESOURCE_VERBS: &[&str] = &[
    "*",
    "get",
    "delete",
    "list",
    "create",
    "update",
    "patch",
    "watch",
    "proxy",
    "deletecollection",
    "use",
    "bind",
    "escalate",
    "impersonate",
];

/// The verbs allowed on non-resource URLs.
pub const NON_RESOURCE_VERBS: &[&str] = &[
    "*", "get", "post", "put", "delete", "patch", "head", "options",
];

/// Verbs that only apply to some resources.
const SPECIAL_VERBS: &[(&str, &[(&str, &str)])] = &[
    (
        "use",
        &[
            ("policy", "podsecuritypolicies"),
            ("extensions", "podsecuritypolicies"),
        ],
    ),
    (
        "bind",
        &[
            ("rbac.authorization.k8s.io", "roles"),
            ("rbac.authorization.k8s.io", "clusterroles"),
        ],
    ),
    (
        "escalate",
        &[
            ("rbac.authorization.k8s.io", "roles"),
            ("rbac.authorization.k8s.io", "clusterroles"),
        ],
    ),
    (
        "impersonate",
        &[
            ("", "users"),
            ("", "serviceaccounts"),
            ("", "groups"),
            ("authentication.k8s.io", "userextras"),
        ],
    ),
];

/// One `--resource` as typed: `resource[.group][/subresource]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceArg {
    /// The resource (plural, singular or short name).
    pub resource: String,
    /// The group after the first `.`.
    pub group: String,
    /// After the `/`.
    pub subresource: String,
}

/// What `create role` / `create clusterrole` was given (after kubectl's `Complete()`).
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The role's name.
    pub name: String,
    /// `--verb`, deduplicated (`*` alone when given).
    pub verbs: Vec<String>,
    /// `--resource`, parsed (`*` alone when given).
    pub resources: Vec<ResourceArg>,
    /// `--resource-name`, deduplicated.
    pub resource_names: Vec<String>,
    /// `--non-resource-url`, deduplicated (clusterrole).
    pub non_resource_urls: Vec<String>,
    /// `--aggregation-rule` key/values (clusterrole).
    pub aggregation_rule: BTreeMap<String, String>,
    /// `-n` when given explicitly (role).
    pub namespace: Option<String>,
}

fn dedup(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

/// kubectl's `Complete()` for the flags: verbs and resource names deduplicated, `*`
/// swallowing the rest, `--resource` split into resource, group and subresource.
pub fn complete(
    name: &str,
    verbs: &[String],
    resources: &[String],
    resource_names: &[String],
    non_resource_urls: &[String],
) -> Params {
    let verbs = if verbs.iter().any(|v| v == "*") {
        // kubectl stops at the first `*`: what came before it is dropped too.
        vec!["*".to_string()]
    } else {
        dedup(verbs)
    };
    let mut parsed = Vec::new();
    for r in resources {
        let (main, sub) = match r.split_once('/') {
            Some((m, s)) => (m, s),
            None => (r.as_str(), ""),
        };
        let (resource, group) = match main.split_once('.') {
            Some((r, g)) => (r, g),
            None => (main, ""),
        };
        let arg = ResourceArg {
            resource: resource.into(),
            group: group.into(),
            subresource: sub.into(),
        };
        if arg.resource == "*" && !main.contains('.') && !r.contains('/') {
            parsed = vec![arg];
            break;
        }
        parsed.push(arg);
    }
    Params {
        name: name.to_string(),
        verbs,
        resources: parsed,
        resource_names: dedup(resource_names),
        non_resource_urls: dedup(non_resource_urls),
        ..Default::default()
    }
}

/// Resolves `(resource, group)` to the served `(group, plural)` (kubectl's RESTMapper
/// `ResourceFor` with short names), or the error kubectl prints.
pub type Resolve<'a> = dyn Fn(&str, &str) -> Result<(String, String), String> + 'a;

/// Warnings kubectl prints for verbs it does not know (`Warning: 'x' is not a standard
/// resource verb`).
fn verb_warnings(p: &Params, warn: &mut dyn FnMut(String)) {
    for v in &p.verbs {
        if !RESOURCE_VERBS.contains(&v.as_str()) {
            warn(format!("Warning: '{v}' is not a standard resource verb"));
        }
    }
}

/// `validateResource`: every resource resolves and every special verb fits it.
fn validate_resources(p: &Params, resolve: &Resolve<'_>) -> Result<(), String> {
    for r in &p.resources {
        if r.resource.is_empty() {
            return Err(
                "error: resource must be specified if apiGroup/subresource specified".into(),
            );
        }
        if r.resource == "*" {
            return Ok(());
        }
        let found = resolve(&r.resource, &r.group);
        let (group, resource) = match &found {
            Ok((g, res)) => (g.clone(), res.clone()),
            Err(_) => (r.group.clone(), r.resource.clone()),
        };
        let mut special_ok = false;
        for v in &p.verbs {
            if let Some((_, allowed)) = SPECIAL_VERBS.iter().find(|(sv, _)| sv == v) {
                if !allowed
                    .iter()
                    .any(|(g, res)| *g == group && *res == resource)
                {
                    return Err(format!(
                        "error: can not perform '{v}' on '{resource}' in group '{group}'"
                    ));
                }
                special_ok = true;
            }
        }
        if let Err(e) = found
            && !special_ok
        {
            return Err(e);
        }
    }
    Ok(())
}

/// kubectl's `Validate()` for `create role`, its warnings (unknown verbs) to `warn` as they
/// come. Errors that kubectl prints without `error: ` come back without it; the others
/// carry it.
pub fn validate_role(
    p: &Params,
    resolve: &Resolve<'_>,
    warn: &mut dyn FnMut(String),
) -> Result<(), String> {
    if p.name.is_empty() {
        return Err("error: name must be specified".into());
    }
    if p.verbs.is_empty() {
        return Err("error: at least one verb must be specified".into());
    }
    verb_warnings(p, warn);
    if p.resources.is_empty() {
        return Err("error: at least one resource must be specified".into());
    }
    validate_resources(p, resolve)
}

/// kubectl's `Validate()` for `create clusterrole`; the verb warnings apply only with
/// resources.
pub fn validate_cluster_role(
    p: &Params,
    resolve: &Resolve<'_>,
    warn: &mut dyn FnMut(String),
) -> Result<(), String> {
    if p.name.is_empty() {
        return Err("error: name must be specified".into());
    }
    if !p.aggregation_rule.is_empty() {
        if !p.non_resource_urls.is_empty()
            || !p.verbs.is_empty()
            || !p.resources.is_empty()
            || !p.resource_names.is_empty()
        {
            return Err("error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames".into());
        }
        return Ok(());
    }
    if p.verbs.is_empty() {
        return Err("error: at least one verb must be specified".into());
    }
    if p.resources.is_empty() && p.non_resource_urls.is_empty() {
        return Err("error: one of resource or nonResourceURL must be specified".into());
    }
    if !p.resources.is_empty() {
        verb_warnings(p, warn);
        validate_resources(p, resolve)?;
    }
    if !p.non_resource_urls.is_empty() {
        for v in &p.verbs {
            if !NON_RESOURCE_VERBS.contains(&v.as_str()) {
                return Err(format!("error: invalid verb: '{v}' for nonResourceURL"));
            }
        }
        for u in &p.non_resource_urls {
            if u == "*" {
                continue;
            }
            if !u.starts_with('/') {
                return Err("error: nonResourceURL should start with /".into());
            }
            if u[..u.len() - 1].contains('*') {
                return Err(
                    "error: nonResourceURL only supports wildcard matches when '*' is at the end"
                        .into(),
                );
            }
        }
    }
    Ok(())
}

/// `generateResourcePolicyRules`: one rule per group (sorted), resources in the order given.
pub fn rules(p: &Params, resolve: &Resolve<'_>) -> Vec<Value> {
    let mut by_group: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &p.resources {
        let (group, mut resource) = resolve(&r.resource, &r.group)
            .unwrap_or_else(|_| (r.group.clone(), r.resource.clone()));
        if !r.subresource.is_empty() {
            resource = format!("{resource}/{}", r.subresource);
        }
        let list = by_group.entry(group).or_default();
        if !list.contains(&resource) {
            list.push(resource);
        }
    }
    let mut out: Vec<Value> = by_group
        .into_iter()
        .map(|(g, resources)| {
            json!({
                "verbs": p.verbs,
                "apiGroups": [g],
                "resources": resources,
                "resourceNames": p.resource_names,
            })
        })
        .collect();
    if !p.non_resource_urls.is_empty() {
        out.push(json!({"verbs": p.verbs, "nonResourceURLs": p.non_resource_urls}));
    }
    out
}

/// The Role.
pub fn build_role(p: &Params, resolve: &Resolve<'_>) -> Value {
    let mut role = super::object(
        "rbac.authorization.k8s.io/v1",
        "Role",
        &p.name,
        p.namespace.as_deref(),
    );
    role["rules"] = json!(rules(p, resolve));
    role
}

/// The ClusterRole (rules, or an aggregation rule).
pub fn build_cluster_role(p: &Params, resolve: &Resolve<'_>) -> Value {
    let mut role = super::object("rbac.authorization.k8s.io/v1", "ClusterRole", &p.name, None);
    if p.aggregation_rule.is_empty() {
        role["rules"] = json!(rules(p, resolve));
    } else {
        role["aggregationRule"] =
            json!({"clusterRoleSelectors": [{"matchLabels": p.aggregation_rule}]});
    }
    role
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(r: &str, g: &str) -> Result<(String, String), String> {
        match (r, g) {
            ("rs", "apps") | ("replicasets", "apps") => Ok(("apps".into(), "replicasets".into())),
            ("deploy", "") => Ok(("apps".into(), "deployments".into())),
            ("pods", "") | ("po", "") => Ok(("".into(), "pods".into())),
            _ => Err(format!("the server doesn't have a resource type {r:?}")),
        }
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    // kubectl.1.33 create role r --verb=get --resource=rs.apps,deploy,pods/log,po
    //   --resource-name=a --resource-name=a --dry-run=client -o yaml
    #[test]
    fn rules_like_kubectl() {
        let p = complete(
            "r",
            &s(&["get"]),
            &s(&["rs.apps", "deploy", "pods/log", "po"]),
            &s(&["a", "a"]),
            &[],
        );
        validate_role(&p, &resolve, &mut |w| panic!("{w}")).unwrap();
        assert_eq!(
            build_role(&p, &resolve)["rules"],
            json!([
                {"verbs": ["get"], "apiGroups": [""], "resources": ["pods/log", "pods"], "resourceNames": ["a"]},
                {"verbs": ["get"], "apiGroups": ["apps"], "resources": ["replicasets", "deployments"], "resourceNames": ["a"]},
            ])
        );
    }

    #[test]
    fn stars_and_errors() {
        let p = complete("r", &s(&["get", "*", "list"]), &s(&["*", "pods"]), &[], &[]);
        assert_eq!(p.verbs, ["*"]);
        assert_eq!(p.resources.len(), 1);
        let p = complete("r", &s(&["use"]), &s(&["pods"]), &[], &[]);
        let mut warnings = Vec::new();
        let mut warn = |w| warnings.push(w);
        assert_eq!(
            validate_role(&p, &resolve, &mut warn).unwrap_err(),
            "error: can not perform 'use' on 'pods' in group ''"
        );
        let p = complete("r", &s(&["get"]), &s(&["foo"]), &[], &[]);
        assert_eq!(
            validate_role(&p, &resolve, &mut warn).unwrap_err(),
            "the server doesn't have a resource type \"foo\""
        );
        let p = complete("r", &s(&["frob"]), &[], &[], &[]);
        assert!(validate_role(&p, &resolve, &mut warn).is_err());
        let p = complete("c", &s(&["get"]), &[], &[], &s(&["/a*b"]));
        assert_eq!(
            validate_cluster_role(&p, &resolve, &mut warn).unwrap_err(),
            "error: nonResourceURL only supports wildcard matches when '*' is at the end"
        );
        assert_eq!(
            warnings,
            ["Warning: 'frob' is not a standard resource verb"]
        );
    }
}
