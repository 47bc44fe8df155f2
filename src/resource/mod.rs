//! Resource arguments and API discovery: how `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2` and
//! `TYPE/NAME...` command-line arguments become API resources (kubectl's resource builder
//! and RESTMapper).
//!
//! - [`parse_args`] splits the positional arguments into a [`Selection`] (pure).
//! - [`discovery`] fetches what the server serves (aggregated discovery with a legacy
//!   fallback, including short names, singular names and categories that kube's own
//!   `Discovery` does not keep) and resolves a typed name to an [`ApiResourceInfo`].

pub mod discovery;

pub use discovery::{ApiResourceInfo, Discovery};

use crate::error::{Error, PROG, Result};

/// What the positional arguments of a verb such as `get` or `delete` select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// `TYPE[,TYPE...] [NAME...]`: each type, optionally restricted to the names.
    Types {
        /// The comma-separated types, as typed (`po`, `deployments.apps`).
        types: Vec<String>,
        /// Object names (empty = all).
        names: Vec<String>,
    },
    /// `TYPE/NAME...`: explicit pairs, in order.
    Pairs(Vec<(String, String)>),
}

/// kubectl's split of positional arguments (`ResourceBuilder.ResourceTypeOrNameArgs`).
///
/// `command` is the verb (e.g. `get`) for kubectl's hint text. An empty `args` yields
/// `Types` with no types; each verb words its own "must specify a type" error.
pub fn parse_args(command: &str, args: &[String]) -> Result<Selection> {
    let slashed = args.iter().filter(|a| a.contains('/')).count();
    if slashed > 0 {
        if slashed != args.len() {
            return Err(Error::Plain(format!(
                "error: there is no need to specify a resource type as a separate argument when \
                 passing arguments in resource/name form (e.g. '{PROG} {command} \
                 resource/<resource_name>' instead of '{PROG} {command} resource \
                 resource/<resource_name>'"
            )));
        }
        let mut pairs = Vec::new();
        for a in args {
            match a.split_once('/') {
                Some((t, n)) if !t.is_empty() && !n.is_empty() && !n.contains('/') => {
                    pairs.push((t.to_string(), n.to_string()));
                }
                _ => {
                    return Err(Error::msg(
                        "arguments in resource/name form must have a single resource and name",
                    ));
                }
            }
        }
        return Ok(Selection::Pairs(pairs));
    }
    let Some((first, names)) = args.split_first() else {
        return Ok(Selection::Types {
            types: Vec::new(),
            names: Vec::new(),
        });
    };
    let types = first
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    Ok(Selection::Types {
        types,
        names: names.to_vec(),
    })
}

/// A `kube::Api` over dynamic objects of `res`, namespaced to `namespace` when the resource
/// is namespaced (`None` = all namespaces).
pub fn dynamic_api(
    client: kube::Client,
    res: &ApiResourceInfo,
    namespace: Option<&str>,
) -> kube::Api<kube::api::DynamicObject> {
    let ar = res.api_resource();
    match (res.namespaced, namespace) {
        (true, Some(ns)) => kube::Api::namespaced_with(client, ns, &ar),
        _ => kube::Api::all_with(client, &ar),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn types_and_names() {
        assert_eq!(
            parse_args("get", &s(&["po,svc", "a", "b"])).unwrap(),
            Selection::Types {
                types: s(&["po", "svc"]),
                names: s(&["a", "b"])
            }
        );
        assert_eq!(
            parse_args("get", &s(&["pod/a", "deploy/b"])).unwrap(),
            Selection::Pairs(vec![
                ("pod".into(), "a".into()),
                ("deploy".into(), "b".into())
            ])
        );
    }

    #[test]
    fn kubectl_errors() {
        let e = parse_args("get", &s(&["pods", "pod/x"]))
            .unwrap_err()
            .render()
            .unwrap();
        assert!(
            e.starts_with("error: there is no need to specify a resource type"),
            "{e}"
        );
        assert!(e.contains("'kk get resource/<resource_name>'"), "{e}");
        let e = parse_args("get", &s(&["pod/"]))
            .unwrap_err()
            .render()
            .unwrap();
        assert_eq!(
            e,
            "error: arguments in resource/name form must have a single resource and name\n"
        );
    }
}
