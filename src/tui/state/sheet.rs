//! The unit open in the tree: its sheets, tallies, marks and visible rows, and moving about the
//! tree and the detail pane.

// Keys change the state as they are tested; a match guard would hide that.
#![allow(clippy::collapsible_match)]

use super::*;

/// The unit open in the tree: its sheets, cached tallies and what the screen shows of it.
pub struct Work {
    pub unit: usize,
    /// The reviewer's confirmations of the unit's news register (read when the sheet opens).
    pub review: Option<crate::core::register::Review>,
    pub sub: Sheet,
    pub sub_exists: bool,
    pub appr: Sheet,
    pub appr_exists: bool,
    /// The unit's own inputs (the self-assessed index).
    pub own: Tally,
    /// The standing appraisal's input where present, else the unit's (the final index; the
    /// self tally for a draft, see `figures::standing`).
    pub fin: Tally,
    /// The unit's figures as `rank` computes them, with the input being typed: every header,
    /// band and dialog of the open unit reads them (`figures::tallies`, `UnitResult::from_tallies`).
    pub result: UnitResult,
    /// The unit's listed keys (its signature is checked against them).
    pub keys: Vec<ssh_key::PublicKey>,
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
    /// This session is the one editor of the sheet it edits (the session holds the lock).
    pub locked: bool,
    /// A stale holder whose lock this session took over.
    pub took_over: Option<Holder>,
    /// Someone else edits the sheet: shown read-only, with who and since when.
    pub held_by: Option<Holder>,
    /// When the recovery journal last caught up with the changes.
    pub journaled: Option<Instant>,
    /// A recovery journal found on opening, waiting for the user's answer.
    pub recovered: Option<Sheet>,
    /// The Office's reason for returning the unit (when it is returned).
    pub return_reason: Option<String>,
    /// Ticks left to look again for the reason of a return seen live without one yet (the
    /// reason is logged right after the move, so it may come a moment later).
    pub reason_checks: u8,
    /// When that journal was written (Unix seconds).
    pub recovered_at: i64,
    /// A reason for returning the unit typed into a dialog whose move was refused (the figures
    /// changed elsewhere): offered again when the dialog opens next.
    pub reason_draft: Option<String>,
    /// The sheet this role edits as last read from or written to disk: what a change made
    /// elsewhere is compared with, criterion by criterion.
    pub base: Sheet,
}

/// Whether a criterion matches a search (already folded): `2.2` is an id (2.2 and what is under
/// it, not 1.2.2); words start words of the id and title ([`fmt::finds`]).
pub(super) fn matches(node: &crate::core::scorecard::Node, query: &str) -> bool {
    if query.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let q = query.trim_end_matches('.');
        return node.id == q || node.id.starts_with(&format!("{q}."));
    }
    fmt::finds(&format!("{} {}", node.id, node.title), query)
}

impl Work {
    pub(super) fn load(s: &mut Session, unit: usize, kind: SheetKind) -> Result<Work, LoadError> {
        let sub = s.load_sheet(unit, SheetKind::Submission)?;
        let appr = s.load_sheet(unit, SheetKind::Appraisal)?;
        let ws = &s.ws;
        let id = &ws.units[unit].id;
        let n = ws.scorecard.nodes.len();
        let base = match kind {
            SheetKind::Submission => sub.clone(),
            SheetKind::Appraisal => appr.clone(),
        }
        .unwrap_or_else(|| Sheet::new(id));
        let review = if sub.as_ref().is_some_and(|x| !x.news.is_empty()) { s.load_review(unit) } else { None };
        let ws = &s.ws;
        let id = &ws.units[unit].id;
        let mut w = Work {
            review,
            unit,
            sub_exists: sub.is_some(),
            sub: sub.unwrap_or_else(|| Sheet::new(id)),
            appr_exists: appr.is_some(),
            appr: appr.unwrap_or_else(|| Sheet::new(id)),
            own: Tally::default(),
            fin: Tally::default(),
            result: UnitResult::default(),
            keys: ws.units[unit].keys.clone(),
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
            locked: false,
            took_over: None,
            held_by: None,
            journaled: None,
            recovered: None,
            recovered_at: 0,
            reason_draft: None,
            return_reason: None,
            reason_checks: 0,
            base,
        };
        w.appr.register_default = s.register_default(unit, w.sub_exists.then_some(&w.sub))?;
        w.refresh_files(s);
        if w.status() == Some(Status::Returned) {
            w.return_reason = s.return_reason(unit);
        }
        Ok(w)
    }

    pub fn sheet(&self, kind: SheetKind) -> &Sheet {
        match kind {
            SheetKind::Submission => &self.sub,
            SheetKind::Appraisal => &self.appr,
        }
    }

    pub(super) fn sheet_mut(&mut self, kind: SheetKind) -> &mut Sheet {
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

    pub(super) fn refresh_files(&mut self, s: &Session) {
        let names = self.sub.answers.values().flat_map(|a| a.evidence.iter()).filter_map(|e| e.file.as_deref());
        self.files = s.file_sizes(names);
    }

    /// Re-tallies this unit (both tallies, into the cached buffers) and the marks.
    pub(super) fn retally(&mut self, sc: &Scorecard, role: Role) {
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
        // The same rule as `rank`: a draft's appraisal does not stand (`figures::standing`).
        let sub_sheet = self.sub_exists.then_some(&*sub);
        let standing = figures::standing(sub_sheet, Some(&*appr));
        figures::tallies(sc, sub_in, standing.map(|_| appr_in), own, fin, true);
        self.result = UnitResult::from_tallies(sc, self.unit, sub_sheet, standing, own, fin, integrity::check(sc, &self.keys, sub_sheet));

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
                // The news register's items are the evidence of the leaf they count (issue 12).
                let listed = node.register.is_some() && !self.sub.news.is_empty();
                let bare = !listed && a.is_none_or(|a| a.evidence.is_empty() && a.note.trim().is_empty());
                let bad_ref = a.is_some_and(|a| a.evidence.iter().any(|e| e.reference_problem().is_some()));
                self.warn[i] = (claimed && bare) || bad_ref;
                let missing = match role {
                    Role::Unit => input.is_none() && input_kind(rule) != InputKind::OfficeOnly,
                    Role::Office => self.appr.input(i).is_none() && !matches!(&self.preview, Some((n, _)) if *n == i),
                };
                self.unscored += u32::from(missing);
                self.warnings += u32::from(self.warn[i]);
                let asked = role == Role::Unit && self.asks(i);
                let needs = missing || (role == Role::Unit && self.warn[i]) || asked;
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
    pub(super) fn rebuild_visible(&mut self, sc: &Scorecard) {
        let query = fmt::fold(self.search.trim());
        let filtering = !query.is_empty() || self.todo_only;
        self.visible.clear();
        if filtering {
            let mut keep = vec![false; sc.nodes.len()];
            for i in (0..sc.nodes.len()).rev() {
                let node = &sc.nodes[i];
                if node.is_leaf() {
                    let text_ok = query.is_empty() || matches(node, &query);
                    let todo_ok = !self.todo_only || self.todo[i] > 0;
                    keep[i] = text_ok && todo_ok;
                } else {
                    let own_match = !query.is_empty() && !self.todo_only && matches(node, &query);
                    keep[i] = own_match || node.children.iter().any(|&c| keep[c]);
                }
            }
            // The unit's to-do: what the Office flagged or adjusted comes first.
            let first: Vec<usize> = if self.todo_only { sc.leaves().filter(|&i| keep[i] && self.asks(i)).collect() } else { Vec::new() };
            self.visible.extend(first.iter().copied());
            self.visible.extend((0..sc.nodes.len()).filter(|&i| keep[i] && !first.contains(&i)));
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

    /// The Office flagged the criterion with a question.
    pub fn flagged(&self, i: usize) -> bool {
        self.appr.answer(i).is_some_and(|a| !a.question.trim().is_empty())
    }

    /// The unit has answered the Office's question.
    pub fn answered(&self, i: usize) -> bool {
        self.sub.answer(i).is_some_and(|a| !a.reply.trim().is_empty())
    }

    /// The Office's input differs from the unit's.
    pub fn adjusted(&self, i: usize) -> bool {
        self.appr.input(i).is_some_and(|a| Some(a) != self.sub.input(i))
    }

    /// What the Office asks of the unit here: a question not yet answered, or (once the unit is
    /// returned) an adjusted score.
    pub fn asks(&self, i: usize) -> bool {
        (self.flagged(i) && !self.answered(i)) || (self.adjusted(i) && self.status() == Some(Status::Returned))
    }

    pub fn sel_pos(&self) -> usize {
        self.visible.iter().position(|&v| v == self.sel).unwrap_or(0)
    }
}

impl App {
    /// Opens a unit (closing the one open before, and releasing its lock): loads its sheets and
    /// becomes the one editor of the sheet this role edits, when the role allows it.
    pub(super) fn open_unit(&mut self, unit: usize) -> Result<(), LoadError> {
        self.close_unit();
        let kind = self.kind();
        let mut w = Work::load(&mut self.session, unit, kind)?;
        // The lock is taken only when the role and the workflow allow editing, so a viewer of
        // submitted work does not stand in the way of the Office's moves.
        if self.rule_reason(&w).is_none() {
            self.take_lock(&mut w);
        }
        w.retally(&self.session.ws.scorecard, self.role);
        w.rebuild_visible(&self.session.ws.scorecard);
        self.work = Some(w);
        self.session.focus(Some(unit));
        self.after_open();
        Ok(())
    }

    /// Tries to become the one editor of the open sheet; finds a recovery journal when it does.
    pub(super) fn take_lock(&mut self, w: &mut Work) {
        let kind = self.kind();
        match self.session.lock(w.unit, kind) {
            Locked::Mine { took_over } => {
                w.locked = true;
                w.held_by = None;
                w.took_over = took_over;
                let saved = match kind {
                    SheetKind::Submission => w.sub_exists.then_some(&w.sub),
                    SheetKind::Appraisal => w.appr_exists.then_some(&w.appr),
                };
                if let Some((sheet, at)) = self.session.journal_find(w.unit, kind, saved) {
                    w.recovered = Some(sheet);
                    w.recovered_at = at;
                }
            }
            Locked::HeldBy(h) => w.held_by = Some(h),
            // A folder we cannot write to: the view is read-only, and the header says why.
            Locked::Unavailable => {}
        }
    }

    /// Closes the open unit, releasing its lock.
    pub(super) fn close_unit(&mut self) {
        let kind = self.kind();
        if let Some(w) = self.work.take()
            && w.locked
        {
            self.session.unlock(w.unit, kind);
        }
        self.session.focus(None);
        // The unit's history is gone: files this session wrote or detached for it that
        // nothing names any more go too.
        self.sweep_evidence();
    }

    /// What to tell the user once a unit is open: a recovery to offer, a lock taken over, or
    /// why the sheet is read-only.
    pub(super) fn after_open(&mut self) {
        let t = self.t;
        let Some(w) = self.work.as_ref() else { return };
        if w.recovered.is_some() {
            self.overlay = Some(Overlay::Dialog(Dialog::Recover(crate::text::human_unix(w.recovered_at))));
        } else if let Some(h) = w.took_over.as_ref().filter(|h| h.user != self.session.who.user) {
            self.status = Some((fill(t.msg_took_over, &[&h.user]), false));
        } else if !self.editable() {
            self.status = Some((self.readonly_reason(), false));
        } else if let Some(r) = &w.return_reason {
            self.status = Some((format!("{}: {r}", t.return_reason), false));
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
        match self.open_unit(unit) {
            Ok(()) => self.screen = Screen::Appraisal,
            // A sheet that does not load: the unit is marked unreadable and the error shown; the
            // dashboard stays open on the others.
            Err(e) => {
                let msg = self.unreadable_msg(unit, &e);
                if let Some(o) = self.office.as_mut()
                    && !o.results.units.iter().any(|r| r.unit == unit && r.is_unreadable())
                {
                    o.results.set_unreadable(&self.session.ws.scorecard, unit, e);
                    o.rerank(&self.session.ws);
                }
                self.error(msg);
            }
        }
    }

    /// A unit that could not be read, in one line: `Name: Không đọc được — file:line:col:
    /// message` (the file named inside the round's folder).
    pub(super) fn unreadable_msg(&self, unit: usize, e: &LoadError) -> String {
        let why = self.t.unreadable_why(Some(e)).into_iter().next().unwrap_or_default();
        let root = format!("{}/", self.session.ws.dir.display());
        let why = why.strip_prefix(&root).map_or(why.clone(), str::to_owned);
        format!("{}: {} — {why}", self.session.ws.units[unit].name, self.t.integrity_unreadable)
    }

    // ---- the tree and the detail pane ----

    pub(super) fn update_sheet(&mut self, action: Action) {
        let sc = self.session.ws.scorecard.clone();
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
            // In the detail pane, the previous or next criterion (group rows are skipped).
            (Action::Left, Pane::Detail) | (Action::PrevMatch, _) => {
                if let Some(&p) = w.visible[..pos].iter().rev().find(|&&v| sc.nodes[v].is_leaf()) {
                    w.sel = p;
                    w.field = 0;
                }
            }
            (Action::Right, Pane::Detail) | (Action::NextMatch, _) => {
                if let Some(&n) = w.visible.get(pos + 1..).unwrap_or_default().iter().find(|&&v| sc.nodes[v].is_leaf()) {
                    w.sel = n;
                    w.field = 0;
                }
            }
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
            // Esc clears a search or the to-do filter first.
            (Action::Cancel, Pane::Tree) if !w.search.is_empty() || w.todo_only => {
                w.search.clear();
                w.todo_only = false;
                w.rebuild_visible(&sc);
            }
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
                    Some(Field::News(i)) => self.change_news(Some(i), None),
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
            (a @ (Action::Comment | Action::Question), _) => {
                let f = if a == Action::Comment { Field::Comment } else { Field::Question };
                if let Some(i) = fields.iter().position(|&x| x == f) {
                    w.pane = Pane::Detail;
                    w.field = i;
                }
                self.start_edit(f);
            }
            (Action::NotApplicable, _) => self.not_applicable(&fields),
            (Action::Undo, _) => self.undo(true),
            (Action::Redo, _) => self.undo(false),
            (Action::Submit, _) => {
                if !editable {
                    return self.refuse();
                }
                self.ask_move(Move::Submit);
            }
            (Action::Withdraw, _) => self.withdraw(),
            (Action::Object, _) => self.ask_object(),
            (Action::AnswerObjection, _) => self.ask_answer(),
            (Action::Attach, _) => {
                if !editable {
                    return self.refuse();
                }
                self.ask_attach();
            }
            (Action::OpenFile, _) => self.open_attached(),
            (Action::Narrative, _) => self.start_narrative(),
            (Action::Accept, _) => self.accept(false),
            (Action::AcceptAll, _) => {
                if !editable {
                    return self.refuse();
                }
                let n = self.acceptable().len();
                if n == 0 {
                    return self.info(fill(self.t.msg_accepted_n, &["0"]));
                }
                self.overlay = Some(Overlay::Dialog(Dialog::AcceptAll(n)));
            }
            // Someone else is editing the unit's appraisal: a move would change the unit under
            // them, so the moves wait until they close it (the bar does not offer them).
            (Action::ReturnUnit | Action::MarkAppraised | Action::Finalise | Action::Reopen, _) if w.held_by.is_some() => self.refuse(),
            (Action::ReturnUnit | Action::MarkAppraised, _) if !w.sub_exists => self.error(self.t.err_no_submission),
            (Action::ReturnUnit, _) => self.ask_move(Move::Return),
            (Action::MarkAppraised, _) => self.ask_move(Move::MarkAppraised),
            (Action::Finalise, _) => self.ask_move(Move::Finalise),
            (Action::Reopen, _) => self.ask_move(Move::Reopen),
            _ => {}
        }
    }
}
