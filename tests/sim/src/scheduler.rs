//! TODO(owner): see module docs in the issue.
