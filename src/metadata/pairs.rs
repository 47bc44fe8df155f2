//! `label`/`annotate` arguments: kubectl's `GetResourcesAndPairs` (resources first, then
//! `KEY=VAL` and `KEY-` pairs) and each verb's pair syntax, checks and messages.

use std::collections::BTreeMap;

use super::Kind;
use crate::error::{Error, Result};

/// kubectl's `GetResourcesAndPairs`: everything before the first pair is a resource;
/// `word` names the pairs in its error (`label`, `annotation`, `image`).
pub fn split_args(args: &[String], word: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for s in args {
        let is_pair = (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        if is_pair {
            pairs.push(s.clone());
        } else if !pairs.is_empty() {
            return Err(Error::msg(format!(
                "all resources must be specified before {word} changes: {s}"
            )));
        } else {
            resources.push(s.clone());
        }
    }
    Ok((resources, pairs))
}

/// kubectl's `ParsePairs`: `KEY=VAL` (the last value of a key wins) and, when
/// `support_remove`, `KEY-`; anything else is `invalid <word> format: a, b`.
pub fn parse_pairs(
    pairs: &[String],
    word: &str,
    support_remove: bool,
) -> Result<(BTreeMap<String, String>, Vec<String>)> {
    let mut set = BTreeMap::new();
    let mut remove = Vec::new();
    let mut invalid: Vec<&str> = Vec::new();
    for p in pairs {
        match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                set.insert(k.to_string(), v.to_string());
            }
            _ if support_remove && p.ends_with('-') && p != "-" => {
                remove.push(p[..p.len() - 1].to_string());
            }
            _ => invalid.push(p),
        }
    }
    if !invalid.is_empty() {
        return Err(Error::msg(format!(
            "invalid {word} format: {}",
            invalid.join(", ")
        )));
    }
    Ok((set, remove))
}

/// The requested changes: keys to set and keys to remove.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// `key=value` (sorted).
    pub set: BTreeMap<String, String>,
    /// `key-`, in the order given.
    pub remove: Vec<String>,
}

/// Parse `k=v` / `k-` with kubectl's rules and messages for each kind.
pub fn parse_changes(pairs: &[String], kind: Kind) -> Result<Changes> {
    let mut c = Changes::default();
    match kind {
        Kind::Label => {
            for p in pairs {
                if p.contains('=') {
                    let parts: Vec<&str> = p.split('=').collect();
                    if parts.len() != 2 {
                        return Err(Error::msg(format!("invalid label spec: {p}")));
                    }
                    if let Some(why) = invalid_label_value(parts[1]) {
                        return Err(Error::msg(format!("invalid label value: {p:?}: {why}")));
                    }
                    c.set.insert(parts[0].into(), parts[1].into());
                } else if let Some(k) = p.strip_suffix('-') {
                    if !k.is_empty() {
                        c.remove.push(k.into());
                    }
                } else {
                    return Err(Error::msg(format!("unknown label spec: {p}")));
                }
            }
            if c.remove.iter().any(|k| c.set.contains_key(k)) {
                return Err(Error::msg(
                    "can not both modify and remove a label in the same command",
                ));
            }
        }
        Kind::Annotation => {
            let mut invalid: Vec<&str> = Vec::new();
            for p in pairs {
                if let Some((k, v)) = p.split_once('=') {
                    if k.is_empty() {
                        invalid.push(p);
                    } else {
                        c.set.insert(k.into(), v.into());
                    }
                } else if let Some(k) = p.strip_suffix('-') {
                    c.remove.push(k.into());
                } else {
                    invalid.push(p);
                }
            }
            if !invalid.is_empty() {
                return Err(Error::msg(format!(
                    "invalid annotation format: {}",
                    invalid.join(", ")
                )));
            }
            let both: Vec<&str> = c
                .remove
                .iter()
                .filter(|k| c.set.contains_key(*k))
                .map(String::as_str)
                .collect();
            if !both.is_empty() {
                return Err(Error::msg(format!(
                    "can not both modify and remove the following annotation(s) in the same command: {}",
                    both.join(", ")
                )));
            }
        }
    }
    Ok(c)
}

/// apimachinery's `IsValidLabelValue` messages (empty is valid).
fn invalid_label_value(v: &str) -> Option<String> {
    const MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    let ok_chars = v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    let ends = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_alphanumeric());
    if !(ok_chars && ends(v.as_bytes().first()) && ends(v.as_bytes().last())) {
        errs.push(MSG.to_string());
    }
    (!errs.is_empty()).then(|| errs.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn args_split_at_first_pair() {
        let (r, p) = split_args(&s(&["pod", "x", "a=1", "b-"]), "label").unwrap();
        assert_eq!((r, p), (s(&["pod", "x"]), s(&["a=1", "b-"])));
        assert_eq!(
            split_args(&s(&["pod", "a=1", "x"]), "label")
                .unwrap_err()
                .to_string(),
            "all resources must be specified before label changes: x"
        );
    }

    #[test]
    fn label_specs() {
        let e = |v: &[&str]| parse_changes(&s(v), Kind::Label).unwrap_err().to_string();
        assert_eq!(e(&["a=1=2"]), "invalid label spec: a=1=2");
        assert_eq!(
            e(&["a=1", "a-"]),
            "can not both modify and remove a label in the same command"
        );
        assert!(e(&["a=b c"]).starts_with("invalid label value: \"a=b c\": a valid label"));
        let c = parse_changes(&s(&["a=1", "b-"]), Kind::Label).unwrap();
        assert_eq!(c.set.get("a").map(String::as_str), Some("1"));
        assert_eq!(c.remove, s(&["b"]));
    }

    #[test]
    fn annotation_specs_keep_equals_in_values() {
        let c = parse_changes(&s(&["a=x=y"]), Kind::Annotation).unwrap();
        assert_eq!(c.set.get("a").map(String::as_str), Some("x=y"));
        assert_eq!(
            parse_changes(&s(&["=x"]), Kind::Annotation)
                .unwrap_err()
                .to_string(),
            "invalid annotation format: =x"
        );
    }
}
