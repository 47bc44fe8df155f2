//! The fake kubelet: pod lifecycle, logs, exec and port-forward backends (issue 3). The
//! containers themselves run in [`crate::runtime`].
//!
//! * [`pods`]: the pod workers (status, restarts, events, deletion);
//! * [`env`]: the environment a container gets from its spec and the Services;
//! * [`network`]: cluster DNS and Service routing as containers see them;
//! * [`prober`]: probe schedules, `Unhealthy`/`Killing`, readiness;
//! * [`probes`]: httpGet/tcpSocket/exec probes against the running containers;
//! * [`logs`]: the `pods/log` query semantics over the runtime's container logs;
//! * [`volumes`]: configMap/secret/downwardAPI/projected volumes as files in the container;
//! * [`streams`]: exec/attach/port-forward wire protocols and their apiserver routes.

pub mod env;
pub mod logs;
pub mod network;
pub mod pods;
pub mod prober;
pub mod probes;
pub mod streams;
pub mod volumes;
