//! `kk completion SHELL` prints exactly the checked-in scripts; errors read like kubectl's.

use crate::common::TestEnv;

#[test]
fn prints_the_checked_in_script() {
    let env = TestEnv::offline();
    for shell in kk::docs::Shell::ALL {
        let name = format!("{shell:?}").to_lowercase();
        let out = env.run_kk(&["completion", &name]);
        out.success();
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(shell.file_name());
        let want = std::fs::read_to_string(&file).unwrap();
        assert!(
            out.stdout == want,
            "kk completion {name} differs from {}",
            file.display()
        );
        assert!(out.stderr.is_empty());
    }
}

#[test]
fn errors_match_kubectl() {
    let env = TestEnv::offline();
    env.parity(&["completion"]);
    env.parity(&["completion", "foo"]);
    env.parity(&["completion", "bash", "extra"]);
}
