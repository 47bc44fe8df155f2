//! `metav1.ParseToLabelSelector`: a label selector string (`app=web,tier in (a,b),!x`) as a
//! `LabelSelector` object — equality into `matchLabels`, set-based requirements into
//! `matchExpressions` (sorted by key, values sorted), with kubectl's errors.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::validation;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Op(&'static str),
    Comma,
    Open,
    Close,
    Not,
}

fn lex(s: &str) -> Result<Vec<Token>, String> {
    let b: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            ',' => {
                out.push(Token::Comma);
                i += 1;
            }
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            '!' if b.get(i + 1) == Some(&'=') => {
                out.push(Token::Op("!="));
                i += 2;
            }
            '!' => {
                out.push(Token::Not);
                i += 1;
            }
            '=' if b.get(i + 1) == Some(&'=') => {
                out.push(Token::Op("=="));
                i += 2;
            }
            '=' => {
                out.push(Token::Op("="));
                i += 1;
            }
            '<' | '>' => {
                out.push(Token::Op(if c == '<' { "<" } else { ">" }));
                i += 1;
            }
            _ => {
                let start = i;
                while i < b.len() && !" \t\n\r,()!=<>".contains(b[i]) {
                    i += 1;
                }
                let word: String = b[start..i].iter().collect();
                out.push(match word.as_str() {
                    "in" => Token::Op("in"),
                    "notin" => Token::Op("notin"),
                    _ => Token::Ident(word),
                });
            }
        }
    }
    Ok(out)
}

fn shown(t: Option<&Token>) -> String {
    match t {
        None => String::new(),
        Some(Token::Ident(s)) => s.clone(),
        Some(Token::Op(o)) => o.to_string(),
        Some(Token::Comma) => ",".into(),
        Some(Token::Open) => "(".into(),
        Some(Token::Close) => ")".into(),
        Some(Token::Not) => "!".into(),
    }
}

struct Requirement {
    key: String,
    op: &'static str,
    values: Vec<String>,
}

fn check_key(key: &str) -> Result<(), String> {
    let errs = validation::is_qualified_name(key);
    if errs.is_empty() {
        return Ok(());
    }
    Err(format!(
        "unable to parse requirement: key: Invalid value: {}: {}",
        crate::go::quote(key),
        errs.join("; ")
    ))
}

fn check_value(key: &str, i: usize, v: &str) -> Result<(), String> {
    let errs = validation::is_valid_label_value(v);
    if errs.is_empty() {
        return Ok(());
    }
    let _ = key;
    Err(format!(
        "unable to parse requirement: values[{i}]: Invalid value: {}: {}",
        crate::go::quote(v),
        errs.join("; ")
    ))
}

fn parse(s: &str) -> Result<Vec<Requirement>, String> {
    let toks = lex(s)?;
    let mut reqs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let not = toks[i] == Token::Not;
        if not {
            i += 1;
        }
        let Some(Token::Ident(key)) = toks.get(i) else {
            return Err(format!(
                "unable to parse requirement: found '{}', expected: identifier",
                shown(toks.get(i))
            ));
        };
        check_key(key)?;
        i += 1;
        if not {
            reqs.push(Requirement {
                key: key.clone(),
                op: "!",
                values: Vec::new(),
            });
        } else {
            match toks.get(i) {
                None | Some(Token::Comma) => reqs.push(Requirement {
                    key: key.clone(),
                    op: "exists",
                    values: Vec::new(),
                }),
                Some(Token::Op(op @ ("in" | "notin"))) => {
                    i += 1;
                    if toks.get(i) != Some(&Token::Open) {
                        return Err(format!(
                            "unable to parse requirement: found '{}' expected: '('",
                            shown(toks.get(i))
                        ));
                    }
                    i += 1;
                    let mut values = Vec::new();
                    loop {
                        match toks.get(i) {
                            Some(Token::Ident(v)) => {
                                values.push(v.clone());
                                i += 1;
                            }
                            Some(Token::Close) if values.is_empty() => {
                                values.push(String::new());
                            }
                            t => {
                                return Err(format!(
                                    "unable to parse requirement: found '{}', expected: ',', ')' or identifier",
                                    shown(t)
                                ));
                            }
                        }
                        match toks.get(i) {
                            Some(Token::Comma) => i += 1,
                            Some(Token::Close) => {
                                i += 1;
                                break;
                            }
                            t => {
                                return Err(format!(
                                    "unable to parse requirement: found '{}', expected: ',' or ')'",
                                    shown(t)
                                ));
                            }
                        }
                    }
                    for (n, v) in values.iter().enumerate() {
                        check_value(key, n, v)?;
                    }
                    reqs.push(Requirement {
                        key: key.clone(),
                        op,
                        values,
                    });
                }
                Some(Token::Op(op)) => {
                    let op = *op;
                    i += 1;
                    let value = match toks.get(i) {
                        Some(Token::Ident(v)) => {
                            i += 1;
                            v.clone()
                        }
                        None | Some(Token::Comma) => String::new(),
                        t => {
                            return Err(format!(
                                "unable to parse requirement: found '{}', expected: identifier",
                                shown(t)
                            ));
                        }
                    };
                    check_value(key, 0, &value)?;
                    reqs.push(Requirement {
                        key: key.clone(),
                        op,
                        values: vec![value],
                    });
                }
                t => {
                    return Err(format!(
                        "unable to parse requirement: found '{}', expected: in, notin, =, ==, !=, gt, lt",
                        shown(t)
                    ));
                }
            }
        }
        match toks.get(i) {
            None => break,
            Some(Token::Comma) => {
                i += 1;
                if i >= toks.len() {
                    return Err("found '', expected: identifier after ','".into());
                }
            }
            t => {
                return Err(format!(
                    "found '{}', expected: ',' or 'end of string'",
                    shown(t)
                ));
            }
        }
    }
    reqs.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(reqs)
}

/// `ParseToLabelSelector`.
pub fn parse_to_label_selector(s: &str) -> Result<Value, String> {
    let reqs = parse(s).map_err(|e| format!("couldn't parse the selector string \"{s}\": {e}"))?;
    let mut labels = BTreeMap::new();
    let mut exprs = Vec::new();
    for r in reqs {
        let op = match r.op {
            "=" | "==" => {
                labels.insert(r.key, r.values.into_iter().next().unwrap_or_default());
                continue;
            }
            "in" => "In",
            "notin" => "NotIn",
            "exists" => "Exists",
            "!" => "DoesNotExist",
            ">" | "<" => return Err(format!("{:?} isn't supported in label selectors", r.op)),
            other => return Err(format!("{other:?} is not a valid label selector operator")),
        };
        let mut values = r.values;
        values.sort();
        values.dedup();
        let mut e = json!({"key": r.key, "operator": op});
        if !values.is_empty() {
            e["values"] = json!(values);
        }
        exprs.push(e);
    }
    Ok(json!({"matchLabels": labels, "matchExpressions": exprs}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_like_kubectl() {
        assert_eq!(
            parse_to_label_selector("b=2,a==1").unwrap(),
            json!({"matchLabels": {"a": "1", "b": "2"}, "matchExpressions": []})
        );
        assert_eq!(
            parse_to_label_selector("t in (y, x),!d,e").unwrap()["matchExpressions"],
            json!([
                {"key": "d", "operator": "DoesNotExist"},
                {"key": "e", "operator": "Exists"},
                {"key": "t", "operator": "In", "values": ["x", "y"]},
            ])
        );
        assert_eq!(
            parse_to_label_selector("a!=1").unwrap_err(),
            "\"!=\" is not a valid label selector operator"
        );
    }
}
