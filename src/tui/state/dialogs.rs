//! Dialogs: quit, recovery, the workflow moves (one parameterised dialog), accept-all, a change
//! made elsewhere under unsaved edits (keep mine / take theirs), export.

// Keys change the state as they are tested; a match guard would hide that.
#![allow(clippy::collapsible_match)]

use super::*;
use crate::tui::session::{AttachFailed, Attaching, Drawn, Reply};

/// What is incomplete, shown before submitting or marking appraised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub unscored: u32,
    pub warnings: u32,
    pub bad_refs: u32,
    /// The self index and its band, from the unit's figures (`Work::result`).
    pub index: Decimal,
    pub band: Option<usize>,
    /// Not appraised, scored by the unit: its input counts.
    pub appraise_self: u32,
    /// Not appraised and never scored by the unit: 0 points.
    pub appraise_zero: u32,
    /// Survey criteria (the Office's) without points yet: the result is provisional.
    pub survey_open: Box<[String]>,
}

#[derive(Clone, Debug)]
pub struct ExportDialog {
    pub format: usize,
    pub name: LineInput,
    /// CSV: numbers with a decimal comma and `;` between fields (Vietnamese Excel).
    pub decimal_comma: bool,
    /// 0: the format, 1: the file name.
    pub focus: usize,
    pub error: Option<String>,
    /// The file named exists: asked whether to overwrite it (Enter again does).
    pub overwrite: bool,
}

/// Criteria changed both here (unsaved) and elsewhere: one at a time, keep mine or take theirs
/// for the parts both changed (what only one side changed is kept either way).
#[derive(Clone, Debug)]
pub struct Conflict {
    pub kind: SheetKind,
    /// The first is the one asked about.
    pub items: Vec<ConflictItem>,
}

/// A part of an answer, as the conflict dialog names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Input,
    Note,
    Evidence,
    Comment,
    Question,
    Reply,
}

/// One criterion changed on both sides.
#[derive(Clone, Debug)]
pub struct ConflictItem {
    pub node: usize,
    /// The parts both sides changed, differently.
    pub parts: Vec<Part>,
    /// Mine, with what only they changed taken in (what the sheet holds while asked).
    pub mine: Option<Answer>,
    /// The same with their value of each part in `parts` (what "take theirs" leaves).
    pub theirs: Option<Answer>,
}

/// Merges a criterion changed here (`mine`) and elsewhere (`theirs`) since `base`, part by part:
/// a part only one side changed takes that side's value; the parts both changed differently
/// are listed. `None` when nothing of it is left.
pub fn merge3(base: Option<&Answer>, mine: Option<&Answer>, theirs: Option<&Answer>) -> ConflictItem {
    let empty = Answer::default();
    let (b, m, t) = (base.unwrap_or(&empty), mine.unwrap_or(&empty), theirs.unwrap_or(&empty));
    let mut keep = m.clone();
    let mut take = m.clone();
    let mut parts = Vec::new();
    macro_rules! part {
        ($f:ident, $p:expr) => {
            if t.$f != b.$f && t.$f != m.$f {
                if m.$f == b.$f {
                    keep.$f = t.$f.clone();
                } else {
                    parts.push($p);
                }
                take.$f = t.$f.clone();
            }
        };
    }
    part!(input, Part::Input);
    part!(note, Part::Note);
    part!(evidence, Part::Evidence);
    part!(comment, Part::Comment);
    part!(question, Part::Question);
    part!(reply, Part::Reply);
    let some = |a: Answer| (!a.is_empty()).then_some(a);
    ConflictItem { node: 0, parts, mine: some(keep), theirs: some(take) }
}

pub enum Dialog {
    Quit,
    /// A workflow move to confirm, with what is incomplete and the state of the unit's files
    /// when the figures were drawn (the move is refused if someone else changed them since).
    Move {
        mv: Move,
        summary: Summary,
        drawn: Drawn,
        /// Returning: why (typed in the dialog).
        reason: Option<LineInput>,
    },
    /// Accept the unit's input for this many criteria not yet appraised?
    AcceptAll(usize),
    /// Unsaved changes of an earlier session were found: recover them? (when, as text)
    Recover(String),
    Conflict(Conflict),
    Export(ExportDialog),
    /// The unit head objects to a criterion's appraised figure (issue 21): why, and the
    /// documents that show it (`;` between them). `focus`: 0 the reason, 1 the evidence.
    Object {
        criterion: String,
        reason: LineInput,
        evidence: LineInput,
        focus: u8,
    },
    /// The Office (or the criterion's appraiser) answers a unit's objection (issue 21):
    /// accept (the appraised figure becomes the unit's own) or reject with a reason.
    /// `focus`: 0 the choice (←/→ or Space change it), 1 the reason (when rejecting).
    Answer {
        criterion: String,
        accept: bool,
        reason: LineInput,
        focus: u8,
    },
    /// The unit head attaches a file to a criterion (issue 20): its path, typed.
    Attach {
        criterion: String,
        path: LineInput,
    },
    /// A git clone whose last sync the server refused: set the refused changes aside and take
    /// the server's branch?
    SetAside,
}

impl Dialog {
    /// Whether the dialog has a text field (the reason for returning a unit).
    pub fn takes_text(&self) -> bool {
        matches!(self, Dialog::Move { reason: Some(_), .. } | Dialog::Object { .. } | Dialog::Answer { .. } | Dialog::Attach { .. })
    }

    /// Whether Enter means "no": a submission with criteria left unscored, a provisional
    /// result made final.
    pub fn enter_is_no(&self) -> bool {
        match self {
            Dialog::Move { mv: Move::Submit, summary, .. } => summary.unscored > 0,
            // Finalising a result still provisional (surveys without points).
            Dialog::Move { mv: Move::Finalise, summary, .. } => !summary.survey_open.is_empty(),
            _ => false,
        }
    }
}

/// How a confirmed move ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Moved {
    Done,
    /// Someone else changed the unit's files since the dialog was drawn.
    Stale,
    /// Refused (the workflow, a lock, a signature, a save that failed), with a message.
    Refused,
}

/// The key action that asks for a move.
fn mv_action(mv: Move) -> Action {
    match mv {
        Move::Submit => Action::Submit,
        Move::Return => Action::ReturnUnit,
        Move::MarkAppraised => Action::MarkAppraised,
        Move::Finalise => Action::Finalise,
        Move::Reopen => Action::Reopen,
    }
}

pub(super) fn summary(w: &Work, sc: &Scorecard) -> Summary {
    let bad_refs = w.sub.answers.values().flat_map(|a| a.evidence.iter()).filter(|e| e.reference_problem().is_some()).count() as u32;
    let office_only = |i: usize| crate::core::figures::Counts::office_only(sc, i);
    let open = || sc.leaves().filter(|&i| w.appr.input(i).is_none());
    let appraise_self = open().filter(|&i| !office_only(i) && w.sub.input(i).is_some()).count() as u32;
    let appraise_zero = open().filter(|&i| !office_only(i) && w.sub.input(i).is_none()).count() as u32;
    // As the figures judge it (`lacks_office_points`): an applicable survey with no input.
    let survey_open = open().filter(|&i| office_only(i) && !w.fin.nodes[i].applicable.is_zero()).map(|i| sc.nodes[i].id.clone()).collect();
    Summary {
        unscored: w.unscored,
        warnings: w.warnings,
        bad_refs,
        index: w.result.self_index,
        band: w.result.self_band,
        appraise_self,
        appraise_zero,
        survey_open,
    }
}

impl App {
    pub(super) fn request_quit(&mut self) {
        if self.dirty() {
            self.overlay = Some(Overlay::Dialog(Dialog::Quit));
        } else {
            self.quit();
        }
    }

    /// Ends the dashboard: the evidence files this session wrote or detached that nothing
    /// names go first (the worker removes them before it stops).
    fn quit(&mut self) {
        self.should_quit = true;
        // The screen and its history go with the dashboard: only what is saved, or kept in
        // the journal to be offered back, still names a file. The submission as last read or
        // saved is on disk: what it names stays without reading the round.
        let keep = match self.work.as_ref().filter(|_| self.role == Role::Unit) {
            Some(w) => crate::attach::files_of(&w.base).map(str::to_owned).collect(),
            None => std::collections::HashSet::new(),
        };
        self.session.sweep_evidence(keep, true);
    }

    /// Asks to confirm a workflow move on the open unit.
    pub(super) fn ask_move(&mut self, mv: Move) {
        let Some(w) = self.work.as_ref() else { return };
        let summary = summary(w, self.sc());
        let drawn = self.session.drawn(w.unit);
        // Returning asks why (shown to the unit, kept in the audit log); a reason typed into a
        // dialog refused on stale figures is still there.
        let draft = self.work.as_mut().filter(|_| mv == Move::Return).and_then(|w| w.reason_draft.take());
        // The kept text is continued, not typed over.
        let reason = (mv == Move::Return).then(|| LineInput { fresh: false, ..LineInput::new(draft.as_deref().unwrap_or_default()) });
        self.overlay = Some(Overlay::Dialog(Dialog::Move { mv, summary, drawn, reason }));
    }

    pub(super) fn update_overlay(&mut self, action: Action) {
        let Some(overlay) = self.overlay.as_mut() else { return };
        match overlay {
            Overlay::Help { scroll } => match action {
                Action::Down => *scroll = scroll.saturating_add(1).min(self.hits.help_max.get()),
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll = scroll.saturating_add(10).min(self.hits.help_max.get()),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::Quit) => match action {
                Action::Yes => {
                    self.overlay = None;
                    if self.save(false) {
                        self.quit();
                    }
                }
                Action::No => {
                    self.overlay = None;
                    // The journal keeps the changes to be offered back, and the files it
                    // names with them.
                    self.quit();
                }
                Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::SetAside) => match action {
                Action::Yes => {
                    self.overlay = None;
                    self.set_aside();
                }
                Action::No | Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::Recover(_)) => match action {
                Action::Yes => self.recover(true),
                Action::No | Action::Cancel => self.recover(false),
                _ => {}
            },
            Overlay::Dialog(Dialog::Conflict(_)) => match action {
                Action::Yes => self.resolve(true),
                Action::No => self.resolve(false),
                _ => {}
            },
            Overlay::Dialog(Dialog::Move { mv, drawn, reason, .. }) => match action {
                Action::Yes => {
                    let (mv, drawn) = (*mv, *drawn);
                    let typed = reason.as_ref().map(|r| r.text.clone());
                    let why: Option<String> = reason.as_ref().map(|r| nfc(r.text.trim())).filter(|r| !r.is_empty());
                    self.overlay = None;
                    match self.transition(mv, drawn) {
                        Moved::Done => {
                            if let (Some(r), Some(u)) = (why, self.work.as_ref().map(|w| w.unit))
                                && let Err(e) = self.session.log_return_reason(u, &r)
                            {
                                self.error(format!("{}: {}", self.t.err_save, crate::text::msg::store::io_error(&e, self.t.lang)));
                            }
                        }
                        // Someone else changed the unit: the new figures are on screen; what was
                        // typed is kept, and the dialog asks again on them while the move is
                        // still possible.
                        Moved::Stale => {
                            if let Some(w) = self.work.as_mut() {
                                w.reason_draft = typed.filter(|t| !t.is_empty());
                            }
                            if self.offers(&mv_action(mv)) {
                                self.ask_move(mv);
                            }
                        }
                        Moved::Refused => {}
                    }
                }
                Action::No | Action::Cancel => self.overlay = None,
                Action::Key(_) | Action::Paste(_) => {
                    // The reason is bounded (issue 18): a key at the limit is refused, a paste
                    // stops at it.
                    let limit = crate::core::limits::Field::Reason;
                    let over = reason.as_mut().and_then(|r| super::edit::type_into(r, limit, &action));
                    if let Some(over) = over {
                        self.error(crate::text::msg::sheet::SheetMsg::Limit { over }.render(self.lang));
                    }
                }
                _ => {}
            },
            Overlay::Dialog(Dialog::Object { criterion, reason, evidence, focus }) => match action {
                Action::Yes => {
                    let (criterion, text) = (criterion.clone(), reason.text.clone());
                    let evidence: Vec<String> = evidence.text.split(';').map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()).collect();
                    if text.trim().is_empty() {
                        *focus = 0;
                        return self.error(crate::text::msg::objection::ObjectionMsg::NeedsReason.render(self.lang));
                    }
                    self.overlay = None;
                    self.object(&criterion, &text, evidence);
                }
                Action::NextPane | Action::PrevPane => *focus = 1 - (*focus).min(1),
                Action::No | Action::Cancel => self.overlay = None,
                Action::Key(_) | Action::Paste(_) => {
                    let (field, limit) =
                        if *focus == 0 { (reason, crate::core::limits::Field::Reason) } else { (evidence, crate::core::limits::Field::Reason) };
                    let over = super::edit::type_into(field, limit, &action);
                    if let Some(over) = over {
                        self.error(crate::text::msg::sheet::SheetMsg::Limit { over }.render(self.lang));
                    }
                }
                _ => {}
            },
            Overlay::Dialog(Dialog::Answer { criterion, accept, reason, focus }) => match action {
                Action::Yes => {
                    if !*accept && reason.text.trim().is_empty() {
                        *focus = 1;
                        return self.error(crate::text::msg::objection::ObjectionMsg::RejectNeedsReason.render(self.lang));
                    }
                    let criterion = criterion.clone();
                    let verdict = if *accept {
                        crate::core::store::objections::Verdict::Accept { points: None }
                    } else {
                        crate::core::store::objections::Verdict::Reject { reason: reason.text.clone() }
                    };
                    self.overlay = None;
                    self.answer_objection(&criterion, verdict);
                }
                Action::NextPane | Action::PrevPane => *focus = if *accept { 0 } else { 1 - (*focus).min(1) },
                Action::No | Action::Cancel => self.overlay = None,
                Action::Key(k) if *focus == 0 => {
                    use ratatui::crossterm::event::KeyCode;
                    if matches!(k.code, KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('h') | KeyCode::Char('l')) {
                        *accept = !*accept;
                    } else if matches!(k.code, KeyCode::Char('c')) {
                        *accept = true;
                    } else if matches!(k.code, KeyCode::Char('k')) {
                        *accept = false;
                        *focus = 1;
                    }
                }
                Action::Key(_) | Action::Paste(_) => {
                    let over = super::edit::type_into(reason, crate::core::limits::Field::Reason, &action);
                    if let Some(over) = over {
                        self.error(crate::text::msg::sheet::SheetMsg::Limit { over }.render(self.lang));
                    }
                }
                _ => {}
            },
            Overlay::Dialog(Dialog::Attach { criterion, path }) => match action {
                Action::Yes => {
                    let (criterion, text) = (criterion.clone(), path.text.trim().to_owned());
                    self.overlay = None;
                    self.attach_file(&criterion, &text);
                }
                Action::No | Action::Cancel => self.overlay = None,
                Action::Key(_) | Action::Paste(_) => {
                    let (_, over) = super::edit::bounded(path, crate::core::limits::Field::EvidenceFile, |r| match &action {
                        Action::Key(k) => r.handle_key(k),
                        Action::Paste(p) => {
                            r.insert_str(p.trim_end_matches(['\n', '\r']));
                            true
                        }
                        _ => false,
                    });
                    if let Some(over) = over {
                        self.error(crate::text::msg::sheet::SheetMsg::Limit { over }.render(self.lang));
                    }
                }
                _ => {}
            },
            Overlay::Dialog(Dialog::AcceptAll(_)) => match action {
                Action::Yes => {
                    self.overlay = None;
                    self.accept(true);
                }
                Action::No | Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::Export(d)) => match action {
                Action::Cancel => self.overlay = None,
                Action::NextPane => d.focus = (d.focus + 1) % 2,
                Action::PrevPane => d.focus = (d.focus + 1) % 2,
                Action::Left | Action::Right => {
                    let n = ExportFormat::ALL.len();
                    let old = ExportFormat::ALL[d.format].extension();
                    d.format = if action == Action::Left { (d.format + n - 1) % n } else { (d.format + 1) % n };
                    let new = ExportFormat::ALL[d.format].extension();
                    if let Some(stem) = d.name.text.strip_suffix(&format!(".{old}")) {
                        d.name = LineInput::new(&format!("{stem}.{new}"));
                    }
                    d.error = None;
                    d.overwrite = false;
                }
                Action::Key(k) => {
                    if d.name.handle_key(&k) {
                        d.error = None;
                        d.overwrite = false;
                    }
                }
                Action::Paste(s) => {
                    d.name.insert_str(&s);
                    d.overwrite = false;
                }
                Action::ToggleDecimalComma => d.decimal_comma = !d.decimal_comma,
                Action::Confirm => self.export(),
                _ => {}
            },
        }
    }

    /// The recovery offer answered: take the journal's answers (one undoable change), or drop it.
    fn recover(&mut self, take: bool) {
        self.overlay = None;
        let kind = self.kind();
        let Some(w) = self.work.as_mut() else { return };
        let Some(sheet) = w.recovered.take() else { return };
        if !take {
            self.session.journal_clear(w.unit, kind);
            // The files attached in the dropped changes go too, unless something else names
            // them.
            for f in crate::attach::files_of(&sheet) {
                self.session.evidence_dropped(f);
            }
            self.sweep_evidence();
            return self.info(self.t.msg_recover_dropped);
        }
        let cur = w.sheet_mut(kind);
        let mut ids: Vec<usize> = cur.answers.keys().chain(sheet.answers.keys()).copied().collect();
        ids.sort_unstable();
        ids.dedup();
        let to: Vec<(usize, Option<Answer>)> = ids.into_iter().map(|i| (i, sheet.answers.get(&i).cloned())).collect();
        let ch = Change::apply(kind, cur, to);
        self.record(ch);
        // Even a journal equal to the file is unsaved work as far as the user knows.
        if let Some(w) = self.work.as_mut() {
            w.dirty = true;
            w.last_change = Some(Instant::now());
        }
        self.info(self.t.msg_recovered);
    }

    /// One criterion of a conflict answered: keep mine (`true`) or take theirs.
    fn resolve(&mut self, mine: bool) {
        let Some(Overlay::Dialog(Dialog::Conflict(c))) = self.overlay.as_mut() else { return };
        let ConflictItem { node, theirs, .. } = c.items.remove(0);
        let kind = c.kind;
        if c.items.is_empty() {
            self.overlay = None;
        }
        if !mine && let Some(w) = self.work.as_mut() {
            w.sel = node;
            let ch = Change::apply(kind, w.sheet_mut(kind), [(node, theirs)]);
            self.record(ch);
        }
        if self.overlay.is_none() {
            self.info(self.t.msg_conflicts_done);
        }
    }

    // ---- state changes of the round ----

    /// A workflow move on the open unit: the one place the status changes. The core checks
    /// the role, the status and the deadline, seals a submission and logs the move; the
    /// session refuses it when the unit's files changed since `drawn`.
    pub(super) fn transition(&mut self, mv: Move, drawn: Drawn) -> Moved {
        // The sheet's own changes go first, so the file (and the seal) holds them (the
        // session does not count its own save as a change made elsewhere).
        if self.dirty() && !self.save(true) {
            return Moved::Refused;
        }
        let t = self.t;
        // A unit that lists keys submits signed: through the agent, or PARINDEX_SIGNING_KEY.
        let mut signature = None;
        if let (Move::Submit, Some(w)) = (mv, self.work.as_ref()) {
            match self.session.sign(w.unit, &w.sub) {
                Ok(s) => signature = s,
                Err(e) => {
                    let msg = crate::tui::fmt::fill(t.sign_failed, &[&self.session.ws.units[w.unit].name, &e.render(t.lang)]);
                    self.error(format!("{msg} {}", t.sign_hint));
                    return Moved::Refused;
                }
            }
        }
        let Some(w) = self.work.as_mut() else { return Moved::Refused };
        // A unit head who submits already holds the submission's lock; the Office takes it.
        let holding = self.role == Role::Unit && w.locked;
        match self.session.apply_move(w.unit, mv, holding, drawn, signature) {
            Ok(sheet) => {
                w.sub = sheet;
                w.sub_exists = true;
                if self.role == Role::Unit {
                    w.base = w.sub.clone();
                }
                // The figures follow the new status (a reopened unit ranks on its own again).
                w.retally(&self.session.ws.scorecard, self.role);
                let msg = match mv {
                    Move::Submit => t.msg_submitted,
                    Move::Return => t.msg_returned,
                    Move::MarkAppraised => t.msg_marked_appraised,
                    Move::Finalise => t.msg_finalised,
                    Move::Reopen => t.msg_reopened,
                };
                self.info(msg);
                self.refresh_result();
                self.fit_lock();
                Moved::Done
            }
            Err(MoveError::Stale) => {
                self.reload_open();
                self.error(t.msg_stale);
                Moved::Stale
            }
            Err(MoveError::SettingsChanged) => {
                self.error(t.err_settings_changed);
                Moved::Refused
            }
            Err(MoveError::Change(e)) => {
                self.error(workflow::change_error_text(&e, t));
                Moved::Refused
            }
        }
    }

    /// Asks for the path of a file to attach to the selected leaf (the sheet is editable: the
    /// key lives in the editing context).
    pub(super) fn ask_attach(&mut self) {
        let Some(w) = self.work.as_ref() else { return };
        if !self.sc().nodes[w.sel].is_leaf() {
            return;
        }
        let criterion = self.sc().nodes[w.sel].id.clone();
        self.overlay = Some(Overlay::Dialog(Dialog::Attach { criterion, path: LineInput::new("") }));
    }

    /// Attaches the file at `path` to the selected criterion: read, checked and written under
    /// evidence/<unit>/ on the disk worker ([`Session::attach`]: keys and frames go on while a
    /// big file is read), then added to the sheet as an edit (saved, logged and undone like any
    /// other) when the answer comes ([`App::on_attached`]).
    fn attach_file(&mut self, criterion: &str, path: &str) {
        let Some(w) = self.work.as_ref() else { return };
        let (unit, answer) = (w.unit, w.sub.answer(w.sel).cloned().unwrap_or_default());
        let comma = self.lang == crate::text::Lang::Vi;
        match self.session.attach(unit, criterion, std::path::PathBuf::from(path), answer, comma) {
            Some(Reply::Attached(a)) => self.on_attached(*a),
            Some(_) => {}
            None => self.info(self.t.msg_attaching),
        }
    }

    /// Takes in the answer of an attach: the evidence item goes onto the criterion's answer as
    /// an edit, when the same unit is still open and editable and the criterion does not have
    /// the file by now (a file written for nothing is left to [`App::sweep_evidence`]).
    pub(super) fn on_attached(&mut self, a: Attaching) {
        let ready = match a.done {
            Ok(r) => r,
            Err(AttachFailed::Refused(m)) => return self.error(m.render(self.lang)),
            Err(AttachFailed::Io(e)) => return self.error(crate::core::store::read::os_reason(&e)),
        };
        let node = self.session.ws.scorecard.node_index(&a.criterion);
        let open = self.work.as_ref().filter(|w| w.unit == a.unit);
        let (Some(w), Some(node)) = (open, node) else { return };
        if !self.editable() {
            return self.refuse();
        }
        let mut answer = w.sub.answer(node).cloned().unwrap_or_default();
        if let Err(m) = crate::attach::add_item(&mut answer, &ready.evidence, &ready.name, &a.criterion) {
            return self.error(m.render(self.lang));
        }
        let Some(w) = self.work.as_mut() else { return };
        let ch = super::history::Change::apply(SheetKind::Submission, &mut w.sub, [(node, Some(answer))]);
        self.record(ch);
        if let Some(w) = self.work.as_mut() {
            w.refresh_files(&self.session);
        }
        let t = self.t;
        self.info(fill(t.msg_attached, &[&ready.name, &a.criterion]));
    }

    /// The evidence files the open unit's sheets may still save or bring back: the sheet on
    /// screen, as last saved, and every step of its undo and redo history.
    fn evidence_in_use(&self) -> std::collections::HashSet<String> {
        let mut keep = std::collections::HashSet::new();
        let Some(w) = self.work.as_ref() else { return keep };
        let mut add = |a: &crate::core::answers::Answer| keep.extend(a.evidence.iter().filter_map(|e| e.file.clone()));
        for a in w.sub.answers.values().chain(w.base.answers.values()) {
            add(a);
        }
        for ch in w.undo.iter().chain(w.redo.iter()) {
            for (_, before, after) in &ch.items {
                before.iter().chain(after.iter()).for_each(&mut add);
            }
        }
        keep.extend(crate::attach::files_of(&w.sub).chain(crate::attach::files_of(&w.base)).map(str::to_owned));
        for ch in w.undo.iter().chain(w.redo.iter()) {
            if let Some((before, after)) = &ch.news {
                keep.extend(before.iter().chain(after.iter()).filter_map(|n| n.file.clone()));
            }
        }
        keep
    }

    /// Removes the evidence files this session wrote or detached that nothing can name any
    /// more (see [`Session::sweep_evidence`]): on leaving a unit, on quitting, when unsaved
    /// changes are dropped. What the open sheet or its history names stays.
    pub(super) fn sweep_evidence(&mut self) {
        let keep = self.evidence_in_use();
        self.session.sweep_evidence(keep, false);
    }

    /// Opens the selected criterion's attached file (the selected evidence item when it is
    /// one, else the first) with the system's opener when there is a display to open it on;
    /// otherwise (over SSH, no opener) shows its full path.
    pub(super) fn open_attached(&mut self) {
        let Some(w) = self.work.as_ref() else { return };
        let t = self.t;
        let items: Vec<&crate::core::answers::Evidence> =
            w.sub.answer(w.sel).map(|a| a.evidence.iter().filter(|e| e.attached.is_some()).collect()).unwrap_or_default();
        let Some(e) = items.first() else { return self.info(t.msg_no_attached.to_owned()) };
        let Some(file) = e.file.as_deref() else { return };
        let path = self.session.ws.evidence_path(file);
        let shown = path.display().to_string();
        match opener() {
            Some(cmd) => {
                let spawned = std::process::Command::new(cmd)
                    .arg(&path)
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn();
                match spawned {
                    Ok(mut child) => {
                        // Reaped when the opener exits (no zombie left behind).
                        std::thread::spawn(move || child.wait());
                        self.info(fill(t.msg_opened, &[&shown]))
                    }
                    Err(_) => self.info(fill(t.msg_file_at, &[&shown])),
                }
            }
            None => self.info(fill(t.msg_file_at, &[&shown])),
        }
    }

    /// Asks why the head objects to the selected criterion (refused with the reason when the
    /// stage does not allow it).
    pub(super) fn ask_object(&mut self) {
        match self.may_object_here() {
            Ok(criterion) => {
                self.overlay = Some(Overlay::Dialog(Dialog::Object { criterion, reason: LineInput::new(""), evidence: LineInput::new(""), focus: 0 }))
            }
            Err(m) => self.error(m.render(self.lang)),
        }
    }

    /// Whether the head may object to the selected criterion now (judged on the stage as the
    /// worker last read it, [`App::stage_of`]).
    pub(super) fn may_object_here(&self) -> Result<String, crate::text::msg::Msg> {
        let Some(w) = self.work.as_ref() else { return Err(crate::core::say::Msg::from("?").into()) };
        let criterion = self.sc().nodes[w.sel].id.clone();
        let stage = self.stage_of(w.unit)?;
        self.session.may_object(w.unit, w.sub_exists.then_some(w.sub.status), &stage, &criterion)?;
        Ok(criterion)
    }

    /// Sends the head's objection (written and logged by the store).
    fn object(&mut self, criterion: &str, reason: &str, evidence: Vec<String>) {
        let Some(w) = self.work.as_ref() else { return };
        let done = self.session.object(w.unit, criterion, reason, evidence);
        self.reload_stage();
        match done {
            Ok(()) => self.info(self.t.msg_objected),
            Err(e) => self.error(workflow::change_error_text(&e, self.t)),
        }
    }

    /// Whether this user may answer the objection to the selected criterion now.
    pub(super) fn may_answer_here(&self) -> Result<String, crate::text::msg::Msg> {
        let Some(w) = self.work.as_ref() else { return Err(crate::core::say::Msg::from("?").into()) };
        let criterion = self.sc().nodes[w.sel].id.clone();
        let stage = self.stage_of(w.unit)?;
        self.session.may_answer(w.sub_exists.then_some(w.sub.status), &stage, &criterion)?;
        Ok(criterion)
    }

    /// Asks the Office (or the criterion's appraiser) for the answer to the unit's objection
    /// to the selected criterion (refused with the reason when there is none to answer).
    pub(super) fn ask_answer(&mut self) {
        match self.may_answer_here() {
            Ok(criterion) => {
                self.overlay = Some(Overlay::Dialog(Dialog::Answer { criterion, accept: true, reason: LineInput::new(""), focus: 0 }));
            }
            Err(m) => self.error(m.render(self.lang)),
        }
    }

    /// Sends the answer (written and logged by the store); accepted, the appraisal is read
    /// again with the figure it now holds.
    fn answer_objection(&mut self, criterion: &str, verdict: crate::core::store::objections::Verdict) {
        // What this dashboard has not saved of the appraisal is saved first: the answer
        // changes the appraisal on disk.
        if self.dirty() && !self.save(true) {
            return;
        }
        let Some(w) = self.work.as_ref() else { return };
        let holding = self.role == Role::Office && w.locked;
        let done = self.session.answer_objection(w.unit, criterion, verdict, holding);
        self.reload_open();
        match done {
            Ok(()) => self.info(self.t.msg_answered),
            Err(e) => self.error(workflow::change_error_text(&e, self.t)),
        }
    }

    /// The head takes back the open unit's submission: it becomes an editable draft again.
    pub(super) fn withdraw(&mut self) {
        let t = self.t;
        let Some(w) = self.work.as_mut() else { return };
        let drawn = self.session.drawn(w.unit);
        let holding = self.role == Role::Unit && w.locked;
        match self.session.withdraw(w.unit, holding, drawn) {
            Ok(sheet) => {
                w.sub = sheet;
                w.sub_exists = true;
                w.base = w.sub.clone();
                w.retally(&self.session.ws.scorecard, self.role);
                self.info(t.msg_withdrawn);
                self.refresh_result();
                self.fit_lock();
            }
            Err(MoveError::Stale) => {
                self.reload_open();
                self.error(t.msg_stale);
            }
            Err(MoveError::SettingsChanged) => self.error(t.err_settings_changed),
            Err(MoveError::Change(e)) => self.error(workflow::change_error_text(&e, t)),
        }
    }

    pub(super) fn export(&mut self) {
        let (Some(o), Some(Overlay::Dialog(Dialog::Export(d)))) = (self.office.as_ref(), self.overlay.as_mut()) else { return };
        let name = d.name.text.trim();
        if name.is_empty() {
            d.error = Some(self.t.err_export_name.to_owned());
            return;
        }
        // An existing file is overwritten only when asked twice.
        if !d.overwrite && self.session.export_exists(name) {
            d.overwrite = true;
            d.error = Some(fill(self.t.export_overwrite, &[name]));
            return;
        }
        let format = ExportFormat::ALL[d.format];
        let (csv_sep, decimal_comma) = ExportOptions::csv(None, d.decimal_comma).expect("no separator given: always valid");
        let opts = ExportOptions { by_group: o.by_group, csv_sep, decimal_comma, ..ExportOptions::default() };
        match self.session.export(&o.results, format, &opts, name) {
            Ok(path) => {
                // The next export starts from this format.
                let f = d.format;
                if let Some(o) = self.office.as_mut() {
                    o.export_format = f;
                }
                self.overlay = None;
                self.info(format!("{} {}", self.t.msg_exported, path.display()));
            }
            Err(e) => {
                let msg = self.t.write_failed(std::path::Path::new(name), &e);
                d.error = Some(msg.clone());
                d.overwrite = false;
                self.error(msg);
            }
        }
    }
}

/// The system's opener for a file: `explorer` on Windows (it opens a file with the program
/// Windows associates with its type, as a double click does), `open` on macOS, `xdg-open`
/// where a display is (Linux and the BSDs: `DISPLAY` or `WAYLAND_DISPLAY` set);
/// `PARINDEX_OPENER` names another (empty: none). `None` over SSH or without one: the path is
/// shown instead.
fn opener() -> Option<String> {
    if let Ok(o) = std::env::var("PARINDEX_OPENER") {
        return (!o.trim().is_empty()).then_some(o);
    }
    if cfg!(windows) {
        // Over SSH into a Windows machine nothing would appear on the user's screen.
        return std::env::var_os("SSH_CONNECTION").is_none().then(|| "explorer".into());
    }
    if cfg!(target_os = "macos") {
        return Some("open".into());
    }
    let display = ["DISPLAY", "WAYLAND_DISPLAY"].iter().any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    let found = std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("xdg-open").is_file()));
    (display && found).then(|| "xdg-open".into())
}
