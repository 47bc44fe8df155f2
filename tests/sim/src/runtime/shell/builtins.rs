//! Simple commands: assignments, redirections and the builtin "binaries" of the simulated
//! container (echo, printf, sleep, cat, env, test, date, ls, sh, ...). Messages follow busybox,
//! the shell of most small images.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::time::Duration;

use tokio::io::AsyncReadExt;

use super::exec::{Flow, ROOT_DIRS, Shell, Sink, basename};
use super::parse::{Redirect, Word};

impl Shell {
    pub(crate) async fn simple(
        &mut self,
        assigns: &[(String, Word)],
        words: &[Word],
        redirects: &[Redirect],
    ) -> Flow {
        let mut argv = Vec::new();
        for w in words {
            match self.expand(w).await {
                Ok(mut f) => argv.append(&mut f),
                Err(f) => return f,
            }
        }
        let mut values = Vec::new();
        for (name, w) in assigns {
            match self.expand_one(w).await {
                Ok(v) => values.push((name.clone(), v)),
                Err(f) => return f,
            }
        }
        if self.xtrace && !argv.is_empty() {
            let line = format!("+ {}\n", argv.join(" "));
            self.err.write(line.as_bytes()).await;
        }

        // Redirections: outputs are captured and stored in the simulated filesystem after the
        // command, so `echo hi > /tmp/x; cat /tmp/x` works.
        let saved = (self.out.clone(), self.err.clone());
        let mut saved_in = None;
        let mut captures = Vec::new();
        for r in redirects {
            match r {
                Redirect::Out { fd, target, append } => {
                    let path = match self.expand_one(target).await {
                        Ok(p) => p,
                        Err(f) => return f,
                    };
                    let sink = if path == "/dev/null" {
                        Sink::Null
                    } else if path == "/dev/stdout" {
                        saved.0.clone()
                    } else if path == "/dev/stderr" {
                        saved.1.clone()
                    } else {
                        let (sink, buf) = Sink::buffer();
                        captures.push((self.abs(&path), buf, *append));
                        sink
                    };
                    match fd {
                        2 => self.err = sink,
                        _ => self.out = sink,
                    }
                }
                Redirect::Dup { fd, to } => {
                    let target = match to {
                        1 => self.out.clone(),
                        2 => self.err.clone(),
                        _ => {
                            (self.out, self.err) = saved;
                            self.complain(&format!("sh: {to}: bad file descriptor"))
                                .await;
                            self.last = 1;
                            return Flow::Normal;
                        }
                    };
                    match fd {
                        2 => self.err = target,
                        _ => self.out = target,
                    }
                }
                Redirect::In { target } => {
                    let path = match self.expand_one(target).await {
                        Ok(p) => self.abs(&p),
                        Err(f) => return f,
                    };
                    let data = self.fs.lock().ok().and_then(|fs| fs.get(&path).cloned());
                    match data {
                        Some(d) => {
                            let old = self.stdin.replace(Box::new(Cursor::new(d)));
                            saved_in.get_or_insert(old);
                        }
                        None => {
                            (self.out, self.err) = saved;
                            self.complain(&format!(
                                "sh: can't open '{path}': No such file or directory"
                            ))
                            .await;
                            self.last = 1;
                            return Flow::Normal;
                        }
                    }
                }
            }
        }

        let flow = if argv.is_empty() {
            for (n, v) in values {
                self.vars.insert(n, v);
            }
            self.last = 0;
            Flow::Normal
        } else {
            // Prefix assignments (`A=1 cmd`) are visible to that command only.
            let mut old = Vec::new();
            for (n, v) in values {
                old.push((n.clone(), self.vars.insert(n, v)));
            }
            let f = self.command(&argv).await;
            for (n, v) in old.into_iter().rev() {
                match v {
                    Some(v) => self.vars.insert(n, v),
                    None => self.vars.remove(&n),
                };
            }
            f
        };

        (self.out, self.err) = saved;
        if let Some(old) = saved_in {
            self.stdin = old;
        }
        for (path, buf, append) in captures {
            let data = buf.lock().map(|v| v.clone()).unwrap_or_default();
            if let Ok(mut fs) = self.fs.lock() {
                let entry = fs.entry(path).or_default();
                if !append {
                    entry.clear();
                }
                entry.extend_from_slice(&data);
            }
        }
        flow
    }

    fn abs(&self, path: &str) -> String {
        if path.starts_with('/') {
            return path.to_string();
        }
        let cwd = self.vars.get("PWD").cloned().unwrap_or_else(|| "/".into());
        format!("{}/{}", cwd.trim_end_matches('/'), path)
    }

    fn dirs(&self) -> BTreeSet<String> {
        let mut dirs: BTreeSet<String> = ROOT_DIRS.iter().map(|d| format!("/{d}")).collect();
        dirs.insert("/".into());
        if let Ok(fs) = self.fs.lock() {
            for path in fs.keys() {
                let mut p = path.as_str();
                while let Some(i) = p.rfind('/') {
                    p = &p[..i];
                    dirs.insert(if p.is_empty() {
                        "/".into()
                    } else {
                        p.to_string()
                    });
                }
            }
        }
        dirs
    }

    async fn out_str(&mut self, s: &str) {
        if !self.out.write(s.as_bytes()).await {
            self.broken = true;
        }
    }

    /// Runs one command with its expanded argv.
    pub(crate) async fn command(&mut self, argv: &[String]) -> Flow {
        let name = basename(&argv[0]).to_string();
        let args = &argv[1..];
        let prev = self.last;
        self.last = 0;
        match name.as_str() {
            ":" | "true" => {}
            "false" => self.last = 1,
            "echo" => {
                let mut newline = true;
                let mut escapes = false;
                let mut i = 0;
                while let Some(a) = args.get(i) {
                    match a.as_str() {
                        "-n" => newline = false,
                        "-e" => escapes = true,
                        "-ne" | "-en" => {
                            newline = false;
                            escapes = true;
                        }
                        _ => break,
                    }
                    i += 1;
                }
                let mut s = args[i..].join(" ");
                if escapes {
                    s = unescape(&s);
                }
                if newline {
                    s.push('\n');
                }
                self.out_str(&s).await;
            }
            "printf" => match args.first() {
                None => {
                    self.complain("printf: usage: printf FORMAT [ARGUMENT...]")
                        .await;
                    self.last = 1;
                }
                Some(fmt) => {
                    let s = printf(fmt, &args[1..]);
                    self.out_str(&s).await;
                }
            },
            "sleep" => return self.sleep(args).await,
            "exit" => {
                if let Some(a) = args.first() {
                    match a.parse::<i64>() {
                        Ok(n) => self.last = (n & 0xff) as i32,
                        Err(_) => {
                            self.complain(&format!("sh: exit: Illegal number: {a}"))
                                .await;
                            self.last = 2;
                        }
                    }
                } else {
                    self.last = prev;
                }
                return Flow::Exit;
            }
            "break" | "continue" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<u32>().ok())
                    .unwrap_or(1)
                    .max(1);
                return if name == "break" {
                    Flow::Break(n)
                } else {
                    Flow::Continue(n)
                };
            }
            "hostname" => {
                let h = format!("{}\n", self.hostname);
                self.out_str(&h).await;
            }
            "whoami" => self.out_str("root\n").await,
            "id" => {
                self.out_str("uid=0(root) gid=0(root) groups=0(root)\n")
                    .await
            }
            "uname" => {
                let s = if args.iter().any(|a| a == "-a") {
                    format!(
                        "Linux {} 6.8.0-sim #1 SMP x86_64 GNU/Linux\n",
                        self.hostname
                    )
                } else if args.iter().any(|a| a == "-m") {
                    "x86_64\n".to_string()
                } else {
                    "Linux\n".to_string()
                };
                self.out_str(&s).await;
            }
            "pwd" => {
                let s = format!(
                    "{}\n",
                    self.vars.get("PWD").cloned().unwrap_or_else(|| "/".into())
                );
                self.out_str(&s).await;
            }
            "cd" => {
                let target = args.first().cloned().unwrap_or_else(|| "/root".into());
                let path = self.abs(&target);
                let path = if path.len() > 1 {
                    path.trim_end_matches('/').to_string()
                } else {
                    path
                };
                if self.dirs().contains(&path) {
                    self.vars.insert("PWD".into(), path);
                } else {
                    self.complain(&format!(
                        "sh: cd: can't cd to {target}: No such file or directory"
                    ))
                    .await;
                    self.last = 2;
                }
            }
            "date" => {
                let now = chrono::Utc::now();
                let fmt = args
                    .iter()
                    .find_map(|a| a.strip_prefix('+'))
                    .unwrap_or("%a %b %e %H:%M:%S UTC %Y");
                let items: Vec<_> = chrono::format::StrftimeItems::new(fmt).collect();
                if items
                    .iter()
                    .any(|i| matches!(i, chrono::format::Item::Error))
                {
                    self.complain(&format!("date: invalid format '{fmt}'"))
                        .await;
                    self.last = 1;
                } else {
                    let s = format!("{}\n", now.format_with_items(items.into_iter()));
                    self.out_str(&s).await;
                }
            }
            "env" | "printenv" => {
                if name == "printenv" && !args.is_empty() {
                    let mut found = true;
                    for a in args {
                        match self.vars.get(a).cloned() {
                            Some(v) => self.out_str(&format!("{v}\n")).await,
                            None => found = false,
                        }
                    }
                    self.last = i32::from(!found);
                } else {
                    let mut s = String::new();
                    for (k, v) in &self.vars {
                        s.push_str(&format!("{k}={v}\n"));
                    }
                    self.out_str(&s).await;
                }
            }
            "export" => {
                for a in args {
                    if let Some((k, v)) = a.split_once('=') {
                        self.vars.insert(k.to_string(), v.to_string());
                    }
                }
            }
            "unset" => {
                for a in args {
                    self.vars.remove(a);
                }
            }
            "set" => {
                for a in args {
                    let on = a.starts_with('-');
                    if let Some(flags) = a.strip_prefix('-').or_else(|| a.strip_prefix('+')) {
                        for f in flags.chars() {
                            match f {
                                'e' => self.errexit = on,
                                'x' => self.xtrace = on,
                                _ => {}
                            }
                        }
                    }
                }
            }
            "read" => {
                let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                match self.read_input_line().await {
                    None => self.last = 1,
                    Some(line) => {
                        let names = if names.is_empty() { vec![] } else { names };
                        let mut rest = line.trim_start().to_string();
                        for (i, n) in names.iter().enumerate() {
                            let value = if i + 1 == names.len() {
                                std::mem::take(&mut rest).trim_end().to_string()
                            } else {
                                let (w, r) = match rest.split_once(char::is_whitespace) {
                                    Some((w, r)) => (w.to_string(), r.trim_start().to_string()),
                                    None => (std::mem::take(&mut rest), String::new()),
                                };
                                rest = r;
                                w
                            };
                            self.vars.insert((*n).clone(), value);
                        }
                        if names.is_empty() {
                            self.vars.insert("REPLY".into(), line);
                        }
                    }
                }
            }
            "test" | "[" => {
                let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
                if name == "[" {
                    if a.last() != Some(&"]") {
                        self.complain("sh: [: missing ]").await;
                        self.last = 2;
                        return Flow::Normal;
                    }
                    a.pop();
                }
                match self.test(&a) {
                    Ok(b) => self.last = i32::from(!b),
                    Err(e) => {
                        self.complain(&format!("sh: {e}")).await;
                        self.last = 2;
                    }
                }
            }
            "stty" => {
                // Only `stty size`: rows and columns of the session's terminal, as the last
                // resize event set them (a new pty reports 0 0).
                if !self.tty {
                    self.complain("stty: standard input: Not a tty").await;
                    self.last = 1;
                } else if args.first().map(String::as_str) == Some("size") {
                    let (cols, rows) = (*self.size.borrow()).unwrap_or((0, 0));
                    self.out_str(&format!("{rows} {cols}\n")).await;
                } else {
                    self.complain("stty: only 'stty size' is simulated").await;
                    self.last = 1;
                }
            }
            "seq" => {
                let nums: Vec<i64> = args.iter().filter_map(|a| a.parse().ok()).collect();
                let (first, step, last) = match nums.as_slice() {
                    [l] => (1, 1, *l),
                    [f, l] => (*f, 1, *l),
                    [f, s, l] => (*f, *s, *l),
                    _ => {
                        self.complain("seq: invalid arguments").await;
                        self.last = 1;
                        return Flow::Normal;
                    }
                };
                // Written in 64 KiB pieces, so `seq 1 1000000` streams (a container that
                // prints a lot fast) without building its whole output first.
                let mut s = String::new();
                let mut i = first;
                while step != 0 && ((step > 0 && i <= last) || (step < 0 && i >= last)) {
                    use std::fmt::Write as _;
                    let _ = writeln!(s, "{i}");
                    i += step;
                    if s.len() >= 64 * 1024 {
                        self.out_str(&s).await;
                        s.clear();
                        if self.broken {
                            return Flow::Exit;
                        }
                    }
                }
                self.out_str(&s).await;
            }
            "cat" => {
                let files: Vec<&String> = args
                    .iter()
                    .filter(|a| !a.starts_with('-') || *a == "-")
                    .collect();
                if files.is_empty() || files.iter().all(|f| *f == "-") {
                    self.copy_stdin().await;
                }
                for f in files.iter().filter(|f| **f != "-") {
                    let path = self.abs(f);
                    let data = self.fs.lock().ok().and_then(|fs| fs.get(&path).cloned());
                    match data {
                        Some(d) => {
                            if !self.out.write(&d).await {
                                self.broken = true;
                            }
                        }
                        None if self.dirs().contains(&path) => {
                            self.complain("cat: read error: Is a directory").await;
                            self.last = 1;
                        }
                        None => {
                            self.complain(&format!(
                                "cat: can't open '{f}': No such file or directory"
                            ))
                            .await;
                            self.last = 1;
                        }
                    }
                }
            }
            "ls" => {
                let targets: Vec<String> = args
                    .iter()
                    .filter(|a| !a.starts_with('-'))
                    .cloned()
                    .collect();
                let targets = if targets.is_empty() {
                    vec![".".to_string()]
                } else {
                    targets
                };
                let dirs = self.dirs();
                let files: Vec<String> = self
                    .fs
                    .lock()
                    .map(|fs| fs.keys().cloned().collect())
                    .unwrap_or_default();
                for t in targets {
                    let path = if t == "." {
                        self.vars.get("PWD").cloned().unwrap_or_else(|| "/".into())
                    } else {
                        self.abs(&t)
                    };
                    let path = if path.len() > 1 {
                        path.trim_end_matches('/').to_string()
                    } else {
                        path
                    };
                    if files.contains(&path) {
                        self.out_str(&format!("{t}\n")).await;
                    } else if dirs.contains(&path) {
                        let prefix = if path == "/" {
                            "/".to_string()
                        } else {
                            format!("{path}/")
                        };
                        let mut names = BTreeSet::new();
                        for p in dirs.iter().chain(files.iter()) {
                            if let Some(rest) = p.strip_prefix(&prefix)
                                && !rest.is_empty()
                            {
                                names.insert(rest.split('/').next().unwrap_or(rest).to_string());
                            }
                        }
                        let s: String = names.iter().map(|n| format!("{n}\n")).collect();
                        self.out_str(&s).await;
                    } else {
                        self.complain(&format!("ls: {t}: No such file or directory"))
                            .await;
                        self.last = 1;
                    }
                }
            }
            "touch" | "mkdir" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    let path = self.abs(a);
                    if let Ok(mut fs) = self.fs.lock() {
                        if name == "touch" {
                            fs.entry(path).or_default();
                        } else {
                            // A directory exists once something is below it.
                            fs.entry(format!("{}/.keep", path.trim_end_matches('/')))
                                .or_default();
                        }
                    }
                }
            }
            "rm" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    let path = self.abs(a);
                    let removed = self
                        .fs
                        .lock()
                        .map(|mut fs| fs.remove(&path).is_some())
                        .unwrap_or(false);
                    if !removed && !args.iter().any(|a| a.starts_with('-') && a.contains('f')) {
                        self.complain(&format!(
                            "rm: can't remove '{a}': No such file or directory"
                        ))
                        .await;
                        self.last = 1;
                    }
                }
            }
            "nginx" | "httpd" | "httpd-foreground" | "serve" => {
                // The web server of the image: it logs its start and then serves until killed;
                // the sockets themselves are owned by the kubelet's port servers.
                let banner = super::server_banner(&name);
                for (line, to_err) in banner {
                    let sink = if to_err {
                        self.err.clone()
                    } else {
                        self.out.clone()
                    };
                    sink.write(format!("{line}\n").as_bytes()).await;
                }
                std::future::pending::<()>().await;
            }
            "sh" | "ash" | "bash" => return self.sub_shell(args).await,
            "tar" => return self.tar(args).await,
            "wget" => return self.wget(args).await,
            "curl" => return self.curl(args).await,
            "exec" => {
                // `exec cmd args`: the command replaces the shell.
                if args.is_empty() {
                    return Flow::Normal;
                }
                let f = Box::pin(self.command(args)).await;
                return if f == Flow::Normal { Flow::Exit } else { f };
            }
            other if super::textutils::TEXT_COMMANDS.contains(&other) => {
                return self.text_util(other, args).await.unwrap_or(Flow::Normal);
            }
            _ => {
                self.complain(&format!("sh: {}: not found", argv[0])).await;
                self.last = 127;
            }
        }
        if self.broken {
            Flow::Exit
        } else {
            Flow::Normal
        }
    }

    async fn sleep(&mut self, args: &[String]) -> Flow {
        if args.is_empty() {
            self.complain("sleep: missing operand").await;
            self.last = 1;
            return Flow::Normal;
        }
        let mut total = 0f64;
        for a in args {
            if a == "infinity" || a == "inf" {
                std::future::pending::<()>().await;
            }
            let (num, mult) = match a.chars().last() {
                Some('s') => (&a[..a.len() - 1], 1.0),
                Some('m') => (&a[..a.len() - 1], 60.0),
                Some('h') => (&a[..a.len() - 1], 3600.0),
                Some('d') => (&a[..a.len() - 1], 86400.0),
                _ => (a.as_str(), 1.0),
            };
            match num.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => total += n * mult,
                _ => {
                    self.complain(&format!("sleep: invalid number '{a}'")).await;
                    self.last = 1;
                    return Flow::Normal;
                }
            }
        }
        tokio::time::sleep(Duration::from_secs_f64(total.min(1e9))).await;
        self.last = 0;
        Flow::Normal
    }

    async fn copy_stdin(&mut self) {
        let Some(mut stdin) = self.stdin.take() else {
            return;
        };
        let mut buf = vec![0u8; 8192];
        loop {
            let n = match stdin.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if !self.out.write(&buf[..n]).await {
                self.broken = true;
                break;
            }
        }
        self.stdin = Some(stdin);
    }

    async fn read_input_line(&mut self) -> Option<String> {
        self.read_line().await
    }

    /// `sh`, `sh -c 'script' [name args...]`, `sh -e -c ...`, `sh file`: a child shell.
    async fn sub_shell(&mut self, args: &[String]) -> Flow {
        let mut script: Option<()> = None;
        let mut errexit = false;
        let mut xtrace = false;
        let mut i = 0;
        while let Some(a) = args.get(i) {
            if let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) {
                for f in flags.chars() {
                    match f {
                        'c' => script = Some(()),
                        'e' => errexit = true,
                        'x' => xtrace = true,
                        _ => {}
                    }
                }
                i += 1;
            } else {
                break;
            }
        }
        let mut rest: Vec<String> = args[i..].to_vec();
        let source = match script {
            Some(_) => {
                if rest.is_empty() {
                    self.complain("sh: -c requires an argument").await;
                    self.last = 2;
                    return Flow::Normal;
                }
                Some(rest.remove(0))
            }
            None if !rest.is_empty() => {
                let file = rest.remove(0);
                let path = self.abs(&file);
                match self.fs.lock().ok().and_then(|fs| fs.get(&path).cloned()) {
                    Some(d) => {
                        rest.insert(0, file);
                        Some(String::from_utf8_lossy(&d).into_owned())
                    }
                    None => {
                        self.complain(&format!(
                            "sh: can't open '{file}': No such file or directory"
                        ))
                        .await;
                        self.last = 2;
                        return Flow::Normal;
                    }
                }
            }
            None => None,
        };
        // A child process: its own variables, options and positional parameters.
        let saved_vars = self.vars.clone();
        let saved_args = std::mem::take(&mut self.args);
        let saved_opts = (self.errexit, self.xtrace, self.interactive);
        self.errexit = errexit;
        self.xtrace = xtrace;
        self.args = if rest.is_empty() {
            vec!["sh".into()]
        } else {
            rest
        };
        let status = match source {
            Some(s) => {
                self.interactive = false;
                self.run_script(&s).await
            }
            None => self.interactive().await,
        };
        self.vars = saved_vars;
        self.args = saved_args;
        (self.errexit, self.xtrace, self.interactive) = saved_opts;
        self.last = status;
        if self.broken {
            Flow::Exit
        } else {
            Flow::Normal
        }
    }

    fn test(&self, a: &[&str]) -> Result<bool, String> {
        let exists = |p: &str| {
            let path = self.abs(p);
            let is_file = self
                .fs
                .lock()
                .map(|fs| fs.contains_key(&path))
                .unwrap_or(false);
            (is_file, self.dirs().contains(&path))
        };
        Ok(match a {
            [] => false,
            ["!", rest @ ..] => !self.test(rest)?,
            [s] => !s.is_empty(),
            ["-z", s] => s.is_empty(),
            ["-n", s] => !s.is_empty(),
            ["-e", p] => {
                let (f, d) = exists(p);
                f || d
            }
            ["-f", p] => exists(p).0,
            ["-d", p] => exists(p).1,
            [l, "=" | "==", r] => l == r,
            [l, "!=", r] => l != r,
            [l, op @ ("-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge"), r] => {
                let num = |s: &str| {
                    s.trim()
                        .parse::<i64>()
                        .map_err(|_| format!("{s}: bad number"))
                };
                let (l, r) = (num(l)?, num(r)?);
                match *op {
                    "-eq" => l == r,
                    "-ne" => l != r,
                    "-lt" => l < r,
                    "-le" => l <= r,
                    "-gt" => l > r,
                    _ => l >= r,
                }
            }
            [l, "-a", r] => self.test(&[l])? && self.test(&[r])?,
            [l, "-o", r] => self.test(&[l])? || self.test(&[r])?,
            [_, op, _] => return Err(format!("{op}: unknown operand")),
            _ => return Err("test: syntax error".into()),
        })
    }
}

/// Backslash escapes of `echo -e` and printf formats.
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('a') => out.push('\x07'),
            Some('e') => out.push('\x1b'),
            Some('0') => {
                let mut v = 0u32;
                for _ in 0..3 {
                    match it.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('?'));
            }
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `printf FORMAT ARGS...`: %s %d %i %x %o %c %%, widths, and format reuse while arguments
/// remain (POSIX).
pub(crate) fn printf(fmt: &str, args: &[String]) -> String {
    let fmt = unescape(fmt);
    let mut out = String::new();
    let mut ai = 0;
    loop {
        let mut used = false;
        let mut it = fmt.chars().peekable();
        while let Some(c) = it.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut spec = String::new();
            while let Some(&n) = it.peek() {
                if n == '-' || n == '0' || n.is_ascii_digit() || n == '.' {
                    spec.push(n);
                    it.next();
                } else {
                    break;
                }
            }
            let Some(conv) = it.next() else {
                out.push('%');
                break;
            };
            if conv == '%' {
                out.push('%');
                continue;
            }
            let arg = args.get(ai).cloned().unwrap_or_default();
            if ai < args.len() {
                used = true;
            }
            ai += 1;
            let left = spec.starts_with('-');
            let zero = spec.starts_with('0');
            let width: usize = spec
                .trim_start_matches(['-', '0'])
                .split('.')
                .next()
                .and_then(|w| w.parse().ok())
                .unwrap_or(0);
            let body = match conv {
                'd' | 'i' => arg.trim().parse::<i64>().unwrap_or(0).to_string(),
                'x' => format!("{:x}", arg.trim().parse::<i64>().unwrap_or(0)),
                'o' => format!("{:o}", arg.trim().parse::<i64>().unwrap_or(0)),
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'b' => unescape(&arg),
                _ => arg,
            };
            let pad = width.saturating_sub(body.chars().count());
            if left {
                out.push_str(&body);
                out.push_str(&" ".repeat(pad));
            } else if zero && conv != 's' {
                out.push_str(&"0".repeat(pad));
                out.push_str(&body);
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(&body);
            }
        }
        if !used || ai >= args.len() {
            break;
        }
    }
    out
}
