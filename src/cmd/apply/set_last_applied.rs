//! `kk apply set-last-applied -f`: make the objects' `last-applied-configuration`
//! annotations say what the files say, as though `kk apply -f` had run, without changing
//! anything else (a merge patch of the annotation alone). Every object is checked before
//! any is patched; one whose annotation already matches is reported and left alone.

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, ObjectPrintFlags, Pflag};
use crate::patch::{self, PatchType, last_applied};
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{self, Fetch, Info, Options, Visitor};

/// Set the last-applied-configuration annotation on a live object to match the contents
/// of a file.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filename, directory, or URL to files that contains the last-applied-configuration
    /// annotations
    #[arg(short = 'f', long = "filename", value_name = "FILE",
          add = Complete::FilesWith(crate::complete::spec::MANIFEST_EXTENSIONS))]
    pub filenames: Vec<String>,
    /// Will create 'last-applied-configuration' annotations if current objects doesn't
    /// have one
    #[arg(long, pflag_bool())]
    pub create_annotation: Option<bool>,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run, without updating any other parts of the object."#;

/// kubectl's examples.
pub const EXAMPLES: &str = r#"  # Set the last-applied-configuration of a resource to match the contents of a file
  kk apply set-last-applied -f deploy.yaml

  # Execute set-last-applied against each configuration file in a directory
  kk apply set-last-applied -f path/

  # Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
  kk apply set-last-applied -f deploy.yaml --create-annotation=true"#;

/// Run `kk apply set-last-applied`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let dry = args.dry_run.strategy()?;
    let mut printer = OperationPrinter::new(&args.print, dry)?;
    let sel = Selection {
        filenames: crate::flags::split_list(&args.filenames),
        ..Selection::default()
    };
    let opts = Options {
        fetch: Fetch::Nothing,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    let requester = objects.requester().clone();
    let mut infos = Vec::new();
    while let Some(info) = objects.next().await {
        infos.push(info);
    }
    objects.finish()?;
    // Every object is checked first.
    let mut changes: Vec<(Info, Value, Value)> = Vec::new();
    for info in infos {
        let obj = super::manifest_object(&info);
        let live = match info.get(&requester, None).await {
            Ok(v) => v,
            Err(e) if visit::is_not_found(&e) => return Err(ctx.kube_error(e)),
            Err(e) => {
                let verb = format!(
                    "retrieving current configuration of:\n{}\nfrom server for:",
                    super::describe_info(&info)
                );
                return Err(visit::error_when(ctx, &verb, info.source.as_deref(), e));
            }
        };
        let original = live
            .pointer("/metadata/annotations")
            .and_then(|a| a.get(last_applied::ANNOTATION))
            .and_then(Value::as_str);
        if original.is_none() && args.create_annotation != Some(true) {
            return Err(Error::msg(format!(
                "no last-applied-configuration annotation found on resource: {}, to create the annotation, run the command with --create-annotation",
                info.name
            )));
        }
        let (patch, value) = last_applied::annotation_patch(&obj);
        if original == Some(value.as_str()) {
            ctx.ui().print(&format!(
                "set-last-applied {}: no changes required.\n",
                info.name
            ))?;
            continue;
        }
        changes.push((info, patch, live));
    }
    let namespace = ctx.namespace().await?;
    for (info, patch, live) in changes {
        let result = if dry == DryRun::Client {
            live
        } else {
            let path = info.resource.path(
                info.resource.namespaced.then_some(namespace.as_str()),
                Some(&info.name),
            );
            let uri = request::with_query(&path, &dry.query().into_iter().collect::<Vec<_>>());
            let client = ctx.client().await?;
            let body = Some((
                PatchType::Merge.content_type(),
                patch::to_json(&patch).into_bytes(),
            ));
            request::raw(&client, http::Method::PATCH, &uri, body)
                .await
                .map_err(|e| ctx.kube_error(e))?
        };
        printer.print(ctx.ui(), &result, "configured")?;
    }
    printer.finish(ctx.ui())?;
    Ok(())
}
