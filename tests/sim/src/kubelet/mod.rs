//! The fake kubelet: pod lifecycle, logs, exec and port-forward backends (issue 3).

pub mod logs;
pub mod ports;
pub mod probes;
pub mod process;
pub mod shell;
pub mod streams;
