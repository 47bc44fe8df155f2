//! `cp` through exec and tar, as kubectl does it: an upload is a tar archive of the local
//! tree streamed into `tar -xmf -` in the container, a download is `tar cf - PATH` in the
//! container unpacked locally. The archive is written and read on a blocking thread while
//! the exec session streams it (nothing is held whole in memory).
//!
//! Mirrors kubectl's `makeTar`/`untarAll`: member names are the destination's, only empty
//! directories get their own entry, symlinks are archived as links on the way up and skipped
//! with a warning on the way down, downloaded files get the local umask's modes (kubectl does
//! not restore modes locally; in the container `tar` restores them). The remote `tar`'s
//! stderr goes where kubectl sends it: stderr on the way up, stdout on the way down.

use std::io::{self, Read, Write};
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use tokio::sync::mpsc;

use super::remote::{self, InitialSize, Io, Sink, Streams};
use super::{container, pod};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::go::{path_base, path_clean, path_dir, path_join};
use crate::resource::discovery::encode_segment;
use crate::resource::request::with_query;

/// `Write` into a channel of chunks (the exec session's stdin).
pub struct ChunkWriter(pub mpsc::Sender<Vec<u8>>);

impl Write for ChunkWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .blocking_send(buf.to_vec())
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `Read` from a channel of chunks (the exec session's stdout); the sender dropped is EOF.
pub struct ChunkReader {
    rx: mpsc::Receiver<Vec<u8>>,
    cur: Vec<u8>,
    at: usize,
}

impl ChunkReader {
    /// Read what `rx` delivers.
    pub fn new(rx: mpsc::Receiver<Vec<u8>>) -> Self {
        ChunkReader {
            rx,
            cur: Vec::new(),
            at: 0,
        }
    }
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.cur.len() {
            match self.rx.blocking_recv() {
                Some(c) => {
                    self.cur = c;
                    self.at = 0;
                }
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len() - self.at);
        buf[..n].copy_from_slice(&self.cur[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// kubectl's `makeTar`: `src` (a cleaned local path) archived under the member name `dest`
/// (the destination's base name, then its subpaths).
pub fn make_tar<W: Write>(src: &Path, dest: &str, w: W) -> io::Result<()> {
    let mut b = tar::Builder::new(w);
    add(&mut b, src, dest)?;
    b.into_inner()?.flush()
}

fn header_for(md: &std::fs::Metadata, name: &str) -> io::Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_metadata_in_mode(md, tar::HeaderMode::Complete);
    h.set_path(name)?;
    Ok(h)
}

fn add<W: Write>(b: &mut tar::Builder<W>, path: &Path, name: &str) -> io::Result<()> {
    let md = std::fs::symlink_metadata(path)?;
    if md.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?
            .collect::<io::Result<Vec<_>>>()?
            .into_iter()
            .map(|e| e.file_name())
            .collect();
        entries.sort();
        if entries.is_empty() {
            let mut h = header_for(&md, name)?;
            h.set_size(0);
            h.set_cksum();
            b.append(&h, io::empty())?;
        }
        for e in entries {
            let child = e.to_string_lossy();
            add(b, &path.join(&e), &format!("{name}/{child}"))?;
        }
        return Ok(());
    }
    if md.file_type().is_symlink() {
        let target = std::fs::read_link(path)?;
        let mut h = header_for(&md, name)?;
        h.set_size(0);
        h.set_link_name(&target)?;
        h.set_cksum();
        return b.append(&h, io::empty());
    }
    let mut h = header_for(&md, name)?;
    h.set_cksum();
    let f = std::fs::File::open(path)?;
    b.append(&h, f)
}

/// Context for kubectl's symlink hint (`kk exec -n NS POD -- tar cf - SRC | tar xf -`).
pub struct Hint<'a> {
    /// The program name to suggest.
    pub program: &'a str,
    /// The namespace as typed in the file spec (kubectl prints it even when empty).
    pub namespace: &'a str,
    /// The pod.
    pub pod: &'a str,
    /// The remote path as typed (after kubectl's trailing-slash trim).
    pub src: &'a str,
}

/// Go's `filepath.Rel(base, target)` is `.` or free of leading `../` (kubectl's
/// `isRelative`): `target` stays inside `base`.
fn is_relative(base: &str, target: &str) -> bool {
    let (base, target) = (path_clean(base), path_clean(target));
    if base.starts_with('/') != target.starts_with('/') {
        return false;
    }
    if base == target {
        return true;
    }
    let rest = if base == "." {
        target.as_str()
    } else if base == "/" {
        &target[1..]
    } else {
        match target.strip_prefix(&format!("{base}/")) {
            Some(r) => r,
            None => return false,
        }
    };
    rest != ".." && !rest.starts_with("../")
}

/// Go's `*PathError` text: `<op> <path>: <errno text>`.
fn path_error(op: &str, path: &str, e: &io::Error) -> io::Error {
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    let text = match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    io::Error::new(e.kind(), format!("{op} {path}: {text}"))
}

/// kubectl's `untarAll`: every member must start with `prefix`; what follows lands under
/// `dest`; anything resolving outside `dest` is skipped with a warning. Warnings go to
/// `warn` as they happen (kubectl's stderr).
pub fn untar_all<R: Read>(
    r: R,
    prefix: &str,
    dest: &str,
    hint: &Hint<'_>,
    warn: &mut dyn FnMut(String),
) -> io::Result<()> {
    let mut symlink_hinted = false;
    let mut archive = tar::Archive::new(r);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            return Err(io::Error::other("tar contents corrupted"));
        };
        let rest = strip_trailing_slash(rest).replace('\\', "/");
        let target = path_join(&[dest, &rest]);
        if !is_relative(dest, &target) {
            warn(format!(
                "warning: file {target:?} is outside target destination, skipping\n"
            ));
            continue;
        }
        mkdir_all(&path_dir(&target))?;
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            mkdir_all(&target)?;
            continue;
        }
        if kind.is_symlink() {
            let link = entry
                .link_name_bytes()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .unwrap_or_default();
            if !symlink_hinted {
                symlink_hinted = true;
                warn(format!(
                    "warning: skipping symlink: {target:?} -> {link:?} (consider using \"{} exec -n {:?} {:?} -- tar cf - {:?} | tar xf -\")\n",
                    hint.program, hint.namespace, hint.pod, hint.src
                ));
            } else {
                warn(format!(
                    "warning: skipping symlink: {target:?} -> {link:?}\n"
                ));
            }
            continue;
        }
        let mut f = std::fs::File::create(&target).map_err(|e| path_error("open", &target, &e))?;
        io::copy(&mut entry, &mut f)?;
    }
    Ok(())
}

/// `os.MkdirAll(dir, 0755)`.
fn mkdir_all(dir: &str) -> io::Result<()> {
    if dir.is_empty() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o755)
        .create(dir)
        .map_err(|e| path_error("mkdir", dir, &e))
}

/// kubectl's `stripTrailingSlash` (keeps a lone `/`).
pub fn strip_trailing_slash(s: &str) -> &str {
    if s.len() > 1 && s.ends_with('/') {
        &s[..s.len() - 1]
    } else {
        s
    }
}

/// kubectl's `stripPathShortcuts`: leading `../` runs, `.`/`..`, and one leading `/` go.
pub fn strip_path_shortcuts(p: &str) -> String {
    let mut s = p;
    while let Some(rest) = s.strip_prefix("../") {
        s = rest;
    }
    if s == "." || s == ".." {
        return String::new();
    }
    s.strip_prefix('/').unwrap_or(s).to_string()
}

/// The pod and container of one side of a copy.
pub struct Target {
    /// The pod's namespace (the file spec's, else the default).
    pub namespace: String,
    /// The namespace as typed in the file spec (may be empty; kubectl's symlink hint).
    pub typed_namespace: String,
    /// The pod.
    pub pod: String,
    /// `-c`.
    pub container: Option<String>,
}

/// One exec into the target as kubectl's `cp` runs it (`ExecOptions.Run` with a pod name):
/// the pod fetched, a finished pod refused, the container defaulted (its notice going where
/// `stderr` goes), then `command` with stdin from `stdin` when given.
async fn exec(
    ctx: &Ctx,
    target: &Target,
    command: Vec<String>,
    stdin: Option<mpsc::Receiver<Vec<u8>>>,
    stdout: Sink,
    stderr: Sink,
) -> Result<()> {
    let found: Pod = pod::get(ctx, &target.namespace, &target.pod).await?;
    pod::check_not_completed(&found, "cannot exec into a container in a completed pod")?;
    let container = match &target.container {
        Some(c) => c.clone(),
        None => {
            let picked = container::pick(ctx.ui(), &found, None, true)?;
            if let Some(notice) = container::defaulted_notice(&found) {
                match &stderr {
                    Sink::Stdout => ctx.ui().print(&notice)?,
                    Sink::Stderr => ctx.ui().eprint(&notice)?,
                    _ => {}
                }
            }
            picked.name
        }
    };
    let streams = Streams {
        stdin: stdin.is_some(),
        stdout: !matches!(stdout, Sink::Discard),
        stderr: !matches!(stderr, Sink::Discard),
        tty: false,
    };
    let mut query: Vec<(&str, String)> = command.iter().map(|c| ("command", c.clone())).collect();
    query.push(("container", container));
    query.extend(streams.query());
    let path = with_query(
        &format!(
            "/api/v1/namespaces/{}/pods/{}/exec",
            encode_segment(&target.namespace),
            encode_segment(&target.pod)
        ),
        &query,
    );
    let io = Io::Pipe {
        stdin,
        stdout,
        stderr,
    };
    remote::session(ctx, &path, streams, io, InitialSize::Plain).await
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

/// kubectl's `copyToPod`: `src` (local) into `dest` (remote; into it when it is a directory
/// there).
pub async fn upload(
    ctx: &Ctx,
    target: &Target,
    src: &str,
    dest: &str,
    no_preserve: bool,
) -> Result<()> {
    if std::fs::metadata(src).is_err() {
        return Err(Error::msg(format!(
            "{src} doesn't exist in local filesystem"
        )));
    }
    let src_clean = path_clean(src);
    let mut dest_file = dest.to_string();
    // kubectl's checkDestinationIsDir: `test -d DEST`, output discarded, 10 s at most.
    let is_dir = exec(
        ctx,
        target,
        words(&["test", "-d", dest]),
        None,
        Sink::Discard,
        Sink::Discard,
    );
    match tokio::time::timeout(Duration::from_secs(10), is_dir).await {
        Ok(Ok(())) => {
            dest_file =
                strip_trailing_slash(&path_join(&[dest, &path_base(&src_clean)])).to_string()
        }
        Ok(Err(_)) => {}
        Err(_) => return Err(Error::msg("context deadline exceeded")),
    }
    let dest_clean = path_clean(&dest_file);
    let (tx, rx) = mpsc::channel::<Vec<u8>>(16);
    let member = path_base(&dest_clean);
    let src_path = src_clean.clone();
    let writer = tokio::task::spawn_blocking(move || {
        make_tar(Path::new(&src_path), &member, ChunkWriter(tx))
    });
    let mut command = if no_preserve {
        words(&[
            "tar",
            "--no-same-permissions",
            "--no-same-owner",
            "-xmf",
            "-",
        ])
    } else {
        words(&["tar", "-xmf", "-"])
    };
    let dir = strip_trailing_slash(&path_dir(&dest_file)).to_string();
    if !dir.is_empty() {
        command.extend(["-C".to_string(), dir]);
    }
    let sent = exec(ctx, target, command, Some(rx), Sink::Stdout, Sink::Stderr).await;
    let written = writer.await.map_err(|e| Error::msg(e.to_string()))?;
    sent?;
    // The archive failing while the remote side still succeeded (a file vanished).
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Io(e)),
        _ => Ok(()),
    }
}

/// What the unpacking thread tells the session side.
enum Event {
    /// A line for stderr (kubectl's warnings).
    Warn(String),
    /// A line for stdout (kubectl's `Resuming copy ...` notices).
    Say(String),
    /// Start another `tar` from byte `.0` (1-based, `tail -c+N`), its output into `.1`.
    Resume(u64, mpsc::Sender<Vec<u8>>),
}

/// The downloaded archive as a blocking `Read` (kubectl's `TarPipe`): when a stream ends
/// before the archive does and retries are left, it asks for the rest from the byte after
/// the last one read.
struct TarPipe {
    input: ChunkReader,
    events: mpsc::UnboundedSender<Event>,
    read: u64,
    retries: i64,
    max: i64,
    /// Out of retries: the end was announced.
    dropped: bool,
}

impl Read for TarPipe {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.input.read(buf)?;
            if n > 0 || buf.is_empty() {
                self.read += n as u64;
                return Ok(n);
            }
            if self.dropped {
                return Ok(0);
            }
            if self.max < 0 || self.retries < self.max {
                self.retries += 1;
                let _ = self.events.send(Event::Say(format!(
                    "Resuming copy at {} bytes, retry {}/{}\n",
                    self.read, self.retries, self.max
                )));
                let (tx, rx) = mpsc::channel(16);
                let _ = self.events.send(Event::Resume(self.read + 1, tx));
                self.input = ChunkReader::new(rx);
                continue;
            }
            // Once: Go's tar reader never reads past the end it was given.
            self.dropped = true;
            let _ = self.events.send(Event::Say(format!(
                "Dropping out copy after {} retries\n",
                self.retries
            )));
            return Ok(0);
        }
    }
}

/// kubectl's `copyFromPod`: `tar cf - SRC` in the container unpacked into `dest`. With
/// `retries` (negative: no limit) a stream that breaks off is resumed where it stopped
/// (`tar cf - SRC | tail -c+N`), as kubectl's `TarPipe` does.
pub async fn download(
    ctx: &Ctx,
    target: &Target,
    src: &str,
    dest: &str,
    retries: i64,
) -> Result<()> {
    let prefix = strip_path_shortcuts(&path_clean(src.trim_start_matches(['/', '\\'])));
    let prefix = strip_trailing_slash(&prefix).to_string();
    let command = |from: u64| {
        if retries != 0 {
            words(&["sh", "-c", &format!("tar cf - {src} | tail -c+{from}")])
        } else {
            words(&["tar", "cf", "-", src])
        }
    };
    let (events, mut rx_events) = mpsc::unbounded_channel::<Event>();
    let (tx, rx) = mpsc::channel::<Vec<u8>>(16);
    let pipe = TarPipe {
        input: ChunkReader::new(rx),
        events: events.clone(),
        read: 0,
        retries: 0,
        max: retries,
        dropped: false,
    };
    let (dest_owned, ns, pod, src_owned) = (
        dest.to_string(),
        target.typed_namespace.clone(),
        target.pod.clone(),
        src.to_string(),
    );
    let mut unpack = tokio::task::spawn_blocking(move || {
        let hint = Hint {
            program: crate::error::PROG,
            namespace: &ns,
            pod: &pod,
            src: &src_owned,
        };
        untar_all(pipe, &prefix, &dest_owned, &hint, &mut |w| {
            let _ = events.send(Event::Warn(w));
        })
    });
    let mut sessions = futures::stream::FuturesUnordered::new();
    sessions.push(exec(
        ctx,
        target,
        command(0),
        None,
        Sink::Channel(tx),
        Sink::Stdout,
    ));
    let mut unpacked = None;
    loop {
        tokio::select! {
            ev = rx_events.recv() => match ev {
                Some(Event::Warn(w)) => ctx.ui().eprint(&w)?,
                Some(Event::Say(s)) => {
                    ctx.ui().print(&s)?;
                    ctx.ui().flush()?;
                }
                Some(Event::Resume(from, out)) => sessions.push(exec(
                    ctx, target, command(from), None, Sink::Channel(out), Sink::Stdout,
                )),
                None => {}
            },
            // kubectl ends at once when the remote side fails (its CheckErr in the
            // goroutine), whatever was unpacked so far staying on disk.
            Some(r) = futures::StreamExt::next(&mut sessions) => r?,
            r = &mut unpack, if unpacked.is_none() => {
                unpacked = Some(r.map_err(|e| Error::msg(e.to_string()))?);
            }
        }
        match &unpacked {
            Some(Err(_)) => break,
            Some(Ok(())) if sessions.is_empty() => break,
            _ => {}
        }
    }
    while let Ok(ev) = rx_events.try_recv() {
        match ev {
            Event::Warn(w) => ctx.ui().eprint(&w)?,
            Event::Say(s) => ctx.ui().print(&s)?,
            Event::Resume(..) => {}
        }
    }
    unpacked
        .unwrap_or(Ok(()))
        .map_err(|e| Error::msg(go_tar_error(&e)))
}

/// Go's archive/tar says `unexpected EOF` for an archive cut short, wherever it was cut;
/// the tar crate has its own words (and no error kind) for the places.
fn go_tar_error(e: &io::Error) -> String {
    let text = e.to_string();
    let cut = ["unexpected EOF during skip", "failed to read entire block"];
    if e.kind() == io::ErrorKind::UnexpectedEof || cut.contains(&text.as_str()) {
        "unexpected EOF".to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts() {
        assert_eq!(strip_path_shortcuts("../../a/b"), "a/b");
        assert_eq!(strip_path_shortcuts(".."), "");
        assert_eq!(strip_path_shortcuts("/tmp/x"), "tmp/x");
        assert_eq!(strip_trailing_slash("/"), "/");
        assert_eq!(strip_trailing_slash("a/"), "a");
    }

    #[test]
    fn outside_the_destination() {
        assert!(is_relative("out", "out"));
        assert!(is_relative("out", "out/a/b"));
        assert!(is_relative(".", "a"));
        assert!(!is_relative("out", "x"));
        assert!(!is_relative(".", "../a"));
        assert!(!is_relative("/tmp/o", "/tmp/other"));
        assert!(is_relative("/", "/etc"));
    }

    #[test]
    fn tar_round_trip_keeps_bytes_and_names() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(src.join("sub")).unwrap();
        std::fs::create_dir_all(src.join("empty")).unwrap();
        std::fs::write(src.join("a.txt"), b"hello\n").unwrap();
        std::fs::write(src.join("sub/b"), vec![7u8; 70_000]).unwrap();
        let mut buf = Vec::new();
        make_tar(&src, "x", &mut buf).unwrap();
        let names: Vec<String> = tar::Archive::new(&buf[..])
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["x/a.txt", "x/empty", "x/sub/b"]);
        let out = dir.path().join("out");
        let hint = Hint {
            program: "kk",
            namespace: "",
            pod: "p",
            src: "/x",
        };
        let mut warnings = Vec::new();
        untar_all(&buf[..], "x", out.to_str().unwrap(), &hint, &mut |w| {
            warnings.push(w)
        })
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"hello\n");
        assert_eq!(std::fs::read(out.join("sub/b")).unwrap().len(), 70_000);
        assert!(out.join("empty").is_dir());
        // A member outside the prefix means a corrupted stream.
        assert_eq!(
            untar_all(&buf[..], "y", "o", &hint, &mut |_| {})
                .unwrap_err()
                .to_string(),
            "tar contents corrupted"
        );
    }
}
