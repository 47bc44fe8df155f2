//! All terminal output: stdout, stderr, warnings, tty detection.
//!
//! Commands never call `println!`; they write through [`Ui`]. stdout is buffered (flushed at
//! exit and by [`Ui::flush`] for streaming commands such as `get -w`); stderr is written
//! through immediately, like Go's unbuffered `os.Stderr`, so interleaving matches kubectl.
//! stdin is owned here too: `-f -` manifests read it whole ([`Ui::read_stdin_to_string`]),
//! streaming verbs (`exec -i`, `attach -i`, `cp` uploads) take it once ([`Ui::take_stdin`]).
//! [`Ui::for_test`] captures both output streams in memory and reads stdin from a buffer.
//! Whether each output stream gets colour is decided once, here ([`Ui::set_colour`]); see
//! [`colour`].

pub mod colour;

use std::io::{self, IsTerminal, Read, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::env::Env;
use colour::{Colour, Style, When};

type Sink = Box<dyn Write + Send>;

/// Where stdin bytes come from (the process's stdin, or a test buffer).
pub type Source = Box<dyn Read + Send>;

/// Output handles, stdin, and what we know about the terminal.
pub struct Ui {
    out: Mutex<Sink>,
    err: Mutex<Sink>,
    stdin: Mutex<Option<Source>>,
    stdin_tty: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    out_colour: Colour,
    err_colour: Colour,
}

/// Captured bytes of a [`Ui::for_test`] instance.
#[derive(Clone, Default)]
pub struct Capture {
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
}

struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        lock(&self.0).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock must not hide later output (e.g. the error report).
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Capture {
    /// Everything written to stdout so far, lossily decoded.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&lock(&self.out)).into_owned()
    }
    /// Everything written to stderr so far, lossily decoded.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&lock(&self.err)).into_owned()
    }
}

impl Ui {
    /// The process's real stdout and stderr.
    pub fn stdio() -> Self {
        Ui {
            stdin_tty: io::stdin().is_terminal(),
            stdin: Mutex::new(Some(Box::new(io::stdin()))),
            stdout_tty: io::stdout().is_terminal(),
            stderr_tty: io::stderr().is_terminal(),
            out: Mutex::new(Box::new(io::BufWriter::with_capacity(
                64 * 1024,
                io::stdout(),
            ))),
            err: Mutex::new(Box::new(io::stderr())),
            out_colour: Colour::OFF,
            err_colour: Colour::OFF,
        }
    }

    /// An in-memory Ui (not a tty, empty stdin) and the handle to read what was written.
    pub fn for_test() -> (Self, Capture) {
        Self::for_test_with_stdin(Vec::new())
    }

    /// [`Ui::for_test`] whose stdin yields `input`.
    pub fn for_test_with_stdin(input: Vec<u8>) -> (Self, Capture) {
        let cap = Capture::default();
        let ui = Ui {
            out: Mutex::new(Box::new(SharedBuf(cap.out.clone()))),
            err: Mutex::new(Box::new(SharedBuf(cap.err.clone()))),
            stdin: Mutex::new(Some(Box::new(io::Cursor::new(input)))),
            stdin_tty: false,
            stdout_tty: false,
            stderr_tty: false,
            out_colour: Colour::OFF,
            err_colour: Colour::OFF,
        };
        (ui, cap)
    }

    /// All of stdin as text (`-f -`). A second call, or one after [`Ui::take_stdin`], reads
    /// nothing: stdin is consumed once, as in kubectl.
    pub fn read_stdin_to_string(&self) -> io::Result<String> {
        let mut s = String::new();
        if let Some(mut src) = lock(&self.stdin).take() {
            src.read_to_string(&mut s)?;
        }
        Ok(s)
    }

    /// Take stdin for streaming (`exec -i`); `None` if it was already taken.
    pub fn take_stdin(&self) -> Option<Source> {
        lock(&self.stdin).take()
    }

    /// Whether stdin is a terminal (`exec -t` needs one).
    pub fn stdin_is_tty(&self) -> bool {
        self.stdin_tty
    }

    /// A locked stdout writer. Keep it only for the duration of one printing step.
    pub fn out(&self) -> impl Write + '_ {
        Guard(lock(&self.out))
    }

    /// A locked stderr writer.
    pub fn err(&self) -> impl Write + '_ {
        Guard(lock(&self.err))
    }

    /// Write `s` to stdout as is.
    pub fn print(&self, s: &str) -> io::Result<()> {
        self.out().write_all(s.as_bytes())
    }

    /// Write `s` to stderr as is (stdout is flushed first so the streams interleave in order).
    pub fn eprint(&self, s: &str) -> io::Result<()> {
        let _ = self.flush();
        self.err().write_all(s.as_bytes())
    }

    /// kubectl's `Warning: <msg>` line on stderr (server warnings, deprecations), its
    /// `Warning:` in kubectl's bold yellow when stderr is coloured.
    pub fn warn(&self, msg: &str) -> io::Result<()> {
        let head = self.err_colour.paint(Style::Warning, "Warning:");
        self.eprint(&format!("{head} {msg}\n"))
    }

    /// Decide, once, whether stdout and stderr get colour (`--color`, `NO_COLOR`, `TERM`,
    /// terminals). Until then both are plain.
    pub fn set_colour(&mut self, when: When, env: &Env) {
        self.out_colour = Colour::decide(when, self.stdout_tty, env);
        self.err_colour = Colour::decide(when, self.stderr_tty, env);
    }

    /// Whether and how stdout is coloured: tables, describe, `logs` prefixes.
    pub fn colour(&self) -> Colour {
        self.out_colour
    }

    /// Whether and how stderr is coloured: errors and warnings.
    pub fn err_colour(&self) -> Colour {
        self.err_colour
    }

    /// Flush buffered stdout (streaming commands call this after each event).
    pub fn flush(&self) -> io::Result<()> {
        lock(&self.out).flush()
    }

    /// Whether stdout is a terminal.
    pub fn stdout_is_tty(&self) -> bool {
        self.stdout_tty
    }

    /// Whether stderr is a terminal (kubectl colours warnings only then).
    pub fn stderr_is_tty(&self) -> bool {
        self.stderr_tty
    }
}

struct Guard<'a>(MutexGuard<'a, Sink>);

impl Write for Guard<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_separates_streams() {
        let (ui, cap) = Ui::for_test();
        ui.print("out\n").unwrap();
        ui.warn("careful").unwrap();
        assert_eq!(cap.stdout(), "out\n");
        assert_eq!(cap.stderr(), "Warning: careful\n");
        assert!(!ui.stdout_is_tty());
    }

    #[test]
    fn colour_is_decided_per_stream() {
        let (mut ui, cap) = Ui::for_test();
        let env = Env::default();
        ui.set_colour(When::Auto, &env);
        assert!(!ui.colour().is_on() && !ui.err_colour().is_on());
        ui.set_colour(When::Always, &env);
        assert!(ui.colour().is_on() && ui.err_colour().is_on());
        ui.warn("careful").unwrap();
        assert_eq!(cap.stderr(), "\x1b[33;1mWarning:\x1b[0m careful\n");
    }

    #[test]
    fn stdin_is_read_once() {
        let (ui, _) = Ui::for_test_with_stdin(b"kind: x\n".to_vec());
        assert_eq!(ui.read_stdin_to_string().unwrap(), "kind: x\n");
        assert_eq!(ui.read_stdin_to_string().unwrap(), "");
        assert!(ui.take_stdin().is_none());
    }
}
