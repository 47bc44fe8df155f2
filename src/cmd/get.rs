//! `kk get`: fetch targets from the resource builder and print them like `kubectl get` —
//! server-side Tables (kubectl's Table Accept header) on the human-readable path, plain JSON
//! for every other format (`kind: List` around several objects), chunked lists, watches,
//! "No resources found" and per-object errors after the output.

use std::io::Write;

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{FilenameFlags, PrintFlags, SelectorFlags};
use crate::printers::{self, OutputFormat, PrintOptions, Printer, name, sort, table};
use crate::resource::Resolver;
use crate::resource::builder::{self, Selection, Target};

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
        value_name = "TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ..."
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
        value_parser = parse_int64
    )]
    pub chunk_size: i64,
    /// If the requested object does not exist the command will return exit code 0.
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
    pub ignore_not_found: Option<bool>,
    /// After listing/getting the requested object, watch for changes.
    #[arg(short = 'w', long, num_args = 0..=1, default_missing_value = "true",
          value_name = "BOOL", value_parser = crate::cli::parse_bool)]
    pub watch: Option<bool>,
    /// Watch for changes to the requested object(s), without listing/getting first.
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
    pub watch_only: Option<bool>,
    /// Output watch event objects when --watch or --watch-only is used.
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
    pub output_watch_events: Option<bool>,
    /// If true, have the server return the appropriate table output (default true).
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
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

/// Go's `strconv.ParseInt` wording for bad integer flags.
fn parse_int64(s: &str) -> std::result::Result<i64, String> {
    s.parse().map_err(|e: std::num::ParseIntError| {
        let why = match e.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                "value out of range"
            }
            _ => "invalid syntax",
        };
        format!("strconv.ParseInt: parsing {s:?}: {why}")
    })
}

/// One fetched object (or Table) and the type it belongs to.
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
    let opts = print_options(args);
    let read_file = |p: &str| std::fs::read_to_string(resolve(ctx, p));
    let printer = printers::for_format(&format, &opts, &read_file)?;

    let mut resolver = Resolver::new(ctx).await?;
    let sel = Selection {
        args: args.args.clone(),
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        label_selector: args.select.selector.clone(),
        field_selector: args.select.field_selector.clone(),
        all_namespaces: args.select.all_namespaces(),
        allow_empty_selector: true,
        single_resource_type: watch,
    };
    let mut targets = builder::build(ctx, &mut resolver, &sel).await?;
    let subresource = args.subresource.clone().filter(|s| !s.is_empty());
    if subresource.is_some()
        && targets
            .items
            .iter()
            .any(|t| matches!(t, Target::Collection { .. }))
    {
        return Err(Error::msg(
            "subresource cannot be used when bulk resources are specified",
        ));
    }
    let fetch = Fetch {
        client: ctx.client().await?,
        table: human && args.server_print.unwrap_or(true),
        include_object: args.print.sort_by.as_deref().is_some_and(|s| !s.is_empty()),
        subresource,
        chunk: if args.print.sort_by.as_deref().is_some_and(|s| !s.is_empty()) && human {
            0
        } else {
            args.chunk_size.max(0)
        },
    };
    if watch {
        return watch_targets(ctx, args, &fetch, &targets.items, printer, human).await;
    }

    let ignore_nf = args.ignore_not_found.unwrap_or(false);
    let mut infos: Vec<Info> = Vec::new();
    // Manifest problems (-f) are reported in document order among the fetch errors.
    let mut pending = std::mem::take(&mut targets.errors).into_iter().peekable();
    let mut errors: Vec<Error> = Vec::new();
    for (i, t) in targets.items.iter().enumerate() {
        while let Some((_, e)) = pending.next_if(|(at, _)| *at <= i) {
            errors.push(e);
        }
        match fetch.target(t).await {
            Ok(objs) => {
                for object in objs {
                    if human {
                        infos.push(Info {
                            resource: t.resource().clone(),
                            object,
                        });
                    } else {
                        for object in flatten(object) {
                            infos.push(Info {
                                resource: t.resource().clone(),
                                object,
                            });
                        }
                    }
                }
            }
            Err(kube::Error::Api(s)) if ignore_nf && s.code == 404 && s.reason == "NotFound" => {}
            Err(e) => errors.push(ctx.kube_error(selector_context(t, e))),
        }
    }
    errors.extend(pending.map(|(_, e)| e));
    if human {
        print_human(ctx, args, printer, infos, errors).await
    } else {
        print_generic(
            ctx,
            args,
            printer,
            infos,
            errors,
            targets.single_item_implied,
        )
    }
}

/// kubectl's selector visitor rewrites BadRequest/NotFound list errors to say what it was
/// listing (`Unable to find "/v1, Resource=pods" that match label selector ...`).
pub fn selector_context(t: &Target, e: kube::Error) -> kube::Error {
    let Target::Collection {
        resource,
        label_selector,
        field_selector,
        ..
    } = t
    else {
        return e;
    };
    match e {
        kube::Error::Api(mut s) if s.code == 400 || s.code == 404 => {
            let gvr = format!(
                "{}/{}, Resource={}",
                resource.group, resource.version, resource.resource
            );
            let (l, f) = (
                label_selector.as_deref().unwrap_or(""),
                field_selector.as_deref().unwrap_or(""),
            );
            s.message = if l.is_empty() && f.is_empty() {
                format!("Unable to list {gvr:?}: {}", s.message)
            } else {
                format!(
                    "Unable to find {gvr:?} that match label selector {l:?}, field selector {f:?}: {}",
                    s.message
                )
            };
            kube::Error::Api(s)
        }
        other => other,
    }
}

fn resolve(ctx: &Ctx, p: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(p);
    match ctx.env().cwd() {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    }
}

fn print_options(args: &Args) -> PrintOptions {
    PrintOptions {
        table: table::TableOptions {
            wide: false,
            no_headers: args.print.no_headers(),
            show_labels: args.print.show_labels(),
            label_columns: args.print.label_columns(),
            with_namespace: false,
            kind_prefix: None,
        },
        allow_missing_template_keys: args.print.allow_missing_template_keys(),
        operation: None,
        now: None,
    }
}

fn finish(errors: Vec<Error>) -> Result<()> {
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.into_iter().next().expect("one error")),
        _ => Err(Error::Many(errors)),
    }
}

/// The table path: one printer block per resource type, errors after the output.
async fn print_human(
    ctx: &Ctx,
    args: &Args,
    mut printer: Box<dyn Printer>,
    mut infos: Vec<Info>,
    errors: Vec<Error>,
) -> Result<()> {
    let all_ns = args.select.all_namespaces();
    let show_kind = args.print.show_kind()
        || infos
            .iter()
            .any(|i| !same_type(&i.resource, &infos[0].resource));
    if let Some(field) = args.print.sort_by.as_deref().filter(|s| !s.is_empty()) {
        if infos.len() > 1 {
            // kubectl sorts the fetched objects themselves (Tables) before their rows.
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
            // kubectl ignores the printer's error here: an unsortable Table prints nothing.
            if sort::sort_table_rows(&mut info.object, field).is_ok() {
                keep.push(info);
            }
        }
        infos = keep;
    }
    let mut buf: Vec<u8> = Vec::new();
    let mut last: Option<&crate::resource::ApiResource> = None;
    for info in &infos {
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
        if last.is_none_or(|l| !same_type(l, &info.resource)) {
            let prefix =
                show_kind.then(|| name::kind_ref(&info.resource.kind, &info.resource.group));
            printer.begin_kind(
                prefix.as_deref(),
                all_ns && info.resource.namespaced,
                &mut buf,
            )?;
            last = Some(&info.resource);
        }
        printer.print(&info.object, &mut buf)?;
    }
    printer.finish(&mut buf)?;
    ctx.ui().out().write_all(&buf)?;
    let namespaced = !all_ns && infos.iter().all(|i| i.resource.namespaced);
    if buf.is_empty() && !args.ignore_not_found.unwrap_or(false) && errors.is_empty() {
        if namespaced {
            let ns = ctx.namespace().await?;
            ctx.ui()
                .eprint(&format!("No resources found in {ns} namespace.\n"))?;
        } else {
            ctx.ui().eprint("No resources found\n")?;
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

/// A list's items (with the `kind`/`apiVersion` the server leaves out of items), or the object.
fn flatten(obj: Value) -> Vec<Value> {
    let kind = obj
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let Some(item_kind) = kind.strip_suffix("List") else {
        return vec![obj];
    };
    let api_version = obj.get("apiVersion").cloned();
    let Some(Value::Array(items)) = obj.get("items").cloned() else {
        return vec![obj];
    };
    items
        .into_iter()
        .map(|mut it| {
            if let Some(m) = it.as_object_mut() {
                if !m.contains_key("kind") {
                    m.insert("kind".into(), Value::String(item_kind.to_string()));
                }
                if !m.contains_key("apiVersion")
                    && let Some(av) = &api_version
                {
                    m.insert("apiVersion".into(), av.clone());
                }
            }
            it
        })
        .collect()
}

/// How requests are made for this invocation.
struct Fetch {
    client: kube::Client,
    /// Ask for server-side Tables.
    table: bool,
    /// `includeObject=Object` (for `--sort-by`).
    include_object: bool,
    /// `limit` for lists (0: no paging).
    chunk: i64,
    /// `--subresource` of named objects.
    subresource: Option<String>,
}

impl Fetch {
    fn accept(&self) -> &'static str {
        if self.table {
            TABLE_ACCEPT
        } else {
            "application/json"
        }
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, kube::Error> {
        let mut q: Vec<(&str, String)> = query.to_vec();
        if self.table && self.include_object {
            q.push(("includeObject", "Object".into()));
        }
        let uri = with_query(path, &q);
        let req = http::Request::get(uri)
            .header(http::header::ACCEPT, self.accept())
            .body(Vec::new())
            .map_err(kube::Error::HttpError)?;
        let text = self.client.request_text(req).await?;
        serde_json::from_str(&text).map_err(kube::Error::SerdeError)
    }

    /// A named object (one Table or object) or every page of a collection.
    async fn target(&self, t: &Target) -> Result<Vec<Value>, kube::Error> {
        match t {
            Target::Object { .. } => {
                let mut path = t.path();
                if let Some(sub) = &self.subresource {
                    path.push('/');
                    path.push_str(sub);
                }
                Ok(vec![self.get(&path, &[]).await?])
            }
            Target::Collection {
                label_selector,
                field_selector,
                ..
            } => {
                let mut pages = Vec::new();
                let mut cont: Option<String> = None;
                loop {
                    let mut q = selectors(label_selector, field_selector);
                    if self.chunk > 0 {
                        q.push(("limit", self.chunk.to_string()));
                    }
                    if let Some(c) = &cont {
                        q.push(("continue", c.clone()));
                    }
                    let page = self.get(&t.path(), &q).await?;
                    cont = page
                        .pointer("/metadata/continue")
                        .and_then(Value::as_str)
                        .filter(|c| !c.is_empty())
                        .map(str::to_string);
                    pages.push(page);
                    if cont.is_none() || self.chunk == 0 {
                        break;
                    }
                }
                Ok(merge_pages(pages))
            }
        }
    }
}

/// Pages of a plain list merge into one list (tables stay one per page, like kubectl's
/// infos; they print through one tab writer anyway).
fn merge_pages(mut pages: Vec<Value>) -> Vec<Value> {
    if pages.len() < 2 || pages[0].get("kind").and_then(Value::as_str) == Some("Table") {
        return pages;
    }
    let mut first = pages.remove(0);
    for p in pages {
        if let (Some(items), Some(Value::Array(more))) = (
            first.get_mut("items").and_then(Value::as_array_mut),
            p.get("items").cloned(),
        ) {
            items.extend(more);
        }
    }
    if let Some(m) = first.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("continue");
    }
    vec![first]
}

fn selectors(label: &Option<String>, field: &Option<String>) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    if let Some(f) = field {
        q.push(("fieldSelector", f.clone()));
    }
    if let Some(l) = label {
        q.push(("labelSelector", l.clone()));
    }
    q
}

/// `path?k=v&...` with Go's `url.Values.Encode` (sorted keys, `+` for spaces).
pub fn with_query(path: &str, query: &[(&str, String)]) -> String {
    if query.is_empty() {
        return path.to_string();
    }
    let mut q: Vec<&(&str, String)> = query.iter().collect();
    q.sort_by(|a, b| a.0.cmp(b.0));
    let parts: Vec<String> = q
        .iter()
        .map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v)))
        .collect();
    format!("{path}?{}", parts.join("&"))
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
    let req = http::Request::get(raw)
        .body(Vec::new())
        .map_err(|e| Error::msg(e.to_string()))?;
    let text = client
        .request_text(req)
        .await
        .map_err(|e| ctx.kube_error(e))?;
    ctx.ui().print(&text)?;
    Ok(())
}

/// `-w` / `--watch-only`: print the current state (unless watch-only), then every event
/// until the server ends the watch.
async fn watch_targets(
    ctx: &Ctx,
    args: &Args,
    fetch: &Fetch,
    targets: &[Target],
    mut printer: Box<dyn Printer>,
    human: bool,
) -> Result<()> {
    use futures::{AsyncBufReadExt, StreamExt};

    if args.print.sort_by.as_deref().is_some_and(|s| !s.is_empty()) {
        let msg = if args.watch_only.unwrap_or(false) {
            "warning: --watch-only requested, --sort-by will be ignored\n"
        } else {
            "warning: --watch requested, --sort-by will be ignored for watch events received\n"
        };
        ctx.ui().eprint(msg)?;
    }
    let Some(first) = targets.first() else {
        return Err(Error::msg(builder::MISSING_RESOURCE));
    };
    if targets
        .iter()
        .any(|t| !same_type(t.resource(), first.resource()))
    {
        return Err(Error::msg(
            "watch is only supported on individual resources and resource collections - more than 1 resource was found",
        ));
    }
    let events = args.output_watch_events.unwrap_or(false);
    let watch_only = args.watch_only.unwrap_or(false);
    let all_ns = args.select.all_namespaces();
    let mut head = Vec::new();
    let prefix = args
        .print
        .show_kind()
        .then(|| name::kind_ref(&first.resource().kind, &first.resource().group));
    // kubectl's watch printer takes -A as is, even for cluster-scoped types.
    printer.begin_kind(prefix.as_deref(), all_ns, &mut head)?;
    ctx.ui().out().write_all(&head)?;

    let mut current = Vec::new();
    for t in targets {
        current.extend(fetch.target(t).await.map_err(|e| ctx.kube_error(e))?);
    }
    let is_list = matches!(first, Target::Collection { .. });
    let rv = if is_list {
        current
            .last()
            .and_then(|c| c.pointer("/metadata/resourceVersion"))
            .and_then(Value::as_str)
            .unwrap_or("0")
            .to_string()
    } else {
        "0".to_string()
    };
    if !watch_only {
        let mut buf = Vec::new();
        for obj in current {
            let objs = if human { vec![obj] } else { flatten(obj) };
            for mut o in objs {
                // With --output-watch-events the printer sees the event wrapper, which has
                // no managedFields of its own: kubectl leaves the object's in place.
                if strip_managed(args) && !events {
                    printers::strip_managed_fields(&mut o);
                }
                if events {
                    printer.print_event("ADDED", &o, &mut buf)?;
                } else {
                    printer.print(&o, &mut buf)?;
                }
            }
        }
        printer.finish(&mut buf)?;
        ctx.ui().out().write_all(&buf)?;
        ctx.ui().flush()?;
    }
    if targets.len() > 1 {
        return Err(Error::msg(
            "you may only watch a single resource or type of resource at a time",
        ));
    }

    let (path, mut q) = match first {
        Target::Object {
            resource,
            namespace,
            name,
            ..
        } => (
            resource.path(namespace.as_deref(), None),
            vec![("fieldSelector", format!("metadata.name={name}"))],
        ),
        Target::Collection {
            label_selector,
            field_selector,
            ..
        } => (first.path(), selectors(label_selector, field_selector)),
    };
    q.push(("resourceVersion", rv));
    q.push(("watch", "true".into()));
    let req = http::Request::get(with_query(&path, &q))
        .header(http::header::ACCEPT, fetch.accept())
        .header(http::header::ACCEPT_ENCODING, "identity")
        .body(Vec::new())
        .map_err(|e| Error::msg(e.to_string()))?;
    let stream = fetch
        .client
        .request_stream(req)
        .await
        .map_err(|e| ctx.kube_error(e))?;
    let mut lines = stream.lines();
    // A watch on one named object starts with a synthetic ADDED for its current state.
    let mut skip = !is_list;
    let mut interrupted = Interrupts::new()?;
    loop {
        let line = tokio::select! {
            l = lines.next() => l,
            _ = interrupted.recv() => {
                // kubectl's interrupt handler exits 1 on SIGINT/SIGTERM/SIGHUP/SIGQUIT.
                return Err(Error::Exit(1));
            }
        };
        // The server ending the watch is a normal end (exit 0), as in kubectl.
        let Some(Ok(line)) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let ev: Value = serde_json::from_str(&line)
            .map_err(|e| Error::msg(format!("unable to decode watch event: {e}")))?;
        let kind = ev.get("type").and_then(Value::as_str).unwrap_or("");
        let mut obj = ev.get("object").cloned().unwrap_or(Value::Null);
        if strip_managed(args) && !events {
            printers::strip_managed_fields(&mut obj);
        }
        match kind {
            "BOOKMARK" => continue,
            "ERROR" => {
                let status: kube::core::Status = serde_json::from_value(obj)
                    .map_err(|e| Error::msg(format!("unable to decode watch error: {e}")))?;
                return Err(Error::Api(Box::new(status)));
            }
            _ => {}
        }
        if skip {
            skip = false;
            continue;
        }
        let mut buf = Vec::new();
        if events {
            printer.print_event(kind, &obj, &mut buf)?;
        } else {
            printer.print(&obj, &mut buf)?;
        }
        printer.finish(&mut buf)?;
        ctx.ui().out().write_all(&buf)?;
        ctx.ui().flush()?;
    }
    Ok(())
}

/// The signals kubectl's interrupt handler turns into exit status 1.
struct Interrupts {
    signals: Vec<tokio::signal::unix::Signal>,
}

impl Interrupts {
    fn new() -> Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        let kinds = [
            SignalKind::interrupt(),
            SignalKind::terminate(),
            SignalKind::hangup(),
            SignalKind::quit(),
        ];
        let signals = kinds
            .into_iter()
            .map(signal)
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Interrupts { signals })
    }

    async fn recv(&mut self) {
        let waits = self.signals.iter_mut().map(|s| Box::pin(s.recv()));
        futures::future::select_all(waits).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_encode_like_go() {
        assert_eq!(
            with_query(
                "/api/v1/pods",
                &[
                    ("limit", "500".into()),
                    ("labelSelector", "app=web,env in (a,b)".into())
                ]
            ),
            "/api/v1/pods?labelSelector=app%3Dweb%2Cenv+in+%28a%2Cb%29&limit=500"
        );
        assert_eq!(with_query("/x", &[]), "/x");
    }

    #[test]
    fn list_items_get_their_kind() {
        let l = serde_json::json!({"kind": "PodList", "apiVersion": "v1",
            "items": [{"metadata": {"name": "a"}}]});
        let items = flatten(l);
        assert_eq!(items[0]["kind"], "Pod");
        assert_eq!(items[0]["apiVersion"], "v1");
        let one = serde_json::json!({"kind": "Pod"});
        assert_eq!(flatten(one.clone()), vec![one]);
    }
}
