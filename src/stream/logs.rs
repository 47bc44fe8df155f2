//! `pods/log` streams: the request (`PodLogOptions` as query), copying the body to stdout
//! (straight through for one stream; whole lines with an optional `[pod/p/c] ` prefix when
//! several streams share stdout), and follows that survive a dropped connection.
//!
//! A follow asks for `timestamps=true` (stripped again unless the user asked for them) and
//! remembers the time of the last line it printed and how many lines carried that time. If
//! the stream ends while the same container instance is still running, it was dropped, not
//! finished: the follow asks again with `sinceTime` (whole seconds, as the API takes it) and
//! skips what it already printed, so no line is lost or repeated.

use std::io::Write;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use http_body_util::BodyExt;
use k8s_openapi::api::core::v1::Pod;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::go::query_escape;
use crate::resource::request;
use crate::ui::Ui;
use crate::ui::colour::{self, Colour};

/// kubectl's `PodLogOptions` as sent (`container` is always set).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The container.
    pub container: String,
    /// `-f`.
    pub follow: bool,
    /// `-p`.
    pub previous: bool,
    /// `--timestamps`.
    pub timestamps: bool,
    /// `--since`, whole seconds.
    pub since_seconds: Option<i64>,
    /// `--since-time`, RFC 3339 in UTC with whole seconds (as `metav1.Time` encodes).
    pub since_time: Option<String>,
    /// `--tail`.
    pub tail_lines: Option<i64>,
    /// `--limit-bytes`.
    pub limit_bytes: Option<i64>,
    /// `--insecure-skip-tls-verify-backend`.
    pub insecure_skip_tls_verify_backend: bool,
}

impl Query {
    /// The request path for `pod` in `namespace`.
    pub fn path(&self, namespace: &str, pod: &str) -> String {
        let mut q = format!("container={}", query_escape(&self.container));
        let mut add = |k: &str, v: String| {
            q.push('&');
            q.push_str(k);
            q.push('=');
            q.push_str(&query_escape(&v));
        };
        if self.follow {
            add("follow", "true".into());
        }
        if self.insecure_skip_tls_verify_backend {
            add("insecureSkipTLSVerifyBackend", "true".into());
        }
        if let Some(n) = self.limit_bytes {
            add("limitBytes", n.to_string());
        }
        if self.previous {
            add("previous", "true".into());
        }
        if let Some(s) = self.since_seconds {
            add("sinceSeconds", s.to_string());
        }
        if let Some(t) = &self.since_time {
            add("sinceTime", t.clone());
        }
        if let Some(n) = self.tail_lines {
            add("tailLines", n.to_string());
        }
        if self.timestamps {
            add("timestamps", "true".into());
        }
        format!(
            "/api/v1/namespaces/{}/pods/{}/log?{q}",
            crate::resource::discovery::encode_segment(namespace),
            crate::resource::discovery::encode_segment(pod)
        )
    }
}

/// One container's log.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod.
    pub pod: String,
    /// The container.
    pub container: String,
}

/// How a source's lines are marked when several share stdout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrefixStyle {
    /// Prefix every line with `[pod/<pod>/<container>] `.
    pub enabled: bool,
    /// Colour the prefix (stdout's decision; one colour per pod, the same on every run).
    pub colour: Colour,
}

impl PrefixStyle {
    /// The prefix bytes for `src` (empty when disabled).
    pub fn prefix(&self, src: &Source) -> Vec<u8> {
        if !self.enabled {
            return Vec::new();
        }
        let text = format!("[pod/{}/{}]", src.pod, src.container);
        let text = self.colour.paint(colour::pick(&src.pod), &text);
        format!("{text} ").into_bytes()
    }
}

/// Writes one stream's bytes to stdout: straight through, or as whole prefixed lines so
/// that concurrent streams never interleave inside a line (kubectl writes line by line).
pub struct LineWriter<'a> {
    ui: &'a Ui,
    prefix: Vec<u8>,
    whole_lines: bool,
    strip_timestamps: bool,
    carry: Vec<u8>,
    buf: Vec<u8>,
}

impl<'a> LineWriter<'a> {
    /// A writer for one source; `whole_lines` when other streams share stdout or a prefix
    /// is set.
    pub fn new(ui: &'a Ui, prefix: Vec<u8>, whole_lines: bool) -> Self {
        LineWriter {
            ui,
            whole_lines: whole_lines || !prefix.is_empty(),
            prefix,
            strip_timestamps: false,
            carry: Vec::new(),
            buf: Vec::new(),
        }
    }

    fn line(&mut self, line: &[u8]) {
        self.buf.extend_from_slice(&self.prefix);
        let line = if self.strip_timestamps {
            split_timestamp(line).map_or(line, |(_, rest)| rest)
        } else {
            line
        };
        self.buf.extend_from_slice(line);
    }

    /// Write what `chunk` completes (everything, when not line-buffered) and flush.
    fn push(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        if !self.whole_lines {
            self.ui.out().write_all(chunk)?;
            return self.ui.flush();
        }
        let mut rest = chunk;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(i + 1);
            if self.carry.is_empty() {
                self.line(head);
            } else {
                let mut l = std::mem::take(&mut self.carry);
                l.extend_from_slice(head);
                self.line(&l);
            }
            rest = tail;
        }
        self.carry.extend_from_slice(rest);
        self.emit()
    }

    fn emit(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.ui.out().write_all(&self.buf)?;
        self.buf.clear();
        self.ui.flush()
    }

    /// The stream ended: write a final unterminated line.
    pub fn finish(&mut self) -> std::io::Result<()> {
        if !self.carry.is_empty() {
            let l = std::mem::take(&mut self.carry);
            self.line(&l);
        }
        self.emit()
    }
}

/// `2025-01-01T12:00:00.123456789Z rest` → the time text and `rest`.
fn split_timestamp(line: &[u8]) -> Option<(&str, &[u8])> {
    let sp = line.iter().position(|&b| b == b' ')?;
    let ts = std::str::from_utf8(&line[..sp]).ok()?;
    Some((ts, &line[sp + 1..]))
}

/// Turn a `pods/log` failure into kubectl's error (the API's Status, or transport text).
fn log_error(ctx: &Ctx, e: kube::Error) -> Error {
    ctx.kube_error(e)
}

/// Send one `pods/log` request and copy its body through `out`. `Ok` means the server ended
/// the body cleanly; the error says whether anything had arrived.
async fn copy_once(
    ctx: &Ctx,
    src: &Source,
    q: &Query,
    out: &mut LineWriter<'_>,
    cursor: Option<&mut Cursor>,
) -> std::result::Result<(), Failure> {
    let client = ctx.client().await.map_err(Failure::Fatal)?;
    let req = http::Request::get(q.path(&src.namespace, &src.pod))
        .body(Vec::new())
        .map_err(|e| Failure::Fatal(Error::msg(e.to_string())))?;
    let res = request::send(&client, req)
        .await
        .map_err(|e| Failure::Fatal(log_error(ctx, e)))?;
    let mut body = res.into_body();
    let mut cursor = cursor;
    loop {
        let frame = match body.frame().await {
            None => return Ok(()),
            Some(Ok(f)) => f,
            Some(Err(e)) => return Err(Failure::Dropped(log_error(ctx, e))),
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        match cursor.as_deref_mut() {
            None => out.push(&data),
            Some(c) => c.push(out, &data),
        }
        .map_err(|e| Failure::Fatal(Error::Io(e)))?;
    }
}

enum Failure {
    /// Nothing to retry: a refused request or a local write error.
    Fatal(Error),
    /// The body broke off.
    Dropped(Error),
}

/// What a follow has printed so far, to resume without gaps or repeats.
#[derive(Default)]
struct Cursor {
    last: Option<DateTime<FixedOffset>>,
    /// Lines printed with time `last`.
    same: usize,
    /// Lines with time `last` still to skip after a resume.
    skip_same: usize,
    /// Between a resume and the first line not printed before it.
    resuming: bool,
    carry: Vec<u8>,
}

impl Cursor {
    fn push(&mut self, out: &mut LineWriter<'_>, chunk: &[u8]) -> std::io::Result<()> {
        let mut rest = chunk;
        let mut done = Vec::new();
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(i + 1);
            let line = if self.carry.is_empty() {
                head.to_vec()
            } else {
                let mut l = std::mem::take(&mut self.carry);
                l.extend_from_slice(head);
                l
            };
            if self.admit(&line) {
                done.extend_from_slice(&line);
            }
            rest = tail;
        }
        self.carry.extend_from_slice(rest);
        if done.is_empty() {
            return Ok(());
        }
        out.push(&done)
    }

    /// Whether a complete line is new (and note it as printed).
    fn admit(&mut self, line: &[u8]) -> bool {
        let Some(t) =
            split_timestamp(line).and_then(|(ts, _)| DateTime::parse_from_rfc3339(ts).ok())
        else {
            return true;
        };
        if self.resuming {
            match self.last {
                Some(last) if t < last => return false,
                Some(last) if t == last && self.skip_same > 0 => {
                    self.skip_same -= 1;
                    return false;
                }
                _ => self.resuming = false,
            }
        }
        if self.last == Some(t) {
            self.same += 1;
        } else {
            self.last = Some(t);
            self.same = 1;
        }
        true
    }

    /// The query to resume with, after a drop.
    fn resume(&mut self, q: &Query) -> Query {
        self.carry.clear();
        self.skip_same = self.same;
        self.resuming = true;
        let mut r = q.clone();
        if let Some(last) = self.last {
            r.tail_lines = None;
            r.since_seconds = None;
            r.since_time = Some(
                last.with_timezone(&chrono::Utc)
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string(),
            );
        }
        r
    }

    /// The stream ended for good: a final unterminated line is printed as is.
    fn finish(&mut self, out: &mut LineWriter<'_>) -> std::io::Result<()> {
        if !self.carry.is_empty() {
            let l = std::mem::take(&mut self.carry);
            out.push(&l)?;
        }
        Ok(())
    }
}

/// Read one log to the end (kubectl's `DefaultConsumeRequest`). With `q.follow`, a dropped
/// connection is resumed as long as the container instance that was running at the start
/// still runs; the follow ends when that container stops (or the pod goes away).
pub async fn read(ctx: &Ctx, src: &Source, q: &Query, out: &mut LineWriter<'_>) -> Result<()> {
    // limitBytes counts the timestamps too, so such a follow cannot be resumed exactly.
    let resumable = q.follow && q.limit_bytes.is_none();
    if !resumable {
        let r = copy_once(ctx, src, q, out, None).await;
        out.finish()?;
        return match r {
            Ok(()) => Ok(()),
            Err(Failure::Fatal(e) | Failure::Dropped(e)) => Err(e),
        };
    }
    let instance = running_instance(ctx, src).await;
    let mut cursor = Cursor::default();
    if !q.timestamps {
        out.strip_timestamps = true;
        out.whole_lines = true;
    }
    let mut wire = q.clone();
    wire.timestamps = true;
    let mut attempts = 0u32;
    loop {
        let printed = (cursor.last, cursor.same);
        let err = match copy_once(ctx, src, &wire, out, Some(&mut cursor)).await {
            Ok(()) => None,
            Err(Failure::Fatal(e)) if attempts == 0 => {
                out.finish()?;
                return Err(e);
            }
            Err(Failure::Fatal(e) | Failure::Dropped(e)) => Some(e),
        };
        let still = instance.is_some() && running_instance(ctx, src).await == instance;
        if !still {
            cursor.finish(out)?;
            out.finish()?;
            return err.map_or(Ok(()), Err);
        }
        attempts = if (cursor.last, cursor.same) == printed {
            attempts + 1
        } else {
            1
        };
        if attempts > 8 {
            out.finish()?;
            return Err(err.unwrap_or_else(|| Error::msg("lost the log stream")));
        }
        tokio::time::sleep(Duration::from_millis(100 << attempts.min(4))).await;
        wire = cursor.resume(&wire);
    }
}

/// The ID of the running instance of the source's container, if it runs.
async fn running_instance(ctx: &Ctx, src: &Source) -> Option<String> {
    let client = ctx.client().await.ok()?;
    let api: kube::Api<Pod> = kube::Api::namespaced(client, &src.namespace);
    let pod = api.get(&src.pod).await.ok()?;
    container_instance(&pod, &src.container)
}

/// The container ID of `container` in `pod` while it is running.
pub fn container_instance(pod: &Pod, container: &str) -> Option<String> {
    let status = pod.status.as_ref()?;
    let all = status
        .container_statuses
        .iter()
        .flatten()
        .chain(status.init_container_statuses.iter().flatten())
        .chain(status.ephemeral_container_statuses.iter().flatten());
    for cs in all {
        if cs.name == container {
            let running = cs.state.as_ref().is_some_and(|s| s.running.is_some());
            return running.then(|| cs.container_id.clone().unwrap_or_default());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_paths() {
        let q = Query {
            container: "c".into(),
            follow: true,
            tail_lines: Some(10),
            since_time: Some("2024-08-30T06:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(
            q.path("ns", "p"),
            "/api/v1/namespaces/ns/pods/p/log?container=c&follow=true&sinceTime=2024-08-30T06%3A00%3A00Z&tailLines=10"
        );
    }

    #[test]
    fn prefixes() {
        let src = Source {
            namespace: "ns".into(),
            pod: "web-1".into(),
            container: "nginx".into(),
        };
        assert_eq!(PrefixStyle::default().prefix(&src), b"");
        let plain = PrefixStyle {
            enabled: true,
            colour: Colour::OFF,
        };
        assert_eq!(plain.prefix(&src), b"[pod/web-1/nginx] ");
        let colored = PrefixStyle {
            enabled: true,
            colour: Colour::ON,
        };
        let p = String::from_utf8(colored.prefix(&src)).unwrap();
        assert!(p.starts_with("\x1b[") && p.ends_with("m[pod/web-1/nginx]\x1b[0m "));
        assert_eq!(p, String::from_utf8(colored.prefix(&src)).unwrap());
    }

    #[test]
    fn line_writer_keeps_lines_whole() {
        let (ui, cap) = Ui::for_test();
        let mut w = LineWriter::new(&ui, b"[p] ".to_vec(), true);
        w.push(b"one\ntw").unwrap();
        assert_eq!(cap.stdout(), "[p] one\n");
        w.push(b"o\nthree").unwrap();
        w.finish().unwrap();
        assert_eq!(cap.stdout(), "[p] one\n[p] two\n[p] three");
    }

    #[test]
    fn cursor_resumes_without_repeats() {
        let (ui, cap) = Ui::for_test();
        let mut w = LineWriter::new(&ui, Vec::new(), true);
        w.strip_timestamps = true;
        let mut c = Cursor::default();
        let a = "2024-01-01T00:00:01.5Z";
        let b = "2024-01-01T00:00:02.25Z";
        c.push(&mut w, format!("{a} one\n{a} two\n{b} thr").as_bytes())
            .unwrap();
        assert_eq!(cap.stdout(), "one\ntwo\n");
        // Dropped mid-line: resume from the second of the last line's time.
        let q = c.resume(&Query::default());
        assert_eq!(q.since_time.as_deref(), Some("2024-01-01T00:00:01Z"));
        c.push(
            &mut w,
            format!("{a} one\n{a} two\n{b} three\n{b} four\n").as_bytes(),
        )
        .unwrap();
        assert_eq!(cap.stdout(), "one\ntwo\nthree\nfour\n");
        // Two lines with the same time, one printed before the drop.
        c.resume(&Query::default());
        c.push(
            &mut w,
            format!("{b} three\n{b} four\n{b} five\n").as_bytes(),
        )
        .unwrap();
        assert_eq!(cap.stdout(), "one\ntwo\nthree\nfour\nfive\n");
    }
}
