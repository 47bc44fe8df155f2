//! Colour on a terminal: what kubecolor adds to kubectl, built in.
//!
//! The decision is made once per stream by [`crate::ui::Ui`] (`--color=auto|always|never`,
//! `NO_COLOR`, `TERM=dumb`, whether the stream is a terminal) and handed out as a [`Colour`];
//! everything that draws asks it to [`Colour::paint`] a piece of text in a [`Style`]. When
//! colour is off `paint` returns the text unchanged, so piped output stays kubectl's bytes.
//!
//! The table printer colours headers and the STATUS column by meaning ([`status`]), the
//! describe writer its keys and warning events, the error reporter its `error:` prefixes,
//! and `Warning:` lines get kubectl's own colour. Other verbs use the same API: a stable
//! colour per name ([`pick`], e.g. one per pod for `logs -f` prefixes), styled text, and
//! [`Colour::is_on`].
//!
//! Escapes are written as plain SGR sequences (`ESC [ <codes> m` ... `ESC [ 0 m`), the form
//! kubectl itself uses for its yellow `Warning:` (`\x1b[33;1m`), so kk's and kubectl's
//! warnings look alike; crossterm's styling would emit 256-colour sequences instead.
//! Only the 16 basic colours are used: the terminal's theme decides how they look on dark
//! and light backgrounds.

use crate::env::Env;

/// `--color`: when to colour output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum When {
    /// Colour when the stream is a terminal, `NO_COLOR` is unset and `TERM` is not `dumb`.
    #[default]
    Auto,
    /// Always colour (`--color` alone), even into a pipe or with `NO_COLOR`.
    Always,
    /// Never colour.
    Never,
}

impl When {
    /// `--color`'s values (the flag's value parser).
    pub fn parse(s: &str) -> Result<When, String> {
        match s {
            "auto" => Ok(When::Auto),
            "always" => Ok(When::Always),
            "never" => Ok(When::Never),
            _ => Err("must be one of auto, always, never".to_string()),
        }
    }

    /// The values, for help and completion.
    pub const VALUES: [&'static str; 3] = ["auto", "always", "never"];

    /// The last `--color[=WHEN]` of a command line clap could not parse (for colouring its
    /// error report; `Auto` when absent or unreadable).
    pub fn from_args(args: &[String]) -> When {
        let mut when = When::Auto;
        for a in args.iter().take_while(|a| *a != "--") {
            if a == "--color" {
                when = When::Always;
            } else if let Some(v) = a.strip_prefix("--color=") {
                when = When::parse(v).unwrap_or(when);
            }
        }
        when
    }
}

/// Whether one output stream gets colour (decided once, by `Ui`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colour {
    on: bool,
}

/// What a piece of text means; each maps to one terminal style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Table headers.
    Header,
    /// `describe` keys (`Name:`, `Labels:`, ...).
    Key,
    /// A healthy state: Running, Ready, Completed, Bound, Active.
    Good,
    /// A state on its way: Pending, ContainerCreating, Terminating.
    Pending,
    /// A failed state: errors, back-offs, NotReady.
    Bad,
    /// kubectl's `Warning:` (bold yellow), warning events.
    Warning,
    /// The `error:` prefix of an error report (bold red).
    Error,
    /// One colour of the name palette ([`pick`]).
    Palette(u8),
}

/// Colours for names (pods, containers): distinct on dark and light terminals; no red,
/// which means failure.
const PALETTE: [&str; 10] = ["32", "33", "34", "35", "36", "92", "93", "94", "95", "96"];

impl Style {
    fn sgr(self) -> &'static str {
        match self {
            Style::Header => "1",
            Style::Key => "36",
            Style::Good => "32",
            Style::Pending => "33",
            Style::Bad => "31",
            // kubectl's own: client-go's warning writer and kubectl's WarningPrinter.
            Style::Warning => "33;1",
            Style::Error => "31;1",
            Style::Palette(i) => PALETTE[usize::from(i) % PALETTE.len()],
        }
    }
}

/// A stable palette colour for `name`: the same name gets the same colour on every run and
/// machine (FNV-1a; std's hasher is randomly seeded).
pub fn pick(name: &str) -> Style {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    Style::Palette((hash % PALETTE.len() as u64) as u8)
}

/// The style of a STATUS cell by what it means (`None`: leave it plain). Comma-separated
/// states (a node's `Ready,SchedulingDisabled`) take the worst of their parts.
pub fn status(text: &str) -> Option<Style> {
    let rank = |s: Option<Style>| match s {
        Some(Style::Bad) => 3,
        Some(Style::Pending) => 2,
        Some(Style::Good) => 1,
        _ => 0,
    };
    text.split(',')
        .map(status_word)
        .max_by_key(|s| rank(*s))
        .flatten()
}

fn status_word(word: &str) -> Option<Style> {
    let w = word.trim();
    // Init containers and sidecars report `Init:Error`, `Init:0/2`: judge what follows.
    let w = w.strip_prefix("Init:").unwrap_or(w);
    const BAD: [&str; 11] = [
        "Err",
        "BackOff",
        "Fail",
        "NotReady",
        "Unknown",
        "Lost",
        "Evicted",
        "OOMKilled",
        "Signal:",
        "ExitCode:",
        "Invalid",
    ];
    if BAD.iter().any(|b| w.contains(b)) || w == "DeadlineExceeded" {
        return Some(Style::Bad);
    }
    match w {
        "Running" | "Ready" | "Completed" | "Complete" | "Succeeded" | "Active" | "Bound"
        | "Available" | "Healthy" | "True" | "Established" => Some(Style::Good),
        "Pending" | "ContainerCreating" | "PodInitializing" | "Terminating" | "Waiting"
        | "Released" | "SchedulingDisabled" => Some(Style::Pending),
        // `Init:1/3`: init containers still running.
        _ if word.trim().starts_with("Init:") => Some(Style::Pending),
        _ => None,
    }
}

impl Colour {
    /// No colour.
    pub const OFF: Colour = Colour { on: false };
    /// Colour (tests and `--color=always`).
    pub const ON: Colour = Colour { on: true };

    /// The decision for one stream: `always`/`never` as asked; `auto` colours a terminal
    /// unless `NO_COLOR` is set (to anything, as kubectl checks it) or `TERM` is `dumb`.
    pub fn decide(when: When, is_terminal: bool, env: &Env) -> Colour {
        let on = match when {
            When::Always => true,
            When::Never => false,
            When::Auto => {
                is_terminal && env.get("NO_COLOR").is_none() && env.get("TERM") != Some("dumb")
            }
        };
        Colour { on }
    }

    /// Whether this stream is coloured.
    pub fn is_on(self) -> bool {
        self.on
    }

    /// `text` in `style` (unchanged when colour is off or `text` is empty). Styles do not
    /// span lines: each line is wrapped on its own, so a pager or `less -R` never carries a
    /// colour into the next line.
    pub fn paint(self, style: Style, text: &str) -> String {
        if !self.on || text.is_empty() {
            return text.to_string();
        }
        let sgr = style.sgr();
        let mut out = String::with_capacity(text.len() + 12);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if !line.is_empty() {
                out.push_str(&format!("\x1b[{sgr}m{line}\x1b[0m"));
            }
        }
        out
    }

    /// A STATUS cell coloured by its meaning ([`status`]).
    pub fn status(self, text: &str) -> String {
        match status(text) {
            Some(style) => self.paint(style, text),
            None => text.to_string(),
        }
    }
}

/// The length of the escape sequence starting at `s` (`ESC [ params final`), if `s` starts
/// with one. Table writers count these as zero-width when colour is on.
pub fn escape_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("\x1b[")?;
    let end = rest.find(|c: char| ('@'..='~').contains(&c))?;
    Some(2 + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_is_identity() {
        assert_eq!(Colour::OFF.paint(Style::Bad, "Error"), "Error");
        assert_eq!(Colour::OFF.status("CrashLoopBackOff"), "CrashLoopBackOff");
    }

    #[test]
    fn paints_each_line() {
        assert_eq!(
            Colour::ON.paint(Style::Error, "a\n\nb"),
            "\x1b[31;1ma\x1b[0m\n\n\x1b[31;1mb\x1b[0m"
        );
        assert_eq!(Colour::ON.paint(Style::Good, ""), "");
    }

    #[test]
    fn statuses_by_meaning() {
        for s in ["Running", "Completed", "Ready", "Bound", "Active"] {
            assert_eq!(status(s), Some(Style::Good), "{s}");
        }
        for s in [
            "Pending",
            "ContainerCreating",
            "Terminating",
            "Init:0/2",
            "PodInitializing",
        ] {
            assert_eq!(status(s), Some(Style::Pending), "{s}");
        }
        for s in [
            "CrashLoopBackOff",
            "ImagePullBackOff",
            "ErrImagePull",
            "Error",
            "Failed",
            "NotReady",
            "Init:Error",
            "Init:CrashLoopBackOff",
            "OOMKilled",
            "CreateContainerConfigError",
            "Unknown",
        ] {
            assert_eq!(status(s), Some(Style::Bad), "{s}");
        }
        assert_eq!(status("Ready,SchedulingDisabled"), Some(Style::Pending));
        assert_eq!(status("NotReady,SchedulingDisabled"), Some(Style::Bad));
        assert_eq!(status("ClusterIP"), None);
    }

    #[test]
    fn picks_are_stable_and_spread() {
        assert_eq!(pick("web-1"), pick("web-1"));
        let distinct: std::collections::BTreeSet<String> = (0..20)
            .map(|i| Colour::ON.paint(pick(&format!("pod-{i}")), "x"))
            .collect();
        assert!(distinct.len() > 4, "{distinct:?}");
        assert!(!distinct.iter().any(|s| s.starts_with("\x1b[31")));
    }

    #[test]
    fn decision() {
        let none = Env::from_vars::<_, &str, &str>([]);
        let no_color = Env::from_vars([("NO_COLOR", "")]);
        let dumb = Env::from_vars([("TERM", "dumb")]);
        assert!(Colour::decide(When::Auto, true, &none).is_on());
        assert!(!Colour::decide(When::Auto, false, &none).is_on());
        assert!(!Colour::decide(When::Auto, true, &no_color).is_on());
        assert!(!Colour::decide(When::Auto, true, &dumb).is_on());
        assert!(Colour::decide(When::Always, false, &no_color).is_on());
        assert!(!Colour::decide(When::Never, true, &none).is_on());
    }

    #[test]
    fn color_flag_before_clap() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            When::from_args(&args(&["get", "--color=never"])),
            When::Never
        );
        assert_eq!(When::from_args(&args(&["--color", "get"])), When::Always);
        assert_eq!(
            When::from_args(&args(&["x", "--", "--color=never"])),
            When::Auto
        );
    }

    #[test]
    fn escapes_have_a_length() {
        assert_eq!(escape_len("\x1b[31;1mx"), Some(7));
        assert_eq!(escape_len("\x1b[0m"), Some(4));
        assert_eq!(escape_len("x"), None);
    }
}
