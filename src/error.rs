//! The one error type and the one reporter.
//!
//! Every command returns [`Result`]; [`report`] is the only place that turns an error into
//! stderr text and an exit code, reproducing kubectl's `cmdutil.CheckErr` wording:
//! `error: ...`, `Error from server (Reason): ...`, the connection-refused hint, cobra's
//! usage hints. Clap's own failures are reworded as cobra's by `cli::failure` and reported
//! here too.

use std::fmt;
use std::io;
use std::process::ExitCode;

use crate::ui::Ui;
use crate::ui::colour::{Colour, Style};

/// The program name kk prints wherever kubectl prints its own (`See 'kk get --help' ...`).
pub const PROG: &str = "kk";

/// Result alias used by every command.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can make kk fail, each variant knowing how kubectl would word it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A plain failure, printed as `error: <msg>`.
    #[error("{0}")]
    Msg(String),
    /// A message printed verbatim (no `error: ` prefix), e.g. kubectl's
    /// `Error in configuration: ...` or the Invalid-object multi-line report.
    #[error("{0}")]
    Plain(String),
    /// A cobra usage error: `error: <msg>` then `See 'kk <command> -h' for help and examples`.
    #[error("{msg}")]
    Usage {
        /// The message (without `error: `).
        msg: String,
        /// The command path after `kk`, e.g. `config view` (empty for the root).
        command: String,
    },
    /// A cobra flag error: `error: <msg>` then `See 'kk <command> --help' for usage.`
    #[error("{msg}")]
    Flag {
        /// The message (without `error: `).
        msg: String,
        /// The command path after `kk`.
        command: String,
    },
    /// An API Status returned by the server.
    #[error("{}", .0.message)]
    Api(Box<kube::core::Status>),
    /// A transport failure talking to `server` (`host:port` as kubectl prints it).
    #[error("{source}")]
    Transport {
        /// `host:port` of the API server.
        server: String,
        /// The underlying client error.
        source: Box<kube::Error>,
    },
    /// A local I/O failure (a closed stdout pipe is reported silently).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The remote process of `exec`/`run -i` exited with this code.
    #[error("command terminated with exit code {0}")]
    RemoteExit(i32),
    /// Several independent failures (one line each; exit 1).
    #[error("{} errors", .0.len())]
    Many(Vec<Error>),
    /// clientcmd's invalid-configuration aggregate (`ConfirmUsable`'s problems, in its order).
    /// kubectl prints several as `Error in configuration: ` and a `* <problem>` line each; one
    /// as `error: <problem>` (CheckErr unwraps an aggregate of one), except a missing context
    /// and a problem the resource builder wrapped in its own aggregate (see [`Error::render`]),
    /// which keep `Error in configuration: <problem>`.
    #[error("invalid configuration: {}", .0.join(", "))]
    Config(Vec<String>),
    /// Already reported; exit with this code and print nothing.
    #[error("exit {0}")]
    Exit(u8),
}

impl Error {
    /// `error: <msg>`.
    pub fn msg(msg: impl fmt::Display) -> Self {
        Error::Msg(msg.to_string())
    }

    /// A usage error for the command `command` (e.g. `"config use-context"`).
    pub fn usage(command: &str, msg: impl fmt::Display) -> Self {
        Error::Usage {
            msg: msg.to_string(),
            command: command.to_string(),
        }
    }

    /// Classify a kube client error: an API Status stays an [`Error::Api`], anything else is a
    /// transport failure against `server` (`host:port`).
    pub fn from_kube(server: &str, e: kube::Error) -> Self {
        match e {
            kube::Error::Api(status) => Error::Api(status),
            other => Error::Transport {
                server: server.to_string(),
                source: Box::new(other),
            },
        }
    }

    /// The exit code kubectl would use.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::RemoteExit(code) => (*code).clamp(0, 255) as u8,
            Error::Exit(code) => *code,
            Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            _ => 1,
        }
    }

    /// The complete stderr text kubectl would print (with trailing newline), or `None`.
    pub fn render(&self) -> Option<String> {
        let text = match self {
            Error::Msg(m) => prefixed(m),
            Error::Plain(m) => m.clone(),
            Error::Usage { msg, command } => {
                format!(
                    "{}\nSee '{}' for help and examples",
                    prefixed(msg),
                    hint(command, "-h")
                )
            }
            Error::Flag { msg, command } => {
                format!(
                    "{}\nSee '{}' for usage.",
                    prefixed(msg),
                    hint(command, "--help")
                )
            }
            Error::Api(status) => api_message(status),
            Error::Transport { server, source } => transport_message(server, source),
            Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => return None,
            Error::Io(e) => prefixed(&e.to_string()),
            Error::RemoteExit(code) => format!("command terminated with exit code {code}"),
            // cmdutil.CheckErr unwraps an aggregate of one error, one level deep.
            Error::Many(errs) if errs.len() == 1 => {
                return match &errs[0] {
                    Error::Many(inner) => Some(multiple_errors(inner)),
                    Error::Config(problems) => Some(config_message(problems, true)),
                    e => e.render(),
                };
            }
            Error::Config(problems) => config_message(problems, false),
            Error::Many(errs) => return Some(multiple_errors(errs)),
            Error::Exit(_) => return None,
        };
        Some(if text.ends_with('\n') {
            text
        } else {
            text + "\n"
        })
    }
}

impl Error {
    /// Go's `err.Error()` for this error: the bare message (an API error's Status message),
    /// and for an aggregate apimachinery's `[a, b]` (flattened, duplicates dropped).
    pub fn go_text(&self) -> String {
        match self {
            Error::Msg(m) | Error::Plain(m) => m.trim_end_matches('\n').to_string(),
            Error::Api(s) => s.message.clone(),
            Error::Config(problems) if problems.len() == 1 => {
                format!("invalid configuration: {}", problems[0])
            }
            Error::Config(problems) => format!("invalid configuration: [{}]", problems.join(", ")),
            Error::Many(errs) => {
                let mut seen: Vec<String> = Vec::new();
                let mut stack: Vec<&Error> = errs.iter().rev().collect();
                while let Some(e) = stack.pop() {
                    match e {
                        Error::Many(inner) => stack.extend(inner.iter().rev()),
                        e => {
                            let t = e.go_text();
                            if !seen.contains(&t) {
                                seen.push(t);
                            }
                        }
                    }
                }
                match seen.len() {
                    1 => seen.remove(0),
                    _ => format!("[{}]", seen.join(", ")),
                }
            }
            e => e.to_string(),
        }
    }
}

/// kubectl's text for an invalid configuration; `unwrapped_once` when CheckErr's unwrapping
/// of a one-error aggregate left the configuration error itself (so it is still recognised
/// as one), rather than its only problem.
fn config_message(problems: &[String], unwrapped_once: bool) -> String {
    match problems {
        [one] if unwrapped_once || one.starts_with(CONTEXT_NOT_FOUND) => {
            format!("Error in configuration: {one}\n")
        }
        [one] => prefixed(one) + "\n",
        many => {
            let lines: String = many.iter().map(|p| format!("* {p}\n")).collect();
            format!("Error in configuration: \n{lines}")
        }
    }
}

/// clientcmd's `errContextNotFound`, a configuration error of its own.
pub const CONTEXT_NOT_FOUND: &str = "context was not found for specified context: ";

/// kubectl's `MultipleErrors`: one line per error; API errors keep their wording, others
/// are their bare Go text (no `error: ` prefix), nested aggregates `[a, b]`.
fn multiple_errors(errs: &[Error]) -> String {
    errs.iter()
        .filter_map(|e| match e {
            // A message's own trailing newline stays (kubectl's `"%v\n"`: a blank line).
            Error::Msg(m) => Some(format!("{m}\n")),
            Error::Plain(_) | Error::Many(_) | Error::Config(_) => {
                Some(format!("{}\n", e.go_text()))
            }
            e => e.render(),
        })
        .collect()
}

fn hint(command: &str, help: &str) -> String {
    if command.is_empty() {
        format!("{PROG} {help}")
    } else {
        format!("{PROG} {command} {help}")
    }
}

/// kubectl never doubles the prefix when a message already starts with `error: `.
fn prefixed(msg: &str) -> String {
    if msg.starts_with("error: ") {
        msg.to_string()
    } else {
        format!("error: {msg}")
    }
}

/// kubectl's `StandardErrorMessage` for an API Status.
fn api_message(s: &kube::core::Status) -> String {
    if s.reason == "Unauthorized" || (s.code == 401 && s.reason.is_empty()) {
        return format!("error: You must be logged in to the server ({})", s.message);
    }
    if s.reason == "Invalid" {
        let d = s.details.as_ref();
        let (kind, name) = d
            .map(|d| (d.kind.as_str(), d.name.as_str()))
            .unwrap_or(("", ""));
        let head = if kind.is_empty() && name.is_empty() {
            "The request is invalid".to_string()
        } else {
            format!("The {kind} {name:?} is invalid")
        };
        let causes: Vec<String> = d
            .map(|d| {
                d.causes
                    .iter()
                    .map(|c| format!("{}: {}", c.field, c.message))
                    .collect()
            })
            .unwrap_or_default();
        return match causes.len() {
            0 => format!("{head}: {}", s.message),
            1 => format!("{head}: {}", causes[0]),
            _ => {
                let mut out = format!("{head}: \n");
                for c in causes {
                    out.push_str(&format!("* {c}\n"));
                }
                out
            }
        };
    }
    if s.reason.is_empty() {
        format!("Error from server: {}", s.message)
    } else {
        format!("Error from server ({}): {}", s.reason, s.message)
    }
}

fn transport_message(server: &str, e: &kube::Error) -> String {
    connection_message(server, e)
}

/// kubectl's words (`StandardErrorMessage` of a `*url.Error`) for a request to `server`
/// (`host:port`) that failed below HTTP: refused, TLS, a lost connection, anything else.
pub fn connection_message(server: &str, e: &(dyn std::error::Error + 'static)) -> String {
    match below_http(e) {
        Below::Refused => format!(
            "The connection to the server {server} was refused - did you specify the right host or port?"
        ),
        Below::Text(text) => format!("Unable to connect to the server: {text}"),
    }
}

/// Go's text for a request to `server` that failed below HTTP, as a `*url.Error` words it
/// after `Get "URL": ` (`dial tcp 127.0.0.1:6443: connect: connection refused`).
pub fn go_transport_text(server: &str, e: &(dyn std::error::Error + 'static)) -> String {
    match below_http(e) {
        Below::Refused => format!("dial tcp {server}: connect: connection refused"),
        Below::Text(text) => text,
    }
}

/// What went wrong below HTTP.
enum Below {
    /// The connection was refused.
    Refused,
    /// Go's text for anything else (TLS, a lost connection, the innermost error).
    Text(String),
}

fn below_http(e: &(dyn std::error::Error + 'static)) -> Below {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut innermost = e.to_string();
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::ConnectionRefused
        {
            return Below::Refused;
        }
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return Below::Text(go_tls_text(tls));
        }
        if let Some(text) = go_connection_loss_text(err) {
            return Below::Text(text.to_string());
        }
        innermost = err.to_string();
        // A custom io::Error's source() skips its payload (where rustls puts its error).
        let payload = err.downcast_ref::<io::Error>().and_then(|io| io.get_ref());
        cur = match payload {
            Some(p) => Some(p as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    Below::Text(innermost)
}

/// Go's wording for a connection that went away under a request (kubectl adds the socket
/// addresses, `read tcp A->B: read: connection reset by peer`, which kk does not know).
fn go_connection_loss_text(err: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    if let Some(io) = err.downcast_ref::<io::Error>() {
        return match io.kind() {
            io::ErrorKind::ConnectionReset => Some("read: connection reset by peer"),
            io::ErrorKind::BrokenPipe => Some("write: broken pipe"),
            io::ErrorKind::UnexpectedEof => Some("unexpected EOF"),
            _ => None,
        };
    }
    let hyper = err.downcast_ref::<hyper::Error>()?;
    // A connection closed before the answer ended: Go's reader reports EOF.
    (hyper.is_incomplete_message() && std::error::Error::source(hyper).is_none())
        .then_some("unexpected EOF")
}

/// Go's crypto/tls wording for the certificate failures scripts and tests see most.
fn go_tls_text(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    let x509 = |text: String| format!("tls: failed to verify certificate: x509: {text}");
    let rfc3339 = |t: &rustls::pki_types::UnixTime| {
        chrono::DateTime::from_timestamp(t.as_secs() as i64, 0)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default()
    };
    // Go formats the validation time in the local zone, the certificate's in UTC.
    let local = |t: &rustls::pki_types::UnixTime| {
        chrono::DateTime::from_timestamp(t.as_secs() as i64, 0)
            .map(|d| {
                d.with_timezone(&chrono::Local)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            })
            .unwrap_or_default()
    };
    let invalid = "certificate has expired or is not yet valid";
    let rustls::Error::InvalidCertificate(cert) = e else {
        return format!("tls: {e}");
    };
    match cert {
        C::UnknownIssuer => x509("certificate signed by unknown authority".into()),
        C::NotValidForName => x509("certificate is not valid for the requested name".into()),
        C::NotValidForNameContext {
            expected,
            presented,
        } => x509(go_hostname_error(expected, presented)),
        C::ExpiredContext { time, not_after } => x509(format!(
            "{invalid}: current time {} is after {}",
            local(time),
            rfc3339(not_after)
        )),
        C::NotValidYetContext { time, not_before } => x509(format!(
            "{invalid}: current time {} is before {}",
            local(time),
            rfc3339(not_before)
        )),
        C::Expired | C::NotValidYet => x509(invalid.into()),
        other => format!("tls: {}", rustls::Error::InvalidCertificate(other.clone())),
    }
}

/// Go's `x509.HostnameError` text for a certificate that does not name the server.
fn go_hostname_error(
    expected: &rustls::pki_types::ServerName<'static>,
    presented: &[String],
) -> String {
    use rustls::pki_types::ServerName;
    let (host, is_ip) = match expected {
        ServerName::IpAddress(ip) => (std::net::IpAddr::from(*ip).to_string(), true),
        ServerName::DnsName(d) => (d.as_ref().to_string(), false),
        other => (format!("{other:?}"), false),
    };
    // webpki presents the names as `DnsName("a.b")` and `IpAddress(1.2.3.4)`.
    let mut ips = Vec::new();
    let mut names = Vec::new();
    for p in presented {
        if let Some(n) = p
            .strip_prefix("DnsName(\"")
            .and_then(|r| r.strip_suffix("\")"))
        {
            names.push(n.to_string());
        } else if let Some(ip) = p
            .strip_prefix("IpAddress(")
            .and_then(|r| r.strip_suffix(')'))
        {
            ips.push(
                ip.parse::<std::net::IpAddr>()
                    .map_or(ip.to_string(), |a| a.to_string()),
            );
        }
    }
    let valid = if is_ip {
        if ips.is_empty() {
            return format!(
                "cannot validate certificate for {host} because it doesn't contain any IP SANs"
            );
        }
        ips.join(", ")
    } else {
        names.join(", ")
    };
    if valid.is_empty() {
        return format!("certificate is not valid for any names, but wanted to match {host}");
    }
    format!("certificate is valid for {valid}, not {host}")
}

/// Print `err` as kubectl would and return its exit code.
pub fn report(ui: &Ui, err: Error) -> ExitCode {
    if let Some(text) = err.render() {
        // If stderr itself is gone there is nobody left to tell.
        let _ = ui.eprint(&paint(ui.err_colour(), &text));
    }
    ExitCode::from(err.exit_code())
}

/// An error report on a colour terminal: each line's `error:` / `Error from server (...):` /
/// `Unable to connect to the server:` head in bold red, a refused connection wholly;
/// hints (`See 'kk get --help' ...`) and details stay plain.
fn paint(colour: Colour, text: &str) -> String {
    if !colour.is_on() {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .map(|line| {
            let head = if line.starts_with("The connection to the server ") {
                Some(line.trim_end_matches('\n').len())
            } else if line.starts_with("error:")
                || line.starts_with("Error")
                || line.starts_with("Unable to connect to the server:")
            {
                line.find(':').map(|i| i + 1)
            } else {
                None
            };
            match head {
                Some(n) => format!("{}{}", colour.paint(Style::Error, &line[..n]), &line[n..]),
                None => line.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors() {
        let mut s = kube::core::Status::failure("pods \"nope\" not found", "NotFound");
        s.code = 404;
        assert_eq!(
            Error::Api(Box::new(s)).render().unwrap(),
            "Error from server (NotFound): pods \"nope\" not found\n"
        );
    }

    #[test]
    fn colour_marks_heads_only() {
        let text = "Error from server (NotFound): pods \"x\" not found\nerror: bad\nSee 'kk get --help' for usage.\n";
        assert_eq!(paint(Colour::OFF, text), text);
        assert_eq!(
            paint(Colour::ON, text),
            "\x1b[31;1mError from server (NotFound):\x1b[0m pods \"x\" not found\n\x1b[31;1merror:\x1b[0m bad\nSee 'kk get --help' for usage.\n"
        );
    }

    #[test]
    fn no_double_prefix_and_silent_pipe() {
        assert_eq!(Error::msg("error: x").render().unwrap(), "error: x\n");
        let e = Error::Io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(e.render(), None);
        assert_eq!(e.exit_code(), 0);
    }
}
