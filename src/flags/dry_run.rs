//! `--dry-run` and the one [`DryRun`] strategy every mutating verb passes around.

use super::Pflag;
use crate::error::Error;

/// `--dry-run=none|client|server` (a bare `--dry-run` means `client`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DryRunFlags {
    /// Must be "none", "server", or "client". If client strategy, only print the object that
    /// would be sent, without sending it. If server strategy, submit server-side request without
    /// persisting the resource.
    #[arg(long = "dry-run", no_opt_default("unchanged"), value_name = "STRATEGY",
          add = crate::complete::Complete::Values(crate::complete::spec::DRY_RUN))]
    pub dry_run: Option<String>,
}

/// The resolved dry-run strategy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DryRun {
    /// Really persist.
    #[default]
    None,
    /// Send nothing; print what would be sent.
    Client,
    /// Send with `dryRun=All`: the server validates and answers but persists nothing.
    Server,
}

impl DryRunFlags {
    /// kubectl's `GetDryRunStrategy`, with its exact error text. A bare `--dry-run` and the
    /// deprecated booleans (`--dry-run=true|false`, any `strconv.ParseBool` spelling) mean
    /// client and none; kubectl's klog deprecation warning for them is not printed.
    pub fn strategy(&self) -> Result<DryRun, Error> {
        let Some(v) = self.dry_run.as_deref() else {
            return Ok(DryRun::None);
        };
        if let Ok(b) = crate::go::parse_bool(v) {
            return Ok(if b { DryRun::Client } else { DryRun::None });
        }
        match v {
            // pflag's NoOptDefVal for --dry-run.
            "unchanged" | "client" => Ok(DryRun::Client),
            "server" => Ok(DryRun::Server),
            "none" => Ok(DryRun::None),
            other => Err(Error::msg(format!(
                "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
            ))),
        }
    }
}

impl DryRun {
    /// What the name printer appends to the operation: ` (dry run)`, ` (server dry run)`.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }

    /// Nothing is sent to the server (client dry run).
    pub fn is_client(self) -> bool {
        self == DryRun::Client
    }

    /// The query parameter of a write request: `dryRun=All` for a server dry run.
    pub fn query(self) -> Option<(&'static str, String)> {
        (self == DryRun::Server).then(|| ("dryRun", "All".to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategies_like_kubectl() {
        let f = |s: Option<&str>| {
            DryRunFlags {
                dry_run: s.map(String::from),
            }
            .strategy()
        };
        assert_eq!(f(None).unwrap(), DryRun::None);
        assert_eq!(f(Some("unchanged")).unwrap(), DryRun::Client);
        assert_eq!(f(Some("1")).unwrap(), DryRun::Client);
        assert_eq!(f(Some("F")).unwrap(), DryRun::None);
        assert_eq!(f(Some("server")).unwrap(), DryRun::Server);
        assert_eq!(
            f(Some("x")).unwrap_err().render().unwrap(),
            "error: Invalid dry-run value (x). Must be \"none\", \"server\", or \"client\".\n"
        );
        assert_eq!(DryRun::Server.suffix(), " (server dry run)");
        assert_eq!(DryRun::Server.query(), Some(("dryRun", "All".into())));
        assert_eq!(DryRun::Client.query(), None);
    }
}
