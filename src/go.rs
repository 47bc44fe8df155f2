//! Go's little parsers, as kubectl's inputs and error texts depend on them: `strconv`
//! (`ParseBool`, `ParseInt`, `Atoi`, `Unquote`), `time.ParseDuration`, `url.QueryEscape`.
//!
//! Flag value parsers return Go's error text (`strconv.ParseInt: parsing "x": invalid
//! syntax`), which cobra prints after `invalid argument "x" for "--flag" flag: `.

pub mod json;
pub mod temp;
pub mod url;

use std::num::IntErrorKind;
use std::time::Duration;

/// `strconv.ParseBool`: pflag's boolean values (`1`, `t`, `T`, `true`, `TRUE`, `True`, and the
/// same for false).
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err(format!("strconv.ParseBool: parsing {s:?}: invalid syntax")),
    }
}

/// `strconv.ParseInt(s, 0, 64)`'s wording for pflag's `Int64Var` (decimal only, as kubectl's
/// flags are written).
pub fn parse_int64(s: &str) -> Result<i64, String> {
    s.parse().map_err(|e| int_error(s, &e))
}

/// The same for pflag's `Int32Var` (`--v`, `--replicas`, ...).
pub fn parse_int32(s: &str) -> Result<i32, String> {
    s.parse().map_err(|e| int_error(s, &e))
}

fn int_error(s: &str, e: &std::num::ParseIntError) -> String {
    let why = match e.kind() {
        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "value out of range",
        _ => "invalid syntax",
    };
    format!("strconv.ParseInt: parsing {s:?}: {why}")
}

/// `strconv.Atoi`: optional sign, decimal digits, fits in 64 bits.
pub fn atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// `time.ParseDuration`: `1h30m`, `500ms`, `2.5s`, `-1s`, `0`.
pub fn duration(s: &str) -> Option<Duration> {
    let rest = s.strip_prefix(['+', '-']).unwrap_or(s);
    if rest == "0" {
        return Some(Duration::ZERO);
    }
    if rest.is_empty() || s.starts_with('-') {
        // Negative durations have no `std::time::Duration`; callers treat them as invalid.
        return None;
    }
    let mut rest = rest;
    let mut total = 0f64;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_end == 0 {
            return None;
        }
        let n: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += n * factor;
        rest = &rest[unit_end..];
    }
    Some(Duration::from_secs_f64(total))
}

/// `time.ParseDuration` keeping the sign, in seconds (`-1s` is -1.0): for flags whose
/// negative values kubectl rejects in its own validation, with its own message.
pub fn duration_secs(s: &str) -> Option<f64> {
    match s.strip_prefix('-') {
        Some(rest) if !rest.starts_with(['+', '-']) => duration(rest).map(|d| -d.as_secs_f64()),
        Some(_) => None,
        None => duration(s).map(|d| d.as_secs_f64()),
    }
}

/// `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `strconv.Quote` (`%q`): printable characters as they are, Go's escapes for the rest.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() || (c.is_whitespace() && c != ' ') => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32))
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `strconv.Unquote` for a double-quoted literal (`"a\tb"`).
pub fn unquote(s: &str) -> Option<String> {
    unquote_body(s.strip_prefix('"')?.strip_suffix('"')?, '"')
}

/// client-go's `UnquoteExtend`: [`unquote`] that also accepts single-quoted strings of any
/// length (`'abc'`), as kubectl's JSONPath does.
pub fn unquote_extend(s: &str) -> Option<String> {
    let quote = s.chars().next()?;
    if s.len() < 2 || !(quote == '"' || quote == '\'') || !s.ends_with(quote) {
        return None;
    }
    unquote_body(&s[1..s.len() - 1], quote)
}

/// The escapes of a Go quoted string, between its `quote`s.
fn unquote_body(body: &str, quote: char) -> Option<String> {
    let body: Vec<char> = body.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        i += 1;
        if c == quote {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = *body.get(i)?;
        i += 1;
        let hex = |i: &mut usize, n: usize| -> Option<u32> {
            let digits: String = body.get(*i..*i + n)?.iter().collect();
            *i += n;
            u32::from_str_radix(&digits, 16).ok()
        };
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' | '"' if e == quote => out.push(e),
            // A `\x` byte is kept as its Latin-1 code point: rare in templates, and what a
            // valid UTF-8 byte would have to be combined from.
            'x' => out.push(char::from_u32(hex(&mut i, 2)?)?),
            'u' => out.push(char::from_u32(hex(&mut i, 4)?)?),
            'U' => out.push(char::from_u32(hex(&mut i, 8)?)?),
            '0'..='7' => {
                let digits: String = body.get(i - 1..i + 2)?.iter().collect();
                i += 2;
                let v = u32::from_str_radix(&digits, 8).ok().filter(|v| *v < 256)?;
                out.push(char::from_u32(v)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Go's `path.Clean` (slash-separated paths; also `filepath.Clean` on Unix).
pub fn path_clean(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_string(),
        (false, false) => body,
    }
}

/// Go's `path.Dir`: everything but the last element, cleaned (`.` for a bare name).
pub fn path_dir(p: &str) -> String {
    let dir = match p.rfind('/') {
        Some(i) => &p[..=i],
        None => "",
    };
    path_clean(dir)
}

/// Go's `path.Base`: the last element (`.` for empty, `/` for only slashes).
pub fn path_base(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".to_string();
    }
    match trimmed.rfind('/') {
        Some(i) => trimmed[i + 1..].to_string(),
        None => trimmed.to_string(),
    }
}

/// Go's `path.Join`: the non-empty elements joined by `/`, cleaned (empty if all are empty).
pub fn path_join(elems: &[&str]) -> String {
    let kept: Vec<&str> = elems.iter().copied().filter(|e| !e.is_empty()).collect();
    if kept.is_empty() {
        return String::new();
    }
    path_clean(&kept.join("/"))
}

/// Go's text for an `*os.PathError`'s inner error (`syscall.Errno`): lower-case strerror.
pub fn errno_text(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(2) => "no such file or directory".into(),
        Some(13) => "permission denied".into(),
        Some(20) => "not a directory".into(),
        Some(21) => "is a directory".into(),
        _ => {
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bools() {
        assert_eq!(parse_bool("T"), Ok(true));
        assert_eq!(parse_bool("0"), Ok(false));
        assert_eq!(
            parse_bool("yes").unwrap_err(),
            "strconv.ParseBool: parsing \"yes\": invalid syntax"
        );
    }

    #[test]
    fn ints() {
        assert_eq!(parse_int64("-5"), Ok(-5));
        assert_eq!(
            parse_int64("x").unwrap_err(),
            "strconv.ParseInt: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            parse_int32("3000000000").unwrap_err(),
            "strconv.ParseInt: parsing \"3000000000\": value out of range"
        );
        assert_eq!(atoi("+7"), Some(7));
        assert_eq!(atoi("7x"), None);
        assert_eq!(atoi("-"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(duration("2.5s"), Some(Duration::from_millis(2500)));
        assert_eq!(duration("0"), Some(Duration::ZERO));
        assert_eq!(duration("10"), None);
        assert_eq!(duration(""), None);
        assert_eq!(duration("1x"), None);
    }

    #[test]
    fn query_escaping() {
        assert_eq!(query_escape("a b/c=d~"), "a+b%2Fc%3Dd~");
    }

    #[test]
    fn unquoting() {
        assert_eq!(
            unquote(r#""a\tb\u00e9\x41\101""#).as_deref(),
            Some("a\tbéAA")
        );
        assert_eq!(unquote(r#""say \"hi\"""#).as_deref(), Some("say \"hi\""));
        assert_eq!(unquote(r#""\'""#), None);
        assert_eq!(unquote(r#""a"b""#), None);
        assert_eq!(unquote("'a'"), None);
        assert_eq!(unquote_extend("'it''s'"), None);
        assert_eq!(unquote_extend(r"'it\'s'").as_deref(), Some("it's"));
        assert_eq!(unquote_extend(r#""x""#).as_deref(), Some("x"));
        assert_eq!(unquote_extend("'"), None);
    }
}
