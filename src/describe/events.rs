//! The Events section every describer ends with: kubectl lists the object's events
//! (field selector on the involved object), sorts them by last timestamp and prints a
//! table whose Age column is computed client-side: `5s`, or `<last> (xN over <first>)` for
//! repeated events.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{PrefixWriter, int_at, str_at};
use crate::printers::humanize::translate_timestamp_since;
use crate::ui::colour::Style;

/// The field selector kubectl lists an object's events with.
pub fn field_selector(obj: &Value) -> String {
    let meta = |k: &str| str_at(obj, &["metadata", k]);
    let mut parts = vec![format!("involvedObject.name={}", meta("name"))];
    parts.push(format!("involvedObject.namespace={}", meta("namespace")));
    let kind = str_at(obj, &["kind"]);
    if !kind.is_empty() {
        parts.push(format!("involvedObject.kind={kind}"));
    }
    if !meta("uid").is_empty() {
        parts.push(format!("involvedObject.uid={}", meta("uid")));
    }
    parts.join(",")
}

/// A timestamp field, treating null/empty as missing.
fn ts<'a>(e: &'a Value, key: &str) -> Option<&'a str> {
    e.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The time kubectl sorts events by (`lastTimestamp`, Go's zero time when unset).
fn sort_key(e: &Value) -> String {
    ts(e, "lastTimestamp")
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.to_utc().to_rfc3339())
        .unwrap_or_default()
}

/// The Age cell of one event.
pub fn age(e: &Value, now: DateTime<Utc>) -> String {
    let first = match ts(e, "eventTime") {
        Some(t) => translate_timestamp_since(Some(t), now),
        None => translate_timestamp_since(ts(e, "firstTimestamp"), now),
    };
    if let Some(series) = e.get("series").filter(|s| s.is_object()) {
        let last = translate_timestamp_since(ts(series, "lastObservedTime"), now);
        return format!("{last} (x{} over {first})", int_at(series, &["count"]));
    }
    let count = int_at(e, &["count"]);
    if count > 1 {
        let last = translate_timestamp_since(ts(e, "lastTimestamp"), now);
        return format!("{last} (x{count} over {first})");
    }
    first
}

/// Write the Events section (`Events:  <none>` when there are none).
pub fn write(w: &mut PrefixWriter, events: &[Value], now: DateTime<Utc>) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    // kubectl flushes before the table so it does not align with the fields above.
    w.flush();
    let mut sorted: Vec<&Value> = events.iter().collect();
    sorted.sort_by_key(|e| sort_key(e));
    let colour = w.colour();
    let header: Vec<String> = ["Type", "Reason", "Age", "From", "Message"]
        .iter()
        .map(|h| colour.paint(Style::Header, h))
        .collect();
    w.write(0, "Events:\n");
    w.write(1, &format!("{}\n", header.join("\t")));
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let mut from = str_at(e, &["source", "component"]);
        if from.is_empty() {
            from = str_at(e, &["reportingComponent"]);
        }
        let (kind, reason) = (str_at(e, &["type"]), str_at(e, &["reason"]));
        let (kind, reason) = if kind == "Warning" {
            (
                colour.paint(Style::Warning, kind),
                colour.paint(Style::Pending, reason),
            )
        } else {
            (kind.to_string(), reason.to_string())
        };
        w.write(
            1,
            &format!(
                "{}\t{}\t{}\t{}\t{}\n",
                kind,
                reason,
                age(e, now),
                from,
                str_at(e, &["message"]).trim()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        "2026-01-01T00:01:00Z".parse().unwrap()
    }

    #[test]
    fn none() {
        let mut w = PrefixWriter::new();
        write(&mut w, &[], now());
        assert_eq!(w.finish(), "Events:  <none>\n");
    }

    #[test]
    fn table_sorted_with_repeats() {
        let later = json!({"type": "Normal", "reason": "Started", "message": "Started c ",
            "source": {"component": "kubelet"}, "count": 1,
            "firstTimestamp": "2026-01-01T00:00:50Z", "lastTimestamp": "2026-01-01T00:00:50Z"});
        let repeated = json!({"type": "Warning", "reason": "BackOff", "message": "Back-off",
            "reportingComponent": "kubelet", "count": 3,
            "firstTimestamp": "2026-01-01T00:00:00Z", "lastTimestamp": "2026-01-01T00:00:40Z"});
        let mut w = PrefixWriter::new();
        w.write(0, "Name:\tx\n");
        write(&mut w, &[later, repeated], now());
        assert_eq!(
            w.finish(),
            "Name:  x\nEvents:\n  Type     Reason   Age                From     Message\n  ----     ------   ----               ----     -------\n  Warning  BackOff  20s (x3 over 60s)  kubelet  Back-off\n  Normal   Started  10s                kubelet  Started c\n"
        );
    }

    #[test]
    fn selector() {
        let o = json!({"kind": "Pod", "metadata": {"name": "p", "namespace": "n", "uid": "u"}});
        assert_eq!(
            field_selector(&o),
            "involvedObject.name=p,involvedObject.namespace=n,involvedObject.kind=Pod,involvedObject.uid=u"
        );
    }
}
