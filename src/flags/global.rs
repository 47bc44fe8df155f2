//! kubectl's global flags (`kubectl options`), accepted before or after the verb. They live
//! here, not beside the clap root, so the client settings and commands can read them without
//! importing the root (which imports every command).

use super::Pflag;
use crate::complete::Complete;
use crate::ui::colour::When;

/// kubectl's global flags (`kubectl options`); each may appear before or after the verb.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Global Options")]
pub struct GlobalArgs {
    /// Path to the kubeconfig file to use for CLI requests
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<String>,
    /// The name of the kubeconfig context to use
    #[arg(long, global = true, value_name = "NAME", add = Complete::Context)]
    pub context: Option<String>,
    /// The name of the kubeconfig cluster to use
    #[arg(long, global = true, value_name = "NAME", add = Complete::Cluster)]
    pub cluster: Option<String>,
    /// The name of the kubeconfig user to use
    #[arg(long, global = true, value_name = "NAME", add = Complete::User)]
    pub user: Option<String>,
    /// If present, the namespace scope for this CLI request
    #[arg(short = 'n', long, global = true, value_name = "NAMESPACE",
          add = Complete::Namespace)]
    pub namespace: Option<String>,
    /// The address and port of the Kubernetes API server
    #[arg(short = 's', long, global = true, value_name = "URL")]
    pub server: Option<String>,
    /// Bearer token for authentication to the API server
    #[arg(long, global = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Username for basic authentication to the API server
    #[arg(long, global = true, value_name = "USERNAME")]
    pub username: Option<String>,
    /// Password for basic authentication to the API server
    #[arg(long, global = true, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Path to a cert file for the certificate authority
    #[arg(long, global = true, value_name = "PATH")]
    pub certificate_authority: Option<String>,
    /// Path to a client certificate file for TLS
    #[arg(long, global = true, value_name = "PATH")]
    pub client_certificate: Option<String>,
    /// Path to a client key file for TLS
    #[arg(long, global = true, value_name = "PATH")]
    pub client_key: Option<String>,
    /// If true, the server's certificate will not be checked for validity (insecure)
    #[arg(long, global = true, pflag_bool())]
    pub insecure_skip_tls_verify: Option<bool>,
    /// Server name to use for server certificate validation
    #[arg(long, global = true, value_name = "NAME")]
    pub tls_server_name: Option<String>,
    /// The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)
    #[arg(long, global = true, value_name = "DURATION")]
    pub request_timeout: Option<String>,
    /// Username to impersonate for the operation
    #[arg(long = "as", global = true, value_name = "USER")]
    pub as_user: Option<String>,
    /// Group to impersonate for the operation; repeat for several groups
    #[arg(long = "as-group", global = true, value_name = "GROUP")]
    pub as_group: Vec<String>,
    /// UID to impersonate for the operation
    #[arg(long = "as-uid", global = true, value_name = "UID")]
    pub as_uid: Option<String>,
    /// Default cache directory (discovery cache)
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<String>,
    /// If true, opt-out of response compression for all requests to the server
    #[arg(long, global = true, pflag_bool())]
    pub disable_compression: Option<bool>,
    /// Treat warnings received from the server as errors and exit with a non-zero exit code
    #[arg(long, global = true, pflag_bool())]
    pub warnings_as_errors: Option<bool>,
    /// Colour output on a terminal: auto (when the stream is a terminal and NO_COLOR is unset), always, or never
    #[arg(long, global = true, value_name = "WHEN", value_parser = When::parse,
          default_value = "auto", no_opt_default("always"),
          add = Complete::Values(&When::VALUES))]
    pub color: When,
    /// Number for the log level verbosity
    #[arg(short = 'v', long = "v", global = true, value_name = "LEVEL",
          value_parser = crate::go::parse_int32)]
    pub verbosity: Option<i32>,
}
