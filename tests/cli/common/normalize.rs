//! Small, named normalisers applied to both kk's and kubectl's output before comparing:
//! values that legitimately differ between two runs (times, UIDs, random name suffixes,
//! ages) and kubectl's own program name, which kk prints as `kk`.

use std::sync::LazyLock;

use regex::Regex;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("valid regex")
}

/// `kubectl` (as a word, also the versioned `kubectl.1.33` binary name that kubectl echoes
/// from argv\[0\]) → `kk`: kk prints its own name where kubectl prints its own.
pub fn program_name(s: &str) -> String {
    static RE: LazyLock<Regex> = LazyLock::new(|| re(r"\bkubectl(\.1\.\d+)?\b"));
    RE.replace_all(s, "kk").into_owned()
}

/// klog lines (`E1122 00:04:55.442459   22578 memcache.go:265] ...`) are dropped: kubectl logs
/// discovery failures this way before its final message; kk prints only the message.
pub fn klog_lines(s: &str) -> String {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?m)^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [\w.-]+:\d+\] .*\n"));
    RE.replace_all(s, "").into_owned()
}

/// RFC 3339 timestamps → `[TIME]`.
pub fn timestamps(s: &str) -> String {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| re(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"));
    RE.replace_all(s, "[TIME]").into_owned()
}

/// UUIDs → `[UID]`.
pub fn uids(s: &str) -> String {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| re(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"));
    RE.replace_all(s, "[UID]").into_owned()
}

/// Generated name suffixes (apimachinery's alphabet has no vowels, 0, 1 or 3):
/// `web-7d4b9c8f6-x2k9z` → `web-[HASH]-[RAND]`, `job-x2k9z` → `job-[RAND]`.
pub fn name_suffixes(s: &str) -> String {
    static HASH: LazyLock<Regex> = LazyLock::new(|| {
        re(r"-[bcdfghjklmnpqrstvwxz2456789]{6,10}-([bcdfghjklmnpqrstvwxz2456789]{5})\b")
    });
    static RAND: LazyLock<Regex> = LazyLock::new(|| re(r"-[bcdfghjklmnpqrstvwxz2456789]{5}\b"));
    let s = HASH.replace_all(s, "-[HASH]-$1");
    RAND.replace_all(&s, "-[RAND]").into_owned()
}

/// Table cells that are ages (`5s`, `3m2s`, `4d`, `<invalid>`) → `[AGE]`; since ages of two
/// runs can differ in width, runs of 3+ spaces collapse to 3 (column alignment is then not
/// compared on lines that had an age).
pub fn ages(s: &str) -> String {
    static AGE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(^|\s)(\d+[smhdy])+(\s|$)|(^|\s)<invalid>(\s|$)"));
    static GAP: LazyLock<Regex> = LazyLock::new(|| re(r" {3,}"));
    s.split_inclusive('\n')
        .map(|line| {
            let mut l = line.to_string();
            // Replace repeatedly: adjacent matches share the separating whitespace.
            loop {
                let next = AGE
                    .replace_all(&l, |c: &regex::Captures<'_>| {
                        let lead = c.get(1).or(c.get(4)).map_or("", |m| m.as_str());
                        let trail = c.get(3).or(c.get(5)).map_or("", |m| m.as_str());
                        format!("{lead}[AGE]{trail}")
                    })
                    .into_owned();
                if next == l {
                    break;
                }
                l = next;
            }
            if l != line {
                GAP.replace_all(&l, "   ").into_owned()
            } else {
                l
            }
        })
        .collect()
}

/// Everything above, in a fixed order.
pub fn all(s: &str) -> String {
    ages(&name_suffixes(&uids(&timestamps(&program_name(
        &klog_lines(s),
    )))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_name_only_replaces_the_word() {
        assert_eq!(
            program_name("See 'kubectl get --help'"),
            "See 'kk get --help'"
        );
        assert_eq!(
            program_name("kubectl.kubernetes.io/last"),
            "kk.kubernetes.io/last"
        );
        assert_eq!(program_name("mykubectl"), "mykubectl");
        assert_eq!(program_name("'kubectl.1.33 get x'"), "'kk get x'");
    }

    #[test]
    fn klog() {
        let s = "E1122 00:04:55.442459   22578 memcache.go:265] \"Unhandled Error\" err=\"x\"\nThe end\n";
        assert_eq!(klog_lines(s), "The end\n");
    }

    #[test]
    fn timestamps_and_uids() {
        assert_eq!(timestamps("t: 2024-01-02T03:04:05Z."), "t: [TIME].");
        assert_eq!(
            uids("uid: 0a1b2c3d-0000-4111-8222-123456789abc"),
            "uid: [UID]"
        );
    }

    #[test]
    fn suffixes() {
        assert_eq!(
            name_suffixes("pod/web-7d4b9c8f6-x2k9z"),
            "pod/web-[HASH]-[RAND]"
        );
        assert_eq!(name_suffixes("job-x2k9z ok"), "job-[RAND] ok");
        assert_eq!(name_suffixes("my-app"), "my-app");
    }

    #[test]
    fn ages_in_tables() {
        assert_eq!(
            ages("NAME   READY   AGE\nweb    1/1     10s\n"),
            "NAME   READY   AGE\nweb   1/1   [AGE]\n"
        );
        assert_eq!(ages("a   3m2s   4d\n"), "a   [AGE]   [AGE]\n");
        assert_eq!(ages("no ages here 1/1\n"), "no ages here 1/1\n");
    }
}
