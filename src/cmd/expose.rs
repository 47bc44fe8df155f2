//! `kk expose (-f FILENAME | TYPE NAME) [--port] [--protocol] [--target-port] [--name] ...`:
//! kubectl's `expose` — a Service for a pod, service, replication controller, deployment or
//! replica set, its selector, ports, protocols and labels read from the object
//! (`generate::expose`), `--overrides` applied, created in the command's namespace
//! (`service/web exposed`).
//!
//! As in kubectl, what was introspected from the first object (selector, ports, labels) is
//! kept for the objects after it.

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRunFlags, FilenameFlags, ObjectPrintFlags};
use crate::generate::{self, expose, overrides, shape};
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{Info, Options, Visitor};

/// Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service.
///
/// Expose a resource as a new Kubernetes service.
///
/// Looks up a deployment, service, replica set, replication controller or pod by name and
/// uses the selector for that resource as the selector for a new service on the specified
/// port. A deployment or replica set will be exposed as a service only if its selector is
/// convertible to a selector that service supports, i.e. when the selector contains only
/// the matchLabels component. Note that if no port is specified via --port and the exposed
/// resource has multiple ports, all will be re-used by the new service. Also if no labels
/// are specified, the new service will re-use the labels from the resource it exposes.
///
/// Possible resources include (case insensitive):
///
/// pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
  kk expose rc nginx --port=80 --target-port=8000

  # Create a service for a replication controller identified by type and name specified in \"nginx-controller.yaml\", which serves on port 80 and connects to the containers on port 8000
  kk expose -f nginx-controller.yaml --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name \"frontend\"
  kk expose pod valid-pod --port=444 --name=frontend

  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name \"nginx-https\"
  kk expose service nginx --port=443 --target-port=8443 --name=nginx-https

  # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
  kk expose rc streamer --port=4100 --protocol=UDP --name=video-stream

  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
  kk expose rs nginx --port=80 --target-port=8000

  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kk expose deployment nginx --port=80 --target-port=8000"
)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME
    #[arg(value_name = "TYPE NAME", add = Complete::TypeAndNamesOf(&["pod", "service", "replicationcontroller", "deployment", "replicaset"]))]
    pub args: Vec<String>,
    /// The network protocol for the service to be created. Default is 'TCP'.
    #[arg(long, default_value = "", value_name = "PROTOCOL")]
    pub protocol: String,
    /// The port that the service should serve on. Copied from the resource being exposed, if
    /// unspecified
    #[arg(long, default_value = "", value_name = "PORT")]
    pub port: String,
    /// Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is
    /// 'ClusterIP'.
    #[arg(long = "type", default_value = "", value_name = "TYPE",
          add = Complete::Values(&["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]))]
    pub service_type: String,
    /// IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used
    /// (cloud-provider specific).
    #[arg(long, default_value = "", value_name = "IP")]
    pub load_balancer_ip: String,
    /// A label selector to use for this service. Only equality-based selector requirements
    /// are supported. If empty (the default) infer the selector from the resource being
    /// exposed.
    #[arg(long, default_value = "", value_name = "SELECTOR")]
    pub selector: String,
    /// Labels to apply to the service created by this call.
    #[arg(short = 'l', long, default_value = "", value_name = "LABELS")]
    pub labels: String,
    /// Name or number for the port on the container that the service should direct traffic
    /// to. Optional.
    #[arg(long, default_value = "", value_name = "PORT")]
    pub target_port: String,
    /// Additional external IP address (not managed by Kubernetes) to accept for the service.
    /// If this IP is routed to a node, the service can be accessed by this IP in addition to
    /// its generated service IP.
    #[arg(long, default_value = "", value_name = "IP")]
    pub external_ip: String,
    /// The name for the newly created object.
    #[arg(long, default_value = "", value_name = "NAME")]
    pub name: String,
    /// If non-empty, set the session affinity for the service to this; legal values: 'None',
    /// 'ClientIP'
    #[arg(long, default_value = "", value_name = "AFFINITY",
          add = Complete::Values(&["None", "ClientIP"]))]
    pub session_affinity: String,
    /// ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to
    /// 'None' to create a headless service.
    #[arg(long, default_value = "", value_name = "IP")]
    pub cluster_ip: String,
    /// An inline JSON override for the generated object. If this is non-empty, it is used to
    /// override the generated object. Requires that the object supply a valid apiVersion
    /// field.
    #[arg(long, default_value = "", value_name = "JSON")]
    pub overrides: String,
    /// The method used to override the generated object: json, merge, or strategic.
    #[arg(long, default_value = "merge", value_name = "TYPE",
          add = Complete::Values(&["json", "merge", "strategic"]))]
    pub override_type: String,
    #[command(flatten)]
    pub save_config: crate::flags::write::SaveConfigFlags,
    #[command(flatten)]
    pub field_manager: crate::flags::write::FieldManagerFlags<crate::flags::write::Expose>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// Run `kk expose`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let cause = a.record.recorder(ctx)?;
    let dry = a.dry_run.strategy()?;
    let mut printer = OperationPrinter::new(&a.print, dry)?.typed();
    let namespace = ctx.namespace().await?;
    let enforced = ctx.namespace_explicit().then(|| namespace.clone());
    let sel = Selection {
        args: a.args.clone(),
        filenames: a.files.filenames(),
        recursive: a.files.recursive(),
        typed: true,
        ..Selection::default()
    };
    // kubectl's Complete builds its clients before any builder runs (so a configuration
    // problem is reported as the client's, not the builder's).
    ctx.client().await?;
    let mut objects = Visitor::new(ctx, &sel, Options::default()).await?;
    let mut p = expose::Params {
        name: a.name.clone(),
        selector: a.selector.clone(),
        labels: a.labels.clone(),
        port: a.port.clone(),
        protocol: a.protocol.clone(),
        target_port: a.target_port.clone(),
        external_ip: a.external_ip.clone(),
        service_type: a.service_type.clone(),
        load_balancer_ip: a.load_balancer_ip.clone(),
        session_affinity: a.session_affinity.clone(),
        cluster_ip: a.cluster_ip.clone(),
        namespace: enforced,
        ..expose::Params::default()
    };
    let job = Expose {
        ctx,
        a,
        namespace,
        cause,
    };
    while let Some(info) = objects.next().await {
        match job.service(&info, &mut p) {
            Ok(svc) => {
                if let Err(e) = job.create(svc, &mut printer).await {
                    objects.fail(e);
                }
            }
            Err(e) => objects.fail(e),
        }
    }
    printer.finish(ctx.ui())?;
    objects.finish()
}

struct Expose<'a> {
    ctx: &'a Ctx,
    a: &'a Args,
    namespace: String,
    /// `--record`'s change cause.
    cause: Option<String>,
}

impl Expose<'_> {
    /// The Service for one object (kubectl's visit function up to `createService` and the
    /// overrides); introspected values stay in `p` for the next objects.
    fn service(&self, info: &Info, p: &mut expose::Params) -> Result<Value> {
        let r = &info.resource;
        expose::can_be_exposed(&r.group, &r.kind).map_err(Error::msg)?;
        let obj = info.object.as_ref().unwrap_or(&Value::Null);
        p.default_name = info.name.chars().take(63).collect();
        if p.selector.is_empty() {
            p.selector = expose::selector_for_object(obj).map_err(|e| {
                Error::msg(format!(
                    "couldn't retrieve selectors via --selector flag or introspection: {e}"
                ))
            })?;
        }
        if p.port.is_empty() {
            let ports = expose::ports_for_object(obj).map_err(|e| {
                Error::msg(format!(
                    "couldn't find port via --port flag or introspection: {e}"
                ))
            })?;
            match ports.len() {
                0 if p.cluster_ip != "None" => {
                    return Err(Error::msg(
                        "couldn't find port via --port flag or introspection",
                    ));
                }
                0 => {}
                1 => p.port = ports[0].clone(),
                _ => p.ports = ports.join(","),
            }
        }
        let protocols = expose::protocols_for_object(obj)
            .map_err(|e| Error::msg(format!("couldn't find protocol via introspection: {e}")))?;
        if !protocols.is_empty() {
            p.protocols = protocols;
        }
        if p.labels.is_empty() {
            let labels: Vec<(String, String)> = obj
                .pointer("/metadata/labels")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                .collect();
            p.labels = expose::make_labels(&labels);
        }
        let svc = shape::normalize(&expose::build(p).map_err(Error::msg)?);
        overrides::apply(&svc, &self.a.overrides, &self.a.override_type).map_err(Error::msg)
    }

    /// Create (or, for a client dry run, show) the Service.
    async fn create(&self, mut svc: Value, printer: &mut OperationPrinter) -> Result<()> {
        let ctx = self.ctx;
        let dry = self.a.dry_run.strategy()?;
        if let Some(cause) = &self.cause {
            crate::flags::record::record(&mut svc, cause);
        }
        if dry.is_client() {
            return Ok(printer.print(ctx.ui(), &svc, "exposed")?);
        }
        if self.a.save_config.enabled() {
            generate::save_config(&mut svc);
        }
        let mut q = vec![("fieldManager", self.a.field_manager.field_manager.clone())];
        q.extend(dry.query());
        let uri = request::with_query(
            &format!("/api/v1/namespaces/{}/services", self.namespace),
            &q,
        );
        let client = ctx.client().await?;
        let created = request::json(
            &client,
            http::Method::POST,
            &uri,
            Some(("application/json", &svc)),
        )
        .await
        .map_err(|e| ctx.kube_error(e))?;
        Ok(printer.print(ctx.ui(), &shape::normalize(&created), "exposed")?)
    }
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)"#;
