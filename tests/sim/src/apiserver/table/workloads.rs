//! Printers for workloads: pods (with the kubelet-facing STATUS/RESTARTS logic), deployments,
//! replica sets, stateful sets, daemon sets, jobs, cron jobs, replication controllers, pod
//! templates, controller revisions, HPAs and PDBs.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::descriptions as d;
use super::{
    CONTAINERS_DESC, IMAGES_DESC, Printer, age, age_col, arr_at, bool_ptr, col, condition_status,
    container_cells, format_label_selector, int_at, int_or_string, is_deleting, name, name_col,
    parse_time, since, str_at, wide,
};

pub(super) fn printer(group: &str, resource: &str) -> Option<Printer> {
    let (columns, cells): (Vec<_>, super::CellsFn) = match (group, resource) {
        ("", "pods") => (
            vec![
                name_col(),
                col(
                    "Ready",
                    "string",
                    "The aggregate readiness state of this pod for accepting traffic.",
                ),
                col(
                    "Status",
                    "string",
                    "The aggregate status of the containers in this pod.",
                ),
                col(
                    "Restarts",
                    "string",
                    "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
                ),
                age_col(),
                wide("IP", "string", d::POD_IP),
                wide("Node", "string", d::POD_NODE_NAME),
                wide("Nominated Node", "string", d::POD_NOMINATED_NODE),
                wide("Readiness Gates", "string", d::POD_READINESS_GATES),
            ],
            pod_cells,
        ),
        ("apps", "deployments") => (
            vec![
                name_col(),
                col("Ready", "string", "Number of the pod with ready state"),
                col("Up-to-date", "string", d::DEPLOY_UPDATED),
                col("Available", "string", d::DEPLOY_AVAILABLE),
                age_col(),
                wide("Containers", "string", CONTAINERS_DESC),
                wide("Images", "string", IMAGES_DESC),
                wide("Selector", "string", d::DEPLOY_SELECTOR),
            ],
            deployment_cells,
        ),
        ("apps", "replicasets") => (
            vec![
                name_col(),
                col("Desired", "integer", d::RS_SPEC_REPLICAS),
                col("Current", "integer", d::RS_STATUS_REPLICAS),
                col("Ready", "integer", d::RS_READY_REPLICAS),
                age_col(),
                wide("Containers", "string", CONTAINERS_DESC),
                wide("Images", "string", IMAGES_DESC),
                wide("Selector", "string", d::RS_SELECTOR),
            ],
            replicaset_cells,
        ),
        ("", "replicationcontrollers") => (
            vec![
                name_col(),
                col("Desired", "integer", d::RC_SPEC_REPLICAS),
                col("Current", "integer", d::RC_STATUS_REPLICAS),
                col("Ready", "integer", d::RC_READY_REPLICAS),
                age_col(),
                wide("Containers", "string", CONTAINERS_DESC),
                wide("Images", "string", IMAGES_DESC),
                wide("Selector", "string", d::RC_SELECTOR),
            ],
            replication_controller_cells,
        ),
        ("apps", "statefulsets") => (
            vec![
                name_col(),
                col("Ready", "string", "Number of the pod with ready state"),
                age_col(),
                wide("Containers", "string", CONTAINERS_DESC),
                wide("Images", "string", IMAGES_DESC),
            ],
            statefulset_cells,
        ),
        ("apps", "daemonsets") => (
            vec![
                name_col(),
                col("Desired", "integer", d::DS_DESIRED),
                col("Current", "integer", d::DS_CURRENT),
                col("Ready", "integer", d::DS_READY),
                col("Up-to-date", "integer", d::DS_UPDATED),
                col("Available", "integer", d::DS_AVAILABLE),
                col("Node Selector", "string", d::POD_NODE_SELECTOR),
                age_col(),
                wide("Containers", "string", CONTAINERS_DESC),
                wide("Images", "string", IMAGES_DESC),
                wide("Selector", "string", d::DS_SELECTOR),
            ],
            daemonset_cells,
        ),
        ("batch", "jobs") => (
            vec![
                name_col(),
                col("Status", "string", "Status of the job."),
                col("Completions", "string", d::JOB_SUCCEEDED),
                col("Duration", "string", "Time required to complete the job."),
                age_col(),
                wide("Containers", "string", CONTAINERS_DESC),
                wide("Images", "string", IMAGES_DESC),
                wide("Selector", "string", d::JOB_SELECTOR),
            ],
            job_cells,
        ),
        ("batch", "cronjobs") => (
            vec![
                name_col(),
                col("Schedule", "string", d::CJ_SCHEDULE),
                col("Timezone", "string", d::CJ_TIMEZONE),
                col("Suspend", "boolean", d::CJ_SUSPEND),
                col("Active", "integer", d::CJ_ACTIVE),
                col("Last Schedule", "string", d::CJ_LAST_SCHEDULE),
                age_col(),
                wide("Containers", "string", CONTAINERS_DESC),
                wide("Images", "string", IMAGES_DESC),
                wide("Selector", "string", d::JOB_SELECTOR),
            ],
            cronjob_cells,
        ),
        ("", "podtemplates") => (
            vec![
                name_col(),
                col("Containers", "string", CONTAINERS_DESC),
                col("Images", "string", IMAGES_DESC),
                col("Pod Labels", "string", "The labels for the pod template."),
            ],
            pod_template_cells,
        ),
        ("apps", "controllerrevisions") => (
            vec![
                name_col(),
                col("Controller", "string", "Controller of the object"),
                col("Revision", "string", d::CR_REVISION),
                age_col(),
            ],
            controller_revision_cells,
        ),
        ("autoscaling", "horizontalpodautoscalers") => (
            vec![
                name_col(),
                col("Reference", "string", d::HPA_REF),
                col("Targets", "string", d::HPA_METRICS),
                col("MinPods", "string", d::HPA_MIN),
                col("MaxPods", "string", d::HPA_MAX),
                col("Replicas", "string", d::HPA_CURRENT),
                age_col(),
            ],
            hpa_cells,
        ),
        // The `/scale` subresource's autoscaling/v1 Scale (`kubectl get --subresource=scale`).
        ("autoscaling", "scale" | "scales") => (
            vec![
                name_col(),
                col("Desired", "integer", d::SCALE_SPEC_REPLICAS),
                col("Available", "integer", d::SCALE_STATUS_REPLICAS),
                age_col(),
            ],
            scale_cells,
        ),
        ("policy", "poddisruptionbudgets") => (
            vec![
                name_col(),
                col(
                    "Min Available",
                    "string",
                    "The minimum number of pods that must be available.",
                ),
                col(
                    "Max Unavailable",
                    "string",
                    "The maximum number of pods that may be unavailable.",
                ),
                col(
                    "Allowed Disruptions",
                    "integer",
                    "Calculated number of pods that may be disrupted at this time.",
                ),
                age_col(),
            ],
            pdb_cells,
        ),
        _ => return None,
    };
    Some(Printer { columns, cells })
}

// ---------------------------------------------------------------------------------------------
// Pods.

/// Row `conditions` of a finished pod (`podSuccessConditions` / `podFailedConditions`).
pub(super) fn pod_row_conditions(pod: &Value) -> Option<Value> {
    match str_at(pod, "/status/phase") {
        "Succeeded" => Some(
            json!([{"type": "Completed", "status": "True", "reason": "Succeeded",
            "message": "The pod has completed successfully."}]),
        ),
        "Failed" => Some(
            json!([{"type": "Completed", "status": "True", "reason": "Failed",
            "message": "The pod failed."}]),
        ),
        _ => None,
    }
}

/// Keeps the latest `lastState.terminated.finishedAt` seen.
fn track_last_restart(latest: &mut Option<DateTime<Utc>>, status: &Value) {
    if status
        .pointer("/lastState/terminated")
        .is_some_and(Value::is_object)
    {
        // A terminated state without finishedAt is Go's zero time, which never wins.
        if let Some(t) = parse_time(str_at(status, "/lastState/terminated/finishedAt"))
            && latest.is_none_or(|l| l < t)
        {
            *latest = Some(t);
        }
    }
}

/// `Init:Signal:N` / `Signal:N` / `ExitCode:N` for a terminated state without a reason.
fn terminated_without_reason(term: &Value, prefix: &str) -> String {
    let signal = int_at(term, "/signal");
    if signal != 0 {
        format!("{prefix}Signal:{signal}")
    } else {
        format!("{prefix}ExitCode:{}", int_at(term, "/exitCode"))
    }
}

/// The real printer's READY / STATUS / RESTARTS logic (`printPod`).
fn pod_cells(pod: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let init_specs = arr_at(pod, "/spec/initContainers");
    let is_sidecar = |n: &str| {
        init_specs
            .iter()
            .any(|c| str_at(c, "/name") == n && str_at(c, "/restartPolicy") == "Always")
    };
    let total = arr_at(pod, "/spec/containers").len()
        + init_specs
            .iter()
            .filter(|c| str_at(c, "/restartPolicy") == "Always")
            .count();
    let mut ready = 0usize;
    let mut restarts = 0i64;
    let mut sidecar_restarts = 0i64;
    let mut last_restart: Option<DateTime<Utc>> = None;
    let mut last_sidecar_restart: Option<DateTime<Utc>> = None;

    let phase = str_at(pod, "/status/phase");
    let mut reason = phase.to_string();
    let status_reason = str_at(pod, "/status/reason");
    if !status_reason.is_empty() {
        reason = status_reason.to_string();
    }
    let conditions = arr_at(pod, "/status/conditions");
    if conditions
        .iter()
        .any(|c| str_at(c, "/type") == "PodScheduled" && str_at(c, "/reason") == "SchedulingGated")
    {
        reason = "SchedulingGated".to_string();
    }

    let mut initializing = false;
    for (i, cs) in arr_at(pod, "/status/initContainerStatuses")
        .iter()
        .enumerate()
    {
        restarts += int_at(cs, "/restartCount");
        track_last_restart(&mut last_restart, cs);
        let sidecar = is_sidecar(str_at(cs, "/name"));
        if sidecar {
            sidecar_restarts += int_at(cs, "/restartCount");
            track_last_restart(&mut last_sidecar_restart, cs);
        }
        let terminated = cs.pointer("/state/terminated").filter(|t| t.is_object());
        let waiting_reason = str_at(cs, "/state/waiting/reason");
        if terminated.is_some_and(|t| int_at(t, "/exitCode") == 0) {
            continue;
        }
        if sidecar && cs.get("started").and_then(Value::as_bool) == Some(true) {
            if cs.get("ready").and_then(Value::as_bool) == Some(true) {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            let r = str_at(t, "/reason");
            reason = if r.is_empty() {
                terminated_without_reason(t, "Init:")
            } else {
                format!("Init:{r}")
            };
        } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
            reason = format!("Init:{waiting_reason}");
        } else {
            reason = format!("Init:{i}/{}", init_specs.len());
        }
        initializing = true;
        break;
    }

    let initialized = condition_status(conditions, "Initialized") == Some("True");
    if !initializing || initialized {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for cs in arr_at(pod, "/status/containerStatuses").iter().rev() {
            restarts += int_at(cs, "/restartCount");
            track_last_restart(&mut last_restart, cs);
            let waiting_reason = str_at(cs, "/state/waiting/reason");
            let terminated = cs.pointer("/state/terminated").filter(|t| t.is_object());
            if !waiting_reason.is_empty() {
                reason = waiting_reason.to_string();
            } else if let Some(t) = terminated {
                let r = str_at(t, "/reason");
                reason = if r.is_empty() {
                    terminated_without_reason(t, "")
                } else {
                    r.to_string()
                };
            } else if cs.get("ready").and_then(Value::as_bool) == Some(true)
                && cs.pointer("/state/running").is_some_and(Value::is_object)
            {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if condition_status(conditions, "Ready") == Some("True") {
                "Running".to_string()
            } else {
                "NotReady".to_string()
            };
        }
    }

    if is_deleting(pod) && status_reason == "NodeLost" {
        reason = "Unknown".to_string();
    } else if is_deleting(pod) && phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating".to_string();
    }

    let restarts_cell = match last_restart {
        Some(t) if restarts != 0 => {
            format!("{restarts} ({} ago)", super::human_duration(now - t))
        }
        _ => restarts.to_string(),
    };

    let or_none = |s: &str| {
        if s.is_empty() {
            "<none>".to_string()
        } else {
            s.to_string()
        }
    };
    // The apiserver keeps podIP == podIPs[0]; fall back for objects that only set podIP.
    let pod_ip = match str_at(pod, "/status/podIPs/0/ip") {
        "" => or_none(str_at(pod, "/status/podIP")),
        ip => ip.to_string(),
    };
    let gates = arr_at(pod, "/spec/readinessGates");
    let gates_cell = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let true_count = gates
            .iter()
            .filter(|g| condition_status(conditions, str_at(g, "/conditionType")) == Some("True"))
            .count();
        format!("{true_count}/{}", gates.len())
    };
    vec![
        json!(name(pod)),
        json!(format!("{ready}/{total}")),
        json!(reason),
        json!(restarts_cell),
        age(pod, now),
        json!(pod_ip),
        json!(or_none(str_at(pod, "/spec/nodeName"))),
        json!(or_none(str_at(pod, "/status/nominatedNodeName"))),
        json!(gates_cell),
    ]
}

// ---------------------------------------------------------------------------------------------
// Controllers.

fn template_spec(obj: &Value) -> Option<&Value> {
    obj.pointer("/spec/template/spec")
}

fn deployment_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let (names, images) = container_cells(template_spec(obj));
    // The deployment printer uses the selector's plain String(): "" when empty.
    let selector = match super::super::selectors::label_selector_from_object(
        obj.pointer("/spec/selector").unwrap_or(&Value::Null),
    ) {
        Ok(s) => s.to_string(),
        Err(_) => "<invalid>".to_string(),
    };
    vec![
        json!(name(obj)),
        json!(format!(
            "{}/{}",
            int_at(obj, "/status/readyReplicas"),
            int_at(obj, "/spec/replicas")
        )),
        json!(int_at(obj, "/status/updatedReplicas")),
        json!(int_at(obj, "/status/availableReplicas")),
        age(obj, now),
        names,
        images,
        json!(selector),
    ]
}

fn replicaset_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let (names, images) = container_cells(template_spec(obj));
    vec![
        json!(name(obj)),
        json!(int_at(obj, "/spec/replicas")),
        json!(int_at(obj, "/status/replicas")),
        json!(int_at(obj, "/status/readyReplicas")),
        age(obj, now),
        names,
        images,
        json!(format_label_selector(obj.pointer("/spec/selector"))),
    ]
}

fn replication_controller_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let (names, images) = container_cells(template_spec(obj));
    let selector = obj.pointer("/spec/selector").unwrap_or(&Value::Null);
    vec![
        json!(name(obj)),
        json!(int_at(obj, "/spec/replicas")),
        json!(int_at(obj, "/status/replicas")),
        json!(int_at(obj, "/status/readyReplicas")),
        age(obj, now),
        names,
        images,
        json!(super::super::selectors::format_labels(selector)),
    ]
}

fn statefulset_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let (names, images) = container_cells(template_spec(obj));
    vec![
        json!(name(obj)),
        json!(format!(
            "{}/{}",
            int_at(obj, "/status/readyReplicas"),
            int_at(obj, "/spec/replicas")
        )),
        age(obj, now),
        names,
        images,
    ]
}

fn daemonset_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let (names, images) = container_cells(template_spec(obj));
    let node_selector = obj
        .pointer("/spec/template/spec/nodeSelector")
        .unwrap_or(&Value::Null);
    vec![
        json!(name(obj)),
        json!(int_at(obj, "/status/desiredNumberScheduled")),
        json!(int_at(obj, "/status/currentNumberScheduled")),
        json!(int_at(obj, "/status/numberReady")),
        json!(int_at(obj, "/status/updatedNumberScheduled")),
        json!(int_at(obj, "/status/numberAvailable")),
        json!(super::super::selectors::format_labels(node_selector)),
        age(obj, now),
        names,
        images,
        json!(format_label_selector(obj.pointer("/spec/selector"))),
    ]
}

/// The Job STATUS column: first match wins.
fn job_status(obj: &Value) -> &'static str {
    let conds = arr_at(obj, "/status/conditions");
    let has = |t: &str| condition_status(conds, t) == Some("True");
    if has("Complete") {
        "Complete"
    } else if has("Failed") {
        "Failed"
    } else if is_deleting(obj) {
        "Terminating"
    } else if has("Suspended") {
        "Suspended"
    } else if has("FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    }
}

fn job_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let succeeded = int_at(obj, "/status/succeeded");
    let completions = match obj.pointer("/spec/completions").and_then(Value::as_i64) {
        Some(c) => format!("{succeeded}/{c}"),
        None => {
            let parallelism = int_at(obj, "/spec/parallelism");
            if parallelism > 1 {
                format!("{succeeded}/1 of {parallelism}")
            } else {
                format!("{succeeded}/1")
            }
        }
    };
    let start = parse_time(str_at(obj, "/status/startTime"));
    let completion = parse_time(str_at(obj, "/status/completionTime"));
    let duration = match (start, completion) {
        (None, _) => String::new(),
        (Some(s), None) => super::human_duration(now - s),
        (Some(s), Some(c)) => super::human_duration(c - s),
    };
    let (names, images) = container_cells(template_spec(obj));
    vec![
        json!(name(obj)),
        json!(job_status(obj)),
        json!(completions),
        json!(duration),
        age(obj, now),
        names,
        images,
        json!(format_label_selector(obj.pointer("/spec/selector"))),
    ]
}

fn cronjob_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let last = match obj
        .pointer("/status/lastScheduleTime")
        .and_then(Value::as_str)
    {
        Some(t) => since(t, now),
        None => "<none>".to_string(),
    };
    let tz = obj
        .pointer("/spec/timeZone")
        .and_then(Value::as_str)
        .unwrap_or("<none>");
    let (names, images) = container_cells(obj.pointer("/spec/jobTemplate/spec/template/spec"));
    vec![
        json!(name(obj)),
        json!(str_at(obj, "/spec/schedule")),
        json!(tz),
        json!(bool_ptr(obj.pointer("/spec/suspend"))),
        json!(arr_at(obj, "/status/active").len()),
        json!(last),
        age(obj, now),
        names,
        images,
        json!(format_label_selector(
            obj.pointer("/spec/jobTemplate/spec/selector")
        )),
    ]
}

fn pod_template_cells(obj: &Value, _now: DateTime<Utc>) -> Vec<Value> {
    let (names, images) = container_cells(obj.pointer("/template/spec"));
    let labels = obj
        .pointer("/template/metadata/labels")
        .unwrap_or(&Value::Null);
    vec![
        json!(name(obj)),
        names,
        images,
        json!(super::super::selectors::format_labels(labels)),
    ]
}

fn controller_revision_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let controller = arr_at(obj, "/metadata/ownerReferences")
        .iter()
        .find(|r| r.get("controller").and_then(Value::as_bool) == Some(true))
        .map(|r| {
            // formatResourceName: lower("Kind.group")/name, the group taken from apiVersion.
            let api_version = str_at(r, "/apiVersion");
            let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
            let kind = str_at(r, "/kind");
            let gk = if group.is_empty() {
                kind.to_string()
            } else {
                format!("{kind}.{group}")
            };
            if gk.is_empty() {
                str_at(r, "/name").to_string()
            } else {
                format!("{}/{}", gk.to_lowercase(), str_at(r, "/name"))
            }
        })
        .unwrap_or_else(|| "<none>".to_string());
    vec![
        json!(name(obj)),
        json!(controller),
        json!(int_at(obj, "/revision")),
        age(obj, now),
    ]
}

/// A quantity as the API stores it (already canonical); missing means zero.
fn qty(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "0".to_string(),
    }
}

/// `formatHPAMetrics`: up to two `current/target` entries, then `+ N more...`.
fn hpa_metrics(obj: &Value) -> String {
    // autoscaling/v1 objects carry only a CPU target; the apiserver converts that to a
    // Resource metric before printing.
    if obj.pointer("/spec/metrics").is_none()
        && let Some(target) = obj.pointer("/spec/targetCPUUtilizationPercentage")
    {
        let mut status = json!({});
        if let Some(cur) = obj.pointer("/status/currentCPUUtilizationPercentage") {
            status = json!({"currentMetrics": [{"type": "Resource",
                "resource": {"name": "cpu", "current": {"averageUtilization": cur}}}]});
        }
        let v2 = json!({"spec": {"metrics": [{"type": "Resource", "resource": {"name": "cpu",
            "target": {"type": "Utilization", "averageUtilization": target}}}]},
            "status": status});
        return hpa_metrics(&v2);
    }
    let specs = arr_at(obj, "/spec/metrics");
    if specs.is_empty() {
        return "<none>".to_string();
    }
    let statuses = arr_at(obj, "/status/currentMetrics");
    let mut list = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let status = statuses.get(i);
        let cur = |kind: &str, field: &str| -> Option<String> {
            status
                .and_then(|s| s.get(kind))
                .and_then(|k| k.pointer(&format!("/current/{field}")))
                .map(|v| qty(Some(v)))
        };
        let entry = match str_at(spec, "/type") {
            kind @ ("External" | "Object") => {
                let key = if kind == "External" {
                    "external"
                } else {
                    "object"
                };
                let target = spec
                    .pointer(&format!("/{key}/target"))
                    .unwrap_or(&Value::Null);
                if let Some(avg) = target.get("averageValue") {
                    let current = cur(key, "averageValue").unwrap_or_else(|| "<unknown>".into());
                    format!("{current}/{} (avg)", qty(Some(avg)))
                } else {
                    let current = if status.and_then(|s| s.get(key)).is_some() {
                        qty(status.and_then(|s| s.pointer(&format!("/{key}/current/value"))))
                    } else {
                        "<unknown>".to_string()
                    };
                    format!("{current}/{}", qty(target.get("value")))
                }
            }
            "Pods" => {
                let current = if status.and_then(|s| s.get("pods")).is_some() {
                    qty(status.and_then(|s| s.pointer("/pods/current/averageValue")))
                } else {
                    "<unknown>".to_string()
                };
                format!(
                    "{current}/{}",
                    qty(spec.pointer("/pods/target/averageValue"))
                )
            }
            kind @ ("Resource" | "ContainerResource") => {
                let key = if kind == "Resource" {
                    "resource"
                } else {
                    "containerResource"
                };
                let rname = str_at(spec, &format!("/{key}/name"));
                let target = spec
                    .pointer(&format!("/{key}/target"))
                    .unwrap_or(&Value::Null);
                if let Some(avg) = target.get("averageValue") {
                    let current = if status.and_then(|s| s.get(key)).is_some() {
                        qty(status.and_then(|s| s.pointer(&format!("/{key}/current/averageValue"))))
                    } else {
                        "<unknown>".to_string()
                    };
                    format!("{rname}: {current}/{}", qty(Some(avg)))
                } else {
                    let current = status
                        .and_then(|s| s.pointer(&format!("/{key}/current/averageUtilization")))
                        .and_then(Value::as_i64)
                        .map_or_else(|| "<unknown>".to_string(), |u| format!("{u}%"));
                    let target = target
                        .get("averageUtilization")
                        .and_then(Value::as_i64)
                        .map_or_else(|| "<auto>".to_string(), |u| format!("{u}%"));
                    format!("{rname}: {current}/{target}")
                }
            }
            _ => "<unknown type>".to_string(),
        };
        list.push(entry);
    }
    let count = list.len();
    if count > 2 {
        list.truncate(2);
        return format!("{} + {} more...", list.join(", "), count - 2);
    }
    list.join(", ")
}

fn hpa_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let reference = format!(
        "{}/{}",
        str_at(obj, "/spec/scaleTargetRef/kind"),
        str_at(obj, "/spec/scaleTargetRef/name")
    );
    let min = obj
        .pointer("/spec/minReplicas")
        .and_then(Value::as_i64)
        .map_or_else(|| "<unset>".to_string(), |m| m.to_string());
    vec![
        json!(name(obj)),
        json!(reference),
        json!(hpa_metrics(obj)),
        json!(min),
        json!(int_at(obj, "/spec/maxReplicas")),
        json!(int_at(obj, "/status/currentReplicas")),
        age(obj, now),
    ]
}

fn scale_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(obj)),
        json!(int_at(obj, "/spec/replicas")),
        json!(int_at(obj, "/status/replicas")),
        age(obj, now),
    ]
}

fn pdb_cells(obj: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let or_na = |p: &str| {
        obj.pointer(p)
            .map_or_else(|| "N/A".to_string(), int_or_string)
    };
    vec![
        json!(name(obj)),
        json!(or_na("/spec/minAvailable")),
        json!(or_na("/spec/maxUnavailable")),
        json!(int_at(obj, "/status/disruptionsAllowed")),
        age(obj, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ago, cells, headers};
    use super::super::{IncludeObject, build_table};
    use serde_json::{Value, json};

    fn pod(spec: Value, status: Value) -> Value {
        json!({"kind": "Pod", "apiVersion": "v1",
            "metadata": {"name": "web-1", "namespace": "default", "creationTimestamp": ago(3600)},
            "spec": spec, "status": status})
    }

    fn one_container() -> Value {
        json!({"containers": [{"name": "app", "image": "nginx"}], "nodeName": "node-1"})
    }

    #[test]
    fn pod_columns() {
        assert_eq!(
            headers("", "pods"),
            [
                "Name",
                "Ready",
                "Status",
                "Restarts",
                "Age",
                "IP*",
                "Node*",
                "Nominated Node*",
                "Readiness Gates*"
            ]
        );
    }

    #[test]
    fn running_pod() {
        let p = pod(
            one_container(),
            json!({"phase": "Running", "podIPs": [{"ip": "10.244.0.7"}],
                "conditions": [{"type": "Ready", "status": "True"}],
                "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0,
                    "state": {"running": {"startedAt": ago(3000)}}}]}),
        );
        assert_eq!(
            cells("", "pods", p),
            json!([
                "web-1",
                "1/1",
                "Running",
                "0",
                "60m",
                "10.244.0.7",
                "node-1",
                "<none>",
                "<none>"
            ])
            .as_array()
            .unwrap()
            .clone()
        );
    }

    #[test]
    fn crash_looping_pod() {
        let p = pod(
            one_container(),
            json!({"phase": "Running",
                "containerStatuses": [{"name": "app", "ready": false, "restartCount": 3,
                    "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                        "finishedAt": ago(25)}},
                    "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}),
        );
        let c = cells("", "pods", p);
        assert_eq!(c[1], "0/1");
        assert_eq!(c[2], "CrashLoopBackOff");
        assert_eq!(c[3], "3 (25s ago)");
        assert_eq!(c[5], "<none>");
    }

    #[test]
    fn pending_and_creating_pods() {
        let p = pod(
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]}),
            json!({"phase": "Pending"}),
        );
        let c = cells("", "pods", p);
        assert_eq!(
            (c[1].as_str(), c[2].as_str(), c[6].as_str()),
            (Some("0/2"), Some("Pending"), Some("<none>"))
        );
        let p = pod(
            one_container(),
            json!({"phase": "Pending", "containerStatuses": [{"name": "app", "ready": false,
                "restartCount": 0, "state": {"waiting": {"reason": "ContainerCreating"}}}]}),
        );
        assert_eq!(cells("", "pods", p)[2], "ContainerCreating");
    }

    #[test]
    fn completed_and_failed_pods_carry_row_conditions() {
        let p = pod(
            one_container(),
            json!({"phase": "Succeeded", "containerStatuses": [{"name": "app", "ready": false,
                "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}),
        );
        let t = build_table(
            "",
            "pods",
            None,
            &[p],
            IncludeObject::None,
            true,
            super::super::tests::now(),
        );
        assert_eq!(t["rows"][0]["cells"][1], "0/1");
        assert_eq!(t["rows"][0]["cells"][2], "Completed");
        assert_eq!(
            t["rows"][0]["conditions"],
            json!([{"type": "Completed", "status": "True", "reason": "Succeeded",
                "message": "The pod has completed successfully."}])
        );
        let p = pod(
            one_container(),
            json!({"phase": "Failed", "containerStatuses": [{"name": "app", "ready": false,
                "restartCount": 0, "state": {"terminated": {"exitCode": 2, "reason": "Error"}}}]}),
        );
        let t = build_table(
            "",
            "pods",
            None,
            &[p],
            IncludeObject::None,
            true,
            super::super::tests::now(),
        );
        assert_eq!(t["rows"][0]["cells"][2], "Error");
        assert_eq!(t["rows"][0]["conditions"][0]["reason"], "Failed");
        assert_eq!(t["rows"][0]["conditions"][0]["message"], "The pod failed.");
        // Terminated without a reason.
        let p = pod(
            one_container(),
            json!({"phase": "Failed", "containerStatuses": [{"name": "app", "restartCount": 0,
                "state": {"terminated": {"exitCode": 137, "signal": 9}}}]}),
        );
        assert_eq!(cells("", "pods", p)[2], "Signal:9");
        let p = pod(
            one_container(),
            json!({"phase": "Failed", "containerStatuses": [{"name": "app", "restartCount": 0,
                "state": {"terminated": {"exitCode": 3}}}]}),
        );
        assert_eq!(cells("", "pods", p)[2], "ExitCode:3");
    }

    #[test]
    fn init_container_states() {
        let spec = json!({"initContainers": [{"name": "i1", "image": "x"}, {"name": "i2", "image": "x"}],
            "containers": [{"name": "app", "image": "y"}]});
        let st = |inits: Value| {
            json!({"phase": "Pending", "initContainerStatuses": inits,
            "containerStatuses": [{"name": "app", "restartCount": 0,
                "state": {"waiting": {"reason": "PodInitializing"}}}]})
        };
        let done = json!({"name": "i1", "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}});
        let c = cells(
            "",
            "pods",
            pod(
                spec.clone(),
                st(json!([done.clone(),
            {"name": "i2", "restartCount": 0, "state": {"running": {}}}])),
            ),
        );
        assert_eq!(
            (c[1].as_str(), c[2].as_str()),
            (Some("0/1"), Some("Init:1/2"))
        );
        let c = cells(
            "",
            "pods",
            pod(
                spec.clone(),
                st(json!([
            {"name": "i1", "restartCount": 4, "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(20)}},
             "state": {"waiting": {"reason": "CrashLoopBackOff"}}},
            {"name": "i2", "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}])),
            ),
        );
        assert_eq!(
            (c[2].as_str(), c[3].as_str()),
            (Some("Init:CrashLoopBackOff"), Some("4 (20s ago)"))
        );
        let c = cells(
            "",
            "pods",
            pod(
                spec.clone(),
                st(json!([
            {"name": "i1", "restartCount": 0, "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}])),
            ),
        );
        assert_eq!(c[2], "Init:Error");
        let c = cells(
            "",
            "pods",
            pod(
                spec.clone(),
                st(json!([
            {"name": "i1", "restartCount": 0, "state": {"terminated": {"exitCode": 2}}}])),
            ),
        );
        assert_eq!(c[2], "Init:ExitCode:2");
        // All init containers done: the app container's waiting reason shows.
        let done2 = json!({"name": "i2", "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}});
        let c = cells("", "pods", pod(spec, st(json!([done, done2]))));
        assert_eq!(c[2], "PodInitializing");
    }

    #[test]
    fn sidecar_counts_toward_ready_and_total() {
        let spec = json!({"initContainers": [{"name": "proxy", "image": "envoy", "restartPolicy": "Always"}],
            "containers": [{"name": "app", "image": "y"}]});
        let status = json!({"phase": "Running",
            "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
            "initContainerStatuses": [{"name": "proxy", "ready": true, "started": true, "restartCount": 1,
                "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(90)}},
                "state": {"running": {}}}],
            "containerStatuses": [{"name": "app", "ready": true, "restartCount": 2,
                "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(300)}},
                "state": {"running": {}}}]});
        let c = cells("", "pods", pod(spec, status));
        assert_eq!(
            (c[1].as_str(), c[2].as_str(), c[3].as_str()),
            (Some("2/2"), Some("Running"), Some("3 (90s ago)"))
        );
    }

    #[test]
    fn terminating_unknown_and_gates() {
        let mut p = pod(
            one_container(),
            json!({"phase": "Running",
            "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0, "state": {"running": {}}}]}),
        );
        p["metadata"]["deletionTimestamp"] = json!(ago(5));
        assert_eq!(cells("", "pods", p.clone())[2], "Terminating");
        p["status"]["reason"] = json!("NodeLost");
        assert_eq!(cells("", "pods", p)[2], "Unknown");
        let mut p = pod(
            one_container(),
            json!({"phase": "Failed", "reason": "Evicted",
            "nominatedNodeName": "node-2",
            "conditions": [{"type": "example.com/gate", "status": "True"}]}),
        );
        p["spec"]["readinessGates"] =
            json!([{"conditionType": "example.com/gate"}, {"conditionType": "other"}]);
        let c = cells("", "pods", p);
        assert_eq!(
            (c[2].as_str(), c[7].as_str(), c[8].as_str()),
            (Some("Evicted"), Some("node-2"), Some("1/2"))
        );
        // Completed container while another still runs → NotReady without a Ready condition.
        let p = pod(
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "x"}]}),
            json!({"phase": "Running", "containerStatuses": [
                {"name": "a", "ready": false, "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
                {"name": "b", "ready": true, "restartCount": 0, "state": {"running": {}}}]}),
        );
        assert_eq!(cells("", "pods", p)[2], "NotReady");
        let p = pod(
            one_container(),
            json!({"phase": "Pending",
            "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}),
        );
        assert_eq!(cells("", "pods", p)[2], "SchedulingGated");
    }

    fn template() -> Value {
        json!({"metadata": {"labels": {"app": "web"}},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}, {"name": "log", "image": "busybox"}]}})
    }

    #[test]
    fn deployment_and_replicaset_rows() {
        assert_eq!(
            headers("apps", "deployments"),
            [
                "Name",
                "Ready",
                "Up-to-date",
                "Available",
                "Age",
                "Containers*",
                "Images*",
                "Selector*"
            ]
        );
        let dep = json!({"metadata": {"name": "web", "creationTimestamp": ago(125)},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"},
                "matchExpressions": [{"key": "tier", "operator": "In", "values": ["fe"]}]},
                "template": template()},
            "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}});
        assert_eq!(
            Value::Array(cells("apps", "deployments", dep)),
            json!([
                "web",
                "2/3",
                3,
                2,
                "2m5s",
                "web,log",
                "nginx:1.25,busybox",
                "app=web,tier in (fe)"
            ])
        );
        let dep = json!({"metadata": {"name": "empty"}, "spec": {"replicas": 0, "template": {}}});
        assert_eq!(
            Value::Array(cells("apps", "deployments", dep)),
            json!(["empty", "0/0", 0, 0, "<unknown>", "", "", ""])
        );
        let rs = json!({"metadata": {"name": "web-7c5d", "creationTimestamp": ago(7200)},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "pod-template-hash": "7c5d"}},
                "template": template()},
            "status": {"replicas": 3, "readyReplicas": 1}});
        assert_eq!(
            Value::Array(cells("apps", "replicasets", rs)),
            json!([
                "web-7c5d",
                3,
                3,
                1,
                "120m",
                "web,log",
                "nginx:1.25,busybox",
                "app=web,pod-template-hash=7c5d"
            ])
        );
        let rc = json!({"metadata": {"name": "old"}, "spec": {"replicas": 1, "selector": {"app": "old"},
            "template": template()}, "status": {"replicas": 1}});
        assert_eq!(
            Value::Array(cells("", "replicationcontrollers", rc)),
            json!([
                "old",
                1,
                1,
                0,
                "<unknown>",
                "web,log",
                "nginx:1.25,busybox",
                "app=old"
            ])
        );
    }

    #[test]
    fn statefulset_and_daemonset_rows() {
        let sts = json!({"metadata": {"name": "db", "creationTimestamp": ago(50 * 3600)},
            "spec": {"replicas": 3, "template": template()}, "status": {"readyReplicas": 3}});
        assert_eq!(
            Value::Array(cells("apps", "statefulsets", sts)),
            json!(["db", "3/3", "2d2h", "web,log", "nginx:1.25,busybox"])
        );
        assert_eq!(
            headers("apps", "daemonsets"),
            [
                "Name",
                "Desired",
                "Current",
                "Ready",
                "Up-to-date",
                "Available",
                "Node Selector",
                "Age",
                "Containers*",
                "Images*",
                "Selector*"
            ]
        );
        let ds = json!({"metadata": {"name": "agent", "creationTimestamp": ago(30)},
            "spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": template()},
            "status": {"desiredNumberScheduled": 2, "currentNumberScheduled": 2, "numberReady": 1,
                "updatedNumberScheduled": 2, "numberAvailable": 1}});
        assert_eq!(
            Value::Array(cells("apps", "daemonsets", ds.clone())),
            json!([
                "agent",
                2,
                2,
                1,
                2,
                1,
                "<none>",
                "30s",
                "web,log",
                "nginx:1.25,busybox",
                "app=agent"
            ])
        );
        let mut ds = ds;
        ds["spec"]["template"]["spec"]["nodeSelector"] =
            json!({"kubernetes.io/os": "linux", "disk": "ssd"});
        assert_eq!(
            cells("apps", "daemonsets", ds)[6],
            "disk=ssd,kubernetes.io/os=linux"
        );
    }

    #[test]
    fn job_rows() {
        assert_eq!(
            headers("batch", "jobs"),
            [
                "Name",
                "Status",
                "Completions",
                "Duration",
                "Age",
                "Containers*",
                "Images*",
                "Selector*"
            ]
        );
        let job = json!({"metadata": {"name": "pi", "creationTimestamp": ago(600)},
            "spec": {"completions": 1, "parallelism": 1, "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "abc"}},
                "template": {"spec": {"containers": [{"name": "pi", "image": "perl"}]}}},
            "status": {"succeeded": 1, "startTime": ago(590), "completionTime": ago(550),
                "conditions": [{"type": "SuccessCriteriaMet", "status": "True"}, {"type": "Complete", "status": "True"}]}});
        assert_eq!(
            Value::Array(cells("batch", "jobs", job)),
            json!([
                "pi",
                "Complete",
                "1/1",
                "40s",
                "10m",
                "pi",
                "perl",
                "batch.kubernetes.io/controller-uid=abc"
            ])
        );
        let running = json!({"metadata": {"name": "w"}, "spec": {"parallelism": 3, "template": {}},
            "status": {"startTime": ago(130), "active": 3}});
        let c = cells("batch", "jobs", running);
        assert_eq!(
            (c[1].as_str(), c[2].as_str(), c[3].as_str()),
            (Some("Running"), Some("0/1 of 3"), Some("2m10s"))
        );
        let failed = json!({"metadata": {"name": "f"}, "spec": {"template": {}},
            "status": {"failed": 6, "conditions": [{"type": "Failed", "status": "True"}]}});
        let c = cells("batch", "jobs", failed);
        assert_eq!(
            (c[1].as_str(), c[2].as_str(), c[3].as_str(), c[7].as_str()),
            (Some("Failed"), Some("0/1"), Some(""), Some("<none>"))
        );
        let suspended = json!({"metadata": {"name": "s"}, "spec": {"template": {}},
            "status": {"conditions": [{"type": "Suspended", "status": "True"}]}});
        assert_eq!(cells("batch", "jobs", suspended)[1], "Suspended");
    }

    #[test]
    fn cronjob_rows() {
        let cj = json!({"metadata": {"name": "hello", "creationTimestamp": ago(3 * 86400)},
            "spec": {"schedule": "*/5 * * * *", "suspend": false,
                "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}},
            "status": {"active": [{"name": "hello-1"}], "lastScheduleTime": ago(65)}});
        assert_eq!(
            Value::Array(cells("batch", "cronjobs", cj)),
            json!([
                "hello",
                "*/5 * * * *",
                "<none>",
                "False",
                1,
                "65s",
                "3d",
                "c",
                "busybox",
                "<none>"
            ])
        );
        let cj = json!({"metadata": {"name": "n"}, "spec": {"schedule": "@daily", "timeZone": "Etc/UTC",
            "jobTemplate": {"spec": {}}}});
        let c = cells("batch", "cronjobs", cj);
        assert_eq!(
            (c[2].as_str(), c[3].as_str(), c[4].as_i64(), c[5].as_str()),
            (Some("Etc/UTC"), Some("<unset>"), Some(0), Some("<none>"))
        );
    }

    #[test]
    fn revision_hpa_pdb_podtemplate_rows() {
        let cr = json!({"metadata": {"name": "agent-6c9f", "creationTimestamp": ago(10),
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent", "controller": true}]},
            "revision": 2});
        assert_eq!(
            Value::Array(cells("apps", "controllerrevisions", cr)),
            json!(["agent-6c9f", "daemonset.apps/agent", 2, "10s"])
        );
        let hpa = json!({"metadata": {"name": "web"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5,
                "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]},
            "status": {"currentReplicas": 2, "currentMetrics": [{"type": "Resource",
                "resource": {"name": "cpu", "current": {"averageUtilization": 35, "averageValue": "35m"}}}]}});
        assert_eq!(
            Value::Array(cells("autoscaling", "horizontalpodautoscalers", hpa)),
            json!([
                "web",
                "Deployment/web",
                "cpu: 35%/80%",
                "1",
                5,
                2,
                "<unknown>"
            ])
        );
        let hpa = json!({"metadata": {"name": "w"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "w"},
            "maxReplicas": 3, "metrics": [
                {"type": "Resource", "resource": {"name": "cpu", "target": {"averageUtilization": 50}}},
                {"type": "Resource", "resource": {"name": "memory", "target": {"averageValue": "100Mi"}}},
                {"type": "Pods", "pods": {"target": {"averageValue": "1k"}}}]}});
        let c = cells("autoscaling", "horizontalpodautoscalers", hpa);
        assert_eq!(
            (c[2].as_str(), c[3].as_str()),
            (
                Some("cpu: <unknown>/50%, memory: <unknown>/100Mi + 1 more..."),
                Some("<unset>")
            )
        );
        let v1 = json!({"metadata": {"name": "v1"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "w"},
            "maxReplicas": 3, "targetCPUUtilizationPercentage": 70}, "status": {"currentCPUUtilizationPercentage": 12}});
        assert_eq!(
            cells("autoscaling", "horizontalpodautoscalers", v1)[2],
            "cpu: 12%/70%"
        );
        let v1 = json!({"metadata": {"name": "v1"}, "spec": {"maxReplicas": 3}});
        assert_eq!(
            cells("autoscaling", "horizontalpodautoscalers", v1)[2],
            "<none>"
        );
        let pdb = json!({"metadata": {"name": "p"}, "spec": {"minAvailable": "50%"}, "status": {"disruptionsAllowed": 1}});
        assert_eq!(
            Value::Array(cells("policy", "poddisruptionbudgets", pdb)),
            json!(["p", "50%", "N/A", 1, "<unknown>"])
        );
        let scale = json!({"kind": "Scale", "apiVersion": "autoscaling/v1",
            "metadata": {"name": "web", "creationTimestamp": ago(60)},
            "spec": {"replicas": 3}, "status": {"replicas": 2, "selector": "app=web"}});
        assert_eq!(
            Value::Array(cells("autoscaling", "scale", scale)),
            json!(["web", 3, 2, "60s"])
        );
        let pt = json!({"metadata": {"name": "t"}, "template": template()});
        assert_eq!(
            Value::Array(cells("", "podtemplates", pt)),
            json!(["t", "web,log", "nginx:1.25,busybox", "app=web"])
        );
    }
}
