//! `kk get`: fetch targets from the resource builder and print them like `kubectl get` —
//! server-side Tables (kubectl's Table Accept header) on the human-readable path, plain JSON
//! for every other format (`kind: List` around several objects), chunked lists, watches,
//! "No resources found" and per-object errors after the output.

use std::io::Write;

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::flags::{FilenameFlags, PrintFlags, SelectorFlags};
use crate::printers::{self, OutputFormat, PrintOptions, Printer, name, sort, table};
use crate::resource::builder::{Selection, Target};
use crate::resource::visit::{self, Fetch, Options, Visitor};
use crate::ui::colour::Colour;

mod watch;

/// The Accept header of kubectl's human-readable `get` (server-side printing).
pub const TABLE_ACCEPT: &str = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

/// Display one or many resources.
///
/// Prints a table of the most important information about the specified resources. You can
/// filter the list using a label selector and the --selector flag. If the desired resource
/// type is namespaced you will only see results in the current namespace unless you pass
/// --all-namespaces.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...
    #[arg(
        value_name = "TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...",
        add = Complete::TypeAndNames
    )]
    pub args: Vec<String>,
    #[command(flatten)]
    pub print: PrintFlags,
    #[command(flatten)]
    pub select: SelectorFlags,
    #[command(flatten)]
    pub files: FilenameFlags,
    /// Return large lists in chunks rather than all at once. Pass 0 to disable.
    #[arg(
        long,
        default_value_t = 500,
        value_name = "N",
        allow_negative_numbers = true,
        value_parser = crate::go::parse_int64
    )]
    pub chunk_size: i64,
    /// If the requested object does not exist the command will return exit code 0.
    #[arg(long, pflag_bool())]
    pub ignore_not_found: Option<bool>,
    /// After listing/getting the requested object, watch for changes.
    #[arg(short = 'w', long, pflag_bool())]
    pub watch: Option<bool>,
    /// Watch for changes to the requested object(s), without listing/getting first.
    #[arg(long, pflag_bool())]
    pub watch_only: Option<bool>,
    /// Output watch event objects when --watch or --watch-only is used.
    #[arg(long, pflag_bool())]
    pub output_watch_events: Option<bool>,
    /// If true, have the server return the appropriate table output (default true).
    #[arg(long, pflag_bool())]
    pub server_print: Option<bool>,
    /// If specified, gets the subresource of the requested object.
    #[arg(long, value_name = "SUBRESOURCE")]
    pub subresource: Option<String>,
    /// Raw URI to request from the server. Uses the transport specified by the kubeconfig file.
    #[arg(long, value_name = "URI")]
    pub raw: Option<String>,
}

/// Marks a Table's original position while kubectl-style object sorting reorders them.
const INDEX_KEY: &str = "\u{0}kk-index";

/// One fetched object (or Table page) and the type it belongs to.
struct Info {
    resource: crate::resource::ApiResource,
    object: Value,
}

/// Run `get`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if let Some(raw) = args.raw.as_deref().filter(|r| !r.is_empty()) {
        return raw_get(ctx, args, raw).await;
    }
    let output = args.print.output.clone().unwrap_or_default();
    let format = OutputFormat::parse_for(
        &output,
        args.print.template.as_deref(),
        printers::GET_FORMATS,
    )?;
    let human = format.is_human_readable();
    if args.print.show_labels() && !human {
        return Err(printers::show_labels_error(&output).into());
    }
    let watch = args.watch.unwrap_or(false) || args.watch_only.unwrap_or(false);
    if args.args.is_empty() && args.files.filenames().is_empty() {
        ctx.ui().eprint(
            "You must specify the type of resource to get. Use \"kk api-resources\" for a complete list of supported resources.\n\n",
        )?;
        return Err(Error::usage(
            "get",
            "Required resource not specified.\nUse \"kk explain <resource>\" for a detailed description of that resource (e.g. kk explain pods).",
        ));
    }
    let opts = print_options(args, ctx.ui().colour());
    let read_file = |p: &str| std::fs::read_to_string(resolve(ctx, p));
    let printer = printers::for_format(&format, &opts, &read_file)?;

    let sel = Selection {
        args: args.args.clone(),
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        label_selector: args.select.selector.clone(),
        field_selector: args.select.field_selector.clone(),
        all_namespaces: args.select.all_namespaces(),
        allow_empty_selector: true,
        single_resource_type: watch,
        validate: false,
        stream: None,
        typed: false,
    };
    let sort_by = args.print.sort_by.as_deref().is_some_and(|s| !s.is_empty());
    let table = human && args.server_print.unwrap_or(true);
    let opts = Options {
        fetch: Fetch::Latest,
        accept: if table {
            TABLE_ACCEPT
        } else {
            "application/json"
        },
        query: if table && sort_by {
            vec![("includeObject", "Object".to_string())]
        } else {
            Vec::new()
        },
        // kubectl sorts whole lists: --sort-by reads everything in one answer.
        chunk_size: if sort_by { 0 } else { args.chunk_size },
        subresource: args.subresource.clone().filter(|s| !s.is_empty()),
        ignore_not_found: args.ignore_not_found.unwrap_or(false),
        ..Options::default()
    };
    let has_subresource = opts.subresource.is_some();
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    if has_subresource
        && objects
            .targets()
            .iter()
            .any(|t| matches!(t, Target::Collection { .. }))
    {
        return Err(Error::msg(
            "subresource cannot be used when bulk resources are specified",
        ));
    }
    if watch {
        return watch::watch_targets(ctx, args, &objects, printer, human).await;
    }

    let single_item_implied = objects.single_item_implied();
    let targets = objects.targets();
    let several_types = targets
        .iter()
        .any(|t| !same_type(t.resource(), targets[0].resource()));
    // What needs everything before printing: sorting, one named object (printed bare or
    // not at all), and tables of several kinds (kubectl prefixes NAME with the kind when the
    // objects found are of several types). Everything else prints page by page.
    if sort_by || single_item_implied || (human && several_types) {
        let mut infos: Vec<Info> = Vec::new();
        while let Some(info) = objects.next().await {
            infos.push(Info {
                resource: info.resource,
                object: info.object.unwrap_or(Value::Null),
            });
        }
        // kubectl's `allErrs`: the visit's error first, then the printers'.
        let errors: Vec<Error> = objects.into_error().into_iter().collect();
        if !human {
            return print_generic(ctx, args, printer, infos, errors, single_item_implied);
        }
        let show_kind = args.print.show_kind()
            || infos
                .iter()
                .any(|i| !same_type(&i.resource, &infos[0].resource));
        if let Some(field) = args.print.sort_by.as_deref().filter(|s| !s.is_empty()) {
            infos = sort_tables(infos, field)?;
        }
        let mut held = infos.into_iter();
        let printed = print_human(ctx, args, printer, show_kind, async || held.next()).await?;
        return no_resources(ctx, args, printed, errors).await;
    }
    if human {
        let show_kind = args.print.show_kind();
        let printed = print_human(ctx, args, printer, show_kind, async || {
            objects.next().await.map(|info| Info {
                resource: info.resource,
                object: info.object.unwrap_or(Value::Null),
            })
        })
        .await?;
        let errors: Vec<Error> = objects.into_error().into_iter().collect();
        return no_resources(ctx, args, printed, errors).await;
    }
    stream_list(ctx, args, printer, objects).await
}

fn resolve(ctx: &Ctx, p: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(p);
    match ctx.env().cwd() {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    }
}

fn print_options(args: &Args, colour: Colour) -> PrintOptions {
    PrintOptions {
        table: table::TableOptions {
            wide: false,
            no_headers: args.print.no_headers(),
            show_labels: args.print.show_labels(),
            label_columns: args.print.label_columns(),
            with_namespace: false,
            kind_prefix: None,
            colour,
        },
        allow_missing_template_keys: args.print.allow_missing_template_keys(),
        now: None,
    }
}

fn finish(errors: Vec<Error>) -> Result<()> {
    visit::aggregate(errors)
}

/// kubectl's `--sort-by` over Tables: the Tables themselves are sorted (by their first
/// row), then each Table's rows. An unsortable Table prints nothing (kubectl ignores that
/// error).
fn sort_tables(mut infos: Vec<Info>, field: &str) -> Result<Vec<Info>> {
    if infos.len() > 1 {
        let mut tables: Vec<Value> = infos
            .iter()
            .enumerate()
            .map(|(i, info)| {
                let mut t = info.object.clone();
                if let Some(m) = t.as_object_mut() {
                    m.insert(INDEX_KEY.into(), Value::from(i));
                }
                t
            })
            .collect();
        sort::sort_objects(&mut tables, field).map_err(Error::from)?;
        let mut slots: Vec<Option<Info>> = infos.into_iter().map(Some).collect();
        infos = tables
            .iter()
            .filter_map(|t| t.get(INDEX_KEY).and_then(Value::as_u64))
            .filter_map(|i| slots.get_mut(i as usize).and_then(Option::take))
            .collect();
    }
    let mut keep = Vec::new();
    for mut info in infos {
        if sort::sort_table_rows(&mut info.object, field).is_ok() {
            keep.push(info);
        }
    }
    Ok(keep)
}

/// What the table path printed, for "No resources found".
struct Printed {
    anything: bool,
    /// Every type printed is namespaced and `-A` was not given.
    in_namespace: bool,
}

/// The table path: one printer block per resource type, each Table (page) handed to the
/// printer as it arrives. The printer keeps the cells of the rows (kubectl's column widths
/// need them all), not the Tables.
async fn print_human(
    ctx: &Ctx,
    args: &Args,
    mut printer: Box<dyn Printer>,
    show_kind: bool,
    mut next: impl AsyncFnMut() -> Option<Info>,
) -> Result<Printed> {
    let all_ns = args.select.all_namespaces();
    let mut buf: Vec<u8> = Vec::new();
    let mut anything = false;
    let mut in_namespace = !all_ns;
    let mut last: Option<crate::resource::ApiResource> = None;
    while let Some(info) = next().await {
        in_namespace &= info.resource.namespaced;
        // Empty Tables print nothing; skipping them keeps the blank separator line only
        // between blocks that printed (kubectl's separator writer only writes when asked to).
        if info.object.get("kind").and_then(Value::as_str) == Some("Table")
            && info
                .object
                .get("rows")
                .and_then(Value::as_array)
                .is_none_or(Vec::is_empty)
        {
            continue;
        }
        if last.as_ref().is_none_or(|l| !same_type(l, &info.resource)) {
            let prefix =
                show_kind.then(|| name::kind_ref(&info.resource.kind, &info.resource.group));
            printer.begin_kind(
                prefix.as_deref(),
                all_ns && info.resource.namespaced,
                &mut buf,
            )?;
            last = Some(info.resource.clone());
        }
        printer.print(&info.object, &mut buf)?;
        anything |= !buf.is_empty();
        ctx.ui().out().write_all(&buf)?;
        buf.clear();
    }
    printer.finish(&mut buf)?;
    anything |= !buf.is_empty();
    ctx.ui().out().write_all(&buf)?;
    Ok(Printed {
        anything,
        in_namespace,
    })
}

/// kubectl's "No resources found" when nothing was printed and nothing failed; then the
/// errors.
async fn no_resources(ctx: &Ctx, args: &Args, printed: Printed, errors: Vec<Error>) -> Result<()> {
    if !printed.anything && !args.ignore_not_found.unwrap_or(false) && errors.is_empty() {
        if printed.in_namespace {
            let ns = ctx.namespace().await?;
            ctx.ui()
                .eprint(&format!("No resources found in {ns} namespace.\n"))?;
        } else {
            ctx.ui().eprint("No resources found\n")?;
        }
    }
    finish(errors)
}

/// Every other format over collections: a `List` written item by item as the pages arrive
/// (stdout flushed after each page, so the first lines show at once), errors after it.
async fn stream_list(
    ctx: &Ctx,
    args: &Args,
    mut printer: Box<dyn Printer>,
    mut objects: Visitor<'_>,
) -> Result<()> {
    let strip = strip_managed(args);
    let mut list = printers::ListStream::new(printer.as_mut());
    while let Some(info) = objects.next().await {
        let mut obj = info.object.unwrap_or(Value::Null);
        if strip {
            printers::strip_managed_fields(&mut obj);
        }
        list.item(obj, &mut ctx.ui().out())?;
        if !objects.has_ready() {
            if objects.more_pages() {
                list.page_end(&mut ctx.ui().out())?;
            }
            ctx.ui().flush()?;
        }
    }
    let mut errors: Vec<Error> = objects.into_error().into_iter().collect();
    if list.is_empty() && args.ignore_not_found.unwrap_or(false) {
        return finish(errors);
    }
    if let Err(e) = list.finish(&mut ctx.ui().out()) {
        match e {
            printers::Error::Io(io) => return Err(io.into()),
            other => errors.push(other.into()),
        }
    }
    finish(errors)
}

fn same_type(a: &crate::resource::ApiResource, b: &crate::resource::ApiResource) -> bool {
    a.group == b.group && a.version == b.version && a.resource == b.resource
}

/// kubectl omits managedFields only in its json and yaml printers (templates, jsonpath and
/// custom columns see them).
fn strip_managed(args: &Args) -> bool {
    let o = args.print.output.as_deref().unwrap_or("").to_lowercase();
    (o == "json" || o == "yaml") && !args.print.show_managed_fields()
}

/// Every other format: one object, or a `List` of everything.
fn print_generic(
    ctx: &Ctx,
    args: &Args,
    mut printer: Box<dyn Printer>,
    infos: Vec<Info>,
    errors: Vec<Error>,
    single_item_implied: bool,
) -> Result<()> {
    if !errors.is_empty() && single_item_implied {
        return finish(errors);
    }
    if infos.is_empty() && args.ignore_not_found.unwrap_or(false) {
        return finish(errors);
    }
    let mut objs: Vec<Value> = infos.into_iter().map(|i| i.object).collect();
    if strip_managed(args) {
        objs.iter_mut().for_each(printers::strip_managed_fields);
    }
    let mut errors = errors;
    let mut buf: Vec<u8> = Vec::new();
    let result = if single_item_implied && objs.len() == 1 {
        printer.print(&objs[0], &mut buf)
    } else {
        let sorted = match args.print.sort_by.as_deref().filter(|s| !s.is_empty()) {
            Some(field) => sort::sort_objects(&mut objs, field),
            None => Ok(()),
        };
        match sorted {
            Ok(()) => printer.print(&printers::list_wrapper(objs), &mut buf),
            Err(e) => Err(e),
        }
    };
    let finished = printer.finish(&mut buf);
    ctx.ui().out().write_all(&buf)?;
    if let Err(e) = result.and(finished) {
        errors.push(e.into());
    }
    finish(errors)
}

/// `--raw PATH`: GET it with the kubeconfig transport and print the body as is.
async fn raw_get(ctx: &Ctx, args: &Args, raw: &str) -> Result<()> {
    // kubectl's Complete rejects arguments first, then Validate the other flags.
    if !args.args.is_empty() {
        return Err(Error::msg(
            "arguments may not be passed when --raw is specified",
        ));
    }
    if args.watch.unwrap_or(false)
        || args.watch_only.unwrap_or(false)
        || args
            .select
            .selector
            .as_deref()
            .is_some_and(|s| !s.is_empty())
    {
        return Err(Error::msg(
            "--raw may not be specified with other flags that filter the server request or alter the output",
        ));
    }
    if args.print.output.as_deref().is_some_and(|o| !o.is_empty()) {
        return Err(Error::msg("--raw and --output are mutually exclusive"));
    }
    let client = ctx.client().await?;
    // client-go's raw GET asks for JSON first, then anything.
    let req = http::Request::get(raw)
        .header(http::header::ACCEPT, "application/json, */*")
        .body(Vec::new())
        .map_err(|e| Error::msg(e.to_string()))?;
    let text = client
        .request_text(req)
        .await
        .map_err(|e| ctx.kube_error(e))?;
    ctx.ui().print(&text)?;
    Ok(())
}

/// The long description of `Get` (help and man page).
pub const ABOUT: &str = r#"Display one or many resources.

Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kk api-resources" for a complete list of supported resources."#;

/// Examples for `Get`.
pub const EXAMPLES: &str = r#"  # List all pods in ps output format
  kk get pods

  # List all pods in ps output format with more information (such as node name)
  kk get pods -o wide

  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kk get deployments.v1.apps -o json

  # List a single pod in JSON output format
  kk get -o json pod web-pod-13je7

  # List a pod identified by type and name specified in "pod.yaml" in JSON output format
  kk get -f pod.yaml -o json

  # Return only the phase value of the specified pod
  kk get -o template pod/web-pod-13je7 --template={{.status.phase}}

  # List resource information in custom columns
  kk get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

  # List all replication controllers and services together in ps output format
  kk get rc,services

  # List one or more resources by their type and names
  kk get rc/web service/frontend pods/web-pod-13je7

  # List the 'status' subresource for a single pod
  kk get pod web-pod-13je7 --subresource status

  # List all pods existing in all namespaces
  kk get pods --all-namespaces

  # Watch pods with the label app=web as they change
  kk get pods -l app=web --watch"#;
