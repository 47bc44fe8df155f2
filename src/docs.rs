//! Generated documentation: shell completion scripts and man pages, both rendered from the
//! clap definition. The results are checked in under `completions/` and `man/`; the
//! `generated` integration test fails when they are stale (`KK_BLESS=1` rewrites them).

/// Shells `kk completion` supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    /// GNU bash.
    Bash,
    /// zsh.
    Zsh,
    /// fish.
    Fish,
    /// PowerShell.
    PowerShell,
}

impl Shell {
    /// All shells, in `completions/` order.
    pub const ALL: [Shell; 4] = [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell];

    /// The name kubectl accepts (`bash`, `zsh`, `fish`, `powershell`).
    pub fn parse(s: &str) -> Option<Shell> {
        match s {
            "bash" => Some(Shell::Bash),
            "zsh" => Some(Shell::Zsh),
            "fish" => Some(Shell::Fish),
            "powershell" => Some(Shell::PowerShell),
            _ => None,
        }
    }

    /// The checked-in file name under `completions/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Shell::Bash => "kk.bash",
            Shell::Zsh => "_kk",
            Shell::Fish => "kk.fish",
            Shell::PowerShell => "_kk.ps1",
        }
    }
}

/// The completion script for `shell`: a small shim that asks `kk __complete` (see
/// [`crate::complete`]) for every completion, so candidates follow the live clap definition
/// and the cluster.
pub fn completion(shell: Shell) -> Vec<u8> {
    let script = match shell {
        Shell::Bash => include_str!("complete/scripts/bash.sh"),
        Shell::Zsh => include_str!("complete/scripts/zsh.zsh"),
        Shell::Fish => include_str!("complete/scripts/fish.fish"),
        Shell::PowerShell => include_str!("complete/scripts/powershell.ps1"),
    };
    script.as_bytes().to_vec()
}

/// Man pages of `root`: `kk.1` plus one `kk-<sub>[-<subsub>].1` per subcommand.
pub fn man_pages(root: &clap::Command) -> Vec<(String, Vec<u8>)> {
    let mut pages = Vec::new();
    // Not `.build()`: with a built command clap_mangen emits phantom `*-help` pages.
    collect(root.clone(), "kk".to_string(), &mut pages);
    pages
}

fn collect(cmd: clap::Command, name: String, pages: &mut Vec<(String, Vec<u8>)>) {
    let cmd = cmd.name(name.clone()).bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    // Rendering into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd.clone()).render(&mut buf);
    // clap_mangen heads `after_long_help` "EXTRA"; for kk it is always the examples.
    let page = String::from_utf8_lossy(&buf).replace("\n.SH EXTRA\n", "\n.SH EXAMPLES\n");
    pages.push((format!("{name}.1"), page.into_bytes()));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub.clone(), format!("{name}-{}", sub.get_name()), pages);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's man page and `--help` have a real description (`long_about`), and
    /// every command that runs something has examples (`after_long_help`).
    #[test]
    fn every_command_has_a_description_and_examples() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                let path = format!("{path} {}", sub.get_name());
                if sub.get_long_about().is_none() {
                    missing.push(format!("{path}: no long_about"));
                }
                if !sub.has_subcommands() && sub.get_after_long_help().is_none() {
                    missing.push(format!("{path}: no examples (after_long_help)"));
                }
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::cli::command(), "kk", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn every_shell_renders() {
        for s in Shell::ALL {
            assert!(!completion(s).is_empty());
            assert_eq!(Shell::parse(&format!("{s:?}").to_lowercase()), Some(s));
        }
        let bash = String::from_utf8(completion(Shell::Bash)).unwrap();
        assert!(bash.contains("complete -o default -F __start_kk kk"));
        let zsh = String::from_utf8(completion(Shell::Zsh)).unwrap();
        assert!(zsh.starts_with("#compdef kk\ncompdef _kk kk\n"));
    }

    #[test]
    fn one_man_page_per_subcommand() {
        let names: Vec<String> = man_pages(&crate::cli::command())
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert!(names.contains(&"kk.1".to_string()));
        assert!(names.contains(&"kk-config-view.1".to_string()), "{names:?}");
        // `kk help` is a verb; clap's phantom `*-help` pages must not appear.
        assert!(
            !names.iter().any(|n| n.contains("help") && n != "kk-help.1"),
            "{names:?}"
        );
    }
}
