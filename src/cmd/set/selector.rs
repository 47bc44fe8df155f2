//! `kk set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=V]`: kubectl's
//! `set selector` — a Service's `spec.selector` replaced by the equality part of the last
//! argument (set-based requirements are refused). Objects are visited one by one: each is
//! patched (even when nothing changes, as kubectl does) and printed, a failure is reported
//! at the end and the others still go. `--resource-version` puts that version into the
//! patch, so the server refuses it when the object has moved on.

use serde_json::{Map, Value};

use super::patcher::{Common, Report, Setter, diff};
use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::RecordFlags;
use crate::flags::{DryRunFlags, ObjectPrintFlags, Pflag};
use crate::generate::selector::parse_to_label_selector;
use crate::resource::builder::Selection;
use crate::resource::visit::{Fetch, Info, Options, Visitor};

/// Set the selector on a resource.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME, then the selector EXPRESSIONS
    #[arg(value_name = "ARGS", add = Complete::TypeAndNamesOf(&["services"]))]
    pub args: Vec<String>,
    /// Filename, directory, or URL to files identifying the resource
    #[arg(short = 'f', long = "filename", value_name = "FILE",
          add = Complete::FilesWith(crate::complete::spec::MANIFEST_EXTENSIONS))]
    pub filenames: Vec<String>,
    /// Process the directory used in -f, --filename recursively
    #[arg(short = 'R', long, pflag_bool())]
    pub recursive: Option<bool>,
    /// Select all resources in the namespace of the specified resource types
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// If true, annotation will NOT contact api-server but run locally.
    #[arg(long, pflag_bool())]
    pub local: Option<bool>,
    /// If non-empty, the selectors update will only succeed if this is the current
    /// resource-version for the object. Only valid when specifying a single resource.
    #[arg(
        long,
        default_value = "",
        hide_default_value = true,
        value_name = "VERSION"
    )]
    pub resource_version: String,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Name of the manager used to track field ownership.
    #[arg(long, default_value = "kubectl-set", value_name = "NAME")]
    pub field_manager: String,
    #[command(flatten)]
    pub record: RecordFlags,
}

/// Run `kk set selector`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let cause = a.record.recorder(ctx)?;
    let local = a.local == Some(true);
    // What the shared `set` machinery needs of these flags (no `-k`, `-R` on by default).
    let common = Common {
        files: Default::default(),
        all: a.all,
        local: a.local,
        dry_run: a.dry_run.clone(),
        print: a.print.clone(),
        field_manager: a.field_manager.clone(),
    };
    let report = Report {
        op: "selector updated",
        failed: "",
        skip_unchanged: false,
    };
    let mut setter = Setter::new(ctx, &common, report)?.recording(cause);
    let (resources, selector) = match a.args.split_last() {
        None => (Vec::new(), None),
        Some((last, resources)) => {
            let sel = parse_to_label_selector(last).map_err(Error::msg)?;
            (resources.to_vec(), Some(sel))
        }
    };
    let Some(selector) = selector else {
        return Err(Error::msg("one selector is required"));
    };

    if local && !resources.is_empty() {
        return Err(Error::msg(super::patcher::LOCAL_RESOURCE));
    }
    let sel = Selection {
        args: if local { Vec::new() } else { resources },
        filenames: crate::flags::split_list(&a.filenames),
        recursive: a.recursive.unwrap_or(true),
        allow_empty_selector: a.all == Some(true),
        typed: true,
        ..Selection::default()
    };
    let opts = Options {
        fetch: Fetch::Latest,
        local,
        chunk_size: 0,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    while let Some(info) = objects.next().await {
        if let Err(e) = select(&mut setter, &info, &selector, &a.resource_version).await {
            objects.fail(e);
        }
    }
    setter.finish()?;
    objects.finish()
}

/// One object: kubectl's `CalculatePatch` around `updateSelectorForObject`, then send.
async fn select(setter: &mut Setter<'_>, info: &Info, selector: &Value, rv: &str) -> Result<()> {
    let mut before =
        crate::generate::shape::normalize(info.object.as_ref().unwrap_or(&Value::Null));
    if !rv.is_empty()
        && let Some(meta) = before.get_mut("metadata").and_then(Value::as_object_mut)
    {
        meta.remove("resourceVersion");
    }
    let mut after = before.clone();
    if !rv.is_empty()
        && let Some(meta) = after.get_mut("metadata").and_then(Value::as_object_mut)
    {
        meta.insert("resourceVersion".into(), Value::String(rv.to_string()));
    }
    set_selector(&mut after, selector).map_err(Error::msg)?;
    setter.record(&mut after);
    let patch = diff(&before, &after).map_err(Error::msg)?;
    setter.submit(info, &after, &patch).await?;
    Ok(())
}

/// kubectl's `updateSelectorForObject`: Services only, equality requirements only.
fn set_selector(obj: &mut Value, selector: &Value) -> std::result::Result<(), String> {
    let exprs = selector
        .get("matchExpressions")
        .and_then(Value::as_array)
        .filter(|e| !e.is_empty());
    let is_service = obj.get("kind").and_then(Value::as_str) == Some("Service")
        && obj.get("apiVersion").and_then(Value::as_str) == Some("v1");
    if !is_service {
        return Err("setting a selector is only supported for Services".into());
    }
    if let Some(exprs) = exprs {
        return Err(format!(
            "match expression {} not supported on this object",
            go_requirements(exprs)
        ));
    }
    let labels = selector
        .get("matchLabels")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    let spec = obj
        .as_object_mut()
        .map(|m| m.entry("spec").or_insert_with(|| Value::Object(Map::new())))
        .and_then(Value::as_object_mut)
        .ok_or("setting a selector is only supported for Services")?;
    spec.insert("selector".into(), labels);
    Ok(())
}

/// Go's `%v` of a `[]LabelSelectorRequirement`: `[{key Op [v1 v2]} ...]`.
fn go_requirements(exprs: &[Value]) -> String {
    let s = |e: &Value, k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let items: Vec<String> = exprs
        .iter()
        .map(|e| {
            let values: Vec<&str> = e
                .get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            format!(
                "{{{} {} [{}]}}",
                s(e, "key"),
                s(e, "operator"),
                values.join(" ")
            )
        })
        .collect();
    format!("[{}]", items.join(" "))
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.

 A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects."#;

/// Examples (`--help`, man page).
pub const EXAMPLES: &str = r#"  # Set the labels and selector before creating a deployment/service pair
  kk create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | kk set selector --local -f - 'environment=qa' -o yaml | kk create -f -
  kk create deployment my-dep -o yaml --dry-run=client | kk label --local -f - environment=qa -o yaml | kk create -f -"#;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn services_only_equality_only() {
        let mut svc =
            json!({"apiVersion": "v1", "kind": "Service", "spec": {"selector": {"a": "1"}}});
        let sel = parse_to_label_selector("b=2").unwrap();
        set_selector(&mut svc, &sel).unwrap();
        assert_eq!(svc["spec"]["selector"], json!({"b": "2"}));
        let sel = parse_to_label_selector("!a,x in (b,a)").unwrap();
        assert_eq!(
            set_selector(&mut svc, &sel).unwrap_err(),
            "match expression [{a DoesNotExist []} {x In [a b]}] not supported on this object"
        );
        let mut deploy = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
        assert_eq!(
            set_selector(&mut deploy, &parse_to_label_selector("a=b").unwrap()).unwrap_err(),
            "setting a selector is only supported for Services"
        );
    }
}
