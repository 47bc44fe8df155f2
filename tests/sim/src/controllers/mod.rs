//! Controllers: one file per controller (issue 3).
