//! Time and the disk, through the session: autosave, the recovery journal, saving on exit.

use super::*;
use crate::tui::session::{Reply, SaveAs, SaveRefused};

impl App {
    // ---- time ----

    /// Saves when the last change is older than the autosave delay, keeps the journal, and
    /// takes in changes made elsewhere.
    /// Returns whether anything shown may have changed (the run loop draws again only then).
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut changed = false;
        // The answers of saves made in the background.
        for r in self.session.saved() {
            self.on_saved(r);
            changed = true;
        }
        // Settings changed (by a sync, or on disk): every save is refused until the dashboard
        // is reopened;
        // the journal keeps the changes (no autosave tried on every tick).
        let due = !self.session.is_saving()
            && !self.session.settings_changed()
            && self.work.as_ref().is_some_and(|w| w.dirty && w.last_change.is_some_and(|t| now.duration_since(t) >= self.autosave));
        if due {
            self.save_in_background(true);
            changed = true;
        }
        self.journal();
        if self.session.sync_due(now) {
            self.sync_now();
            changed = true;
        }
        let seen = self.take_changes();
        if seen && self.session.settings_changed() {
            // What came in is shown, and the settings' warning stays on the status line.
            let t = self.settings_changed_text();
            self.error(t);
        }
        // A live return's reason, looked for again while it is not logged yet.
        let reason = self.recheck_return_reason();
        seen || reason || changed
    }

    /// Why writes are refused once the round's settings changed: with a sync, or on disk.
    pub(super) fn settings_changed_text(&self) -> &'static str {
        if self.session.settings_by_sync() { self.t.msg_settings_changed } else { self.t.msg_settings_moved }
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

    /// Saves the open sheet (the submission for a unit, the appraisal for the Office), and
    /// waits for the answer: what follows (a role switched, the dashboard closed) needs it.
    pub fn save(&mut self, auto: bool) -> bool {
        self.save_with(auto, true)
    }

    /// Saves the open sheet without waiting when the session runs in the background (the
    /// dashboard in a terminal): keys and frames go on while the worker writes; the answer is
    /// taken on a later tick. Otherwise the same as [`App::save`].
    pub(super) fn save_in_background(&mut self, auto: bool) -> bool {
        self.save_with(auto, false)
    }

    fn save_with(&mut self, auto: bool, wait: bool) -> bool {
        if self.session.is_saving() {
            if !wait {
                return true;
            }
            for r in self.session.settle_saves() {
                self.on_saved(r);
            }
        }
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
        let sheet = w.sheet_mut(kind);
        sheet.prune();
        let sheet = sheet.clone();
        // Right before writing, under the lock, the worker checks again: the lock must still
        // be the real one (its file in the loaded round is the one held, naming this process;
        // a lock file removed and re-created by someone else locks nothing); and the rules as
        // they stand now, on the submission as it is on disk and today as it is now (a
        // deadline that passed while the dashboard was open, the results made final
        // elsewhere) must still let this user write the sheet. Refused, the edits stay in
        // memory and in the journal.
        let who = &self.session.who;
        let (actor, permitted) = match self.role {
            Role::Unit => (Actor::Head, who.heads(unit)),
            Role::Office => (Actor::Office, who.office || !self.session.ws.appraiser_roles(&who.user).is_empty()),
        };
        let as_who = SaveAs { actor, permitted };
        match self.session.save_checked(unit, &sheet, kind, as_who, auto) {
            Some(r) => self.on_saved(r),
            None if wait => {
                let mut ok = true;
                for r in self.session.settle_saves() {
                    ok &= self.on_saved(r);
                }
                ok
            }
            None => true,
        }
    }

    /// Waits for the saves running in the background and takes their answers in (tests; the
    /// way out).
    pub fn finish_saves(&mut self) {
        for r in self.session.settle_saves() {
            self.on_saved(r);
        }
    }

    /// Takes in the answer of a save: the sheet as written is the new base (still unsaved if
    /// it was edited while the worker wrote it); a refusal says why.
    fn on_saved(&mut self, r: Reply) -> bool {
        match r {
            Reply::Saved { unit, kind, sheet, auto, .. } => {
                let Some(w) = self.work.as_mut().filter(|w| w.unit == unit) else { return true };
                w.journaled = None;
                w.dirty = w.sheet(kind) != &*sheet;
                w.base = *sheet;
                match kind {
                    SheetKind::Submission => w.sub_exists = true,
                    SheetKind::Appraisal => w.appr_exists = true,
                }
                self.info(if auto { self.t.msg_autosaved } else { self.t.msg_saved });
                true
            }
            Reply::NotSaved { why, .. } => {
                match why {
                    SaveRefused::LockLost => {
                        self.take_changes();
                        self.error(self.t.err_lock_lost);
                    }
                    SaveRefused::ReadOnly(ro) => {
                        self.take_changes();
                        self.error(workflow::read_only_text(&ro, self.t));
                    }
                    SaveRefused::SettingsChanged => self.error(self.t.err_settings_changed),
                    SaveRefused::Io(e) => {
                        self.error(format!("{}: {}", self.t.err_save, crate::text::msg::store::io_error(&e, self.t.lang)));
                    }
                }
                false
            }
            Reply::Changed(_) | Reply::Pending(_) | Reply::Refreshed => true,
            Reply::Attached(a) => {
                self.on_attached(*a);
                true
            }
            Reply::Synced { said, refused } => {
                self.take_changes();
                self.sync_refused = refused;
                match said {
                    // New settings came in: said until the dashboard is reopened (saves and
                    // moves are refused meanwhile).
                    Ok(s) if self.session.settings_changed() => self.error(format!("{s} {}", self.settings_changed_text())),
                    Ok(s) => self.info(s),
                    Err(e) if self.session.settings_changed() => self.error(format!("{e}\n{}", self.settings_changed_text())),
                    Err(e) => self.error(e),
                }
                true
            }
        }
    }

    /// Syncs a git clone (issue 20): the open sheet is saved first, then the sync commits,
    /// fetches, rebases and pushes in the background (the fetch and the push off the disk
    /// worker: saves made meanwhile are not held up, and go with the sync when they land before
    /// its rebase); the answer comes on a later tick.
    pub(super) fn sync_now(&mut self) {
        if self.work.as_ref().is_some_and(|w| w.dirty) {
            self.save(false);
        }
        if self.session.start_sync(self.t.lang) {
            self.info(self.t.msg_syncing);
        }
    }

    /// Sets aside the changes the server refused and takes its branch
    /// ([`crate::sync::set_aside_said`], as `parindex sync --set-aside-refused`), then shows what
    /// the clone now holds: the open sheet read again (only offered with nothing unsaved, so
    /// nothing typed is lost), the changes taken in, the count of what waits. Runs here, on the
    /// UI thread (one fetch): no save runs meanwhile.
    pub(super) fn set_aside(&mut self) {
        if !self.offers(&Action::SetAside) {
            return;
        }
        match crate::sync::set_aside_said(&self.session.ws.dir, self.t.lang) {
            Ok(said) => {
                self.sync_refused = false;
                self.take_changes();
                if self.work.is_some() {
                    self.reload_open();
                }
                self.session.refresh_pending();
                if crate::sync::settings_differ(&self.session.ws) {
                    self.error(format!("{said} {}", self.t.msg_settings_changed));
                } else {
                    self.info(said);
                }
            }
            Err(e) => self.error(e),
        }
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
