//! Just enough of apimachinery's `resource.Quantity` for describe's resource sums: parse
//! `100m`, `64Mi`, `1.5`, `2e3`; add; print canonically (`1000m` → `1`, `1048576` binary →
//! `1Mi`) keeping the first operand's format, as `Quantity.Add` does.

/// A quantity as thousandths of a unit plus the notation it prints in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quantity {
    /// Value × 1000.
    pub milli: i128,
    /// Power-of-two suffixes (`Ki`, `Mi`...).
    pub binary: bool,
}

impl Quantity {
    /// Parse a quantity string; `None` when malformed.
    pub fn parse(s: &str) -> Option<Quantity> {
        let s = s.trim();
        let split = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(s.len());
        let (num, suffix) = s.split_at(split);
        let (mult_num, mult_den, binary): (i128, i128, bool) = match suffix {
            "" => (1, 1, false),
            "m" => (1, 1000, false),
            "k" => (1_000, 1, false),
            "M" => (1_000_000, 1, false),
            "G" => (1_000_000_000, 1, false),
            "T" => (1_000_000_000_000, 1, false),
            "P" => (1_000_000_000_000_000, 1, false),
            "E" => (1_000_000_000_000_000_000, 1, false),
            "Ki" => (1 << 10, 1, true),
            "Mi" => (1 << 20, 1, true),
            "Gi" => (1 << 30, 1, true),
            "Ti" => (1 << 40, 1, true),
            "Pi" => (1 << 50, 1, true),
            "Ei" => (1 << 60, 1, true),
            e if e.starts_with(['e', 'E']) => {
                let exp: u32 = e[1..].parse().ok()?;
                (10i128.checked_pow(exp)?, 1, false)
            }
            _ => return None,
        };
        let (int, frac) = num.split_once('.').unwrap_or((num, ""));
        let neg = int.starts_with('-');
        let int = int.trim_start_matches(['+', '-']);
        let mut milli: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
        milli *= 1000 * mult_num;
        if !frac.is_empty() {
            let digits = frac.len() as u32;
            let f: i128 = frac.parse().ok()?;
            milli += f * 1000 * mult_num / 10i128.pow(digits);
        }
        milli /= mult_den;
        Some(Quantity {
            milli: if neg { -milli } else { milli },
            binary,
        })
    }

    /// Whole units (rounded up, as `Quantity.Value`).
    pub fn value(&self) -> i128 {
        (self.milli + 999).div_euclid(1000)
    }
}

/// `self + other`, in `self`'s notation (a zero `self` takes `other`'s).
impl std::ops::Add for Quantity {
    type Output = Quantity;

    fn add(self, other: Quantity) -> Quantity {
        Quantity {
            milli: self.milli + other.milli,
            binary: if self.milli == 0 {
                other.binary
            } else {
                self.binary
            },
        }
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.milli == 0 {
            return write!(f, "0");
        }
        let whole = self.milli % 1000 == 0;
        if self.binary && whole && self.milli.abs() >= 1024 * 1000 {
            let mut v = self.milli / 1000;
            let mut i = 0;
            while i < 6 && v % 1024 == 0 {
                v /= 1024;
                i += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][i];
            return write!(f, "{v}{suffix}");
        }
        let mut v = self.milli;
        let mut i = 0;
        while i < 7 && v % 1000 == 0 {
            v /= 1000;
            i += 1;
        }
        let suffix = ["m", "", "k", "M", "G", "T", "P", "E"][i];
        write!(f, "{v}{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(q("100m").to_string(), "100m");
        assert_eq!(q("1000m").to_string(), "1");
        assert_eq!(q("64Mi").to_string(), "64Mi");
        assert_eq!(q("1.5").to_string(), "1500m");
        assert_eq!(q("2e3").to_string(), "2k");
        assert_eq!(q("102626232Ki").to_string(), "102626232Ki");
        assert_eq!((q("100m") + q("900m")).to_string(), "1");
        assert_eq!((Quantity::default() + q("64Mi")).to_string(), "64Mi");
        assert_eq!(q("16331208Ki").value(), 16331208 * 1024);
    }
}
