//! The fake kubelet: pod lifecycle, logs, exec and port-forward backends (issue 3).

pub mod log_route;
pub mod logs;
pub mod pods;
pub mod ports;
pub mod shell;
pub mod streams;
