//! RBAC: Roles and ClusterRoles as a table of rules broken down to one resource each,
//! RoleBindings and ClusterRoleBindings as their role reference and subjects.

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, annotations, at, labels, str_at, string_map};

fn strings<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    list(v, key).into_iter().filter_map(Value::as_str).collect()
}

/// One broken-down rule: `(groups, resources, names, urls, verbs)`.
type Rule<'a> = (
    Vec<&'a str>,
    Vec<&'a str>,
    Vec<&'a str>,
    Vec<&'a str>,
    Vec<&'a str>,
);

/// Write a Role's or ClusterRole's report (kubectl prints no events for them).
pub fn describe_role(w: &mut PrefixWriter, role: &Value) {
    header(w, role);
    // kubectl's `breakdownRule`: one rule per (group, resource) pair, plus the
    // non-resource URL part on its own.
    let mut rules: Vec<Rule> = Vec::new();
    for r in list(role, "rules") {
        let (groups, resources, names, urls, verbs) = (
            strings(r, "apiGroups"),
            strings(r, "resources"),
            strings(r, "resourceNames"),
            strings(r, "nonResourceURLs"),
            strings(r, "verbs"),
        );
        for g in &groups {
            for res in &resources {
                rules.push((
                    vec![*g],
                    vec![*res],
                    names.clone(),
                    Vec::new(),
                    verbs.clone(),
                ));
            }
        }
        if !urls.is_empty() {
            rules.push((Vec::new(), Vec::new(), Vec::new(), urls, verbs.clone()));
        }
    }
    // Sorted by the rule's Go string form, which starts with the verbs.
    rules.sort_by_key(|(g, r, n, u, v)| {
        format!(
            "&PolicyRule{{Verbs:[{}],APIGroups:[{}],Resources:[{}],ResourceNames:[{}],NonResourceURLs:[{}],}}",
            v.join(" "),
            g.join(" "),
            r.join(" "),
            n.join(" "),
            u.join(" ")
        )
    });
    w.write(0, "PolicyRule:\n");
    w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.write(1, "---------\t-----------------\t--------------\t-----\n");
    for (groups, resources, names, urls, verbs) in rules {
        let mut combined = Vec::new();
        for r in &resources {
            for g in &groups {
                if g.is_empty() {
                    combined.push(r.to_string());
                } else {
                    combined.push(format!("{r}.{g}"));
                }
            }
        }
        w.write(
            1,
            &format!(
                "{}\t[{}]\t[{}]\t[{}]\n",
                combined.join(", "),
                urls.join(" "),
                names.join(" "),
                verbs.join(" ")
            ),
        );
    }
}

/// Write a RoleBinding's or ClusterRoleBinding's report (no events).
pub fn describe_binding(w: &mut PrefixWriter, b: &Value) {
    header(w, b);
    w.write(0, "Role:\n");
    w.write(1, &format!("Kind:\t{}\n", str_at(b, &["roleRef", "kind"])));
    w.write(1, &format!("Name:\t{}\n", str_at(b, &["roleRef", "name"])));
    w.write(0, "Subjects:\n");
    w.write(1, "Kind\tName\tNamespace\n");
    w.write(1, "----\t----\t---------\n");
    for s in list(b, "subjects") {
        w.write(
            1,
            &format!(
                "{}\t{}\t{}\n",
                str_at(s, &["kind"]),
                str_at(s, &["name"]),
                str_at(s, &["namespace"])
            ),
        );
    }
}

fn header(w: &mut PrefixWriter, obj: &Value) {
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(obj, &["metadata", "name"])),
    );
    labels(
        w,
        0,
        "Labels",
        &string_map(at(obj, &["metadata", "labels"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(obj, &["metadata", "annotations"])),
    );
}
