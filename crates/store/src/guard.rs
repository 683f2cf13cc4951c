//! The guard of a round kept in git (issue 20): whether one pushed commit makes only changes
//! its pusher may make, judged with the rules the setgid round applies (roles from
//! [`Identity`], moves and edits from [`parindex_core::workflow`], appraisers' parts from the
//! council, reviewers from the register) and the round's own check.
//!
//! The commit is judged on two folders: the round as its parent left it (whose workspace.toml
//! says who is who: a head cannot make himself the Office in the commit that does it) and the
//! round as the commit leaves it. The unit's audit log is the commit's account of itself: its
//! new entries must be appended, in the pusher's name, and each logged move or edit must be
//! one the pusher may make from the state the previous entries left; then `check` verifies
//! that every file is the one its log recorded, so a change without its entry is refused too.
//! That check is the round's whole one for a round-wide change or a parent this guard did not
//! take, otherwise that of the units the commit touches ([`workspace::check_changes`]).

use std::collections::HashMap;
use std::path::Path;

use crate::audit::{self, Entry};
use crate::git::Change;
use crate::roles::Identity;
use crate::workspace::{self, UnitFile, Workspace, unit_file as classify};
use parindex_core::answers::{Sheet, SheetKind, Status};
use parindex_core::date::Date;
use parindex_core::diag::{Diagnostics, LoadError};
use parindex_core::say::Msg;
use parindex_core::workflow::{self, Actor, Move};

/// Why a commit is refused. Worded at the edge (the hook prints it to the pusher).
#[derive(Debug)]
pub enum Breach {
    /// Only the Office may change this file.
    OfficeOnly { path: String },
    /// A file of a unit the pusher has no role in (or not this role).
    NotYours { path: String, unit: String },
    /// A link, a submodule or an executable: a round holds plain files only.
    NotPlain { path: String },
    /// A file of the record that is never deleted.
    Deleted { path: String },
    /// The unit's audit log was changed, not appended to.
    LogRewritten { unit: String },
    /// A file of the unit's record changed without a new entry in its log.
    NotLogged { path: String },
    /// A new log entry in someone else's name.
    OtherName { unit: String, user: String },
    /// A logged action the pusher's role does not allow or the workflow refuses.
    Refused { unit: String, action: String, why: Msg },
    /// The submission's status is not where the logged moves lead.
    OutOfStep { unit: String, logged: Option<Status>, file: Option<Status> },
    /// Submitted without the head's signature although the unit lists keys.
    Unsigned { unit: String },
    /// The round the commit leaves does not load.
    Load(LoadError),
    /// The round the commit leaves has errors in `check` (only the errors are kept).
    Check(Diagnostics),
}

/// Judges one commit: `old` is the round as the parent left it, `new_dir` the round as the
/// commit leaves it, `changes` what the commit changed, `user` who pushed (from the key that
/// authenticated the push), `today` the server's date in Vietnam. Empty: the commit stands.
///
/// `parent_checked`: the state `old` passed the round's whole `check` (a commit this guard
/// took). Then a commit that changes only units' own files has only those units checked
/// again ([`workspace::check_units`]); otherwise (the first commit after `remote init`, whose
/// round was only loaded), and for any round-wide change, the whole round is checked.
pub fn judge(old: &Workspace, new_dir: &Path, changes: &[Change], user: &str, today: Date, parent_checked: bool) -> Vec<Breach> {
    let who = Identity::of(old, user);
    let mut out = Vec::new();
    let mut units: Vec<usize> = Vec::new();
    // The first record file changed per unit (submission, appraisal, …: what the log records).
    let mut recorded: Vec<(usize, String)> = Vec::new();
    // Each unit's submission as the parent left it, read once per commit (a commit may bring
    // many evidence files of one unit).
    let mut old_subs: HashMap<usize, Option<Sheet>> = HashMap::new();
    for c in changes {
        if !c.plain() {
            out.push(Breach::NotPlain { path: c.path.clone() });
            continue;
        }
        let Some((kind, id)) = classify(&c.path) else {
            if !who.office {
                out.push(Breach::OfficeOnly { path: c.path.clone() });
            }
            continue;
        };
        let Some(u) = old.unit_index(id) else {
            // A unit the parent does not declare: only the Office adds units.
            if !who.office {
                out.push(Breach::OfficeOnly { path: c.path.clone() });
            }
            continue;
        };
        if !units.contains(&u) {
            units.push(u);
        }
        if !matches!(kind, UnitFile::Audit | UnitFile::Evidence) && !recorded.iter().any(|r| r.0 == u) {
            recorded.push((u, c.path.clone()));
        }
        if c.deleted() && kind != UnitFile::Evidence {
            out.push(Breach::Deleted { path: c.path.clone() });
            continue;
        }
        let head = who.heads(u);
        let appraiser = !old.appraiser_roles(user).is_empty();
        let reviewer = old.reviewers.iter().any(|r| r.users.iter().any(|x| x == user));
        let allowed = match kind {
            UnitFile::Submission | UnitFile::Objections => head || who.office,
            UnitFile::Appraisal | UnitFile::Council => who.office || appraiser,
            UnitFile::Review => who.office || reviewer,
            // Its entries are judged one by one below.
            UnitFile::Audit => true,
            // A unit's evidence: its heads, while the unit may edit (or the Office).
            UnitFile::Evidence => {
                if head && !who.office {
                    let sub = old_sub(old, &mut old_subs, u);
                    if let Err(r) = workflow::can_edit(Actor::Head, &old.unit_state(sub, today)) {
                        out.push(Breach::Refused { unit: id.to_owned(), action: "evidence".into(), why: r.msg().into() });
                        continue;
                    }
                }
                head || who.office
            }
        };
        if !allowed {
            out.push(Breach::NotYours { path: c.path.clone(), unit: id.to_owned() });
        }
    }
    if !out.is_empty() {
        return out;
    }
    let new = match Workspace::load(new_dir) {
        Ok(ws) => ws,
        Err(e) => return vec![Breach::Load(e)],
    };
    for &u in &units {
        let record = recorded.iter().find(|r| r.0 == u).map(|r| r.1.as_str());
        let sub = old_sub(old, &mut old_subs, u);
        judge_log(old, &new, u, sub, record, &who, today, &mut out);
    }
    if !out.is_empty() {
        return out;
    }
    // The state the parent left passed this check (it was taken by this guard): only what the
    // commit touched is judged again.
    // A change of a round-wide file (workspace.toml, the scorecard, the publication, …) has
    // the whole round checked.
    let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
    let verdict = if parent_checked { workspace::check_changes(new_dir, &paths) } else { workspace::check(new_dir) };
    match verdict {
        Ok(d) if !d.has_errors() => {}
        Ok(d) => out.push(Breach::Check(errors_only(d))),
        Err(e) => out.push(Breach::Load(e)),
    }
    out
}

/// Unit `u`'s submission in `old`, read on first use.
fn old_sub<'a>(old: &Workspace, memo: &'a mut HashMap<usize, Option<Sheet>>, u: usize) -> Option<&'a Sheet> {
    memo.entry(u).or_insert_with(|| old.load_sheet(&old.units[u].id, SheetKind::Submission).ok().flatten()).as_ref()
}

fn errors_only(mut d: Diagnostics) -> Diagnostics {
    d.items.retain(|x| x.is_error());
    d
}

/// The unit's new log entries, each judged from the state the ones before it left (`old_sub`:
/// the unit's submission in `old`).
#[allow(clippy::too_many_arguments)]
fn judge_log(
    old: &Workspace,
    new: &Workspace,
    u: usize,
    old_sub: Option<&Sheet>,
    record: Option<&str>,
    who: &Identity,
    today: Date,
    out: &mut Vec<Breach>,
) {
    let id = old.units[u].id.clone();
    let rel = Path::new(audit::AUDIT).join(format!("{id}.jsonl"));
    let before = old.store.read_unbounded(&rel).ok().flatten().unwrap_or_default();
    let after = new.store.read_unbounded(&rel).ok().flatten().unwrap_or_default();
    if !after.starts_with(&before) {
        out.push(Breach::LogRewritten { unit: id });
        return;
    }
    let added: Vec<Entry> = after[before.len()..]
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .filter_map(|l| std::str::from_utf8(l).ok().and_then(|l| serde_json::from_str(l).ok()))
        .collect();
    if added.is_empty()
        && let Some(path) = record
    {
        out.push(Breach::NotLogged { path: path.to_owned() });
        return;
    }
    let mut st = old.unit_state(old_sub, today);
    let started = old.load_sheet(&id, SheetKind::Appraisal).ok().flatten().is_some_and(|a| a.answers.values().any(|x| !x.is_empty()));
    let owners = old.owners();
    let appraiser = !old.appraiser_roles(&who.user).is_empty();
    let refuse = |action: &str, why: Msg, out: &mut Vec<Breach>| out.push(Breach::Refused { unit: id.clone(), action: action.to_owned(), why });
    let mut prev_action: Option<&str> = None;
    for e in &added {
        let prev = prev_action.replace(e.action.as_str());
        let prev_action = prev;
        if e.user != who.user {
            out.push(Breach::OtherName { unit: id.clone(), user: e.user.clone() });
            return;
        }
        let action = e.action.as_str();
        if let Some(mv) = Move::ALL.into_iter().find(|m| m.as_str() == action) {
            let actor = mv.actor();
            if let Err(m) = who.require(old, actor, u) {
                return refuse(action, m, out);
            }
            // A move's other entries (the reason of a return) move nothing.
            if e.field.as_deref() != Some("status") {
                continue;
            }
            match workflow::apply(mv, actor, &st) {
                Ok(to) => {
                    st.status = Some(to);
                    st.reopened = workflow::reopened_after(mv, st.reopened);
                }
                Err(r) => return refuse(action, r.msg().into(), out),
            }
            continue;
        }
        let r = match action {
            "edit" => who.require(old, Actor::Head, u).and_then(|()| workflow::can_edit(Actor::Head, &st).map_err(|r| r.msg().into())),
            "withdraw" => who.require(old, Actor::Head, u).and_then(|()| match workflow::withdraw(Actor::Head, &st, started) {
                Ok(to) => {
                    // As the store's withdrawal: a draft again, no longer reopened.
                    st.status = Some(to);
                    st.reopened = false;
                    Ok(())
                }
                Err(r) => Err(r.msg().into()),
            }),
            "appraise" => {
                let node = e.criterion.as_deref().and_then(|c| old.scorecard.node_index(c));
                let role = match node {
                    Some(n) => old.may_appraise(who, &owners, n),
                    None if who.office || appraiser => Ok(()),
                    None => who.require(old, Actor::Office, u),
                };
                role.and_then(|()| workflow::can_edit(Actor::Office, &st).map_err(|r| r.msg().into()))
            }
            "part-done" | "part-reopen" if appraiser => Ok(()),
            // A reviewer's decision either way (`confirm`, `confirm --reject`).
            "confirm" | "reject" => {
                let reviews = parindex_core::register::news_leaf(&old.scorecard).is_some_and(|l| who.may_review(old, &old.scorecard.nodes[l].id));
                if reviews { Ok(()) } else { who.require(old, Actor::Office, u) }
            }
            // The objection stage's own rule: published provisionally, until its date, once
            // per criterion.
            "object" => who.require(old, Actor::Head, u).and_then(|()| {
                let publication = old.load_publication().ok().flatten();
                let objections = old.load_objections(&id).ok().flatten();
                let criterion = e.criterion.as_deref().unwrap_or_default();
                parindex_core::objection::may_object(publication.as_ref(), st.status, today, objections.as_ref(), &old.scorecard, criterion)
                    .map_err(Msg::from)
            }),
            // The seal a submit writes with it.
            "seal" if prev_action == Some("submit") => Ok(()),
            // A save that did not happen, said by whoever tried it.
            "undone" => Ok(()),
            // Everything else is the Office's: import, publish, answer, override, seal, …
            _ => who.require(old, Actor::Office, u),
        };
        if let Err(m) = r {
            return refuse(action, m, out);
        }
    }
    let new_sub = match new.load_sheet(&id, SheetKind::Submission) {
        Ok(s) => s,
        // Reported by `check`.
        Err(_) => return,
    };
    // What the file shows, not only what the log says: someone who is not the unit's head
    // (the Office making its moves) leaves the unit's answers as they were; an appraiser
    // changes only criteria of its part.
    if let (Some(o), Some(n)) = (old_sub, &new_sub)
        && (o.answers != n.answers || o.news != n.news)
        && let Err(why) = who.require(old, Actor::Head, u)
    {
        out.push(Breach::Refused { unit: id.clone(), action: "edit".into(), why });
        return;
    }
    if !who.office
        && let Ok(old_appr) = old.load_sheet(&id, SheetKind::Appraisal)
        && let Ok(new_appr) = new.load_sheet(&id, SheetKind::Appraisal)
    {
        let empty = parindex_core::answers::Answer::default();
        let (o, n) = (old_appr.unwrap_or_default(), new_appr.unwrap_or_default());
        for node in o.answers.keys().chain(n.answers.keys()) {
            if o.answers.get(node).unwrap_or(&empty) != n.answers.get(node).unwrap_or(&empty)
                && let Err(m) = old.may_appraise(who, &owners, *node)
            {
                out.push(Breach::Refused { unit: id.clone(), action: "appraise".into(), why: m });
                return;
            }
        }
    }
    let file = new_sub.as_ref().map(|s| s.status);
    if file.is_some() && file != st.status {
        out.push(Breach::OutOfStep { unit: id.clone(), logged: st.status, file });
        return;
    }
    let keys = &old.units[u].keys;
    if let Some(s) = &new_sub
        && s.status != old_sub.map_or(Status::Draft, |o| o.status)
        && parindex_core::integrity::needs_seal(s.status)
        && parindex_core::integrity::check(&new.scorecard, keys, Some(s)) == parindex_core::integrity::Integrity::Unsigned
    {
        out.push(Breach::Unsigned { unit: id });
    }
}
