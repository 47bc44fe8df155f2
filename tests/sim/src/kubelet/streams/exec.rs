//! `pods/exec` and `pods/attach` over WebSocket (`v5.channel.k8s.io`, `v4.channel.k8s.io`,
//! `v4.base64.channel.k8s.io`): relays stdin/stdout/stderr between the client and a process,
//! takes resize events, and ends with stdout/stderr flushed, then one Status on channel 3,
//! then a normal close, the order kube-rs and kubectl depend on.

use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::wschannel::{CLOSE_CHANNEL, ChannelProtocol};
use crate::apiserver::status::ApiError;
pub use crate::runtime::session::{ExecOutcome, Runner, shell_runner};
use crate::runtime::shell::{self, ShellIo};

/// Channels of the remote-command protocol.
pub const STDIN: u8 = 0;
pub const STDOUT: u8 = 1;
pub const STDERR: u8 = 2;
pub const ERROR: u8 = 3;
pub const RESIZE: u8 = 4;

/// The query of `pods/<p>/exec` or `pods/<p>/attach`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecParams {
    pub command: Vec<String>,
    pub container: Option<String>,
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    pub tty: bool,
    /// Not from the query: the `exec-cut=BYTES` fault. After this many bytes of stdout the
    /// session ends with a normal WebSocket close and no Status, as a stream cut short.
    pub stdout_limit: Option<u64>,
}

/// Decodes one `application/x-www-form-urlencoded` component (`+` is a space).
pub fn query_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
                {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `(key, value)` pairs of a query string, decoded, empty pairs skipped.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (query_decode(k), query_decode(v)),
            None => (query_decode(p), String::new()),
        })
        .collect()
}

fn flag(v: &str) -> Result<bool, ApiError> {
    match v {
        "true" | "1" | "True" | "TRUE" | "t" | "T" => Ok(true),
        "" | "false" | "0" | "False" | "FALSE" | "f" | "F" => Ok(false),
        _ => Err(ApiError::bad_request(format!(
            "strconv.ParseBool: parsing \"{v}\": invalid syntax"
        ))),
    }
}

impl ExecParams {
    /// Parses the query like the apiserver's `PodExecOptions` conversion, with its errors:
    /// no stream at all, tty together with stderr, and (for exec) no command.
    pub fn from_query(query: &str, is_exec: bool) -> Result<ExecParams, ApiError> {
        let mut p = ExecParams::default();
        for (k, v) in query_pairs(query) {
            match k.as_str() {
                "command" => p.command.push(v),
                "container" => p.container = Some(v),
                "stdin" => p.stdin = flag(&v)?,
                "stdout" => p.stdout = flag(&v)?,
                "stderr" => p.stderr = flag(&v)?,
                "tty" => p.tty = flag(&v)?,
                _ => {}
            }
        }
        if !(p.stdin || p.stdout || p.stderr) {
            return Err(ApiError::bad_request(
                "you must specify at least 1 of stdin, stdout, stderr",
            ));
        }
        if p.tty && p.stderr {
            return Err(ApiError::bad_request("stderr cannot be specified with tty"));
        }
        if is_exec && p.command.is_empty() {
            return Err(ApiError::bad_request(
                "you must specify at least one command for the container",
            ));
        }
        Ok(p)
    }
}

/// The Status sent on channel 3. `command` is quoted in the message like Go's `%v` of a
/// string slice: `[sh -c exit 3]`.
pub fn status_json(outcome: &ExecOutcome, command: &[String]) -> String {
    // Built by hand to keep the apiserver's field order (metadata, status, message, reason,
    // details, code).
    let s = |v: &str| serde_json::Value::String(v.to_string()).to_string();
    match outcome {
        ExecOutcome::Exited(0) => r#"{"metadata":{},"status":"Success"}"#.to_string(),
        ExecOutcome::Exited(code) => {
            let msg = format!(
                "command terminated with non-zero exit code: error executing command [{}], exit code {code}",
                command.join(" ")
            );
            format!(
                r#"{{"metadata":{{}},"status":"Failure","message":{},"reason":"NonZeroExitCode","details":{{"causes":[{{"reason":"ExitCode","message":{}}}]}}}}"#,
                s(&msg),
                s(&code.to_string())
            )
        }
        ExecOutcome::Failed(msg) => format!(
            r#"{{"metadata":{{}},"status":"Failure","message":{},"reason":"InternalError","details":{{"causes":[{{"message":{}}}]}},"code":500}}"#,
            s(msg),
            s(msg)
        ),
    }
}

/// The JSON of a resize event (`{"Width":120,"Height":40}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct TerminalSize {
    #[serde(rename = "Width")]
    pub width: u16,
    #[serde(rename = "Height")]
    pub height: u16,
}

/// Serves one exec/attach session on an upgraded WebSocket until the process ends (or the
/// client goes away, which kills the process).
pub async fn exec_ws<S>(
    ws: WebSocketStream<S>,
    protocol: ChannelProtocol,
    params: ExecParams,
    runner: Runner,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut tx, mut rx) = ws.split();

    // stdin goes through a task so a process that never reads cannot stall this loop.
    let (stdin_tx, stdin_r) = if params.stdin {
        let (w, r) = tokio::io::duplex(64 * 1024);
        let (tx, mut rx_chunks) = mpsc::unbounded_channel::<Vec<u8>>();
        tokio::spawn(async move {
            let mut w = w;
            while let Some(chunk) = rx_chunks.recv().await {
                if w.write_all(&chunk).await.is_err() {
                    break;
                }
            }
        });
        (Some(tx), Some(r))
    } else {
        (None, None)
    };
    let mut stdin_tx = stdin_tx;
    let (out_w, mut out_r) = tokio::io::duplex(64 * 1024);
    let (err_w, mut err_r) = tokio::io::duplex(64 * 1024);
    let size = shell::term_size();
    let io = ShellIo {
        stdin: stdin_r.map(|r| Box::new(r) as Box<dyn AsyncRead + Send + Unpin>),
        stdout: Box::new(out_w),
        stderr: Box::new(err_w),
        size: size.clone(),
    };
    let mut process = tokio::spawn(runner(io));

    let (mut out_eof, mut err_eof) = (false, false);
    let mut outcome: Option<ExecOutcome> = None;
    let mut sent = 0u64;
    let mut obuf = vec![0u8; 32 * 1024];
    let mut ebuf = vec![0u8; 32 * 1024];
    while !(out_eof && err_eof && outcome.is_some()) {
        tokio::select! {
            msg = rx.next() => match msg {
                Some(Ok(m @ (Message::Binary(_) | Message::Text(_)))) => {
                    match protocol.decode(&m) {
                        Some((STDIN, data)) => {
                            if let Some(tx) = &stdin_tx {
                                let _ = tx.send(data);
                            }
                        }
                        Some((RESIZE, data)) => {
                            // The process sees it (`stty size`); a malformed event is ignored
                            // like the kubelet does after logging it.
                            if let Ok(t) = serde_json::from_slice::<TerminalSize>(&data) {
                                size.send_replace(Some((t.width, t.height)));
                            }
                        }
                        Some((CLOSE_CHANNEL, data))
                            if protocol == ChannelProtocol::V5 && data.first() == Some(&STDIN) =>
                        {
                            stdin_tx = None;
                        }
                        _ => {}
                    }
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {
                    // tungstenite queues the pong itself; flushing sends it now.
                    let _ = tx.flush().await;
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => {
                    // Without a client nobody can see the output: stop the process.
                    process.abort();
                    return;
                }
            },
            n = out_r.read(&mut obuf), if !out_eof => match n {
                Ok(0) | Err(_) => out_eof = true,
                Ok(n) => {
                    let (n, cut) = match params.stdout_limit {
                        Some(limit) if sent + n as u64 >= limit => ((limit - sent) as usize, true),
                        _ => (n, false),
                    };
                    sent += n as u64;
                    if params.stdout && n > 0 && tx.send(protocol.encode(STDOUT, &obuf[..n])).await.is_err() {
                        process.abort();
                        return;
                    }
                    if cut {
                        process.abort();
                        close(tx, rx).await;
                        return;
                    }
                }
            },
            n = err_r.read(&mut ebuf), if !err_eof => match n {
                Ok(0) | Err(_) => err_eof = true,
                Ok(n) => {
                    // With a TTY the shell already merged stderr into stdout.
                    let ch = if params.stderr { Some(STDERR) } else if params.tty { Some(STDOUT) } else { None };
                    if let Some(ch) = ch
                        && tx.send(protocol.encode(ch, &ebuf[..n])).await.is_err()
                    {
                        process.abort();
                        return;
                    }
                }
            },
            r = &mut process, if outcome.is_none() => {
                outcome = Some(r.unwrap_or_else(|e| ExecOutcome::Failed(format!("process failed: {e}"))));
            }
        }
    }
    drop(stdin_tx);
    let status = status_json(
        outcome.as_ref().unwrap_or(&ExecOutcome::Exited(0)),
        &params.command,
    );
    let _ = tx.send(protocol.encode(ERROR, status.as_bytes())).await;
    close(tx, rx).await;
}

/// A normal close, then the client's close reply so the TCP connection ends cleanly.
async fn close<S>(
    mut tx: futures::stream::SplitSink<WebSocketStream<S>, Message>,
    mut rx: futures::stream::SplitStream<WebSocketStream<S>>,
) where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let _ = tx
        .send(Message::Close(Some(CloseFrame {
            code: CloseCode::Normal,
            reason: "".into(),
        })))
        .await;
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        while let Some(Ok(_)) = rx.next().await {}
    })
    .await;
}
