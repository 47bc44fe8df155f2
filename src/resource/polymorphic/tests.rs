//! The accessors and rankings on kubectl's own cases.

use serde_json::{Value, json};

use super::*;

fn obj(api_version: &str, kind: &str, spec: Value) -> Value {
    json!({"apiVersion": api_version, "kind": kind,
           "metadata": {"name": "x", "namespace": "ns", "uid": "u1"}, "spec": spec})
}

#[test]
fn pod_specs_by_kind() {
    let t = json!({"template": {"spec": {"containers": [{"name": "c"}]}}});
    for (av, kind) in [
        ("apps/v1", "Deployment"),
        ("apps/v1", "ReplicaSet"),
        ("apps/v1", "StatefulSet"),
        ("apps/v1", "DaemonSet"),
        ("v1", "ReplicationController"),
        ("batch/v1", "Job"),
    ] {
        let o = obj(av, kind, t.clone());
        assert_eq!(
            pod_spec(&o).unwrap()["containers"][0]["name"],
            "c",
            "{kind}"
        );
        assert!(pod_template(&o).is_some(), "{kind}");
    }
    let cj = obj(
        "batch/v1",
        "CronJob",
        json!({"jobTemplate": {"spec": t.clone()}}),
    );
    assert_eq!(pod_spec(&cj).unwrap()["containers"][0]["name"], "c");
    let pod = obj("v1", "Pod", json!({"containers": [{"name": "p"}]}));
    assert_eq!(pod_spec(&pod).unwrap()["containers"][0]["name"], "p");
    assert!(pod_template(&pod).is_none());
    assert!(pod_spec(&obj("v1", "ConfigMap", json!({}))).is_none());
}

#[test]
fn pod_spec_mut_creates_or_refuses() {
    let mut rc = obj("v1", "ReplicationController", json!({"replicas": 1}));
    pod_spec_mut(&mut rc).unwrap()["containers"] = json!([]);
    assert_eq!(rc["spec"]["template"]["spec"]["containers"], json!([]));
    let mut cm = obj("v1", "ConfigMap", json!({}));
    assert_eq!(
        pod_spec_mut(&mut cm).unwrap_err(),
        "the object is not a pod or does not have a pod template: *v1.ConfigMap"
    );
}

#[test]
fn selectors_like_apimachinery() {
    let sel = json!({"matchLabels": {"b": "2", "a": "1"}, "matchExpressions": [
        {"key": "z", "operator": "In", "values": ["y", "x"]},
        {"key": "c", "operator": "DoesNotExist"},
        {"key": "d", "operator": "Exists"},
        {"key": "e", "operator": "NotIn", "values": ["q"]}]});
    assert_eq!(
        label_selector(Some(&sel)).unwrap(),
        "a=1,b=2,!c,d,e notin (q),z in (x,y)"
    );
    assert_eq!(label_selector(Some(&json!({}))).unwrap(), "");
    assert_eq!(label_selector(None).unwrap(), "");
    let bad = json!({"matchExpressions": [{"key": "k", "operator": "Near"}]});
    assert_eq!(
        label_selector(Some(&bad)).unwrap_err(),
        "\"Near\" is not a valid label selector operator"
    );
    assert_eq!(set_selector(Some(&json!({"b": "2", "a": "1"}))), "a=1,b=2");
}

#[test]
fn selectors_for_objects() {
    let d = obj(
        "apps/v1",
        "Deployment",
        json!({"selector": {"matchLabels": {"app": "web"}}}),
    );
    assert_eq!(selector(&d).unwrap(), "app=web");
    let rc = obj(
        "v1",
        "ReplicationController",
        json!({"selector": {"app": "rc"}}),
    );
    assert_eq!(selector(&rc).unwrap(), "app=rc");
    let svc = obj("v1", "Service", json!({"selector": {"app": "svc"}}));
    assert_eq!(selector(&svc).unwrap(), "app=svc");
    let headless = obj("v1", "Service", json!({"clusterIP": "None"}));
    assert_eq!(
        selector(&headless).unwrap_err(),
        "invalid service 'x': Service is defined without a selector"
    );
    let cj = obj("batch/v1", "CronJob", json!({}));
    assert_eq!(
        selector(&cj).unwrap_err(),
        "selector for *v1.CronJob not implemented"
    );
    let cr = obj("example.com/v1", "Widget", json!({}));
    assert_eq!(
        selector(&cr).unwrap_err(),
        "selector for *unstructured.Unstructured not implemented"
    );
}

#[test]
fn history_and_ownership() {
    let d = obj(
        "apps/v1",
        "Deployment",
        json!({"template": {"metadata": {"labels": {"app": "w"}}}}),
    );
    assert_eq!(history_kind(&d), Some(HistoryKind::ReplicaSets));
    let ds = obj("apps/v1", "DaemonSet", json!({}));
    assert_eq!(history_kind(&ds), Some(HistoryKind::ControllerRevisions));
    assert_eq!(history_kind(&obj("batch/v1", "Job", json!({}))), None);
    let rs = |name: &str, created: &str, hash: &str, controller: bool, rev: Option<&str>| {
        let mut v = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": {"name": name, "creationTimestamp": created,
                "ownerReferences": [{"uid": "u1", "controller": controller}]},
            "spec": {"template": {"metadata": {"labels": {"app": "w", "pod-template-hash": hash}}}}});
        if let Some(r) = rev {
            v["metadata"]["annotations"] = json!({REVISION_ANNOTATION: r});
        }
        v
    };
    let a = rs("a", "2024-01-02T00:00:00Z", "h1", true, Some("2"));
    let b = rs("b", "2024-01-01T00:00:00Z", "h2", true, Some("x"));
    let c = rs("c", "2024-01-03T00:00:00Z", "h3", false, None);
    assert!(is_controlled_by(&a, &d) && !is_controlled_by(&c, &d));
    assert_eq!(revision(&a), Some(2));
    assert_eq!(revision(&b), None);
    assert_eq!(revision(&c), Some(0));
    // The oldest ReplicaSet with the Deployment's template, whatever its hash.
    let all = [a.clone(), b.clone(), c];
    assert_eq!(new_replica_set(&d, &all).unwrap()["metadata"]["name"], "b");
}

fn pod(name: &str, status: Value, spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "creationTimestamp": "2024-01-01T00:00:00Z"},
        "spec": spec, "status": status})
}

fn names(pods: &[Value]) -> Vec<&str> {
    pods.iter()
        .map(|p| p["metadata"]["name"].as_str().unwrap())
        .collect()
}

fn ready(since: &str) -> Value {
    json!([{"type": "Ready", "status": "True", "lastTransitionTime": since}])
}

#[test]
fn most_active_pod_first() {
    let node = json!({"nodeName": "n"});
    let mut pods = vec![
        pod("unassigned", json!({"phase": "Pending"}), json!({})),
        pod("pending", json!({"phase": "Pending"}), node.clone()),
        pod("running", json!({"phase": "Running"}), node.clone()),
        pod(
            "ready-new",
            json!({"phase": "Running", "conditions": ready("2024-02-02T00:00:00Z")}),
            node.clone(),
        ),
        pod(
            "ready-old",
            json!({"phase": "Running", "conditions": ready("2024-02-01T00:00:00Z")}),
            node.clone(),
        ),
        pod("unknown", json!({"phase": "Unknown"}), node.clone()),
    ];
    sort_pods(&mut pods, PodOrder::MostActive);
    assert_eq!(
        names(&pods),
        [
            "ready-old",
            "ready-new",
            "running",
            "unknown",
            "pending",
            "unassigned"
        ]
    );
}

#[test]
fn logging_pod_first() {
    let node = json!({"nodeName": "n"});
    let restarts = |n: i64| json!([{"name": "c", "restartCount": n}]);
    let mut pods = vec![
        pod("pending", json!({"phase": "Pending"}), node.clone()),
        pod("unassigned", json!({"phase": "Running"}), json!({})),
        pod(
            "calm",
            json!({"phase": "Running", "containerStatuses": restarts(0)}),
            node.clone(),
        ),
        pod(
            "restarted",
            json!({"phase": "Running", "containerStatuses": restarts(3)}),
            node.clone(),
        ),
        pod(
            "ready",
            json!({"phase": "Running", "conditions": ready("2024-02-01T00:00:00Z")}),
            node.clone(),
        ),
    ];
    sort_pods(&mut pods, PodOrder::Logging);
    assert_eq!(
        names(&pods),
        ["ready", "restarted", "calm", "pending", "unassigned"]
    );
}
