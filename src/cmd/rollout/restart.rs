//! `kk rollout restart`: stamp the pod template with `kubectl.kubernetes.io/restartedAt`
//! (now, RFC 3339 in the local zone, whole seconds), so the controller rolls every pod; a
//! paused Deployment and kinds other than Deployment/DaemonSet/StatefulSet are kubectl's
//! errors, and so is a second restart within the same second (an empty patch).

use serde_json::{Map, Value, json};

use super::{Change, PatchArgs};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::resource::polymorphic::Workload;
use crate::resource::visit::Info;

/// Restart a resource.
pub type Args = PatchArgs;

/// The annotation a restart sets on the pod template.
const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";

struct Restart {
    now: String,
}

impl Change for Restart {
    fn apply(&self, obj: &Value) -> std::result::Result<Value, String> {
        match Workload::of(obj) {
            Some(Workload::Deployment)
                if obj.pointer("/spec/paused").and_then(Value::as_bool) == Some(true) =>
            {
                return Err("can't restart paused deployment (run rollout resume first)".into());
            }
            Some(Workload::Deployment | Workload::DaemonSet | Workload::StatefulSet) => {}
            _ => return Err("restarting is not supported".into()),
        }
        let mut out = obj.clone();
        let template = out
            .pointer_mut("/spec/template")
            .filter(|t| t.is_object())
            .ok_or("restarting is not supported")?;
        let meta = template
            .as_object_mut()
            .expect("an object")
            .entry("metadata")
            .or_insert_with(|| Value::Object(Map::new()));
        let annotations = meta
            .as_object_mut()
            .ok_or("restarting is not supported")?
            .entry("annotations")
            .or_insert_with(|| Value::Object(Map::new()));
        if !annotations.is_object() {
            *annotations = Value::Object(Map::new());
        }
        annotations[RESTARTED_AT] = json!(self.now);
        Ok(out)
    }

    fn done(&self) -> &'static str {
        "restarted"
    }

    fn unchanged(&self, info: &Info) -> std::result::Result<&'static str, Error> {
        Err(Error::msg(format!(
            "failed to create patch for {}: if restart has already been triggered within the past second, please wait before attempting to trigger another",
            info.name
        )))
    }
}

/// Run `kk rollout restart`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    super::patch_each(ctx, args, &Restart { now }).await
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Restart a resource.

        Resource rollout will be restarted."#;

/// kubectl's examples (`--help`, man page).
pub const EXAMPLES: &str = r#"  # Restart all deployments in the test-namespace namespace
  kk rollout restart deployment -n test-namespace

  # Restart a deployment
  kk rollout restart deployment/nginx

  # Restart a daemon set
  kk rollout restart daemonset/abc

  # Restart deployments with the app=nginx label
  kk rollout restart deployment --selector=app=nginx"#;
