//! A parser for the `Debug` text of prost messages, giving a generic tree to transcode.
//!
//! prost decodes the wire bytes into the typed `k8s-pb` structs, but those have neither serde
//! nor reflection. Their derived `Debug` is the one generic view of every field (name and
//! value, in a fixed grammar), so the transcoder walks that: structs `Name { field: value }`,
//! `None`/`Some(v)` for optional fields, `[..]` for repeated fields and bytes, `{k: v}` for
//! maps, Rust-escaped string literals, numbers and booleans.

/// One value of the `Debug` text.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `None`: an unset optional field.
    Null,
    /// `"text"` (unescaped).
    Str(String),
    /// A number, as written (integer or float).
    Num(String),
    /// `true` / `false`.
    Bool(bool),
    /// `[a, b]`: a repeated field, or `bytes` (a list of `Num`).
    List(Vec<Node>),
    /// `{k: v}`: a map field.
    Map(Vec<(Node, Node)>),
    /// `Name { field: value }`; the field names are the Rust identifiers (`r#type`).
    Struct(String, Vec<(String, Node)>),
}

/// Parses one `Debug` rendering; `Some(x)` is unwrapped to `x`.
pub fn parse(text: &str) -> Result<Node, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let node = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("trailing text"));
    }
    Ok(node)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        format!("{what} at offset {} of the decoded message", self.i)
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, token: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(token.as_bytes()) {
            self.i += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.err(&format!("expected `{token}`")))
        }
    }

    fn ident(&mut self) -> String {
        self.ws();
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'#' {
                self.i += 1;
            } else {
                break;
            }
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }

    fn value(&mut self) -> Result<Node, String> {
        self.ws();
        match self.peek() {
            None => Err(self.err("unexpected end")),
            Some(b'"') => self.string().map(Node::Str),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat("]") {
                    loop {
                        items.push(self.value()?);
                        if self.eat("]") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                Ok(Node::List(items))
            }
            Some(b'{') => {
                self.i += 1;
                let mut entries = Vec::new();
                if !self.eat("}") {
                    loop {
                        let k = self.value()?;
                        self.expect(":")?;
                        let v = self.value()?;
                        entries.push((k, v));
                        if self.eat("}") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                Ok(Node::Map(entries))
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                self.i += 1;
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == b'.' || c == b'-' || c == b'+' {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                Ok(Node::Num(
                    String::from_utf8_lossy(&self.s[start..self.i]).into_owned(),
                ))
            }
            Some(_) => {
                let name = self.ident();
                match name.as_str() {
                    "" => Err(self.err("unexpected character")),
                    "None" => Ok(Node::Null),
                    "true" => Ok(Node::Bool(true)),
                    "false" => Ok(Node::Bool(false)),
                    "NaN" | "inf" => Ok(Node::Num(name)),
                    "Some" => {
                        self.expect("(")?;
                        let v = self.value()?;
                        self.expect(")")?;
                        Ok(v)
                    }
                    _ => {
                        let mut fields = Vec::new();
                        if self.eat("{") && !self.eat("}") {
                            loop {
                                let f = self.ident();
                                if f.is_empty() {
                                    return Err(self.err("expected a field name"));
                                }
                                self.expect(":")?;
                                fields.push((f, self.value()?));
                                if self.eat("}") {
                                    break;
                                }
                                self.expect(",")?;
                            }
                        }
                        Ok(Node::Struct(name, fields))
                    }
                }
            }
        }
    }

    /// A Rust `Debug` string literal (`str::escape_debug` rules).
    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err("unterminated string"));
            };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.err("bad escape"));
                    };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'0' => out.push(0),
                        b'\\' | b'"' | b'\'' => out.push(e),
                        b'u' => {
                            self.expect("{")?;
                            let start = self.i;
                            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                                self.i += 1;
                            }
                            let hex = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
                            let ch = u32::from_str_radix(hex, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .ok_or_else(|| self.err("bad unicode escape"))?;
                            self.expect("}")?;
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => return Err(self.err("bad escape")),
                    }
                }
                _ => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8 in string"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prost_debug_shapes() {
        let text = concat!(
            r#"Foo { a: Some("x\"y\\z\u{1b}é"), b: None, r#type: Some(-3), c: [1, 2], "#,
            r#"d: {"k": Bar { e: Some(true) }}, f: Empty, g: Some(1.5e-7) }"#
        );
        let node = parse(text).unwrap();
        assert_eq!(
            node,
            Node::Struct(
                "Foo".into(),
                vec![
                    ("a".into(), Node::Str("x\"y\\z\u{1b}é".into())),
                    ("b".into(), Node::Null),
                    ("r#type".into(), Node::Num("-3".into())),
                    (
                        "c".into(),
                        Node::List(vec![Node::Num("1".into()), Node::Num("2".into())])
                    ),
                    (
                        "d".into(),
                        Node::Map(vec![(
                            Node::Str("k".into()),
                            Node::Struct("Bar".into(), vec![("e".into(), Node::Bool(true))])
                        )])
                    ),
                    ("f".into(), Node::Struct("Empty".into(), vec![])),
                    ("g".into(), Node::Num("1.5e-7".into())),
                ]
            )
        );
    }

    #[test]
    fn round_trips_real_debug_strings() {
        let s = "tab\there \"quoted\" back\\slash nul\0 bell\u{7} ünïcode ☃";
        assert_eq!(parse(&format!("{s:?}")).unwrap(), Node::Str(s.into()));
    }

    #[test]
    fn rejects_truncated_text() {
        assert!(parse("Foo { a: Some(\"x\"), ").is_err());
        assert!(parse("[1, 2").is_err());
        assert!(parse("\"abc").is_err());
    }
}
