//! `config view`: the merged kubeconfig as kubectl prints it.
//!
//! kubectl decodes into client-go's `clientcmdapi/v1` structs and re-encodes, so unknown fields
//! vanish, `omitempty` fields disappear when empty, and JSON keeps the struct-field order that
//! the `*_FIELDS` tables below spell out. Without `--raw`, certificate/key data become
//! `DATA+OMITTED` and `token`/`password` become `REDACTED`; exec env values and auth-provider
//! config are left alone, as in kubectl.

use std::path::Path;

use base64::Engine;
use serde_json::Value;

use super::node::Node;
use super::{Entry, Loaded, str_field};
use crate::error::{Error, Result};

/// How a field is encoded: omitted when empty, or always present.
#[derive(Clone, Copy)]
enum F {
    /// `json:"x,omitempty"`.
    Omit,
    /// `json:"x"` (printed even when empty: `""`, `false`, `null`).
    Always,
}

const CLUSTER_FIELDS: &[(&str, F)] = &[
    ("server", F::Always),
    ("tls-server-name", F::Omit),
    ("insecure-skip-tls-verify", F::Omit),
    ("certificate-authority", F::Omit),
    ("certificate-authority-data", F::Omit),
    ("proxy-url", F::Omit),
    ("disable-compression", F::Omit),
    ("extensions", F::Omit),
];

const USER_FIELDS: &[(&str, F)] = &[
    ("client-certificate", F::Omit),
    ("client-certificate-data", F::Omit),
    ("client-key", F::Omit),
    ("client-key-data", F::Omit),
    ("token", F::Omit),
    ("tokenFile", F::Omit),
    ("as", F::Omit),
    ("as-uid", F::Omit),
    ("as-groups", F::Omit),
    ("as-user-extra", F::Omit),
    ("username", F::Omit),
    ("password", F::Omit),
    ("auth-provider", F::Omit),
    ("exec", F::Omit),
    ("extensions", F::Omit),
];

const CONTEXT_FIELDS: &[(&str, F)] = &[
    ("cluster", F::Always),
    ("user", F::Always),
    ("namespace", F::Omit),
    ("extensions", F::Omit),
];

const EXEC_FIELDS: &[(&str, F)] = &[
    ("command", F::Always),
    ("args", F::Always),
    ("env", F::Always),
    ("apiVersion", F::Omit),
    ("installHint", F::Omit),
    ("provideClusterInfo", F::Always),
    ("interactiveMode", F::Omit),
];

const BOOL_FIELDS: &[&str] = &[
    "insecure-skip-tls-verify",
    "disable-compression",
    "provideClusterInfo",
];
const DATA_FIELDS: &[&str] = &[
    "certificate-authority-data",
    "client-certificate-data",
    "client-key-data",
];
const SECRET_FIELDS: &[&str] = &["token", "password"];

/// Options of `config view`.
#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    /// `--minify`: keep only the current context and what it references.
    pub minify: bool,
    /// `--raw`: do not redact.
    pub raw: bool,
    /// `--flatten`: inline referenced files as `*-data` (implies raw).
    pub flatten: bool,
    /// `--context`: overrides `current-context`.
    pub context: Option<String>,
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
    }
}

fn struct_node(
    body: &Value,
    fields: &[(&str, F)],
    transform: &dyn Fn(&str, &Value) -> Node,
) -> Node {
    let mut out = Vec::new();
    for (key, enc) in fields {
        let v = body.get(*key).unwrap_or(&Value::Null);
        match enc {
            F::Omit if is_empty(v) => {}
            F::Always if v.is_null() => {
                let empty = if BOOL_FIELDS.contains(key) {
                    Node::Bool(false)
                } else if matches!(*key, "args" | "env") {
                    Node::Null
                } else {
                    Node::Str(String::new())
                };
                out.push((key.to_string(), empty));
            }
            _ => out.push((key.to_string(), transform(key, v))),
        }
    }
    Node::Map(out)
}

fn plain(key: &str, v: &Value) -> Node {
    match key {
        "extensions" => extensions(v),
        "exec" => struct_node(&exec_defaults(v), EXEC_FIELDS, &|k, v| match k {
            "env" => Node::List(
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| {
                        Node::Map(vec![
                            ("name".into(), Node::Str(str_field(e, "name").into())),
                            ("value".into(), Node::Str(str_field(e, "value").into())),
                        ])
                    })
                    .collect(),
            ),
            _ => Node::from_json(v),
        }),
        "auth-provider" => Node::Map(vec![
            ("name".into(), Node::Str(str_field(v, "name").into())),
            (
                "config".into(),
                Node::from_json(v.get("config").unwrap_or(&Value::Null)),
            ),
        ]),
        _ => Node::from_json(v),
    }
}

/// client-go's `SetDefaults_ExecConfig`: pre-v1 plugins default to `IfAvailable`.
fn exec_defaults(v: &Value) -> Value {
    let mut v = v.clone();
    let api = str_field(&v, "apiVersion");
    let old_api = api.ends_with("/v1beta1") || api.ends_with("/v1alpha1");
    if old_api
        && str_field(&v, "interactiveMode").is_empty()
        && let Some(m) = v.as_object_mut()
    {
        m.insert(
            "interactiveMode".into(),
            Value::String("IfAvailable".into()),
        );
    }
    v
}

fn extensions(v: &Value) -> Node {
    Node::List(
        v.as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                Node::Map(vec![
                    ("name".into(), Node::Str(str_field(e, "name").into())),
                    (
                        "extension".into(),
                        Node::from_json(e.get("extension").unwrap_or(&Value::Null)),
                    ),
                ])
            })
            .collect(),
    )
}

fn redacting(raw: bool) -> impl Fn(&str, &Value) -> Node {
    move |key, v| {
        if !raw && DATA_FIELDS.contains(&key) {
            Node::Str("DATA+OMITTED".into())
        } else if !raw && SECRET_FIELDS.contains(&key) {
            Node::Str("REDACTED".into())
        } else {
            plain(key, v)
        }
    }
}

fn named(name: &str, body_key: &str, body: Node) -> Node {
    Node::Map(vec![
        ("name".into(), Node::Str(name.into())),
        (body_key.into(), body),
    ])
}

/// Inline `certificate-authority`, `client-certificate` and `client-key` files as base64
/// `*-data`, resolving relative paths against the owning file's directory.
fn flatten_entry(loaded: &Loaded, e: &Entry, pairs: &[(&str, &str)]) -> Result<Value> {
    let mut body = e.body.clone();
    let dir = loaded.base_dir(e.file);
    for (path_key, data_key) in pairs {
        let p = str_field(&body, path_key).to_string();
        if p.is_empty() {
            continue;
        }
        let full = if Path::new(&p).is_absolute() {
            p.clone().into()
        } else {
            dir.join(&p)
        };
        let bytes = std::fs::read(&full)
            .map_err(|err| Error::msg(format!("open {}: {}", full.display(), go_io(&err))))?;
        if let Some(m) = body.as_object_mut() {
            m.remove(*path_key);
            m.insert(
                data_key.to_string(),
                Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
            );
        }
    }
    Ok(body)
}

/// Go's wording for the common I/O failures (`no such file or directory`).
pub fn go_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// Build the `config view` document.
pub fn render(loaded: &Loaded, opts: &ViewOptions) -> Result<Node> {
    let raw = opts.raw || opts.flatten;
    let current = opts
        .context
        .clone()
        .filter(|c| !c.is_empty())
        .unwrap_or(loaded.current_context.clone());
    let (mut clusters, mut contexts, mut users): (Vec<&Entry>, Vec<&Entry>, Vec<&Entry>) = (
        loaded.clusters.iter().collect(),
        loaded.contexts.iter().collect(),
        loaded.users.iter().collect(),
    );
    if opts.minify {
        if current.is_empty() {
            return Err(Error::msg("current-context must exist in order to minify"));
        }
        let Some(ctx) = loaded.context(&current) else {
            return Err(Error::msg(format!("cannot locate context {current}")));
        };
        let (c, u) = (str_field(ctx, "cluster"), str_field(ctx, "user"));
        contexts.retain(|e| e.name == current);
        clusters.retain(|e| e.name == c);
        users.retain(|e| e.name == u);
    }
    let list = |v: Vec<Node>| {
        if v.is_empty() {
            Node::Null
        } else {
            Node::List(v)
        }
    };
    let mut cluster_nodes = Vec::new();
    for e in clusters {
        let body = if opts.flatten {
            flatten_entry(
                loaded,
                e,
                &[("certificate-authority", "certificate-authority-data")],
            )?
        } else {
            e.body.clone()
        };
        cluster_nodes.push(named(
            &e.name,
            "cluster",
            struct_node(&body, CLUSTER_FIELDS, &redacting(raw)),
        ));
    }
    let mut user_nodes = Vec::new();
    for e in users {
        let body = if opts.flatten {
            flatten_entry(
                loaded,
                e,
                &[
                    ("client-certificate", "client-certificate-data"),
                    ("client-key", "client-key-data"),
                ],
            )?
        } else {
            e.body.clone()
        };
        user_nodes.push(named(
            &e.name,
            "user",
            struct_node(&body, USER_FIELDS, &redacting(raw)),
        ));
    }
    let context_nodes: Vec<Node> = contexts
        .into_iter()
        .map(|e| {
            named(
                &e.name,
                "context",
                struct_node(&e.body, CONTEXT_FIELDS, &plain),
            )
        })
        .collect();
    let prefs = struct_node(
        &loaded.preferences,
        &[("colors", F::Omit), ("extensions", F::Omit)],
        &plain,
    );
    Ok(Node::Map(vec![
        ("kind".into(), Node::Str("Config".into())),
        ("apiVersion".into(), Node::Str("v1".into())),
        ("preferences".into(), prefs),
        ("clusters".into(), list(cluster_nodes)),
        ("users".into(), list(user_nodes)),
        ("contexts".into(), list(context_nodes)),
        ("current-context".into(), Node::Str(current)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeconfig::{File, merge, parse_doc};

    fn loaded(text: &str) -> Loaded {
        merge(
            vec![File {
                path: "/d/c".into(),
                doc: parse_doc(text).unwrap(),
                exists: true,
            }],
            false,
        )
    }

    const DOC: &str = "current-context: a\nclusters:\n- name: c\n  cluster:\n    server: https://x\n    \
        certificate-authority-data: Zm9v\n    insecure-skip-tls-verify: false\n    junk: 1\n\
        contexts:\n- name: a\n  context: {cluster: c, user: u, namespace: ns}\n- name: b\n  context: {cluster: z}\n\
        users:\n- name: u\n  user: {token: t, password: p, client-key-data: eA==}\n- name: v\n  user: {}\n";

    #[test]
    fn redacts_and_drops_unknown_fields() {
        let y = render(&loaded(DOC), &ViewOptions::default())
            .unwrap()
            .to_yaml()
            .unwrap();
        assert_eq!(
            y,
            "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    \
             server: https://x\n  name: c\ncontexts:\n- context:\n    cluster: c\n    namespace: ns\n    \
             user: u\n  name: a\n- context:\n    cluster: z\n    user: \"\"\n  name: b\n\
             current-context: a\nkind: Config\npreferences: {}\nusers:\n- name: u\n  user:\n    \
             client-key-data: DATA+OMITTED\n    password: REDACTED\n    token: REDACTED\n- name: v\n  user: {}\n"
        );
    }

    #[test]
    fn minify_keeps_current_context_only() {
        let opts = ViewOptions {
            minify: true,
            raw: true,
            ..Default::default()
        };
        let j = render(&loaded(DOC), &opts).unwrap().to_json();
        assert_eq!(j["contexts"].as_array().unwrap().len(), 1);
        assert_eq!(j["users"][0]["user"]["token"], "t");
        let empty = render(&loaded("{}"), &opts).unwrap_err().render().unwrap();
        assert_eq!(
            empty,
            "error: current-context must exist in order to minify\n"
        );
    }

    #[test]
    fn empty_config_prints_nulls_in_struct_order() {
        let j = render(&loaded(""), &ViewOptions::default())
            .unwrap()
            .to_json_pretty();
        assert_eq!(
            j,
            "{\n    \"kind\": \"Config\",\n    \"apiVersion\": \"v1\",\n    \"preferences\": {},\n    \
             \"clusters\": null,\n    \"users\": null,\n    \"contexts\": null,\n    \"current-context\": \"\"\n}\n"
        );
    }
}
