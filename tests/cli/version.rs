//! `kk version`: kubectl's layout with kk's own client version.

use serde_json::Value;

use crate::common::{TestEnv, parity_like_shape};

#[test]
fn client_only_text() {
    let out = TestEnv::offline().run_kk(&["version", "--client"]);
    out.success();
    assert_eq!(
        out.stdout,
        format!("Client Version: v{}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn json_has_kubectls_shape() {
    let env = TestEnv::offline();
    let args = ["version", "--client", "-o", "json"];
    let kk = env.run_kk(&args);
    kk.success();
    assert!(
        kk.stdout
            .starts_with("{\n  \"clientVersion\": {\n    \"major\": \""),
        "{kk}"
    );
    if let Some(kubectl) = env.run_kubectl(&args) {
        parity_like_shape(&kubectl.stdout, &kk.stdout, &["kustomizeVersion"]);
    }
}

#[test]
fn bad_output_format() {
    TestEnv::offline().parity(&["version", "--client", "-o", "xml"]);
}

#[test]
fn server_version_from_the_sim() {
    let env = TestEnv::sim("version");
    let kk = env.run_kk(&["version", "-o", "json"]);
    kk.success();
    // Without kubectl (outside CI) the skip is counted by the harness.
    let Some(kubectl) = env.run_kubectl(&["version", "-o", "json"]) else {
        return;
    };
    let k: Value = serde_json::from_str(&kubectl.stdout).unwrap();
    let o: Value = serde_json::from_str(&kk.stdout).unwrap();
    assert_eq!(k["serverVersion"], o["serverVersion"]);
    // Byte-identical serverVersion block, including key order.
    let block = |s: &str| s[s.find("\"serverVersion\"").unwrap()..].to_string();
    assert_eq!(block(&kubectl.stdout), block(&kk.stdout));
    let text = env.run_kk(&["version"]);
    let server_line = kubectl_line(&env, "Server Version:");
    assert!(text.stdout.ends_with(&server_line), "{text}");
}

fn kubectl_line(env: &TestEnv, prefix: &str) -> String {
    let out = env.run_kubectl(&["version"]).expect("kubectl");
    let line = out.stdout.lines().find(|l| l.starts_with(prefix)).unwrap();
    format!("{line}\n")
}

#[test]
fn token_auth_and_insecure_overrides_reach_the_server() {
    let env = TestEnv::sim("version-auth");
    for args in [
        &["--context", "kk-sim-viewer", "version", "-o", "json"][..],
        &["--insecure-skip-tls-verify", "version", "-o", "json"][..],
        &[
            "--insecure-skip-tls-verify",
            "--tls-server-name",
            "kubernetes",
            "version",
            "-o",
            "json",
        ][..],
    ] {
        let kk = env.run_kk(args);
        let Some(kubectl) = env.run_kubectl(args) else {
            return;
        };
        assert_eq!(
            (kk.code, kk.stderr.as_str()),
            (kubectl.code, kubectl.stderr.as_str()),
            "{args:?}"
        );
        let server = |s: &str| s.find("\"serverVersion\"").map(|i| s[i..].to_string());
        assert_eq!(
            server(&kk.stdout),
            server(&kubectl.stdout),
            "{args:?}\n{kk}"
        );
        assert!(server(&kk.stdout).is_some(), "{kk}");
    }
}
