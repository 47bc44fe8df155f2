//! Lexer and parser of the built-in shell: turns a script (`sh -c '...'`, an interactive line)
//! into a small AST. Supports the subset of POSIX sh that pod specs and `kubectl exec` use:
//! words with `'…'`, `"…"`, `\` quoting, `$VAR`, `${VAR}`, `${VAR:-default}`, `$?`, `$#`, `$@`,
//! `$((arith))`, `$(cmd)` and backticks; `;`, newlines, `&&`, `||`, `|`, `!`; redirections
//! (`>`, `>>`, `<`, `2>&1`); `while`/`until`/`for`/`if` and `{ }` / `( )` groups.

use std::fmt;

/// One piece of a word; expansions remember whether they were inside double quotes, because
/// only unquoted expansions are split into several fields.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Unquoted literal text.
    Lit(String),
    /// Text from quotes or a backslash escape: never split, never a keyword.
    Quoted(String),
    /// `$name`, `${name}`, `$?`, `$1`, `$@`... with an optional `:-default` word.
    Var {
        name: String,
        default: Option<Vec<Part>>,
        quoted: bool,
    },
    /// `$((expr))`.
    Arith { expr: String, quoted: bool },
    /// `$(script)` or `` `script` ``.
    Subst { script: String, quoted: bool },
}

/// A word before expansion.
pub type Word = Vec<Part>;

/// A redirection of one file descriptor.
#[derive(Clone, Debug, PartialEq)]
pub enum Redirect {
    /// `N> file` (append when `>>`).
    Out { fd: u8, target: Word, append: bool },
    /// `< file`.
    In { target: Word },
    /// `N>&M`.
    Dup { fd: u8, to: u8 },
}

/// The syntax tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `A=1 B=2 cmd args... >file`
    Simple {
        assigns: Vec<(String, Word)>,
        words: Vec<Word>,
        redirects: Vec<Redirect>,
    },
    /// `a | b | c`
    Pipeline(Vec<Node>),
    /// `! cmd`
    Not(Box<Node>),
    /// `a && b`
    And(Box<Node>, Box<Node>),
    /// `a || b`
    Or(Box<Node>, Box<Node>),
    /// `a; b` or newline-separated commands.
    List(Vec<Node>),
    /// `while cond; do body; done` (`until` negates the condition).
    While {
        until: bool,
        cond: Box<Node>,
        body: Box<Node>,
    },
    /// `for var in items; do body; done` (`items` None means `"$@"`).
    For {
        var: String,
        items: Option<Vec<Word>>,
        body: Box<Node>,
    },
    /// `if c; then a; elif c2; then b; else c; fi`
    If {
        branches: Vec<(Node, Node)>,
        otherwise: Option<Box<Node>>,
    },
    /// `{ list; }`
    Group(Box<Node>),
    /// `( list )`: variable changes and `exit` stay inside.
    Subshell(Box<Node>),
}

/// A syntax error; the message is what busybox sh prints after `sh: `.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError(pub String);

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "syntax error: {}", self.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(Word),
    Semi,
    Newline,
    And,
    Or,
    Pipe,
    Amp,
    LParen,
    RParen,
    Redir(Redirect),
}

const RESERVED: &[&str] = &[
    "if", "then", "elif", "else", "fi", "while", "until", "for", "do", "done", "in", "{", "}", "!",
];

/// The plain unquoted text of a word, if it has no quotes or expansions.
fn plain(w: &Word) -> Option<&str> {
    match w.as_slice() {
        [Part::Lit(s)] => Some(s),
        _ => None,
    }
}

fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(ch) if ch == '_' || ch.is_ascii_alphabetic())
        && c.all(|ch| ch == '_' || ch.is_ascii_alphanumeric())
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn peek_at(&self, n: usize) -> Option<u8> {
        self.s.get(self.i + n).copied()
    }

    fn tokens(mut self) -> Result<Vec<Tok>, SyntaxError> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\\' if self.peek_at(1) == Some(b'\n') => self.i += 2,
                b'#' => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                b'\n' => {
                    self.i += 1;
                    out.push(Tok::Newline);
                }
                b';' => {
                    self.i += 1;
                    out.push(Tok::Semi);
                }
                b'&' if self.peek_at(1) == Some(b'&') => {
                    self.i += 2;
                    out.push(Tok::And);
                }
                b'&' => {
                    self.i += 1;
                    out.push(Tok::Amp);
                }
                b'|' if self.peek_at(1) == Some(b'|') => {
                    self.i += 2;
                    out.push(Tok::Or);
                }
                b'|' => {
                    self.i += 1;
                    out.push(Tok::Pipe);
                }
                b'(' => {
                    self.i += 1;
                    out.push(Tok::LParen);
                }
                b')' => {
                    self.i += 1;
                    out.push(Tok::RParen);
                }
                b'<' | b'>' => out.push(self.redirect(None)?),
                b'0'..=b'9'
                    if matches!(self.peek_at(1), Some(b'<' | b'>')) && self.at_word_start(&out) =>
                {
                    self.i += 1;
                    out.push(self.redirect(Some(c - b'0'))?);
                }
                _ => out.push(Tok::Word(self.word()?)),
            }
        }
        Ok(out)
    }

    fn at_word_start(&self, _out: &[Tok]) -> bool {
        self.i == 0
            || matches!(
                self.s[self.i - 1],
                b' ' | b'\t' | b'\n' | b';' | b'|' | b'&'
            )
    }

    fn redirect(&mut self, fd: Option<u8>) -> Result<Tok, SyntaxError> {
        let c = self.s[self.i];
        self.i += 1;
        if c == b'<' {
            let target = self.target()?;
            return Ok(Tok::Redir(Redirect::In { target }));
        }
        let fd = fd.unwrap_or(1);
        let append = self.peek() == Some(b'>');
        if append {
            self.i += 1;
        }
        if self.peek() == Some(b'&') {
            self.i += 1;
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    self.i += 1;
                    return Ok(Tok::Redir(Redirect::Dup { fd, to: d - b'0' }));
                }
                _ => return Err(SyntaxError("bad fd number".into())),
            }
        }
        let target = self.target()?;
        Ok(Tok::Redir(Redirect::Out { fd, target, append }))
    }

    fn target(&mut self) -> Result<Word, SyntaxError> {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        match self.peek() {
            None | Some(b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>') => {
                Err(SyntaxError("unexpected redirection target".into()))
            }
            _ => self.word(),
        }
    }

    fn word(&mut self) -> Result<Word, SyntaxError> {
        let mut parts: Word = Vec::new();
        let mut lit = String::new();
        let flush = |lit: &mut String, parts: &mut Word| {
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(lit)));
            }
        };
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>' => {
                    break;
                }
                b'\'' => {
                    flush(&mut lit, &mut parts);
                    self.i += 1;
                    let start = self.i;
                    while self.peek().is_some_and(|c| c != b'\'') {
                        self.i += 1;
                    }
                    if self.peek().is_none() {
                        return Err(SyntaxError("unterminated quoted string".into()));
                    }
                    parts.push(Part::Quoted(self.text(start, self.i)));
                    self.i += 1;
                }
                b'"' => {
                    flush(&mut lit, &mut parts);
                    self.i += 1;
                    self.double_quoted(&mut parts)?;
                }
                b'\\' => {
                    flush(&mut lit, &mut parts);
                    self.i += 1;
                    match self.peek() {
                        Some(b'\n') => self.i += 1,
                        Some(_) => {
                            let ch = self.next_char();
                            parts.push(Part::Quoted(ch));
                        }
                        None => parts.push(Part::Quoted("\\".into())),
                    }
                }
                b'$' => {
                    flush(&mut lit, &mut parts);
                    let p = self.dollar(false)?;
                    parts.push(p);
                }
                b'`' => {
                    flush(&mut lit, &mut parts);
                    parts.push(self.backtick(false)?);
                }
                _ => lit.push_str(&self.next_char()),
            }
        }
        flush(&mut lit, &mut parts);
        Ok(parts)
    }

    fn next_char(&mut self) -> String {
        let rest = std::str::from_utf8(&self.s[self.i..]).unwrap_or("");
        match rest.chars().next() {
            Some(ch) => {
                self.i += ch.len_utf8();
                ch.to_string()
            }
            None => {
                // Not valid UTF-8 at this point: take the byte as-is (lossy).
                self.i += 1;
                String::from_utf8_lossy(&self.s[self.i - 1..self.i]).into_owned()
            }
        }
    }

    fn text(&self, a: usize, b: usize) -> String {
        String::from_utf8_lossy(&self.s[a..b]).into_owned()
    }

    fn double_quoted(&mut self, parts: &mut Word) -> Result<(), SyntaxError> {
        let mut lit = String::new();
        loop {
            match self.peek() {
                None => return Err(SyntaxError("unterminated quoted string".into())),
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    match self.peek() {
                        Some(b'$' | b'`' | b'"' | b'\\') => lit.push_str(&self.next_char()),
                        Some(b'\n') => self.i += 1,
                        _ => lit.push('\\'),
                    }
                }
                Some(b'$') => {
                    if !lit.is_empty() {
                        parts.push(Part::Quoted(std::mem::take(&mut lit)));
                    }
                    let p = self.dollar(true)?;
                    parts.push(p);
                }
                Some(b'`') => {
                    if !lit.is_empty() {
                        parts.push(Part::Quoted(std::mem::take(&mut lit)));
                    }
                    parts.push(self.backtick(true)?);
                }
                Some(_) => lit.push_str(&self.next_char()),
            }
        }
        // `""` must still produce an (empty) field, so always push the quoted text.
        parts.push(Part::Quoted(lit));
        Ok(())
    }

    fn backtick(&mut self, quoted: bool) -> Result<Part, SyntaxError> {
        self.i += 1;
        let start = self.i;
        while self.peek().is_some_and(|c| c != b'`') {
            self.i += 1;
        }
        if self.peek().is_none() {
            return Err(SyntaxError("unterminated quoted string".into()));
        }
        let script = self.text(start, self.i);
        self.i += 1;
        Ok(Part::Subst { script, quoted })
    }

    /// Finds the end of a `(`-balanced region starting right after an opening paren; returns
    /// the index of the matching `)`. Quotes inside are skipped so `$(echo ")")` works.
    fn balanced(&self, mut i: usize) -> Result<usize, SyntaxError> {
        let mut depth = 1;
        while i < self.s.len() {
            match self.s[i] {
                b'\'' => {
                    i += 1;
                    while i < self.s.len() && self.s[i] != b'\'' {
                        i += 1;
                    }
                }
                b'"' => {
                    i += 1;
                    while i < self.s.len() && self.s[i] != b'"' {
                        if self.s[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                b'\\' => i += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(i);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        Err(SyntaxError(
            "unexpected end of file (expecting \")\")".into(),
        ))
    }

    fn dollar(&mut self, quoted: bool) -> Result<Part, SyntaxError> {
        self.i += 1; // the '$'
        match self.peek() {
            Some(b'(') if self.peek_at(1) == Some(b'(') => {
                let end = self.balanced(self.i + 2)?;
                // `$((…))` needs a second closing paren right after.
                if self.s.get(end + 1) != Some(&b')') {
                    return Err(SyntaxError("missing ')' in arithmetic".into()));
                }
                let expr = self.text(self.i + 2, end);
                self.i = end + 2;
                Ok(Part::Arith { expr, quoted })
            }
            Some(b'(') => {
                let end = self.balanced(self.i + 1)?;
                let script = self.text(self.i + 1, end);
                self.i = end + 1;
                Ok(Part::Subst { script, quoted })
            }
            Some(b'{') => {
                let start = self.i + 1;
                let mut j = start;
                while j < self.s.len() && self.s[j] != b'}' {
                    j += 1;
                }
                if j >= self.s.len() {
                    return Err(SyntaxError("missing '}'".into()));
                }
                let inner = self.text(start, j);
                self.i = j + 1;
                let (name, default) = match inner.split_once(":-") {
                    Some((n, d)) => {
                        let w = Lexer {
                            s: d.as_bytes(),
                            i: 0,
                        }
                        .word()?;
                        let w = if quoted {
                            w.into_iter()
                                .map(|p| match p {
                                    Part::Lit(s) => Part::Quoted(s),
                                    other => other,
                                })
                                .collect()
                        } else {
                            w
                        };
                        (n.to_string(), Some(w))
                    }
                    None => (inner, None),
                };
                if !(is_name(&name)
                    || name.chars().all(|c| c.is_ascii_digit()) && !name.is_empty()
                    || matches!(name.as_str(), "?" | "#" | "@" | "*" | "$"))
                {
                    return Err(SyntaxError(format!("bad substitution: ${{{name}}}")));
                }
                Ok(Part::Var {
                    name,
                    default,
                    quoted,
                })
            }
            Some(c @ (b'?' | b'#' | b'@' | b'*' | b'$' | b'0'..=b'9')) => {
                self.i += 1;
                Ok(Part::Var {
                    name: (c as char).to_string(),
                    default: None,
                    quoted,
                })
            }
            Some(c) if c == b'_' || c.is_ascii_alphabetic() => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c == b'_' || c.is_ascii_alphanumeric())
                {
                    self.i += 1;
                }
                Ok(Part::Var {
                    name: self.text(start, self.i),
                    default: None,
                    quoted,
                })
            }
            _ => Ok(if quoted {
                Part::Quoted("$".into())
            } else {
                Part::Lit("$".into())
            }),
        }
    }
}

struct Parser {
    toks: Vec<Tok>,
    i: usize,
}

fn describe(t: Option<&Tok>) -> String {
    match t {
        None => "end of file".into(),
        Some(Tok::Word(w)) => {
            format!(
                "\"{}\"",
                plain(w)
                    .map(str::to_string)
                    .unwrap_or_else(|| "word".into())
            )
        }
        Some(Tok::Semi) => "\";\"".into(),
        Some(Tok::Newline) => "newline".into(),
        Some(Tok::And) => "\"&&\"".into(),
        Some(Tok::Or) => "\"||\"".into(),
        Some(Tok::Pipe) => "\"|\"".into(),
        Some(Tok::Amp) => "\"&\"".into(),
        Some(Tok::LParen) => "\"(\"".into(),
        Some(Tok::RParen) => "\")\"".into(),
        Some(Tok::Redir(_)) => "redirection".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i)
    }

    fn peek_keyword(&self) -> Option<&str> {
        match self.peek() {
            Some(Tok::Word(w)) => plain(w).filter(|s| RESERVED.contains(s)),
            _ => None,
        }
    }

    fn unexpected(&self) -> SyntaxError {
        SyntaxError(format!("unexpected {}", describe(self.peek())))
    }

    fn expect_keyword(&mut self, kw: &str) -> Result<(), SyntaxError> {
        if self.peek_keyword() == Some(kw) {
            self.i += 1;
            Ok(())
        } else if self.peek().is_none() {
            Err(SyntaxError(format!(
                "unexpected end of file (expecting \"{kw}\")"
            )))
        } else {
            Err(self.unexpected())
        }
    }

    fn skip_newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) {
            self.i += 1;
        }
    }

    /// A list of and-or commands, ending at EOF, `)` or a closing keyword.
    fn list(&mut self) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        loop {
            while matches!(self.peek(), Some(Tok::Newline | Tok::Semi)) {
                if matches!(self.peek(), Some(Tok::Semi)) && items.is_empty() {
                    return Err(self.unexpected());
                }
                self.i += 1;
            }
            match self.peek() {
                None | Some(Tok::RParen) => break,
                _ => {}
            }
            if matches!(
                self.peek_keyword(),
                Some("then" | "elif" | "else" | "fi" | "do" | "done" | "}" | "in")
            ) {
                break;
            }
            items.push(self.and_or()?);
            match self.peek() {
                Some(Tok::Semi | Tok::Newline) => self.i += 1,
                Some(Tok::Amp) => {
                    return Err(SyntaxError(
                        "background jobs (&) are not supported by the simulated shell".into(),
                    ));
                }
                _ => {}
            }
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::List(vec![]))
        } else {
            Node::List(items)
        })
    }

    fn nonempty_list(&mut self, ctx: &str) -> Result<Node, SyntaxError> {
        let n = self.list()?;
        if n == Node::List(vec![]) {
            return Err(if self.peek().is_none() {
                SyntaxError(format!("unexpected end of file (expecting \"{ctx}\")"))
            } else {
                self.unexpected()
            });
        }
        Ok(n)
    }

    fn and_or(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.pipeline()?;
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.i += 1;
                    self.skip_newlines();
                    left = Node::And(Box::new(left), Box::new(self.pipeline()?));
                }
                Some(Tok::Or) => {
                    self.i += 1;
                    self.skip_newlines();
                    left = Node::Or(Box::new(left), Box::new(self.pipeline()?));
                }
                _ => return Ok(left),
            }
        }
    }

    fn pipeline(&mut self) -> Result<Node, SyntaxError> {
        let negate = self.peek_keyword() == Some("!");
        if negate {
            self.i += 1;
        }
        let mut cmds = vec![self.command()?];
        while matches!(self.peek(), Some(Tok::Pipe)) {
            self.i += 1;
            self.skip_newlines();
            cmds.push(self.command()?);
        }
        let node = if cmds.len() == 1 {
            cmds.remove(0)
        } else {
            Node::Pipeline(cmds)
        };
        Ok(if negate {
            Node::Not(Box::new(node))
        } else {
            node
        })
    }

    fn command(&mut self) -> Result<Node, SyntaxError> {
        match self.peek_keyword() {
            Some("while") | Some("until") => {
                let until = self.peek_keyword() == Some("until");
                self.i += 1;
                let cond = self.nonempty_list("do")?;
                self.expect_keyword("do")?;
                let body = self.nonempty_list("done")?;
                self.expect_keyword("done")?;
                Ok(Node::While {
                    until,
                    cond: Box::new(cond),
                    body: Box::new(body),
                })
            }
            Some("for") => {
                self.i += 1;
                let var = match self.peek() {
                    Some(Tok::Word(w)) if plain(w).is_some_and(is_name) => {
                        plain(w).unwrap_or_default().to_string()
                    }
                    _ => return Err(SyntaxError("bad for loop variable".into())),
                };
                self.i += 1;
                self.skip_newlines();
                let items = if self.peek_keyword() == Some("in") {
                    self.i += 1;
                    let mut items = Vec::new();
                    while let Some(Tok::Word(w)) = self.peek() {
                        items.push(w.clone());
                        self.i += 1;
                    }
                    match self.peek() {
                        Some(Tok::Semi | Tok::Newline) => self.i += 1,
                        _ => return Err(self.unexpected()),
                    }
                    Some(items)
                } else {
                    if matches!(self.peek(), Some(Tok::Semi)) {
                        self.i += 1;
                    }
                    None
                };
                self.skip_newlines();
                self.expect_keyword("do")?;
                let body = self.nonempty_list("done")?;
                self.expect_keyword("done")?;
                Ok(Node::For {
                    var,
                    items,
                    body: Box::new(body),
                })
            }
            Some("if") => {
                self.i += 1;
                let mut branches = Vec::new();
                let mut otherwise = None;
                loop {
                    let cond = self.nonempty_list("then")?;
                    self.expect_keyword("then")?;
                    let body = self.nonempty_list("fi")?;
                    branches.push((cond, body));
                    match self.peek_keyword() {
                        Some("elif") => self.i += 1,
                        Some("else") => {
                            self.i += 1;
                            otherwise = Some(Box::new(self.nonempty_list("fi")?));
                            self.expect_keyword("fi")?;
                            break;
                        }
                        _ => {
                            self.expect_keyword("fi")?;
                            break;
                        }
                    }
                }
                Ok(Node::If {
                    branches,
                    otherwise,
                })
            }
            Some("{") => {
                self.i += 1;
                let body = self.nonempty_list("}")?;
                self.expect_keyword("}")?;
                Ok(Node::Group(Box::new(body)))
            }
            Some(_) => Err(self.unexpected()),
            None => match self.peek() {
                Some(Tok::LParen) => {
                    self.i += 1;
                    let body = self.nonempty_list(")")?;
                    match self.peek() {
                        Some(Tok::RParen) => self.i += 1,
                        None => {
                            return Err(SyntaxError(
                                "unexpected end of file (expecting \")\")".into(),
                            ));
                        }
                        _ => return Err(self.unexpected()),
                    }
                    Ok(Node::Subshell(Box::new(body)))
                }
                _ => self.simple(),
            },
        }
    }

    fn simple(&mut self) -> Result<Node, SyntaxError> {
        let mut assigns = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut redirects = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::Word(w)) => {
                    let w = w.clone();
                    self.i += 1;
                    if words.is_empty()
                        && let Some(Part::Lit(first)) = w.first()
                        && let Some((name, rest)) = first.split_once('=')
                        && is_name(name)
                    {
                        let mut value: Word = Vec::new();
                        if !rest.is_empty() {
                            value.push(Part::Lit(rest.to_string()));
                        }
                        value.extend(w[1..].iter().cloned());
                        assigns.push((name.to_string(), value));
                        continue;
                    }
                    words.push(w);
                }
                Some(Tok::Redir(r)) => {
                    redirects.push(r.clone());
                    self.i += 1;
                }
                _ => break,
            }
        }
        if assigns.is_empty() && words.is_empty() && redirects.is_empty() {
            return Err(self.unexpected());
        }
        Ok(Node::Simple {
            assigns,
            words,
            redirects,
        })
    }
}

/// Parses a whole script.
pub fn parse(script: &str) -> Result<Node, SyntaxError> {
    let toks = Lexer {
        s: script.as_bytes(),
        i: 0,
    }
    .tokens()?;
    let mut p = Parser { toks, i: 0 };
    let node = p.list()?;
    if p.i < p.toks.len() {
        return Err(p.unexpected());
    }
    Ok(node)
}

/// Splits a single word (used for `${x:-default}` and tests).
#[cfg(test)]
fn lex_word(s: &str) -> Result<Word, SyntaxError> {
    Lexer {
        s: s.as_bytes(),
        i: 0,
    }
    .word()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Word {
        vec![Part::Lit(s.into())]
    }

    fn simple(words: &[&str]) -> Node {
        Node::Simple {
            assigns: vec![],
            words: words.iter().map(|w| lit(w)).collect(),
            redirects: vec![],
        }
    }

    #[test]
    fn sequence_and_operators() {
        let n = parse("echo Start; sleep 1 && echo ok || echo no").unwrap();
        assert_eq!(
            n,
            Node::List(vec![
                simple(&["echo", "Start"]),
                Node::Or(
                    Box::new(Node::And(
                        Box::new(simple(&["sleep", "1"])),
                        Box::new(simple(&["echo", "ok"]))
                    )),
                    Box::new(simple(&["echo", "no"]))
                )
            ])
        );
    }

    #[test]
    fn quoting_and_vars() {
        assert_eq!(
            lex_word("a'b c'\"$X y\"\\$").unwrap(),
            vec![
                Part::Lit("a".into()),
                Part::Quoted("b c".into()),
                Part::Var {
                    name: "X".into(),
                    default: None,
                    quoted: true
                },
                Part::Quoted(" y".into()),
                Part::Quoted("$".into()),
            ]
        );
        assert_eq!(
            lex_word("$((i+1))$(echo x)").unwrap(),
            vec![
                Part::Arith {
                    expr: "i+1".into(),
                    quoted: false
                },
                Part::Subst {
                    script: "echo x".into(),
                    quoted: false
                },
            ]
        );
    }

    #[test]
    fn loops_and_if() {
        let n = parse("for i in 1 2; do echo $i; done").unwrap();
        assert!(
            matches!(n, Node::For { ref var, items: Some(ref it), .. } if var == "i" && it.len() == 2)
        );
        let n = parse("while [ $i -lt 3 ]\ndo\n i=$((i+1))\ndone").unwrap();
        assert!(matches!(n, Node::While { until: false, .. }));
        let n = parse("if true; then echo a; elif false; then echo b; else echo c; fi").unwrap();
        assert!(matches!(n, Node::If { ref branches, otherwise: Some(_) } if branches.len() == 2));
    }

    #[test]
    fn assignments_and_redirects() {
        let n = parse("A=1 B=\"x y\" env 2>&1 >/dev/null").unwrap();
        let Node::Simple {
            assigns,
            words,
            redirects,
        } = n
        else {
            panic!("not simple")
        };
        assert_eq!(assigns[0], ("A".into(), lit("1")));
        assert_eq!(assigns[1].0, "B");
        assert_eq!(words, vec![lit("env")]);
        assert_eq!(redirects[0], Redirect::Dup { fd: 2, to: 1 });
        assert_eq!(
            redirects[1],
            Redirect::Out {
                fd: 1,
                target: lit("/dev/null"),
                append: false
            }
        );
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(
            parse("echo 'abc").unwrap_err().to_string(),
            "syntax error: unterminated quoted string"
        );
        assert_eq!(
            parse("while true; do echo").unwrap_err().to_string(),
            "syntax error: unexpected end of file (expecting \"done\")"
        );
        assert_eq!(
            parse("done").unwrap_err().to_string(),
            "syntax error: unexpected \"done\""
        );
        assert_eq!(
            parse("; echo").unwrap_err().to_string(),
            "syntax error: unexpected \";\""
        );
        assert!(parse("sleep 1 &").is_err());
        // A comment and blank lines are fine.
        assert_eq!(parse("# nothing\n\n").unwrap(), Node::List(vec![]));
    }
}
