//! Attaching to a container's running process (kubectl's `AttachOptions.Run` after the pod
//! is known): the TTY decisions, the "If you don't see a command prompt" hint, the session,
//! and the "Session ended, resume using ..." line. A function, not only a verb: `run -i -t`
//! attaches the same way.

use k8s_openapi::api::core::v1::Pod;

use super::container::{self, Kind};
use super::remote::{self, InitialSize, Io, Streams};
use super::{interrupt, pod};
use crate::ctx::Ctx;
use crate::error::{Error, PROG, Result};
use crate::resource::discovery::encode_segment;
use crate::resource::request::with_query;

/// What to attach with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-c` (empty: the default container, with kubectl's notice).
    pub container: Option<String>,
    /// `-i`.
    pub stdin: bool,
    /// `-t` (forced on when the container has a TTY, off when it has none).
    pub tty: bool,
    /// `-q`: only the remote session's output.
    pub quiet: bool,
    /// The command the user can re-run, for the "Session ended" line (`kk attach`).
    pub command_name: String,
}

/// Attach to `pod` (already checked to be attachable) as kubectl does.
pub async fn attach(ctx: &Ctx, pod: &Pod, o: &Options) -> Result<()> {
    let found = container::pick(ctx.ui(), pod, o.container.as_deref(), o.quiet)
        .map_err(|e| Error::msg(format!("cannot attach to the container: {e}")))?;
    let mut tty = o.tty;
    if tty && !found.tty {
        tty = false;
        if !o.quiet {
            ctx.ui().eprint(&format!(
                "error: Unable to use a TTY - container {} did not allocate one\n",
                found.name
            ))?;
        }
    } else if !tty && found.tty {
        tty = true;
    }
    let raw = pod::setup_tty(ctx, o.stdin, tty, o.quiet)?;
    let streams = Streams {
        stdin: o.stdin,
        stdout: true,
        stderr: !raw,
        tty: raw,
    };
    if !o.quiet {
        ctx.ui()
            .eprint("If you don't see a command prompt, try pressing enter.\n")?;
    }
    let name = pod.metadata.name.as_deref().unwrap_or("");
    let namespace = pod.metadata.namespace.as_deref().unwrap_or("");
    let mut query = vec![("container", found.name.clone())];
    query.extend(streams.query());
    let path = with_query(
        &format!(
            "/api/v1/namespaces/{}/pods/{}/attach",
            encode_segment(namespace),
            encode_segment(name)
        ),
        &query,
    );
    let session = remote::session(ctx, &path, streams, Io::Terminal, InitialSize::Nudge);
    if ctx.ui().stdin_is_tty() {
        interrupt::run(session)
            .await
            .unwrap_or(Err(Error::Exit(1)))?;
    } else {
        session.await?;
    }
    let restarts = pod
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref())
        .unwrap_or("Always")
        == "Always";
    if !o.quiet && o.stdin && raw && restarts {
        let command = if o.command_name.is_empty() {
            format!("{PROG} attach")
        } else {
            o.command_name.clone()
        };
        let line = if found.kind == Kind::Ephemeral {
            format!(
                "Session ended, the ephemeral container will not be restarted but may be reattached using '{command} {name} -c {} -i -t' if it is still running\n",
                found.name
            )
        } else {
            format!(
                "Session ended, resume using '{command} {name} -c {} -i -t' command when the pod is running\n",
                found.name
            )
        };
        ctx.ui().print(&line)?;
    }
    Ok(())
}
