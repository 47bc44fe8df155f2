//! `kubectl create job NAME --image=image [-- COMMAND args]` and `create job NAME
//! --from=cronjob/NAME` (`create_job.go`): one container named after the Job with
//! `restartPolicy: Never`, or a copy of a CronJob's job template owned by the CronJob.

use serde_json::{Map, Value, json};

/// What `create job` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The Job's name.
    pub name: String,
    /// `--image`.
    pub image: String,
    /// `--from`.
    pub from: String,
    /// The words after `--`.
    pub command: Vec<String>,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.image.is_empty() == p.from.is_empty() {
        return Err("either --image or --from must be specified".into());
    }
    if !p.command.is_empty() && !p.from.is_empty() {
        return Err("cannot specify --from and command".into());
    }
    Ok(())
}

/// The Job of `--image`.
pub fn build(p: &Params) -> Result<Value, String> {
    validate(p)?;
    let mut container = json!({"name": p.name, "image": p.image});
    if !p.command.is_empty() {
        container["command"] = json!(p.command);
    }
    let mut job = super::object("batch/v1", "Job", &p.name, p.namespace.as_deref());
    job["spec"] = json!({"template": {"spec": {
        "containers": [container],
        "restartPolicy": "Never",
    }}});
    Ok(job)
}

/// The Job of `--from=cronjob/NAME`: the CronJob's job template, its labels, its annotations
/// plus `cronjob.kubernetes.io/instantiate: manual`, and the CronJob as controller owner.
pub fn from_cronjob(name: &str, namespace: Option<&str>, cronjob: &Value) -> Value {
    let template = &cronjob["spec"]["jobTemplate"];
    let mut annotations = Map::new();
    annotations.insert("cronjob.kubernetes.io/instantiate".into(), "manual".into());
    if let Some(a) = template
        .pointer("/metadata/annotations")
        .and_then(Value::as_object)
    {
        for (k, v) in a {
            annotations.insert(k.clone(), v.clone());
        }
    }
    let mut job = super::object("batch/v1", "Job", name, namespace);
    let meta = &mut job["metadata"];
    meta["annotations"] = Value::Object(annotations);
    if let Some(labels) = template.pointer("/metadata/labels") {
        meta["labels"] = labels.clone();
    }
    meta["ownerReferences"] = json!([{
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "name": cronjob["metadata"]["name"],
        "uid": cronjob["metadata"]["uid"],
        "controller": true,
    }]);
    job["spec"] = template.get("spec").cloned().unwrap_or(json!({}));
    job
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create job j1 --image=busybox --dry-run=client -o json -- date
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "j1".into(),
            image: "busybox".into(),
            command: vec!["date".into()],
            ..Default::default()
        };
        let j = shape::normalize(&build(&p).unwrap());
        assert_eq!(
            shape::to_json(&j),
            r#"{
    "kind": "Job",
    "apiVersion": "batch/v1",
    "metadata": {
        "name": "j1",
        "creationTimestamp": null
    },
    "spec": {
        "template": {
            "metadata": {
                "creationTimestamp": null
            },
            "spec": {
                "containers": [
                    {
                        "name": "j1",
                        "image": "busybox",
                        "command": [
                            "date"
                        ],
                        "resources": {}
                    }
                ],
                "restartPolicy": "Never"
            }
        }
    },
    "status": {}
}
"#
        );
    }

    #[test]
    fn from_a_cronjob() {
        let cj = json!({"metadata": {"name": "cj", "uid": "u-1"}, "spec": {"jobTemplate": {
            "metadata": {"labels": {"l": "1"}, "annotations": {"a": "b"}},
            "spec": {"backoffLimit": 2}}}});
        let j = from_cronjob("j", Some("ns"), &cj);
        assert_eq!(
            j["metadata"]["annotations"],
            json!({"a": "b", "cronjob.kubernetes.io/instantiate": "manual"})
        );
        assert_eq!(j["metadata"]["ownerReferences"][0]["uid"], "u-1");
        assert_eq!(j["spec"], json!({"backoffLimit": 2}));
        let p = Params {
            name: "j".into(),
            ..Default::default()
        };
        assert_eq!(
            validate(&p).unwrap_err(),
            "either --image or --from must be specified"
        );
    }
}
