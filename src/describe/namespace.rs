//! Namespaces: status plus the namespace's resource quotas and limit ranges.

use serde_json::Value;

use super::{PrefixWriter, Related, annotations, at, labels, str_at, string_map};

/// Write a Namespace's report (kubectl prints no events for namespaces).
pub fn describe(w: &mut PrefixWriter, obj: &Value, related: &Related) {
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
    w.write(
        0,
        &format!("Status:\t{}\n", str_at(obj, &["status", "phase"])),
    );
    w.write(0, "\n");
    quotas(w, &related.quotas);
    w.write(0, "\n");
    limit_ranges(w, &related.limit_ranges);
}

fn quotas(w: &mut PrefixWriter, quotas: &[Value]) {
    if quotas.is_empty() {
        w.write(0, "No resource quota.\n");
        return;
    }
    let mut sorted: Vec<&Value> = quotas.iter().collect();
    sorted.sort_by_key(|q| str_at(q, &["metadata", "name"]));
    w.write(0, "Resource Quotas\n");
    for q in sorted {
        w.write(1, &format!("Name:\t{}\n", str_at(q, &["metadata", "name"])));
        let mut scopes: Vec<&str> =
            super::pod::list(q.get("spec").unwrap_or(&Value::Null), "scopes")
                .into_iter()
                .filter_map(Value::as_str)
                .collect();
        scopes.sort();
        if !scopes.is_empty() {
            w.write(1, &format!("Scopes:\t{}\n", scopes.join(", ")));
            for s in scopes {
                if let Some(help) = super::resourcequota::scope_help(s) {
                    w.write(1, &format!("* {help}\n"));
                }
            }
        }
        w.write(1, "Resource\tUsed\tHard\n");
        w.write(1, "--------\t---\t---\n");
        let used = string_map(at(q, &["status", "used"]));
        for (res, hard) in string_map(at(q, &["status", "hard"])) {
            let u = used.get(&res).map_or("0", String::as_str);
            w.write(1, &format!("{res}\t{u}\t{hard}\n"));
        }
    }
}

/// The LimitRanges section of a namespace.
fn limit_ranges(w: &mut PrefixWriter, ranges: &[Value]) {
    if ranges.is_empty() {
        w.write(0, "No LimitRange resource.\n");
        return;
    }
    w.write(0, "Resource Limits\n");
    // kubectl indents this table by one space.
    limit_table(w, " ", ranges);
}

/// The `Type  Resource  Min  Max ...` table of limit ranges, each line after `indent` (resource names
/// sorted; kubectl walks Go maps in random order).
pub fn limit_table(w: &mut PrefixWriter, indent: &str, ranges: &[Value]) {
    w.write(
        0,
        &format!("{indent}Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n"),
    );
    w.write(
        0,
        &format!("{indent}----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n"),
    );
    for lr in ranges {
        for item in at(lr, &["spec", "limits"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let field = |k: &str| string_map(item.get(k));
            let (min, max, dreq, dlim, ratio) = (
                field("min"),
                field("max"),
                field("defaultRequest"),
                field("default"),
                field("maxLimitRequestRatio"),
            );
            let mut names: Vec<&String> = min
                .keys()
                .chain(max.keys())
                .chain(dreq.keys())
                .chain(dlim.keys())
                .chain(ratio.keys())
                .collect();
            names.sort();
            names.dedup();
            let cell = |m: &std::collections::BTreeMap<String, String>, k: &str| {
                m.get(k).cloned().unwrap_or_else(|| "-".into())
            };
            for n in names {
                w.write(
                    0,
                    &format!(
                        "{indent}{}\t{n}\t{}\t{}\t{}\t{}\t{}\n",
                        str_at(item, &["type"]),
                        cell(&min, n),
                        cell(&max, n),
                        cell(&dreq, n),
                        cell(&dlim, n),
                        cell(&ratio, n)
                    ),
                );
            }
        }
    }
}
