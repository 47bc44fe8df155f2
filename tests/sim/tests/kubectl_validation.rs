//! End to end: the real kubectl 1.33 against kk-sim sees the apiserver's defaulting, its 422
//! validation messages and its strict field validation, byte for byte.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const KUBECTL: &str = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";

/// A running `kk-sim serve` with its own kubeconfig, killed on drop.
struct Sim {
    child: Child,
    dir: PathBuf,
}

impl Sim {
    fn start() -> Sim {
        let dir = std::env::temp_dir().join(format!(
            "kk-sim-validation-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kk-sim"))
            .arg("serve")
            .arg("--kubeconfig")
            .arg(dir.join("kubeconfig"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("kk-sim starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("kk-sim ready "),
            "unexpected first line {line:?}"
        );
        Sim { child, dir }
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// Runs kubectl; returns (exit code, stdout, stderr).
    fn kubectl(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(KUBECTL)
            .args(args)
            .env("KUBECONFIG", self.dir.join("kubeconfig"))
            .env("HOME", &self.dir)
            .output()
            .expect("kubectl runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn kubectl_sees_apiserver_defaults_validation_and_strict_fields() {
    assert!(
        Path::new(KUBECTL).exists(),
        "{KUBECTL} is needed for this test"
    );
    let sim = Sim::start();

    let bad = sim.file(
        "bad.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  template:\n    \
         metadata:\n      labels:\n        app: x\n    spec:\n      containers:\n      - name: c\n        \
         image: nginx\n",
    );
    let (code, out, err) = sim.kubectl(&["create", "-f", path_str(&bad)]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "The Deployment \"bad\" is invalid: \n* spec.selector: Required value\n* \
         spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: \
         `selector` does not match template `labels`\n"
    );

    let unknown = sim.file(
        "unknown.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\nbogus: 1\n",
    );
    let (code, _, err) = sim.kubectl(&["apply", "-f", path_str(&unknown)]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "Error from server (BadRequest): error when creating \"{}\": ConfigMap in version \
             \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \
             \"bogus\"\n",
            path_str(&unknown)
        )
    );

    let job = sim.file(
        "job.yaml",
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: jb\nspec:\n  template:\n    spec:\n      \
         containers:\n      - name: c\n        image: busybox\n",
    );
    let (code, _, err) = sim.kubectl(&["create", "-f", path_str(&job)]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "The Job \"jb\" is invalid: spec.template.spec.restartPolicy: Required value: valid \
         values: \"OnFailure\", \"Never\"\n"
    );

    let (code, _, _) = sim.kubectl(&["create", "deployment", "web", "--image=nginx"]);
    assert_eq!(code, 0);
    let (code, out, _) = sim.kubectl(&["get", "deployment", "web", "-o", "jsonpath={.spec}"]);
    assert_eq!(code, 0);
    let spec: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        spec,
        serde_json::json!({
            "progressDeadlineSeconds": 600, "replicas": 1, "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
                         "type": "RollingUpdate"},
            "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                "spec": {"containers": [{"image": "nginx", "imagePullPolicy": "Always",
                    "name": "nginx", "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File"}],
                    "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
                    "schedulerName": "default-scheduler", "securityContext": {},
                    "terminationGracePeriodSeconds": 30}}
        })
    );

    let (code, _, err) = sim.kubectl(&["create", "namespace", "Bad_NS"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "The Namespace \"Bad_NS\" is invalid: metadata.name: Invalid value: \"Bad_NS\": a \
         lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and \
         must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex \
         used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n"
    );
}
