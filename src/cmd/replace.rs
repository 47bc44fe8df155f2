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
use crate::resource::request;
use crate::resource::visit::{self, Info, Requester, Visitor};

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
    #[command(flatten)]
    pub write: crate::flags::write::WriteFlags<crate::flags::write::Replace>,
    /// If specified, replace will operate on the subresource of the requested object.
    #[arg(long, value_name = "NAME")]
    pub subresource: Option<String>,
    /// If true, immediately remove resources from API and bypass graceful deletion. Note
    /// that immediate deletion of some resources may result in inconsistency or data loss
    /// and requires confirmation.
    #[arg(long, pflag_bool())]
    pub force: Option<bool>,
    /// Period of time in seconds given to the resource to terminate gracefully. Ignored if
    /// negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true
    /// (force deletion).
    #[arg(
        long,
        default_value = "-1",
        allow_hyphen_values = true,
        value_name = "SECONDS"
    )]
    pub grace_period: i64,
    /// The length of time to wait before giving up on a delete, zero means determine a
    /// timeout from the size of the object
    #[arg(long, default_value = "0s", value_name = "DURATION")]
    pub timeout: String,
    /// Must be "background", "orphan", or "foreground". Selects the deletion cascading
    /// strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults
    /// to background.
    #[arg(long, no_opt_default("background"), value_name = "MODE",
          add = crate::complete::Complete::Values(&["background", "orphan", "foreground"]))]
    pub cascade: Option<String>,
    /// If true, wait for resources to be gone before returning. This waits for finalizers.
    #[arg(long, pflag_bool())]
    pub wait: Option<bool>,
    /// Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig file.
    #[arg(long, value_name = "URI")]
    pub raw: Option<String>,
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
    let validation = args.write.validate.directive()?;
    let dry = args.dry_run.strategy()?;
    let mut printer = OperationPrinter::new(&args.print, dry)?;
    let force = args.force == Some(true);
    let timeout = crate::go::duration(&args.timeout).ok_or_else(|| Error::Flag {
        msg: format!(
            "invalid argument {:?} for \"--timeout\" flag: time: invalid duration {:?}",
            args.timeout, args.timeout
        ),
        command: "replace".into(),
    })?;
    // Validate(), in kubectl's order.
    if args.grace_period >= 0 && !force {
        return Err(Error::msg("--grace-period must have --force specified"));
    }
    if !timeout.is_zero() && !force {
        return Err(Error::msg("--timeout must have --force specified"));
    }
    if force && dry != DryRun::None {
        return Err(Error::msg("--dry-run can not be used when --force is set"));
    }
    if args.files.filenames().is_empty() && args.files.kustomize.is_none() {
        return Err(Error::msg("must specify one of -f and -k"));
    }
    if let Some(k) = &args.files.kustomize {
        return Err(Error::msg(format!(
            "kustomize directories are not supported by kk: {k}"
        )));
    }
    if let Some(raw) = args.raw.as_deref().filter(|r| !r.is_empty()) {
        return put_raw(ctx, args, raw).await;
    }
    let subresource = args.subresource.clone().filter(|s| !s.is_empty());
    if force {
        let policy = crate::flags::cascade(ctx.ui(), args.cascade.as_deref())?;
        let timeout = if timeout.is_zero() {
            std::time::Duration::from_secs(300)
        } else {
            timeout
        };
        let replace = Replace {
            ctx,
            dry,
            validation,
            field_manager: args.write.manager(),
            subresource: subresource.as_deref(),
            save_config: args.write.save_config.enabled(),
            requester: &Requester::json(ctx.client().await?),
        };
        return replace
            .force(args, policy, args.grace_period, timeout, &mut printer)
            .await;
    }
    let mut objects = Visitor::manifests(
        ctx,
        args.files.filenames(),
        args.files.recursive(),
        validation != "Ignore",
        None,
    )
    .await?;
    let requester = objects.requester().clone();
    let replace = Replace {
        ctx,
        dry,
        validation,
        field_manager: args.write.manager(),
        subresource: subresource.as_deref(),
        save_config: args.write.save_config.enabled(),
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

/// `--raw URI`: the one file's bytes PUT to the URI as they are, the answer printed as it
/// came (kubectl's `rawhttp.RawPut`); refused with several files, a URL, `-R` or `-o`.
async fn put_raw(ctx: &Ctx, args: &Args, raw: &str) -> Result<()> {
    let files = args.files.filenames();
    let [file] = &files[..] else {
        return Err(Error::msg(
            "--raw can only use a single local file or stdin",
        ));
    };
    if file.starts_with("http://") || file.starts_with("https://") {
        return Err(Error::msg("--raw cannot read from a url"));
    }
    if args.files.recursive() {
        return Err(Error::msg("--raw and --recursive are mutually exclusive"));
    }
    if args.print.output.as_deref().is_some_and(|o| !o.is_empty()) {
        return Err(Error::msg("--raw and --output are mutually exclusive"));
    }
    let uri = crate::go::url::parse_request_uri(raw)
        .map_err(|e| Error::msg(format!("--raw must be a valid URL path: {e}")))?;
    let body = if file == "-" {
        ctx.ui().read_stdin_to_string()?.into_bytes()
    } else {
        std::fs::read(file)
            .map_err(|e| Error::msg(format!("open {file}: {}", crate::go::errno_text(&e))))?
    };
    let client = ctx.client().await?;
    let answer = request::raw_uri(&client, http::Method::PUT, &uri, body)
        .await
        .map_err(|e| ctx.kube_error(e))?;
    use std::io::Write;
    ctx.ui().out().write_all(&answer)?;
    Ok(())
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
    /// `--force`: delete the objects, wait until they are gone, and create them again
    /// (kubectl's `forceReplace`). stdin is kept in a file since it is read twice.
    async fn force(
        &self,
        args: &Args,
        policy: &str,
        grace: i64,
        timeout: std::time::Duration,
        printer: &mut OperationPrinter,
    ) -> Result<()> {
        let ctx = self.ctx;
        let mut filenames = args.files.filenames();
        let mut stdin_copy = None;
        for f in filenames.iter_mut().filter(|f| *f == "-") {
            let dir = crate::go::temp::mkdir_temp(
                &crate::go::temp::temp_dir(ctx.env()),
                "kubectl_replace_",
            )?;
            let file = dir.join("resource.stdin");
            std::fs::write(&file, ctx.ui().read_stdin_to_string()?)?;
            *f = file.to_string_lossy().into_owned();
            stdin_copy = Some(dir);
        }
        let result = self
            .delete_and_create(args, filenames, policy, grace, timeout, printer)
            .await;
        if let Some(dir) = stdin_copy {
            let _ = std::fs::remove_dir_all(dir);
        }
        result
    }

    async fn delete_and_create(
        &self,
        args: &Args,
        filenames: Vec<String>,
        policy: &str,
        grace: i64,
        timeout: std::time::Duration,
        printer: &mut OperationPrinter,
    ) -> Result<()> {
        let ctx = self.ctx;
        let recursive = args.files.recursive();
        // DeleteResult: every object deleted (`kind "name" deleted`), failures collected.
        let mut objects =
            Visitor::manifests(ctx, filenames.clone(), recursive, false, None).await?;
        let mut body = serde_json::json!({"propagationPolicy": policy});
        if grace >= 0 {
            body["gracePeriodSeconds"] = serde_json::json!(grace);
        }
        let client = ctx.client().await?;
        let mut deleted = Vec::new();
        while let Some(info) = objects.next().await {
            let uri = request::with_query(&info.path(), &[]);
            let sent = Some(("application/json", &body));
            match request::json(&client, http::Method::DELETE, &uri, sent).await {
                Ok(_) => {
                    let kind =
                        crate::printers::name::kind_ref(&info.resource.kind, &info.resource.group);
                    let op = if grace == 0 {
                        "force deleted"
                    } else {
                        "deleted"
                    };
                    if args.print.output() == "name" {
                        ctx.ui().print(&format!("{kind}/{}\n", info.name))?;
                    } else {
                        ctx.ui().print(&format!("{kind} {:?} {op}\n", info.name))?;
                    }
                    deleted.push((info, None));
                }
                Err(e) => objects.fail(visit::error_when(
                    ctx,
                    "deleting",
                    info.source.as_deref(),
                    e,
                )),
            }
        }
        let found = objects.targets().len();
        objects.finish()?;
        if found == 0 {
            ctx.ui().print("No resources found\n")?;
        }
        ctx.ui().flush()?;
        crate::wait::until_deleted(ctx, self.requester, &deleted, timeout).await?;
        // Created again from the files.
        let mut objects = Visitor::manifests(ctx, filenames, recursive, false, None).await?;
        let mut count = 0;
        while let Some(info) = objects.next().await {
            match self.create(&info).await {
                Ok(obj) => {
                    count += 1;
                    printer.print(ctx.ui(), &obj, "replaced")?;
                }
                Err(e) => objects.fail(e),
            }
        }
        printer.finish(ctx.ui())?;
        objects.finish()?;
        if count == 0 {
            return Err(Error::msg("no objects passed to replace"));
        }
        Ok(())
    }

    /// POST one manifest object (with its annotation under `--save-config`).
    async fn create(&self, info: &Info) -> Result<Value> {
        let mut obj = super::apply::manifest_object(info);
        obj = last_applied::create_or_update(obj, self.save_config);
        let path = info.resource.path(info.namespace.as_deref(), None);
        self.send(
            http::Method::POST,
            path,
            &obj,
            "creating",
            info.source.as_deref(),
        )
        .await
    }

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
        obj = last_applied::create_or_update(obj, self.save_config);
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
        self.send(http::Method::PUT, info.path(), &obj, "replacing", source)
            .await
    }

    /// Send `obj` to `path` (its subresource, when one is named) with this replace's field
    /// manager, validation and dry run; a failure reads "error when VERB SOURCE: ...".
    async fn send(
        &self,
        method: http::Method,
        mut path: String,
        obj: &Value,
        verb: &str,
        source: Option<&str>,
    ) -> Result<Value> {
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
        request::json(&client, method, &uri, Some(("application/json", obj)))
            .await
            .map_err(|e| visit::error_when(self.ctx, verb, source, e))
    }
}
