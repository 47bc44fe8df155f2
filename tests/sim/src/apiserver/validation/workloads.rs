//! Workload validation: Deployment, ReplicaSet, DaemonSet, StatefulSet (apps), Job and CronJob
//! (batch), ReplicationController; including the immutable-field rules on update.

use serde_json::Value;

use super::super::status::Cause;
use super::field::{
    Go, forbidden, go_int_or_string, go_label_selector, go_string_map, invalid, nonnegative,
    not_supported, required,
};
use super::meta::{label_selector, selector_is_empty, selector_matches};
use super::pod::pod_template;

const NO_MATCH: &str = "`selector` does not match template `labels`";
const IMMUTABLE: &str = "field is immutable";

fn spec(obj: &Value) -> &Value {
    obj.get("spec").unwrap_or(&Value::Null)
}

fn template_labels(spec: &Value) -> Option<&Value> {
    spec.get("template")
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
}

/// `spec.selector` of an apps workload: required, valid and non-empty (`what` names the kind in
/// "empty selector is invalid for deployment").
fn apps_selector(errs: &mut Vec<Cause>, spec: &Value, what: &str) {
    match spec.get("selector").filter(|s| !s.is_null()) {
        None => errs.push(required("spec.selector", "")),
        Some(sel) => {
            label_selector(errs, sel, "spec.selector");
            if selector_is_empty(sel) {
                errs.push(invalid(
                    "spec.selector",
                    Go::Raw(go_label_selector(sel)),
                    &format!("empty selector is invalid for {what}"),
                ));
            }
        }
    }
}

/// `ValidatePodTemplateSpecForReplicaSet` (also used by Deployment and StatefulSet): selector
/// match, the pod template, and restartPolicy Always.
fn replicated_template(errs: &mut Vec<Cause>, spec: &Value) {
    let sel = spec.get("selector").filter(|s| !s.is_null());
    let Some(t) = spec.get("template").filter(|t| t.is_object()) else {
        errs.push(required("spec.template", ""));
        return;
    };
    let empty_sel = sel.is_some_and(selector_is_empty);
    if !empty_sel && !selector_matches(sel, template_labels(spec)) {
        errs.push(invalid(
            "spec.template.metadata.labels",
            Go::Raw(go_string_map(template_labels(spec))),
            NO_MATCH,
        ));
    }
    pod_template(errs, t, "spec.template");
    let restart = t
        .get("spec")
        .and_then(|s| s.get("restartPolicy"))
        .and_then(Value::as_str);
    if let Some(r) = restart.filter(|r| *r != "Always") {
        errs.push(not_supported(
            "spec.template.spec.restartPolicy",
            Go::str(r),
            &["Always"],
        ));
    }
    if t.get("spec")
        .and_then(|s| s.get("activeDeadlineSeconds"))
        .is_some_and(|v| !v.is_null())
    {
        errs.push(forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            "activeDeadlineSeconds in ReplicaSet is not Supported",
        ));
    }
}

/// `IsNotMoreThan100Percent` + `ValidatePositiveIntOrPercent` for maxSurge/maxUnavailable.
fn int_or_percent(errs: &mut Vec<Cause>, v: Option<&Value>, path: &str) {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return;
    };
    match v {
        Value::String(s) => match s.strip_suffix('%').and_then(|n| n.parse::<i64>().ok()) {
            None => errs.push(invalid(
                path,
                Go::str(s),
                "a valid percent string must be a numeric string followed by an ending '%' (e.g. \
                 '1%',  or '93%', regex used for validation is '[0-9]+%')",
            )),
            Some(n) if n > 100 => errs.push(invalid(
                path,
                Go::Raw(go_int_or_string(v)),
                "must not be greater than 100%",
            )),
            Some(_) => {}
        },
        Value::Number(n) if n.as_i64().is_some_and(|i| i < 0) => errs.push(invalid(
            path,
            Go::Int(n.as_i64().unwrap_or(0)),
            "must be greater than or equal to 0",
        )),
        _ => {}
    }
}

fn is_zero(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Number(n)) => n.as_i64() == Some(0),
        Some(Value::String(s)) => s == "0%",
        _ => false,
    }
}

pub(crate) fn deployment(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let spec = spec(obj);
    nonnegative(errs, spec, "replicas", "spec.replicas");
    apps_selector(errs, spec, "deployment");
    replicated_template(errs, spec);
    let strategy = spec.get("strategy").unwrap_or(&Value::Null);
    match strategy.get("type").and_then(Value::as_str).unwrap_or("") {
        "Recreate" => {
            if strategy.get("rollingUpdate").is_some_and(|r| !r.is_null()) {
                errs.push(forbidden(
                    "spec.strategy.rollingUpdate",
                    "may not be specified when strategy `type` is 'Recreate'",
                ));
            }
        }
        "RollingUpdate" => {
            let ru = strategy.get("rollingUpdate").unwrap_or(&Value::Null);
            let p = "spec.strategy.rollingUpdate";
            int_or_percent(
                errs,
                ru.get("maxUnavailable"),
                &format!("{p}.maxUnavailable"),
            );
            int_or_percent(errs, ru.get("maxSurge"), &format!("{p}.maxSurge"));
            if is_zero(ru.get("maxUnavailable")) && is_zero(ru.get("maxSurge")) {
                errs.push(invalid(
                    &format!("{p}.maxUnavailable"),
                    Go::Raw(go_int_or_string(&ru["maxUnavailable"])),
                    "may not be 0 when `maxSurge` is 0",
                ));
            }
        }
        other => errs.push(not_supported(
            "spec.strategy.type",
            Go::str(other),
            &["Recreate", "RollingUpdate"],
        )),
    }
    nonnegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");
    nonnegative(
        errs,
        spec,
        "revisionHistoryLimit",
        "spec.revisionHistoryLimit",
    );
    if let Some(pds) = spec.get("progressDeadlineSeconds").and_then(Value::as_i64) {
        nonnegative(
            errs,
            spec,
            "progressDeadlineSeconds",
            "spec.progressDeadlineSeconds",
        );
        let min_ready = spec
            .get("minReadySeconds")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        if pds <= min_ready {
            errs.push(invalid(
                "spec.progressDeadlineSeconds",
                Go::Int(pds),
                "must be greater than minReadySeconds",
            ));
        }
    }
    if let Some(old) = old {
        immutable_selector(errs, spec, self::spec(old));
    }
}

/// apps/v1 selectors cannot change once set.
fn immutable_selector(errs: &mut Vec<Cause>, new: &Value, old: &Value) {
    let (n, o) = (new.get("selector"), old.get("selector"));
    if n != o {
        let shown = n.map(go_label_selector).unwrap_or_else(|| "null".into());
        errs.push(invalid("spec.selector", Go::Raw(shown), IMMUTABLE));
    }
}

pub(crate) fn replica_set(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let spec = spec(obj);
    nonnegative(errs, spec, "replicas", "spec.replicas");
    nonnegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");
    apps_selector(errs, spec, "deployment");
    replicated_template(errs, spec);
    if let Some(old) = old {
        immutable_selector(errs, spec, self::spec(old));
    }
}

pub(crate) fn replication_controller(errs: &mut Vec<Cause>, obj: &Value) {
    let spec = spec(obj);
    nonnegative(errs, spec, "replicas", "spec.replicas");
    nonnegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");
    let sel = spec.get("selector").and_then(Value::as_object);
    if sel.is_none_or(|m| m.is_empty()) {
        errs.push(required("spec.selector", ""));
    }
    super::meta::labels(errs, spec.get("selector"), "spec.selector");
    let Some(t) = spec.get("template").filter(|t| t.is_object()) else {
        errs.push(required("spec.template", ""));
        return;
    };
    let tl = template_labels(spec);
    if let Some(sel) = sel.filter(|m| !m.is_empty()) {
        let matches = sel
            .iter()
            .all(|(k, v)| tl.and_then(|l| l.get(k)) == Some(v));
        if !matches {
            errs.push(invalid(
                "spec.template.metadata.labels",
                Go::Raw(go_string_map(tl)),
                "`selector` does not match template `labels`",
            ));
        }
    }
    pod_template(errs, t, "spec.template");
    let restart = t
        .get("spec")
        .and_then(|s| s.get("restartPolicy"))
        .and_then(Value::as_str);
    if let Some(r) = restart.filter(|r| *r != "Always") {
        errs.push(not_supported(
            "spec.template.spec.restartPolicy",
            Go::str(r),
            &["Always"],
        ));
    }
}

/// `ValidateDaemonSetSpec`: unlike the others, a missing selector is only reported as the
/// template mismatch (a nil selector matches nothing).
pub(crate) fn daemon_set(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let spec = spec(obj);
    let sel = spec.get("selector").filter(|s| !s.is_null());
    if let Some(sel) = sel {
        label_selector(errs, sel, "spec.selector");
    }
    let empty_sel = sel.is_some_and(selector_is_empty);
    if !empty_sel && !selector_matches(sel, template_labels(spec)) {
        errs.push(invalid(
            "spec.template.metadata.labels",
            Go::Raw(go_string_map(template_labels(spec))),
            NO_MATCH,
        ));
    }
    if let Some(sel) = sel.filter(|s| selector_is_empty(s)) {
        errs.push(invalid(
            "spec.selector",
            Go::Raw(go_label_selector(sel)),
            "empty selector is invalid for daemonset",
        ));
    }
    let t = spec.get("template").unwrap_or(&Value::Null);
    pod_template(errs, t, "spec.template");
    controller_template_rules(errs, t, "DaemonSet");
    nonnegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");
    nonnegative(errs, spec, "templateGeneration", "spec.templateGeneration");
    let us = spec.get("updateStrategy").unwrap_or(&Value::Null);
    match us.get("type").and_then(Value::as_str).unwrap_or("") {
        "OnDelete" => {}
        "RollingUpdate" => match us.get("rollingUpdate").filter(|r| !r.is_null()) {
            None => errs.push(required("spec.updateStrategy.rollingUpdate", "")),
            Some(ru) => {
                let p = "spec.updateStrategy.rollingUpdate";
                let (mu, ms) = (ru.get("maxUnavailable"), ru.get("maxSurge"));
                int_or_percent(errs, mu, &format!("{p}.maxUnavailable"));
                int_or_percent(errs, ms, &format!("{p}.maxSurge"));
                match (is_zero_or_unset(mu), is_zero_or_unset(ms)) {
                    (false, false) => errs.push(invalid(
                        &format!("{p}.maxSurge"),
                        Go::Raw(go_int_or_string(ms.unwrap_or(&Value::Null))),
                        "may not be set when maxUnavailable is non-zero",
                    )),
                    (true, true) => errs.push(required(
                        &format!("{p}.maxUnavailable"),
                        "cannot be 0 when maxSurge is 0",
                    )),
                    _ => {}
                }
            }
        },
        _ => errs.push(not_supported(
            "spec.updateStrategy",
            Go::Raw(go_update_strategy("apps.DaemonSetUpdateStrategy", us)),
            &["RollingUpdate", "OnDelete"],
        )),
    }
    nonnegative(
        errs,
        spec,
        "revisionHistoryLimit",
        "spec.revisionHistoryLimit",
    );
    if let Some(old) = old {
        immutable_selector(errs, spec, self::spec(old));
    }
}

/// restartPolicy Always and no activeDeadlineSeconds, for DaemonSet/StatefulSet templates.
fn controller_template_rules(errs: &mut Vec<Cause>, t: &Value, kind: &str) {
    let ts = t.get("spec").unwrap_or(&Value::Null);
    let restart = ts
        .get("restartPolicy")
        .and_then(Value::as_str)
        .unwrap_or("");
    if restart != "Always" {
        errs.push(not_supported(
            "spec.template.spec.restartPolicy",
            Go::str(restart),
            &["Always"],
        ));
    }
    if ts
        .get("activeDeadlineSeconds")
        .is_some_and(|v| !v.is_null())
    {
        errs.push(forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            &format!("activeDeadlineSeconds in {kind} is not Supported"),
        ));
    }
}

/// A zero (or absent, which Go decodes as zero) int-or-percent.
fn is_zero_or_unset(v: Option<&Value>) -> bool {
    v.is_none_or(Value::is_null) || is_zero(v)
}

/// `%#v` of an update-strategy struct with an unsupported type (rollingUpdate omitted).
fn go_update_strategy(go_type: &str, us: &Value) -> String {
    let ty = us.get("type").and_then(Value::as_str).unwrap_or("");
    let ru = if us.get("rollingUpdate").is_some_and(|r| !r.is_null()) {
        "(non-nil)"
    } else {
        "(nil)"
    };
    format!(
        "{go_type}{{Type:{}, RollingUpdate:{ru}}}",
        super::field::go_quote(ty)
    )
}

/// `ValidateStatefulSetSpec`: the pod spec itself is not validated for StatefulSets (its
/// volumes come from volumeClaimTemplates), only the template's labels and annotations.
pub(crate) fn stateful_set(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let spec = spec(obj);
    match spec
        .get("podManagementPolicy")
        .and_then(Value::as_str)
        .unwrap_or("")
    {
        "" => errs.push(required("spec.podManagementPolicy", "")),
        "OrderedReady" | "Parallel" => {}
        other => errs.push(invalid(
            "spec.podManagementPolicy",
            Go::str(other),
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    let us = spec.get("updateStrategy").unwrap_or(&Value::Null);
    match us.get("type").and_then(Value::as_str).unwrap_or("") {
        "" => errs.push(required("spec.updateStrategy", "")),
        "OnDelete" => {
            if us.get("rollingUpdate").is_some_and(|r| !r.is_null()) {
                errs.push(invalid(
                    "spec.updateStrategy.rollingUpdate",
                    Go::Raw(us["rollingUpdate"].to_string()),
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(ru) = us.get("rollingUpdate").filter(|r| r.is_object()) {
                let p = "spec.updateStrategy.rollingUpdate";
                nonnegative(errs, ru, "partition", &format!("{p}.partition"));
                if let Some(mu) = ru.get("maxUnavailable").filter(|v| !v.is_null()) {
                    int_or_percent(errs, Some(mu), &format!("{p}.maxUnavailable"));
                    if is_zero(Some(mu)) {
                        errs.push(invalid(
                            &format!("{p}.maxUnavailable"),
                            Go::Raw(go_int_or_string(mu)),
                            "cannot be 0",
                        ));
                    }
                }
            }
        }
        _ => errs.push(invalid(
            "spec.updateStrategy",
            Go::Raw(go_update_strategy("apps.StatefulSetUpdateStrategy", us)),
            "must be 'RollingUpdate' or 'OnDelete'",
        )),
    }
    if let Some(p) = spec
        .get("persistentVolumeClaimRetentionPolicy")
        .filter(|p| p.is_object())
    {
        for key in ["whenDeleted", "whenScaled"] {
            let v = p.get(key).and_then(Value::as_str).unwrap_or("");
            if v != "Retain" && v != "Delete" {
                errs.push(not_supported(
                    &format!("spec.persistentVolumeClaimRetentionPolicy.{key}"),
                    Go::str(v),
                    &["Retain", "Delete"],
                ));
            }
        }
    }
    nonnegative(errs, spec, "replicas", "spec.replicas");
    nonnegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");
    apps_selector(errs, spec, "statefulset");
    let sel = spec.get("selector").filter(|s| !s.is_null());
    let t = spec.get("template").unwrap_or(&Value::Null);
    if !sel.is_some_and(selector_is_empty) && !selector_matches(sel, template_labels(spec)) {
        errs.push(invalid(
            "spec.template.metadata.labels",
            Go::Raw(go_string_map(template_labels(spec))),
            NO_MATCH,
        ));
    }
    let meta = t.get("metadata").unwrap_or(&Value::Null);
    super::meta::labels(errs, meta.get("labels"), "spec.template.labels");
    super::meta::annotations(errs, meta.get("annotations"), "spec.template.annotations");
    controller_template_rules(errs, t, "StatefulSet");
    if let Some(old) = old {
        // Only these may change; everything else in spec is frozen.
        let mut a = spec.clone();
        let mut b = self::spec(old).clone();
        for key in [
            "replicas",
            "ordinals",
            "template",
            "updateStrategy",
            "persistentVolumeClaimRetentionPolicy",
            "minReadySeconds",
        ] {
            for m in [a.as_object_mut(), b.as_object_mut()].into_iter().flatten() {
                m.remove(key);
            }
        }
        if a != b {
            errs.push(forbidden(
                "spec",
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', \
                 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and \
                 'minReadySeconds' are forbidden",
            ));
        }
    }
}

/// `validateJobSpec` + `ValidateJobSpec` at `path` (`spec` or `spec.jobTemplate.spec`).
fn job_spec(errs: &mut Vec<Cause>, spec: &Value, path: &str, check_selector: bool) {
    for key in [
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "backoffLimit",
        "ttlSecondsAfterFinished",
        "backoffLimitPerIndex",
        "maxFailedIndexes",
    ] {
        nonnegative(errs, spec, key, &format!("{path}.{key}"));
    }
    if let Some(mode) = spec.get("completionMode").and_then(Value::as_str) {
        if mode != "NonIndexed" && mode != "Indexed" {
            errs.push(not_supported(
                &format!("{path}.completionMode"),
                Go::str(mode),
                &["NonIndexed", "Indexed"],
            ));
        }
        if mode == "Indexed" && spec.get("completions").is_none_or(Value::is_null) {
            errs.push(required(
                &format!("{path}.completions"),
                "when completion mode is Indexed",
            ));
        }
    }
    if let Some(p) = spec.get("podReplacementPolicy").and_then(Value::as_str)
        && p != "Failed"
        && p != "TerminatingOrFailed"
    {
        errs.push(not_supported(
            &format!("{path}.podReplacementPolicy"),
            Go::str(p),
            &["Failed", "TerminatingOrFailed"],
        ));
    }
    let t = spec.get("template").unwrap_or(&Value::Null);
    pod_template(errs, t, &format!("{path}.template"));
    let restart = t
        .get("spec")
        .and_then(|s| s.get("restartPolicy"))
        .and_then(Value::as_str);
    let rp = format!("{path}.template.spec.restartPolicy");
    match restart.unwrap_or("") {
        "Always" | "" => errs.push(required(&rp, "valid values: \"OnFailure\", \"Never\"")),
        "OnFailure" | "Never" => {}
        other => errs.push(not_supported(&rp, Go::str(other), &["OnFailure", "Never"])),
    }
    if !check_selector {
        return;
    }
    match spec.get("selector").filter(|s| !s.is_null()) {
        None => errs.push(required(&format!("{path}.selector"), "")),
        Some(sel) => label_selector(errs, sel, &format!("{path}.selector")),
    }
    if let Some(sel) = spec.get("selector").filter(|s| !s.is_null())
        && !selector_matches(Some(sel), template_labels(spec))
    {
        errs.push(invalid(
            &format!("{path}.template.metadata.labels"),
            Go::Raw(go_string_map(template_labels(spec))),
            NO_MATCH,
        ));
    }
}

pub(crate) fn job(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let spec = spec(obj);
    let meta = obj.get("metadata").unwrap_or(&Value::Null);
    let manual = spec.get("manualSelector").and_then(Value::as_bool) == Some(true);
    if !manual && spec.get("selector").is_some_and(|s| !s.is_null()) {
        let uid = meta.get("uid").and_then(Value::as_str).unwrap_or("");
        let name = meta.get("name").and_then(Value::as_str).unwrap_or("");
        if uid.is_empty() {
            errs.push(required("metadata.uid", ""));
        }
        let tl = template_labels(spec);
        for (key, want) in [
            ("controller-uid", uid),
            ("job-name", name),
            ("batch.kubernetes.io/controller-uid", uid),
            ("batch.kubernetes.io/job-name", name),
        ] {
            let p = format!("spec.template.metadata.labels[{key}]");
            match tl.and_then(|l| l.get(key)).and_then(Value::as_str) {
                None => errs.push(required(&p, &format!("must be '{want}'"))),
                Some(v) if v != want => errs.push(invalid(
                    &p,
                    Go::Raw(go_string_map(tl)),
                    &format!("must be '{want}'"),
                )),
                Some(_) => {}
            }
        }
        let expected = serde_json::json!({
            "controller-uid": uid, "job-name": name,
            "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name,
        });
        if !selector_matches(spec.get("selector"), Some(&expected)) {
            errs.push(invalid(
                "spec.selector",
                Go::Raw(go_label_selector(&spec["selector"])),
                "`selector` not auto-generated",
            ));
        }
    }
    job_spec(errs, spec, "spec", true);
    let Some(old) = old else { return };
    let os = self::spec(old);
    if spec.get("selector") != os.get("selector") {
        let shown = spec
            .get("selector")
            .map(go_label_selector)
            .unwrap_or_else(|| "null".into());
        errs.push(invalid("spec.selector", Go::Raw(shown), IMMUTABLE));
    }
    let indexed = spec.get("completionMode").and_then(Value::as_str) == Some("Indexed");
    if !indexed && spec.get("completions") != os.get("completions") {
        errs.push(invalid(
            "spec.completions",
            Go::of(&spec["completions"]),
            IMMUTABLE,
        ));
    }
    if spec.get("completionMode") != os.get("completionMode") {
        errs.push(invalid(
            "spec.completionMode",
            Go::of(&spec["completionMode"]),
            IMMUTABLE,
        ));
    }
    // The template is frozen except while the Job is suspended (then scheduling directives may
    // change); labels of the template stay frozen either way.
    let suspended = os.get("suspend").and_then(Value::as_bool) == Some(true);
    if !suspended && spec.get("template") != os.get("template") {
        errs.push(invalid(
            "spec.template",
            Go::Raw(format!("core.PodTemplateSpec{}", spec["template"])),
            IMMUTABLE,
        ));
    }
}

pub(crate) fn cron_job(errs: &mut Vec<Cause>, obj: &Value) {
    let name = obj
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    // Job names get an 11-character suffix, and they must stay DNS-1035 label length.
    if name.len() > 52 {
        errs.push(invalid(
            "metadata.name",
            Go::str(name),
            "must be no more than 52 characters",
        ));
    }
    let spec = spec(obj);
    match spec.get("schedule").and_then(Value::as_str).unwrap_or("") {
        "" => errs.push(required("spec.schedule", "")),
        sched => {
            if let Err(m) = check_schedule(sched) {
                errs.push(invalid("spec.schedule", Go::str(sched), &m));
            }
        }
    }
    let cp = spec
        .get("concurrencyPolicy")
        .and_then(Value::as_str)
        .unwrap_or("");
    const POLICIES: &[&str] = &["Allow", "Forbid", "Replace"];
    if cp.is_empty() {
        errs.push(required("spec.concurrencyPolicy", ""));
    } else if !POLICIES.contains(&cp) {
        errs.push(not_supported(
            "spec.concurrencyPolicy",
            Go::str(cp),
            POLICIES,
        ));
    }
    for key in [
        "startingDeadlineSeconds",
        "successfulJobsHistoryLimit",
        "failedJobsHistoryLimit",
    ] {
        nonnegative(errs, spec, key, &format!("spec.{key}"));
    }
    let jt = spec.get("jobTemplate").unwrap_or(&Value::Null);
    super::meta::labels(
        errs,
        jt.get("metadata").and_then(|m| m.get("labels")),
        "spec.jobTemplate.metadata.labels",
    );
    let js = jt.get("spec").unwrap_or(&Value::Null);
    if js.get("manualSelector").and_then(Value::as_bool) == Some(true) {
        errs.push(not_supported(
            "spec.jobTemplate.spec.manualSelector",
            Go::Bool(true),
            &["nil", "false"],
        ));
    }
    job_spec(errs, js, "spec.jobTemplate.spec", false);
}

/// Enough of robfig/cron's standard parser to reject what it rejects, with its wording.
fn check_schedule(s: &str) -> Result<(), String> {
    if s.starts_with('@') {
        const DESCRIPTORS: &[&str] = &[
            "@yearly",
            "@annually",
            "@monthly",
            "@weekly",
            "@daily",
            "@midnight",
            "@hourly",
        ];
        if DESCRIPTORS.contains(&s) || s.starts_with("@every ") {
            return Ok(());
        }
        return Err(format!("unrecognized descriptor: {s}"));
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    if fields.len() != 5 {
        // robfig/cron prints the fields as a Go []string.
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    let ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
    for (f, (lo, hi)) in fields.iter().zip(ranges) {
        for part in f.split(',') {
            let (range, step) = match part.split_once('/') {
                Some((r, st)) => (r, Some(st)),
                None => (part, None),
            };
            if let Some(st) = step {
                match st.parse::<u32>() {
                    Err(_) => {
                        return Err(format!(
                            "failed to parse int from {st}: strconv.Atoi: parsing {}: invalid syntax",
                            super::field::go_quote(st)
                        ));
                    }
                    Ok(0) => {
                        return Err(format!("step of range should be a positive number: {part}"));
                    }
                    Ok(_) => {}
                }
            }
            if range == "*" || range == "?" {
                continue;
            }
            let (a, b) = range.split_once('-').unwrap_or((range, range));
            for v in [a, b] {
                let n = parse_cron_value(v).ok_or_else(|| {
                    format!(
                        "failed to parse int from {v}: strconv.Atoi: parsing {}: invalid syntax",
                        super::field::go_quote(v)
                    )
                })?;
                if n < lo {
                    return Err(format!(
                        "beginning of range ({n}) below minimum ({lo}): {range}"
                    ));
                }
                if n > hi {
                    return Err(format!("end of range ({n}) above maximum ({hi}): {range}"));
                }
            }
        }
    }
    Ok(())
}

fn parse_cron_value(v: &str) -> Option<u32> {
    const NAMES: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    let l = v.to_lowercase();
    if let Some(i) = NAMES.iter().position(|n| *n == l) {
        return Some(i as u32 + 1);
    }
    if let Some(i) = DAYS.iter().position(|n| *n == l) {
        return Some(i as u32);
    }
    v.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msgs(errs: &[Cause]) -> Vec<String> {
        errs.iter()
            .map(|c| format!("{}: {}", c.field, c.message))
            .collect()
    }

    fn tmpl(labels: Value, restart: &str) -> Value {
        json!({"metadata": {"labels": labels}, "spec": {"restartPolicy": restart,
            "dnsPolicy": "ClusterFirst", "containers": [{"name": "c", "image": "nginx",
            "imagePullPolicy": "Always", "terminationMessagePolicy": "File"}]}})
    }

    fn deploy(sel: Option<Value>, labels: Value) -> Value {
        let mut d = json!({"metadata": {"name": "bad"}, "spec": {"replicas": 1,
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%",
            "maxUnavailable": "25%"}}, "template": tmpl(labels, "Always"),
            "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600}});
        if let Some(s) = sel {
            d["spec"]["selector"] = s;
        }
        d
    }

    #[test]
    fn deployment_without_selector() {
        let mut errs = Vec::new();
        deployment(&mut errs, &deploy(None, json!({"app": "x"})), None);
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: \
                 `selector` does not match template `labels`",
            ]
        );
    }

    #[test]
    fn deployment_selector_mismatch_empty_and_immutable() {
        let mut errs = Vec::new();
        deployment(
            &mut errs,
            &deploy(
                Some(json!({"matchLabels": {"app": "y"}})),
                json!({"app": "x"}),
            ),
            None,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: \
                  `selector` does not match template `labels`"
            ]
        );

        let mut errs = Vec::new();
        deployment(
            &mut errs,
            &deploy(Some(json!({})), json!({"app": "x"})),
            None,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), \
                  MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid \
                  for deployment"
            ]
        );

        let old = deploy(
            Some(json!({"matchLabels": {"app": "x"}})),
            json!({"app": "x", "v": "2"}),
        );
        let new = deploy(
            Some(json!({"matchLabels": {"app": "x", "v": "2"}})),
            json!({"app": "x", "v": "2"}),
        );
        let mut errs = Vec::new();
        deployment(&mut errs, &new, Some(&old));
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\
                  \"app\":\"x\", \"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: \
                  field is immutable"
            ]
        );
    }

    #[test]
    fn deployment_numbers_and_strategy() {
        let mut d = deploy(
            Some(json!({"matchLabels": {"app": "x"}})),
            json!({"app": "x"}),
        );
        d["spec"]["replicas"] = json!(-1);
        d["spec"]["strategy"]["rollingUpdate"] = json!({"maxSurge": 0, "maxUnavailable": 0});
        d["spec"]["template"]["spec"]["restartPolicy"] = json!("Never");
        let mut errs = Vec::new();
        deployment(&mut errs, &d, None);
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported \
                 values: \"Always\"",
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \
                 intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` \
                 is 0",
            ]
        );
    }

    #[test]
    fn job_restart_policy_and_generated_selector() {
        let uid = "u-1";
        let labels = json!({"batch.kubernetes.io/controller-uid": uid,
            "batch.kubernetes.io/job-name": "pi", "controller-uid": uid, "job-name": "pi"});
        let mk = |restart: &str| {
            json!({"metadata": {"name": "pi", "uid": uid}, "spec": {
            "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}},
            "template": tmpl(labels.clone(), restart), "backoffLimit": 6}})
        };
        let mut errs = Vec::new();
        job(&mut errs, &mk("Never"), None);
        assert!(errs.is_empty(), "{errs:?}");
        let mut errs = Vec::new();
        job(&mut errs, &mk("Always"), None);
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
            ]
        );
        let mut errs = Vec::new();
        job(&mut errs, &mk("Sometimes"), None);
        // Upstream reports it twice: once from the pod spec, once from the Job rules.
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported \
                 values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported \
                 values: \"OnFailure\", \"Never\"",
            ]
        );
        let mut changed = mk("Never");
        changed["spec"]["template"]["spec"]["containers"][0]["image"] = json!("perl");
        let mut errs = Vec::new();
        job(&mut errs, &changed, Some(&mk("Never")));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "spec.template");
        assert!(errs[0].message.ends_with(": field is immutable"));
    }

    #[test]
    fn daemonset_rules_differ_from_deployment() {
        let ds = |sel: Option<Value>, ru: Value| {
            let mut d = json!({"metadata": {"name": "agent"}, "spec": {
                "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": ru},
                "template": tmpl(json!({"app": "a"}), "Always"), "revisionHistoryLimit": 10}});
            if let Some(s) = sel {
                d["spec"]["selector"] = s;
            }
            d
        };
        let mut errs = Vec::new();
        daemon_set(
            &mut errs,
            &ds(None, json!({"maxUnavailable": 1, "maxSurge": 0})),
            None,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"a\"}: \
                  `selector` does not match template `labels`"
            ]
        );
        let sel = Some(json!({"matchLabels": {"app": "a"}}));
        let mut errs = Vec::new();
        daemon_set(
            &mut errs,
            &ds(sel.clone(), json!({"maxUnavailable": 1, "maxSurge": "10%"})),
            None,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{\
                  Type:1, IntVal:0, StrVal:\"10%\"}: may not be set when maxUnavailable is non-zero"
            ]
        );
        let mut errs = Vec::new();
        daemon_set(
            &mut errs,
            &ds(sel, json!({"maxUnavailable": 0, "maxSurge": 0})),
            None,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 \
                  when maxSurge is 0"
            ]
        );
    }

    #[test]
    fn statefulset_pod_spec_may_mount_claim_templates() {
        let mut t = tmpl(json!({"app": "db"}), "Always");
        t["spec"]["containers"][0]["volumeMounts"] = json!([{"name": "data", "mountPath": "/d"}]);
        let sts = json!({"metadata": {"name": "db"}, "spec": {"podManagementPolicy": "Parallel",
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
            "replicas": 1, "selector": {"matchLabels": {"app": "db"}}, "template": t,
            "volumeClaimTemplates": [{"metadata": {"name": "data"}}]}});
        let mut errs = Vec::new();
        stateful_set(&mut errs, &sts, None);
        assert!(errs.is_empty(), "{errs:?}");
        let mut bad = sts.clone();
        bad["spec"]["podManagementPolicy"] = json!("Random");
        let mut errs = Vec::new();
        stateful_set(&mut errs, &bad, None);
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or \
                  'Parallel'"
            ]
        );
    }

    #[test]
    fn statefulset_forbidden_update_and_cronjob() {
        let sts = |svc: &str| {
            json!({"metadata": {"name": "web"}, "spec": {"serviceName": svc,
            "podManagementPolicy": "OrderedReady", "replicas": 1,
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
            "selector": {"matchLabels": {"app": "w"}}, "template": tmpl(json!({"app": "w"}), "Always")}})
        };
        let mut errs = Vec::new();
        stateful_set(&mut errs, &sts("a"), Some(&sts("a")));
        assert!(errs.is_empty(), "{errs:?}");
        stateful_set(&mut errs, &sts("b"), Some(&sts("a")));
        assert_eq!(
            msgs(&errs),
            vec![
                "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', \
                  'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' \
                  and 'minReadySeconds' are forbidden"
            ]
        );

        let cj = |sched: &str| {
            json!({"metadata": {"name": "hello"}, "spec": {"schedule": sched,
            "concurrencyPolicy": "Allow", "jobTemplate": {"spec": {"template":
                tmpl(json!(null), "OnFailure")}}}})
        };
        let mut errs = Vec::new();
        cron_job(&mut errs, &cj("*/5 * * * *"));
        assert!(errs.is_empty(), "{errs:?}");
        cron_job(&mut errs, &cj("every minute"));
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found \
                  2: [every minute]"
            ]
        );
    }
}
