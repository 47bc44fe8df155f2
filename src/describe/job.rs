//! Jobs: parallelism, completions, timing, pod counts and the pod template.

use chrono::DateTime;
use serde_json::Value;

use super::pod::template;
use super::{
    PrefixWriter, Related, annotations, at, controlled_by, int_at, label_selector, labels,
    rfc1123z, str_at, string_map,
};
use crate::printers::humanize::human_duration_signed;

/// An optional integer as kubectl prints `*int32`: the number or `<unset>`.
pub fn int_or_unset(v: Option<&Value>) -> String {
    v.and_then(Value::as_i64)
        .map_or_else(|| "<unset>".into(), |n| n.to_string())
}

/// Write a Job's report (without events).
pub fn describe(w: &mut PrefixWriter, job: &Value, _related: &Related) {
    let spec = job.get("spec").unwrap_or(&Value::Null);
    let status = job.get("status").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(job, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(job, &["metadata", "namespace"])),
    );
    w.write(
        0,
        &format!("Selector:\t{}\n", label_selector(spec.get("selector"))),
    );
    labels(
        w,
        0,
        "Labels",
        &string_map(at(job, &["metadata", "labels"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(job, &["metadata", "annotations"])),
    );
    if let Some(c) = controlled_by(job) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    w.write(
        0,
        &format!("Parallelism:\t{}\n", int_or_unset(spec.get("parallelism"))),
    );
    w.write(
        0,
        &format!("Completions:\t{}\n", int_or_unset(spec.get("completions"))),
    );
    let mode = str_at(spec, &["completionMode"]);
    if !mode.is_empty() {
        w.write(0, &format!("Completion Mode:\t{mode}\n"));
    }
    let suspend = spec
        .get("suspend")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    w.write(0, &format!("Suspend:\t{suspend}\n"));
    if let Some(b) = spec.get("backoffLimit").and_then(Value::as_i64) {
        w.write(0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(t) = spec.get("ttlSecondsAfterFinished").and_then(Value::as_i64) {
        w.write(0, &format!("TTL Seconds After Finished:\t{t}\n"));
    }
    let start = str_at(status, &["startTime"]);
    if !start.is_empty() {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    let done = str_at(status, &["completionTime"]);
    if !done.is_empty() {
        w.write(0, &format!("Completed At:\t{}\n", rfc1123z(done)));
        if let (Ok(s), Ok(d)) = (
            DateTime::parse_from_rfc3339(start),
            DateTime::parse_from_rfc3339(done),
        ) {
            let secs = d.signed_duration_since(s).num_seconds();
            w.write(0, &format!("Duration:\t{}\n", human_duration_signed(secs)));
        }
    }
    if let Some(a) = spec.get("activeDeadlineSeconds").and_then(Value::as_i64) {
        w.write(0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    let (active, ok, failed) = (
        int_at(status, &["active"]),
        int_at(status, &["succeeded"]),
        int_at(status, &["failed"]),
    );
    match status.get("ready").and_then(Value::as_i64) {
        Some(ready) => w.write(
            0,
            &format!(
                "Pods Statuses:\t{active} Active ({ready} Ready) / {ok} Succeeded / {failed} Failed\n"
            ),
        ),
        None => w.write(
            0,
            &format!("Pods Statuses:\t{active} Active / {ok} Succeeded / {failed} Failed\n"),
        ),
    }
    if mode == "Indexed" {
        let c = str_at(status, &["completedIndexes"]);
        w.write(
            0,
            &format!(
                "Completed Indexes:\t{}\n",
                if c.is_empty() { "<none>" } else { c }
            ),
        );
    }
    template(w, spec.get("template"));
}
