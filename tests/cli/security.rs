//! Security: `-v` request logging never shows a credential (and reads like kubectl's),
//! `config view` redacts, kubeconfig files are written 0600 and never through a symlink, and
//! impersonation is sent and validated like kubectl's.

use std::os::unix::fs::PermissionsExt;

use regex::Regex;

use crate::common::TestEnv;

/// The request/response lines of a `-v` log (kubectl's other klog lines dropped), with the
/// klog header, timings, dates and user agents made comparable.
fn request_log(stderr: &str) -> String {
    let header = Regex::new(r"^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [a-z_.]+:\d+\] ").unwrap();
    let mut out = String::new();
    let mut keep = false;
    for line in stderr.lines() {
        if header.is_match(line) {
            keep = line.contains("] \"Request\" ") || line.contains("] \"Response\" ");
            if !keep {
                continue;
            }
        }
        if keep {
            out.push_str(&header.replace(line, "I0000 00:00:00.000000 PID src] "));
            out.push('\n');
        }
    }
    let ms = Regex::new(r"milliseconds=\d+").unwrap();
    let date = Regex::new(r"\tDate: .*").unwrap();
    let agent = Regex::new(r"User-Agent: [^\n]*").unwrap();
    let out = ms.replace_all(&out, "milliseconds=N");
    let out = date.replace_all(&out, "\tDate: D");
    agent.replace_all(&out, "User-Agent: AGENT").into_owned()
}

/// The token of the shared kk-sim's viewer user (from its kubeconfig).
fn viewer_token(env: &TestEnv) -> String {
    let kc = env.read("kubeconfig");
    let i = kc.find("token: ").expect("the viewer has a token");
    kc[i + 7..].lines().next().unwrap().trim().to_string()
}

#[test]
fn verbose_request_logging_matches_kubectl() {
    let env = TestEnv::sim("verbose");
    for v in ["-v=6", "-v=7", "-v=8"] {
        let args = ["get", "--raw", "/version", "--context", "kk-sim-viewer", v];
        let got = env.run_kk(&args);
        got.success();
        let Some(want) = env.run_kubectl(&args) else {
            return;
        };
        assert_eq!(got.stdout, want.stdout);
        assert_eq!(
            request_log(&got.stderr),
            request_log(&want.stderr),
            "{v}\n--- kk ---\n{}\n--- kubectl ---\n{}",
            got.stderr,
            want.stderr
        );
    }
}

#[test]
fn credentials_never_appear_in_verbose_logs() {
    let env = TestEnv::sim("masked");
    let token = viewer_token(&env);
    let ns = env.ns().to_string();
    for v in ["-v=8", "-v=9", "-v=10"] {
        let out = env.run_kk(&["get", "cm", "-n", &ns, "--context", "kk-sim-viewer", v]);
        out.success();
        assert!(
            !out.stderr.contains(&token) && !out.stdout.contains(&token),
            "{v} printed the token:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("Authorization: Bearer <masked>"),
            "{v}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("\"Response Body\""),
            "{v}: {}",
            out.stderr
        );
    }
    // Level 9 is a curl command line; bodies grow from 1,024 characters (8) to 10,240 (9).
    let out = env.run_kk(&["get", "cm", "-n", &ns, "--context", "kk-sim-viewer", "-v=9"]);
    assert!(
        out.stderr
            .contains("curl -v -XGET  -H \"Accept: application/json;as=Table;v=v1;g=meta.k8s.io"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("-H \"Authorization: Bearer <masked>\""));
    // A token and a basic-auth password given as flags are masked the same way.
    let out = env.run_kk(&["get", "--raw", "/version", "--token=flag-secret-1", "-v=9"]);
    assert!(!out.stderr.contains("flag-secret-1"), "{}", out.stderr);
    assert!(out.stderr.contains("Bearer <masked>"), "{}", out.stderr);
    let out = env.run_kk(&[
        "get",
        "--raw",
        "/version",
        "--username=u",
        "--password=flag-secret-2",
        "-v=9",
    ]);
    assert!(!out.stderr.contains("flag-secret-2"), "{}", out.stderr);
    assert!(out.stderr.contains("Basic <masked>"), "{}", out.stderr);
}

#[test]
fn config_view_redacts_every_secret() {
    let env = TestEnv::with_kubeconfigs(&["split-a.yaml", "split-b.yaml", "token-auth.yaml"]);
    let out = env.run_kk(&["config", "view"]);
    out.success();
    for secret in ["secret-token", "YmF6", "hunter2", "viewer-token", "s3cr3t"] {
        assert!(
            !out.stdout.contains(secret),
            "{secret} shown:\n{}",
            out.stdout
        );
    }
    assert!(out.stdout.contains("REDACTED") && out.stdout.contains("DATA+OMITTED"));
    // --raw is the user asking for them.
    let raw = env.run_kk(&["config", "view", "--raw"]);
    assert!(raw.stdout.contains("hunter2"), "{}", raw.stdout);
}

#[test]
fn kubeconfig_is_written_0600_and_never_through_a_symlink() {
    let env = TestEnv::offline();
    // A new file: 0600 whatever the umask.
    let out = env.run_kk(&[
        "config",
        "set-cluster",
        "c",
        "--server=https://1.2.3.4",
        "--kubeconfig=new.yaml",
    ]);
    out.success();
    let mode = std::fs::metadata(env.path("new.yaml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // An existing file that is a symlink elsewhere: the link is replaced by the new file;
    // the place it pointed to is never written.
    let target = env.path("elsewhere.yaml");
    std::fs::write(&target, "apiVersion: v1\nkind: Config\nclusters: []\n").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&target, env.path("link.yaml")).unwrap();
    let out = env.run_kk(&[
        "config",
        "set-cluster",
        "c",
        "--server=https://1.2.3.4",
        "--kubeconfig=link.yaml",
    ]);
    out.success();
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "apiVersion: v1\nkind: Config\nclusters: []\n"
    );
    let meta = std::fs::symlink_metadata(env.path("link.yaml")).unwrap();
    assert!(meta.file_type().is_file(), "the link became a file");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(env.read("link.yaml").contains("server: https://1.2.3.4"));
}

#[test]
fn impersonation_flags_are_sent_and_validated_like_kubectl() {
    let env = TestEnv::sim("impersonate");
    let ns = env.ns().to_string();
    // Groups or a uid without a user: kubectl's error, nothing sent.
    let msg = "requesting uid, groups or user-extra for kk-sim-admin without impersonating a user";
    for extra in [
        &["--as-group=g"][..],
        &["--as-uid=1"],
        &["--as-group=a", "--as-uid=1"],
    ] {
        let mut args = vec!["create", "configmap", "y"];
        args.extend(extra);
        let out = env.run_kk(&args);
        let want = format!("error: {msg}\n");
        assert_eq!((out.code, out.stderr.as_str()), (1, want.as_str()));
        env.parity(&args);
        args.extend(["-n", &ns]);
        env.parity(&args);
        env.parity(&["get", "configmaps", extra[0]]);
    }
    // The headers, at -v=7.
    let out = env.run_kk(&[
        "get",
        "cm",
        "-n",
        &ns,
        "--as=system:admin",
        "--as-group=system:masters",
        "--as-group=b",
        "--as-uid=7",
        "-v=7",
    ]);
    for h in [
        "\tImpersonate-Group: b\n",
        "\tImpersonate-Group: system:masters\n",
        "\tImpersonate-Uid: 7\n",
        "\tImpersonate-User: system:admin\n",
    ] {
        assert!(out.stderr.contains(h), "{h:?} missing: {}", out.stderr);
    }
    // End to end: the impersonated user's rights apply (a user nobody granted anything).
    let args = ["create", "configmap", "x", "-n", &ns, "--as=nobody"];
    let out = env.run_kk(&args);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr.starts_with("error: failed to create configmap: configmaps is forbidden: User \"nobody\" cannot create resource")
            || out.stderr.starts_with("Error from server (Forbidden): configmaps is forbidden: User \"nobody\""),
        "{out}"
    );
    env.parity(&args);
}
