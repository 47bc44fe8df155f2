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
use crate::error::{Error, Result};
use crate::flags::GlobalArgs;

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

/// Resolve the client settings. Async because exec credential plugins may run.
pub async fn settings(loaded: &Loaded, g: &GlobalArgs, env: &Env) -> Result<ClientSettings> {
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
    let context = if context_name.is_empty() {
        &empty
    } else {
        match loaded.get(Section::Contexts, &context_name) {
            Some(e) => &e.body,
            None => {
                return Err(Error::Plain(format!(
                    "Error in configuration: context was not found for specified context: {context_name}"
                )));
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
    if g.user.as_deref().is_some_and(|u| !u.is_empty()) && user_entry.is_none() {
        return Err(Error::msg(format!(
            "auth info {user_name:?} does not exist"
        )));
    }
    if g.cluster.as_deref().is_some_and(|c| !c.is_empty()) && cluster_entry.is_none() {
        return Err(Error::msg(format!(
            "no server found for cluster {cluster_name:?}"
        )));
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
    if str_field(&cluster, "server").is_empty() {
        set(&mut cluster, "server", json!(DEFAULT_SERVER));
    }
    let server_url = server_url(&cluster, &user)?;
    set(&mut cluster, "server", json!(server_url));
    check_files(&cluster, &cluster_name, &user, &user_name)?;
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

/// client-go's `DefaultServerURL`: a bare `host:port` gets `https://` when TLS is configured
/// (a CA, a client certificate or insecure mode), else `http://`.
pub fn server_url(cluster: &Value, user: &Value) -> Result<String> {
    let server = str_field(cluster, "server");
    let url = if server.contains("://") {
        server.to_string()
    } else {
        let has = |v: &Value, k: &str| !str_field(v, k).is_empty();
        let tls = has(cluster, "certificate-authority")
            || has(cluster, "certificate-authority-data")
            || cluster
                .get("insecure-skip-tls-verify")
                .and_then(Value::as_bool)
                == Some(true)
            || has(user, "client-certificate")
            || has(user, "client-certificate-data");
        format!("{}://{server}", if tls { "https" } else { "http" })
    };
    let schemeless = !server.contains("://");
    let valid = url.parse::<http::Uri>().is_ok_and(|u| {
        u.authority().is_some()
            && matches!(u.scheme_str(), Some("http" | "https"))
            // A path is only allowed with an explicit scheme (proxied API servers).
            && (!schemeless || matches!(u.path(), "" | "/"))
    });
    if !valid {
        return Err(Error::msg(format!(
            "host must be a URL or a host:port pair: {server:?}"
        )));
    }
    Ok(url)
}

/// clientcmd reads referenced files while validating the config; report unreadable ones with
/// its wording before kube gets to them.
fn check_files(cluster: &Value, cluster_name: &str, user: &Value, user_name: &str) -> Result<()> {
    let ca = str_field(cluster, "certificate-authority");
    if !ca.is_empty() {
        match std::fs::read(ca) {
            Err(e) => {
                return Err(Error::msg(format!(
                    "unable to read certificate-authority {ca} for {cluster_name} due to open {ca}: {}",
                    super::view::go_io(&e)
                )));
            }
            Ok(bytes) if !String::from_utf8_lossy(&bytes).contains("-----BEGIN") => {
                return Err(Error::msg(
                    "unable to load root certificates: unable to parse bytes as PEM block",
                ));
            }
            Ok(_) => {}
        }
    }
    let mut problems = Vec::new();
    for (key, what) in [
        ("client-certificate", "client-cert"),
        ("client-key", "client-key"),
    ] {
        let p = str_field(user, key);
        if !p.is_empty()
            && let Err(e) = std::fs::metadata(p)
        {
            problems.push(format!(
                "* unable to read {what} {p} for {user_name} due to open {p}: {}",
                super::view::go_io(&e)
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Plain(format!(
            "Error in configuration: \n{}",
            problems.join("\n")
        )));
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
        remove(user, "token");
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
        return Err(Error::msg(format!(
            "requesting uid, groups or user-extra for {user_name} without impersonating a user"
        )));
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
    no_scheme.split('/').next().unwrap_or(no_scheme).to_string()
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
        rt.block_on(settings(l, g, &Env::default()))
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
            .block_on(settings(&l, &GlobalArgs::default(), &Env::default()))
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
        let s = rt.block_on(settings(&l, &g, &Env::default())).unwrap();
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
        assert!(server_url(&json!({"server": "a b"}), &json!({})).is_err());
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
        let e = check_files(&c, "c", &json!({}), "u")
            .unwrap_err()
            .render()
            .unwrap();
        assert_eq!(
            e,
            "error: unable to read certificate-authority /nonexistent/ca for c due to open \
             /nonexistent/ca: no such file or directory\n"
        );
        let u = json!({"client-certificate": "/nonexistent/a", "client-key": "/nonexistent/b"});
        let e = check_files(&json!({}), "c", &u, "")
            .unwrap_err()
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
