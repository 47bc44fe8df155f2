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

/// Split a YAML stream (or JSON) into its non-empty documents.
pub fn parse_documents(text: &str) -> Result<Vec<Value>, String> {
    // Like kubectl's YAMLOrJSONDecoder, a stream that starts with `{` is JSON values; a
    // truncated one is Go's `unexpected EOF`. Other JSON problems are reported by the YAML
    // reader below (a superset of JSON).
    if text.trim_start().starts_with('{') {
        let mut out = Vec::new();
        let mut failed = None;
        for v in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
            match v {
                Ok(v) if !v.is_null() => out.push(v),
                Ok(_) => {}
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        match failed {
            None => return Ok(out),
            Some(e) if e.is_eof() => return Err("unexpected EOF".into()),
            Some(_) => {}
        }
    }
    let mut out = Vec::new();
    for de in serde_yaml::Deserializer::from_str(text) {
        let v: Value = serde::Deserialize::deserialize(de).map_err(|e| go_yaml_error(&e))?;
        if !v.is_null() {
            out.push(v);
        }
    }
    Ok(out)
}

/// serde_yaml's `<problem> at line L column C[, while ...]` in go-yaml's words. go-yaml
/// prints the problem mark's 0-based line for parser errors, and one more (the 1-based
/// line, which serde_yaml reports) for scanner errors.
pub fn go_yaml_error(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    let Some(loc) = e.location() else {
        return format!("error converting YAML to JSON: yaml: {msg}");
    };
    let problem = msg.split(" at line ").next().unwrap_or(&msg);
    let parser = PARSER_PROBLEMS.iter().any(|p| problem.starts_with(p));
    let line = if parser {
        loc.line().saturating_sub(1)
    } else {
        loc.line()
    };
    if line == 0 {
        format!("error converting YAML to JSON: yaml: {problem}")
    } else {
        format!("error converting YAML to JSON: yaml: line {line}: {problem}")
    }
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
