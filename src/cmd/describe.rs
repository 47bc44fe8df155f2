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
use crate::flags::{FilenameFlags, Pflag};
use crate::resource::builder::{Selection, Target};
use crate::resource::visit::{self, Lister, Options, Requester, Visitor};

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
        filenames,
        recursive: args.files.recursive(),
        label_selector: args.selector.clone(),
        all_namespaces,
        allow_empty_selector: true,
        ..Selection::default()
    };
    let opts = Options {
        chunk_size: args.chunk_size,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    let mut infos = Vec::new();
    while let Some(info) = objects.next().await {
        infos.push(info);
    }
    let requester = objects.requester().clone();
    let first_target = objects.targets().first().cloned();
    let visit_error = objects.into_error();
    let api = Api {
        ctx,
        requester,
        chunk: args.chunk_size,
        show_events: args.show_events.unwrap_or(true),
    };
    let mut errors = Vec::new();
    if let Some(e) = visit_error {
        // kubectl's fallback: with two arguments and one NotFound, it describes the objects
        // of the first argument whose names start with the second, and nothing else. A
        // `TYPE/NAME` first argument names one object, which a second argument (also
        // `TYPE/NAME`) never prefixes, so only the error remains.
        if args.args.len() == 2 && visit::error_is_not_found(&e) {
            return match first_target {
                Some(t) if !args.args[0].contains('/') => {
                    describe_prefix(&api, &t, &args.args[1], e).await
                }
                _ => Err(e),
            };
        }
        errors.push(e);
    }
    let mut first = true;
    for info in &infos {
        // Manifests are read from the server; the others were just fetched or listed.
        let object = match (&info.source, &info.object) {
            (None, Some(o)) => o.clone(),
            _ => match info.get(&api.requester, None).await {
                Ok(o) => o,
                Err(e) => {
                    push_once(&mut errors, ctx.kube_error(e));
                    continue;
                }
            },
        };
        let text = match api.describe(&object).await {
            Ok(t) => t,
            Err(e) => {
                push_once(&mut errors, e);
                continue;
            }
        };
        if first {
            ctx.ui().print(&text)?;
            first = false;
        } else {
            ctx.ui().print(&format!("\n\n{text}"))?;
        }
    }
    if infos.is_empty() && errors.is_empty() {
        if all_namespaces {
            ctx.ui().eprint("No resources found\n")?;
        } else {
            let ns = ctx.namespace().await?;
            ctx.ui()
                .eprint(&format!("No resources found in {ns} namespace.\n"))?;
        }
    }
    visit::aggregate(errors)
}

/// kubectl reports each distinct describe failure once.
fn push_once(errors: &mut Vec<Error>, e: Error) {
    if !errors.iter().any(|x| x.go_text() == e.go_text()) {
        errors.push(e);
    }
}

/// kubectl's `DescribeMatchingResources`: every object of the type whose name starts with
/// `prefix`, each report followed by a blank line; the original NotFound when none match.
async fn describe_prefix(api: &Api<'_>, t: &Target, prefix: &str, not_found: Error) -> Result<()> {
    let all = Target::Collection {
        resource: t.resource().clone(),
        namespace: t.namespace().map(str::to_string),
        label_selector: None,
        field_selector: None,
    };
    let lister = Lister::for_target(api.requester.clone(), &all, api.chunk);
    let mut found = false;
    for o in lister
        .all_items()
        .await
        .map_err(|e| api.ctx.kube_error(e))?
    {
        if !describe::str_at(&o, &["metadata", "name"]).starts_with(prefix) {
            continue;
        }
        found = true;
        let text = api.describe(&o).await?;
        api.ctx.ui().print(&format!("{text}\n"))?;
    }
    if found { Ok(()) } else { Err(not_found) }
}

/// The requests describe makes for the objects a describer needs.
struct Api<'a> {
    ctx: &'a Ctx,
    requester: Requester,
    chunk: i64,
    show_events: bool,
}

impl Api<'_> {
    async fn get(&self, path: &str) -> Result<Value> {
        self.requester
            .get(path, &[])
            .await
            .map_err(|e| self.ctx.kube_error(e))
    }

    /// Every item of the list at `path` with `query`, page by page.
    async fn list_path(&self, path: &str, query: &[(&'static str, String)]) -> Result<Vec<Value>> {
        Lister::new(
            self.requester.clone(),
            path.to_string(),
            query.to_vec(),
            self.chunk,
        )
        .all_items()
        .await
        .map_err(|e| self.ctx.kube_error(e))
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
        Ok(describe::describe(
            o,
            &related,
            Utc::now(),
            self.ctx.ui().colour(),
        ))
    }
}
