//! Which pod stands for a workload: kubectl's `ActivePods` (reversed: attach, exec,
//! port-forward take the most active pod) and `ByLogging` (logs) rankings.

use std::cmp::Ordering;

use serde_json::Value;

/// How pods are ranked when one must stand for a workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodOrder {
    /// kubectl's `sort.Reverse(ActivePods)`: the most active pod first (attach, exec,
    /// port-forward).
    MostActive,
    /// kubectl's `ByLogging`: running, ready, long-ready pods first (logs).
    Logging,
}

/// Sort `pods` as kubectl does before taking the first. The sort is stable (kubectl's is
/// not): among pods kubectl ranks equal, the listing order (by name) decides.
pub fn sort_pods(pods: &mut [Value], order: PodOrder) {
    match order {
        PodOrder::MostActive => pods.sort_by(|a, b| active_less(b, a)),
        PodOrder::Logging => pods.sort_by(logging_less),
    }
}

struct PodFacts {
    assigned: bool,
    phase: &'static str,
    ready: bool,
    /// The Ready condition's lastTransitionTime (`""`: zero).
    ready_since: String,
    deleting: Option<String>,
    restarts: (i64, i64),
    created: String,
}

fn facts(p: &Value) -> PodFacts {
    let s = |ptr: &str| p.pointer(ptr).and_then(Value::as_str).unwrap_or("");
    let ready_cond = p
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|c| c.get("type").and_then(Value::as_str) == Some("Ready"));
    let ready = ready_cond.is_some_and(|c| c.get("status").and_then(Value::as_str) == Some("True"));
    let ready_since = ready_cond
        .filter(|_| ready)
        .and_then(|c| c.get("lastTransitionTime"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let max_restarts = |statuses: &str, only: Option<&[String]>| {
        p.pointer(statuses)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|c| {
                only.is_none_or(|names| {
                    names
                        .iter()
                        .any(|n| Some(n.as_str()) == c.get("name").and_then(Value::as_str))
                })
            })
            .filter_map(|c| c.get("restartCount").and_then(Value::as_i64))
            .max()
            .unwrap_or(0)
    };
    let sidecars: Vec<String> = p
        .pointer("/spec/initContainers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("restartPolicy").and_then(Value::as_str) == Some("Always"))
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect();
    PodFacts {
        assigned: !s("/spec/nodeName").is_empty(),
        phase: match s("/status/phase") {
            "Running" => "Running",
            "Unknown" => "Unknown",
            "Pending" => "Pending",
            _ => "",
        },
        ready,
        ready_since,
        deleting: p
            .pointer("/metadata/deletionTimestamp")
            .and_then(Value::as_str)
            .map(str::to_string),
        restarts: (
            max_restarts("/status/containerStatuses", None),
            max_restarts("/status/initContainerStatuses", Some(&sidecars)),
        ),
        created: s("/metadata/creationTimestamp").to_string(),
    }
}

/// Go's `afterOrZero`: `t1` after `t2`, a zero time counting as after any other.
fn after_or_zero(t1: &str, t2: &str) -> bool {
    if t1.is_empty() || t2.is_empty() {
        return t1.is_empty();
    }
    t1 > t2
}

/// `a < b` as an `Ordering` from a Go `Less`.
fn less(a_lt_b: bool, b_lt_a: bool) -> Ordering {
    match (a_lt_b, b_lt_a) {
        (true, _) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

/// kubectl's `ActivePods.Less` (the less active pod first).
fn active_less(a: &Value, b: &Value) -> Ordering {
    let (x, y) = (facts(a), facts(b));
    less(active_lt(&x, &y), active_lt(&y, &x))
}

fn active_lt(i: &PodFacts, j: &PodFacts) -> bool {
    if i.assigned != j.assigned {
        return !i.assigned;
    }
    // Pending (and any other phase) < Unknown < Running.
    let rank = |p: &str| match p {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };
    if rank(i.phase) != rank(j.phase) {
        return rank(i.phase) < rank(j.phase);
    }
    if i.ready != j.ready {
        return !i.ready;
    }
    if i.deleting.is_some() != j.deleting.is_some() {
        return i.deleting.is_some();
    }
    if let (Some(a), Some(b)) = (&i.deleting, &j.deleting)
        && a != b
    {
        return a < b;
    }
    if i.ready && j.ready && i.ready_since != j.ready_since {
        return after_or_zero(&i.ready_since, &j.ready_since);
    }
    if i.restarts != j.restarts {
        return i.restarts > j.restarts;
    }
    if i.created != j.created {
        return after_or_zero(&i.created, &j.created);
    }
    false
}

/// kubectl's `ByLogging.Less` (the pod to read logs from first).
fn logging_less(a: &Value, b: &Value) -> Ordering {
    let (x, y) = (facts(a), facts(b));
    less(logging_lt(&x, &y), logging_lt(&y, &x))
}

fn logging_lt(i: &PodFacts, j: &PodFacts) -> bool {
    if i.assigned != j.assigned {
        return i.assigned;
    }
    // Running (and any other phase) < Unknown < Pending.
    let rank = |p: &str| match p {
        "Unknown" => 1,
        "Pending" => 2,
        _ => 0,
    };
    if rank(i.phase) != rank(j.phase) {
        return rank(i.phase) < rank(j.phase);
    }
    if i.ready != j.ready {
        return i.ready;
    }
    if i.ready && j.ready && i.ready_since != j.ready_since {
        return after_or_zero(&j.ready_since, &i.ready_since);
    }
    if i.restarts != j.restarts {
        return i.restarts > j.restarts;
    }
    if i.created != j.created {
        return after_or_zero(&j.created, &i.created);
    }
    false
}
