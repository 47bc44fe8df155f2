//! `kk create -f`: POST every object read from the manifests (files, directories, `-R`, stdin)
//! with `fieldManager=kubectl-create` and kubectl's `fieldValidation`, printing
//! `kind/name created` (or the object with `-o`), collecting per-object errors with kubectl's
//! `error when creating "<file>": ` prefix.

use serde_json::Value;

use crate::cmd::objects;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::flags::{DryRunFlags, FilenameFlags, ObjectPrintFlags};
use crate::printers::OperationPrinter;
use crate::resource::Resolver;
use crate::resource::builder::{self, Selection, Target};
use crate::resource::request;

/// Create a resource from a file or from stdin.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Must be one of: strict (or true), warn, ignore (or false).
    #[arg(
        long,
        no_opt_default("strict"),
        default_value = "strict",
        value_name = "MODE"
    )]
    pub validate: String,
    /// Name of the manager used to track field ownership.
    #[arg(long, default_value = "kubectl-create", value_name = "NAME")]
    pub field_manager: String,
}

/// kubectl's `--validate` values → the server's `fieldValidation` directive.
fn field_validation(v: &str) -> Result<&'static str> {
    match v.to_lowercase().as_str() {
        "strict" | "true" => Ok("Strict"),
        "warn" => Ok("Warn"),
        "ignore" | "false" => Ok("Ignore"),
        _ => Err(Error::msg(format!(
            "invalid - validate option {v:?}; must be one of: strict (or true), warn, ignore (or false)"
        ))),
    }
}

/// The builder reports a manifest without `kind` in delete's words; with validation on,
/// create rejects it earlier, in the schema validator's words.
fn validation_error(e: Error, validating: bool) -> Error {
    if let Error::Plain(text) = &e
        && validating
        && let Some(rest) = text.strip_prefix("unable to decode ")
        && text.contains("Object 'Kind' is missing")
    {
        let source = rest.split(": Object").next().unwrap_or("");
        return Error::msg(format!(
            "error validating {source}: error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false"
        ));
    }
    e
}

/// Run `kk create`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if args.files.filenames().is_empty() && args.files.kustomize.is_none() {
        return Err(Error::msg("must specify one of -f and -k"));
    }
    let validation = field_validation(&args.validate)?;
    let dry = args.dry_run.strategy()?;
    let mut printer = OperationPrinter::new(&args.print, dry)?;
    if let Some(k) = &args.files.kustomize {
        return Err(Error::msg(format!(
            "kustomize directories are not supported by kk: {k}"
        )));
    }
    let mut resolver = Resolver::new(ctx).await?;
    let sel = Selection {
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        ..Default::default()
    };
    let mut targets = builder::build(ctx, &mut resolver, &sel).await?;
    let client = ctx.client().await?;
    let validating = validation != "Ignore";
    let mut pending = std::mem::take(&mut targets.errors).into_iter().peekable();
    let mut errors = Vec::new();
    let mut count = 0usize;
    for (i, t) in targets.items.iter().enumerate() {
        while pending.peek().is_some_and(|(at, _)| *at <= i) {
            let (_, e) = pending.next().expect("peeked");
            errors.push(validation_error(e, validating));
        }
        let Target::Object {
            resource,
            namespace,
            manifest: Some((source, obj)),
            ..
        } = t
        else {
            continue;
        };
        count += 1;
        let mut obj = obj.clone();
        // The builder's DefaultNamespace(): namespaced objects carry the namespace they go to.
        if let (Some(ns), Some(meta)) = (
            namespace,
            obj.get_mut("metadata").and_then(Value::as_object_mut),
        ) {
            meta.insert("namespace".into(), Value::String(ns.clone()));
        }
        let created = if dry.is_client() {
            obj
        } else {
            let mut q = vec![
                ("fieldManager", args.field_manager.clone()),
                ("fieldValidation", validation.to_string()),
            ];
            q.extend(dry.query());
            let uri = objects::with_query(&resource.path(namespace.as_deref(), None), &q);
            match request::json(
                &client,
                http::Method::POST,
                &uri,
                Some(("application/json", &obj)),
            )
            .await
            {
                Ok(v) => v,
                Err(e) => {
                    errors.push(objects::with_source(ctx, "creating", Some(source), e));
                    continue;
                }
            }
        };
        printer.print(ctx.ui(), &created, "created")?;
    }
    errors.extend(pending.map(|(_, e)| validation_error(e, validating)));
    printer.finish(ctx.ui())?;
    if count == 0 && errors.is_empty() {
        return Err(Error::msg("no objects passed to create"));
    }
    objects::finish(errors)
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

    #[test]
    fn missing_kind_reads_like_the_validator() {
        let e =
            Error::Plain("unable to decode \"a.yaml\": Object 'Kind' is missing in '{}'".into());
        assert_eq!(
            validation_error(e, true).to_string(),
            "error validating \"a.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false"
        );
    }
}
