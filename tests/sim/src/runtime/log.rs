//! A container's log as the runtime keeps it (what containerd writes under /var/log/pods):
//! append-only timestamped lines, closed when the container ends. The kubelet's `pods/log`
//! semantics over it live in `kubelet::logs`.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use chrono::{DateTime, Utc};
use tokio::io::AsyncWrite;
use tokio::sync::watch;

/// One line of output with the time the runtime received it; `text` keeps its `\n`
/// (only a final unterminated line lacks it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub time: DateTime<Utc>,
    pub text: Vec<u8>,
}

#[derive(Default)]
struct Inner {
    lines: Vec<LogLine>,
    partial: Vec<u8>,
    closed: bool,
}

/// The log of one container instance. Cheap to share (`Arc`); writers append, readers
/// render or follow.
pub struct ContainerLog {
    inner: Mutex<Inner>,
    /// Bumped on every change so followers wake up.
    changed: watch::Sender<u64>,
}

impl Default for ContainerLog {
    fn default() -> Self {
        ContainerLog {
            inner: Mutex::new(Inner::default()),
            changed: watch::channel(0).0,
        }
    }
}

impl ContainerLog {
    pub fn new() -> Arc<ContainerLog> {
        Arc::new(ContainerLog::default())
    }

    fn bump(&self) {
        self.changed.send_modify(|v| *v += 1);
    }

    /// Appends output; complete lines are stamped now, a trailing partial line waits for its
    /// newline (or [`close`](Self::close)).
    pub fn append(&self, data: &[u8]) {
        self.append_at(data, Utc::now());
    }

    /// [`append`](Self::append) with an explicit time (tests, replay).
    pub fn append_at(&self, data: &[u8], time: DateTime<Utc>) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.closed {
            return;
        }
        for piece in data.split_inclusive(|b| *b == b'\n') {
            inner.partial.extend_from_slice(piece);
            if piece.ends_with(b"\n") {
                let text = std::mem::take(&mut inner.partial);
                inner.lines.push(LogLine { time, text });
            }
        }
        drop(inner);
        self.bump();
    }

    /// The container terminated: flush a partial line and end every follower.
    pub fn close(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            if !inner.partial.is_empty() {
                let text = std::mem::take(&mut inner.partial);
                inner.lines.push(LogLine {
                    time: Utc::now(),
                    text,
                });
            }
            inner.closed = true;
        }
        self.bump();
    }

    pub fn is_closed(&self) -> bool {
        self.inner.lock().map(|i| i.closed).unwrap_or(true)
    }

    /// A snapshot of the complete lines.
    pub fn lines(&self) -> Vec<LogLine> {
        self.inner
            .lock()
            .map(|i| i.lines.clone())
            .unwrap_or_default()
    }

    /// The complete lines from index `from` on, and whether the log is closed (None if the
    /// log is unusable).
    pub fn lines_from(&self, from: usize) -> Option<(Vec<LogLine>, bool)> {
        let i = self.inner.lock().ok()?;
        Some((i.lines[from.min(i.lines.len())..].to_vec(), i.closed))
    }

    /// A receiver that changes whenever the log does (followers wait on it).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// An `AsyncWrite` appending to this log: pass it as a process's stdout/stderr.
    pub fn writer(self: &Arc<Self>) -> LogWriter {
        LogWriter(self.clone())
    }
}

/// See [`ContainerLog::writer`].
pub struct LogWriter(Arc<ContainerLog>);

impl AsyncWrite for LogWriter {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        b: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.0.append(b);
        Poll::Ready(Ok(b.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
