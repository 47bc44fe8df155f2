//! `kk-sim`: run the simulated cluster.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

// A simulated cluster is mostly small JSON trees being built and dropped; glibc's malloc spent
// about half of a big preload's CPU on that (and kept the freed memory).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kk-sim",
    version,
    about = "A simulated Kubernetes cluster for testing kk"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Kubernetes API until SIGINT/SIGTERM.
    Serve {
        /// Address to listen on (port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: SocketAddr,
        /// Where to write the kubeconfig for this cluster.
        #[arg(long)]
        kubeconfig: PathBuf,
        /// Number of Node objects.
        #[arg(long, default_value_t = 2)]
        nodes: usize,
        /// Manifest file or directory to create before ready (repeatable).
        #[arg(long)]
        preload: Vec<PathBuf>,
        /// Serve plain HTTP instead of HTTPS (no authentication).
        #[arg(long)]
        plain_http: bool,
        /// Exit when standard input reaches end of file (test harnesses: the server dies
        /// with the process that started it).
        #[arg(long, hide = true)]
        exit_on_stdin_eof: bool,
    },
}

fn main() {
    // Usage errors exit 1 (clap's default is 2); --help and --version still exit 0.
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let Command::Serve {
        listen,
        kubeconfig,
        nodes,
        preload,
        plain_http,
        exit_on_stdin_eof,
    } = cli.command;
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: starting runtime: {e}");
            std::process::exit(1);
        }
    };
    let opts = kk_sim::apiserver::ServeOptions {
        listen,
        kubeconfig,
        nodes,
        preload,
        plain_http,
    };
    let code = rt.block_on(async move {
        let bound = match kk_sim::apiserver::bind(&opts).await {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}");
                return 1;
            }
        };
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "kk-sim ready {}", bound.url);
        let _ = stdout.flush();
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: installing SIGTERM handler: {e}");
                    return 1;
                }
            };
        let stdin_eof = async {
            if exit_on_stdin_eof {
                // Blocking read on a plain thread: tokio's stdin would keep the runtime busy.
                let (tx, rx) = tokio::sync::oneshot::channel::<()>();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 256];
                    let mut stdin = std::io::stdin();
                    while matches!(std::io::Read::read(&mut stdin, &mut buf), Ok(n) if n > 0) {}
                    let _ = tx.send(());
                });
                let _ = rx.await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            _ = bound.run() => 0,
            _ = stdin_eof => 0,
            _ = tokio::signal::ctrl_c() => 0,
            _ = term.recv() => 0,
        }
    });
    // Open watch streams would keep the runtime's shutdown waiting: exit directly.
    std::process::exit(code);
}
