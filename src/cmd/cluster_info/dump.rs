//! `kk cluster-info dump`: the nodes, then per namespace (kube-system and the current one,
//! `--namespaces`, or every one with `-A`) its events, replication controllers, services,
//! daemon sets, deployments, replica sets and pods as kubectl's typed clients decode and
//! print them (`-o json` by default, in Go's field order), and every container's log between
//! `==== START/END logs ... ====` lines; to stdout or, with `--output-directory`, one file
//! each (`nodes.json`, `NS/pods.json`, `NS/POD/logs.txt`).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{GoDuration, ObjectPrintFlags, Pflag};
use crate::generate::shape::{JsonPrinter, Shape};
use crate::printers::{OBJECT_FORMATS, OutputFormat, PrintOptions, Printer, for_format};
use crate::resource::request;

/// Dump relevant information for debugging and diagnosis.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// If true, dump all namespaces.  If true, --namespaces is ignored.
    #[arg(short = 'A', long, pflag_bool())]
    pub all_namespaces: Option<bool>,
    /// A comma separated list of namespaces to dump.
    #[arg(long, value_delimiter = ',', value_name = "NAMESPACES")]
    pub namespaces: Vec<String>,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory
    /// hierarchy in that directory
    #[arg(long = "output-directory", value_name = "DIR")]
    pub output_directory: Option<String>,
    /// The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one
    /// pod is running
    #[arg(long, default_value = "20s", value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub pod_running_timeout: GoDuration,
}

/// The namespaced lists, in kubectl's order: file name, API path, list kind.
const LISTS: &[(&str, &str, &str)] = &[
    ("events", "/api/v1/namespaces/{}/events", "v1/EventList"),
    (
        "replication-controllers",
        "/api/v1/namespaces/{}/replicationcontrollers",
        "v1/ReplicationControllerList",
    ),
    (
        "services",
        "/api/v1/namespaces/{}/services",
        "v1/ServiceList",
    ),
    (
        "daemonsets",
        "/apis/apps/v1/namespaces/{}/daemonsets",
        "apps/v1/DaemonSetList",
    ),
    (
        "deployments",
        "/apis/apps/v1/namespaces/{}/deployments",
        "apps/v1/DeploymentList",
    ),
    (
        "replicasets",
        "/apis/apps/v1/namespaces/{}/replicasets",
        "apps/v1/ReplicaSetList",
    ),
    ("pods", "/api/v1/namespaces/{}/pods", "v1/PodList"),
];

/// Run `cluster-info dump`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let output = match args.print.output() {
        "" => "json",
        o => o,
    };
    let format = OutputFormat::parse_for(output, args.print.template.as_deref(), OBJECT_FORMATS)?;
    let opts = PrintOptions {
        allow_missing_template_keys: args.print.allow_missing_template_keys.unwrap_or(true),
        ..PrintOptions::default()
    };
    let read_file = |p: &str| std::fs::read_to_string(p);
    let mut printer: Box<dyn Printer> = match format {
        OutputFormat::Json => Box::new(JsonPrinter),
        OutputFormat::Name => Box::new(NoLists),
        ref f => for_format(f, &opts, &read_file)?,
    };
    let keep_managed = args.print.show_managed_fields == Some(true)
        || !matches!(format, OutputFormat::Json | OutputFormat::Yaml);
    if args.pod_running_timeout.secs <= 0.0 {
        return Err(Error::msg("--pod-running-timeout must be higher than zero"));
    }
    let namespace = ctx.namespace().await?;
    let client = ctx.client().await?;
    let out = Output {
        ctx,
        dir: args
            .output_directory
            .clone()
            .filter(|d| !d.is_empty() && d != "-"),
        extension: match format {
            OutputFormat::Json => ".json",
            OutputFormat::Yaml => ".yaml",
            _ => ".txt",
        },
    };
    let get = |path: String| {
        let client = client.clone();
        async move {
            request::json(&client, http::Method::GET, &path, None)
                .await
                .map_err(|e| ctx.kube_error(e))
        }
    };
    let mut render = |list: Value, kind: &str| -> Result<Vec<u8>> {
        let mut list = typed(list, kind);
        if !keep_managed {
            crate::printers::strip_managed_fields(&mut list);
        }
        let mut buf = Vec::new();
        printer.print(&list, &mut buf)?;
        Ok(buf)
    };

    let nodes = get("/api/v1/nodes".into()).await?;
    out.write("nodes", out.extension, &render(nodes, "v1/NodeList")?)?;
    let namespaces: Vec<String> = if args.all_namespaces == Some(true) {
        get("/api/v1/namespaces".into())
            .await?
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|n| n.pointer("/metadata/name").and_then(Value::as_str))
            .map(str::to_string)
            .collect()
    } else if args.namespaces.is_empty() {
        vec!["kube-system".into(), namespace]
    } else {
        args.namespaces.clone()
    };
    for ns in &namespaces {
        let mut pods = Value::Null;
        for (file, path, kind) in LISTS {
            let list = get(path.replace("{}", ns)).await?;
            if *file == "pods" {
                pods = list.clone();
            }
            out.write(&format!("{ns}/{file}"), out.extension, &render(list, kind)?)?;
        }
        for pod in pods
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = pod
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let mut text = String::new();
            for key in ["initContainers", "containers"] {
                let containers = pod
                    .pointer(&format!("/spec/{key}"))
                    .and_then(Value::as_array);
                for c in containers.into_iter().flatten() {
                    let c = c.get("name").and_then(Value::as_str).unwrap_or("");
                    text.push_str(&format!(
                        "==== START logs for container {c} of pod {ns}/{name} ====\n"
                    ));
                    let path = request::with_query(
                        &format!("/api/v1/namespaces/{ns}/pods/{name}/log"),
                        &[("container", c.to_string())],
                    );
                    let req = http::Request::get(path)
                        .body(Vec::new())
                        .map_err(|e| Error::msg(e.to_string()))?;
                    match request::text(&client, req).await {
                        Ok(log) => text.push_str(&log),
                        Err(kube::Error::Api(s)) => {
                            text.push_str(&format!("Request log error: {}\n", s.message))
                        }
                        Err(e) => {
                            text.push_str(&format!("Request log error: {}\n", ctx.kube_error(e)))
                        }
                    }
                    text.push_str(&format!(
                        "==== END logs for container {c} of pod {ns}/{name} ====\n"
                    ));
                }
            }
            out.write(&format!("{ns}/{name}/logs"), ".txt", text.as_bytes())?;
        }
    }
    if let Some(dir) = &out.dir {
        ctx.ui().print(&format!("Cluster info dumped to {dir}\n"))?;
    }
    Ok(())
}

/// The list as kubectl's typed client decodes it (its struct's fields only, zero values
/// written) with the kind its printer sets.
fn typed(mut list: Value, kind: &str) -> Value {
    let (api_version, kind) = kind.rsplit_once('/').unwrap_or(("v1", kind));
    if let Some(m) = list.as_object_mut() {
        m.insert("kind".into(), json!(kind));
        m.insert("apiVersion".into(), json!(api_version));
    }
    match Shape::of(api_version, kind) {
        Some(shape) => shape.normalize(&list),
        None => list,
    }
}

/// Where each part goes: stdout, or one file per part under `--output-directory`.
struct Output<'a> {
    ctx: &'a Ctx,
    dir: Option<String>,
    extension: &'static str,
}

impl Output<'_> {
    fn write(&self, name: &str, extension: &str, bytes: &[u8]) -> Result<()> {
        let Some(dir) = &self.dir else {
            self.ctx.ui().print(&String::from_utf8_lossy(bytes))?;
            return Ok(());
        };
        let file = self
            .ctx
            .env()
            .cwd()
            .map(|c| c.join(dir))
            .unwrap_or_else(|| PathBuf::from(dir))
            .join(format!("{name}{extension}"));
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::msg(format!(
                    "mkdir {}: {}",
                    parent.display(),
                    crate::go::errno_text(&e)
                ))
            })?;
        }
        std::fs::write(&file, bytes).map_err(|e| {
            Error::msg(format!(
                "open {}: {}",
                file.display(),
                crate::go::errno_text(&e)
            ))
        })
    }
}

/// `-o name`: kubectl's name printer refuses the typed lists.
struct NoLists;

impl Printer for NoLists {
    fn print(&mut self, obj: &Value, _w: &mut dyn std::io::Write) -> crate::printers::Result<()> {
        let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("List");
        let group = match obj.get("apiVersion").and_then(Value::as_str) {
            Some(av) if av.contains('/') => av.split('/').next().unwrap_or("v1"),
            _ => "v1",
        };
        Err(crate::printers::Error::Other(format!(
            "list types are not supported by name printing: *{group}.{kind}"
        )))
    }
}

/// The long description of `cluster-info dump` (help and man page).
pub const ABOUT: &str = r#"Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.

 The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name."#;

/// Examples for `cluster-info dump`.
pub const EXAMPLES: &str = r#"  # Dump current cluster state to stdout
  kk cluster-info dump
  
  # Dump current cluster state to /path/to/cluster-state
  kk cluster-info dump --output-directory=/path/to/cluster-state
  
  # Dump all namespaces to stdout
  kk cluster-info dump --all-namespaces
  
  # Dump a set of namespaces to /path/to/cluster-state
  kk cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state"#;
