//! kubectl's polymorphic helpers, over plain JSON objects: for each workload kind, where
//! its pod template and pod spec live, its label selector, where its history is kept, and
//! which pod stands for it (`attach`/`exec`/`port-forward` and `logs` pick one).
//!
//! | kind | pod spec | selector | history |
//! |---|---|---|---|
//! | Pod | `spec` | — | — |
//! | Deployment, ReplicaSet, StatefulSet, DaemonSet, Job | `spec.template.spec` | `spec.selector` (LabelSelector) | Deployment: its ReplicaSets (revision annotation); StatefulSet, DaemonSet: ControllerRevisions |
//! | ReplicationController | `spec.template.spec` | `spec.selector` (map) | — |
//! | CronJob | `spec.jobTemplate.spec.template.spec` | — | — |
//! | Service | — | `spec.selector` (map) | — |
//!
//! Pure accessors with unit tests, plus the async lookups ([`history`], [`first_pod`],
//! [`attachable_pod`], [`logs_pod`], [`logs_pods`]).

mod pods;
pub mod rollout;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::resource::visit::{Lister, Requester};
use crate::wait::{self, Step, Watched};

pub use pods::{PodOrder, sort_pods};

/// kubectl's annotation with a Deployment's (and its ReplicaSets') revision.
pub const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";

/// The workload kinds the helpers know (any served version of their group).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// `v1` Pod.
    Pod,
    /// `apps` Deployment.
    Deployment,
    /// `apps` ReplicaSet.
    ReplicaSet,
    /// `v1` ReplicationController.
    ReplicationController,
    /// `apps` StatefulSet.
    StatefulSet,
    /// `apps` DaemonSet.
    DaemonSet,
    /// `batch` Job.
    Job,
    /// `batch` CronJob.
    CronJob,
}

impl Workload {
    /// The workload kind of `group`/`kind` (`extensions` counts as `apps`, as in kubectl).
    pub fn from_group_kind(group: &str, kind: &str) -> Option<Workload> {
        Some(match (group, kind) {
            ("", "Pod") => Workload::Pod,
            ("", "ReplicationController") => Workload::ReplicationController,
            ("apps" | "extensions", "Deployment") => Workload::Deployment,
            ("apps" | "extensions", "ReplicaSet") => Workload::ReplicaSet,
            ("apps" | "extensions", "DaemonSet") => Workload::DaemonSet,
            ("apps", "StatefulSet") => Workload::StatefulSet,
            ("batch", "Job") => Workload::Job,
            ("batch", "CronJob") => Workload::CronJob,
            _ => return None,
        })
    }

    /// The workload kind of an object (from its `apiVersion` and `kind`).
    pub fn of(obj: &Value) -> Option<Workload> {
        let (group, _, kind) = group_version_kind(obj);
        Workload::from_group_kind(group, kind)
    }

    /// JSON pointer to its pod template (`None` for a Pod, which is its own spec).
    pub fn template_pointer(self) -> Option<&'static str> {
        match self {
            Workload::Pod => None,
            Workload::CronJob => Some("/spec/jobTemplate/spec/template"),
            _ => Some("/spec/template"),
        }
    }

    /// JSON pointer to its pod spec.
    pub fn pod_spec_pointer(self) -> &'static str {
        match self {
            Workload::Pod => "/spec",
            Workload::CronJob => "/spec/jobTemplate/spec/template/spec",
            _ => "/spec/template/spec",
        }
    }
}

/// `(group, version, kind)` of an object.
fn group_version_kind(obj: &Value) -> (&str, &str, &str) {
    let av = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let (group, version) = av.rsplit_once('/').unwrap_or(("", av));
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    (group, version, kind)
}

/// Go's `%T` of the object kubectl would have decoded (`*v1.Deployment`), for its messages.
pub fn go_type(obj: &Value) -> String {
    let (group, version, kind) = group_version_kind(obj);
    if group.is_empty() || !group.contains('.') || group.ends_with(".k8s.io") {
        format!("*{version}.{kind}")
    } else {
        "*unstructured.Unstructured".to_string()
    }
}

/// The object's pod template (`spec.template`, a CronJob's `spec.jobTemplate.spec.template`).
pub fn pod_template(obj: &Value) -> Option<&Value> {
    obj.pointer(Workload::of(obj)?.template_pointer()?)
}

/// The object's pod spec: a Pod's `spec`, else its template's.
pub fn pod_spec(obj: &Value) -> Option<&Value> {
    obj.pointer(Workload::of(obj)?.pod_spec_pointer())
}

/// kubectl's `updatePodSpecForObject`: the pod spec to change in place, created when
/// missing (a ReplicationController may have no template); kubectl's error for any other
/// kind.
pub fn pod_spec_mut(obj: &mut Value) -> std::result::Result<&mut Value, String> {
    let Some(w) = Workload::of(obj) else {
        return Err(format!(
            "the object is not a pod or does not have a pod template: {}",
            go_type(obj)
        ));
    };
    let mut at = obj;
    for step in w.pod_spec_pointer().split('/').skip(1) {
        let map = match at {
            Value::Object(m) => m,
            other => {
                *other = Value::Object(Map::new());
                other.as_object_mut().expect("just made an object")
            }
        };
        at = map.entry(step).or_insert_with(|| Value::Object(Map::new()));
    }
    Ok(at)
}

/// apimachinery's `LabelSelectorAsSelector(...).String()`: `k=v`, `k in (a,b)`,
/// `k notin (a,b)`, `k`, `!k`, sorted by key, values sorted; `""` for an empty or missing
/// selector.
pub fn label_selector(sel: Option<&Value>) -> std::result::Result<String, String> {
    let Some(sel) = sel.filter(|s| !s.is_null()) else {
        return Ok(String::new());
    };
    let mut reqs: Vec<(String, String)> = Vec::new();
    if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in m {
            reqs.push((k.clone(), format!("{k}={}", v.as_str().unwrap_or(""))));
        }
    }
    for e in sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = e.get("key").and_then(Value::as_str).unwrap_or("");
        let mut values: Vec<&str> = e
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        values.sort_unstable();
        let op = e.get("operator").and_then(Value::as_str).unwrap_or("");
        let text = match op {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            other => return Err(format!("{other:?} is not a valid label selector operator")),
        };
        reqs.push((key.to_string(), text));
    }
    reqs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(reqs
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(","))
}

/// apimachinery's `SelectorFromSet(map).String()`: `k=v,...` sorted by key.
pub fn set_selector(map: Option<&Value>) -> String {
    let mut pairs: Vec<(&String, &str)> = map
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k, v.as_str().unwrap_or("")))
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// kubectl's `SelectorsForObject`: the label selector of a workload or Service (as a query
/// string), with kubectl's errors.
pub fn selector(obj: &Value) -> std::result::Result<String, String> {
    let (group, _, kind) = group_version_kind(obj);
    let spec_selector = obj.pointer("/spec/selector");
    match (Workload::from_group_kind(group, kind), group, kind) {
        (Some(Workload::ReplicationController), ..) => Ok(set_selector(spec_selector)),
        (
            Some(
                Workload::Deployment
                | Workload::ReplicaSet
                | Workload::StatefulSet
                | Workload::DaemonSet
                | Workload::Job,
            ),
            ..,
        ) => label_selector(spec_selector).map_err(|e| format!("invalid label selector: {e}")),
        (None, "", "Service") => {
            if spec_selector
                .and_then(Value::as_object)
                .is_none_or(Map::is_empty)
            {
                let name = obj
                    .pointer("/metadata/name")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                return Err(format!(
                    "invalid service '{name}': Service is defined without a selector"
                ));
            }
            Ok(set_selector(spec_selector))
        }
        _ => Err(format!("selector for {} not implemented", go_type(obj))),
    }
}

/// apimachinery's `IsControlledBy`: `obj` has a controller owner reference to `owner`'s UID.
pub fn is_controlled_by(obj: &Value, owner: &Value) -> bool {
    let Some(uid) = owner.pointer("/metadata/uid").and_then(Value::as_str) else {
        return false;
    };
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|r| {
            r.get("controller").and_then(Value::as_bool) == Some(true)
                && r.get("uid").and_then(Value::as_str) == Some(uid)
        })
}

/// A Deployment's or ReplicaSet's revision (`deployment.kubernetes.io/revision`; 0 when
/// absent; `None` when it is not a number).
pub fn revision(obj: &Value) -> Option<i64> {
    match obj
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(REVISION_ANNOTATION))
        .and_then(Value::as_str)
    {
        None => Some(0),
        Some(v) => crate::go::parse_int64(v).ok(),
    }
}

/// Where a kind keeps its rollout history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryKind {
    /// A Deployment: the ReplicaSets it controls, by revision annotation.
    ReplicaSets,
    /// A StatefulSet or DaemonSet: the ControllerRevisions it controls, by `revision`.
    ControllerRevisions,
}

/// The kind's history, if it has one (kubectl's `HistoryViewerFor`).
pub fn history_kind(obj: &Value) -> Option<HistoryKind> {
    match Workload::of(obj)? {
        Workload::Deployment => Some(HistoryKind::ReplicaSets),
        Workload::StatefulSet | Workload::DaemonSet => Some(HistoryKind::ControllerRevisions),
        _ => None,
    }
}

/// kubectl's `FindNewReplicaSet`: the oldest ReplicaSet whose pod template equals the
/// Deployment's, the `pod-template-hash` label aside.
pub fn new_replica_set<'a>(deployment: &Value, replica_sets: &'a [Value]) -> Option<&'a Value> {
    let strip = |t: Option<&Value>| {
        let mut t = t.cloned().unwrap_or(Value::Null);
        if let Some(l) = t
            .pointer_mut("/metadata/labels")
            .and_then(Value::as_object_mut)
        {
            l.remove("pod-template-hash");
            if l.is_empty()
                && let Some(m) = t.pointer_mut("/metadata").and_then(Value::as_object_mut)
            {
                m.remove("labels");
            }
        }
        t
    };
    let want = strip(deployment.pointer("/spec/template"));
    let mut by_age: Vec<&Value> = replica_sets.iter().collect();
    by_age.sort_by(|a, b| creation_order(a, b));
    by_age
        .into_iter()
        .find(|rs| strip(rs.pointer("/spec/template")) == want)
}

/// kubectl's `ReplicaSetsByCreationTimestamp`: older first, then by name.
fn creation_order(a: &Value, b: &Value) -> Ordering {
    let ts = |v: &Value| created(v).unwrap_or_default();
    let name = |v: &Value| {
        v.pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    ts(a).cmp(&ts(b)).then_with(|| name(a).cmp(&name(b)))
}

fn created(v: &Value) -> Option<String> {
    v.pointer("/metadata/creationTimestamp")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The object's history, oldest revision first: a Deployment's ReplicaSets or a
/// StatefulSet's/DaemonSet's ControllerRevisions, listed by its selector and kept when it
/// controls them (kubectl's `GetHistory`). Objects without a readable revision are left
/// out, as kubectl does after its warning.
pub async fn history(ctx: &Ctx, requester: &Requester, obj: &Value) -> Result<Vec<(i64, Value)>> {
    let Some(kind) = history_kind(obj) else {
        return Ok(Vec::new());
    };
    let sel = selector(obj).map_err(Error::msg)?;
    let ns = obj
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or("");
    let path = match kind {
        HistoryKind::ReplicaSets => format!("/apis/apps/v1/namespaces/{ns}/replicasets"),
        HistoryKind::ControllerRevisions => {
            format!("/apis/apps/v1/namespaces/{ns}/controllerrevisions")
        }
    };
    let query = vec![("labelSelector", sel)];
    let items = Lister::new(requester.clone(), path, query, 0)
        .all_items()
        .await
        .map_err(|e| ctx.kube_error(e))?;
    let mut out: Vec<(i64, Value)> = items
        .into_iter()
        .filter(|it| is_controlled_by(it, obj))
        .filter_map(|it| {
            let rev = match kind {
                HistoryKind::ReplicaSets => revision(&it)?,
                HistoryKind::ControllerRevisions => it.get("revision")?.as_i64()?,
            };
            Some((rev, it))
        })
        .collect();
    out.sort_by_key(|(r, _)| *r);
    Ok(out)
}

/// kubectl's `GetPodList`: the pods of `namespace` matching `selector`, ranked by `order`;
/// when there are none yet, the first pod added or changed within `timeout` (`None`: no
/// limit), kubectl's `timed out waiting for the condition` after it.
pub async fn pods(
    ctx: &Ctx,
    requester: &Requester,
    namespace: &str,
    selector: &str,
    order: PodOrder,
    timeout: Option<Duration>,
) -> Result<Vec<Value>> {
    pods_where(ctx, requester, namespace, selector, order, timeout, |_| {
        true
    })
    .await
}

/// [`pods`] that pass `accept` (port-forward's next ready pod): waits until one does.
pub async fn pods_where(
    ctx: &Ctx,
    requester: &Requester,
    namespace: &str,
    selector: &str,
    order: PodOrder,
    timeout: Option<Duration>,
    accept: impl Fn(&Value) -> bool,
) -> Result<Vec<Value>> {
    let watched = Watched::collection(
        requester.clone(),
        format!("/api/v1/namespaces/{namespace}/pods"),
        vec![("labelSelector", selector.to_string())],
    );
    let found = wait::until(
        &watched,
        timeout,
        |pods| {
            let mut pods: Vec<Value> = pods.iter().filter(|p| accept(p)).cloned().collect();
            if pods.is_empty() {
                return Step::Wait;
            }
            sort_pods(&mut pods, order);
            Step::Done(pods)
        },
        |ev| match ev.kind.as_str() {
            "ADDED" | "MODIFIED" if accept(&ev.object) => Step::Done(vec![ev.object.clone()]),
            _ => Step::Wait,
        },
    )
    .await;
    found.map_err(|e| e.into_error(ctx))
}

/// kubectl's `GetFirstPod`: the first of [`pods`], and how many there are.
pub async fn first_pod(
    ctx: &Ctx,
    requester: &Requester,
    namespace: &str,
    selector: &str,
    order: PodOrder,
    timeout: Option<Duration>,
) -> Result<(Value, usize)> {
    let mut pods = pods(ctx, requester, namespace, selector, order, timeout).await?;
    let n = pods.len();
    Ok((pods.swap_remove(0), n))
}

/// The pods standing for `obj`, ranked by `order`: a Pod is itself; a workload or Service
/// names its pods by selector ([`pods`]); anything else is `"<cannot> <type>: selector for
/// <type> not implemented"`.
async fn pods_for(
    ctx: &Ctx,
    requester: &Requester,
    obj: &Value,
    order: PodOrder,
    timeout: Option<Duration>,
    cannot: &str,
) -> Result<Vec<Value>> {
    if Workload::of(obj) == Some(Workload::Pod) {
        return Ok(vec![obj.clone()]);
    }
    let sel = selector(obj).map_err(|e| Error::msg(format!("{cannot} {}: {e}", go_type(obj))))?;
    let ns = obj
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or("");
    pods(ctx, requester, ns, &sel, order, timeout).await
}

/// The first of [`pods_for`], and how many there are.
async fn pod_for(
    ctx: &Ctx,
    requester: &Requester,
    obj: &Value,
    order: PodOrder,
    timeout: Option<Duration>,
    cannot: &str,
) -> Result<(Value, usize)> {
    let mut pods = pods_for(ctx, requester, obj, order, timeout, cannot).await?;
    let n = pods.len();
    Ok((pods.swap_remove(0), n))
}

/// kubectl's `AttachablePodForObject` (attach, exec, port-forward): the most active pod.
pub async fn attachable_pod(
    ctx: &Ctx,
    requester: &Requester,
    obj: &Value,
    timeout: Option<Duration>,
) -> Result<Value> {
    let (pod, _) = pod_for(
        ctx,
        requester,
        obj,
        PodOrder::MostActive,
        timeout,
        "cannot attach to",
    )
    .await?;
    Ok(pod)
}

/// The pod `logs` reads for `obj` (kubectl's `LogsForObject` for one pod), and how many
/// pods matched (kubectl then says `Found N pods, using pod/NAME`).
pub async fn logs_pod(
    ctx: &Ctx,
    requester: &Requester,
    obj: &Value,
    timeout: Option<Duration>,
) -> Result<(Value, usize)> {
    pod_for(
        ctx,
        requester,
        obj,
        PodOrder::Logging,
        timeout,
        "cannot get the logs from",
    )
    .await
}

/// Every pod `logs --all-pods` reads for `obj` (kubectl's `AllPodLogsForObject`), in
/// kubectl's `ByLogging` order.
pub async fn logs_pods(
    ctx: &Ctx,
    requester: &Requester,
    obj: &Value,
    timeout: Option<Duration>,
) -> Result<Vec<Value>> {
    pods_for(
        ctx,
        requester,
        obj,
        PodOrder::Logging,
        timeout,
        "cannot get the logs from",
    )
    .await
}
