//! The built-in shell that stands in for a container's processes: it runs a container's
//! `command`/`args` (so Jobs finish with real exit codes and logs hold what was printed) and
//! every `kubectl exec` command, interactive or not.
//!
//! Entry points:
//! * [`run`]: run one argv (`["sh","-c","echo hi; exit 3"]`, `["env"]`, `["sh"]` reading
//!   commands from stdin) and return its exit status.
//! * [`run_container`]: a container's main process per Kubernetes `command`/`args` semantics,
//!   with the image's default process when neither is set ([`image_default_process`]).
//! * [`is_command`]: whether `kubectl exec` can start `argv[0]` at all (the runtime's
//!   "executable file not found" error happens before the process exists).

mod builtins;
mod exec;
mod expand;
mod net;
pub mod parse;
mod tar;
mod textutils;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncRead, AsyncWrite, BufReader};

use exec::{Shell, Sink};

/// The container's simulated filesystem: absolute path → contents. Shared by every process
/// of the container, so a file written by one `kubectl exec` is seen by the next.
pub type SimFs = Arc<Mutex<BTreeMap<String, Vec<u8>>>>;

/// What a process sees of its container.
#[derive(Clone)]
pub struct ShellContext {
    /// Environment variables (container `env` plus the kubelet's defaults).
    pub env: Vec<(String, String)>,
    /// `hostname` output: the pod name, as in a real pod.
    pub hostname: String,
    /// The container's files.
    pub fs: SimFs,
    /// The container's network for `wget`/`curl`: None means no route anywhere (`bad
    /// address`). The kubelet sets it (the pod's own ports for `localhost`, the cluster's
    /// services and pods when it can resolve them).
    pub net: Option<NetDialer>,
}

/// Connects to `host:port` from inside the container. `ErrorKind::NotFound` means the name
/// does not resolve; `ConnectionRefused` a closed port.
pub type NetDialer = Arc<
    dyn Fn(
            String,
            u16,
        ) -> futures::future::BoxFuture<'static, std::io::Result<tokio::net::TcpStream>>
        + Send
        + Sync,
>;

impl ShellContext {
    /// A context with the defaults of a real container: `PATH`, `HOSTNAME`, `HOME`, the
    /// `KUBERNETES_SERVICE_*` variables, then `env` (later entries win), and the files
    /// `/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`, `/etc/os-release`.
    pub fn for_container(
        pod: &str,
        namespace: &str,
        pod_ip: &str,
        env: &[(String, String)],
    ) -> ShellContext {
        let mut all: Vec<(String, String)> = [
            (
                "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ),
            ("HOSTNAME", pod),
            ("HOME", "/root"),
            ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
            ("KUBERNETES_SERVICE_PORT", "443"),
            ("KUBERNETES_SERVICE_PORT_HTTPS", "443"),
            ("KUBERNETES_PORT", "tcp://10.96.0.1:443"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        all.extend(env.iter().cloned());
        let mut files = BTreeMap::new();
        files.insert("/etc/hostname".to_string(), format!("{pod}\n").into_bytes());
        files.insert(
            "/etc/hosts".to_string(),
            format!(
                "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n{pod_ip}\t{pod}\n"
            )
            .into_bytes(),
        );
        files.insert(
            "/etc/resolv.conf".to_string(),
            format!(
                "search {namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
            )
            .into_bytes(),
        );
        files.insert(
            "/etc/os-release".to_string(),
            b"NAME=\"kk-sim Linux\"\nID=kksim\nPRETTY_NAME=\"kk-sim simulated container\"\n"
                .to_vec(),
        );
        ShellContext {
            env: all,
            hostname: pod.to_string(),
            fs: Arc::new(Mutex::new(files)),
            net: None,
        }
    }
}

/// A process's terminal size (columns, rows) as the last resize event set it; `None` until
/// a client sends one. Shared by the session that receives resize events and the process.
pub type TermSize = Arc<tokio::sync::watch::Sender<Option<(u16, u16)>>>;

/// A fresh, unset [`TermSize`].
pub fn term_size() -> TermSize {
    Arc::new(tokio::sync::watch::Sender::new(None))
}

/// The standard streams of a process.
pub struct ShellIo {
    /// None when no stdin is attached (`kubectl exec` without `-i`, a container's main
    /// process): reads see EOF at once.
    pub stdin: Option<Box<dyn AsyncRead + Send + Unpin>>,
    pub stdout: Box<dyn AsyncWrite + Send + Unpin>,
    /// Ignored when `tty` is true: a terminal merges stderr into stdout.
    pub stderr: Box<dyn AsyncWrite + Send + Unpin>,
    /// The terminal's size (`stty size`), meaningful with a TTY.
    pub size: TermSize,
}

fn new_shell(ctx: &ShellContext, io: ShellIo, tty: bool) -> Shell {
    let out = Sink::stream(io.stdout, tty);
    let err = if tty {
        out.clone()
    } else {
        Sink::stream(io.stderr, false)
    };
    let mut vars = BTreeMap::new();
    for (k, v) in &ctx.env {
        vars.insert(k.clone(), v.clone());
    }
    vars.entry("PWD".to_string())
        .or_insert_with(|| "/".to_string());
    Shell {
        vars,
        args: vec!["sh".to_string()],
        last: 0,
        hostname: ctx.hostname.clone(),
        fs: ctx.fs.clone(),
        net: ctx.net.clone(),
        stdin: io.stdin.map(|r| Box::new(BufReader::new(r)) as _),
        size: io.size,
        out,
        err,
        tty,
        interactive: false,
        errexit: false,
        xtrace: false,
        broken: false,
    }
}

/// Runs `argv` as a process of the container and returns its exit status (0–255).
///
/// `argv[0]` names a builtin (`sh`, `echo`, `sleep`, `env`, `cat`, ...; a path such as
/// `/bin/sh` works too). `sh` without `-c` reads commands from stdin, printing a `/ # ` prompt
/// and echoing input when `tty`. On a TTY output lines end in `\r\n`. `sleep` uses tokio time,
/// so tests may pause the clock; dropping the future kills the process.
pub async fn run(argv: &[String], ctx: &ShellContext, io: ShellIo, tty: bool) -> i32 {
    let mut sh = new_shell(ctx, io, tty);
    if argv.is_empty() {
        return 0;
    }
    sh.command(argv).await;
    sh.last
}

/// Whether `name` (or a path ending in it) is a program the simulated container has.
pub fn is_command(name: &str) -> bool {
    exec::COMMANDS.contains(&exec::basename(name))
}

/// The process an image runs when the pod spec gives neither `command` nor `args`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageProcess {
    /// A server (nginx, httpd, and any image not known to be something else, like a
    /// hello-world app): logs its start lines, then runs until stopped.
    Serve { argv: Vec<String> },
    /// A shell image (busybox, alpine, ubuntu, ...): its default `sh` has no stdin and
    /// exits 0 at once.
    Shell,
    /// An image whose reference mentions `crash`, `panic`, `problem` or `fail`: exits 1 at
    /// start whatever the command.
    Crash,
}

/// Whether the image is a simulated crasher (`crash`, `panic`, `problem`, `fail` anywhere in
/// the reference).
pub fn image_crashes(image: &str) -> bool {
    let i = image.to_ascii_lowercase();
    ["crash", "panic", "problem", "fail"]
        .iter()
        .any(|w| i.contains(w))
}

/// Whether the image never becomes ready (`unready` in the reference): the kubelet keeps
/// its readiness false.
pub fn image_never_ready(image: &str) -> bool {
    image.to_ascii_lowercase().contains("unready")
}

/// The repository name of an image reference: `docker.io/library/nginx:1.25@sha256:…` → `nginx`.
fn image_name(image: &str) -> String {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last).to_ascii_lowercase()
}

/// The default process of an image (its ENTRYPOINT + CMD in a real registry).
pub fn image_default_process(image: &str) -> ImageProcess {
    if image_crashes(image) {
        return ImageProcess::Crash;
    }
    let name = image_name(image);
    const SHELL_IMAGES: &[&str] = &[
        "busybox",
        "alpine",
        "ubuntu",
        "debian",
        "centos",
        "fedora",
        "bash",
        "rockylinux",
        "almalinux",
        "amazonlinux",
        "archlinux",
        "opensuse",
        "photon",
    ];
    if SHELL_IMAGES.contains(&name.as_str()) {
        return ImageProcess::Shell;
    }
    let argv: &[&str] = if name.contains("httpd") || name.contains("apache") {
        &["httpd-foreground"]
    } else {
        &["nginx", "-g", "daemon off;"]
    };
    let argv = if name == "nginx" || argv[0] != "nginx" {
        argv.iter().map(|s| s.to_string()).collect()
    } else {
        // Any other image: a generic web app serving its ports.
        vec!["serve".to_string()]
    };
    ImageProcess::Serve { argv }
}

/// Start lines of a server process, `(line, goes_to_stderr)`; `name` is `nginx`, `httpd` or
/// anything else for a generic app.
pub(crate) fn server_banner(name: &str) -> Vec<(String, bool)> {
    let now = chrono::Utc::now();
    match name {
        "nginx" => {
            let ts = now.format("%Y/%m/%d %H:%M:%S");
            vec![
                (
                    "/docker-entrypoint.sh: Configuration complete; ready for start up".into(),
                    false,
                ),
                (
                    format!("{ts} [notice] 1#1: using the \"epoll\" event method"),
                    true,
                ),
                (format!("{ts} [notice] 1#1: nginx/1.27.3"), true),
                (format!("{ts} [notice] 1#1: start worker processes"), true),
            ]
        }
        "httpd" | "httpd-foreground" => vec![(
            format!(
                "[{}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations",
                now.format("%a %b %d %H:%M:%S%.6f %Y")
            ),
            true,
        )],
        _ => vec![(
            "Server started, serving HTTP on the container's ports".into(),
            false,
        )],
    }
}

/// The argv a container runs, per Kubernetes semantics: `command` replaces the image's
/// ENTRYPOINT and `args` its CMD. Simulated images have no ENTRYPOINT that matters, so
/// `args` alone run as the argv; neither → None (the image default, see
/// [`image_default_process`]).
pub fn container_argv(command: &[String], args: &[String]) -> Option<Vec<String>> {
    if command.is_empty() && args.is_empty() {
        return None;
    }
    Some(command.iter().chain(args).cloned().collect())
}

/// Runs a container's main process until it exits (or forever, for servers) and returns its
/// exit code. Crashing images print a fatal line on stderr and exit 1 at once.
pub async fn run_container(
    image: &str,
    command: &[String],
    args: &[String],
    ctx: &ShellContext,
    io: ShellIo,
) -> i32 {
    run_container_tty(image, command, args, ctx, io, false).await
}

/// [`run_container`] for a container with `tty: true` (output lines end in `\r\n`, stderr is
/// merged into stdout, an interactive `sh` prompts).
pub async fn run_container_tty(
    image: &str,
    command: &[String],
    args: &[String],
    ctx: &ShellContext,
    io: ShellIo,
    tty: bool,
) -> i32 {
    let process = image_default_process(image);
    if process == ImageProcess::Crash {
        let mut err = io.stderr;
        let line = format!("panic: simulated failure of image {image}: exiting at start\n");
        let _ = tokio::io::AsyncWriteExt::write_all(&mut err, line.as_bytes()).await;
        let _ = tokio::io::AsyncWriteExt::flush(&mut err).await;
        return 1;
    }
    let argv = match (container_argv(command, args), process) {
        (Some(argv), _) => argv,
        (None, ImageProcess::Shell) => vec!["sh".to_string()],
        (None, ImageProcess::Serve { argv }) => argv,
        (None, ImageProcess::Crash) => return 1,
    };
    run(&argv, ctx, io, tty).await
}

/// An in-memory stdout/stderr (exec probes, tests): clones share the buffer.
#[derive(Clone, Default)]
pub struct OutputBuffer(Arc<Mutex<Vec<u8>>>);

impl OutputBuffer {
    /// Everything written so far, as (lossy) UTF-8.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|p| p.into_inner())).into_owned()
    }
}

impl AsyncWrite for OutputBuffer {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        b: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(b);
        std::task::Poll::Ready(Ok(b.len()))
    }
    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
pub(crate) mod tests;
