//! What every `set` subcommand shares (kubectl's `set/helper.go` and the identical tail of
//! each `Run()`): read the objects up front (`Infos()`: any failure to find one stops the
//! command before anything changes), change each one locally, diff before and after into a
//! two-way strategic merge patch (`CalculatePatches`), skip an empty patch, then print the
//! changed object (`--local`, `--dry-run=client`) or PATCH it with `fieldManager` and print
//! the server's answer. Errors are collected in kubectl's order: those the change itself
//! reports while patches are computed, then one per object as it is sent.

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, ObjectPrintFlags, Pflag};
use crate::patch::{self, PatchType, Schema};
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{Fetch, Info, Options, Visitor};

pub(super) use crate::resource::mapper::LOCAL_RESOURCE;

/// The flags of every `set` subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct Common {
    #[command(flatten)]
    pub files: FilenameFlags,
    /// Select all resources, in the namespace of the specified resource types
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// If true, the command will NOT contact api-server but run locally.
    #[arg(long, pflag_bool())]
    pub local: Option<bool>,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Name of the manager used to track field ownership.
    #[arg(long, default_value = "kubectl-set", value_name = "NAME")]
    pub field_manager: String,
}

/// `-l`, on the subcommands that take it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LabelSelector {
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
}

impl LabelSelector {
    /// The selector, `None` when empty.
    pub fn get(&self) -> Option<String> {
        self.selector.clone().filter(|s| !s.is_empty())
    }
}

/// Positional resource arguments (for completion).
pub const KINDS: &[&str] = &[
    "daemonsets",
    "deployments",
    "pods",
    "cronjobs",
    "replicasets",
    "replicationcontrollers",
    "statefulsets",
];

impl Common {
    /// `--local`.
    pub fn local(&self) -> bool {
        self.local == Some(true)
    }

    /// `--all`.
    pub fn all(&self) -> bool {
        self.all == Some(true)
    }

    /// kubectl's common Validate check of `--local` with `--dry-run=server`.
    pub fn check_local_dry_run(&self, dry: DryRun) -> Result<()> {
        if self.local() && dry == DryRun::Server {
            return Err(Error::msg(
                "cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
            ));
        }
        Ok(())
    }

    /// kubectl's builder of `set`: `-f` manifests as read with `--local` (resource arguments
    /// are then an error), else `-f`, `TYPE NAME`, `-l` and `--all`, every object fetched
    /// (`Latest()`). Every object is read before anything changes; any failure is the
    /// command's error.
    /// `refuse_local_args`: resource arguments with `--local` are kubectl's
    /// `LocalResourceError` (image, resources, subject) rather than ignored.
    pub async fn infos(
        &self,
        ctx: &Ctx,
        resources: Vec<String>,
        selector: Option<String>,
        refuse_local_args: bool,
    ) -> Result<Vec<Info>> {
        let local = self.local();
        if local && refuse_local_args && !resources.is_empty() {
            return Err(Error::msg(LOCAL_RESOURCE));
        }
        let sel = Selection {
            args: if local { Vec::new() } else { resources },
            filenames: self.files.filenames(),
            recursive: self.files.recursive(),
            label_selector: if local { None } else { selector },
            allow_empty_selector: self.all(),
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
        let mut infos = Vec::new();
        while let Some(info) = objects.next().await {
            infos.push(info);
        }
        objects.finish()?;
        Ok(infos)
    }
}

/// What a change did to one object (kubectl's `PatchFn` results).
pub enum Changed {
    /// The object was changed (or left alone); diff it.
    Diff,
    /// kubectl's `nil` result: nothing to patch or print.
    Skip,
}

/// How a subcommand reports.
pub struct Report {
    /// The operation word (`image updated`).
    pub op: &'static str,
    /// The prefix of a failed PATCH (`failed to patch image update to pod template: `).
    pub failed: &'static str,
    /// Skip objects whose patch is empty (all but `set serviceaccount`).
    pub skip_unchanged: bool,
}

/// One `set` run: the change applied and sent object by object.
pub struct Setter<'a> {
    ctx: &'a Ctx,
    dry: DryRun,
    local: bool,
    printer: OperationPrinter,
    manager: String,
    report: Report,
    refuse_after_patch: Option<&'static str>,
    cause: Option<String>,
    /// Errors reported by the change itself (`unable to find container ...`).
    pub soft: Vec<Error>,
}

impl<'a> Setter<'a> {
    /// kubectl's `Complete()` head: the dry-run strategy and the printer.
    pub fn new(ctx: &'a Ctx, common: &Common, report: Report) -> Result<Setter<'a>> {
        let dry = common.dry_run.strategy()?;
        let printer = OperationPrinter::new(&common.print, dry)?.typed();
        Ok(Setter {
            ctx,
            dry,
            local: common.local(),
            printer,
            manager: common.field_manager.clone(),
            report,
            refuse_after_patch: None,
            cause: None,
            soft: Vec::new(),
        })
    }

    /// `--record`: every changed object also gets this change cause (kubectl's
    /// `Recorder.Record` inside the change, so it is part of the patch).
    pub fn recording(mut self, cause: Option<String>) -> Self {
        self.cause = cause;
        self
    }

    /// Record the change cause on `obj`, when recording.
    pub fn record(&self, obj: &mut Value) {
        if let Some(cause) = &self.cause {
            crate::flags::record::record(obj, cause);
        }
    }

    /// kubectl `set env`'s late check: after the first object it really patched, fail
    /// with `msg` instead of printing it.
    pub fn refuse_after_patch(mut self, msg: Option<&'static str>) -> Self {
        self.refuse_after_patch = msg;
        self
    }

    /// The dry-run strategy.
    pub fn dry_run(&self) -> DryRun {
        self.dry
    }

    /// Change every object with `change`, then send and print as kubectl does.
    pub async fn run(
        mut self,
        infos: Vec<Info>,
        mut change: impl FnMut(
            &Info,
            &mut Value,
            &mut Vec<Error>,
        ) -> std::result::Result<Changed, String>,
    ) -> Result<()> {
        // CalculatePatches: every change first.
        let mut patches = Vec::new();
        for info in infos {
            let before =
                crate::generate::shape::normalize(info.object.as_ref().unwrap_or(&Value::Null));
            let mut after = before.clone();
            let result = match change(&info, &mut after, &mut self.soft) {
                Ok(Changed::Skip) => continue,
                Ok(Changed::Diff) => {
                    self.record(&mut after);
                    diff(&before, &after).map(|p| (after, p))
                }
                Err(e) => Err(e),
            };
            patches.push((info, result));
        }
        let mut errs = std::mem::take(&mut self.soft);
        for (info, result) in patches {
            let (after, patch) = match result {
                Ok(x) => x,
                Err(e) => {
                    errs.push(Error::msg(format!(
                        "error: {} {e}\n",
                        object_name(&info, self.local)
                    )));
                    continue;
                }
            };
            if self.report.skip_unchanged && patch::is_empty(&patch) {
                continue;
            }
            match self.submit(&info, &after, &patch).await {
                Ok(Some(refused)) => return Err(Error::msg(refused)),
                Ok(None) => {}
                Err(e) => errs.push(Error::msg(format!("{}{}", self.report.failed, e.go_text()))),
            }
        }
        self.finish()?;
        match errs.len() {
            0 => Ok(()),
            1 => Err(errs.remove(0)),
            _ => Err(Error::Many(errs)),
        }
    }

    /// The tail of kubectl's per-object loop: with `--local` or a client dry run print
    /// `after`; else PATCH the server with `patch` and print its answer. The server's
    /// refusal is returned as the client error; `Some` is the late refusal of
    /// [`refuse_after_patch`](Self::refuse_after_patch) (patched, not printed).
    pub async fn submit(
        &mut self,
        info: &Info,
        after: &Value,
        patch: &Value,
    ) -> Result<Option<&'static str>> {
        if self.local || self.dry.is_client() {
            self.printer.print(self.ctx.ui(), after, self.report.op)?;
            return Ok(None);
        }
        let actual = self.send(info, patch).await?;
        if let Some(refused) = self.refuse_after_patch {
            return Ok(Some(refused));
        }
        let actual = crate::generate::shape::normalize(&actual);
        self.printer.print(self.ctx.ui(), &actual, self.report.op)?;
        Ok(None)
    }

    /// The printer's end, after the last object.
    pub fn finish(&mut self) -> Result<()> {
        Ok(self.printer.finish(self.ctx.ui())?)
    }

    async fn send(&self, info: &Info, patch: &Value) -> Result<Value> {
        let mut q = vec![("fieldManager", self.manager.clone())];
        q.extend(self.dry.query());
        let uri = request::with_query(&info.path(), &q);
        let client = self.ctx.client().await?;
        request::json(
            &client,
            http::Method::PATCH,
            &uri,
            Some((PatchType::Strategic.content_type(), patch)),
        )
        .await
        .map_err(|e| self.ctx.kube_error(e))
    }
}

/// `CreateTwoWayMergePatch` of the object's kind.
pub fn diff(before: &Value, after: &Value) -> std::result::Result<Value, String> {
    let s = |k: &str| before.get(k).and_then(Value::as_str).unwrap_or("");
    let schema = Schema::builtin(s("apiVersion"), s("kind"));
    let schema = if schema.supports_strategic() {
        schema
    } else {
        Schema::opaque()
    };
    patch::two_way(schema, before, after).map_err(|e| e.to_string())
}

/// kubectl's `Info.ObjectName()`: `deployments/web`; without a REST mapping (`--local`)
/// `deployment.apps/web`.
pub fn object_name(info: &Info, local: bool) -> String {
    let r = &info.resource;
    match (local, r.group.is_empty()) {
        (false, _) => format!("{}/{}", r.resource, info.name),
        (true, true) => format!("{}/{}", r.kind.to_lowercase(), info.name),
        // cli-runtime writes a stray newline here.
        (true, false) => format!("{}.{}/{}\n", r.kind.to_lowercase(), r.group, info.name),
    }
}

/// Completion of the positional arguments of the pod-template subcommands.
pub const COMPLETE: Complete = Complete::TypeAndNameOf(KINDS);
