//! The dashboard's state and the one function that changes it, [`App::update`]. Nothing here
//! draws: the views read an `&App`. Tallies are cached here and recomputed only for the unit
//! being edited, when it changes.

// Editing keys change the field as they are tested; a match guard would hide that.
#![allow(clippy::collapsible_match)]

use std::cell::Cell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use rust_decimal::Decimal;

use super::action::Action;
use super::fmt::{self, fill};
use super::keymap::{self, Ctx, Key};
use super::theme::Theme;
use super::widget::field::LineInput;
use super::workflow;
use crate::core::answers::{Answer, Evidence, Input, Sheet, SheetKind, Status, safe_relative};
use crate::core::date::Date;
use crate::core::diag::LoadError;
use crate::core::docref;
use crate::core::lock::{self, EditLock, Holder, LockOutcome};
use crate::core::rank::cmp_names;
use crate::core::recover;
use crate::core::results::{RankRow, RoundResults, UnitResult};
use crate::core::roles::Identity;
use crate::core::rules::{self, InputKind, input_kind};
use crate::core::scorecard::{Rule, Scorecard};
use crate::core::tally::{Tally, tally_into};
use crate::core::toml_in::nfc;
use crate::core::workflow::{Actor, Move, can_edit};
use crate::core::workspace::Workspace;
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
    /// The unit's explanation.
    Note,
    /// The Office's comment.
    Comment,
}

/// The evidence form: number and symbol, date, title, file.
#[derive(Clone, Debug)]
pub struct EvidenceForm {
    /// The item edited, or `None` for a new one.
    pub index: Option<usize>,
    pub fields: [LineInput; 4],
    pub focus: usize,
    /// The field at fault and why.
    pub error: Option<(usize, String)>,
}

/// What is being typed or picked right now.
pub enum Edit {
    /// A number in the input field.
    Line {
        input: LineInput,
        error: Option<String>,
    },
    /// An option of a choice.
    Choice {
        sel: usize,
    },
    /// The explanation (unit) or the comment (Office).
    Note {
        area: Box<TextArea<'static>>,
        comment: bool,
    },
    Evidence(EvidenceForm),
    Search(LineInput),
}

/// What is incomplete, shown before submitting or marking appraised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub unscored: u32,
    pub warnings: u32,
    pub bad_refs: u32,
    pub index: Decimal,
    pub not_appraised: u32,
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
}

pub enum Dialog {
    Quit,
    Submit(Summary),
    Return,
    MarkAppraised(Summary),
    Finalise,
    Reopen,
    /// Unsaved changes of an earlier session were found: recover them? (when, as text)
    Recover(String),
    Export(ExportDialog),
}

pub enum Overlay {
    Help { scroll: u16 },
    Dialog(Dialog),
}

/// One change of answers, for undo and redo: `(node, before, after)` per criterion.
#[derive(Clone, Debug)]
pub struct Change {
    pub kind: SheetKind,
    pub items: Vec<(usize, Option<Answer>, Option<Answer>)>,
}

/// The unit open in the tree: its sheets, cached tallies and what the screen shows of it.
pub struct Work {
    pub unit: usize,
    pub sub: Sheet,
    pub sub_exists: bool,
    pub appr: Sheet,
    pub appr_exists: bool,
    /// The unit's own inputs (the self-assessed index).
    pub own: Tally,
    /// The appraisal's input where present, else the unit's (the final index).
    pub fin: Tally,
    /// Per node: how many leaves under it still need something (unscored, unappraised, a claim
    /// without evidence).
    pub todo: Vec<u32>,
    /// Per node: a group whose children add up to more than its max (clamped).
    pub over: Vec<bool>,
    /// Per leaf: points claimed without evidence or explanation, or a malformed document number.
    pub warn: Vec<bool>,
    pub unscored: u32,
    pub warnings: u32,
    /// Evidence files: relative path → size when the file exists.
    pub files: HashMap<String, Option<u64>>,
    pub folded: Vec<bool>,
    /// Nodes shown in the tree, in order.
    pub visible: Vec<usize>,
    /// The selected node.
    pub sel: usize,
    pub pane: Pane,
    /// The selected field of the detail pane (index into [`App::fields`]).
    pub field: usize,
    pub edit: Option<Edit>,
    /// An input being typed, counted in the totals before it is kept.
    pub preview: Option<(usize, Input)>,
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
    pub dirty: bool,
    pub last_change: Option<Instant>,
    pub search: String,
    pub todo_only: bool,
    /// First tree row on screen (kept by the view so the tree does not jump).
    pub tree_offset: Cell<usize>,
    /// This session is the one editor of the sheet it edits (released when `Work` is dropped).
    pub lock: Option<EditLock>,
    /// Someone else edits the sheet: shown read-only, with who and since when.
    pub held_by: Option<Holder>,
    /// When the recovery journal last caught up with the changes.
    pub journaled: Option<Instant>,
    /// A recovery journal found on opening, waiting for the user's answer.
    pub recovered: Option<Sheet>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortCol {
    Rank,
    Name,
    Status,
    Progress,
    SelfIndex,
    Index,
}

impl SortCol {
    const ALL: [SortCol; 6] = [SortCol::Rank, SortCol::Name, SortCol::Status, SortCol::Progress, SortCol::SelfIndex, SortCol::Index];
}

/// A line of the ranking view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RankLine {
    Group(Option<String>),
    Row(RankRow),
}

/// The Office's view of the round.
pub struct Office {
    pub results: RoundResults,
    /// Overall rank of each unit (by unit index).
    pub ranks: Vec<u32>,
    /// Dashboard rows (unit indexes), sorted.
    pub order: Vec<usize>,
    pub sort: SortCol,
    pub desc: bool,
    /// Selected dashboard row.
    pub sel: usize,
    pub by_group: bool,
    pub lines: Vec<RankLine>,
    /// Selected ranking line (always a `Row`).
    pub rank_sel: usize,
    pub offset: Cell<usize>,
    pub rank_offset: Cell<usize>,
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
    pub ws: Workspace,
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
    /// Who is at the keyboard, and what workspace.toml lets them do.
    pub who: Identity,
    /// Today in Vietnam (the deadline is judged on it).
    pub today: Date,
}

fn is_leaf(sc: &Scorecard, i: usize) -> bool {
    sc.nodes[i].is_leaf()
}

impl Work {
    fn load(ws: &Workspace, unit: usize) -> Result<Work, LoadError> {
        let id = &ws.units[unit].id;
        let sub = ws.load_sheet(id, SheetKind::Submission)?;
        let appr = ws.load_sheet(id, SheetKind::Appraisal)?;
        let n = ws.scorecard.nodes.len();
        let mut w = Work {
            unit,
            sub_exists: sub.is_some(),
            sub: sub.unwrap_or_else(|| Sheet::new(id)),
            appr_exists: appr.is_some(),
            appr: appr.unwrap_or_else(|| Sheet::new(id)),
            own: Tally::default(),
            fin: Tally::default(),
            todo: vec![0; n],
            over: vec![false; n],
            warn: vec![false; n],
            unscored: 0,
            warnings: 0,
            files: HashMap::new(),
            folded: vec![false; n],
            visible: Vec::new(),
            sel: 0,
            pane: Pane::Tree,
            field: 0,
            edit: None,
            preview: None,
            undo: Vec::new(),
            redo: Vec::new(),
            dirty: false,
            last_change: None,
            search: String::new(),
            todo_only: false,
            tree_offset: Cell::new(0),
            lock: None,
            held_by: None,
            journaled: None,
            recovered: None,
        };
        w.refresh_files(ws);
        Ok(w)
    }

    pub fn sheet(&self, kind: SheetKind) -> &Sheet {
        match kind {
            SheetKind::Submission => &self.sub,
            SheetKind::Appraisal => &self.appr,
        }
    }

    fn sheet_mut(&mut self, kind: SheetKind) -> &mut Sheet {
        match kind {
            SheetKind::Submission => &mut self.sub,
            SheetKind::Appraisal => &mut self.appr,
        }
    }

    /// Whether the appraisal has any input (the appraised column appears then).
    pub fn any_appraised(&self) -> bool {
        self.appr.answers.values().any(|a| a.input.is_some())
    }

    pub fn status(&self) -> Option<Status> {
        self.sub_exists.then_some(self.sub.status)
    }

    fn refresh_files(&mut self, ws: &Workspace) {
        self.files.clear();
        let dir = ws.evidence_dir();
        for a in self.sub.answers.values() {
            for e in &a.evidence {
                if let Some(f) = &e.file {
                    let size = std::fs::metadata(dir.join(f)).ok().filter(|m| m.is_file()).map(|m| m.len());
                    self.files.insert(f.clone(), size);
                }
            }
        }
    }

    /// Re-tallies this unit (both tallies, into the cached buffers) and the marks.
    fn retally(&mut self, sc: &Scorecard, role: Role) {
        let Work { sub, appr, own, fin, preview, .. } = self;
        let pv = preview.as_ref();
        let sub_in = |i: usize| -> Option<&Input> {
            match pv {
                Some((n, inp)) if role == Role::Unit && *n == i => Some(inp),
                _ => sub.input(i),
            }
        };
        let appr_in = |i: usize| -> Option<&Input> {
            match pv {
                Some((n, inp)) if role == Role::Office && *n == i => Some(inp),
                _ => appr.input(i),
            }
        };
        tally_into(sc, sub_in, own);
        tally_into(sc, |i| appr_in(i).or_else(|| sub_in(i)), fin);

        let shown = if role == Role::Unit { &self.own } else { &self.fin };
        self.unscored = 0;
        self.warnings = 0;
        for i in (0..sc.nodes.len()).rev() {
            let node = &sc.nodes[i];
            if let Some(rule) = &node.rule {
                let a = self.sub.answer(i);
                let input = match &self.preview {
                    Some((n, inp)) if role == Role::Unit && *n == i => Some(inp),
                    _ => a.and_then(|a| a.input.as_ref()),
                };
                let claimed = input.is_some_and(|x| rules::points(node, x) > Decimal::ZERO);
                let bare = a.is_none_or(|a| a.evidence.is_empty() && a.note.trim().is_empty());
                let bad_ref = a.is_some_and(|a| a.evidence.iter().any(|e| e.reference_problem().is_some()));
                self.warn[i] = (claimed && bare) || bad_ref;
                let missing = match role {
                    Role::Unit => input.is_none() && input_kind(rule) != InputKind::OfficeOnly,
                    Role::Office => self.appr.input(i).is_none() && !matches!(&self.preview, Some((n, _)) if *n == i),
                };
                self.unscored += u32::from(missing);
                self.warnings += u32::from(self.warn[i]);
                let needs = missing || (role == Role::Unit && self.warn[i]);
                self.todo[i] = u32::from(needs);
                self.over[i] = false;
            } else {
                self.todo[i] = node.children.iter().map(|&c| self.todo[c]).sum();
                let sum: Decimal = node.children.iter().map(|&c| shown.nodes[c].base).sum();
                self.over[i] = sum > node.max;
            }
        }
    }

    /// Rebuilds the list of tree rows from the folds, the search and the to-do filter, and keeps
    /// the selection on a shown node.
    fn rebuild_visible(&mut self, sc: &Scorecard) {
        let query = fmt::fold(self.search.trim());
        let filtering = !query.is_empty() || self.todo_only;
        self.visible.clear();
        if filtering {
            let mut keep = vec![false; sc.nodes.len()];
            for i in (0..sc.nodes.len()).rev() {
                let node = &sc.nodes[i];
                if node.is_leaf() {
                    let text_ok = query.is_empty() || fmt::fold(&format!("{} {}", node.id, node.title)).contains(&query);
                    let todo_ok = !self.todo_only || self.todo[i] > 0;
                    keep[i] = text_ok && todo_ok;
                } else {
                    let own_match = !query.is_empty() && !self.todo_only && fmt::fold(&format!("{} {}", node.id, node.title)).contains(&query);
                    keep[i] = own_match || node.children.iter().any(|&c| keep[c]);
                }
            }
            self.visible.extend((0..sc.nodes.len()).filter(|&i| keep[i]));
        } else {
            let mut i = 0;
            while i < sc.nodes.len() {
                self.visible.push(i);
                i = if self.folded[i] { sc.nodes[i].end } else { i + 1 };
            }
        }
        if !self.visible.contains(&self.sel) {
            self.sel = self.visible.iter().copied().find(|&v| v >= self.sel).or_else(|| self.visible.last().copied()).unwrap_or(0);
        }
    }

    pub fn sel_pos(&self) -> usize {
        self.visible.iter().position(|&v| v == self.sel).unwrap_or(0)
    }
}

impl Office {
    fn new(ws: &Workspace, results: RoundResults) -> Office {
        let mut o = Office {
            results,
            ranks: Vec::new(),
            order: Vec::new(),
            sort: SortCol::Rank,
            desc: false,
            sel: 0,
            by_group: false,
            lines: Vec::new(),
            rank_sel: 0,
            offset: Cell::new(0),
            rank_offset: Cell::new(0),
        };
        o.rerank(ws);
        o
    }

    /// Recomputes ranks, the dashboard order and the ranking lines (no re-scoring).
    fn rerank(&mut self, ws: &Workspace) {
        let sel_unit = self.order.get(self.sel).copied();
        let ranking = self.results.ranking(ws);
        self.ranks = vec![0; self.results.units.len()];
        for r in &ranking {
            self.ranks[r.unit] = r.rank;
        }
        self.resort(ws);
        if let Some(u) = sel_unit {
            self.sel = self.order.iter().position(|&x| x == u).unwrap_or(0);
        }
        let sel_rank_unit = match self.lines.get(self.rank_sel) {
            Some(RankLine::Row(r)) => Some(r.unit),
            _ => None,
        };
        self.lines = if self.by_group {
            self.results
                .ranking_by_group(ws)
                .into_iter()
                .flat_map(|(g, rows)| std::iter::once(RankLine::Group(g)).chain(rows.into_iter().map(RankLine::Row)))
                .collect()
        } else {
            ranking.into_iter().map(RankLine::Row).collect()
        };
        self.rank_sel = sel_rank_unit
            .and_then(|u| self.lines.iter().position(|l| matches!(l, RankLine::Row(r) if r.unit == u)))
            .or_else(|| self.lines.iter().position(|l| matches!(l, RankLine::Row(_))))
            .unwrap_or(0);
    }

    fn resort(&mut self, ws: &Workspace) {
        let res = &self.results.units;
        let ranks = &self.ranks;
        let mut order: Vec<usize> = (0..res.len()).collect();
        let name = |i: usize| ws.units[res[i].unit].name.as_str();
        let progress = |u: &UnitResult| if u.leaves == 0 { Decimal::ZERO } else { Decimal::from(u.scored) / Decimal::from(u.leaves) };
        order.sort_by(|&a, &b| {
            let (ua, ub) = (&res[a], &res[b]);
            let primary = match self.sort {
                SortCol::Rank => ranks[a].cmp(&ranks[b]),
                SortCol::Name => cmp_names(name(a), name(b)),
                SortCol::Status => ua.status.cmp(&ub.status),
                SortCol::Progress => progress(ua).cmp(&progress(ub)),
                SortCol::SelfIndex => ua.self_index.cmp(&ub.self_index),
                SortCol::Index => ua.index.cmp(&ub.index),
            };
            let primary = if self.desc { primary.reverse() } else { primary };
            primary.then_with(|| ranks[a].cmp(&ranks[b])).then_with(|| cmp_names(name(a), name(b)))
        });
        self.order = order;
    }

    pub fn selected_unit(&self) -> Option<usize> {
        self.order.get(self.sel).map(|&i| self.results.units[i].unit)
    }

    pub fn selected_rank_unit(&self) -> Option<usize> {
        match self.lines.get(self.rank_sel) {
            Some(RankLine::Row(r)) => Some(self.results.units[r.unit].unit),
            _ => None,
        }
    }
}

fn summary(w: &Work, sc: &Scorecard) -> Summary {
    let bad_refs = w.sub.answers.values().flat_map(|a| a.evidence.iter()).filter(|e| e.reference_problem().is_some()).count() as u32;
    let not_appraised = sc.leaves().filter(|&i| w.appr.input(i).is_none()).count() as u32;
    Summary { unscored: w.unscored, warnings: w.warnings, bad_refs, index: w.own.index, not_appraised }
}

impl App {
    fn base(ws: Workspace, lang: Lang, theme: Theme, role: Role, screen: Screen) -> App {
        let who = Identity::current(&ws);
        App {
            ws,
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
            who,
            today: crate::core::round::today(),
        }
    }

    /// A unit's dashboard: editable for a head of the unit (who becomes its one editor),
    /// read-only for the Office; refused to anyone else.
    pub fn for_unit(ws: Workspace, unit_id: &str, lang: Lang, theme: Theme) -> Result<App, String> {
        let unit = ws.unit_index(unit_id).ok_or_else(|| {
            let ids: Vec<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
            format!("no unit `{unit_id}` in this workspace (units: {})", ids.join(", "))
        })?;
        let mut app = App::base(ws, lang, theme, Role::Unit, Screen::Unit);
        if !app.who.heads(unit) && !app.who.office {
            return Err(app.who.require(&app.ws, Actor::Head, unit).err().unwrap_or_default());
        }
        let edit_as = app.who.heads(unit).then_some(SheetKind::Submission);
        let w = app.load_work(unit, edit_as).map_err(|e| e.diagnostics.render())?;
        app.work = Some(w);
        app.after_open();
        Ok(app)
    }

    /// The Office's dashboard of all units; refused to anyone not in the Office.
    pub fn for_office(ws: Workspace, lang: Lang, theme: Theme) -> Result<App, String> {
        let results = RoundResults::from_disk(&ws).map_err(|e| e.diagnostics.render())?;
        let office = Office::new(&ws, results);
        let mut app = App::base(ws, lang, theme, Role::Office, Screen::Office);
        if !app.who.office {
            return Err(app.who.require(&app.ws, Actor::Office, 0).err().unwrap_or_default());
        }
        app.office = Some(office);
        Ok(app)
    }

    /// Loads a unit's sheets; `edit_as`: the sheet this session means to edit, locked for it.
    fn load_work(&self, unit: usize, edit_as: Option<SheetKind>) -> Result<Work, LoadError> {
        let mut w = Work::load(&self.ws, unit)?;
        if let Some(kind) = edit_as {
            match lock::try_lock(&self.ws.dir, &self.ws.units[unit].id, kind, &self.who.user) {
                Ok(LockOutcome::Acquired(l)) => w.lock = Some(l),
                Ok(LockOutcome::HeldBy(h)) => w.held_by = Some(h),
                // A folder we cannot write to: the view is read-only, and saying so is enough.
                Err(_) => {}
            }
            if w.lock.is_some() {
                let saved = match kind {
                    SheetKind::Submission => w.sub_exists.then_some(&w.sub),
                    SheetKind::Appraisal => w.appr_exists.then_some(&w.appr),
                };
                w.recovered = recover::find(&self.ws, &self.ws.units[unit].id, kind, saved).map(|(sheet, _)| sheet);
            }
        }
        w.retally(&self.ws.scorecard, self.role);
        w.rebuild_visible(&self.ws.scorecard);
        Ok(w)
    }

    /// What to tell the user once a unit is open: a recovery to offer, a lock taken over, or
    /// why the sheet is read-only.
    fn after_open(&mut self) {
        let t = self.t;
        let Some(w) = self.work.as_ref() else { return };
        if w.recovered.is_some() {
            let kind = self.kind();
            let when = std::fs::metadata(recover::path(&self.ws.dir, &self.ws.units[w.unit].id, kind))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| {
                    let (date, hm) = crate::core::date::local_parts(d.as_secs() as i64, crate::core::round::UTC_OFFSET_MIN);
                    format!("{hm} {date}")
                })
                .unwrap_or_default();
            self.overlay = Some(Overlay::Dialog(Dialog::Recover(when)));
        } else if let Some(h) = w.lock.as_ref().and_then(|l| l.took_over.as_ref()).filter(|h| h.user != self.who.user) {
            self.status = Some((fill(t.msg_took_over, &[&h.user]), false));
        } else if !self.editable() {
            self.status = Some((self.readonly_reason(), false));
        }
    }

    pub fn sc(&self) -> &Scorecard {
        &self.ws.scorecard
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
        self.readonly_why().is_none()
    }

    fn readonly_why(&self) -> Option<String> {
        let t = self.t;
        let Some(w) = &self.work else { return Some(String::new()) };
        let (actor, allowed) = match self.role {
            Role::Unit => (Actor::Head, self.who.heads(w.unit)),
            Role::Office => (Actor::Office, self.who.office),
        };
        if !allowed {
            return Some(t.msg_view_only.to_owned());
        }
        if let Some(h) = &w.held_by {
            return Some(fill(t.msg_held_by, &[&h.user, &h.since_text()]));
        }
        let st = self.ws.unit_state(w.sub_exists.then_some(&w.sub), self.today);
        if let Err(r) = can_edit(actor, &st) {
            return Some(workflow::refusal_text(&r, t));
        }
        if w.lock.is_none() {
            return Some(t.msg_view_only.to_owned());
        }
        None
    }

    /// Why the open sheet is read-only, for the status line (empty when it is not).
    pub fn readonly_reason(&self) -> String {
        self.readonly_why().unwrap_or_default()
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
                f.extend((0..n).map(Field::Evidence));
                f.push(Field::AddEvidence);
                f.push(Field::Note);
                f
            }
            Role::Office => vec![Field::Input, Field::Comment],
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
            Some(Overlay::Dialog(_)) => return vec![Ctx::Confirm],
            None => {}
        }
        match self.screen {
            Screen::Office => vec![Ctx::Office, Ctx::Global],
            Screen::Ranking => vec![Ctx::Ranking, Ctx::Global],
            Screen::Unit | Screen::Appraisal => {
                let Some(w) = &self.work else { return vec![Ctx::Global] };
                if let Some(e) = &w.edit {
                    return vec![match e {
                        Edit::Line { .. } => Ctx::EditLine,
                        Edit::Choice { .. } => Ctx::EditChoice,
                        Edit::Note { .. } => Ctx::EditNote,
                        Edit::Evidence(_) => Ctx::EvidenceForm,
                        Edit::Search(_) => Ctx::Search,
                    }];
                }
                let pane = if w.pane == Pane::Tree { Ctx::Tree } else { Ctx::Detail };
                let sheet = if self.screen == Screen::Unit { Ctx::UnitSheet } else { Ctx::Appraisal };
                vec![pane, sheet, Ctx::Global]
            }
        }
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
        let ctxs = self.contexts();
        let action = match keymap::lookup(&ctxs, Key::from_event(&key)) {
            Some(a) => Some(a.clone()),
            None if ctxs.first().is_some_and(|c| c.takes_text()) => Some(Action::Key(key)),
            None if ctxs.first() == Some(&Ctx::EditChoice) => Some(Action::Key(key)),
            None => None,
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
            Action::Tick => return self.tick(Instant::now()),
            Action::Mouse(m) => return self.mouse(m),
            _ => {}
        }
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
                self.save(false);
            }
            _ => match self.screen {
                Screen::Unit | Screen::Appraisal => self.update_sheet(action),
                Screen::Office => self.update_office(action),
                Screen::Ranking => self.update_ranking(action),
            },
        }
    }

    // ---- time ----

    /// Saves when the last change is older than the autosave delay.
    pub fn tick(&mut self, now: Instant) {
        let due = self.work.as_ref().is_some_and(|w| w.dirty && w.last_change.is_some_and(|t| now.duration_since(t) >= self.autosave));
        if due {
            self.save(true);
        }
        self.journal();
    }

    /// Brings the recovery journal up to date with unsaved changes (at most once a tick).
    fn journal(&mut self) {
        let kind = self.kind();
        let Some(w) = self.work.as_mut() else { return };
        if !w.dirty || w.lock.is_none() || w.journaled >= w.last_change {
            return;
        }
        if recover::write(&self.ws, w.sheet(kind), kind).is_ok() {
            w.journaled = w.last_change;
        }
    }

    /// How long the run loop may sleep before the next autosave is due.
    pub fn next_deadline(&self, now: Instant) -> Option<Duration> {
        let w = self.work.as_ref()?;
        if !w.dirty {
            return None;
        }
        let t = w.last_change?;
        Some((t + self.autosave).saturating_duration_since(now))
    }

    // ---- saving ----

    /// Saves the open sheet (the submission for a unit, the appraisal for the Office).
    pub fn save(&mut self, auto: bool) -> bool {
        let kind = self.kind();
        let Some(w) = self.work.as_mut() else { return true };
        if !w.dirty {
            if !auto {
                self.status = Some((self.t.msg_nothing_to_save.to_owned(), false));
            }
            return true;
        }
        if w.lock.is_none() {
            self.error(self.readonly_reason());
            return false;
        }
        let sheet = w.sheet_mut(kind);
        sheet.prune();
        match self.ws.save_edit(sheet, kind, &self.who.user) {
            Ok(_) => {
                recover::clear(&self.ws, &sheet.unit, kind);
                w.journaled = None;
                w.dirty = false;
                match kind {
                    SheetKind::Submission => w.sub_exists = true,
                    SheetKind::Appraisal => w.appr_exists = true,
                }
                self.info(if auto { self.t.msg_autosaved } else { self.t.msg_saved });
                true
            }
            Err(e) => {
                self.error(format!("{}: {e}", self.t.err_save));
                false
            }
        }
    }

    /// On a signal (hang-up, terminate): keep what was typed, quietly. A field still being
    /// edited is kept as it stands when it is valid.
    pub fn save_on_exit(&mut self) {
        if self.work.as_ref().is_some_and(|w| w.edit.is_some()) {
            self.update(Action::Confirm);
        }
        if self.dirty() && !self.save(true) {
            // Could not save (read-only folder, disk full): the journal keeps the changes.
            if let Some(w) = self.work.as_mut() {
                w.journaled = None;
            }
            self.journal();
        }
    }

    fn request_quit(&mut self) {
        if self.dirty() {
            self.overlay = Some(Overlay::Dialog(Dialog::Quit));
        } else {
            self.should_quit = true;
        }
    }

    // ---- overlays ----

    fn update_overlay(&mut self, action: Action) {
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
                        self.should_quit = true;
                    }
                }
                Action::No => {
                    self.overlay = None;
                    self.should_quit = true;
                }
                Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::Recover(_)) => match action {
                Action::Yes => {
                    self.overlay = None;
                    let sc = self.ws.scorecard.clone();
                    let kind = self.kind();
                    let role = self.role;
                    if let Some(w) = self.work.as_mut()
                        && let Some(sheet) = w.recovered.take()
                    {
                        let cur = w.sheet_mut(kind);
                        let items: Vec<(usize, Option<Answer>, Option<Answer>)> = {
                            let mut ids: Vec<usize> = cur.answers.keys().chain(sheet.answers.keys()).copied().collect();
                            ids.sort_unstable();
                            ids.dedup();
                            ids.into_iter()
                                .map(|i| (i, cur.answers.get(&i).cloned(), sheet.answers.get(&i).cloned()))
                                .filter(|(_, a, b)| a != b)
                                .collect()
                        };
                        cur.answers = sheet.answers;
                        w.undo.push(Change { kind, items });
                        w.dirty = true;
                        w.last_change = Some(Instant::now());
                        w.refresh_files(&self.ws);
                        w.retally(&sc, role);
                        w.rebuild_visible(&sc);
                    }
                    self.info(self.t.msg_recovered);
                    self.refresh_result();
                }
                Action::No | Action::Cancel => {
                    self.overlay = None;
                    let kind = self.kind();
                    if let Some(w) = self.work.as_mut() {
                        w.recovered = None;
                        recover::clear(&self.ws, &self.ws.units[w.unit].id, kind);
                    }
                    self.info(self.t.msg_recover_dropped);
                }
                _ => {}
            },
            Overlay::Dialog(Dialog::Submit(_)) => match action {
                Action::Yes => {
                    self.overlay = None;
                    self.transition(Move::Submit);
                }
                Action::No | Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::Return) => match action {
                Action::Yes => {
                    self.overlay = None;
                    self.transition(Move::Return);
                }
                Action::No | Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::MarkAppraised(_)) => match action {
                Action::Yes => {
                    self.overlay = None;
                    self.transition(Move::MarkAppraised);
                }
                Action::No | Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::Finalise) => match action {
                Action::Yes => {
                    self.overlay = None;
                    self.transition(Move::Finalise);
                }
                Action::No | Action::Cancel => self.overlay = None,
                _ => {}
            },
            Overlay::Dialog(Dialog::Reopen) => match action {
                Action::Yes => {
                    self.overlay = None;
                    self.transition(Move::Reopen);
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
                }
                Action::Key(k) => {
                    if d.name.handle_key(&k) {
                        d.error = None;
                    }
                }
                Action::Paste(s) => d.name.insert_str(&s),
                Action::ToggleDecimalComma => d.decimal_comma = !d.decimal_comma,
                Action::Confirm => self.export(),
                _ => {}
            },
        }
    }

    // ---- state changes of the round ----

    /// A workflow move on the open unit: the one place the status changes. The core checks
    /// the role, the status and the deadline, seals a submission and logs the move.
    fn transition(&mut self, mv: Move) {
        // The sheet's own changes go first, so the file (and the seal) holds them.
        if self.dirty() && !self.save(true) {
            return;
        }
        let t = self.t;
        // A unit that lists keys submits signed: through the agent, or PARINDEX_SIGNING_KEY.
        let mut signature = None;
        if let (Move::Submit, Some(w)) = (mv, self.work.as_ref()) {
            let key = std::env::var_os("PARINDEX_SIGNING_KEY").map(std::path::PathBuf::from);
            match crate::core::sign::submission(&self.ws, w.unit, &w.sub, key.as_deref()) {
                Ok(s) => signature = s,
                Err(e) => {
                    let msg = super::fmt::fill(t.sign_failed, &[&self.ws.units[w.unit].name, &e.to_string()]);
                    return self.error(format!("{msg} {}", t.sign_hint));
                }
            }
        }
        let Some(w) = self.work.as_mut() else { return };
        // A unit head who submits already holds the submission's lock; the Office takes it.
        let holding = self.role == Role::Unit && w.lock.is_some();
        match self.ws.apply_move_signed(w.unit, mv, &self.who, self.today, holding, signature) {
            Ok(sheet) => {
                w.sub = sheet;
                w.sub_exists = true;
                let msg = match mv {
                    Move::Submit => t.msg_submitted,
                    Move::Return => t.msg_returned,
                    Move::MarkAppraised => t.msg_marked_appraised,
                    Move::Finalise => t.msg_finalised,
                    Move::Reopen => t.msg_reopened,
                };
                self.info(msg);
                self.refresh_result();
            }
            Err(e) => self.error(workflow::change_error_text(&e, t)),
        }
    }

    /// After the open unit changed: its line of the Office's results, ranks and order.
    fn refresh_result(&mut self) {
        let (Some(w), Some(o)) = (self.work.as_ref(), self.office.as_mut()) else { return };
        let sc = &self.ws.scorecard;
        let sub = w.sub_exists.then_some(&w.sub);
        let r = UnitResult::from_tallies(sc, &self.ws.units[w.unit].keys, w.unit, sub, Some(&w.appr), &w.own, &w.fin);
        if let Some(slot) = o.results.units.iter_mut().find(|u| u.unit == w.unit) {
            *slot = r;
        }
        o.rerank(&self.ws);
    }

    fn export(&mut self) {
        let (Some(o), Some(Overlay::Dialog(Dialog::Export(d)))) = (self.office.as_ref(), self.overlay.as_mut()) else { return };
        let name = d.name.text.trim();
        if name.is_empty() {
            d.error = Some(self.t.err_export_name.to_owned());
            return;
        }
        let path = {
            let p = PathBuf::from(name);
            if p.is_absolute() { p } else { self.ws.dir.join(p) }
        };
        let format = ExportFormat::ALL[d.format];
        let (csv_sep, decimal_comma) = ExportOptions::csv(None, d.decimal_comma).expect("no separator given: always valid");
        let opts = ExportOptions { by_group: o.by_group, csv_sep, decimal_comma, ..ExportOptions::default() };
        match crate::export::write_file(&self.ws, &o.results, format, &opts, &path) {
            Ok(()) => {
                self.overlay = None;
                self.info(format!("{} {}", self.t.msg_exported, path.display()));
            }
            Err(e) => {
                let msg = self.t.write_failed(&path, &e);
                d.error = Some(msg.clone());
                self.error(msg);
            }
        }
    }

    // ---- the Office's screens ----

    fn update_office(&mut self, action: Action) {
        let Some(o) = self.office.as_mut() else { return };
        let n = o.order.len();
        match action {
            Action::Up => o.sel = o.sel.saturating_sub(1),
            Action::Down => o.sel = (o.sel + 1).min(n.saturating_sub(1)),
            Action::PageUp => o.sel = o.sel.saturating_sub(10),
            Action::PageDown => o.sel = (o.sel + 10).min(n.saturating_sub(1)),
            Action::Home => o.sel = 0,
            Action::End => o.sel = n.saturating_sub(1),
            Action::SortNext => {
                let i = SortCol::ALL.iter().position(|&c| c == o.sort).unwrap_or(0);
                o.sort = SortCol::ALL[(i + 1) % SortCol::ALL.len()];
                o.desc = matches!(o.sort, SortCol::Progress | SortCol::SelfIndex | SortCol::Index);
                o.resort(&self.ws);
            }
            Action::SortReverse => {
                o.desc = !o.desc;
                o.resort(&self.ws);
            }
            Action::ShowRanking => self.screen = Screen::Ranking,
            Action::Open => {
                if let Some(u) = o.selected_unit() {
                    self.open_appraisal(u);
                }
            }
            _ => {}
        }
    }

    fn update_ranking(&mut self, action: Action) {
        let Some(o) = self.office.as_mut() else { return };
        let rows: Vec<usize> = (0..o.lines.len()).filter(|&i| matches!(o.lines[i], RankLine::Row(_))).collect();
        let pos = rows.iter().position(|&i| i == o.rank_sel).unwrap_or(0);
        let go = |p: usize| rows.get(p.min(rows.len().saturating_sub(1))).copied().unwrap_or(0);
        match action {
            Action::Up => o.rank_sel = go(pos.saturating_sub(1)),
            Action::Down => o.rank_sel = go(pos + 1),
            Action::PageUp => o.rank_sel = go(pos.saturating_sub(10)),
            Action::PageDown => o.rank_sel = go(pos + 10),
            Action::Home => o.rank_sel = go(0),
            Action::End => o.rank_sel = go(usize::MAX),
            Action::ToggleGroups => {
                o.by_group = !o.by_group;
                o.rerank(&self.ws);
            }
            Action::Cancel => self.screen = Screen::Office,
            Action::Export => {
                let stem = if o.by_group { self.t.export_stem_groups } else { self.t.export_stem };
                self.overlay = Some(Overlay::Dialog(Dialog::Export(ExportDialog {
                    format: 0,
                    name: LineInput::new(&format!("{stem}.{}", ExportFormat::ALL[0].extension())),
                    // Vietnamese Excel reads 87,25; English Excel 87.25.
                    decimal_comma: self.lang == Lang::Vi,
                    focus: 0,
                    error: None,
                })));
            }
            Action::Open => {
                if let Some(u) = o.selected_rank_unit() {
                    self.open_appraisal(u);
                }
            }
            _ => {}
        }
    }

    /// Opens the appraisal of a unit (saving the one open before).
    pub fn open_appraisal(&mut self, unit: usize) {
        if self.work.as_ref().is_some_and(|w| w.unit == unit) {
            self.screen = Screen::Appraisal;
            return;
        }
        if self.dirty() && !self.save(true) {
            return;
        }
        // Release the lock of the unit open before.
        self.work = None;
        let edit_as = self.who.office.then_some(SheetKind::Appraisal);
        match self.load_work(unit, edit_as) {
            Ok(w) => {
                self.work = Some(w);
                self.screen = Screen::Appraisal;
                self.after_open();
            }
            Err(e) => self.error(e.diagnostics.render().lines().next().unwrap_or_default().to_owned()),
        }
    }

    // ---- the tree and the detail pane ----

    fn update_sheet(&mut self, action: Action) {
        let sc = self.ws.scorecard.clone();
        let fields = self.fields();
        let editable = self.editable();
        let Some(w) = self.work.as_mut() else { return };
        let pos = w.sel_pos();
        let last = w.visible.len().saturating_sub(1);
        let select = |w: &mut Work, p: usize| {
            w.sel = w.visible.get(p.min(last)).copied().unwrap_or(0);
            w.field = 0;
        };
        match (action, w.pane) {
            (Action::Up, Pane::Tree) => select(w, pos.saturating_sub(1)),
            (Action::Down, Pane::Tree) => select(w, pos + 1),
            (Action::PageUp, _) => select(w, pos.saturating_sub(10)),
            (Action::PageDown, _) => select(w, pos + 10),
            (Action::Home, _) => select(w, 0),
            (Action::End, _) => select(w, last),
            (Action::Up, Pane::Detail) => w.field = w.field.min(fields.len().saturating_sub(1)).saturating_sub(1),
            (Action::Down, Pane::Detail) => w.field = (w.field + 1).min(fields.len().saturating_sub(1)),
            (Action::Left, Pane::Detail) => select(w, pos.saturating_sub(1)),
            (Action::Right, Pane::Detail) => select(w, pos + 1),
            (Action::Left, Pane::Tree) => {
                let node = &sc.nodes[w.sel];
                if !node.is_leaf() && !w.folded[w.sel] && w.search.is_empty() && !w.todo_only {
                    w.folded[w.sel] = true;
                    w.rebuild_visible(&sc);
                } else if let Some(p) = node.parent {
                    w.sel = p;
                    w.field = 0;
                }
            }
            (Action::Right, Pane::Tree) => {
                let node = &sc.nodes[w.sel];
                if !node.is_leaf() && w.folded[w.sel] {
                    w.folded[w.sel] = false;
                    w.rebuild_visible(&sc);
                } else if let Some(&c) = node.children.first()
                    && w.visible.contains(&c)
                {
                    w.sel = c;
                    w.field = 0;
                }
            }
            (Action::ExpandAll, _) => {
                w.folded.iter_mut().for_each(|f| *f = false);
                w.rebuild_visible(&sc);
            }
            (Action::CollapseAll, _) => {
                for &a in &sc.areas {
                    w.folded[a] = true;
                }
                if let Some(&area) = sc.areas.iter().rev().find(|&&a| a <= w.sel) {
                    w.sel = area;
                }
                w.rebuild_visible(&sc);
            }
            (Action::NextPane | Action::PrevPane, _) => {
                w.pane = if w.pane == Pane::Tree { Pane::Detail } else { Pane::Tree };
            }
            (Action::Cancel, Pane::Detail) => w.pane = Pane::Tree,
            (Action::Cancel, Pane::Tree) => {
                if self.screen == Screen::Appraisal {
                    if self.dirty() {
                        self.save(true);
                    }
                    self.screen = Screen::Office;
                }
            }
            (Action::Edit, Pane::Tree) => {
                if !sc.nodes[w.sel].is_leaf() {
                    if w.search.is_empty() && !w.todo_only {
                        w.folded[w.sel] = !w.folded[w.sel];
                        w.rebuild_visible(&sc);
                    }
                } else {
                    w.pane = Pane::Detail;
                    w.field = 0;
                    self.start_edit(Field::Input);
                }
            }
            (Action::Edit, Pane::Detail) => {
                if let Some(f) = fields.get(w.field.min(fields.len().saturating_sub(1))).copied() {
                    self.start_edit(f);
                }
            }
            (Action::Search, _) => w.edit = Some(Edit::Search(LineInput::new(&w.search))),
            (Action::ToggleTodo, _) => {
                w.todo_only = !w.todo_only;
                w.rebuild_visible(&sc);
                let msg = if w.todo_only { self.t.msg_todo_on } else { self.t.msg_todo_off };
                self.info(msg);
            }
            (Action::Delete, pane) => {
                let f = if pane == Pane::Tree { Some(Field::Input) } else { self.field() };
                match f {
                    Some(Field::Input) => self.set_input(None),
                    Some(Field::Evidence(i)) => self.remove_evidence(i),
                    _ => {}
                }
            }
            (Action::AddEvidence, _) => self.start_edit(Field::AddEvidence),
            (Action::EditNote, _) => {
                if let Some(i) = fields.iter().position(|&f| f == Field::Note) {
                    w.pane = Pane::Detail;
                    w.field = i;
                }
                self.start_edit(Field::Note);
            }
            (Action::Comment, _) => {
                if let Some(i) = fields.iter().position(|&f| f == Field::Comment) {
                    w.pane = Pane::Detail;
                    w.field = i;
                }
                self.start_edit(Field::Comment);
            }
            (Action::Undo, _) => self.undo(true),
            (Action::Redo, _) => self.undo(false),
            (Action::Submit, _) => {
                if !editable {
                    return self.error(self.t.err_locked);
                }
                let s = summary(w, &sc);
                self.overlay = Some(Overlay::Dialog(Dialog::Submit(s)));
            }
            (Action::Accept, _) => self.accept(false),
            (Action::AcceptAll, _) => self.accept(true),
            (Action::ReturnUnit, _) => {
                if !w.sub_exists {
                    return self.error(self.t.err_no_submission);
                }
                self.overlay = Some(Overlay::Dialog(Dialog::Return));
            }
            (Action::MarkAppraised, _) => {
                if !w.sub_exists {
                    return self.error(self.t.err_no_submission);
                }
                let s = summary(w, &sc);
                self.overlay = Some(Overlay::Dialog(Dialog::MarkAppraised(s)));
            }
            (Action::Finalise, _) => self.overlay = Some(Overlay::Dialog(Dialog::Finalise)),
            (Action::Reopen, _) => self.overlay = Some(Overlay::Dialog(Dialog::Reopen)),
            _ => {}
        }
    }

    /// Starts editing a field of the selected leaf.
    fn start_edit(&mut self, f: Field) {
        let t = self.t;
        let lang = self.lang;
        let role = self.role;
        let editable = self.editable();
        let sc = self.ws.scorecard.clone();
        let Some(w) = self.work.as_mut() else { return };
        let node = &sc.nodes[w.sel];
        let Some(rule) = &node.rule else {
            return self.info(t.msg_pick_leaf);
        };
        if !editable {
            let msg = if role == Role::Unit { t.err_locked } else { t.msg_final_readonly };
            return self.error(msg);
        }
        let kind = if role == Role::Unit { SheetKind::Submission } else { SheetKind::Appraisal };
        match f {
            Field::Input => {
                if role == Role::Unit && input_kind(rule) == InputKind::OfficeOnly {
                    return self.error(t.err_survey);
                }
                let cur = w.sheet(kind).input(w.sel).cloned();
                w.edit = Some(match rule {
                    Rule::Choice(opts) => {
                        let sel = match &cur {
                            Some(Input::Choice(k)) => opts.iter().position(|o| &o.key == k).unwrap_or(0),
                            _ => 0,
                        };
                        w.preview = Some((w.sel, Input::Choice(opts[sel].key.clone())));
                        Edit::Choice { sel }
                    }
                    _ => Edit::Line { input: LineInput::new(&cur.map(|c| fmt::input_edit_text(&c, lang)).unwrap_or_default()), error: None },
                });
                w.retally(&sc, role);
            }
            Field::Evidence(i) => {
                let Some(e) = w.sub.answer(w.sel).and_then(|a| a.evidence.get(i)) else { return };
                w.edit = Some(Edit::Evidence(EvidenceForm {
                    index: Some(i),
                    fields: [
                        LineInput::new(&e.reference),
                        LineInput::new(&e.date.map(|d| d.to_string()).unwrap_or_default()),
                        LineInput::new(&e.title),
                        LineInput::new(e.file.as_deref().unwrap_or("")),
                    ],
                    focus: 0,
                    error: None,
                }));
            }
            Field::AddEvidence => {
                if role != Role::Unit {
                    return;
                }
                w.edit = Some(Edit::Evidence(EvidenceForm { index: None, fields: Default::default(), focus: 0, error: None }));
            }
            Field::Note | Field::Comment => {
                let comment = f == Field::Comment;
                if comment != (role == Role::Office) {
                    return;
                }
                let text = w.sheet(kind).answer(w.sel).map(|a| if comment { a.comment.clone() } else { a.note.clone() }).unwrap_or_default();
                let mut area = TextArea::new(text.lines().map(str::to_owned).collect::<Vec<_>>());
                area.set_wrap_mode(WrapMode::WordOrGlyph);
                area.move_cursor(CursorMove::Bottom);
                area.move_cursor(CursorMove::End);
                area.set_cursor_line_style(ratatui::style::Style::default());
                area.set_style(self.theme.input());
                area.set_cursor_style(ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
                area.set_placeholder_text(if comment { t.ph_comment } else { t.ph_note });
                w.edit = Some(Edit::Note { area: Box::new(area), comment });
            }
        }
    }

    fn update_edit(&mut self, action: Action) {
        // Ctrl-S while typing: keep what is typed (if it is acceptable), then save.
        if action == Action::Save
            && self.work.as_ref().is_some_and(|w| matches!(w.edit, Some(Edit::Line { .. } | Edit::Choice { .. } | Edit::Evidence(_))))
        {
            self.update_edit(Action::Confirm);
            if self.work.as_ref().is_some_and(|w| w.edit.is_none()) {
                self.save(false);
            }
            return;
        }
        let sc = self.ws.scorecard.clone();
        let role = self.role;
        let t = self.t;
        let lang = self.lang;
        let by_office = role == Role::Office;
        let Some(w) = self.work.as_mut() else { return };
        let node = &sc.nodes[w.sel];
        let Some(edit) = w.edit.as_mut() else { return };
        match edit {
            Edit::Line { input, error } => match action {
                Action::Cancel => {
                    w.edit = None;
                    w.preview = None;
                    w.retally(&sc, role);
                }
                Action::Confirm => match fmt::parse_input(node, &input.text, t) {
                    Err(msg) => {
                        *error = Some(msg.clone());
                        self.error(msg);
                    }
                    Ok(parsed) => {
                        let checked = match &parsed {
                            Some(inp) => rules::validate(node, sc.step, inp, by_office).map_err(|e| fmt::input_error(&e, t, lang)),
                            None => Ok(()),
                        };
                        match checked {
                            Err(msg) => {
                                *error = Some(msg.clone());
                                self.error(msg);
                            }
                            Ok(()) => {
                                w.edit = None;
                                w.preview = None;
                                self.set_input(parsed);
                            }
                        }
                    }
                },
                Action::Key(_) | Action::Paste(_) => {
                    let changed = match &action {
                        Action::Key(k) => input.handle_key(k),
                        Action::Paste(s) => {
                            input.insert_str(s);
                            true
                        }
                        _ => false,
                    };
                    if changed {
                        // Live totals: a valid input counts at once; the message says why not.
                        let parsed = fmt::parse_input(node, &input.text, t).and_then(|p| match p {
                            Some(inp) => {
                                rules::validate(node, sc.step, &inp, by_office).map(|()| Some(inp)).map_err(|e| fmt::input_error(&e, t, lang))
                            }
                            None => Ok(None),
                        });
                        match parsed {
                            Ok(p) => {
                                *error = None;
                                w.preview = p.map(|p| (w.sel, p));
                            }
                            Err(msg) => {
                                *error = Some(msg);
                                w.preview = None;
                            }
                        }
                        w.retally(&sc, role);
                    }
                }
                _ => {}
            },
            Edit::Choice { sel } => {
                let Some(Rule::Choice(opts)) = &node.rule else { return };
                let n = opts.len();
                match action {
                    Action::Up => *sel = sel.saturating_sub(1),
                    Action::Down => *sel = (*sel + 1).min(n - 1),
                    Action::Key(k) => {
                        if let ratatui::crossterm::event::KeyCode::Char(c) = k.code
                            && let Some(d) = c.to_digit(10)
                            && (1..=n).contains(&(d as usize))
                        {
                            *sel = d as usize - 1;
                        }
                    }
                    Action::Cancel => {
                        w.edit = None;
                        w.preview = None;
                        w.retally(&sc, role);
                        return;
                    }
                    Action::Delete => {
                        w.edit = None;
                        w.preview = None;
                        self.set_input(None);
                        return;
                    }
                    Action::Confirm => {
                        let key = opts[*sel].key.clone();
                        w.edit = None;
                        w.preview = None;
                        self.set_input(Some(Input::Choice(key)));
                        return;
                    }
                    _ => return,
                }
                w.preview = Some((w.sel, Input::Choice(opts[*sel].key.clone())));
                w.retally(&sc, role);
            }
            Edit::Note { area, comment } => match action {
                Action::Confirm | Action::Save | Action::Cancel => {
                    let text = nfc(area.lines().join("\n").trim_end());
                    let comment = *comment;
                    w.edit = None;
                    let kind = if comment { SheetKind::Appraisal } else { SheetKind::Submission };
                    self.change(kind, |a| if comment { a.comment = text } else { a.note = text });
                    if action == Action::Save {
                        self.save(false);
                    }
                }
                Action::Key(k) => {
                    area.input(k);
                }
                Action::Paste(s) => {
                    area.insert_str(s.replace("\r\n", "\n").replace('\r', "\n"));
                }
                _ => {}
            },
            Edit::Evidence(form) => match action {
                Action::Cancel => w.edit = None,
                Action::NextPane => form.focus = (form.focus + 1) % 4,
                Action::PrevPane => form.focus = (form.focus + 3) % 4,
                Action::Key(k) => {
                    if form.fields[form.focus].handle_key(&k) {
                        form.error = None;
                    }
                }
                Action::Paste(s) => form.fields[form.focus].insert_str(&s),
                Action::Confirm => match read_evidence(form, t) {
                    Err((field, msg)) => {
                        form.focus = field;
                        form.error = Some((field, msg.clone()));
                        self.error(msg);
                    }
                    Ok(ev) => {
                        let index = form.index;
                        w.edit = None;
                        let added = index.is_none();
                        self.change(SheetKind::Submission, |a| match index {
                            Some(i) if i < a.evidence.len() => a.evidence[i] = ev,
                            _ => a.evidence.push(ev),
                        });
                        if let Some(w) = self.work.as_mut() {
                            w.refresh_files(&self.ws);
                            if added {
                                let n = w.sub.answer(w.sel).map_or(0, |a| a.evidence.len());
                                w.field = n; // the new item (fields: input, items…)
                            }
                        }
                    }
                },
                _ => {}
            },
            Edit::Search(input) => match action {
                Action::Confirm => {
                    w.edit = None;
                    if !w.visible.is_empty() {
                        w.pane = Pane::Tree;
                    }
                }
                Action::Cancel => {
                    w.edit = None;
                    w.search.clear();
                    w.rebuild_visible(&sc);
                }
                Action::Key(k) => {
                    if input.handle_key(&k) {
                        w.search = input.text.clone();
                        w.rebuild_visible(&sc);
                    }
                }
                Action::Paste(s) => {
                    input.insert_str(&s);
                    w.search = input.text.clone();
                    w.rebuild_visible(&sc);
                }
                _ => {}
            },
        }
    }

    // ---- answers ----

    /// Changes the answer of the selected leaf in one sheet, as one undoable step.
    fn change(&mut self, kind: SheetKind, f: impl FnOnce(&mut Answer)) {
        let sc = self.ws.scorecard.clone();
        let role = self.role;
        let Some(w) = self.work.as_mut() else { return };
        let node = w.sel;
        let sheet = w.sheet_mut(kind);
        let before = sheet.answers.get(&node).cloned();
        let a = sheet.answer_mut(node);
        f(a);
        if a.is_empty() {
            sheet.answers.remove(&node);
        }
        let after = sheet.answers.get(&node).cloned();
        if before == after {
            return;
        }
        w.undo.push(Change { kind, items: vec![(node, before, after)] });
        w.redo.clear();
        w.dirty = true;
        w.last_change = Some(Instant::now());
        w.retally(&sc, role);
        w.rebuild_visible(&sc);
        self.refresh_result();
    }

    /// Sets (or clears) the input of the selected leaf in the sheet this role edits.
    fn set_input(&mut self, input: Option<Input>) {
        if !self.editable() {
            return self.error(if self.role == Role::Unit { self.t.err_locked } else { self.t.msg_final_readonly });
        }
        let Some(w) = self.work.as_ref() else { return };
        if !is_leaf(self.sc(), w.sel) {
            return;
        }
        let kind = self.kind();
        self.change(kind, |a| a.input = input);
    }

    fn remove_evidence(&mut self, i: usize) {
        if !self.editable() || self.role != Role::Unit {
            return;
        }
        self.change(SheetKind::Submission, |a| {
            if i < a.evidence.len() {
                a.evidence.remove(i);
            }
        });
        if let Some(w) = self.work.as_mut() {
            w.field = w.field.saturating_sub(1).max(1);
        }
        self.info(self.t.msg_removed);
    }

    /// Accepts the unit's input as the appraisal: for the selected leaf, or every leaf not yet
    /// appraised.
    fn accept(&mut self, all: bool) {
        if !self.editable() {
            return self.error(self.t.msg_final_readonly);
        }
        let sc = self.ws.scorecard.clone();
        let Some(w) = self.work.as_mut() else { return };
        let targets: Vec<usize> = if all {
            sc.leaves().filter(|&i| w.appr.input(i).is_none() && w.sub.input(i).is_some()).collect()
        } else {
            if !sc.nodes[w.sel].is_leaf() {
                return self.info(self.t.msg_pick_leaf);
            }
            if w.sub.input(w.sel).is_none() {
                return self.error(self.t.err_nothing_to_accept);
            }
            vec![w.sel]
        };
        let mut items = Vec::new();
        for i in targets {
            let before = w.appr.answers.get(&i).cloned();
            let input = w.sub.input(i).cloned();
            w.appr.answer_mut(i).input = input;
            let after = w.appr.answers.get(&i).cloned();
            if before != after {
                items.push((i, before, after));
            }
        }
        let n = items.len();
        if n > 0 {
            w.undo.push(Change { kind: SheetKind::Appraisal, items });
            w.redo.clear();
            w.dirty = true;
            w.last_change = Some(Instant::now());
            w.retally(&sc, Role::Office);
            w.rebuild_visible(&sc);
        }
        if all {
            self.info(fill(self.t.msg_accepted_n, &[&n.to_string()]));
        } else if let Some(w) = self.work.as_mut() {
            // Move on to the next leaf, the way one works down the list.
            let pos = w.sel_pos();
            if let Some(&next) = w.visible[pos + 1..].iter().find(|&&v| sc.nodes[v].is_leaf()) {
                w.sel = next;
            }
            self.info(self.t.msg_accepted);
        }
        self.refresh_result();
    }

    fn undo(&mut self, undo: bool) {
        let sc = self.ws.scorecard.clone();
        let role = self.role;
        let t = self.t;
        let Some(w) = self.work.as_mut() else { return };
        let popped = if undo { w.undo.pop() } else { w.redo.pop() };
        let Some(ch) = popped else {
            return self.info(if undo { t.msg_nothing_to_undo } else { t.msg_nothing_to_redo });
        };
        let sheet = w.sheet_mut(ch.kind);
        for (node, before, after) in &ch.items {
            let target = if undo { before } else { after };
            match target {
                Some(a) => {
                    sheet.answers.insert(*node, a.clone());
                }
                None => {
                    sheet.answers.remove(node);
                }
            }
        }
        if let Some((node, _, _)) = ch.items.first() {
            w.sel = *node;
        }
        if undo {
            w.redo.push(ch)
        } else {
            w.undo.push(ch)
        }
        w.dirty = true;
        w.last_change = Some(Instant::now());
        w.refresh_files(&self.ws);
        w.retally(&sc, role);
        w.rebuild_visible(&sc);
        self.info(if undo { t.msg_undone } else { t.msg_redone });
        self.refresh_result();
    }

    // ---- mouse ----

    fn mouse(&mut self, m: MouseEvent) {
        if self.overlay.is_some() {
            return;
        }
        let at = Position { x: m.column, y: m.row };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let a = if m.kind == MouseEventKind::ScrollDown { Action::Down } else { Action::Up };
                if let Some(w) = self.work.as_mut()
                    && matches!(self.screen, Screen::Unit | Screen::Appraisal)
                    && w.edit.is_none()
                {
                    w.pane = if self.hits.detail.get().contains(at) { Pane::Detail } else { Pane::Tree };
                }
                for _ in 0..3 {
                    self.update(a.clone());
                }
            }
            MouseEventKind::Down(MouseButton::Left) => match self.screen {
                Screen::Unit | Screen::Appraisal => {
                    let tree = self.hits.tree.get();
                    let detail = self.hits.detail.get();
                    let Some(w) = self.work.as_mut() else { return };
                    if w.edit.is_some() {
                        return;
                    }
                    if tree.contains(at) {
                        w.pane = Pane::Tree;
                        let row = usize::from(at.y - tree.y) + w.tree_offset.get();
                        if let Some(&n) = w.visible.get(row) {
                            w.sel = n;
                            w.field = 0;
                        }
                    } else if detail.contains(at) {
                        w.pane = Pane::Detail;
                    }
                }
                Screen::Office | Screen::Ranking => {
                    let table = self.hits.table.get();
                    let screen = self.screen;
                    let Some(o) = self.office.as_mut() else { return };
                    if !table.contains(at) {
                        return;
                    }
                    let offset = if screen == Screen::Office { o.offset.get() } else { o.rank_offset.get() };
                    let row = usize::from(at.y - table.y) + offset;
                    if screen == Screen::Office {
                        if row < o.order.len() {
                            if o.sel == row {
                                return self.update(Action::Open);
                            }
                            o.sel = row;
                        }
                    } else if matches!(o.lines.get(row), Some(RankLine::Row(_))) {
                        if o.rank_sel == row {
                            return self.update(Action::Open);
                        }
                        o.rank_sel = row;
                    }
                }
            },
            _ => {}
        }
    }
}

/// Reads the evidence form: `Err((field, message))` names the field at fault.
fn read_evidence(form: &EvidenceForm, t: &Text) -> Result<Evidence, (usize, String)> {
    let get = |i: usize| nfc(form.fields[i].text.trim());
    let reference = get(0);
    if !reference.is_empty()
        && let Some(p) = docref::problem(&reference)
    {
        return Err((0, format!("{}: {}", t.err_docref, docref_problem(p, t))));
    }
    let date_text = get(1);
    let date = if date_text.is_empty() { None } else { Some(Date::parse(&date_text).ok_or_else(|| (1, fill(t.err_date, &[&date_text])))?) };
    let title = get(2);
    if reference.is_empty() && title.is_empty() {
        return Err((0, t.err_evidence_empty.to_owned()));
    }
    let file_text = get(3);
    let file = if file_text.is_empty() {
        None
    } else {
        safe_relative(&file_text).map_err(|_| (3, t.err_file_path.to_owned()))?;
        Some(file_text)
    };
    Ok(Evidence { reference, date, title, file })
}

/// A document-number problem in words.
pub fn docref_problem(p: docref::Problem, t: &Text) -> &'static str {
    use docref::Problem as P;
    match p {
        P::Empty => t.docref_empty,
        P::Spaces => t.docref_spaces,
        P::NoSlash => t.docref_no_slash,
        P::TooManySlashes => t.docref_too_many,
        P::NumberNotDigits => t.docref_number,
        P::BadYear => t.docref_year,
        P::NoSymbol => t.docref_no_symbol,
        P::EmptyGroup => t.docref_empty_group,
        P::BadGroup => t.docref_bad_group,
    }
}
