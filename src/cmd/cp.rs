//! `kk cp`: copy files and directories to and from containers, through `exec` and `tar`
//! as kubectl does (so the container needs a `tar`), with kubectl's file-spec rules and
//! messages. The archive work is `stream::copy`; the remote side runs in `stream::remote`.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::stream::copy::{self, strip_trailing_slash};

/// Copy files and directories to and from containers.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// <file-spec-src> <file-spec-dest>, each a local path or [[NAMESPACE/]POD:]PATH
    #[arg(value_name = "FILE-SPEC")]
    pub args: Vec<String>,
    /// Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation
    /// for selecting the container to be attached or the first container in the pod will be
    /// chosen
    #[arg(short = 'c', long, value_name = "CONTAINER")]
    pub container: Option<String>,
    /// The copied file/directory's ownership and permissions will not be preserved in the
    /// container
    #[arg(long, pflag_bool())]
    pub no_preserve: Option<bool>,
    /// Set number of retries to complete a copy operation from a container. Specify 0 to
    /// disable or any negative value for infinite retrying. The default is 0 (no retry).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true, value_name = "N",
          value_parser = crate::go::parse_int64)]
    pub retries: i64,
}

const EXAMPLES: &str = "  # !!!Important Note!!!
  # Requires that the 'tar' binary is present in your container
  # image.  If 'tar' is not present, 'kk cp' will fail.

  # Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace
  kk cp /tmp/foo_dir <some-pod>:/tmp/bar_dir

  # Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container
  kk cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>

  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
  kk cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar

  # Copy /tmp/foo from a remote pod to /tmp/bar locally
  kk cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar";

/// One side of the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    namespace: String,
    pod: String,
    file: String,
}

const FORMAT: &str = "filespec must match the canonical format: [[namespace/]pod:]file/path";

/// kubectl's `extractFileSpec`.
fn file_spec(arg: &str) -> Result<Spec> {
    let Some(i) = arg.find(':') else {
        return Ok(Spec {
            namespace: String::new(),
            pod: String::new(),
            file: strip_trailing_slash(arg).to_string(),
        });
    };
    if i == 0 {
        return Err(Error::msg(FORMAT));
    }
    let (pod, file) = (&arg[..i], &arg[i + 1..]);
    let file = strip_trailing_slash(file).replace('\\', "/");
    match pod.split('/').collect::<Vec<_>>().as_slice() {
        [p] => Ok(Spec {
            namespace: String::new(),
            pod: p.to_string(),
            file,
        }),
        [ns, p] => Ok(Spec {
            namespace: ns.to_string(),
            pod: p.to_string(),
            file,
        }),
        _ => Err(Error::msg(FORMAT)),
    }
}

/// Run `kk cp`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if args.args.len() != 2 {
        return Err(Error::msg("source and destination are required"));
    }
    let src = file_spec(&args.args[0])?;
    let dest = file_spec(&args.args[1])?;
    if !src.pod.is_empty() && !dest.pod.is_empty() {
        return Err(Error::msg(
            "one of src or dest must be a local file specification",
        ));
    }
    if src.file.is_empty() || dest.file.is_empty() {
        return Err(Error::msg("filepath can not be empty"));
    }
    let default_ns = ctx.namespace().await?;
    let target = |s: &Spec| copy::Target {
        namespace: if s.namespace.is_empty() {
            default_ns.clone()
        } else {
            s.namespace.clone()
        },
        typed_namespace: s.namespace.clone(),
        pod: s.pod.clone(),
        container: args.container.clone().filter(|c| !c.is_empty()),
    };
    if !src.pod.is_empty() {
        return copy::download(ctx, &target(&src), &src.file, &dest.file, args.retries).await;
    }
    if !dest.pod.is_empty() {
        return copy::upload(
            ctx,
            &target(&dest),
            &src.file,
            &dest.file,
            args.no_preserve.unwrap_or(false),
        )
        .await;
    }
    Err(Error::msg(
        "one of src or dest must be a remote file specification",
    ))
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Copy files and directories to and from containers."#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(
            file_spec("ns/pod:/tmp/x/").unwrap(),
            Spec {
                namespace: "ns".into(),
                pod: "pod".into(),
                file: "/tmp/x".into()
            }
        );
        assert_eq!(file_spec("./local/").unwrap().file, "./local");
        assert_eq!(file_spec(":x").unwrap_err().to_string(), FORMAT);
        assert_eq!(file_spec("a/b/c:x").unwrap_err().to_string(), FORMAT);
        assert_eq!(file_spec("p:").unwrap().file, "");
    }
}
