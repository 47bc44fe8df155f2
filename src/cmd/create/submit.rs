//! What every `create <generator>` shares: its flags (`--dry-run`, `-o`, `--save-config`,
//! `--validate`, `--field-manager`) and the way it sends the built object — kubectl's
//! `Complete()` checks in its order, then `CreateOrUpdateAnnotation`, the POST (or not, for a
//! client dry run) and the typed printer (`generate::shape`).

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, ObjectPrintFlags};
use crate::generate::{self, Endpoint, shape};
use crate::printers::OperationPrinter;
use crate::resource::request;

/// The flags of every generator.
#[derive(Debug, Clone, clap::Args)]
pub struct GeneratorFlags {
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub write: crate::flags::write::WriteFlags<crate::flags::write::Create>,
}

/// A generator's settings after kubectl's `Complete()`.
pub struct Submit {
    dry: DryRun,
    printer: OperationPrinter,
    validation: &'static str,
    save_config: bool,
    field_manager: String,
    namespace: String,
    explicit: bool,
}

/// `NameFromCommandArgs` as a usage error of `create <sub>`.
pub fn name(sub: &str, args: &[String]) -> Result<String> {
    generate::name_from_args(args)
        .map(str::to_string)
        .map_err(|m| Error::usage(&format!("create {sub}"), m))
}

impl GeneratorFlags {
    /// kubectl's `Complete()` after the name: dry-run, printer, `--validate`, namespace.
    pub async fn complete(&self, ctx: &Ctx) -> Result<Submit> {
        let dry = self.dry_run.strategy()?;
        let printer = OperationPrinter::new(&self.print, dry)?.typed();
        let validation = self.write.validate.directive()?;
        Ok(Submit {
            dry,
            printer,
            validation,
            save_config: self.write.save_config.enabled(),
            field_manager: self.write.manager().to_string(),
            namespace: ctx.namespace().await?,
            explicit: ctx.namespace_explicit(),
        })
    }
}

impl Submit {
    /// `-n` when given explicitly: the namespace kubectl writes into a generated object.
    pub fn enforced_namespace(&self) -> Option<String> {
        self.explicit.then(|| self.namespace.clone())
    }

    /// The namespace requests go to.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The dry-run strategy.
    pub fn dry_run(&self) -> DryRun {
        self.dry
    }

    /// Create `obj` (unless a client dry run) and print the result. A server refusal is
    /// reported as `<failed>: <message>` when kubectl wraps it (`failed to create deployment`),
    /// or as the server's error when `failed` is empty.
    pub async fn create(&mut self, ctx: &Ctx, obj: Value, failed: &str) -> Result<()> {
        let mut obj = shape::normalize(&obj);
        if self.save_config {
            generate::save_config(&mut obj);
        }
        let shown = if self.dry.is_client() {
            obj
        } else {
            let endpoint = Endpoint::of(&obj).expect("generators build known kinds");
            let mut q = vec![
                ("fieldManager", self.field_manager.clone()),
                ("fieldValidation", self.validation.to_string()),
            ];
            q.extend(self.dry.query());
            let uri = request::with_query(&endpoint.collection(&self.namespace), &q);
            let client = ctx.client().await?;
            let created = request::json(
                &client,
                http::Method::POST,
                &uri,
                Some(("application/json", &obj)),
            )
            .await
            .map_err(|e| wrap(ctx, e, failed))?;
            shape::normalize(&created)
        };
        self.printer.print(ctx.ui(), &shown, "created")?;
        self.printer.finish(ctx.ui())?;
        Ok(())
    }
}

/// kubectl's `fmt.Errorf("failed to create X: %v", err)`: the API error's text after the
/// prefix, as a plain error; transport failures keep their own wording.
pub fn wrap(ctx: &Ctx, e: kube::Error, failed: &str) -> Error {
    match (ctx.kube_error(e), failed) {
        (Error::Api(s), f) if !f.is_empty() => Error::msg(format!("{f}{}", s.message)),
        (e, _) => e,
    }
}
