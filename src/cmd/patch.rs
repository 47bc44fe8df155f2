//! `kk patch`: update fields of objects named by `TYPE NAME`, `TYPE/NAME` or `-f` with a
//! strategic merge patch (the default), a JSON merge patch or a JSON patch, given with `-p`
//! or `--patch-file` as JSON or YAML. The server applies it (`PATCH ?fieldManager=
//! kubectl-patch`); `--local` and `--dry-run=client` apply it here (`patch::apply_local`).
//! Each object prints `patched`, or `patched (no change)` when the result equals the object
//! read first — never with a dry-run suffix (kubectl sets the operation after its dry-run
//! wording).

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::record;
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, ObjectPrintFlags, Pflag};
use crate::patch::{self, PatchType, Schema};
use crate::printers::OperationPrinter;
use crate::printers::factory::go_open_error;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{Info, Options, Visitor};

/// Update fields of a resource.
///
/// Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON
/// patch.
///
/// JSON and YAML formats are accepted.
///
/// Note: Strategic merge patch is not supported for custom resources.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME
    #[arg(value_name = "RESOURCE", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    /// The patch to be applied to the resource JSON file.
    #[arg(short = 'p', long, value_name = "PATCH")]
    pub patch: Option<String>,
    /// A file containing a patch to be applied to the resource.
    #[arg(long, value_name = "FILE", add = Complete::FilesWith(&["json", "yaml", "yml"]))]
    pub patch_file: Option<String>,
    /// The type of patch being provided; one of [json merge strategic]
    #[arg(long = "type", default_value = "strategic", value_name = "TYPE",
          add = Complete::Values(&["json", "merge", "strategic"]))]
    pub patch_type: String,
    /// If true, patch will operate on the content of the file, not the server-side resource.
    #[arg(long, pflag_bool())]
    pub local: Option<bool>,
    /// If specified, patch will operate on the subresource of the requested object.
    #[arg(long, value_name = "NAME", add = Complete::Values(&["status", "scale"]))]
    pub subresource: Option<String>,
    #[command(flatten)]
    pub field_manager: crate::flags::write::FieldManagerFlags<crate::flags::write::Patch>,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources."#;

const EXAMPLES: &str = "Examples:
  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kk patch node k8s-node-1 -p '{\"spec\":{\"unschedulable\":true}}'

  # Partially update a node using a strategic merge patch, specifying the patch as YAML
  kk patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

  # Partially update a node identified by the type and name specified in \"node.json\" using strategic merge patch
  kk patch -f node.json -p '{\"spec\":{\"unschedulable\":true}}'

  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kk patch pod valid-pod -p '{\"spec\":{\"containers\":[{\"name\":\"kubernetes-serve-hostname\",\"image\":\"new image\"}]}}'

  # Update a container's image using a JSON patch with positional arrays
  kk patch pod valid-pod --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\":\"new image\"}]'

  # Update a deployment's replicas through the 'scale' subresource using a merge patch
  kk patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{\"spec\":{\"replicas\":2}}'";

/// Run `kk patch`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let cause = args.record.recorder(ctx)?;
    let dry = args.dry_run.strategy()?;
    let local = args.local == Some(true);
    // Validate(), in kubectl's order.
    let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    if given(&args.patch) && given(&args.patch_file) {
        return Err(Error::msg(
            "cannot specify --patch and --patch-file together",
        ));
    }
    if !given(&args.patch) && !given(&args.patch_file) {
        return Err(Error::msg(
            "must specify --patch or --patch-file containing the contents of the patch",
        ));
    }
    if local && !args.args.is_empty() {
        return Err(Error::msg("cannot specify --local and server resources"));
    }
    if local && dry == DryRun::Server {
        return Err(Error::msg(
            "cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
        ));
    }
    let ty = PatchType::parse(&args.patch_type.to_lowercase()).ok_or_else(|| {
        Error::msg(format!(
            "--type must be one of [json merge strategic], not {:?}",
            args.patch_type
        ))
    })?;
    // RunPatch(): the patch text, YAML turned into JSON.
    let raw = match args.patch_file.as_deref().filter(|f| !f.is_empty()) {
        Some(f) => std::fs::read_to_string(f).map_err(|e| {
            Error::msg(format!(
                "unable to read patch file: {}",
                go_open_error(f, &e)
            ))
        })?,
        None => args.patch.clone().unwrap_or_default(),
    };
    let body = crate::manifest::to_json(&raw).map_err(|e| {
        Error::msg(format!(
            "unable to parse {:?}: {e}",
            args.patch.as_deref().unwrap_or("")
        ))
    })?;
    let mut job = Patch {
        ctx,
        ty,
        body,
        dry,
        subresource: args.subresource.clone().filter(|s| !s.is_empty()),
        field_manager: args.field_manager.field_manager.clone(),
        cause,
        printer: OperationPrinter::new(&args.print, dry)?,
        count: 0,
    };
    job.visit(args, local).await?;
    job.printer.finish(ctx.ui())?;
    if job.count == 0 {
        return Err(Error::msg("no objects passed to patch"));
    }
    Ok(())
}

/// One `kk patch` run.
struct Patch<'a> {
    ctx: &'a Ctx,
    ty: PatchType,
    /// The request body: JSON as typed, or converted from YAML.
    body: String,
    dry: DryRun,
    subresource: Option<String>,
    field_manager: String,
    /// `--record`'s change cause, sent as a second merge patch.
    cause: Option<String>,
    printer: OperationPrinter,
    count: usize,
}

impl Patch<'_> {
    /// The objects of the command line, fetched (named ones) or as in the manifests
    /// (`--local`: the manifests' objects, never the server).
    async fn visit(&mut self, args: &Args, local: bool) -> Result<()> {
        let sel = Selection {
            args: args.args.clone(),
            filenames: args.files.filenames(),
            recursive: args.files.recursive(),
            ..Selection::default()
        };
        let opts = Options {
            subresource: self.subresource.clone(),
            local,
            ..Options::default()
        };
        let mut objects = Visitor::new(self.ctx, &sel, opts).await?;
        while let Some(info) = objects.next().await {
            self.count += 1;
            let result = if local || self.dry.is_client() {
                self.locally(info.object.as_ref().unwrap_or(&Value::Null))
            } else {
                self.on_server(&info).await
            };
            if let Err(e) = result {
                objects.fail(e);
            }
        }
        objects.finish()
    }

    /// Apply the patch here (`--local`, `--dry-run=client`) and print the result.
    fn locally(&mut self, obj: &Value) -> Result<()> {
        let av = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
        let schema = Schema::builtin(av, kind);
        let patch = serde_json::from_str::<Value>(&self.body)
            .map_err(|_| Error::msg(bad_json(self.ty, &self.body)))?;
        let patched = patch::apply_local(schema, self.ty, obj, &patch)
            .map_err(|e| Error::msg(e.to_string()))?;
        self.printer
            .print_verbatim(self.ctx.ui(), &patched, operation(obj != &patched))?;
        Ok(())
    }

    /// Send the patch and print what the server answered.
    async fn on_server(&mut self, info: &Info) -> Result<()> {
        let mut path = info.path();
        if let Some(sub) = &self.subresource {
            path.push('/');
            path.push_str(sub);
        }
        let mut q = vec![("fieldManager", self.field_manager.clone())];
        q.extend(self.dry.query());
        let uri = request::with_query(&path, &q);
        let client = self.ctx.client().await?;
        let body = Some((self.ty.content_type(), self.body.clone().into_bytes()));
        let patched = match request::raw(&client, http::Method::PATCH, &uri, body).await {
            Ok(v) => v,
            Err(kube::Error::Api(s)) if s.code == 415 => {
                return Err(Error::msg(format!(
                    "{} is not supported by {}: {}",
                    self.ty,
                    gvk(info),
                    s.message
                )));
            }
            Err(e) => return Err(self.ctx.kube_error(e)),
        };
        let changed = info.object.as_ref() != Some(&patched);
        // kubectl's recorder: a second merge patch through the same helper when the cause
        // is not there yet; its failure is only logged.
        let mut patched = patched;
        if let Some(cause) = &self.cause {
            let record = record::record_merge_patch(&patched, cause);
            if record.as_object().is_some_and(|m| !m.is_empty()) {
                let body = Some((
                    PatchType::Merge.content_type(),
                    serde_json::to_vec(&record).unwrap_or_default(),
                ));
                if let Ok(v) = request::raw(&client, http::Method::PATCH, &uri, body).await {
                    patched = v;
                }
            }
        }
        self.printer
            .print_verbatim(self.ctx.ui(), &patched, operation(changed))?;
        Ok(())
    }
}

/// `schema.GroupVersionKind.String()` of the object's type.
fn gvk(info: &Info) -> String {
    let r = &info.resource;
    format!("{}/{}, Kind={}", r.group, r.version, r.kind)
}

fn operation(changed: bool) -> &'static str {
    if changed {
        "patched"
    } else {
        "patched (no change)"
    }
}

/// What applying a patch that is not JSON says locally: apimachinery's and evanphx's
/// errors for the strategic and merge patches, Go's decoder for a JSON patch.
fn bad_json(ty: PatchType, text: &str) -> String {
    match ty {
        PatchType::Strategic => "invalid JSON document".into(),
        PatchType::Merge => "Invalid JSON Patch".into(),
        PatchType::Json => crate::go::json::syntax_error(text)
            .unwrap_or_else(|| "unexpected end of JSON input".into()),
    }
}
