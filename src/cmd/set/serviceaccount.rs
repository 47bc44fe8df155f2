//! `kk set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT`: kubectl's
//! `set serviceaccount` — the pod spec's `serviceAccountName`; the patch is sent (and
//! `serviceaccount updated` printed) even when nothing changes, as kubectl does.

use serde_json::Value;

use super::patcher::{COMPLETE, Changed, Common, Report, Setter};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::RecordFlags;
use crate::resource::polymorphic;

/// Update the service account of a resource.
///
/// Update the service account of pod template resources.
///
/// Possible resources (case insensitive) can be:
///
/// replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs),
/// statefulset
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Set deployment nginx-deployment's service account to serviceaccount1
  kk set serviceaccount deployment nginx-deployment serviceaccount1

  # Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server
  kk set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml"
)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME, then SERVICE_ACCOUNT
    #[arg(value_name = "ARGS", add = COMPLETE)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub record: RecordFlags,
}

/// Run `kk set serviceaccount`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let cause = a.record.recorder(ctx)?;
    let c = &a.common;
    let report = Report {
        op: "serviceaccount updated",
        failed: "failed to patch ServiceAccountName ",
        skip_unchanged: false,
    };
    let dry = c.dry_run.strategy()?;
    c.check_local_dry_run(dry)?;
    let setter = Setter::new(ctx, c, report)?.recording(cause);
    let Some((account, resources)) = a.args.split_last() else {
        return Err(Error::msg("serviceaccount is required"));
    };
    let infos = c.infos(ctx, resources.to_vec(), None, false).await?;
    setter
        .run(infos, |_, obj, _| {
            let spec = polymorphic::pod_spec_mut(obj)?;
            if let Some(m) = spec.as_object_mut() {
                m.insert("serviceAccountName".into(), Value::String(account.clone()));
            }
            Ok(Changed::Diff)
        })
        .await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Update the service account of pod template resources.

 Possible resources (case insensitive) can be:

 replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset

Aliases:
serviceaccount, sa"#;
