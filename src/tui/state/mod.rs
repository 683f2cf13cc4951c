//! The dashboard's state and the one function that changes it, [`App::update`]. Nothing here
//! draws: the views read an `&App`. Tallies are cached here and recomputed only for the unit
//! being edited, when it changes.

mod dialogs;
mod edit;
mod history;
mod live;
mod mouse;
mod office;
mod sheet;
mod sync;

pub use dialogs::{Conflict, ConflictItem, Dialog, ExportDialog, Part, Summary, merge3};
pub use edit::{Edit, EvidenceForm, docref_problem};
pub use history::Change;
pub use office::{Office, RankLine, SortCol};
pub use sheet::Work;

use crate::text::Render;
use crate::text::msg::Message;
use std::cell::Cell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use rust_decimal::Decimal;

use super::action::Action;
use super::fmt::{self, fill};
use super::keymap::{self, Ctx, Key};
use super::session::{Changed, Locked, MoveError, Session};
use super::theme::Theme;
use super::widget::field::LineInput;
use super::workflow;
use crate::core::answers::{Answer, Evidence, Input, Sheet, SheetKind, Status, safe_relative};
use crate::core::date::Date;
use crate::core::diag::LoadError;
use crate::core::docref;
use crate::core::lock::Holder;
use crate::core::rank::cmp_names;
use crate::core::register::NewsItem;
use crate::core::results::{RankRow, RoundResults, UnitResult};
use crate::core::rules::{self, InputKind, input_kind};
use crate::core::scorecard::{Rule, Scorecard};
use crate::core::tally::Tally;
use crate::core::toml_in::nfc;
use crate::core::workflow::{Actor, Move, ReadOnly};
use crate::core::workspace::Workspace;
use crate::core::{figures, integrity};
use crate::export::{ExportFormat, ExportOptions};
use crate::text::{Lang, Text};

/// Seconds after the last change before it is saved on its own.
pub const AUTOSAVE: Duration = Duration::from_secs(3);

/// Who is using the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A unit head, scoring their own unit.
    Unit,
    /// The Office: every unit, appraisal, ranking.
    Office,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The unit's self-assessment.
    Unit,
    /// The Office's dashboard of all units.
    Office,
    /// The Office's appraisal of one unit.
    Appraisal,
    /// The ranking, overall or by group.
    Ranking,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Detail,
}

/// A field of the detail pane that the selection can rest on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The input: the unit's (self-assessment) or the Office's (appraisal).
    Input,
    Evidence(usize),
    AddEvidence,
    /// An item of the news register, on the leaf counted from it (issue 12).
    News(usize),
    AddNews,
    /// The unit's explanation.
    Note,
    /// The Office's comment.
    Comment,
    /// The Office's question (a flag asking for an explanation).
    Question,
    /// The unit's answer to the Office's question.
    Reply,
}

pub enum Overlay {
    Help { scroll: u16 },
    Dialog(Dialog),
}

/// Screen areas the last frame drew, for mouse clicks.
#[derive(Default)]
pub struct Hits {
    pub tree: Cell<Rect>,
    pub detail: Cell<Rect>,
    pub table: Cell<Rect>,
    /// How far the help can scroll at the last drawn size.
    pub help_max: Cell<u16>,
}

pub struct App {
    /// The one door to disk: the workspace, the user, today, locks, saves, moves, watching.
    pub session: Session,
    pub lang: Lang,
    pub t: &'static Text,
    pub theme: Theme,
    pub role: Role,
    pub screen: Screen,
    pub work: Option<Work>,
    pub office: Option<Office>,
    pub overlay: Option<Overlay>,
    /// The status line: a message and whether it is an error.
    pub status: Option<(String, bool)>,
    pub should_quit: bool,
    pub hits: Hits,
    /// Delay before an autosave.
    pub autosave: Duration,
    /// The appraisers' progress on the selected unit as last read by the worker: the Office's
    /// table draws it without reading disk on every frame ([`App::parts_of`]).
    pub parts: crate::tui::session::PartsSlot,
    /// The open unit's objection stage as last read by the worker ([`App::stage_of`]).
    pub stage: crate::tui::session::StageSlot,
    /// The round's open objections as last read by the worker ([`App::open_objections`]).
    pub open_objections: crate::tui::session::OpenSlot,
    /// A git clone whose last sync the server's hook refused: `X` sets the refused changes
    /// aside ([`Action::SetAside`]).
    pub sync_refused: bool,
}

fn is_leaf(sc: &Scorecard, i: usize) -> bool {
    sc.nodes[i].is_leaf()
}

impl App {
    fn base(session: Session, lang: Lang, theme: Theme, role: Role, screen: Screen) -> App {
        App {
            session,
            lang,
            t: lang.text(),
            theme,
            role,
            screen,
            work: None,
            office: None,
            overlay: None,
            status: None,
            should_quit: false,
            hits: Hits::default(),
            autosave: AUTOSAVE,
            parts: crate::tui::session::PartsSlot::parts(),
            stage: crate::tui::session::StageSlot::stage(),
            open_objections: crate::tui::session::OpenSlot::open_objections(),
            sync_refused: false,
        }
    }

    /// The appraisers' progress on a unit (empty without appraisers, when it does not load,
    /// or while the worker has not answered yet), read by the worker at most every 2 seconds
    /// for the same unit, and again after a change on disk ([`App::forget_parts`]). Drawing a
    /// frame never waits for the disk.
    pub fn parts_of(&self, unit: usize) -> std::sync::Arc<[crate::core::council::PartProgress]> {
        if self.session.ws.appraisers.is_empty() {
            return std::sync::Arc::new([]);
        }
        self.session.parts(&self.parts, unit)
    }

    /// A unit's objection stage (issue 21): the round's publication and the unit's objections
    /// (shared, not copied, by the callers of a frame). In a terminal (the worker in the
    /// background) it is read by the worker at most every 2 seconds, and again after an
    /// objection or an answer ([`App::forget_stage`]); neither a frame nor a key waits for the
    /// disk (the store judges again when it writes). Without the background (tests, benches)
    /// it is read each time.
    pub fn stage_of(&self, unit: usize) -> Result<std::sync::Arc<crate::tui::session::Stage>, crate::text::msg::Msg> {
        self.session.stage(&self.stage, unit)
    }

    /// The round's objections not answered yet (issue 21), for the Office's header: `Ok(None)`
    /// before a publication (none can be made) and until the worker has answered. It reads
    /// every unit's objections file, so in a terminal at most every 5 seconds, and again after
    /// an objection or an answer ([`App::forget_stage`]); a frame never waits for it. Without
    /// the background (tests, benches) it is read each time.
    pub fn open_objections(&self) -> Result<Option<usize>, crate::text::msg::Msg> {
        self.session.open_objections(&self.open_objections)
    }

    /// Reads the objection stage again when next needed (and the round's open objections).
    pub fn forget_stage(&self) {
        self.open_objections.forget();
        self.stage.forget();
    }

    /// Reads the appraisers' progress again when next drawn (kept on screen until the new
    /// answer comes, but no longer fresh).
    pub fn forget_parts(&self) {
        self.parts.forget();
    }

    /// A unit's dashboard: editable for a head of the unit (who becomes its one editor),
    /// read-only for the Office; refused to anyone else.
    pub fn for_unit(ws: Workspace, unit_id: &str, lang: Lang, theme: Theme) -> Result<App, String> {
        App::unit_in(Session::open(ws), unit_id, lang, theme)
    }

    /// [`App::for_unit`] on a given session (the in-memory twin in tests).
    pub fn unit_in(session: Session, unit_id: &str, lang: Lang, theme: Theme) -> Result<App, String> {
        let ws = &session.ws;
        let unit = ws.unit_index(unit_id).ok_or_else(|| {
            let ids: Vec<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
            crate::text::msg::Message::render(&crate::text::msg::cli::CliMsg::NoUnit { unit: unit_id.to_owned(), known: ids.join(", ") }, lang)
        })?;
        let mut app = App::base(session, lang, theme, Role::Unit, Screen::Unit);
        let who = &app.session.who;
        // A unit's dashboard shows its drafts and notes: its heads and the Office only (issue 18).
        if !who.may_read(&app.session.ws, unit, crate::core::roles::Part::Details, None) {
            return Err(who.require(&app.session.ws, Actor::Head, unit).err().map(|m| m.render(lang)).unwrap_or_default());
        }
        // A head whose own sheet does not load is told so plainly, with the file:line:col.
        let name = app.session.ws.units[unit].name.clone();
        app.open_unit(unit).map_err(|e| format!("{}\n{}", app.t.unreadable_own.replacen("{}", &name, 1), e.diagnostics.render_in(lang)))?;
        app.hint_single_user();
        Ok(app)
    }

    /// The Office's dashboard of all units; refused to anyone not in the Office.
    pub fn for_office(ws: Workspace, lang: Lang, theme: Theme) -> Result<App, String> {
        App::office_in(Session::open(ws), lang, theme)
    }

    /// [`App::for_office`] on a given session (the in-memory twin in tests).
    pub fn office_in(session: Session, lang: Lang, theme: Theme) -> Result<App, String> {
        if !session.who.office && session.ws.appraiser_roles(&session.who.user).is_empty() {
            return Err(session.who.require(&session.ws, Actor::Office, 0).err().map(|m| m.render(lang)).unwrap_or_default());
        }
        let results = session.results().map_err(|e| e.diagnostics.render_in(lang))?;
        let office = Office::new(&session.ws, results);
        let mut app = App::base(session, lang, theme, Role::Office, Screen::Office);
        app.office = Some(office);
        app.hint_single_user();
        Ok(app)
    }

    /// The first screen of a round run by one person says how to switch roles.
    fn hint_single_user(&mut self) {
        if self.session.ws.single_user && self.status.is_none() && self.overlay.is_none() {
            self.info(self.t.single_user_hint);
        }
    }

    /// A round run by one person: from the Office's dashboard (or an appraisal) to the selected
    /// unit's self-assessment, and back; no restart.
    fn switch_role(&mut self) {
        if self.dirty() && !self.save(true) {
            return;
        }
        match self.role {
            Role::Office => {
                let unit = match self.screen {
                    Screen::Office => self.office.as_ref().and_then(Office::selected_unit),
                    _ => self.work.as_ref().map(|w| w.unit),
                };
                let Some(unit) = unit else { return };
                self.close_unit();
                self.role = Role::Unit;
                self.screen = Screen::Unit;
                if let Err(e) = self.open_unit(unit) {
                    self.role = Role::Office;
                    self.screen = Screen::Office;
                    return self.error(e.diagnostics.render_in(self.lang).lines().next().unwrap_or_default().to_owned());
                }
            }
            Role::Unit => {
                self.close_unit();
                if self.office.is_none() {
                    match self.session.results() {
                        Ok(r) => self.office = Some(Office::new(&self.session.ws, r)),
                        Err(e) => return self.error(e.diagnostics.render_in(self.lang).lines().next().unwrap_or_default().to_owned()),
                    }
                } else if let Some(o) = self.office.as_mut()
                    && let Ok(r) = self.session.results()
                {
                    o.results = r;
                    o.rerank(&self.session.ws);
                }
                self.role = Role::Office;
                self.screen = Screen::Office;
            }
        }
        // The Office is named by its role (a unit may be called "Văn phòng Sở" too).
        let msg = match self.role {
            Role::Office => self.t.msg_switched_office.to_owned(),
            Role::Unit => fill(self.t.msg_switched, &[&self.work.as_ref().map(|w| self.session.ws.units[w.unit].name.clone()).unwrap_or_default()]),
        };
        self.info(msg);
    }

    /// The workspace (the session's).
    pub fn ws(&self) -> &Workspace {
        &self.session.ws
    }

    pub fn sc(&self) -> &Scorecard {
        &self.session.ws.scorecard
    }

    /// The sheet this role edits.
    pub fn kind(&self) -> SheetKind {
        match self.role {
            Role::Unit => SheetKind::Submission,
            Role::Office => SheetKind::Appraisal,
        }
    }

    pub fn dirty(&self) -> bool {
        self.work.as_ref().is_some_and(|w| w.dirty)
    }

    /// Whether the open sheet may be changed now: this session holds its lock, the user's role
    /// allows it, and the workflow (status, deadline) does.
    pub fn editable(&self) -> bool {
        self.read_only().is_none()
    }

    /// Why the open sheet is read-only (`None`: it is editable): the one answer every refusal
    /// to edit gives, and what the header shows.
    pub fn read_only(&self) -> Option<ReadOnly> {
        let Some(w) = &self.work else { return Some(ReadOnly::NotPermitted) };
        if let Some(r) = self.rule_reason(w) {
            return Some(r);
        }
        if let Some(r) = self.part_reason(w.sel) {
            return Some(r);
        }
        if let Some(h) = &w.held_by {
            return Some(ReadOnly::HeldBy { user: h.user.clone(), since: h.since });
        }
        (!w.locked).then_some(ReadOnly::NoLock)
    }

    /// Why the role and the workflow (status, deadline) keep this user from editing the unit's
    /// sheet, whoever holds its lock.
    fn rule_reason(&self, w: &Work) -> Option<ReadOnly> {
        let who = &self.session.who;
        let (actor, permitted) = match self.role {
            Role::Unit => (Actor::Head, who.heads(w.unit)),
            Role::Office => (Actor::Office, who.office || !self.session.ws.appraiser_roles(&who.user).is_empty()),
        };
        let st = self.session.ws.unit_state(w.sub_exists.then_some(&w.sub), self.session.today);
        crate::core::workflow::read_only(actor, permitted, &st)
    }

    /// An appraiser (issue 21) on a criterion outside its part: read-only, saying whose it is.
    /// The Office, and a round without appraisers, are never stopped here.
    fn part_reason(&self, node: usize) -> Option<ReadOnly> {
        let ws = &self.session.ws;
        let who = &self.session.who;
        if self.role != Role::Office || who.office || ws.appraisers.is_empty() || !ws.scorecard.nodes.get(node)?.is_leaf() {
            return None;
        }
        match ws.may_appraise(who, &ws.owners(), node) {
            Ok(()) => None,
            Err(_) => Some(ReadOnly::NotYourPart { owner: ws.owners()[node].map(|k| ws.appraisers[k].name.clone()) }),
        }
    }

    /// Why the open sheet is read-only, in words (empty when it is not).
    pub fn readonly_reason(&self) -> String {
        self.read_only().map(|r| workflow::read_only_text(&r, self.t)).unwrap_or_default()
    }

    /// Refuses an edit with the reason the sheet is read-only.
    fn refuse(&mut self) {
        let msg = self.readonly_reason();
        self.error(msg);
    }

    pub fn fields(&self) -> Vec<Field> {
        let Some(w) = &self.work else { return Vec::new() };
        if !is_leaf(self.sc(), w.sel) {
            return Vec::new();
        }
        match self.role {
            Role::Unit => {
                let n = w.sub.answer(w.sel).map_or(0, |a| a.evidence.len());
                let mut f = vec![Field::Input];
                if w.flagged(w.sel) {
                    f.push(Field::Reply);
                }
                // The news register's items, on the leaf counted from them.
                if self.sc().nodes[w.sel].register.is_some() {
                    f.extend((0..w.sub.news.len()).map(Field::News));
                    f.push(Field::AddNews);
                }
                f.extend((0..n).map(Field::Evidence));
                f.push(Field::AddEvidence);
                f.push(Field::Note);
                f
            }
            Role::Office => vec![Field::Input, Field::Comment, Field::Question],
        }
    }

    pub fn field(&self) -> Option<Field> {
        let w = self.work.as_ref()?;
        let f = self.fields();
        f.get(w.field.min(f.len().saturating_sub(1))).copied()
    }

    /// The key contexts active now, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return vec![Ctx::Help],
            Some(Overlay::Dialog(Dialog::Quit)) => return vec![Ctx::QuitConfirm],
            Some(Overlay::Dialog(Dialog::Export(d))) => return vec![if d.focus == 0 { Ctx::ExportFormat } else { Ctx::ExportName }],
            Some(Overlay::Dialog(Dialog::Conflict(_))) => return vec![Ctx::Conflict],
            Some(Overlay::Dialog(Dialog::Object { .. } | Dialog::Answer { .. })) => return vec![Ctx::Form],
            Some(Overlay::Dialog(d)) if d.takes_text() => return vec![Ctx::ConfirmText],
            Some(Overlay::Dialog(d)) => return vec![if d.enter_is_no() { Ctx::ConfirmNo } else { Ctx::Confirm }],
            None => {}
        }
        let single = self.session.ws.single_user;
        let clone = self.session.is_clone();
        let with = |mut v: Vec<Ctx>| {
            if single && self.screen != Screen::Ranking {
                v.insert(v.len() - 1, Ctx::SingleUser);
            }
            if clone {
                v.insert(v.len() - 1, Ctx::Clone);
            }
            v
        };
        if matches!(self.screen, Screen::Office | Screen::Ranking) && self.office.as_ref().is_some_and(|o| o.filter_input.is_some()) {
            return vec![Ctx::Search];
        }
        match self.screen {
            Screen::Office => with(vec![Ctx::Office, Ctx::Global]),
            Screen::Ranking => with(vec![Ctx::Ranking, Ctx::Global]),
            Screen::Unit | Screen::Appraisal => {
                let Some(w) = &self.work else { return vec![Ctx::Global] };
                if let Some(e) = &w.edit {
                    return vec![match e {
                        Edit::Line { .. } => Ctx::EditLine,
                        Edit::Choice { .. } => Ctx::EditChoice,
                        Edit::Note { .. } | Edit::Narrative { .. } => Ctx::EditNote,
                        Edit::Evidence(_) => Ctx::EvidenceForm,
                        Edit::Search(_) => Ctx::Search,
                    }];
                }
                let pane = if w.pane == Pane::Tree { Ctx::Tree } else { Ctx::Detail };
                let unit = self.screen == Screen::Unit;
                let mut v = Vec::new();
                // While a search is active, n/N step through its matches (before N submits).
                if !w.search.is_empty() {
                    v.push(Ctx::Searched);
                }
                v.push(pane);
                // Keys that would change a read-only sheet are not offered at all.
                if self.editable() {
                    v.push(if unit { Ctx::UnitEdit } else { Ctx::AppraisalEdit });
                }
                v.push(if unit { Ctx::UnitSheet } else { Ctx::Appraisal });
                v.push(Ctx::Global);
                with(v)
            }
        }
    }

    /// Whether an action can do anything on this screen now: a workflow move is offered only
    /// when the open unit's status allows it (the bar never shows a key that would be refused).
    pub fn offers(&self, a: &Action) -> bool {
        let mv = match a {
            Action::ReturnUnit => Move::Return,
            Action::MarkAppraised => Move::MarkAppraised,
            Action::Finalise => Move::Finalise,
            Action::Reopen => Move::Reopen,
            // Only a head, on a submitted unit, before the deadline.
            Action::Withdraw => {
                let Some(w) = &self.work else { return false };
                if self.role != Role::Unit || w.held_by.is_some() || !self.session.who.heads(w.unit) {
                    return false;
                }
                let st = self.session.ws.unit_state(w.sub_exists.then_some(&w.sub), self.session.today);
                return crate::core::workflow::withdraw(crate::core::workflow::Actor::Head, &st, false).is_ok();
            }
            // Only a head, on a leaf of an appraised unit, while provisional results take objections.
            Action::Object => {
                let Some(w) = &self.work else { return false };
                if self.role != Role::Unit || !is_leaf(self.sc(), w.sel) {
                    return false;
                }
                return self.may_object_here().is_ok();
            }
            // The Office or the criterion's appraiser, on a leaf with an objection to answer.
            Action::AnswerObjection => {
                let Some(w) = &self.work else { return false };
                if self.role != Role::Office || !is_leaf(self.sc(), w.sel) {
                    return false;
                }
                return self.may_answer_here().is_ok();
            }
            // A read-only sheet: Enter only folds and unfolds an area of the tree.
            Action::Edit => {
                return self.work.as_ref().is_none_or(|w| self.editable() || (w.pane == Pane::Tree && !is_leaf(self.sc(), w.sel)));
            }
            // Only on a leaf the scorecard lets be “not applicable”.
            Action::NotApplicable => return self.work.as_ref().is_none_or(|w| self.sc().nodes[w.sel].na.is_some()),
            // After a refused sync, with nothing unsaved and nothing running.
            Action::SetAside => {
                return self.sync_refused
                    && self.session.is_clone()
                    && !self.dirty()
                    && !self.session.is_saving()
                    && !self.session.git.as_ref().is_some_and(|g| g.running);
            }
            _ => return true,
        };
        let Some(w) = &self.work else { return true };
        // Not while someone else edits the open sheet (the move waits for them).
        if w.held_by.is_some() {
            return false;
        }
        let sub = w.sub_exists.then_some(&w.sub);
        let st = self.session.ws.unit_state(sub, self.session.today);
        crate::core::workflow::apply(mv, mv.actor(), &st).is_ok()
    }

    /// Handles a terminal event.
    pub fn handle_event(&mut self, ev: Event) {
        match ev {
            Event::Key(k) => self.handle_key(k),
            Event::Paste(s) => self.update(Action::Paste(s)),
            Event::Mouse(m) => self.update(Action::Mouse(m)),
            _ => {}
        }
    }

    /// Handles a key press: the key map decides the action; in a text field, other keys type.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        let key = if cfg!(windows) { altgr_typed(key) } else { key };
        let ctxs = self.contexts();
        let action = match keymap::lookup(&ctxs, Key::from_event(&key)) {
            Some(a) => Some(a.clone()),
            None if ctxs.first().is_some_and(|c| c.takes_text()) => Some(Action::Key(key)),
            None if ctxs.first() == Some(&Ctx::EditChoice) => Some(Action::Key(key)),
            // A key that does nothing here says so (a modifier alone says nothing).
            None => {
                if !matches!(key.code, KeyCode::Modifier(_) | KeyCode::Null) {
                    self.info(fill(self.t.msg_unknown_key, &[&Key::from_event(&key).label()]));
                }
                None
            }
        };
        if let Some(a) = action {
            self.update(a);
        }
    }

    fn info(&mut self, msg: impl Into<String>) {
        self.status = Some((msg.into(), false));
    }

    fn error(&mut self, msg: impl Into<String>) {
        self.status = Some((msg.into(), true));
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Tick => {
                self.tick(Instant::now());
                return;
            }
            Action::Mouse(m) => return self.mouse(m),
            _ => {}
        }
        // A paste holds whatever the clipboard held: only what the files may hold goes in.
        let action = match action {
            Action::Paste(s) => Action::Paste(crate::core::clean::pasted(&s, self.contexts().first() == Some(&Ctx::EditNote)).into_owned()),
            a => a,
        };
        // A new intent replaces the last message (errors at fields stay with their field).
        if !matches!(action, Action::Key(_) | Action::Paste(_)) {
            self.status = None;
        }
        if self.overlay.is_some() {
            return self.update_overlay(action);
        }
        if self.work.as_ref().is_some_and(|w| w.edit.is_some()) && matches!(self.screen, Screen::Unit | Screen::Appraisal) {
            return self.update_edit(action);
        }
        match action {
            Action::Quit => self.request_quit(),
            Action::Help => {
                self.hits.help_max.set(u16::MAX);
                self.overlay = Some(Overlay::Help { scroll: 0 });
            }
            Action::Save => {
                self.save_in_background(false);
            }
            Action::SwitchRole if self.session.ws.single_user => self.switch_role(),
            Action::Sync if self.session.is_clone() => self.sync_now(),
            Action::SetAside if self.offers(&Action::SetAside) => self.overlay = Some(Overlay::Dialog(Dialog::SetAside)),
            _ => match self.screen {
                Screen::Unit | Screen::Appraisal => self.update_sheet(action),
                Screen::Office => self.update_office(action),
                Screen::Ranking => self.update_ranking(action),
            },
        }
    }
}

/// A key as Windows' console reports it, made what the key map and the fields expect: AltGr
/// (the right Alt of many layouts, typing `@`, `€`, `{`, `ą`…) reaches a console program as
/// Ctrl+Alt with the character it types, and that character is typed. A letter or digit of
/// ASCII is no AltGr character (Ctrl+Alt+S stays itself); other keys are left alone. (A
/// terminal on Unix sends the character itself.)
pub fn altgr_typed(mut key: KeyEvent) -> KeyEvent {
    use ratatui::crossterm::event::KeyModifiers;
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    if matches!(key.code, KeyCode::Char(c) if !c.is_control() && !c.is_ascii_alphanumeric()) && key.modifiers.contains(altgr) {
        key.modifiers.remove(altgr);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::altgr_typed;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    #[test]
    fn altgr_types_its_character_and_ctrl_keys_stay() {
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        // AltGr+Q on a German layout, AltGr+E (€), AltGr+Shift on a layout with a third level.
        for (c, m) in [('@', altgr), ('€', altgr), ('ą', altgr), ('₫', altgr | KeyModifiers::SHIFT)] {
            let k = altgr_typed(KeyEvent::new_with_kind(KeyCode::Char(c), m, KeyEventKind::Press));
            assert_eq!(k.code, KeyCode::Char(c));
            assert_eq!(k.modifiers, m - altgr, "{c}");
        }
        // Ctrl+S, Alt+x and Ctrl+Alt+Del are not AltGr.
        for k in [
            KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Char('s'), altgr),
            KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT),
            KeyEvent::new(KeyCode::Delete, altgr),
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE),
        ] {
            assert_eq!(altgr_typed(k), k);
        }
    }
}
