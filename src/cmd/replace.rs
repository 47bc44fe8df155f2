//! `kk replace -f`: PUT each manifest object whole (kubectl's `Helper.Replace`: an object
//! without `resourceVersion` gets the live one first, so it overwrites), printing
//! `kind/name replaced`. `--save-config` (or an annotation already in the manifest) keeps
//! `last-applied-configuration` up to date.

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, ObjectPrintFlags, Pflag};
use crate::patch::last_applied;
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{self, Fetch, Info, Options, Requester, Visitor};

use super::create::submit::field_validation;

/// Replace a resource by file name or stdin.
///
/// Replace a resource by file name or stdin.
///
/// JSON and YAML formats are accepted. If replacing an existing resource, the complete
/// resource spec must be provided. This can be obtained by
///
///   $ kk get TYPE NAME -o yaml
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// If true, the configuration of current object will be saved in its annotation.
    /// Otherwise, the annotation will be unchanged. This flag is useful when you want to
    /// perform kubectl apply on this object in the future.
    #[arg(long, pflag_bool())]
    pub save_config: Option<bool>,
    /// Must be one of: strict (or true), warn, ignore (or false).
    #[arg(
        long,
        no_opt_default("strict"),
        default_value = "strict",
        value_name = "MODE"
    )]
    pub validate: String,
    /// Name of the manager used to track field ownership.
    #[arg(long, default_value = "kubectl-replace", value_name = "NAME")]
    pub field_manager: String,
    /// If specified, replace will operate on the subresource of the requested object.
    #[arg(long, value_name = "NAME")]
    pub subresource: Option<String>,
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

        $ kk get TYPE NAME -o yaml"#;

const EXAMPLES: &str = "Examples:
  # Replace a pod using the data in pod.json
  kk replace -f ./pod.json

  # Replace a pod based on the JSON passed into stdin
  cat pod.json | kk replace -f -";

/// Run `kk replace`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let validation = field_validation(&args.validate)?;
    let dry = args.dry_run.strategy()?;
    let mut printer = OperationPrinter::new(&args.print, dry)?;
    if args.files.filenames().is_empty() && args.files.kustomize.is_none() {
        return Err(Error::msg("must specify one of -f and -k"));
    }
    if let Some(k) = &args.files.kustomize {
        return Err(Error::msg(format!(
            "kustomize directories are not supported by kk: {k}"
        )));
    }
    let subresource = args.subresource.clone().filter(|s| !s.is_empty());
    let sel = Selection {
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        validate: validation != "Ignore",
        ..Selection::default()
    };
    let opts = Options {
        fetch: Fetch::Nothing,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    let requester = objects.requester().clone();
    let replace = Replace {
        ctx,
        dry,
        validation,
        field_manager: &args.field_manager,
        subresource: subresource.as_deref(),
        save_config: args.save_config == Some(true),
        requester: &requester,
    };
    while let Some(info) = objects.next().await {
        match replace.one(&info).await {
            Ok(obj) => printer.print(ctx.ui(), &obj, "replaced")?,
            Err(e) => objects.fail(e),
        }
    }
    printer.finish(ctx.ui())?;
    objects.finish()
}

struct Replace<'a> {
    ctx: &'a Ctx,
    dry: DryRun,
    validation: &'static str,
    field_manager: &'a str,
    subresource: Option<&'a str>,
    save_config: bool,
    requester: &'a Requester,
}

impl Replace<'_> {
    /// Replace one object; the server's answer (or the object, in a client dry run).
    async fn one(&self, info: &Info) -> Result<Value> {
        let source = info.source.as_deref();
        let mut obj = info.object.clone().unwrap_or(Value::Null);
        if let (Some(ns), Some(meta)) = (
            &info.namespace,
            obj.get_mut("metadata").and_then(Value::as_object_mut),
        ) {
            meta.insert("namespace".into(), Value::String(ns.clone()));
        }
        // CreateOrUpdateAnnotation: set with --save-config, refreshed when already there.
        let has = last_applied::original_configuration(&obj)
            .ok()
            .flatten()
            .is_some();
        if self.save_config || has {
            obj = last_applied::with_annotation(&obj);
        }
        if self.dry == DryRun::Client {
            return Ok(obj);
        }
        let when = |e| visit::error_when(self.ctx, "replacing", source, e);
        let rv = obj
            .pointer("/metadata/resourceVersion")
            .and_then(Value::as_str)
            .unwrap_or("");
        if rv.is_empty() {
            let live = info
                .get(self.requester, self.subresource)
                .await
                .map_err(when)?;
            let rv = live
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(Value::String(String::new()));
            if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
                meta.insert("resourceVersion".into(), rv);
            }
        }
        let mut path = info.path();
        if let Some(sub) = self.subresource {
            path.push('/');
            path.push_str(sub);
        }
        let mut q = vec![
            ("fieldManager", self.field_manager.to_string()),
            ("fieldValidation", self.validation.to_string()),
        ];
        q.extend(self.dry.query());
        let uri = request::with_query(&path, &q);
        let client = self.ctx.client().await?;
        request::json(
            &client,
            http::Method::PUT,
            &uri,
            Some(("application/json", &obj)),
        )
        .await
        .map_err(when)
    }
}
