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
