//! RBAC (Role, ClusterRole, RoleBinding, ClusterRoleBinding) and PriorityClass validation.

use serde_json::Value;

use super::super::status::Cause;
use super::field::{Go, forbidden, go_quote, invalid, not_supported, required};
use super::names::{NameRule, is_dns1123_subdomain};

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn len(v: &Value, k: &str) -> usize {
    v.get(k).and_then(Value::as_array).map_or(0, Vec::len)
}

/// `ValidatePolicyRule` for each of `rules`.
pub(crate) fn role(errs: &mut Vec<Cause>, obj: &Value, namespaced: bool) {
    let rules = obj
        .get("rules")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (i, r) in rules.iter().enumerate() {
        let p = format!("rules[{i}]");
        if len(r, "verbs") == 0 {
            errs.push(required(
                &format!("{p}.verbs"),
                "verbs must contain at least one value",
            ));
        }
        if len(r, "nonResourceURLs") > 0 {
            let urls = Go::Raw(go_strings(r.get("nonResourceURLs")));
            if namespaced {
                errs.push(invalid(
                    &format!("{p}.nonResourceURLs"),
                    urls.clone(),
                    "namespaced rules cannot apply to non-resource URLs",
                ));
            }
            if len(r, "apiGroups") + len(r, "resources") + len(r, "resourceNames") > 0 {
                errs.push(invalid(
                    &format!("{p}.nonResourceURLs"),
                    urls,
                    "rules cannot apply to both regular resources and non-resource URLs",
                ));
            }
            continue;
        }
        if len(r, "apiGroups") == 0 {
            errs.push(required(
                &format!("{p}.apiGroups"),
                "resource rules must supply at least one api group",
            ));
        }
        if len(r, "resources") == 0 {
            errs.push(required(
                &format!("{p}.resources"),
                "resource rules must supply at least one resource",
            ));
        }
    }
}

fn go_strings(v: Option<&Value>) -> String {
    let items: Vec<String> = v
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|x| go_quote(x.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    format!("[]string{{{}}}", items.join(", "))
}

/// RoleBinding (`namespaced`) or ClusterRoleBinding; `roleRef` may not change on update.
pub(crate) fn binding(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>, namespaced: bool) {
    let rr = obj.get("roleRef").unwrap_or(&Value::Null);
    let group = s(rr, "apiGroup");
    if group != RBAC_GROUP {
        errs.push(not_supported(
            "roleRef.apiGroup",
            Go::str(group),
            &[RBAC_GROUP],
        ));
    }
    let kind = s(rr, "kind");
    let kinds: &[&str] = if namespaced {
        &["Role", "ClusterRole"]
    } else {
        &["ClusterRole"]
    };
    if !kinds.contains(&kind) {
        errs.push(not_supported("roleRef.kind", Go::str(kind), kinds));
    }
    let name = s(rr, "name");
    if name.is_empty() {
        errs.push(required("roleRef.name", ""));
    } else {
        for m in NameRule::PathSegment.check(name, false) {
            errs.push(invalid("roleRef.name", Go::str(name), &m));
        }
    }
    let subjects = obj
        .get("subjects")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (i, sub) in subjects.iter().enumerate() {
        let p = format!("subjects[{i}]");
        let sname = s(sub, "name");
        if sname.is_empty() {
            errs.push(required(&format!("{p}.name"), ""));
        }
        let api_group = s(sub, "apiGroup");
        match s(sub, "kind") {
            "ServiceAccount" => {
                if !sname.is_empty() {
                    for m in is_dns1123_subdomain(sname) {
                        errs.push(invalid(&format!("{p}.name"), Go::str(sname), &m));
                    }
                }
                if !api_group.is_empty() {
                    errs.push(not_supported(
                        &format!("{p}.apiGroup"),
                        Go::str(api_group),
                        &[""],
                    ));
                }
                if !namespaced && s(sub, "namespace").is_empty() {
                    errs.push(required(&format!("{p}.namespace"), ""));
                }
            }
            "User" | "Group" => {
                if api_group != RBAC_GROUP {
                    errs.push(not_supported(
                        &format!("{p}.apiGroup"),
                        Go::str(api_group),
                        &[RBAC_GROUP],
                    ));
                }
            }
            other => errs.push(not_supported(
                &format!("{p}.kind"),
                Go::str(other),
                &["ServiceAccount", "User", "Group"],
            )),
        }
    }
    if let Some(old) = old {
        let orr = old.get("roleRef").unwrap_or(&Value::Null);
        let same = ["apiGroup", "kind", "name"]
            .iter()
            .all(|k| s(rr, k) == s(orr, k));
        if !same {
            errs.push(invalid(
                "roleRef",
                Go::Raw(format!(
                    "rbac.RoleRef{{APIGroup:{}, Kind:{}, Name:{}}}",
                    go_quote(group),
                    go_quote(kind),
                    go_quote(name)
                )),
                "cannot change roleRef",
            ));
        }
    }
}

/// PriorityClass: reserved `system-` names, the user value ceiling, and a frozen value.
pub(crate) fn priority_class(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let name = obj.get("metadata").map_or("", |m| s(m, "name"));
    let value = obj.get("value").and_then(Value::as_i64).unwrap_or(0);
    let system = matches!(name, "system-node-critical" | "system-cluster-critical");
    if name.starts_with("system-") && !system {
        errs.push(forbidden(
            "metadata.name",
            "priority class names with 'system-' prefix are reserved",
        ));
    }
    if !system && value > 1_000_000_000 {
        errs.push(forbidden(
            "value",
            "maximum allowed value of a user defined priority is 1000000000",
        ));
    }
    let policy = s(obj, "preemptionPolicy");
    if !policy.is_empty() && policy != "PreemptLowerPriority" && policy != "Never" {
        errs.push(not_supported(
            "preemptionPolicy",
            Go::str(policy),
            &["Never", "PreemptLowerPriority"],
        ));
    }
    if let Some(old) = old {
        if old.get("value").and_then(Value::as_i64).unwrap_or(0) != value {
            errs.push(forbidden("value", "may not be changed in an update."));
        }
        if s(old, "preemptionPolicy") != policy {
            errs.push(invalid(
                "preemptionPolicy",
                Go::str(policy),
                "field is immutable",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msgs(errs: &[Cause]) -> Vec<String> {
        errs.iter()
            .map(|c| format!("{}: {}", c.field, c.message))
            .collect()
    }

    #[test]
    fn role_rules() {
        let mut errs = Vec::new();
        role(
            &mut errs,
            &json!({"rules": [{"apiGroups": [""], "resources": ["pods"]},
            {"verbs": ["get"], "nonResourceURLs": ["/healthz"]}]}),
            true,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "rules[0].verbs: Required value: verbs must contain at least one value",
                "rules[1].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules \
                 cannot apply to non-resource URLs",
            ]
        );
        let mut errs = Vec::new();
        role(
            &mut errs,
            &json!({"rules": [{"verbs": ["get"], "nonResourceURLs": ["/x"]}]}),
            false,
        );
        assert!(errs.is_empty());
    }

    #[test]
    fn bindings() {
        let rb = json!({"roleRef": {"apiGroup": RBAC_GROUP, "kind": "Role", "name": "r"},
            "subjects": [{"kind": "User", "name": "jane", "apiGroup": RBAC_GROUP},
                         {"kind": "ServiceAccount", "name": "sa"},
                         {"kind": "Robot", "name": "x"}]});
        let mut errs = Vec::new();
        binding(&mut errs, &rb, None, true);
        assert_eq!(
            msgs(&errs),
            vec![
                "subjects[2].kind: Unsupported value: \"Robot\": supported values: \
                  \"ServiceAccount\", \"User\", \"Group\""
            ]
        );
        let mut errs = Vec::new();
        binding(&mut errs, &rb, None, false);
        assert_eq!(
            msgs(&errs)[..2],
            vec![
                "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
                "subjects[1].namespace: Required value",
            ]
        );
        let mut changed = rb.clone();
        changed["roleRef"]["name"] = json!("other");
        changed["subjects"] = json!([]);
        let mut errs = Vec::new();
        binding(&mut errs, &changed, Some(&rb), true);
        assert_eq!(
            msgs(&errs),
            vec![
                "roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", \
                  Kind:\"Role\", Name:\"other\"}: cannot change roleRef"
            ]
        );
    }

    #[test]
    fn priority_classes() {
        let pc = json!({"metadata": {"name": "high"}, "value": 1000,
            "preemptionPolicy": "PreemptLowerPriority"});
        let mut errs = Vec::new();
        priority_class(&mut errs, &pc, None);
        assert!(errs.is_empty());
        let mut v = pc.clone();
        v["value"] = json!(2000);
        priority_class(&mut errs, &v, Some(&pc));
        assert_eq!(
            msgs(&errs),
            vec!["value: Forbidden: may not be changed in an update."]
        );
    }
}
