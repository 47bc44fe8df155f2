//! The kuberc file: kubectl's `Preference` in either version, decoded the way kubectl
//! decodes it.
//!
//! The file is a YAML stream; the first document that decodes as a `Preference` of group
//! `kubectl.config.k8s.io` wins. `v1alpha1` (what kubectl 1.33 reads) names per-command
//! defaults `overrides[].flags[]`, `v1beta1` (kubectl 1.34 on) `defaults[].options[]`;
//! aliases are the same in both but for `flags`/`options`. Like kubectl's strict-then-lenient
//! decoding, unknown fields do not stop a document from being used: they are reported
//! (`strict decoding error: unknown field "aliases[0].x"`) beside the usable preference. A
//! document of another kind or version, with a value of the wrong type or broken YAML is
//! skipped; a file of only such documents is `no valid preferences found in <file>`.

use serde_yaml::Value;

/// kuberc's API group.
pub const GROUP: &str = "kubectl.config.k8s.io";

/// A flag default: `--<name>=<default>` unless the command line sets the flag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionDefault {
    /// The flag's long name, without dashes.
    pub name: String,
    /// Its value, as typed after `=`.
    pub default: String,
}

/// Defaults for one command (`get`, `config view`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandDefaults {
    /// The command path, words separated by spaces.
    pub command: String,
    /// Its flag defaults.
    pub options: Vec<OptionDefault>,
}

/// A new top-level command that runs another with extra arguments and flag defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alias {
    /// The alias (letters only).
    pub name: String,
    /// The command it runs (`get`, `config view`).
    pub command: String,
    /// Arguments placed right after the alias.
    pub prepend_args: Vec<String>,
    /// Arguments placed after everything typed.
    pub append_args: Vec<String>,
    /// Flag defaults for the aliased command.
    pub options: Vec<OptionDefault>,
}

/// The preferences of one kuberc file, whichever version it was written in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preference {
    /// Per-command flag defaults.
    pub defaults: Vec<CommandDefaults>,
    /// Aliases, in file order.
    pub aliases: Vec<Alias>,
}

/// What decoding a kuberc file's text gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// No document at all (an empty file): no preferences, no complaint.
    Empty,
    /// A usable preference, and the strict decoding error if its document had unknown
    /// fields.
    Found(Preference, Option<String>),
    /// Documents, none of them a usable preference.
    NoneValid,
}

/// The field names of one version.
struct Names {
    defaults: &'static str,
    options: &'static str,
}

const V1ALPHA1: Names = Names {
    defaults: "overrides",
    options: "flags",
};
const V1BETA1: Names = Names {
    defaults: "defaults",
    options: "options",
};

/// Decode a kuberc file's text.
pub fn decode(text: &str) -> Decoded {
    let mut attempted = false;
    for doc in documents(text) {
        if doc.trim().is_empty() {
            continue;
        }
        attempted = true;
        let Ok(value) = serde_yaml::from_str::<Value>(&doc) else {
            continue;
        };
        let mut unknown = Vec::new();
        if let Ok(pref) = preference(&value, &mut unknown) {
            let strict = (!unknown.is_empty()).then(|| {
                let fields: Vec<String> = unknown
                    .iter()
                    .map(|f| format!("unknown field \"{f}\""))
                    .collect();
                format!("strict decoding error: {}", fields.join(", "))
            });
            return Decoded::Found(pref, strict);
        }
    }
    if attempted {
        Decoded::NoneValid
    } else {
        Decoded::Empty
    }
}

/// The documents of a YAML stream, split where apimachinery's YAML reader splits: at lines
/// that start with `---` followed by nothing but spaces or a comment.
fn documents(text: &str) -> Vec<String> {
    let mut docs = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("---") {
            let rest = rest.trim();
            if rest.is_empty() || rest.starts_with('#') {
                docs.push(String::new());
                continue;
            }
        }
        if let Some(doc) = docs.last_mut() {
            doc.push_str(line);
        }
    }
    docs
}

/// Why a document is not a preference (the document is skipped).
struct NotAPreference;

type Decode<T> = Result<T, NotAPreference>;

fn preference(doc: &Value, unknown: &mut Vec<String>) -> Decode<Preference> {
    let map = doc.as_mapping().ok_or(NotAPreference)?;
    let api_version = string(map.get("apiVersion"))?;
    let kind = string(map.get("kind"))?;
    let names = match api_version
        .strip_prefix(GROUP)
        .and_then(|v| v.strip_prefix('/'))
    {
        Some("v1alpha1") => V1ALPHA1,
        Some("v1beta1") => V1BETA1,
        _ => return Err(NotAPreference),
    };
    if kind != "Preference" {
        return Err(NotAPreference);
    }
    let mut pref = Preference::default();
    for (key, value) in map {
        let key = key.as_str().ok_or(NotAPreference)?;
        match key {
            "apiVersion" | "kind" => {}
            k if k == names.defaults => {
                for (i, item) in list(value)?.iter().enumerate() {
                    let path = format!("{k}[{i}]");
                    pref.defaults
                        .push(command_defaults(item, &names, &path, unknown)?);
                }
            }
            "aliases" => {
                for (i, item) in list(value)?.iter().enumerate() {
                    let path = format!("aliases[{i}]");
                    pref.aliases.push(alias(item, &names, &path, unknown)?);
                }
            }
            other => unknown.push(other.to_string()),
        }
    }
    Ok(pref)
}

fn command_defaults(
    v: &Value,
    names: &Names,
    at: &str,
    unknown: &mut Vec<String>,
) -> Decode<CommandDefaults> {
    let mut out = CommandDefaults::default();
    for (key, value) in fields(v)? {
        match key {
            "command" => out.command = string(Some(value))?,
            k if k == names.options => out.options = options(value, &format!("{at}.{k}"), unknown)?,
            other => unknown.push(format!("{at}.{other}")),
        }
    }
    Ok(out)
}

fn alias(v: &Value, names: &Names, at: &str, unknown: &mut Vec<String>) -> Decode<Alias> {
    let mut out = Alias::default();
    for (key, value) in fields(v)? {
        match key {
            "name" => out.name = string(Some(value))?,
            "command" => out.command = string(Some(value))?,
            "prependArgs" => out.prepend_args = strings(value)?,
            "appendArgs" => out.append_args = strings(value)?,
            k if k == names.options => out.options = options(value, &format!("{at}.{k}"), unknown)?,
            other => unknown.push(format!("{at}.{other}")),
        }
    }
    Ok(out)
}

fn options(v: &Value, at: &str, unknown: &mut Vec<String>) -> Decode<Vec<OptionDefault>> {
    let mut out = Vec::new();
    for (i, item) in list(v)?.iter().enumerate() {
        let mut opt = OptionDefault::default();
        for (key, value) in fields(item)? {
            match key {
                "name" => opt.name = string(Some(value))?,
                "default" => opt.default = string(Some(value))?,
                other => unknown.push(format!("{at}[{i}].{other}")),
            }
        }
        out.push(opt);
    }
    Ok(out)
}

/// A mapping's entries (`null` is an empty object, as in Go).
fn fields(v: &Value) -> Decode<Vec<(&str, &Value)>> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Mapping(m) => m
            .iter()
            .map(|(k, v)| Ok((k.as_str().ok_or(NotAPreference)?, v)))
            .collect(),
        _ => Err(NotAPreference),
    }
}

/// A sequence's items (`null` is empty).
fn list(v: &Value) -> Decode<&[Value]> {
    match v {
        Value::Null => Ok(&[]),
        Value::Sequence(s) => Ok(s),
        _ => Err(NotAPreference),
    }
}

/// A string field: Go's JSON decoding takes strings only (`default: true` does not decode;
/// it must be quoted); `null` or absent is empty.
fn string(v: Option<&Value>) -> Decode<String> {
    match v {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(NotAPreference),
    }
}

fn strings(v: &Value) -> Decode<Vec<String>> {
    list(v)?.iter().map(|s| string(Some(s))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (Preference, Option<String>) {
        match decode(text) {
            Decoded::Found(p, strict) => (p, strict),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn both_versions_read_alike() {
        let alpha = "apiVersion: kubectl.config.k8s.io/v1alpha1\nkind: Preference\n\
            overrides:\n- command: get\n  flags: [{name: output, default: wide}]\n\
            aliases:\n- {name: gn, command: get, prependArgs: [nodes], flags: [{name: o, default: json}]}\n";
        let beta = "apiVersion: kubectl.config.k8s.io/v1beta1\nkind: Preference\n\
            defaults:\n- command: get\n  options: [{name: output, default: wide}]\n\
            aliases:\n- {name: gn, command: get, prependArgs: [nodes], options: [{name: o, default: json}]}\n";
        let (a, strict) = found(alpha);
        assert_eq!(strict, None);
        assert_eq!(found(beta), (a.clone(), None));
        assert_eq!(a.defaults[0].command, "get");
        assert_eq!(a.defaults[0].options[0].default, "wide");
        assert_eq!(a.aliases[0].prepend_args, ["nodes"]);
        // A v1beta1 field in a v1alpha1 document is unknown, like any other.
        let mixed = alpha.replace("overrides", "defaults");
        let (p, strict) = found(&mixed);
        assert!(p.defaults.is_empty());
        assert_eq!(
            strict.as_deref(),
            Some("strict decoding error: unknown field \"defaults\"")
        );
    }

    #[test]
    fn unknown_fields_are_named_by_path() {
        let (_, strict) = found(
            "apiVersion: kubectl.config.k8s.io/v1alpha1\nkind: Preference\nfoo: 1\n\
             overrides:\n- command: config view\n  bar: 2\n  flags: [{name: output, default: json, baz: 3}]\n",
        );
        assert_eq!(
            strict.as_deref(),
            Some(
                "strict decoding error: unknown field \"foo\", unknown field \
                 \"overrides[0].bar\", unknown field \"overrides[0].flags[0].baz\""
            )
        );
    }

    #[test]
    fn unusable_documents_are_skipped() {
        for bad in [
            "apiVersion: [",
            "apiVersion: kubectl.config.k8s.io/v2\nkind: Preference\n",
            "apiVersion: kubectl.config.k8s.io/v1alpha1\nkind: Other\n",
            "apiVersion: kubectl.config.k8s.io/v1alpha1\noverrides: []\n",
            "apiVersion: kubectl.config.k8s.io/v1alpha1\nkind: Preference\noverrides: 5\n",
            "apiVersion: kubectl.config.k8s.io/v1alpha1\nkind: Preference\n\
             overrides: [{command: get, flags: [{name: watch, default: true}]}]\n",
        ] {
            assert_eq!(decode(bad), Decoded::NoneValid, "{bad}");
        }
        assert_eq!(decode(""), Decoded::Empty);
        assert_eq!(decode("---\n\n---\n"), Decoded::Empty);
        let (p, _) = found(
            "apiVersion: [\n---\napiVersion: kubectl.config.k8s.io/v1alpha1\nkind: Preference\n\
             aliases: [{name: x, command: get}]\n",
        );
        assert_eq!(p.aliases[0].name, "x");
    }
}
