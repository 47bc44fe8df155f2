//! `kk autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS
//! [--cpu-percent=CPU]`: kubectl's `autoscale` (1.33) — for every object whose resource has
//! a `scale` subresource, an `autoscaling/v2` HorizontalPodAutoscaler (`generate::autoscale`),
//! the `autoscaling/v1` one when the server refuses it, created in the command's namespace
//! (`horizontalpodautoscaler.autoscaling/web autoscaled`).

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, ObjectPrintFlags};
use crate::generate::{self, autoscale, shape};
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{Info, Options, Visitor};

/// Auto-scale a deployment, replica set, stateful set, or replication controller.
///
/// Creates an autoscaler that automatically chooses and sets the number of pods that run in
/// a Kubernetes cluster.
///
/// Looks up a deployment, replica set, stateful set, or replication controller by name and
/// creates an autoscaler that uses the given resource as a reference. An autoscaler can
/// automatically increase or decrease number of pods deployed within the system as needed.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Auto scale a deployment \"foo\", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
  kk autoscale deployment foo --min=2 --max=10

  # Auto scale a replication controller \"foo\", with the number of pods between 1 and 5, target CPU utilization at 80%
  kk autoscale rc foo --max=5 --cpu-percent=80"
)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME
    #[arg(value_name = "TYPE NAME", add = Complete::TypeAndNamesOf(&["deployment", "replicaset", "replicationcontroller", "statefulset"]))]
    pub args: Vec<String>,
    /// The lower limit for the number of pods that can be set by the autoscaler. If it's not
    /// specified or negative, the server will apply a default value.
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "N",
          value_parser = crate::go::parse_int32)]
    pub min: i32,
    /// The upper limit for the number of pods that can be set by the autoscaler. Required.
    #[arg(long, required = true, allow_negative_numbers = true, value_name = "N",
          value_parser = crate::go::parse_int32)]
    pub max: i32,
    /// The target average CPU utilization (represented as a percent of requested CPU) over
    /// all the pods. If it's not specified or negative, a default autoscaling policy will be
    /// used.
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "PERCENT",
          value_parser = crate::go::parse_int32)]
    pub cpu_percent: i32,
    /// The name for the newly created object. If not specified, the name of the input
    /// resource will be used.
    #[arg(long, default_value = "", value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub save_config: crate::flags::write::SaveConfigFlags,
    #[command(flatten)]
    pub field_manager: crate::flags::write::FieldManagerFlags<crate::flags::write::Autoscale>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// Run `kk autoscale`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let cause = a.record.recorder(ctx)?;
    let dry = a.dry_run.strategy()?;
    let namespace = ctx.namespace().await?;
    autoscale::validate(a.min, a.max).map_err(Error::msg)?;
    let sel = Selection {
        args: a.args.clone(),
        filenames: a.files.filenames(),
        recursive: a.files.recursive(),
        ..Selection::default()
    };
    // kubectl's Complete builds its clients before any builder runs (so a configuration
    // problem is reported as the client's, not the builder's).
    ctx.client().await?;
    let mut objects = Visitor::new(ctx, &sel, Options::default()).await?;
    let mut job = Autoscale {
        ctx,
        a,
        dry,
        namespace,
        printer: OperationPrinter::new(&a.print, dry)?.typed(),
        client: ctx.client().await?,
        cause,
    };
    let mut count = 0;
    while let Some(info) = objects.next().await {
        match job.object(&info).await {
            Ok(()) => count += 1,
            Err(e) => objects.fail(e),
        }
    }
    job.printer.finish(ctx.ui())?;
    objects.finish()?;
    if count == 0 {
        return Err(Error::msg("no objects passed to autoscale"));
    }
    Ok(())
}

struct Autoscale<'a> {
    ctx: &'a Ctx,
    a: &'a Args,
    dry: DryRun,
    namespace: String,
    printer: OperationPrinter,
    client: kube::Client,
    /// `--record`'s change cause.
    cause: Option<String>,
}

impl Autoscale<'_> {
    async fn object(&mut self, info: &Info) -> Result<()> {
        let r = &info.resource;
        self.check_scalable(info).await?;
        let p = autoscale::Params {
            name: self.a.name.clone(),
            target_api_version: r.api_version(),
            target_kind: r.kind.clone(),
            target_name: info.name.clone(),
            min: self.a.min,
            max: self.a.max,
            cpu_percent: self.a.cpu_percent,
        };
        if self.dry.is_client() {
            let hpa = shape::normalize(&self.recorded(autoscale::v2(&p)));
            return Ok(self.printer.print(self.ctx.ui(), &hpa, "created")?);
        }
        let created = match self.create(autoscale::v2(&p), "v2").await {
            Ok(c) => c,
            // kubectl falls back to autoscaling/v1 (and logs why at -v=1).
            Err(_) => self
                .create(autoscale::v1(&p), "v1")
                .await
                .map_err(|e| self.ctx.kube_error(e))?,
        };
        Ok(self
            .printer
            .print(self.ctx.ui(), &shape::normalize(&created), "autoscaled")?)
    }

    /// kubectl's `ScaleForResource`: the resource must have a `scale` subresource in
    /// discovery.
    async fn check_scalable(&self, info: &Info) -> Result<()> {
        let r = &info.resource;
        let path = if r.group.is_empty() {
            format!("/api/{}", r.version)
        } else {
            format!("/apis/{}/{}", r.group, r.version)
        };
        let list = request::json(
            &self.client,
            http::Method::GET,
            &path,
            None::<(&str, &Value)>,
        )
        .await
        .map_err(|e| self.ctx.kube_error(e))?;
        let scale = format!("{}/scale", r.resource);
        let found = list
            .get("resources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|x| x.get("name").and_then(Value::as_str) == Some(scale.as_str()));
        if found {
            return Ok(());
        }
        Err(Error::msg(format!(
            "cannot autoscale a {}: could not find scale subresource for {}/{}, Resource={} in discovery information",
            r.kind, r.group, r.version, r.resource
        )))
    }

    /// The HPA with `--record`'s change cause.
    fn recorded(&self, mut hpa: Value) -> Value {
        if let Some(cause) = &self.cause {
            crate::flags::record::record(&mut hpa, cause);
        }
        hpa
    }

    async fn create(&self, hpa: Value, version: &str) -> std::result::Result<Value, kube::Error> {
        let mut hpa = shape::normalize(&self.recorded(hpa));
        if self.a.save_config.enabled() {
            generate::save_config(&mut hpa);
        }
        let mut q = vec![("fieldManager", self.a.field_manager.field_manager.clone())];
        q.extend(self.dry.query());
        let uri = request::with_query(
            &format!(
                "/apis/autoscaling/{version}/namespaces/{}/horizontalpodautoscalers",
                self.namespace
            ),
            &q,
        );
        request::json(
            &self.client,
            http::Method::POST,
            &uri,
            Some(("application/json", &hpa)),
        )
        .await
    }
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster. The command will attempt to use the autoscaling/v2 API first, in case of an error, it will fall back to autoscaling/v1 API.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed."#;
