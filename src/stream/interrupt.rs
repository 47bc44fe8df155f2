//! kubectl's `interrupt.Handler`: while a streaming verb runs, SIGINT, SIGTERM, SIGHUP and
//! SIGQUIT end it in an orderly way — the running future is dropped (so a raw terminal is
//! restored and connections close) and the verb decides the exit code (kubectl: 1 for
//! `logs -f`, `exec`, `attach`; 0 for Ctrl-C in `port-forward`).

use std::future::Future;

use tokio::signal::unix::{Signal, SignalKind, signal};

/// The signal that ended a [`run`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupted {
    /// SIGINT (Ctrl-C on a cooked terminal).
    Int,
    /// SIGTERM, SIGHUP or SIGQUIT.
    Term,
}

/// Run `fut` to completion unless a termination signal arrives first.
pub async fn run<F: Future>(fut: F) -> Result<F::Output, Interrupted> {
    let mut int = listen(SignalKind::interrupt());
    let mut term = listen(SignalKind::terminate());
    let mut hup = listen(SignalKind::hangup());
    let mut quit = listen(SignalKind::quit());
    tokio::select! {
        out = fut => Ok(out),
        _ = recv(&mut int) => Err(Interrupted::Int),
        _ = recv(&mut term) => Err(Interrupted::Term),
        _ = recv(&mut hup) => Err(Interrupted::Term),
        _ = recv(&mut quit) => Err(Interrupted::Term),
    }
}

fn listen(kind: SignalKind) -> Option<Signal> {
    signal(kind).ok()
}

async fn recv(s: &mut Option<Signal>) {
    match s {
        Some(s) => {
            s.recv().await;
        }
        None => futures::future::pending().await,
    }
}
