//! kuberc: kubectl's preferences file (`~/.kube/kuberc`) of aliases and per-command flag
//! defaults, applied to the command line before clap sees it.
//!
//! Which file: `--kuberc PATH` (or `--kuberc=PATH`), else `$KUBERC`, else
//! `$HOME/.kube/kuberc`. `KUBERC=off` or `KUBECTL_KUBERC=false` turns preferences off. A
//! file named explicitly must be readable and hold a preference; the default file is
//! optional, and when it is unusable kubectl's one-line complaint is printed and kk runs
//! without it. The file format is in [`file`], the expansion in [`expand`].
//!
//! Differences from kubectl 1.33 (listed in the README): kk reads kuberc unless told not to
//! (kubectl 1.33 only with `KUBECTL_KUBERC=true`, 1.34 by default), honours `KUBERC=PATH`
//! (1.33 ignores it, a bug fixed later) and reads both `v1alpha1` and `v1beta1`.

pub mod expand;
pub mod file;

use std::path::PathBuf;

use crate::env::Env;
use file::Decoded;

/// What kubectl prints before a kuberc failure (then exits 1).
pub const FAILURE: &str = "error occurred while applying preferences";

/// The line to run after kuberc (`args[0]` is the program), the text to print on stderr
/// on the way (warnings, kubectl's unterminated "kuberc: ..." notes), or the reason to stop.
pub struct Applied {
    /// The command line, expanded.
    pub args: Vec<String>,
    /// Printed to stderr before running.
    pub notes: Vec<String>,
}

/// Apply the user's kuberc to `args`; `root` builds the command tree (only when there are
/// preferences to apply). `Err` is the text after [`FAILURE`].
pub fn apply(
    root: impl FnOnce() -> clap::Command,
    args: Vec<String>,
    env: &Env,
) -> Result<Applied, String> {
    let mut notes = Vec::new();
    if args.len() <= 1 || off(env) {
        return Ok(Applied { args, notes });
    }
    let explicit = explicit_path(&args)?;
    let Some((path, named)) = locate(explicit, env)? else {
        return Ok(Applied { args, notes });
    };
    let shown = path.display().to_string();
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if named => {
            let e = crate::kubeconfig::view::go_io(&e);
            return Err(format!("kuberc error kuberc: open {shown}: {e}"));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Applied { args, notes });
        }
        Err(e) => {
            let e = crate::kubeconfig::view::go_io(&e);
            notes.push(format!(
                "kuberc: no preferences loaded from {shown}: open {shown}: {e}"
            ));
            return Ok(Applied { args, notes });
        }
    };
    let pref = match file::decode(&text) {
        Decoded::Empty => return Ok(Applied { args, notes }),
        Decoded::Found(pref, strict) => {
            // kubectl 1.33 mentions unknown fields only of a file it was pointed at.
            if let (Some(strict), true) = (strict, named) {
                notes.push(format!(
                    "kuberc: ignoring strict decoding error in {shown}: {strict}"
                ));
            }
            pref
        }
        Decoded::NoneValid => {
            let why = format!("no valid preferences found in {shown}, use --v=5 to see details");
            if named {
                return Err(format!("kuberc error kuberc: {why}"));
            }
            notes.push(format!("kuberc: no preferences loaded from {shown}: {why}"));
            return Ok(Applied { args, notes });
        }
    };
    let mut root = root();
    root.build();
    let args = expand::expand(&root, &pref, args, &mut notes)?;
    Ok(Applied { args, notes })
}

/// `KUBECTL_KUBERC=false`: kubectl's feature gate, off.
fn off(env: &Env) -> bool {
    env.get("KUBECTL_KUBERC")
        .is_some_and(|v| v.eq_ignore_ascii_case("false"))
}

/// `--kuberc PATH` / `--kuberc=PATH` before any `--`, read before parsing as kubectl does.
fn explicit_path(args: &[String]) -> Result<Option<String>, String> {
    let missing = || "kuberc file is not found".to_string();
    for (i, a) in args.iter().enumerate() {
        if a == "--" {
            break;
        }
        if a == "--kuberc" {
            return args.get(i + 1).cloned().map(Some).ok_or_else(missing);
        }
        if a.contains("--kuberc=") {
            // kubectl takes what lies between the first and second `=`.
            return match a.split('=').nth(1) {
                Some(v) if !v.is_empty() => Ok(Some(v.to_string())),
                _ => Err(missing()),
            };
        }
    }
    Ok(None)
}

/// The file to read and whether the user named it (flag or `KUBERC`); `None`: no file.
fn locate(explicit: Option<String>, env: &Env) -> Result<Option<(PathBuf, bool)>, String> {
    if env.get("KUBERC") == Some("off") {
        if explicit.is_some() {
            return Err(
                "kuberc error disabling kuberc via KUBERC=off and passing kuberc flag \
                        are mutually exclusive"
                    .into(),
            );
        }
        return Ok(None);
    }
    if let Some(p) = explicit {
        return Ok(Some((PathBuf::from(p), true)));
    }
    if let Some(p) = env.non_empty("KUBERC") {
        return Ok(Some((PathBuf::from(p), true)));
    }
    Ok(env.home().map(|h| (h.join(".kube").join("kuberc"), false)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Vec<String> {
        std::iter::once("kk")
            .chain(s.split_whitespace())
            .map(String::from)
            .collect()
    }

    #[test]
    fn the_flag_is_read_before_parsing() {
        assert_eq!(
            explicit_path(&line("get --kuberc a pods")).unwrap(),
            Some("a".into())
        );
        assert_eq!(
            explicit_path(&line("get --kuberc=a=b")).unwrap(),
            Some("a".into())
        );
        assert_eq!(explicit_path(&line("exec p -- --kuberc x")).unwrap(), None);
        for bad in ["get --kuberc", "get --kuberc="] {
            assert_eq!(
                explicit_path(&line(bad)).unwrap_err(),
                "kuberc file is not found"
            );
        }
    }

    #[test]
    fn which_file() {
        let env = Env::from_vars([("HOME", "/h")]);
        assert_eq!(
            locate(None, &env).unwrap(),
            Some((PathBuf::from("/h/.kube/kuberc"), false))
        );
        let env = Env::from_vars([("HOME", "/h"), ("KUBERC", "/k")]);
        assert_eq!(
            locate(None, &env).unwrap(),
            Some((PathBuf::from("/k"), true))
        );
        assert_eq!(
            locate(Some("/f".into()), &env).unwrap(),
            Some((PathBuf::from("/f"), true))
        );
        let env = Env::from_vars([("HOME", "/h"), ("KUBERC", "off")]);
        assert_eq!(locate(None, &env).unwrap(), None);
        assert!(locate(Some("/f".into()), &env).is_err());
        assert!(off(&Env::from_vars([("KUBECTL_KUBERC", "False")])));
        assert!(!off(&Env::from_vars([("KUBECTL_KUBERC", "true")])));
    }
}
