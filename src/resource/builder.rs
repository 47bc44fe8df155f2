//! kubectl's resource builder: positional arguments, `-f` manifests, `-l`/`--field-selector`
//! and `-A` become a list of [`Target`]s (one named object, or one collection query), checked
//! with the builder's rules and error texts. `get`, `delete`, `describe`, `label`, `rollout`...
//! all start here and then fetch/act on the targets themselves.

use std::path::Path;

use serde_json::Value;

use super::mapper::Mapper;
use super::{ApiResource, Args, parse_args};
use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// What the user selected, as typed.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Positional arguments.
    pub args: Vec<String>,
    /// `-f` paths (already split on commas); `-` is stdin.
    pub filenames: Vec<String>,
    /// `-R`.
    pub recursive: bool,
    /// `-l` (empty means unset).
    pub label_selector: Option<String>,
    /// `--field-selector` (empty means unset).
    pub field_selector: Option<String>,
    /// `-A`.
    pub all_namespaces: bool,
    /// `TYPE` alone lists everything (get); verbs that need `--all` set this from it.
    pub allow_empty_selector: bool,
    /// Reject several types (`get -w`, `rollout`): kubectl's `SingleResourceType()`.
    pub single_resource_type: bool,
    /// Validate manifests before decoding them (`create`/`apply` with `--validate`):
    /// a document without `kind` is reported in the schema validator's words.
    pub validate: bool,
    /// kubectl's `Stream(reader, name)`: manifest text already in memory, read after the
    /// `-f` files under this name (`edit` reads the edited buffer as `edited-file`).
    pub stream: Option<(String, String)>,
    /// kubectl's `WithScheme(scheme.Scheme)` (`set`, `rollout`, `expose`, `exec`): manifest
    /// objects are decoded into kubectl's compiled-in types, so a kind it does not know
    /// (a custom resource) is refused ([`super::scheme`]) and the rest still read.
    pub typed: bool,
}

/// One thing to fetch or act on.
#[derive(Debug, Clone)]
pub enum Target {
    /// A named object.
    Object {
        /// Its type.
        resource: ApiResource,
        /// Its namespace (`None` for cluster-scoped types).
        namespace: Option<String>,
        /// Its name.
        name: String,
        /// The manifest it came from (`-f`), if any, and that file's path.
        manifest: Option<(String, Value)>,
    },
    /// Every object of a type matching the selectors.
    Collection {
        /// Its type.
        resource: ApiResource,
        /// The namespace, or `None` for all namespaces / cluster-scoped types.
        namespace: Option<String>,
        /// `labelSelector` (None: no filter).
        label_selector: Option<String>,
        /// `fieldSelector` (None: no filter).
        field_selector: Option<String>,
    },
}

impl Target {
    /// The target's resource type.
    pub fn resource(&self) -> &ApiResource {
        match self {
            Target::Object { resource, .. } | Target::Collection { resource, .. } => resource,
        }
    }

    /// The target's namespace, if any.
    pub fn namespace(&self) -> Option<&str> {
        match self {
            Target::Object { namespace, .. } | Target::Collection { namespace, .. } => {
                namespace.as_deref()
            }
        }
    }

    /// The request path (`/api/v1/namespaces/ns/pods[/name]`).
    pub fn path(&self) -> String {
        match self {
            Target::Object {
                resource,
                namespace,
                name,
                ..
            } => resource.path(namespace.as_deref(), Some(name)),
            Target::Collection {
                resource,
                namespace,
                ..
            } => resource.path(namespace.as_deref(), None),
        }
    }
}

/// The builder's answer.
#[derive(Debug, Default)]
pub struct Targets {
    /// In the order the user gave them.
    pub items: Vec<Target>,
    /// kubectl's `singleItemImplied`: one name or one `TYPE/NAME` (print the object itself,
    /// not a `List`).
    pub single_item_implied: bool,
    /// Per-manifest failures (`-f`) that did not stop the others, each with the number of
    /// targets before it (its place in document order); verbs that continue on error
    /// (get, delete) report them in that order, others fail on the first.
    pub errors: Vec<(usize, Error)>,
    /// Manifest objects refused once found, by target index: kubectl's `RequireNamespace`
    /// check (an object naming another namespace than an explicit `-n`) runs on each object
    /// as it is visited — after a `Latest()` GET, in the object's own namespace — and its
    /// failure is that object's alone.
    pub refused: Vec<(usize, Error)>,
}

/// The error kubectl gives when nothing at all was selected.
pub const MISSING_RESOURCE: &str = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// A failure to set up discovery for `sel`, as kubectl's builder reports it: with `TYPE`
/// arguments it expands aliases through a discovery client first and keeps that failure in
/// its own aggregate (which changes how a configuration error reads). Without `-n` the
/// verb's own namespace lookup has met the failure before, unwrapped.
pub fn discovery_failed(ctx: &Ctx, sel: &Selection, e: Error) -> Error {
    match parse_args(&sel.args) {
        Ok(Args::Types { .. }) if sel.filenames.is_empty() && ctx.namespace_explicit() => {
            Error::Many(vec![e])
        }
        _ => e,
    }
}

/// Resolve `sel` into targets (types through `resolver`).
pub async fn build(ctx: &Ctx, resolver: &mut Mapper, sel: &Selection) -> Result<Targets> {
    let args = parse_args(&sel.args)?;
    let label = sel.label_selector.clone().filter(|s| !s.trim().is_empty());
    let field = sel.field_selector.clone().filter(|s| !s.trim().is_empty());
    let namespace = ctx.namespace().await?;
    let ns_for = |r: &ApiResource| -> Option<String> {
        (r.namespaced && !sel.all_namespaces).then(|| namespace.clone())
    };
    let by_name_ns = |r: &ApiResource| -> Result<Option<String>> {
        if !r.namespaced {
            return Ok(None);
        }
        if sel.all_namespaces {
            return Err(Error::msg(
                "a resource cannot be retrieved by name across all namespaces",
            ));
        }
        Ok(Some(namespace.clone()))
    };

    if !sel.filenames.is_empty() || sel.stream.is_some() {
        if !matches!(args, Args::Empty) {
            return Err(Error::msg(
                "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
            ));
        }
        return from_files(ctx, resolver, sel, &namespace).await;
    }

    let (types, names, pairs) = match args {
        Args::Empty => (Vec::new(), Vec::new(), Vec::new()),
        Args::Types { types, names } => {
            let types = resolver.expand_categories(&types).await?;
            (types, names, Vec::new())
        }
        Args::Pairs(p) => (Vec::new(), Vec::new(), p),
    };
    let mut pair_types: Vec<&str> = pairs.iter().map(|(t, _)| t.as_str()).collect();
    pair_types.dedup();
    if sel.single_resource_type && (types.len() > 1 || pair_types.len() > 1) {
        return Err(Error::msg("you may only specify a single resource type"));
    }
    let selector_mode = label.is_some()
        || field.is_some()
        || (sel.allow_empty_selector && names.is_empty() && !types.is_empty());

    if selector_mode {
        if !names.is_empty() {
            return Err(Error::msg(
                "name cannot be provided when a selector is specified",
            ));
        }
        if !pairs.is_empty() {
            return Err(Error::msg(
                "selectors and the all flag cannot be used when passing resource/name arguments",
            ));
        }
        if types.is_empty() {
            return Err(Error::msg(
                "at least one resource must be specified to use a selector",
            ));
        }
        let mut items = Vec::new();
        for t in &types {
            let r = resolver.resolve(ctx, t).await?;
            items.push(Target::Collection {
                namespace: ns_for(&r),
                resource: r,
                label_selector: label.clone(),
                field_selector: field.clone(),
            });
        }
        return Ok(Targets {
            items,
            single_item_implied: false,
            errors: Vec::new(),
            refused: Vec::new(),
        });
    }

    if !pairs.is_empty() {
        let mut items = Vec::new();
        for (t, name) in &pairs {
            let r = resolver.resolve(ctx, t).await?;
            items.push(Target::Object {
                namespace: by_name_ns(&r)?,
                resource: r,
                name: name.clone(),
                manifest: None,
            });
        }
        return Ok(Targets {
            single_item_implied: items.len() == 1,
            items,
            errors: Vec::new(),
            refused: Vec::new(),
        });
    }

    if !names.is_empty() {
        if types.len() > 1 {
            return Err(Error::msg("you must specify only one resource"));
        }
        let r = resolver.resolve(ctx, &types[0]).await?;
        let ns = by_name_ns(&r)?;
        let items = names
            .iter()
            .map(|n| Target::Object {
                resource: r.clone(),
                namespace: ns.clone(),
                name: n.clone(),
                manifest: None,
            })
            .collect::<Vec<_>>();
        return Ok(Targets {
            single_item_implied: names.len() == 1,
            items,
            errors: Vec::new(),
            refused: Vec::new(),
        });
    }

    if !types.is_empty() {
        for t in &types {
            resolver.resolve(ctx, t).await?;
        }
        return Err(Error::msg(
            "resource(s) were provided, but no name was specified",
        ));
    }
    Err(Error::msg(MISSING_RESOURCE))
}

async fn from_files(
    ctx: &Ctx,
    resolver: &mut Mapper,
    sel: &Selection,
    namespace: &str,
) -> Result<Targets> {
    // kubectl's builder filters the manifests' objects by `-l` (a `List` by its own labels,
    // before it is flattened).
    let filter =
        match sel
            .label_selector
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            Some(s) => Some(super::selector::parse(s).map_err(|e| {
                Error::msg(format!("the provided selector {s:?} is not valid: {e}"))
            })?),
            None => None,
        };
    let mut manifests = Vec::new();
    for f in &sel.filenames {
        read_source(ctx, f, sel.recursive, &mut manifests).await?;
    }
    if let Some((source, text)) = &sel.stream {
        manifests.push(manifest(source, text));
    }
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut refused = Vec::new();
    let stream = sel.stream.as_ref().map(|(source, _)| source.as_str());
    for m in manifests {
        // kubectl enforces `-n` on files only (`FilenameParam(enforceNamespace)`), not on
        // a stream a verb reads itself.
        let enforce = ctx.namespace_explicit() && Some(m.source.as_str()) != stream;
        let found = Found {
            source: &m.source,
            enforce_namespace: enforce,
            namespace,
            typed: sel.typed,
        };
        for doc in m.documents {
            // The schema validator looks at each document before it is decoded; its
            // failure ends the file (kubectl's StreamVisitor returns it). Without a server
            // it cannot download the schema.
            let invalid = match resolver.unreachable() {
                Some(u) if sel.validate => Some(u.unvalidated(&m.source)),
                _ if sel.validate => validation_error(&m.source, &doc),
                _ => None,
            };
            if let Some(e) = invalid {
                errors.push((items.len(), Error::Msg(e)));
                break;
            }
            if filter
                .as_ref()
                .is_some_and(|f| !f.matches(doc.pointer("/metadata/labels")))
            {
                continue;
            }
            let mut objects = Vec::new();
            flatten_lists(doc, &mut objects);
            for obj in objects {
                match found.target(resolver, obj).await? {
                    Ok((t, refusal)) => {
                        if let Some(e) = refusal {
                            refused.push((items.len(), e));
                        }
                        items.push(t);
                    }
                    Err(e) => errors.push((items.len(), e)),
                }
            }
        }
        if let Some(e) = m.error {
            errors.push((items.len(), e));
        }
    }
    Ok(Targets {
        single_item_implied: items.len() == 1,
        items,
        errors,
        refused,
    })
}

/// Where manifest objects are found: their file and the namespace rules for them.
struct Found<'a> {
    source: &'a str,
    enforce_namespace: bool,
    namespace: &'a str,
    typed: bool,
}

impl Found<'_> {
    /// One manifest object as a target (with its refusal, if the visit is to refuse it),
    /// or the error that keeps it from being one.
    async fn target(
        &self,
        resolver: &mut Mapper,
        obj: Value,
    ) -> Result<std::result::Result<(Target, Option<Error>), Error>> {
        let source = self.source.to_string();
        let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
        if kind.is_empty() {
            return Ok(Err(Error::Msg(missing_kind(&source, &obj))));
        }
        let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        if self.typed
            && let Some(e) = super::scheme::decode_error(&source, api_version, kind)
        {
            return Ok(Err(Error::Msg(e)));
        }
        if let Some(u) = resolver.unreachable() {
            return Ok(Err(Error::Msg(u.unrecognized(&source))));
        }
        let (group, version) = match api_version.rsplit_once('/') {
            Some((g, v)) => (g, v),
            None => ("", api_version),
        };
        let name = obj
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let own_ns = obj
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or("");
        let Some(r) = resolver.map_kind(kind, group, version, own_ns).await? else {
            return Ok(Err(Error::Msg(format!(
                "resource mapping not found for name: {name:?} namespace: {own_ns:?} from {source:?}: no matches for kind {kind:?} in version {api_version:?}\nensure CRDs are installed first"
            ))));
        };
        let mut refusal = None;
        let ns = if r.namespaced {
            let own = Some(own_ns).filter(|n| !n.is_empty());
            if let Some(own) = own
                && self.enforce_namespace
                && own != self.namespace
            {
                refusal = Some(Error::msg(format!(
                    "the namespace from the provided object \"{own}\" does not match the namespace \"{}\". You must pass '--namespace={own}' to perform this operation.",
                    self.namespace
                )));
            }
            Some(own.unwrap_or(self.namespace).to_string())
        } else {
            None
        };
        let t = Target::Object {
            resource: r,
            namespace: ns,
            name,
            manifest: Some((source, obj)),
        };
        Ok(Ok((t, refusal)))
    }
}

/// kubectl's schema validation of a manifest document (`--validate` other than `ignore`),
/// as far as it goes when the server validates fields: `apiVersion` and `kind` are set.
pub fn validation_error(source: &str, doc: &Value) -> Option<String> {
    let what = missing_type_fields(doc)?;
    Some(format!(
        "error validating {source:?}: error validating data: {what}; if you choose to ignore these errors, turn validation off with --validate=false"
    ))
}

/// The schema validator's own words for a document without a string `apiVersion` or
/// `kind` (`kind not set`, `[apiVersion not set, kind not set]`).
pub fn missing_type_fields(doc: &Value) -> Option<String> {
    let mut missing = Vec::new();
    for key in ["apiVersion", "kind"] {
        match doc.get(key) {
            None | Some(Value::Null) => missing.push(format!("{key} not set")),
            Some(Value::String(_)) => {}
            Some(_) => missing.push(format!("{key} isn't string type")),
        }
    }
    match missing.len() {
        0 => None,
        1 => Some(missing.remove(0)),
        _ => Some(format!("[{}]", missing.join(", "))),
    }
}

/// A manifest document without `kind`, as the decoder words it.
pub fn missing_kind(source: &str, obj: &Value) -> String {
    format!(
        "unable to decode {source:?}: Object 'Kind' is missing in '{}'",
        serde_json::to_string(obj).unwrap_or_default()
    )
}

/// Go's `filepath.Join(dir, name)` (cleaned: `./x` → `x`).
fn join_clean(dir: &str, name: &str) -> String {
    let joined = format!("{}/{name}", dir.trim_end_matches('/'));
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." if !parts.is_empty() || !joined.starts_with('/') => {}
            ".." if parts.last().is_some_and(|p| *p != ".." && !p.is_empty()) => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let out = parts.join("/");
    if joined.starts_with('/') && !out.starts_with('/') {
        format!("/{out}")
    } else {
        out
    }
}

/// The documents of one manifest file (or stdin), as far as they could be read.
#[derive(Debug)]
pub struct Manifest {
    /// The path as the user gave it (joined with the directory), or `STDIN`.
    pub source: String,
    /// Its documents in order (`List`s not yet expanded).
    pub documents: Vec<Value>,
    /// Why reading stopped early (`error parsing <source>: ...`).
    pub error: Option<Error>,
}

/// Read the manifests of one `-f` value: an http(s) URL (fetched; a URL that is not valid
/// fails at once, one that cannot be read is that manifest's error), else [`read_path`].
pub async fn read_source(
    ctx: &Ctx,
    path: &str,
    recursive: bool,
    out: &mut Vec<Manifest>,
) -> Result<()> {
    if !super::url::is_url(path) {
        return read_path(ctx, path, recursive, true, out);
    }
    super::url::check(path)?;
    match super::url::fetch(path).await {
        Ok(text) => out.push(manifest(path, &text)),
        Err(e) => out.push(Manifest {
            source: path.to_string(),
            documents: Vec::new(),
            error: Some(e),
        }),
    }
    Ok(())
}

/// The documents of `text`, read from `source`.
fn manifest(source: &str, text: &str) -> Manifest {
    let (documents, error) = crate::manifest::documents(text);
    Manifest {
        source: source.to_string(),
        documents,
        error: error.map(|e| Error::msg(format!("error parsing {source}: {e}"))),
    }
}

/// Read manifests from a file, a directory (`.json`, `.yaml`, `.yml`; recursive with `-R`)
/// or stdin (`-`), one [`Manifest`] per file. A path that does not exist fails at once; a
/// file that does not parse keeps the documents before the broken one.
pub fn read_path(
    ctx: &Ctx,
    path: &str,
    recursive: bool,
    top: bool,
    out: &mut Vec<Manifest>,
) -> Result<()> {
    let text = if path == "-" {
        ctx.ui().read_stdin_to_string()?
    } else {
        let p = resolve_path(ctx, path);
        let meta = std::fs::metadata(&p)
            .map_err(|_| Error::msg(format!("the path {path:?} does not exist")))?;
        if meta.is_dir() {
            if !top && !recursive {
                return Ok(());
            }
            let mut entries: Vec<_> = std::fs::read_dir(&p)?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect();
            entries.sort();
            for e in entries {
                let file = e
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let shown = join_clean(path, &file);
                if e.is_dir() {
                    if recursive {
                        read_path(ctx, &shown, recursive, false, out)?;
                    }
                    continue;
                }
                let ext = e.extension().and_then(|x| x.to_str()).unwrap_or("");
                if matches!(ext, "json" | "yaml" | "yml") {
                    read_path(ctx, &shown, recursive, false, out)?;
                }
            }
            return Ok(());
        }
        std::fs::read_to_string(&p)?
    };
    let source = if path == "-" { "STDIN" } else { path };
    out.push(manifest(source, &text));
    Ok(())
}

fn resolve_path(ctx: &Ctx, path: &str) -> std::path::PathBuf {
    let p = Path::new(path);
    match ctx.env().cwd() {
        Some(cwd) if p.is_relative() => cwd.join(p),
        _ => p.to_path_buf(),
    }
}

/// A document, or the items of a `List` (nested lists expanded too).
pub fn flatten_lists(doc: Value, out: &mut Vec<Value>) {
    let is_list = doc
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|k| k.ends_with("List"))
        && doc.get("items").is_some_and(Value::is_array);
    match doc {
        Value::Object(mut m) if is_list => {
            if let Some(Value::Array(items)) = m.remove("items") {
                for it in items {
                    flatten_lists(it, out);
                }
            }
        }
        doc => out.push(doc),
    }
}

/// Split a YAML stream (or one JSON document) into non-empty documents.
pub fn parse_documents(text: &str) -> std::result::Result<Vec<Value>, String> {
    // One decoder for manifests, with go-yaml's error wording (src/manifest.rs).
    crate::manifest::parse_documents(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents() {
        let d = parse_documents("a: 1\n---\n---\nb: 2\n").unwrap();
        assert_eq!(d.len(), 2);
        let d = parse_documents("{\"kind\":\"Pod\"}").unwrap();
        assert_eq!(d[0]["kind"], "Pod");
        assert!(parse_documents("a: [").is_err());
    }

    #[test]
    fn paths_join_like_go() {
        assert_eq!(join_clean(".", "a.yaml"), "a.yaml");
        assert_eq!(join_clean("dir/", "a.yaml"), "dir/a.yaml");
        assert_eq!(join_clean("/tmp", "a.yaml"), "/tmp/a.yaml");
        assert_eq!(join_clean("./d/../e", "a.yaml"), "e/a.yaml");
    }

    #[test]
    fn lists_expand() {
        let mut out = Vec::new();
        flatten_lists(
            serde_json::json!({"kind": "List", "items": [{"kind": "Pod"}, {"kind": "Service"}]}),
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[1]["kind"], "Service");
    }

    #[test]
    fn validation_words() {
        let v = |d: serde_json::Value| validation_error("f", &d).unwrap_or_default();
        assert!(v(serde_json::json!({})).contains("data: [apiVersion not set, kind not set];"));
        assert!(v(serde_json::json!({"apiVersion": "v1"})).contains("data: kind not set;"));
        assert_eq!(
            v(serde_json::json!({"apiVersion": "v1", "kind": "Pod"})),
            ""
        );
    }
}
