//! `kk attach`: connect to the process already running in a container (its output from
//! now on; with `-i` its stdin; with a TTY, the local terminal in raw mode). The session
//! itself is `stream::attach`, shared with `run -i -t`.

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::SessionFlags;
use crate::stream::{attach, pod};

/// Attach to a process that is already running inside an existing container.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// POD, TYPE/NAME, or TYPE NAME
    #[arg(value_name = "POD", add = Complete::Pod)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub session: SessionFlags,
}

const EXAMPLES: &str = "  # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
  # for selecting the container to be attached or the first container in the pod will be chosen
  kk attach mypod

  # Get output from ruby-container from pod mypod
  kk attach mypod -c ruby-container

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kk attach mypod -c ruby-container -i -t

  # Get output from the first pod of a replica set named nginx
  kk attach rs/nginx";

/// Run `kk attach`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    pod::check_timeout(args.session.pod_running_timeout, "attach")?;
    match args.args.as_slice() {
        [] => {
            return Err(Error::msg("at least 1 argument is required for attach"));
        }
        [_] | [_, _] => {}
        more => {
            return Err(Error::msg(format!(
                "expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw {}: [{}]",
                more.len(),
                more.join(" ")
            )));
        }
    };
    let pod = pod::attachable(ctx, &args.args, args.session.pod_running_timeout).await?;
    pod::check_not_completed(&pod, "cannot attach a container in a completed pod")?;
    let options = attach::Options {
        container: args.session.container(),
        stdin: args.session.stdin(),
        tty: args.session.tty(),
        quiet: args.session.quiet(),
        command_name: format!("{} attach", crate::error::PROG),
    };
    attach::attach(ctx, &pod, &options).await
}

/// The long description of `Attach` (help and man page).
pub const ABOUT: &str = r#"Attach to a process that is already running inside an existing container.

With -i the local stdin is passed to the container; with -t as well the local terminal is put in raw mode and its size follows the window."#;
