//! `kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N |
//! --max-unavailable=N` (`create_pdb.go`).

use serde_json::{Value, json};

use super::selector::parse_to_label_selector;

/// What `create poddisruptionbudget` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The budget's name.
    pub name: String,
    /// `--selector`.
    pub selector: String,
    /// `--min-available`.
    pub min_available: String,
    /// `--max-unavailable`.
    pub max_unavailable: String,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// `^[0-9]+%?$`.
fn number_or_percent(s: &str) -> bool {
    let digits = s.strip_suffix('%').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.name.is_empty() {
        return Err("name must be specified".into());
    }
    if p.selector.is_empty() {
        return Err("a selector must be specified".into());
    }
    if p.max_unavailable.is_empty() && p.min_available.is_empty() {
        return Err("one of min-available or max-unavailable must be specified".into());
    }
    if !p.max_unavailable.is_empty() && !p.min_available.is_empty() {
        return Err("min-available and max-unavailable cannot be both specified".into());
    }
    if !p.min_available.is_empty() && !number_or_percent(&p.min_available) {
        return Err("invalid format specified for min-available".into());
    }
    if !p.max_unavailable.is_empty() && !number_or_percent(&p.max_unavailable) {
        return Err("invalid format specified for max-unavailable".into());
    }
    Ok(())
}

/// `intstr.Parse`: a 32-bit number, else the string.
fn int_or_string(s: &str) -> Value {
    match s.parse::<i32>() {
        Ok(n) => json!(n),
        Err(_) => json!(s),
    }
}

/// The PodDisruptionBudget.
pub fn build(p: &Params) -> Result<Value, String> {
    validate(p)?;
    let mut spec = json!({"selector": parse_to_label_selector(&p.selector)?});
    if !p.min_available.is_empty() {
        spec["minAvailable"] = int_or_string(&p.min_available);
    } else {
        spec["maxUnavailable"] = int_or_string(&p.max_unavailable);
    }
    let mut pdb = super::object(
        "policy/v1",
        "PodDisruptionBudget",
        &p.name,
        p.namespace.as_deref(),
    );
    pdb["spec"] = spec;
    Ok(pdb)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create pdb p --selector=app=x --min-available=50% --dry-run=client -o yaml
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "p".into(),
            selector: "app=x".into(),
            min_available: "50%".into(),
            ..Default::default()
        };
        assert_eq!(
            crate::printers::yaml::to_kubectl_yaml(&shape::normalize(&build(&p).unwrap())).unwrap(),
            "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  creationTimestamp: null\n  name: p\nspec:\n  minAvailable: 50%\n  selector:\n    matchLabels:\n      app: x\nstatus:\n  currentHealthy: 0\n  desiredHealthy: 0\n  disruptionsAllowed: 0\n  expectedPods: 0\n"
        );
        let bad = Params {
            min_available: "x".into(),
            ..p
        };
        assert_eq!(
            validate(&bad).unwrap_err(),
            "invalid format specified for min-available"
        );
    }
}
