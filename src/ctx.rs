//! The per-invocation context every command receives.
//!
//! [`Ctx`] holds the parsed global flags, the [`Ui`] and the [`Env`] snapshot. The kubeconfig,
//! the resolved client settings, the `kube::Client` and API discovery are built lazily on
//! first use and cached; their errors surface only from the accessor that needs them. So
//! `kk version --client`, `kk config ...`, `kk completion` and `--help` never read more than
//! they need and never touch the network.

use std::sync::Arc;

use tokio::sync::OnceCell;

use crate::env::Env;
use crate::error::{Error, Result};
use crate::flags::GlobalArgs;
use crate::kubeconfig::client::{ClientSettings, Lookup};
use crate::kubeconfig::{self, Loaded};
use crate::ui::Ui;

/// Globals + output + environment, with lazily built cluster access.
pub struct Ctx {
    app: fn() -> clap::Command,
    global: GlobalArgs,
    ui: Arc<Ui>,
    env: Env,
    kubeconfig: OnceCell<Loaded>,
    settings: OnceCell<ClientSettings>,
    client: OnceCell<kube::Client>,
    warnings: crate::warnings::Printer,
    argv: Vec<String>,
}

impl Ctx {
    /// A context over parsed globals, an output sink and an environment snapshot. `app`
    /// builds the whole clap definition (help, `options`, `completion` need it; commands
    /// cannot import the root that imports them).
    pub fn new(app: fn() -> clap::Command, global: GlobalArgs, ui: Ui, env: Env) -> Self {
        let ui = Arc::new(ui);
        Ctx {
            app,
            global,
            warnings: crate::warnings::Printer::new(ui.clone()),
            ui,
            env,
            kubeconfig: OnceCell::new(),
            settings: OnceCell::new(),
            client: OnceCell::new(),
            argv: Vec::new(),
        }
    }

    /// The process's command line as typed (program first), for `--record`.
    pub fn with_argv(mut self, argv: Vec<String>) -> Self {
        self.argv = argv;
        self
    }

    /// The command line given to [`with_argv`](Self::with_argv).
    pub fn argv(&self) -> &[String] {
        &self.argv
    }

    /// The whole command line's clap definition.
    pub fn app(&self) -> clap::Command {
        (self.app)()
    }

    /// The global flags as typed.
    pub fn global(&self) -> &GlobalArgs {
        &self.global
    }

    /// All output goes through here.
    pub fn ui(&self) -> &Ui {
        &self.ui
    }

    /// The environment snapshot.
    pub fn env(&self) -> &Env {
        &self.env
    }

    /// The merged kubeconfig (loaded once; malformed files are an error here).
    pub async fn kubeconfig(&self) -> Result<&Loaded> {
        self.kubeconfig
            .get_or_try_init(|| async {
                kubeconfig::load(self.global.kubeconfig.as_deref(), &self.env)
            })
            .await
    }

    /// A fresh, owned copy of the kubeconfig for commands that modify and save it.
    pub fn load_kubeconfig(&self) -> Result<Loaded> {
        kubeconfig::load(self.global.kubeconfig.as_deref(), &self.env)
    }

    /// The effective cluster/user/namespace after kubeconfig rules and flag overrides.
    pub async fn client_settings(&self) -> Result<&ClientSettings> {
        self.settings
            .get_or_try_init(|| async {
                let loaded = self.kubeconfig().await?;
                kubeconfig::client::settings(loaded, &self.global, &self.env, Lookup::Namespace)
                    .await
            })
            .await
    }

    /// The client settings for verbs that never look up a namespace (`api-resources`,
    /// `api-versions`): the same settings, but a broken configuration is reported as
    /// clientcmd's `ClientConfig` finds it first.
    pub async fn client_settings_unnamespaced(&self) -> Result<&ClientSettings> {
        self.settings
            .get_or_try_init(|| async {
                let loaded = self.kubeconfig().await?;
                kubeconfig::client::settings(loaded, &self.global, &self.env, Lookup::Client).await
            })
            .await
    }

    /// The effective namespace: `-n` > the context's namespace > `default`. Like clientcmd's
    /// `Namespace()`, an explicit `-n` is the answer without validating the configuration
    /// (its problems surface where the client is first needed).
    pub async fn namespace(&self) -> Result<String> {
        if let Some(ns) = self.global.namespace.as_deref().filter(|n| !n.is_empty()) {
            return Ok(ns.to_string());
        }
        Ok(self.client_settings().await?.namespace.clone())
    }

    /// Whether `-n/--namespace` was given explicitly (kubectl's `enforceNamespace`).
    pub fn namespace_explicit(&self) -> bool {
        self.global
            .namespace
            .as_deref()
            .is_some_and(|n| !n.is_empty())
    }

    /// The API client (cheap to clone; built once).
    pub async fn client(&self) -> Result<kube::Client> {
        let client = self
            .client
            .get_or_try_init(|| async {
                let settings = self.client_settings().await?;
                crate::transport::client(
                    settings,
                    self.warnings.clone(),
                    self.global.verbosity.unwrap_or(0),
                    self.ui.clone(),
                )
            })
            .await?;
        Ok(client.clone())
    }

    /// `--cache-dir` > `$KUBECACHEDIR` > `$HOME/.kube/cache` (kubectl's order).
    pub fn cache_dir(&self) -> Option<std::path::PathBuf> {
        if let Some(d) = self.global.cache_dir.as_deref().filter(|d| !d.is_empty()) {
            return Some(d.into());
        }
        if let Some(d) = self.env.non_empty("KUBECACHEDIR") {
            return Some(d.into());
        }
        self.env.home().map(|h| h.join(".kube").join("cache"))
    }

    /// How many distinct server warnings were printed so far.
    pub fn warning_count(&self) -> usize {
        self.warnings.count()
    }

    /// Turn a client error into kk's [`Error`], naming the server as kubectl does in
    /// connection errors (`The connection to the server HOST:PORT was refused ...`).
    pub fn kube_error(&self, e: kube::Error) -> Error {
        let server = self
            .settings
            .get()
            .map(|s| s.server.as_str())
            .unwrap_or("localhost:8080");
        Error::from_kube(server, e)
    }
}
