//! Located diagnostics: every problem found while loading or validating a file,
//! rendered as `file:line:col: message` followed by the offending source line.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::say::Msg;

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
    /// Byte offsets at which lines start, found once: placing thousands of diagnostics in a
    /// large file must not rescan it from the top for each one.
    line_starts: OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Source { path: path.into(), text: text.into(), line_starts: OnceLock::new() })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// 1-based line of a byte offset, and the byte range of that line (without its `\n`).
    pub fn line_of(&self, offset: usize) -> (usize, Range<usize>) {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        (line, starts[line - 1]..end)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (line, range) = self.line_of(offset);
        // Characters are the bytes that do not continue a UTF-8 sequence.
        let col = self.text.as_bytes()[range.start..offset].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        (line, col)
    }
}

pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem, with the place it was found when there is one.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, typed; worded in the interface language by the application.
    pub message: Msg,
    /// The file the problem is in (when it is about a file at all).
    pub path: Option<PathBuf>,
    /// The source and byte range, when the problem has a place in the text.
    pub at: Option<(Arc<Source>, Range<usize>)>,
}

impl Diagnostic {
    pub fn error(message: impl Into<Msg>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), path: None, at: None }
    }

    pub fn warning(message: impl Into<Msg>) -> Self {
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
}

/// Longest excerpt shown under a headline, and the context kept around a place on a long line.
const EXCERPT_MAX: usize = 4096;
const EXCERPT_CONTEXT: usize = 160;

/// The lines a span covers (its first line, and only around the span, when they are long), as
/// (first line number, text, span within the text): rendering costs what is shown, not the
/// size of the file, however many diagnostics there are.
pub fn excerpt(src: &Source, span: Range<usize>) -> (usize, &str, Range<usize>) {
    let text = src.text.as_str();
    let (line, first) = src.line_of(span.start);
    let (_, last) = src.line_of(span.end);
    if last.end - first.start <= EXCERPT_MAX {
        return (line, &text[first.start..last.end], span.start - first.start..span.end - first.start);
    }
    let from = floor_char_boundary(text, span.start.saturating_sub(EXCERPT_CONTEXT).max(first.start));
    let end = span.end.min(first.end).min(span.start + EXCERPT_MAX);
    let to = floor_char_boundary(text, (end + EXCERPT_CONTEXT).min(first.end));
    let end = floor_char_boundary(text, end.min(to));
    (line, &text[from..to], span.start - from..end.max(span.start) - from)
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
#[derive(Clone, Debug, Default)]
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
}

/// A load that failed, with every problem found on the way.
#[derive(Clone, Debug)]
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

/// Places and message codes only (the core has no words): the interface words a load error
/// with the application's `Render`.
impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.diagnostics.items.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            match (&d.path, d.line_col()) {
                (Some(p), Some((l, c))) => write!(f, "{}:{l}:{c}: {:?}", p.display(), d.message)?,
                (Some(p), None) => write!(f, "{}: {:?}", p.display(), d.message)?,
                (None, _) => write!(f, "{:?}", d.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
