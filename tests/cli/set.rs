//! `kk set image|env|serviceaccount|subject` against kubectl 1.33 on kk-sim: the changes,
//! the messages, the skipped no-op patches, `--local -o yaml|json`, dry runs and each bad
//! input — outputs and the pod templates left on the server.

use crate::write_pair::Pair;

const TEMPLATE: &[&str] = &[
    "get",
    "deploy",
    "web",
    "-o",
    "jsonpath={.spec.template.spec.initContainers} {.spec.template.spec.containers} {.spec.template.spec.serviceAccountName}",
];

/// A Deployment with an init container and two containers, as kubectl writes it.
const LOCAL: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: local
  labels:
    app: local
spec:
  selector:
    matchLabels:
      app: local
  template:
    metadata:
      labels:
        app: local
    spec:
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: web
        image: nginx
        env:
        - name: A
          value: \"1\"
      - name: side
        image: busybox
";

fn web(name: &str) -> Pair {
    let p = Pair::new(name).expect("kubectl 1.33");
    p.setup(&[
        "create",
        "deployment",
        "web",
        "--image=nginx:1.25",
        "--port=80",
    ])
    .setup(&["set", "image", "deploy/web", "nginx=nginx:1.25"]);
    p.write("local.yaml", LOCAL.as_bytes());
    p
}

#[test]
fn set_image_changes_skips_and_refuses() {
    let p = web("set-image");
    let out = p.parity(&["set", "image", "deploy/web", "nginx=nginx:1.26"]);
    assert_eq!(out.stdout, "deployment.apps/web image updated\n");
    // Unchanged: no request, no output.
    let out = p.parity(&["set", "image", "deployment", "web", "nginx=nginx:1.26"]);
    assert_eq!(out.stdout, "");
    let out = p.parity(&["set", "image", "deploy/web", "nope=x"]);
    assert_eq!(
        out.stderr,
        "error: unable to find container named \"nope\"\n"
    );
    p.parity(&["set", "image", "deploy/web", "nope=x", "nginx=nginx:1.27"]);
    p.parity(&["set", "image", "deploy/web", "*=nginx:1.28", "-o", "name"]);
    p.parity(&["set", "image", "deploy", "--all", "nginx=nginx:1.28"]);
    p.parity(&[
        "set",
        "image",
        "deploy",
        "-l",
        "app=web",
        "nginx=nginx:1.29",
    ]);
    p.parity(&["set", "image", "deploy/web", "nginx=x", "--dry-run=client"]);
    p.parity(&["set", "image", "deploy/web", "nginx=x", "--dry-run=server"]);
    for args in [
        &["set", "image", "deploy/web"][..],
        &["set", "image"],
        &["set", "image", "deploy/web", "*=a", "b=c"],
        &["set", "image", "deploy", "--all", "-l", "a=b", "x=y"],
        &["set", "image", "deploy/nope", "x=y"],
        &["set", "image", "deploy/web", "x-"],
        &["set", "image", "deploy/web", "x=y", "deploy/other"],
        &["set", "image", "deploy/web", "x=y", "--local"],
        &["set", "image", "cm/x", "a=b"],
        &["set", "image", "deploy/web", "nginx=y", "-o", "wide"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(TEMPLATE);
}

#[test]
fn set_local_prints_typed_objects() {
    let p = web("set-local");
    for args in [
        &[
            "set",
            "image",
            "--local",
            "-f",
            "local.yaml",
            "*=x:1",
            "-o",
            "yaml",
        ][..],
        &[
            "set",
            "image",
            "--local",
            "-f",
            "local.yaml",
            "init=x:1",
            "-o",
            "json",
        ],
        &[
            "set",
            "env",
            "--local",
            "-f",
            "local.yaml",
            "B=2",
            "-c",
            "web",
            "-o",
            "yaml",
        ],
        &[
            "set",
            "sa",
            "--local",
            "-f",
            "local.yaml",
            "robot",
            "-o",
            "json",
        ],
        &["set", "image", "--local", "-f", "local.yaml", "web=nginx"],
        &[
            "set",
            "image",
            "--local",
            "-f",
            "local.yaml",
            "a=b",
            "--dry-run=server",
        ],
    ] {
        p.parity(args);
    }
}

#[test]
fn set_env_forms() {
    let p = web("set-env");
    // One imported key per map: kubectl walks a ConfigMap's keys in Go's random order.
    p.setup(&["create", "cm", "cfg", "--from-literal=a.b=1"])
        .setup(&[
            "create",
            "cm",
            "cfg2",
            "--from-literal=c=2",
            "--from-literal=d=3",
        ])
        .setup(&["create", "secret", "generic", "sec", "--from-literal=pw=x"]);
    p.parity(&["set", "env", "deploy/web", "A=1", "B=2"]);
    p.parity(&["set", "env", "deploy/web", "A=1"]);
    let out = p.parity(&["set", "env", "deploy/web", "A=3", "--overwrite=false"]);
    assert_eq!(
        out.stderr,
        "error: deployments/web 'A' already has a value (1), and --overwrite is false\n"
    );
    p.parity(&["set", "env", "deploy/web", "A-"]);
    p.parity(&["set", "env", "deploy/web", "--from=configmap/cfg"]);
    p.parity(&[
        "set",
        "env",
        "deploy/web",
        "--from=secret/sec",
        "--prefix=S_",
    ]);
    p.parity(&[
        "set",
        "env",
        "deploy/web",
        "--keys=c",
        "--from=cm/cfg2",
        "--prefix=K_",
        "-o",
        "name",
    ]);
    let list = p.parity(&["set", "env", "deploy/web", "--list"]);
    assert!(
        list.stdout.contains("# A_B from configmap cfg, key a.b\n"),
        "{list}"
    );
    p.parity(&["set", "env", "deploy/web", "--list", "--resolve"]);
    p.parity(&["set", "env", "deploy/web", "-c", "nope", "X=1"]);
    p.parity(&["set", "env", "deploy/web", "-e", "B-"]);
    p.parity(&["set", "env", "deploy/web"]);
    p.parity(&[
        "set",
        "env",
        "deploy/web",
        "X=1",
        "--dry-run=server",
        "-o",
        "name",
    ]);
    for args in [
        &["set", "env", "deploy/web", "X=1", "deploy/x"][..],
        &["set", "env", "deploy/web", "1X=1"],
        &["set", "env", "deploy/web", "--keys=c"],
        &["set", "env", "deploy/web", "--from=deploy/web"],
        &["set", "env", "deploy/web", "X=2", "--list", "-o", "yaml"],
        &["set", "env", "cm/cfg", "X=2"],
        &["set", "env", "deploy/web", "A=1", "A-"],
        &["set", "env", "deploy", "--all", "-l", "a=b", "A=1"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(&[
        "get",
        "deploy",
        "web",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].env}",
    ]);
}

#[test]
fn set_serviceaccount_and_subject() {
    let p = web("set-sa-subject");
    p.setup(&["create", "rolebinding", "rb", "--role=admin", "--user=u1"]);
    p.parity(&["set", "sa", "deploy/web", "robot"]);
    // Sent and reported even when nothing changes.
    p.parity(&["set", "serviceaccount", "deploy/web", "robot"]);
    p.parity(&["set", "subject", "rolebinding", "rb", "--user=u1"]);
    p.parity(&[
        "set",
        "subject",
        "rolebinding",
        "rb",
        "--user=u2",
        "--user=u0",
        "--group=g",
        "--serviceaccount=:sa",
    ]);
    p.parity(&[
        "set",
        "subject",
        "rolebinding/rb",
        "--user=u3",
        "--dry-run=client",
        "-o",
        "name",
    ]);
    for args in [
        &["set", "sa"][..],
        &["set", "sa", "deploy/web"],
        &["set", "sa", "deploy/web", "x", "--local"],
        &["set", "sa", "cm/nope", "x"],
        &["set", "subject", "rolebinding", "rb"],
        &[
            "set",
            "subject",
            "rolebinding",
            "rb",
            "--serviceaccount=bad",
        ],
        &["set", "subject", "deploy/web", "--user=x"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(TEMPLATE);
    p.same_state(&["get", "rolebinding", "rb", "-o", "jsonpath={.subjects}"]);
}

#[test]
fn set_resources_merges_limits_and_requests() {
    let p = web("set-resources");
    let out = p.parity(&[
        "set",
        "resources",
        "deploy/web",
        "--limits=cpu=200m,memory=512Mi",
    ]);
    assert_eq!(
        out.stdout,
        "deployment.apps/web resource requirements updated\n"
    );
    // Unchanged: nothing sent, nothing printed.
    let out = p.parity(&[
        "set",
        "resources",
        "deploy/web",
        "--limits=memory=0.5Gi,cpu=0.2",
    ]);
    assert_eq!(out.stdout, "");
    p.parity(&[
        "set",
        "resources",
        "deploy",
        "web",
        "-c",
        "ngi*",
        "--requests=cpu=0.1,memory=1.5e8",
        "-o",
        "name",
    ]);
    p.parity(&["set", "resources", "deploy", "--all", "--limits=cpu=1"]);
    p.parity(&[
        "set",
        "resources",
        "deploy",
        "-l",
        "app=web",
        "--requests=cpu=150m",
        "--dry-run=server",
    ]);
    p.parity(&[
        "set",
        "resources",
        "deploy/web",
        "--requests=cpu=160m",
        "--dry-run=client",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].resources}",
    ]);
    // Offline, on a manifest: init containers too, quantities written canonically.
    p.parity(&[
        "set",
        "resources",
        "--local",
        "-f",
        "local.yaml",
        "--limits=cpu=0.5,memory=1024Mi",
        "-o",
        "yaml",
    ]);
    p.parity(&[
        "set",
        "resources",
        "--local",
        "-f",
        "local.yaml",
        "-c",
        "side",
        "--requests=memory=1Gi",
        "-o",
        "json",
    ]);
    for args in [
        &[
            "set",
            "resources",
            "deploy/web",
            "-c",
            "nope",
            "--limits=cpu=1",
        ][..],
        &["set", "resources", "deploy/web", "--limits=cpu=1x"],
        &["set", "resources", "deploy/web", "--limits=cpu=1kk"],
        &["set", "resources", "deploy/web", "--requests=cpu"],
        &["set", "resources", "deploy/web"],
        &["set", "resources", "deploy/web", "--requests=cpu=5"],
        &[
            "set",
            "resources",
            "deploy",
            "--all",
            "-l",
            "a=b",
            "--limits=cpu=1",
        ],
        &["set", "resources", "deploy/nope", "--limits=cpu=1"],
        &[
            "set",
            "resources",
            "deploy/web",
            "--limits=cpu=1",
            "--local",
        ],
        &["set", "resources", "cm/x", "--limits=cpu=1"],
        &[
            "set",
            "resources",
            "--local",
            "-f",
            "local.yaml",
            "-c",
            "nope",
            "--limits=cpu=1",
        ],
        &[
            "set",
            "resources",
            "--local",
            "-f",
            "local.yaml",
            "--limits=cpu=1",
            "--dry-run=server",
        ],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(&[
        "get",
        "deploy",
        "web",
        "-o",
        "jsonpath={.spec.template.spec.containers[*].resources}",
    ]);
}

#[test]
fn set_selector_replaces_a_service_selector() {
    let p = web("set-selector");
    p.setup(&["create", "service", "clusterip", "s1", "--tcp=80"])
        .setup(&["create", "service", "clusterip", "s2", "--tcp=80"]);
    p.write(
        "svc.yaml",
        b"apiVersion: v1\nkind: Service\nmetadata:\n  name: local\nspec:\n  selector:\n    a: b\n  ports:\n  - port: 80\n",
    );
    let out = p.parity(&["set", "selector", "svc/s1", "app=x"]);
    assert_eq!(out.stdout, "service/s1 selector updated\n");
    // Sent and reported even when nothing changes.
    p.parity(&["set", "selector", "svc/s1", "app=x"]);
    p.parity(&[
        "set",
        "selector",
        "svc",
        "s1",
        "s2",
        "app=y,tier=web",
        "-o",
        "name",
    ]);
    p.parity(&["set", "selector", "svc", "--all", "z=1"]);
    p.parity(&["set", "selector", "svc/s1", "a=b", "--dry-run=server"]);
    p.parity(&[
        "set",
        "selector",
        "svc/s1",
        "a=b",
        "--dry-run=client",
        "-o",
        "name",
    ]);
    p.parity(&[
        "set", "selector", "--local", "-f", "svc.yaml", "q=r", "-o", "yaml",
    ]);
    // A stale --resource-version goes into the patch: the server refuses it.
    let out = p.parity(&["set", "selector", "svc/s1", "a=b", "--resource-version=1"]);
    assert!(
        out.stderr.starts_with("Error from server (Conflict)"),
        "{out}"
    );
    for args in [
        &["set", "selector", "svc/s1"][..],
        &["set", "selector"],
        &["set", "selector", "svc/s1", "!a"],
        &["set", "selector", "svc/s1", "x in (b,a),y"],
        &["set", "selector", "svc/s1", "a!=b"],
        &["set", "selector", "svc/nope", "a=b"],
        &["set", "selector", "svc/s1", "a=b", "--local"],
        // Each object on its own: the Service is changed, the Deployment refused.
        &["set", "selector", "deploy/web", "svc/s2", "k=v"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(&["get", "svc", "-o", "jsonpath={.items[*].spec.selector}"]);
}
