//! The HTTP front of the simulated kube-apiserver: routing, discovery, auth and the verbs.
//!
//! [`ApiServer`] is the shared state (store, registry, credentials). [`serve`] binds, writes
//! the kubeconfig, bootstraps the cluster objects and runs the accept loop (TLS by default,
//! HTTP/1.1 and HTTP/2). Other components (kubelet streams, proxies) plug subresources in with
//! [`ApiServer::register_extension`].

pub mod admission;
pub mod auth;
pub mod bootstrap;
pub mod defaults;
pub mod deprecation;
pub mod discovery;
pub mod faults;
pub mod gojson;
pub mod handlers;
pub mod http;
pub mod kubeconfig;
pub mod namespaces;
pub mod objects;
pub mod openapi;
pub mod patch;
pub mod protobuf;
pub mod rawjson;
pub mod reviews;
pub mod router;
pub mod selectors;
pub mod status;
pub mod subresources;
pub mod table;
pub mod tls;
pub mod validation;
pub mod watch;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use futures::future::BoxFuture;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::resources::Registry;
use crate::store::Store;

/// The Kubernetes version this server reports (kubectl's dispatcher picks kubectl.1.33).
pub const GIT_VERSION: &str = "v1.33.1-sim";

/// A request for a subresource served by another component (e.g. `pods/log`, `pods/exec`).
pub struct ExtensionRequest {
    /// Namespace from the URL ("" for cluster-scoped).
    pub namespace: String,
    /// Object name from the URL.
    pub name: String,
    /// Decoded query parameters (`container`, `follow`, `command`...).
    pub query: http::Query,
    /// The raw request (headers, body, and the upgrade handle for WebSocket/SPDY).
    pub request: ::http::Request<Incoming>,
}

/// A subresource handler: gets the server and the request, returns the response (it may
/// spawn work on `hyper::upgrade::on(&mut request)` for streaming protocols).
pub type ExtensionHandler = Arc<
    dyn Fn(Arc<ApiServer>, ExtensionRequest) -> BoxFuture<'static, ::http::Response<http::Body>>
        + Send
        + Sync,
>;

/// Shared state of the simulated apiserver.
pub struct ApiServer {
    /// All objects.
    pub store: Arc<Store>,
    /// Served resources (built-ins + CRDs).
    pub registry: Registry,
    /// Bearer token of the read-only `viewer` user.
    pub viewer_token: String,
    /// Serving plain HTTP (no authentication at all).
    pub plain_http: bool,
    /// `host:port` the server listens on.
    pub address: String,
    /// The cluster CA (PEM), published in every namespace's `kube-root-ca.crt`.
    pub ca_pem: String,
    /// Injected network and server faults (`--faults`, `/kk-sim/faults`); none by default.
    pub faults: faults::Faults,
    extensions: RwLock<HashMap<(String, String, String), ExtensionHandler>>,
}

impl ApiServer {
    /// A server state around a store (no listener yet): for in-process tests and tools.
    pub fn new(store: Arc<Store>, plain_http: bool, address: String, ca_pem: String) -> Arc<Self> {
        Arc::new(ApiServer {
            store,
            registry: Registry::new(),
            viewer_token: format!("kk-sim-viewer-{}", crate::store::random_suffix(32)),
            plain_http,
            address,
            ca_pem,
            faults: faults::Faults::default(),
            extensions: RwLock::new(HashMap::new()),
        })
    }

    /// Routes `group`/`resource`/`subresource` (e.g. `""`, `pods`, `log`) to `handler`.
    /// Authentication and authorization have already happened when it runs.
    pub fn register_extension(
        &self,
        group: &str,
        resource: &str,
        sub: &str,
        handler: ExtensionHandler,
    ) {
        self.extensions
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert((group.into(), resource.into(), sub.into()), handler);
    }

    fn extension(&self, group: &str, resource: &str, sub: &str) -> Option<ExtensionHandler> {
        self.extensions
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&(group.to_string(), resource.to_string(), sub.to_string()))
            .cloned()
    }

    /// `/version`.
    pub fn version(&self) -> Value {
        json!({"major": "1", "minor": "33", "emulationMajor": "1", "emulationMinor": "33",
               "minCompatibilityMajor": "1", "minCompatibilityMinor": "32",
               "gitVersion": GIT_VERSION, "gitCommit": "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828",
               "gitTreeState": "clean", "buildDate": "2025-05-15T08:19:08Z", "goVersion": "go1.24.2",
               "compiler": "gc", "platform": "linux/amd64"})
    }
}

/// How to run `kk-sim serve`.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Address to listen on (`127.0.0.1:0` picks a free port).
    pub listen: SocketAddr,
    /// Where to write the kubeconfig.
    pub kubeconfig: PathBuf,
    /// How many Node objects to create.
    pub nodes: usize,
    /// Manifests (files or directories) to create before ready.
    pub preload: Vec<PathBuf>,
    /// Serve plain HTTP instead of TLS.
    pub plain_http: bool,
    /// No kube-system components (CoreDNS, kube-proxy, the control plane's pods).
    pub bare: bool,
}

/// A bound, bootstrapped server, not yet accepting.
pub struct Bound {
    /// The shared state (start controllers against `state.store`).
    pub state: Arc<ApiServer>,
    /// `https://127.0.0.1:PORT` (or http).
    pub url: String,
    listener: TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
}

/// Binds, generates the PKI, bootstraps cluster objects, preloads manifests and writes the
/// kubeconfig. Errors are messages for the user.
pub async fn bind(opts: &ServeOptions) -> Result<Bound, String> {
    let listener = TcpListener::bind(opts.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let address = addr.to_string();
    let (pki, url) = if opts.plain_http {
        (None, format!("http://{address}"))
    } else {
        (Some(tls::generate()?), format!("https://{address}"))
    };
    let ca_pem = pki.as_ref().map(|p| p.ca_pem.clone()).unwrap_or_default();
    let state = ApiServer::new(Arc::new(Store::new()), opts.plain_http, address, ca_pem);
    bootstrap::bootstrap(&state, opts.nodes)?;
    if !opts.bare {
        crate::kubeadm::install(&state)?;
    }
    for p in &opts.preload {
        bootstrap::preload(&state, p)?;
    }
    let kc = kubeconfig::render(&url, pki.as_ref(), &state.viewer_token);
    kubeconfig::write_atomic(&opts.kubeconfig, &kc)?;
    let tls = pki.map(|p| tokio_rustls::TlsAcceptor::from(p.server_config));
    Ok(Bound {
        state,
        url,
        listener,
        tls,
    })
}

impl Bound {
    /// Accepts connections forever.
    pub async fn run(self) {
        crate::controllers::start_all(&self.state);
        loop {
            let (tcp, _) = match self.listener.accept().await {
                Ok(c) => c,
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = tcp.set_nodelay(true);
            let state = self.state.clone();
            let tls = self.tls.clone();
            let conn = Arc::new(faults::Conn::default());
            let tcp = faults::Killable::new(tcp, conn.clone());
            tokio::spawn(async move {
                match tls {
                    Some(acceptor) => {
                        let Ok(stream) = acceptor.accept(tcp).await else {
                            return;
                        };
                        let has_cert = stream
                            .get_ref()
                            .1
                            .peer_certificates()
                            .is_some_and(|c| !c.is_empty());
                        serve_conn(TokioIo::new(stream), state, conn, has_cert).await;
                    }
                    None => serve_conn(TokioIo::new(tcp), state, conn, false).await,
                }
            });
        }
    }
}

async fn serve_conn<I>(io: I, state: Arc<ApiServer>, conn: Arc<faults::Conn>, has_cert: bool)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let svc = service_fn(move |req| {
        let state = state.clone();
        let conn = conn.clone();
        async move {
            let next = |req| router::handle(state.clone(), req, has_cert);
            let newest = || state.store.current_rv();
            let resp = faults::around(&state.faults, &conn, newest, req, next).await;
            Ok::<_, std::convert::Infallible>(resp)
        }
    });
    let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    let _ = builder.serve_connection_with_upgrades(io, svc).await;
}
