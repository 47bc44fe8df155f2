//! An exec or attach session (client-go's `remotecommand` over WebSocket): local stdin to
//! channel 0, channels 1 and 2 to stdout and stderr, window sizes to channel 4, and the
//! Status on channel 3 turned into kk's result — `command terminated with exit code N` and
//! exit N for a non-zero exit, the server's message for any other failure.
//!
//! [`session`] is the reusable piece: `exec`, `attach`, `cp` and `run -i -t` all end here.

use std::io::Write;
use std::time::Duration;

use futures::StreamExt;
use serde_json::Value;

use super::channel::{Channels, Frame};
use super::stdin::Input;
use super::terminal::{self, RawMode, Size};
use crate::ctx::Ctx;
use crate::error::{Error, Result};

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const STATUS: u8 = 3;
const RESIZE: u8 = 4;

/// What a session carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streams {
    /// Send local stdin.
    pub stdin: bool,
    /// Ask for stdout.
    pub stdout: bool,
    /// Ask for stderr (never together with `tty`: a terminal merges it).
    pub stderr: bool,
    /// A remote TTY: local raw mode and window sizes.
    pub tty: bool,
}

impl Streams {
    /// The query flags kubectl sends (false ones are left out).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        for (k, on) in [
            ("stdin", self.stdin),
            ("stdout", self.stdout),
            ("stderr", self.stderr),
            ("tty", self.tty),
        ] {
            if on {
                q.push((k, "true".to_string()));
            }
        }
        q
    }
}

/// Where a session's output goes and its input comes from.
pub enum Io {
    /// kk's own stdin/stdout/stderr (through `Ui`).
    Terminal,
    /// In-process: stdin from a channel, stdout to a channel (`cp` streams tar this way);
    /// stderr still goes to kk's stderr.
    Pipe {
        /// Chunks to send as stdin; the sender dropped is EOF.
        stdin: Option<tokio::sync::mpsc::Receiver<Vec<u8>>>,
        /// Receives stdout chunks.
        stdout: tokio::sync::mpsc::Sender<Vec<u8>>,
    },
}

/// How a session sizes the remote terminal at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitialSize {
    /// Send the local size (exec).
    Plain,
    /// Send the size plus one, then the size, so a running program sees a change and
    /// redraws (attach).
    Nudge,
}

/// Run one session on `path` (an `exec` or `attach` URL with its query) until the server
/// reports the remote status or closes. With `streams.tty` the local terminal is raw for
/// the duration and restored on every way out.
pub async fn session(
    ctx: &Ctx,
    path: &str,
    streams: Streams,
    io: Io,
    initial: InitialSize,
) -> Result<()> {
    let raw = if streams.tty {
        Some(RawMode::enable()?)
    } else {
        None
    };
    let result = run(ctx, path, streams, io, initial).await;
    drop(raw);
    result
}

async fn run(ctx: &Ctx, path: &str, streams: Streams, io: Io, initial: InitialSize) -> Result<()> {
    let client = ctx.client().await?;
    let mut ch = Channels::connect(&client, path)
        .await
        .map_err(|e| ctx.kube_error(e))?;
    let ws_err = |e: tokio_tungstenite::tungstenite::Error| Error::msg(e.to_string());

    let (mut term_in, mut pipe_in, pipe_out) = match io {
        Io::Terminal => (
            if streams.stdin {
                ctx.ui().take_stdin().map(Input::spawn)
            } else {
                None
            },
            None,
            None,
        ),
        Io::Pipe { stdin, stdout } => (None, stdin.filter(|_| streams.stdin), Some(stdout)),
    };
    let mut stdin_open = term_in.is_some() || pipe_in.is_some();
    if streams.stdin && !stdin_open {
        // Nothing to read: the remote side sees EOF at once.
        ch.close_channel(STDIN).await.map_err(ws_err)?;
    }

    let mut resizes = None;
    if streams.tty {
        let size = terminal::size();
        if let Some(s) = size {
            if initial == InitialSize::Nudge {
                send_size(
                    &mut ch,
                    Size {
                        width: s.width + 1,
                        height: s.height + 1,
                    },
                )
                .await?;
            }
            send_size(&mut ch, s).await?;
        }
        resizes = Some(terminal::resizes(size));
    }

    let mut ping = tokio::time::interval(Duration::from_secs(5));
    ping.tick().await;
    loop {
        tokio::select! {
            frame = ch.recv() => match frame.map_err(ws_err)? {
                Frame::Closed => return Ok(()),
                Frame::Data(STDOUT, b) if !b.is_empty() => match &pipe_out {
                    Some(tx) => {
                        if tx.send(b.to_vec()).await.is_err() {
                            return Ok(());
                        }
                    }
                    None => {
                        ctx.ui().out().write_all(&b)?;
                        ctx.ui().flush()?;
                    }
                },
                Frame::Data(STDERR, b) if !b.is_empty() => {
                    ctx.ui().err().write_all(&b)?;
                }
                Frame::Data(STATUS, b) if !b.is_empty() => {
                    ch.close().await;
                    return status(&b);
                }
                Frame::Data(..) => {}
            },
            chunk = next_input(&mut term_in, &mut pipe_in), if stdin_open => match chunk {
                Some(Ok(data)) => ch.send(STDIN, &data).await.map_err(ws_err)?,
                Some(Err(e)) => return Err(Error::Io(e)),
                None => {
                    stdin_open = false;
                    ch.close_channel(STDIN).await.map_err(ws_err)?;
                }
            },
            Some(size) = next_size(&mut resizes) => send_size(&mut ch, size).await?,
            _ = ping.tick() => ch.ping().await.map_err(ws_err)?,
        }
    }
}

async fn next_input(
    term: &mut Option<Input>,
    pipe: &mut Option<tokio::sync::mpsc::Receiver<Vec<u8>>>,
) -> Option<std::io::Result<Vec<u8>>> {
    if let Some(t) = term {
        return t.next().await;
    }
    match pipe {
        Some(p) => p.recv().await.map(Ok),
        None => None,
    }
}

async fn next_size<S: futures::Stream<Item = Size> + Unpin>(s: &mut Option<S>) -> Option<Size> {
    match s {
        Some(s) => s.next().await,
        None => futures::future::pending().await,
    }
}

async fn send_size(ch: &mut Channels, size: Size) -> Result<()> {
    let json = serde_json::to_vec(&size).map_err(|e| Error::msg(e.to_string()))?;
    ch.send(RESIZE, &json)
        .await
        .map_err(|e| Error::msg(e.to_string()))
}

/// The remote status as kk's result (client-go's `errorDecoderV4`).
pub fn status(body: &[u8]) -> Result<()> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        Error::msg(format!(
            "error stream protocol error: {e} in {:?}",
            String::from_utf8_lossy(body)
        ))
    })?;
    match v.get("status").and_then(Value::as_str) {
        Some("Success") => Ok(()),
        Some("Failure") => {
            if v.get("reason").and_then(Value::as_str) == Some("NonZeroExitCode") {
                let causes = v
                    .pointer("/details/causes")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for c in causes {
                    if c.get("reason").and_then(Value::as_str) != Some("ExitCode") {
                        continue;
                    }
                    let text = c.get("message").and_then(Value::as_str).unwrap_or("");
                    return match text.parse::<i32>() {
                        Ok(code) if (0..=255).contains(&code) => Err(Error::RemoteExit(code)),
                        _ => Err(Error::msg(format!(
                            "error stream protocol error: invalid exit code value {text:?}"
                        ))),
                    };
                }
                return Err(Error::msg(
                    "error stream protocol error: no exit code cause in the status",
                ));
            }
            let msg = v.get("message").and_then(Value::as_str).unwrap_or("");
            Err(Error::msg(msg))
        }
        _ => Err(Error::msg(format!(
            "error stream protocol error: unknown error {:?}",
            String::from_utf8_lossy(body)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert!(status(br#"{"metadata":{},"status":"Success"}"#).is_ok());
        let e = status(br#"{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: x","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"#).unwrap_err();
        assert!(matches!(e, Error::RemoteExit(3)));
        assert_eq!(
            status(br#"{"status":"Failure","message":"Internal error occurred: boom","reason":"InternalError"}"#)
                .unwrap_err()
                .render()
                .unwrap(),
            "error: Internal error occurred: boom\n"
        );
    }

    #[test]
    fn query_leaves_out_false_flags() {
        let s = Streams {
            stdin: true,
            stdout: true,
            stderr: false,
            tty: true,
        };
        assert_eq!(
            s.query(),
            vec![
                ("stdin", "true".to_string()),
                ("stdout", "true".to_string()),
                ("tty", "true".to_string())
            ]
        );
    }
}
