//! What builders read from the machine they run on (`--from-file`, `--from-env-file`,
//! `--cert`, the environment of an env file's bare `KEY` lines), behind one trait so the
//! builders stay pure and tests hand them an in-memory tree. [`Local`] is the real one.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// A file system entry's type, as `os.Stat` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A regular file (or anything that is not a directory).
    File,
    /// A directory.
    Dir,
}

/// Files and environment, as the builders see them.
pub trait Sources {
    /// `os.Stat`.
    fn stat(&self, path: &str) -> io::Result<Entry>;
    /// `os.ReadFile`.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;
    /// `os.ReadDir`: names sorted, each with whether it is a regular file.
    fn read_dir(&self, path: &str) -> io::Result<Vec<(String, bool)>>;
    /// `os.Getenv` (empty when unset).
    fn env(&self, key: &str) -> String;
}

/// The real file system (relative paths against the snapshot's working directory) and
/// environment.
pub struct Local<'a>(pub &'a crate::env::Env);

impl Local<'_> {
    fn path(&self, p: &str) -> PathBuf {
        match self.0.cwd() {
            Some(cwd) if Path::new(p).is_relative() => cwd.join(p),
            _ => PathBuf::from(p),
        }
    }
}

impl Sources for Local<'_> {
    fn stat(&self, path: &str) -> io::Result<Entry> {
        let m = std::fs::metadata(self.path(path))?;
        Ok(if m.is_dir() { Entry::Dir } else { Entry::File })
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(path))
    }

    fn read_dir(&self, path: &str) -> io::Result<Vec<(String, bool)>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(self.path(path))? {
            let e = e?;
            let regular = e.file_type().map(|t| t.is_file()).unwrap_or(false);
            out.push((e.file_name().to_string_lossy().into_owned(), regular));
        }
        out.sort();
        Ok(out)
    }

    fn env(&self, key: &str) -> String {
        self.0.get(key).unwrap_or_default().to_string()
    }
}

/// An in-memory tree for tests: paths to contents (directories are implied by their files).
#[derive(Debug, Default)]
pub struct Memory {
    /// `path → contents`.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The environment.
    pub vars: BTreeMap<String, String>,
}

impl Memory {
    /// A tree with these files.
    pub fn with(files: &[(&str, &str)]) -> Memory {
        Memory {
            files: files
                .iter()
                .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
                .collect(),
            vars: BTreeMap::new(),
        }
    }
}

fn not_found() -> io::Error {
    io::Error::from_raw_os_error(2)
}

impl Sources for Memory {
    fn stat(&self, path: &str) -> io::Result<Entry> {
        if self.files.contains_key(path) {
            return Ok(Entry::File);
        }
        let dir = format!("{}/", path.trim_end_matches('/'));
        if self.files.keys().any(|k| k.starts_with(&dir)) {
            return Ok(Entry::Dir);
        }
        Err(not_found())
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        self.files.get(path).cloned().ok_or_else(not_found)
    }

    fn read_dir(&self, path: &str) -> io::Result<Vec<(String, bool)>> {
        let dir = format!("{}/", path.trim_end_matches('/'));
        let mut out: Vec<(String, bool)> = Vec::new();
        for k in self.files.keys() {
            if let Some(rest) = k.strip_prefix(&dir) {
                let (name, regular) = match rest.split_once('/') {
                    Some((d, _)) => (d, false),
                    None => (rest, true),
                };
                if !out.iter().any(|(n, _)| n == name) {
                    out.push((name.to_string(), regular));
                }
            }
        }
        Ok(out)
    }

    fn env(&self, key: &str) -> String {
        self.vars.get(key).cloned().unwrap_or_default()
    }
}

pub use crate::go::errno_text;

/// Go's `*os.PathError` text: `open <path>: <errno>` (the operation as Go names it).
pub fn path_error(op: &str, path: &str, e: &io::Error) -> String {
    format!("{op} {path}: {}", errno_text(e))
}
