//! Go's `os.CreateTemp` and `os.MkdirTemp` naming: `<prefix><random uint32><suffix>` in the
//! given directory, created exclusively (files 0600, directories 0700), so kk's temporary
//! files look like kubectl's (`kk-edit-1496677929.yaml`, `LIVE-2840948013`).

use std::hash::BuildHasher;
use std::io::{Error, ErrorKind, Result};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// `os.TempDir()`: `$TMPDIR`, else `/tmp`.
pub fn temp_dir(env: &crate::env::Env) -> PathBuf {
    PathBuf::from(env.non_empty("TMPDIR").unwrap_or("/tmp"))
}

/// A new file `dir/<prefix><n><suffix>`.
pub fn create_temp(dir: &Path, prefix: &str, suffix: &str) -> Result<(std::fs::File, PathBuf)> {
    unique(dir, prefix, suffix, |p| {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(p)
    })
}

/// A new directory `dir/<prefix><n>`.
pub fn mkdir_temp(dir: &Path, prefix: &str) -> Result<PathBuf> {
    unique(dir, prefix, "", |p| {
        std::fs::DirBuilder::new().mode(0o700).create(p)
    })
    .map(|((), p)| p)
}

fn unique<T>(
    dir: &Path,
    prefix: &str,
    suffix: &str,
    make: impl Fn(&Path) -> Result<T>,
) -> Result<(T, PathBuf)> {
    let seed = std::collections::hash_map::RandomState::new();
    for i in 0..10000u32 {
        let n = seed.hash_one(i) as u32;
        let path = dir.join(format!("{prefix}{n}{suffix}"));
        match make(&path) {
            Ok(t) => return Ok((t, path)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Error::new(
        ErrorKind::AlreadyExists,
        "no unused temporary name found",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_like_go() {
        let dir = tempfile::tempdir().unwrap();
        let (_, f) = create_temp(dir.path(), "kk-edit-", ".yaml").unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let n = name
            .strip_prefix("kk-edit-")
            .unwrap()
            .strip_suffix(".yaml")
            .unwrap();
        assert!(n.parse::<u32>().is_ok(), "{name}");
        let d = mkdir_temp(dir.path(), "LIVE-").unwrap();
        assert!(d.is_dir());
        assert_ne!(d, mkdir_temp(dir.path(), "LIVE-").unwrap());
    }
}
