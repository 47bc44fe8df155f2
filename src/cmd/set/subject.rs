//! `kk set subject (-f FILENAME | TYPE NAME) [--user] [--group] [--serviceaccount]`:
//! kubectl's `set subject` — adds the users, groups and service accounts (each list sorted
//! and deduplicated, as kubectl's sets are) that a RoleBinding or ClusterRoleBinding does
//! not have yet.

use serde_json::{Value, json};

use super::patcher::{Changed, Common, LabelSelector, Report, Setter};
use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// Update the user, group, or service account in a role binding or cluster role binding.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Update a cluster role binding for serviceaccount1
  kk set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1

  # Update a role binding for user1, user2, and group1
  kk set subject rolebinding admin --user=user1 --user=user2 --group=group1

  # Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server
  kk create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kk set subject --local -f - --user=foo -o yaml"
)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME
    #[arg(value_name = "ARGS", add = Complete::TypeAndNamesOf(&["rolebindings", "clusterrolebindings"]))]
    pub args: Vec<String>,
    /// Usernames to bind to the role
    #[arg(long, value_name = "NAME")]
    pub user: Vec<String>,
    /// Groups to bind to the role
    #[arg(long, value_name = "NAME")]
    pub group: Vec<String>,
    /// Service accounts to bind to the role
    #[arg(long, value_name = "NAMESPACE:NAME")]
    pub serviceaccount: Vec<String>,
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub select: LabelSelector,
}

const RBAC: &str = "rbac.authorization.k8s.io";

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v.dedup();
    v
}

/// Run `kk set subject`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let c = &a.common;
    let report = Report {
        op: "subjects updated",
        failed: "failed to patch subjects to rolebinding: ",
        skip_unchanged: true,
    };
    let setter = Setter::new(ctx, c, report)?;
    let namespace = ctx.namespace().await?;
    let infos = c.infos(ctx, a.args.clone(), a.select.get(), true).await?;
    c.check_local_dry_run(setter.dry_run())?;
    if c.all() && a.select.get().is_some() {
        return Err(Error::msg(
            "cannot set --all and --selector at the same time",
        ));
    }
    if a.user.is_empty() && a.group.is_empty() && a.serviceaccount.is_empty() {
        return Err(Error::msg(
            "you must specify at least one value of user, group or serviceaccount",
        ));
    }
    for sa in &a.serviceaccount {
        let tokens: Vec<&str> = sa.split(':').collect();
        if tokens.len() != 2 || tokens[1].is_empty() {
            return Err(Error::msg("serviceaccount must be <namespace>:<name>"));
        }
        let cluster_binding = infos.iter().any(|i| {
            i.object
                .as_ref()
                .and_then(|o| o.get("kind"))
                .and_then(Value::as_str)
                == Some("ClusterRoleBinding")
        });
        if cluster_binding && tokens[0].is_empty() {
            return Err(Error::msg(
                "serviceaccount must be <namespace>:<name>, namespace must be specified",
            ));
        }
    }
    let mut wanted = Vec::new();
    for u in sorted(&a.user) {
        wanted.push(json!({"kind": "User", "apiGroup": RBAC, "name": u}));
    }
    for g in sorted(&a.group) {
        wanted.push(json!({"kind": "Group", "apiGroup": RBAC, "name": g}));
    }
    for sa in sorted(&a.serviceaccount) {
        let (ns, name) = sa.split_once(':').unwrap_or(("", &sa));
        let ns = if ns.is_empty() {
            namespace.as_str()
        } else {
            ns
        };
        wanted.push(json!({"kind": "ServiceAccount", "name": name, "namespace": ns}));
    }
    setter
        .run(infos, |_, obj, _| {
            let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
            let group = obj
                .get("apiVersion")
                .and_then(Value::as_str)
                .and_then(|av| av.rsplit_once('/'))
                .map_or("", |(g, _)| g);
            if group != RBAC || !matches!(kind, "RoleBinding" | "ClusterRoleBinding") {
                return Err(
                    "setting subjects is only supported for RoleBinding/ClusterRoleBinding".into(),
                );
            }
            let mut subjects = obj
                .get("subjects")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let existing = subjects.clone();
            let mut added = false;
            for w in &wanted {
                if !existing.iter().any(|e| same_subject(e, w)) {
                    subjects.push(w.clone());
                    added = true;
                }
            }
            if !added {
                return Ok(Changed::Skip);
            }
            obj["subjects"] = Value::Array(subjects);
            Ok(Changed::Diff)
        })
        .await
}

/// Go's `==` on `rbacv1.Subject` (absent and empty fields are equal).
fn same_subject(a: &Value, b: &Value) -> bool {
    ["kind", "apiGroup", "name", "namespace"].iter().all(|k| {
        let f = |v: &Value| v.get(*k).and_then(Value::as_str).unwrap_or("").to_string();
        f(a) == f(b)
    })
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str =
    r#"Update the user, group, or service account in a role binding or cluster role binding."#;
