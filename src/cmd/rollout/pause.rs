//! `kk rollout pause` / `kk rollout resume`: set or clear a Deployment's `spec.paused`
//! (a strategic merge patch), with kubectl's `is already paused` / `is not paused` errors
//! and `pausing is not supported` for other kinds.

use serde_json::{Value, json};

use super::{Change, PatchArgs};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::resource::polymorphic::Workload;
use crate::resource::visit::Info;

/// Flags of `pause` and `resume`.
pub type Args = PatchArgs;

/// Which of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `rollout pause`.
    Pause,
    /// `rollout resume`.
    Resume,
}

impl Change for Action {
    fn apply(&self, obj: &Value) -> std::result::Result<Value, String> {
        if Workload::of(obj) != Some(Workload::Deployment) {
            return Err(match self {
                Action::Pause => "pausing is not supported".into(),
                Action::Resume => "resuming is not supported".into(),
            });
        }
        let paused = obj.pointer("/spec/paused").and_then(Value::as_bool) == Some(true);
        let mut out = obj.clone();
        match self {
            Action::Pause if paused => return Err("is already paused".into()),
            Action::Resume if !paused => return Err("is not paused".into()),
            Action::Pause => out["spec"]["paused"] = json!(true),
            Action::Resume => {
                if let Some(spec) = out.get_mut("spec").and_then(Value::as_object_mut) {
                    spec.remove("paused");
                }
            }
        }
        Ok(out)
    }

    fn done(&self) -> &'static str {
        match self {
            Action::Pause => "paused",
            Action::Resume => "resumed",
        }
    }

    fn unchanged(&self, _: &Info) -> std::result::Result<&'static str, Error> {
        Ok(match self {
            Action::Pause => "already paused",
            Action::Resume => "already resumed",
        })
    }
}

/// Run `kk rollout pause` or `kk rollout resume`.
pub async fn run(ctx: &Ctx, args: &Args, action: Action) -> Result<()> {
    super::patch_each(ctx, args, &action).await
}

/// The long description (`--help`, man page), kubectl's words.
pub const PAUSE_ABOUT: &str = r#"Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kk rollout resume" to resume a paused resource. Currently only deployments support being paused."#;

/// The long description (`--help`, man page), kubectl's words.
pub const RESUME_ABOUT: &str = r#"Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed."#;

/// kubectl's examples (`--help`, man page).
pub const PAUSE_EXAMPLES: &str = r#"  # Mark the nginx deployment as paused
  # Any current state of the deployment will continue its function; new updates
  # to the deployment will not have an effect as long as the deployment is paused
  kk rollout pause deployment/nginx"#;

/// kubectl's examples (`--help`, man page).
pub const RESUME_EXAMPLES: &str = r#"  # Resume an already paused deployment
  kk rollout resume deployment/nginx"#;
