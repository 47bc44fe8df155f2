//! The apiserver's defaulting (what a created object gains that kubectl output depends on).

use serde_json::Value;

/// Fills in defaults for an object of `group`/`kind` (e.g. Deployment strategy, pod
/// restartPolicy, container terminationMessagePath, Service sessionAffinity).
pub fn apply_defaults(group: &str, kind: &str, obj: &mut Value) {
    let _ = (group, kind, obj);
}
