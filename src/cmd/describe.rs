//! `kk describe`: resolve targets with the resource builder, fetch each object as JSON plus
//! what its describer needs (events, replica sets, endpoint slices, ...) and print the
//! reports of `crate::describe`. With `TYPE NAME` and no object of that name, kubectl's
//! prefix matching describes every object of the type whose name starts with NAME.

use chrono::Utc;
use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::describe::{self, Need, Related, events};
use crate::error::{Error, Result};
use crate::flags::FilenameFlags;
use crate::flags::Pflag;
use crate::resource::builder::{self, Selection, Target};
use crate::resource::{ApiResource, Resolver};

/// Show details of a specific resource or group of resources.
///
/// Print a detailed description of the selected resources, including related resources such
/// as events or controllers. You may select a single object by name, all objects of that
/// type, provide a name prefix, or label selector.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)
    #[arg(value_name = "TYPE [NAME_PREFIX | -l label] | TYPE/NAME", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// If present, list the requested object(s) across all namespaces
    #[arg(short = 'A', long, pflag_bool())]
    pub all_namespaces: Option<bool>,
    /// If true, display events related to the described object.
    #[arg(long, pflag_bool())]
    pub show_events: Option<bool>,
    /// Return large lists in chunks rather than all at once. Pass 0 to disable.
    #[arg(
        long,
        default_value_t = 500,
        value_name = "N",
        allow_negative_numbers = true
    )]
    pub chunk_size: i64,
}

/// Run `kk describe`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let filenames = args.files.filenames();
    if args.args.is_empty() && filenames.is_empty() {
        return Err(Error::msg(
            "You must specify the type of resource to describe. Use \"kk api-resources\" for a complete list of supported resources.\n",
        ));
    }
    let all_namespaces = args.all_namespaces.unwrap_or(false);
    let sel = Selection {
        args: args.args.clone(),
        filenames: filenames.clone(),
        recursive: args.files.recursive(),
        label_selector: args.selector.clone(),
        field_selector: None,
        all_namespaces,
        allow_empty_selector: true,
        single_resource_type: false,
    };
    let mut resolver = Resolver::new(ctx).await?;
    let targets = builder::build(ctx, &mut resolver, &sel).await?;
    if let Some((_, e)) = targets.errors.into_iter().next() {
        return Err(e);
    }
    let api = Api {
        ctx,
        client: ctx.client().await?,
        chunk: args.chunk_size,
        show_events: args.show_events.unwrap_or(true),
    };
    let mut errors = Vec::new();
    let mut objects: Vec<Value> = Vec::new();
    // The target whose lookup found nothing, for prefix matching.
    let mut missing: Option<&Target> = None;
    for t in &targets.items {
        match t {
            Target::Object { resource, .. } => match api.get(&t.path()).await {
                Ok(mut o) => {
                    fill_type(&mut o, resource);
                    objects.push(o);
                }
                Err(e) if is_not_found(&e) => {
                    errors.push(api.not_found_in(t.namespace(), e).await);
                    missing = Some(t);
                }
                Err(e) => errors.push(e),
            },
            Target::Collection { resource, .. } => match api.list(t).await {
                Ok(items) => objects.extend(items.into_iter().map(|mut o| {
                    fill_type(&mut o, resource);
                    o
                })),
                Err(e) => errors.push(e),
            },
        }
    }
    // kubectl's fallback: with two arguments and exactly one failure, a NotFound, it
    // describes the objects of the first argument whose names start with the second, and
    // nothing else. A `TYPE/NAME` first argument names one object, which a second argument
    // (also `TYPE/NAME`) never prefixes, so only the error remains.
    if args.args.len() == 2 && errors.len() == 1 && is_not_found(&errors[0]) {
        let e = errors.remove(0);
        return match missing {
            Some(t) if !args.args[0].contains('/') => {
                describe_prefix(&api, t, &args.args[1], e).await
            }
            _ => Err(e),
        };
    }
    let mut first = true;
    for o in &objects {
        let text = api.describe(o).await?;
        if first {
            ctx.ui().print(&text)?;
            first = false;
        } else {
            ctx.ui().print(&format!("\n\n{text}"))?;
        }
    }
    if objects.is_empty() && errors.is_empty() {
        if all_namespaces {
            ctx.ui().eprint("No resources found\n")?;
        } else {
            let ns = ctx.namespace().await?;
            ctx.ui()
                .eprint(&format!("No resources found in {ns} namespace.\n"))?;
        }
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(Error::Many(errors)),
    }
}

/// kubectl's `DescribeMatchingResources`: every object of the type whose name starts with
/// `prefix`, each report followed by a blank line; the original NotFound when none match.
async fn describe_prefix(api: &Api<'_>, t: &Target, prefix: &str, not_found: Error) -> Result<()> {
    let Target::Object {
        resource,
        namespace,
        ..
    } = t
    else {
        return Err(not_found);
    };
    let all = Target::Collection {
        resource: resource.clone(),
        namespace: namespace.clone(),
        label_selector: None,
        field_selector: None,
    };
    let mut found = false;
    for mut o in api.list(&all).await? {
        if !describe::str_at(&o, &["metadata", "name"]).starts_with(prefix) {
            continue;
        }
        found = true;
        fill_type(&mut o, resource);
        let text = api.describe(&o).await?;
        api.ctx.ui().print(&format!("{text}\n"))?;
    }
    if found { Ok(()) } else { Err(not_found) }
}

fn is_not_found(e: &Error) -> bool {
    matches!(e, Error::Api(s) if s.code == 404)
}

/// List items carry no `apiVersion`/`kind`; describers dispatch on them.
fn fill_type(o: &mut Value, r: &ApiResource) {
    if let Some(m) = o.as_object_mut() {
        m.entry("apiVersion")
            .or_insert_with(|| Value::String(r.api_version()));
        m.entry("kind")
            .or_insert_with(|| Value::String(r.kind.clone()));
    }
}

/// The requests describe makes.
struct Api<'a> {
    ctx: &'a Ctx,
    client: kube::Client,
    chunk: i64,
    show_events: bool,
}

impl Api<'_> {
    async fn get_raw(&self, path: &str, query: &[(&str, String)]) -> Result<Value> {
        let uri = crate::resource::request::with_query(path, query);
        let req = http::Request::get(uri)
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|e| Error::msg(e.to_string()))?;
        let text = self
            .client
            .request_text(req)
            .await
            .map_err(|e| self.ctx.kube_error(e))?;
        serde_json::from_str(&text).map_err(|e| Error::msg(e.to_string()))
    }

    async fn get(&self, path: &str) -> Result<Value> {
        self.get_raw(path, &[]).await
    }

    /// Every page of a list at `path` with `query`.
    async fn list_path(&self, path: &str, query: &[(&str, String)]) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut cont: Option<String> = None;
        loop {
            let mut q = query.to_vec();
            if self.chunk > 0 {
                q.push(("limit", self.chunk.to_string()));
            }
            if let Some(c) = &cont {
                q.push(("continue", c.clone()));
            }
            let page = self.get_raw(path, &q).await?;
            if let Some(a) = page.get("items").and_then(Value::as_array) {
                items.extend(a.iter().cloned());
            }
            cont = describe::at(&page, &["metadata", "continue"])
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty())
                .map(str::to_string);
            if cont.is_none() {
                return Ok(items);
            }
        }
    }

    async fn list(&self, t: &Target) -> Result<Vec<Value>> {
        let mut q = Vec::new();
        if let Target::Collection {
            label_selector: Some(l),
            ..
        } = t
        {
            q.push(("labelSelector", l.clone()));
        }
        self.list_path(&t.path(), &q).await.map_err(|e| match e {
            Error::Api(s) => match crate::cmd::get::selector_context(t, kube::Error::Api(s)) {
                kube::Error::Api(s) => Error::Api(s),
                other => self.ctx.kube_error(other),
            },
            other => other,
        })
    }

    /// kubectl checks the namespace when a namespaced object is missing: a missing
    /// namespace is the error reported.
    async fn not_found_in(&self, namespace: Option<&str>, e: Error) -> Error {
        let Some(ns) = namespace else { return e };
        match self.get(&format!("/api/v1/namespaces/{ns}")).await {
            Err(ns_err) if is_not_found(&ns_err) => ns_err,
            _ => e,
        }
    }

    /// Fetch what the object's describer needs and describe it.
    async fn describe(&self, o: &Value) -> Result<String> {
        let api_version = describe::str_at(o, &["apiVersion"]);
        let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
        let kind = describe::str_at(o, &["kind"]);
        let ns = describe::str_at(o, &["metadata", "namespace"]);
        let name = describe::str_at(o, &["metadata", "name"]);
        let mut related = Related::default();
        let selector = |o: &Value| {
            let s = describe::label_selector(describe::at(o, &["spec", "selector"]));
            vec![(
                "labelSelector",
                if s == "<none>" { String::new() } else { s },
            )]
        };
        for need in describe::needs(group, kind) {
            match need {
                Need::SelectedPods => {
                    let path = format!("/api/v1/namespaces/{ns}/pods");
                    related.pods = self.list_path(&path, &selector(o)).await?;
                }
                Need::ReplicaSets => {
                    let path = format!("/apis/apps/v1/namespaces/{ns}/replicasets");
                    related.replica_sets = self.list_path(&path, &selector(o)).await?;
                }
                Need::EndpointSlices => {
                    let path = format!("/apis/discovery.k8s.io/v1/namespaces/{ns}/endpointslices");
                    let q = [(
                        "labelSelector",
                        format!("kubernetes.io/service-name={name}"),
                    )];
                    related.endpoint_slices = self.list_path(&path, &q).await?;
                }
                Need::NodePodsAndLease => {
                    let q = [(
                        "fieldSelector",
                        format!(
                            "spec.nodeName={name},status.phase!=Failed,status.phase!=Succeeded"
                        ),
                    )];
                    related.pods = self.list_path("/api/v1/pods", &q).await?;
                    let path = format!(
                        "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/{name}"
                    );
                    related.lease = Some(self.get(&path).await.map_err(|e| match e {
                        Error::Api(s) => s.message,
                        other => other.to_string(),
                    }));
                }
                Need::NamespacePods => {
                    let path = format!("/api/v1/namespaces/{ns}/pods");
                    related.pods = self.list_path(&path, &[]).await?;
                }
                Need::ServicesAndEndpoints => {
                    let base = format!("/api/v1/namespaces/{ns}");
                    related.services = self.list_path(&format!("{base}/services"), &[]).await?;
                    related.endpoints = self.list_path(&format!("{base}/endpoints"), &[]).await?;
                }
                Need::Secrets => {
                    let path = format!("/api/v1/namespaces/{ns}/secrets");
                    related.secrets = self.list_path(&path, &[]).await?;
                }
                Need::QuotasAndLimits => {
                    let base = format!("/api/v1/namespaces/{name}");
                    related.quotas = self
                        .list_path(&format!("{base}/resourcequotas"), &[])
                        .await?;
                    related.limit_ranges =
                        self.list_path(&format!("{base}/limitranges"), &[]).await?;
                }
            }
        }
        if self.show_events {
            let path = if ns.is_empty() {
                "/api/v1/events".to_string()
            } else {
                format!("/api/v1/namespaces/{ns}/events")
            };
            let q = [("fieldSelector", events::field_selector(o))];
            // kubectl ignores failures to list events (the report just has none).
            let mut found = self.list_path(&path, &q).await.unwrap_or_default();
            if group.is_empty() && kind == "Node" {
                // Kubelets record node events with the node's name as its UID.
                let mut by_name = o.clone();
                by_name["metadata"]["uid"] = Value::String(name.to_string());
                let q = [("fieldSelector", events::field_selector(&by_name))];
                found.extend(self.list_path(&path, &q).await.unwrap_or_default());
            }
            related.events = Some(found);
        }
        Ok(describe::describe(o, &related, Utc::now()))
    }
}
