//! The text of Go's `encoding/json` syntax errors (`invalid character 'b' looking for
//! beginning of object key string`, `unexpected end of JSON input`), which kubectl prints
//! where it decodes JSON the user typed. A replay of Go's scanner state machine
//! (`encoding/json/scanner.go`): the first byte it refuses, and in which state.

/// Where the scanner is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    BeginValue,
    BeginValueOrEmpty,
    BeginStringOrEmpty,
    BeginString,
    EndValue,
    EndTop,
    InString,
    InStringEsc,
    InStringEscU(u8),
    Neg,
    One,
    Zero,
    Dot,
    Dot0,
    E,
    ESign,
    E0,
    /// Inside `true`/`false`/`null`: the rest still expected.
    Literal(&'static str, &'static [u8]),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Parse {
    ObjectKey,
    ObjectValue,
    ArrayValue,
}

/// Go's `json.Unmarshal` syntax error for `text`, or `None` when it is valid JSON.
pub fn syntax_error(text: &str) -> Option<String> {
    match scan(text) {
        Scan::Valid => None,
        Scan::Invalid { message, .. } => Some(message),
        Scan::Truncated => Some("unexpected end of JSON input".into()),
    }
}

/// What Go's scanner makes of a text.
#[derive(Debug, PartialEq, Eq)]
pub enum Scan {
    /// One complete value (white space around it allowed).
    Valid,
    /// A byte it refuses: Go's `SyntaxError` text and `Offset` (the bytes read, the bad
    /// one included).
    Invalid {
        /// `invalid character ...`.
        message: String,
        /// Go's `SyntaxError.Offset`.
        offset: usize,
    },
    /// The text ends inside a value.
    Truncated,
}

/// Run Go's scanner over `text`.
pub fn scan(text: &str) -> Scan {
    let mut state = State::BeginValue;
    let mut stack: Vec<Parse> = Vec::new();
    for (i, &c) in text.as_bytes().iter().enumerate() {
        if let Err(context) = step(&mut state, &mut stack, c) {
            return Scan::Invalid {
                message: format!("invalid character {} {context}", quote_char(c)),
                offset: i + 1,
            };
        }
    }
    // Go's eof(): a space ends a number or a top-level value.
    if state == State::EndTop {
        return Scan::Valid;
    }
    let ended = step(&mut state, &mut stack, b' ').is_ok();
    if ended && state == State::EndTop {
        return Scan::Valid;
    }
    Scan::Truncated
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn step(state: &mut State, stack: &mut Vec<Parse>, c: u8) -> Result<(), String> {
    use State::*;
    match *state {
        BeginValueOrEmpty if is_space(c) => Ok(()),
        BeginValueOrEmpty if c == b']' => end_value(state, stack, c),
        BeginValueOrEmpty | BeginValue => {
            if is_space(c) {
                return Ok(());
            }
            *state = match c {
                b'{' => {
                    stack.push(Parse::ObjectKey);
                    BeginStringOrEmpty
                }
                b'[' => {
                    stack.push(Parse::ArrayValue);
                    BeginValueOrEmpty
                }
                b'"' => InString,
                b'-' => Neg,
                b'0' => Zero,
                b'1'..=b'9' => One,
                b't' => Literal("true", b"rue"),
                b'f' => Literal("false", b"alse"),
                b'n' => Literal("null", b"ull"),
                _ => return Err("looking for beginning of value".into()),
            };
            Ok(())
        }
        BeginStringOrEmpty if is_space(c) => Ok(()),
        BeginStringOrEmpty if c == b'}' => {
            if let Some(top) = stack.last_mut() {
                *top = Parse::ObjectValue;
            }
            end_value(state, stack, c)
        }
        BeginStringOrEmpty | BeginString => {
            if is_space(c) {
                return Ok(());
            }
            if c == b'"' {
                *state = InString;
                return Ok(());
            }
            Err("looking for beginning of object key string".into())
        }
        EndValue => end_value(state, stack, c),
        EndTop => {
            if is_space(c) {
                Ok(())
            } else {
                Err("after top-level value".into())
            }
        }
        InString => {
            match c {
                b'"' => *state = EndValue,
                b'\\' => *state = InStringEsc,
                c if c < 0x20 => return Err("in string literal".into()),
                _ => {}
            }
            Ok(())
        }
        InStringEsc => {
            *state = match c {
                b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => InString,
                b'u' => InStringEscU(0),
                _ => return Err("in string escape code".into()),
            };
            Ok(())
        }
        InStringEscU(n) => {
            if !c.is_ascii_hexdigit() {
                return Err("in \\u hexadecimal character escape".into());
            }
            *state = if n == 3 {
                InString
            } else {
                InStringEscU(n + 1)
            };
            Ok(())
        }
        Neg => {
            *state = match c {
                b'0' => Zero,
                b'1'..=b'9' => One,
                _ => return Err("in numeric literal".into()),
            };
            Ok(())
        }
        One if c.is_ascii_digit() => Ok(()),
        One | Zero => match c {
            b'.' => {
                *state = Dot;
                Ok(())
            }
            b'e' | b'E' => {
                *state = E;
                Ok(())
            }
            _ => end_value(state, stack, c),
        },
        Dot => {
            if !c.is_ascii_digit() {
                return Err("after decimal point in numeric literal".into());
            }
            *state = Dot0;
            Ok(())
        }
        Dot0 => match c {
            b'0'..=b'9' => Ok(()),
            b'e' | b'E' => {
                *state = E;
                Ok(())
            }
            _ => end_value(state, stack, c),
        },
        E if c == b'+' || c == b'-' => {
            *state = ESign;
            Ok(())
        }
        E | ESign => {
            if !c.is_ascii_digit() {
                return Err("in exponent of numeric literal".into());
            }
            *state = E0;
            Ok(())
        }
        E0 if c.is_ascii_digit() => Ok(()),
        E0 => end_value(state, stack, c),
        Literal(word, rest) => {
            if c != rest[0] {
                return Err(format!(
                    "in literal {word} (expecting {})",
                    quote_char(rest[0])
                ));
            }
            *state = if rest.len() == 1 {
                EndValue
            } else {
                Literal(word, &rest[1..])
            };
            Ok(())
        }
    }
}

/// Go's `stateEndValue`: what may follow a complete value.
fn end_value(state: &mut State, stack: &mut Vec<Parse>, c: u8) -> Result<(), String> {
    let Some(top) = stack.last().copied() else {
        *state = State::EndTop;
        return step(state, stack, c);
    };
    if is_space(c) {
        *state = State::EndValue;
        return Ok(());
    }
    match (top, c) {
        (Parse::ObjectKey, b':') => {
            *stack.last_mut().expect("top") = Parse::ObjectValue;
            *state = State::BeginValue;
        }
        (Parse::ObjectKey, _) => return Err("after object key".into()),
        (Parse::ObjectValue, b',') => {
            *stack.last_mut().expect("top") = Parse::ObjectKey;
            *state = State::BeginString;
        }
        (Parse::ObjectValue, b'}') | (Parse::ArrayValue, b']') => {
            stack.pop();
            *state = if stack.is_empty() {
                State::EndTop
            } else {
                State::EndValue
            };
        }
        (Parse::ObjectValue, _) => return Err("after object key:value pair".into()),
        (Parse::ArrayValue, b',') => *state = State::BeginValue,
        (Parse::ArrayValue, _) => return Err("after array element".into()),
    }
    Ok(())
}

/// Go's `quoteChar`: `'x'`, with `strconv.Quote`'s escapes inside.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".into(),
        b'"' => "'\"'".into(),
        c => {
            let q = super::quote(&char::from(c).to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::syntax_error;

    #[test]
    fn go_texts() {
        let e = |s: &str| syntax_error(s).unwrap();
        assert_eq!(
            e("{bad"),
            "invalid character 'b' looking for beginning of object key string"
        );
        assert_eq!(e("[1,"), "unexpected end of JSON input");
        assert_eq!(e(""), "unexpected end of JSON input");
        assert_eq!(e("{\"a\" 1}"), "invalid character '1' after object key");
        assert_eq!(
            e("{\"a\":1 \"b\"}"),
            "invalid character '\"' after object key:value pair"
        );
        assert_eq!(e("[1 2]"), "invalid character '2' after array element");
        assert_eq!(e("{} x"), "invalid character 'x' after top-level value");
        assert_eq!(e("tru"), "unexpected end of JSON input");
        assert_eq!(
            e("trux"),
            "invalid character 'x' in literal true (expecting 'e')"
        );
        assert_eq!(
            e("x"),
            "invalid character 'x' looking for beginning of value"
        );
        assert_eq!(
            e("1.x"),
            "invalid character 'x' after decimal point in numeric literal"
        );
        assert_eq!(e("\"\t\""), "invalid character '\\t' in string literal");
        for ok in [
            "{}",
            "[]",
            " [1, -2.5e+3, \"a\\u00e9\", true, null, {\"k\": []}] ",
            "0",
        ] {
            assert_eq!(syntax_error(ok), None, "{ok}");
        }
    }
}
