//! How a visit's failures add up, in kubectl's order and shape.
//!
//! kubectl's builder (`ContinueOnError`) collects two kinds of failures. Those that happen
//! while *finding* objects — a manifest that does not decode or map, a list that fails, the
//! `Latest()` GET of a manifest's object — are gathered by its `EagerVisitorList` and come
//! back as one aggregate *after* everything else. Those that happen while *acting* on an
//! object — the verb's own request, the lazy GET of a `TYPE NAME` argument — are collected in
//! order as they happen. The visit's error is `[acting..., aggregate(finding)]`, unwrapped
//! when it holds one error. Write verbs return it as is; `get` and `describe` wrap it in one
//! more aggregate. `error.rs` renders `Error::Many` like `cmdutil.CheckErr` (one level of
//! single-error unwrapping, `[a, b]` for nested aggregates), so the shapes decide the text:
//! `error: unable to decode ...` from `delete -f`, the same line without `error: ` from
//! `get -f`.

use crate::ctx::Ctx;
use crate::error::Error;

/// apimachinery's `IsNotFound`: reason `NotFound`, or code 404 with no known reason.
pub fn is_not_found(e: &kube::Error) -> bool {
    matches!(e, kube::Error::Api(s) if status_not_found(s))
}

/// [`is_not_found`] for kk's [`Error`] (a single API error, never an aggregate).
pub fn error_is_not_found(e: &Error) -> bool {
    matches!(e, Error::Api(s) if status_not_found(s))
}

fn status_not_found(s: &kube::core::Status) -> bool {
    s.reason == "NotFound" || (s.code == 404 && s.reason.is_empty())
}

/// kubectl's `AddSourceToErr`: an API error about an object read from `source` gets
/// `error when <verb> "<source>": ` in front of its message.
pub fn error_when(ctx: &Ctx, verb: &str, source: Option<&str>, e: kube::Error) -> Error {
    match (source, e) {
        (Some(src), kube::Error::Api(mut s)) => {
            s.message = format!("error when {verb} {src:?}: {}", s.message);
            Error::Api(s)
        }
        (_, e) => ctx.kube_error(e),
    }
}

/// The failures of one visit.
#[derive(Debug, Default)]
pub(super) struct Failures {
    /// Acting on objects (in order).
    pub(super) acting: Vec<Error>,
    /// Finding objects (in document order), reported after the acting ones.
    pub(super) finding: Vec<Error>,
    /// `--ignore-not-found`: kubectl's `Result.IgnoreErrors(IsNotFound)`.
    pub(super) ignore_not_found: bool,
}

impl Failures {
    /// The visit's error as kubectl's `Result.Visit` returns it (`None`: no failure).
    pub(super) fn into_error(self) -> Option<Error> {
        let mut errs = self.acting;
        if !self.finding.is_empty() {
            errs.push(Error::Many(self.finding));
        }
        let err = match errs.len() {
            0 => return None,
            1 => errs.pop()?,
            _ => Error::Many(errs),
        };
        if self.ignore_not_found {
            filter_out(err, &error_is_not_found)
        } else {
            Some(err)
        }
    }
}

/// apimachinery's `FilterOut`: drop matching errors from (nested) aggregates; an aggregate
/// left empty disappears.
fn filter_out(e: Error, matches: &dyn Fn(&Error) -> bool) -> Option<Error> {
    match e {
        Error::Many(errs) => {
            let kept: Vec<Error> = errs
                .into_iter()
                .filter_map(|e| filter_out(e, matches))
                .collect();
            (!kept.is_empty()).then_some(Error::Many(kept))
        }
        e if matches(&e) => None,
        e => Some(e),
    }
}

/// `get` and `describe` wrap the visit's error with their own (printing) failures in one
/// more aggregate: `utilerrors.NewAggregate(allErrs)`.
pub fn aggregate(errors: Vec<Error>) -> crate::error::Result<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Many(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(reason: &str, code: u16, msg: &str) -> Error {
        let mut s = kube::core::Status::failure(msg, reason);
        s.code = code;
        Error::Api(Box::new(s))
    }

    fn render(e: Option<Error>) -> String {
        e.and_then(|e| e.render()).unwrap_or_default()
    }

    fn decode(f: &str) -> Error {
        Error::msg(format!("unable to decode {f:?}"))
    }

    #[test]
    fn write_verbs_return_the_visit_error() {
        // delete -f nokind.yaml: one finding error, printed through CheckErr's default.
        let f = Failures {
            finding: vec![decode("a")],
            ..Default::default()
        };
        assert_eq!(render(f.into_error()), "error: unable to decode \"a\"\n");
        // Acting errors first, then the finding aggregate as Go prints a nested one.
        let f = Failures {
            acting: vec![api("NotFound", 404, "x not found")],
            finding: vec![decode("a"), decode("b")],
            ..Default::default()
        };
        assert_eq!(
            render(f.into_error()),
            "Error from server (NotFound): x not found\n[unable to decode \"a\", unable to decode \"b\"]\n"
        );
        let f = Failures {
            finding: vec![decode("a"), api("NotFound", 404, "x not found")],
            ..Default::default()
        };
        assert_eq!(
            render(f.into_error()),
            "unable to decode \"a\"\nError from server (NotFound): x not found\n"
        );
    }

    #[test]
    fn get_wraps_it_once_more() {
        let f = Failures {
            finding: vec![decode("a")],
            ..Default::default()
        };
        let e = aggregate(f.into_error().into_iter().collect()).unwrap_err();
        assert_eq!(e.render().unwrap(), "unable to decode \"a\"\n");
    }

    #[test]
    fn ignore_not_found_filters_nested() {
        let f = Failures {
            acting: vec![api("NotFound", 404, "gone")],
            finding: vec![api("NotFound", 404, "gone too")],
            ignore_not_found: true,
        };
        assert!(f.into_error().is_none());
        assert!(is_not_found(&kube::Error::Api(Box::new(
            kube::core::Status::failure("x", "").with_code(404)
        ))));
        assert!(!error_is_not_found(&api("Forbidden", 404, "x")));
    }
}
