//! Error texts and exit codes, compared byte for byte with kubectl.

use crate::common::{TestEnv, server};

#[test]
fn unknown_flags() {
    let env = TestEnv::offline();
    env.parity(&["version", "--foo"]);
    env.parity(&["--foo", "version"]);
    env.parity(&["version", "-x"]);
    env.parity(&["config", "view", "--bogus=1"]);
    env.parity(&["version", "-n"]);
    env.parity(&["version", "--namespace"]);
    env.parity(&["-v=abc", "version", "--client"]);
    env.parity(&["version", "foo"]);
    // pflag booleans never take the next argument as their value.
    let client_line = format!("Client Version: v{}\n", env!("CARGO_PKG_VERSION"));
    for args in [
        &["version", "--client", "true"][..],
        &["--insecure-skip-tls-verify", "version", "--client"][..],
    ] {
        let out = env.run_kk(args);
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (0, client_line.as_str()),
            "{out}"
        );
    }
}

#[test]
fn unknown_subcommands() {
    let env = TestEnv::offline();
    env.parity(&["config", "bogus"]);
    // kubectl's suggestions come from its full verb list, so check kk's wording directly.
    let out = env.run_kk(&["versoin"]);
    assert_eq!(
        out.to_string(),
        "------- stderr -------\nerror: unknown command \"versoin\" for \"kk\"\n\nDid you mean this?\n\tversion\n[exit status: 1]"
    );
}

#[test]
fn group_without_subcommand_prints_help_on_stderr() {
    let out = TestEnv::offline().run_kk(&["config"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("current-context"), "{out}");
}

#[test]
fn kubeconfig_problems() {
    let env = TestEnv::with_kubeconfigs(&["split-a.yaml"]);
    env.parity(&["--kubeconfig", "/nonexistent/kubeconfig", "version"]);
    env.parity(&["--context", "nope", "version"]);
    env.parity(&["--user", "nope", "version"]);
    env.parity(&["--request-timeout=abc", "version"]);
    let env = TestEnv::with_kubeconfigs(&["malformed.yaml"]);
    env.parity(&["version"]);
}

#[test]
fn unreachable_server() {
    // Port 1 on loopback is closed: both print their client version, then the same hint.
    let env = TestEnv::offline();
    let args = ["--server", "http://127.0.0.1:1", "version"];
    let kk = env.run_kk(&args);
    assert_eq!(
        kk.stdout,
        format!("Client Version: v{}\n", env!("CARGO_PKG_VERSION"))
    );
    if let Some(kubectl) = env.run_kubectl(&args) {
        assert_eq!(
            (kk.stderr.as_str(), kk.code),
            (kubectl.stderr.as_str(), kubectl.code)
        );
    }
    assert_eq!(
        kk.stderr,
        "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\n"
    );
}

#[test]
fn wrong_ca() {
    // fixtures/other-ca.crt is a self-signed CA that did not sign kk-sim's certificate.
    let sim = server::sim();
    let env = TestEnv::offline();
    std::fs::copy(
        crate::common::fixture("other-ca.crt"),
        env.path("other-ca.crt"),
    )
    .unwrap();
    let kubeconfig = sim.kubeconfig.to_string_lossy().into_owned();
    let args = [
        "--kubeconfig",
        &kubeconfig,
        "--certificate-authority",
        "other-ca.crt",
        "version",
    ];
    let kk = env.run_kk(&args);
    assert_eq!(
        (kk.stderr.as_str(), kk.code),
        (
            "Unable to connect to the server: tls: failed to verify certificate: x509: \
             certificate signed by unknown authority\n",
            1
        )
    );
    // kubectl prints its own client version first; the error part must be identical.
    if let Some(kubectl) = env.run_kubectl(&args) {
        assert_eq!(
            (kk.stderr.as_str(), kk.code),
            (kubectl.stderr.as_str(), kubectl.code)
        );
    }
}

#[test]
fn unreadable_credential_files() {
    let env = TestEnv::offline();
    std::fs::write(env.path("not-pem.crt"), "hello\n").unwrap();
    let server = ["--server", "https://127.0.0.1:1"];
    for extra in [
        &[
            "--certificate-authority",
            "/nonexistent/ca.crt",
            "--token",
            "x",
        ][..],
        &["--certificate-authority", "not-pem.crt", "--token", "x"][..],
        &[
            "--client-certificate",
            "/nonexistent/c",
            "--client-key",
            "/nonexistent/k",
        ][..],
    ] {
        let args: Vec<&str> = server
            .iter()
            .chain(extra)
            .chain(&["version"])
            .copied()
            .collect();
        env.parity(&args);
    }
    env.parity(&["--server", "127.0.0.1:1/x", "version"]);
}

#[test]
fn bare_kk_prints_help_on_stdout() {
    let out = TestEnv::offline().run_kk(&[]);
    assert_eq!(out.code, 0);
    assert!(out.stderr.is_empty(), "{out}");
    assert!(out.stdout.contains("config"), "{out}");
}
