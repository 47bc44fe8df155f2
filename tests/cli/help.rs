//! Snapshots of `--help` output, so CLI changes show up in review. Refresh with
//! `KK_BLESS=1 cargo test --test cli help`.

use std::path::Path;

use crate::common::TestEnv;

fn check(name: &str, args: &[&str]) {
    let out = TestEnv::offline().run_kk(args);
    out.success();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/snapshots")
        .join(name);
    if std::env::var_os("KK_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &out.stdout).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        out.stdout == want,
        "help for {args:?} changed; review and run `KK_BLESS=1 cargo test --test cli help`\n\
         ===== snapshot =====\n{want}\n===== now =====\n{}",
        out.stdout
    );
}

#[test]
fn root_help() {
    check("kk.txt", &["--help"]);
}

#[test]
fn config_help() {
    check("kk-config.txt", &["config", "--help"]);
    check("kk-config-view.txt", &["config", "view", "--help"]);
}

#[test]
fn options_lists_global_flags() {
    check("kk-options.txt", &["options"]);
}

#[test]
fn version_help() {
    check("kk-version.txt", &["version", "--help"]);
}

#[test]
fn help_topics_read_like_kubectl() {
    let env = TestEnv::offline();
    // `kk help COMMAND...` is `kk COMMAND --help`; extra words are ignored, as in cobra.
    let topic = env.run_kk(&["help", "config", "view"]);
    topic.success();
    assert_eq!(
        topic.stdout,
        env.run_kk(&["config", "view", "--help"]).stdout
    );
    assert_eq!(
        env.run_kk(&["help", "get", "pods"]).stdout,
        env.run_kk(&["get", "--help"]).stdout
    );
    // An unknown topic: kubectl's message and the root usage on stderr, exit 0.
    let unknown = env.run_kk(&["help", "foo", "bar"]);
    unknown.success();
    assert!(unknown.stdout.is_empty());
    assert!(
        unknown
            .stderr
            .starts_with("Unknown help topic [`foo` `bar`]\n\n\nBasic Commands (Beginner):\n"),
        "{unknown}"
    );
    assert!(unknown.stderr.ends_with("(applies to all commands).\n"));
}
