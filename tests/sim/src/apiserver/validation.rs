//! Validation: 422 Invalid with causes, immutable fields, and `fieldValidation` unknown fields.
//!
//! Messages are the apiserver's own (apimachinery `field.Error` bodies, kube-apiserver
//! `validation.go` details), because kubectl prints them verbatim:
//! `The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: ...`.
//! Checks run on the defaulted object, as upstream does.

mod decode;
mod field;
mod meta;
mod names;
pub(crate) mod pod;
mod rbac;
mod service;
mod types;
mod unknown;
mod workloads;

use serde_json::Value;

use self::names::NameRule;
use super::status::{ApiError, Cause};

/// A JSON or merge patch whose result the decoder cannot read as the kind: the apiserver's
/// patch handler answers 422 Invalid naming the whole patched object (`"" is invalid:
/// patch: Invalid value: "{...}": json: cannot unmarshal ...`).
pub fn patched_object(group: &str, kind: &str, patched: &Value) -> Result<(), ApiError> {
    match decode::detail(group, kind, patched, decode::Decoder::Json) {
        None => Ok(()),
        Some(d) => Err(invalid_patch(super::gojson::marshal(patched), &d)),
    }
}

/// A strategic merge patch whose result the unstructured converter cannot read as the kind:
/// 422 Invalid quoting the patch as Go prints the decoded map (`%+v`: `map[spec:map[replicas:x]]`)
/// with the converter's words (`unrecognized type: int32`).
pub fn strategic_patched_object(
    group: &str,
    kind: &str,
    patch: &Value,
    patched: &Value,
) -> Result<(), ApiError> {
    match decode::detail(group, kind, patched, decode::Decoder::Unstructured) {
        None => Ok(()),
        Some(d) => Err(invalid_patch(super::gojson::print_value(patch), &d)),
    }
}

fn invalid_patch(value: String, detail: &str) -> ApiError {
    ApiError::invalid(
        "",
        "",
        "",
        vec![field::invalid("patch", field::Go::Str(value), detail)],
    )
}

/// Validates `obj` (after defaulting); `old` is the stored object on update. Values the real
/// apiserver cannot even decode (bad quantities, non-base64 Secret data) are a 400 BadRequest;
/// everything else is a 422 Invalid listing every cause.
pub fn validate(group: &str, kind: &str, obj: &Value, old: Option<&Value>) -> Result<(), ApiError> {
    // Upstream rejects these while decoding, before validation runs.
    decode::check(group, kind, obj)?;
    // Objects written by in-process controllers may never have been defaulted; comparing a
    // defaulted new object with them would invent changes, so compare defaulted with defaulted
    // (defaulting is deterministic and idempotent).
    let old_defaulted = old.map(|o| {
        let mut o = o.clone();
        super::defaults::apply_defaults(group, kind, &mut o);
        o
    });
    let old = old_defaulted.as_ref();
    let mut errs = Vec::new();
    meta::object_meta(&mut errs, obj, name_rule(group, kind));
    match (group, kind) {
        ("", "Pod") => {
            let spec = obj.get("spec").unwrap_or(&Value::Null);
            pod::pod_spec(&mut errs, spec, "spec");
            pod::pod_only(&mut errs, spec);
            if let Some(old) = old {
                pod::pod_update(&mut errs, obj, old);
            }
        }
        ("", "PodTemplate") => pod::pod_template(
            &mut errs,
            obj.get("template").unwrap_or(&Value::Null),
            "template",
        ),
        ("", "ReplicationController") => workloads::replication_controller(&mut errs, obj),
        ("", "Service") => service::service(&mut errs, obj, old),
        ("", "ConfigMap") => service::config_map(&mut errs, obj, old),
        ("", "Secret") => service::secret(&mut errs, obj, old),
        ("", "Namespace") => service::namespace(&mut errs, obj),
        ("", "PersistentVolumeClaim") => service::pvc(&mut errs, obj, old),
        ("apps", "Deployment") => workloads::deployment(&mut errs, obj, old),
        ("apps", "ReplicaSet") => workloads::replica_set(&mut errs, obj, old),
        ("apps", "DaemonSet") => workloads::daemon_set(&mut errs, obj, old),
        ("apps", "StatefulSet") => workloads::stateful_set(&mut errs, obj, old),
        ("batch", "Job") => workloads::job(&mut errs, obj, old),
        ("batch", "CronJob") => workloads::cron_job(&mut errs, obj),
        ("networking.k8s.io", "Ingress") => service::ingress(&mut errs, obj),
        ("rbac.authorization.k8s.io", "Role") => rbac::role(&mut errs, obj, true),
        ("rbac.authorization.k8s.io", "ClusterRole") => rbac::role(&mut errs, obj, false),
        ("rbac.authorization.k8s.io", "RoleBinding") => rbac::binding(&mut errs, obj, old, true),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding") => {
            rbac::binding(&mut errs, obj, old, false)
        }
        ("scheduling.k8s.io", "PriorityClass") => rbac::priority_class(&mut errs, obj, old),
        _ => {}
    }
    if errs.is_empty() {
        return Ok(());
    }
    let name = obj
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    Err(ApiError::invalid(group, kind, name, dedup(errs)))
}

/// Paths of fields in `obj` that the kind's schema does not know, e.g. `spec.foo` or
/// `spec.template.spec.containers[0].foo` (the apiserver's spelling in
/// `strict decoding error: unknown field "spec.foo"`), for `fieldValidation=Strict|Warn`.
/// Custom resources without a schema have none.
pub fn unknown_fields(group: &str, kind: &str, obj: &Value) -> Vec<String> {
    unknown::unknown_fields(group, kind, obj)
}

/// apimachinery's `ToAggregate` drops causes whose rendered text repeats.
fn dedup(errs: Vec<Cause>) -> Vec<Cause> {
    let mut seen = std::collections::BTreeSet::new();
    errs.into_iter()
        .filter(|c| seen.insert((c.field.clone(), c.message.clone())))
        .collect()
}

/// Which `ValidateNameFunc` the kind's strategy uses for `metadata.name`.
fn name_rule(group: &str, kind: &str) -> NameRule {
    match (group, kind) {
        ("", "Service") => NameRule::Dns1035,
        ("", "Namespace") => NameRule::Label,
        ("rbac.authorization.k8s.io", _) => NameRule::PathSegment,
        ("", "Event") | ("events.k8s.io", "Event") => NameRule::Any,
        _ => NameRule::Subdomain,
    }
}

#[cfg(test)]
mod tests {
    use super::super::defaults::apply_defaults;
    use super::*;
    use serde_json::json;

    /// Defaults then validates, like the core's create path.
    fn create(group: &str, kind: &str, mut obj: Value) -> Result<Value, ApiError> {
        apply_defaults(group, kind, &mut obj);
        validate(group, kind, &obj, None).map(|()| obj)
    }

    #[test]
    fn deployment_without_selector_is_the_classic_422() {
        let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "bad"},
            "spec": {"template": {"metadata": {"labels": {"app": "x"}},
                "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
        let e = create("apps", "Deployment", d).unwrap_err();
        assert_eq!(e.code, 422);
        assert_eq!(e.reason, "Invalid");
        assert_eq!(
            e.message,
            "Deployment.apps \"bad\" is invalid: [spec.selector: Required value, \
             spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: \
             `selector` does not match template `labels`]"
        );
        assert_eq!(
            e.to_status()["details"],
            json!({"name": "bad", "group": "apps", "kind": "Deployment", "causes": [
                {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.selector"},
                {"reason": "FieldValueInvalid", "message": "Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`",
                 "field": "spec.template.metadata.labels"}
            ]})
        );
    }

    #[test]
    fn bad_names_per_kind() {
        let e = create("", "ConfigMap", json!({"metadata": {"name": "Bad_Name"}})).unwrap_err();
        assert_eq!(
            e.message,
            "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a \
             lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \
             '-' or '.', and must start and end with an alphanumeric character (e.g. \
             'example.com', regex used for validation is \
             '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        );
        let e = create(
            "",
            "Service",
            json!({"metadata": {"name": "1web"},
            "spec": {"ports": [{"port": 80}]}}),
        )
        .unwrap_err();
        assert!(e.message.starts_with(
            "Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label"
        ));
        let e = create("", "Namespace", json!({"metadata": {"name": "a.b"}})).unwrap_err();
        assert_eq!(
            e.message,
            "Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": must not contain dots"
        );
        let e = create(
            "",
            "Pod",
            json!({"metadata": {}, "spec": {"containers": [
            {"name": "c", "image": "i"}]}}),
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "Pod \"\" is invalid: metadata.name: Required value: name or generateName is required"
        );
        assert!(
            create(
                "rbac.authorization.k8s.io",
                "ClusterRole",
                json!({"metadata": {"name": "system:controller:x"}})
            )
            .is_ok()
        );
    }

    #[test]
    fn valid_objects_pass_after_defaulting() {
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c",
            "image": "nginx", "ports": [{"containerPort": 80}]}]}});
        create("", "Pod", pod).unwrap();
        let dep = json!({"metadata": {"name": "web"}, "spec": {"selector": {"matchLabels":
            {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec":
            {"containers": [{"name": "nginx", "image": "nginx"}]}}}});
        create("apps", "Deployment", dep).unwrap();
        let job = json!({"metadata": {"name": "pi", "uid": "abc"}, "spec": {"template": {"spec":
            {"containers": [{"name": "pi", "image": "perl"}], "restartPolicy": "Never"}}}});
        create("batch", "Job", job).unwrap();
        let cj = json!({"metadata": {"name": "hello"}, "spec": {"schedule": "*/1 * * * *",
            "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "h",
            "image": "busybox"}], "restartPolicy": "OnFailure"}}}}}});
        create("batch", "CronJob", cj).unwrap();
        let svc = json!({"metadata": {"name": "web"}, "spec": {"selector": {"app": "web"},
            "ports": [{"port": 80, "targetPort": 8080}]}});
        create("", "Service", svc).unwrap();
        let sts = json!({"metadata": {"name": "db"}, "spec": {"serviceName": "db", "selector":
            {"matchLabels": {"app": "db"}}, "template": {"metadata": {"labels": {"app": "db"}},
            "spec": {"containers": [{"name": "db", "image": "postgres"}]}}}});
        create("apps", "StatefulSet", sts).unwrap();
        let ds = json!({"metadata": {"name": "agent"}, "spec": {"selector": {"matchLabels":
            {"app": "a"}}, "template": {"metadata": {"labels": {"app": "a"}},
            "spec": {"containers": [{"name": "a", "image": "agent"}]}}}});
        create("apps", "DaemonSet", ds).unwrap();
        create("", "Namespace", json!({"metadata": {"name": "dev"}})).unwrap();
        create(
            "",
            "Secret",
            json!({"metadata": {"name": "s"}, "data": {"k": "dg=="}}),
        )
        .unwrap();
    }

    #[test]
    fn job_with_restart_always() {
        let job = json!({"metadata": {"name": "pi", "uid": "abc"}, "spec": {"template": {"spec":
            {"containers": [{"name": "pi", "image": "perl"}]}}}});
        let e = create("batch", "Job", job).unwrap_err();
        assert_eq!(
            e.message,
            "Job.batch \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid \
             values: \"OnFailure\", \"Never\""
        );
    }

    #[test]
    fn pod_update_forbidden_message_through_validate() {
        let mut old = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c",
            "image": "nginx:1"}]}});
        apply_defaults("", "Pod", &mut old);
        let mut new = old.clone();
        new["spec"]["containers"][0]["command"] = json!(["sleep", "1"]);
        let e = validate("", "Pod", &new, Some(&old)).unwrap_err();
        assert!(e.message.starts_with(
            "Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than \
             `spec.containers[*].image`,"
        ));
        let mut image = old.clone();
        image["spec"]["containers"][0]["image"] = json!("nginx:2");
        validate("", "Pod", &image, Some(&old)).unwrap();
    }

    #[test]
    fn updates_of_never_defaulted_objects_are_not_invented_changes() {
        // As an in-process controller might have stored them: no defaults at all.
        let raw_pod = json!({"metadata": {"name": "web-abcde", "namespace": "default",
            "uid": "u1"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
        let mut labelled = raw_pod.clone();
        labelled["metadata"]["labels"] = json!({"a": "b"});
        apply_defaults("", "Pod", &mut labelled);
        validate("", "Pod", &labelled, Some(&raw_pod)).unwrap();

        let raw_job = json!({"metadata": {"name": "j", "uid": "u2"}, "spec": {"template":
            {"spec": {"containers": [{"name": "c", "image": "busybox"}],
                      "restartPolicy": "Never"}}}});
        let mut labelled = raw_job.clone();
        labelled["metadata"]["labels"] = json!({"a": "b"});
        apply_defaults("batch", "Job", &mut labelled);
        validate("batch", "Job", &labelled, Some(&raw_job)).unwrap();
    }

    #[test]
    fn duplicate_causes_are_dropped() {
        let errs = vec![
            field::required("a", ""),
            field::required("a", ""),
            field::required("b", ""),
        ];
        assert_eq!(dedup(errs).len(), 2);
    }
}
