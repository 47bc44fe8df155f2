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
    let sim = server::sim();
    let env = TestEnv::offline();
    std::fs::write(env.path("other-ca.crt"), OTHER_CA).unwrap();
    let kubeconfig = sim.kubeconfig.to_string_lossy().into_owned();
    env.parity(&[
        "--kubeconfig",
        &kubeconfig,
        "--certificate-authority",
        "other-ca.crt",
        "version",
    ]);
}

/// A self-signed CA that did not sign kk-sim's serving certificate.
const OTHER_CA: &str = "-----BEGIN CERTIFICATE-----
MIIBfTCCASOgAwIBAgIUQ7h0wXh3jzJ0QZfG3JkHqzV6b0cwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJb3RoZXItY2EwHhcNMjQwMTAxMDAwMDAwWhcNMzQwMTAxMDAw
MDAwWjAUMRIwEAYDVQQDDAlvdGhlci1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABHcF0h0mZcYxJ4Tt5wKQ8nIm9cJvJY7vG8b6b1cN8YB2XU7l1f9Y3Y0mQm3c
o2cQ9dD0W8l2b3G0y0Lq0m8k5o2jUzBRMB0GA1UdDgQWBBTb0h4mQ2n2Gq9k8N3O
3l1bT0wQbTAfBgNVHSMEGDAWgBTb0h4mQ2n2Gq9k8N3O3l1bT0wQbTAPBgNVHRMB
Af8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDd0b3m0cQ8aWnH7Vq8m9f2mM0b
b3Yw1m1X0kq0a3Jk5QIgC2x8mY0f0b5mZ0t7m3q1b3G0H1w2cQ9wQ8l2b3G0y0I=
-----END CERTIFICATE-----
";
