//! What an error shows of its file, bounded however large the file.
//!
//! An error quotes the lines around its place, each cut to [`LINE_MAX`] bytes
//! around the place, and no more than [`SPAN_LINES`] lines of a span; the
//! header still names the true line and column. Without the cut, a 70 KB line
//! made messages of hundreds of kilobytes, and a column past 65 535 panicked
//! miette's renderer (format widths are 16-bit). Messages that echo input are
//! elided to [`MESSAGE_MAX`] bytes by [`elide`].

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::ops::Range;

/// Most bytes of one quoted line.
pub const LINE_MAX: usize = 160;
/// Most lines of a span shown; a longer span is cut to its first line.
pub const SPAN_LINES: usize = 12;
/// Most bytes of a message, label or hint.
pub const MESSAGE_MAX: usize = 400;
/// Bytes shown before the start of a span on a cut line.
const LEAD: usize = 60;
const ELLIPSIS: &str = "…";

/// Lines of a file around a span, cut to size, knowing where they were.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based line in the file of the excerpt's first line.
    first_line: usize,
    /// 0-based line in the excerpt of the span's start.
    span_line: usize,
    /// True column of the excerpt's column 0 on the span's line, less the
    /// bytes of the "…" put in front of it.
    shift: isize,
}

impl Excerpt {
    /// The excerpt of `text` around the byte range `span`, and the span
    /// within the excerpt.
    pub fn new(name: &str, text: &str, span: Range<usize>) -> (Excerpt, SourceSpan) {
        let span = on_chars(text, span);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
        let l0 = line_of(span.start);
        let mut l1 = line_of(span.end.saturating_sub(1).max(span.start));
        let mut end = span.end;
        if l1 - l0 >= SPAN_LINES {
            l1 = l0;
            end = line_end(text, &starts, l0).max(span.start);
        }
        let (first, last) = (l0.saturating_sub(1), (l1 + 1).min(starts.len() - 1));
        let mut out = String::new();
        let (mut new_start, mut new_end, mut shift) = (0, 0, 0);
        for l in first..=last {
            let line = &text[starts[l]..line_end(text, &starts, l)];
            let focus = (l == l0).then(|| span.start - starts[l]);
            let (ws, we) = window(line, focus);
            let lead = if ws > 0 { ELLIPSIS } else { "" };
            let at = |col: usize| out.len() + lead.len() + col.clamp(ws, we) - ws;
            if l == l0 {
                new_start = at(span.start - starts[l]);
                shift = ws as isize - lead.len() as isize;
            }
            if l == l1 {
                new_end = at(end - starts[l]).max(new_start);
            }
            out.push_str(lead);
            out.push_str(&line[ws..we]);
            out.push_str(if we < line.len() { ELLIPSIS } else { "" });
            if l < last {
                out.push('\n');
            }
        }
        let excerpt = Excerpt {
            name: name.to_string(),
            text: out,
            first_line: first,
            span_line: l0 - first,
            shift,
        };
        (excerpt, (new_start..new_end).into())
    }
}

impl Excerpt {
    /// The file's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 1-based line and column in the file of `span` (a span of this excerpt).
    pub fn place(&self, span: &SourceSpan) -> Option<(usize, usize)> {
        let c = self.read_span(span, 0, 0).ok()?;
        Some((c.line() + 1, c.column() + 1))
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let c = self.text.read_span(span, before, after)?;
        // Only a read without lines before starts mid-line (the header's).
        let column = if before == 0 && c.line() == self.span_line {
            (c.column() as isize + self.shift).max(0) as usize
        } else {
            c.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            *c.span(),
            c.line() + self.first_line,
            column,
            c.line_count(),
        )))
    }
}

/// `span` clamped to `text` and moved onto character boundaries.
fn on_chars(text: &str, span: Range<usize>) -> Range<usize> {
    let back = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = back(span.start);
    start..back(span.end).max(start)
}

/// Where line `l` ends (before its newline and any carriage return).
fn line_end(text: &str, starts: &[usize], l: usize) -> usize {
    let end = starts.get(l + 1).map_or(text.len(), |&s| s - 1);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

/// The byte window of `line` to show: all of a short line; of a long one,
/// [`LINE_MAX`] bytes from a little before `focus` (or from its start).
fn window(line: &str, focus: Option<usize>) -> (usize, usize) {
    if line.len() <= LINE_MAX {
        return (0, line.len());
    }
    let boundary = |mut i: usize| {
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ws = boundary(focus.map_or(0, |f| f.saturating_sub(LEAD)));
    (ws, boundary((ws + LINE_MAX).min(line.len())))
}

/// `text` cut to about [`MESSAGE_MAX`] bytes: its head and tail around a "…".
pub fn elide(text: String) -> String {
    if text.len() <= MESSAGE_MAX {
        return text;
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let head = floor(MESSAGE_MAX * 2 / 3);
    let tail = floor(text.len() - MESSAGE_MAX / 4);
    let left = text[head..tail].chars().count();
    format!("{}…({left} characters left out)…{}", &text[..head], &text[tail..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, span: Range<usize>) -> (String, usize, usize, String) {
        let (e, s) = Excerpt::new("f", text, span);
        let (line, col) = e.place(&s).unwrap();
        let marked = e.text[s.offset()..s.offset() + s.len()].to_string();
        (e.text.clone(), line, col, marked)
    }

    #[test]
    fn a_short_file_is_quoted_whole_around_the_span() {
        let text = "a = 1\nb = 2\nc = 3\nd = 4\n";
        let (quoted, line, col, marked) = shown(text, 16..17);
        assert_eq!(quoted, "b = 2\nc = 3\nd = 4");
        assert_eq!((line, col, marked.as_str()), (3, 5, "3"));
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_keeping_the_true_column() {
        let long = format!("x = \"{}\" bad", "y".repeat(70_000));
        let text = format!("a = 1\n{long}\nc = 3\n");
        let at = 6 + long.find("bad").unwrap();
        let (quoted, line, col, marked) = shown(&text, at..at + 3);
        assert_eq!((line, col, marked.as_str()), (2, long.find("bad").unwrap() + 1, "bad"));
        assert!(quoted.len() < 3 * LINE_MAX, "{} bytes quoted", quoted.len());
        assert!(
            quoted.starts_with("a = 1\n…yyy") && quoted.ends_with("bad\nc = 3"),
            "{quoted}"
        );
    }

    #[test]
    fn a_span_over_many_lines_is_cut_to_its_first() {
        let text = "[t]\n".to_string() + &"k = 1\n".repeat(100);
        let (quoted, line, _, marked) = shown(&text, 0..text.len());
        assert_eq!((line, marked.as_str()), (1, "[t]"));
        assert_eq!(quoted, "[t]\nk = 1");
    }

    #[test]
    fn spans_off_character_boundaries_or_the_end_are_clamped() {
        let text = "é = \"ü\"";
        let (_, line, col, marked) = shown(text, 1..99);
        assert_eq!((line, col, marked.as_str()), (1, 1, text));
    }

    #[test]
    fn long_messages_keep_head_and_tail() {
        let m = elide(format!("`{}` is not a valid date", "9".repeat(70_000)));
        assert!(m.len() < MESSAGE_MAX + 40, "{} bytes", m.len());
        assert!(m.starts_with("`999") && m.ends_with("` is not a valid date"), "{m}");
        assert_eq!(elide("short".into()), "short");
    }
}
