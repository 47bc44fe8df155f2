//! The flags of verbs that write whole objects (kubectl's `AddApplyAnnotationFlags`,
//! `AddValidateFlags`, `AddFieldManagerFlagVar`): `--save-config`, `--validate` and
//! `--field-manager`, declared once. Each verb flattens the ones kubectl gives it —
//! [`WriteFlags`] for all three, in that order — and names its default field manager by a
//! type ([`Manager`]), so the flag's help and default stay each verb's own.

use std::marker::PhantomData;

use super::Pflag;
use crate::error::{Error, Result};

/// A verb's default `--field-manager` (`kubectl-<verb>`).
pub trait Manager: Clone + std::fmt::Debug + Send + Sync + 'static {
    /// The default value.
    const NAME: &'static str;
}

macro_rules! managers {
    ($($ty:ident = $name:literal),* $(,)?) => {$(
        #[doc = concat!("`--field-manager=", $name, "`.")]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $ty;
        impl Manager for $ty {
            const NAME: &'static str = $name;
        }
    )*};
}

managers! {
    Create = "kubectl-create",
    Replace = "kubectl-replace",
    Edit = "kubectl-edit",
    Expose = "kubectl-expose",
    Autoscale = "kubectl-autoscale",
    Run = "kubectl-run",
    Patch = "kubectl-patch",
    ClientSideApply = "kubectl-client-side-apply",
}

/// `--save-config`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SaveConfigFlags {
    /// If true, the configuration of current object will be saved in its annotation.
    /// Otherwise, the annotation will be unchanged. This flag is useful when you want to
    /// perform kubectl apply on this object in the future.
    #[arg(long, pflag_bool())]
    pub save_config: Option<bool>,
}

impl SaveConfigFlags {
    /// Whether `--save-config` is on.
    pub fn enabled(&self) -> bool {
        self.save_config == Some(true)
    }
}

/// `--validate`.
#[derive(Debug, Clone, clap::Args)]
pub struct ValidateFlags {
    /// Must be one of: strict (or true), warn, ignore (or false).
    #[arg(
        long,
        no_opt_default("strict"),
        default_value = "strict",
        value_name = "MODE"
    )]
    pub validate: String,
}

impl ValidateFlags {
    /// kubectl's `--validate` values → the server's `fieldValidation` directive.
    pub fn directive(&self) -> Result<&'static str> {
        field_validation(&self.validate)
    }
}

/// kubectl's `--validate` values → the server's `fieldValidation` directive.
pub fn field_validation(v: &str) -> Result<&'static str> {
    match v.to_lowercase().as_str() {
        "strict" | "true" => Ok("Strict"),
        "warn" => Ok("Warn"),
        "ignore" | "false" => Ok("Ignore"),
        _ => Err(Error::msg(format!(
            "invalid - validate option {v:?}; must be one of: strict (or true), warn, ignore (or false)"
        ))),
    }
}

/// `--field-manager`, defaulting to `M::NAME`.
#[derive(Debug, Clone, clap::Args)]
pub struct FieldManagerFlags<M: Manager> {
    /// Name of the manager used to track field ownership.
    #[arg(long, default_value = M::NAME, value_name = "NAME")]
    pub field_manager: String,
    #[arg(skip)]
    _verb: PhantomData<M>,
}

/// `--save-config`, `--validate` and `--field-manager` (defaulting to `M::NAME`).
#[derive(Debug, Clone, clap::Args)]
pub struct WriteFlags<M: Manager> {
    #[command(flatten)]
    pub save_config: SaveConfigFlags,
    #[command(flatten)]
    pub validate: ValidateFlags,
    #[command(flatten)]
    pub field_manager: FieldManagerFlags<M>,
}

impl<M: Manager> WriteFlags<M> {
    /// `--field-manager`.
    pub fn manager(&self) -> &str {
        &self.field_manager.field_manager
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_modes() {
        assert_eq!(field_validation("true").unwrap(), "Strict");
        assert_eq!(field_validation("Warn").unwrap(), "Warn");
        assert_eq!(field_validation("false").unwrap(), "Ignore");
        assert!(field_validation("x").is_err());
    }
}
