//! The API's streaming side, shared by `logs`, `exec`, `attach`, `port-forward` and `cp`
//! (kubectl's `remotecommand`, `portforward`, `term` and `interrupt` packages in one room):
//!
//! * [`stdin`]: the process's stdin read on its own thread, handed over in chunks;
//! * [`terminal`]: the raw-mode guard restored on every exit path, window size and SIGWINCH;
//! * [`interrupt`]: SIGINT/SIGTERM/SIGHUP/SIGQUIT turned into an orderly exit;
//! * [`channel`]: the `channel.k8s.io` WebSocket framing (v4/v5) every stream rides on;
//! * [`remote`]: an exec/attach session (stdin, stdout, stderr, resize, exit status);
//! * [`attach`]: kubectl's attach around such a session (also for `run -i -t`);
//! * [`pod`] and [`container`]: which pod and container a verb talks to, kubectl's checks;
//! * [`logs`]: `pods/log` requests, prefixes, and follows that survive dropped streams;
//! * [`follow`]: several logs at once, and selector follows that see pods come and go;
//! * [`portforward`]: local listeners and the connections they accept, carried over
//!   [`tunnel`] (one upgraded connection per pod, SPDY/3.1 streams framed by [`spdy`]);
//! * [`copy`]: `cp`'s tar archives streamed through exec both ways.

pub mod attach;
pub mod channel;
pub mod container;
pub mod copy;
pub mod follow;
pub mod interrupt;
pub mod logs;
pub mod pod;
pub mod portforward;
pub mod remote;
pub mod spdy;
pub mod stdin;
pub mod terminal;
pub mod tunnel;
