//! Time and the disk, through the session: autosave, the recovery journal, saving on exit.

use super::*;

impl App {
    // ---- time ----

    /// Saves when the last change is older than the autosave delay, keeps the journal, and
    /// takes in changes made elsewhere.
    pub fn tick(&mut self, now: Instant) {
        let due = self.work.as_ref().is_some_and(|w| w.dirty && w.last_change.is_some_and(|t| now.duration_since(t) >= self.autosave));
        if due {
            self.save(true);
        }
        self.journal();
        self.take_changes();
        self.recheck_return_reason();
    }

    /// Brings the recovery journal up to date with unsaved changes (at most once a tick).
    pub(super) fn journal(&mut self) {
        let kind = self.kind();
        let Some(w) = self.work.as_mut() else { return };
        if !w.dirty || !w.locked || w.journaled >= w.last_change {
            return;
        }
        if self.session.journal_write(w.sheet(kind), kind).is_ok() {
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
        if !w.locked {
            self.refuse();
            return false;
        }
        let unit = w.unit;
        // Under the lock, right before writing: the lock must still be the real one (its
        // file in the loaded round is the one held, naming this process); a lock file removed
        // and re-created by someone else locks nothing. The edits stay in memory and in the
        // journal.
        if !self.session.lock_is_real(unit, kind) {
            self.take_changes();
            self.error(self.t.err_lock_lost);
            return false;
        }
        // Today as it is now, not as it was when the dashboard opened: a deadline that passed
        // while it was open closes a head's draft (a reopened unit is exempt).
        self.session.today_now();
        // The rules as they stand now, not as they stood when the sheet was opened: a move
        // made elsewhere (the results made final, the unit submitted) closes the sheet before
        // it is written. The edits stay in the journal.
        if let Some(ro) = self.rules_now(unit) {
            self.take_changes();
            self.error(workflow::read_only_text(&ro, self.t));
            return false;
        }
        let Some(w) = self.work.as_mut() else { return true };
        let sheet = w.sheet_mut(kind);
        sheet.prune();
        match self.session.save(unit, sheet, kind) {
            Ok(()) => {
                w.base = w.sheet(kind).clone();
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
                self.error(format!("{}: {}", self.t.err_save, crate::text::msg::store::io_error(&e, self.t.lang)));
                false
            }
        }
    }

    /// Why the workflow keeps this user from writing the unit's sheet, judged on the
    /// submission as it is on disk now (`None`: it may be written).
    fn rules_now(&self, unit: usize) -> Option<ReadOnly> {
        let sub = self.session.peek_sheet(unit, SheetKind::Submission).ok()?;
        let who = &self.session.who;
        let (actor, permitted) = match self.role {
            Role::Unit => (Actor::Head, who.heads(unit)),
            Role::Office => (Actor::Office, who.office || !self.session.ws.appraiser_roles(&who.user).is_empty()),
        };
        let st = self.session.ws.unit_state(sub.as_ref(), self.session.today);
        crate::core::workflow::read_only(actor, permitted, &st)
    }

    /// On a signal (hang-up, terminate): keep what was typed, quietly. A field still being
    /// edited is kept as it stands when it is valid; an open option list is not an answer
    /// (nothing was picked), so it is closed and the answer stays as it was.
    pub fn save_on_exit(&mut self) {
        match self.work.as_ref().and_then(|w| w.edit.as_ref()) {
            Some(Edit::Choice { .. }) => self.update(Action::Cancel),
            Some(_) => self.update(Action::Confirm),
            None => {}
        }
        if self.dirty() && !self.save(true) {
            // Could not save (read-only folder, disk full): the journal keeps the changes.
            if let Some(w) = self.work.as_mut() {
                w.journaled = None;
            }
            self.journal();
        }
    }
}
