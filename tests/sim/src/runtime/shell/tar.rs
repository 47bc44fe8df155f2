//! `tar` of the simulated container (busybox's messages), so `kubectl cp` works: `tar cf -
//! PATH...` writes a ustar archive of the simulated files to stdout (every directory with
//! its own entry, each member with its permission bits), `tar xf - [-C DIR]` (any of
//! `-xmf`, `xf`, `--no-same-owner`, `--no-same-permissions`...) unpacks stdin into the
//! simulated filesystem, restoring the members' permission bits (with
//! `--no-same-permissions`, minus the umask 022). A missing `-C` directory is busybox's
//! error. Contents are bytes: binary files round-trip.

use tokio::io::AsyncReadExt;

use super::exec::{Flow, Shell};

fn octal(field: &mut [u8], value: u64) {
    let n = field.len() - 1;
    let s = format!("{value:0n$o}");
    let b = s.as_bytes();
    let start = b.len().saturating_sub(n);
    field[..n].copy_from_slice(&b[start..]);
    field[n] = 0;
}

/// Go's `path.Clean` for an absolute path (`..` above `/` stays at `/`).
fn clean_abs(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// One 512-byte ustar header.
fn header(name: &str, size: u64, dir: bool, mode: u32, mtime: u64) -> [u8; 512] {
    let mut h = [0u8; 512];
    let (prefix, name) = if name.len() > 100 {
        match name[..name.len().min(156)].rfind('/') {
            Some(i) => (&name[..i], &name[i + 1..]),
            None => ("", name),
        }
    } else {
        ("", name)
    };
    let n = name.as_bytes();
    h[..n.len().min(100)].copy_from_slice(&n[..n.len().min(100)]);
    octal(&mut h[100..108], u64::from(mode));
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size);
    octal(&mut h[136..148], mtime);
    h[156] = if dir { b'5' } else { b'0' };
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[265..269].copy_from_slice(b"root");
    h[297..301].copy_from_slice(b"root");
    let p = prefix.as_bytes();
    h[345..345 + p.len().min(155)].copy_from_slice(&p[..p.len().min(155)]);
    // The checksum is computed with its own field as spaces.
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    let s = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(s.as_bytes());
    h
}

fn parse_octal(b: &[u8]) -> Option<u64> {
    let s: String = b
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as char)
        .collect();
    let s = s.trim();
    if s.is_empty() {
        Some(0)
    } else {
        u64::from_str_radix(s, 8).ok()
    }
}

fn cstr(b: &[u8]) -> String {
    String::from_utf8_lossy(&b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())]).into_owned()
}

impl Shell {
    pub(crate) async fn tar(&mut self, args: &[String]) -> Flow {
        let mut mode = None;
        let mut dir = None;
        let same_permissions = !args.iter().any(|a| a == "--no-same-permissions");
        let mut paths = Vec::new();
        let mut i = 0;
        let mut first = true;
        while i < args.len() {
            let a = &args[i];
            if a == "-C" {
                dir = args.get(i + 1).cloned();
                i += 2;
                continue;
            }
            if a.starts_with("--") {
                i += 1;
                continue;
            }
            // The first word may omit the dash (`tar cf -`).
            let flags = a
                .strip_prefix('-')
                .or(if first { Some(a.as_str()) } else { None });
            first = false;
            match flags {
                Some(f) if f.chars().all(|c| c.is_ascii_alphabetic()) && !f.is_empty() => {
                    for c in f.chars() {
                        match c {
                            'c' | 'x' | 't' => mode = Some(c),
                            'f' => {
                                // The archive is always stdin/stdout (`-`).
                                i += 1;
                                if args.get(i).is_some_and(|v| v != "-") {
                                    self.complain(
                                        "tar: only '-' (stdin/stdout) archives are supported",
                                    )
                                    .await;
                                    self.last = 2;
                                    return Flow::Normal;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => paths.push(a.clone()),
            }
            i += 1;
        }
        let cwd = self.vars.get("PWD").cloned().unwrap_or_else(|| "/".into());
        let base = match &dir {
            Some(d) if d.starts_with('/') => d.trim_end_matches('/').to_string(),
            Some(d) => format!("{}/{}", cwd.trim_end_matches('/'), d),
            None => cwd.trim_end_matches('/').to_string(),
        };
        if let Some(d) = &dir
            && !self.dirs().contains(&clean_abs(&base))
        {
            self.complain(&format!(
                "tar: can't change directory to '{d}': No such file or directory"
            ))
            .await;
            self.last = 1;
            return Flow::Normal;
        }
        match mode {
            Some('c') => self.tar_create(&base, &paths).await,
            Some('x') | Some('t') => {
                self.tar_extract(&base, mode == Some('t'), same_permissions)
                    .await
            }
            _ => {
                self.complain("tar: need exactly one of 'c', 'x' or 't'")
                    .await;
                self.last = 1;
                Flow::Normal
            }
        }
    }

    async fn tar_create(&mut self, base: &str, paths: &[String]) -> Flow {
        type Snapshot = (
            Vec<(String, Vec<u8>)>,
            std::collections::BTreeMap<String, u32>,
        );
        let (files, modes): Snapshot = self
            .fs
            .lock()
            .map(|fs| {
                (
                    fs.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                    fs.modes.clone(),
                )
            })
            .unwrap_or_default();
        let mode_of = |path: &str, dir: bool| {
            modes
                .get(path)
                .copied()
                .unwrap_or(if dir { 0o755 } else { 0o644 })
        };
        let mtime = chrono::Utc::now().timestamp().max(0) as u64;
        let mut out = Vec::new();
        let mut warned = false;
        self.last = 0;
        for p in paths {
            let abs = clean_abs(&if p.starts_with('/') {
                p.clone()
            } else {
                format!("{base}/{p}")
            });
            // Member names are relative: a leading '/' is dropped, with busybox's notice.
            let member = |path: &str| -> String {
                if p.starts_with('/') {
                    path.trim_start_matches('/').to_string()
                } else {
                    path.strip_prefix(&format!("{base}/"))
                        .unwrap_or(path)
                        .to_string()
                }
            };
            if p.starts_with('/') && !warned {
                warned = true;
                self.complain("tar: removing leading '/' from member names")
                    .await;
            }
            let below = if abs == "/" {
                "/".to_string()
            } else {
                format!("{abs}/")
            };
            let under: Vec<&(String, Vec<u8>)> = files
                .iter()
                .filter(|(k, _)| k.starts_with(&below))
                .collect();
            if let Some((_, data)) = files.iter().find(|(k, _)| *k == abs) {
                let h = header(
                    &member(&abs),
                    data.len() as u64,
                    false,
                    mode_of(&abs, false),
                    mtime,
                );
                out.extend_from_slice(&h);
                out.extend_from_slice(data);
                out.resize(out.len().div_ceil(512) * 512, 0);
            } else if !under.is_empty() || abs == "/" {
                // Every directory gets its entry, before what is inside it.
                let mut dirs = std::collections::BTreeSet::new();
                dirs.insert(abs.clone());
                for (k, _) in &under {
                    let mut d = k.as_str();
                    while let Some(i) = d.rfind('/') {
                        d = &d[..i];
                        if d.len() < abs.len() {
                            break;
                        }
                        dirs.insert(d.to_string());
                    }
                }
                let mut entries: Vec<(&str, Option<&Vec<u8>>)> =
                    dirs.iter().map(|d| (d.as_str(), None)).collect();
                entries.extend(
                    under
                        .iter()
                        .filter(|(k, _)| !k.ends_with("/.keep"))
                        .map(|(k, v)| (k.as_str(), Some(v))),
                );
                entries.sort_by(|a, b| a.0.cmp(b.0));
                for (path, data) in entries {
                    match data {
                        None => {
                            let name = format!("{}/", member(path).trim_end_matches('/'));
                            out.extend_from_slice(&header(
                                &name,
                                0,
                                true,
                                mode_of(path, true),
                                mtime,
                            ));
                        }
                        Some(data) => {
                            let h = header(
                                &member(path),
                                data.len() as u64,
                                false,
                                mode_of(path, false),
                                mtime,
                            );
                            out.extend_from_slice(&h);
                            out.extend_from_slice(data);
                            out.resize(out.len().div_ceil(512) * 512, 0);
                        }
                    }
                }
            } else {
                self.complain(&format!("tar: {p}: No such file or directory"))
                    .await;
                self.last = 1;
            }
        }
        out.extend_from_slice(&[0u8; 1024]);
        if !self.out.write(&out).await {
            self.broken = true;
            return Flow::Exit;
        }
        Flow::Normal
    }

    async fn tar_extract(&mut self, base: &str, list_only: bool, same_permissions: bool) -> Flow {
        let mut data = Vec::new();
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.read_to_end(&mut data).await;
        }
        let mut at = 0;
        let mut listing = String::new();
        self.last = 0;
        while at + 512 <= data.len() {
            let h = &data[at..at + 512];
            if h.iter().all(|&b| b == 0) {
                break;
            }
            let (Some(size), Some(sum)) = (parse_octal(&h[124..136]), parse_octal(&h[148..156]))
            else {
                self.complain("tar: invalid tar header").await;
                self.last = 1;
                return Flow::Normal;
            };
            let computed: u64 = h
                .iter()
                .enumerate()
                .map(|(i, &b)| {
                    if (148..156).contains(&i) {
                        32
                    } else {
                        u64::from(b)
                    }
                })
                .sum();
            if computed != sum {
                self.complain("tar: invalid tar header checksum").await;
                self.last = 1;
                return Flow::Normal;
            }
            let prefix = cstr(&h[345..500]);
            let name = cstr(&h[..100]);
            let name = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            let kind = h[156];
            let start = at + 512;
            let end = start + size as usize;
            if end > data.len() {
                self.complain("tar: short read").await;
                self.last = 1;
                return Flow::Normal;
            }
            let rel = name.trim_start_matches("./").trim_start_matches('/');
            let mut mode = parse_octal(&h[100..108]).unwrap_or(0o644) as u32 & 0o7777;
            if !same_permissions {
                mode &= !0o022;
            }
            if list_only {
                listing.push_str(&format!("{name}\n"));
            } else if kind == b'0' || kind == 0 {
                let path = clean_abs(&format!("{base}/{rel}"));
                if let Ok(mut fs) = self.fs.lock() {
                    fs.insert(path.clone(), data[start..end].to_vec());
                    fs.modes.insert(path, mode);
                }
            } else if kind == b'5' {
                let path = clean_abs(&format!("{base}/{rel}"));
                if let Ok(mut fs) = self.fs.lock() {
                    let below = format!("{}/", path.trim_end_matches('/'));
                    if !fs.keys().any(|k| k.starts_with(&below)) {
                        fs.entry(format!("{below}.keep")).or_default();
                    }
                    fs.modes.insert(path, mode);
                }
            }
            at = start + (size as usize).div_ceil(512) * 512;
        }
        // A directory's `.keep` goes once something else is below it.
        if let Ok(mut fs) = self.fs.lock() {
            let below = format!("{}/", base.trim_end_matches('/'));
            let keeps: Vec<String> = fs
                .keys()
                .filter(|k| k.starts_with(&below) && k.ends_with("/.keep"))
                .cloned()
                .collect();
            for k in keeps {
                let dir = &k[..k.len() - ".keep".len()];
                if fs.keys().filter(|o| o.starts_with(dir)).nth(1).is_some() {
                    fs.remove(&k);
                }
            }
        }
        if !listing.is_empty() && !self.out.write(listing.as_bytes()).await {
            self.broken = true;
        }
        Flow::Normal
    }
}
