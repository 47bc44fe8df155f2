//! kk integration tests (placeholder until the harness lands).
