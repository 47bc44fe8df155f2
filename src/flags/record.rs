//! kubectl's deprecated `--record` (cli-runtime's `RecordFlags`): with `--record[=true]`
//! the verb writes the command line into the object's `kubernetes.io/change-cause`
//! annotation, which `rollout history` shows. The flag is hidden from help as cobra hides a
//! deprecated flag, and using it at all prints cobra's deprecation line on stderr.
//!
//! The recorded line is kubectl's `parseCommandArguments`: the program's base name, the
//! words that are not flags (subcommand names included), then every flag as typed, in
//! order, as `--long-name=value` (`true` for a bare boolean).

use serde_json::{Map, Value};

use super::Pflag;
use crate::ctx::Ctx;
use crate::error::Result;

/// The annotation `--record` writes.
pub const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// `--record`, on the verbs kubectl 1.33 still offers it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RecordFlags {
    /// Record current kubectl command in the resource annotation. If set to false, do not
    /// record the command. If set to true, record the command. If not set, default to
    /// updating the existing annotation value only if one already exists.
    #[arg(long, pflag_bool(), hide = true)]
    pub record: Option<bool>,
}

impl RecordFlags {
    /// cobra's deprecation notice (whenever the flag is given), then the change cause to
    /// record: `Some` only for `--record=true`.
    pub fn recorder(&self, ctx: &Ctx) -> Result<Option<String>> {
        if self.record.is_some() {
            ctx.ui().eprint(
                "Flag --record has been deprecated, --record will be removed in the future\n",
            )?;
        }
        Ok((self.record == Some(true)).then(|| change_cause(&ctx.app(), ctx.argv())))
    }
}

/// `ChangeCauseRecorder.Record`: the annotation set on `obj`.
pub fn record(obj: &mut Value, cause: &str) {
    let Some(obj) = obj.as_object_mut() else {
        return;
    };
    let meta = object_at(obj, "metadata");
    let annotations = object_at(meta, "annotations");
    annotations.insert(CHANGE_CAUSE.into(), Value::String(cause.to_string()));
}

/// `MakeRecordMergePatch`: the JSON merge patch that records `cause` on `obj` (`{}` when it
/// is already there).
pub fn record_merge_patch(obj: &Value, cause: &str) -> Value {
    let current = obj
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(CHANGE_CAUSE))
        .and_then(Value::as_str);
    if current == Some(cause) {
        return Value::Object(Map::new());
    }
    serde_json::json!({"metadata": {"annotations": {CHANGE_CAUSE: cause}}})
}

fn object_at<'a>(m: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let v = m.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    v.as_object_mut().expect("just made an object")
}

/// kubectl's `parseCommandArguments` over `argv` (the process's arguments, program first),
/// with `app` telling which flags take a value. `""` when the line does not parse.
pub fn change_cause(app: &clap::Command, argv: &[String]) -> String {
    let Some((program, words)) = argv.split_first() else {
        return String::new();
    };
    let base = program.rsplit('/').next().unwrap_or(program);
    let mut cmd = app;
    let mut descending = true;
    let mut args: Vec<&str> = Vec::new();
    let mut flags = String::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        i += 1;
        if w == "--" {
            args.extend(words[i..].iter().map(String::as_str));
            break;
        }
        if let Some(long) = w.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let Some(arg) = find(cmd, app, |a| a.get_long() == Some(name)) else {
                return String::new();
            };
            let value = match inline {
                Some(v) => v.to_string(),
                None => match value_of(arg, words.get(i)) {
                    Some((v, used)) => {
                        i += used;
                        v
                    }
                    None => return String::new(),
                },
            };
            flags.push_str(&format!(" --{}={value}", arg.get_long().unwrap_or(name)));
            continue;
        }
        if let Some(shorts) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            let chars: Vec<char> = shorts.chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                let Some(arg) = find(cmd, app, |a| a.get_short() == Some(c)) else {
                    return String::new();
                };
                let rest: String = chars[j + 1..].iter().collect();
                let long = arg.get_long().map_or_else(|| c.to_string(), str::to_string);
                let optional = optional_value(arg);
                let value = if let Some(v) = rest.strip_prefix('=') {
                    j = chars.len();
                    v.to_string()
                } else if optional || !takes_value(arg) {
                    j += 1;
                    missing_value(arg)
                } else if !rest.is_empty() {
                    j = chars.len();
                    rest
                } else {
                    j = chars.len();
                    match words.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => return String::new(),
                    }
                };
                flags.push_str(&format!(" --{long}={value}"));
            }
            continue;
        }
        if descending && let Some(sub) = cmd.find_subcommand(w) {
            cmd = sub;
        } else {
            descending = false;
        }
        args.push(w);
    }
    let args = if args.is_empty() {
        String::new()
    } else {
        format!(" {}", args.join(" "))
    };
    format!("{base}{args}{flags}")
}

/// The flag of `cmd` (or a global one of `app`) that `is` picks.
fn find<'a>(
    cmd: &'a clap::Command,
    app: &'a clap::Command,
    is: impl Fn(&clap::Arg) -> bool,
) -> Option<&'a clap::Arg> {
    cmd.get_arguments()
        .chain(app.get_arguments())
        .find(|a| !a.is_positional() && is(a))
}

fn takes_value(arg: &clap::Arg) -> bool {
    arg.get_num_args().is_none_or(|n| n.takes_values())
        && !matches!(
            arg.get_action(),
            clap::ArgAction::SetTrue | clap::ArgAction::SetFalse | clap::ArgAction::Count
        )
}

/// Whether the flag's value is optional (pflag's `NoOptDefVal`: `--x` alone has a value).
fn optional_value(arg: &clap::Arg) -> bool {
    takes_value(arg) && arg.get_num_args().is_some_and(|n| n.min_values() == 0)
}

/// The value a flag has when given bare (pflag's `NoOptDefVal`, `true` for a boolean):
/// what clap makes of the flag alone.
fn missing_value(arg: &clap::Arg) -> String {
    let id = arg.get_id().as_str().to_string();
    let word = match (arg.get_long(), arg.get_short()) {
        (Some(l), _) => format!("--{l}"),
        (None, Some(c)) => format!("-{c}"),
        (None, None) => return "true".into(),
    };
    let probe = clap::Command::new("probe")
        .no_binary_name(true)
        .arg(arg.clone().required(false).global(false));
    probe
        .try_get_matches_from([word])
        .ok()
        .and_then(|m| {
            m.get_raw(&id)
                .and_then(|mut v| v.next())
                .map(|v| v.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "true".into())
}

/// A bare `--flag`'s value: its `NoOptDefVal`, or the next word (and how many words that
/// used).
fn value_of(arg: &clap::Arg, next: Option<&String>) -> Option<(String, usize)> {
    if optional_value(arg) || !takes_value(arg) {
        return Some((missing_value(arg), 0));
    }
    next.map(|v| (v.clone(), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(line: &str) -> String {
        let argv: Vec<String> = line.split(' ').map(str::to_string).collect();
        change_cause(&crate::cli::command(), &argv)
    }

    #[test]
    fn the_line_as_kubectl_records_it() {
        assert_eq!(
            cause("/usr/bin/kk -n bk set image deploy/web nginx=nginx:3 --record"),
            "kk set image deploy/web nginx=nginx:3 --namespace=bk --record=true"
        );
        assert_eq!(
            cause("kk scale deploy/web --replicas 2 --record=true -v=6"),
            "kk scale deploy/web --replicas=2 --record=true --v=6"
        );
        assert_eq!(
            cause("kk set resources deploy web -c=nginx --limits=cpu=1 --dry-run --record"),
            "kk set resources deploy web --containers=nginx --limits=cpu=1 --dry-run=unchanged --record=true"
        );
        assert_eq!(
            cause("kk run x --image=i --record -- sh -c true"),
            "kk run x sh -c true --image=i --record=true"
        );
        assert_eq!(cause("kk scale --nope deploy/web"), "");
    }
}
