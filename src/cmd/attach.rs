//! `kk attach`: connect to the process already running in a container (its output from
//! now on; with `-i` its stdin; with a TTY, the local terminal in raw mode). The session
//! itself is `stream::attach`, shared with `run -i -t`.

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::GoDuration;
use crate::flags::Pflag;
use crate::stream::{attach, pod};

/// Attach to a process that is already running inside an existing container.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// POD, TYPE/NAME, or TYPE NAME
    #[arg(value_name = "POD", add = Complete::Pod)]
    pub args: Vec<String>,
    /// Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation
    /// for selecting the container to be attached or the first container in the pod will be
    /// chosen
    #[arg(short = 'c', long, value_name = "CONTAINER", add = Complete::Container)]
    pub container: Option<String>,
    /// The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one
    /// pod is running
    #[arg(long, default_value = "1m0s", value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub pod_running_timeout: GoDuration,
    /// Only print output from the remote session
    #[arg(short = 'q', long, pflag_bool())]
    pub quiet: Option<bool>,
    /// Pass stdin to the container
    #[arg(short = 'i', long, pflag_bool())]
    pub stdin: Option<bool>,
    /// Stdin is a TTY
    #[arg(short = 't', long, pflag_bool())]
    pub tty: Option<bool>,
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
    pod::check_timeout(args.pod_running_timeout, "attach")?;
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
    let pod = pod::attachable(ctx, &args.args, args.pod_running_timeout).await?;
    pod::check_not_completed(&pod, "cannot attach a container in a completed pod")?;
    let options = attach::Options {
        container: args.container.clone().filter(|c| !c.is_empty()),
        stdin: args.stdin.unwrap_or(false),
        tty: args.tty.unwrap_or(false),
        quiet: args.quiet.unwrap_or(false),
        command_name: format!("{} attach", crate::error::PROG),
    };
    attach::attach(ctx, &pod, &options).await
}
