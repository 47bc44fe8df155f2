//! Lexer and parser for Go's `text/template` syntax, as kubectl's `-o go-template` uses it:
//! text and `{{...}}` actions with `{{-`/`-}}` trimming and comments, pipelines with
//! `|`, parenthesised sub-pipelines, field chains (`.a.b`, `$x.a`, `(index .a 0).b`),
//! variables (`$`, `$x := ...`, `$x = ...`), literals, and `if`/`else if`/`range`/`with`/
//! `break`/`continue`/`define`/`template`/`block`. Errors read like Go's
//! (`template: output:1: unclosed action`), with node positions for execution errors.

use std::collections::HashMap;

/// The builtin function names (Go's plus kubectl's `exists` and `base64decode`); anything
/// else is `function "x" not defined` at parse time, as in Go.
pub const FUNCS: &[&str] = &[
    "and",
    "or",
    "not",
    "len",
    "index",
    "slice",
    "print",
    "printf",
    "println",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "html",
    "js",
    "urlquery",
    "exists",
    "base64decode",
    "call",
];

#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Int(i64),
    Float(f64),
}

/// An argument / operand. `pos` is the byte offset Go reports for it.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Field {
        pos: usize,
        names: Vec<String>,
    },
    Var {
        pos: usize,
        name: String,
        names: Vec<String>,
    },
    Chain {
        pos: usize,
        node: Box<Arg>,
        names: Vec<String>,
    },
    Dot(usize),
    Nil(usize),
    Bool(usize, bool),
    Num {
        pos: usize,
        text: String,
        val: Lit,
    },
    Str {
        pos: usize,
        raw: String,
        val: String,
    },
    Ident {
        pos: usize,
        name: String,
    },
    Pipe(Box<Pipe>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cmd {
    pub pos: usize,
    pub args: Vec<Arg>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pipe {
    pub pos: usize,
    pub decl: Vec<String>,
    pub is_assign: bool,
    pub cmds: Vec<Cmd>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    Action {
        pos: usize,
        pipe: Pipe,
    },
    If {
        pos: usize,
        pipe: Pipe,
        list: Vec<Node>,
        else_list: Option<Vec<Node>>,
    },
    Range {
        pos: usize,
        pipe: Pipe,
        list: Vec<Node>,
        else_list: Option<Vec<Node>>,
    },
    With {
        pos: usize,
        pipe: Pipe,
        list: Vec<Node>,
        else_list: Option<Vec<Node>>,
    },
    Break(usize),
    Continue(usize),
    Template {
        pos: usize,
        name: String,
        pipe: Option<Pipe>,
    },
}

/// A parsed template set: the main list and `{{define}}`d templates.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    pub root: Vec<Node>,
    pub defines: HashMap<String, Vec<Node>>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Field(String),
    Var(String),
    Dot,
    Ident(String),
    Str(String, String),
    Num(String, Lit),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    Keyword(&'static str),
    End,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    pos: usize,
    /// Whitespace came right before this token (field chains need adjacency).
    spaced: bool,
}

/// Either text or one action's tokens.
enum Piece {
    Text(String),
    Action(Vec<Token>, usize),
    Comment,
}

fn line_of(input: &str, pos: usize) -> usize {
    1 + input[..pos.min(input.len())].matches('\n').count()
}

const KEYWORDS: &[&str] = &[
    "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
];

fn lex(input: &str) -> Result<Vec<Piece>, String> {
    let err = |pos: usize, msg: &str| format!("template: output:{}: {msg}", line_of(input, pos));
    let mut pieces = Vec::new();
    let mut pos = 0;
    let mut trim_next = false;
    while pos <= input.len() {
        let rest = &input[pos..];
        let Some(open) = rest.find("{{") else {
            let mut t = rest.to_string();
            if trim_next {
                t = t.trim_start_matches([' ', '\t', '\r', '\n']).to_string();
            }
            if !t.is_empty() {
                pieces.push(Piece::Text(t));
            }
            break;
        };
        let mut text = rest[..open].to_string();
        if trim_next {
            text = text.trim_start_matches([' ', '\t', '\r', '\n']).to_string();
        }
        let mut p = pos + open + 2;
        let after = &input[p..];
        let ws = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
        if after.starts_with('-') && after[1..].starts_with(ws) {
            text = text.trim_end_matches([' ', '\t', '\r', '\n']).to_string();
            p += 1;
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        let action_start = pos + open;
        // Comments must fill the whole action.
        let inner = input[p..].trim_start_matches(ws);
        if inner.starts_with("/*") {
            let cstart = input.len() - inner.len();
            let Some(cend) = input[cstart + 2..].find("*/") else {
                return Err(err(action_start, "unclosed comment"));
            };
            let mut q = cstart + 2 + cend + 2;
            let tail = &input[q..];
            let trimmed = tail.trim_start_matches(ws);
            trim_next = false;
            if trimmed.starts_with("-}}") && trimmed.len() < tail.len() {
                trim_next = true;
                q = input.len() - trimmed.len() + 3;
            } else if tail.starts_with("}}") {
                q += 2;
            } else {
                return Err(err(action_start, "comment ends before closing delimiter"));
            }
            pieces.push(Piece::Comment);
            pos = q;
            continue;
        }
        let (toks, end, trim) = lex_action(input, p)?;
        trim_next = trim;
        pieces.push(Piece::Action(toks, action_start));
        pos = end;
    }
    Ok(pieces)
}

/// Lexes one action from `start` (just after `{{` / `{{- `); returns tokens (ending with
/// `End`), the position after `}}` and whether `-}}` asked to trim.
fn lex_action(input: &str, start: usize) -> Result<(Vec<Token>, usize, bool), String> {
    let err = |pos: usize, msg: String| format!("template: output:{}: {msg}", line_of(input, pos));
    let b = input.as_bytes();
    let mut toks = Vec::new();
    let mut i = start;
    let mut paren = 0usize;
    loop {
        let mut spaced = false;
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
            spaced = true;
        }
        if i >= b.len() {
            return Err(err(i, "unclosed action".into()));
        }
        let rest = &input[i..];
        let push =
            |toks: &mut Vec<Token>, tok: Tok, pos: usize| toks.push(Token { tok, pos, spaced });
        if rest.starts_with("}}") {
            if paren > 0 {
                return Err(err(i, "unclosed left paren".into()));
            }
            push(&mut toks, Tok::End, i);
            return Ok((toks, i + 2, false));
        }
        if spaced && rest.starts_with("-}}") {
            if paren > 0 {
                return Err(err(i, "unclosed left paren".into()));
            }
            push(&mut toks, Tok::End, i);
            return Ok((toks, i + 3, true));
        }
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '|' => {
                push(&mut toks, Tok::Pipe, i);
                i += 1;
            }
            '(' => {
                paren += 1;
                push(&mut toks, Tok::LParen, i);
                i += 1;
            }
            ')' => {
                if paren == 0 {
                    return Err(err(i, "unexpected right paren".into()));
                }
                paren -= 1;
                push(&mut toks, Tok::RParen, i);
                i += 1;
            }
            ',' => {
                push(&mut toks, Tok::Comma, i);
                i += 1;
            }
            ':' if rest.starts_with(":=") => {
                push(&mut toks, Tok::Declare, i);
                i += 2;
            }
            '=' => {
                push(&mut toks, Tok::Assign, i);
                i += 1;
            }
            '"' => {
                let mut j = i + 1;
                loop {
                    match b.get(j) {
                        None | Some(b'\n') => {
                            return Err(err(i, "unterminated quoted string".into()));
                        }
                        Some(b'\\') => j += 2,
                        Some(b'"') => break,
                        _ => j += 1,
                    }
                }
                let raw = &input[i..=j];
                let val = crate::go::unquote(raw)
                    .ok_or_else(|| err(i, format!("invalid syntax: {raw}")))?;
                push(&mut toks, Tok::Str(raw.to_string(), val), i);
                i = j + 1;
            }
            '`' => {
                let Some(end) = input[i + 1..].find('`') else {
                    return Err(err(i, "unterminated raw quoted string".into()));
                };
                let raw = &input[i..i + 2 + end];
                push(
                    &mut toks,
                    Tok::Str(raw.to_string(), raw[1..raw.len() - 1].to_string()),
                    i,
                );
                i += end + 2;
            }
            '\'' => {
                let Some(end) = input[i + 1..].find('\'') else {
                    return Err(err(i, "unterminated character constant".into()));
                };
                let raw = &input[i..i + 2 + end];
                let v = crate::go::unquote(&format!("\"{}\"", &raw[1..raw.len() - 1]))
                    .and_then(|s| {
                        let mut it = s.chars();
                        let c = it.next()?;
                        it.next().is_none().then_some(c)
                    })
                    .ok_or_else(|| err(i, format!("malformed character constant: {raw}")))?;
                push(&mut toks, Tok::Num(raw.to_string(), Lit::Int(v as i64)), i);
                i += end + 2;
            }
            '$' => {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80)
                {
                    j += 1;
                }
                push(&mut toks, Tok::Var(input[i..j].to_string()), i);
                i = j;
            }
            '.' if b
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'_' || *n >= 0x80) =>
            {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80)
                {
                    j += 1;
                }
                push(&mut toks, Tok::Field(input[i + 1..j].to_string()), i);
                i = j;
            }
            '.' if !b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                push(&mut toks, Tok::Dot, i);
                i += 1;
            }
            c if c.is_ascii_digit() || c == '.' || c == '+' || c == '-' => {
                let mut j = i + 1;
                while j < b.len()
                    && (b[j].is_ascii_alphanumeric()
                        || b[j] == b'.'
                        || b[j] == b'_'
                        || ((b[j] == b'+' || b[j] == b'-')
                            && matches!(b[j - 1], b'e' | b'E' | b'p' | b'P')))
                {
                    j += 1;
                }
                let text = &input[i..j];
                let val = parse_number(text)
                    .ok_or_else(|| err(i, format!("bad number syntax: \"{text}\"")))?;
                push(&mut toks, Tok::Num(text.to_string(), val), i);
                i = j;
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80)
                {
                    j += 1;
                }
                let word = &input[i..j];
                let tok = match word {
                    "true" => Tok::Bool(true),
                    "false" => Tok::Bool(false),
                    "nil" => Tok::Nil,
                    w => match KEYWORDS.iter().find(|k| **k == w) {
                        Some(k) => Tok::Keyword(k),
                        None => Tok::Ident(w.to_string()),
                    },
                };
                push(&mut toks, tok, i);
                i = j;
            }
            c => {
                return Err(err(
                    i,
                    format!("unrecognized character in action: {}", sharp_u(c)),
                ));
            }
        }
    }
}

fn sharp_u(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

fn parse_number(text: &str) -> Option<Lit> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let (neg, body) = match clean.as_bytes().first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, clean.as_str()),
    };
    let int = |digits: &str, radix: u32| {
        i64::from_str_radix(digits, radix)
            .ok()
            .map(|v| if neg { -v } else { v })
    };
    let lower = body.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        return int(h, 16).map(Lit::Int);
    }
    if let Some(o) = lower.strip_prefix("0o") {
        return int(o, 8).map(Lit::Int);
    }
    if let Some(bn) = lower.strip_prefix("0b") {
        return int(bn, 2).map(Lit::Int);
    }
    if body.bytes().all(|c| c.is_ascii_digit()) && !body.is_empty() {
        if body.len() > 1 && body.starts_with('0') {
            return int(&body[1..], 8).map(Lit::Int);
        }
        return int(body, 10).map(Lit::Int);
    }
    clean
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Lit::Float)
}

struct Parser<'a> {
    input: &'a str,
    pieces: Vec<Piece>,
    idx: usize,
    tree: Tree,
    vars: Vec<Vec<String>>,
    range_depth: usize,
}

/// What ended a list.
enum Stop {
    Eof,
    End(usize),
    Else(usize, Vec<Token>),
}

/// Parses a template; the error is Go's (`template: output:1: unclosed action`).
pub fn parse(input: &str) -> Result<Tree, String> {
    let pieces = lex(input)?;
    let mut p = Parser {
        input,
        pieces,
        idx: 0,
        tree: Tree::default(),
        vars: vec![vec!["$".into()]],
        range_depth: 0,
    };
    let (root, stop) = p.list()?;
    match stop {
        Stop::Eof => {}
        Stop::End(pos) => return Err(p.err(pos, "unexpected {{end}}")),
        Stop::Else(pos, _) => return Err(p.err(pos, "unexpected {{else}}")),
    }
    p.tree.root = root;
    Ok(p.tree)
}

impl Parser<'_> {
    fn err(&self, pos: usize, msg: &str) -> String {
        format!("template: output:{}: {msg}", line_of(self.input, pos))
    }

    fn list(&mut self) -> Result<(Vec<Node>, Stop), String> {
        let mut nodes = Vec::new();
        while self.idx < self.pieces.len() {
            let piece = std::mem::replace(&mut self.pieces[self.idx], Piece::Comment);
            self.idx += 1;
            match piece {
                Piece::Text(t) => nodes.push(Node::Text(t)),
                Piece::Comment => {}
                Piece::Action(toks, pos) => {
                    let first = &toks[0];
                    match &first.tok {
                        Tok::Keyword("end") => {
                            self.expect_end(&toks, 1, "end")?;
                            return Ok((nodes, Stop::End(pos)));
                        }
                        Tok::Keyword("else") => return Ok((nodes, Stop::Else(pos, toks))),
                        Tok::Keyword(k @ ("if" | "range" | "with")) => {
                            let n = self.control(k, &toks[1..], pos)?;
                            nodes.push(n);
                        }
                        Tok::Keyword(k @ ("break" | "continue")) => {
                            if self.range_depth == 0 {
                                return Err(
                                    self.err(pos, &format!("{{{{{k}}}}} outside {{{{range}}}}"))
                                );
                            }
                            self.expect_end(&toks, 1, k)?;
                            nodes.push(if *k == "break" {
                                Node::Break(pos)
                            } else {
                                Node::Continue(pos)
                            });
                        }
                        Tok::Keyword(k @ ("define" | "block" | "template")) => {
                            let name = match toks.get(1).map(|t| &t.tok) {
                                Some(Tok::Str(_, v)) => v.clone(),
                                _ => {
                                    return Err(
                                        self.err(pos, &format!("unexpected token in {k} clause"))
                                    );
                                }
                            };
                            match *k {
                                "define" => {
                                    self.expect_end(&toks, 2, "define")?;
                                    let (body, stop) = self.list()?;
                                    if !matches!(stop, Stop::End(_)) {
                                        return Err(self.err(pos, "unexpected EOF"));
                                    }
                                    self.tree.defines.insert(name, body);
                                }
                                _ => {
                                    let pipe = if matches!(toks[2].tok, Tok::End) {
                                        None
                                    } else {
                                        Some(self.pipeline(&toks[2..], k, pos)?)
                                    };
                                    if *k == "block" {
                                        let (body, stop) = self.list()?;
                                        if !matches!(stop, Stop::End(_)) {
                                            return Err(self.err(pos, "unexpected EOF"));
                                        }
                                        self.tree.defines.insert(name.clone(), body);
                                    }
                                    // Go reports a template call at its name token.
                                    nodes.push(Node::Template {
                                        pos: toks[1].pos,
                                        name,
                                        pipe,
                                    });
                                }
                            }
                        }
                        _ => {
                            let pipe = self.pipeline(&toks, "command", pos)?;
                            nodes.push(Node::Action { pos, pipe });
                        }
                    }
                }
            }
        }
        Ok((nodes, Stop::Eof))
    }

    fn expect_end(&self, toks: &[Token], at: usize, ctx: &str) -> Result<(), String> {
        match toks.get(at) {
            Some(Token { tok: Tok::End, .. }) => Ok(()),
            Some(t) => Err(self.err(t.pos, &format!("unexpected {} in {ctx}", describe(&t.tok)))),
            None => Err(self.err(0, "unclosed action")),
        }
    }

    /// `if`/`range`/`with` with their `else` / `else if` chains.
    fn control(&mut self, kind: &str, toks: &[Token], pos: usize) -> Result<Node, String> {
        self.vars.push(Vec::new());
        let pipe = self.pipeline(toks, kind, pos)?;
        if pipe.cmds.is_empty() {
            return Err(self.err(pos, &format!("missing value for {kind}")));
        }
        if kind == "range" {
            self.range_depth += 1;
        }
        let (list, stop) = self.list()?;
        if kind == "range" {
            self.range_depth -= 1;
        }
        let else_list = match stop {
            Stop::Eof => return Err(self.err(self.input.len(), "unexpected EOF")),
            Stop::End(_) => None,
            Stop::Else(epos, etoks) => {
                // `{{else if ...}}` / `{{else with ...}}` nest a control that shares our {{end}}.
                match etoks.get(1).map(|t| &t.tok) {
                    Some(Tok::Keyword(k @ ("if" | "with"))) if *k == kind || kind != "range" => {
                        let nested = self.control(k, &etoks[2..], epos)?;
                        Some(vec![nested])
                    }
                    _ => {
                        self.expect_end(&etoks, 1, "else")?;
                        let (l, stop) = self.list()?;
                        match stop {
                            Stop::End(_) => Some(l),
                            Stop::Else(p2, _) => {
                                return Err(self.err(p2, "expected end; found {{else}}"));
                            }
                            Stop::Eof => return Err(self.err(self.input.len(), "unexpected EOF")),
                        }
                    }
                }
            }
        };
        self.vars.pop();
        Ok(match kind {
            "if" => Node::If {
                pos,
                pipe,
                list,
                else_list,
            },
            "range" => Node::Range {
                pos,
                pipe,
                list,
                else_list,
            },
            _ => Node::With {
                pos,
                pipe,
                list,
                else_list,
            },
        })
    }

    fn declared(&self, name: &str) -> bool {
        self.vars
            .iter()
            .any(|scope| scope.iter().any(|v| v == name))
    }

    fn pipeline(&mut self, toks: &[Token], ctx: &str, pos: usize) -> Result<Pipe, String> {
        let mut i = 0;
        let mut decl = Vec::new();
        let mut is_assign = false;
        // Declarations: `$x :=`, `$x =`, `$i, $v :=` (range).
        if let Some(Tok::Var(v)) = toks.first().map(|t| &t.tok) {
            match toks.get(1).map(|t| &t.tok) {
                Some(Tok::Declare) | Some(Tok::Assign) => {
                    is_assign = matches!(toks[1].tok, Tok::Assign);
                    decl.push(v.clone());
                    i = 2;
                }
                Some(Tok::Comma) if ctx == "range" => {
                    if let (Some(Tok::Var(v2)), Some(Tok::Declare | Tok::Assign)) =
                        (toks.get(2).map(|t| &t.tok), toks.get(3).map(|t| &t.tok))
                    {
                        is_assign = matches!(toks[3].tok, Tok::Assign);
                        decl.push(v.clone());
                        decl.push(v2.clone());
                        i = 4;
                    } else {
                        return Err(self.err(toks[1].pos, "range can only initialize variables"));
                    }
                }
                _ => {}
            }
        }
        for d in &decl {
            if is_assign {
                if !self.declared(d) {
                    return Err(self.err(pos, &format!("undefined variable \"{d}\"")));
                }
            } else if let Some(scope) = self.vars.last_mut() {
                scope.push(d.clone());
            }
        }
        let mut cmds = Vec::new();
        loop {
            let start = toks.get(i).map(|t| t.pos).unwrap_or(pos);
            let (cmd, next) = self.command(toks, i)?;
            i = next;
            match cmd {
                Some(c) => cmds.push(c),
                None if cmds.is_empty() && !decl.is_empty() => {
                    return Err(self.err(start, &format!("missing value for {ctx}")));
                }
                None if !cmds.is_empty() => return Err(self.err(start, "missing command")),
                None => {}
            }
            match toks.get(i).map(|t| &t.tok) {
                Some(Tok::Pipe) => {
                    i += 1;
                    if cmds.is_empty() {
                        return Err(self.err(toks[i - 1].pos, "missing command"));
                    }
                }
                Some(Tok::End) | Some(Tok::RParen) | None => break,
                Some(t) => {
                    return Err(
                        self.err(toks[i].pos, &format!("unexpected {} in {ctx}", describe(t)))
                    );
                }
            }
        }
        Ok(Pipe {
            pos: toks.first().map(|t| t.pos).unwrap_or(pos),
            decl,
            is_assign,
            cmds,
        })
    }

    /// One command (operands up to `|`, `)` or the end); returns the next token index.
    fn command(&mut self, toks: &[Token], mut i: usize) -> Result<(Option<Cmd>, usize), String> {
        let pos = toks.get(i).map(|t| t.pos).unwrap_or(0);
        let mut args = Vec::new();
        while let Some(t) = toks.get(i) {
            if matches!(t.tok, Tok::Pipe | Tok::End | Tok::RParen) {
                break;
            }
            if !args.is_empty() && !t.spaced && !matches!(t.tok, Tok::LParen) {
                return Err(self.err(
                    t.pos,
                    &format!("unexpected {} in operand", describe(&t.tok)),
                ));
            }
            let (arg, next) = self.operand(toks, i)?;
            args.push(arg);
            i = next;
        }
        Ok(((!args.is_empty()).then_some(Cmd { pos, args }), i))
    }

    fn operand(&mut self, toks: &[Token], i: usize) -> Result<(Arg, usize), String> {
        let (mut arg, mut i) = self.term(toks, i)?;
        if let Some(Token {
            tok: Tok::Field(_),
            spaced: false,
            pos,
        }) = toks.get(i)
        {
            let chain_pos = *pos;
            let mut names = Vec::new();
            while let Some(Token {
                tok: Tok::Field(f),
                spaced: false,
                ..
            }) = toks.get(i)
            {
                names.push(f.clone());
                i += 1;
            }
            arg = match arg {
                Arg::Field {
                    pos: _,
                    names: mut n,
                } => {
                    n.extend(names);
                    Arg::Field {
                        pos: chain_pos,
                        names: n,
                    }
                }
                Arg::Var {
                    pos: _,
                    name,
                    names: mut n,
                } => {
                    n.extend(names);
                    Arg::Var {
                        pos: chain_pos,
                        name,
                        names: n,
                    }
                }
                Arg::Bool(p, _)
                | Arg::Nil(p)
                | Arg::Num { pos: p, .. }
                | Arg::Str { pos: p, .. }
                | Arg::Dot(p) => {
                    return Err(self.err(p, "unexpected . after term"));
                }
                other => Arg::Chain {
                    pos: chain_pos,
                    node: Box::new(other),
                    names,
                },
            };
        }
        Ok((arg, i))
    }

    fn term(&mut self, toks: &[Token], i: usize) -> Result<(Arg, usize), String> {
        let t = &toks[i];
        let pos = t.pos;
        Ok(match &t.tok {
            Tok::Field(f) => (
                Arg::Field {
                    pos,
                    names: vec![f.clone()],
                },
                i + 1,
            ),
            Tok::Var(v) => {
                if !self.declared(v) {
                    return Err(self.err(pos, &format!("undefined variable \"{v}\"")));
                }
                (
                    Arg::Var {
                        pos,
                        name: v.clone(),
                        names: Vec::new(),
                    },
                    i + 1,
                )
            }
            Tok::Dot => (Arg::Dot(pos), i + 1),
            Tok::Nil => (Arg::Nil(pos), i + 1),
            Tok::Bool(b) => (Arg::Bool(pos, *b), i + 1),
            Tok::Num(text, val) => (
                Arg::Num {
                    pos,
                    text: text.clone(),
                    val: val.clone(),
                },
                i + 1,
            ),
            Tok::Str(raw, val) => (
                Arg::Str {
                    pos,
                    raw: raw.clone(),
                    val: val.clone(),
                },
                i + 1,
            ),
            Tok::Ident(name) => {
                if !FUNCS.contains(&name.as_str()) {
                    return Err(self.err(pos, &format!("function \"{name}\" not defined")));
                }
                (
                    Arg::Ident {
                        pos,
                        name: name.clone(),
                    },
                    i + 1,
                )
            }
            Tok::LParen => {
                let pipe = self.pipeline(&toks[i + 1..], "parenthesized pipeline", pos)?;
                // Find the matching right paren.
                let mut depth = 0;
                let mut j = i;
                while j < toks.len() {
                    match toks[j].tok {
                        Tok::LParen => depth += 1,
                        Tok::RParen => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                (Arg::Pipe(Box::new(pipe)), j + 1)
            }
            other => {
                return Err(self.err(pos, &format!("unexpected {} in operand", describe(other))));
            }
        })
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Field(f) => format!("<.{f}>"),
        Tok::Var(v) => format!("<{v}>"),
        Tok::Dot => "<.>".into(),
        Tok::Ident(i) => format!("<{i}>"),
        Tok::Str(raw, _) | Tok::Num(raw, _) => raw.clone(),
        Tok::Bool(b) => format!("<{b}>"),
        Tok::Nil => "<nil>".into(),
        Tok::Pipe => "<|>".into(),
        Tok::LParen => "<(>".into(),
        Tok::RParen => "<)>".into(),
        Tok::Declare => "\":=\"".into(),
        Tok::Assign => "\"=\"".into(),
        Tok::Comma => "\",\"".into(),
        Tok::Keyword(k) => format!("<{k}>"),
        Tok::End => "\"}}\"".into(),
    }
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Field { names, .. } => {
                for n in names {
                    write!(f, ".{n}")?;
                }
                Ok(())
            }
            Arg::Var { name, names, .. } => {
                write!(f, "{name}")?;
                for n in names {
                    write!(f, ".{n}")?;
                }
                Ok(())
            }
            Arg::Chain { node, names, .. } => {
                match node.as_ref() {
                    Arg::Pipe(_) => write!(f, "{node}")?,
                    other => write!(f, "{other}")?,
                }
                for n in names {
                    write!(f, ".{n}")?;
                }
                Ok(())
            }
            Arg::Dot(_) => write!(f, "."),
            Arg::Nil(_) => write!(f, "nil"),
            Arg::Bool(_, b) => write!(f, "{b}"),
            Arg::Num { text, .. } => write!(f, "{text}"),
            Arg::Str { raw, .. } => write!(f, "{raw}"),
            Arg::Ident { name, .. } => write!(f, "{name}"),
            Arg::Pipe(p) => write!(f, "({p})"),
        }
    }
}

impl std::fmt::Display for Cmd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                write!(f, " ")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Pipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.decl.is_empty() {
            write!(
                f,
                "{} {} ",
                self.decl.join(", "),
                if self.is_assign { "=" } else { ":=" }
            )?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                write!(f, " | ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

/// The `line:col` Go prints for a node at byte `pos` (col is the 0-based byte offset).
pub fn line_col(input: &str, pos: usize) -> String {
    let before = &input[..pos.min(input.len())];
    let line = 1 + before.matches('\n').count();
    let col = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    format!("{line}:{col}")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Messages: `kubectl.1.33 ... -o go-template=T` ("error parsing template T, <msg>").
    #[test]
    fn parse_errors_match_go() {
        let e = |t: &str| parse(t).unwrap_err();
        assert_eq!(e("{{.a"), "template: output:1: unclosed action");
        assert_eq!(
            e("{{.kind}}{{.metadata.name"),
            "template: output:1: unclosed action"
        );
        assert_eq!(e("{{end}}"), "template: output:1: unexpected {{end}}");
        assert_eq!(
            e("{{if}}x{{end}}"),
            "template: output:1: missing value for if"
        );
        assert_eq!(e("{{range .a}}"), "template: output:1: unexpected EOF");
        assert_eq!(
            e("{{nofunc 1}}"),
            "template: output:1: function \"nofunc\" not defined"
        );
        assert_eq!(
            e("{{break}}"),
            "template: output:1: {{break}} outside {{range}}"
        );
        assert_eq!(e("{{$x}}"), "template: output:1: undefined variable \"$x\"");
    }

    #[test]
    fn parses_and_prints_nodes() {
        let t =
            parse("a {{- .b.c | printf \"%s\" -}} {{range $i, $v := .x}}{{$v.y}}{{else}}e{{end}}")
                .unwrap();
        assert_eq!(t.root[0], Node::Text("a".into()));
        let Node::Action { pipe, .. } = &t.root[1] else {
            panic!()
        };
        assert_eq!(pipe.to_string(), ".b.c | printf \"%s\"");
        let Node::Range {
            pipe, else_list, ..
        } = &t.root[2]
        else {
            panic!("{:?}", t.root)
        };
        assert_eq!(pipe.to_string(), "$i, $v := .x");
        assert!(else_list.is_some());
        let t = parse("{{(index .a 0).ports}}").unwrap();
        let Node::Action { pipe, .. } = &t.root[0] else {
            panic!()
        };
        assert_eq!(pipe.to_string(), "(index .a 0).ports");
        assert_eq!(line_col("ab\ncd{{x", 5), "2:2");
    }
}
