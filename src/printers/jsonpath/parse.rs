//! Parser for client-go's JSONPath template dialect (`k8s.io/client-go/util/jsonpath`).
//!
//! A template is text with `{...}` actions. The grammar and every error string follow
//! client-go's hand-written recursive parser so that kubectl's messages (`unclosed action`,
//! `unterminated array`, `unclosed array expect ]`, `invalid array index x`,
//! `unrecognized character in action: U+0026 '&'`, ...) come out identical.

/// One slice bound: `[a:b:c]`. `derived` marks the end bound computed from `[n]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    pub known: bool,
    pub value: i64,
    pub derived: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    List(Vec<Node>),
    Field(String),
    Array([Param; 3]),
    Filter {
        left: Vec<Node>,
        right: Vec<Node>,
        op: String,
    },
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Identifier(String),
}

/// Parses a whole template into its top-level nodes (`Text` and action `List`s).
pub fn parse(template: &str) -> Result<Vec<Node>, String> {
    let mut p = Parser {
        input: template,
        pos: 0,
        start: 0,
        width: 0,
    };
    let mut root = Vec::new();
    p.parse_text(&mut root)?;
    Ok(root)
}

/// `parseAction`: parses `{text}` and returns the nodes of that one action.
fn parse_action(text: &str) -> Result<Vec<Node>, String> {
    let root = parse(&format!("{{{text}}}"))?;
    match root.into_iter().next() {
        Some(Node::List(nodes)) => Ok(nodes),
        _ => Ok(Vec::new()),
    }
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    width: usize,
}

fn is_terminator(r: Option<char>) -> bool {
    match r {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
        ),
    }
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

impl Parser<'_> {
    fn next(&mut self) -> Option<char> {
        match self.input[self.pos..].chars().next() {
            None => {
                self.width = 0;
                None
            }
            Some(c) => {
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
        }
    }

    fn peek(&self) -> Option<char> {
        self.input[self.pos..].chars().next()
    }

    fn backup(&mut self) {
        self.pos -= self.width;
    }

    fn consume_text(&mut self) -> String {
        let s = self.input[self.start..self.pos].to_string();
        self.start = self.pos;
        s
    }

    fn rest(&self) -> &str {
        &self.input[self.pos..]
    }

    fn parse_text(&mut self, root: &mut Vec<Node>) -> Result<(), String> {
        loop {
            if self.rest().starts_with('{') {
                if self.pos > self.start {
                    root.push(Node::Text(self.consume_text()));
                }
                self.pos += 1;
                self.consume_text();
                let mut action = Vec::new();
                let res = self.parse_inside_action(&mut action);
                root.push(Node::List(action));
                res?;
                continue;
            }
            if self.next().is_none() {
                break;
            }
        }
        if self.pos > self.start {
            root.push(Node::Text(self.consume_text()));
        }
        Ok(())
    }

    /// Parses nodes into `cur` until the closing `}` of the action.
    fn parse_inside_action(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            if self.rest().starts_with('}') {
                self.pos += 1;
                self.consume_text();
                return Ok(());
            }
            if self.rest().starts_with("[?(") {
                self.parse_filter(cur)?;
                continue;
            }
            if self.rest().starts_with("..") {
                self.parse_recursive(cur)?;
                continue;
            }
            match self.next() {
                None | Some('\r') | Some('\n') => return Err("unclosed action".into()),
                Some(' ') | Some('@') | Some('$') => {
                    self.consume_text();
                }
                Some('[') => self.parse_array(cur)?,
                Some(q @ ('"' | '\'')) => self.parse_quote(cur, q)?,
                Some('.') => self.parse_field(cur)?,
                Some(c) if c == '+' || c == '-' || c.is_numeric() => {
                    self.backup();
                    self.parse_number(cur)?;
                }
                Some(c) if is_alphanumeric(c) => {
                    self.backup();
                    self.parse_identifier(cur)?;
                }
                Some(c) => {
                    return Err(format!(
                        "unrecognized character in action: {}",
                        go_sharp_u(c)
                    ));
                }
            }
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            let r = self.next();
            if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume_text();
        match value.as_str() {
            "true" => cur.push(Node::Bool(true)),
            "false" => cur.push(Node::Bool(false)),
            _ => cur.push(Node::Identifier(value)),
        }
        Ok(())
    }

    fn parse_recursive(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        if matches!(cur.last(), Some(Node::Recursive)) {
            return Err("invalid multiple recursive descent".into());
        }
        self.pos += 2;
        self.consume_text();
        cur.push(Node::Recursive);
        if self.peek().is_some_and(is_alphanumeric) {
            return self.parse_field(cur);
        }
        Ok(())
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        if matches!(self.peek(), Some('+') | Some('-')) {
            self.next();
        }
        loop {
            match self.next() {
                Some(c) if c == '.' || c.is_numeric() => {}
                _ => {
                    self.backup();
                    break;
                }
            }
        }
        let value = self.consume_text();
        if let Some(i) = crate::go::atoi(&value) {
            cur.push(Node::Int(i));
            return Ok(());
        }
        match value.parse::<f64>() {
            Ok(f) if !value.is_empty() && !value.ends_with(['+', '-']) => {
                cur.push(Node::Float(f));
                Ok(())
            }
            _ => Err(format!("cannot parse number {value}")),
        }
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".into()),
                Some(']') => break,
                _ => {}
            }
        }
        let text = self.consume_text();
        let mut text = text[1..text.len() - 1].to_string();
        if text == "*" {
            text = ":".into();
        }
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            let mut union = Vec::new();
            for part in parts {
                union.push(parse_action(&format!("[{}]", part.trim_matches(' ')))?);
            }
            cur.push(Node::Union(union));
            return Ok(());
        }
        // `['key']`: a field name that may contain dots.
        if text.len() >= 2
            && text.starts_with('\'')
            && text.ends_with('\'')
            && !text[1..text.len() - 1].contains('\'')
        {
            // The key is parsed as a `.`-path: `['metadata.name']` is two fields, and
            // `['app\.kubernetes\.io/name']` one (escaped dots), as in client-go.
            cur.extend(parse_action(&format!(".{}", &text[1..text.len() - 1]))?);
            return Ok(());
        }
        let Some(groups) = slice_groups(&text) else {
            return Err(format!("invalid array index {text}"));
        };
        let mut params = [Param {
            known: false,
            value: 0,
            derived: false,
        }; 3];
        for i in 0..3 {
            let g = groups[i];
            if !g.is_empty() {
                let g = if i > 0 { &g[1..] } else { g };
                if i > 0 && g.is_empty() {
                    params[i].known = false;
                } else {
                    params[i].known = true;
                    params[i].value = crate::go::atoi(g)
                        .ok_or_else(|| format!("array index {g} is not a number"))?;
                }
            } else if i == 1 {
                params[i] = Param {
                    known: true,
                    value: params[0].value + 1,
                    derived: true,
                };
            }
        }
        cur.push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        self.pos += 3;
        self.consume_text();
        let (mut begin, mut end) = (false, false);
        let mut pair = '\0';
        loop {
            let r = self.next();
            match r {
                None | Some('\n') => return Err("unclosed array expect ]".into()),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    let prev = self.input[..self.pos - 1].chars().next_back();
                    if prev != Some('\\') && q == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                _ => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".into());
        }
        let text = self.consume_text();
        let text = &text[..text.len() - 2];
        match split_filter(text) {
            None => {
                let left = parse_action(text)?;
                cur.push(Node::Filter {
                    left,
                    right: Vec::new(),
                    op: "exists".into(),
                });
            }
            Some((l, op, r)) => {
                let left = parse_action(l)?;
                let right = parse_action(r)?;
                cur.push(Node::Filter {
                    left,
                    right,
                    op: op.to_string(),
                });
            }
        }
        Ok(())
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".into()),
                Some('\\') if self.next().is_none() => {
                    return Err("unterminated quoted string".into());
                }
                Some(c) if c == end => break,
                _ => {}
            }
        }
        let value = self.consume_text();
        let s = crate::go::unquote_extend(&value)
            .ok_or_else(|| format!("unquote string {value} error invalid syntax"))?;
        cur.push(Node::Text(s));
        Ok(())
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        self.consume_text();
        loop {
            let r = self.next();
            if r == Some('\\') {
                self.next();
            } else if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume_text();
        if value == "*" {
            cur.push(Node::Wildcard);
        } else {
            cur.push(Node::Field(value.replace('\\', "")));
        }
        Ok(())
    }
}

/// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`, returning the three groups ("" when absent).
fn slice_groups(text: &str) -> Option<[&str; 3]> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut groups = [""; 3];
    let take = |i: &mut usize| {
        if *i < b.len() && b[*i] == b'-' {
            *i += 1;
        }
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
    };
    take(&mut i);
    groups[0] = &text[..i];
    for g in groups.iter_mut().skip(1) {
        if i < b.len() && b[i] == b':' {
            let s = i;
            i += 1;
            take(&mut i);
            *g = &text[s..i];
        }
    }
    (i == b.len()).then_some(groups)
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$`
fn split_filter(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let l_end = text.find(is_op)?;
    if l_end == 0 {
        return None;
    }
    let after = &text[l_end..];
    let op_len = after.find(|c| !is_op(c)).unwrap_or(after.len());
    let right = &after[op_len..];
    if right.is_empty() || right.contains(['\n', '\r']) {
        return None;
    }
    Some((&text[..l_end], &after[..op_len], right))
}

/// Go's `%#U`: `U+0026 '&'` (the quoted form only for printable characters).
fn go_sharp_u(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(t: &str) -> String {
        parse(t).unwrap_err()
    }

    #[test]
    fn parses_actions_and_text() {
        let nodes = parse(r"a {.b['c\.d'][0]} {range .items[*]}{end}").unwrap();
        assert_eq!(nodes[0], Node::Text("a ".into()));
        let Node::List(l) = &nodes[1] else { panic!() };
        assert_eq!(l[0], Node::Field("b".into()));
        assert_eq!(l[1], Node::Field("c.d".into()));
        assert_eq!(
            l[2],
            Node::Array([
                Param {
                    known: true,
                    value: 0,
                    derived: false
                },
                Param {
                    known: true,
                    value: 1,
                    derived: true
                },
                Param {
                    known: false,
                    value: 0,
                    derived: false
                },
            ])
        );
        let Node::List(r) = &nodes[3] else { panic!() };
        assert_eq!(r[0], Node::Identifier("range".into()));
        assert_eq!(
            parse(r#"{.a\.b}"#).unwrap(),
            vec![Node::List(vec![Node::Field("a.b".into())])]
        );
        assert_eq!(parse("}x").unwrap(), vec![Node::Text("}x".into())]);
    }

    #[test]
    fn filters_and_literals() {
        let nodes = parse(r#"{[?(@.name=="b")]}{"\t"}{'x'}{-1.5}"#).unwrap();
        let Node::List(f) = &nodes[0] else { panic!() };
        assert_eq!(
            f[0],
            Node::Filter {
                left: vec![Node::Field("name".into())],
                right: vec![Node::Text("b".into())],
                op: "==".into()
            }
        );
        assert_eq!(nodes[1], Node::List(vec![Node::Text("\t".into())]));
        assert_eq!(nodes[2], Node::List(vec![Node::Text("x".into())]));
        assert_eq!(nodes[3], Node::List(vec![Node::Float(-1.5)]));
    }

    // Messages from `kubectl.1.33 ... -o jsonpath=<template>`.
    #[test]
    fn errors_match_client_go() {
        assert_eq!(err("{.metadata.name"), "unclosed action");
        assert_eq!(err("{.a[}"), "unterminated array");
        assert_eq!(err("{.a[x]}"), "invalid array index x");
        assert_eq!(
            err(r#"{.a[?(@.name=="a" && @.image=="nginx")].name}"#),
            "unrecognized character in action: U+0026 '&'"
        );
        assert_eq!(
            err(r#"{.a[?(@.name in ("a"))].name}"#),
            "unclosed array expect ]"
        );
        assert_eq!(err("{....a}"), "invalid multiple recursive descent");
        assert_eq!(err("{\"abc}"), "unterminated quoted string");
        assert_eq!(err("{[-]}"), "array index - is not a number");
        assert_eq!(
            err(r#"{"\q"}"#),
            r#"unquote string "\q" error invalid syntax"#
        );
    }
}
