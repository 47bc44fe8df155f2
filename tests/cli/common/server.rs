//! One kk-sim API server per test binary, started on first use.
//!
//! The binary is `<target>/debug/kk-sim`, next to the kk binary cargo built for this test
//! (build it with `cargo build --workspace`; the README's test command does). The harness
//! reads kk-sim's `kk-sim ready <url>` line and kills the server when the test process exits.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

/// A running kk-sim.
pub struct Sim {
    /// The server URL from the ready line.
    pub url: String,
    /// The admin kubeconfig kk-sim wrote (contexts `kk-sim` and `kk-sim-viewer`).
    pub kubeconfig: PathBuf,
    _dir: tempfile::TempDir,
}

static SIM: OnceLock<Result<Sim, String>> = OnceLock::new();
static PID: AtomicI32 = AtomicI32::new(0);
static DIR: OnceLock<PathBuf> = OnceLock::new();

extern "C" fn kill_sim() {
    let pid = PID.load(Ordering::SeqCst);
    if pid > 0 {
        // SAFETY: plain syscall on a pid we spawned; nothing else shares it.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
    // The static Sim (and its TempDir) is never dropped, so remove its files here.
    if let Some(dir) = DIR.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The kk-sim binary beside the kk binary under test.
pub fn sim_bin() -> PathBuf {
    super::kk_bin().with_file_name("kk-sim")
}

/// The shared server; panics with a clear message if it cannot start.
pub fn sim() -> &'static Sim {
    match SIM.get_or_init(start) {
        Ok(s) => s,
        Err(e) => panic!("kk-sim is not available: {e}"),
    }
}

fn start() -> Result<Sim, String> {
    let bin = sim_bin();
    if !bin.is_file() {
        return Err(format!(
            "{} does not exist; run `cargo build --workspace` before `cargo test`",
            bin.display()
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let _ = DIR.set(dir.path().to_path_buf());
    let kubeconfig = dir.path().join("kubeconfig");
    let log = std::fs::File::create(dir.path().join("kk-sim.log")).map_err(|e| e.to_string())?;
    let mut child = Command::new(&bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--kubeconfig"])
        .arg(&kubeconfig)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("spawning {}: {e}", bin.display()))?;
    PID.store(child.id() as i32, Ordering::SeqCst);
    // SAFETY: registering a plain extern "C" fn with no captured state.
    unsafe {
        libc::atexit(kill_sim);
    }
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let mut sent = false;
        for line in lines.by_ref() {
            let Ok(line) = line else { break };
            if !sent && let Some(url) = line.strip_prefix("kk-sim ready ") {
                let _ = tx.send(url.trim().to_string());
                sent = true;
            }
        }
    });
    let url = rx.recv_timeout(Duration::from_secs(60)).map_err(|_| {
        let _ = child.kill();
        let log = std::fs::read_to_string(dir.path().join("kk-sim.log")).unwrap_or_default();
        format!("kk-sim did not print `kk-sim ready <url>` within 60s; its stderr:\n{log}")
    })?;
    std::mem::forget(child);
    Ok(Sim {
        url,
        kubeconfig,
        _dir: dir,
    })
}

/// Create namespace `name` on kk-sim directly through the API (independent of kk's verbs and
/// of kubectl's wire format).
pub fn create_namespace(kubeconfig: &std::path::Path, name: &str) {
    use k8s_openapi::api::core::v1::Namespace;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let kc = kube::config::Kubeconfig::read_from(kubeconfig).expect("sim kubeconfig");
        let config = kube::Config::from_custom_kubeconfig(kc, &Default::default())
            .await
            .expect("sim client config");
        let client = kube::Client::try_from(config).expect("sim client");
        let api: kube::Api<Namespace> = kube::Api::all(client);
        let mut ns = Namespace::default();
        ns.metadata.name = Some(name.to_string());
        api.create(&Default::default(), &ns)
            .await
            .unwrap_or_else(|e| panic!("creating namespace {name}: {e}"));
    });
}

/// Create every object of a (multi-document) YAML manifest on kk-sim through the API, in
/// `namespace` when the object has none and its kind is namespaced. Independent of kk's own
/// code, so tests can seed state for the verb they check.
pub fn seed(kubeconfig: &std::path::Path, namespace: &str, manifest: &str) {
    use kube::api::{DynamicObject, PostParams};
    use serde::Deserialize;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let kc = kube::config::Kubeconfig::read_from(kubeconfig).expect("sim kubeconfig");
        let config = kube::Config::from_custom_kubeconfig(kc, &Default::default())
            .await
            .expect("sim client config");
        let client = kube::Client::try_from(config).expect("sim client");
        let discovery = kube::Discovery::new(client.clone())
            .run()
            .await
            .expect("discovery");
        for doc in serde_yaml::Deserializer::from_str(manifest) {
            let value = serde_yaml::Value::deserialize(doc).expect("manifest YAML");
            if value.is_null() {
                continue;
            }
            let mut obj: DynamicObject = serde_yaml::from_value(value).expect("object");
            let tm = obj.types.clone().expect("apiVersion and kind");
            let (ar, caps) = discovery
                .resolve_typemeta(&tm)
                .unwrap_or_else(|| panic!("kk-sim does not serve {}/{}", tm.api_version, tm.kind));
            let api: kube::Api<DynamicObject> = if caps.scope == kube::discovery::Scope::Namespaced
            {
                let ns = obj
                    .metadata
                    .namespace
                    .get_or_insert_with(|| namespace.to_string())
                    .clone();
                kube::Api::namespaced_with(client.clone(), &ns, &ar)
            } else {
                kube::Api::all_with(client.clone(), &ar)
            };
            api.create(&PostParams::default(), &obj)
                .await
                .unwrap_or_else(|e| panic!("creating {}: {e}", tm.kind));
        }
    });
}

/// A kk-sim of one test's own (for tests that change the whole server, such as injected
/// faults), killed when dropped.
pub struct PrivateSim {
    /// The admin kubeconfig it wrote.
    pub kubeconfig: PathBuf,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl PrivateSim {
    /// Starts `kk-sim serve` with `extra` flags (e.g. `--preload`, `--faults`).
    pub fn start(extra: &[&str]) -> PrivateSim {
        let dir = tempfile::tempdir().expect("tempdir");
        let kubeconfig = dir.path().join("kubeconfig");
        let mut child = Command::new(sim_bin())
            .args(["serve", "--listen", "127.0.0.1:0", "--kubeconfig"])
            .arg(&kubeconfig)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {}: {e}", sim_bin().display()));
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("kk-sim ready line");
        assert!(line.starts_with("kk-sim ready "), "kk-sim said {line:?}");
        PrivateSim {
            kubeconfig,
            child,
            _dir: dir,
        }
    }

    /// Replaces the injected faults (`PUT /kk-sim/faults`); see kk-sim's `apiserver/faults.rs`.
    pub fn faults(&self, spec: &str) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let kc = kube::config::Kubeconfig::read_from(&self.kubeconfig).expect("kubeconfig");
            let config = kube::Config::from_custom_kubeconfig(kc, &Default::default())
                .await
                .expect("client config");
            let client = kube::Client::try_from(config).expect("client");
            let req = http::Request::put("/kk-sim/faults")
                .body(spec.as_bytes().to_vec())
                .unwrap();
            client
                .request_text(req)
                .await
                .unwrap_or_else(|e| panic!("setting faults {spec:?}: {e}"));
        });
    }
}

impl Drop for PrivateSim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
