//! Go's `fmt` as text/template's `print`, `printf` and `println` use it, over template
//! values: verbs `v s d q x X o b c U e E f F g G t T %`, flags `- + # 0 space`, width and
//! precision, and Go's error forms (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA int=2)`).

use super::exec::V;
use crate::printers::gofmt::{format_float_g, go_quote, go_sharp_v, go_v};
use serde_json::Value;

/// Go's type name for a value (`int` for template literals, `int64`/`float64` for numbers
/// from the object).
pub fn type_name(v: &V) -> &'static str {
    match v {
        V::Missing | V::Val(Value::Null) => "<nil>",
        V::Int(_) => "int",
        V::Val(Value::Bool(_)) => "bool",
        V::Val(Value::Number(n)) => {
            if n.as_i64().is_some() {
                "int64"
            } else {
                "float64"
            }
        }
        V::Val(Value::String(_)) => "string",
        V::Val(Value::Array(_)) => "[]interface {}",
        V::Val(Value::Object(_)) => "map[string]interface {}",
    }
}

/// `%v` of one operand.
pub fn sprint_v(v: &V) -> String {
    match v {
        V::Missing => "<nil>".into(),
        V::Int(i) => i.to_string(),
        V::Val(x) => go_v(x),
    }
}

/// `fmt.Sprint`: operands joined, with a space only between two non-strings.
pub fn sprint(args: &[V]) -> String {
    let mut out = String::new();
    let is_str = |v: &V| matches!(v, V::Val(Value::String(_)));
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !is_str(a) && !is_str(&args[i - 1]) {
            out.push(' ');
        }
        out.push_str(&sprint_v(a));
    }
    out
}

/// `fmt.Sprintln`: always spaces, plus a newline.
pub fn sprintln(args: &[V]) -> String {
    let parts: Vec<String> = args.iter().map(sprint_v).collect();
    parts.join(" ") + "\n"
}

fn as_int(v: &V) -> Option<i64> {
    match v {
        V::Int(i) => Some(*i),
        V::Val(Value::Number(n)) => n.as_i64(),
        _ => None,
    }
}

fn as_float(v: &V) -> Option<f64> {
    match v {
        V::Val(Value::Number(n)) if n.as_i64().is_none() => n.as_f64(),
        _ => None,
    }
}

#[derive(Default, Clone, Copy)]
struct Flags {
    minus: bool,
    plus: bool,
    sharp: bool,
    zero: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

fn pad(s: String, f: &Flags, numeric: bool) -> String {
    let Some(w) = f.width else { return s };
    let n = s.chars().count();
    if n >= w {
        return s;
    }
    let fill = w - n;
    if f.minus {
        return s + &" ".repeat(fill);
    }
    if f.zero && numeric {
        let (sign, digits) = match s.strip_prefix(['-', '+', ' ']) {
            Some(d) => (&s[..1], d),
            None => ("", s.as_str()),
        };
        return format!("{sign}{}{digits}", "0".repeat(fill));
    }
    " ".repeat(fill) + &s
}

fn sign(f: &Flags, neg: bool) -> &'static str {
    if neg {
        "-"
    } else if f.plus {
        "+"
    } else if f.space {
        " "
    } else {
        ""
    }
}

fn fmt_exp(f: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, f.abs());
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let es = format!(
        "{}{}{:02}",
        if upper { 'E' } else { 'e' },
        if e < 0 { '-' } else { '+' },
        e.abs()
    );
    format!("{m}{es}")
}

fn bad(verb: char, v: &V) -> String {
    match v {
        V::Missing | V::Val(Value::Null) => format!("%!{verb}(<nil>)"),
        _ => format!("%!{verb}({}={})", type_name(v), sprint_v(v)),
    }
}

/// `%s` of a value; inside lists and maps nil prints as `<nil>`.
fn fmt_s(v: &V, top: bool) -> String {
    match v {
        V::Val(Value::String(s)) => s.clone(),
        V::Missing | V::Val(Value::Null) if !top => "<nil>".into(),
        V::Val(Value::Array(a)) => {
            let parts: Vec<String> = a.iter().map(|x| fmt_s(&V::Val(x.clone()), false)).collect();
            format!("[{}]", parts.join(" "))
        }
        V::Val(Value::Object(m)) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, x)| format!("{k}:{}", fmt_s(&V::Val(x.clone()), false)))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
        other => bad('s', other),
    }
}

fn one(verb: char, f: &Flags, v: &V) -> String {
    match verb {
        'v' => {
            let s = if f.sharp {
                match v {
                    V::Missing => "<nil>".into(),
                    V::Int(i) => i.to_string(),
                    V::Val(x) => go_sharp_v(x),
                }
            } else {
                sprint_v(v)
            };
            pad(s, f, false)
        }
        's' => {
            let mut s = fmt_s(v, true);
            if let (Some(p), V::Val(Value::String(_))) = (f.prec, v) {
                s = s.chars().take(p).collect();
            }
            pad(s, f, false)
        }
        'q' => match v {
            V::Val(Value::String(s)) => pad(go_quote(s), f, false),
            _ => match as_int(v).and_then(|i| char::from_u32(i as u32)) {
                Some(c) => pad(format!("'{c}'"), f, false),
                None => bad('q', v),
            },
        },
        'd' | 'o' | 'b' | 'x' | 'X' | 'c' | 'U' => {
            if let Some(i) = as_int(v) {
                let mag = i.unsigned_abs();
                let body = match verb {
                    'd' => mag.to_string(),
                    'o' => format!("{}{mag:o}", if f.sharp { "0" } else { "" }),
                    'b' => format!("{mag:b}"),
                    'x' => format!("{}{mag:x}", if f.sharp { "0x" } else { "" }),
                    'X' => format!("{}{mag:X}", if f.sharp { "0X" } else { "" }),
                    'c' => {
                        return pad(
                            char::from_u32(i as u32)
                                .map(String::from)
                                .unwrap_or_default(),
                            f,
                            false,
                        );
                    }
                    _ => return pad(format!("U+{:04X}", i), f, false),
                };
                return pad(format!("{}{body}", sign(f, i < 0)), f, true);
            }
            if let (V::Val(Value::String(s)), 'x' | 'X') = (v, verb) {
                let hex: String = s.bytes().map(|b| format!("{b:02x}")).collect();
                return pad(if verb == 'X' { hex.to_uppercase() } else { hex }, f, false);
            }
            bad(verb, v)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let Some(x) = as_float(v) else {
                return bad(verb, v);
            };
            let body = match verb {
                'e' | 'E' => fmt_exp(x, f.prec.unwrap_or(6), verb == 'E'),
                'f' | 'F' => format!("{:.*}", f.prec.unwrap_or(6), x.abs()),
                _ => {
                    let s = match f.prec {
                        None => format_float_g(x.abs()),
                        Some(p) => {
                            let p = p.max(1);
                            let exp = if x == 0.0 {
                                0
                            } else {
                                x.abs().log10().floor() as i32
                            };
                            if exp < -4 || exp >= p as i32 {
                                let e = fmt_exp(x, p - 1, false);
                                let (m, ex) = e.split_once('e').unwrap_or((&e, ""));
                                let m = if m.contains('.') {
                                    m.trim_end_matches('0').trim_end_matches('.')
                                } else {
                                    m
                                };
                                format!("{m}e{ex}")
                            } else {
                                let s =
                                    format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x.abs());
                                if s.contains('.') {
                                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                                } else {
                                    s
                                }
                            }
                        }
                    };
                    if verb == 'G' { s.to_uppercase() } else { s }
                }
            };
            pad(format!("{}{body}", sign(f, x.is_sign_negative())), f, true)
        }
        't' => match v {
            V::Val(Value::Bool(b)) => pad(b.to_string(), f, false),
            _ => bad('t', v),
        },
        'T' => pad(type_name(v).to_string(), f, false),
        other => bad(other, v),
    }
}

/// `fmt.Sprintf(format, args...)`.
pub fn sprintf(format: &str, args: &[V]) -> String {
    let mut out = String::new();
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    let mut argi = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut f = Flags::default();
        while i < chars.len() {
            match chars[i] {
                '-' => f.minus = true,
                '+' => f.plus = true,
                '#' => f.sharp = true,
                '0' => f.zero = true,
                ' ' => f.space = true,
                _ => break,
            }
            i += 1;
        }
        // Go's parsenum: a number that grows past 10^6 is "most likely crazy" and ends the
        // format there (`%!(NOVERB)`), so no width can ask for more than ~10 MB of padding.
        let num = |i: &mut usize| {
            let mut n: usize = 0;
            let start = *i;
            while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
                if n > 1_000_000 {
                    *i = chars.len();
                    return None;
                }
                n = n * 10 + d as usize;
                *i += 1;
            }
            (start != *i).then_some(n)
        };
        f.width = num(&mut i);
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            f.prec = Some(num(&mut i).unwrap_or(0));
        }
        let Some(&verb) = chars.get(i) else {
            out.push_str("%!(NOVERB)");
            break;
        };
        i += 1;
        if verb == '%' {
            out.push('%');
            continue;
        }
        match args.get(argi) {
            None => out.push_str(&format!("%!{verb}(MISSING)")),
            Some(v) => out.push_str(&one(verb, &f, v)),
        }
        argi += 1;
    }
    if argi < args.len() {
        let extra: Vec<String> = args[argi..]
            .iter()
            .map(|v| match v {
                V::Missing | V::Val(Value::Null) => "<nil>".to_string(),
                _ => format!("{}={}", type_name(v), sprint_v(v)),
            })
            .collect();
        out.push_str(&format!("%!(EXTRA {})", extra.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(x: &str) -> V {
        V::Val(json!(x))
    }

    // Expected: `kubectl.1.33 label --local -f cm.yaml a=b -o go-template='{{printf ...}}'`.
    // Fuzzing found the first: kk allocated the 14-trillion-byte padding and aborted.
    #[test]
    fn a_crazy_width_ends_the_format_like_go() {
        assert_eq!(
            sprintf(
                "%14444444444444s|%5s|%.99999999d",
                &[s("a"), s("b"), V::Int(3)]
            ),
            "%!(NOVERB)%!(EXTRA string=a, string=b, int=3)"
        );
        assert_eq!(sprintf("%10000009s", &[s("a")]).len(), 10_000_009);
        assert_eq!(
            sprintf("%10000010s", &[s("a")]),
            "%!(NOVERB)%!(EXTRA string=a)"
        );
    }

    // Expected: `kubectl.1.33 ... -o go-template='{{printf ...}}'`.
    #[test]
    #[allow(clippy::approx_constant)] // 3.14159 is the value the kubectl probe used
    fn printf_like_go() {
        let args = [
            s("ab"),
            s("cd"),
            V::Int(42),
            V::Int(5),
            s("hi"),
            V::Int(255),
            V::Int(8),
            V::Val(json!(1234.5678)),
            V::Val(json!(0.000001)),
            s("abcdef"),
            V::Int(65),
            V::Int(65),
            V::Val(json!(3.14159)),
        ];
        assert_eq!(
            sprintf("%5s|%-5s|%05d|%+d|%x|%X|%o|%e|%g|%.3s|%c|%U|%8.3f", &args),
            "   ab|cd   |00042|+5|6869|FF|10|1.234568e+03|1e-06|abc|A|U+0041|   3.142"
        );
        assert_eq!(sprintf("%d", &[s("x")]), "%!d(string=x)");
        assert_eq!(sprintf("%s", &[V::Int(5)]), "%!s(int=5)");
        assert_eq!(sprintf("%s %s", &[V::Int(1)]), "%!s(int=1) %!s(MISSING)");
        assert_eq!(sprintf("%d", &[V::Int(1), V::Int(2)]), "1%!(EXTRA int=2)");
        assert_eq!(
            sprintf("%v|%s", &[V::Val(Value::Null), V::Missing]),
            "<nil>|%!s(<nil>)"
        );
        assert_eq!(
            sprintf(
                "%v|%+v|%#v|%T",
                &[
                    V::Val(json!({"a": "b"})),
                    V::Val(json!(1.5)),
                    s("s"),
                    V::Val(json!(1.5))
                ]
            ),
            "map[a:b]|1.5|\"s\"|float64"
        );
        assert_eq!(
            sprint(&[s("Pod"), V::Int(1), V::Int(2), s("a"), s("b")]),
            "Pod1 2ab"
        );
    }
}
