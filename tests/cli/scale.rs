//! `kk scale` against kubectl 1.33 on kk-sim: deployments, stateful sets, replication
//! controllers and a custom resource through `/scale`, several resources, `-f`, `-l`,
//! `--all`, both dry runs, `-o`, the preconditions, `--timeout` (kk-sim's ReplicationController
//! manager making the pods, a size nothing reports timing out) — outputs and the sizes
//! left on the server — and every bad input.

use regex::Regex;

use crate::write_pair::Pair;

const WORKLOADS: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {tier: front}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, labels: {tier: back}}
spec:
  replicas: 1
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc1}
spec:
  replicas: 1
  selector: {app: rc1}
  template:
    metadata: {labels: {app: rc1}}
    spec: {containers: [{name: c, image: nginx}]}
"#;

const CRD: &str = r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.scale.kk.example}
spec:
  group: scale.kk.example
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.size}
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
"#;

const SIZES: &[&str] = &[
    "get",
    "deploy,sts,rc",
    "-o",
    "jsonpath={range .items[*]}{.kind}/{.metadata.name}={.spec.replicas} {end}",
];

#[test]
fn scale_kinds_selections_and_dry_runs() {
    let Some(p) = Pair::new("scale") else {
        return;
    };
    p.write("w.yaml", WORKLOADS.as_bytes())
        .write("crd.yaml", CRD.as_bytes())
        .write(
            "g.yaml",
            b"apiVersion: scale.kk.example/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {size: 1}\n",
        )
        .setup(&["create", "-f", "w.yaml"])
        .setup(&["apply", "-f", "crd.yaml"])
        .setup(&["create", "-f", "g.yaml"])
        .setup(&["rollout", "status", "deploy/web"]);
    // The object printed is the one read before scaling (kubectl's quirk).
    p.parity(&["scale", "deploy", "web", "--replicas=2", "-o", "yaml"]);
    p.parity(&["scale", "deploy/web", "sts/db", "rc/rc1", "--replicas=2"]);
    p.parity(&["scale", "-f", "w.yaml", "--replicas=3", "-o", "name"]);
    p.parity(&["scale", "deploy,sts", "-l", "tier=front", "--replicas=1"]);
    p.parity(&["scale", "sts", "--all", "--replicas=1", "--timeout=2m"]);
    p.parity(&["scale", "gadget/g1", "--replicas=5"]);
    p.parity(&["scale", "rc", "rc1", "--replicas=4", "--current-replicas=3"]);
    p.parity(&["scale", "deploy/web", "--replicas=7", "--dry-run=client"]);
    p.parity(&["scale", "deploy/web", "--replicas=7", "--dry-run=server"]);
    p.parity(&["scale", "deploy/web", "ghost", "--replicas=2"]);
    // kk-sim's ReplicationController manager brings the pods: --timeout waits for them.
    p.parity(&["scale", "rc/rc1", "--replicas=3", "--timeout=1m"]);
    p.same_state(&[
        "get",
        "rc",
        "rc1",
        "-o",
        "jsonpath={.spec.replicas} {.status.replicas}",
    ]);
    // Nothing ever reports the Gadget's new size: kubectl's timeout message. kubectl's poll
    // may instead hit the deadline inside its client rate limiter (a race of its own, seen
    // on a loaded machine); that wording is the same timeout.
    let out = p.parity_map(&["scale", "gadget/g1", "--replicas=6", "--timeout=2s"], |s| {
        s.replace(
            "error: client rate limiter Wait returned an error: rate: Wait(n=1) would exceed context deadline",
            "error: timed out waiting for \"g1\" to be synced",
        )
    });
    assert_eq!(
        out.stderr,
        "error: timed out waiting for \"g1\" to be synced\n"
    );
    p.same_state(SIZES);
    p.same_state(&["get", "gadget", "g1", "-o", "jsonpath={.spec}"]);
}

#[test]
fn scale_bad_input_changes_nothing() {
    let Some(p) = Pair::new("scale-bad") else {
        return;
    };
    p.write("w.yaml", WORKLOADS.as_bytes())
        .setup(&["create", "-f", "w.yaml"]);
    let rv = Regex::new(r"was \d+").unwrap();
    for args in [
        &["scale", "deploy/web", "--replicas=-1"][..],
        &["scale", "deploy/web"],
        &["scale", "deploy/web", "--replicas=x"],
        &[
            "scale",
            "deploy/web",
            "--replicas=2",
            "--current-replicas=-2",
        ],
        &[
            "scale",
            "deploy/web",
            "--replicas=2",
            "--current-replicas=5",
        ],
        &["scale", "deploy/ghost", "--replicas=2"],
        &["scale", "deploy", "-l", "app=none", "--replicas=2"],
        &["scale", "--replicas=2"],
        &["scale", "cm/kube-root-ca.crt", "--replicas=2"],
        &["scale", "deploy/web", "--replicas=2", "-o", "wide"],
        &[
            "scale",
            "deploy/web",
            "sts/db",
            "--replicas=2",
            "--resource-version=1",
        ],
        &["scale", "deploy/web", "--replicas=2", "--dry-run=maybe"],
        &["scale", "sts/db", "--replicas=2", "--timeout=bad"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    let out = p.parity_map(
        &[
            "scale",
            "deploy/web",
            "--replicas=2",
            "--resource-version=1",
        ],
        |s| rv.replace_all(s, "was N").into_owned(),
    );
    assert_eq!(
        out.stderr,
        "error: Expected resource version to be 1, was N\n"
    );
    let state = p.same_state(SIZES);
    assert_eq!(
        state.stdout,
        "Deployment/web=1 StatefulSet/db=1 ReplicationController/rc1=1 "
    );
}
