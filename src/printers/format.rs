//! `-o/--output` parsing: every form kubectl accepts and its exact error messages.

use super::{Error, Result};

/// The output formats `kubectl get` accepts, in kubectl's (alphabetical) error-message order.
pub const GET_FORMATS: &[&str] = &[
    "custom-columns",
    "custom-columns-file",
    "go-template",
    "go-template-file",
    "json",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "name",
    "template",
    "templatefile",
    "wide",
    "yaml",
];

/// The formats of commands that print objects but no tables (create, apply, label, ...).
pub const OBJECT_FORMATS: &[&str] = &[
    "go-template",
    "go-template-file",
    "json",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "name",
    "template",
    "templatefile",
    "yaml",
];

/// A resolved `-o/--output` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// No `-o`: the human-readable table.
    Default,
    Wide,
    Json,
    Yaml,
    Name,
    JsonPath(String),
    JsonPathFile(String),
    JsonPathAsJson(String),
    CustomColumns(String),
    CustomColumnsFile(String),
    /// `go-template`, `go-template-file`, `template`, `templatefile` (format, value).
    GoTemplate(String, String),
}

impl OutputFormat {
    /// Parses `-o` for `kubectl get` (see [`OutputFormat::parse_for`]).
    pub fn parse(output: &str) -> Result<Self> {
        Self::parse_for(output, None, GET_FORMATS)
    }

    /// Parses `-o VALUE` (plus `--template`, which supplies the template when `-o` names
    /// only the format) for a command accepting `allowed` formats. `json`, `yaml` and `name`
    /// are case-insensitive, the rest exact, as in kubectl.
    pub fn parse_for(output: &str, template: Option<&str>, allowed: &[&str]) -> Result<Self> {
        let template = template.filter(|t| !t.is_empty());
        let unknown = || Error::UnknownFormat {
            format: output.to_string(),
            allowed: allowed.join(","),
        };
        let permitted = |f: &str| allowed.contains(&f);
        if output.is_empty() {
            return match template {
                // `--template` alone means go-template.
                Some(t) => Ok(OutputFormat::GoTemplate("go-template".into(), t.into())),
                None => Ok(OutputFormat::Default),
            };
        }
        let lower = output.to_lowercase();
        match lower.as_str() {
            "json" if permitted("json") => return Ok(OutputFormat::Json),
            "yaml" if permitted("yaml") => return Ok(OutputFormat::Yaml),
            "name" if permitted("name") => return Ok(OutputFormat::Name),
            _ => {}
        }
        if output == "wide" && permitted("wide") {
            return Ok(OutputFormat::Wide);
        }
        const TEMPLATES: &[&str] = &[
            "jsonpath",
            "jsonpath-file",
            "jsonpath-as-json",
            "go-template",
            "go-template-file",
            "template",
            "templatefile",
        ];
        const COLUMNS: &[&str] = &["custom-columns", "custom-columns-file"];
        for (group, empty_msg) in [
            (TEMPLATES, "template format specified but no template given"),
            (
                COLUMNS,
                "custom-columns format specified but no custom columns given",
            ),
        ] {
            let (format, value) = match template {
                Some(t) => (output, t),
                None => group
                    .iter()
                    .find_map(|f| {
                        output
                            .strip_prefix(f)
                            .and_then(|v| v.strip_prefix('='))
                            .map(|v| (*f, v))
                    })
                    .unwrap_or((output, "")),
            };
            if !group.contains(&format) || !permitted(format) {
                continue;
            }
            if value.is_empty() {
                return Err(Error::Other(empty_msg.into()));
            }
            let v = value.to_string();
            return Ok(match format {
                "jsonpath" => OutputFormat::JsonPath(v),
                "jsonpath-file" => OutputFormat::JsonPathFile(v),
                "jsonpath-as-json" => OutputFormat::JsonPathAsJson(v),
                "custom-columns" => OutputFormat::CustomColumns(v),
                "custom-columns-file" => OutputFormat::CustomColumnsFile(v),
                f => OutputFormat::GoTemplate(f.to_string(), v),
            });
        }
        Err(unknown())
    }

    /// Formats printed by the human-readable (server-side Table) path.
    pub fn is_human_readable(&self) -> bool {
        matches!(self, OutputFormat::Default | OutputFormat::Wide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Messages from `kubectl.1.33 get pods -o ...`.
    #[test]
    fn parses_output_flags() {
        use OutputFormat::*;
        assert_eq!(OutputFormat::parse("").unwrap(), Default);
        assert_eq!(OutputFormat::parse("wide").unwrap(), Wide);
        assert_eq!(OutputFormat::parse("JSON").unwrap(), Json);
        assert_eq!(OutputFormat::parse("yaml").unwrap(), Yaml);
        assert_eq!(OutputFormat::parse("name").unwrap(), Name);
        assert_eq!(
            OutputFormat::parse("jsonpath={.a}").unwrap(),
            JsonPath("{.a}".into())
        );
        assert_eq!(
            OutputFormat::parse("jsonpath-file=f").unwrap(),
            JsonPathFile("f".into())
        );
        assert_eq!(
            OutputFormat::parse("jsonpath-as-json={.a}").unwrap(),
            JsonPathAsJson("{.a}".into())
        );
        assert_eq!(
            OutputFormat::parse("custom-columns=A:.a").unwrap(),
            CustomColumns("A:.a".into())
        );
        assert_eq!(
            OutputFormat::parse("custom-columns-file=f").unwrap(),
            CustomColumnsFile("f".into())
        );
        assert_eq!(
            OutputFormat::parse_for("jsonpath", Some("{.kind}"), GET_FORMATS).unwrap(),
            JsonPath("{.kind}".into())
        );
        assert_eq!(
            OutputFormat::parse_for("", Some("{{.kind}}"), GET_FORMATS).unwrap(),
            GoTemplate("go-template".into(), "{{.kind}}".into())
        );
        let err = |o: &str| OutputFormat::parse(o).unwrap_err().to_string();
        let list = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
        for bad in ["foo", "Wide", "yaml=x", "name="] {
            assert_eq!(
                err(bad),
                format!(
                    "unable to match a printer suitable for the output format \"{bad}\", allowed formats are: {list}"
                )
            );
        }
        assert_eq!(
            OutputFormat::parse_for("jsonpath={.kind}", Some("{.x}"), GET_FORMATS)
                .unwrap_err()
                .to_string(),
            format!(
                "unable to match a printer suitable for the output format \"jsonpath={{.kind}}\", allowed formats are: {list}"
            )
        );
        for o in [
            "jsonpath",
            "jsonpath=",
            "jsonpath-file",
            "jsonpath-as-json=",
        ] {
            assert_eq!(err(o), "template format specified but no template given");
        }
        for o in ["custom-columns", "custom-columns-file", "custom-columns="] {
            assert_eq!(
                err(o),
                "custom-columns format specified but no custom columns given"
            );
        }
        assert_eq!(
            OutputFormat::parse_for("wide", None, OBJECT_FORMATS)
                .unwrap_err()
                .to_string(),
            "unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
        );
    }
}
