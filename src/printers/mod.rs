//! Printers: pure functions from objects to bytes.
