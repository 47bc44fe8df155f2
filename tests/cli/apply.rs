//! `kk apply` against kubectl 1.33 on kk-sim: client-side apply (created, configured,
//! unchanged; the three-way merge against other writers), manifests in every form, dry
//! runs, `-o`, server-side apply with its conflicts, and kubectl's errors — outputs and the
//! objects left.

use crate::write_pair::Pair;

const DEPLOY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
    tier: front
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: main
        image: nginx:1.25
        env:
        - name: A
          value: \"1\"
        - name: B
          value: \"2\"
        ports:
        - containerPort: 80
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
        emptyDir: {}
";

/// The same Deployment, changed: a new image, env B removed and C added, a second port,
/// a label removed, a sidecar container, a second volume.
const DEPLOY_V2: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: main
        image: nginx:1.26
        env:
        - name: A
          value: \"1\"
        - name: C
          value: \"3\"
        ports:
        - containerPort: 80
        - containerPort: 443
        volumeMounts:
        - name: data
          mountPath: /data
        - name: cache
          mountPath: /cache
      - name: side
        image: busybox
        command: [\"sleep\", \"3600\"]
      volumes:
      - name: data
        emptyDir: {}
      - name: cache
        emptyDir: {}
";

const CM: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: c1
data:
  a: \"1\"
";

/// What is compared of the Deployment: everything a controller does not move.
const DEPLOY_STATE: &[&str] = &[
    "get",
    "deploy",
    "web",
    "-o",
    "jsonpath={.metadata.labels} {.metadata.annotations} {.spec}",
];

#[test]
fn apply_round_trip_with_other_writers() {
    let Some(p) = Pair::new("apply-round-trip") else {
        return;
    };
    p.write("deploy.yaml", DEPLOY.as_bytes())
        .write("cm.yaml", CM.as_bytes());
    let out = p.parity(&["apply", "-f", "deploy.yaml", "-f", "cm.yaml"]);
    assert_eq!(
        out.stdout,
        "deployment.apps/web created\nconfigmap/c1 created\n"
    );
    p.parity(&["apply", "-f", "cm.yaml"]);
    p.same_state(DEPLOY_STATE);
    // Someone else changes fields apply does not own, and one it does.
    p.setup(&["scale", "deploy", "web", "--replicas=3"])
        .setup(&["set", "env", "deploy/web", "D=4"])
        .setup(&["label", "deploy", "web", "owner=ops"])
        .setup(&["annotate", "cm", "c1", "note=x"]);
    p.write("deploy.yaml", DEPLOY_V2.as_bytes())
        .write("cm.yaml", CM.replace("a: \"1\"", "b: \"2\"").as_bytes());
    let out = p.parity(&["apply", "-f", "deploy.yaml", "-f", "cm.yaml"]);
    assert_eq!(
        out.stdout,
        "deployment.apps/web configured\nconfigmap/c1 configured\n"
    );
    p.same_state(DEPLOY_STATE);
    p.same_state(&[
        "get",
        "cm",
        "c1",
        "-o",
        "jsonpath={.metadata.annotations} {.data}",
    ]);
    // An object created without apply gets the annotation, with kubectl's warning.
    p.setup(&["create", "configmap", "plain", "--from-literal=k=v"]);
    p.write(
        "plain.yaml",
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  k: w\n",
    );
    let out = p.parity(&["apply", "-f", "plain.yaml"]);
    assert!(
        out.stderr
            .contains("is missing the kubectl.kubernetes.io/last-applied-configuration annotation"),
        "{out}"
    );
    p.same_state(&[
        "get",
        "cm",
        "plain",
        "-o",
        "jsonpath={.metadata.annotations} {.data}",
    ]);
}

#[test]
fn apply_manifest_forms_dry_runs_and_outputs() {
    let Some(p) = Pair::new("apply-forms") else {
        return;
    };
    p.fixtures(&["multi-doc.yaml", "list.json"])
        .write("dir/a.yaml", CM.as_bytes())
        .write("dir/sub/b.json", br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":{"x":"y"}}"#)
        .write("dir/skip.txt", b"not a manifest");
    p.parity(&["apply", "-f", "multi-doc.yaml"]);
    p.parity(&["apply", "-f", "list.json", "-o", "name"]);
    p.parity(&["apply", "-f", "dir"]);
    p.parity(&["apply", "-f", "dir", "-R", "--dry-run=client"]);
    p.parity(&["apply", "-f", "dir", "-R", "--dry-run=server", "-o", "yaml"]);
    p.parity(&["apply", "-R", "-f", "dir"]);
    // (a Service's cluster IP differs between the sides: ConfigMaps and Secrets only.)
    p.parity(&["apply", "-f", "list.json", "-o", "json"]);
    p.parity(&["apply", "-f", "list.json", "-o", "yaml"]);
    p.parity(&[
        "apply",
        "-f",
        "dir/a.yaml",
        "-o",
        "jsonpath={.metadata.name}",
    ]);
    p.same_state(&[
        "get",
        "cm,svc,secret",
        "-o",
        "jsonpath={range .items[*]}{.kind} {.metadata.name} {.metadata.annotations} {.data}{\"\\n\"}{end}",
    ]);
}

#[test]
fn apply_server_side_and_conflicts() {
    let Some(p) = Pair::new("apply-server-side") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes())
        .write("cm9.yaml", CM.replace("\"1\"", "\"9\"").as_bytes())
        .write("deploy.yaml", DEPLOY.as_bytes());
    p.parity(&[
        "apply",
        "--server-side",
        "-f",
        "cm.yaml",
        "-f",
        "deploy.yaml",
    ]);
    p.parity(&["apply", "--server-side", "-f", "cm.yaml"]);
    let conflict = p.parity(&[
        "apply",
        "--server-side",
        "--field-manager=other",
        "-f",
        "cm9.yaml",
    ]);
    assert!(conflict.stderr.contains("--force-conflicts"), "{conflict}");
    p.parity(&[
        "apply",
        "--server-side",
        "--field-manager=other",
        "--force-conflicts",
        "-f",
        "cm9.yaml",
    ]);
    p.parity(&[
        "apply",
        "--server-side",
        "--dry-run=server",
        "-f",
        "cm.yaml",
        "-o",
        "yaml",
    ]);
    p.same_state(&[
        "get",
        "cm",
        "c1",
        "-o",
        "jsonpath={.data} {range .metadata.managedFields[*]}{.manager} {.operation} {.fieldsV1}; {end}",
    ]);
}

#[test]
fn apply_client_side_then_server_side_migrates_managers() {
    let Some(p) = Pair::new("apply-migrate") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes())
        .write("cm9.yaml", CM.replace("\"1\"", "\"9\"").as_bytes());
    p.parity(&["apply", "-f", "cm.yaml"]);
    p.parity(&["apply", "--server-side", "-f", "cm.yaml"]);
    p.same_state(&[
        "get",
        "cm",
        "c1",
        "-o",
        "jsonpath={.metadata.annotations} {range .metadata.managedFields[*]}{.manager} {.operation} {.fieldsV1}; {end}",
    ]);
    p.parity(&[
        "apply",
        "--server-side",
        "--field-manager=other",
        "-f",
        "cm9.yaml",
    ]);
}

#[test]
fn apply_errors_leave_the_rest_applied() {
    let Some(p) = Pair::new("apply-errors") else {
        return;
    };
    p.fixtures(&["invalid.yaml", "no-kind.yaml", "unknown-field.yaml"])
        .write("cm.yaml", CM.as_bytes())
        .write("imm.yaml", b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: imm\nimmutable: true\ndata:\n  a: \"1\"\n")
        .write("dir/1-good.yaml", CM.replace("c1", "good").as_bytes())
        .write("dir/2-bad.yaml", b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n")
        .write("dir/3-also-good.yaml", CM.replace("c1", "also").as_bytes())
        .write("unknown-kind.yaml", b"apiVersion: v1\nkind: Gizmo\nmetadata:\n  name: g\n");
    p.parity(&["apply", "-f", "imm.yaml"]);
    p.write("imm.yaml", b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: imm\nimmutable: true\ndata:\n  a: \"2\"\n");
    for args in [
        &["apply", "-f", "invalid.yaml"][..],
        &["apply", "-f", "no-kind.yaml"],
        &["apply", "-f", "no-kind.yaml", "--validate=false"],
        &["apply", "-f", "unknown-kind.yaml"],
        &["apply", "-f", "unknown-field.yaml"],
        &["apply", "-f", "imm.yaml"],
        &["apply", "-f", "dir"],
        &["apply", "-f", "missing.yaml"],
        &["apply"],
        &["apply", "-f", "cm.yaml", "--force-conflicts"],
        &[
            "apply",
            "-f",
            "cm.yaml",
            "--server-side",
            "--dry-run=client",
        ],
        &["apply", "-f", "cm.yaml", "--subresource=status"],
        &["apply", "-f", "cm.yaml", "--dry-run=bogus"],
        &["apply", "-f", "cm.yaml", "--validate=bogus"],
        &["apply", "-f", "cm.yaml", "-o", "bogus"],
        &["apply", "-f", "cm.yaml", "-f", "invalid.yaml", "-o", "yaml"],
    ] {
        let out = p.parity(args);
        assert_ne!(out.code, 0, "{args:?}: {out}");
    }
    p.same_state(&[
        "get",
        "cm",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name} {.data}{\"\\n\"}{end}",
    ]);
}

const IMMUTABLE: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: imm
immutable: true
data:
  a: \"1\"
";

#[test]
fn apply_force_replaces_what_a_patch_cannot_change() {
    let Some(p) = Pair::new("apply-force") else {
        return;
    };
    p.write("imm1.yaml", IMMUTABLE.as_bytes())
        .write("imm2.yaml", IMMUTABLE.replace("\"1\"", "\"2\"").as_bytes())
        .write("imm3.yaml", IMMUTABLE.replace("\"1\"", "\"3\"").as_bytes())
        .setup(&["apply", "-f", "imm1.yaml"]);
    let state = [
        "get",
        "cm",
        "imm",
        "-o",
        "jsonpath={.metadata.annotations} {.data}",
    ];
    // Invalid (immutable data): refused, unless --force deletes and re-creates it.
    let out = p.parity(&["apply", "-f", "imm2.yaml"]);
    assert_eq!(out.code, 1, "{out}");
    let out = p.parity(&["apply", "-f", "imm2.yaml", "--force"]);
    assert_eq!(out.stdout, "configmap/imm configured\n", "{out}");
    p.same_state(&state);
    p.parity(&[
        "apply",
        "-f",
        "imm3.yaml",
        "--force",
        "--grace-period=0",
        "--timeout=5s",
        "--wait",
        "--cascade=foreground",
    ]);
    p.parity(&["apply", "-f", "imm1.yaml", "--force", "--dry-run=client"]);
    p.same_state(&state);
    for args in [
        &["apply", "-f", "imm1.yaml", "--force", "--server-side"][..],
        &[
            "apply",
            "-f",
            "imm1.yaml",
            "--force",
            "--prune",
            "-l",
            "a=b",
        ],
        &["apply", "-f", "imm1.yaml", "--force", "--dry-run=server"],
        &["apply", "-f", "imm1.yaml", "--timeout=abc"],
        &["apply", "-f", "imm1.yaml", "--openapi-patch=maybe"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(&state);
}

#[test]
fn apply_without_openapi_patch_uses_the_built_in_types() {
    let Some(p) = Pair::new("apply-no-openapi") else {
        return;
    };
    p.write("deploy.yaml", DEPLOY.as_bytes())
        .setup(&["apply", "-f", "deploy.yaml"])
        .setup(&["set", "env", "deploy/web", "D=4"]);
    p.write("deploy.yaml", DEPLOY_V2.as_bytes());
    let out = p.parity(&["apply", "-f", "deploy.yaml", "--openapi-patch=false"]);
    assert_eq!(out.stdout, "deployment.apps/web configured\n", "{out}");
    p.same_state(DEPLOY_STATE);
}
