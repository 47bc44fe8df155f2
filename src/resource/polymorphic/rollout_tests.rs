//! The status viewers on kubectl's own cases (`rollout_status_test.go`), and the rollback
//! choices and patches.

use serde_json::{Value, json};

use super::*;

fn deployment(generation: i64, spec_replicas: i64, status: Value) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": "foo", "generation": generation},
           "spec": {"replicas": spec_replicas}, "status": status})
}

fn msg(r: Result<Status, String>) -> (String, bool) {
    let s = r.expect("a status");
    (s.message, s.done)
}

#[test]
fn deployment_status_lines() {
    let cases = [
        (
            json!({"observedGeneration": 1, "replicas": 1, "updatedReplicas": 0, "availableReplicas": 1}),
            "Waiting for deployment \"foo\" rollout to finish: 0 out of 1 new replicas have been updated...\n",
            false,
        ),
        (
            json!({"observedGeneration": 1, "replicas": 2, "updatedReplicas": 1, "availableReplicas": 2}),
            "Waiting for deployment \"foo\" rollout to finish: 1 old replicas are pending termination...\n",
            false,
        ),
        (
            json!({"observedGeneration": 1, "replicas": 1, "updatedReplicas": 1, "availableReplicas": 0}),
            "Waiting for deployment \"foo\" rollout to finish: 0 of 1 updated replicas are available...\n",
            false,
        ),
        (
            json!({"observedGeneration": 1, "replicas": 1, "updatedReplicas": 1, "availableReplicas": 1}),
            "deployment \"foo\" successfully rolled out\n",
            true,
        ),
        (
            json!({"observedGeneration": 0, "replicas": 1, "updatedReplicas": 1, "availableReplicas": 1}),
            "Waiting for deployment spec update to be observed...\n",
            false,
        ),
    ];
    for (st, want, want_done) in cases {
        let got = msg(status(&deployment(1, 1, st), 0));
        assert_eq!(got, (want.to_string(), want_done));
    }
}

#[test]
fn deployment_progress_deadline_and_pinned_revision() {
    let st = json!({"observedGeneration": 1, "conditions": [
        {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}]});
    assert_eq!(
        status(&deployment(1, 1, st), 0),
        Err("deployment \"foo\" exceeded its progress deadline".into())
    );
    let mut d = deployment(1, 1, json!({"observedGeneration": 1}));
    d["metadata"]["annotations"] = json!({"deployment.kubernetes.io/revision": "2"});
    assert_eq!(
        status(&d, 5),
        Err("desired revision (5) is different from the running revision (2)".into())
    );
    assert!(status(&d, 2).is_ok());
}

fn daemon_set(strategy: &str, status: Value) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
           "metadata": {"name": "foo", "generation": 1},
           "spec": {"updateStrategy": {"type": strategy}}, "status": status})
}

#[test]
fn daemon_set_status_lines() {
    let st = |u: i64, a: i64| {
        json!({"observedGeneration": 1, "desiredNumberScheduled": 2,
               "updatedNumberScheduled": u, "numberAvailable": a})
    };
    assert_eq!(
        msg(status(&daemon_set("RollingUpdate", st(0, 0)), 0)).0,
        "Waiting for daemon set \"foo\" rollout to finish: 0 out of 2 new pods have been updated...\n"
    );
    assert_eq!(
        msg(status(&daemon_set("RollingUpdate", st(2, 1)), 0)).0,
        "Waiting for daemon set \"foo\" rollout to finish: 1 of 2 updated pods are available...\n"
    );
    assert_eq!(
        msg(status(&daemon_set("RollingUpdate", st(2, 2)), 0)),
        ("daemon set \"foo\" successfully rolled out\n".into(), true)
    );
    assert_eq!(
        status(&daemon_set("OnDelete", st(2, 2)), 0),
        Err("rollout status is only available for RollingUpdate strategy type".into())
    );
}

fn stateful_set(rolling: Value, status: Value) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
           "metadata": {"name": "foo", "generation": 1},
           "spec": {"replicas": 3, "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": rolling}},
           "status": status})
}

#[test]
fn stateful_set_status_lines() {
    let st = |ready: i64, updated: i64, cur: &str, upd: &str| {
        json!({"observedGeneration": 1, "readyReplicas": ready, "updatedReplicas": updated,
               "currentReplicas": 3, "currentRevision": cur, "updateRevision": upd})
    };
    assert_eq!(
        msg(status(&stateful_set(Value::Null, st(1, 0, "a", "a")), 0)).0,
        "Waiting for 2 pods to be ready...\n"
    );
    assert_eq!(
        msg(status(
            &stateful_set(json!({"partition": 2}), st(3, 0, "a", "b")),
            0
        )),
        (
            "Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...\n"
                .into(),
            false
        )
    );
    assert_eq!(
        msg(status(
            &stateful_set(json!({"partition": 2}), st(3, 1, "a", "b")),
            0
        )),
        (
            "partitioned roll out complete: 1 new pods have been updated...\n".into(),
            true
        )
    );
    assert_eq!(
        msg(status(&stateful_set(Value::Null, st(3, 1, "a", "b")), 0)).0,
        "waiting for statefulset rolling update to complete 1 pods at revision b...\n"
    );
    assert_eq!(
        msg(status(&stateful_set(Value::Null, st(3, 3, "b", "b")), 0)),
        (
            "statefulset rolling update complete 3 pods at revision b...\n".into(),
            true
        )
    );
    let mut unobserved = stateful_set(Value::Null, st(3, 3, "b", "b"));
    unobserved["status"]["observedGeneration"] = json!(0);
    assert_eq!(
        msg(status(&unobserved, 0)).0,
        "Waiting for statefulset spec update to be observed...\n"
    );
}

#[test]
fn other_kinds_have_no_viewer() {
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}});
    assert_eq!(
        status(&pod, 0),
        Err("no status viewer has been implemented for Pod".into())
    );
    let rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet"});
    assert_eq!(group_kind(&rs), "ReplicaSet.apps");
}

#[test]
fn rollback_targets() {
    let d = deployment(1, 1, json!({}));
    let h: Vec<(i64, Value)> = vec![(1, json!("one")), (2, json!("two")), (4, json!("four"))];
    assert_eq!(rollback_target(&d, &h, 0).unwrap().0, 2);
    assert_eq!(rollback_target(&d, &h, 1).unwrap().0, 1);
    assert_eq!(
        rollback_target(&d, &h, 3).unwrap_err(),
        "unable to find specified revision 3 in history"
    );
    assert_eq!(
        rollback_target(&d, &h[..1], 0).unwrap_err(),
        "no rollout history found for deployment \"foo\""
    );
    let ds = daemon_set("RollingUpdate", json!({}));
    assert_eq!(
        rollback_target(&ds, &h[..1], 0).unwrap_err(),
        "no last revision to roll back to"
    );
}

#[test]
fn deployment_rollback_patch_keeps_own_annotations() {
    let d = json!({"metadata": {"annotations": {
        "deployment.kubernetes.io/revision": "3", "team": "a", "kubernetes.io/change-cause": "new"}}});
    let rs = json!({"metadata": {"annotations": {
        "deployment.kubernetes.io/revision": "1", "kubernetes.io/change-cause": "old"}},
        "spec": {"template": {"metadata": {"labels": {"app": "x", "pod-template-hash": "h"}}}}});
    assert_eq!(
        deployment_rollback_patch(&d, &rs),
        json!([
            {"op": "replace", "path": "/spec/template",
             "value": {"metadata": {"labels": {"app": "x"}}}},
            {"op": "replace", "path": "/metadata/annotations",
             "value": {"deployment.kubernetes.io/revision": "3", "kubernetes.io/change-cause": "old"}},
        ])
    );
    assert_eq!(
        without_hash(rs.pointer("/spec/template")),
        json!({"metadata": {"labels": {"app": "x"}}})
    );
}

#[test]
fn controller_revisions_apply_and_match() {
    let ds = json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "d"},
        "spec": {"template": {"metadata": {"labels": {"app": "d"}},
                 "spec": {"containers": [{"name": "c", "image": "new"}]}}}});
    let cr = json!({"revision": 1, "data": {"spec": {"template": {"$patch": "replace",
        "metadata": {"creationTimestamp": null, "labels": {"app": "d"}},
        "spec": {"containers": [{"name": "c", "image": "old"}]}}}}});
    let tpl = revision_template(&ds, &cr).unwrap();
    assert_eq!(tpl["spec"]["containers"][0]["image"], "old");
    assert!(!matches_revision(&ds, &cr));
    let applied = apply_revision(&ds, &cr).unwrap();
    assert!(matches_revision(&applied, &cr));
}
