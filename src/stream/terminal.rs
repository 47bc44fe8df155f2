//! The local terminal during `exec -t` / `attach -t`: raw mode while the session runs, and
//! the window size the remote TTY should have (kubectl's `term.TTY` and `MonitorSize`).
//!
//! Raw mode is undone on every way out: [`RawMode`]'s `Drop` covers a normal return, an
//! error and unwinding; a panic hook covers a panic that aborts (it restores first, then
//! lets the default hook print); Ctrl-C arrives as a byte for the remote side while raw, and
//! SIGTERM/SIGHUP/SIGQUIT end the session through [`super::interrupt`], which drops the guard
//! before kk exits. Restoring is idempotent (crossterm keeps the state it saved).

use std::sync::Once;

use futures::Stream;
use serde::Serialize;

/// A terminal size as the resize channel carries it (`{"Width":80,"Height":24}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Size {
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

/// Raw mode on the terminal behind stdin, restored when dropped.
pub struct RawMode(());

impl RawMode {
    /// Put the terminal into raw mode (no echo, no line editing, no signal keys, no output
    /// processing) — as moby/term's `MakeRaw` does for kubectl.
    pub fn enable() -> std::io::Result<RawMode> {
        install_panic_hook();
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode(()))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore();
    }
}

/// Put the terminal back as it was before [`RawMode::enable`] (no-op when not raw).
pub fn restore() {
    let _ = crossterm::terminal::disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// The current window size of the controlling terminal, if there is one.
pub fn size() -> Option<Size> {
    let (width, height) = crossterm::terminal::size().ok()?;
    (width > 0 && height > 0).then_some(Size { width, height })
}

/// Window sizes as they change: one item per SIGWINCH whose size differs from the last one
/// sent (starting from `initial`). Ends never; drop it to stop watching.
pub fn resizes(initial: Option<Size>) -> impl Stream<Item = Size> + Send + Unpin {
    use tokio::signal::unix::{SignalKind, signal};
    let winch = signal(SignalKind::window_change()).ok();
    Box::pin(futures::stream::unfold(
        (winch, initial),
        |(mut winch, mut last)| async move {
            loop {
                match winch.as_mut() {
                    Some(w) => {
                        w.recv().await?;
                    }
                    None => futures::future::pending::<()>().await,
                }
                if let Some(s) = size()
                    && Some(s) != last
                {
                    last = Some(s);
                    return Some((s, (winch, last)));
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_serialises_as_the_resize_channel_wants() {
        let s = Size {
            width: 80,
            height: 24,
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"Width":80,"Height":24}"#
        );
    }
}
