//! kubectl's describe `PrefixWriter`: every line is written at an indentation level (two
//! spaces per level) into one Go tab writer (minwidth 0, padding 2), so `Key:\tvalue` pairs
//! align over each block of consecutive tabbed lines. `flush` ends the current alignment
//! block early, as kubectl does before the Events table.
//!
//! On a colour terminal the writer colours what describers already mark as a key (the text
//! before a line's first tab when it ends with `:`, or a whole line ending with `:`), and
//! the values of `Status:`, `State:` and `Reason:` by meaning; describers write plain text.

use crate::printers::tabwriter::TabWriter;
use crate::ui::colour::{Colour, Style};

/// Indented, tab-aligned text for one describe report.
pub struct PrefixWriter {
    tw: TabWriter,
    out: String,
    colour: Colour,
}

impl Default for PrefixWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl PrefixWriter {
    /// An empty report.
    pub fn new() -> Self {
        Self::coloured(Colour::OFF)
    }

    /// An empty report in `colour` (stdout's decision, `Ui::colour`).
    pub fn coloured(colour: Colour) -> Self {
        PrefixWriter {
            tw: TabWriter::new(0, 2, false).colour_escapes(colour.is_on()),
            out: String::new(),
            colour,
        }
    }

    /// The report's colour, for describers that colour a cell themselves (warning events).
    pub fn colour(&self) -> Colour {
        self.colour
    }

    /// Write `text` indented by `level` (two spaces each). `text` carries its own `\t`s and
    /// `\n`. Each write starts a line.
    pub fn write(&mut self, level: usize, text: &str) {
        self.tw.write(&"  ".repeat(level));
        if self.colour.is_on() {
            let text: String = text
                .split_inclusive('\n')
                .map(|l| self.colour_line(l))
                .collect();
            self.tw.write(&text);
        } else {
            self.tw.write(text);
        }
    }

    /// One line with its key (and a state's value) coloured.
    fn colour_line(&self, line: &str) -> String {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let indent = body.len() - body.trim_start_matches(' ').len();
        let (pad, body) = body.split_at(indent);
        match body.split_once('\t') {
            Some((key, value)) if key.ends_with(':') && !key.is_empty() => {
                let value = match key {
                    "Status:" | "State:" | "Reason:" if !value.contains('\t') => {
                        self.colour.status(value)
                    }
                    _ => value.to_string(),
                };
                let key = self.colour.paint(Style::Key, key);
                format!("{pad}{key}\t{value}{nl}")
            }
            None if body.ends_with(':') => {
                format!("{pad}{}{nl}", self.colour.paint(Style::Key, body))
            }
            _ => line.to_string(),
        }
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
    fn colours_keys_and_states() {
        let mut w = PrefixWriter::coloured(Colour::ON);
        w.write(0, "Name:\tweb\n");
        w.write(0, "Status:\tRunning\n");
        w.write(0, "Containers:\n");
        w.write(1, "\tcontinued: value\n");
        assert_eq!(
            w.finish(),
            "\x1b[36mName:\x1b[0m    web\n\x1b[36mStatus:\x1b[0m  \x1b[32mRunning\x1b[0m\n\x1b[36mContainers:\x1b[0m\n    continued: value\n"
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
