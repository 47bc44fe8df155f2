//! `kk set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N`: kubectl's `set env` — add,
//! update (`--overwrite`, on by default) or remove (`KEY-`) variables of the selected
//! containers (`-c`, wildcards), import the keys of a ConfigMap or Secret (`--from`,
//! `--keys`, `--prefix`), read `KEY=VAL` lines from stdin (`-`), or `--list` them
//! (`--resolve`: the referenced values).

use serde_json::{Map, Value, json};

use super::containers;
use super::patcher::{Changed, Common, LabelSelector, Report, Setter};
use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{Pflag, split_list};
use crate::generate::validation::is_env_var_name;
use crate::resource::visit::Info;
use crate::resource::{polymorphic, request};

/// Update environment variables on a pod template.
///
/// Update environment variables on a pod template.
///
/// List environment variable definitions in one or more pods, pod templates. Add, update, or
/// remove container environment variable definitions in one or more pod templates (within
/// replication controllers or deployment configurations). View or modify the environment
/// variable definitions on all containers in the specified pods or pod templates, or just
/// those that match a wildcard.
///
/// If "--env -" is passed, environment variables can be read from STDIN using the standard
/// env syntax.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Update deployment 'registry' with a new environment variable
  kk set env deployment/registry STORAGE_DIR=/local

  # List the environment variables defined on a deployments 'sample-build'
  kk set env deployment/sample-build --list

  # List the environment variables defined on all pods
  kk set env pods --all --list

  # Output modified deployment in YAML, and does not alter the object on the server
  kk set env deployment/sample-build STORAGE_DIR=/data -o yaml

  # Update all containers in all replication controllers in the project to have ENV=prod
  kk set env rc --all ENV=prod

  # Import environment from a secret
  kk set env --from=secret/mysecret deployment/myapp

  # Import environment from a config map with a prefix
  kk set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

  # Import specific keys from a config map
  kk set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp

  # Remove the environment variable ENV from container 'c1' in all deployment configs
  kk set env deployments --all --containers=\"c1\" ENV-

  # Remove the environment variable ENV from a deployment definition on disk and
  # update the deployment config on the server
  kk set env -f deploy.json ENV-

  # Set some of the local shell environment into a deployment config on the server
  env | grep RAILS_ | kk set env -e - deployment/registry"
)]
pub struct Args {
    /// RESOURCE/NAME, then KEY=VAL or KEY- changes
    #[arg(value_name = "ARGS", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    /// The names of containers in the selected pod templates to change - may use wildcards
    #[arg(short = 'c', long, default_value = "*", value_name = "NAME")]
    pub containers: String,
    /// The name of a resource from which to inject environment variables
    #[arg(long, value_name = "TYPE/NAME", add = Complete::TypeAndNamesOf(&["configmaps", "secrets"]))]
    pub from: Option<String>,
    /// Prefix to append to variable names
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// Specify a key-value pair for an environment variable to set into each container.
    #[arg(short = 'e', long = "env", value_name = "KEY=VAL")]
    pub env: Vec<String>,
    /// Comma-separated list of keys to import from specified resource
    #[arg(long, value_name = "KEYS")]
    pub keys: Vec<String>,
    /// If true, display the environment and any changes in the standard format. this flag
    /// will removed when we have kubectl view env.
    #[arg(long, pflag_bool())]
    pub list: Option<bool>,
    /// If true, show secret or configmap references when listing variables
    #[arg(long, pflag_bool())]
    pub resolve: Option<bool>,
    /// If true, allow environment to be overwritten, otherwise reject updates that overwrite
    /// existing environment.
    #[arg(long, pflag_bool())]
    pub overwrite: Option<bool>,
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub select: LabelSelector,
}

/// kubectl's `SplitEnvironmentFromResources`: resources first, then `KEY=VAL`/`KEY-`.
fn split(args: &[String]) -> Option<(Vec<String>, Vec<String>)> {
    let mut resources = Vec::new();
    let mut env = Vec::new();
    for s in args {
        let is_env = s.find('=').is_some_and(|i| i > 0) || s.ends_with('-');
        match (env.is_empty(), is_env) {
            (_, true) => env.push(s.clone()),
            (true, false) => resources.push(s.clone()),
            (false, false) => return None,
        }
    }
    Some((resources, env))
}

/// kubectl's `ParseEnv`: variables to set (in order) and names to remove.
fn parse_env(ctx: &Ctx, specs: &[String]) -> Result<(Vec<Value>, Vec<String>)> {
    let mut env = Vec::new();
    let mut set = Vec::new();
    let mut remove = Vec::new();
    for spec in specs {
        if spec == "-" {
            let text = ctx.ui().read_stdin_to_string()?;
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or("");
                if let Some((k, v)) = line.split_once('=') {
                    env.push(json!({"name": k, "value": v}));
                }
            }
        } else if let Some((k, v)) = spec.split_once('=') {
            let errs = is_env_var_name(k);
            if !errs.is_empty() {
                return Err(Error::msg(format!(
                    "{k:?} is not a valid key name: {}",
                    errs.join(";")
                )));
            }
            set.push(k.to_string());
            env.push(json!({"name": k, "value": v}));
        } else if let Some(k) = spec.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Err(Error::msg(format!("unknown environment variable: {spec}")));
        }
    }
    if remove.iter().any(|r| set.contains(r)) {
        return Err(Error::msg(
            "can not both modify and remove the same environment variable in the same command",
        ));
    }
    Ok((env, remove))
}

fn env_name(v: &Value) -> &str {
    v.get("name").and_then(Value::as_str).unwrap_or("")
}

/// kubectl's `updateEnv`: replaced in place, removed, new ones appended.
fn update_env(existing: &[Value], env: &[Value], remove: &[String]) -> Vec<Value> {
    let mut covered: Vec<String> = remove.to_vec();
    let mut out = Vec::new();
    for e in existing {
        let name = env_name(e);
        if covered.iter().any(|c| c == name) {
            continue;
        }
        if let Some(newer) = env.iter().find(|n| env_name(n) == name) {
            covered.push(name.to_string());
            out.push(newer.clone());
        } else {
            out.push(e.clone());
        }
    }
    for e in env {
        let name = env_name(e);
        if covered.iter().any(|c| c == name) {
            continue;
        }
        covered.push(name.to_string());
        out.push(e.clone());
    }
    out
}

/// kubectl's `GetEnvVarRefString`.
fn ref_string(from: &Value) -> String {
    let s = |p: &str| from.pointer(p).and_then(Value::as_str).unwrap_or("");
    if from.get("configMapKeyRef").is_some() {
        format!(
            "configmap {}, key {}",
            s("/configMapKeyRef/name"),
            s("/configMapKeyRef/key")
        )
    } else if from.get("secretKeyRef").is_some() {
        format!(
            "secret {}, key {}",
            s("/secretKeyRef/name"),
            s("/secretKeyRef/key")
        )
    } else if from.get("fieldRef").is_some() {
        format!("field path {}", s("/fieldRef/fieldPath"))
    } else if from.get("resourceFieldRef").is_some() {
        let c = s("/resourceFieldRef/containerName");
        let prefix = if c.is_empty() {
            String::new()
        } else {
            format!("{c}/")
        };
        format!("resource field {prefix}{}", s("/resourceFieldRef/resource"))
    } else {
        "invalid valueFrom".into()
    }
}

/// Run `kk set env`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let c = &a.common;
    if c.all() && a.select.get().is_some() {
        return Err(Error::msg(
            "cannot set --all and --selector at the same time",
        ));
    }
    let Some((resources, env_args)) = split(&a.args) else {
        return Err(Error::msg(format!(
            "all resources must be specified before environment changes: {}",
            a.args.join(" ")
        )));
    };
    let report = Report {
        op: "env updated",
        failed: "failed to patch env update to pod template: ",
        skip_unchanged: true,
    };
    let setter = Setter::new(ctx, c, report)?;
    // kubectl's set env builds its clients before any builder runs (so a configuration
    // problem is reported as the client's, not the builder's).
    ctx.client().await?;
    let namespace = ctx.namespace().await?;
    c.check_local_dry_run(setter.dry_run())?;
    let list = a.list == Some(true);
    let keys = split_list(&a.keys);
    let from = a.from.clone().filter(|f| !f.is_empty());
    if c.files.filenames().is_empty() && resources.is_empty() {
        return Err(Error::msg(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if list && !c.print.output().is_empty() {
        return Err(Error::msg(
            "--list and --output may not be specified together",
        ));
    }
    if !keys.is_empty() && from.is_none() {
        return Err(Error::msg(
            "when specifying --keys, a configmap or secret must be provided with --from",
        ));
    }

    let mut specs = a.env.clone();
    specs.extend(env_args.iter().cloned());
    let (mut env, remove) = parse_env(ctx, &specs)?;
    if let Some(from) = from {
        for info in c.infos(ctx, vec![from], a.select.get(), false).await? {
            env.extend(imported(ctx, &info, &keys)?);
        }
    }
    if let Some(prefix) = a.prefix.as_deref().filter(|p| !p.is_empty()) {
        for e in &mut env {
            e["name"] = Value::String(format!("{prefix}{}", env_name(e)));
        }
    }
    let no_env = env.is_empty() && env_args.is_empty();
    let infos = c.infos(ctx, resources, a.select.get(), false).await?;
    let overwrite = a.overwrite.unwrap_or(true);
    let resolve = a.resolve == Some(true);
    let selector = a.containers.clone();

    if list {
        let mut store = Resolver::new(ctx, &namespace);
        for info in &infos {
            let mut obj =
                crate::generate::shape::normalize(info.object.as_ref().unwrap_or(&Value::Null));
            let kind = obj
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let obj_meta = obj.get("metadata").cloned().unwrap_or(Value::Null);
            let Ok(spec) = polymorphic::pod_spec_mut(&mut obj) else {
                continue;
            };
            let mut out = String::new();
            let mut errs: Vec<(String, Vec<String>)> = Vec::new();
            let picked = containers::select(spec, &selector);
            if picked.is_empty() {
                ctx.ui().warn(&format!(
                    "{kind}/{} does not have any containers matching {selector:?}",
                    info.name
                ))?;
                continue;
            }
            for ctr in picked {
                let existing = env_of(ctr);
                if !overwrite && no_overwrites(&existing, &env).is_err() {
                    break;
                }
                let updated = update_env(&existing, &env, &remove);
                out.push_str(&format!(
                    "# {kind} {}, container {}\n",
                    info.name,
                    containers::name(ctr)
                ));
                for e in &updated {
                    let value = e.get("value").and_then(Value::as_str).unwrap_or("");
                    let Some(from) = e.get("valueFrom") else {
                        out.push_str(&format!("{}={value}\n", env_name(e)));
                        continue;
                    };
                    if !resolve {
                        out.push_str(&format!("# {} from {}\n", env_name(e), ref_string(from)));
                        continue;
                    }
                    match store.value(from, &obj_meta).await {
                        Ok(v) => out.push_str(&format!("{}={v}\n", env_name(e))),
                        Err(err) => {
                            out.push_str(&format!("# {} from {}\n", env_name(e), ref_string(from)));
                            match errs.iter_mut().find(|(m, _)| *m == err) {
                                Some((_, names)) => names.push(env_name(e).to_string()),
                                None => errs.push((err, vec![env_name(e).to_string()])),
                            }
                        }
                    }
                }
                ctx.ui().print(&out)?;
                out.clear();
                let mut lines: Vec<String> = errs
                    .drain(..)
                    .map(|(m, mut names)| {
                        names.sort();
                        format!("error retrieving reference for {}: {m}\n", names.join(", "))
                    })
                    .collect();
                lines.sort();
                for l in lines {
                    ctx.ui().eprint(&l)?;
                }
            }
        }
        return Ok(());
    }

    let ui = ctx.ui();
    setter
        .refuse_after_patch(no_env.then_some("at least one environment variable must be provided"))
        .run(infos, |info, obj, _| {
            let kind = obj
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let spec = polymorphic::pod_spec_mut(obj)?;
            let picked = containers::select(spec, &selector);
            if picked.is_empty() {
                let _ = ui.warn(&format!(
                    "{kind}/{} does not have any containers matching {selector:?}",
                    info.name
                ));
                return Ok(Changed::Diff);
            }
            for ctr in picked {
                let existing = env_of(ctr);
                if !overwrite {
                    no_overwrites(&existing, &env)?;
                }
                let updated = update_env(&existing, &env, &remove);
                if let Some(m) = ctr.as_object_mut() {
                    if updated.is_empty() {
                        m.remove("env");
                    } else {
                        m.insert("env".into(), Value::Array(updated));
                    }
                }
            }
            Ok(Changed::Diff)
        })
        .await
}

fn env_of(ctr: &Value) -> Vec<Value> {
    ctr.get("env")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// kubectl's `validateNoOverwrites`.
fn no_overwrites(existing: &[Value], env: &[Value]) -> std::result::Result<(), String> {
    for e in env {
        if let Some(cur) = existing.iter().find(|c| env_name(c) == env_name(e)) {
            let v = |x: &Value| {
                x.get("value")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            if v(cur) != v(e) {
                return Err(format!(
                    "'{}' already has a value ({}), and --overwrite is false",
                    env_name(cur),
                    v(cur)
                ));
            }
        }
    }
    Ok(())
}

/// The variables `--from` imports from one ConfigMap or Secret (keys in sorted order;
/// kubectl walks a Go map).
fn imported(ctx: &Ctx, info: &Info, keys: &[String]) -> Result<Vec<Value>> {
    let obj = info.object.as_ref().unwrap_or(&Value::Null);
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let api = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let ref_key = match (api, kind) {
        ("v1", "Secret") => "secretKeyRef",
        ("v1", "ConfigMap") => "configMapKeyRef",
        _ => return Err(Error::msg("unsupported resource specified in --from")),
    };
    let name = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut out = Vec::new();
    let data = obj
        .get("data")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for key in data.keys() {
        if !keys.is_empty() && !keys.contains(key) {
            continue;
        }
        let env_name = env_name_of(key);
        if env_name != *key {
            ctx.ui()
                .warn(&format!("key {key} transferred to {env_name}"))?;
        }
        let mut sel = Map::new();
        sel.insert("name".into(), name.into());
        sel.insert("key".into(), key.clone().into());
        out.push(json!({"name": env_name, "valueFrom": {ref_key: sel}}));
    }
    Ok(out)
}

/// kubectl's `keyToEnvName`: `[^a-zA-Z0-9_]` → `_`, upper-cased.
fn env_name_of(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .to_uppercase()
}

/// `--resolve`: the values ConfigMap and Secret references point at (kubectl's
/// `ResourceStore`: each object fetched once).
struct Resolver<'a> {
    ctx: &'a Ctx,
    namespace: String,
    cache: Vec<(String, std::result::Result<Value, String>)>,
}

impl<'a> Resolver<'a> {
    fn new(ctx: &'a Ctx, namespace: &str) -> Self {
        Resolver {
            ctx,
            namespace: namespace.to_string(),
            cache: Vec::new(),
        }
    }

    async fn fetch(&mut self, path: String) -> std::result::Result<Value, String> {
        if let Some((_, r)) = self.cache.iter().find(|(p, _)| *p == path) {
            return r.clone();
        }
        let r = match self.ctx.client().await {
            Ok(client) => request::json(&client, http::Method::GET, &path, None::<(&str, &Value)>)
                .await
                .map_err(|e| self.ctx.kube_error(e).go_text()),
            Err(e) => Err(e.go_text()),
        };
        self.cache.push((path, r.clone()));
        r
    }

    /// kubectl's `GetEnvVarRefValue` for ConfigMap, Secret and metadata field references
    /// (`meta`: the listed object's metadata).
    async fn value(&mut self, from: &Value, meta: &Value) -> std::result::Result<String, String> {
        let s = |p: &str| {
            from.pointer(p)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        if from.get("fieldRef").is_some() {
            return field_path(meta, &s("/fieldRef/fieldPath"));
        }
        if from.get("configMapKeyRef").is_some() {
            let (name, key) = (s("/configMapKeyRef/name"), s("/configMapKeyRef/key"));
            let cm = self
                .fetch(format!(
                    "/api/v1/namespaces/{}/configmaps/{name}",
                    self.namespace
                ))
                .await?;
            return cm
                .pointer(&format!(
                    "/data/{}",
                    key.replace('~', "~0").replace('/', "~1")
                ))
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("key {key} not found in config map {name}"));
        }
        if from.get("secretKeyRef").is_some() {
            let (name, key) = (s("/secretKeyRef/name"), s("/secretKeyRef/key"));
            let secret = self
                .fetch(format!(
                    "/api/v1/namespaces/{}/secrets/{name}",
                    self.namespace
                ))
                .await?;
            let raw = secret
                .pointer(&format!(
                    "/data/{}",
                    key.replace('~', "~0").replace('/', "~1")
                ))
                .and_then(Value::as_str)
                .ok_or_else(|| format!("key {key} not found in secret {name}"))?;
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(raw)
                .map_err(|e| e.to_string())?;
            return Ok(String::from_utf8_lossy(&bytes).into_owned());
        }
        Err("invalid valueFrom".into())
    }
}

/// kubectl's `extractFieldPathAsString` over an object's metadata.
fn field_path(meta: &Value, path: &str) -> std::result::Result<String, String> {
    let get = |k: &str| {
        meta.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    if let Some((base, rest)) = path.split_once('[')
        && let Some(key) = rest.strip_suffix(']')
    {
        let key = key.trim_matches('\'');
        return match base {
            "metadata.annotations" | "metadata.labels" => Ok(meta
                .pointer(&format!("/{}", &base["metadata.".len()..]))
                .and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()),
            _ => Err(format!("fieldPath {path:?} does not support subscript")),
        };
    }
    match path {
        "metadata.name" => Ok(get("name")),
        "metadata.namespace" => Ok(get("namespace")),
        "metadata.uid" => Ok(get("uid")),
        _ => Err(format!("unsupported fieldPath: {path}")),
    }
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)"#;
