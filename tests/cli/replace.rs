//! `kk replace` against kubectl 1.33 on kk-sim: whole-object PUTs from manifests, the
//! annotation kept by `--save-config`, dry runs, `-o`, and kubectl's errors — outputs and
//! the objects left.

use std::sync::LazyLock;

use regex::Regex;

use crate::write_pair::Pair;

const CM: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: c1
  labels:
    a: b
data:
  a: \"1\"
  b: \"2\"
";

const STATE: &[&str] = &[
    "get",
    "cm",
    "-o",
    "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels} {.metadata.annotations} {.data}{\"\\n\"}{end}",
];

#[test]
fn replace_puts_whole_objects() {
    let Some(p) = Pair::new("replace-forms") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes())
        .write(
            "cm2.yaml",
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  z: \"9\"\n",
        )
        .setup(&["create", "-f", "cm.yaml"])
        .setup(&["create", "configmap", "c2"]);
    let out = p.parity(&["replace", "-f", "cm2.yaml"]);
    assert_eq!(out.stdout, "configmap/c1 replaced\n");
    p.parity(&["replace", "-f", "cm.yaml", "--dry-run=client", "-o", "yaml"]);
    p.parity(&["replace", "-f", "cm.yaml", "--dry-run=server"]);
    p.parity(&["replace", "-f", "cm.yaml", "--save-config", "-o", "name"]);
    // The annotation, once there, follows each replace.
    p.parity(&["replace", "-f", "cm2.yaml", "-o", "json"]);
    p.same_state(STATE);
}

#[test]
fn replace_errors() {
    let Some(p) = Pair::new("replace-errors") else {
        return;
    };
    p.fixtures(&["invalid.yaml", "no-kind.yaml"])
        .write("cm.yaml", CM.as_bytes())
        .write("missing.yaml", b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nope\n")
        .write("stale.yaml", b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  resourceVersion: \"1\"\ndata:\n  a: \"x\"\n")
        .setup(&["create", "-f", "cm.yaml"]);
    for args in [
        &["replace"][..],
        &["replace", "-f", "missing.yaml"],
        &["replace", "-f", "missing.yaml", "-f", "cm.yaml"],
        &["replace", "-f", "stale.yaml"],
        &["replace", "-f", "invalid.yaml"],
        &["replace", "-f", "no-kind.yaml"],
        &["replace", "-f", "nothere.yaml"],
        &["replace", "-f", "cm.yaml", "--validate=bogus"],
    ] {
        let out = p.parity(args);
        assert_ne!(out.code, 0, "{args:?}: {out}");
    }
    p.same_state(STATE);
}

#[test]
fn replace_force_deletes_and_creates() {
    let Some(p) = Pair::new("replace-force") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes())
        .write(
            "cm2.yaml",
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  resourceVersion: \"1\"\ndata:\n  z: \"9\"\n",
        )
        .setup(&["create", "-f", "cm.yaml"]);
    // A stale resourceVersion does not matter: the object is made anew.
    let out = p.parity(&["replace", "--force", "-f", "cm2.yaml"]);
    assert_eq!(
        out.stdout,
        "configmap \"c1\" deleted\nconfigmap/c1 replaced\n"
    );
    p.parity(&[
        "replace",
        "--force",
        "--grace-period=0",
        "-f",
        "cm.yaml",
        "--save-config",
        "-o",
        "name",
    ]);
    p.parity(&[
        "replace",
        "--force",
        "--timeout=30s",
        "--cascade=foreground",
        "-f",
        "cm.yaml",
    ]);
    p.same_state(STATE);
    for args in [
        &["replace", "--grace-period=1", "-f", "cm.yaml"][..],
        &["replace", "--timeout=1s", "-f", "cm.yaml"],
        &["replace", "--force", "--dry-run=server", "-f", "cm.yaml"],
        &["replace", "--force", "--cascade=bogus", "-f", "cm.yaml"],
        &["replace", "--force", "-f", "missing.yaml"],
    ] {
        let out = p.parity(args);
        assert_ne!(out.code, 0, "{args:?}: {out}");
    }
    p.same_state(STATE);
}

#[test]
fn replace_raw_puts_the_file_as_is() {
    let Some(p) = Pair::new("replace-raw") else {
        return;
    };
    p.write("cm.yaml", CM.as_bytes())
        .write(
            "raw.json",
            br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c1"},"data":{"raw":"yes"}}"#,
        )
        .setup(&["create", "-f", "cm.yaml"]);
    // The server's answer, byte for byte (no newline added). The managers' names (kubectl's
    // and kk's user agents) sort differently, so managedFields are left out.
    static MANAGED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#""managedFields":\[.*?\],"name""#).unwrap());
    let no_managers = |s: &str| MANAGED.replace_all(s, "\"name\"").into_owned();
    let uri = "/api/v1/namespaces/[NS]/configmaps/c1";
    let out = p.parity_map(&["replace", "--raw", uri, "-f", "raw.json"], no_managers);
    assert!(out.stdout.starts_with("{\"apiVersion\":\"v1\""), "{out}");
    // Only the path and query of an absolute URL are used.
    p.parity_map(
        &[
            "replace",
            "--raw",
            "https://elsewhere:1/api/v1/namespaces/[NS]/configmaps/c1?fieldManager=raw",
            "-f",
            "raw.json",
        ],
        no_managers,
    );
    // The server judges the body: a YAML body is not decoded, a missing object is NotFound.
    for args in [
        &["replace", "--raw", uri, "-f", "cm.yaml"][..],
        &[
            "replace",
            "--raw",
            "/api/v1/namespaces/[NS]/configmaps/nope",
            "-f",
            "raw.json",
        ],
        &["replace", "--raw", uri, "-f", "raw.json", "-f", "cm.yaml"],
        &[
            "replace",
            "--raw",
            uri,
            "-f",
            "https://example.invalid/x.yaml",
        ],
        &["replace", "--raw", uri, "-f", "raw.json", "-R"],
        &["replace", "--raw", uri, "-f", "raw.json", "-o", "yaml"],
        &["replace", "--raw", "%zz", "-f", "raw.json"],
        &["replace", "--raw", "/a%zz", "-f", "raw.json"],
        &["replace", "--raw", "x y", "-f", "raw.json"],
        &["replace", "--raw", uri, "-f", "nothere.json"],
        &["replace", "--raw", uri],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(STATE);
}
