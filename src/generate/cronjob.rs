//! `kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' [--restart]
//! [-- COMMAND args]` (`create_cronjob.go`): one container named after the CronJob,
//! `restartPolicy` from `--restart` (default `OnFailure`).

use serde_json::{Value, json};

/// What `create cronjob` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The CronJob's name.
    pub name: String,
    /// `--image`.
    pub image: String,
    /// `--schedule`.
    pub schedule: String,
    /// `--restart` (empty: `OnFailure`).
    pub restart: String,
    /// The words after `--`.
    pub command: Vec<String>,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// The CronJob.
pub fn build(p: &Params) -> Value {
    let restart = if p.restart.is_empty() {
        "OnFailure"
    } else {
        &p.restart
    };
    let mut container = json!({"name": p.name, "image": p.image});
    if !p.command.is_empty() {
        container["command"] = json!(p.command);
    }
    let mut cj = super::object("batch/v1", "CronJob", &p.name, p.namespace.as_deref());
    cj["spec"] = json!({
        "schedule": p.schedule,
        "jobTemplate": {
            "metadata": {"name": p.name},
            "spec": {"template": {"spec": {
                "containers": [container],
                "restartPolicy": restart,
            }}},
        },
    });
    cj
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create cronjob cj --image=busybox --schedule='*/1 * * * *'
    //   --dry-run=client -o yaml
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "cj".into(),
            image: "busybox".into(),
            schedule: "*/1 * * * *".into(),
            ..Default::default()
        };
        assert_eq!(
            crate::printers::yaml::to_kubectl_yaml(&shape::normalize(&build(&p))).unwrap(),
            "apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: cj
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: cj
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - image: busybox
            name: cj
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
"
        );
    }
}
