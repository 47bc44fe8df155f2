//! The Pod of `kubectl run` (the `run-pod/v1` generator, `BasicPod`): one container named
//! after the pod, labels `run=NAME` unless `--labels`, `--env`, `--annotations`, `--port`,
//! the stdin/TTY settings, `--privileged`, `--image-pull-policy` and the words after `--`
//! as `args` (or `command` with `--command`).

use serde_json::{Map, Value, json};

use super::expose::parse_labels;
use super::validation::is_env_var_name;

/// What `run` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The pod's (and its container's) name.
    pub name: String,
    /// `--image`.
    pub image: String,
    /// `-l/--labels` (`k=v,...`; empty: `run=NAME`).
    pub labels: String,
    /// `--annotations`, each `k=v`.
    pub annotations: Vec<String>,
    /// `--env`, each `k=v`.
    pub env: Vec<String>,
    /// `--port` (empty: none).
    pub port: String,
    /// `-i`.
    pub stdin: bool,
    /// `--leave-stdin-open`.
    pub leave_stdin_open: bool,
    /// `-t`.
    pub tty: bool,
    /// `--restart` (empty: `Always`).
    pub restart: String,
    /// `--privileged`.
    pub privileged: bool,
    /// `--image-pull-policy`.
    pub image_pull_policy: String,
    /// The words after `--`.
    pub args: Vec<String>,
    /// `--command`: they are the container's command, not its args.
    pub command: bool,
    /// `-n` when given explicitly (client dry runs show it).
    pub namespace: Option<String>,
}

/// kubectl's `parseEnvs`.
fn parse_envs(env: &[String]) -> Result<Vec<Value>, String> {
    env.iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) if !k.is_empty() && is_env_var_name(k).is_empty() => {
                Ok(json!({"name": k, "value": v}))
            }
            _ => Err(format!("invalid env: {e}")),
        })
        .collect()
}

/// The pod.
pub fn build(p: &Params) -> Result<Value, String> {
    let env = parse_envs(&p.env)?;
    let (annotations, _) = crate::metadata::parse_pairs(&p.annotations, "annotations", false)
        .map_err(|e| e.to_string())?;
    let labels = if p.labels.is_empty() {
        let mut m = Map::new();
        m.insert("run".into(), json!(p.name));
        m
    } else {
        parse_labels(&p.labels)?
    };
    let mut c = Map::new();
    c.insert("name".into(), json!(p.name));
    c.insert("image".into(), json!(p.image));
    if p.stdin {
        c.insert("stdin".into(), json!(true));
    }
    if !p.leave_stdin_open && p.stdin {
        c.insert("stdinOnce".into(), json!(true));
    }
    if p.tty {
        c.insert("tty".into(), json!(true));
    }
    if p.privileged {
        c.insert("securityContext".into(), json!({"privileged": true}));
    }
    if !p.args.is_empty() {
        let key = if p.command { "command" } else { "args" };
        c.insert(key.into(), json!(p.args));
    }
    if !env.is_empty() {
        c.insert("env".into(), Value::Array(env));
    }
    if !p.image_pull_policy.is_empty() {
        c.insert("imagePullPolicy".into(), json!(p.image_pull_policy));
    }
    if !p.port.is_empty() {
        let port = crate::go::atoi(&p.port)
            .ok_or_else(|| format!("strconv.Atoi: parsing {:?}: invalid syntax", p.port))?;
        c.insert("ports".into(), json!([{"containerPort": port}]));
    }
    let restart = if p.restart.is_empty() {
        "Always"
    } else {
        &p.restart
    };
    let mut pod = super::object("v1", "Pod", &p.name, p.namespace.as_deref());
    pod["metadata"]["labels"] = Value::Object(labels);
    if !annotations.is_empty() {
        pod["metadata"]["annotations"] = json!(annotations);
    }
    pod["spec"] = json!({
        "containers": [Value::Object(c)],
        "dnsPolicy": "ClusterFirst",
        "restartPolicy": restart,
    });
    Ok(pod)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 run x --image=nginx --dry-run=client -o yaml -l a=b --env=A=1 --port=80
    //   --privileged -i --restart=Never --command -- sh
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "x".into(),
            image: "nginx".into(),
            labels: "a=b".into(),
            env: vec!["A=1".into()],
            port: "80".into(),
            privileged: true,
            stdin: true,
            restart: "Never".into(),
            args: vec!["sh".into()],
            command: true,
            ..Params::default()
        };
        let yaml =
            crate::printers::yaml::to_kubectl_yaml(&shape::normalize(&build(&p).unwrap())).unwrap();
        assert_eq!(
            yaml,
            "apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    a: b
  name: x
spec:
  containers:
  - command:
    - sh
    env:
    - name: A
      value: \"1\"
    image: nginx
    name: x
    ports:
    - containerPort: 80
    resources: {}
    securityContext:
      privileged: true
    stdin: true
    stdinOnce: true
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
"
        );
        let bad = Params {
            env: vec!["1A=x".into()],
            ..p
        };
        assert_eq!(build(&bad).unwrap_err(), "invalid env: 1A=x");
    }
}
