//! Located diagnostics: every problem found while loading or validating a file,
//! rendered as `file:line:col: message` followed by the offending source line.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How bad a problem is. Errors fail `check` (exit 1); warnings are only reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One source file's text, shared by every diagnostic that points into it.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Source { path: path.into(), text: text.into() })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem, with the place it was found when there is one.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The file the problem is in (when it is about a file at all).
    pub path: Option<PathBuf>,
    /// The source and byte range, when the problem has a place in the text.
    pub at: Option<(Arc<Source>, Range<usize>)>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), path: None, at: None }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn in_file(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    pub fn at(mut self, src: &Arc<Source>, span: Range<usize>) -> Self {
        self.path = Some(src.path.clone());
        self.at = Some((src.clone(), span));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `(line, col)` when the diagnostic has a place.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.at.as_ref().map(|(src, span)| src.line_col(span.start))
    }

    /// The first line: `file:line:col: message` (or `file: message` without a place).
    pub fn headline(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        let line = match (&self.path, self.line_col()) {
            (Some(p), Some((l, c))) => format!("{}:{l}:{c}: {sev}{}", p.display(), self.message),
            (Some(p), None) => format!("{}: {sev}{}", p.display(), self.message),
            (None, _) => format!("{sev}{}", self.message),
        };
        visible(&line)
    }

    /// The headline followed by the source line with the place underlined.
    pub fn render(&self) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let mut out = self.headline();
        if let Some((src, span)) = &self.at {
            let len = src.text.len();
            let start = floor_char_boundary(&src.text, span.start.min(len));
            let end = floor_char_boundary(&src.text, span.end.clamp(start, len));
            let level = match self.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let report = [Group::with_level(level).element(
                Snippet::source(src.text.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(start..end.max(start))),
            )];
            out.push('\n');
            out.push_str(&Renderer::plain().render(&report));
        }
        out
    }
}

/// Control characters shown as symbols (`␛` for ESC), as the source lines under a headline
/// are: a message quotes keys and values from the file, and a hostile file must not be able to
/// send escape sequences to the terminal through them.
pub fn visible(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match c {
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// A collection of diagnostics gathered over one run, so that every problem is reported at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Orders by file, then position, so output reads top to bottom.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let ka = (a.path.clone(), a.at.as_ref().map(|(_, s)| s.start));
            let kb = (b.path.clone(), b.at.as_ref().map(|(_, s)| s.start));
            ka.cmp(&kb)
        });
    }

    pub fn render(&self) -> String {
        self.items.iter().map(|d| d.render() + "\n").collect()
    }
}

/// A load that failed, with every problem found on the way.
#[derive(Debug)]
pub struct LoadError {
    pub diagnostics: Diagnostics,
    /// True when a file could not be read at all (missing, unreadable): exit 2 rather than 1.
    pub unreadable: bool,
}

impl LoadError {
    pub fn unreadable(d: Diagnostic) -> Self {
        LoadError { diagnostics: Diagnostics { items: vec![d] }, unreadable: true }
    }

    pub fn invalid(diagnostics: Diagnostics) -> Self {
        LoadError { diagnostics, unreadable: false }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.diagnostics.render().trim_end())
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = Source::new("a.toml", "x = 1\ntitle = \"Điểm\" y\n");
        let off = src.text.find('y').unwrap();
        assert_eq!(src.line_col(off), (2, 16));
        assert_eq!(src.line_col(0), (1, 1));
    }

    #[test]
    fn rendered_diagnostic_starts_with_file_line_col_and_shows_the_line() {
        let src = Source::new("s.toml", "a = 1\nmax = -3\n");
        let off = src.text.find("-3").unwrap();
        let d = Diagnostic::error("max must be positive").at(&src, off..off + 2);
        let r = d.render();
        assert!(r.starts_with("s.toml:2:7: max must be positive\n"), "{r}");
        assert!(r.contains("max = -3"), "{r}");
        assert!(r.contains("^^"), "{r}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let src = Source::new("s.toml", "\"\\u001b[2J\" = 1\n");
        let d = Diagnostic::error("unknown key `\u{1b}[2J\u{9b}1m\u{7f}\n`").at(&src, 0..10);
        let r = d.render();
        assert!(!r.chars().any(|c| c.is_control() && c != '\n'), "{r:?}");
        assert!(r.starts_with("s.toml:1:1: unknown key `␛[2J\u{fffd}1m␡␊`\n"), "{r}");
    }
}
