//! From the merged kubeconfig plus global flags to a `kube::Config` (clientcmd's
//! `DirectClientConfig`): pick the context, cluster and user with kubectl's precedence and
//! error texts, resolve relative paths against the owning file, apply `--server`, `--token`,
//! `--insecure-skip-tls-verify`... overrides, and fall back to in-cluster config or
//! `http://localhost:8080` when nothing is configured, as kubectl does.

use std::path::Path;
use std::time::Duration;

use serde_json::{Map, Value, json};

use super::{Loaded, Section, str_field};
use crate::env::Env;
use crate::error::{CONTEXT_NOT_FOUND, Error, Result};
use crate::flags::GlobalArgs;
use crate::go::url as go_url;

/// What a command needs to talk to the API server.
#[derive(Clone)]
pub struct ClientSettings {
    /// The kube client configuration.
    pub config: kube::Config,
    /// The effective namespace (`-n` > context namespace > `default`).
    pub namespace: String,
    /// Whether the namespace came from `-n` explicitly.
    pub namespace_explicit: bool,
    /// `host:port` as kubectl names the server in connection errors.
    pub server: String,
    /// `--request-timeout`: one deadline per request, retries included (`None`: no limit).
    pub request_timeout: Option<Duration>,
}

impl std::fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSettings")
            .field("cluster_url", &self.config.cluster_url)
            .field("namespace", &self.namespace)
            .finish()
    }
}

/// kubectl's fallback when no server is configured anywhere.
const DEFAULT_SERVER: &str = "http://localhost:8080";

/// Which of clientcmd's entry points a verb reaches first, which decides which configuration
/// problem it reports first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// `Namespace()` (most verbs, in their Complete): `ConfirmUsable`'s problems first, unless
    /// `-n` answers it without looking.
    Namespace,
    /// `ClientConfig()` (verbs that never ask for a namespace): the user, context and cluster
    /// named by flags must exist, then `ConfirmUsable`.
    Client,
}

/// Resolve the client settings. Async because exec credential plugins may run.
pub async fn settings(
    loaded: &Loaded,
    g: &GlobalArgs,
    env: &Env,
    lookup: Lookup,
) -> Result<ClientSettings> {
    if let Some(p) = g.kubeconfig.as_deref().filter(|p| !p.is_empty())
        && !loaded.files.first().is_some_and(|f| f.exists)
    {
        return Err(Error::msg(format!("stat {p}: no such file or directory")));
    }
    let context_name = g
        .context
        .clone()
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| loaded.current_context.clone());
    let empty = Value::Object(Map::new());
    // clientcmd's `ConfirmUsable`: every problem of the context, user and cluster in use,
    // reported together.
    let mut problems = Vec::new();
    let context = if context_name.is_empty() {
        &empty
    } else {
        match loaded.get(Section::Contexts, &context_name) {
            Some(e) => &e.body,
            None => {
                problems.push(format!("{CONTEXT_NOT_FOUND}{context_name}"));
                &empty
            }
        }
    };
    let cluster_name = g
        .cluster
        .clone()
        .unwrap_or_else(|| str_field(context, "cluster").into());
    let user_name = g
        .user
        .clone()
        .unwrap_or_else(|| str_field(context, "user").into());
    let cluster_entry = loaded.get(Section::Clusters, &cluster_name);
    let user_entry = loaded.get(Section::Users, &user_name);
    // clientcmd's `ClientConfig` first looks up the user, context and cluster that flags name.
    // kubectl meets these checks first when `-n` spares it the namespace lookup, whose
    // `ConfirmUsable` (the problems below) otherwise runs before them.
    let given = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.is_empty());
    let user_missing = given(&g.user) && user_entry.is_none();
    let mut lookups = Vec::new();
    if user_missing {
        lookups.push(format!("auth info {user_name:?} does not exist"));
    }
    if given(&g.context) && loaded.get(Section::Contexts, &context_name).is_none() {
        lookups.push(format!("context {context_name:?} does not exist"));
    }
    if given(&g.cluster) && cluster_entry.is_none() {
        lookups.push(format!("cluster {cluster_name:?} does not exist"));
    }
    let namespace_first = lookup == Lookup::Namespace && !given(&g.namespace);
    if !namespace_first && let Some(first) = lookups.first() {
        return Err(Error::msg(first));
    }

    let mut cluster = cluster_entry
        .map(|e| {
            resolve_paths(
                e.body.clone(),
                &loaded.base_dir(e.file),
                &["certificate-authority"],
            )
        })
        .unwrap_or_else(|| empty.clone());
    let mut user = user_entry
        .map(|e| {
            resolve_paths(
                e.body.clone(),
                &loaded.base_dir(e.file),
                &["client-certificate", "client-key", "tokenFile"],
            )
        })
        .unwrap_or_else(|| empty.clone());

    let nothing_configured = context_name.is_empty() && cluster_entry.is_none();
    if nothing_configured && g.server.is_none() && in_cluster_available(env) {
        return in_cluster(g, env).await;
    }
    apply_overrides(&mut cluster, &mut user, g);
    if !user_missing {
        // (A user that does not exist is checked as an empty one, without the flags.)
        problems.extend(user_problems(&user, &user_name, g));
    }
    if given(&g.cluster) && cluster_entry.is_none() {
        problems.push(format!("no server found for cluster {cluster_name:?}"));
    }
    problems.extend(cluster_problems(&cluster, &cluster_name));
    if !problems.is_empty() {
        return Err(Error::Config(problems));
    }
    if let Some(first) = lookups.first() {
        return Err(Error::msg(first));
    }
    check_root_certificates(&cluster)?;
    if str_field(&cluster, "server").is_empty() {
        set(&mut cluster, "server", json!(DEFAULT_SERVER));
    }
    let server_url = server_url(&cluster, &user)?;
    set(&mut cluster, "server", json!(server_url));
    // A CA and no verification contradict each other (client-go's TLS config refuses it; the
    // --insecure-skip-tls-verify flag drops the kubeconfig's CA instead).
    let has = |k: &str| !str_field(&cluster, k).is_empty();
    if cluster
        .get("insecure-skip-tls-verify")
        .and_then(Value::as_bool)
        == Some(true)
        && (has("certificate-authority") || has("certificate-authority-data"))
    {
        return Err(Error::msg(
            "specifying a root certificates file with the insecure flag is not allowed",
        ));
    }
    if server_url.starts_with("http://") {
        // clientcmd only reads auth information for secure transports.
        user = json!({});
    }
    let kc: kube::config::Kubeconfig = serde_json::from_value(json!({
        "clusters": [{"name": "kk", "cluster": cluster}],
        "users": [{"name": "kk", "user": user}],
        "contexts": [{"name": "kk", "context": {"cluster": "kk", "user": "kk"}}],
        "current-context": "kk",
    }))
    .map_err(|e| Error::msg(format!("error loading config: {e}")))?;
    let mut config = kube::Config::from_custom_kubeconfig(kc, &Default::default())
        .await
        .map_err(|e| Error::msg(e.to_string()))?;
    let request_timeout = finish(&mut config, g, &user_name)?;
    let ns_flag = g.namespace.clone().filter(|n| !n.is_empty());
    let namespace = ns_flag
        .clone()
        .or_else(|| Some(str_field(context, "namespace").to_string()).filter(|n| !n.is_empty()))
        .unwrap_or_else(|| "default".to_string());
    config.default_namespace = namespace.clone();
    Ok(ClientSettings {
        config,
        namespace,
        namespace_explicit: ns_flag.is_some(),
        server: host_port(&server_url),
        request_timeout,
    })
}

/// client-go's `DefaultServerURL`: a server that does not parse as a URL with a scheme and a
/// host gets `https://` when TLS is configured (a CA, a client certificate or insecure mode),
/// else `http://`, and must then be a bare `host:port`. What Go's URL parser refuses is
/// kubectl's `Unable to connect to the server: <why>` (a `*url.Error`), as is a scheme other
/// than http and https.
pub fn server_url(cluster: &Value, user: &Value) -> Result<String> {
    let server = str_field(cluster, "server");
    let unable = |why: String| Error::Plain(format!("Unable to connect to the server: {why}"));
    let bad = || {
        Error::msg(format!(
            "host must be a URL or a host:port pair: {server:?}"
        ))
    };
    let url = match go_url::parse(server) {
        Ok(u) if !u.scheme.is_empty() && !u.host.is_empty() => server.to_string(),
        _ => {
            let has = |v: &Value, k: &str| !str_field(v, k).is_empty();
            let tls = has(cluster, "certificate-authority")
                || has(cluster, "certificate-authority-data")
                || cluster
                    .get("insecure-skip-tls-verify")
                    .and_then(Value::as_bool)
                    == Some(true)
                || has(user, "client-certificate")
                || has(user, "client-certificate-data");
            let url = format!("{}://{server}", if tls { "https" } else { "http" });
            let parsed = go_url::parse(&url).map_err(unable)?;
            if !matches!(parsed.path.as_str(), "" | "/") {
                return Err(bad());
            }
            url
        }
    };
    let scheme = go_url::parse(&url).map(|u| u.scheme).unwrap_or_default();
    if !matches!(scheme.as_str(), "http" | "https") {
        return Err(unable(format!("unsupported protocol scheme {scheme:?}")));
    }
    // What Go accepts and the HTTP stack cannot address.
    if !url
        .parse::<http::Uri>()
        .is_ok_and(|u| u.authority().is_some())
    {
        return Err(bad());
    }
    Ok(url)
}

/// clientcmd's `validateAuthInfo` (without the exec plugin checks, which kk makes when it
/// runs the plugin): client certificate and key given twice, missing or unreadable, more
/// than one authentication method, and a uid, groups or extras to impersonate without a user
/// (from the kubeconfig entry's `as-*` fields or the `--as*` flags).
fn user_problems(user: &Value, user_name: &str, g: &GlobalArgs) -> Vec<String> {
    let mut problems = Vec::new();
    let has = |key: &str| match user.get(key) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(m)) => !m.is_empty(),
        _ => false,
    };
    let mut methods = Vec::new();
    if has("token") {
        methods.push("token");
    }
    if has("username") || has("password") {
        methods.push("basicAuth");
    }
    if has("client-certificate") || has("client-certificate-data") {
        if has("client-certificate") && has("client-certificate-data") {
            problems.push(format!(
                "client-cert-data and client-cert are both specified for {user_name}. \
                 client-cert-data will override."
            ));
        }
        if has("client-key") && has("client-key-data") {
            problems.push(format!(
                "client-key-data and client-key are both specified for {user_name}; \
                 client-key-data will override"
            ));
        }
        if !has("client-key") && !has("client-key-data") {
            problems.push(format!(
                "client-key-data or client-key must be specified for {user_name} to use the \
                 clientCert authentication method."
            ));
        }
        for (key, what) in [
            ("client-certificate", "client-cert"),
            ("client-key", "client-key"),
        ] {
            let p = str_field(user, key);
            if !p.is_empty()
                && let Err(e) = std::fs::File::open(p)
            {
                problems.push(format!(
                    "unable to read {what} {p} for {user_name} due to open {p}: {}",
                    super::view::go_io(&e)
                ));
            }
        }
    }
    if methods.len() > 1 {
        problems.push(format!(
            "more than one authentication method found for {user_name}; found [{}], only one \
             is allowed",
            methods.join(" ")
        ));
    }
    let flag = |f: &Option<String>| f.as_deref().is_some_and(|s| !s.is_empty());
    let no_user = !flag(&g.as_user) && !has("as");
    let extras = flag(&g.as_uid)
        || !g.as_group.is_empty()
        || has("as-uid")
        || has("as-groups")
        || has("as-user-extra");
    if no_user && extras {
        problems.push(impersonation_problem(user_name));
    }
    problems
}

fn impersonation_problem(user_name: &str) -> String {
    format!("requesting uid, groups or user-extra for {user_name} without impersonating a user")
}

/// clientcmd's `validateClusterInfo`: a certificate authority given twice, or a file it
/// cannot open.
fn cluster_problems(cluster: &Value, cluster_name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let ca = str_field(cluster, "certificate-authority");
    if !ca.is_empty() && !str_field(cluster, "certificate-authority-data").is_empty() {
        problems.push(format!(
            "certificate-authority-data and certificate-authority are both specified for \
             {cluster_name}. certificate-authority-data will override."
        ));
    }
    if !ca.is_empty()
        && let Err(e) = std::fs::File::open(ca)
    {
        problems.push(format!(
            "unable to read certificate-authority {ca} for {cluster_name} due to open {ca}: {}",
            super::view::go_io(&e)
        ));
    }
    problems
}

/// client-go's TLS setup: a certificate authority file that holds no PEM block.
fn check_root_certificates(cluster: &Value) -> Result<()> {
    let ca = str_field(cluster, "certificate-authority");
    if !ca.is_empty()
        && let Ok(bytes) = std::fs::read(ca)
        && !String::from_utf8_lossy(&bytes).contains("-----BEGIN")
    {
        return Err(Error::msg(
            "unable to load root certificates: unable to parse bytes as PEM block",
        ));
    }
    Ok(())
}

fn set(v: &mut Value, key: &str, val: Value) {
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    if let Some(m) = v.as_object_mut() {
        m.insert(key.to_string(), val);
    }
}

fn remove(v: &mut Value, key: &str) {
    if let Some(m) = v.as_object_mut() {
        m.remove(key);
    }
}

fn apply_overrides(cluster: &mut Value, user: &mut Value, g: &GlobalArgs) {
    if let Some(s) = g.server.as_deref().filter(|s| !s.is_empty()) {
        set(cluster, "server", json!(s));
    }
    if let Some(ca) = g.certificate_authority.as_deref().filter(|s| !s.is_empty()) {
        set(cluster, "certificate-authority", json!(ca));
        remove(cluster, "certificate-authority-data");
    }
    if let Some(insecure) = g.insecure_skip_tls_verify {
        set(cluster, "insecure-skip-tls-verify", json!(insecure));
        if insecure {
            // clientcmd drops the CA when told to skip verification (the combination is invalid).
            remove(cluster, "certificate-authority");
            remove(cluster, "certificate-authority-data");
        }
    }
    if let Some(name) = g.tls_server_name.as_deref().filter(|s| !s.is_empty()) {
        set(cluster, "tls-server-name", json!(name));
    }
    if let Some(t) = g.token.as_deref().filter(|s| !s.is_empty()) {
        set(user, "token", json!(t));
        remove(user, "tokenFile");
    }
    if g.username.is_some() || g.password.is_some() {
        for (key, val) in [("username", &g.username), ("password", &g.password)] {
            if let Some(v) = val {
                set(user, key, json!(v));
            }
        }
        // A token stays: clientcmd refuses the two methods together.
        remove(user, "tokenFile");
    }
    if let Some(c) = g.client_certificate.as_deref().filter(|s| !s.is_empty()) {
        set(user, "client-certificate", json!(c));
        remove(user, "client-certificate-data");
    }
    if let Some(k) = g.client_key.as_deref().filter(|s| !s.is_empty()) {
        set(user, "client-key", json!(k));
        remove(user, "client-key-data");
    }
}

/// Settings common to kubeconfig and in-cluster clients: timeout, impersonation, gzip.
/// Returns the `--request-timeout` deadline. `user_name` is the kubeconfig user (for
/// clientcmd's impersonation error).
fn finish(config: &mut kube::Config, g: &GlobalArgs, user_name: &str) -> Result<Option<Duration>> {
    let timeout = match g.request_timeout.as_deref() {
        Some(t) => parse_timeout(t)?,
        None => None,
    };
    // Like kubectl, no idle limit unless asked: kube's default read timeout (295s) would end
    // a quiet `get -w` after five minutes.
    config.read_timeout = timeout;
    config.write_timeout = timeout;
    config.connect_timeout = timeout;
    if let Some(u) = g.as_user.clone().filter(|s| !s.is_empty()) {
        config.auth_info.impersonate = Some(u);
    }
    if !g.as_group.is_empty() {
        config.auth_info.impersonate_groups = Some(g.as_group.clone());
    }
    if let Some(uid) = g.as_uid.clone().filter(|s| !s.is_empty()) {
        config.auth_info.impersonate_uid = Some(uid);
    }
    // Flags and the kubeconfig entry's `as-*` fields together: a uid, groups or extras
    // without a user to impersonate is refused (clientcmd).
    let a = &config.auth_info;
    let no_user = a.impersonate.as_deref().unwrap_or("").is_empty();
    let extras = a.impersonate_uid.as_deref().is_some_and(|u| !u.is_empty())
        || a.impersonate_groups.as_ref().is_some_and(|g| !g.is_empty())
        || a.impersonate_user_extra
            .as_ref()
            .is_some_and(|e| !e.is_empty());
    if no_user && extras {
        return Err(Error::Config(vec![impersonation_problem(user_name)]));
    }
    // kk always asks for gzip unless told not to (kube's `gzip` feature decodes it).
    config.disable_compression = g.disable_compression.unwrap_or(false);
    Ok(timeout)
}

/// kubectl's `--request-timeout`: `0` = none, a bare integer = seconds, else a Go duration.
pub fn parse_timeout(s: &str) -> Result<Option<Duration>> {
    let bad = || {
        Error::msg(
            "Invalid timeout value. Timeout must be a single integer in seconds, or an integer \
             followed by a corresponding time unit (e.g. 1s | 2m | 3h)",
        )
    };
    if let Ok(secs) = s.parse::<u64>() {
        return Ok((secs > 0).then(|| Duration::from_secs(secs)));
    }
    let d = crate::go::duration(s).ok_or_else(bad)?;
    Ok((!d.is_zero()).then_some(d))
}

fn in_cluster_available(env: &Env) -> bool {
    env.non_empty("KUBERNETES_SERVICE_HOST").is_some()
        && env.non_empty("KUBERNETES_SERVICE_PORT").is_some()
        && Path::new("/var/run/secrets/kubernetes.io/serviceaccount/token").is_file()
}

async fn in_cluster(g: &GlobalArgs, env: &Env) -> Result<ClientSettings> {
    let mut config = kube::Config::incluster().map_err(|e| Error::msg(e.to_string()))?;
    let request_timeout = finish(&mut config, g, "")?;
    let ns_flag = g.namespace.clone().filter(|n| !n.is_empty());
    let namespace = ns_flag
        .clone()
        .or_else(|| env.non_empty("POD_NAMESPACE").map(str::to_string))
        .or_else(|| {
            std::fs::read_to_string("/var/run/secrets/kubernetes.io/serviceaccount/namespace")
                .ok()
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "default".into());
    config.default_namespace = namespace.clone();
    let server = host_port(&config.cluster_url.to_string());
    Ok(ClientSettings {
        config,
        namespace,
        namespace_explicit: ns_flag.is_some(),
        server,
        request_timeout,
    })
}

/// Resolve the relative path fields of an entry body against `dir` (clientcmd's
/// `ResolveLocalPaths`).
fn resolve_paths(mut body: Value, dir: &Path, keys: &[&str]) -> Value {
    for k in keys {
        let p = str_field(&body, k).to_string();
        if !p.is_empty() && !Path::new(&p).is_absolute() {
            set(&mut body, k, json!(dir.join(&p).to_string_lossy()));
        }
    }
    // An exec plugin given as a relative path (not a bare command name) is file-relative too.
    if let Some(cmd) = body
        .get("exec")
        .map(|e| str_field(e, "command").to_string())
        && cmd.contains('/')
        && !Path::new(&cmd).is_absolute()
        && let Some(exec) = body.get_mut("exec")
    {
        set(exec, "command", json!(dir.join(&cmd).to_string_lossy()));
    }
    body
}

/// `https://host:port/path` → `host:port` (kubectl prints `url.Host`).
pub fn host_port(url: &str) -> String {
    let no_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = no_scheme.split('/').next().unwrap_or(no_scheme);
    // Go's `URL.Host` carries no user information.
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, h)| h)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeconfig::{File, merge, parse_doc};

    fn loaded(text: &str) -> Loaded {
        merge(
            vec![File {
                path: "/cfg/config".into(),
                doc: parse_doc(text).unwrap(),
                exists: true,
            }],
            false,
        )
    }

    fn err(l: &Loaded, g: &GlobalArgs) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(settings(l, g, &Env::default(), Lookup::Namespace))
            .unwrap_err()
            .render()
            .unwrap()
    }

    #[test]
    fn kubectl_error_texts() {
        let l =
            loaded("current-context: a\ncontexts:\n- name: a\n  context: {cluster: c, user: u}\n");
        let g = GlobalArgs {
            context: Some("nope".into()),
            ..Default::default()
        };
        assert_eq!(
            err(&l, &g),
            "Error in configuration: context was not found for specified context: nope\n"
        );
        let g = GlobalArgs {
            user: Some("nope".into()),
            ..Default::default()
        };
        assert_eq!(err(&l, &g), "error: auth info \"nope\" does not exist\n");
        let g = GlobalArgs {
            cluster: Some("nope".into()),
            ..Default::default()
        };
        assert_eq!(err(&l, &g), "error: no server found for cluster \"nope\"\n");
    }

    #[test]
    fn empty_config_falls_back_to_localhost() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let s = rt
            .block_on(settings(
                &loaded(""),
                &GlobalArgs::default(),
                &Env::default(),
                Lookup::Namespace,
            ))
            .unwrap();
        assert_eq!(s.server, "localhost:8080");
        assert_eq!(s.namespace, "default");
    }

    #[test]
    fn namespace_and_server_overrides() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let l = loaded(
            "current-context: a\ncontexts:\n- name: a\n  context: {cluster: c, namespace: team}\n\
             clusters:\n- name: c\n  cluster: {server: 'https://10.1.2.3:6443'}\n",
        );
        let s = rt
            .block_on(settings(
                &l,
                &GlobalArgs::default(),
                &Env::default(),
                Lookup::Namespace,
            ))
            .unwrap();
        assert_eq!(
            (s.namespace.as_str(), s.server.as_str()),
            ("team", "10.1.2.3:6443")
        );
        let g = GlobalArgs {
            namespace: Some("x".into()),
            server: Some("http://127.0.0.1:9".into()),
            ..Default::default()
        };
        let s = rt
            .block_on(settings(&l, &g, &Env::default(), Lookup::Namespace))
            .unwrap();
        assert_eq!(
            (s.namespace.as_str(), s.server.as_str()),
            ("x", "127.0.0.1:9")
        );
    }

    #[test]
    fn bare_host_port_gets_a_scheme() {
        let c = json!({"server": "127.0.0.1:1"});
        assert_eq!(server_url(&c, &json!({})).unwrap(), "http://127.0.0.1:1");
        let c = json!({"server": "127.0.0.1:1", "insecure-skip-tls-verify": true});
        assert_eq!(server_url(&c, &json!({})).unwrap(), "https://127.0.0.1:1");
        let err = |server: &str| {
            server_url(&json!({ "server": server }), &json!({}))
                .unwrap_err()
                .render()
                .unwrap()
        };
        // kubectl 1.33's words for each.
        for (server, want) in [
            (
                "a b",
                "Unable to connect to the server: invalid character \" \" in host name\n",
            ),
            (
                " https://x",
                "Unable to connect to the server: invalid character \" \" in host name\n",
            ),
            (
                "https://a b:6443",
                "error: host must be a URL or a host:port pair: \"https://a b:6443\"\n",
            ),
            (
                "https://x:port",
                "error: host must be a URL or a host:port pair: \"https://x:port\"\n",
            ),
            (
                "ftp://x",
                "Unable to connect to the server: unsupported protocol scheme \"ftp\"\n",
            ),
        ] {
            assert_eq!(err(server), want, "{server:?}");
        }
        assert!(server_url(&json!({"server": "a/b"}), &json!({})).is_err());
        let proxied = json!({"server": "https://h/k8s/c1"});
        assert_eq!(
            server_url(&proxied, &json!({})).unwrap(),
            "https://h/k8s/c1"
        );
    }

    #[test]
    fn unreadable_files_read_like_clientcmd() {
        let c = json!({"certificate-authority": "/nonexistent/ca"});
        let e = Error::Config(cluster_problems(&c, "c")).render().unwrap();
        assert_eq!(
            e,
            "error: unable to read certificate-authority /nonexistent/ca for c due to open \
             /nonexistent/ca: no such file or directory\n"
        );
        let u = json!({"client-certificate": "/nonexistent/a", "client-key": "/nonexistent/b"});
        let e = Error::Config(user_problems(&u, "", &GlobalArgs::default()))
            .render()
            .unwrap();
        assert_eq!(
            e,
            "Error in configuration: \n* unable to read client-cert /nonexistent/a for  due to \
             open /nonexistent/a: no such file or directory\n* unable to read client-key \
             /nonexistent/b for  due to open /nonexistent/b: no such file or directory\n"
        );
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("0").unwrap(), None);
        assert_eq!(parse_timeout("5").unwrap(), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_timeout("1m30s").unwrap(),
            Some(Duration::from_secs(90))
        );
        assert!(parse_timeout("abc").is_err());
    }

    #[test]
    fn relative_paths_resolve_against_the_file() {
        let v = resolve_paths(
            json!({"certificate-authority": "ca.crt"}),
            Path::new("/cfg"),
            &["certificate-authority"],
        );
        assert_eq!(v["certificate-authority"], "/cfg/ca.crt");
    }
}
