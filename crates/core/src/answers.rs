//! A unit's self-assessment (`submissions/<unit>.toml`) and the Office's appraisal of it
//! (`appraisals/<unit>.toml`): inputs per criterion, explanations, evidence, comments.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::date::Date;
use super::diag::{Diagnostics, LoadError, Source};
use super::docref;
use super::limits;
use super::rules;
use super::scorecard::Scorecard;
use super::toml_fast;
use super::toml_in::{Kind, Reader, Span, Table, Value};
use crate::say::sheet::{Fix, SheetMsg as M};
use crate::say::toml::Place;

/// What a unit (or the Office) entered for one leaf.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// `points = 8.5` (manual, bonus, survey).
    Points(Decimal),
    /// `choice = "on_time"`.
    Choice(String),
    /// `value = 92.5` (bands, target, deduction).
    Value(Decimal),
    /// `done = 18`, `planned = 20` (bands: value = done × 100 / planned).
    Ratio { done: Decimal, planned: Decimal },
    /// `na = true`: not applicable (a leaf the scorecard marks `na`; the reason goes in `note`,
    /// or in `comment` for the Office). `na = false`, in an appraisal only: the Office refuses
    /// the unit's "not applicable", and the leaf has no input until the Office gives one.
    Na(bool),
}

impl Input {
    /// True for an input that scores: anything but the Office's refusal (`na = false`).
    pub fn counts(&self) -> bool {
        !matches!(self, Input::Na(false))
    }
}

/// One cited document (tài liệu kiểm chứng).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Evidence {
    /// Number and symbol, e.g. `44/KH-SKH&CN`.
    pub reference: String,
    pub date: Option<Date>,
    pub title: String,
    /// A file under the workspace's `evidence/` folder.
    pub file: Option<String>,
    /// A file attached by parindex (`attach`, issue 20): its digest, size and original name.
    /// With it `file` is `<unit>/<12 hex>-<safe name>` and `check` verifies the file's bytes.
    pub attached: Option<Attached>,
}

/// What `attach` recorded of an evidence file: `sha256` (64 lower-case hex digits), `size`
/// (bytes) and the file's original `name` (one line). Covered by the seal with the answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Attached {
    pub sha256: String,
    pub size: u64,
    pub name: String,
}

/// Whether a text is a SHA-256 digest as parindex writes it: 64 lower-case hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// One of the four sections of a unit's report (issue 22): what was achieved, what falls
/// short, why, and what the unit proposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// Kết quả đạt được.
    KetQua,
    /// Tồn tại, hạn chế.
    TonTai,
    /// Nguyên nhân.
    NguyenNhan,
    /// Kiến nghị, đề xuất.
    KienNghi,
}

impl Section {
    pub const ALL: [Section; 4] = [Section::KetQua, Section::TonTai, Section::NguyenNhan, Section::KienNghi];

    /// The key in the `[narrative]` table.
    pub const fn key(self) -> &'static str {
        match self {
            Section::KetQua => "ket_qua",
            Section::TonTai => "ton_tai",
            Section::NguyenNhan => "nguyen_nhan",
            Section::KienNghi => "kien_nghi",
        }
    }

    /// A section named by its key, `-` and `_` alike (`ket-qua`, `ket_qua`).
    pub fn parse(s: &str) -> Option<Section> {
        let s = s.replace('-', "_");
        Section::ALL.into_iter().find(|x| x.key() == s)
    }
}

/// The unit's narrative (`[narrative]` in the submission): the four sections of its report,
/// each a multi-line text (empty: not written). Covered by a version 3 seal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Narrative {
    pub ket_qua: String,
    pub ton_tai: String,
    pub nguyen_nhan: String,
    pub kien_nghi: String,
}

impl Narrative {
    pub fn get(&self, s: Section) -> &str {
        match s {
            Section::KetQua => &self.ket_qua,
            Section::TonTai => &self.ton_tai,
            Section::NguyenNhan => &self.nguyen_nhan,
            Section::KienNghi => &self.kien_nghi,
        }
    }

    pub fn get_mut(&mut self, s: Section) -> &mut String {
        match s {
            Section::KetQua => &mut self.ket_qua,
            Section::TonTai => &mut self.ton_tai,
            Section::NguyenNhan => &mut self.nguyen_nhan,
            Section::KienNghi => &mut self.kien_nghi,
        }
    }

    pub fn is_empty(&self) -> bool {
        Section::ALL.iter().all(|&s| self.get(s).is_empty())
    }

    /// The `[narrative]` table as parindex writes it (after the answers; empty when nothing is
    /// written): a line end, `[narrative]`, then each non-empty section in [`Section::ALL`]
    /// order as a one-line basic string ([`quote`]: line breaks written `\n`).
    pub fn toml(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let mut s = String::from("\n[narrative]\n");
        for sec in Section::ALL {
            let t = self.get(sec);
            if !t.is_empty() {
                let _ = writeln!(s, "{} = {}", sec.key(), quote(t));
            }
        }
        s
    }
}

impl Evidence {
    /// Why the reference is not a Nghị định 30/2020 document number, if it is not.
    pub fn reference_problem(&self) -> Option<&'static str> {
        reference_problem(&self.reference)
    }
}

fn reference_problem(reference: &str) -> Option<&'static str> {
    if reference.is_empty() { None } else { docref::check(reference) }
}

/// Everything entered for one criterion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Answer {
    pub input: Option<Input>,
    /// Explanation (giải trình) — submissions.
    pub note: String,
    pub evidence: Vec<Evidence>,
    /// The Office's comment — appraisals.
    pub comment: String,
    /// The Office's question flagging the criterion for explanation — appraisals.
    pub question: String,
    /// The unit's answer to that question (the flag is answered when it is not empty) —
    /// submissions.
    pub reply: String,
}

impl Answer {
    /// Whether this answer, in a sheet of `kind`, lacks the reason its input needs
    /// ([`needs_reason`]).
    pub fn lacks_reason(&self, kind: SheetKind) -> bool {
        let reason = match kind {
            SheetKind::Submission => &self.note,
            SheetKind::Appraisal => &self.comment,
        };
        needs_reason(self.input.as_ref(), reason)
    }

    pub fn is_empty(&self) -> bool {
        self.input.is_none()
            && self.note.is_empty()
            && self.evidence.is_empty()
            && self.comment.is_empty()
            && self.question.is_empty()
            && self.reply.is_empty()
    }
}

/// Whether an input lacks the reason it needs: "not applicable" (`na = true`) needs its reason,
/// the unit's `note` in a submission or the Office's `comment` in an appraisal (`reason`).
/// The one rule: the loader warns with it (`check`), the dashboard prompts with it. Never a load
/// error.
pub fn needs_reason(input: Option<&Input>, reason: &str) -> bool {
    matches!(input, Some(Input::Na(true))) && reason.trim().is_empty()
}

/// The key that holds an answer's reason in this kind of sheet: `note` or `comment`.
pub fn reason_key(kind: SheetKind) -> &'static str {
    match kind {
        SheetKind::Submission => "note",
        SheetKind::Appraisal => "comment",
    }
}

/// Where a sheet of answers stands in the round's workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Submitted,
    Returned,
    Appraised,
    Final,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Draft, Status::Submitted, Status::Returned, Status::Appraised, Status::Final];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Appraised => "appraised",
            Status::Final => "final",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// How much of a sheet to keep in memory. Reading checks everything either way, with the same
/// diagnostics; only what is kept differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Everything: inputs, notes, comments, evidence.
    All,
    /// What scoring needs (status, seal, the inputs, which criteria have an entry): notes,
    /// comments and evidence are checked, then dropped. For scoring a whole round.
    Scores,
}

/// Which file a sheet is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SheetKind {
    Submission,
    Appraisal,
}

/// A submission or an appraisal: the answers of one unit, keyed by node index (display order).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Sheet {
    pub unit: String,
    /// The workflow status (submissions; appraisals keep `Draft`).
    pub status: Status,
    pub answers: BTreeMap<usize, Answer>,
    /// Workflow metadata (submissions): when it was last submitted, and the seal digest.
    pub submitted_at: Option<String>,
    /// The round it was submitted in (workspace.toml's round id), written on submit; with it
    /// the seal is of version 2 and covers the round and `submitted_at` ([`super::seal`]).
    pub round: Option<String>,
    pub seal: Option<String>,
    /// The head's SSH signature of the seal's message (armored), when workspace.toml lists
    /// the head's keys.
    pub signature: Option<String>,
    /// Set by the Office's "reopen": the unit may edit and submit after the deadline.
    pub reopened: bool,
    /// The scorecard id, in submission files exchanged between machines (`export-submission`).
    pub scorecard: Option<String>,
    /// The news register (`[[news]]`, submissions): the items the unit sent (issue 12).
    pub news: Vec<super::register::NewsItem>,
    /// The unit's narrative for its report (`[narrative]`, submissions, issue 22).
    pub narrative: Narrative,
    /// Appraisals, in memory only: the register's input for its leaf (the items confirmed),
    /// used where the Office entered nothing ([`super::register::appraised_default`]).
    pub register_default: Option<(usize, Input)>,
}

impl Sheet {
    pub fn new(unit: &str) -> Sheet {
        Sheet { unit: unit.to_owned(), ..Sheet::default() }
    }

    pub fn input(&self, node: usize) -> Option<&Input> {
        match self.answers.get(&node).and_then(|a| a.input.as_ref()) {
            Some(i) => Some(i),
            None => self.register_default.as_ref().filter(|(n, _)| *n == node).map(|(_, i)| i),
        }
    }

    pub fn answer(&self, node: usize) -> Option<&Answer> {
        self.answers.get(&node)
    }

    /// The answer for a node, created empty when absent.
    pub fn answer_mut(&mut self, node: usize) -> &mut Answer {
        self.answers.entry(node).or_default()
    }

    /// The leaves whose answer lacks the reason its input needs ([`Answer::lacks_reason`]),
    /// in scorecard order: what `check` warns about and the dashboard asks for.
    pub fn lacking_reason(&self, kind: SheetKind) -> impl Iterator<Item = usize> + '_ {
        self.answers.iter().filter(move |(_, a)| a.lacks_reason(kind)).map(|(&i, _)| i)
    }

    /// Drops answers that hold nothing, so files stay minimal.
    pub fn prune(&mut self) {
        self.answers.retain(|_, a| !a.is_empty());
    }

    pub fn parse(src: Arc<Source>, sc: &Scorecard, kind: SheetKind, expected_unit: &str) -> Result<Sheet, LoadError> {
        Sheet::parse_keeping(src, sc, kind, expected_unit, Keep::All)
    }

    /// [`Sheet::parse`], keeping only what `keep` says.
    pub fn parse_keeping(src: Arc<Source>, sc: &Scorecard, kind: SheetKind, expected_unit: &str, keep: Keep) -> Result<Sheet, LoadError> {
        let (sheet, diags) = Sheet::read(src, sc, kind, expected_unit, keep);
        if diags.has_errors() { Err(LoadError::invalid(diags)) } else { Ok(sheet) }
    }

    /// Parses what it can, returning the sheet with every acceptable answer and all diagnostics
    /// (errors and warnings). Invalid entries are left out of the sheet.
    pub fn parse_lenient(src: Arc<Source>, sc: &Scorecard, kind: SheetKind, expected_unit: &str) -> (Sheet, Diagnostics) {
        Sheet::read(src, sc, kind, expected_unit, Keep::All)
    }

    fn read(src: Arc<Source>, sc: &Scorecard, kind: SheetKind, expected_unit: &str, keep: Keep) -> (Sheet, Diagnostics) {
        // Files as parindex writes them are read by the fast reader, which builds the same
        // tree as the full TOML parser (or gives up). Its result is used only when there is
        // nothing at all to report: with any problem, even a warning, the file is read again
        // by the full parser, so every diagnostic and its place are always the full parser's.
        if let Some(doc) = toml_fast::parse(&src.text) {
            let mut r = Reader::new(src.clone());
            let sheet = read_sheet(&mut r, &doc, sc, kind, expected_unit, keep);
            if r.diags.items.is_empty() {
                return (sheet, r.diags);
            }
        }
        Sheet::read_full(src, sc, kind, expected_unit, keep)
    }

    /// [`Sheet::parse_lenient`] with the full TOML parser alone.
    pub fn parse_lenient_full(src: Arc<Source>, sc: &Scorecard, kind: SheetKind, expected_unit: &str) -> (Sheet, Diagnostics) {
        Sheet::read_full(src, sc, kind, expected_unit, Keep::All)
    }

    fn read_full(src: Arc<Source>, sc: &Scorecard, kind: SheetKind, expected_unit: &str, keep: Keep) -> (Sheet, Diagnostics) {
        let mut r = Reader::new(src.clone());
        let doc = r.parse(&src.text);
        let sheet = read_sheet(&mut r, doc.get_ref(), sc, kind, expected_unit, keep);
        let mut d = r.diags;
        d.sort();
        (sheet, d)
    }

    /// The sheet as TOML, in a stable order (scorecard order), so that a workspace under git
    /// shows only real changes.
    pub fn to_toml(&self, sc: &Scorecard, kind: SheetKind) -> String {
        let mut s = String::new();
        if let Some(id) = &self.scorecard {
            let _ = writeln!(s, "scorecard = {}", quote(id));
        }
        let _ = writeln!(s, "unit = {}", quote(&self.unit));
        if kind == SheetKind::Submission {
            let _ = writeln!(s, "status = {}", quote(self.status.as_str()));
            if self.reopened {
                s.push_str("reopened = true\n");
            }
            if let Some(r) = &self.round {
                let _ = writeln!(s, "round = {}", quote(r));
            }
            if let Some(t) = &self.submitted_at {
                let _ = writeln!(s, "submitted_at = {}", quote(t));
            }
            if let Some(seal) = &self.seal {
                let _ = writeln!(s, "seal = {}", quote(seal));
            }
            if let Some(sig) = &self.signature {
                let _ = writeln!(s, "signature = {}", multiline(sig));
            }
        }
        s.push_str(&self.answers_toml(sc));
        if kind == SheetKind::Submission {
            s.push_str(&self.narrative.toml());
        }
        s
    }

    /// The `[answers]` part alone, in scorecard order: what a seal digests.
    /// The `[[news]]` register follows the answers (so a seal covers it); the register's leaf
    /// then carries no typed input (its count comes from the list).
    pub fn answers_toml(&self, sc: &Scorecard) -> String {
        self.answers_toml_with(sc, quote)
    }

    /// [`Sheet::answers_toml`] with strings written as the toml crate 1.x chose to write them
    /// ([`legacy_quote`]): the bytes the seals of submissions sealed before parindex wrote its
    /// strings itself cover.
    pub fn answers_toml_legacy(&self, sc: &Scorecard) -> String {
        self.answers_toml_with(sc, legacy_quote)
    }

    fn answers_toml_with(&self, sc: &Scorecard, quote: fn(&str) -> String) -> String {
        let mut s = String::new();
        super::register::items_toml_with(&self.news, &mut s, quote);
        let counted = if self.news.is_empty() { None } else { super::register::news_leaf(sc) };
        for (&i, a) in &self.answers {
            let derived = counted == Some(i);
            if a.is_empty() || (derived && Answer { input: None, ..a.clone() }.is_empty()) {
                continue;
            }
            let Some(node) = sc.nodes.get(i) else { continue };
            let _ = writeln!(s, "\n[answers.{}]", quote(&node.id));
            match a.input.as_ref().filter(|_| !derived) {
                Some(Input::Points(p)) => {
                    let _ = writeln!(s, "points = {}", p.normalize());
                }
                Some(Input::Choice(c)) => {
                    let _ = writeln!(s, "choice = {}", quote(c));
                }
                Some(Input::Value(v)) => {
                    let _ = writeln!(s, "value = {}", v.normalize());
                }
                Some(Input::Ratio { done, planned }) => {
                    let _ = writeln!(s, "done = {}\nplanned = {}", done.normalize(), planned.normalize());
                }
                Some(Input::Na(b)) => {
                    let _ = writeln!(s, "na = {b}");
                }
                None => {}
            }
            if !a.note.is_empty() {
                let _ = writeln!(s, "note = {}", quote(&a.note));
            }
            if !a.comment.is_empty() {
                let _ = writeln!(s, "comment = {}", quote(&a.comment));
            }
            if !a.question.is_empty() {
                let _ = writeln!(s, "question = {}", quote(&a.question));
            }
            if !a.reply.is_empty() {
                let _ = writeln!(s, "reply = {}", quote(&a.reply));
            }
            if !a.evidence.is_empty() {
                s.push_str("evidence = [\n");
                for e in &a.evidence {
                    s.push_str("  { ref = ");
                    s.push_str(&quote(&e.reference));
                    if let Some(d) = e.date {
                        s.push_str(", date = ");
                        s.push_str(&d.iso());
                    }
                    s.push_str(", title = ");
                    s.push_str(&quote(&e.title));
                    if let Some(f) = &e.file {
                        s.push_str(", file = ");
                        s.push_str(&quote(f));
                    }
                    if let Some(at) = &e.attached {
                        let _ = write!(s, ", sha256 = {}, size = {}, name = {}", quote(&at.sha256), at.size, quote(&at.name));
                    }
                    s.push_str(" },\n");
                }
                s.push_str("]\n");
            }
        }
        s
    }
}

/// An armored signature as a TOML multi-line basic string (one armor line a line), or as a
/// basic string, escaped, when it holds anything but armor characters.
fn multiline(text: &str) -> String {
    let armor = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b' ' | b'\n');
    if !text.is_empty() && text.ends_with('\n') && text.bytes().all(armor) { format!("\"\"\"\n{text}\"\"\"") } else { quote(text) }
}

/// A TOML basic string, written by parindex itself, never by the toml crate: the bytes a seal
/// covers must not change with a crate upgrade. The canonical form:
/// - always a one-line basic string `"…"`;
/// - the text is NFC-normalised first: the loader reads every string as NFC, so text held
///   decomposed (NFD) in memory is sealed as it will read back, and a sealed NFD note cannot
///   break its own seal on the next load. Files parindex wrote before held NFC already (what
///   it writes comes from loaded, NFC text and NFC-normalised input), so this changes none;
/// - `"` and `\` are escaped as `\"` and `\\`; the controls with a short escape as `\b`, `\t`,
///   `\n`, `\f`, `\r`; every other control character (U+0000–U+001F, DEL U+007F, U+0080–U+009F)
///   as `\uXXXX`, upper-case hex;
/// - everything else as its UTF-8 bytes, characters outside the BMP (emoji) included (TOML
///   allows them in basic strings; `\UXXXXXXXX` would only make files harder to read).
///
/// Text with nothing to escape is copied as is (the common case, on every seal computed).
pub fn quote(s: &str) -> String {
    let s = super::toml_in::nfc_cow(s);
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    if s.chars().all(|c| !c.is_control() && c != '"' && c != '\\') {
        q.push_str(&s);
    } else {
        for c in s.chars() {
            match c {
                '"' => q.push_str("\\\""),
                '\\' => q.push_str("\\\\"),
                '\u{8}' => q.push_str("\\b"),
                '\t' => q.push_str("\\t"),
                '\n' => q.push_str("\\n"),
                '\u{c}' => q.push_str("\\f"),
                '\r' => q.push_str("\\r"),
                c if c.is_control() => {
                    let _ = write!(q, "\\u{:04X}", c as u32);
                }
                c => q.push(c),
            }
        }
    }
    q.push('"');
    q
}

/// Strings as the toml crate 1.x (`toml_writer` 1.2) wrote them, frozen here: what the seals of
/// submissions sealed before [`quote`] was parindex's own cover. Only for verifying those seals,
/// never for writing. Its choice: the text as is in `"…"` when it is only ASCII letters, digits
/// and `-_./ :`; else a basic string when nothing but a tab needs escaping; else a literal
/// string `'…'` when the text has no `'`, line break or control character (tab aside); else a
/// multi-line basic string when it has no `\`, no control character and at most two `"` in a
/// row; else a multi-line literal string when it has at most two `'` in a row and no control
/// character; else a basic string (multi-line when it has a line break) with every escape.
pub fn legacy_quote(s: &str) -> String {
    let b = s.as_bytes();
    let bare = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'/' | b' ' | b':');
    if b.iter().all(|&c| bare(c)) {
        return format!("\"{s}\"");
    }
    let run = |q: u8| b.split(|&c| c != q).map(<[u8]>::len).max().unwrap_or(0);
    let (singles, doubles) = (run(b'\''), run(b'"'));
    let escape = b.contains(&b'\\');
    let newline = b.contains(&b'\n');
    let codes = b.iter().any(|&c| (c <= 0x1f && c != b'\t' && c != b'\n') || c == 0x7f);
    let lead = if newline { "\n" } else { "" };
    if !codes && !escape && doubles == 0 && !newline {
        format!("\"{}\"", legacy_escaped(s, false))
    } else if !codes && singles == 0 && !newline {
        format!("'{s}'")
    } else if !codes && !escape && doubles <= 2 {
        format!("\"\"\"{lead}{}\"\"\"", legacy_escaped(s, true))
    } else if !codes && singles <= 2 {
        format!("'''{lead}{s}'''")
    } else if newline {
        format!("\"\"\"{lead}{}\"\"\"", legacy_escaped(s, true))
    } else {
        format!("\"{}\"", legacy_escaped(s, false))
    }
}

/// The escaping of [`legacy_quote`]'s basic strings: in a multi-line one, line feeds stay and
/// only a third `"` in a row is escaped.
fn legacy_escaped(s: &str, multi_line: bool) -> String {
    let max_quotes = if multi_line { 2 } else { 0 };
    let mut out = String::with_capacity(s.len());
    let mut quotes = 0;
    for c in s.chars() {
        if c == '"' {
            quotes += 1;
            if quotes > max_quotes {
                out.push_str("\\\"");
                quotes = 0;
            } else {
                out.push(c);
            }
            continue;
        }
        quotes = 0;
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' if !multi_line => out.push_str("\\n"),
            '\n' => out.push(c),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) <= 0x1f || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

const SUB_ANSWER_KEYS: &[&str] = &["points", "choice", "value", "done", "planned", "na", "note", "evidence", "reply"];
const APP_ANSWER_KEYS: &[&str] = &["points", "choice", "value", "done", "planned", "na", "comment", "question"];

fn read_sheet<T: Table>(r: &mut Reader, doc: &T, sc: &Scorecard, kind: SheetKind, expected_unit: &str, keep: Keep) -> Sheet {
    let (top_keys, what): (&[&str], Place) = match kind {
        SheetKind::Submission => (
            &["scorecard", "unit", "status", "reopened", "answers", "round", "submitted_at", "seal", "signature", "news", "narrative"],
            Place::Submission,
        ),
        SheetKind::Appraisal => (&["scorecard", "unit", "answers"], Place::Appraisal),
    };
    r.unknown_keys(doc, top_keys, what.clone());
    let mut sheet = Sheet::new(expected_unit);
    match r.str(doc, "unit") {
        Some((u, sp)) if u != expected_unit => {
            r.error(sp, M::WrongUnit { found: u.into_owned(), expected: expected_unit.to_owned() });
        }
        Some(_) => {}
        None => {
            if doc.value("unit").is_none() {
                r.error(0..0, M::NeedsUnit { place: what, unit: expected_unit.to_owned() });
            }
        }
    }
    if kind == SheetKind::Submission {
        if let Some((s, sp)) = r.str(doc, "status") {
            match Status::parse(&s) {
                Some(st) => sheet.status = st,
                None => r.error(sp, M::UnknownStatus { status: s.into_owned() }),
            }
        }
        sheet.submitted_at = r.string(doc, "submitted_at").map(|x| x.0);
        sheet.round = r.string(doc, "round").map(|x| x.0);
        sheet.seal = r.string(doc, "seal").map(|x| x.0);
        sheet.signature = r.text(doc, "signature").map(|x| x.0.into_owned());
        sheet.reopened = r.boolean(doc, "reopened").is_some_and(|x| x.0);
    }
    if let Some((id, sp)) = r.str(doc, "scorecard") {
        if id != sc.id {
            r.error(sp, M::WrongScorecard { found: id.to_string(), round: sc.id.clone() });
        }
        sheet.scorecard = Some(id.into_owned());
    }
    if kind == SheetKind::Submission {
        sheet.news = super::register::read_items(r, doc, sc);
        if let Some((t, _)) = r.table(doc, "narrative") {
            let keys: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
            r.unknown_keys(t, &keys, Place::Literal("[narrative]"));
            for sec in Section::ALL {
                if let Some((text, sp)) = r.text(t, sec.key()) {
                    if let Some(over) = limits::Field::Narrative.check(&text) {
                        r.warning(sp, M::Limit { over });
                    }
                    if keep == Keep::All {
                        *sheet.narrative.get_mut(sec) = text.into_owned();
                    }
                }
            }
        }
    }
    let news_leaf = super::register::news_leaf(sc);
    if !sheet.news.is_empty() && news_leaf.is_none() {
        let at = doc.value("news").map_or(0..0, |v| v.span());
        r.warning(at, crate::say::register::RegisterMsg::NoRegisterLeaf);
    }
    let Some((answers, _)) = r.table(doc, "answers") else {
        super::register::sync(&mut sheet, sc);
        return sheet;
    };
    let mut seen = Cited::default();
    for (id, key_span, value) in answers.entries() {
        let Some(idx) = sc.node_index(id) else {
            r.error(key_span, M::UnknownCriterion { id: id.to_owned() });
            continue;
        };
        let node = &sc.nodes[idx];
        if !node.is_leaf() {
            r.error(key_span, M::IsGroup { id: id.to_owned() });
            continue;
        }
        let Kind::Table(t) = value.kind() else {
            r.error(value.span(), M::AnswerNotTable { id: id.to_owned() });
            continue;
        };
        if let Some(a) = read_answer(r, t, sc, idx, kind, keep, &mut seen) {
            if news_leaf == Some(idx) && !sheet.news.is_empty() && a.input.is_some() {
                r.error(key_span, crate::say::register::RegisterMsg::TypedAndListed { id: id.to_owned() });
            }
            sheet.answers.insert(idx, a);
        }
    }
    super::register::sync(&mut sheet, sc);
    sheet
}

/// The references a unit has cited so far: number → (criterion, date, title) of the first.
type Cited = std::collections::HashMap<String, (String, Option<Date>, String)>;

/// The warnings a cited document earns besides its form (spec: Nghị định 30/2020): a number
/// below 10 without its leading 0, a date outside the round's year, and one number standing
/// for two documents (another date or title) or cited twice for one criterion.
fn evidence_warnings(r: &mut Reader, sp: Span, sc: &Scorecard, id: &str, e: (&str, Option<Date>, &str), seen: &mut Cited) {
    let (reference, date, title) = e;
    if let Some(fixed) = docref::missing_leading_zero(reference) {
        r.warning(sp.clone(), M::LeadingZero { reference: reference.to_owned(), fixed });
    }
    if let (Some(d), Some(year)) = (date, sc.year)
        && i64::from(d.year) != year
    {
        r.warning(sp.clone(), M::OutsideYear { reference: reference.to_owned(), date: d, year });
    }
    if reference.trim().is_empty() {
        return;
    }
    let key: String = reference.split_whitespace().collect();
    match seen.get(&key) {
        Some((first, _, _)) if first == id => r.warning(sp, M::CitedTwice { reference: reference.to_owned(), id: id.to_owned() }),
        Some((first, d, t)) if *d != date || t != title => {
            r.warning(sp, M::OneNumberTwoDocuments { reference: reference.to_owned(), first: first.clone() })
        }
        Some(_) => {}
        None => {
            seen.insert(key, (id.to_owned(), date, title.to_owned()));
        }
    }
}

fn read_answer<T: Table>(r: &mut Reader, t: &T, sc: &Scorecard, idx: usize, kind: SheetKind, keep: Keep, seen: &mut Cited) -> Option<Answer> {
    let keep_all = keep == Keep::All;
    let node = &sc.nodes[idx];
    let id = &node.id;
    let allowed = match kind {
        SheetKind::Submission => SUB_ANSWER_KEYS,
        SheetKind::Appraisal => APP_ANSWER_KEYS,
    };
    r.unknown_keys_in(t, allowed, || Place::Answer(id.clone()));
    let mut a = Answer::default();
    let points = r.decimal(t, "points");
    let choice = r.string(t, "choice");
    let value = r.decimal(t, "value");
    let done = r.decimal(t, "done");
    let planned = r.decimal(t, "planned");
    let na = r.boolean(t, "na");
    // The inputs given, in this order; only the first and where the second is are needed.
    let mut first: Option<(Input, Span)> = None;
    let mut second: Option<Span> = None;
    let mut give = |input: Input, sp: Span| {
        if first.is_none() {
            first = Some((input, sp));
        } else if second.is_none() {
            second = Some(sp);
        }
    };
    if let Some((p, sp)) = points {
        give(Input::Points(p), sp);
    }
    if let Some((c, sp)) = choice {
        give(Input::Choice(c), sp);
    }
    if let Some((v, sp)) = value {
        give(Input::Value(v), sp);
    }
    if let Some((b, sp)) = na.clone() {
        give(Input::Na(b), sp);
    }
    match (done, planned) {
        (Some((d, dsp)), Some((p, psp))) => give(Input::Ratio { done: d, planned: p }, dsp.start.min(psp.start)..dsp.end.max(psp.end)),
        (Some((_, sp)), None) => r.error(sp, M::DoneNeedsPlanned { id: id.clone() }),
        (None, Some((_, sp))) => r.error(sp, M::PlannedNeedsDone { id: id.clone() }),
        (None, None) => {}
    }
    if let Some(sp) = second {
        r.error(sp, M::MoreThanOneInput { id: id.clone() });
    } else if let Some((input, sp)) = first {
        match rules::validate(node, sc.step, &input, kind == SheetKind::Appraisal) {
            Ok(()) => a.input = Some(input),
            Err(err) => r.error(sp, M::Input { id: id.clone(), err }),
        }
    }
    // Only the keys of this kind of sheet are kept: a note in an appraisal (reported as unknown
    // above) kept in the sheet was written back on save, into a file that never loads.
    let reason_key = reason_key(kind);
    let reason = r.text(t, reason_key);
    // A missing reason is a warning, never a load error: parindex itself writes such answers
    // (the Office accepting a unit's "not applicable"), and a file that does not load takes the
    // round down. `check` reports it; the dashboard asks for it.
    if let Some((_, sp)) = &na
        && needs_reason(a.input.as_ref(), reason.as_ref().map_or("", |(x, _)| x))
    {
        r.warning(sp.clone(), M::NaNeedsReason { id: id.clone(), reason: reason_key.to_owned() });
    }
    // Over-long texts load (one bad sheet must never take the round down), with a warning.
    let limit = |r: &mut Reader, field: limits::Field, text: &str, sp: &Span| {
        if let Some(over) = field.check(text) {
            r.warning(sp.clone(), M::Limit { over });
        }
    };
    if let Some((x, sp)) = &reason {
        let field = match kind {
            SheetKind::Submission => limits::Field::Note,
            SheetKind::Appraisal => limits::Field::Comment,
        };
        limit(r, field, x, sp);
    }
    if let Some((x, _)) = reason
        && keep_all
    {
        match kind {
            SheetKind::Submission => a.note = x.into_owned(),
            SheetKind::Appraisal => a.comment = x.into_owned(),
        }
    }
    // The explanation loop: the Office's question, the unit's reply.
    if kind == SheetKind::Appraisal
        && let Some((q, sp)) = r.text(t, "question")
    {
        limit(r, limits::Field::Question, &q, &sp);
        if keep_all {
            a.question = q.into_owned();
        }
    }
    if kind == SheetKind::Submission
        && let Some((q, sp)) = r.text(t, "reply")
    {
        limit(r, limits::Field::Reply, &q, &sp);
        if keep_all {
            a.reply = q.into_owned();
        }
    }
    // Evidence belongs to submissions (in an appraisal it was reported as an unknown key).
    if kind == SheetKind::Submission {
        let mut n = 0usize;
        r.each_table(t, "evidence", |r, e, esp| {
            n += 1;
            if n == limits::EVIDENCE_ITEMS + 1
                && let Some(over) = limits::List::Evidence.check(n)
            {
                r.warning(esp.clone(), M::Limit { over });
            }
            r.unknown_keys(e, &["ref", "date", "title", "file", "sha256", "size", "name"], Place::EvidenceItem);
            let mut reference = Cow::Borrowed("");
            if let Some((text, rsp)) = r.str(e, "ref") {
                reference = text;
                if let Some(problem) = docref::problem(&reference).filter(|_| !reference.is_empty()) {
                    let fix = Fix(docref::fix_spaces(&reference));
                    r.warning(rsp.clone(), M::NotADocumentNumber { reference: reference.to_string(), problem, fix });
                }
            }
            if let Some(over) = limits::Field::EvidenceRef.check(&reference) {
                r.warning(e.value("ref").map_or(esp.clone(), |v| v.span()), M::Limit { over });
            }
            let date = r.date(e, "date").map(|x| x.0);
            let title = r.str(e, "title").map_or(Cow::Borrowed(""), |x| x.0);
            if let Some(over) = limits::Field::EvidenceTitle.check(&title) {
                r.warning(e.value("title").map_or(esp.clone(), |v| v.span()), M::Limit { over });
            }
            let at = e.value("ref").map_or(esp.clone(), |v| v.span());
            evidence_warnings(r, at, sc, id, (&reference, date, &title), seen);
            let mut file = None;
            if let Some((text, fsp)) = r.str(e, "file") {
                if let Some(over) = limits::Field::EvidenceFile.check(&text) {
                    r.warning(fsp.clone(), M::Limit { over });
                }
                match safe_relative(&text) {
                    Ok(()) => file = Some(text),
                    Err(why) => r.error(fsp, M::EvidenceFile { file: text.to_string(), why }),
                }
            }
            // An attached file (issue 20): digest, size and original name come together, with
            // the file they describe.
            let sha = r.str(e, "sha256");
            let size = r.integer(e, "size");
            let name = r.str(e, "name");
            let mut attached = None;
            if sha.is_some() || size.is_some() || name.is_some() {
                let at = sha.as_ref().map(|x| x.1.clone()).or_else(|| size.as_ref().map(|x| x.1.clone())).unwrap_or(esp.clone());
                match (&sha, &size, &name) {
                    (Some((h, hsp)), _, _) if !is_sha256_hex(h) => r.error(hsp.clone(), M::BadDigest { text: h.to_string() }),
                    (_, Some((n, nsp)), _) if *n < 0 => r.error(nsp.clone(), M::BadSize),
                    (Some((h, _)), Some((n, _)), Some((nm, nsp))) if file.is_some() => {
                        if let Some(over) = limits::Field::EvidenceName.check(nm) {
                            r.warning(nsp.clone(), M::Limit { over });
                        }
                        attached = Some(Attached { sha256: h.to_string(), size: *n as u64, name: nm.to_string() })
                    }
                    _ => r.error(at, M::AttachedIncomplete),
                }
            }
            if reference.trim().is_empty() && title.trim().is_empty() {
                r.error(esp, M::EvidenceEmpty);
                return;
            }
            if keep_all {
                let file = file.map(Cow::into_owned);
                a.evidence.push(Evidence { reference: reference.into_owned(), date, title: title.into_owned(), file, attached });
            }
        });
    }
    Some(a)
}

/// Why an evidence path is refused (worded by `SheetMsg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathProblem {
    Empty,
    Absolute,
    Leaves,
    Control,
}

impl PathProblem {
    /// The English wording.
    pub fn en(self) -> &'static str {
        match self {
            PathProblem::Empty => "the path is empty",
            PathProblem::Absolute => "must be a path relative to the evidence/ folder",
            PathProblem::Leaves => "must not leave the evidence/ folder (`..`)",
            PathProblem::Control => "contains control characters",
        }
    }
}

/// A path that stays inside its folder: relative, no `..`, no empty or hidden tricks.
pub fn safe_relative(p: &str) -> Result<(), PathProblem> {
    if p.is_empty() {
        return Err(PathProblem::Empty);
    }
    if p.starts_with('/') || p.starts_with('\\') || p.contains(':') {
        return Err(PathProblem::Absolute);
    }
    if p.split(['/', '\\']).any(|seg| seg == "..") {
        return Err(PathProblem::Leaves);
    }
    if p.chars().any(char::is_control) {
        return Err(PathProblem::Control);
    }
    Ok(())
}
