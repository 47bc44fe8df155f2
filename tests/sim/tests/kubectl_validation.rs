//! End to end: the real kubectl 1.33 against kk-sim sees the apiserver's defaulting, its 422
//! validation messages and its strict field validation, byte for byte.

mod kubectl133;

use kubectl133::Sim;

#[test]
fn kubectl_sees_apiserver_defaults_validation_and_strict_fields() {
    let Some(sim) = Sim::start() else { return };

    let bad = sim.write(
        "bad.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  template:\n    \
         metadata:\n      labels:\n        app: x\n    spec:\n      containers:\n      - name: c\n        \
         image: nginx\n",
    );
    let (code, out, err) = sim.run(&["create", "-f", &bad]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "The Deployment \"bad\" is invalid: \n* spec.selector: Required value\n* \
         spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: \
         `selector` does not match template `labels`\n"
    );

    let unknown = sim.write(
        "unknown.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\nbogus: 1\n",
    );
    let (code, _, err) = sim.run(&["apply", "-f", &unknown]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "Error from server (BadRequest): error when creating \"{}\": ConfigMap in version \
             \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \
             \"bogus\"\n",
            &unknown
        )
    );

    let job = sim.write(
        "job.yaml",
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: jb\nspec:\n  template:\n    spec:\n      \
         containers:\n      - name: c\n        image: busybox\n",
    );
    let (code, _, err) = sim.run(&["create", "-f", &job]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "The Job \"jb\" is invalid: spec.template.spec.restartPolicy: Required value: valid \
         values: \"OnFailure\", \"Never\"\n"
    );

    let (code, _, _) = sim.run(&["create", "deployment", "web", "--image=nginx"]);
    assert_eq!(code, 0);
    let (code, out, _) = sim.run(&["get", "deployment", "web", "-o", "jsonpath={.spec}"]);
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

    let (code, _, err) = sim.run(&["create", "namespace", "Bad_NS"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "The Namespace \"Bad_NS\" is invalid: metadata.name: Invalid value: \"Bad_NS\": a \
         lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and \
         must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex \
         used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n"
    );
}
