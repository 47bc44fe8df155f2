//! The built-in shell that stands in for a container's processes: it runs a container's
//! `command`/`args` (so Jobs finish with real exit codes and logs hold what was printed) and
//! every `kubectl exec` command, interactive or not.
//!
//! Entry points:
//! * [`run`]: run one argv (`["sh","-c","echo hi; exit 3"]`, `["env"]`, `["sh"]` reading
//!   commands from stdin) and return its exit status.
//! * [`run_container`]: a container's main process per Kubernetes `command`/`args` semantics
//!   over the image's ENTRYPOINT/CMD ([`super::images`]);
//! * `image_server` (in `server.rs`): what running one of the image's programs does.
//! * [`is_command`]: whether `kubectl exec` can start `argv[0]` at all (the runtime's
//!   "executable file not found" error happens before the process exists).

mod builtins;
mod exec;
mod expand;
mod net;
pub mod parse;
mod server;
mod tar;
mod textutils;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncRead, AsyncWrite, BufReader};

use exec::{Shell, Sink};

/// The container's simulated filesystem. Shared by every process of the container, so a
/// file written by one `kubectl exec` is seen by the next.
pub type SimFs = Arc<Mutex<Files>>;

/// The files of a container: absolute path → contents (a directory exists while something
/// is below it; an empty one holds a `.keep`), plus the permission bits `tar` restored (the
/// rest have 0644, directories 0755).
#[derive(Debug, Default)]
pub struct Files {
    contents: BTreeMap<String, Vec<u8>>,
    /// Permission bits by path, where they are not the default.
    pub modes: BTreeMap<String, u32>,
}

impl Files {
    /// The permission bits of a file or (`dir`) directory.
    pub fn mode(&self, path: &str, dir: bool) -> u32 {
        self.modes
            .get(path)
            .copied()
            .unwrap_or(if dir { 0o755 } else { 0o644 })
    }
}

impl From<BTreeMap<String, Vec<u8>>> for Files {
    fn from(contents: BTreeMap<String, Vec<u8>>) -> Self {
        Files {
            contents,
            modes: BTreeMap::new(),
        }
    }
}

impl std::ops::Deref for Files {
    type Target = BTreeMap<String, Vec<u8>>;
    fn deref(&self) -> &Self::Target {
        &self.contents
    }
}

impl std::ops::DerefMut for Files {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.contents
    }
}

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
    /// The container's DNS for `nslookup`/`getent` (None: nothing resolves).
    pub dns: Option<Resolver>,
    /// The pod's IP.
    pub pod_ip: String,
    /// What the container's image is (its programs, servers, behaviour).
    pub image: std::sync::Arc<super::images::Image>,
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

/// A DNS answer: the name answered for (the FQDN found through the search path), a CNAME
/// if the name is an alias (ExternalName Services), and the addresses (none: NXDOMAIN).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolution {
    pub name: String,
    pub cname: Option<String>,
    pub addrs: Vec<String>,
}

/// The container's DNS (CoreDNS as the pod's resolv.conf reaches it).
pub type Resolver = Arc<dyn Fn(String) -> Resolution + Send + Sync>;

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
            fs: Arc::new(Mutex::new(files.into())),
            net: None,
            dns: None,
            pod_ip: pod_ip.to_string(),
            image: super::images::lookup(""),
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
        dns: ctx.dns.clone(),
        pod_ip: ctx.pod_ip.clone(),
        image: ctx.image.clone(),
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

/// Whether `name` (or a path ending in it) is a program the simulated container has: a
/// builtin, or a program of its image.
pub fn is_command(name: &str, image: &super::images::Image) -> bool {
    exec::COMMANDS.contains(&exec::basename(name)) || image.has_program(name)
}

/// Whether the image never becomes ready (`unready` in the reference): the kubelet keeps
/// its readiness false.
pub fn image_never_ready(image: &str) -> bool {
    image.to_ascii_lowercase().contains("unready")
}

/// Runs a container's main process until it exits (or forever, for servers) and returns its
/// exit code: the argv per Kubernetes `command`/`args` semantics over the image's
/// ENTRYPOINT/CMD ([`super::images::Image::main_argv`]). Crashing images print a fatal line
/// on stderr and exit at once, whatever the command.
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
    let entry = super::images::lookup(image);
    let mut ctx = ctx.clone();
    ctx.image = entry.clone();
    if entry.programs.is_empty()
        && let Some(exit) = &entry.exit
    {
        let mut err = io.stderr;
        if let Some(text) = &exit.err {
            let line = format!("{text}\n");
            let _ = tokio::io::AsyncWriteExt::write_all(&mut err, line.as_bytes()).await;
            let _ = tokio::io::AsyncWriteExt::flush(&mut err).await;
        }
        return exit.code;
    }
    let Some(argv) = entry.main_argv(command, args) else {
        let mut err = io.stderr;
        let _ = tokio::io::AsyncWriteExt::write_all(&mut err, b"no command specified\n").await;
        return 128;
    };
    run(&argv, &ctx, io, tty).await
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
