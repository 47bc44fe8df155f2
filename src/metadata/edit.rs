//! The local edit of an object's labels or annotations: kubectl's `--overwrite` conflict
//! checks and messages, and the `labeled`/`unlabeled`/`not labeled` word.

use serde_json::{Map, Value};

use super::Kind;
use super::pairs::Changes;
use crate::error::{Error, Result};

/// Apply `changes` to the object's map; the error is kubectl's `--overwrite` conflict.
pub fn edit(
    obj: &mut Value,
    kind: Kind,
    c: &Changes,
    overwrite: bool,
    rv: Option<&str>,
) -> Result<()> {
    let current: Map<String, Value> = obj
        .pointer(&format!("/metadata/{}", kind.field()))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if !overwrite {
        let conflicts: Vec<(String, String)> = c
            .set
            .iter()
            .filter_map(|(k, v)| {
                let cur = current.get(k)?.as_str()?;
                (cur != v).then(|| (k.clone(), cur.to_string()))
            })
            .collect();
        match kind {
            Kind::Label => {
                if let Some((k, cur)) = conflicts.first() {
                    return Err(Error::msg(format!(
                        "'{k}' already has a value ({cur}), and --overwrite is false"
                    )));
                }
            }
            Kind::Annotation => {
                // kubectl lets the change-cause annotation be overwritten freely.
                let list: Vec<String> = conflicts
                    .iter()
                    .filter(|(k, _)| k != "kubernetes.io/change-cause")
                    .map(|(k, cur)| format!("'{k}' already has a value ({cur})"))
                    .collect();
                if !list.is_empty() {
                    return Err(Error::msg(format!(
                        "--overwrite is false but found the following declared annotation(s): {}",
                        list.join("; ")
                    )));
                }
            }
        }
    }
    let mut map = current;
    for (k, v) in &c.set {
        map.insert(k.clone(), Value::String(v.clone()));
    }
    for k in &c.remove {
        map.remove(k);
    }
    let meta = obj
        .as_object_mut()
        .ok_or_else(|| Error::msg("object is not a JSON object"))?
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(m) = meta.as_object_mut() {
        // kubectl edits unstructured objects: the map is always set, even when empty, so
        // removing a key that was never there still counts as a change ("labeled").
        m.insert(kind.field().into(), Value::Object(map));
        if let Some(rv) = rv {
            m.insert("resourceVersion".into(), Value::String(rv.into()));
        }
    }
    Ok(())
}

/// kubectl's `updateDataChangeMsg`: compares the serialized objects.
pub fn change_word(old: &Value, new: &Value, overwrite: bool) -> &'static str {
    if old == new {
        return "not labeled";
    }
    let len = |v: &Value| serde_json::to_vec(v).map(|b| b.len()).unwrap_or(0);
    if !overwrite && len(new) < len(old) {
        "unlabeled"
    } else {
        "labeled"
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::metadata::pairs::parse_changes;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn removing_a_missing_label_counts_as_labeled() {
        let c = json!({"metadata": {"name": "x"}});
        let mut d = c.clone();
        let rm = parse_changes(&s(&["z-"]), Kind::Label).unwrap();
        edit(&mut d, Kind::Label, &rm, false, None).unwrap();
        assert_eq!(change_word(&c, &d, false), "labeled");
    }

    #[test]
    fn conflicts_and_words() {
        let mut o = json!({"metadata": {"labels": {"a": "1"}}});
        let c = parse_changes(&s(&["a=2"]), Kind::Label).unwrap();
        assert_eq!(
            edit(&mut o, Kind::Label, &c, false, None)
                .unwrap_err()
                .to_string(),
            "'a' already has a value (1), and --overwrite is false"
        );
        let before = o.clone();
        let c = parse_changes(&s(&["a-"]), Kind::Label).unwrap();
        edit(&mut o, Kind::Label, &c, false, None).unwrap();
        assert_eq!(change_word(&before, &o, false), "unlabeled");
        assert_eq!(change_word(&before, &o, true), "labeled");
        assert_eq!(change_word(&o, &o, false), "not labeled");
    }
}
