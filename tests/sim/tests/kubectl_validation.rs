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

/// What the apiserver refuses while decoding or patching: JSON of the wrong type for the Go
/// struct (400 BadRequest with the decoder's words; 422 Invalid for a patch's result), and a
/// patch that renames the object.
#[test]
fn kubectl_sees_decode_errors_and_refused_renames() {
    let Some(sim) = Sim::start() else { return };

    let cm = sim.write(
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\ndata:\n  a: 1\n  b: [x]\n",
    );
    let (code, out, err) = sim.run(&["create", "-f", &cm]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "Error from server (BadRequest): error when creating \"{cm}\": ConfigMap in version \
             \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go \
             struct field ConfigMap.data of type string\n"
        )
    );
    let list = sim.write(
        "list.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\ndata:\n  b: [x]\n",
    );
    let (code, _, err) = sim.run(&["create", "-f", &list]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with(
            "json: cannot unmarshal array into Go struct field ConfigMap.data of type string\n"
        ),
        "{err}"
    );
    let replicas = sim.write(
        "deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: \"2\"\n",
    );
    let (code, _, err) = sim.run(&["create", "-f", &replicas]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with(
            "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot \
             unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n"
        ),
        "{err}"
    );
    let (code, _, _) = sim.run(&["get", "configmap/typed", "deployment/d"]);
    assert_eq!(code, 1, "nothing was created");

    let (code, _, _) = sim.run(&["create", "configmap", "named", "--from-literal=a=b"]);
    assert_eq!(code, 0);
    let (code, out, err) = sim.run(&[
        "patch",
        "configmap",
        "named",
        "--type=merge",
        "-p",
        r#"{"metadata":{"name":"renamed"}}"#,
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "Error from server (BadRequest): the name of the object (renamed) does not match the \
         name on the URL (named)\n"
    );
    let (code, _, err) = sim.run(&[
        "patch",
        "configmap",
        "named",
        "--type=json",
        "-p",
        r#"[{"op":"replace","path":"/metadata/namespace","value":"elsewhere"}]"#,
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Error from server (BadRequest): the namespace of the object (elsewhere) does not match \
         the namespace on the URL (default)\n"
    );
    // A JSON or merge patch whose result is not a ConfigMap: 422 Invalid naming the whole
    // patched object (the apiserver's patch handler), which kubectl reports as invalid.
    for (ty, patch) in [
        ("merge", r#"{"data":{"a":5}}"#),
        ("json", r#"[{"op":"add","path":"/data/a","value":5}]"#),
    ] {
        let (code, out, err) = sim.run(&["patch", "configmap", "named", "--type", ty, "-p", patch]);
        assert_eq!((code, out.as_str()), (1, ""));
        let (head, tail) = (
            "The request is invalid: patch: Invalid value: \"{\\\"apiVersion\\\":\\\"v1\\\",\\\"data\\\":{\\\"a\\\":5},\\\"kind\\\":\\\"ConfigMap\\\",\\\"metadata\\\":{",
            "}}\": json: cannot unmarshal number into Go struct field ConfigMap.data of type string\n",
        );
        assert!(err.starts_with(head) && err.ends_with(tail), "{err}");
        assert!(err.contains(r#"\"name\":\"named\""#), "{err}");
    }
    // A strategic merge patch is applied to maps and read back by the unstructured converter:
    // the 422 quotes the patch as Go prints the map, in the converter's words.
    for (patch, want) in [
        (
            r#"{"data":{"a":5}}"#,
            "The request is invalid: patch: Invalid value: \"map[data:map[a:5]]\": cannot convert int64 to string\n",
        ),
        (
            r#"{"metadata":{"labels":"x","annotations":{"k":null}},"data":{"b":1.5e6}}"#,
            "The request is invalid: patch: Invalid value: \"map[data:map[b:1.5e+06] metadata:map[annotations:map[k:<nil>] labels:x]]\": cannot restore map from string\n",
        ),
    ] {
        let (code, out, err) = sim.run(&["patch", "configmap", "named", "-p", patch]);
        assert_eq!((code, out.as_str(), err.as_str()), (1, "", want));
    }
    let (code, out, _) = sim.run(&["get", "configmaps", "-o", "name"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("configmap/named\n") && !out.contains("renamed"),
        "{out}"
    );
    let (_, out, _) = sim.run(&["get", "configmap", "named", "-o", "jsonpath={.data}"]);
    assert_eq!(out, r#"{"a":"b"}"#);
}
