//! The objects of a command line, visited in document order (kubectl's `resource.Builder` →
//! `Result.Visit(Info)`): positional arguments, `-f` manifests, `-l`/`--field-selector`,
//! `--all` and `-A` become [`Info`]s, fetched as the verb asks ([`Fetch`]), collections
//! page by page (`--chunk-size`) so a verb can act or print with flat memory.
//!
//! ```ignore
//! let mut objects = Visitor::new(ctx, &selection, Options::default()).await?;
//! while let Some(info) = objects.next().await {
//!     if let Err(e) = act(&info).await {
//!         objects.fail(e); // the rest is still done
//!     }
//! }
//! objects.finish() // every error, in kubectl's order and shape; exit 1
//! ```

mod errors;
mod list;

use std::collections::VecDeque;

use serde_json::Value;

use errors::Failures;
pub use errors::{aggregate, error_is_not_found, error_when, is_not_found};
pub use list::{Lister, Requester, flatten, selector_context, selectors};

use super::ApiResource;
use super::builder::{self, Selection, Target};
use super::mapper::Mapper;
use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// How many named objects are fetched at once (kubectl fetches one after the other; the
/// answers and their order are the same, only sooner).
const PREFETCH: usize = 16;

/// One object (or, for `get`'s server-side tables, one page of rows) a command acts on:
/// kubectl's `resource.Info`.
#[derive(Debug, Clone)]
pub struct Info {
    /// Its type.
    pub resource: ApiResource,
    /// Its namespace (`None` when cluster-scoped).
    pub namespace: Option<String>,
    /// Its name (empty for a `Table` page).
    pub name: String,
    /// The manifest file it came from (`-f`), for `error when ... "<file>"`.
    pub source: Option<String>,
    /// The object: fetched, listed, or as read from the manifest. `None` only for a
    /// `TYPE NAME` argument under [`Fetch::Nothing`].
    pub object: Option<Value>,
}

impl Info {
    /// The object's URL path.
    pub fn path(&self) -> String {
        self.resource
            .path(self.namespace.as_deref(), Some(&self.name))
    }

    /// kubectl's `Info.Get()`: GET the object (`/subresource` appended when given). A
    /// NotFound in a namespace other than `default` that itself does not exist is reported
    /// as the namespace's NotFound, as kubectl does.
    pub async fn get(
        &self,
        requester: &Requester,
        subresource: Option<&str>,
    ) -> std::result::Result<Value, kube::Error> {
        let mut path = self.path();
        if let Some(sub) = subresource {
            path.push('/');
            path.push_str(sub);
        }
        match requester.get(&path, &[]).await {
            Err(e) if is_not_found(&e) => {
                if let Some(ns) = self.namespace.as_deref().filter(|n| *n != "default")
                    && let Err(ns_err) = Requester::json(requester.client.clone())
                        .get(&format!("/api/v1/namespaces/{ns}"), &[])
                        .await
                    && is_not_found(&ns_err)
                {
                    return Err(ns_err);
                }
                Err(e)
            }
            other => other,
        }
    }
}

/// Which named objects are fetched before the verb sees them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Fetch {
    /// None: `TYPE NAME` arguments come without an object, manifests with theirs
    /// (delete, create).
    Nothing,
    /// `TYPE NAME` arguments are fetched, manifests keep their content (kubectl's
    /// `RequireObject`, its default: describe, scale, apply).
    #[default]
    Named,
    /// Every named object is fetched, manifests included (kubectl's `Latest()`: get,
    /// label, annotate, set).
    Latest,
}

/// How a visit fetches.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which named objects are fetched.
    pub fetch: Fetch,
    /// `Accept` of GETs and LISTs (kubectl's Table types for `get`).
    pub accept: &'static str,
    /// Extra query parameters of GETs and LISTs (`includeObject=Object`).
    pub query: Vec<(&'static str, String)>,
    /// Items per page (`--chunk-size`; 0: one answer).
    pub chunk_size: i64,
    /// `--subresource` of fetched named objects.
    pub subresource: Option<String>,
    /// `--ignore-not-found`: NotFound failures are dropped from the result.
    pub ignore_not_found: bool,
    /// `--local` (kubectl's `Builder.Local()`): `-f` manifests only, as read, mapped
    /// without discovery; the visit makes no request, so it works with no reachable server
    /// and no kubeconfig. Implies [`Fetch::Nothing`].
    pub local: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fetch: Fetch::default(),
            accept: "application/json",
            query: Vec::new(),
            chunk_size: 500,
            subresource: None,
            ignore_not_found: false,
            local: false,
        }
    }
}

/// The objects of one command line, yielded in order.
pub struct Visitor<'a> {
    ctx: &'a Ctx,
    requester: Requester,
    opts: Options,
    targets: Vec<Target>,
    single_item_implied: bool,
    /// Index of the next target to start.
    next_target: usize,
    /// Manifest problems, each with the number of targets before it.
    manifest_errors: VecDeque<(usize, Error)>,
    /// Targets refused once found (see [`builder::Targets::refused`]), by index.
    refused: VecDeque<(usize, Error)>,
    /// The collection being paged, with its target.
    listing: Option<(usize, Lister)>,
    /// Items of the current page, not yet yielded.
    ready: VecDeque<Info>,
    /// GETs done ahead of time, by target index.
    prefetched: VecDeque<(usize, std::result::Result<Value, kube::Error>)>,
    failures: Failures,
}

impl<'a> Visitor<'a> {
    /// Resolve `sel` (discovery, the builder's checks and messages: these fail the command
    /// at once) and get ready to visit.
    pub async fn new(ctx: &'a Ctx, sel: &Selection, opts: Options) -> Result<Visitor<'a>> {
        // Manifests alone still visit without a server: each object fails on its own.
        let manifests_only =
            (!sel.filenames.is_empty() || sel.stream.is_some()) && sel.args.is_empty();
        let mapper = if manifests_only {
            Mapper::for_manifests(ctx, opts.local).await
        } else {
            Mapper::new(ctx, opts.local).await
        };
        let mut mapper = mapper.map_err(|e| builder::discovery_failed(ctx, sel, e))?;
        let targets = builder::build(ctx, &mut mapper, sel).await?;
        let requester = Requester {
            client: ctx.client().await?,
            accept: opts.accept,
            query: opts.query.clone(),
        };
        Ok(Visitor {
            ctx,
            requester,
            failures: Failures {
                ignore_not_found: opts.ignore_not_found,
                ..Default::default()
            },
            opts,
            single_item_implied: targets.single_item_implied,
            targets: targets.items,
            next_target: 0,
            manifest_errors: targets.errors.into(),
            refused: targets.refused.into(),
            listing: None,
            ready: VecDeque::new(),
            prefetched: VecDeque::new(),
        })
    }

    /// The visit of the verbs that send `-f` manifests whole (create, apply, replace):
    /// kubectl's `FilenameParam(...).LabelSelectorParam(...).Flatten()` — every manifest
    /// object as read, checked by the schema validator when `validate` (`--validate`
    /// other than `ignore`), filtered by `-l`, nothing fetched.
    pub async fn manifests(
        ctx: &'a Ctx,
        filenames: Vec<String>,
        recursive: bool,
        validate: bool,
        label_selector: Option<String>,
    ) -> Result<Visitor<'a>> {
        let sel = Selection {
            filenames,
            recursive,
            validate,
            label_selector,
            ..Selection::default()
        };
        let opts = Options {
            fetch: Fetch::Nothing,
            ..Options::default()
        };
        Visitor::new(ctx, &sel, opts).await
    }

    /// What the command line named (one named object or one collection query each).
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// kubectl's `singleItemImplied`: one name or one `TYPE/NAME` (print the object, not a
    /// `List`).
    pub fn single_item_implied(&self) -> bool {
        self.single_item_implied
    }

    /// How this visit makes requests (for a verb's own GETs in the same style).
    pub fn requester(&self) -> &Requester {
        &self.requester
    }

    /// The next object, or `None` when all were visited. Failures to find or fetch objects
    /// are recorded (see [`finish`](Self::finish)) and the visit goes on.
    pub async fn next(&mut self) -> Option<Info> {
        loop {
            if let Some(info) = self.ready.pop_front() {
                return Some(info);
            }
            if let Some((i, lister)) = &mut self.listing {
                let i = *i;
                match lister.next_page().await {
                    Ok(Some(page)) => self.push_page(i, page),
                    Ok(None) => self.listing = None,
                    Err(e) => {
                        let e = selector_context(&self.targets[i], e);
                        self.failures.finding.push(self.ctx.kube_error(e));
                        self.listing = None;
                    }
                }
                continue;
            }
            let i = self.next_target;
            self.take_manifest_errors(i);
            if i >= self.targets.len() {
                return None;
            }
            self.next_target += 1;
            let (resource, namespace, name, manifest) = match &self.targets[i] {
                t @ Target::Collection { .. } => {
                    let lister =
                        Lister::for_target(self.requester.clone(), t, self.opts.chunk_size);
                    self.listing = Some((i, lister));
                    continue;
                }
                Target::Object {
                    resource,
                    namespace,
                    name,
                    manifest,
                } => (resource, namespace, name, manifest),
            };
            let mut info = Info {
                resource: resource.clone(),
                namespace: namespace.clone(),
                name: name.clone(),
                source: manifest.as_ref().map(|(s, _)| s.clone()),
                object: manifest.as_ref().map(|(_, o)| o.clone()),
            };
            let refusal = match self.refused.front() {
                Some((at, _)) if *at == i => self.refused.pop_front().map(|(_, e)| e),
                _ => None,
            };
            if !self.fetches(i) {
                match refusal {
                    Some(e) => self.failures.acting.push(e),
                    None => return Some(info),
                }
                continue;
            }
            match self.fetched(i).await {
                Ok(obj) => {
                    if let Some(e) = refusal {
                        self.failures.acting.push(e);
                        continue;
                    }
                    info.object = Some(obj);
                    return Some(info);
                }
                // kubectl's Latest() refetch fails while finding objects; the lazy GET of a
                // `TYPE NAME` argument fails while acting on it.
                Err(e) if info.source.is_some() => {
                    self.failures.finding.push(self.ctx.kube_error(e));
                }
                Err(e) => self.failures.acting.push(self.ctx.kube_error(e)),
            }
        }
    }

    /// Whether [`next`](Self::next) has an object without a request (the rest of a page):
    /// a streaming printer flushes its output when not.
    pub fn has_ready(&self) -> bool {
        !self.ready.is_empty()
    }

    /// Whether the collection being listed has pages still to fetch (a printer that holds
    /// the first page of a list lets go of it then).
    pub fn more_pages(&self) -> bool {
        self.listing.as_ref().is_some_and(|(_, l)| l.has_next())
    }

    /// Record a failure of the verb's own work on an object; the visit goes on.
    pub fn fail(&mut self, e: Error) {
        self.failures.acting.push(e);
    }

    /// The visit's error as kubectl's `Result.Visit` returns it: what failed while acting,
    /// in order, then what failed while finding objects; `None` when nothing failed (or
    /// only NotFounds under `--ignore-not-found`).
    pub fn into_error(mut self) -> Option<Error> {
        self.take_manifest_errors(usize::MAX);
        self.failures.into_error()
    }

    /// End a write verb: `Ok`, or every error (exit 1), as kubectl prints them.
    pub fn finish(self) -> Result<()> {
        match self.into_error() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    fn take_manifest_errors(&mut self, upto: usize) {
        while self
            .manifest_errors
            .front()
            .is_some_and(|(at, _)| *at <= upto)
        {
            if let Some((_, e)) = self.manifest_errors.pop_front() {
                self.failures.finding.push(e);
            }
        }
    }

    fn push_page(&mut self, i: usize, page: Value) {
        let resource = self.targets[i].resource().clone();
        for obj in flatten(page) {
            let meta = |k: &str| {
                obj.pointer(&format!("/metadata/{k}"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            };
            self.ready.push_back(Info {
                namespace: meta("namespace").filter(|_| resource.namespaced),
                name: meta("name").unwrap_or_default(),
                resource: resource.clone(),
                source: None,
                object: Some(obj),
            });
        }
    }

    /// Whether target `i` (a named object) is fetched before the verb sees it.
    fn fetches(&self, i: usize) -> bool {
        match &self.targets[i] {
            Target::Collection { .. } => false,
            Target::Object { .. } if self.opts.local => false,
            Target::Object { manifest, .. } => match self.opts.fetch {
                Fetch::Nothing => false,
                Fetch::Named => manifest.is_none(),
                Fetch::Latest => true,
            },
        }
    }

    /// The GET of target `i`, with the following named objects fetched alongside.
    async fn fetched(&mut self, i: usize) -> std::result::Result<Value, kube::Error> {
        if self.prefetched.front().is_none_or(|(at, _)| *at != i) {
            self.prefetched.clear();
            let batch: Vec<usize> = (i..self.targets.len())
                .take_while(|j| self.fetches(*j))
                .take(PREFETCH)
                .collect();
            let sub = self.opts.subresource.as_deref();
            let gets = batch.iter().map(|j| {
                let t = &self.targets[*j];
                let info = Info {
                    resource: t.resource().clone(),
                    namespace: t.namespace().map(str::to_string),
                    name: match t {
                        Target::Object { name, .. } => name.clone(),
                        Target::Collection { .. } => String::new(),
                    },
                    source: None,
                    object: None,
                };
                let requester = &self.requester;
                async move { info.get(requester, sub).await }
            });
            let results = futures::future::join_all(gets).await;
            self.prefetched = batch.into_iter().zip(results).collect();
        }
        match self.prefetched.pop_front() {
            Some((_, result)) => result,
            None => unreachable!("target {i} was just fetched"),
        }
    }
}
