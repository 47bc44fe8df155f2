//! The HTTP front of the simulated kube-apiserver: routing, discovery, auth and the verbs.

pub mod defaults;
pub mod openapi;
pub mod patch;
pub mod protobuf;
pub mod selectors;
pub mod status;
pub mod table;
pub mod validation;
