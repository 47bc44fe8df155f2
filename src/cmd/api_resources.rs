//! `kk api-resources`: the server's resource types (preferred versions, subresources and
//! verb-less types left out), filtered and sorted like kubectl, printed through kubectl's
//! tab writer. Discovery is refreshed first unless `--cached`.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::printers::tabwriter::TabWriter;
use crate::resource::{ApiResource, Resolver};

/// Print the supported API resources on the server.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Limit to resources in the specified API group.
    #[arg(long, value_name = "GROUP")]
    pub api_group: Option<String>,
    /// Use the cached list of resources if available.
    #[arg(long, pflag_bool())]
    pub cached: Option<bool>,
    /// Limit to resources that belong to the specified categories.
    #[arg(long, value_name = "CATEGORIES")]
    pub categories: Vec<String>,
    /// If false, non-namespaced resources will be returned, otherwise returning namespaced
    /// resources by default.
    #[arg(long, pflag_bool())]
    pub namespaced: Option<bool>,
    /// When using the default or custom-column output format, don't print headers (default
    /// print headers).
    #[arg(long, pflag_bool())]
    pub no_headers: Option<bool>,
    /// Output format. One of: (wide, name).
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<String>,
    /// If non-empty, sort list of resources using specified field. The field can be either
    /// 'name' or 'kind'.
    #[arg(long, value_name = "FIELD")]
    pub sort_by: Option<String>,
    /// Limit to resources that support the specified verbs.
    #[arg(long, value_name = "VERBS")]
    pub verbs: Vec<String>,
    /// Extra arguments are rejected, as in kubectl
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

fn list(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// kubectl's `ServerPreferredResources`: each group's resources at the preferred version,
/// plus resources only served by other versions (at the first version serving them).
pub fn preferred_resources(all: &[ApiResource]) -> Vec<&ApiResource> {
    let mut ordered: Vec<&ApiResource> = all.iter().filter(|r| r.preferred).collect();
    ordered.extend(all.iter().filter(|r| !r.preferred));
    let mut out: Vec<&ApiResource> = Vec::new();
    for r in ordered {
        if !out
            .iter()
            .any(|o| o.group == r.group && o.resource == r.resource)
        {
            out.push(r);
        }
    }
    out
}

/// Filter and sort as kubectl does (group then name by default; `name`; `kind` then name).
pub fn select<'a>(all: &'a [ApiResource], args: &Args) -> Vec<&'a ApiResource> {
    let verbs = list(&args.verbs);
    let cats = list(&args.categories);
    let mut rs: Vec<&ApiResource> = preferred_resources(all)
        .into_iter()
        .filter(|r| !r.verbs.is_empty())
        .filter(|r| args.api_group.as_deref().is_none_or(|g| r.group == g))
        .filter(|r| args.namespaced.is_none_or(|n| r.namespaced == n))
        .filter(|r| verbs.iter().all(|v| r.verbs.contains(v)))
        .filter(|r| cats.iter().all(|c| r.categories.contains(c)))
        .collect();
    let key = |r: &ApiResource| -> String {
        match args.sort_by.as_deref() {
            Some("name") => r.resource.clone(),
            Some("kind") => r.kind.clone(),
            _ => r.group.clone(),
        }
    };
    rs.sort_by(|a, b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| a.resource.cmp(&b.resource))
    });
    rs
}

fn headers(wide: bool) -> Vec<&'static str> {
    let mut h = vec!["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
    if wide {
        h.extend(["VERBS", "CATEGORIES"]);
    }
    h
}

/// Run `api-resources`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if !args.extra.is_empty() {
        return Err(Error::usage(
            "api-resources",
            format!("unexpected arguments: [{}]", args.extra.join(" ")),
        ));
    }
    let output = args.output.as_deref().unwrap_or("");
    if !matches!(output, "" | "wide" | "name") {
        return Err(Error::msg(format!("--output {output} is not available")));
    }
    if !matches!(
        args.sort_by.as_deref(),
        None | Some("") | Some("name") | Some("kind")
    ) {
        return Err(Error::msg("--sort-by accepts only name or kind"));
    }
    // A configuration kubectl cannot build a client from fails before anything is printed.
    ctx.client_settings_unnamespaced().await?;
    let discovered = async {
        let mut resolver = Resolver::new(ctx).await?;
        if !args.cached.unwrap_or(false) && !resolver.is_fresh() {
            resolver.refresh().await?;
        }
        Ok::<_, Error>(resolver)
    }
    .await;
    let resolver = match discovered {
        Ok(r) => r,
        Err(e) => {
            // kubectl prints the header before asking the server, so it stays on failure.
            if output != "name" && !args.no_headers.unwrap_or(false) {
                let mut tw = TabWriter::kubectl();
                tw.write(&format!("{}\n", headers(output == "wide").join("\t")));
                ctx.ui().print(&tw.flush())?;
            }
            return Err(e);
        }
    };
    let rs = select(&resolver.discovery().resources, args);
    let mut out = String::new();
    if output == "name" {
        for r in rs {
            out.push_str(&r.group_resource());
            out.push('\n');
        }
        ctx.ui().print(&out)?;
        return Ok(());
    }
    let wide = output == "wide";
    let mut tw = TabWriter::kubectl();
    if !args.no_headers.unwrap_or(false) {
        tw.write(&format!("{}\n", headers(wide).join("\t")));
    }
    for r in rs {
        let mut cells = vec![
            r.resource.clone(),
            r.short_names.join(","),
            r.api_version(),
            r.namespaced.to_string(),
            r.kind.clone(),
        ];
        if wide {
            let mut verbs = r.verbs.clone();
            verbs.sort();
            cells.push(verbs.join(","));
            cells.push(r.categories.join(","));
        }
        tw.write(&format!("{}\n", cells.join("\t")));
    }
    ctx.ui().print(&tw.flush())?;
    Ok(())
}

/// The long description of `ApiResources` (help and man page).
pub const ABOUT: &str = r#"Print the supported API resources on the server.

The list comes from the server's discovery documents, cached under the cache directory (--cache-dir) like kubectl's; running this command refreshes the cache."#;

/// Examples for `ApiResources`.
pub const EXAMPLES: &str = r#"  # Print the supported API resources
  kk api-resources

  # Print the supported API resources with more information
  kk api-resources -o wide

  # Print the supported API resources sorted by a column
  kk api-resources --sort-by=name

  # Print the supported namespaced resources
  kk api-resources --namespaced=true

  # Print the supported non-namespaced resources
  kk api-resources --namespaced=false

  # Print the supported API resources with a specific APIGroup
  kk api-resources --api-group=rbac.authorization.k8s.io"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn r(group: &str, version: &str, name: &str, kind: &str, pref: bool) -> ApiResource {
        ApiResource {
            group: group.into(),
            version: version.into(),
            resource: name.into(),
            singular: String::new(),
            kind: kind.into(),
            namespaced: true,
            verbs: vec!["get".into()],
            short_names: vec![],
            categories: vec![],
            preferred: pref,
        }
    }

    #[test]
    fn preferred_versions_and_order() {
        let all = vec![
            r("", "v1", "pods", "Pod", true),
            r("autoscaling", "v2", "hpa", "HPA", true),
            r("autoscaling", "v1", "hpa", "HPA", false),
            r("autoscaling", "v1", "old", "Old", false),
            r("apps", "v1", "deployments", "Deployment", true),
        ];
        let args = Args {
            api_group: None,
            cached: None,
            categories: vec![],
            namespaced: None,
            no_headers: None,
            output: None,
            sort_by: None,
            verbs: vec![],
            extra: vec![],
        };
        let got: Vec<String> = select(&all, &args)
            .iter()
            .map(|r| format!("{}/{}", r.api_version(), r.resource))
            .collect();
        assert_eq!(
            got,
            [
                "v1/pods",
                "apps/v1/deployments",
                "autoscaling/v2/hpa",
                "autoscaling/v1/old"
            ]
        );
        let by_kind = Args {
            sort_by: Some("kind".into()),
            ..args
        };
        let got: Vec<&str> = select(&all, &by_kind)
            .iter()
            .map(|r| r.kind.as_str())
            .collect();
        assert_eq!(got, ["Deployment", "HPA", "Old", "Pod"]);
    }
}
