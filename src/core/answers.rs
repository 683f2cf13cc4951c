//! A unit's self-assessment (`submissions/<unit>.toml`) and the Office's appraisal of it
//! (`appraisals/<unit>.toml`): inputs per criterion, explanations, evidence, comments.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::date::Date;
use super::diag::{Diagnostics, LoadError, Source};
use super::docref;
use super::rules;
use super::scorecard::Scorecard;
use super::toml_fast;
use super::toml_in::{Kind, Reader, Span, Table, Value, read_text};
use crate::text::msg::sheet::{Fix, SheetMsg as M};
use crate::text::msg::toml::Place;

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
    pub fn is_empty(&self) -> bool {
        self.input.is_none()
            && self.note.is_empty()
            && self.evidence.is_empty()
            && self.comment.is_empty()
            && self.question.is_empty()
            && self.reply.is_empty()
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

    /// Drops answers that hold nothing, so files stay minimal.
    pub fn prune(&mut self) {
        self.answers.retain(|_, a| !a.is_empty());
    }

    /// Loads and validates a sheet against the scorecard. `expected_unit` is the unit the file
    /// name says it belongs to.
    pub fn load(path: &Path, sc: &Scorecard, kind: SheetKind, expected_unit: &str) -> Result<Sheet, LoadError> {
        let src = read_text(path)?;
        Sheet::parse(src, sc, kind, expected_unit)
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
        s
    }

    /// The `[answers]` part alone, in scorecard order: what a seal digests.
    /// The `[[news]]` register follows the answers (so a seal covers it); the register's leaf
    /// then carries no typed input (its count comes from the list).
    pub fn answers_toml(&self, sc: &Scorecard) -> String {
        let mut s = String::new();
        super::register::items_toml(&self.news, &mut s);
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

/// A TOML basic string, escaped. Text with nothing to escape (no `"`, `\\`, control character
/// or tab) is written as the toml crate writes it, `"…"`, without going through it: seals digest
/// this text for every submitted unit whenever results are computed.
pub fn quote(s: &str) -> String {
    if s.bytes().all(|b| b >= 0x20 && b != 0x7f && b != b'"' && b != b'\\') {
        let mut q = String::with_capacity(s.len() + 2);
        q.push('"');
        q.push_str(s);
        q.push('"');
        return q;
    }
    toml::Value::String(s.to_owned()).to_string()
}

const SUB_ANSWER_KEYS: &[&str] = &["points", "choice", "value", "done", "planned", "na", "note", "evidence", "reply"];
/// Whether an answer marks its leaf “not applicable” without the reason the mark needs: the
/// unit's note in a submission, the Office's comment in an appraisal. The one rule the
/// dashboard asks before writing a mark.
pub fn na_needs_reason(a: &Answer, kind: SheetKind) -> bool {
    let reason = if kind == SheetKind::Submission { &a.note } else { &a.comment };
    a.input == Some(Input::Na(true)) && reason.trim().is_empty()
}

const APP_ANSWER_KEYS: &[&str] = &["points", "choice", "value", "done", "planned", "na", "comment", "question"];

fn read_sheet<T: Table>(r: &mut Reader, doc: &T, sc: &Scorecard, kind: SheetKind, expected_unit: &str, keep: Keep) -> Sheet {
    let (top_keys, what): (&[&str], Place) = match kind {
        SheetKind::Submission => {
            (&["scorecard", "unit", "status", "reopened", "answers", "submitted_at", "seal", "signature", "news"], Place::Submission)
        }
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
    }
    let news_leaf = super::register::news_leaf(sc);
    if !sheet.news.is_empty() && news_leaf.is_none() {
        let at = doc.value("news").map_or(0..0, |v| v.span());
        r.warning(at, crate::text::msg::register::RegisterMsg::NoRegisterLeaf);
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
                r.error(key_span, crate::text::msg::register::RegisterMsg::TypedAndListed { id: id.to_owned() });
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
    if let Some((true, sp)) = na {
        // "Not applicable" needs its reason: the unit's note, or the Office's comment.
        let reason = if kind == SheetKind::Submission { "note" } else { "comment" };
        if r.str(t, reason).is_none_or(|(x, _)| x.trim().is_empty()) {
            r.error(sp, M::NaNeedsReason { id: id.clone(), reason: reason.to_owned() });
        }
    }
    // Only the keys of this kind of sheet are kept: a note in an appraisal (reported as unknown
    // above) kept in the sheet was written back on save, into a file that never loads.
    if kind == SheetKind::Submission
        && let Some((n, _)) = r.text(t, "note")
        && keep_all
    {
        a.note = n.into_owned();
    }
    if kind == SheetKind::Appraisal
        && let Some((c, _)) = r.text(t, "comment")
        && keep_all
    {
        a.comment = c.into_owned();
    }
    // The explanation loop: the Office's question, the unit's reply.
    if kind == SheetKind::Appraisal
        && let Some((q, _)) = r.str(t, "question")
        && keep_all
    {
        a.question = q.into_owned();
    }
    if kind == SheetKind::Submission
        && let Some((q, _)) = r.str(t, "reply")
        && keep_all
    {
        a.reply = q.into_owned();
    }
    // Evidence belongs to submissions (in an appraisal it was reported as an unknown key).
    if kind == SheetKind::Submission {
        r.each_table(t, "evidence", |r, e, esp| {
            r.unknown_keys(e, &["ref", "date", "title", "file"], Place::EvidenceItem);
            let mut reference = Cow::Borrowed("");
            if let Some((text, rsp)) = r.str(e, "ref") {
                reference = text;
                if let Some(problem) = docref::problem(&reference).filter(|_| !reference.is_empty()) {
                    let fix = Fix(docref::fix_spaces(&reference));
                    r.warning(rsp.clone(), M::NotADocumentNumber { reference: reference.to_string(), problem, fix });
                }
            }
            let date = r.date(e, "date").map(|x| x.0);
            let title = r.str(e, "title").map_or(Cow::Borrowed(""), |x| x.0);
            let at = e.value("ref").map_or(esp.clone(), |v| v.span());
            evidence_warnings(r, at, sc, id, (&reference, date, &title), seen);
            let mut file = None;
            if let Some((text, fsp)) = r.str(e, "file") {
                match safe_relative(&text) {
                    Ok(()) => file = Some(text),
                    Err(why) => r.error(fsp, M::EvidenceFile { file: text.to_string(), why }),
                }
            }
            if reference.trim().is_empty() && title.trim().is_empty() {
                r.error(esp, M::EvidenceEmpty);
                return;
            }
            if keep_all {
                let file = file.map(Cow::into_owned);
                a.evidence.push(Evidence { reference: reference.into_owned(), date, title: title.into_owned(), file });
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

#[cfg(test)]
mod tests;
