//! The candidates of each [`Complete`] kind, following kubectl's completion functions
//! (`pkg/util/completion/completion.go`): the same arguments looked at, the same candidate
//! forms (`TYPE/`, `TYPE/NAME`, `PORT:PORT`) and the same directives.

use serde_json::Value;

use super::Directive;
use super::source::Source;
use super::spec::Complete;
use crate::kubeconfig::Section;

/// Resource types kubectl offers as `TYPE/` for verbs that act on a pod.
const RESOURCES_WITH_PODS: &[&str] = &[
    "daemonsets",
    "deployments",
    "pods",
    "jobs",
    "replicasets",
    "replicationcontrollers",
    "services",
    "statefulsets",
];

fn prefixed<'a>(all: impl IntoIterator<Item = &'a str>, to: &str) -> Vec<String> {
    all.into_iter()
        .filter(|c| c.starts_with(to))
        .map(String::from)
        .collect()
}

/// Candidates for `kind`, given the positional arguments before the word and the word.
/// `positional` says whether the word is a positional argument (kubectl completes kubeconfig
/// names, namespaces and fixed values there only as the first one) or a flag's value.
pub async fn complete(
    kind: Complete,
    src: &mut Source<'_>,
    args: &[String],
    to: &str,
    positional: bool,
) -> (Vec<String>, Directive) {
    let nofile = Directive::NO_FILE_COMP;
    if positional && !args.is_empty() {
        match kind {
            // cobra's ValidArgs: first argument only, then the default directive.
            Complete::Values(_) => return (Vec::new(), Directive::DEFAULT),
            Complete::Namespace | Complete::Context | Complete::Cluster | Complete::User => {
                return (Vec::new(), nofile);
            }
            _ => {}
        }
    }
    match kind {
        Complete::TypeAndNames => type_and_names(src, None, true, args, to).await,
        Complete::TypeAndNamesOf(types) => type_and_names(src, Some(types), true, args, to).await,
        Complete::TypeAndNameOf(types) => type_and_names(src, Some(types), false, args, to).await,
        Complete::NamesOf(t) => {
            let comps = if args.is_empty() {
                names(src, t, to).await
            } else {
                Vec::new()
            };
            (comps, nofile)
        }
        Complete::Pod => {
            if args.is_empty() {
                pod_or_type(src, to).await
            } else {
                (Vec::new(), nofile)
            }
        }
        Complete::PodThenContainer => match args {
            [] => pod_or_type(src, to).await,
            [pod] => (containers(src, pod, to).await, nofile),
            _ => (Vec::new(), nofile),
        },
        Complete::PodThenPorts => match args {
            [] => pod_or_type(src, to).await,
            [res] => (ports(src, res, to).await, nofile),
            _ => (Vec::new(), nofile),
        },
        Complete::Container => match args.first() {
            Some(pod) => (containers(src, pod, to).await, nofile),
            None => (Vec::new(), nofile),
        },
        Complete::Namespace => (names(src, "namespace", to).await, nofile),
        Complete::Context => (
            prefixed_owned(src.kubeconfig_names(Section::Contexts), to),
            nofile,
        ),
        Complete::Cluster => (
            prefixed_owned(src.kubeconfig_names(Section::Clusters), to),
            nofile,
        ),
        Complete::User => (
            prefixed_owned(src.kubeconfig_names(Section::Users), to),
            nofile,
        ),
        Complete::Values(values) => (prefixed(values.iter().copied(), to), nofile),
        Complete::FilesWith(exts) => (
            exts.iter().map(|e| e.to_string()).collect(),
            Directive::FILTER_FILE_EXT,
        ),
        Complete::Dirs => (Vec::new(), Directive::FILTER_DIRS),
        Complete::Nothing => (Vec::new(), nofile),
    }
}

fn prefixed_owned(all: Vec<String>, to: &str) -> Vec<String> {
    all.into_iter().filter(|c| c.starts_with(to)).collect()
}

/// Names of `type_arg` that start with `to`.
async fn names(src: &mut Source<'_>, type_arg: &str, to: &str) -> Vec<String> {
    prefixed_owned(src.names(type_arg).await, to)
}

/// kubectl's `compGetResourceList`: types, completing the last entry of a comma list.
async fn resource_types(src: &mut Source<'_>, to: &str) -> Vec<String> {
    let (head, last) = match to.rfind(',') {
        Some(i) => (&to[..=i], &to[i + 1..]),
        None => ("", to),
    };
    src.resource_types()
        .await
        .into_iter()
        .filter(|t| t.starts_with(last))
        .map(|t| format!("{head}{t}"))
        .collect()
}

/// kubectl's `resourceTypeAndNameCompletionFunc`.
async fn type_and_names(
    src: &mut Source<'_>,
    allowed: Option<&[&str]>,
    repeat: bool,
    args: &[String],
    to: &str,
) -> (Vec<String>, Directive) {
    let mut directive = Directive::NO_FILE_COMP;
    let mut comps = Vec::new();
    if let Some(first) = args.first().filter(|a| !a.contains('/')) {
        // `TYPE NAME...`: every later argument is a name of that type.
        if repeat || args.len() == 1 {
            comps = names(src, first, to).await;
            comps.retain(|c| !args[1..].contains(c));
        }
        return (comps, directive);
    }
    match to.split_once('/') {
        None if args.is_empty() => {
            comps = match allowed {
                None => resource_types(src, to).await,
                Some(types) => prefixed(types.iter().copied(), to),
            };
        }
        None => {
            // The first argument was `TYPE/NAME`: the others must be too.
            if repeat {
                directive |= Directive::NO_SPACE;
                let types = match allowed {
                    None => resource_types(src, to).await,
                    Some(types) => prefixed(types.iter().copied(), to),
                };
                comps = types.into_iter().map(|t| format!("{t}/")).collect();
            }
        }
        Some((ty, name)) => {
            if repeat || args.is_empty() {
                comps = names(src, ty, name)
                    .await
                    .into_iter()
                    .map(|n| format!("{ty}/{n}"))
                    .collect();
                comps.retain(|c| !args.contains(c));
            }
        }
    }
    (comps, directive)
}

/// kubectl's `doPodResourceCompletion`: pod names and `TYPE/` of resources with pods, or
/// `TYPE/NAME` once a slash is typed.
async fn pod_or_type(src: &mut Source<'_>, to: &str) -> (Vec<String>, Directive) {
    let mut directive = Directive::NO_FILE_COMP;
    match to.split_once('/') {
        None => {
            let mut comps = names(src, "pod", to).await;
            if comps.is_empty() {
                directive |= Directive::NO_SPACE;
            }
            comps.extend(
                RESOURCES_WITH_PODS
                    .iter()
                    .filter(|r| r.starts_with(to))
                    .map(|r| format!("{r}/")),
            );
            (comps, directive)
        }
        Some((ty, name)) => {
            let comps = names(src, ty, name)
                .await
                .into_iter()
                .map(|n| format!("{ty}/{n}"))
                .collect();
            (comps, directive)
        }
    }
}

/// The pod spec behind `arg` (`POD` or `TYPE/NAME`): the pod's own, a workload's pod
/// template, or the first pod a service selects.
async fn pod_spec(src: &mut Source<'_>, arg: &str) -> Option<Value> {
    let (ty, name) = arg.split_once('/').unwrap_or(("pod", arg));
    let obj = src.object(ty, name).await?;
    if obj.get("kind").and_then(Value::as_str) == Some("Pod") {
        return obj.get("spec").cloned();
    }
    if let Some(spec) = obj.pointer("/spec/template/spec") {
        return Some(spec.clone());
    }
    if let Some(spec) = obj.pointer("/spec/jobTemplate/spec/template/spec") {
        return Some(spec.clone());
    }
    let selector = obj.pointer("/spec/selector")?.as_object()?;
    let selector = selector
        .get("matchLabels")
        .and_then(Value::as_object)
        .unwrap_or(selector);
    let sel: Vec<String> = selector
        .iter()
        .filter_map(|(k, v)| Some(format!("{k}={}", v.as_str()?)))
        .collect();
    if sel.is_empty() {
        return None;
    }
    let pod = src.pods_matching(&sel.join(",")).await.into_iter().next()?;
    pod.get("spec").cloned()
}

fn names_in(spec: &Value, key: &str) -> Vec<String> {
    spec.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(String::from))
        .collect()
}

/// kubectl's `CompGetContainers`: init containers, then containers.
async fn containers(src: &mut Source<'_>, pod: &str, to: &str) -> Vec<String> {
    let Some(spec) = pod_spec(src, pod).await else {
        return Vec::new();
    };
    let mut all = names_in(&spec, "initContainers");
    all.extend(names_in(&spec, "containers"));
    prefixed_owned(all, to)
}

/// kubectl's `CompGetPodContainerPorts` / `CompGetServicePorts`: `LOCAL:REMOTE` pairs whose
/// local part is the typed one (or the remote port itself when nothing is typed).
async fn ports(src: &mut Source<'_>, res: &str, to: &str) -> Vec<String> {
    let exposed = to.split(':').next().unwrap_or("");
    let (ty, name) = res.split_once('/').unwrap_or(("pod", res));
    let remote: Vec<String> = if matches!(ty, "service" | "services" | "svc") {
        let Some(svc) = src.object("service", name).await else {
            return Vec::new();
        };
        svc.pointer("/spec/ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| p.get("port").map(Value::to_string))
            .collect()
    } else {
        let Some(spec) = pod_spec(src, res).await else {
            return Vec::new();
        };
        spec.get("containers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|c| {
                c.get("ports")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|p| p.get("containerPort").map(Value::to_string))
            .collect()
    };
    remote
        .into_iter()
        .map(|p| {
            let local = if to.is_empty() { p.as_str() } else { exposed };
            format!("{local}:{p}")
        })
        .filter(|c| c.starts_with(to))
        .collect()
}
