//! `kk config set PROPERTY_NAME PROPERTY_VALUE` and `kk config unset PROPERTY_NAME`.
//!
//! PROPERTY_NAME is a dot-delimited path: `current-context`, `preferences.colors`,
//! `clusters.NAME.FIELD`, `contexts.NAME.FIELD`, `users.NAME.FIELD[.KEY...]`.

use serde_json::{Map, Value, json};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::kubeconfig::{Loaded, Section};

/// Set an individual value in a kubeconfig file.
///
/// PROPERTY_NAME is a dot delimited name where each token represents either an attribute name
/// or a map key. Map keys may not contain dots.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Set the server field on the my-cluster cluster to https://1.2.3.4\n  kk config set clusters.my-cluster.server https://1.2.3.4"
)]
pub struct SetArgs {
    /// PROPERTY_NAME PROPERTY_VALUE
    #[arg(value_name = "ARG")]
    pub args: Vec<String>,
    /// When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.
    #[arg(long, pflag_bool())]
    pub set_raw_bytes: Option<bool>,
}

/// Unset an individual value in a kubeconfig file.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Unset the current-context\n  kk config unset current-context")]
pub struct UnsetArgs {
    /// PROPERTY_NAME
    #[arg(value_name = "PROPERTY_NAME")]
    pub args: Vec<String>,
}

const BOOL_FIELDS: &[&str] = &[
    "insecure-skip-tls-verify",
    "disable-compression",
    "provideClusterInfo",
];

fn section(top: &str) -> Option<Section> {
    Section::ALL.into_iter().find(|s| s.key() == top)
}

enum Op<'a> {
    Set(&'a str),
    Unset,
}

fn apply(loaded: &mut Loaded, path: &str, op: Op<'_>) -> Result<Vec<usize>> {
    let steps: Vec<&str> = path.split('.').collect();
    let top = steps[0];
    if top == "current-context" && steps.len() == 1 {
        let v = match op {
            Op::Set(v) => v,
            Op::Unset => "",
        };
        return Ok(vec![loaded.set_current_context(v)]);
    }
    if top == "preferences" && steps.len() > 1 {
        let file = loaded.default_target();
        let doc = &mut loaded.files[file].doc;
        let prefs = doc
            .as_object_mut()
            .map(|m| m.entry("preferences").or_insert_with(|| json!({})));
        if let Some(p) = prefs {
            edit_path(p, &steps[1..], &op)?;
        }
        return Ok(vec![file]);
    }
    let Some(s) = section(top) else {
        return Err(Error::msg(format!(
            "unable to parse {path} after [] at api.Config"
        )));
    };
    let Some(name) = steps.get(1).filter(|n| !n.is_empty()) else {
        return Err(Error::msg(format!(
            "unable to parse {path} after [{top}] at api.Config"
        )));
    };
    let rest = &steps[2..];
    if matches!(op, Op::Unset) && loaded.owner(s, name).is_none() {
        return Err(Error::msg(format!("current map key `{name}` is invalid")));
    }
    if rest.is_empty() {
        let file = match op {
            Op::Unset => loaded.remove(s, name),
            Op::Set(_) => {
                return Err(Error::msg(format!(
                    "unable to parse {path}: setting a whole entry is not supported"
                )));
            }
        };
        return Ok(file.into_iter().collect());
    }
    let mut result = Ok(());
    let (file, _) = loaded.upsert(s, name, |m| {
        let mut body = Value::Object(std::mem::take(m));
        result = edit_path(&mut body, rest, &op);
        if let Value::Object(b) = body {
            *m = b;
        }
    });
    result?;
    Ok(vec![file])
}

fn edit_path(v: &mut Value, steps: &[&str], op: &Op<'_>) -> Result<()> {
    let (last, parents) = steps.split_last().expect("non-empty path");
    let mut cur = v;
    for p in parents {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let m = cur.as_object_mut().expect("object");
        cur = m.entry(p.to_string()).or_insert_with(|| json!({}));
    }
    if !cur.is_object() {
        *cur = Value::Object(Map::new());
    }
    let m = cur.as_object_mut().expect("object");
    match op {
        Op::Set(val) => {
            let val = if BOOL_FIELDS.contains(last) {
                json!(crate::go::parse_bool(val).map_err(Error::msg)?)
            } else {
                json!(val)
            };
            m.insert(last.to_string(), val);
        }
        Op::Unset => {
            m.remove(*last);
        }
    }
    Ok(())
}

/// `config set`.
pub async fn run_set(ctx: &Ctx, args: &SetArgs) -> Result<()> {
    let [name, value] = args.args.as_slice() else {
        return Err(super::unexpected_args(ctx, &["config", "set"], &args.args));
    };
    let mut loaded = ctx.load_kubeconfig()?;
    for f in apply(&mut loaded, name, Op::Set(value))? {
        loaded.save(f)?;
    }
    ctx.ui().print(&format!("Property {name:?} set.\n"))?;
    Ok(())
}

/// `config unset`.
pub async fn run_unset(ctx: &Ctx, args: &UnsetArgs) -> Result<()> {
    let [name] = args.args.as_slice() else {
        return Err(super::unexpected_args(
            ctx,
            &["config", "unset"],
            &args.args,
        ));
    };
    let mut loaded = ctx.load_kubeconfig()?;
    for f in apply(&mut loaded, name, Op::Unset)? {
        loaded.save(f)?;
    }
    ctx.ui().print(&format!("Property {name:?} unset.\n"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeconfig::{File, merge, parse_doc};

    fn loaded() -> Loaded {
        let doc = parse_doc("clusters:\n- name: c\n  cluster: {server: https://a}\n").unwrap();
        merge(
            vec![File {
                path: "/nonexistent/x".into(),
                doc,
                exists: true,
            }],
            false,
        )
    }

    #[test]
    fn set_and_unset_fields() {
        let mut l = loaded();
        apply(
            &mut l,
            "clusters.c.insecure-skip-tls-verify",
            Op::Set("true"),
        )
        .unwrap();
        assert_eq!(l.clusters[0].body["insecure-skip-tls-verify"], true);
        apply(&mut l, "clusters.c.server", Op::Unset).unwrap();
        assert!(l.clusters[0].body.get("server").is_none());
        apply(&mut l, "users.u.auth-provider.config.k", Op::Set("v")).unwrap();
        assert_eq!(l.users[0].body["auth-provider"]["config"]["k"], "v");
    }

    #[test]
    fn kubectl_errors() {
        let mut l = loaded();
        let e = apply(&mut l, "foo", Op::Set("bar"))
            .unwrap_err()
            .render()
            .unwrap();
        assert_eq!(e, "error: unable to parse foo after [] at api.Config\n");
        let e = apply(&mut l, "users.foo.token", Op::Unset)
            .unwrap_err()
            .render()
            .unwrap();
        assert_eq!(e, "error: current map key `foo` is invalid\n");
    }
}
