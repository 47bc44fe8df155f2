//! Container logs: the `pods/log` query semantics over the runtime's per-container log
//! ([`ContainerLog`]) — `tailLines`,
//! `sinceSeconds`/`sinceTime`, `timestamps`, `limitBytes` as a pure function
//! ([`render`]), plus `follow` as a stream that ends when the container terminates
//! ([`follow`]). `previous` is the kubelet's choice of which [`ContainerLog`] to read
//! (the last terminated instance); [`previous_not_found`] is its error.

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures::Stream;

use super::streams::exec::query_pairs;
use crate::apiserver::status::ApiError;

pub use crate::runtime::log::{ContainerLog, LogLine};

/// The query of `GET pods/<p>/log`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogOptions {
    pub container: Option<String>,
    pub follow: bool,
    pub previous: bool,
    pub timestamps: bool,
    pub since_seconds: Option<i64>,
    pub since_time: Option<DateTime<Utc>>,
    pub tail_lines: Option<i64>,
    pub limit_bytes: Option<i64>,
}

fn invalid(field: &str, value: &str, why: &str) -> ApiError {
    ApiError::new(
        422,
        "Invalid",
        format!("PodLogOptions \"\" is invalid: {field}: Invalid value: {value}: {why}"),
    )
}

fn bool_param(k: &str, v: &str) -> Result<bool, ApiError> {
    match v {
        "" | "true" | "1" | "t" | "T" | "True" | "TRUE" => Ok(true),
        "false" | "0" | "f" | "F" | "False" | "FALSE" => Ok(false),
        _ => Err(ApiError::bad_request(format!(
            "couldn't parse '{k}': strconv.ParseBool: parsing \"{v}\": invalid syntax"
        ))),
    }
}

fn int_param(k: &str, v: &str) -> Result<i64, ApiError> {
    v.parse().map_err(|_| {
        ApiError::bad_request(format!(
            "couldn't parse '{k}': strconv.ParseInt: parsing \"{v}\": invalid syntax"
        ))
    })
}

impl LogOptions {
    /// Parses and validates the query like the apiserver's `PodLogOptions` validation.
    pub fn from_query(query: &str) -> Result<LogOptions, ApiError> {
        let mut o = LogOptions::default();
        for (k, v) in query_pairs(query) {
            match k.as_str() {
                "container" => o.container = Some(v),
                "follow" => o.follow = bool_param(&k, &v)?,
                "previous" => o.previous = bool_param(&k, &v)?,
                "timestamps" => o.timestamps = bool_param(&k, &v)?,
                "sinceSeconds" => o.since_seconds = Some(int_param(&k, &v)?),
                "tailLines" => o.tail_lines = Some(int_param(&k, &v)?),
                "limitBytes" => o.limit_bytes = Some(int_param(&k, &v)?),
                "sinceTime" => {
                    let t = DateTime::parse_from_rfc3339(&v).map_err(|_| {
                        ApiError::bad_request(format!(
                            "couldn't parse 'sinceTime': parsing time \"{v}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse"
                        ))
                    })?;
                    o.since_time = Some(t.with_timezone(&Utc));
                }
                _ => {}
            }
        }
        if o.since_seconds.is_some() && o.since_time.is_some() {
            return Err(ApiError::new(
                422,
                "Invalid",
                "PodLogOptions \"\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified",
            ));
        }
        if let Some(s) = o.since_seconds
            && s < 1
        {
            return Err(invalid(
                "sinceSeconds",
                &s.to_string(),
                "must be greater than 0",
            ));
        }
        if let Some(t) = o.tail_lines
            && t < 0
        {
            return Err(invalid(
                "tailLines",
                &t.to_string(),
                "must be greater than or equal to 0",
            ));
        }
        if let Some(l) = o.limit_bytes
            && l < 1
        {
            return Err(invalid(
                "limitBytes",
                &l.to_string(),
                "must be greater than 0",
            ));
        }
        Ok(o)
    }

    fn since(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.since_time.or_else(|| {
            self.since_seconds
                .map(|s| now - chrono::Duration::seconds(s))
        })
    }
}

/// The kubelet's timestamp prefix: RFC3339 with exactly 9 fractional digits, UTC.
pub fn format_timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string()
}

fn line_bytes(l: &LogLine, timestamps: bool) -> Vec<u8> {
    if !timestamps {
        return l.text.clone();
    }
    let mut v = format_timestamp(l.time).into_bytes();
    v.push(b' ');
    v.extend_from_slice(&l.text);
    v
}

/// The body of a non-follow `pods/log` response: since-filter, then the last `tailLines`,
/// then timestamps, then truncation to `limitBytes`.
pub fn render(lines: &[LogLine], opts: &LogOptions, now: DateTime<Utc>) -> Vec<u8> {
    let since = opts.since(now);
    let kept: Vec<&LogLine> = lines
        .iter()
        .filter(|l| since.is_none_or(|s| l.time >= s))
        .collect();
    let start = match opts.tail_lines {
        Some(n) => kept.len().saturating_sub(n.max(0) as usize),
        None => 0,
    };
    let mut out = Vec::new();
    for l in &kept[start..] {
        out.extend(line_bytes(l, opts.timestamps));
    }
    if let Some(limit) = opts.limit_bytes {
        out.truncate(limit.max(0) as usize);
    }
    out
}

/// A `follow=true` body: what [`render`] gives now, then each new line as it is written, until
/// the container terminates (the log is closed) or `limitBytes` is reached.
pub fn follow(log: Arc<ContainerLog>, opts: LogOptions) -> impl Stream<Item = Bytes> + Send {
    let mut rx = log.subscribe();
    let initial = log.lines();
    let first = render(&initial, &opts, Utc::now());
    rx.borrow_and_update();
    let state = (log, opts, initial.len(), first.len(), Some(first), rx);
    futures::stream::unfold(
        state,
        |(log, opts, mut idx, mut sent, first, mut rx)| async move {
            if let Some(first) = first
                && !first.is_empty()
            {
                return Some((Bytes::from(first), (log, opts, idx, sent, None, rx)));
            }
            loop {
                if opts.limit_bytes.is_some_and(|l| sent as i64 >= l) {
                    return None;
                }
                let (lines, closed) = log.lines_from(idx)?;
                if !lines.is_empty() {
                    idx += lines.len();
                    let mut out = Vec::new();
                    for l in &lines {
                        out.extend(line_bytes(l, opts.timestamps));
                    }
                    if let Some(limit) = opts.limit_bytes {
                        out.truncate((limit as usize).saturating_sub(sent));
                    }
                    sent += out.len();
                    return Some((Bytes::from(out), (log, opts, idx, sent, None, rx)));
                }
                if closed || rx.changed().await.is_err() {
                    return None;
                }
            }
        },
    )
}

/// 400 for `previous=true` when the container never terminated before.
pub fn previous_not_found(container: &str, pod: &str) -> ApiError {
    ApiError::bad_request(format!(
        "previous terminated container \"{container}\" in pod \"{pod}\" not found"
    ))
}

/// 400 while the container has not started (`reason` e.g. `ContainerCreating`).
pub fn waiting_to_start(container: &str, pod: &str, reason: &str) -> ApiError {
    ApiError::bad_request(format!(
        "container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}"
    ))
}

/// 400 when a pod has several containers and none was named.
pub fn container_required(pod: &str, containers: &[String]) -> ApiError {
    ApiError::bad_request(format!(
        "a container name must be specified for pod {pod}, choose one of: [{}]",
        containers.join(" ")
    ))
}

/// 400 for a container name the pod does not have.
pub fn container_not_valid(container: &str, pod: &str) -> ApiError {
    ApiError::bad_request(format!("container {container} is not valid for pod {pod}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + secs, 5_000).unwrap()
    }

    fn sample() -> Arc<ContainerLog> {
        let log = ContainerLog::new();
        log.append_at(b"one\ntwo\n", t(0));
        log.append_at(b"thr", t(10));
        log.append_at(b"ee\n", t(20));
        log.append_at(b"four\n", t(25));
        log
    }

    fn opts(q: &str) -> LogOptions {
        LogOptions::from_query(q).unwrap()
    }

    #[test]
    fn render_applies_query_semantics() {
        let lines = sample().lines();
        let now = t(30);
        assert_eq!(render(&lines, &opts(""), now), b"one\ntwo\nthree\nfour\n");
        assert_eq!(render(&lines, &opts("tailLines=2"), now), b"three\nfour\n");
        assert_eq!(render(&lines, &opts("tailLines=0"), now), b"");
        assert_eq!(
            render(&lines, &opts("sinceSeconds=15"), now),
            b"three\nfour\n"
        );
        assert_eq!(
            render(&lines, &opts("sinceTime=2023-11-14T22%3A13%3A41Z"), now),
            b"four\n"
        );
        assert_eq!(render(&lines, &opts("limitBytes=6"), now), b"one\ntw");
        assert_eq!(
            String::from_utf8(render(&lines, &opts("timestamps=true&tailLines=1"), now)).unwrap(),
            "2023-11-14T22:13:45.000005000Z four\n"
        );
        assert_eq!(
            opts("container=app&follow=true&previous=true")
                .container
                .as_deref(),
            Some("app")
        );
    }

    #[test]
    fn bad_queries() {
        let e =
            LogOptions::from_query("sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z").unwrap_err();
        assert!(
            e.message
                .contains("at most one of `sinceTime` or `sinceSeconds` may be specified")
        );
        assert_eq!(
            LogOptions::from_query("tailLines=-1").unwrap_err().code,
            422
        );
        assert_eq!(
            LogOptions::from_query("limitBytes=x").unwrap_err().code,
            400
        );
        assert_eq!(
            previous_not_found("c", "p").message,
            "previous terminated container \"c\" in pod \"p\" not found"
        );
        assert_eq!(
            container_required("p", &["a".into(), "b".into()]).message,
            "a container name must be specified for pod p, choose one of: [a b]"
        );
    }

    #[tokio::test]
    async fn follow_streams_until_the_container_ends() {
        let log = sample();
        let mut s = Box::pin(follow(log.clone(), opts("follow=true&tailLines=1")));
        assert_eq!(s.next().await.unwrap(), Bytes::from_static(b"four\n"));
        let w = log.clone();
        tokio::spawn(async move {
            let mut wr = w.writer();
            tokio::io::AsyncWriteExt::write_all(&mut wr, b"five\nsix")
                .await
                .unwrap();
            w.close();
        });
        let mut rest = Vec::new();
        while let Some(b) = s.next().await {
            rest.extend_from_slice(&b);
        }
        assert_eq!(rest, b"five\nsix");
        // limitBytes also ends a follow.
        let log = sample();
        let s = follow(log, opts("follow=true&limitBytes=5"));
        let all: Vec<Bytes> = s.collect().await;
        assert_eq!(all.concat(), b"one\nt");
    }
}
