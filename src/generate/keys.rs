//! The key sources of ConfigMaps and Secrets: `--from-literal=k=v`, `--from-file=[k=]path`
//! (a directory adds each regular file in it), `--from-env-file=path` (kubectl's
//! `util.ParseLiteralSource`, `ParseFileSource`, `cmdutil.AddFromEnvFile`), and the
//! `--append-hash` suffix (`pkg/util/hash`).

use sha2::Digest;

use super::sources::{Entry, Sources, errno_text, path_error};
use super::validation;
use crate::go;

/// `ParseLiteralSource`: `key=value` (the value may contain `=`).
pub fn parse_literal(source: &str) -> Result<(&str, &str), String> {
    match source.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k, v)),
        _ => Err(format!(
            "invalid literal source {source}, expected key=value"
        )),
    }
}

/// Go's `path.Base`.
fn base(p: &str) -> &str {
    if p.is_empty() {
        return ".";
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// `ParseFileSource`: `path` (the key is its base name) or `key=path`.
pub fn parse_file(source: &str) -> Result<(String, &str), String> {
    let n = source.matches('=').count();
    if n == 0 {
        return Ok((base(source).to_string(), source));
    }
    if n > 1 {
        return Err("key names or file paths cannot contain '='".into());
    }
    if let Some(path) = source.strip_prefix('=') {
        return Err(format!("key name for file path {path} missing"));
    }
    if let Some(key) = source.strip_suffix('=') {
        return Err(format!("file path for key name {key} missing"));
    }
    let (k, p) = source.split_once('=').expect("one '='");
    Ok((k.to_string(), p))
}

/// Receives one key and its contents.
pub type AddFile<'a> = dyn FnMut(&str, Vec<u8>) -> Result<(), String> + 'a;

/// `--from-file` sources in order: each `(key, contents)` goes to `add` as kubectl reads it,
/// so the first failure is kubectl's.
pub fn each_file(
    sources: &[String],
    src: &dyn Sources,
    add: &mut AddFile<'_>,
) -> Result<(), String> {
    for source in sources {
        let (key, path) = parse_file(source)?;
        let entry = src
            .stat(path)
            .map_err(|e| format!("error reading {path}: {}", errno_text(&e)))?;
        let read = |p: &str| src.read(p).map_err(|e| path_error("open", p, &e));
        if entry == Entry::Dir {
            if source.contains('=') {
                return Err("cannot give a key name for a directory path".into());
            }
            let items = src.read_dir(path).map_err(|e| {
                format!(
                    "error listing files in {path}: {}",
                    path_error("open", path, &e)
                )
            })?;
            for (name, regular) in items {
                if regular {
                    let item = format!("{}/{name}", path.trim_end_matches('/'));
                    add(&name, read(&item)?)?;
                }
            }
        } else {
            add(&key, read(path)?)?;
        }
    }
    Ok(())
}

/// `--from-env-file` sources in order: each `KEY=value` line (a bare `KEY` takes the
/// environment's value) goes to `add`. `dir_error` is what a directory gets.
pub fn each_env(
    sources: &[String],
    src: &dyn Sources,
    dir_error: &str,
    add: &mut dyn FnMut(&str, &str) -> Result<(), String>,
) -> Result<(), String> {
    for path in sources {
        let entry = src
            .stat(path)
            .map_err(|e| format!("error reading {path}: {}", errno_text(&e)))?;
        if entry == Entry::Dir {
            return Err(dir_error.into());
        }
        let data = src.read(path).map_err(|e| path_error("open", path, &e))?;
        for (n, line) in scanner_lines(&data).into_iter().enumerate() {
            let Ok(text) = std::str::from_utf8(line) else {
                let bytes: Vec<String> = line.iter().map(u8::to_string).collect();
                return Err(format!(
                    "env file {path} contains invalid utf8 bytes at line {}: [{}]",
                    n + 1,
                    bytes.join(" ")
                ));
            };
            let text = if n == 0 {
                text.strip_prefix('\u{feff}').unwrap_or(text)
            } else {
                text
            };
            let text = text.trim_start();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            let (key, value) = match text.split_once('=') {
                Some((k, v)) => (k, v.to_string()),
                None => (text, src.env(text)),
            };
            let errs = validation::is_env_var_name(key);
            if !errs.is_empty() {
                return Err(format!(
                    "{} is not a valid key name: {}",
                    go::quote(key),
                    errs.join(";")
                ));
            }
            add(key, &value)?;
        }
    }
    Ok(())
}

/// `bufio.Scanner`'s lines: split on `\n`, a trailing `\r` dropped, no empty last line.
fn scanner_lines(data: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    if data.ends_with(b"\n") || data.is_empty() {
        lines.pop();
    }
    lines
        .into_iter()
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .collect()
}

/// `--append-hash`: the first 40 bits of the SHA-256 of `encoded` in hex, with kubectl's
/// vowel-free substitutions (`encodeHash`).
pub fn hash_suffix(encoded: &str) -> String {
    let digest = sha2::Sha256::digest(encoded.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..10]
        .chars()
        .map(|c| match c {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::sources::Memory;
    use super::*;

    #[test]
    fn sources_parse_like_kubectl() {
        assert_eq!(parse_literal("a=b=c").unwrap(), ("a", "b=c"));
        assert_eq!(
            parse_literal("=x").unwrap_err(),
            "invalid literal source =x, expected key=value"
        );
        assert_eq!(
            parse_file("dir/a.txt").unwrap(),
            ("a.txt".into(), "dir/a.txt")
        );
        assert_eq!(parse_file("k=p").unwrap(), ("k".into(), "p"));
        assert_eq!(
            parse_file("=p").unwrap_err(),
            "key name for file path p missing"
        );
        assert_eq!(
            parse_file("k=").unwrap_err(),
            "file path for key name k missing"
        );
        assert_eq!(
            parse_file("a=b=c").unwrap_err(),
            "key names or file paths cannot contain '='"
        );
    }

    #[test]
    fn env_files() {
        let mut m = Memory::with(&[("e", "\u{feff}A=1\n  # c\n\nB\r\nC= x \n")]);
        m.vars.insert("B".into(), "fromenv".into());
        let mut got = Vec::new();
        each_env(&["e".into()], &m, "dir", &mut |k, v| {
            got.push(format!("{k}={v}"));
            Ok(())
        })
        .unwrap();
        assert_eq!(got, ["A=1", "B=fromenv", "C= x "]);
        let bad = Memory::with(&[("e", "1A=x\n")]);
        let e = each_env(&["e".into()], &bad, "dir", &mut |_, _| Ok(())).unwrap_err();
        assert!(
            e.starts_with("\"1A\" is not a valid key name: a valid environment"),
            "{e}"
        );
        let e = each_env(&["nope".into()], &bad, "dir", &mut |_, _| Ok(())).unwrap_err();
        assert_eq!(e, "error reading nope: no such file or directory");
    }

    #[test]
    fn directories_add_their_files() {
        let m = Memory::with(&[("d/a", "1"), ("d/b", "2"), ("d/sub/c", "3")]);
        let mut got = Vec::new();
        each_file(&["d".into()], &m, &mut |k, v| {
            got.push((k.to_string(), v));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            got,
            [("a".into(), b"1".to_vec()), ("b".into(), b"2".to_vec())]
        );
        let e = each_file(&["k=d".into()], &m, &mut |_, _| Ok(())).unwrap_err();
        assert_eq!(e, "cannot give a key name for a directory path");
    }
}
