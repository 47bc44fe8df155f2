//! kk: a fast, kubectl-compatible Kubernetes command-line client.

pub mod printers;
