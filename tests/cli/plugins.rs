//! Plugins: `kk foo` runs `kk-foo` / `kubectl-foo` from PATH like kubectl runs
//! `kubectl-foo`, and `kk plugin list` reports them with kubectl's warnings.

use std::os::unix::fs::PermissionsExt;

use crate::common::{TestEnv, kubectl_bin, require_tool};

/// A PATH directory with plugins: `kubectl-foo` (prints its arguments), `kubectl-foo-bar`,
/// `kubectl-get` (overrides a built-in) and `kubectl-noexec` (not executable).
fn plugin_dir(env: &TestEnv) -> String {
    let dir = env.path("plugins");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, body: &str, mode: u32| {
        let p = dir.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    write("kubectl-foo", "echo \"foo: $*\"; exit 3", 0o755);
    write("kubectl-foo-bar", "echo \"foo-bar: $*\"", 0o755);
    write("kubectl-get", "echo never", 0o755);
    write("kubectl-noexec", "echo never", 0o644);
    format!("{}:/usr/bin:/bin", dir.display())
}

#[test]
fn plugins_run_like_kubectl() {
    if !require_tool(
        "plugins_run_like_kubectl",
        "kubectl",
        kubectl_bin().is_some(),
    ) {
        return;
    }
    let env = TestEnv::offline();
    let path = plugin_dir(&env);
    for args in [
        &["foo", "-n", "x", "--bar", "baz"][..],
        &["foo", "bar", "1", "2"],
        &["foo", "baz"],
        &["plugin", "list"],
        &["plugin", "list", "--name-only"],
        &["__complete", "fo"],
    ] {
        env.parity_with(args, &[("PATH", &path)]);
    }
    // Without plugins.
    env.parity(&["plugin", "list"]);
}

#[test]
fn kk_prefixed_plugins_come_first() {
    let env = TestEnv::offline();
    let path = plugin_dir(&env);
    let p = env.path("plugins").join("kk-foo");
    std::fs::write(&p, "#!/bin/sh\necho \"kk-foo: $*\"\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.run_kk_with(&["foo", "x"], &[("PATH", &path)]);
    assert_eq!(out.stdout, "kk-foo: x\n");
    assert_eq!(out.code, 0);
    // Built-in commands always win over plugins.
    let out = env.run_kk_with(&["get", "--help"], &[("PATH", &path)]);
    assert!(
        out.stdout.starts_with("Display one or many resources"),
        "{out}"
    );
}
