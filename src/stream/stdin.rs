//! stdin for streaming verbs: a blocking source (the process's stdin, or a test buffer taken
//! from [`Ui`](crate::ui::Ui)) read on a detached thread and handed to async code in chunks.
//!
//! A thread of our own rather than `tokio::io::stdin`: a read blocked on a terminal can never
//! be cancelled, and tokio would wait for it when the runtime shuts down (the user would have
//! to press enter after the remote shell exited). A detached thread simply dies with the
//! process. The channel is bounded, so a slow remote end slows the reader instead of
//! buffering all of stdin in memory.

use std::io::{self, Read};

use tokio::sync::mpsc;

use crate::ui::Source;

/// How much one read may return; also the largest stdin frame sent upstream.
const CHUNK: usize = 32 * 1024;

/// Chunks of stdin; `None` from [`Input::next`] is EOF.
pub struct Input {
    rx: mpsc::Receiver<io::Result<Vec<u8>>>,
}

impl Input {
    /// Start reading `src` on its own thread.
    pub fn spawn(mut src: Source) -> Input {
        let (tx, rx) = mpsc::channel(8);
        let spawned = std::thread::Builder::new()
            .name("kk-stdin".into())
            .spawn(move || {
                let mut buf = vec![0u8; CHUNK];
                loop {
                    let msg = match src.read(&mut buf) {
                        Ok(0) => return,
                        Ok(n) => Ok(buf[..n].to_vec()),
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => Err(e),
                    };
                    let failed = msg.is_err();
                    if tx.blocking_send(msg).is_err() || failed {
                        return;
                    }
                }
            });
        if let Err(e) = spawned {
            // Without a thread there is no stdin: report it as the first read's error.
            let (tx, rx) = mpsc::channel(1);
            let _ = tx.try_send(Err(e));
            return Input { rx };
        }
        Input { rx }
    }

    /// The next chunk, `None` at EOF.
    pub async fn next(&mut self) -> Option<io::Result<Vec<u8>>> {
        self.rx.recv().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reads_everything_then_eof() {
        let data: Vec<u8> = (0..100_000u32).map(|i| i as u8).collect();
        let mut input = Input::spawn(Box::new(io::Cursor::new(data.clone())));
        let mut got = Vec::new();
        while let Some(chunk) = input.next().await {
            got.extend(chunk.unwrap());
        }
        assert_eq!(got, data);
    }
}
