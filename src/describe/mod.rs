//! `kubectl describe`'s human reports: one describer per kind (kubectl's
//! `pkg/describe/describe.go` layouts), a generic one for every other kind (CRDs included),
//! and the shared pieces they print with (labels, annotations, selectors, timestamps).
//!
//! Describers are pure: [`describe`] takes the object as JSON, the [`Related`] objects
//! kubectl fetches alongside it (events, replica sets, endpoint slices, ...) and "now"
//! (for event ages), and returns the report. `cmd/describe.rs` does the fetching.

pub mod configmap;
pub mod cronjob;
pub mod daemonset;
pub mod deployment;
pub mod endpoints;
pub mod endpointslice;
pub mod events;
pub mod generic;
pub mod hpa;
pub mod ingress;
pub mod job;
pub mod namespace;
pub mod networkpolicy;
pub mod node;
pub mod pdb;
pub mod pod;
pub mod pv;
pub mod pvc;
pub mod quantity;
pub mod rbac;
pub mod replicaset;
pub mod resourcequota;
pub mod secret;
pub mod service;
pub mod serviceaccount;
pub mod statefulset;
pub mod storageclass;
pub mod writer;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use writer::PrefixWriter;

use crate::ui::colour::Colour;

/// What kubectl fetches alongside the described object.
#[derive(Debug, Default, Clone)]
pub struct Related {
    /// The object's events; `None` with `--show-events=false` (no Events section at all).
    pub events: Option<Vec<Value>>,
    /// Pods (a replica set's pods, for its Pods Status line).
    pub pods: Vec<Value>,
    /// Replica sets in the namespace (a deployment's old and new ones).
    pub replica_sets: Vec<Value>,
    /// A service's EndpointSlices.
    pub endpoint_slices: Vec<Value>,
    /// Secrets of the namespace (a service account's, to mark missing ones and find tokens).
    pub secrets: Vec<Value>,
    /// Services of the namespace (an ingress's backends).
    pub services: Vec<Value>,
    /// Endpoints of the namespace (an ingress's backends).
    pub endpoints: Vec<Value>,
    /// A node's lease (`kube-node-lease`), or the error text of fetching it.
    pub lease: Option<Result<Value, String>>,
    /// A namespace's ResourceQuotas.
    pub quotas: Vec<Value>,
    /// A namespace's LimitRanges.
    pub limit_ranges: Vec<Value>,
}

/// What a kind's describer needs fetched besides the object and its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Pods of the same namespace matching the object's selector.
    SelectedPods,
    /// ReplicaSets of the namespace matching the object's selector.
    ReplicaSets,
    /// EndpointSlices labelled `kubernetes.io/service-name=<name>`.
    EndpointSlices,
    /// Secrets of the object's namespace.
    Secrets,
    /// Every pod of the object's namespace.
    NamespacePods,
    /// A node's non-terminated pods (all namespaces) and its lease.
    NodePodsAndLease,
    /// Services and Endpoints of the object's namespace.
    ServicesAndEndpoints,
    /// ResourceQuotas and LimitRanges of the namespace the object is.
    QuotasAndLimits,
}

/// Which extra lists the describer of `group`/`kind` reads.
pub fn needs(group: &str, kind: &str) -> &'static [Need] {
    match (group, kind) {
        ("apps", "ReplicaSet" | "DaemonSet" | "StatefulSet") => &[Need::SelectedPods],
        ("", "PersistentVolumeClaim") => &[Need::NamespacePods],
        ("", "Node") => &[Need::NodePodsAndLease],
        ("networking.k8s.io", "Ingress") => &[Need::ServicesAndEndpoints],
        ("apps", "Deployment") => &[Need::ReplicaSets],
        ("", "Service") => &[Need::EndpointSlices],
        ("", "Namespace") => &[Need::QuotasAndLimits],
        ("", "ServiceAccount") => &[Need::Secrets],
        _ => &[],
    }
}

/// The describe report for `obj` (any kind), in `colour` (stdout's, `Ui::colour`).
pub fn describe(obj: &Value, related: &Related, now: DateTime<Utc>, colour: Colour) -> String {
    let api_version = str_at(obj, &["apiVersion"]);
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    let kind = str_at(obj, &["kind"]);
    let mut w = PrefixWriter::coloured(colour);
    match (group, kind) {
        ("", "Pod") => pod::describe(&mut w, obj, related),
        ("apps", "Deployment") => deployment::describe(&mut w, obj, related),
        ("apps", "ReplicaSet") => replicaset::describe(&mut w, obj, related),
        ("", "Service") => service::describe(&mut w, obj, related),
        ("", "ConfigMap") => configmap::describe(&mut w, obj),
        ("", "Secret") => secret::describe(&mut w, obj),
        ("", "ServiceAccount") => serviceaccount::describe(&mut w, obj, related),
        ("", "Namespace") => namespace::describe(&mut w, obj, related),
        ("", "Endpoints") => endpoints::describe(&mut w, obj),
        ("", "Node") => node::describe(&mut w, obj, related),
        ("", "PersistentVolume") => pv::describe(&mut w, obj),
        ("", "ResourceQuota") => resourcequota::describe(&mut w, obj),
        ("", "LimitRange") => {
            w.write(
                0,
                &format!("Name:\t{}\n", str_at(obj, &["metadata", "name"])),
            );
            w.write(
                0,
                &format!("Namespace:\t{}\n", str_at(obj, &["metadata", "namespace"])),
            );
            namespace::limit_table(&mut w, "", std::slice::from_ref(obj));
        }
        ("policy", "PodDisruptionBudget") => pdb::describe(&mut w, obj),
        ("autoscaling", "HorizontalPodAutoscaler") => hpa::describe(&mut w, obj),
        ("networking.k8s.io", "NetworkPolicy") => networkpolicy::describe(&mut w, obj),
        ("networking.k8s.io", "IngressClass") => ingress::describe_class(&mut w, obj),
        ("discovery.k8s.io", "EndpointSlice") => endpointslice::describe(&mut w, obj),
        ("rbac.authorization.k8s.io", "Role" | "ClusterRole") => rbac::describe_role(&mut w, obj),
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => {
            rbac::describe_binding(&mut w, obj)
        }
        ("storage.k8s.io", "StorageClass") => storageclass::describe(&mut w, obj),
        ("scheduling.k8s.io", "PriorityClass") => {
            storageclass::describe_priority_class(&mut w, obj)
        }
        ("", "PersistentVolumeClaim") => pvc::describe(&mut w, obj, related),
        ("apps", "DaemonSet") => daemonset::describe(&mut w, obj, related),
        ("apps", "StatefulSet") => statefulset::describe(&mut w, obj, related),
        ("batch", "Job") => job::describe(&mut w, obj, related),
        ("batch", "CronJob") => cronjob::describe(&mut w, obj, related),
        ("networking.k8s.io", "Ingress") => ingress::describe(&mut w, obj, related),
        _ => generic::describe(&mut w, obj),
    }
    if let Some(events) = &related.events
        && shows_events(group, kind)
    {
        events::write(&mut w, events, now);
    }
    w.finish()
}

/// Kinds whose kubectl describer prints no Events section.
fn shows_events(group: &str, kind: &str) -> bool {
    !matches!(
        (group, kind),
        ("", "Secret" | "Namespace" | "ResourceQuota" | "LimitRange")
            | ("networking.k8s.io", "NetworkPolicy")
            | (
                "rbac.authorization.k8s.io",
                "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding"
            )
    )
}

/// The string at `path` (`""` when missing or not a string).
pub fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    at(v, path).and_then(Value::as_str).unwrap_or("")
}

/// The value at `path`.
pub fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

/// The integer at `path` (0 when missing).
pub fn int_at(v: &Value, path: &[&str]) -> i64 {
    at(v, path).and_then(Value::as_i64).unwrap_or(0)
}

/// A string map (labels, annotations, node selectors) sorted by key.
pub fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// An RFC 3339 timestamp as Go's `time.RFC1123Z` in local time (`Sun, 22 Nov 2026 00:54:50
/// +0000`); unparsable input stays as it is.
pub fn rfc1123z(ts: &str) -> String {
    match DateTime::parse_from_rfc3339(ts) {
        Ok(t) => t
            .with_timezone(&chrono::Local)
            .format("%a, %d %b %Y %H:%M:%S %z")
            .to_string(),
        Err(_) => ts.to_string(),
    }
}

/// kubectl's `printLabelsMultiline`: `Title:\tk=v`, further pairs on continuation lines
/// aligned under the first value, `<none>` when empty.
pub fn labels(w: &mut PrefixWriter, level: usize, title: &str, map: &BTreeMap<String, String>) {
    w.write(level, &format!("{title}:\t"));
    if map.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            w.write(level, "\t");
        }
        w.line(&format!("{k}={v}"));
    }
}

/// Longest annotation line kubectl prints before switching to the multi-line form.
const MAX_ANNOTATION_LEN: usize = 140;

/// kubectl's `printAnnotationsMultiline`: `key: value` pairs (the last-applied
/// configuration left out); long or multi-line values go below their key, each line cut to
/// 140 characters.
pub fn annotations(
    w: &mut PrefixWriter,
    level: usize,
    title: &str,
    map: &BTreeMap<String, String>,
) {
    w.write(level, &format!("{title}:\t"));
    let shown: Vec<_> = map
        .iter()
        .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if shown.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in shown.into_iter().enumerate() {
        if i > 0 {
            w.write(level, "\t");
        }
        let value = v.strip_suffix('\n').unwrap_or(v);
        if value.len() + k.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.line(&format!("{k}:"));
            for l in value.split('\n') {
                // Value lines sit two spaces deeper than the keys.
                w.write(level, "\t  ");
                w.line(&shorten(l, MAX_ANNOTATION_LEN - 2));
            }
        } else {
            w.line(&format!("{k}: {value}"));
        }
    }
}

/// Cut `s` to `max` bytes (on a character boundary) and mark the cut with `...`.
fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

/// metav1's `FormatLabelSelector`: the selector as a query string, `<none>` when it selects
/// everything (or is missing), `<error>` when it is not valid.
pub fn label_selector(sel: Option<&Value>) -> String {
    match crate::resource::polymorphic::label_selector(sel) {
        Ok(s) if s.is_empty() => "<none>".into(),
        Ok(s) => s,
        Err(_) => "<error>".into(),
    }
}

/// A plain `map[string]string` selector (services) as `k=v,...`, sorted.
pub fn map_selector(map: &BTreeMap<String, String>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether `labels` satisfy a `LabelSelector` object (matchLabels + matchExpressions).
pub fn selector_matches(sel: &Value, labels: &BTreeMap<String, String>) -> bool {
    let ok_labels = string_map(sel.get("matchLabels"))
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v));
    let ok_exprs = sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .all(|e| {
            let key = str_at(e, &["key"]);
            let vals: Vec<&str> = e
                .get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let got = labels.get(key);
            match str_at(e, &["operator"]) {
                "In" => got.is_some_and(|g| vals.contains(&g.as_str())),
                "NotIn" => got.is_none_or(|g| !vals.contains(&g.as_str())),
                "Exists" => got.is_some(),
                "DoesNotExist" => got.is_none(),
                _ => false,
            }
        });
    ok_labels && ok_exprs
}

/// The controller owner reference as `Kind/name`, if any.
pub fn controlled_by(obj: &Value) -> Option<String> {
    at(obj, &["metadata", "ownerReferences"])
        .and_then(Value::as_array)?
        .iter()
        .find(|r| r.get("controller").and_then(Value::as_bool) == Some(true))
        .map(|r| format!("{}/{}", str_at(r, &["kind"]), str_at(r, &["name"])))
}

/// An intstr (`25%` or `1`) as Go's `IntOrString.String()`.
pub fn int_or_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "0".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_and_annotations_layout() {
        let mut w = PrefixWriter::new();
        w.write(0, "Name:\tweb\n");
        labels(
            &mut w,
            0,
            "Labels",
            &string_map(Some(&json!({"b": "2", "a": "1"}))),
        );
        annotations(&mut w, 0, "Annotations", &BTreeMap::new());
        assert_eq!(
            w.finish(),
            "Name:         web\nLabels:       a=1\n              b=2\nAnnotations:  <none>\n"
        );
    }

    #[test]
    fn selectors() {
        let sel = json!({"matchLabels": {"app": "web"},
            "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]},
                                 {"key": "x", "operator": "DoesNotExist"}]});
        assert_eq!(label_selector(Some(&sel)), "app=web,tier in (a,b),!x");
        assert_eq!(label_selector(Some(&json!({}))), "<none>");
        let l = string_map(Some(&json!({"app": "web", "tier": "a"})));
        assert!(selector_matches(&sel, &l));
    }

    #[test]
    fn timestamps() {
        // SAFETY-free: chrono reads TZ; tests run with the process TZ, so compare in UTC form.
        let s = rfc1123z("2026-11-22T00:54:50Z");
        assert!(s.starts_with("Sun, 22 Nov 2026") || s.starts_with("Sat, 21 Nov 2026"));
    }
}
