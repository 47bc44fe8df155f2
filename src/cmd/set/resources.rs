//! `kk set resources (-f FILENAME | TYPE NAME) [--limits=...] [--requests=...]`: kubectl's
//! `set resources` — the given limits and requests (Go quantities, written canonically)
//! merged into each container picked by `-c` (wildcards; init containers too); an object
//! with no such container is `unable to find container named X` and is left alone, an
//! unchanged one sends nothing and prints nothing.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::containers;
use super::patcher::{COMPLETE, Changed, Common, LabelSelector, Report, Setter};
use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::RecordFlags;
use crate::generate::quantity::Quantity;
use crate::resource::polymorphic;

/// Update resource requests/limits on objects with pod templates.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME
    #[arg(value_name = "ARGS", add = COMPLETE)]
    pub args: Vec<String>,
    /// The names of containers in the selected pod templates to change, all containers are
    /// selected by default - may use wildcards
    #[arg(short = 'c', long, default_value = "*", value_name = "NAMES", add = Complete::Container)]
    pub containers: String,
    /// The resource requirement limits for this container. For example, 'cpu=100m,memory=256Mi'
    #[arg(
        long,
        default_value = "",
        hide_default_value = true,
        value_name = "LIST"
    )]
    pub limits: String,
    /// The resource requirement requests for this container. For example,
    /// 'cpu=100m,memory=256Mi'
    #[arg(
        long,
        default_value = "",
        hide_default_value = true,
        value_name = "LIST"
    )]
    pub requests: String,
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub select: LabelSelector,
    #[command(flatten)]
    pub record: RecordFlags,
}

/// `--limits`/`--requests` parsed: resource name → canonical quantity.
type ResourceList = BTreeMap<String, String>;

/// kubectl 1.33's `populateResourceListV1`.
fn parse_list(spec: &str) -> Result<ResourceList> {
    let mut out = ResourceList::new();
    if spec.is_empty() {
        return Ok(out);
    }
    for statement in spec.split(',') {
        let parts: Vec<&str> = statement.split('=').collect();
        let [name, value] = parts[..] else {
            return Err(Error::msg(format!(
                "Invalid argument syntax {statement}, expected <resource>=<value>"
            )));
        };
        let q = Quantity::parse(value).map_err(Error::msg)?;
        out.insert(name.to_string(), q.canonical());
    }
    Ok(out)
}

/// Run `kk set resources`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let cause = a.record.recorder(ctx)?;
    let c = &a.common;
    let report = Report {
        op: "resource requirements updated",
        failed: "failed to patch resources update to pod template ",
        skip_unchanged: true,
    };
    let setter = Setter::new(ctx, c, report)?.recording(cause);
    let infos = c.infos(ctx, a.args.clone(), a.select.get(), true).await?;

    // Validate(), in kubectl's order.
    c.check_local_dry_run(setter.dry_run())?;
    if c.all() && a.select.get().is_some() {
        return Err(Error::msg(
            "cannot set --all and --selector at the same time",
        ));
    }
    if a.limits.is_empty() && a.requests.is_empty() {
        return Err(Error::msg(
            "you must specify an update to requests or limits (in the form of --requests/--limits)",
        ));
    }
    let limits = parse_list(&a.limits)?;
    let requests = parse_list(&a.requests)?;

    let selector = a.containers.as_str();
    setter
        .run(infos, |_, obj, soft| {
            let spec = polymorphic::pod_spec_mut(obj)?;
            let picked = containers::select(spec, selector);
            if picked.is_empty() {
                soft.push(Error::msg(format!(
                    "error: unable to find container named {selector}"
                )));
                return Ok(Changed::Skip);
            }
            for ctr in picked {
                let Some(ctr) = ctr.as_object_mut() else {
                    continue;
                };
                let res = object_at(ctr, "resources");
                for (key, list) in [("limits", &limits), ("requests", &requests)] {
                    if list.is_empty() {
                        continue;
                    }
                    let into = object_at(res, key);
                    for (name, q) in list {
                        into.insert(name.clone(), Value::String(q.clone()));
                    }
                }
            }
            Ok(Changed::Diff)
        })
        .await
}

/// The object under `key`, made one when missing or not an object.
fn object_at<'a>(m: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let v = m.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    v.as_object_mut().expect("just made an object")
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kk api-resources" for a complete list of supported resources.."#;

/// Examples (`--help`, man page).
pub const EXAMPLES: &str = r#"  # Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
  kk set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

  # Set the resource request and limits for all containers in nginx
  kk set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

  # Remove the resource requests for resources on containers in nginx
  kk set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0

  # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server
  kk set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_like_kubectl() {
        let l = parse_list("cpu=0.5,memory=1.5Gi").unwrap();
        assert_eq!(l["cpu"], "500m");
        assert_eq!(l["memory"], "1536Mi");
        assert!(parse_list("").unwrap().is_empty());
        assert_eq!(
            parse_list("cpu").unwrap_err().to_string(),
            "Invalid argument syntax cpu, expected <resource>=<value>"
        );
        assert!(parse_list("cpu=1=2").is_err());
        assert!(parse_list("cpu=1x").is_err());
    }
}
