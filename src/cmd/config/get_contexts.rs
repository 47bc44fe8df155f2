//! `kk config get-contexts [NAME...]`: the contexts table (`*` marks the current one).

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::kubeconfig::str_field;

/// Describe one or many contexts.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # List all the contexts in your kubeconfig file\n  kk config get-contexts\n\n  # Describe one context in your kubeconfig file\n  kk config get-contexts my-context"
)]
pub struct Args {
    /// Context names to show (all when empty)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// When using the default or custom-column output format, don't print headers (default print headers).
    #[arg(long, pflag_bool())]
    pub no_headers: Option<bool>,
    /// Output format. One of: (name).
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<String>,
}

/// Lay out rows the way kubectl's tabwriter does (`minwidth` 6 including the 3-space
/// padding; the last cell is not padded, earlier empty cells are).
pub fn tab_layout(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![6; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count() + 3);
        }
    }
    let mut out = String::new();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            out.push_str(c);
            if i + 1 < r.len() {
                out.push_str(&" ".repeat(widths[i] - c.chars().count()));
            }
        }
        out.push('\n');
    }
    out
}

/// Print the table (or names with `-o name`).
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name_only = match args.output.as_deref() {
        None | Some("") => false,
        Some("name") => true,
        Some(other) => {
            return Err(Error::msg(format!(
                "--output {other} is not available in kk config get-contexts; resetting to default output format"
            )));
        }
    };
    let loaded = ctx.kubeconfig().await?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let selected: Vec<_> = if args.names.is_empty() {
        loaded.contexts.iter().collect()
    } else {
        let mut v = Vec::new();
        for n in &args.names {
            match loaded.contexts.iter().find(|e| &e.name == n) {
                Some(e) => v.push(e),
                None => errors.push(Error::msg(format!("context {n} not found"))),
            }
        }
        v
    };
    if name_only {
        let mut out = String::new();
        for e in &selected {
            out.push_str(&e.name);
            out.push('\n');
        }
        ctx.ui().print(&out)?;
    } else {
        if !args.no_headers.unwrap_or(false) {
            rows.push(
                ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]
                    .map(String::from)
                    .to_vec(),
            );
        }
        for e in &selected {
            let mark = if e.name == loaded.current_context {
                "*"
            } else {
                ""
            };
            rows.push(vec![
                mark.to_string(),
                e.name.clone(),
                str_field(&e.body, "cluster").to_string(),
                str_field(&e.body, "user").to_string(),
                str_field(&e.body, "namespace").to_string(),
            ]);
        }
        ctx.ui().print(&tab_layout(&rows))?;
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(Error::Many(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_all_but_the_last_cell() {
        let rows = vec![
            vec!["CURRENT".into(), "NAME".into(), "NAMESPACE".into()],
            vec!["*".into(), "ctx-long".into(), "".into()],
        ];
        assert_eq!(
            tab_layout(&rows),
            "CURRENT   NAME       NAMESPACE\n*         ctx-long   \n"
        );
    }
}
