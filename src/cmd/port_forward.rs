//! `kk port-forward`: forward local ports to a pod — by name, or the pod a deployment,
//! replica set, stateful set or service picks (service ports mapped to the pod's target
//! port, named ports resolved) — with kubectl's lines, errors and exit codes.
//!
//! Beyond kubectl: `--reconnect` keeps the listeners when the pod goes away and sends new
//! connections to a replacement (for a pod target: the pod of the same name once it runs
//! again; for a workload or service: any ready pod it selects), announcing the switch in
//! one line on stderr. It is on by default for workload and service targets, whose pods
//! are meant to be replaceable; off for pods, where kk exits like kubectl (`error: lost
//! connection to pod`).

use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::{Pod, Service};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::api::{ListParams, WatchEvent, WatchParams};
use serde_json::Value;
use tokio::sync::watch;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{GoDuration, Pflag};
use crate::resource::polymorphic::{self, PodOrder, Workload};
use crate::resource::visit::Requester;
use crate::stream::pod;
use crate::stream::portforward::{self, Ended, Endpoint, Forward};

/// Forward one or more local ports to a pod.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// TYPE/NAME (or a pod name), then [LOCAL_PORT:]REMOTE_PORT...
    #[arg(value_name = "TYPE/NAME", add = Complete::PodThenPorts)]
    pub args: Vec<String>,
    /// Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a
    /// value. When localhost is supplied, kk will try to bind on both 127.0.0.1 and ::1 and
    /// will fail if neither of these addresses are available to bind.
    #[arg(
        long,
        value_name = "ADDRESSES",
        value_delimiter = ',',
        default_value = "localhost"
    )]
    pub address: Vec<String>,
    /// The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one
    /// pod is running
    #[arg(long, default_value = "1m0s", value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub pod_running_timeout: GoDuration,
    /// When the pod goes away, keep listening and forward new connections to a replacement
    /// pod (default: true for deployment, replica set, stateful set and service targets,
    /// false for pods)
    #[arg(long, pflag_bool())]
    pub reconnect: Option<bool>,
}

const EXAMPLES: &str = "  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
  kk port-forward pod/mypod 5000 6000

  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
  kk port-forward deployment/mydeployment 5000 6000

  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named \"https\" in a pod selected by the service
  kk port-forward service/myservice 8443:https

  # Listen on port 8888 locally, forwarding to 5000 in the pod
  kk port-forward pod/mypod 8888:5000

  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod
  kk port-forward --address 0.0.0.0 pod/mypod 8888:5000

  # Listen on a random port locally, forwarding to 5000 in the pod
  kk port-forward pod/mypod :5000

  # Keep forwarding to the pod named mypod across its restarts (a stateful set's pod)
  kk port-forward pod/mypod 8888:5000 --reconnect";

/// kubectl's `convertPodNamedPortToNumber` (named ports looked up in the pod).
fn pod_ports(specs: &[String], pod: &Pod) -> Result<Vec<String>> {
    let name = pod.metadata.name.as_deref().unwrap_or("");
    let mut out = Vec::new();
    for spec in specs {
        let (local, remote) = portforward::split_port(spec);
        if remote.is_empty() {
            return Err(Error::msg("remote port cannot be empty"));
        }
        let number = if crate::go::atoi(remote).is_some() {
            remote.to_string()
        } else {
            container_port(pod, remote)
                .ok_or_else(|| {
                    Error::msg(format!(
                        "Pod '{name}' does not have a named port '{remote}'"
                    ))
                })?
                .to_string()
        };
        out.push(if local != remote {
            format!("{local}:{number}")
        } else {
            number
        });
    }
    Ok(out)
}

/// kubectl's `LookupContainerPortNumberByName`: containers, then init containers.
fn container_port(pod: &Pod, name: &str) -> Option<i32> {
    let spec = pod.spec.as_ref()?;
    spec.containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .flat_map(|c| c.ports.iter().flatten())
        .find(|p| p.name.as_deref() == Some(name))
        .map(|p| p.container_port)
}

/// kubectl's `translateServicePortToTargetPort`: service ports (numbers or names) become
/// the pod's target ports (a named target port looked up in the pod).
fn service_ports(specs: &[String], svc: &Service, pod: &Pod) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for spec in specs {
        let (local, remote) = portforward::split_port(spec);
        let mut local = local.to_string();
        let number = match crate::go::atoi(remote) {
            Some(n) => n as i32,
            None => {
                let n = service_port_by_name(svc, remote)?;
                if local == remote {
                    local = n.to_string();
                }
                n
            }
        };
        let target = target_port(svc, pod, number)?.to_string();
        out.push(if local != target {
            format!("{local}:{target}")
        } else {
            target
        });
    }
    Ok(out)
}

/// kubectl's `LookupServicePortNumberByName`.
fn service_port_by_name(svc: &Service, name: &str) -> Result<i32> {
    svc.spec
        .iter()
        .flat_map(|s| s.ports.iter().flatten())
        .find(|p| p.name.as_deref() == Some(name))
        .map(|p| p.port)
        .ok_or_else(|| {
            Error::msg(format!(
                "Service '{}' does not have a named port '{name}'",
                svc.metadata.name.as_deref().unwrap_or("")
            ))
        })
}

/// kubectl's `LookupContainerPortNumberByServicePort`: the target port of service port
/// `port` (the port itself for a headless service or an omitted target port).
fn target_port(svc: &Service, pod: &Pod, port: i32) -> Result<i32> {
    let spec = svc.spec.as_ref();
    let Some(sp) = spec
        .into_iter()
        .flat_map(|s| s.ports.iter().flatten())
        .find(|p| p.port == port)
    else {
        return Err(Error::msg(format!(
            "Service {} does not have a service port {port}",
            svc.metadata.name.as_deref().unwrap_or("")
        )));
    };
    if spec.and_then(|s| s.cluster_ip.as_deref()) == Some("None") {
        return Ok(port);
    }
    match &sp.target_port {
        None | Some(IntOrString::Int(0)) => Ok(sp.port),
        Some(IntOrString::Int(n)) => Ok(*n),
        Some(IntOrString::String(name)) => container_port(pod, name).ok_or_else(|| {
            Error::msg(format!(
                "Pod '{}' does not have a named port '{name}'",
                pod.metadata.name.as_deref().unwrap_or("")
            ))
        }),
    }
}

/// kubectl's `checkUDPPortInService`: ports the service only declares as UDP are refused.
fn check_udp_service(specs: &[String], svc: &Service) -> Result<()> {
    let ports = svc.spec.iter().flat_map(|s| s.ports.iter().flatten());
    let udp: std::collections::BTreeSet<i32> = ports
        .clone()
        .filter(|p| p.protocol.as_deref() == Some("UDP"))
        .map(|p| p.port)
        .collect();
    let tcp: std::collections::BTreeSet<i32> = ports
        .filter(|p| p.protocol.as_deref() == Some("TCP"))
        .map(|p| p.port)
        .collect();
    for spec in specs {
        let (_, remote) = portforward::split_port(spec);
        let number = match crate::go::atoi(remote) {
            Some(n) => n as i32,
            None => service_port_by_name(svc, remote)?,
        };
        if udp.contains(&number) && !tcp.contains(&number) {
            return Err(Error::msg(format!(
                "UDP protocol is not supported for {remote}"
            )));
        }
    }
    Ok(())
}

/// kubectl refuses ports that the pod only declares as UDP.
fn check_udp(specs: &[String], pod: &Pod) -> Result<()> {
    let mut udp = std::collections::BTreeSet::new();
    let mut tcp = std::collections::BTreeSet::new();
    for c in pod.spec.iter().flat_map(|s| s.containers.iter()) {
        for p in c.ports.iter().flatten() {
            match p.protocol.as_deref().unwrap_or("TCP") {
                "UDP" => udp.insert(p.container_port),
                "TCP" => tcp.insert(p.container_port),
                _ => false,
            };
        }
    }
    let name = pod.metadata.name.as_deref().unwrap_or("");
    for spec in specs {
        let (_, remote) = portforward::split_port(spec);
        let number = match crate::go::atoi(remote) {
            Some(n) => n as i32,
            None => container_port(pod, remote).ok_or_else(|| {
                Error::msg(format!(
                    "Pod '{name}' does not have a named port '{remote}'"
                ))
            })?,
        };
        if udp.contains(&number) && !tcp.contains(&number) {
            return Err(Error::msg(format!(
                "UDP protocol is not supported for {remote}"
            )));
        }
    }
    Ok(())
}

/// Run `kk port-forward`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if args.args.len() < 2 {
        return Err(Error::usage(
            "port-forward",
            "TYPE/NAME and list of ports are required for port-forward",
        ));
    }
    pod::check_timeout(args.pod_running_timeout, "port-forward")?;
    let namespace = ctx.namespace().await?;
    let target = pod::Target::new(ctx, &args.args[..1]).await?;
    let obj = target.get().await.map_err(|e| ctx.kube_error(e))?;
    let found = pod::attachable_for(ctx, &target, &obj, args.pod_running_timeout).await?;
    let specs = &args.args[1..];
    let is_pod = Workload::of(&obj) == Some(Workload::Pod);
    let specs = match service(&obj) {
        Some(svc) => {
            check_udp_service(specs, &svc)?;
            service_ports(specs, &svc, &found)?
        }
        None => {
            check_udp(specs, &found)?;
            pod_ports(specs, &found)?
        }
    };
    let name = found.metadata.name.clone().unwrap_or_default();

    // kubectl looks at the pod once more, then parses addresses and ports.
    let current = pod::get(ctx, &namespace, &name).await?;
    if pod::phase(&current) != "Running" {
        return Err(Error::msg(format!(
            "unable to forward port because pod is not running. Current status={}",
            pod::phase(&current)
        )));
    }
    let addresses = portforward::parse_addresses(&args.address)?;
    let mut forwards = portforward::parse_ports(&specs)?;
    let listeners = portforward::listen(ctx, &mut forwards, &addresses).await?;

    // Workloads and services replace their pods; a pod target ends as kubectl's does.
    let reconnect = args.reconnect.unwrap_or(!is_pod);
    let replacement = if is_pod {
        Replacement::SameName
    } else {
        Replacement::Selected {
            requester: target.requester().clone(),
            selector: polymorphic::selector(&obj).map_err(Error::msg)?,
        }
    };
    let endpoint = Endpoint {
        namespace: namespace.clone(),
        pod: name.clone(),
        uid: current.metadata.uid.clone(),
        ports: forwards.iter().map(|f| f.remote).collect(),
        generation: 0,
    };
    let (tx, rx) = watch::channel(Some(endpoint));
    let follow = follow_pod(
        ctx,
        &namespace,
        &name,
        &forwards,
        reconnect,
        &replacement,
        tx,
    );
    let serve = portforward::serve(
        ctx,
        listeners,
        &forwards,
        rx,
        args.pod_running_timeout.duration(),
        reconnect,
    );
    let interrupted = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => futures::future::pending().await,
        }
    };
    let ended = tokio::select! {
        r = serve => r?,
        r = follow => { r?; Ended::Lost }
        // kubectl: Ctrl-C closes the stop channel and ForwardPorts returns nil.
        _ = interrupted => return Ok(()),
    };
    match ended {
        Ended::Lost => Err(Error::msg("lost connection to pod")),
    }
}

/// Where a reconnecting forward finds the next pod.
enum Replacement {
    /// The pod of the same name once it runs again (a pod target).
    SameName,
    /// A ready pod the workload or service selects, the most active first.
    Selected {
        requester: Requester,
        selector: String,
    },
}

/// The object as a Service, when it is one.
fn service(obj: &Value) -> Option<Service> {
    let is_svc = obj.get("kind").and_then(Value::as_str) == Some("Service")
        && obj.get("apiVersion").and_then(Value::as_str) == Some("v1");
    is_svc
        .then(|| serde_json::from_value(obj.clone()).ok())
        .flatten()
}

/// Watch the pod connections go to; when it stops running, either end (the sender is
/// dropped) or, with `reconnect`, find the next one and point the target at it.
async fn follow_pod(
    ctx: &Ctx,
    namespace: &str,
    first: &str,
    forwards: &[Forward],
    reconnect: bool,
    replacement: &Replacement,
    tx: watch::Sender<Option<Endpoint>>,
) -> Result<()> {
    let client = ctx.client().await?;
    let api: kube::Api<Pod> = kube::Api::namespaced(client, namespace);
    let mut pod = first.to_string();
    let mut generation = 0;
    loop {
        wait_gone(ctx, &api, &pod).await?;
        if !reconnect {
            drop(tx);
            return Ok(());
        }
        tx.send_replace(None);
        let (next_name, uid) = match replacement {
            Replacement::SameName => loop {
                if let Some(p) = api.get_opt(&pod).await.map_err(|e| ctx.kube_error(e))?
                    && pod::serving(&p)
                {
                    break (pod.clone(), p.metadata.uid);
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            },
            Replacement::Selected {
                requester,
                selector,
            } => next_ready(ctx, requester, namespace, selector).await?,
        };
        ctx.ui().eprint(&format!(
            "pod/{pod} went away; forwarding to pod/{next_name}\n"
        ))?;
        generation += 1;
        tx.send_replace(Some(Endpoint {
            namespace: namespace.to_string(),
            pod: next_name.clone(),
            uid,
            ports: forwards.iter().map(|f| f.remote).collect(),
            generation,
        }));
        pod = next_name;
    }
}

/// The name and UID of the most active ready pod matching `selector` (waiting for one).
async fn next_ready(
    ctx: &Ctx,
    requester: &Requester,
    namespace: &str,
    selector: &str,
) -> Result<(String, Option<String>)> {
    let ready = |p: &Value| {
        serde_json::from_value::<Pod>(p.clone()).is_ok_and(|p| pod::serving(&p) && is_ready(&p))
    };
    let pods = polymorphic::pods_where(
        ctx,
        requester,
        namespace,
        selector,
        PodOrder::MostActive,
        None,
        ready,
    )
    .await?;
    let field = |f: &str| {
        pods.first()
            .and_then(|p| p.pointer(f))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Ok((
        field("/metadata/name").unwrap_or_default(),
        field("/metadata/uid"),
    ))
}

/// The pod's Ready condition is true.
fn is_ready(p: &Pod) -> bool {
    p.status
        .iter()
        .flat_map(|s| s.conditions.iter().flatten())
        .any(|c| c.type_ == "Ready" && c.status == "True")
}

/// Return once the pod is deleted, being deleted, or no longer running.
async fn wait_gone(ctx: &Ctx, api: &kube::Api<Pod>, name: &str) -> Result<()> {
    loop {
        let lp = ListParams::default().fields(&format!("metadata.name={name}"));
        let list = api.list(&lp).await.map_err(|e| ctx.kube_error(e))?;
        if !list.items.iter().any(pod::serving) {
            return Ok(());
        }
        let rv = list.metadata.resource_version.unwrap_or_default();
        let wp = WatchParams::default().fields(&format!("metadata.name={name}"));
        let mut events = api
            .watch(&wp, &rv)
            .await
            .map_err(|e| ctx.kube_error(e))?
            .boxed();
        while let Some(ev) = events.next().await {
            match ev {
                Ok(WatchEvent::Deleted(_)) => return Ok(()),
                Ok(WatchEvent::Added(p) | WatchEvent::Modified(p)) if !pod::serving(&p) => {
                    return Ok(());
                }
                Ok(WatchEvent::Error(_)) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
}

/// The long description of `PortForward` (help and man page).
pub const ABOUT: &str = r#"Forward one or more local ports to a pod.

Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding (or --reconnect)."#;
