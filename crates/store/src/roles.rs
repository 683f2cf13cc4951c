//! Who the person at the keyboard is: the OS user, mapped by workspace.toml to the Office and
//! to the units they head.

use crate::workspace::Workspace;
use parindex_core::workflow::Actor;

/// The current OS user's name: on Unix from the password database (not from `$USER`, which
/// anyone can set); on Windows the logon name (`USERNAME`), for a single-user or git round,
/// where the OS account guards nothing of the round anyway.
pub fn current_user() -> String {
    crate::sys::user_name()
}

/// Who the person at the keyboard is in the round at `dir`: in a git clone (issue 20) the name
/// the clone is set to (`git config parindex.user NAME`: the clone is the person's own folder,
/// and the server's hook, not this name, decides what their pushes may change); otherwise, and
/// always in a setgid round, the OS user.
pub fn user_in(dir: &std::path::Path) -> String {
    if crate::privs::privileged_group().is_none()
        && crate::git::is_clone(dir)
        && let Ok(u) = crate::git::Git::new(dir).out(&["config", "--local", "--get", "parindex.user"])
        && !u.trim().is_empty()
    {
        return u.trim().to_owned();
    }
    current_user()
}

/// What a user may do in a round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub user: String,
    /// Listed in `[office] users` (or the round is single-user).
    pub office: bool,
    /// Indexes of the units this user heads (all units in a single-user round).
    pub units: Vec<usize>,
}

impl Identity {
    /// Maps a user name through workspace.toml.
    pub fn of(ws: &Workspace, user: &str) -> Identity {
        if ws.single_user {
            return Identity { user: user.to_owned(), office: true, units: (0..ws.units.len()).collect() };
        }
        Identity {
            user: user.to_owned(),
            office: ws.office_users.iter().any(|u| u == user),
            units: ws.units.iter().enumerate().filter(|(_, u)| u.heads.iter().any(|h| h == user)).map(|(i, _)| i).collect(),
        }
    }

    pub fn current(ws: &Workspace) -> Identity {
        Identity::of(ws, &user_in(&ws.dir))
    }

    pub fn heads(&self, unit: usize) -> bool {
        self.units.contains(&unit)
    }

    /// Whether this user may act as `actor` on `unit`.
    pub fn may(&self, actor: Actor, unit: usize) -> bool {
        match actor {
            Actor::Office => self.office,
            Actor::Head => self.heads(unit),
        }
    }

    /// A refusal, worded at the edge, when the user may not act as `actor` on the unit.
    pub fn require(&self, ws: &Workspace, actor: Actor, unit: usize) -> Result<(), parindex_core::say::Msg> {
        use parindex_core::say::workflow::{Names, WorkflowMsg as W};
        if self.may(actor, unit) {
            return Ok(());
        }
        let u = &ws.units[unit];
        Err(match actor {
            Actor::Office => W::NotOffice { user: self.user.clone() },
            Actor::Head => W::NotHead { user: self.user.clone(), unit: u.id.clone(), name: u.name.clone(), heads: Names(u.heads.clone()) },
        }
        .into())
    }

    /// The reviewer this user acts for on `criterion` (`[[reviewer]]` in workspace.toml):
    /// a reviewer is neither a head nor the Office unless listed as one too.
    pub fn reviewer_of<'a>(&self, ws: &'a Workspace, criterion: &str) -> Option<&'a parindex_core::register::Reviewer> {
        ws.reviewers.iter().find(|r| r.users.contains(&self.user) && r.criteria.iter().any(|c| c == criterion))
    }

    /// Whether this user may confirm items counted by `criterion`: its reviewer's users, the
    /// Office (which the reviewer reports to), or anyone in a single-user round.
    pub fn may_review(&self, ws: &Workspace, criterion: &str) -> bool {
        self.office || self.reviewer_of(ws, criterion).is_some()
    }
}

/// What of a unit someone asks to see (issue 18, confidentiality; docs/deployment.md's threat
/// model). The one rule every command and the dashboard follow is [`Identity::may_read`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Its status (draft, submitted, …): anyone.
    Status,
    /// Its published figures (totals, index, band, rank): anyone once the unit is appraised or
    /// final; before that only its heads and the Office.
    Figures,
    /// Its news register (items, links, the reviewer's decisions): its heads, the Office and
    /// the register's reviewer.
    News,
    /// Everything else: draft values, notes, explanations, evidence, the edit history, its
    /// documents. Its heads and the Office only.
    Details,
}

impl Identity {
    /// Whether this user may see `part` of `unit`, whose status is `status` (the Office and the
    /// unit's heads see all of it). Other heads see another unit's status, and its figures once
    /// they are appraised or final; never its drafts, notes, explanations, evidence or history.
    pub fn may_read(&self, ws: &Workspace, unit: usize, part: Part, status: Option<parindex_core::answers::Status>) -> bool {
        use parindex_core::answers::Status;
        if self.office || self.heads(unit) {
            return true;
        }
        match part {
            Part::Status => true,
            Part::Figures => matches!(status, Some(Status::Appraised | Status::Final)),
            Part::News => parindex_core::register::news_leaf(&ws.scorecard).is_some_and(|leaf| self.may_review(ws, &ws.scorecard.nodes[leaf].id)),
            Part::Details => false,
        }
    }
}
