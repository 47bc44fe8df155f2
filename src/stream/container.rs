//! Which container of a pod a streaming verb talks to (kubectl's `podcmd`): the
//! `kubectl.kubernetes.io/default-container` annotation, else the first container, with the
//! "Defaulted container" notice when the choice was not obvious.

use k8s_openapi::api::core::v1::Pod;

use crate::error::{Error, Result};
use crate::ui::Ui;

/// The annotation naming a pod's most interesting container.
pub const DEFAULT_ANNOTATION: &str = "kubectl.kubernetes.io/default-container";

/// Where a container sits in the pod spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `spec.containers`.
    Regular,
    /// `spec.initContainers`.
    Init,
    /// `spec.ephemeralContainers`.
    Ephemeral,
}

/// A container found by name: its kind and whether it asked for a TTY.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The container's name.
    pub name: String,
    /// Which list it is in.
    pub kind: Kind,
    /// `tty: true` in its spec.
    pub tty: bool,
    /// `stdin: true` in its spec.
    pub stdin: bool,
}

/// kubectl's `FindContainerByName`: containers, then init, then ephemeral containers.
pub fn find(pod: &Pod, name: &str) -> Option<Found> {
    let spec = pod.spec.as_ref()?;
    let regular = spec.containers.iter().map(|c| {
        (
            &c.name,
            Kind::Regular,
            c.tty.unwrap_or(false),
            c.stdin.unwrap_or(false),
        )
    });
    let init = spec.init_containers.iter().flatten().map(|c| {
        (
            &c.name,
            Kind::Init,
            c.tty.unwrap_or(false),
            c.stdin.unwrap_or(false),
        )
    });
    let ephemeral = spec.ephemeral_containers.iter().flatten().map(|c| {
        (
            &c.name,
            Kind::Ephemeral,
            c.tty.unwrap_or(false),
            c.stdin.unwrap_or(false),
        )
    });
    regular
        .chain(init)
        .chain(ephemeral)
        .find(|(n, ..)| n.as_str() == name)
        .map(|(n, kind, tty, stdin)| Found {
            name: n.clone(),
            kind,
            tty,
            stdin,
        })
}

/// The containers of `pod` in kubectl's `--all-containers` order: init, regular, ephemeral.
pub fn all(pod: &Pod) -> Vec<String> {
    let Some(spec) = pod.spec.as_ref() else {
        return Vec::new();
    };
    let init = spec
        .init_containers
        .iter()
        .flatten()
        .map(|c| c.name.clone());
    let regular = spec.containers.iter().map(|c| c.name.clone());
    let ephemeral = spec
        .ephemeral_containers
        .iter()
        .flatten()
        .map(|c| c.name.clone());
    init.chain(regular).chain(ephemeral).collect()
}

/// kubectl's `AllContainerNames`: `app, sidecar, debugger (ephem), init-db (init)`.
pub fn all_names(pod: &Pod) -> String {
    let Some(spec) = pod.spec.as_ref() else {
        return String::new();
    };
    let mut names: Vec<String> = spec.containers.iter().map(|c| c.name.clone()).collect();
    names.extend(
        spec.ephemeral_containers
            .iter()
            .flatten()
            .map(|c| format!("{} (ephem)", c.name)),
    );
    names.extend(
        spec.init_containers
            .iter()
            .flatten()
            .map(|c| format!("{} (init)", c.name)),
    );
    names.join(", ")
}

fn first(pod: &Pod) -> Result<String> {
    let spec = pod.spec.as_ref();
    let c = spec.and_then(|s| s.containers.first()).ok_or_else(|| {
        Error::msg(format!(
            "pod {}/{} does not have any containers",
            pod.metadata.namespace.as_deref().unwrap_or(""),
            pod.metadata.name.as_deref().unwrap_or("")
        ))
    })?;
    Ok(c.name.clone())
}

fn ambiguous(pod: &Pod) -> bool {
    pod.spec.as_ref().is_some_and(|s| {
        s.containers.len() > 1
            || s.init_containers.as_ref().is_some_and(|v| !v.is_empty())
            || s.ephemeral_containers
                .as_ref()
                .is_some_and(|v| !v.is_empty())
    })
}

fn annotated(pod: &Pod) -> Option<&str> {
    pod.metadata
        .annotations
        .as_ref()?
        .get(DEFAULT_ANNOTATION)
        .map(String::as_str)
        .filter(|s| !s.is_empty())
}

/// kubectl's `FindOrDefaultContainerByName` (exec, attach, cp): `name` if given (it must
/// exist), else the annotated container, else the first one with the "Defaulted container"
/// notice on stderr unless `quiet`.
pub fn pick(ui: &Ui, pod: &Pod, name: Option<&str>, quiet: bool) -> Result<Found> {
    let pod_name = pod.metadata.name.as_deref().unwrap_or("");
    if let Some(n) = name.filter(|n| !n.is_empty()) {
        return find(pod, n)
            .ok_or_else(|| Error::msg(format!("container {n} not found in pod {pod_name}")));
    }
    if let Some(found) = annotated(pod).and_then(|a| find(pod, a)) {
        return Ok(found);
    }
    let name = first(pod)?;
    if !quiet && ambiguous(pod) {
        ui.eprint(&format!(
            "Defaulted container {name:?} out of: {}\n",
            all_names(pod)
        ))?;
    }
    find(pod, &name)
        .ok_or_else(|| Error::msg(format!("container {name} not found in pod {pod_name}")))
}

/// The container `logs` reads when none was named: the annotated one (or the notice
/// `Default container name "x" not found in pod p`), else the first, with the "Defaulted
/// container" notice unless several pods of one object are read (`--all-pods`).
pub fn for_logs(ui: &Ui, pod: &Pod, all_pods: bool) -> Result<String> {
    let pod_name = pod.metadata.name.as_deref().unwrap_or("");
    if let Some(a) = annotated(pod) {
        if find(pod, a).is_some() {
            return Ok(a.to_string());
        }
        ui.eprint(&format!(
            "Default container name {a:?} not found in pod {pod_name}\n"
        ))?;
    }
    let name = first(pod)?;
    if !all_pods && ambiguous(pod) {
        ui.eprint(&format!(
            "Defaulted container {name:?} out of: {}\n",
            all_names(pod)
        ))?;
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(json: serde_json::Value) -> Pod {
        serde_json::from_value(json).unwrap()
    }

    fn sample() -> Pod {
        pod(serde_json::json!({
            "metadata": {"name": "p", "namespace": "ns"},
            "spec": {
                "containers": [{"name": "app"}, {"name": "sidecar", "tty": true}],
                "initContainers": [{"name": "init-db"}],
                "ephemeralContainers": [{"name": "debugger"}]
            }
        }))
    }

    #[test]
    fn names_in_kubectl_order() {
        let p = sample();
        assert_eq!(
            all_names(&p),
            "app, sidecar, debugger (ephem), init-db (init)"
        );
        assert_eq!(all(&p), ["init-db", "app", "sidecar", "debugger"]);
        assert_eq!(find(&p, "debugger").unwrap().kind, Kind::Ephemeral);
        assert!(find(&p, "sidecar").unwrap().tty);
        assert!(find(&p, "nope").is_none());
    }

    #[test]
    fn defaulting_and_notices() {
        let (ui, cap) = Ui::for_test();
        let p = sample();
        assert_eq!(pick(&ui, &p, None, false).unwrap().name, "app");
        assert_eq!(pick(&ui, &p, None, true).unwrap().name, "app");
        assert_eq!(
            pick(&ui, &p, Some("x"), false).unwrap_err().to_string(),
            "container x not found in pod p"
        );
        assert_eq!(for_logs(&ui, &p, true).unwrap(), "app");
        assert_eq!(
            cap.stderr(),
            "Defaulted container \"app\" out of: app, sidecar, debugger (ephem), init-db (init)\n"
        );
        let mut annotated = sample();
        annotated.metadata.annotations = Some(
            [(DEFAULT_ANNOTATION.to_string(), "gone".to_string())]
                .into_iter()
                .collect(),
        );
        let (ui, cap) = Ui::for_test();
        assert_eq!(for_logs(&ui, &annotated, true).unwrap(), "app");
        assert_eq!(
            cap.stderr(),
            "Default container name \"gone\" not found in pod p\n"
        );
    }
}
