//! `resource.ParseQuantity` and the canonical form Go's `Quantity` marshals to (`1000m` →
//! `1`, `1.5Gi` → `1536Mi`, `0.5` → `500m`), as `create quota --hard` sends them.

/// kubectl's error texts.
pub const FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC: &str = "unable to parse numeric part of quantity";
const SUFFIX: &str = "unable to parse quantity's suffix";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    DecimalSi,
    BinarySi,
    DecimalExponent,
}

/// A parsed quantity: `mantissa × 10^scale` (sign apart) and the format it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    negative: bool,
    mantissa: u128,
    scale: i32,
    format: Format,
}

/// `(base, exponent, format)` of a suffix.
fn suffix(s: &str) -> Option<(u32, i32, Format)> {
    let dec = |e| Some((10, e, Format::DecimalSi));
    let bin = |e| Some((2, e, Format::BinarySi));
    match s {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        _ => {
            let rest = s.strip_prefix(['e', 'E'])?;
            let digits = rest.strip_prefix(['+', '-']).unwrap_or(rest);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some((10, rest.parse().ok()?, Format::DecimalExponent))
        }
    }
}

impl Quantity {
    /// `resource.ParseQuantity`.
    pub fn parse(s: &str) -> Result<Quantity, String> {
        if s.is_empty() {
            return Err(FORMAT_WRONG.into());
        }
        let b = s.as_bytes();
        let mut pos = 0;
        let mut negative = false;
        if let Some(&c) = b.first()
            && (c == b'-' || c == b'+')
        {
            negative = c == b'-';
            pos = 1;
        }
        let digits =
            |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let num_end = digits(pos);
        let num = &s[pos..num_end];
        pos = num_end;
        let mut denom = "";
        if b.get(pos) == Some(&b'.') {
            let end = digits(pos + 1);
            denom = &s[pos + 1..end];
            pos = end;
        }
        if num.is_empty() && denom.is_empty() && pos == num_end {
            return Err(FORMAT_WRONG.into());
        }
        // The suffix: letters, then an optional signed exponent.
        let rest = &s[pos..];
        let letters = rest
            .bytes()
            .take_while(|c| b"eEinumkKMGTP".contains(c))
            .count();
        let tail = &rest[letters..];
        let tail_digits = tail.strip_prefix(['+', '-']).unwrap_or(tail);
        if !tail_digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(FORMAT_WRONG.into());
        }
        let (base, exponent, format) = suffix(rest).ok_or_else(|| SUFFIX.to_string())?;
        let all = format!("{num}{denom}");
        let digits_only = all.trim_start_matches('0');
        let mut mantissa: u128 = if digits_only.is_empty() {
            0
        } else {
            digits_only.parse().map_err(|_| NUMERIC.to_string())?
        };
        let mut scale = -(denom.len() as i32);
        if base == 10 {
            scale += exponent;
        } else {
            mantissa = mantissa
                .checked_mul(1u128 << exponent)
                .ok_or_else(|| NUMERIC.to_string())?;
        }
        // Precision below a nano is rounded up (away from zero).
        if scale < -9 {
            let div = 10u128
                .checked_pow((-9 - scale) as u32)
                .ok_or_else(|| NUMERIC.to_string())?;
            mantissa = mantissa.div_ceil(div);
            scale = -9;
        }
        Ok(Quantity {
            negative: negative && mantissa != 0,
            mantissa,
            scale,
            format,
        })
    }

    /// The canonical string (`Quantity.String()`).
    pub fn canonical(&self) -> String {
        if self.mantissa == 0 {
            return "0".into();
        }
        let sign = if self.negative { "-" } else { "" };
        let mut format = self.format;
        if format == Format::BinarySi {
            match self.integer() {
                Some(n) if n >= 1024 => {
                    let (mut n, mut k) = (n, 0);
                    while n % 1024 == 0 && k < 6 {
                        n /= 1024;
                        k += 1;
                    }
                    let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][k];
                    return format!("{sign}{n}{suffix}");
                }
                _ => format = Format::DecimalSi,
            }
        }
        let (mut m, mut e) = (self.mantissa, self.scale);
        while m % 10 == 0 {
            m /= 10;
            e += 1;
        }
        let r = e.rem_euclid(3);
        m *= 10u128.pow(r as u32);
        e -= r;
        let suffix = match (format, e) {
            (Format::DecimalSi, -9) => "n".to_string(),
            (Format::DecimalSi, -6) => "u".into(),
            (Format::DecimalSi, -3) => "m".into(),
            (_, 0) => String::new(),
            (Format::DecimalSi, 3) => "k".into(),
            (Format::DecimalSi, 6) => "M".into(),
            (Format::DecimalSi, 9) => "G".into(),
            (Format::DecimalSi, 12) => "T".into(),
            (Format::DecimalSi, 15) => "P".into(),
            (Format::DecimalSi, 18) => "E".into(),
            (_, e) => format!("e{e}"),
        };
        format!("{sign}{m}{suffix}")
    }

    /// `Quantity.Cmp`: the values compared, whatever their formats (`1Ki` > `1000` > `500m`).
    pub fn cmp_value(&self, other: &Quantity) -> std::cmp::Ordering {
        let sign = |q: &Quantity| match (q.mantissa, q.negative) {
            (0, _) => 0,
            (_, true) => -1,
            _ => 1,
        };
        let (sa, sb) = (sign(self), sign(other));
        if sa != sb || sa == 0 {
            return sa.cmp(&sb);
        }
        // Same sign, both non-zero: compare magnitudes as digit strings and decimal
        // exponents, so no scale overflows.
        let digits = |q: &Quantity| {
            let d = q.mantissa.to_string();
            let t = d.trim_end_matches('0');
            let exp = q.scale + (d.len() - t.len()) as i32;
            (t.to_string(), t.len() as i32 + exp)
        };
        let ((da, ma), (db, mb)) = (digits(self), digits(other));
        let magnitude = ma.cmp(&mb).then_with(|| da.cmp(&db));
        if sa < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }

    /// The value as a whole number, when it is one.
    fn integer(&self) -> Option<u128> {
        if self.scale >= 0 {
            return self
                .mantissa
                .checked_mul(10u128.checked_pow(self.scale as u32)?);
        }
        let div = 10u128.checked_pow((-self.scale) as u32)?;
        self.mantissa
            .is_multiple_of(div)
            .then(|| self.mantissa / div)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        Quantity::parse(s).unwrap().canonical()
    }

    #[test]
    fn compares_values() {
        use std::cmp::Ordering::*;
        let q = |s: &str| Quantity::parse(s).unwrap();
        for (a, b, want) in [
            ("500m", "10", Less),
            ("1000", "1Ki", Less),
            ("1Ki", "2e3", Less),
            ("2e3", "1M", Less),
            ("1k", "1000", Equal),
            ("0.5", "500m", Equal),
            ("-1", "0", Less),
            ("-2", "-1", Less),
            ("0", "0m", Equal),
            ("1e30", "9e29", Greater),
            ("12", "9", Greater),
        ] {
            assert_eq!(q(a).cmp_value(&q(b)), want, "{a} vs {b}");
        }
    }

    #[test]
    fn canonical_like_go() {
        for (input, want) in [
            ("1", "1"),
            ("1000m", "1"),
            ("1500m", "1500m"),
            ("0.5", "500m"),
            ("2000", "2k"),
            ("1500", "1500"),
            ("1.5Gi", "1536Mi"),
            ("1Gi", "1Gi"),
            ("1024", "1024"),
            ("512Ki", "512Ki"),
            ("100Mi", "100Mi"),
            ("0.5Ki", "512"),
            ("1e3", "1e3"),
            ("1E6", "1e6"),
            ("10G", "10G"),
            ("0", "0"),
            ("-1.5", "-1500m"),
            ("1.0000000001", "1000000001n"),
            ("01", "1"),
        ] {
            assert_eq!(c(input), want, "{input}");
        }
    }

    #[test]
    fn errors_like_go() {
        assert_eq!(Quantity::parse("abc").unwrap_err(), FORMAT_WRONG);
        assert_eq!(Quantity::parse("1Q").unwrap_err(), FORMAT_WRONG);
        assert_eq!(Quantity::parse("1kk").unwrap_err(), SUFFIX);
        assert_eq!(Quantity::parse("").unwrap_err(), FORMAT_WRONG);
    }
}
