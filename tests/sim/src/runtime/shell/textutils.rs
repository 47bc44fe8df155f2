//! Text utilities of the simulated container (head, tail, wc, grep, sort, uniq, tr, cut,
//! basename, dirname): enough for the one-liners people pipe through in `kubectl exec`.
//! `grep` matches fixed strings, with `^`/`$` anchors, not full regular expressions.

use tokio::io::AsyncReadExt;

use super::exec::{Flow, Shell};

/// Names handled here.
pub(crate) const TEXT_COMMANDS: &[&str] = &[
    "basename", "cut", "dirname", "grep", "head", "sort", "tail", "tr", "uniq", "wc",
];

fn count_arg(args: &[String], default: usize) -> (usize, Vec<String>) {
    let mut n = default;
    let mut rest = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-n" {
            n = args
                .get(i + 1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(default);
            i += 2;
            continue;
        }
        if let Some(v) = a.strip_prefix("-n").or_else(|| a.strip_prefix('-'))
            && let Ok(v) = v.parse()
        {
            n = v;
        } else {
            rest.push(a.clone());
        }
        i += 1;
    }
    (n, rest)
}

/// `tail -c N` / `-cN` / `-c+N` / `-c +N`: `(from_start, N)`.
fn tail_bytes_arg(args: &[String]) -> Option<(bool, usize)> {
    let i = args.iter().position(|a| a.starts_with("-c"))?;
    let v = match &args[i][2..] {
        "" => args.get(i + 1)?.as_str(),
        v => v,
    };
    match v.strip_prefix('+') {
        Some(n) => Some((true, n.parse().ok()?)),
        None => Some((false, v.parse().ok()?)),
    }
}

fn expand_set(s: &str) -> Vec<char> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if i + 2 < c.len() && c[i + 1] == '-' && c[i] <= c[i + 2] {
            out.extend(c[i]..=c[i + 2]);
            i += 3;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

impl Shell {
    /// The input of a filter: the named files concatenated, or stdin. Err is the exit status
    /// after reporting a missing file.
    async fn input(&mut self, cmd: &str, files: &[String]) -> Result<String, i32> {
        if files.is_empty() || files.iter().all(|f| f == "-") {
            let mut buf = Vec::new();
            if let Some(stdin) = self.stdin.as_mut() {
                let _ = stdin.read_to_end(&mut buf).await;
            }
            return Ok(String::from_utf8_lossy(&buf).into_owned());
        }
        let mut all = String::new();
        for f in files {
            let path = if f.starts_with('/') {
                f.clone()
            } else {
                let cwd = self.vars.get("PWD").cloned().unwrap_or_else(|| "/".into());
                format!("{}/{f}", cwd.trim_end_matches('/'))
            };
            match self.fs.lock().ok().and_then(|fs| fs.get(&path).cloned()) {
                Some(d) => all.push_str(&String::from_utf8_lossy(&d)),
                None => {
                    self.complain(&format!("{cmd}: {f}: No such file or directory"))
                        .await;
                    return Err(1);
                }
            }
        }
        Ok(all)
    }

    /// `tail -c`: bytes, not lines (binary-safe): from byte N on (`+N`, 1-based), or the
    /// last N. Reads stdin (the form `kubectl cp --retries` pipes through).
    async fn tail_bytes(&mut self, (from_start, n): (bool, usize), _args: &[String]) -> Flow {
        let mut buf = Vec::new();
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.read_to_end(&mut buf).await;
        }
        let start = if from_start {
            n.saturating_sub(1).min(buf.len())
        } else {
            buf.len().saturating_sub(n)
        };
        if !self.out.write(&buf[start..]).await {
            self.broken = true;
            return Flow::Exit;
        }
        Flow::Normal
    }

    /// Runs a text utility; None when `name` is not one.
    pub(crate) async fn text_util(&mut self, name: &str, args: &[String]) -> Option<Flow> {
        if !TEXT_COMMANDS.contains(&name) {
            return None;
        }
        if name == "tail"
            && let Some(spec) = tail_bytes_arg(args)
        {
            return Some(self.tail_bytes(spec, args).await);
        }
        let out = match self.text_util_output(name, args).await {
            Ok(s) => s,
            Err(code) => {
                self.last = code;
                return Some(Flow::Normal);
            }
        };
        if !self.out.write(out.as_bytes()).await {
            self.broken = true;
            return Some(Flow::Exit);
        }
        Some(Flow::Normal)
    }

    async fn text_util_output(&mut self, name: &str, args: &[String]) -> Result<String, i32> {
        let lines_of = |s: &str| -> Vec<String> { s.lines().map(|l| format!("{l}\n")).collect() };
        Ok(match name {
            "basename" => match args.first() {
                Some(p) => {
                    let t = p.trim_end_matches('/');
                    let mut b = t.rsplit('/').next().unwrap_or(t).to_string();
                    if let Some(suffix) = args.get(1)
                        && b.ends_with(suffix.as_str())
                        && b != *suffix
                    {
                        b.truncate(b.len() - suffix.len());
                    }
                    format!("{}\n", if b.is_empty() { "/" } else { &b })
                }
                None => {
                    self.complain("basename: missing operand").await;
                    return Err(1);
                }
            },
            "dirname" => match args.first() {
                Some(p) => {
                    let t = p.trim_end_matches('/');
                    let d = match t.rfind('/') {
                        Some(0) => "/".to_string(),
                        Some(i) => t[..i].to_string(),
                        None => ".".to_string(),
                    };
                    format!("{d}\n")
                }
                None => {
                    self.complain("dirname: missing operand").await;
                    return Err(1);
                }
            },
            "head" | "tail" => {
                let (n, files) = count_arg(args, 10);
                let lines = lines_of(&self.input(name, &files).await?);
                let start = if name == "head" {
                    0
                } else {
                    lines.len().saturating_sub(n)
                };
                lines[start..].iter().take(n).cloned().collect()
            }
            "wc" => {
                let flags: Vec<&String> = args.iter().filter(|a| a.starts_with('-')).collect();
                let files: Vec<String> = args
                    .iter()
                    .filter(|a| !a.starts_with('-'))
                    .cloned()
                    .collect();
                let text = self.input(name, &files).await?;
                let l = text.matches('\n').count();
                let w = text.split_whitespace().count();
                let c = text.len();
                let mut picked = Vec::new();
                for f in &flags {
                    for ch in f.chars().skip(1) {
                        match ch {
                            'l' => picked.push(l),
                            'w' => picked.push(w),
                            'c' | 'm' => picked.push(c),
                            _ => {}
                        }
                    }
                }
                if picked.len() == 1 {
                    format!("{}\n", picked[0])
                } else {
                    let v = if picked.is_empty() {
                        vec![l, w, c]
                    } else {
                        picked
                    };
                    let s: Vec<String> = v.iter().map(|n| format!("{n:>7}")).collect();
                    format!("{}\n", s.join(" "))
                }
            }
            "grep" => {
                let mut opts = String::new();
                let mut rest = Vec::new();
                for a in args {
                    match a.strip_prefix('-') {
                        Some(o) if rest.is_empty() && !o.is_empty() => opts.push_str(o),
                        _ => rest.push(a.clone()),
                    }
                }
                let Some(pattern) = rest.first().cloned() else {
                    self.complain("grep: missing pattern").await;
                    return Err(2);
                };
                let text = self.input(name, &rest[1..]).await.map_err(|_| 2)?;
                let icase = opts.contains('i');
                let norm = |s: &str| {
                    if icase {
                        s.to_lowercase()
                    } else {
                        s.to_string()
                    }
                };
                let p = norm(&pattern);
                let (anchored_start, anchored_end) = (p.starts_with('^'), p.ends_with('$'));
                let core = p.trim_start_matches('^').trim_end_matches('$').to_string();
                let matches = |line: &str| {
                    let l = norm(line);
                    match (anchored_start, anchored_end) {
                        (true, true) => l == core,
                        (true, false) => l.starts_with(&core),
                        (false, true) => l.ends_with(&core),
                        (false, false) => l.contains(&core),
                    }
                };
                let invert = opts.contains('v');
                let hits: Vec<(usize, &str)> = text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| matches(l) != invert)
                    .collect();
                self.last = if hits.is_empty() { 1 } else { 0 };
                if opts.contains('q') {
                    String::new()
                } else if opts.contains('c') {
                    format!("{}\n", hits.len())
                } else {
                    hits.iter()
                        .map(|(i, l)| {
                            if opts.contains('n') {
                                format!("{}:{l}\n", i + 1)
                            } else {
                                format!("{l}\n")
                            }
                        })
                        .collect()
                }
            }
            "sort" => {
                let files: Vec<String> = args
                    .iter()
                    .filter(|a| !a.starts_with('-'))
                    .cloned()
                    .collect();
                let opts: String = args.iter().filter_map(|a| a.strip_prefix('-')).collect();
                let mut lines: Vec<String> = self
                    .input(name, &files)
                    .await?
                    .lines()
                    .map(String::from)
                    .collect();
                if opts.contains('n') {
                    let key = |s: &str| s.trim().parse::<f64>().unwrap_or(0.0);
                    lines.sort_by(|a, b| key(a).total_cmp(&key(b)));
                } else {
                    lines.sort();
                }
                if opts.contains('r') {
                    lines.reverse();
                }
                if opts.contains('u') {
                    lines.dedup();
                }
                lines.iter().map(|l| format!("{l}\n")).collect()
            }
            "uniq" => {
                let count = args.iter().any(|a| a == "-c");
                let files: Vec<String> = args
                    .iter()
                    .filter(|a| !a.starts_with('-'))
                    .cloned()
                    .collect();
                let text = self.input(name, &files).await?;
                let mut out = String::new();
                let mut prev: Option<(&str, usize)> = None;
                for l in text.lines().chain(std::iter::once("\u{0}end")) {
                    match prev {
                        Some((p, n)) if p == l => prev = Some((p, n + 1)),
                        _ => {
                            if let Some((p, n)) = prev {
                                if count {
                                    out.push_str(&format!("{n:>7} {p}\n"));
                                } else {
                                    out.push_str(&format!("{p}\n"));
                                }
                            }
                            prev = Some((l, 1));
                        }
                    }
                }
                out
            }
            "tr" => {
                let delete = args.first().is_some_and(|a| a == "-d");
                let sets: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                let text = self.input(name, &[]).await?;
                match (delete, sets.as_slice()) {
                    (true, [set]) => {
                        let set = expand_set(set);
                        text.chars().filter(|c| !set.contains(c)).collect()
                    }
                    (false, [from, to]) => {
                        let (from, to) = (expand_set(from), expand_set(to));
                        text.chars()
                            .map(|c| match from.iter().position(|f| *f == c) {
                                Some(i) => *to.get(i).or(to.last()).unwrap_or(&c),
                                None => c,
                            })
                            .collect()
                    }
                    _ => {
                        self.complain("tr: missing operand").await;
                        return Err(1);
                    }
                }
            }
            _ => {
                // cut -d D -f LIST
                let mut delim = '\t';
                let mut fields: Vec<usize> = Vec::new();
                let mut files = Vec::new();
                let mut i = 0;
                while i < args.len() {
                    let a = &args[i];
                    let (flag, val) = if a.len() > 2 && a.starts_with('-') {
                        (&a[..2], Some(a[2..].to_string()))
                    } else {
                        (a.as_str(), None)
                    };
                    match flag {
                        "-d" | "-f" => {
                            let v = match val {
                                Some(v) => v,
                                None => {
                                    i += 1;
                                    args.get(i).cloned().unwrap_or_default()
                                }
                            };
                            if flag == "-d" {
                                delim = v.chars().next().unwrap_or('\t');
                            } else {
                                fields = v.split(',').filter_map(|f| f.parse().ok()).collect();
                            }
                        }
                        _ => files.push(a.clone()),
                    }
                    i += 1;
                }
                if fields.is_empty() {
                    self.complain("cut: you must specify a list of bytes, characters, or fields")
                        .await;
                    return Err(1);
                }
                let text = self.input(name, &files).await?;
                text.lines()
                    .map(|l| {
                        let parts: Vec<&str> = l.split(delim).collect();
                        if parts.len() == 1 {
                            return format!("{l}\n");
                        }
                        let picked: Vec<&str> = fields
                            .iter()
                            .filter_map(|f| parts.get(f.wrapping_sub(1)).copied())
                            .collect();
                        format!("{}\n", picked.join(&delim.to_string()))
                    })
                    .collect()
            }
        })
    }
}
