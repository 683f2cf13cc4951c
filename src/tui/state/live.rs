//! Changes made elsewhere (another dashboard, a CLI move, an import, a `git pull`), taken in
//! as the session reports them: only what changed is read again; a value being typed is never
//! touched; unsaved edits are kept, and a criterion changed on both sides is asked about.

use super::*;
use crate::text::Render;

impl App {
    /// Takes in what changed on disk since the last look; whether anything did.
    pub(super) fn take_changes(&mut self) -> bool {
        let changes = self.session.changes();
        let seen = !changes.is_empty();
        if seen {
            self.forget_parts();
        }
        let mut units: Vec<usize> = Vec::new();
        for c in changes {
            match c {
                Changed::Sheet { unit, kind } => {
                    if self.work.as_ref().is_some_and(|w| w.unit == unit) {
                        self.reload(kind);
                        self.reload_stage();
                    }
                    if !units.contains(&unit) {
                        units.push(unit);
                    }
                }
                Changed::Lock { unit, kind } => {
                    if kind == self.kind() && self.work.as_ref().is_some_and(|w| w.unit == unit && !w.locked) {
                        self.retry_lock();
                    }
                }
                // The reviewer confirmed or rejected an item: the register's marks, and the
                // appraisal's default that follows them.
                // The round's settings changed on disk: every write is refused from now on
                // (the worker judges them); the warning stays on the status line, unsaved
                // edits stay here and in the recovery journal.
                Changed::Settings => {
                    let t = self.settings_changed_text();
                    self.error(t);
                }
                Changed::Review { unit } => {
                    if self.work.as_ref().is_some_and(|w| w.unit == unit) {
                        let review = self.session.load_review(unit);
                        if let Some(w) = self.work.as_mut() {
                            w.review = review;
                        }
                        self.reload(SheetKind::Appraisal);
                    }
                    if !units.contains(&unit) {
                        units.push(unit);
                    }
                }
            }
        }
        let any = !units.is_empty();
        for u in units {
            self.refresh_unit(u);
        }
        if any {
            self.fit_lock();
        }
        seen
    }

    /// Holds the open sheet's lock exactly while the role and the workflow allow editing: taken
    /// when the unit is returned or reopened, released (when nothing is unsaved) once it is
    /// submitted or final.
    pub(super) fn fit_lock(&mut self) {
        let Some(w) = self.work.as_ref() else { return };
        let wants = self.rule_reason(w).is_none();
        if wants && !w.locked {
            self.retry_lock();
        } else if !wants && w.locked && !w.dirty {
            let (unit, kind) = (w.unit, self.kind());
            self.session.unlock(unit, kind);
            if let Some(w) = self.work.as_mut() {
                w.locked = false;
            }
        }
    }

    /// Reads both sheets of the open unit again (a move refused on stale figures).
    pub(super) fn reload_open(&mut self) {
        self.reload(SheetKind::Submission);
        self.reload(SheetKind::Appraisal);
        self.reload_stage();
        if let Some(u) = self.work.as_ref().map(|w| w.unit) {
            self.refresh_unit(u);
        }
    }

    /// Reads the objection stage of the open unit again (after an objection or an answer).
    pub(super) fn reload_stage(&mut self) {
        self.forget_stage();
    }

    /// One unit's line of the Office's figures, after its files changed.
    fn refresh_unit(&mut self, unit: usize) {
        if self.work.as_ref().is_some_and(|w| w.unit == unit) {
            return self.refresh_result();
        }
        let Some(o) = self.office.as_mut() else { return };
        match self.session.unit_result(unit) {
            Ok(r) => {
                o.results.set(r);
                o.rerank(&self.session.ws);
            }
            // A change elsewhere left a sheet that does not load: that unit is unreadable, the
            // others keep their ranks.
            Err(e) => {
                let msg = self.unreadable_msg(unit, &e);
                if let Some(o) = self.office.as_mut() {
                    o.results.set_unreadable(&self.session.ws.scorecard, unit, e);
                    o.rerank(&self.session.ws);
                }
                self.error(msg);
            }
        }
    }

    /// Reads a sheet of the open unit again. The sheet this session edits, with unsaved changes,
    /// is merged criterion by criterion: theirs where only they changed it, mine where only I
    /// did, and a question where both did.
    fn reload(&mut self, kind: SheetKind) {
        let Some(unit) = self.work.as_ref().map(|w| w.unit) else { return };
        let theirs = match self.session.load_sheet(unit, kind) {
            Ok(s) => s,
            Err(e) => {
                let msg = e.diagnostics.render_in(self.lang).lines().next().unwrap_or_default().to_owned();
                return self.error(msg);
            }
        };
        let mine_kind = self.kind();
        let sc = self.session.ws.scorecard.clone();
        let role = self.role;
        let Some(w) = self.work.as_mut() else { return };
        let exists = theirs.is_some();
        let theirs = theirs.unwrap_or_else(|| Sheet::new(&self.session.ws.units[unit].id));
        match kind {
            SheetKind::Submission => {
                w.sub_exists = exists;
                w.return_reason = (theirs.status == Status::Returned).then(|| self.session.return_reason(unit)).flatten();
                w.reason_checks = if theirs.status == Status::Returned && w.return_reason.is_none() { 20 } else { 0 };
            }
            SheetKind::Appraisal => w.appr_exists = exists,
        }
        let mut conflicts = Vec::new();
        if kind != mine_kind || !w.dirty {
            if kind == mine_kind {
                w.base = theirs.clone();
            }
            *w.sheet_mut(kind) = theirs;
        } else {
            let base = std::mem::replace(&mut w.base, theirs.clone());
            let cur = w.sheet_mut(kind);
            cur.status = theirs.status;
            cur.submitted_at = theirs.submitted_at.clone();
            cur.round = theirs.round.clone();
            cur.seal = theirs.seal.clone();
            cur.reopened = theirs.reopened;
            let mut ids: Vec<usize> = base.answers.keys().chain(cur.answers.keys()).chain(theirs.answers.keys()).copied().collect();
            ids.sort_unstable();
            ids.dedup();
            for i in ids {
                let (b, m, th) = (base.answers.get(&i), cur.answers.get(&i), theirs.answers.get(&i));
                if th == b || th == m {
                    continue;
                }
                if m == b {
                    match th {
                        Some(a) => cur.answers.insert(i, a.clone()),
                        None => cur.answers.remove(&i),
                    };
                } else {
                    // Part by part: what only one side changed is kept; the parts both
                    // changed are asked about.
                    let item = ConflictItem { node: i, ..merge3(b, m, th) };
                    match &item.mine {
                        Some(a) => cur.answers.insert(i, a.clone()),
                        None => cur.answers.remove(&i),
                    };
                    if !item.parts.is_empty() {
                        conflicts.push(item);
                    }
                }
            }
        }
        // A confirmations file that no longer loads leaves the default as it was; the unit's
        // line says it is unreadable (`refresh_unit`).
        if let Ok(d) = self.session.register_default(unit, w.sub_exists.then_some(&w.sub)) {
            w.appr.register_default = d;
        }
        w.refresh_files(&self.session);
        w.retally(&sc, role);
        w.rebuild_visible(&sc);
        self.refresh_result();
        if !conflicts.is_empty() && !matches!(self.overlay, Some(Overlay::Dialog(_))) {
            self.overlay = Some(Overlay::Dialog(Dialog::Conflict(Conflict { kind, items: conflicts })));
        }
        self.info(self.t.msg_reloaded);
    }

    /// A return seen live before its reason was logged: looks again, a few ticks at most.
    pub(super) fn recheck_return_reason(&mut self) -> bool {
        let Some(w) = self.work.as_mut().filter(|w| w.reason_checks > 0) else { return false };
        w.reason_checks -= 1;
        let unit = w.unit;
        if let Some(r) = self.session.return_reason(unit)
            && let Some(w) = self.work.as_mut()
        {
            w.return_reason = Some(r);
            w.reason_checks = 0;
            return true;
        }
        false
    }

    /// The editor of the open sheet may have left (or the workflow now allows editing): try to
    /// become its editor.
    fn retry_lock(&mut self) {
        if self.work.as_ref().is_some_and(|w| self.rule_reason(w).is_some()) {
            return;
        }
        let Some(mut w) = self.work.take() else { return };
        let was_held = w.held_by.is_some();
        self.take_lock(&mut w);
        let mine = w.locked;
        let has_journal = w.recovered.is_some();
        self.work = Some(w);
        if mine {
            // Whatever the last editor saved is the starting point.
            self.reload(self.kind());
            if was_held {
                self.info(self.t.msg_lock_freed);
            }
            if has_journal && self.overlay.is_none() {
                self.overlay = Some(Overlay::Dialog(Dialog::Recover(String::new())));
            }
        }
    }
}
