//! `kk exec`: run a command in a container over the API's exec stream — `-i` passes stdin
//! (EOF closes the remote stdin), `-t` gives it a terminal (local raw mode, window size), the
//! remote exit code becomes kk's (`command terminated with exit code N`).

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::resource::request::with_query;
use crate::stream::remote::{self, InitialSize, Io, Streams};
use crate::stream::{container, interrupt, pod};

/// Execute a command in a container.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// POD or TYPE/NAME
    #[arg(value_name = "POD", add = Complete::Pod)]
    pub args: Vec<String>,
    /// The command and its arguments, after `--`
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation
    /// for selecting the container to be attached or the first container in the pod will be
    /// chosen
    #[arg(short = 'c', long, value_name = "CONTAINER", add = Complete::Container)]
    pub container: Option<String>,
    /// The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one
    /// pod is running
    #[arg(long, default_value = "1m0s", value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub pod_running_timeout: crate::flags::GoDuration,
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

const EXAMPLES: &str = "  # Get output from running the 'date' command from pod mypod, using the first container by default
  kk exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kk exec mypod -c ruby-container -- date

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kk exec mypod -c ruby-container -i -t -- bash -il

  # Get output from running 'date' command from the first pod of the deployment mydeployment
  kk exec deploy/mydeployment -- date";

/// Run `kk exec`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    // kubectl needs `--` before the command; a second positional without it is the old form.
    if args.args.len() > 1 && args.command.is_empty() {
        return Err(Error::usage(
            "exec",
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
        ));
    }
    pod::check_timeout(args.pod_running_timeout, "exec")?;
    let Some(target) = args.args.first() else {
        return Err(Error::msg("pod, type/name or --filename must be specified"));
    };
    if args.command.is_empty() {
        return Err(Error::msg(
            "you must specify at least one command for the container",
        ));
    }
    let quiet = args.quiet.unwrap_or(false);
    let namespace = ctx.namespace().await?;
    let pod = pod::attachable(ctx, std::slice::from_ref(target), args.pod_running_timeout).await?;
    pod::check_not_completed(&pod, "cannot exec into a container in a completed pod")?;
    let container = match args.container.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => c.to_string(),
        None => container::pick(ctx.ui(), &pod, None, quiet)?.name,
    };
    let stdin = args.stdin.unwrap_or(false);
    let tty = pod::setup_tty(ctx, stdin, args.tty.unwrap_or(false), quiet)?;
    let streams = Streams {
        stdin,
        stdout: true,
        stderr: !tty,
        tty,
    };
    let mut query: Vec<(&str, String)> = args
        .command
        .iter()
        .map(|c| ("command", c.clone()))
        .collect();
    query.push(("container", container));
    query.extend(streams.query());
    let path = with_query(
        &format!(
            "/api/v1/namespaces/{}/pods/{}/exec",
            crate::resource::discovery::encode_segment(&namespace),
            crate::resource::discovery::encode_segment(pod.metadata.name.as_deref().unwrap_or(""))
        ),
        &query,
    );
    let session = remote::session(ctx, &path, streams, Io::Terminal, InitialSize::Plain);
    // kubectl handles signals (restoring the terminal, exit 1) only when stdin is a terminal.
    if ctx.ui().stdin_is_tty() {
        interrupt::run(session).await.unwrap_or(Err(Error::Exit(1)))
    } else {
        session.await
    }
}
