//! The fake kubelet: pod lifecycle, logs, exec and port-forward backends (issue 3).

pub mod ports;
pub mod shell;
pub mod streams;
