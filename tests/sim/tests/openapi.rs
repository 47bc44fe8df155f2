//! kubectl 1.33 reading the sim's OpenAPI: `create -f` with default (strict) validation
//! verifies the `fieldValidation` parameter in the v3 GV document, and `explain` renders the
//! built-in schemas.

mod kubectl133;

use kubectl133::Sim;

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: nginx, image: nginx}
";

const CRD: &str = "apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {kind: CronTab, plural: crontabs, singular: crontab, shortNames: [ct]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            description: What the cron tab runs.
            properties:
              cronSpec: {type: string, description: When to run.}
              replicas: {type: integer}
";

#[test]
fn crd_schemas_are_published() {
    let Some(sim) = Sim::start() else { return };
    let file = sim.write("crd.yaml", CRD);
    sim.kubectl(&["create", "-f", &file]);
    let explain = sim.kubectl(&["explain", "crontabs.spec"]);
    assert_eq!(
        explain,
        "GROUP:      stable.example.com\nKIND:       CronTab\nVERSION:    v1\n\n\
         FIELD: spec <Object>\n\n\nDESCRIPTION:\n    What the cron tab runs.\n    \n\
         FIELDS:\n  cronSpec\t<string>\n    When to run.\n\n  replicas\t<integer>\n    \
         <no description>\n\n\n"
    );
    // Strict validation of custom resources against the published schema's operations.
    let ct = sim.write(
        "ct.yaml",
        "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: c1}\n\
         spec: {cronSpec: '* * * * *'}\n",
    );
    assert_eq!(
        sim.kubectl(&["create", "-f", &ct]),
        "crontab.stable.example.com/c1 created\n"
    );
}

#[test]
fn create_f_validates_server_side_and_explain_works() {
    let Some(sim) = Sim::start() else { return };
    let file = sim.write("web.yaml", DEPLOYMENT);
    assert_eq!(
        sim.kubectl(&["create", "-f", &file]),
        "deployment.apps/web created\n"
    );

    // Strict validation happens on the server because the document advertises it.
    let bad = sim.write(
        "bad.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\nbogus: 1\n",
    );
    let (code, out, err) = sim.run(&["create", "-f", &bad]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("unknown field \"bogus\""), "{err}");

    let explain = sim.kubectl(&["explain", "deployment.spec.strategy"]);
    let head = "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n\
                FIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n    \
                The deployment strategy to use to replace existing pods with new ones.\n";
    assert!(explain.starts_with(head), "{explain}");
    assert!(
        explain.contains("\n  rollingUpdate\t<RollingUpdateDeployment>\n"),
        "{explain}"
    );

    let fields = sim.kubectl(&["explain", "deployment.spec"]);
    assert!(
        fields.contains("\n  selector\t<LabelSelector> -required-\n"),
        "{fields}"
    );
    let pod = sim.kubectl(&["explain", "pods"]);
    assert!(pod.contains("\n  metadata\t<ObjectMeta>\n"), "{pod}");
}

/// A `kind: List` is never vouched for by the v3 field-validation verifier, so kubectl reads
/// the v2 document as protobuf for client-side validation; a JSON answer made it fail with
/// `proto: cannot parse invalid wire-format data`.
#[test]
fn create_f_of_a_list_reads_the_v2_protobuf_document() {
    let Some(sim) = Sim::start() else { return };
    let list = sim.write(
        "list.json",
        r#"{"apiVersion":"v1","kind":"List","items":[
 {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}},
 {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"},"data":{"k":"v"}}]}"#,
    );
    assert_eq!(
        sim.run(&["create", "-f", &list]),
        (
            0,
            "configmap/a created\nconfigmap/b created\n".to_string(),
            String::new()
        )
    );
    assert_eq!(sim.get("configmaps", "b")["data"]["k"], "v");

    // The v2 document carries the definitions (see `openapi::v2`), so kubectl validates the
    // items client-side first, as against a real apiserver: nothing is created.
    let bad = sim.write(
        "bad.json",
        r#"{"apiVersion":"v1","kind":"List","items":[
 {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}},
 {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"},"foo":1}]}"#,
    );
    let (code, out, err) = sim.run(&["create", "-f", &bad]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "error: error validating \"{bad}\": error validating data: \
             ValidationError(ConfigMap): unknown field \"foo\" in io.k8s.api.core.v1.ConfigMap; \
             if you choose to ignore these errors, turn validation off with --validate=false\n"
        )
    );
    assert_eq!(sim.run(&["get", "configmap", "c"]).0, 1);
}
