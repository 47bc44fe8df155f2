//! The fake kubelet: pod lifecycle, logs, exec and port-forward backends (issue 3).
//!
//! Runtime pieces (what a container "is" in the sim):
//! * [`shell`]: the built-in shell that runs container commands and `kubectl exec`;
//! * [`process`]: a container's main process (log capture, attach, exit code, kill) and the
//!   per-container registry and process context;
//! * [`ports`]: the loopback servers behind each container port;
//! * [`probes`]: httpGet/tcpSocket/exec probes against those;
//! * [`logs`]: per-container logs and the `pods/log` query semantics;
//! * [`streams`]: exec/attach/port-forward wire protocols and their apiserver routes.

pub mod logs;
pub mod pods;
pub mod ports;
pub mod probes;
pub mod process;
pub mod shell;
pub mod streams;
