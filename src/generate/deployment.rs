//! `kubectl create deployment NAME --image=... [--replicas] [--port] [-- COMMAND args]`
//! (`create_deployment.go`): label `app=NAME` on the Deployment, its selector and its pod
//! template; one container per image, named after the image.

use serde_json::{Value, json};

/// What `create deployment` was given.
#[derive(Debug, Clone)]
pub struct Params {
    /// The Deployment's name.
    pub name: String,
    /// `--image`, in order (at least one).
    pub images: Vec<String>,
    /// `--port` (`-1`: none).
    pub port: i32,
    /// `--replicas`.
    pub replicas: i32,
    /// The words after `--`.
    pub command: Vec<String>,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.images.len() > 1 && !p.command.is_empty() {
        return Err("cannot specify multiple --image options and command".into());
    }
    Ok(())
}

/// The container name kubectl derives from an image: the last path segment without tag or
/// digest; `_` and `.` become `-` and get a random suffix (`random(5)`).
pub fn container_name(image: &str, random: &dyn Fn(usize) -> String) -> String {
    let mut name = image.rsplit('/').next().unwrap_or(image);
    name = name.split(':').next().unwrap_or(name);
    name = name.split('@').next().unwrap_or(name);
    if name.contains(['_', '.']) {
        format!("{}-{}", name.replace(['_', '.'], "-"), random(5))
    } else {
        name.to_string()
    }
}

/// The Deployment.
pub fn build(p: &Params, random: &dyn Fn(usize) -> String) -> Result<Value, String> {
    validate(p)?;
    let labels = json!({"app": p.name});
    let containers: Vec<Value> = p
        .images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let mut c = json!({"name": container_name(image, random), "image": image});
            if !p.command.is_empty() {
                c["command"] = json!(p.command);
            }
            if i == 0 && p.port >= 0 {
                c["ports"] = json!([{"containerPort": p.port}]);
            }
            c
        })
        .collect();
    let mut d = super::object("apps/v1", "Deployment", &p.name, p.namespace.as_deref());
    d["metadata"]["labels"] = labels.clone();
    d["spec"] = json!({
        "replicas": p.replicas,
        "selector": {"matchLabels": labels},
        "template": {"metadata": {"labels": labels}, "spec": {"containers": containers}},
    });
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    fn params(images: &[&str]) -> Params {
        Params {
            name: "web".into(),
            images: images.iter().map(|s| s.to_string()).collect(),
            port: -1,
            replicas: 1,
            command: Vec::new(),
            namespace: None,
        }
    }

    // kubectl.1.33 create deployment web --image=nginx:1.2 --dry-run=client -o yaml -- sleep 10
    #[test]
    fn with_command_like_kubectl() {
        let mut p = params(&["nginx:1.2"]);
        p.command = vec!["sleep".into(), "10".into()];
        let d = shape::normalize(&build(&p, &|_| unreachable!()).unwrap());
        let yaml = crate::printers::yaml::to_kubectl_yaml(&d).unwrap();
        assert_eq!(
            yaml,
            "apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - command:
        - sleep
        - \"10\"
        image: nginx:1.2
        name: nginx
        resources: {}
status: {}
"
        );
    }

    #[test]
    fn names_ports_and_errors() {
        let r = |_: usize| "abcde".to_string();
        assert_eq!(
            container_name("reg.io:5000/team/my_app.v1:2", &r),
            "my-app-v1-abcde"
        );
        assert_eq!(container_name("busybox@sha256:ff", &r), "busybox");
        let mut p = params(&["nginx", "busybox"]);
        p.port = 80;
        let d = build(&p, &r).unwrap();
        let c = &d["spec"]["template"]["spec"]["containers"];
        assert_eq!(c[0]["ports"], json!([{"containerPort": 80}]));
        assert!(c[1].get("ports").is_none());
        p.command = vec!["date".into()];
        assert_eq!(
            build(&p, &r).unwrap_err(),
            "cannot specify multiple --image options and command"
        );
    }
}
