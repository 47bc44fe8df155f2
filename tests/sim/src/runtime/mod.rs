//! The container runtime (containerd's role): what a container "is" in the sim.
//!
//! There are no images and no processes of the host: every container runs in the built-in
//! shell, with the behaviour of its image.
//! * [`shell`]: the built-in shell that runs container commands and `kubectl exec`;
//! * [`process`]: a container's main process (log capture, attach, exit code, kill);
//! * [`session`]: exec/attach sessions in a running container;
//! * [`log`]: the per-container log the runtime keeps;
//! * [`ports`]: the loopback servers behind each container port.

pub mod log;
pub mod ports;
pub mod process;
pub mod session;
pub mod shell;
