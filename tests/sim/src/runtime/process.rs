//! A container's main process as the runtime sees it: started from the pod spec
//! (`image`, `command`, `args`, `stdin`, `stdinOnce`, `tty`) in the built-in shell, its output
//! captured in a [`ContainerLog`] and fanned out to `kubectl attach` sessions, its exit code
//! observable, and killable.
//!
//! The kubelet starts one per container run ([`ContainerProcess::start`]) and keeps the
//! current and the previous run in its pod handle, where `pods/log`, `pods/attach` and
//! `pods/exec` find them.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{broadcast, mpsc, watch};
use tokio::task::JoinHandle;

use super::log::ContainerLog;
use super::session::{ExecOutcome, Runner};
use super::shell::{self, ShellContext, ShellIo};

/// What the container spec says about the main process.
#[derive(Clone, Debug, Default)]
pub struct ProcessSpec {
    pub image: String,
    pub command: Vec<String>,
    pub args: Vec<String>,
    /// `stdin: true`: the process gets a stdin that attach sessions write to.
    pub stdin: bool,
    /// `stdinOnce: true`: stdin closes when the first attach session that used it ends.
    pub stdin_once: bool,
    pub tty: bool,
}

impl ProcessSpec {
    /// Reads the fields from a container spec JSON.
    pub fn from_container(c: &Value) -> ProcessSpec {
        let strings = |k: &str| -> Vec<String> {
            c[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        ProcessSpec {
            image: c["image"].as_str().unwrap_or("").to_string(),
            command: strings("command"),
            args: strings("args"),
            stdin: c["stdin"].as_bool().unwrap_or(false),
            stdin_once: c["stdinOnce"].as_bool().unwrap_or(false),
            tty: c["tty"].as_bool().unwrap_or(false),
        }
    }
}

/// A running (or finished) main process.
pub struct ContainerProcess {
    /// Everything it printed (stdout and stderr), with timestamps.
    pub log: Arc<ContainerLog>,
    /// Whether it has a TTY (attach then merges stderr into stdout).
    pub tty: bool,
    stdin_once: bool,
    stdin: Mutex<Option<mpsc::UnboundedSender<Vec<u8>>>>,
    /// Its terminal's size: attach sessions' resize events land here.
    size: shell::TermSize,
    output: Arc<Output>,
    exit: watch::Receiver<Option<i32>>,
    task: JoinHandle<()>,
}

/// The fan-out of a process's output to attach sessions. Its channel exists only once a
/// session subscribes: a broadcast buffer costs ~64 KiB, times every container of a big cluster.
#[derive(Default)]
struct Output(Mutex<Option<broadcast::Sender<(u8, Bytes)>>>);

impl Output {
    fn send(&self, channel: u8, b: &[u8]) {
        if let Ok(tx) = self.0.lock()
            && let Some(tx) = tx.as_ref()
        {
            // No attach session listening is fine.
            let _ = tx.send((channel, Bytes::copy_from_slice(b)));
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<(u8, Bytes)> {
        let mut tx = self.0.lock().unwrap_or_else(|p| p.into_inner());
        tx.get_or_insert_with(|| broadcast::channel(1024).0)
            .subscribe()
    }
}

/// stdout (1) or stderr (2) of the process: appends to the log and feeds attach sessions.
struct Tee {
    log: Arc<ContainerLog>,
    out: Arc<Output>,
    channel: u8,
}

impl AsyncWrite for Tee {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        b: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.log.append(b);
        self.out.send(self.channel, b);
        Poll::Ready(Ok(b.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

impl ContainerProcess {
    /// Starts the process (image default process when neither command nor args are set;
    /// crashing images exit 1 at once). The log is closed when it exits.
    pub fn start(spec: &ProcessSpec, ctx: ShellContext) -> Arc<ContainerProcess> {
        let log = ContainerLog::new();
        let size = shell::term_size();
        let out_tx = Arc::new(Output::default());
        let (exit_tx, exit_rx) = watch::channel(None);
        let (stdin_tx, stdin_r) = if spec.stdin {
            let (w, r) = tokio::io::duplex(64 * 1024);
            let (tx, mut rx) = mpsc::unbounded_channel::<Vec<u8>>();
            tokio::spawn(async move {
                let mut w = w;
                while let Some(chunk) = rx.recv().await {
                    if w.write_all(&chunk).await.is_err() {
                        break;
                    }
                }
            });
            (
                Some(tx),
                Some(Box::new(r) as Box<dyn AsyncRead + Send + Unpin>),
            )
        } else {
            (None, None)
        };
        let io = ShellIo {
            stdin: stdin_r,
            stdout: Box::new(Tee {
                log: log.clone(),
                out: out_tx.clone(),
                channel: 1,
            }),
            stderr: Box::new(Tee {
                log: log.clone(),
                out: out_tx.clone(),
                channel: 2,
            }),
            size: size.clone(),
        };
        let (spec2, log2) = (spec.clone(), log.clone());
        let task = tokio::spawn(async move {
            let code = shell::run_container_tty(
                &spec2.image,
                &spec2.command,
                &spec2.args,
                &ctx,
                io,
                spec2.tty,
            )
            .await;
            log2.close();
            let _ = exit_tx.send(Some(code));
        });
        Arc::new(ContainerProcess {
            log,
            tty: spec.tty,
            stdin_once: spec.stdin_once,
            stdin: Mutex::new(stdin_tx),
            size,
            output: out_tx,
            exit: exit_rx,
            task,
        })
    }

    /// The exit code once it has exited.
    pub fn exit_code(&self) -> Option<i32> {
        *self.exit.borrow()
    }

    /// Waits for the exit code.
    pub async fn wait(&self) -> i32 {
        let mut rx = self.exit.clone();
        loop {
            if let Some(c) = *rx.borrow_and_update() {
                return c;
            }
            if rx.changed().await.is_err() {
                // The process task is gone without reporting: it was killed.
                return self.exit_code().unwrap_or(137);
            }
        }
    }

    /// Kills it (container stop): the log is closed and the exit code is 137 (SIGKILL).
    pub fn kill(&self) {
        if self.exit_code().is_none() {
            self.task.abort();
            self.log.close();
        }
    }

    fn close_stdin(&self) {
        if let Ok(mut s) = self.stdin.lock() {
            *s = None;
        }
    }

    fn stdin_sender(&self) -> Option<mpsc::UnboundedSender<Vec<u8>>> {
        self.stdin.lock().ok().and_then(|s| s.clone())
    }

    /// The runner of a `kubectl attach` session: output produced from now on goes to the
    /// client, the client's stdin (when the spec has `stdin`) goes to the process, and the
    /// session ends with Success when the process exits.
    pub fn attach_runner(self: &Arc<Self>) -> Runner {
        let proc = self.clone();
        Box::new(move |io: ShellIo| {
            Box::pin(async move {
                let mut rx = proc.output.subscribe();
                let mut exit = proc.exit.clone();
                if proc.exit_code().is_some() {
                    return ExecOutcome::Exited(0);
                }
                // The session's resize events go to the process's terminal.
                let mut resized = io.size.subscribe();
                let target = proc.size.clone();
                let resize_pump = tokio::spawn(async move {
                    while resized.changed().await.is_ok() {
                        let s = *resized.borrow_and_update();
                        target.send_replace(s);
                    }
                });
                let stdin_pump = match (io.stdin, proc.stdin_sender()) {
                    (Some(mut r), Some(tx)) => {
                        let p = proc.clone();
                        Some(tokio::spawn(async move {
                            let mut buf = vec![0u8; 8192];
                            loop {
                                match r.read(&mut buf).await {
                                    Ok(0) | Err(_) => break,
                                    Ok(n) => {
                                        if tx.send(buf[..n].to_vec()).is_err() {
                                            break;
                                        }
                                    }
                                }
                            }
                            if p.stdin_once {
                                p.close_stdin();
                            }
                        }))
                    }
                    _ => None,
                };
                let (mut out, mut err) = (io.stdout, io.stderr);
                loop {
                    tokio::select! {
                        m = rx.recv() => match m {
                            Ok((ch, b)) => {
                                let w = if ch == 2 && !proc.tty { &mut err } else { &mut out };
                                if w.write_all(&b).await.is_err() {
                                    break;
                                }
                                let _ = w.flush().await;
                            }
                            Err(broadcast::error::RecvError::Lagged(_)) => {}
                            Err(broadcast::error::RecvError::Closed) => break,
                        },
                        r = exit.changed() => {
                            // Deliver what was printed before the exit, then end.
                            while let Ok((ch, b)) = rx.try_recv() {
                                let w = if ch == 2 && !proc.tty { &mut err } else { &mut out };
                                let _ = w.write_all(&b).await;
                            }
                            if r.is_err() || proc.exit_code().is_some() {
                                break;
                            }
                        }
                    }
                }
                if let Some(p) = stdin_pump {
                    p.abort();
                }
                resize_pump.abort();
                ExecOutcome::Exited(0)
            })
        })
    }
}

impl Drop for ContainerProcess {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::shell::tests::Capture;

    fn spec(image: &str, command: &[&str], stdin: bool) -> ProcessSpec {
        ProcessSpec {
            image: image.into(),
            command: command.iter().map(|s| s.to_string()).collect(),
            stdin,
            ..Default::default()
        }
    }

    fn ctx() -> ShellContext {
        ShellContext::for_container("job-x", "default", "10.0.0.1", &[])
    }

    #[tokio::test]
    async fn job_output_lands_in_the_log_with_its_exit_code() {
        let p = ContainerProcess::start(
            &spec("busybox", &["sh", "-c", "echo done; exit 2"], false),
            ctx(),
        );
        assert_eq!(p.wait().await, 2);
        assert!(p.log.is_closed());
        let text: Vec<u8> = p.log.lines().into_iter().flat_map(|l| l.text).collect();
        assert_eq!(text, b"done\n");
        let crash = ContainerProcess::start(&spec("example/crash:1", &[], false), ctx());
        assert_eq!(crash.wait().await, 1);
    }

    #[tokio::test]
    async fn attach_sees_new_output_and_feeds_stdin() {
        let p = ContainerProcess::start(&spec("busybox", &["sh"], true), ctx());
        let (out, err) = (Capture::default(), Capture::default());
        let (mut client_in, proc_in) = tokio::io::duplex(1024);
        let io = ShellIo {
            stdin: Some(Box::new(proc_in)),
            stdout: Box::new(out.clone()),
            stderr: Box::new(err.clone()),
            size: shell::term_size(),
        };
        let session = tokio::spawn(p.attach_runner()(io));
        client_in
            .write_all(b"echo attached\nexit 6\n")
            .await
            .unwrap();
        assert_eq!(session.await.unwrap(), ExecOutcome::Exited(0));
        assert_eq!(p.wait().await, 6);
        assert_eq!(out.text(), "attached\n");
        let text: Vec<u8> = p.log.lines().into_iter().flat_map(|l| l.text).collect();
        assert_eq!(text, b"attached\n");
    }

    #[tokio::test]
    async fn kill_closes_the_log() {
        let p = ContainerProcess::start(&spec("nginx", &[], false), ctx());
        assert!(p.exit_code().is_none());
        p.kill();
        assert!(p.log.is_closed());
    }
}
