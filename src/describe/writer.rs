//! kubectl's describe `PrefixWriter`: every line is written at an indentation level (two
//! spaces per level) into one Go tab writer (minwidth 0, padding 2), so `Key:\tvalue` pairs
//! align over each block of consecutive tabbed lines. `flush` ends the current alignment
//! block early, as kubectl does before the Events table.

use crate::printers::tabwriter::TabWriter;

/// Indented, tab-aligned text for one describe report.
pub struct PrefixWriter {
    tw: TabWriter,
    out: String,
}

impl Default for PrefixWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl PrefixWriter {
    /// An empty report.
    pub fn new() -> Self {
        PrefixWriter {
            tw: TabWriter::new(0, 2, false),
            out: String::new(),
        }
    }

    /// Write `text` indented by `level` (two spaces each). `text` carries its own `\t`s and
    /// `\n`.
    pub fn write(&mut self, level: usize, text: &str) {
        self.tw.write(&"  ".repeat(level));
        self.tw.write(text);
    }

    /// A line ending: `kubectl`'s `WriteLine` (the text then `\n`, no indentation).
    pub fn line(&mut self, text: &str) {
        self.tw.write(text);
        self.tw.write("\n");
    }

    /// End the current alignment block.
    pub fn flush(&mut self) {
        let s = self.tw.flush();
        self.out.push_str(&s);
    }

    /// The finished text.
    pub fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_align_per_block() {
        let mut w = PrefixWriter::new();
        w.write(0, "Name:\tweb\n");
        w.write(0, "Namespace:\tdefault\n");
        w.write(0, "IPs:\n");
        w.write(1, "IP:\t10.0.0.1\n");
        w.write(0, "Controlled By:\tReplicaSet/web\n");
        assert_eq!(
            w.finish(),
            "Name:       web\nNamespace:  default\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\n"
        );
    }

    #[test]
    fn flush_splits_blocks() {
        let mut w = PrefixWriter::new();
        w.write(0, "A:\t1\n");
        w.flush();
        w.write(0, "Longer key:\t2\n");
        assert_eq!(w.finish(), "A:  1\nLonger key:  2\n");
    }
}
