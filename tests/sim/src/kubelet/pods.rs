//! The fake kubelet's pod workers: every pod bound to one of the sim's nodes gets a task that
//! walks it through a real kubelet's life cycle — ContainerCreating, init containers in order,
//! containers started by the built-in shell ([`crate::runtime::shell`]), readiness, restarts with
//! back-off (CrashLoopBackOff), completion (Succeeded/Failed) and graceful deletion — and
//! publishes each step as pod status and events, the way kubectl expects to read them.
//!
//! Times are compressed so a test sees the states quickly: creating takes ~0.2 s and the
//! restart back-off starts at [`BACKOFF_BASE`] (real kubelets: 10 s) and doubles up to
//! [`BACKOFF_CAP`] (real: 5 min).

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};

use crate::controllers::api::{Api, deleting, name, namespace, res, uid};
use crate::controllers::events::{self, NORMAL, Source, WARNING};
use crate::controllers::{Controller, Key};
use crate::runtime::images;
use crate::runtime::ports::{App, PortServer, RunPorts, container_ports};
use crate::runtime::process::{ContainerProcess, ProcessSpec};
use crate::runtime::shell::{self, ShellContext};
use crate::store::{Event, EventType, Raw, ResourceKey, decode, encode, now_rfc3339};

/// First restart back-off.
pub const BACKOFF_BASE: Duration = Duration::from_secs(2);
/// Longest restart back-off.
pub const BACKOFF_CAP: Duration = Duration::from_secs(40);
/// How long "creating" a pod sandbox and containers takes.
const CREATE_DELAY: Duration = Duration::from_millis(200);

/// What the kubelet knows about one container, for logs, attach, exec and port-forward.
pub struct ContainerHandle {
    /// Image reference from the spec.
    pub image: String,
    /// The container's files and environment (shared by every process in it).
    pub ctx: ShellContext,
    /// container port → its server (while running; bound on first dial).
    pub ports: BTreeMap<u16, Arc<PortServer>>,
    /// Whether the main process is running now.
    pub running: bool,
    /// The current (or last) run's main process: its log and attach.
    pub process: Arc<ContainerProcess>,
    /// The run before it (`kubectl logs --previous`).
    pub previous: Option<Arc<ContainerProcess>>,
}

/// One pod the kubelet runs.
pub struct PodHandle {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Node it runs on.
    pub node: String,
    /// Containers (init and regular) by name.
    pub containers: Mutex<BTreeMap<String, ContainerHandle>>,
    stop: watch::Sender<bool>,
    /// Bumped when a ConfigMap or Secret of the pod's namespace changes: wakes a pod waiting
    /// for its volumes' or environment's sources.
    sources: watch::Sender<u64>,
    /// The ConfigMaps (`false`) and Secrets (`true`) its volumes show.
    mounts: Vec<(bool, String)>,
}

impl PodHandle {
    /// Where the pod's container port `port` is served now, if a running container has it
    /// (binding its listener on first use).
    pub fn port_addr(&self, port: u16) -> Option<SocketAddr> {
        let server = {
            let m = self.containers.lock().ok()?;
            m.values()
                .filter(|c| c.running)
                .find_map(|c| c.ports.get(&port).cloned())?
        };
        server.addr().ok()
    }

    /// Every port the pod's running containers serve.
    pub fn ports(&self) -> HashMap<u16, Arc<PortServer>> {
        let Ok(m) = self.containers.lock() else {
            return Default::default();
        };
        m.values()
            .filter(|c| c.running)
            .flat_map(|c| c.ports.iter().map(|(p, s)| (*p, s.clone())))
            .collect()
    }
}

/// The kubelet of every simulated node.
pub struct Kubelet {
    api: Api,
    /// Itself, for the pods' network (which looks up other pods' handles).
    this: std::sync::Weak<Kubelet>,
    pods: Mutex<HashMap<String, Arc<PodHandle>>>,
    next_ip: Mutex<HashMap<String, u32>>,
    /// The nodes' places, and how many nodes there were when they were computed.
    nodes: Mutex<(usize, HashMap<String, NodePlace>)>,
}

/// Where each node is, for pod IPs and `hostIP`.
#[derive(Clone)]
struct NodePlace {
    /// `kk-sim-control-plane` is 0, workers 1, 2, ... (sorted by name).
    index: u32,
    /// Its InternalIP.
    ip: String,
}

/// Every node's place, computed from the stored nodes.
fn node_places(api: &Api) -> HashMap<String, NodePlace> {
    let nodes = api.list(&res::nodes(), None);
    let mut names: Vec<&str> = nodes.iter().map(|n| name(n)).collect();
    names.sort();
    nodes
        .iter()
        .map(|n| {
            let index = names.iter().position(|x| *x == name(n)).unwrap_or(0) as u32;
            let ip = n
                .pointer("/status/addresses")
                .and_then(Value::as_array)
                .and_then(|a| a.iter().find(|a| a["type"] == "InternalIP"))
                .and_then(|a| a["address"].as_str().map(str::to_string))
                .unwrap_or_else(|| format!("172.18.0.{}", index + 2));
            (name(n).to_string(), NodePlace { index, ip })
        })
        .collect()
}

/// `nginx:1.25` → `docker.io/library/nginx:1.25` (what container runtimes report).
pub fn normalize_image(image: &str) -> String {
    let (repo, tag) = match image.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r.to_string(), format!(":{t}")),
        _ if image.contains('@') => (image.to_string(), String::new()),
        _ => (image.to_string(), ":latest".to_string()),
    };
    let first = repo.split('/').next().unwrap_or("");
    let has_registry =
        repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if has_registry {
        repo
    } else if repo.contains('/') {
        format!("docker.io/{repo}")
    } else {
        format!("docker.io/library/{repo}")
    };
    format!("{full}{tag}")
}

fn image_id(image: &str) -> String {
    let norm = normalize_image(image);
    let repo = norm.rsplit_once(':').map(|(r, _)| r).unwrap_or(&norm);
    format!("{repo}@sha256:{}", hex64(&norm))
}

fn hex64(seed: &str) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(seed.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn container_id() -> String {
    format!(
        "containerd://{}",
        hex64(&format!("{}{}", crate::store::new_uid(), now_rfc3339()))
    )
}

/// The QoS class from container requests/limits (BestEffort/Burstable/Guaranteed).
pub fn qos_class(spec: &Value) -> &'static str {
    let containers: Vec<&Value> = ["containers", "initContainers"]
        .iter()
        .flat_map(|k| {
            spec.get(*k)
                .and_then(Value::as_array)
                .map(|a| a.iter().collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let req = c.pointer("/resources/requests").and_then(Value::as_object);
        let lim = c.pointer("/resources/limits").and_then(Value::as_object);
        if req.is_some_and(|r| !r.is_empty()) || lim.is_some_and(|l| !l.is_empty()) {
            any = true;
        }
        for r in ["cpu", "memory"] {
            let l = lim.and_then(|l| l.get(r));
            let q = req.and_then(|q| q.get(r)).or(l);
            if l.is_none() || q != l {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// State of one container as the status shows it.
#[derive(Clone, Debug)]
enum CState {
    Waiting {
        reason: String,
        message: Option<String>,
    },
    Running {
        started_at: String,
    },
    Terminated {
        exit_code: i32,
        reason: String,
        started_at: String,
        finished_at: String,
        container_id: String,
    },
}

#[derive(Clone, Debug)]
struct CStatus {
    name: String,
    image: String,
    state: CState,
    last: Option<CState>,
    ready: bool,
    started: bool,
    restarts: u32,
    container_id: Option<String>,
}

impl CStatus {
    fn new(name: &str, image: &str, waiting: &str) -> Self {
        CStatus {
            name: name.to_string(),
            image: image.to_string(),
            state: CState::Waiting {
                reason: waiting.to_string(),
                message: None,
            },
            last: None,
            ready: false,
            started: false,
            restarts: 0,
            container_id: None,
        }
    }

    fn to_json(&self) -> Value {
        let state = |s: &CState| match s {
            CState::Waiting { reason, message } => {
                let mut w = json!({"reason": reason});
                if let Some(m) = message {
                    w["message"] = json!(m);
                }
                json!({"waiting": w})
            }
            CState::Running { started_at } => json!({"running": {"startedAt": started_at}}),
            CState::Terminated {
                exit_code,
                reason,
                started_at,
                finished_at,
                container_id,
            } => json!({"terminated": {
                "exitCode": exit_code, "reason": reason, "startedAt": started_at, "finishedAt": finished_at,
                "containerID": container_id}}),
        };
        let mut v = json!({
            "name": self.name,
            "state": state(&self.state),
            "lastState": self.last.as_ref().map(state).unwrap_or_else(|| json!({})),
            "ready": self.ready,
            "restartCount": self.restarts,
            "image": normalize_image(&self.image),
            "imageID": if self.container_id.is_some() { image_id(&self.image) } else { String::new() },
            "started": self.started,
        });
        if let Some(id) = &self.container_id {
            v["containerID"] = json!(id);
        }
        v
    }
}

impl CState {
    /// A main process that exited with `exit` now: `Completed` for 0, else `Error`.
    fn exited(exit: i32, started_at: String, container_id: String) -> CState {
        let reason = if exit == 0 { "Completed" } else { "Error" };
        CState::Terminated {
            exit_code: exit,
            reason: reason.into(),
            started_at,
            finished_at: now_rfc3339(),
            container_id,
        }
    }
}

/// Messages from container tasks to their pod worker (boxed: a channel allocates its slots
/// in blocks, per pod).
enum Update {
    Status(Box<CStatus>),
}

/// The pod a worker runs. A worker lives as long as its pod, so it keeps the pod as the stored
/// bytes (parsed again for each container start) plus, parsed, only what names and events
/// need: kind, apiVersion and metadata name, namespace, uid and resourceVersion. Holding every
/// pod's parse would cost more than the whole store.
struct PodRef {
    slim: Value,
    raw: Raw,
}

impl PodRef {
    fn new(pod: &Value) -> PodRef {
        let md = &pod["metadata"];
        PodRef {
            slim: json!({
                "kind": pod["kind"],
                "apiVersion": pod["apiVersion"],
                "metadata": {"name": md["name"], "namespace": md["namespace"], "uid": md["uid"],
                             "resourceVersion": md["resourceVersion"]},
            }),
            raw: encode(pod),
        }
    }

    /// The whole pod as the worker got it.
    fn full(&self) -> Value {
        decode(&self.raw)
    }
}

impl std::ops::Deref for PodRef {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.slim
    }
}

/// Everything the pod's status is rendered from.
struct PodState {
    phase: String,
    host_ip: String,
    pod_ip: Option<String>,
    start_time: String,
    qos: &'static str,
    init: Vec<CStatus>,
    main: Vec<CStatus>,
    initialized: bool,
    sandbox_ready: bool,
    transitions: HashMap<&'static str, (String, String)>,
}

impl PodState {
    fn cond(
        &mut self,
        t: &'static str,
        status: bool,
        reason: Option<&str>,
        message: Option<String>,
    ) -> Value {
        let s = if status { "True" } else { "False" };
        let now = now_rfc3339();
        let entry = self
            .transitions
            .entry(t)
            .or_insert_with(|| (s.to_string(), now.clone()));
        if entry.0 != s {
            *entry = (s.to_string(), now);
        }
        let mut c =
            json!({"type": t, "status": s, "lastProbeTime": null, "lastTransitionTime": entry.1});
        if let Some(r) = reason {
            c["reason"] = json!(r);
        }
        if let Some(m) = message {
            c["message"] = json!(m);
        }
        c
    }

    fn render(&mut self) -> Value {
        let completed = self.phase == "Succeeded" || self.phase == "Failed";
        let unready: Vec<String> = self
            .main
            .iter()
            .filter(|c| !c.ready)
            .map(|c| c.name.clone())
            .collect();
        let all_ready = unready.is_empty() && !completed;
        let not_ready_reason = if completed {
            "PodCompleted"
        } else {
            "ContainersNotReady"
        };
        let not_ready_msg = (!completed)
            .then(|| format!("containers with unready status: [{}]", unready.join(" ")));
        let init_pending: Vec<String> = self
            .init
            .iter()
            .filter(|c| !matches!(c.state, CState::Terminated { exit_code: 0, .. }))
            .map(|c| c.name.clone())
            .collect();
        let sandbox = self.sandbox_ready && !completed;
        let conds = vec![
            self.cond("PodReadyToStartContainers", sandbox, None, None),
            if self.initialized || init_pending.is_empty() {
                self.cond(
                    "Initialized",
                    true,
                    if completed && !self.init.is_empty() {
                        Some("PodCompleted")
                    } else {
                        None
                    },
                    None,
                )
            } else {
                self.cond(
                    "Initialized",
                    false,
                    Some("ContainersNotInitialized"),
                    Some(format!(
                        "containers with incomplete status: [{}]",
                        init_pending.join(" ")
                    )),
                )
            },
            if all_ready {
                self.cond("Ready", true, None, None)
            } else {
                self.cond(
                    "Ready",
                    false,
                    Some(not_ready_reason),
                    not_ready_msg.clone(),
                )
            },
            if all_ready {
                self.cond("ContainersReady", true, None, None)
            } else {
                self.cond(
                    "ContainersReady",
                    false,
                    Some(not_ready_reason),
                    not_ready_msg,
                )
            },
            self.cond("PodScheduled", true, None, None),
        ];
        let mut main: Vec<&CStatus> = self.main.iter().collect();
        main.sort_by(|a, b| a.name.cmp(&b.name));
        let mut st = json!({
            "phase": self.phase,
            "conditions": conds,
            "hostIP": self.host_ip,
            "hostIPs": [{"ip": self.host_ip}],
            "startTime": self.start_time,
            "containerStatuses": main.iter().map(|c| c.to_json()).collect::<Vec<_>>(),
            "qosClass": self.qos,
        });
        if let Some(ip) = &self.pod_ip {
            st["podIP"] = json!(ip);
            st["podIPs"] = json!([{"ip": ip}]);
        }
        if !self.init.is_empty() {
            st["initContainerStatuses"] =
                json!(self.init.iter().map(|c| c.to_json()).collect::<Vec<_>>());
        }
        st
    }
}

impl Kubelet {
    /// A kubelet for all of the sim's nodes.
    pub fn new(api: Api) -> Arc<Self> {
        Arc::new_cyclic(|this| Kubelet {
            api,
            this: this.clone(),
            pods: Mutex::new(HashMap::new()),
            next_ip: Mutex::new(HashMap::new()),
            nodes: Mutex::new((0, HashMap::new())),
        })
    }

    /// The running pod `namespace/name`, if this kubelet runs it.
    pub fn pod(&self, namespace: &str, name: &str) -> Option<Arc<PodHandle>> {
        self.pods
            .lock()
            .ok()?
            .values()
            .find(|p| p.namespace == namespace && p.name == name)
            .cloned()
    }

    /// Where `node` is (recomputed when nodes come or go).
    fn node_place(&self, node: &str) -> NodePlace {
        let count = self.api.store().count(&res::nodes(), None);
        let mut cached = self.nodes.lock().unwrap_or_else(|p| p.into_inner());
        if cached.0 != count || !cached.1.contains_key(node) {
            *cached = (count, node_places(&self.api));
        }
        cached.1.get(node).cloned().unwrap_or(NodePlace {
            index: 0,
            ip: "172.18.0.2".to_string(),
        })
    }

    fn allocate_ip(&self, node: &str) -> String {
        let idx = self.node_place(node).index;
        let mut m = self.next_ip.lock().unwrap_or_else(|p| p.into_inner());
        let n = m.entry(node.to_string()).or_insert(1);
        *n += 1;
        let host = *n;
        // 10.244.<node>.<n>, spilling into the next /24s of the node's /16 share.
        format!("10.244.{}.{}", idx + 16 * (host / 254), host % 254 + 1)
    }

    fn src(node: &str) -> Source {
        Source {
            component: "kubelet",
            host: Some(node.to_string()),
        }
    }

    fn start(self: &Arc<Self>, pod: Arc<Value>) {
        let node = pod
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let (stop, stop_rx) = watch::channel(false);
        let handle = Arc::new(PodHandle {
            namespace: namespace(&pod).to_string(),
            name: name(&pod).to_string(),
            node,
            containers: Mutex::new(BTreeMap::new()),
            stop,
            sources: watch::channel(0).0,
            mounts: super::volumes::sources(&pod),
        });
        self.pods
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(uid(&pod).to_string(), handle.clone());
        let me = self.clone();
        let pod = Arc::new(PodRef::new(&pod));
        tokio::spawn(async move { me.run_pod(pod, handle, stop_rx).await });
    }

    fn publish(&self, ns: &str, pod_name: &str, pod_uid: &str, st: &mut PodState) {
        let status = st.render();
        let _ = self.api.mutate(&res::pods(), ns, pod_name, |p| {
            if uid(p) != pod_uid || p.get("status") == Some(&status) {
                return false;
            }
            p["status"] = status.clone();
            true
        });
    }

    async fn run_pod(
        self: Arc<Self>,
        pod: Arc<PodRef>,
        handle: Arc<PodHandle>,
        mut stop: watch::Receiver<bool>,
    ) {
        let ns = namespace(&pod).to_string();
        let pname = name(&pod).to_string();
        let puid = uid(&pod).to_string();
        let node = handle.node.clone();
        // The container specs stay bytes while they wait (see `PodRef`).
        let (restart_policy, host_network, inits, mains, mut st) = {
            let full = pod.full();
            let spec = &full["spec"];
            let restart_policy = spec["restartPolicy"]
                .as_str()
                .unwrap_or("Always")
                .to_string();
            let containers =
                |k: &str| -> Vec<Value> { spec[k].as_array().cloned().unwrap_or_default() };
            let (inits, mains) = (containers("initContainers"), containers("containers"));
            let st = PodState {
                phase: "Pending".into(),
                host_ip: self.node_place(&node).ip,
                pod_ip: None,
                start_time: now_rfc3339(),
                qos: qos_class(spec),
                init: inits
                    .iter()
                    .map(|c| {
                        CStatus::new(
                            c["name"].as_str().unwrap_or(""),
                            c["image"].as_str().unwrap_or(""),
                            "PodInitializing",
                        )
                    })
                    .collect(),
                main: mains
                    .iter()
                    .map(|c| {
                        let w = if inits.is_empty() {
                            "ContainerCreating"
                        } else {
                            "PodInitializing"
                        };
                        CStatus::new(
                            c["name"].as_str().unwrap_or(""),
                            c["image"].as_str().unwrap_or(""),
                            w,
                        )
                    })
                    .collect(),
                initialized: inits.is_empty(),
                sandbox_ready: false,
                transitions: HashMap::new(),
            };
            let raws = |cs: Vec<Value>| -> Vec<Raw> { cs.iter().map(encode).collect() };
            let host_network = spec["hostNetwork"] == true;
            (restart_policy, host_network, raws(inits), raws(mains), st)
        };
        let src = Self::src(&node);
        if let Some(first) = st.init.first_mut() {
            first.state = CState::Waiting {
                reason: "PodInitializing".into(),
                message: None,
            };
        }
        self.publish(&ns, &pname, &puid, &mut st);
        // Volumes first: a missing ConfigMap/Secret keeps the pod in ContainerCreating (the
        // receiver lives only while it waits: the kubelet wakes only pods that wait).
        if !handle.mounts.is_empty() {
            let mut sources = handle.sources.subscribe();
            loop {
                sources.borrow_and_update();
                let Some(msg) = super::volumes::mount_error(&self.api, &pod.full()) else {
                    break;
                };
                events::record(&self.api, &pod, None, WARNING, "FailedMount", &msg, &src);
                tokio::select! {
                    _ = sources.changed() => {}
                    _ = stop.changed() => { return self.finish_deletion(&pod, &handle, &mut st).await; }
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(CREATE_DELAY) => {}
            _ = stop.changed() => { return self.finish_deletion(&pod, &handle, &mut st).await; }
        }
        // A hostNetwork pod (kube-proxy, the control plane's static pods) has the node's IP.
        let pod_ip = if host_network {
            st.host_ip.clone()
        } else {
            self.allocate_ip(&node)
        };
        st.pod_ip = Some(pod_ip.clone());
        st.sandbox_ready = true;

        // Init containers, one after the other, each until it succeeds.
        for (i, c) in inits.iter().enumerate() {
            loop {
                let exit = tokio::select! {
                    e = self.run_once(&pod, &handle, c, &pod_ip, &mut st, i) => e,
                    _ = stop.changed() => { return self.finish_deletion(&pod, &handle, &mut st).await; }
                };
                if exit == 0 {
                    break;
                }
                if restart_policy == "Never" {
                    st.phase = "Failed".into();
                    for m in st.main.iter_mut() {
                        m.state = CState::Waiting {
                            reason: "PodInitializing".into(),
                            message: None,
                        };
                    }
                    self.publish(&ns, &pname, &puid, &mut st);
                    return self
                        .wait_for_deletion(&pod, &handle, &mut st, &mut stop)
                        .await;
                }
                let delay = backoff(st.init[i].restarts);
                st.init[i].state = CState::Waiting {
                    reason: "CrashLoopBackOff".into(),
                    message: Some(format!(
                        "back-off {} restarting failed container={} pod={pname}_{ns}({puid})",
                        fmt_secs(delay),
                        st.init[i].name
                    )),
                };
                self.publish(&ns, &pname, &puid, &mut st);
                events::record(
                    &self.api,
                    &pod,
                    Some(&format!("spec.initContainers{{{}}}", st.init[i].name)),
                    WARNING,
                    "BackOff",
                    &format!(
                        "Back-off restarting failed container {} in pod {pname}_{ns}({puid})",
                        st.init[i].name
                    ),
                    &src,
                );
                tokio::select! {
                    _ = tokio::time::sleep(crate::clock::scaled(delay)) => {}
                    _ = stop.changed() => { return self.finish_deletion(&pod, &handle, &mut st).await; }
                }
                st.init[i].restarts += 1;
            }
        }
        st.initialized = true;
        for m in st.main.iter_mut() {
            m.state = CState::Waiting {
                reason: "ContainerCreating".into(),
                message: None,
            };
        }

        // Regular containers, concurrently; each reports through `tx`.
        let (tx, mut rx) = mpsc::unbounded_channel::<(usize, Update)>();
        let mut tasks = Vec::new();
        for (i, c) in mains.iter().enumerate() {
            let me = self.clone();
            let pod = pod.clone();
            let c = c.clone();
            let tx = tx.clone();
            let ip = pod_ip.clone();
            let rp = restart_policy.clone();
            let handle = handle.clone();
            tasks.push(tokio::spawn(async move {
                me.container_loop(pod, handle, c, ip, rp, i, tx).await
            }));
        }
        drop(tx);
        loop {
            tokio::select! {
                u = rx.recv() => match u {
                    Some((i, Update::Status(cs))) => {
                        st.main[i] = *cs;
                        while let Ok((j, Update::Status(cs))) = rx.try_recv() {
                            st.main[j] = *cs;
                        }
                        let any_running = st.main.iter().any(|c| matches!(c.state, CState::Running { .. }));
                        if any_running {
                            st.phase = "Running".into();
                        }
                        self.publish(&ns, &pname, &puid, &mut st);
                    }
                    None => {
                        // Every container finished for good.
                        let failed = st.main.iter().any(|c| matches!(c.state, CState::Terminated { exit_code, .. } if exit_code != 0));
                        st.phase = if failed { "Failed".into() } else { "Succeeded".into() };
                        for c in st.main.iter_mut() {
                            c.ready = false;
                        }
                        self.publish(&ns, &pname, &puid, &mut st);
                        return self.wait_for_deletion(&pod, &handle, &mut st, &mut stop).await;
                    }
                },
                _ = stop.changed() => {
                    for t in &tasks {
                        t.abort();
                    }
                    return self.finish_deletion(&pod, &handle, &mut st).await;
                }
            }
        }
    }

    /// Runs an init container once, updating `st.init[i]`; returns its exit code.
    async fn run_once(
        &self,
        pod: &PodRef,
        handle: &Arc<PodHandle>,
        c: &Raw,
        pod_ip: &str,
        st: &mut PodState,
        i: usize,
    ) -> i32 {
        let (ns, pname, puid) = (
            namespace(pod).to_string(),
            name(pod).to_string(),
            uid(pod).to_string(),
        );
        let src = Self::src(&handle.node);
        let c = decode(c);
        let cname = c["name"].as_str().unwrap_or("").to_string();
        let fp = format!("spec.initContainers{{{cname}}}");
        if st.init[i].restarts == 0 {
            self.pull_events(pod, &fp, &c, &src);
        }
        let full = pod.full();
        let env = self
            .container_config(&full, handle, &c, pod_ip, &fp, &src, |msg| {
                st.init[i].state = CState::Waiting {
                    reason: "CreateContainerConfigError".into(),
                    message: Some(msg),
                };
                self.publish(&ns, &pname, &puid, st);
            })
            .await;
        let started = now_rfc3339();
        let cid = container_id();
        self.created_started(pod, &fp, &cname, &src);
        let (proc, _servers) = self.start_run(pod, &full, handle, &c, pod_ip, env).await;
        drop((c, full));
        st.init[i].state = CState::Running {
            started_at: started.clone(),
        };
        st.init[i].started = true;
        st.init[i].container_id = Some(cid.clone());
        self.publish(&ns, &pname, &puid, st);
        let exit = proc.wait().await;
        self.run_ended(handle, &cname);
        let term = CState::exited(exit, started, cid);
        st.init[i].started = false;
        if exit != 0 {
            st.init[i].last = Some(term.clone());
        }
        st.init[i].state = term;
        self.publish(&ns, &pname, &puid, st);
        exit
    }

    /// The environment of container `c`, once the kubelet can build it: until its
    /// ConfigMaps/Secrets exist, each attempt is a `Failed` event (`Error: configmap "x" not
    /// found`) and `report`ed as the container's CreateContainerConfigError.
    #[allow(clippy::too_many_arguments)]
    async fn container_config(
        &self,
        pod: &Value,
        handle: &PodHandle,
        c: &Value,
        pod_ip: &str,
        fp: &str,
        src: &Source,
        mut report: impl FnMut(String),
    ) -> Vec<(String, String)> {
        let mut sources = handle.sources.subscribe();
        loop {
            sources.borrow_and_update();
            match super::env::environment(&self.api, pod, c, pod_ip) {
                Ok(env) => return env,
                Err(msg) => {
                    let event = format!("Error: {msg}");
                    events::record(&self.api, pod, Some(fp), WARNING, "Failed", &event, src);
                    report(msg);
                    // The handle holds the sender, so this only ends with a change.
                    let _ = sources.changed().await;
                }
            }
        }
    }

    fn created_started(&self, pod: &Value, fp: &str, cname: &str, src: &Source) {
        let created = format!("Created container: {cname}");
        events::record(&self.api, pod, Some(fp), NORMAL, "Created", &created, src);
        let started = format!("Started container {cname}");
        events::record(&self.api, pod, Some(fp), NORMAL, "Started", &started, src);
    }

    /// Starts one run of container `c`: its port servers (stopped when the returned guard
    /// is dropped), its process context and its main process, recorded in the pod's handle — the
    /// run it replaces becomes the previous one.
    async fn start_run(
        &self,
        pod: &PodRef,
        full: &Value,
        handle: &Arc<PodHandle>,
        c: &Value,
        pod_ip: &str,
        env: Vec<(String, String)>,
    ) -> (Arc<ContainerProcess>, RunPorts) {
        let (ns, pname) = (namespace(pod), name(pod));
        let cname = c["name"].as_str().unwrap_or("").to_string();
        let image = c["image"].as_str().unwrap_or("").to_string();
        let mut ctx = ShellContext::for_container(pname, ns, pod_ip, &env);
        let net = Arc::new(super::network::Network::new(
            self.api.clone(),
            self.this.clone(),
            handle.clone(),
            pod_ip.to_string(),
        ));
        ctx.net = Some(net.dialer());
        ctx.dns = Some(net.resolver());
        super::volumes::project(&self.api, full, c, pod_ip, &ctx.fs, false);
        ctx.image = images::lookup(&image);
        let spec = ProcessSpec::from_container(c);
        let argv = ctx
            .image
            .main_argv(&spec.command, &spec.args)
            .unwrap_or_default();
        let app = Arc::new(App {
            pod: pname.to_string(),
            namespace: ns.to_string(),
            image_ref: image.clone(),
            image: ctx.image.clone(),
            pod_ip: pod_ip.to_string(),
            env: ctx.env.clone(),
            fs: Some(ctx.fs.clone()),
            argv,
            started: std::time::Instant::now(),
        });
        let mut servers = RunPorts::default();
        let mut ports = BTreeMap::new();
        for port in container_ports(c) {
            let server = Arc::new(PortServer::new(app.clone(), port));
            ports.insert(port, server.clone());
            servers.0.push(server);
        }
        let process = ContainerProcess::start(&spec, ctx.clone());
        if let Ok(mut m) = handle.containers.lock() {
            let previous = m.remove(&cname).map(|old| old.process);
            m.insert(
                cname,
                ContainerHandle {
                    image,
                    ctx,
                    ports,
                    running: true,
                    process: process.clone(),
                    previous,
                },
            );
        }
        (process, servers)
    }

    /// The main process of a run exited: nothing listens on its ports any more.
    fn run_ended(&self, handle: &PodHandle, cname: &str) {
        if let Ok(mut m) = handle.containers.lock()
            && let Some(h) = m.get_mut(cname)
        {
            h.running = false;
            h.ports.clear();
        }
    }

    fn pull_events(&self, pod: &Value, fp: &str, c: &Value, src: &Source) {
        let image = c["image"].as_str().unwrap_or("");
        let policy = c["imagePullPolicy"].as_str().unwrap_or("IfNotPresent");
        if policy == "Always" {
            events::record(
                &self.api,
                pod,
                Some(fp),
                NORMAL,
                "Pulling",
                &format!("Pulling image \"{image}\""),
                src,
            );
            events::record(
                &self.api,
                pod,
                Some(fp),
                NORMAL,
                "Pulled",
                &format!(
                    "Successfully pulled image \"{image}\" in 812ms (812ms including waiting). Image size: 72099410 bytes."
                ),
                src,
            );
        } else {
            events::record(
                &self.api,
                pod,
                Some(fp),
                NORMAL,
                "Pulled",
                &format!("Container image \"{image}\" already present on machine"),
                src,
            );
        }
    }

    /// One regular container for the pod's whole life: start, run, restart per policy.
    #[allow(clippy::too_many_arguments)]
    async fn container_loop(
        self: Arc<Self>,
        pod: Arc<PodRef>,
        handle: Arc<PodHandle>,
        c: Raw,
        pod_ip: String,
        restart_policy: String,
        i: usize,
        tx: mpsc::UnboundedSender<(usize, Update)>,
    ) {
        let (ns, pname, puid) = (
            namespace(&pod).to_string(),
            name(&pod).to_string(),
            uid(&pod).to_string(),
        );
        let src = Self::src(&handle.node);
        let (cname, image) = {
            let c = decode(&c);
            (
                c["name"].as_str().unwrap_or("").to_string(),
                c["image"].as_str().unwrap_or("").to_string(),
            )
        };
        let fp = format!("spec.containers{{{cname}}}");
        let mut cs = CStatus::new(&cname, &image, "ContainerCreating");
        self.pull_events(&pod, &fp, &decode(&c), &src);
        loop {
            let (full, spec) = (pod.full(), decode(&c));
            let env = {
                self.container_config(&full, &handle, &spec, &pod_ip, &fp, &src, |msg| {
                    cs.state = CState::Waiting {
                        reason: "CreateContainerConfigError".into(),
                        message: Some(msg),
                    };
                    let _ = tx.send((i, Update::Status(Box::new(cs.clone()))));
                })
                .await
            };
            let started = now_rfc3339();
            let cid = container_id();
            self.created_started(&pod, &fp, &cname, &src);
            let (proc, servers) = self
                .start_run(&pod, &full, &handle, &spec, &pod_ip, env)
                .await;
            drop((full, spec));
            cs.state = CState::Running {
                started_at: started.clone(),
            };
            cs.started = true;
            cs.container_id = Some(cid.clone());
            cs.ready = false;
            let never_ready = shell::image_never_ready(&image) || images::crashes_by_name(&image);
            let c = decode(&c);
            let probed = c.get("readinessProbe").is_some() || c.get("startupProbe").is_some();
            if !never_ready && !probed {
                cs.ready = true;
            }
            let _ = tx.send((i, Update::Status(Box::new(cs.clone()))));
            let exit = self
                .supervise(
                    &pod,
                    pod.full(),
                    &handle,
                    c,
                    &pod_ip,
                    &proc,
                    never_ready,
                    &src,
                    |ready| {
                        cs.ready = ready;
                        let _ = tx.send((i, Update::Status(Box::new(cs.clone()))));
                    },
                )
                .await;
            drop(servers);
            self.run_ended(&handle, &cname);
            let term = CState::exited(exit, started, cid);
            cs.ready = false;
            cs.started = false;
            let restart = match restart_policy.as_str() {
                "Never" => false,
                "OnFailure" => exit != 0,
                _ => true,
            };
            if !restart {
                cs.state = term;
                let _ = tx.send((i, Update::Status(Box::new(cs.clone()))));
                return;
            }
            // Show the termination briefly, then the back-off.
            cs.state = term.clone();
            let _ = tx.send((i, Update::Status(Box::new(cs.clone()))));
            let delay = backoff(cs.restarts);
            tokio::time::sleep(Duration::from_millis(300)).await;
            cs.last = Some(term);
            cs.state = CState::Waiting {
                reason: "CrashLoopBackOff".into(),
                message: Some(format!(
                    "back-off {} restarting failed container={cname} pod={pname}_{ns}({puid})",
                    fmt_secs(delay)
                )),
            };
            let _ = tx.send((i, Update::Status(Box::new(cs.clone()))));
            events::record(
                &self.api,
                &pod,
                Some(&fp),
                WARNING,
                "BackOff",
                &format!(
                    "Back-off restarting failed container {cname} in pod {pname}_{ns}({puid})"
                ),
                &src,
            );
            tokio::time::sleep(crate::clock::scaled(delay)).await;
            cs.restarts += 1;
        }
    }

    /// Waits for a container run to end while its probes run: readiness changes go to
    /// `set_ready`, failures become `Unhealthy` events, a failed liveness/startup probe kills
    /// the run (`Killing`), and `kk-sim.io/exit-after` (+ `exit-code`) ends it. Returns the
    /// exit code. `full` (the whole pod) and `c` (the container's spec) are only read before
    /// the wait, and only a container with probes gets a prober task (which keeps them): a
    /// pod that just runs costs no parsed JSON while it runs.
    #[allow(clippy::too_many_arguments)]
    async fn supervise(
        &self,
        pod: &PodRef,
        full: Value,
        handle: &Arc<PodHandle>,
        c: Value,
        pod_ip: &str,
        proc: &Arc<ContainerProcess>,
        never_ready: bool,
        src: &Source,
        mut set_ready: impl FnMut(bool),
    ) -> i32 {
        let cname = c["name"].as_str().unwrap_or("").to_string();
        let fp = format!("spec.containers{{{cname}}}");
        let exit_after = super::prober::annotation(&full, "kk-sim.io/exit-after", &cname)
            .and_then(super::prober::parse_duration)
            .map(crate::clock::scaled);
        let exit_code = super::prober::annotation(&full, "kk-sim.io/exit-code", &cname)
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(1);
        let (vtx, mut vrx) = mpsc::unbounded_channel();
        let has_probes = ["startupProbe", "readinessProbe", "livenessProbe"]
            .iter()
            .any(|k| c.get(k).is_some());
        let prober = (!never_ready && has_probes).then(|| {
            let h = handle.clone();
            let dialer: super::streams::portforward::Dialer = Arc::new(move |port| {
                let addr = h.port_addr(port);
                Box::pin(async move {
                    match addr {
                        Some(a) => tokio::net::TcpStream::connect(a).await,
                        None => Err(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
                    }
                })
            });
            let ctx = handle
                .containers
                .lock()
                .ok()
                .and_then(|m| m.get(&cname).map(|h| h.ctx.clone()))
                .unwrap_or_else(|| {
                    ShellContext::for_container(name(pod), namespace(pod), pod_ip, &[])
                });
            let target = super::prober::ProbeTarget {
                pod: full,
                container: c,
                dialer,
                pod_ip: pod_ip.to_string(),
                ctx,
                started: std::time::Instant::now(),
            };
            tokio::spawn(super::prober::run(target, vtx))
        });
        let run = proc.wait();
        tokio::pin!(run);
        let deadline = async {
            match exit_after {
                Some(d) => tokio::time::sleep(d).await,
                None => std::future::pending().await,
            }
        };
        tokio::pin!(deadline);
        let mut probing = prober.is_some();
        let exit = loop {
            tokio::select! {
                e = &mut run => break e,
                _ = &mut deadline => {
                    proc.kill();
                    break exit_code;
                }
                v = vrx.recv(), if probing => match v {
                    Some(super::prober::Verdict::Ready(r)) => set_ready(r),
                    Some(super::prober::Verdict::Unhealthy(m)) => {
                        events::record(&self.api, pod, Some(&fp), WARNING, "Unhealthy", &m, src);
                    }
                    Some(super::prober::Verdict::Kill(m)) => {
                        events::record(&self.api, pod, Some(&fp), NORMAL, "Killing", &m, src);
                        proc.kill();
                        break 137;
                    }
                    None => probing = false,
                },
            }
        };
        if let Some(p) = prober {
            p.abort();
        }
        exit
    }

    async fn wait_for_deletion(
        &self,
        pod: &Value,
        handle: &Arc<PodHandle>,
        st: &mut PodState,
        stop: &mut watch::Receiver<bool>,
    ) {
        let _ = stop.changed().await;
        self.finish_deletion(pod, handle, st).await;
    }

    /// The pod was deleted: stop its containers, report them terminated, then remove the pod
    /// (the grace-0 delete that ends `kubectl delete`'s wait).
    async fn finish_deletion(&self, pod: &Value, handle: &Arc<PodHandle>, st: &mut PodState) {
        let (ns, pname, puid) = (
            namespace(pod).to_string(),
            name(pod).to_string(),
            uid(pod).to_string(),
        );
        let src = Self::src(&handle.node);
        let now = now_rfc3339();
        for c in st.main.iter_mut() {
            if let CState::Running { started_at } = &c.state {
                events::record(
                    &self.api,
                    pod,
                    Some(&format!("spec.containers{{{}}}", c.name)),
                    NORMAL,
                    "Killing",
                    &format!("Stopping container {}", c.name),
                    &src,
                );
                c.state = CState::Terminated {
                    exit_code: 0,
                    reason: "Completed".into(),
                    started_at: started_at.clone(),
                    finished_at: now.clone(),
                    container_id: c.container_id.clone().unwrap_or_default(),
                };
                c.ready = false;
            }
        }
        // Stop every process; the handles stay until the pod is removed so its logs can be
        // read meanwhile.
        if let Ok(mut m) = handle.containers.lock() {
            for h in m.values_mut() {
                h.process.kill();
                h.running = false;
                h.ports.clear();
            }
        }
        self.publish(&ns, &pname, &puid, st);
        tokio::time::sleep(Duration::from_millis(100)).await;
        if self
            .api
            .get(&res::pods(), &ns, &pname)
            .is_some_and(|p| uid(&p) == puid)
        {
            let _ = self.api.remove(&res::pods(), &ns, &pname);
        }
        self.forget(&puid);
    }

    /// Rewrites the ConfigMap/Secret volumes of the running pods that mount the object of `ev`.
    fn refresh_volumes(&self, ev: &Event) {
        let secret = ev.resource.resource == "secrets";
        let obj_name = name(&ev.object);
        // Only the namespace's pods that wait for a source or show this object's data.
        let handles: Vec<(Arc<PodHandle>, bool)> = self
            .pods
            .lock()
            .map(|m| {
                m.values()
                    .filter(|h| h.namespace == ev.namespace)
                    .filter_map(|h| {
                        let mounts = h.mounts.iter().any(|(s, n)| *s == secret && n == obj_name);
                        let waiting = h.sources.receiver_count() > 0;
                        (mounts || waiting).then(|| (h.clone(), mounts))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (h, mounts) in handles {
            h.sources.send_modify(|n| *n += 1);
            if !mounts {
                continue;
            }
            let Some(pod) = self.api.get(&res::pods(), &h.namespace, &h.name) else {
                continue;
            };
            let containers: Vec<(String, crate::runtime::shell::SimFs)> = h
                .containers
                .lock()
                .map(|m| {
                    m.iter()
                        .map(|(n, c)| (n.clone(), c.ctx.fs.clone()))
                        .collect()
                })
                .unwrap_or_default();
            let specs: Vec<Value> = ["initContainers", "containers"]
                .iter()
                .flat_map(|k| pod["spec"][*k].as_array().cloned().unwrap_or_default())
                .collect();
            let ip = pod.pointer("/status/podIP").and_then(Value::as_str);
            for (cname, fs) in containers {
                if let Some(c) = specs.iter().find(|c| c["name"] == cname.as_str()) {
                    super::volumes::project(&self.api, &pod, c, ip.unwrap_or(""), &fs, true);
                }
            }
        }
    }

    fn forget(&self, pod_uid: &str) {
        if let Ok(mut m) = self.pods.lock() {
            m.remove(pod_uid);
        }
    }
}

fn backoff(restarts: u32) -> Duration {
    let d = BACKOFF_BASE.saturating_mul(1u32 << restarts.min(10));
    d.min(BACKOFF_CAP)
}

/// `10s`, `1m20s`: how the kubelet prints a back-off.
fn fmt_secs(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 {
        format!("{}m{}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// The kubelet as a controller: it reacts to pods bound to the sim's nodes.
pub struct KubeletController(pub Arc<Kubelet>);

impl Controller for KubeletController {
    fn name(&self) -> &'static str {
        "kubelet"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![
            res::pods(),
            ResourceKey::new("", "configmaps"),
            ResourceKey::new("", "secrets"),
        ]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource.resource != "pods" {
            // A ConfigMap or Secret changed: running containers see their volumes updated.
            self.0.refresh_volumes(ev);
            return Vec::new();
        }
        let bound = ev
            .object
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .is_some_and(|n| !n.is_empty());
        if !bound {
            return Vec::new();
        }
        // Keys carry the uid so a pod recreated under the same name is a new pod.
        let k = Key::new(
            &ev.namespace,
            &format!("{}|{}", name(&ev.object), uid(&ev.object)),
        );
        let known = self
            .0
            .pods
            .lock()
            .ok()
            .and_then(|m| m.get(uid(&ev.object)).cloned());
        if ev.kind == EventType::Deleted {
            if let Some(h) = known {
                let _ = h.stop.send(true);
            }
            return Vec::new();
        }
        // A pod this kubelet runs needs a sync only when it is being deleted (its own status
        // writes come back here as events: nothing to do for them).
        if known.is_some() && !deleting(&ev.object) {
            return Vec::new();
        }
        vec![k]
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let (pname, puid) = key.name.split_once('|')?;
        let pod = self
            .0
            .api
            .get(&res::pods(), &key.namespace, pname)
            .filter(|p| uid(p) == puid);
        let known = self.0.pods.lock().ok().and_then(|m| m.get(puid).cloned());
        match (pod, known) {
            (Some(p), None) if !deleting(&p) => {
                let phase = p
                    .pointer("/status/phase")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if phase != "Succeeded" && phase != "Failed" {
                    self.0.start(p);
                }
            }
            (Some(p), None) => {
                // Deleted before we ever ran it (or after a sim restart): just remove it.
                let _ = self.0.api.remove(&res::pods(), &key.namespace, name(&p));
            }
            (Some(p), Some(h)) if deleting(&p) => {
                let _ = h.stop.send(true);
            }
            (None, Some(h)) => {
                let _ = h.stop.send(true);
            }
            _ => {}
        }
        None
    }
}
