//! The result of running a command, printed jj-style so assertion diffs show everything.

use std::fmt;

/// stdout, stderr and exit code of one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Captured stdout (lossy UTF-8).
    pub stdout: String,
    /// Captured stderr (lossy UTF-8).
    pub stderr: String,
    /// Exit code (`-1` when killed by a signal).
    pub code: i32,
}

impl From<std::process::Output> for Output {
    fn from(o: std::process::Output) -> Self {
        Output {
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            code: o.status.code().unwrap_or(-1),
        }
    }
}

impl Output {
    /// Apply `f` to both streams.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Output {
        Output {
            stdout: f(&self.stdout),
            stderr: f(&self.stderr),
            code: self.code,
        }
    }

    /// Panic with the full output unless the command succeeded.
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(self.code, 0, "command failed:\n{self}");
        self
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.stdout)?;
        if !self.stdout.is_empty() && !self.stdout.ends_with('\n') {
            writeln!(f, "[no newline]")?;
        }
        writeln!(f, "------- stderr -------")?;
        write!(f, "{}", self.stderr)?;
        if !self.stderr.is_empty() && !self.stderr.ends_with('\n') {
            writeln!(f, "[no newline]")?;
        }
        write!(f, "[exit status: {}]", self.code)
    }
}
