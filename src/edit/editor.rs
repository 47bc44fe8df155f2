//! The user's editor, as kubectl finds and runs it (`cmd/util/editor/editor.go`): the first
//! non-empty of `$KUBE_EDITOR` and `$EDITOR`, else `vi`. A value with spaces is split on
//! them; one that also holds quotes or backslashes is handed to `$SHELL -c` (default
//! `/bin/bash`) with the file's path quoted. The buffer goes into a new temporary file
//! (`$TMPDIR/<prefix><5 random chars><suffix>`, mode 0600) that the caller removes or keeps.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::env::Env;
use crate::error::{Error, Result};

const DEFAULT_EDITOR: &str = "vi";
const DEFAULT_SHELL: &str = "/bin/bash";

/// The command line that opens a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    args: Vec<String>,
    shell: bool,
}

impl Editor {
    /// The editor the environment names (`vars` in order of preference).
    pub fn from_env(env: &Env, vars: &[&str]) -> Editor {
        let editor = vars
            .iter()
            .find_map(|v| env.non_empty(v))
            .unwrap_or(DEFAULT_EDITOR);
        if !editor.contains(' ') {
            return Editor {
                args: vec![editor.to_string()],
                shell: false,
            };
        }
        if !editor.contains(['"', '\'', '\\']) {
            return Editor {
                args: editor.split(' ').map(str::to_string).collect(),
                shell: false,
            };
        }
        let shell = env.non_empty("SHELL").unwrap_or(DEFAULT_SHELL);
        Editor {
            args: vec![shell.to_string(), "-c".into(), editor.to_string()],
            shell: true,
        }
    }

    /// The argv that edits `path`.
    fn argv(&self, path: &Path) -> Vec<String> {
        let mut args = self.args.clone();
        let path = path.to_string_lossy();
        match args.last_mut() {
            Some(last) if self.shell => {
                *last = format!("{last} {}", crate::go::quote(&path));
            }
            _ => args.push(path.into_owned()),
        }
        args
    }

    /// Open `path` and wait for the editor to end (stdin, stdout and stderr are the
    /// terminal's). An editor that cannot start or fails is kubectl's error.
    pub fn launch(&self, path: &Path) -> Result<()> {
        let argv = self.argv(path);
        let shown = self.args.join(" ");
        let status = std::process::Command::new(&argv[0])
            .args(&argv[1..])
            .status();
        match status {
            Ok(s) if s.success() => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !argv[0].contains('/') => {
                Err(Error::msg(format!("unable to launch the editor {shown:?}")))
            }
            _ => Err(Error::msg(format!(
                "there was a problem with the editor {shown:?}"
            ))),
        }
    }

    /// Write `contents` to a new temporary file in `dir`, edit it, and read it back: the
    /// edited text and the file's path. The path comes with a failure too (when the file
    /// was made) so the caller can point the user at it.
    pub fn launch_temp_file(
        &self,
        dir: &Path,
        prefix: &str,
        suffix: &str,
        contents: &str,
    ) -> (Result<String>, Option<PathBuf>) {
        let (mut file, path) = match create_temp(dir, prefix, suffix) {
            Ok(f) => f,
            Err(e) => return (Err(e.into()), None),
        };
        if let Err(e) = file.write_all(contents.as_bytes()) {
            let _ = std::fs::remove_file(&path);
            return (Err(e.into()), None);
        }
        drop(file);
        let abs = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let result = self
            .launch(&abs)
            .and_then(|()| Ok(std::fs::read_to_string(&path)?));
        (result, Some(path))
    }
}

/// Go's `os.CreateTemp(dir, prefix+"*"+suffix)`: a new file (mode 0600) named with a
/// random 32-bit number.
fn create_temp(
    dir: &Path,
    prefix: &str,
    suffix: &str,
) -> std::io::Result<(std::fs::File, PathBuf)> {
    use std::hash::BuildHasher;
    use std::os::unix::fs::OpenOptionsExt;
    let seed = std::collections::hash_map::RandomState::new();
    let mut last = None;
    for i in 0..10000u32 {
        let n = seed.hash_one(i) as u32;
        let path = dir.join(format!("{prefix}{n}{suffix}"));
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(f) => return Ok((f, path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name left")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor(vars: &[(&str, &str)]) -> Editor {
        Editor::from_env(
            &Env::from_vars(vars.iter().copied()),
            &["KUBE_EDITOR", "EDITOR"],
        )
    }

    #[test]
    fn found_as_kubectl_finds_it() {
        assert_eq!(editor(&[]).argv(Path::new("/t/f")), ["vi", "/t/f"]);
        assert_eq!(
            editor(&[("KUBE_EDITOR", ""), ("EDITOR", "nano")]).argv(Path::new("/f")),
            ["nano", "/f"]
        );
        assert_eq!(
            editor(&[("KUBE_EDITOR", "code --wait"), ("EDITOR", "nano")]).argv(Path::new("/f")),
            ["code", "--wait", "/f"]
        );
        assert_eq!(
            editor(&[("EDITOR", "emacs -nw 'x'"), ("SHELL", "/bin/zsh")]).argv(Path::new("/a b")),
            ["/bin/zsh", "-c", "emacs -nw 'x' \"/a b\""]
        );
        assert_eq!(editor(&[("EDITOR", "e \"x\"")]).args[0], "/bin/bash");
    }
}
