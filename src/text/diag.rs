//! Diagnostics in words: `file:line:col: message`, then the source line with the place
//! underlined (annotate-snippets), in the interface language. The core gathers them as data
//! ([`crate::core::diag`]); this is where they are said.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Lang;
use super::msg::Message;
use crate::core::diag::{Diagnostic, Diagnostics, LoadError, Severity, excerpt, floor_char_boundary, visible};
use crate::core::integrity::Integrity;
use crate::core::round::ChangeError;

/// Saying a diagnostic, a list of them, or a failed load.
pub trait Render {
    /// Every line, in `lang`.
    fn render_in(&self, lang: Lang) -> String;

    /// [`Render::render_in`] in English (tests and logs).
    fn render(&self) -> String {
        self.render_in(Lang::En)
    }
}

/// The first line: `file:line:col: message` (or `file: message` without a place), in `lang`.
pub fn headline_in(d: &Diagnostic, lang: Lang) -> String {
    let sev = match d.severity {
        Severity::Error => "",
        Severity::Warning => lang.text().warning_prefix,
    };
    let message = d.message.render(lang);
    let line = match (&d.path, d.line_col()) {
        (Some(p), Some((l, c))) => format!("{}:{l}:{c}: {sev}{message}", p.display()),
        (Some(p), None) => format!("{}: {sev}{message}", p.display()),
        (None, _) => format!("{sev}{message}"),
    };
    visible(&line)
}

/// The first line in English (tests and logs).
pub fn headline(d: &Diagnostic) -> String {
    headline_in(d, Lang::En)
}

/// The headline followed by the source line with the place underlined.
impl Render for Diagnostic {
    fn render_in(&self, lang: Lang) -> String {
        let mut out = headline_in(self, lang);
        if let Some((src, span)) = &self.at {
            let len = src.text.len();
            let start = floor_char_boundary(&src.text, span.start.min(len));
            let end = floor_char_boundary(&src.text, span.end.clamp(start, len));
            let level = match self.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let (line, excerpt, at) = excerpt(src, start..end);
            let report =
                [Group::with_level(level).element(Snippet::source(excerpt).line_start(line).fold(true).annotation(AnnotationKind::Primary.span(at)))];
            out.push('\n');
            out.push_str(&Renderer::plain().render(&report));
        }
        out
    }
}

/// Every diagnostic, one after another.
impl Render for Diagnostics {
    fn render_in(&self, lang: Lang) -> String {
        self.items.iter().map(|d| d.render_in(lang) + "\n").collect()
    }
}

/// Every problem the load found.
impl Render for LoadError {
    fn render_in(&self, lang: Lang) -> String {
        self.diagnostics.render_in(lang)
    }
}

/// A change that was not made, in words.
impl Render for ChangeError {
    fn render_in(&self, lang: Lang) -> String {
        use crate::core::say::workflow::WorkflowMsg as W;
        use crate::text::msg::Message;
        match self {
            ChangeError::NotAllowed(m) => m.render(lang),
            ChangeError::Refused(r) => r.msg().render(lang),
            ChangeError::Busy(h) => W::Busy { user: h.user.clone(), since: h.since_text() }.render(lang),
            ChangeError::Load(e) => e.diagnostics.render_in(lang).trim_end().to_owned(),
            ChangeError::Integrity(Integrity::Broken(b)) => {
                W::Untrusted { reason: crate::text::msg::Show::show(&crate::core::say::store::BrokenWhy(*b), lang) }.render(lang)
            }
            ChangeError::Integrity(_) => W::UnsignedKeys.render(lang),
            ChangeError::Io(e) => match crate::core::store::dir::at_path(e) {
                Some(at) => {
                    format!("{}: {}", at.path.display(), crate::text::msg::Show::show(&crate::core::store::dir::io_reason(&at.source), lang))
                }
                None => W::Io { reason: crate::text::msg::Show::show(&crate::core::store::dir::io_reason(e), lang) }.render(lang),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diag::Source;

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
    fn excerpts_show_the_place_not_the_whole_file() {
        // Many lines: line numbers stay right though only the span's lines are rendered.
        let text = "a = 1\n".repeat(5000) + "b = 2\n" + &"c = 3\n".repeat(5000);
        let src = Source::new("s.toml", text.clone());
        let off = text.find("b = 2").unwrap();
        let r = Diagnostic::error("here").at(&src, off..off + 1).render();
        assert!(r.starts_with("s.toml:5001:1: here\n"), "{r}");
        assert!(r.contains("5001 | b = 2") && !r.contains("a = 1") && !r.contains("c = 3"), "{r}");
        // One very long line: a window around the place.
        let text = "x".repeat(100_000) + "é!" + &"y".repeat(100_000);
        let src = Source::new("s.toml", text.clone());
        let off = text.find('!').unwrap();
        let r = Diagnostic::error("here").at(&src, off..off + 1).render();
        assert!(r.starts_with("s.toml:1:100002: here\n"), "{r}");
        assert!(r.len() < 2_000, "{} bytes", r.len());
        // A span over the whole file still renders, cut to its first line.
        let r = Diagnostic::error("all").at(&src, 0..text.len()).render();
        assert!(r.len() < 10_000, "{} bytes", r.len());
        // Spans at the very end, and past it, are fine.
        let src = Source::new("s.toml", "a = 1\n");
        assert!(Diagnostic::error("end").at(&src, 6..6).render().starts_with("s.toml:2:1: end"));
        assert!(Diagnostic::error("past").at(&src, 60..90).render().starts_with("s.toml:2:1: past"));
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
