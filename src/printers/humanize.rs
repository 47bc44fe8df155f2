//! Human-readable durations (`k8s.io/apimachinery/pkg/util/duration`) and kubectl's
//! `translateTimestampSince`, used for AGE in client-side tables, describe and events.

use chrono::{DateTime, Utc};
use std::time::Duration;

/// `duration.HumanDuration`, the AGE format: `5s`, `119s`, `3m5s`, `179m`, `3h4m`, `47h`,
/// `3d5h`, `400d`, `3y17d`, `9y`. Negative durations beyond -1s are `<invalid>`.
pub fn human_duration_signed(secs: i64) -> String {
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    human_duration(Duration::from_secs(secs as u64))
}

pub fn human_duration(d: Duration) -> String {
    let seconds = d.as_secs();
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{h}h", hours / 24);
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{dy}d", hours / 24 / 365);
    }
    format!("{}y", hours / 24 / 365)
}

/// `duration.ShortHumanDuration`: a single unit (`45s`, `3m`, `5h`, `12d`, `2y`).
pub fn short_human_duration(secs: i64) -> String {
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    let s = secs as u64;
    if s < 60 {
        return format!("{s}s");
    }
    let m = s / 60;
    if m < 60 {
        return format!("{m}m");
    }
    let h = m / 60;
    if h < 24 {
        return format!("{h}h");
    }
    if h < 24 * 365 {
        return format!("{}d", h / 24);
    }
    format!("{}y", h / 24 / 365)
}

/// kubectl's `translateTimestampSince`: `<unknown>` for a missing/zero/unparsable
/// timestamp, otherwise `HumanDuration(now - ts)`.
pub fn translate_timestamp_since(ts: Option<&str>, now: DateTime<Utc>) -> String {
    let Some(t) = ts.and_then(|s| DateTime::parse_from_rfc3339(s).ok()) else {
        return "<unknown>".into();
    };
    if t.timestamp() == -62135596800 {
        return "<unknown>".into(); // Go's zero time
    }
    let d = now.signed_duration_since(t.to_utc());
    human_duration_signed(d.num_seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_duration_table() {
        let cases: &[(i64, &str)] = &[
            (-5, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (5, "5s"),
            (119, "119s"),
            (120, "2m"),
            (185, "3m5s"),
            (599, "9m59s"),
            (600, "10m"),
            (59 * 60, "59m"),
            (179 * 60 + 59, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 4 * 60, "3h4m"),
            (8 * 3600, "8h"),
            (47 * 3600 + 3599, "47h"),
            (48 * 3600, "2d"),
            (3 * 86400 + 5 * 3600, "3d5h"),
            (8 * 86400, "8d"),
            (400 * 86400, "400d"),
            (730 * 86400, "2y"),
            (3 * 365 * 86400 + 17 * 86400, "3y17d"),
            (9 * 365 * 86400, "9y"),
        ];
        for (s, want) in cases {
            assert_eq!(human_duration_signed(*s), *want, "{s}s");
        }
    }

    #[test]
    fn short_and_since() {
        assert_eq!(short_human_duration(45), "45s");
        assert_eq!(short_human_duration(185), "3m");
        assert_eq!(short_human_duration(5 * 3600 + 5), "5h");
        assert_eq!(short_human_duration(400 * 86400), "1y");
        let now = DateTime::parse_from_rfc3339("2024-01-02T00:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            translate_timestamp_since(Some("2024-01-01T20:56:00Z"), now),
            "3h4m"
        );
        assert_eq!(translate_timestamp_since(None, now), "<unknown>");
        assert_eq!(translate_timestamp_since(Some("garbage"), now), "<unknown>");
        assert_eq!(
            translate_timestamp_since(Some("2024-01-02T00:00:10Z"), now),
            "<invalid>"
        );
    }
}
