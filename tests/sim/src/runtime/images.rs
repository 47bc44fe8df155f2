//! The images the runtime knows, as data (`images.yaml`): for each one what its container
//! runs (ENTRYPOINT/CMD), which programs in it are the image's server, the ports that server
//! listens on, what it logs at start and periodically, how it answers HTTP, and whether it
//! exits. [`lookup`] finds the entry of an image reference; an image that is not listed is a
//! generic web app serving its declared ports.
//!
//! Beside the table, two conventions from before it stay: a reference containing `crash`,
//! `panic`, `problem` or `fail` exits 1 at start (unless the table lists that very tag), and
//! one containing `unready` never turns ready.

use std::sync::{Arc, OnceLock};

use serde::Deserialize;

/// What a container of the image is, when it runs its default process.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A long-running server (the default).
    #[default]
    Server,
    /// A shell or tool image: its default process ends at once without stdin.
    Shell,
}

/// A line printed at start or periodically: a plain string goes to stdout, `{err: ...}` to
/// stderr.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Line {
    /// stdout.
    Out(String),
    /// `{out: ...}` or `{err: ...}`.
    To {
        #[serde(default)]
        out: Option<String>,
        #[serde(default)]
        err: Option<String>,
    },
}

impl Line {
    /// The text and whether it goes to stderr.
    pub fn text(&self) -> (&str, bool) {
        match self {
            Line::Out(s) => (s, false),
            Line::To { err: Some(e), .. } => (e, true),
            Line::To { out, .. } => (out.as_deref().unwrap_or(""), false),
        }
    }
}

/// A line logged every `seconds` (`{n}` counts from 1).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Every {
    pub seconds: f64,
    #[serde(default)]
    pub out: Option<String>,
    #[serde(default)]
    pub err: Option<String>,
}

/// The image's process ends by itself: after its start lines, it prints `err` and exits.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Exit {
    pub code: i32,
    #[serde(default)]
    pub err: Option<String>,
}

/// The server refuses to start unless one of `any_of` is set to a non-empty value in its
/// environment (the database images' "uninitialized and password not specified"): it prints
/// `lines` (templates like `start`) and exits with `code`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RequiresEnv {
    pub any_of: Vec<String>,
    pub lines: Vec<Line>,
    pub code: i32,
}

impl RequiresEnv {
    /// Whether `env` satisfies the requirement.
    pub fn met_by(&self, env: &[(String, String)]) -> bool {
        env.iter()
            .any(|(k, v)| !v.is_empty() && self.any_of.iter().any(|n| n == k))
    }
}

/// After `seconds` of uptime a route answers differently.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct After {
    pub seconds: f64,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub body: Option<String>,
}

/// One HTTP route. A path matches exactly when `exact`, else as a prefix (Go's `ServeMux`
/// pattern `/` matches everything).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Route {
    pub path: String,
    #[serde(default)]
    pub exact: bool,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub after: Option<After>,
}

/// The HTTP personality of the server: default content type, 404 page and access log.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// The sim's generic hello page.
    #[default]
    Hello,
    /// Go `net/http`: `text/plain; charset=utf-8`, `404 page not found`, no access log.
    Go,
    /// nginx: HTML 404 page, combined access log on stdout.
    Nginx,
    /// Apache httpd: HTML 404 page, common access log on stdout.
    Apache,
    /// Python's `http.server`: access log on stderr.
    Python,
}

/// How the image's server answers HTTP.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Http {
    #[serde(default)]
    pub style: Style,
    /// The `Server` header.
    #[serde(default)]
    pub server: Option<String>,
    #[serde(default)]
    pub routes: Vec<Route>,
}

/// One entry of the table.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Repository names (`nginx`, `leigg/hellok8s`, `registry.k8s.io/etcd`); Docker Hub's
    /// `docker.io/` and `library/` prefixes are ignored.
    pub names: Vec<String>,
    /// Tags this entry is for; empty: any tag.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub kind: Kind,
    /// ENTRYPOINT: a container's `args` without `command` run after it.
    #[serde(default)]
    pub entrypoint: Vec<String>,
    /// CMD.
    #[serde(default)]
    pub cmd: Vec<String>,
    /// Programs (by basename) that are the image's server: running one prints the start
    /// lines and serves until stopped.
    #[serde(default)]
    pub programs: Vec<String>,
    /// The program serves only when its arguments contain one of these (`python -m
    /// http.server`); otherwise it ends at once like an interpreter without stdin.
    #[serde(default)]
    pub serve_when_args: Vec<String>,
    /// Ports the server listens on whether or not the spec declares them.
    #[serde(default)]
    pub listen: Vec<u16>,
    /// The first numeric argument after the serving argument replaces `listen`.
    #[serde(default)]
    pub port_from_args: bool,
    #[serde(default)]
    pub start: Vec<Line>,
    #[serde(default)]
    pub every: Option<Every>,
    #[serde(default)]
    pub exit: Option<Exit>,
    #[serde(default)]
    pub requires_env: Option<RequiresEnv>,
    #[serde(default)]
    pub http: Option<Http>,
}

fn table() -> &'static [Arc<Image>] {
    static TABLE: OnceLock<Vec<Arc<Image>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let images: Vec<Image> = serde_yaml::from_str(include_str!("images.yaml"))
            .unwrap_or_else(|e| panic!("runtime/images.yaml: {e}"));
        images.into_iter().map(Arc::new).collect()
    })
}

/// `docker.io/library/nginx:1.25@sha256:…` → (`nginx`, `1.25`).
pub fn repository_and_tag(image: &str) -> (String, String) {
    let no_digest = image.split('@').next().unwrap_or(image);
    let (repo, tag) = match no_digest.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r, t),
        _ => (no_digest, "latest"),
    };
    let repo = repo
        .strip_prefix("docker.io/")
        .or_else(|| repo.strip_prefix("index.docker.io/"))
        .unwrap_or(repo);
    let repo = repo.strip_prefix("library/").unwrap_or(repo);
    (repo.to_ascii_lowercase(), tag.to_string())
}

/// The generic web app every unlisted image is.
fn generic() -> Arc<Image> {
    static GENERIC: OnceLock<Arc<Image>> = OnceLock::new();
    GENERIC
        .get_or_init(|| {
            Arc::new(Image {
                names: vec![],
                cmd: vec!["serve".into()],
                programs: vec!["serve".into()],
                start: vec![Line::Out(
                    "Server started, serving HTTP on the container's ports".into(),
                )],
                http: Some(Http::default()),
                ..Default::default()
            })
        })
        .clone()
}

/// A crasher by name: prints a panic and exits 1 whatever the command.
fn crasher(image: &str) -> Arc<Image> {
    Arc::new(Image {
        names: vec![],
        exit: Some(Exit {
            code: 1,
            err: Some(format!(
                "panic: simulated failure of image {image}: exiting at start"
            )),
        }),
        ..Default::default()
    })
}

/// Whether the reference names a simulated crasher (`crash`, `panic`, `problem`, `fail`).
pub fn crashes_by_name(image: &str) -> bool {
    let i = image.to_ascii_lowercase();
    ["crash", "panic", "problem", "fail"]
        .iter()
        .any(|w| i.contains(w))
}

/// The entry for an image reference: the table's entry for this tag; else a crasher by name
/// (`nginx:crash`); else the table's entry for any tag (full repository path, else its last
/// component); else the generic web app.
pub fn lookup(image: &str) -> Arc<Image> {
    let (repo, tag) = repository_and_tag(image);
    let last = repo.rsplit('/').next().unwrap_or(&repo).to_string();
    let matches = |e: &Image, name: &str| {
        e.names.iter().any(|n| n == name) && (e.tags.is_empty() || e.tags.contains(&tag))
    };
    let found = table()
        .iter()
        .find(|e| matches(e, &repo))
        .or_else(|| table().iter().find(|e| matches(e, &last)));
    match found {
        // An entry for exactly this tag wins (`leigg/hellok8s:panic` panics its own way).
        Some(e) if !e.tags.is_empty() => e.clone(),
        _ if crashes_by_name(image) => crasher(image),
        Some(e) => e.clone(),
        None => generic(),
    }
}

impl Image {
    /// Whether `argv` (a program and its arguments) runs this image's server.
    pub fn is_server_program(&self, argv: &[String]) -> bool {
        let Some(first) = argv.first() else {
            return false;
        };
        let name = first.rsplit('/').next().unwrap_or(first);
        self.programs.iter().any(|p| p == name)
    }

    /// Whether running `argv` serves (see [`Image::serve_when_args`]).
    pub fn serves_with(&self, argv: &[String]) -> bool {
        self.is_server_program(argv)
            && (self.serve_when_args.is_empty()
                || argv[1..]
                    .iter()
                    .any(|a| self.serve_when_args.iter().any(|w| a == w)))
    }

    /// The ports the server listens on when run as `argv`.
    pub fn ports_for(&self, argv: &[String]) -> Vec<u16> {
        if !self.serves_with(argv) {
            return Vec::new();
        }
        if self.port_from_args
            && let Some(i) = argv
                .iter()
                .position(|a| self.serve_when_args.iter().any(|w| a == w))
            && let Some(p) = argv[i + 1..].iter().find_map(|a| a.parse::<u16>().ok())
        {
            return vec![p];
        }
        self.listen.clone()
    }

    /// The argv of the container's main process per Kubernetes semantics: `command`
    /// replaces ENTRYPOINT (and drops CMD), `args` replace CMD. None: nothing to run (the
    /// runtime's "no command specified").
    pub fn main_argv(&self, command: &[String], args: &[String]) -> Option<Vec<String>> {
        let argv: Vec<String> = match (command.is_empty(), args.is_empty()) {
            (false, _) => command.iter().chain(args).cloned().collect(),
            (true, false) => self.entrypoint.iter().chain(args).cloned().collect(),
            (true, true) => self.entrypoint.iter().chain(&self.cmd).cloned().collect(),
        };
        (!argv.is_empty()).then_some(argv)
    }

    /// Whether `name` is a program of this image (for `kubectl exec`).
    pub fn has_program(&self, name: &str) -> bool {
        let name = name.rsplit('/').next().unwrap_or(name);
        self.programs.iter().any(|p| p == name)
    }
}

/// Reads a file of the container (None: no such file).
pub type FileReader = dyn Fn(&str) -> Option<Vec<u8>> + Sync;

/// Values the templates of the table read.
#[derive(Default)]
pub struct TemplateVars<'a> {
    pub hostname: &'a str,
    pub pod_ip: &'a str,
    pub path: &'a str,
    pub port: u16,
    pub n: u64,
    pub uptime: f64,
    pub env: &'a [(String, String)],
    /// The program's argv (`{flag:text}` reads `-text=V`, `--text=V` or `-text V`).
    pub argv: &'a [String],
    /// Reads a file of the container (None: no such file).
    pub file: Option<&'a FileReader>,
}

/// The value of Go flag `name` in `argv` (`-name=V`, `--name=V`, `-name V`).
fn flag(argv: &[String], name: &str) -> Option<String> {
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        let Some(rest) = a.strip_prefix("--").or_else(|| a.strip_prefix('-')) else {
            continue;
        };
        if let Some(v) = rest.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            return Some(v.to_string());
        }
        if rest == name {
            return it.next().cloned();
        }
    }
    None
}

/// Go's `%v` of a float64 (`15.0123456`, `16`).
fn go_float(f: f64) -> String {
    let s = format!("{f}");
    if s.contains('e') { format!("{f:e}") } else { s }
}

/// Expands the table's `{...}` templates. Err names a missing file (the Go app's handler
/// panics on it). Braces that do not start a known template stay as they are.
pub fn render(tpl: &str, v: &TemplateVars<'_>) -> Result<String, String> {
    let mut out = String::with_capacity(tpl.len());
    let mut rest = tpl;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let delim = after[name_len..].chars().next();
        let (arg, consumed) = match delim {
            Some('}') => (None, name_len + 1),
            Some(':') => match after[name_len + 1..].find('}') {
                Some(j) => (
                    Some(&after[name_len + 1..name_len + 1 + j]),
                    name_len + 2 + j,
                ),
                None => (None, 0),
            },
            _ => (None, 0),
        };
        let now = chrono::Utc::now();
        let value = match (name, arg, consumed) {
            (_, _, 0) => None,
            ("hostname", None, _) => Some(v.hostname.to_string()),
            ("pod_ip", None, _) => Some(v.pod_ip.to_string()),
            ("path", None, _) => Some(v.path.to_string()),
            ("port", None, _) => Some(v.port.to_string()),
            ("n", None, _) => Some(v.n.to_string()),
            ("uptime", None, _) => Some(go_float(v.uptime)),
            ("golog", None, _) => Some(now.format("%Y/%m/%d %H:%M:%S ").to_string()),
            ("klog", None, _) => Some(now.format("I%m%d %H:%M:%S%.6f       1 ").to_string()),
            ("now", Some(fmt), _) => Some(now.format(fmt).to_string()),
            // Hundredths of a second (`date +%2N`, which bitnami's logs carry).
            ("centis", None, _) => Some(format!("{:02}", now.timestamp_subsec_millis() / 10)),
            ("env", Some(k), _) => Some(
                v.env
                    .iter()
                    .rev()
                    .find(|(n, _)| n == k)
                    .map(|(_, x)| x.clone())
                    .unwrap_or_default(),
            ),
            ("flag", Some(f), _) => Some(flag(v.argv, f).unwrap_or_default()),
            ("file", Some(p), _) => match v.file.and_then(|f| f(p)) {
                Some(b) => Some(String::from_utf8_lossy(&b).into_owned()),
                None => return Err(format!("open {p}: no such file or directory")),
            },
            _ => None,
        };
        match value {
            Some(s) => {
                out.push_str(&s);
                rest = &after[consumed..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn the_table_parses_and_finds_images() {
        assert!(table().len() > 10);
        let nginx = lookup("docker.io/library/nginx:1.25@sha256:abc");
        assert_eq!(nginx.listen, vec![80]);
        assert_eq!(lookup("busybox:1.36").kind, Kind::Shell);
        assert_eq!(lookup("leigg/hellok8s:v2").listen, vec![3000]);
        assert_eq!(
            lookup("leigg/hellok8s:panic").exit.as_ref().unwrap().code,
            2
        );
        assert_eq!(
            lookup("registry.k8s.io/coredns/coredns:v1.12.0").programs,
            s(&["coredns"])
        );
        assert_eq!(lookup("example/crash:1").exit.as_ref().unwrap().code, 1);
        assert_eq!(lookup("nginx:crash").exit.as_ref().unwrap().code, 1);
        assert_eq!(lookup("example/app:1").programs, s(&["serve"]));
    }

    #[test]
    fn argv_follows_entrypoint_and_cmd() {
        let hello = lookup("leigg/hellok8s:v1");
        assert_eq!(hello.main_argv(&[], &[]), Some(s(&["/hellok8s"])));
        let curl = lookup("curlimages/curl:8.5.0");
        assert_eq!(
            curl.main_argv(&[], &s(&["-s", "http://web"])),
            Some(s(&["curl", "-s", "http://web"]))
        );
        let bb = lookup("busybox");
        assert_eq!(
            bb.main_argv(&s(&["sleep"]), &s(&["10"])),
            Some(s(&["sleep", "10"]))
        );
        assert_eq!(
            bb.main_argv(&[], &s(&["echo", "hi"])),
            Some(s(&["echo", "hi"]))
        );
        let py = lookup("python:3.12");
        let argv = s(&["python", "-m", "http.server", "8080"]);
        assert!(py.serves_with(&argv));
        assert_eq!(py.ports_for(&argv), vec![8080]);
        assert!(!py.serves_with(&s(&["python3"])));
        assert_eq!(
            lookup("nginx").ports_for(&s(&["sh", "-c", "sleep 1"])),
            Vec::<u16>::new()
        );
    }

    #[test]
    fn templates() {
        let env = vec![("DB_URL".to_string(), "mysql://x".to_string())];
        let file = |p: &str| (p == "/etc/a").then(|| b"A".to_vec());
        let v = TemplateVars {
            hostname: "web-1",
            env: &env,
            uptime: 16.5,
            file: Some(&file),
            ..Default::default()
        };
        assert_eq!(
            render(
                "{hostname} {env:DB_URL} {file:/etc/a} {uptime} {\"x\": 1} a{b",
                &v
            )
            .unwrap(),
            "web-1 mysql://x A 16.5 {\"x\": 1} a{b"
        );
        assert!(render("{file:/etc/missing}", &v).is_err());
        assert_eq!(render("{now:%Y}", &v).unwrap().len(), 4);
    }
}
