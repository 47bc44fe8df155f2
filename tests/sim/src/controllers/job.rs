//! Job and CronJob controllers (kubernetes `pkg/controller/job`, `cronjob`): pods until
//! `completions` succeed (at most `parallelism` at once) or `backoffLimit` failures, with the
//! real status fields, conditions and events; CronJobs create `<name>-<minutes>` Jobs on
//! schedule and keep the history limits.

use std::str::FromStr;
use std::time::Duration;

use serde_json::{Value, json};

use super::api::{
    Api, controlled_by, controller_key, deleting, int, name, namespace, owner_ref, res, uid,
};
use super::events::{self, NORMAL, Source, WARNING};
use super::replicaset::{is_ready, pod_from_template};
use super::{Controller, Key};
use crate::store::{DeleteOptions, Event, EventType, ResourceKey, now_rfc3339};

const JOB_SOURCE: Source = Source {
    component: "job-controller",
    host: None,
};
const CRON_SOURCE: Source = Source {
    component: "cronjob-controller",
    host: None,
};
const TRACKING: &str = "batch.kubernetes.io/job-tracking";

/// The Job controller.
pub struct JobController {
    api: Api,
}

impl JobController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        JobController { api }
    }
}

fn phase(p: &Value) -> &str {
    p.pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn has_condition(o: &Value, t: &str) -> bool {
    o.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| cs.iter().any(|c| c["type"] == t && c["status"] == "True"))
}

/// Whether a Job finished (Complete or Failed).
pub fn job_finished(j: &Value) -> Option<&'static str> {
    if has_condition(j, "Complete") {
        Some("Complete")
    } else if has_condition(j, "Failed") {
        Some("Failed")
    } else {
        None
    }
}

fn cond(t: &str, reason: &str, message: &str, now: &str) -> Value {
    json!({"type": t, "status": "True", "lastProbeTime": now, "lastTransitionTime": now, "reason": reason, "message": message})
}

impl Controller for JobController {
    fn name(&self) -> &'static str {
        "job"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::jobs(), res::pods()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::jobs() {
            return vec![Key::new(&ev.namespace, name(&ev.object))];
        }
        controller_key(&ev.object, &ev.namespace, "Job")
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let job = self.api.get(&res::jobs(), &key.namespace, &key.name)?;
        let juid = uid(&job).to_string();
        let pods: Vec<_> = self
            .api
            .list(&res::pods(), Some(&key.namespace))
            .into_iter()
            .filter(|p| controlled_by(p, &juid))
            .collect();
        // Count finished pods and release their tracking finalizer, as the real controller does.
        let succeeded = pods.iter().filter(|p| phase(p) == "Succeeded").count() as i64;
        let failed = pods.iter().filter(|p| phase(p) == "Failed").count() as i64;
        for p in pods
            .iter()
            .filter(|p| matches!(phase(p), "Succeeded" | "Failed") || deleting(p))
        {
            let _ = self.api.mutate(&res::pods(), &key.namespace, name(p), |o| {
                let Some(f) = o
                    .pointer_mut("/metadata/finalizers")
                    .and_then(Value::as_array_mut)
                else {
                    return false;
                };
                let n = f.len();
                f.retain(|x| x != TRACKING);
                n != f.len()
            });
        }
        let active: Vec<_> = pods
            .iter()
            .filter(|p| !deleting(p) && !matches!(phase(p), "Succeeded" | "Failed"))
            .collect();
        let ready = active.iter().filter(|p| is_ready(p)).count() as i64;
        let completions = job.pointer("/spec/completions").and_then(Value::as_i64);
        let parallelism = int(&job, "/spec/parallelism", 1);
        let backoff_limit = int(&job, "/spec/backoffLimit", 6);
        let suspended = job.pointer("/spec/suspend").and_then(Value::as_bool) == Some(true);
        let now = now_rfc3339();
        let finished = job_finished(&job);
        let mut new_conditions: Vec<Value> = Vec::new();
        let mut complete_now = false;
        let mut backing_off = None;
        if finished.is_none() {
            let done = match completions {
                Some(c) => succeeded >= c,
                None => succeeded > 0 && active.is_empty(),
            };
            if done {
                new_conditions.push(cond(
                    "SuccessCriteriaMet",
                    "CompletionsReached",
                    "Reached expected number of succeeded pods",
                    &now,
                ));
                new_conditions.push(cond(
                    "Complete",
                    "CompletionsReached",
                    "Reached expected number of succeeded pods",
                    &now,
                ));
                complete_now = true;
                events::record(
                    &self.api,
                    &job,
                    None,
                    NORMAL,
                    "Completed",
                    "Job completed",
                    &JOB_SOURCE,
                );
            } else if failed > backoff_limit {
                new_conditions.push(cond(
                    "FailureTarget",
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                    &now,
                ));
                new_conditions.push(cond(
                    "Failed",
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                    &now,
                ));
                events::record(
                    &self.api,
                    &job,
                    None,
                    WARNING,
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                    &JOB_SOURCE,
                );
                for p in &active {
                    let _ = self.api.delete(
                        &res::pods(),
                        &key.namespace,
                        name(p),
                        &DeleteOptions::default(),
                    );
                }
            } else if !suspended && !deleting(&job) {
                let remaining = completions.map(|c| c - succeeded).unwrap_or(parallelism);
                let want = parallelism.min(remaining.max(0));
                let template = job.pointer("/spec/template").cloned().unwrap_or_default();
                let wait = pod_failure_backoff(&pods);
                if wait.is_some() && (active.len() as i64) < want {
                    backing_off = wait;
                }
                for _ in (active.len() as i64)..if wait.is_some() { 0 } else { want } {
                    let mut pod = pod_from_template(&job, &template, &[]);
                    pod["metadata"]["finalizers"] = json!([TRACKING]);
                    match self.api.create(
                        &res::pods(),
                        &key.namespace,
                        pod,
                        "kube-controller-manager",
                    ) {
                        Ok(p) => events::record(
                            &self.api,
                            &job,
                            None,
                            NORMAL,
                            "SuccessfulCreate",
                            &format!("Created pod: {}", name(&p)),
                            &JOB_SOURCE,
                        ),
                        Err(e) => {
                            events::record(
                                &self.api,
                                &job,
                                None,
                                WARNING,
                                "FailedCreate",
                                &format!("Error creating: {}", e.message),
                                &JOB_SOURCE,
                            );
                            break;
                        }
                    }
                }
            }
        }
        let active_now = if new_conditions.is_empty() {
            active.len() as i64
        } else {
            0
        };
        let _ = self
            .api
            .mutate(&res::jobs(), &key.namespace, &key.name, |o| {
                let mut st = o.get("status").cloned().unwrap_or_else(|| json!({}));
                if st.get("startTime").is_none() && !suspended {
                    st["startTime"] = json!(now);
                }
                let set = |st: &mut Value, k: &str, v: i64| {
                    if v > 0 {
                        st[k] = json!(v)
                    } else {
                        st.as_object_mut().map(|m| m.remove(k));
                    }
                };
                set(&mut st, "active", active_now);
                set(&mut st, "succeeded", succeeded);
                set(&mut st, "failed", failed);
                st["ready"] = json!(if active_now > 0 { ready } else { 0 });
                st["terminating"] = json!(0);
                st["uncountedTerminatedPods"] = json!({});
                if !new_conditions.is_empty() {
                    let mut cs = st["conditions"].as_array().cloned().unwrap_or_default();
                    cs.extend(new_conditions.iter().cloned());
                    st["conditions"] = json!(cs);
                    if complete_now {
                        st["completionTime"] = json!(now);
                    }
                }
                if o.get("status") == Some(&st) {
                    return false;
                }
                o["status"] = st;
                true
            });
        // ttlSecondsAfterFinished: delete the finished Job (and its pods, by GC) later.
        if let (Some(ttl), true) = (
            job.pointer("/spec/ttlSecondsAfterFinished")
                .and_then(Value::as_i64),
            finished.is_some() || !new_conditions.is_empty(),
        ) {
            let fin = self.api.get(&res::jobs(), &key.namespace, &key.name)?;
            let at = fin
                .pointer("/status/completionTime")
                .or_else(|| fin.pointer("/status/conditions/0/lastTransitionTime"))
                .and_then(Value::as_str)
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())?;
            let left = ttl - crate::clock::sim_secs_since(at.with_timezone(&chrono::Utc));
            if left <= 0 {
                let opts = DeleteOptions {
                    propagation_policy: Some("Background".into()),
                    ..Default::default()
                };
                let _ = self
                    .api
                    .delete(&res::jobs(), &key.namespace, &key.name, &opts);
                return None;
            }
            return Some(crate::clock::scaled(Duration::from_secs(left as u64)));
        }
        backing_off
    }
}

/// The pod failure back-off of the real controller: after `n` failed pods since the last
/// succeeded one, no new pod until 10 s × 2^(n-1) (at most 10 min) of simulated time after
/// the last failure. The wall-clock time left, if any.
fn pod_failure_backoff(pods: &[std::sync::Arc<Value>]) -> Option<Duration> {
    const BASE: f64 = 10.0;
    const MAX: f64 = 600.0;
    let finished = |p: &Value| -> Option<chrono::DateTime<chrono::Utc>> {
        p.pointer("/status/containerStatuses")?
            .as_array()?
            .iter()
            .filter_map(|c| c.pointer("/state/terminated/finishedAt")?.as_str())
            .filter_map(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&chrono::Utc))
            .max()
    };
    let last_success = pods
        .iter()
        .filter(|p| phase(p) == "Succeeded")
        .filter_map(|p| finished(p))
        .max();
    let failures: Vec<_> = pods
        .iter()
        .filter(|p| phase(p) == "Failed")
        .filter_map(|p| finished(p))
        .filter(|t| last_success.is_none_or(|s| *t > s))
        .collect();
    let last = *failures.iter().max()?;
    let delay = (BASE * 2f64.powi(failures.len() as i32 - 1)).min(MAX);
    let elapsed = (chrono::Utc::now() - last).num_milliseconds() as f64 / 1000.0;
    let left =
        delay - crate::clock::simulated(Duration::from_secs_f64(elapsed.max(0.0))).as_secs_f64();
    (left > 0.0).then(|| crate::clock::scaled(Duration::from_secs_f64(left)))
}

/// The CronJob controller.
pub struct CronJobController {
    api: Api,
    /// The last tick each CronJob (by uid) fired for, in simulated time: exact, where
    /// `lastScheduleTime` is wall-clock time to the second.
    last_ticks: std::sync::Mutex<std::collections::HashMap<String, chrono::DateTime<chrono::Utc>>>,
}

impl CronJobController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        CronJobController {
            api,
            last_ticks: Default::default(),
        }
    }
}

impl CronJobController {
    /// Deletes one of the CronJob's Jobs (its pods follow by GC) and records it.
    fn delete_job(&self, cj: &Value, job: &Value) {
        let opts = DeleteOptions {
            propagation_policy: Some("Background".into()),
            ..Default::default()
        };
        if self
            .api
            .delete(&res::jobs(), namespace(job), name(job), &opts)
            .is_ok()
        {
            let msg = format!("Deleted job {}", name(job));
            events::record(
                &self.api,
                cj,
                None,
                NORMAL,
                "SuccessfulDelete",
                &msg,
                &CRON_SOURCE,
            );
        }
    }
}

/// Parses a standard 5-field cron schedule (and the `@hourly`-style macros).
pub fn parse_schedule(s: &str) -> Result<croner::Cron, String> {
    croner::Cron::from_str(s.trim()).map_err(|e| e.to_string())
}

impl Controller for CronJobController {
    fn name(&self) -> &'static str {
        "cronjob"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::cronjobs(), res::jobs()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::cronjobs() {
            return (ev.kind != EventType::Deleted)
                .then(|| Key::new(&ev.namespace, name(&ev.object)))
                .into_iter()
                .collect();
        }
        controller_key(&ev.object, &ev.namespace, "CronJob")
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let cj = self.api.get(&res::cronjobs(), &key.namespace, &key.name)?;
        if deleting(&cj) {
            return None;
        }
        let cuid = uid(&cj).to_string();
        let ns = namespace(&cj).to_string();
        let mut jobs: Vec<_> = self
            .api
            .list(&res::jobs(), Some(&ns))
            .into_iter()
            .filter(|j| controlled_by(j, &cuid))
            .collect();
        jobs.sort_by_key(|j| {
            j.pointer("/metadata/creationTimestamp")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        });
        // Schedules run on the cluster's simulated clock (`--speed`); what the API shows is
        // wall-clock time.
        let now = crate::clock::sim_now();
        let schedule = cj
            .pointer("/spec/schedule")
            .and_then(Value::as_str)
            .unwrap_or("");
        let Ok(cron) = parse_schedule(schedule) else {
            events::record(
                &self.api,
                &cj,
                None,
                WARNING,
                "UnparseableSchedule",
                &format!("unparseable schedule: {schedule:?}"),
                &CRON_SOURCE,
            );
            return None;
        };
        let suspended = cj.pointer("/spec/suspend").and_then(Value::as_bool) == Some(true);
        let active: Vec<_> = jobs.iter().filter(|j| job_finished(j).is_none()).collect();
        // The latest tick at or before now that is after the last schedule (or creation).
        let recorded = cj
            .pointer("/status/lastScheduleTime")
            .or_else(|| cj.pointer("/metadata/creationTimestamp"))
            .and_then(Value::as_str)
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| crate::clock::to_sim(t.with_timezone(&chrono::Utc)));
        let remembered = self
            .last_ticks
            .lock()
            .ok()
            .and_then(|m| m.get(&cuid).copied());
        let since = match (remembered, recorded) {
            (Some(a), Some(b)) => a.max(b),
            (a, b) => a.or(b).unwrap_or(now),
        };
        let mut due = None;
        let mut t = since;
        while let Ok(next) = cron.find_next_occurrence(&t, false) {
            if next > now {
                break;
            }
            due = Some(next);
            t = next;
        }
        let mut last_schedule = None;
        if let (Some(tick), false) = (due, suspended) {
            let policy = cj
                .pointer("/spec/concurrencyPolicy")
                .and_then(Value::as_str)
                .unwrap_or("Allow");
            let skip = policy == "Forbid" && !active.is_empty();
            if policy == "Replace" {
                for j in &active {
                    self.delete_job(&cj, j);
                }
            }
            if !skip {
                let job_name = format!("{}-{}", key.name, tick.timestamp() / 60);
                let tpl = cj.pointer("/spec/jobTemplate").cloned().unwrap_or_default();
                let mut meta = tpl.get("metadata").cloned().unwrap_or_else(|| json!({}));
                meta["name"] = json!(job_name);
                meta["namespace"] = json!(ns);
                meta["ownerReferences"] = json!([owner_ref(&cj)]);
                meta["annotations"]["batch.kubernetes.io/cronjob-scheduled-timestamp"] = json!(
                    crate::clock::to_wall(tick).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                );
                let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": tpl.get("spec").cloned().unwrap_or_default()});
                match self
                    .api
                    .create(&res::jobs(), &ns, job, "kube-controller-manager")
                {
                    Ok(_) => events::record(
                        &self.api,
                        &cj,
                        None,
                        NORMAL,
                        "SuccessfulCreate",
                        &format!("Created job {job_name}"),
                        &CRON_SOURCE,
                    ),
                    Err(e) if e.code == 409 => {}
                    Err(e) => events::record(
                        &self.api,
                        &cj,
                        None,
                        WARNING,
                        "FailedCreate",
                        &format!("Error creating job: {}", e.message),
                        &CRON_SOURCE,
                    ),
                }
            }
            last_schedule = Some(tick);
            if let Ok(mut m) = self.last_ticks.lock() {
                m.insert(cuid.clone(), tick);
            }
        }
        // History limits.
        let jobs: Vec<_> = self
            .api
            .list(&res::jobs(), Some(&ns))
            .into_iter()
            .filter(|j| controlled_by(j, &cuid))
            .collect();
        for (state, limit) in [
            ("Complete", int(&cj, "/spec/successfulJobsHistoryLimit", 3)),
            ("Failed", int(&cj, "/spec/failedJobsHistoryLimit", 1)),
        ] {
            let mut done: Vec<_> = jobs
                .iter()
                .filter(|j| job_finished(j) == Some(state))
                .collect();
            done.sort_by_key(|j| {
                j.pointer("/metadata/creationTimestamp")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            });
            let excess = done.len().saturating_sub(limit.max(0) as usize);
            for j in done.iter().take(excess) {
                self.delete_job(&cj, j);
            }
        }
        let active_refs: Vec<Value> = jobs
            .iter()
            .filter(|j| job_finished(j).is_none() && !deleting(j))
            .map(|j| json!({"kind": "Job", "namespace": ns, "name": name(j), "uid": uid(j), "apiVersion": "batch/v1", "resourceVersion": j.pointer("/metadata/resourceVersion")}))
            .collect();
        let last_success = jobs
            .iter()
            .filter(|j| job_finished(j) == Some("Complete"))
            .filter_map(|j| {
                j.pointer("/status/completionTime")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .max();
        let _ = self.api.mutate(&res::cronjobs(), &ns, &key.name, |o| {
            let mut st = o.get("status").cloned().unwrap_or_else(|| json!({}));
            if active_refs.is_empty() {
                st.as_object_mut().map(|m| m.remove("active"));
            } else {
                st["active"] = json!(active_refs);
            }
            if let Some(t) = last_schedule {
                st["lastScheduleTime"] = json!(
                    crate::clock::to_wall(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                );
            }
            if let Some(t) = &last_success {
                st["lastSuccessfulTime"] = json!(t);
            }
            if o.get("status") == Some(&st) {
                return false;
            }
            o["status"] = st;
            true
        });
        // Sleep until the next tick.
        let next = cron.find_next_occurrence(&now, false).ok()?;
        let wait = (next - now).to_std().unwrap_or(Duration::from_secs(1));
        Some(crate::clock::scaled(wait) + Duration::from_millis(50))
    }
}
