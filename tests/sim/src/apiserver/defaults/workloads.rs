//! Workload defaults: Deployment, ReplicaSet, DaemonSet, StatefulSet (apps/v1), Job and CronJob
//! (batch/v1), ReplicationController (core/v1), including the Job selector the apiserver
//! generates at creation.

use serde_json::{Map, Value, json};

use super::{child, existing, new_uid, pod, set_default, template_metadata};

/// `spec.template` of a workload, defaulted as a pod template.
fn spec_template(spec: &mut Map<String, Value>) {
    if let Some(t) = spec.get_mut("template") {
        pod::template(t);
    }
}

/// Go's non-pointer `status` struct always serialises, as `{}` before any controller wrote it.
fn empty_status(o: &mut Map<String, Value>) {
    set_default(o, "status", json!({}));
}

pub(super) fn deployment(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "replicas", json!(1));
        if let Some(strategy) = child(spec, "strategy") {
            set_default(strategy, "type", json!("RollingUpdate"));
            if strategy.get("type") == Some(&json!("RollingUpdate"))
                && let Some(ru) = child(strategy, "rollingUpdate")
            {
                set_default(ru, "maxUnavailable", json!("25%"));
                set_default(ru, "maxSurge", json!("25%"));
            }
        }
        set_default(spec, "revisionHistoryLimit", json!(10));
        set_default(spec, "progressDeadlineSeconds", json!(600));
        spec_template(spec);
    }
    empty_status(o);
}

pub(super) fn replica_set(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "replicas", json!(1));
        spec_template(spec);
    }
    set_default(o, "status", json!({"replicas": 0}));
}

/// core/v1 ReplicationController: unlike apps/v1, the selector and labels default from the
/// template labels.
pub(super) fn replication_controller(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    let template_labels = o
        .get("spec")
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .filter(|l| l.as_object().is_some_and(|m| !m.is_empty()))
        .cloned();
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "replicas", json!(1));
        if let Some(labels) = &template_labels
            && spec
                .get("selector")
                .and_then(Value::as_object)
                .is_none_or(Map::is_empty)
        {
            spec.insert("selector".into(), labels.clone());
        }
        spec_template(spec);
    }
    if let (Some(labels), Some(meta)) = (template_labels, child(o, "metadata"))
        && meta
            .get("labels")
            .and_then(Value::as_object)
            .is_none_or(Map::is_empty)
    {
        meta.insert("labels".into(), labels);
    }
    set_default(o, "status", json!({"replicas": 0}));
}

pub(super) fn daemon_set(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        if let Some(us) = child(spec, "updateStrategy") {
            set_default(us, "type", json!("RollingUpdate"));
            if us.get("type") == Some(&json!("RollingUpdate"))
                && let Some(ru) = child(us, "rollingUpdate")
            {
                set_default(ru, "maxUnavailable", json!(1));
                set_default(ru, "maxSurge", json!(0));
            }
        }
        set_default(spec, "revisionHistoryLimit", json!(10));
        spec_template(spec);
    }
    set_default(
        o,
        "status",
        json!({"currentNumberScheduled": 0, "desiredNumberScheduled": 0,
               "numberMisscheduled": 0, "numberReady": 0}),
    );
}

pub(super) fn stateful_set(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "podManagementPolicy", json!("OrderedReady"));
        if let Some(us) = child(spec, "updateStrategy") {
            set_default(us, "type", json!("RollingUpdate"));
            if us.get("type") == Some(&json!("RollingUpdate"))
                && let Some(ru) = child(us, "rollingUpdate")
            {
                set_default(ru, "partition", json!(0));
            }
        }
        if let Some(p) = child(spec, "persistentVolumeClaimRetentionPolicy") {
            set_default(p, "whenDeleted", json!("Retain"));
            set_default(p, "whenScaled", json!("Retain"));
        }
        set_default(spec, "replicas", json!(1));
        set_default(spec, "revisionHistoryLimit", json!(10));
        spec_template(spec);
        if let Some(claims) = spec
            .get_mut("volumeClaimTemplates")
            .and_then(Value::as_array_mut)
        {
            for claim in claims.iter_mut() {
                // The embedded claims are full PVC objects and default as such.
                if let Some(c) = claim.as_object_mut() {
                    set_default(c, "apiVersion", json!("v1"));
                    set_default(c, "kind", json!("PersistentVolumeClaim"));
                    template_metadata(c);
                }
                super::other::pvc(claim);
            }
        }
    }
    set_default(o, "status", json!({"availableReplicas": 0, "replicas": 0}));
}

pub(super) fn job(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    let meta = child(o, "metadata").map(|m| m.clone()).unwrap_or_default();
    let name = meta
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let spec_val = o.get("spec");
    let manual = spec_val
        .and_then(|s| s.get("manualSelector"))
        .and_then(Value::as_bool)
        == Some(true);
    // A selector already carrying the uid label means the Job was created before (an update
    // or patch): the apiserver generates selectors only at creation.
    let generated = spec_val
        .and_then(|s| s.get("selector"))
        .and_then(|s| s.get("matchLabels"))
        .and_then(|m| m.get("batch.kubernetes.io/controller-uid"))
        .is_some();
    let generate = !manual && !generated;
    let uid = match meta
        .get("uid")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty())
    {
        Some(u) => u.to_string(),
        None if generate => {
            let u = new_uid();
            if let Some(m) = child(o, "metadata") {
                m.insert("uid".into(), json!(u));
            }
            u
        }
        None => String::new(),
    };
    if let Some(spec) = child(o, "spec") {
        job_spec(spec);
        if generate {
            generate_selector(spec, &name, &uid);
        }
    }
    // Defaulting on decode copies the template labels (generated ones included) onto a Job
    // that has none, which is why real Jobs carry `job-name`/`controller-uid` labels.
    let template_labels = o
        .get("spec")
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .filter(|l| l.is_object())
        .cloned();
    if let (Some(labels), Some(m)) = (template_labels, child(o, "metadata"))
        && m.get("labels")
            .and_then(Value::as_object)
            .is_none_or(Map::is_empty)
    {
        m.insert("labels".into(), labels);
    }
    empty_status(o);
}

/// `SetDefaults_Job` minus the labels copy (done by the caller after selector generation).
fn job_spec(spec: &mut Map<String, Value>) {
    let unset = |spec: &Map<String, Value>, k: &str| spec.get(k).is_none_or(Value::is_null);
    if unset(spec, "completions") && unset(spec, "parallelism") {
        spec.insert("completions".into(), json!(1));
        spec.insert("parallelism".into(), json!(1));
    }
    set_default(spec, "parallelism", json!(1));
    let backoff = if unset(spec, "backoffLimitPerIndex") {
        6
    } else {
        i32::MAX as i64
    };
    set_default(spec, "backoffLimit", json!(backoff));
    set_default(spec, "completionMode", json!("NonIndexed"));
    set_default(spec, "suspend", json!(false));
    let replacement = if unset(spec, "podFailurePolicy") {
        "TerminatingOrFailed"
    } else {
        "Failed"
    };
    set_default(spec, "podReplacementPolicy", json!(replacement));
    if let Some(pfp) = existing(spec, "podFailurePolicy") {
        super::each_item(pfp, "rules", |rule| {
            super::each_item(rule, "onPodConditions", |c| {
                set_default(c, "status", json!("True"));
            });
        });
    }
    spec_template(spec);
}

/// The Job strategy's `generateSelector`: template labels and a selector on the Job's uid.
fn generate_selector(spec: &mut Map<String, Value>, name: &str, uid: &str) {
    let Some(labels) = child(spec, "template")
        .and_then(|t| child(t, "metadata"))
        .and_then(|m| child(m, "labels"))
    else {
        return;
    };
    // A user-set legacy `job-name` is kept (validation rejects a conflicting one).
    labels.entry("job-name").or_insert_with(|| json!(name));
    labels.insert("batch.kubernetes.io/job-name".into(), json!(name));
    labels.entry("controller-uid").or_insert_with(|| json!(uid));
    labels.insert("batch.kubernetes.io/controller-uid".into(), json!(uid));
    if let Some(ml) = child(spec, "selector").and_then(|s| child(s, "matchLabels")) {
        ml.entry("batch.kubernetes.io/controller-uid")
            .or_insert_with(|| json!(uid));
    }
}

pub(super) fn cron_job(obj: &mut Value) {
    let Some(o) = obj.as_object_mut() else { return };
    if let Some(spec) = child(o, "spec") {
        set_default(spec, "concurrencyPolicy", json!("Allow"));
        set_default(spec, "suspend", json!(false));
        set_default(spec, "successfulJobsHistoryLimit", json!(3));
        set_default(spec, "failedJobsHistoryLimit", json!(1));
        // The job template gets no Job defaults (they hang off the Job type), only the pod
        // template's.
        if let Some(jt) = child(spec, "jobTemplate") {
            template_metadata(jt);
            if let Some(js) = child(jt, "spec") {
                spec_template(js);
            }
        }
    }
    empty_status(o);
}

#[cfg(test)]
mod tests {
    use super::super::apply_defaults;
    use super::*;

    fn defaulted_template(containers: Value, restart: &str) -> Value {
        let mut c = containers;
        for item in c.as_array_mut().unwrap() {
            let m = item.as_object_mut().unwrap();
            m.insert("imagePullPolicy".into(), json!("Always"));
            m.insert("resources".into(), json!({}));
            m.insert(
                "terminationMessagePath".into(),
                json!("/dev/termination-log"),
            );
            m.insert("terminationMessagePolicy".into(), json!("File"));
        }
        json!({"containers": c, "dnsPolicy": "ClusterFirst", "restartPolicy": restart,
               "schedulerName": "default-scheduler", "securityContext": {},
               "terminationGracePeriodSeconds": 30})
    }

    #[test]
    fn deployment_as_kubectl_create_deployment_stores_it() {
        let mut d = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"creationTimestamp": null, "labels": {"app": "x"}, "name": "x"},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "x"}}, "strategy": {},
                     "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "x"}},
                                  "spec": {"containers": [{"image": "nginx", "name": "nginx",
                                                           "resources": {}}]}}},
            "status": {}
        });
        apply_defaults("apps", "Deployment", &mut d);
        let expected = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"creationTimestamp": null, "labels": {"app": "x"}, "name": "x"},
            "spec": {
                "progressDeadlineSeconds": 600,
                "replicas": 1,
                "revisionHistoryLimit": 10,
                "selector": {"matchLabels": {"app": "x"}},
                "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
                             "type": "RollingUpdate"},
                "template": {
                    "metadata": {"creationTimestamp": null, "labels": {"app": "x"}},
                    "spec": defaulted_template(json!([{"image": "nginx", "name": "nginx"}]), "Always")
                }
            },
            "status": {}
        });
        assert_eq!(d, expected);
    }

    #[test]
    fn recreate_strategy_gets_no_rolling_update() {
        let mut d = json!({"spec": {"strategy": {"type": "Recreate"}, "replicas": 0}});
        apply_defaults("apps", "Deployment", &mut d);
        assert_eq!(d["spec"]["strategy"], json!({"type": "Recreate"}));
        assert_eq!(d["spec"]["replicas"], json!(0));
    }

    #[test]
    fn daemonset_and_statefulset_defaults() {
        let mut ds = json!({"spec": {"template": {"spec": {"containers": []}}}});
        apply_defaults("apps", "DaemonSet", &mut ds);
        assert_eq!(
            ds["spec"]["updateStrategy"],
            json!({"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"})
        );
        assert_eq!(ds["spec"]["revisionHistoryLimit"], json!(10));

        let mut sts = json!({"spec": {"serviceName": "web", "template": {"spec": {"containers": []}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"],
                         "resources": {"requests": {"storage": "1Gi"}}}}]}});
        apply_defaults("apps", "StatefulSet", &mut sts);
        let spec = &sts["spec"];
        assert_eq!(spec["podManagementPolicy"], json!("OrderedReady"));
        assert_eq!(
            spec["updateStrategy"],
            json!({"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"})
        );
        assert_eq!(
            spec["persistentVolumeClaimRetentionPolicy"],
            json!({"whenDeleted": "Retain", "whenScaled": "Retain"})
        );
        assert_eq!(spec["replicas"], json!(1));
        assert_eq!(spec["revisionHistoryLimit"], json!(10));
        assert_eq!(
            spec["volumeClaimTemplates"][0],
            json!({
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": {"creationTimestamp": null, "name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"],
                         "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"},
                "status": {"phase": "Pending"}
            })
        );
    }

    #[test]
    fn job_gets_generated_selector_and_labels() {
        let mut j = json!({
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"name": "pi", "uid": "11111111-2222-4333-8444-555555555555"},
            "spec": {"template": {"metadata": {"creationTimestamp": null},
                "spec": {"containers": [{"name": "pi", "image": "perl:5.34"}],
                         "restartPolicy": "Never"}}}
        });
        apply_defaults("batch", "Job", &mut j);
        let uid = "11111111-2222-4333-8444-555555555555";
        let labels = json!({"batch.kubernetes.io/controller-uid": uid,
            "batch.kubernetes.io/job-name": "pi", "controller-uid": uid, "job-name": "pi"});
        let mut tmpl = defaulted_template(json!([{"name": "pi", "image": "perl:5.34"}]), "Never");
        tmpl["containers"][0]["imagePullPolicy"] = json!("IfNotPresent");
        let expected = json!({
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"labels": labels, "name": "pi", "uid": uid},
            "spec": {
                "backoffLimit": 6, "completionMode": "NonIndexed", "completions": 1,
                "parallelism": 1, "podReplacementPolicy": "TerminatingOrFailed",
                "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}},
                "suspend": false,
                "template": {"metadata": {"creationTimestamp": null, "labels": labels},
                             "spec": tmpl}
            },
            "status": {}
        });
        assert_eq!(j, expected);
    }

    #[test]
    fn job_without_uid_gets_one_and_manual_selector_is_left_alone() {
        let mut j = json!({"metadata": {"name": "a", "labels": {"team": "x"}},
            "spec": {"parallelism": 3, "template": {"spec": {"containers": []}}}});
        apply_defaults("batch", "Job", &mut j);
        let uid = j["metadata"]["uid"].as_str().unwrap().to_string();
        assert_eq!(uid.len(), 36);
        assert_eq!(
            j["spec"]["selector"]["matchLabels"]["batch.kubernetes.io/controller-uid"],
            json!(uid)
        );
        assert_eq!(j["metadata"]["labels"], json!({"team": "x"}));
        assert!(j["spec"].get("completions").is_none());
        assert_eq!(j["spec"]["parallelism"], json!(3));

        let mut m = json!({"metadata": {"name": "m", "uid": "u"}, "spec": {"manualSelector": true,
            "selector": {"matchLabels": {"a": "b"}},
            "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": []}}}});
        apply_defaults("batch", "Job", &mut m);
        assert_eq!(m["spec"]["selector"], json!({"matchLabels": {"a": "b"}}));
        assert_eq!(
            m["spec"]["template"]["metadata"]["labels"],
            json!({"a": "b"})
        );
        assert_eq!(m["metadata"]["labels"], json!({"a": "b"}));
    }

    #[test]
    fn job_update_without_uid_keeps_the_generated_selector() {
        let mut j = json!({"metadata": {"name": "pi"}, "spec": {"template": {"spec": {
            "containers": [{"name": "pi", "image": "perl"}], "restartPolicy": "Never"}}}});
        apply_defaults("batch", "Job", &mut j);
        let created = j.clone();
        // A PUT body that lost metadata.uid must not get a second, different uid.
        j["metadata"].as_object_mut().unwrap().remove("uid");
        apply_defaults("batch", "Job", &mut j);
        assert!(j["metadata"].get("uid").is_none());
        assert_eq!(j["spec"], created["spec"]);
    }

    #[test]
    fn cronjob_defaults_leave_job_template_spec_alone() {
        let mut cj = json!({"metadata": {"name": "hello"}, "spec": {"schedule": "*/1 * * * *",
            "jobTemplate": {"metadata": {"name": "hello"}, "spec": {"template": {"spec": {
                "containers": [{"name": "hello", "image": "busybox"}],
                "restartPolicy": "OnFailure"}}}}}});
        apply_defaults("batch", "CronJob", &mut cj);
        let expected = json!({"metadata": {"name": "hello"}, "spec": {
            "concurrencyPolicy": "Allow", "failedJobsHistoryLimit": 1,
            "jobTemplate": {"metadata": {"creationTimestamp": null, "name": "hello"},
                "spec": {"template": {"metadata": {"creationTimestamp": null},
                    "spec": defaulted_template(json!([{"name": "hello", "image": "busybox"}]),
                                               "OnFailure")}}},
            "schedule": "*/1 * * * *", "successfulJobsHistoryLimit": 3, "suspend": false},
            "status": {}});
        assert_eq!(cj, expected);
    }

    #[test]
    fn replication_controller_defaults_selector_and_labels_from_template() {
        let mut rc = json!({"metadata": {"name": "rc"}, "spec": {"template": {
            "metadata": {"labels": {"app": "a"}}, "spec": {"containers": []}}}});
        apply_defaults("", "ReplicationController", &mut rc);
        assert_eq!(rc["spec"]["selector"], json!({"app": "a"}));
        assert_eq!(rc["metadata"]["labels"], json!({"app": "a"}));
        assert_eq!(rc["spec"]["replicas"], json!(1));
    }
}
