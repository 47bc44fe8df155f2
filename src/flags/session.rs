//! The flags of verbs that join a process in a container (`exec`, `attach`): kubectl's
//! `StreamOptions` (`-c`, `-i`, `-t`, `-q`) plus `--pod-running-timeout`.

use super::{GoDuration, Pflag};
use crate::complete::Complete;

/// `-c`, `-i`, `-t`, `-q`, `--pod-running-timeout`.
#[derive(Debug, Clone, clap::Args)]
pub struct SessionFlags {
    /// Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation
    /// for selecting the container to be attached or the first container in the pod will be
    /// chosen
    #[arg(short = 'c', long, value_name = "CONTAINER", add = Complete::Container)]
    pub container: Option<String>,
    /// The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one
    /// pod is running
    #[arg(long, default_value = "1m0s", value_name = "DURATION",
          value_parser = super::parse_go_duration)]
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

impl SessionFlags {
    /// `-c`, when given and not empty.
    pub fn container(&self) -> Option<String> {
        self.container.clone().filter(|c| !c.is_empty())
    }

    /// `-q`.
    pub fn quiet(&self) -> bool {
        self.quiet.unwrap_or(false)
    }

    /// `-i`.
    pub fn stdin(&self) -> bool {
        self.stdin.unwrap_or(false)
    }

    /// `-t`.
    pub fn tty(&self) -> bool {
        self.tty.unwrap_or(false)
    }
}
