//! Page text (what `document.body.innerText` gives) → `Page`: one node per line.

use crate::page::{Attrs, NodeKind, Page};

/// Builds a page with one `Line` node per input line (any of `\n`, `\r\n`, `\r`). Blank lines
/// become nodes too (the block builder skips them) so `source` stays the line number.
pub fn page_from_text(text: &str) -> Page {
    let mut page = Page::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Lone `\r` (old Mac line ends) also end a line; numbering stays by `\n` lines.
        for part in line.split('\r') {
            page.push(
                Page::ROOT,
                NodeKind::Line,
                Attrs::default(),
                match part.contains('\u{0}') {
                    true => part.replace('\u{0}', "").into(),
                    false => std::borrow::Cow::Borrowed(part),
                },
                i,
            );
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_node_per_line() {
        let p = page_from_text("a\r\nb\n\nc\rd");
        let lines: Vec<(&str, usize)> = (1..p.nodes.len())
            .map(|id| (p.text(id), p.nodes[id].source()))
            .collect();
        assert_eq!(lines, vec![("a", 0), ("b", 1), ("", 2), ("c", 3), ("d", 3)]);
    }

    #[test]
    fn bom_and_nul_are_dropped() {
        let p = page_from_text("\u{FEFF}x\u{0}y");
        assert_eq!(p.text(1), "xy");
    }
}
