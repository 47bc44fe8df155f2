//! Decoding manifest text (`-f` files and stdin) into objects, with kubectl's wording for
//! broken YAML: `error converting YAML to JSON: yaml: line N: <problem>`.
//!
//! kubectl reads YAML through go-yaml v2 and kk through libyaml (serde_yaml); both report the
//! same libyaml problem texts, but go-yaml counts lines differently for scanner and parser
//! problems (see [`go_yaml_error`]).
//!
//! Known difference: go-yaml v2 resolves plain scalars with YAML 1.1 rules (`yes`, `on`, `n`
//! become booleans, also as map keys), serde_yaml with YAML 1.2 rules (they stay strings).
//! Quoted scalars, which Kubernetes manifests use for such values, read the same in both.

use serde_json::Value;

/// libyaml's *parser* problems; every other problem comes from its scanner.
const PARSER_PROBLEMS: &[&str] = &[
    "did not find expected <document start>",
    "did not find expected node content",
    "did not find expected '-' indicator",
    "did not find expected key",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "found duplicate %YAML directive",
    "found incompatible YAML document",
    "found duplicate %TAG directive",
    "found undefined tag handle",
];

/// Split a YAML stream (or JSON) into its non-empty documents; the first broken document
/// fails the whole text.
pub fn parse_documents(text: &str) -> Result<Vec<Value>, String> {
    match documents(text) {
        (docs, None) => Ok(docs),
        (_, Some(e)) => Err(e),
    }
}

/// The documents of a manifest as kubectl's `YAMLOrJSONDecoder` reads them, one after the
/// other: a stream of JSON values when the text starts with `{`, else YAML documents split
/// on `---` lines and each parsed on its own (so an error's line counts from the start of
/// its document). Reading stops at the first broken document: the documents before it and
/// its error (go-yaml's or Go's JSON decoder's wording). Empty documents are skipped.
pub fn documents(text: &str) -> (Vec<Value>, Option<String>) {
    if text.trim_start().starts_with('{') {
        return json_stream(text);
    }
    documents_yaml(text)
}

fn documents_yaml(text: &str) -> (Vec<Value>, Option<String>) {
    let mut out = Vec::new();
    for chunk in yaml_chunks(text) {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => return (out, Some(e)),
        };
        let first = serde_yaml::Deserializer::from_str(chunk).next();
        let Some(de) = first else {
            continue;
        };
        match serde::Deserialize::deserialize(de) {
            Ok(Value::Null) => {}
            Ok(v) => out.push(v),
            Err(e) => return (out, Some(go_yaml_error(&e, chunk))),
        }
    }
    (out, None)
}

/// kubectl's `YAMLReader`: documents end at lines starting with `---` followed by nothing
/// but spaces or a comment.
fn yaml_chunks(text: &str) -> impl Iterator<Item = Result<&str, String>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut start: Option<usize> = None;
        let mut pos = 0;
        while pos < rest.len() {
            let end = rest[pos..].find('\n').map_or(rest.len(), |i| pos + i + 1);
            let line = &rest[pos..end];
            if let Some(after) = line.strip_prefix("---") {
                let trimmed = after.trim();
                if !trimmed.is_empty() && !trimmed.starts_with('#') {
                    rest = "";
                    return Some(Err(format!("invalid Yaml document separator: {trimmed}")));
                }
                if let Some(s) = start {
                    let chunk = &rest[s..pos];
                    rest = &rest[end..];
                    return Some(Ok(chunk));
                }
                pos = end;
                continue;
            }
            start.get_or_insert(pos);
            pos = end;
        }
        let chunk = start.map(|s| &rest[s..]);
        rest = "";
        chunk.map(Ok)
    })
}

/// A stream of JSON values, as apimachinery 1.33's `YAMLOrJSONDecoder` reads it: Go's
/// `json.Decoder` value after value; when a value fails before the stream has proved to be
/// JSON (two values read), the rest is read as YAML, and if that fails too the JSON error
/// is the one reported (`json: offset N: invalid character ...`, `unexpected EOF`).
fn json_stream(text: &str) -> (Vec<Value>, Option<String>) {
    use crate::go::json::{Scan, scan};
    let mut out = Vec::new();
    let mut count = 0;
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        let at = stream.byte_offset();
        let err = match stream.next() {
            None => return (out, None),
            Some(Ok(v)) => {
                count += 1;
                if !v.is_null() {
                    out.push(v);
                }
                continue;
            }
            // Deeper than serde's 128 levels: refused before anything is sent, in the
            // words kk gives the same depth in YAML (kubectl sends it; the server refuses).
            Some(Err(e)) if e.to_string().starts_with("recursion limit exceeded") => {
                let line = e.line();
                let msg = "recursion limit exceeded";
                return (
                    out,
                    Some(format!(
                        "error converting YAML to JSON: yaml: line {line}: {msg}"
                    )),
                );
            }
            Some(Err(_)) => match scan(&text[at..]) {
                Scan::Invalid { message, offset } if count <= 1 => {
                    format!("json: offset {}: {message}", at + offset)
                }
                Scan::Invalid { message, .. } => return (out, Some(message)),
                _ => "unexpected EOF".to_string(),
            },
        };
        if count > 1 {
            return (out, Some(err));
        }
        // Switch to YAML after the white space up to the first newline.
        let rest = &text[at..];
        let skip = rest
            .char_indices()
            .find(|(_, c)| !c.is_whitespace() || *c == '\n')
            .map_or(rest.len(), |(i, c)| if c == '\n' { i + 1 } else { i });
        let (docs, yaml_err) = documents_yaml(&rest[skip..]);
        let first_failed = docs.is_empty() && yaml_err.is_some();
        out.extend(docs);
        let err = if first_failed { Some(err) } else { yaml_err };
        return (out, err);
    }
}

/// apimachinery's `yaml.ToJSON` (patches of `kubectl patch`): text that starts like JSON (`{`
/// or `[` after white space) is passed on untouched — the server judges it —, anything else
/// is read as one YAML document and written as Go's JSON encoder writes it. The error is
/// go-yaml's `yaml: line N: <problem>`.
pub fn to_json(text: &str) -> Result<String, String> {
    if text.trim_start().starts_with(['{', '[']) {
        return Ok(text.to_string());
    }
    let first = serde_yaml::Deserializer::from_str(text).next();
    let value: Value = match first {
        None => Value::Null,
        Some(de) => serde::Deserialize::deserialize(de).map_err(|e| yaml_problem(&e, text))?,
    };
    Ok(crate::printers::json::to_compact(&value))
}

/// serde_yaml's `<problem> at line L column C[, while ...]` in go-yaml's words, as
/// sigs.k8s.io/yaml's `YAMLToJSON` reports it: `error converting YAML to JSON: yaml: ...`.
pub fn go_yaml_error(e: &serde_yaml::Error, text: &str) -> String {
    format!("error converting YAML to JSON: {}", yaml_problem(e, text))
}

/// go-yaml's own error text for what serde_yaml found: `yaml: line N: <problem>`. go-yaml
/// prints the problem mark's 0-based line for parser errors, and one more (the 1-based line,
/// which serde_yaml reports) for scanner errors; an alias to no anchor is named (read back
/// from `text`, the document serde_yaml read). Every YAML reader (manifests, kubeconfig
/// files) words its errors through this.
pub fn yaml_problem(e: &serde_yaml::Error, text: &str) -> String {
    let msg = e.to_string();
    let Some(loc) = e.location() else {
        return format!("yaml: {msg}");
    };
    let problem = msg.split(" at line ").next().unwrap_or(&msg);
    if problem == "unknown anchor" {
        return format!(
            "yaml: unknown anchor '{}' referenced",
            alias_at(text, loc.index())
        );
    }
    let parser = PARSER_PROBLEMS.iter().any(|p| problem.starts_with(p));
    let line = if parser {
        loc.line().saturating_sub(1)
    } else {
        loc.line()
    };
    if line == 0 {
        format!("yaml: {problem}")
    } else {
        format!("yaml: line {line}: {problem}")
    }
}

/// The name of the alias (`*name`) at or after byte `index` of `text` (where serde_yaml marks
/// an unknown anchor): up to the next blank, flow indicator or end of line, as libyaml scans
/// an alias.
fn alias_at(text: &str, index: usize) -> &str {
    let rest = text.get(index..).unwrap_or("");
    let rest = rest.find('*').map_or("", |i| &rest[i + 1..]);
    let end = rest
        .find(|c: char| c.is_whitespace() || ",[]{}".contains(c))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> String {
        parse_documents(s).unwrap_err()
    }

    #[test]
    fn documents_split_and_skip_empties() {
        let d = parse_documents("a: 1\n---\n---\nb: 2\n").unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(
            parse_documents("{\"kind\":\"Pod\"}").unwrap()[0]["kind"],
            "Pod"
        );
    }

    #[test]
    fn documents_stop_at_the_first_broken_one() {
        // kubectl 1.33 counts lines from the start of the broken document.
        let (docs, e) = documents("a: 1\n---\nb: [\n---\nc: 3\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(
            e.unwrap(),
            "error converting YAML to JSON: yaml: line 1: did not find expected node content"
        );
        let (docs, e) = documents("# c\n--- # x\na: 1\n---\n\n---\nb: 2");
        assert_eq!((docs.len(), e), (2, None));
        assert_eq!(
            documents("a: 1\n--- b\n").1.unwrap(),
            "invalid Yaml document separator: b"
        );
        // What kubectl 1.33 printed for the same files.
        let (docs, e) = documents("{\"a\": 1} {\"b\": 2} {\"c\"");
        assert_eq!((docs.len(), e.as_deref()), (2, Some("unexpected EOF")));
        let (docs, e) = documents("{\"a\": 1}\n{\"c\"");
        assert_eq!((docs.len(), e.as_deref()), (1, Some("unexpected EOF")));
        assert_eq!(
            documents("{\"a\" 1}").1.unwrap(),
            "json: offset 6: invalid character '1' after object key"
        );
        let (docs, e) = documents("{\"a\": 1}\n---\nb: 2\n");
        assert_eq!((docs.len(), e), (2, None));
    }

    #[test]
    fn patches_become_json() {
        assert_eq!(to_json(" {bad").unwrap(), " {bad");
        assert_eq!(to_json("data: {b: 2}").unwrap(), "{\"data\":{\"b\":2}}");
        assert_eq!(to_json("").unwrap(), "null");
        // kubectl 1.33: `patch -p 'data: ['`.
        assert_eq!(
            to_json("data: [").unwrap_err(),
            "yaml: line 1: did not find expected node content"
        );
    }

    #[test]
    fn errors_read_like_go_yaml() {
        // Each expectation is what kubectl 1.33 printed for the same file.
        assert_eq!(
            err("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [bad\n"),
            "error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'"
        );
        assert_eq!(
            err("apiVersion: v1\nkind: ConfigMap\nmetadata: a: b\n"),
            "error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context"
        );
        assert_eq!(
            err("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n\tbad: 1\n"),
            "error converting YAML to JSON: yaml: line 5: found a tab character that violates indentation"
        );
        assert_eq!(
            err("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"x\n"),
            "error converting YAML to JSON: yaml: line 5: found unexpected end of stream"
        );
    }
}
