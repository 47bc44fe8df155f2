//! `completions/` and `man/` must match what the current CLI definition generates.
//! Refresh with `KK_BLESS=1 cargo test --test cli generated`.

use std::collections::BTreeMap;
use std::path::Path;

fn bless() -> bool {
    std::env::var_os("KK_BLESS").is_some_and(|v| v == "1")
}

fn check_dir(dir: &Path, expected: BTreeMap<String, Vec<u8>>) {
    if bless() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
        for (name, bytes) in &expected {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let mut actual = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries {
            let e = e.unwrap();
            actual.insert(
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    let stale: Vec<&String> = expected
        .iter()
        .filter(|(n, b)| actual.get(*n) != Some(*b))
        .map(|(n, _)| n)
        .chain(actual.keys().filter(|n| !expected.contains_key(*n)))
        .collect();
    assert!(
        stale.is_empty(),
        "{} is stale ({stale:?}); run `KK_BLESS=1 cargo test --test cli generated`",
        dir.display()
    );
}

#[test]
fn completions_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let expected = kk::docs::Shell::ALL
        .into_iter()
        .map(|s| (s.file_name().to_string(), kk::docs::completion(s)))
        .collect();
    check_dir(&dir, expected);
}

#[test]
fn man_pages_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    check_dir(
        &dir,
        kk::docs::man_pages(&kk::cli::command())
            .into_iter()
            .collect(),
    );
}
