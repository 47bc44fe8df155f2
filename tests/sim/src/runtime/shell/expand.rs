//! Word expansion (parameters, `$((…))`, `$(…)`, field splitting) and the arithmetic evaluator.

use super::exec::{Flow, Shell, Sink};
use super::parse::{Part, Word};

impl Shell {
    fn lookup(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.last.to_string()),
            "#" => Some(self.args.len().saturating_sub(1).to_string()),
            "$" => Some("1".to_string()),
            "@" | "*" => Some(
                self.args
                    .iter()
                    .skip(1)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            n if n.chars().all(|c| c.is_ascii_digit()) => n
                .parse::<usize>()
                .ok()
                .and_then(|i| self.args.get(i).cloned()),
            n => self.vars.get(n).cloned(),
        }
    }

    /// Expands a word into fields. `Err` carries the flow to return when the expansion itself
    /// failed (a bad arithmetic expression is fatal in a non-interactive shell).
    pub(crate) async fn expand(&mut self, word: &Word) -> Result<Vec<String>, Flow> {
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut have = false;
        for part in word {
            let (val, quoted) = match part {
                Part::Lit(s) | Part::Quoted(s) => {
                    cur.push_str(s);
                    have = true;
                    continue;
                }
                Part::Var {
                    name, quoted: true, ..
                } if name == "@" => {
                    // "$@": one field per positional parameter.
                    let params: Vec<String> = self.args.iter().skip(1).cloned().collect();
                    let n = params.len();
                    for (i, p) in params.into_iter().enumerate() {
                        cur.push_str(&p);
                        have = true;
                        if i + 1 < n {
                            fields.push(std::mem::take(&mut cur));
                        }
                    }
                    continue;
                }
                Part::Var {
                    name,
                    default,
                    quoted,
                } => {
                    let v = self.lookup(name).unwrap_or_default();
                    if v.is_empty()
                        && let Some(d) = default
                    {
                        let d = Box::pin(self.expand(d)).await?;
                        (d.join(" "), *quoted)
                    } else {
                        (v, *quoted)
                    }
                }
                Part::Arith { expr, quoted } => match arith(expr, self) {
                    Ok(n) => (n.to_string(), *quoted),
                    Err(msg) => {
                        self.fail_expansion(&msg).await;
                        return Err(if self.interactive {
                            Flow::Normal
                        } else {
                            Flow::Exit
                        });
                    }
                },
                Part::Subst { script, quoted } => (self.capture(script).await, *quoted),
            };
            if quoted {
                cur.push_str(&val);
                have = true;
                continue;
            }
            let starts_ws = val.starts_with(char::is_whitespace);
            let ends_ws = val.ends_with(char::is_whitespace);
            let pieces: Vec<&str> = val.split_whitespace().collect();
            if pieces.is_empty() {
                if !val.is_empty() && have {
                    fields.push(std::mem::take(&mut cur));
                    have = false;
                }
                continue;
            }
            for (i, p) in pieces.iter().enumerate() {
                if (i > 0 || starts_ws) && have {
                    fields.push(std::mem::take(&mut cur));
                }
                cur.push_str(p);
                have = true;
            }
            if ends_ws {
                fields.push(std::mem::take(&mut cur));
                have = false;
            }
        }
        if have {
            fields.push(cur);
        }
        Ok(fields)
    }

    /// Expands a word that must stay one string (assignment values, redirection targets).
    pub(crate) async fn expand_one(&mut self, word: &Word) -> Result<String, Flow> {
        let quoted: Word = word
            .iter()
            .map(|p| match p {
                Part::Lit(s) => Part::Quoted(s.clone()),
                Part::Var { name, default, .. } => Part::Var {
                    name: name.clone(),
                    default: default.clone(),
                    quoted: true,
                },
                Part::Arith { expr, .. } => Part::Arith {
                    expr: expr.clone(),
                    quoted: true,
                },
                Part::Subst { script, .. } => Part::Subst {
                    script: script.clone(),
                    quoted: true,
                },
                q => q.clone(),
            })
            .collect();
        Ok(self.expand(&quoted).await?.join(" "))
    }

    async fn fail_expansion(&mut self, msg: &str) {
        let line = format!("sh: {msg}\n");
        let err = self.err.clone();
        if !err.write(line.as_bytes()).await {
            self.broken = true;
        }
        self.last = 2;
    }

    /// `$(script)`: runs in a subshell with stdout captured, trailing newlines removed.
    async fn capture(&mut self, script: &str) -> String {
        let (sink, buf) = Sink::buffer();
        let saved_out = std::mem::replace(&mut self.out, sink);
        let vars = self.vars.clone();
        let interactive = std::mem::replace(&mut self.interactive, false);
        self.run_script(script).await;
        self.interactive = interactive;
        self.vars = vars;
        self.out = saved_out;
        let bytes = buf.lock().map(|v| v.clone()).unwrap_or_default();
        let mut s = String::from_utf8_lossy(&bytes).into_owned();
        while s.ends_with('\n') {
            s.pop();
        }
        s
    }
}

#[derive(Clone, Debug, PartialEq)]
enum ATok {
    Num(i64),
    Op(&'static str),
}

fn arith_tokens(expr: &str, sh: &Shell) -> Result<Vec<ATok>, String> {
    const OPS: &[&str] = &[
        "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "(", ")", "<", ">", "!",
    ];
    let b = expr.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(ATok::Num(
                expr[s..i]
                    .parse()
                    .map_err(|_| format!("{expr}: number too big"))?,
            ));
        } else if c == b'$' || c == b'_' || c.is_ascii_alphabetic() {
            if c == b'$' {
                i += 1;
            }
            let s = i;
            while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            let name = &expr[s..i];
            let v = sh.lookup(name).unwrap_or_default();
            let v = v.trim();
            out.push(ATok::Num(if v.is_empty() {
                0
            } else {
                v.parse()
                    .map_err(|_| "arithmetic syntax error".to_string())?
            }));
        } else if let Some(op) = OPS.iter().find(|op| expr[i..].starts_with(**op)) {
            out.push(ATok::Op(op));
            i += op.len();
        } else {
            return Err("arithmetic syntax error".into());
        }
    }
    Ok(out)
}

/// Evaluates `$((expr))` over integers with C precedence.
pub(crate) fn arith(expr: &str, sh: &Shell) -> Result<i64, String> {
    let toks = arith_tokens(expr, sh)?;
    if toks.is_empty() {
        return Ok(0);
    }
    let mut p = AParser { t: &toks, i: 0 };
    let v = p.binary(0)?;
    if p.i != toks.len() {
        return Err("arithmetic syntax error".into());
    }
    Ok(v)
}

struct AParser<'a> {
    t: &'a [ATok],
    i: usize,
}

fn prec(op: &str) -> Option<u8> {
    Some(match op {
        "||" => 1,
        "&&" => 2,
        "==" | "!=" => 3,
        "<" | ">" | "<=" | ">=" => 4,
        "+" | "-" => 5,
        "*" | "/" | "%" => 6,
        _ => return None,
    })
}

impl AParser<'_> {
    fn binary(&mut self, min: u8) -> Result<i64, String> {
        let mut lhs = self.unary()?;
        while let Some(ATok::Op(op)) = self.t.get(self.i) {
            let Some(p) = prec(op) else { break };
            if p < min {
                break;
            }
            self.i += 1;
            let rhs = self.binary(p + 1)?;
            lhs = match *op {
                "||" => i64::from(lhs != 0 || rhs != 0),
                "&&" => i64::from(lhs != 0 && rhs != 0),
                "==" => i64::from(lhs == rhs),
                "!=" => i64::from(lhs != rhs),
                "<" => i64::from(lhs < rhs),
                ">" => i64::from(lhs > rhs),
                "<=" => i64::from(lhs <= rhs),
                ">=" => i64::from(lhs >= rhs),
                "+" => lhs.wrapping_add(rhs),
                "-" => lhs.wrapping_sub(rhs),
                "*" => lhs.wrapping_mul(rhs),
                "/" | "%" if rhs == 0 => return Err("divide by zero".into()),
                "/" => lhs.wrapping_div(rhs),
                _ => lhs.wrapping_rem(rhs),
            };
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<i64, String> {
        match self.t.get(self.i) {
            Some(ATok::Num(n)) => {
                self.i += 1;
                Ok(*n)
            }
            Some(ATok::Op("-")) => {
                self.i += 1;
                Ok(self.unary()?.wrapping_neg())
            }
            Some(ATok::Op("+")) => {
                self.i += 1;
                self.unary()
            }
            Some(ATok::Op("!")) => {
                self.i += 1;
                Ok(i64::from(self.unary()? == 0))
            }
            Some(ATok::Op("(")) => {
                self.i += 1;
                let v = self.binary(0)?;
                if self.t.get(self.i) != Some(&ATok::Op(")")) {
                    return Err("arithmetic syntax error".into());
                }
                self.i += 1;
                Ok(v)
            }
            _ => Err("arithmetic syntax error".into()),
        }
    }
}
