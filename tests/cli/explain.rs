//! `kk explain` against kubectl on kk-sim: the OpenAPI v3 layout (kinds, fields, enums,
//! `--recursive`, `--api-version`), the v2 layout (`--output=plaintext-openapiv2`), a
//! custom resource's schema, and kubectl's errors for bad arguments.

use std::time::{Duration, Instant};

use crate::common::{TestEnv, kubectl_bin};

#[test]
fn builtin_types() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("explain");
    for args in [
        &["explain", "pods"][..],
        &["explain", "pods.spec.containers"],
        &["explain", "po.spec.restartPolicy"],
        &["explain", "deployments.spec", "--recursive"],
        &["explain", "deployments.apps.spec.strategy"],
        &["explain", "Deployment.spec.template.spec.containers.ports"],
        &["explain", "services.spec.type"],
        &["explain", "pods.metadata.labels"],
        &["explain", "cronjobs.spec.jobTemplate"],
        &["explain", "hpa.spec"],
        &["explain", "nodes", "--recursive=true"],
        &["explain", "deployments", "--api-version=apps/v1"],
        &["explain", "pods", "--output=plaintext-openapiv2"],
        &[
            "explain",
            "pods.spec.containers",
            "--output=plaintext-openapiv2",
        ],
        &[
            "explain",
            "deployments.spec",
            "--recursive",
            "--output",
            "plaintext-openapiv2",
        ],
        &[
            "explain",
            "pods.metadata.labels",
            "--output=plaintext-openapiv2",
        ],
        &[
            "explain",
            "pods.spec.overhead",
            "--output=plaintext-openapiv2",
        ],
        &[
            "explain",
            "crd.spec.versions.schema",
            "--output=plaintext-openapiv2",
        ],
    ] {
        env.parity(args);
    }
}

#[test]
fn bad_arguments() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("explain-bad");
    for args in [
        &["explain"][..],
        &["explain", "pods", "nodes"],
        &["explain", "nosuchthing"],
        &["explain", "pods.spec.nosuchfield"],
        &["explain", "pods.metadata.name.deeper"],
        &["explain", "pods.spec[0]"],
        &["explain", "pods", "--api-version=apps/v1"],
        &["explain", "pods", "--api-version=v2"],
        &["explain", "pods", "--api-version=a/b/c"],
        &["explain", "pods", "--output=yaml"],
        &["explain", "pods", "-o", "plaintext"],
        &[
            "explain",
            "pods.spec.nosuchfield",
            "--output=plaintext-openapiv2",
        ],
        &[
            "explain",
            "configmaps",
            "--api-version=apps/v1",
            "--output=plaintext-openapiv2",
        ],
    ] {
        env.parity(args);
    }
}

#[test]
fn custom_resource_schema() {
    let _serial = crate::get::DISCOVERY_LOCK
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("explain-crd");
    let group = format!("{}.example.com", env.ns());
    std::fs::write(
        env.path("crd.yaml"),
        format!(
            r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.{group}
spec:
  group: {group}
  names: {{plural: widgets, singular: widget, kind: Widget}}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: A widget for tests.
        properties:
          spec:
            type: object
            description: What the widget should be.
            required: [size]
            properties:
              size: {{type: integer, description: How big.}}
              color: {{type: string, enum: [red, green, blue, "", black]}}
              tags: {{type: array, items: {{type: string}}}}
              labels: {{type: object, additionalProperties: {{type: string}}}}
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
"#
        ),
    )
    .unwrap();
    env.run_kubectl(&["create", "-f", "crd.yaml"])
        .unwrap()
        .success();
    let full = format!("widgets.{group}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while env
        .run_kubectl(&["explain", &full])
        .is_some_and(|o| o.code != 0)
    {
        assert!(Instant::now() < deadline, "the CRD's schema never appeared");
        std::thread::sleep(Duration::from_millis(200));
    }
    let spec = format!("{full}.spec");
    for args in [
        &["explain", &full][..],
        &["explain", &spec],
        &["explain", &format!("{spec}.color")],
        &["explain", &spec, "--recursive"],
        &["explain", &format!("{spec}.labels")],
    ] {
        env.parity(args);
    }
    // The CRD's schema is in /openapi/v2 as well, as a real apiserver publishes it.
    for args in [
        &["explain", &full, "--output=plaintext-openapiv2"][..],
        &["explain", &spec, "--output=plaintext-openapiv2"],
        &[
            "explain",
            &spec,
            "--recursive",
            "--output=plaintext-openapiv2",
        ],
    ] {
        let out = env.parity(args).expect("kubectl");
        assert_eq!(out.code, 0, "{args:?}: {out}");
    }
    env.run_kubectl(&["delete", "-f", "crd.yaml"]);
}
