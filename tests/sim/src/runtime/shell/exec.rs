//! The interpreter of the built-in shell: expansion, control flow, redirections and the
//! builtin commands (busybox-flavoured wording, since most pod specs use busybox/alpine).

use std::collections::BTreeMap;
use std::future::Future;
use std::io::Cursor;
use std::pin::Pin;
use std::sync::Arc;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

use super::SimFs;
use super::parse::{Node, parse};

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where a file descriptor writes. Clones share the destination, which is how `2>&1` works.
#[derive(Clone)]
pub(crate) enum Sink {
    /// A real stream (the exec connection, the container log). On a TTY `\n` becomes `\r\n`
    /// like a terminal's output post-processing (`onlcr`).
    Stream {
        w: Arc<tokio::sync::Mutex<Box<dyn AsyncWrite + Send + Unpin>>>,
        tty: bool,
    },
    /// Captured output (`$(...)`, pipes, `> file`).
    Buffer(Arc<std::sync::Mutex<Vec<u8>>>),
    /// `/dev/null`.
    Null,
}

impl Sink {
    pub(crate) fn stream(w: Box<dyn AsyncWrite + Send + Unpin>, tty: bool) -> Sink {
        Sink::Stream {
            w: Arc::new(tokio::sync::Mutex::new(w)),
            tty,
        }
    }

    pub(crate) fn buffer() -> (Sink, Arc<std::sync::Mutex<Vec<u8>>>) {
        let b = Arc::new(std::sync::Mutex::new(Vec::new()));
        (Sink::Buffer(b.clone()), b)
    }

    /// Writes everything; false when the reader went away (the shell then stops, like SIGPIPE).
    pub(crate) async fn write(&self, data: &[u8]) -> bool {
        match self {
            Sink::Null => true,
            Sink::Buffer(b) => b.lock().map(|mut v| v.extend_from_slice(data)).is_ok(),
            Sink::Stream { w, tty } => {
                let mut w = w.lock().await;
                let converted;
                let data = if *tty && data.contains(&b'\n') {
                    let mut out = Vec::with_capacity(data.len() + 8);
                    for (i, &b) in data.iter().enumerate() {
                        if b == b'\n' && (i == 0 || data[i - 1] != b'\r') {
                            out.push(b'\r');
                        }
                        out.push(b);
                    }
                    converted = out;
                    &converted[..]
                } else {
                    data
                };
                w.write_all(data).await.is_ok() && w.flush().await.is_ok()
            }
        }
    }
}

fn take_buf(b: &Arc<std::sync::Mutex<Vec<u8>>>) -> Vec<u8> {
    b.lock()
        .map(|mut v| std::mem::take(&mut *v))
        .unwrap_or_default()
}

/// What a command did to the control flow besides setting `$?`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Flow {
    Normal,
    /// `exit`, a fatal error or a closed output: stop the (sub)shell.
    Exit,
    Break(u32),
    Continue(u32),
}

/// Builtin commands the simulated container "has on its PATH".
pub(crate) const COMMANDS: &[&str] = &[
    "basename",
    "curl",
    "cut",
    "dirname",
    "exec",
    "grep",
    "head",
    "sort",
    "stty",
    "tail",
    "tar",
    "tr",
    "uniq",
    "wc",
    "wget",
    ":",
    "[",
    "ash",
    "bash",
    "break",
    "cat",
    "cd",
    "continue",
    "date",
    "echo",
    "env",
    "exit",
    "export",
    "false",
    "hostname",
    "httpd",
    "httpd-foreground",
    "id",
    "ls",
    "mkdir",
    "nginx",
    "printenv",
    "printf",
    "pwd",
    "read",
    "rm",
    "seq",
    "serve",
    "set",
    "sh",
    "sleep",
    "test",
    "touch",
    "true",
    "uname",
    "unset",
    "whoami",
];

/// Directories every simulated container has.
pub(crate) const ROOT_DIRS: &[&str] = &[
    "bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var",
];

pub(crate) struct Shell {
    pub(crate) vars: BTreeMap<String, String>,
    pub(crate) args: Vec<String>,
    pub(crate) last: i32,
    pub(crate) hostname: String,
    pub(crate) fs: SimFs,
    pub(crate) net: Option<super::NetDialer>,
    pub(crate) stdin: Option<Box<dyn AsyncBufRead + Send + Unpin>>,
    pub(crate) out: Sink,
    pub(crate) err: Sink,
    pub(crate) tty: bool,
    pub(crate) size: super::TermSize,
    pub(crate) interactive: bool,
    pub(crate) errexit: bool,
    pub(crate) xtrace: bool,
    /// Set once a write failed: the reader is gone, so loops must stop.
    pub(crate) broken: bool,
}

pub(crate) fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

impl Shell {
    pub(crate) async fn say(&mut self, s: &str) {
        if !self.out.write(s.as_bytes()).await {
            self.broken = true;
        }
    }

    pub(crate) async fn complain(&mut self, s: &str) {
        let line = format!("{s}\n");
        if !self.err.write(line.as_bytes()).await {
            self.broken = true;
        }
    }

    /// Runs a script in this shell (the body of `sh -c`).
    pub(crate) async fn run_script(&mut self, script: &str) -> i32 {
        match parse(script) {
            Ok(node) => {
                self.exec(&node).await;
            }
            Err(e) => {
                self.complain(&format!("sh: {e}")).await;
                self.last = 2;
            }
        }
        self.last
    }

    /// An interactive shell reading commands from stdin, with a `/ # ` prompt on a TTY.
    pub(crate) async fn interactive(&mut self) -> i32 {
        self.interactive = true;
        let mut pending = String::new();
        loop {
            if self.tty {
                let prompt = if pending.is_empty() {
                    format!(
                        "{} # ",
                        self.vars.get("PWD").map(String::as_str).unwrap_or("/")
                    )
                } else {
                    "> ".to_string()
                };
                self.say(&prompt).await;
            }
            let Some(line) = self.read_line().await else {
                if self.tty {
                    self.say("\n").await;
                }
                break;
            };
            pending.push_str(&line);
            pending.push('\n');
            match parse(&pending) {
                Ok(node) => {
                    pending.clear();
                    if self.exec(&node).await == Flow::Exit || self.broken {
                        break;
                    }
                }
                // A construct continued on the next line (`while …` then `do …`).
                Err(e) if e.0.starts_with("unexpected end of file") => {}
                Err(e) => {
                    pending.clear();
                    self.complain(&format!("sh: {e}")).await;
                    self.last = 2;
                }
            }
        }
        self.last
    }

    async fn read_byte(&mut self) -> Option<u8> {
        let stdin = self.stdin.as_mut()?;
        let buf = stdin.fill_buf().await.ok()?;
        let b = *buf.first()?;
        stdin.consume(1);
        Some(b)
    }

    /// One line of stdin without its newline; None at EOF. On a TTY this does the terminal's
    /// line discipline too: echo, backspace, ^C, ^D, `\r` as end of line.
    pub(crate) async fn read_line(&mut self) -> Option<String> {
        if !self.tty {
            let stdin = self.stdin.as_mut()?;
            let mut line = Vec::new();
            let n = stdin.read_until(b'\n', &mut line).await.ok()?;
            if n == 0 {
                return None;
            }
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            return Some(String::from_utf8_lossy(&line).into_owned());
        }
        let mut line: Vec<u8> = Vec::new();
        loop {
            let Some(b) = self.read_byte().await else {
                return if line.is_empty() {
                    None
                } else {
                    Some(lossy(&line))
                };
            };
            match b {
                b'\r' | b'\n' => {
                    self.say("\r\n").await;
                    return Some(lossy(&line));
                }
                0x7f | 0x08 => {
                    if line.pop().is_some() {
                        self.say("\x08 \x08").await;
                    }
                }
                0x03 => {
                    self.say("^C\r\n").await;
                    line.clear();
                    return Some(String::new());
                }
                0x04 if line.is_empty() => return None,
                _ => {
                    line.push(b);
                    if !self.out.write(&[b]).await {
                        self.broken = true;
                    }
                }
            }
        }
    }

    pub(crate) fn exec<'a>(&'a mut self, node: &'a Node) -> BoxFut<'a, Flow> {
        Box::pin(async move {
            if self.broken {
                self.last = 141;
                return Flow::Exit;
            }
            match node {
                Node::Simple {
                    assigns,
                    words,
                    redirects,
                } => self.simple(assigns, words, redirects).await,
                Node::List(items) => {
                    for item in items {
                        let f = self.exec(item).await;
                        if f != Flow::Normal {
                            return f;
                        }
                        // `set -e`: a failing command (not a condition) ends the shell.
                        if self.errexit
                            && self.last != 0
                            && !matches!(item, Node::And(..) | Node::Or(..) | Node::Not(_))
                        {
                            return Flow::Exit;
                        }
                    }
                    Flow::Normal
                }
                Node::And(a, b) => {
                    let f = self.exec_cond(a).await;
                    if f != Flow::Normal || self.last != 0 {
                        return f;
                    }
                    self.exec(b).await
                }
                Node::Or(a, b) => {
                    let f = self.exec_cond(a).await;
                    if f != Flow::Normal || self.last == 0 {
                        return f;
                    }
                    self.exec(b).await
                }
                Node::Not(a) => {
                    let f = self.exec_cond(a).await;
                    self.last = i32::from(self.last == 0);
                    f
                }
                Node::Pipeline(cmds) => self.pipeline(cmds).await,
                Node::Group(body) => self.exec(body).await,
                Node::Subshell(body) => {
                    let vars = self.vars.clone();
                    let f = self.exec(body).await;
                    self.vars = vars;
                    if f == Flow::Exit && !self.broken {
                        Flow::Normal
                    } else {
                        f
                    }
                }
                Node::While { until, cond, body } => {
                    let mut status = 0;
                    loop {
                        match self.exec_cond(cond).await {
                            Flow::Normal => {}
                            f => return f,
                        }
                        if (self.last == 0) == *until {
                            break;
                        }
                        match self.exec(body).await {
                            Flow::Normal | Flow::Continue(1) => {}
                            Flow::Break(1) => break,
                            Flow::Break(n) => return Flow::Break(n - 1),
                            Flow::Continue(n) => return Flow::Continue(n - 1),
                            Flow::Exit => return Flow::Exit,
                        }
                        status = self.last;
                        // A tight `while true; do :; done` must not starve the runtime.
                        tokio::task::yield_now().await;
                    }
                    self.last = status;
                    Flow::Normal
                }
                Node::For { var, items, body } => {
                    let values = match items {
                        Some(words) => {
                            let mut v = Vec::new();
                            for w in words {
                                match self.expand(w).await {
                                    Ok(mut f) => v.append(&mut f),
                                    Err(f) => return f,
                                }
                            }
                            v
                        }
                        None => self.args.iter().skip(1).cloned().collect(),
                    };
                    self.last = 0;
                    for value in values {
                        self.vars.insert(var.clone(), value);
                        match self.exec(body).await {
                            Flow::Normal | Flow::Continue(1) => {}
                            Flow::Break(1) => break,
                            Flow::Break(n) => return Flow::Break(n - 1),
                            Flow::Continue(n) => return Flow::Continue(n - 1),
                            Flow::Exit => return Flow::Exit,
                        }
                        tokio::task::yield_now().await;
                    }
                    Flow::Normal
                }
                Node::If {
                    branches,
                    otherwise,
                } => {
                    for (cond, body) in branches {
                        let f = self.exec_cond(cond).await;
                        if f != Flow::Normal {
                            return f;
                        }
                        if self.last == 0 {
                            return self.exec(body).await;
                        }
                    }
                    match otherwise {
                        Some(body) => self.exec(body).await,
                        None => {
                            self.last = 0;
                            Flow::Normal
                        }
                    }
                }
            }
        })
    }

    /// A condition: `set -e` does not apply inside it.
    async fn exec_cond(&mut self, node: &Node) -> Flow {
        let e = std::mem::replace(&mut self.errexit, false);
        let f = self.exec(node).await;
        self.errexit = e;
        f
    }

    async fn pipeline(&mut self, cmds: &[Node]) -> Flow {
        // Each stage runs to completion with its output buffered, then feeds the next stage:
        // enough for `echo hi | cat`, and it keeps the interpreter single-threaded.
        let saved_out = self.out.clone();
        let mut real_in = Some(self.stdin.take());
        let mut real_in_back = None;
        let mut next_input: Option<Box<dyn AsyncBufRead + Send + Unpin>> = None;
        for (i, cmd) in cmds.iter().enumerate() {
            let cap = if i + 1 == cmds.len() {
                self.out = saved_out.clone();
                None
            } else {
                let (sink, buf) = Sink::buffer();
                self.out = sink;
                Some(buf)
            };
            self.stdin = if i == 0 {
                real_in.take().flatten()
            } else {
                next_input.take()
            };
            // Every stage is a subshell: its variables and `exit` stay inside.
            let vars = self.vars.clone();
            self.exec(cmd).await;
            self.vars = vars;
            if i == 0 {
                real_in_back = self.stdin.take();
            } else {
                self.stdin = None;
            }
            if let Some(buf) = cap {
                next_input = Some(Box::new(Cursor::new(take_buf(&buf))));
            }
            if self.broken {
                break;
            }
        }
        self.out = saved_out;
        self.stdin = real_in_back;
        if self.broken {
            Flow::Exit
        } else {
            Flow::Normal
        }
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
