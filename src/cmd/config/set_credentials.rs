//! `kk config set-credentials NAME [--token=..] [--username=.. --password=..]
//! [--client-certificate=.. --client-key=.. [--embed-certs]] [--auth-provider=..]
//! [--auth-provider-arg=k=v|k-] [--exec-command=..] [--exec-arg=..] [--exec-env=k=v|k-]
//! [--exec-api-version=..]`.
//!
//! `--token`, `--username`, `--password`, `--client-certificate` and `--client-key` are kk's
//! global flags, read here as kubectl's same-named local flags. As in kubectl, setting a
//! token clears basic auth and setting basic auth clears the token.

use serde_json::{Map, Value, json};

use super::set_cluster::{absolute, read_for_embed};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::kubeconfig::Section;

/// Set a user entry in kubeconfig.
///
/// Specifying a name that already exists will merge new fields on top of existing values.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Set only the \"client-key\" field on the \"cluster-admin\" entry\n  kk config set-credentials cluster-admin --client-key=~/.kube/admin.key"
)]
pub struct Args {
    /// The user to create or modify
    #[arg(value_name = "NAME")]
    pub name: Vec<String>,
    /// Embed client cert/key for the user entry in kubeconfig
    #[arg(long, pflag_bool())]
    pub embed_certs: Option<bool>,
    /// Auth provider for the user entry in kubeconfig
    #[arg(long, value_name = "NAME")]
    pub auth_provider: Option<String>,
    /// 'key=value' arguments for the auth provider ('key-' removes)
    #[arg(long, value_name = "KEY=VALUE", value_delimiter = ',')]
    pub auth_provider_arg: Vec<String>,
    /// Command for the exec credential plugin for the user entry in kubeconfig
    #[arg(long, value_name = "COMMAND")]
    pub exec_command: Option<String>,
    /// API version of the exec credential plugin for the user entry in kubeconfig
    #[arg(long, value_name = "VERSION")]
    pub exec_api_version: Option<String>,
    /// New arguments for the exec credential plugin command for the user entry in kubeconfig
    #[arg(long, value_name = "ARG", value_delimiter = ',')]
    pub exec_arg: Vec<String>,
    /// 'key=value' environment values for the exec credential plugin ('key-' removes)
    #[arg(long, value_name = "KEY=VALUE")]
    pub exec_env: Vec<String>,
}

fn kv(s: &str) -> Result<(String, Option<String>)> {
    if let Some(k) = s.strip_suffix('-') {
        return Ok((k.to_string(), None));
    }
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), Some(v.to_string()))),
        _ => Err(Error::msg(format!(
            "invalid key-value pair {s:?}; expected key=value or key-"
        ))),
    }
}

/// Create or modify the user.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let [name] = args.name.as_slice() else {
        return Err(super::unexpected_args(
            ctx,
            &["config", "set-credentials"],
            &args.name,
        ));
    };
    let g = ctx.global().clone();
    let embed = args.embed_certs.unwrap_or(false);
    let mut files: Vec<(&str, String)> = Vec::new();
    for (key, val) in [
        ("client-certificate", &g.client_certificate),
        ("client-key", &g.client_key),
    ] {
        if let Some(p) = val.as_deref().filter(|p| !p.is_empty()) {
            files.push((
                key,
                if embed {
                    read_for_embed(key, p)?
                } else {
                    absolute(ctx, p)
                },
            ));
        }
    }
    let provider_args: Vec<_> = args
        .auth_provider_arg
        .iter()
        .map(|s| kv(s))
        .collect::<Result<_>>()?;
    let exec_env: Vec<_> = args.exec_env.iter().map(|s| kv(s)).collect::<Result<_>>()?;
    let mut loaded = ctx.load_kubeconfig()?;
    let (file, _) = loaded.upsert(Section::Users, name, |m| {
        for (key, val) in &files {
            if embed {
                m.insert(format!("{key}-data"), json!(val));
                m.remove(*key);
            } else {
                m.insert(key.to_string(), json!(val));
                m.remove(&format!("{key}-data"));
            }
        }
        if let Some(t) = &g.token {
            m.insert("token".into(), json!(t));
            m.remove("username");
            m.remove("password");
        }
        if g.username.is_some() || g.password.is_some() {
            if let Some(u) = &g.username {
                m.insert("username".into(), json!(u));
            }
            if let Some(p) = &g.password {
                m.insert("password".into(), json!(p));
            }
            m.remove("token");
        }
        if args.auth_provider.is_some() || !provider_args.is_empty() {
            let ap = m.entry("auth-provider").or_insert_with(|| json!({}));
            if let Some(n) = &args.auth_provider {
                ap["name"] = json!(n);
            }
            let cfg = ap
                .as_object_mut()
                .map(|o| o.entry("config").or_insert_with(|| json!({})));
            if let Some(Value::Object(cfg)) = cfg {
                for (k, v) in &provider_args {
                    match v {
                        Some(v) => {
                            cfg.insert(k.clone(), json!(v));
                        }
                        None => {
                            cfg.remove(k);
                        }
                    }
                }
            }
        }
        if args.exec_command.is_some()
            || args.exec_api_version.is_some()
            || !args.exec_arg.is_empty()
            || !exec_env.is_empty()
        {
            let exec = m.entry("exec").or_insert_with(|| json!({}));
            if let Some(c) = &args.exec_command {
                exec["command"] = json!(c);
            }
            if let Some(v) = &args.exec_api_version {
                exec["apiVersion"] = json!(v);
            }
            if !args.exec_arg.is_empty() {
                exec["args"] = json!(args.exec_arg);
            }
            if !exec_env.is_empty() {
                let mut env: Vec<Map<String, Value>> = exec
                    .get("env")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|e| e.as_object().cloned()).collect())
                    .unwrap_or_default();
                for (k, v) in &exec_env {
                    env.retain(|e| e.get("name").and_then(Value::as_str) != Some(k));
                    if let Some(v) = v {
                        let mut e = Map::new();
                        e.insert("name".into(), json!(k));
                        e.insert("value".into(), json!(v));
                        env.push(e);
                    }
                }
                exec["env"] = json!(env);
            }
        }
    });
    loaded.save(file)?;
    ctx.ui().print(&format!("User {name:?} set.\n"))?;
    Ok(())
}
