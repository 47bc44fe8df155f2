//! `kk set image (-f FILENAME | TYPE NAME) CONTAINER=IMAGE ...`: kubectl's `set image` —
//! each pair names an init container or container (`*` = all of them; ephemeral containers
//! are never changed), an unknown name is `unable to find container named "x"` while the
//! other pairs still apply, an unchanged image sends nothing and prints nothing.

use std::collections::BTreeMap;

use serde_json::Value;

use super::patcher::{COMPLETE, Changed, Common, LabelSelector, Report, Setter};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::RecordFlags;
use crate::metadata::{parse_pairs, split_args};
use crate::resource::polymorphic;

/// Update the image of a pod template.
///
/// Update existing container image(s) of resources.
///
/// Possible resources include (case insensitive):
///
///   pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset
///   (sts), cronjob (cj), replicaset (rs)
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kk set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kk set image deployments,rc nginx=nginx:1.9.1 --all

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kk set image daemonset abc *=nginx:1.9.1

  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server
  kk set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml"
)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME, then CONTAINER_NAME=CONTAINER_IMAGE pairs
    #[arg(value_name = "ARGS", add = COMPLETE)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub select: LabelSelector,
    #[command(flatten)]
    pub record: RecordFlags,
}

/// Run `kk set image`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let cause = a.record.recorder(ctx)?;
    let c = &a.common;
    let report = Report {
        op: "image updated",
        failed: "failed to patch image update to pod template: ",
        skip_unchanged: true,
    };
    let setter = Setter::new(ctx, c, report)?.recording(cause);
    let (resources, pairs) = split_args(&a.args, "image")?;
    let (images, _) = parse_pairs(&pairs, "image", false)?;
    let no_resources = resources.is_empty() && c.files.filenames().is_empty();
    let infos = c.infos(ctx, resources, a.select.get(), true).await?;

    let mut errs = Vec::new();
    if c.all() && a.select.get().is_some() {
        errs.push(Error::msg(
            "cannot set --all and --selector at the same time",
        ));
    }
    if no_resources {
        errs.push(Error::msg(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if images.is_empty() {
        errs.push(Error::msg("at least one image update is required"));
    } else if images.len() > 1 && images.contains_key("*") {
        errs.push(Error::msg(
            "all containers are already specified by *, but saw more than one container_name=container_image pairs",
        ));
    }
    if let Err(e) = c.check_local_dry_run(setter.dry_run()) {
        errs.push(e);
    }
    match errs.len() {
        0 => {}
        1 => return Err(errs.remove(0)),
        _ => return Err(Error::Many(errs)),
    }

    setter
        .run(infos, |_, obj, soft| {
            let spec = polymorphic::pod_spec_mut(obj)?;
            for (name, image) in &images {
                let found_init = set_image(spec, "initContainers", name, image);
                let found = set_image(spec, "containers", name, image);
                if !found && !found_init {
                    soft.push(Error::msg(format!(
                        "error: unable to find container named {name:?}"
                    )));
                }
            }
            Ok(Changed::Diff)
        })
        .await
}

/// kubectl's `setImage` over one list; whether a container matched.
fn set_image(spec: &mut Value, list: &str, name: &str, image: &str) -> bool {
    let mut found = false;
    for c in spec
        .get_mut(list)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if name == "*" || super::containers::name(c) == name {
            found = true;
            if let Some(m) = c.as_object_mut() {
                m.insert("image".into(), Value::String(image.to_string()));
            }
        }
    }
    found
}

/// The `CONTAINER=IMAGE` pairs (kubectl keeps them in a map: the last one per name wins).
pub type Images = BTreeMap<String, String>;

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)"#;
