//! `apply --prune` against kubectl: `-l` and `--all` with `--prune-allowlist`, kubectl's
//! default allowlist, `pruned` lines under each dry-run mode and `-o name`, what is left on
//! the server, and kubectl's messages for the flag combinations it refuses.

use crate::write_pair::Pair;

const ALL: &str = r#"apiVersion: v1
kind: ConfigMap
metadata: {name: a, labels: {app: x}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b, labels: {app: x}}
---
apiVersion: v1
kind: Secret
metadata: {name: s, labels: {app: x}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: x}}
spec:
  selector: {matchLabels: {run: web}}
  template:
    metadata: {labels: {run: web}}
    spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other, labels: {app: "y"}}
"#;

const FEWER: &str = r#"apiVersion: v1
kind: ConfigMap
metadata: {name: a, labels: {app: x}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other, labels: {app: "y"}}
"#;

#[test]
fn prune_with_selector_and_allowlist() {
    let Some(pair) = Pair::new("prune") else {
        return;
    };
    pair.write("all.yaml", ALL.as_bytes())
        .write("fewer.yaml", FEWER.as_bytes());
    pair.parity(&["apply", "-f", "all.yaml"]);
    pair.parity(&[
        "apply",
        "-f",
        "fewer.yaml",
        "--prune",
        "-l",
        "app=x",
        "--dry-run=client",
    ]);
    pair.parity(&[
        "apply",
        "-f",
        "fewer.yaml",
        "--prune",
        "-l",
        "app=x",
        "--dry-run=server",
    ]);
    // Only ConfigMaps are pruned: the Secret and the Deployment stay.
    pair.parity(&[
        "apply",
        "-f",
        "fewer.yaml",
        "--prune",
        "-l",
        "app=x",
        "--prune-allowlist=core/v1/ConfigMap",
        "-o",
        "name",
    ]);
    pair.same_state(&[
        "get",
        "configmaps,secrets,deployments",
        "-l",
        "app",
        "-o",
        "name",
    ]);
    // The default list: the Secret and the Deployment go too.
    pair.parity(&["apply", "-f", "fewer.yaml", "--prune", "-l", "app=x"]);
    pair.same_state(&[
        "get",
        "configmaps,secrets,deployments",
        "-l",
        "app",
        "-o",
        "name",
    ]);
    // --all with the allowlist prunes every annotated ConfigMap not in the file.
    pair.parity(&["apply", "-f", "all.yaml", "-l", "app=x"]);
    pair.parity(&[
        "apply",
        "-f",
        "fewer.yaml",
        "--prune",
        "--all",
        "--prune-allowlist",
        "core/v1/ConfigMap",
    ]);
    pair.same_state(&[
        "get",
        "configmaps,secrets,deployments",
        "-l",
        "app",
        "-o",
        "name",
    ]);
}

#[test]
fn prune_refusals() {
    let Some(pair) = Pair::new("prune-bad") else {
        return;
    };
    pair.write("fewer.yaml", FEWER.as_bytes());
    for args in [
        &["apply", "-f", "fewer.yaml", "--prune"][..],
        &[
            "apply",
            "-f",
            "fewer.yaml",
            "--prune",
            "--all",
            "-l",
            "app=x",
        ],
        &[
            "apply",
            "-f",
            "fewer.yaml",
            "--prune",
            "-l",
            "app=x",
            "--server-side",
        ],
        &[
            "apply",
            "-f",
            "fewer.yaml",
            "--prune",
            "-l",
            "app=x",
            "--prune-allowlist=v1/ConfigMap",
        ],
        &[
            "apply",
            "-f",
            "fewer.yaml",
            "--prune",
            "-l",
            "app=x",
            "--prune-allowlist=apps/v1/Nope",
        ],
        &["apply", "-f", "fewer.yaml", "--prune", "-l", "app in ("],
        &[
            "apply",
            "-f",
            "fewer.yaml",
            "--prune",
            "-l",
            "app=x",
            "--cascade=sideways",
        ],
    ] {
        pair.parity(args);
    }
    pair.same_state(&["get", "configmaps", "-l", "app", "-o", "name"]);
}
