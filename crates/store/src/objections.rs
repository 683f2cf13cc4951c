//! The objection stage on disk (issue 21): `publication.toml` (the round's published stage) and
//! `objections/<unit>.toml` (a unit's objections and the Office's answers), read through the
//! round's open folder, written atomically by our own writer and logged in the units' audit
//! logs; and a head's withdrawal of his submission.

use std::io;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::audit::{self, Entry};
use crate::dir;
use crate::lock::{self, BusyLock, LockOutcome};
use crate::roles::Identity;
use crate::round::{ChangeError, UTC_OFFSET_MIN};
use crate::workspace::{Workspace, io_failure};
use parindex_core::answers::{Input, Sheet, SheetKind, Status};
use parindex_core::date::{Date, now_unix, rfc3339};
use parindex_core::diag::{Diagnostics, LoadError};
use parindex_core::limits::{Field, List};
use parindex_core::objection::{self, Answer, OBJECTIONS, Objection, Objections, PUBLICATION, Publication, Stage};
use parindex_core::rules::{InputKind, input_kind};
use parindex_core::say::objection::ObjectionMsg as M;
use parindex_core::say::sheet::SheetMsg;
use parindex_core::say::workflow::WorkflowMsg;
use parindex_core::workflow::{self, Actor, Move};

/// The `file` of the audit entries that record an objections file.
pub const FILE: &str = "objections";
/// The `file` of the audit entries that record `publication.toml`.
pub const PUBLICATION_FILE: &str = "publication";

/// A unit's objections file, relative to the round's folder.
pub fn objections_rel(unit: &str) -> PathBuf {
    Path::new(OBJECTIONS).join(format!("{unit}.toml"))
}

/// What the Office answers to an objection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The appraised figure becomes `points`, or the unit's own input for the criterion.
    Accept {
        points: Option<Decimal>,
    },
    Reject {
        reason: String,
    },
}

fn refused(m: impl Into<parindex_core::say::Msg>) -> ChangeError {
    ChangeError::NotAllowed(m.into())
}

fn now() -> String {
    rfc3339(now_unix(), UTC_OFFSET_MIN)
}

impl Workspace {
    /// The round's publication; `Ok(None)` before the Office publishes anything.
    pub fn load_publication(&self) -> Result<Option<Publication>, LoadError> {
        let rel = Path::new(PUBLICATION);
        let path = self.dir.join(rel);
        match self.store.read(rel) {
            Ok(Some((bytes, _))) => Publication::parse(parindex_core::toml_in::decode_text(&path, bytes)?).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(io_failure(&path, &e)),
        }
    }

    /// A unit's objections; `Ok(None)` when it has made none.
    pub fn load_objections(&self, unit: &str) -> Result<Option<Objections>, LoadError> {
        let rel = objections_rel(unit);
        let path = self.dir.join(&rel);
        match self.store.read(&rel) {
            Ok(Some((bytes, _))) => Objections::parse(parindex_core::toml_in::decode_text(&path, bytes)?, unit, &self.scorecard).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(io_failure(&path, &e)),
        }
    }

    /// Open objections (not answered) across the round, and all objections.
    pub fn objection_counts(&self) -> Result<(usize, usize), LoadError> {
        let (mut open, mut all) = (0, 0);
        for u in &self.units {
            if let Some(o) = self.load_objections(&u.id)? {
                open += o.open();
                all += o.items.len();
            }
        }
        Ok((open, all))
    }

    fn hold(&self, rel: PathBuf, user: &str, what: BusyLock) -> Result<lock::Held, ChangeError> {
        lock::hold(&self.store, &rel, user, what).map_err(|e| ChangeError::Io(dir::at(self.dir.join(&rel), e)))
    }

    /// Writes `data` over `rel` the way every change is written (temp file, log entries with
    /// the digests before and after in `units`' logs, rename). `false`: nothing changed.
    fn write_recorded(&self, rel: &Path, data: &str, file: &str, units: &[&str], entries: Vec<Entry>, user: &str) -> io::Result<bool> {
        let path = self.dir.join(rel);
        let old = self.store.read(rel).map_err(|e| dir::at(path.clone(), e))?.map(|(b, _)| b);
        if old.as_deref() == Some(data.as_bytes()) {
            return Ok(false);
        }
        let pending = self.store.prepare(rel, data.as_bytes()).map_err(|e| dir::at(path.clone(), e))?;
        let (was, sha) = (audit::sha_hex(old.as_deref().unwrap_or_default()), audit::sha_hex(data.as_bytes()));
        for unit in units {
            let mut batch = entries.clone();
            if let Some(last) = batch.last_mut() {
                last.file = Some(file.into());
                last.was = Some(was.clone());
                last.sha = Some(sha.clone());
            }
            audit::append_in(&self.store, unit, &mut batch, None, true).map_err(|e| dir::at(audit::log_path(&self.dir, unit), e))?;
        }
        if let Err(e) = pending.commit() {
            for unit in units {
                let mut undone = Entry::new(user, "undone");
                undone.file = Some(file.into());
                undone.new = Some(crate::read::os_reason(&e));
                undone.was = Some(sha.clone());
                undone.sha = Some(was.clone());
                let _ = audit::append_in(&self.store, unit, &mut [undone], None, true);
            }
            return Err(dir::at(path, e));
        }
        Ok(true)
    }

    /// Writes a unit's objections with their log entries. The caller holds the unit's
    /// objections lock and has checked the role.
    pub fn save_objections(&self, objs: &Objections, entries: Vec<Entry>, user: &str) -> io::Result<bool> {
        self.write_recorded(&objections_rel(&objs.unit), &objs.to_toml(), FILE, &[objs.unit.as_str()], entries, user)
    }

    /// A head takes back his unit's submission ([`workflow::withdraw`]): submitted → draft, the
    /// seal, signature and submission time cleared, logged as the move `withdraw`. Refused once
    /// the deadline has passed or the Office has begun the appraisal (an appraisal file with any
    /// entry, or the appraisal open for editing). `holding_lock`: the caller holds the unit's
    /// submission edit lock (the dashboard).
    pub fn withdraw(&self, unit: usize, who: &Identity, today: Date, holding_lock: bool) -> Result<Sheet, ChangeError> {
        who.require(self, Actor::Head, unit).map_err(ChangeError::NotAllowed)?;
        let id = &self.units[unit].id;
        let take = |kind| match lock::try_lock_in(&self.store, id, kind, &who.user)
            .map_err(|e| ChangeError::Io(dir::at(lock::lock_path(&self.dir, id, kind), e)))?
        {
            LockOutcome::Acquired(l) => Ok(l),
            LockOutcome::HeldBy(h) => Err(ChangeError::Busy(h)),
        };
        let _sub_lock = if holding_lock { None } else { Some(take(SheetKind::Submission)?) };
        // The Office editing the appraisal right now has begun it.
        let _appr_lock = take(SheetKind::Appraisal)?;
        let old = self.load_sheet(id, SheetKind::Submission)?;
        let started = self.load_sheet(id, SheetKind::Appraisal)?.is_some_and(|a| a.answers.values().any(|x| !x.is_empty()));
        let to = workflow::withdraw(Actor::Head, &self.unit_state(old.as_ref(), today), started).map_err(ChangeError::Refused)?;
        let mut sheet = old.clone().unwrap_or_else(|| Sheet::new(id));
        sheet.status = to;
        sheet.seal = None;
        sheet.signature = None;
        sheet.submitted_at = None;
        let mut e = Entry::new(&who.user, "withdraw");
        e.file = Some("submission".into());
        e.field = Some("status".into());
        e.old = Some(old.as_ref().map_or("missing", |s| s.status.as_str()).into());
        e.new = Some(to.as_str().into());
        self.write_logged(&sheet, SheetKind::Submission, vec![e], &who.user, "withdraw")?;
        Ok(sheet)
    }

    /// The Office publishes the appraised results as provisional, open to objections until
    /// `until` (a later call moves the date). Logged in every unit's log. Returns how many
    /// units have an appraised result.
    pub fn publish_provisional(&self, who: &Identity, until: Date) -> Result<usize, ChangeError> {
        if !who.office {
            return Err(refused(WorkflowMsg::NotOffice { user: who.user.clone() }));
        }
        let _held = self.hold(Path::new(lock::LOCKS).join("publication.lock"), &who.user, BusyLock::Publication)?;
        let old = self.load_publication()?;
        objection::may_publish_provisional(old.as_ref()).map_err(refused)?;
        let p = Publication { stage: Stage::Provisional, until: Some(until), by: who.user.clone(), at: now(), forced: false };
        self.save_publication(&p, old.as_ref(), &[], &who.user)?;
        let mut appraised = 0;
        for u in &self.units {
            if self.load_sheet(&u.id, SheetKind::Submission)?.is_some_and(|s| s.status == Status::Appraised) {
                appraised += 1;
            }
        }
        Ok(appraised)
    }

    /// The Office publishes the final results: every appraised unit is made final (each the
    /// move `finalise`), then the publication says final. Refused before a provisional
    /// publication, and while objections are unanswered unless `force` (the file and the log
    /// then say how many were open). Returns how many units were made final.
    pub fn publish_final(&self, who: &Identity, force: bool, today: Date) -> Result<usize, ChangeError> {
        if !who.office {
            return Err(refused(WorkflowMsg::NotOffice { user: who.user.clone() }));
        }
        let _held = self.hold(Path::new(lock::LOCKS).join("publication.lock"), &who.user, BusyLock::Publication)?;
        let old = self.load_publication()?;
        let (open, _) = self.objection_counts()?;
        objection::may_publish_final(old.as_ref(), open, force).map_err(refused)?;
        let mut finalised = 0;
        for (i, u) in self.units.iter().enumerate() {
            if self.load_sheet(&u.id, SheetKind::Submission)?.is_some_and(|s| s.status == Status::Appraised) {
                self.apply_move(i, Move::Finalise, who, today, false)?;
                finalised += 1;
            }
        }
        let mut extra = Vec::new();
        if open > 0 {
            let mut e = Entry::new(&who.user, "publish");
            e.field = Some("forced".into());
            e.new = Some(open.to_string());
            extra.push(e);
        }
        let p = Publication { stage: Stage::Final, until: old.as_ref().and_then(|o| o.until), by: who.user.clone(), at: now(), forced: open > 0 };
        self.save_publication(&p, old.as_ref(), &extra, &who.user)?;
        Ok(finalised)
    }

    fn save_publication(&self, p: &Publication, old: Option<&Publication>, extra: &[Entry], user: &str) -> io::Result<bool> {
        let mut e = Entry::new(user, "publish");
        e.field = Some("stage".into());
        e.old = Some(old.map_or("none", |o| o.stage.as_str()).into());
        e.new = Some(p.stage.as_str().into());
        let mut entries = extra.to_vec();
        if let Some(d) = p.until {
            let mut u = Entry::new(user, "publish");
            u.field = Some("until".into());
            u.old = old.and_then(|o| o.until).map(|d| d.iso());
            u.new = Some(d.iso());
            entries.push(u);
        }
        entries.push(e);
        let units: Vec<&str> = self.units.iter().map(|u| u.id.as_str()).collect();
        self.write_recorded(Path::new(PUBLICATION), &p.to_toml(), PUBLICATION_FILE, &units, entries, user)
    }

    /// A head objects to the appraised figure of `criterion`, with a reason and the documents
    /// that support it ([`objection::may_object`]). Logged (`object`).
    pub fn object(&self, unit: usize, who: &Identity, today: Date, criterion: &str, reason: &str, evidence: &[String]) -> Result<(), ChangeError> {
        who.require(self, Actor::Head, unit).map_err(ChangeError::NotAllowed)?;
        let reason = parindex_core::toml_in::nfc(reason.trim());
        let evidence: Vec<String> = evidence.iter().map(|e| parindex_core::toml_in::nfc(e.trim())).filter(|e| !e.is_empty()).collect();
        if reason.is_empty() {
            return Err(refused(M::NeedsReason));
        }
        let over = Field::Reason
            .check(&reason)
            .or_else(|| List::Evidence.check(evidence.len()))
            .or_else(|| evidence.iter().find_map(|e| Field::EvidenceTitle.check(e)));
        if let Some(over) = over {
            return Err(refused(SheetMsg::Limit { over }));
        }
        let id = &self.units[unit].id;
        let _held = self.hold(Path::new(lock::LOCKS).join(format!("{id}.objections.lock")), &who.user, BusyLock::Objections)?;
        let publication = self.load_publication()?;
        let status = self.load_sheet(id, SheetKind::Submission)?.map(|s| s.status);
        let mut objs = self.load_objections(id)?;
        objection::may_object(publication.as_ref(), status, today, objs.as_ref(), &self.scorecard, criterion).map_err(refused)?;
        let objs = objs.get_or_insert_with(|| Objections::new(id));
        objs.items.push(Objection {
            criterion: criterion.to_owned(),
            reason: reason.clone(),
            evidence,
            by: who.user.clone(),
            at: now(),
            answer: None,
        });
        let mut e = Entry::new(&who.user, "object");
        e.criterion = Some(criterion.to_owned());
        e.field = Some("reason".into());
        e.new = Some(reason);
        self.save_objections(objs, vec![e], &who.user)?;
        Ok(())
    }

    /// Whether `who` may answer objections to `criterion`: the Office any; an appraiser those
    /// to the criteria of its part (the refusal names whose part it is); nobody else.
    pub fn may_answer_as(&self, who: &Identity, criterion: &str) -> Result<(), ChangeError> {
        if who.office {
            return Ok(());
        }
        if self.appraiser_roles(&who.user).is_empty() {
            return Err(refused(WorkflowMsg::NotOffice { user: who.user.clone() }));
        }
        let i = self.scorecard.node_index(criterion).filter(|&i| self.scorecard.nodes[i].is_leaf());
        let i = i.ok_or_else(|| refused(M::NotALeaf { criterion: criterion.to_owned() }))?;
        self.may_appraise(who, &self.owners(), i).map_err(ChangeError::NotAllowed)
    }

    /// The Office (or the criterion's appraiser) answers a unit's objection to `criterion` ([`objection::may_answer`]):
    /// accepted, the appraisal's input for the criterion becomes `points` (or the unit's own
    /// input), saved and logged like any appraisal edit; rejected, the reason is recorded.
    /// The answer is logged (`answer`).
    pub fn answer_objection(&self, unit: usize, who: &Identity, criterion: &str, verdict: Verdict) -> Result<(), ChangeError> {
        self.answer_objection_held(unit, who, criterion, verdict, false)
    }

    /// [`Workspace::answer_objection`] by a caller that may already hold the unit's appraisal
    /// edit lock (`holding_appraisal`: the dashboard that has the appraisal open, with nothing
    /// unsaved); otherwise the lock is taken for the change of an accepted answer.
    pub fn answer_objection_held(
        &self,
        unit: usize,
        who: &Identity,
        criterion: &str,
        verdict: Verdict,
        holding_appraisal: bool,
    ) -> Result<(), ChangeError> {
        self.may_answer_as(who, criterion)?;
        let verdict = match verdict {
            Verdict::Reject { reason } => {
                let reason = parindex_core::toml_in::nfc(reason.trim());
                if reason.is_empty() {
                    return Err(refused(M::RejectNeedsReason));
                }
                if let Some(over) = Field::Reason.check(&reason) {
                    return Err(refused(SheetMsg::Limit { over }));
                }
                Verdict::Reject { reason }
            }
            v => v,
        };
        let id = &self.units[unit].id;
        let _held = self.hold(Path::new(lock::LOCKS).join(format!("{id}.objections.lock")), &who.user, BusyLock::Objections)?;
        let publication = self.load_publication()?;
        let sub = self.load_sheet(id, SheetKind::Submission)?;
        let mut objs = self.load_objections(id)?;
        let k = objection::may_answer(publication.as_ref(), sub.as_ref().map(|s| s.status), objs.as_ref(), criterion).map_err(refused)?;
        let Some(objs) = objs.as_mut() else { return Err(refused(M::NoObjection { criterion: criterion.to_owned() })) };
        let (answer, words) = match verdict {
            Verdict::Accept { points } => {
                let i = self.scorecard.node_index(criterion).ok_or_else(|| refused(M::NotALeaf { criterion: criterion.to_owned() }))?;
                let node = &self.scorecard.nodes[i];
                let input = match points {
                    None => {
                        sub.as_ref().and_then(|s| s.input(i)).cloned().ok_or_else(|| refused(M::NoUnitFigure { criterion: criterion.to_owned() }))?
                    }
                    Some(p) => match node.rule.as_ref().map(input_kind) {
                        Some(InputKind::Points | InputKind::OfficeOnly) => Input::Points(p),
                        Some(InputKind::Value | InputKind::ValueOrRatio) => Input::Value(p),
                        Some(InputKind::Choice) | None => return Err(refused(M::PointsNotForChoice { criterion: criterion.to_owned() })),
                    },
                };
                parindex_core::rules::validate(node, self.scorecard.step, &input, true)
                    .map_err(|err| refused(SheetMsg::Input { id: criterion.to_owned(), err }))?;
                // The appraisal changes like any edit of the Office's: under its edit lock, logged.
                let _appr = if holding_appraisal {
                    None
                } else {
                    match lock::try_lock_in(&self.store, id, SheetKind::Appraisal, &who.user)
                        .map_err(|e| ChangeError::Io(dir::at(lock::lock_path(&self.dir, id, SheetKind::Appraisal), e)))?
                    {
                        LockOutcome::Acquired(l) => Some(l),
                        LockOutcome::HeldBy(h) => return Err(ChangeError::Busy(h)),
                    }
                };
                let mut appr = self.load_sheet(id, SheetKind::Appraisal)?.unwrap_or_else(|| Sheet::new(id));
                appr.answer_mut(i).input = Some(input);
                self.save_edit(&appr, SheetKind::Appraisal, &who.user)?;
                (Answer { accepted: true, points, reason: String::new(), by: who.user.clone(), at: now() }, "accepted".to_owned())
            }
            Verdict::Reject { reason } => {
                let words = format!("rejected: {reason}");
                (Answer { accepted: false, points: None, reason, by: who.user.clone(), at: now() }, words)
            }
        };
        objs.items[k].answer = Some(answer);
        let mut e = Entry::new(&who.user, "answer");
        e.criterion = Some(criterion.to_owned());
        e.field = Some("answer".into());
        e.new = Some(words);
        self.save_objections(objs, vec![e], &who.user)?;
        Ok(())
    }
}

/// `check` of the objection stage's files: each parses, and each is the file the audit log last
/// recorded for it (`sha`); otherwise it was written outside parindex. The objections of
/// `units` only; the publication always.
pub fn check(ws: &Workspace, units: crate::workspace::Units) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if let Err(e) = ws.load_publication() {
        diags.extend(e.diagnostics);
    }
    for u in units.of(ws) {
        if let Err(e) = ws.load_objections(&u.id) {
            diags.extend(e.diagnostics);
        }
        let last = |file: &str| -> Option<Entry> {
            let (entries, _) = audit::read_in(&ws.store, &u.id).ok()?;
            entries.into_iter().rev().find(|e| e.file.as_deref() == Some(file) && e.sha.is_some())
        };
        check_recorded(ws, &objections_rel(&u.id), last(FILE), &mut diags);
    }
    // The publication is recorded in every unit's log: the latest record of any unit, whatever
    // `units` (a unit's log may hold it). A log whose bytes hold neither the file's name nor
    // an escape (JSON could spell the name otherwise) records nothing of it: not parsed (not
    // UTF-8: parsed).
    let latest = ws
        .units
        .iter()
        .filter_map(|u| ws.store.read_unbounded(&audit::log_rel(&u.id)).ok().flatten())
        .filter(|b| b.contains(&b'\\') || std::str::from_utf8(b).map_or(true, |t| t.contains(PUBLICATION_FILE)))
        .filter_map(|b| audit::parse(&b).0.into_iter().rev().find(|e| e.file.as_deref() == Some(PUBLICATION_FILE) && e.sha.is_some()))
        .max_by(|a, b| a.at.cmp(&b.at));
    check_recorded(ws, Path::new(PUBLICATION), latest, &mut diags);
    diags
}

fn check_recorded(ws: &Workspace, rel: &Path, last: Option<Entry>, diags: &mut Diagnostics) {
    let path = ws.dir.join(rel);
    let bytes = match ws.store.read(rel) {
        Ok(b) => b.map(|(b, _)| b),
        Err(e) => {
            diags.extend(io_failure(&path, &e).diagnostics);
            return;
        }
    };
    audit::check_in_step(last.as_ref(), bytes.as_deref(), &path, M::NotLogged, |seq| M::Changed { seq }.into(), diags);
}
