//! A process session in a running container: what `kubectl exec` and `kubectl attach` drive.
//! A [`Runner`] starts the process on the session's streams and resolves to how it ended;
//! [`shell_runner`] is the runtime's exec (the built-in shell, or the runtime's error when the
//! program does not exist in the image).

use futures::future::BoxFuture;

use super::shell::{self, ShellContext, ShellIo};

/// How a process ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecOutcome {
    /// The process exited with this code.
    Exited(i32),
    /// It could not run at all (e.g. the runtime's "executable file not found" error).
    Failed(String),
}

/// Starts the process with the given streams and resolves when it ends.
pub type Runner = Box<dyn FnOnce(ShellIo) -> BoxFuture<'static, ExecOutcome> + Send>;

/// The runner for `kubectl exec`: `argv` in the built-in shell of the container, or the
/// runtime's error when `argv[0]` does not exist in the image.
pub fn shell_runner(argv: Vec<String>, ctx: ShellContext, tty: bool) -> Runner {
    Box::new(move |io| {
        Box::pin(async move {
            let prog = argv.first().cloned().unwrap_or_default();
            if !shell::is_command(&prog) {
                // containerd names the exec by a random 64-hex id.
                let id: String = (0..4)
                    .map(|_| format!("{:016x}", rand::random::<u64>()))
                    .collect();
                return ExecOutcome::Failed(format!(
                    "Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{id}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{prog}\": executable file not found in $PATH: unknown"
                ));
            }
            ExecOutcome::Exited(shell::run(&argv, &ctx, io, tty).await)
        })
    })
}
