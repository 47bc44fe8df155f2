//! Patches as kubectl computes them.

pub mod merge;
