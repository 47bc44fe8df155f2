//! `kk exec`: run a command in a container over the API's exec stream — `-i` passes stdin
//! (EOF closes the remote stdin), `-t` gives it a terminal (local raw mode, window size), the
//! remote exit code becomes kk's (`command terminated with exit code N`).

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::SessionFlags;
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
    /// Filename, directory, or URL to a manifest of the resource to exec into
    #[arg(short = 'f', long = "filename", value_name = "FILE",
          add = Complete::FilesWith(crate::complete::spec::MANIFEST_EXTENSIONS))]
    pub filenames: Vec<String>,
    #[command(flatten)]
    pub session: SessionFlags,
}

const EXAMPLES: &str = "  # Get output from running the 'date' command from pod mypod, using the first container by default
  kk exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kk exec mypod -c ruby-container -- date

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kk exec mypod -c ruby-container -i -t -- bash -il

  # Get output from running 'date' command from the first pod of the deployment mydeployment
  kk exec deploy/mydeployment -- date

  # Get output from running 'date' command from the pod described in pod.yaml
  kk exec -f pod.yaml -- date";

/// Run `kk exec`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let filenames = crate::flags::split_list(&args.filenames);
    // kubectl needs `--` before the command; a second positional (or one next to `-f`)
    // without it is the old form.
    if (args.args.len() > 1 || !(args.args.is_empty() || filenames.is_empty()))
        && args.command.is_empty()
    {
        return Err(Error::usage(
            "exec",
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
        ));
    }
    pod::check_timeout(args.session.pod_running_timeout, "exec")?;
    if args.args.is_empty() && filenames.is_empty() {
        return Err(Error::msg("pod, type/name or --filename must be specified"));
    }
    if args.command.is_empty() {
        return Err(Error::msg(
            "you must specify at least one command for the container",
        ));
    }
    let quiet = args.session.quiet();
    let default_namespace = ctx.namespace().await?;
    let pod = pod::attachable_from(
        ctx,
        &args.args[..args.args.len().min(1)],
        &filenames,
        args.session.pod_running_timeout,
    )
    .await?;
    pod::check_not_completed(&pod, "cannot exec into a container in a completed pod")?;
    // A pod from a manifest lives where the manifest says.
    let namespace = pod
        .metadata
        .namespace
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or(default_namespace);
    let container = match args.session.container() {
        Some(c) => c,
        None => container::pick(ctx.ui(), &pod, None, quiet)?.name,
    };
    let stdin = args.session.stdin();
    let tty = pod::setup_tty(ctx, stdin, args.session.tty(), quiet)?;
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

/// The long description of `Exec` (help and man page).
pub const ABOUT: &str = r#"Execute a command in a container.

The pod is named (POD or TYPE/NAME) or described in a manifest (-f). The command and its arguments follow `--`. With -i the local stdin is passed to the command, with -t it runs on a terminal; the command's exit code becomes kk's."#;
