//! `kk config ...` against kubectl on the multi-file fixtures in `fixtures/kubeconfig/`
//! (no server needed).

use crate::common::TestEnv;
use crate::common::env::parity_write;

const SPLIT: &[&str] = &["split-a.yaml", "missing.yaml", "split-b.yaml"];

#[test]
fn view_merges_and_redacts() {
    let env = TestEnv::with_kubeconfigs(SPLIT);
    env.parity(&["config", "view"]);
    env.parity(&["config", "view", "-o", "json"]);
    env.parity(&["config", "view", "--raw"]);
    env.parity(&["config", "view", "--minify"]);
    env.parity(&["config", "view", "--minify", "--raw", "-o", "json"]);
    env.parity(&["config", "view", "--minify", "--context", "shared"]);
    env.parity(&[
        "config",
        "view",
        "--flatten",
        "--minify",
        "--context",
        "shared",
    ]);
    env.parity(&["config", "view", "-o", "wide"]);
    env.parity(&["config", "view", "extra"]);
}

#[test]
fn view_output_formats() {
    let env = TestEnv::with_kubeconfigs(SPLIT);
    env.parity(&["config", "view", "--minify", "-o", "jsonpath={..namespace}"]);
    env.parity(&["config", "view", "-o", "jsonpath={.contexts[*].name}"]);
    env.parity(&["config", "view", "-o", "jsonpath={.users[0].user}"]);
    env.parity(&[
        "config",
        "view",
        "-o",
        "jsonpath-as-json={.current-context}",
    ]);
    env.parity(&["config", "view", "-o", "jsonpath={.a[}"]);
    env.parity(&["config", "view", "-o", "name"]);
    TestEnv::offline().parity(&["config", "view", "-o", "jsonpath={.clusters}"]);
}

#[test]
fn view_single_files() {
    for f in ["single.yaml", "multi-context.yaml", "token-auth.yaml"] {
        let env = TestEnv::with_kubeconfigs(&[f]);
        env.parity(&["config", "view"]);
        env.parity(&["config", "view", "-o", "json"]);
        env.parity(&["config", "view", "--raw"]);
        env.parity(&["--kubeconfig", f, "config", "view", "--minify"]);
    }
}

/// Control characters and the separators Go and go-yaml escape, in every kind of field:
/// JSON writes Go's `\b`, `\f`, `\u0000`; YAML writes go-yaml's `\b`, `\0`, `\e`, `\L`.
#[test]
fn view_escapes_like_go() {
    let env = TestEnv::with_kubeconfigs(&["control-chars.yaml"]);
    env.parity(&["config", "view"]);
    env.parity(&["config", "view", "--raw"]);
    env.parity(&["config", "view", "--raw", "-o", "json"]);
    env.parity(&["config", "view", "--minify", "-o", "yaml"]);
}

#[test]
fn view_empty_and_missing() {
    let env = TestEnv::offline();
    env.parity(&["config", "view"]);
    env.parity(&["config", "view", "-o", "json"]);
    env.parity(&["config", "view", "--minify"]);
    env.parity(&["--kubeconfig", "nope.yaml", "config", "view"]);
}

#[test]
fn view_malformed() {
    let env = TestEnv::with_kubeconfigs(&["malformed.yaml"]);
    env.parity(&["config", "view"]);
}

#[test]
fn get_contexts() {
    let env = TestEnv::with_kubeconfigs(SPLIT);
    env.parity(&["config", "get-contexts"]);
    env.parity(&["config", "get-contexts", "--no-headers"]);
    env.parity(&["config", "get-contexts", "-o", "name"]);
    env.parity(&["config", "get-contexts", "ctx-b"]);
    env.parity(&["config", "get-contexts", "ctx-b", "nope"]);
    env.parity(&["config", "get-contexts", "-o", "yaml"]);
    TestEnv::offline().parity(&["config", "get-contexts"]);
}

#[test]
fn current_context() {
    TestEnv::with_kubeconfigs(SPLIT).parity(&["config", "current-context"]);
    TestEnv::offline().parity(&["config", "current-context"]);
}

#[test]
fn get_clusters_and_users() {
    // kubectl walks a Go map here (random order), so compare single-entry configs exactly.
    let env = TestEnv::with_kubeconfigs(&["single.yaml"]);
    env.parity(&["config", "get-clusters"]);
    env.parity(&["config", "get-users"]);
    let env = TestEnv::with_kubeconfigs(SPLIT);
    assert_eq!(
        env.run_kk(&["config", "get-clusters"]).stdout,
        "NAME\ncluster-a\ncluster-b\nshared\n"
    );
}

#[test]
fn use_context() {
    let env = parity_write(SPLIT, &["config", "use-context", "ctx-b"]);
    if let Some(env) = env {
        assert!(env.read("split-a.yaml").contains("current-context: ctx-b"));
        assert!(
            env.read("split-a.yaml").contains("unknown-top: keep"),
            "unknown fields kept"
        );
    }
    parity_write(SPLIT, &["config", "use", "shared"]);
    parity_write(SPLIT, &["config", "use-context", "nope"]);
}

#[test]
fn set_context() {
    parity_write(
        SPLIT,
        &["config", "set-context", "--current", "--namespace=x"],
    );
    parity_write(
        SPLIT,
        &[
            "config",
            "set-context",
            "ctx-b",
            "--namespace=y",
            "--user=u2",
        ],
    );
    parity_write(
        SPLIT,
        &["config", "set-context", "new", "--cluster=c1", "--user=u1"],
    );
    parity_write(SPLIT, &["config", "set-context"]);
    parity_write(
        &["new.yaml"],
        &["config", "set-context", "fresh", "--cluster=c"],
    );
}

#[test]
fn set_cluster_and_credentials() {
    parity_write(
        SPLIT,
        &["config", "set-cluster", "new", "--server=https://1.2.3.4"],
    );
    parity_write(
        SPLIT,
        &[
            "config",
            "set-cluster",
            "cluster-a",
            "--insecure-skip-tls-verify=true",
        ],
    );
    parity_write(
        SPLIT,
        &["config", "set-cluster", "cluster-b", "--tls-server-name=x"],
    );
    parity_write(
        SPLIT,
        &["config", "set-credentials", "user-b", "--token=tok"],
    );
    parity_write(
        SPLIT,
        &[
            "config",
            "set-credentials",
            "n",
            "--username=a",
            "--password=b",
        ],
    );
    let embed = |ca: &'static str| ["config", "set-cluster", "e", ca, "--embed-certs"];
    parity_write(SPLIT, &embed("--certificate-authority=ca.crt"));
    parity_write(SPLIT, &embed("--certificate-authority=nope.crt"));
    let basic = [
        "config",
        "set-credentials",
        "user-a",
        "--username=u",
        "--password=p",
    ];
    parity_write(SPLIT, &basic);
    let key = [
        "config",
        "set-credentials",
        "u",
        "--client-key=nope.key",
        "--embed-certs",
    ];
    parity_write(SPLIT, &key);
}

#[test]
fn delete_and_rename() {
    parity_write(SPLIT, &["config", "delete-context", "ctx-b"]);
    parity_write(SPLIT, &["config", "delete-context", "ctx-a"]);
    parity_write(SPLIT, &["config", "delete-context", "nope"]);
    parity_write(SPLIT, &["config", "delete-cluster", "cluster-b"]);
    parity_write(SPLIT, &["config", "delete-cluster", "nope"]);
    parity_write(SPLIT, &["config", "delete-user", "user-oidc"]);
    parity_write(SPLIT, &["config", "delete-user", "nope"]);
    parity_write(SPLIT, &["config", "rename-context", "ctx-b", "ctx-bb"]);
    parity_write(SPLIT, &["config", "rename-context", "ctx-a", "renamed"]);
    parity_write(SPLIT, &["config", "rename-context", "nope", "x"]);
    parity_write(SPLIT, &["config", "rename-context", "shared", "ctx-b"]);
}

#[test]
fn set_and_unset() {
    parity_write(SPLIT, &["config", "set", "current-context", "shared"]);
    parity_write(
        SPLIT,
        &[
            "config",
            "set",
            "clusters.cluster-b.server",
            "https://9.9.9.9",
        ],
    );
    parity_write(SPLIT, &["config", "set", "contexts.ctx-b.namespace", "z"]);
    parity_write(SPLIT, &["config", "unset", "clusters.cluster-b.server"]);
    parity_write(SPLIT, &["config", "unset", "users.foo.token"]);
    parity_write(SPLIT, &["config", "unset", "current-context"]);
    parity_write(SPLIT, &["config", "set", "foo", "bar"]);
}

#[test]
fn written_files_are_private_and_keep_unknown_fields() {
    let env = TestEnv::with_kubeconfigs(&["split-a.yaml"]);
    env.run_kk(&["config", "set-cluster", "shared", "--server=https://z"])
        .success();
    let text = env.read("split-a.yaml");
    assert!(text.contains("unknown-cluster-field: 1"), "{text}");
    assert!(text.contains("unknown-top: keep"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path("split-a.yaml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
