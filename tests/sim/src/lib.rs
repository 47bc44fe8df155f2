//! kk-sim: a simulated Kubernetes cluster that speaks the real kube-apiserver protocol.
//!
//! Modules mirror the components of a real cluster so a reader who knows Kubernetes knows
//! where to look: `apiserver` (routing, discovery, tables, patch, watch, auth), `store`
//! (objects, resourceVersion, watch fan-out), `controllers` (one file per controller),
//! `scheduler`, `kubelet` (pod lifecycle, logs, exec, port-forward backends) and `runtime`
//! (the containers: the built-in shell, processes, port servers).

pub mod apiserver;
pub mod controllers;
pub mod kubelet;
pub mod resources;
pub mod runtime;
pub mod scheduler;
pub mod store;
