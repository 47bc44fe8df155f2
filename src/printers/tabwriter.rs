//! A port of the tab writer kubectl aligns every table with (`github.com/liggitt/tabwriter`,
//! a fork of Go's `text/tabwriter` adding `RememberWidths`), configured as kubectl's
//! `GetNewTabWriter`: minwidth 6, padding 3, pad char ' ', `RememberWidths`.
//!
//! Why hand-written (measured against `kubectl get` on a fake API server): the `tabwriter`
//! crate pads the last cell of a line and has no remembered widths; comfy-table draws its own
//! layout. Both differ from kubectl on trailing cells (kubectl never pads the last cell but
//! pads empty cells before it, leaving trailing spaces), on Go's column *blocks* (a column
//! only aligns over consecutive lines that have a tab-terminated cell in it — a cell with a
//! raw tab shifts the rest of its row, exactly as in kubectl), and on widths remembered across
//! flushes (`get -w` rows keep the widths of earlier rows; a wider value grows the column).
//! Widths are rune counts, like Go. With [`TabWriter::colour_escapes`] (only when kk colours
//! its output) SGR escape sequences count as zero-width, so coloured cells align as plain
//! ones; otherwise an ESC counts as one rune, as in Go.

#[derive(Default, Clone, Debug)]
struct Cell {
    text: String,
    width: usize,
}

#[derive(Debug)]
pub struct TabWriter {
    minwidth: usize,
    padding: usize,
    remember: bool,
    maxwidths: Vec<usize>,
    lines: Vec<Vec<Cell>>,
    cell: Cell,
    widths: Vec<usize>,
    out: String,
    escapes: bool,
}

impl Default for TabWriter {
    fn default() -> Self {
        Self::kubectl()
    }
}

impl TabWriter {
    /// kubectl's table writer (`printers.GetNewTabWriter`).
    pub fn kubectl() -> Self {
        Self::new(6, 3, true)
    }

    pub fn new(minwidth: usize, padding: usize, remember_widths: bool) -> Self {
        TabWriter {
            minwidth,
            padding,
            remember: remember_widths,
            maxwidths: Vec::new(),
            lines: vec![Vec::new()],
            cell: Cell::default(),
            widths: Vec::new(),
            out: String::new(),
            escapes: false,
        }
    }

    /// Count colour escape sequences (`ESC [ ... m`) as zero-width: for output kk colours
    /// itself (cells from objects have their ESCs escaped before they get here).
    pub fn colour_escapes(mut self, on: bool) -> Self {
        self.escapes = on;
        self
    }

    /// Forgets remembered column widths (kubectl does this between resource kinds).
    pub fn reset_widths(&mut self) {
        self.maxwidths.clear();
    }

    /// Buffers text; `\t`/`\v` end a cell, `\n`/`\f` end a line. A line without tabs flushes
    /// everything buffered so far (Go's behaviour), as does `\f`.
    pub fn write(&mut self, s: &str) {
        let mut chars = s.char_indices();
        while let Some((i, c)) = chars.next() {
            if self.escapes
                && c == '\u{1b}'
                && let Some(n) = crate::ui::colour::escape_len(&s[i..])
            {
                self.cell.text.push_str(&s[i..i + n]);
                for _ in 1..n {
                    chars.next();
                }
                continue;
            }
            match c {
                '\t' | '\u{b}' | '\n' | '\u{c}' => {
                    let cell = std::mem::take(&mut self.cell);
                    let line = self.lines.last_mut().expect("always one line");
                    line.push(cell);
                    let ncells = line.len();
                    if c == '\n' || c == '\u{c}' {
                        self.lines.push(Vec::new());
                        if c == '\u{c}' || ncells == 1 {
                            self.flush_into_out();
                        }
                    }
                }
                c => {
                    self.cell.text.push(c);
                    self.cell.width += 1;
                }
            }
        }
    }

    /// Formats everything buffered and returns all output produced since the last call.
    pub fn flush(&mut self) -> String {
        self.flush_into_out();
        std::mem::take(&mut self.out)
    }

    fn flush_into_out(&mut self) {
        if !self.cell.text.is_empty() {
            let cell = std::mem::take(&mut self.cell);
            self.lines.last_mut().expect("always one line").push(cell);
        }
        let n = self.lines.len();
        self.format(0, n);
        self.lines = vec![Vec::new()];
        self.widths.clear();
        self.cell = Cell::default();
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for i in line0..line1 {
            for (j, c) in self.lines[i].iter().enumerate() {
                self.out.push_str(&c.text);
                if let Some(&w) = self.widths.get(j) {
                    for _ in c.width..w {
                        self.out.push(' ');
                    }
                }
            }
            if i + 1 != self.lines.len() {
                self.out.push('\n');
            }
        }
    }

    fn format(&mut self, mut line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(line0, this);
            line0 = this;
            let mut width = self.minwidth;
            while this < line1 {
                let line = &self.lines[this];
                if column + 1 >= line.len() {
                    break;
                }
                width = width.max(line[column].width + self.padding);
                this += 1;
            }
            if self.remember {
                if self.maxwidths.len() < self.widths.len() {
                    let from = self.maxwidths.len();
                    self.maxwidths.extend_from_slice(&self.widths[from..]);
                }
                let col = self.widths.len();
                if self.maxwidths.len() == col {
                    self.maxwidths.push(width);
                } else if self.maxwidths[col] > width {
                    width = self.maxwidths[col];
                } else {
                    self.maxwidths[col] = width;
                }
            }
            self.widths.push(width);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(line0, line1);
    }
}

/// Aligns a whole buffered block with a fresh kubectl tab writer.
pub fn align(text: &str) -> String {
    let mut w = TabWriter::kubectl();
    w.write(text);
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_all_but_the_last_cell() {
        assert_eq!(
            align("NAME\tREADY\tAGE\nweb\t1/1\t5m\ndb-long-name-here\t0/1\t3h4m\n"),
            "NAME                READY   AGE\nweb                 1/1     5m\ndb-long-name-here   0/1     3h4m\n"
        );
        // Empty trailing cells still pad the previous columns (kubectl -L with no label).
        assert_eq!(
            align("A\tB\tY\nweb\tfe\t\n"),
            "A     B     Y\nweb   fe    \n"
        );
    }

    #[test]
    fn column_blocks_follow_go() {
        // A raw tab inside a cell adds a column only for that row (kubectl -o wide output).
        let got = align("N\tNOM\tAGE\nweb\t<none>\t5m\nmulti\tx\ty\t1d\n");
        assert_eq!(
            got,
            "N       NOM      AGE\nweb     <none>   5m\nmulti   x        y     1d\n"
        );
        // A line without tabs ends the block: widths are computed separately on each side.
        assert_eq!(
            align("a\tb\n\nlonger-name\tc\n"),
            "a     b\n\nlonger-name   c\n"
        );
    }

    #[test]
    fn remembers_widths_across_flushes() {
        let mut w = TabWriter::kubectl();
        w.write("NAME\tSTATUS\nweb\tRunning\n");
        assert_eq!(w.flush(), "NAME   STATUS\nweb    Running\n");
        w.write("a-much-longer-name\tPending\n");
        assert_eq!(w.flush(), "a-much-longer-name   Pending\n");
        w.write("x\tDone\n");
        assert_eq!(w.flush(), "x                    Done\n");
        w.reset_widths();
        w.write("x\tDone\n");
        assert_eq!(w.flush(), "x     Done\n");
    }

    #[test]
    fn colour_escapes_are_zero_width_when_asked() {
        let text = "A\tB\n\x1b[31mlong-name\x1b[0m\tx\n";
        let mut w = TabWriter::kubectl().colour_escapes(true);
        w.write(text);
        assert_eq!(w.flush(), "A           B\n\x1b[31mlong-name\x1b[0m   x\n");
        // Go counts an ESC as one rune; so does kk when it is not colouring.
        assert_eq!(align("\x1b\tx\n"), "\x1b     x\n");
    }

    #[test]
    fn unicode_counts_runes_and_partial_lines() {
        assert_eq!(align("日本\tb\nx\tc"), "日本    b\nx     c");
    }
}
