//! CronJobs: schedule and policies, the job template (with its pod template), the last
//! schedule time and the active jobs.

use serde_json::Value;

use super::job::int_or_unset;
use super::pod::{list, template};
use super::{
    PrefixWriter, Related, annotations, at, label_selector, labels, rfc1123z, str_at, string_map,
};

/// Write a CronJob's report (without events).
pub fn describe(w: &mut PrefixWriter, cj: &Value, _related: &Related) {
    let spec = cj.get("spec").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(cj, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(cj, &["metadata", "namespace"])),
    );
    labels(w, 0, "Labels", &string_map(at(cj, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(cj, &["metadata", "annotations"])),
    );
    w.write(0, &format!("Schedule:\t{}\n", str_at(spec, &["schedule"])));
    let tz = str_at(spec, &["timeZone"]);
    if !tz.is_empty() {
        w.write(0, &format!("Time Zone:\t{tz}\n"));
    }
    w.write(
        0,
        &format!(
            "Concurrency Policy:\t{}\n",
            str_at(spec, &["concurrencyPolicy"])
        ),
    );
    let suspend = match spec.get("suspend").and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.write(0, &format!("Suspend:\t{suspend}\n"));
    w.write(
        0,
        &format!(
            "Successful Job History Limit:\t{}\n",
            int_or_unset(spec.get("successfulJobsHistoryLimit"))
        ),
    );
    w.write(
        0,
        &format!(
            "Failed Job History Limit:\t{}\n",
            int_or_unset(spec.get("failedJobsHistoryLimit"))
        ),
    );
    let deadline = spec
        .get("startingDeadlineSeconds")
        .and_then(Value::as_i64)
        .map_or_else(|| "<unset>".into(), |n| format!("{n}s"));
    w.write(0, &format!("Starting Deadline Seconds:\t{deadline}\n"));
    let job_spec = at(spec, &["jobTemplate", "spec"]).unwrap_or(&Value::Null);
    let selector = match job_spec.get("selector") {
        Some(s) => label_selector(Some(s)),
        None => "<unset>".into(),
    };
    w.write(0, &format!("Selector:\t{selector}\n"));
    w.write(
        0,
        &format!(
            "Parallelism:\t{}\n",
            int_or_unset(job_spec.get("parallelism"))
        ),
    );
    w.write(
        0,
        &format!(
            "Completions:\t{}\n",
            int_or_unset(job_spec.get("completions"))
        ),
    );
    if let Some(a) = job_spec
        .get("activeDeadlineSeconds")
        .and_then(Value::as_i64)
    {
        w.write(0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    template(w, job_spec.get("template"));
    let last = str_at(cj, &["status", "lastScheduleTime"]);
    let last = if last.is_empty() {
        "<unset>".to_string()
    } else {
        rfc1123z(last)
    };
    w.write(0, &format!("Last Schedule Time:\t{last}\n"));
    let active: Vec<&str> = list(cj.get("status").unwrap_or(&Value::Null), "active")
        .into_iter()
        .map(|r| str_at(r, &["name"]))
        .collect();
    let active = if active.is_empty() {
        "<none>".to_string()
    } else {
        active.join(", ")
    };
    w.write(0, &format!("Active Jobs:\t{active}\n"));
}
