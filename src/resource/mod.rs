//! Resource arguments: parsing kubectl's positional forms (`TYPE`, `TYPE NAME...`,
//! `TYPE/NAME...`, `T1,T2`, categories such as `all`) and resolving type names against
//! discovery ([`Resolver`], backed by the disk cache in [`discovery`]). [`builder`] turns
//! arguments plus `-f`/`-l`/`-A` into concrete targets for any verb.

pub mod builder;
pub mod discovery;
pub mod mapper;
pub mod openapi;
pub mod polymorphic;
pub mod request;
pub mod scheme;
pub mod selector;
pub mod url;
pub mod visit;

use std::path::PathBuf;

pub use discovery::{ApiResource, Discovery};

use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// The positional arguments of a resource verb, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Args {
    /// Nothing given.
    Empty,
    /// `TYPE[,TYPE...] [NAME...]` (types still unresolved and unexpanded).
    Types {
        /// The type list of the first argument, split on commas, deduplicated.
        types: Vec<String>,
        /// The names after it.
        names: Vec<String>,
    },
    /// `TYPE/NAME ...`.
    Pairs(Vec<(String, String)>),
}

/// kubectl's `SplitResourceArgument`: split on commas, drop empties and duplicates.
pub fn split_types(arg: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in arg.split(',').filter(|t| !t.is_empty()) {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Parse positional arguments with the resource builder's rules and error texts.
pub fn parse_args(args: &[String]) -> Result<Args> {
    let slashes = args.iter().filter(|a| a.contains('/')).count();
    if slashes > 0 && slashes != args.len() {
        return Err(Error::msg(
            "there is no need to specify a resource type as a separate argument when passing \
             arguments in resource/name form (e.g. 'kk get resource/<resource_name>' instead of \
             'kk get resource resource/<resource_name>'",
        ));
    }
    if slashes > 0 {
        let mut pairs = Vec::new();
        for a in args {
            let seg: Vec<&str> = a.split('/').collect();
            if seg.len() != 2 {
                return Err(Error::msg(
                    "arguments in resource/name form may not have more than one slash",
                ));
            }
            let (r, n) = (seg[0], seg[1]);
            if r.is_empty() || n.is_empty() || split_types(r).len() != 1 {
                return Err(Error::msg(
                    "arguments in resource/name form must have a single resource and name",
                ));
            }
            pairs.push((r.to_string(), n.to_string()));
        }
        return Ok(Args::Pairs(pairs));
    }
    match args.split_first() {
        None => Ok(Args::Empty),
        Some((first, rest)) => Ok(Args::Types {
            types: split_types(first),
            names: rest.to_vec(),
        }),
    }
}

/// Discovery-backed type resolution for one invocation: reads the disk cache, fetches on a
/// miss or expiry, and re-discovers once when a name is unknown to a cached copy.
pub struct Resolver {
    client: kube::Client,
    server: String,
    cache: Option<PathBuf>,
    disco: Discovery,
    fresh: bool,
}

impl Resolver {
    /// Load discovery for the current cluster (cache first).
    pub async fn new(ctx: &Ctx) -> Result<Self> {
        let client = ctx.client().await?;
        let settings = ctx.client_settings().await?;
        let base = ctx.cache_dir();
        let url = settings.config.cluster_url.to_string();
        let cache = base.map(|b| discovery::cache_dir_for(&b, url.trim_end_matches('/')));
        let mut r = Resolver {
            client,
            server: settings.server.clone(),
            cache,
            disco: Discovery::default(),
            fresh: false,
        };
        match r.cache.as_deref().and_then(discovery::read_cache) {
            Some(d) => r.disco = d,
            None => r.refresh().await?,
        }
        Ok(r)
    }

    /// Fetch discovery from the server now and rewrite the cache.
    pub async fn refresh(&mut self) -> Result<()> {
        self.disco = discovery::fetch(&self.client)
            .await
            .map_err(|e| Error::from_kube(&self.server, e))?;
        self.fresh = true;
        if let Some(dir) = &self.cache {
            discovery::write_cache(dir, &self.disco);
        }
        Ok(())
    }

    /// Whether discovery was fetched from the server during this run.
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// The discovery data in use.
    pub fn discovery(&self) -> &Discovery {
        &self.disco
    }

    /// Resolve one type name; warnings (ambiguous short names) go to `ctx`'s stderr.
    pub async fn resolve(&mut self, ctx: &Ctx, arg: &str) -> Result<ApiResource> {
        let found = match self.disco.resolve(arg) {
            Ok(r) => r,
            Err(miss) if self.fresh => return Err(miss.into_error()),
            Err(_) => {
                self.refresh().await?;
                self.disco.resolve(arg).map_err(|m| m.into_error())?
            }
        };
        for w in &found.warnings {
            ctx.ui().warn(w)?;
        }
        Ok(found.resource)
    }

    /// kubectl's `ReplaceAliases`: each comma-separated entry naming a category becomes
    /// the category's resources. Unknown entries stay as they are.
    pub async fn expand_categories(&mut self, types: &[String]) -> Result<Vec<String>> {
        if types
            .iter()
            .any(|t| self.disco.expand_category(t).is_none() && t == "all")
            && !self.fresh
        {
            self.refresh().await?;
        }
        let mut out = Vec::new();
        for t in types {
            match self.disco.expand_category(t) {
                Some(list) => out.extend(list),
                None => out.push(t.clone()),
            }
        }
        let joined = out.join(",");
        Ok(split_types(&joined))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Args> {
        let v: Vec<String> = s.split_whitespace().map(String::from).collect();
        parse_args(&v)
    }

    fn err(s: &str) -> String {
        p(s).unwrap_err().to_string()
    }

    #[test]
    fn forms() {
        assert_eq!(p("").unwrap(), Args::Empty);
        assert_eq!(
            p("pods,svc,pods a b").unwrap(),
            Args::Types {
                types: vec!["pods".into(), "svc".into()],
                names: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            p("pod/a svc/b").unwrap(),
            Args::Pairs(vec![("pod".into(), "a".into()), ("svc".into(), "b".into())])
        );
        assert_eq!(
            p("pods svc").unwrap(),
            Args::Types {
                types: vec!["pods".into()],
                names: vec!["svc".into()]
            }
        );
    }

    #[test]
    fn errors() {
        assert!(err("pods pod/a").starts_with("there is no need to specify a resource type"));
        assert_eq!(
            err("pod/a/b"),
            "arguments in resource/name form may not have more than one slash"
        );
        assert_eq!(
            err("pod,svc/a"),
            "arguments in resource/name form must have a single resource and name"
        );
        assert_eq!(
            err("pod/"),
            "arguments in resource/name form must have a single resource and name"
        );
    }
}
