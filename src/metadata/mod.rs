//! What `kk label` and `kk annotate` share (kubectl writes them twice): their flags, and
//! editing one metadata map on every visited object — fetch it, edit the map locally, send
//! the JSON merge patch between before and after (`{}` included, as kubectl does), print
//! `labeled`/`unlabeled`/`not labeled`/`annotated` or the object with `-o`.

mod edit;
mod pairs;

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::record::{self, RecordFlags};
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, ObjectPrintFlags, Pflag, SelectorFlags};
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{self, Fetch, Info, Options, Visitor};
use edit::{change_word, edit};
use pairs::{Changes, parse_changes};
pub use pairs::{parse_pairs, split_args};

/// Which metadata map is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `metadata.labels` (`kk label`).
    Label,
    /// `metadata.annotations` (`kk annotate`).
    Annotation,
}

impl Kind {
    fn field(self) -> &'static str {
        match self {
            Kind::Label => "labels",
            Kind::Annotation => "annotations",
        }
    }
    fn word(self) -> &'static str {
        match self {
            Kind::Label => "label",
            Kind::Annotation => "annotation",
        }
    }
    fn verb(self) -> &'static str {
        match self {
            Kind::Label => "label",
            Kind::Annotation => "annotate",
        }
    }
    /// The example file of kubectl's `--local` messages.
    fn file(self) -> &'static str {
        match self {
            Kind::Label => "pod",
            Kind::Annotation => "rsrc",
        }
    }
}

/// Flags shared by `label` and `annotate`.
#[derive(Debug, Clone, clap::Args)]
pub struct Common {
    /// TYPE NAME | TYPE/NAME, then KEY=VAL or KEY- pairs
    #[arg(value_name = "ARGS", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub select: SelectorFlags,
    /// Select all resources, in the namespace of the specified resource types
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// If true, allow values to be overwritten, otherwise reject updates that overwrite
    /// existing values.
    #[arg(long, pflag_bool())]
    pub overwrite: Option<bool>,
    /// If true, display the values for a given resource.
    #[arg(long, pflag_bool())]
    pub list: Option<bool>,
    /// If non-empty, the update will only succeed if this is the current resource-version
    /// for the object. Only valid when specifying a single resource.
    #[arg(long, value_name = "VERSION")]
    pub resource_version: Option<String>,
    /// If true, the command will NOT contact api-server but run locally (each verb words
    /// its help, `mut_arg`)
    #[arg(long, pflag_bool())]
    pub local: Option<bool>,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Name of the manager used to track field ownership.
    #[arg(long, value_name = "NAME")]
    pub field_manager: Option<String>,
    #[command(flatten)]
    pub record: RecordFlags,
}

/// Run `label` or `annotate`.
pub async fn run(ctx: &Ctx, a: &Common, kind: Kind) -> Result<()> {
    // Complete().
    let (resources, pairs) = split_args(&a.args, kind.word())?;
    let list = a.list.unwrap_or(false);
    let overwrite = a.overwrite.unwrap_or(false);
    let local = a.local == Some(true);
    let changes = parse_changes(&pairs, kind)?;
    if list && !a.print.output().is_empty() {
        return Err(Error::msg(
            "--list and --output may not be specified together",
        ));
    }
    let dry = a.dry_run.strategy()?;
    let cause = a.record.recorder(ctx)?;
    // Validate().
    let all = a.all.unwrap_or(false);
    let label_sel = a.select.selector.clone().filter(|s| !s.is_empty());
    if all && label_sel.is_some() {
        return Err(Error::msg(
            "cannot set --all and --selector at the same time",
        ));
    }
    if all
        && a.select
            .field_selector
            .as_deref()
            .is_some_and(|f| !f.is_empty())
    {
        return Err(Error::msg(
            "cannot set --all and --field-selector at the same time",
        ));
    }
    let file = kind.file();
    if local {
        if dry == DryRun::Server {
            return Err(Error::msg(
                "cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
            ));
        }
        if !resources.is_empty() {
            return Err(Error::msg(format!(
                "can only use local files by -f {file}.yaml or --filename={file}.json when --local=true is set"
            )));
        }
        if a.files.filenames().is_empty() {
            return Err(Error::msg(format!(
                "one or more files must be specified as -f {file}.yaml or --filename={file}.json"
            )));
        }
    } else if resources.is_empty() && a.files.filenames().is_empty() {
        return Err(Error::msg(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if changes.set.is_empty() && changes.remove.is_empty() && !list {
        return Err(Error::msg(format!(
            "at least one {} update is required",
            kind.word()
        )));
    }
    // kubectl's builder: with --local only the files, as read.
    let sel = if local {
        Selection {
            filenames: a.files.filenames(),
            recursive: a.files.recursive(),
            ..Selection::default()
        }
    } else {
        Selection {
            args: resources,
            filenames: a.files.filenames(),
            recursive: a.files.recursive(),
            label_selector: label_sel,
            field_selector: a.select.field_selector.clone(),
            all_namespaces: a.select.all_namespaces(),
            allow_empty_selector: all,
            ..Selection::default()
        }
    };
    // kubectl's Latest(): every object is read fresh; lists are not chunked.
    let opts = Options {
        fetch: Fetch::Latest,
        local,
        chunk_size: 0,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    let one = objects.single_item_implied();
    let rv = a.resource_version.clone().filter(|s| !s.is_empty());
    if rv.is_some() && !one {
        return Err(Error::msg(
            "--resource-version may only be used with a single resource",
        ));
    }
    let mut job = Edit {
        ctx,
        client: ctx.client().await?,
        kind,
        changes,
        overwrite,
        list,
        local,
        cause,
        one,
        rv,
        dry,
        manager: a
            .field_manager
            .clone()
            .unwrap_or_else(|| format!("kubectl-{}", kind.verb())),
        // kubectl builds the printer only after patching: a bad -o still changes the
        // objects, then fails once per object.
        printer: OperationPrinter::new(&a.print, dry).map_err(|e| e.to_string()),
    };
    while let Some(info) = objects.next().await {
        if let Err(e) = job.object(info).await {
            objects.fail(e);
        }
    }
    if let Ok(p) = &mut job.printer {
        p.finish(ctx.ui())?;
    }
    objects.finish()
}

/// One `label`/`annotate` run over its objects.
struct Edit<'a> {
    ctx: &'a Ctx,
    client: kube::Client,
    kind: Kind,
    changes: Changes,
    overwrite: bool,
    list: bool,
    /// `--local`: edit and print, never send.
    local: bool,
    /// `--record`'s change cause (sent with the change, never printed locally).
    cause: Option<String>,
    /// kubectl's `singleItemImplied` (`--list` prints no per-object heading).
    one: bool,
    rv: Option<String>,
    dry: DryRun,
    manager: String,
    printer: std::result::Result<OperationPrinter, String>,
}

impl Edit<'_> {
    async fn object(&mut self, info: Info) -> Result<()> {
        let (ctx, kind) = (self.ctx, self.kind);
        let current = info.object.clone().unwrap_or(Value::Null);
        let mut modified = current.clone();
        let rv = self.rv.as_deref();
        // kubectl edits locally for a client dry run, --local and --list (which lists
        // the edited map and sends nothing).
        let output = if self.dry.is_client() || self.local || self.list {
            edit(&mut modified, kind, &self.changes, self.overwrite, rv)?;
            if self.list {
                return self.print_list(&info, &modified);
            }
            modified.clone()
        } else {
            if kind == Kind::Label {
                let labels = current
                    .pointer("/metadata/labels")
                    .and_then(Value::as_object);
                for k in &self.changes.remove {
                    if !labels.is_some_and(|l| l.contains_key(k)) {
                        ctx.ui().print(&format!("label {k:?} not found.\n"))?;
                    }
                }
            }
            // kubectl's annotate records before its edit (an explicit change-cause wins),
            // label after.
            if let Some(cause) = &self.cause
                && kind == Kind::Annotation
            {
                record::record(&mut modified, cause);
            }
            edit(&mut modified, kind, &self.changes, self.overwrite, rv)?;
            if let Some(cause) = &self.cause
                && kind == Kind::Label
            {
                record::record(&mut modified, cause);
            }
            let patch = crate::patch::merge::create(&current, &modified)
                .map_err(|e| Error::msg(e.to_string()))?;
            let mut q = vec![("fieldManager", self.manager.clone())];
            q.extend(self.dry.query());
            let uri = request::with_query(&info.path(), &q);
            let body = Some(("application/merge-patch+json", &patch));
            request::json(&self.client, http::Method::PATCH, &uri, body)
                .await
                .map_err(|e| visit::error_when(ctx, "patching", info.source.as_deref(), e))?
        };
        let op = match kind {
            Kind::Label => change_word(&current, &modified, self.overwrite),
            Kind::Annotation => "annotated",
        };
        match &mut self.printer {
            Ok(p) => p.print(ctx.ui(), &output, op)?,
            Err(e) => return Err(Error::msg(e.clone())),
        }
        Ok(())
    }

    /// `--list`: `key=value` lines, under a heading per object when there are several.
    fn print_list(&self, info: &Info, current: &Value) -> Result<()> {
        let map = current
            .pointer(&format!("/metadata/{}", self.kind.field()))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut out = String::new();
        let indent = if self.one { "" } else { " " };
        if !self.one {
            out.push_str(&format!(
                "Listing {} for {}.{}/{}:\n",
                self.kind.field(),
                info.resource.kind,
                info.resource.group,
                info.name
            ));
        }
        for (k, v) in &map {
            out.push_str(&format!("{indent}{k}={}\n", v.as_str().unwrap_or("")));
        }
        self.ctx.ui().print(&out)?;
        Ok(())
    }
}
