//! Label selectors on the client (`-l` over `-f` manifests, as kubectl's builder filters
//! them): apimachinery's `labels.Parse` grammar (`k=v`, `k==v`, `k!=v`, `k in (a,b)`,
//! `k notin (a)`, `k`, `!k`, `k>1`, `k<1`) and matching against an object's labels.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Requirement {
    key: String,
    op: Op,
    values: Vec<String>,
}

/// A parsed selector: every requirement must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(Vec<Requirement>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Bang,
    Eq,
    DoubleEq,
    NotEq,
    In,
    NotIn,
    Open,
    Close,
    Comma,
    Gt,
    Lt,
    End,
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Ident(s) => s.clone(),
            Tok::Bang => "!".into(),
            Tok::Eq => "=".into(),
            Tok::DoubleEq => "==".into(),
            Tok::NotEq => "!=".into(),
            Tok::In => "in".into(),
            Tok::NotIn => "notin".into(),
            Tok::Open => "(".into(),
            Tok::Close => ")".into(),
            Tok::Comma => ",".into(),
            Tok::Gt => ">".into(),
            Tok::Lt => "<".into(),
            Tok::End => String::new(),
        }
    }
}

fn lex(s: &str) -> Vec<Tok> {
    let special = |c: char| "!=,()<>".contains(c);
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if special(c) {
            chars.next();
            let next = chars.peek().copied();
            out.push(match (c, next) {
                ('=', Some('=')) => {
                    chars.next();
                    Tok::DoubleEq
                }
                ('!', Some('=')) => {
                    chars.next();
                    Tok::NotEq
                }
                ('!', _) => Tok::Bang,
                ('=', _) => Tok::Eq,
                (',', _) => Tok::Comma,
                ('(', _) => Tok::Open,
                (')', _) => Tok::Close,
                ('<', _) => Tok::Lt,
                _ => Tok::Gt,
            });
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || special(c) {
                break;
            }
            word.push(c);
            chars.next();
        }
        out.push(match word.as_str() {
            "in" => Tok::In,
            "notin" => Tok::NotIn,
            _ => Tok::Ident(word),
        });
    }
    out.push(Tok::End);
    out
}

/// `labels.Parse`: the selector, or Go's reason it is not one.
pub fn parse(s: &str) -> Result<Selector, String> {
    let toks = lex(s);
    let mut p = 0;
    let mut reqs = Vec::new();
    loop {
        match &toks[p] {
            Tok::End => break,
            Tok::Ident(_) | Tok::Bang => {
                let r = requirement(&toks, &mut p)
                    .map_err(|e| format!("unable to parse requirement: {e}"))?;
                reqs.push(r);
                match &toks[p] {
                    Tok::End => break,
                    Tok::Comma => {
                        p += 1;
                        if matches!(toks[p], Tok::End) {
                            return Err("found '', expected: identifier after ','".into());
                        }
                    }
                    t => {
                        return Err(format!(
                            "found '{}', expected: ',' or 'end of string'",
                            t.text()
                        ));
                    }
                }
            }
            t => {
                return Err(format!(
                    "found '{}', expected: !, identifier, or 'end of string'",
                    t.text()
                ));
            }
        }
    }
    Ok(Selector(reqs))
}

fn requirement(toks: &[Tok], p: &mut usize) -> Result<Requirement, String> {
    if toks[*p] == Tok::Bang {
        *p += 1;
        let Tok::Ident(key) = &toks[*p] else {
            return Err(format!("found '{}', expected: identifier", toks[*p].text()));
        };
        *p += 1;
        return Ok(Requirement {
            key: key.clone(),
            op: Op::DoesNotExist,
            values: Vec::new(),
        });
    }
    let Tok::Ident(key) = &toks[*p] else {
        return Err(format!("found '{}', expected: identifier", toks[*p].text()));
    };
    let key = key.clone();
    *p += 1;
    let op = match &toks[*p] {
        Tok::End | Tok::Comma => {
            return Ok(Requirement {
                key,
                op: Op::Exists,
                values: Vec::new(),
            });
        }
        Tok::Eq | Tok::DoubleEq => Op::Equals,
        Tok::NotEq => Op::NotEquals,
        Tok::In => Op::In,
        Tok::NotIn => Op::NotIn,
        Tok::Gt => Op::GreaterThan,
        Tok::Lt => Op::LessThan,
        t => {
            return Err(format!(
                "found '{}', expected: !=, <, =, ==, >, in, notin",
                t.text()
            ));
        }
    };
    *p += 1;
    let values = if matches!(op, Op::In | Op::NotIn) {
        set_values(toks, p)?
    } else {
        match &toks[*p] {
            Tok::Ident(v) => {
                *p += 1;
                vec![v.clone()]
            }
            Tok::End | Tok::Comma => vec![String::new()],
            t => return Err(format!("found '{}', expected: identifier", t.text())),
        }
    };
    Ok(Requirement { key, op, values })
}

fn set_values(toks: &[Tok], p: &mut usize) -> Result<Vec<String>, String> {
    if toks[*p] != Tok::Open {
        return Err(format!("found '{}' expected: '('", toks[*p].text()));
    }
    *p += 1;
    match &toks[*p] {
        Tok::Close => {
            *p += 1;
            return Ok(vec![String::new()]);
        }
        Tok::Ident(_) | Tok::Comma => {}
        t => {
            return Err(format!(
                "found '{}', expected: ',', ')' or identifier",
                t.text()
            ));
        }
    }
    let mut values = Vec::new();
    let mut expect_value = true;
    loop {
        match &toks[*p] {
            Tok::Ident(v) if expect_value => {
                values.push(v.clone());
                expect_value = false;
            }
            Tok::Comma => {
                if expect_value {
                    values.push(String::new());
                }
                expect_value = true;
            }
            Tok::Close => {
                if expect_value {
                    values.push(String::new());
                }
                *p += 1;
                return Ok(values);
            }
            t => return Err(format!("found '{}', expected: ',' or ')'", t.text())),
        }
        *p += 1;
    }
}

impl Selector {
    /// Whether an object with these `metadata.labels` is selected.
    pub fn matches(&self, labels: Option<&Value>) -> bool {
        let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
        self.0.iter().all(|r| {
            let v = get(&r.key);
            match r.op {
                Op::Equals | Op::In => v.is_some_and(|v| r.values.iter().any(|x| x == v)),
                Op::NotEquals | Op::NotIn => v.is_none_or(|v| !r.values.iter().any(|x| x == v)),
                Op::Exists => v.is_some(),
                Op::DoesNotExist => v.is_none(),
                Op::GreaterThan | Op::LessThan => {
                    let (Some(have), Some(want)) = (
                        v.and_then(|v| v.parse::<i64>().ok()),
                        r.values.first().and_then(|w| w.parse::<i64>().ok()),
                    ) else {
                        return false;
                    };
                    if r.op == Op::GreaterThan {
                        have > want
                    } else {
                        have < want
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parses_and_matches() {
        let labels = json!({"app": "web", "tier": "front", "n": "3"});
        for (sel, want) in [
            ("app=web", true),
            ("app==web,tier=front", true),
            ("app!=web", false),
            ("app in (api, web)", true),
            ("tier notin (front)", false),
            ("app", true),
            ("!app", false),
            ("!gone", true),
            ("n>2,n<4", true),
            ("", true),
        ] {
            assert_eq!(parse(sel).unwrap().matches(Some(&labels)), want, "{sel}");
        }
    }

    #[test]
    fn go_messages() {
        assert_eq!(
            parse("a in (").unwrap_err(),
            "unable to parse requirement: found '', expected: ',', ')' or identifier"
        );
        assert!(parse("a b").is_err());
    }
}
