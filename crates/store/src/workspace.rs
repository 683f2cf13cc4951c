//! One assessment round, one folder: `workspace.toml`, the scorecard in force, the units'
//! submissions and the Office's appraisals.

use parindex_core::say::toml::Place;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeTable;

use crate::dir::{self, Dir};
use parindex_core::answers::{Keep, Sheet, SheetKind, quote};
use parindex_core::date::Date;
use parindex_core::diag::Source;
use parindex_core::diag::{Diagnostic, Diagnostics, LoadError};
use parindex_core::document::{self, Document};
use parindex_core::say::store::StoreMsg;
use parindex_core::scorecard::Scorecard;
use parindex_core::toml_in::{Reader, Span, decode_text};

pub const WORKSPACE_FILE: &str = "workspace.toml";
pub const SUBMISSIONS: &str = "submissions";
pub const APPRAISALS: &str = "appraisals";
pub const EVIDENCE: &str = "evidence";
/// What `init` and `demo` put in a round's `.gitignore`: edit locks and the temp files of
/// interrupted saves are not history.
pub const GITIGNORE: &str = ".locks/\n.recover/\n.*.tmp\n";

/// A unit taking part in the round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Also the file name of its submission: ASCII letters, digits, `-` and `_`.
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    /// OS user names who may edit this unit.
    pub heads: Vec<String>,
    /// The heads' public SSH keys (`keys = ["ssh-ed25519 AAAA… lan@host"]`): when listed, the
    /// unit's submissions are signed ([`parindex_core::sign`]).
    pub keys: Vec<ssh_key::PublicKey>,
}

/// The round's settings (`workspace.toml`) and its scorecard.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub dir: PathBuf,
    pub title: String,
    /// `round_id` of workspace.toml: the round's identity, which every submission sealed in
    /// it carries (`round`) and `import` compares; see [`Workspace::round_id`].
    pub round_id: Option<String>,
    /// The scorecard file as written in workspace.toml (relative to `dir`).
    pub scorecard_file: String,
    pub deadline: Option<Date>,
    pub office_users: Vec<String>,
    /// One person runs the round alone: whoever runs parindex acts as the Office and as the head
    /// of every unit (the documented override of role checks; also the demo's setting).
    pub single_user: bool,
    pub units: Vec<Unit>,
    pub scorecard: Arc<Scorecard>,
    /// The round's folder, open: every file of the round is read and written through it
    /// (links inside the round are never followed).
    pub store: Arc<Dir>,
    /// Who signs the round's documents (`[document]`, the units' document keys): all optional.
    pub document: Document,
    /// Roles that confirm what units sent them (`[[reviewer]]`, the news register, issue 12).
    pub reviewers: Vec<parindex_core::register::Reviewer>,
    /// The appraisal council (`[[appraiser]]`, issue 21): each appraises a part of the
    /// scorecard; none means the Office appraises everything.
    pub appraisers: Vec<parindex_core::council::Appraiser>,
    /// `evidence_max_mb`: the largest file `attach` takes, in MB (default 20, issue 20).
    pub evidence_max_mb: Option<u64>,
    /// People and their SSH keys (`[[person]]`, issue 20): who may push to the round's git
    /// repository (the service account's authorized_keys lines) and whose commits are signed.
    pub people: Vec<Person>,
    /// `[sync] every_minutes`: how often the dashboard of a clone syncs by itself (none: only
    /// on its key).
    pub sync_every_minutes: Option<u32>,
}

/// A person of the round with SSH keys (`[[person]] user = "lan" keys = ["ssh-ed25519 …"]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub user: String,
    pub keys: Vec<ssh_key::PublicKey>,
}

/// The longest automatic sync interval `[sync] every_minutes` takes (a day).
pub const MAX_SYNC_MINUTES: i64 = 24 * 60;

/// Whether a unit id is safe as a file name: 1–64 ASCII letters, digits, `-`, `_`.
pub use parindex_core::valid_unit_id;

impl Workspace {
    /// Loads workspace.toml and the scorecard it names; every problem in either is reported.
    pub fn load(dir: &Path) -> Result<Workspace, LoadError> {
        let path = dir.join(WORKSPACE_FILE);
        let store = match Dir::open_round(dir) {
            Ok(d) => Arc::new(d),
            Err(e) => {
                let msg = match e.kind() {
                    std::io::ErrorKind::NotFound => StoreMsg::NoWorkspaceFolder,
                    std::io::ErrorKind::NotADirectory => StoreMsg::NotAFolder,
                    _ => StoreMsg::CannotOpenFolder { reason: crate::dir::io_reason(&e) },
                };
                return Err(LoadError::unreadable(Diagnostic::error(msg).in_file(dir)));
            }
        };
        let src = read_in(&store, Path::new(WORKSPACE_FILE))?
            .ok_or_else(|| LoadError::unreadable(Diagnostic::error(StoreMsg::NoWorkspaceFile).in_file(&path)))?;
        let mut r = Reader::new(src.clone());
        let doc = r.parse(&src.text);
        let parts = read_workspace(&mut r, doc.get_ref());
        let mut diags = r.diags;
        let sc_rel = PathBuf::from(&parts.scorecard_file);
        // A path that leaves the folder is reported above and never opened: its content would
        // end up in the diagnostics (`scorecard = "/etc/passwd"` printed the file's lines).
        let loaded = if parts.scorecard_refused {
            None
        } else {
            Some(
                read_in(&store, &sc_rel)
                    .and_then(|s| {
                        s.ok_or_else(|| {
                            LoadError::unreadable(
                                Diagnostic::error(StoreMsg::CannotRead {
                                    reason: crate::dir::io_reason(&std::io::Error::from(std::io::ErrorKind::NotFound)),
                                })
                                .in_file(dir.join(&sc_rel)),
                            )
                        })
                    })
                    .and_then(Scorecard::parse),
            )
        };
        let scorecard = match loaded {
            None => None,
            Some(Ok(sc)) => Some(sc),
            Some(Err(e)) => {
                if e.unreadable && !diags.has_errors() {
                    let mut d = Diagnostic::error(StoreMsg::ScorecardUnreadable { file: parts.scorecard_file.clone() });
                    if let Some(sp) = parts.scorecard_span.clone() {
                        d = d.at(&src, sp);
                    } else {
                        d = d.in_file(&path);
                    }
                    diags.push(d);
                    diags.extend(e.diagnostics);
                    return Err(LoadError { diagnostics: diags, unreadable: true });
                }
                diags.extend(e.diagnostics);
                None
            }
        };
        if let Some(sc) = &scorecard {
            for (id, sp) in parindex_core::register::unknown_criteria(&parts.reviewers, sc) {
                let msg = parindex_core::say::register::RegisterMsg::UnknownCriterion { id: id.to_owned() };
                diags.push(Diagnostic::error(msg).at(&src, sp));
            }
            for (msg, sp) in parindex_core::council::check(&parts.appraisers, sc) {
                diags.push(Diagnostic::error(msg).at(&src, sp));
            }
        }
        match scorecard {
            Some(sc) if !diags.has_errors() => Ok(Workspace {
                dir: dir.to_path_buf(),
                title: parts.title,
                round_id: parts.round_id,
                scorecard_file: parts.scorecard_file,
                deadline: parts.deadline,
                office_users: parts.office_users,
                single_user: parts.single_user,
                units: parts.units,
                scorecard: Arc::new(sc),
                store,
                document: parts.document,
                reviewers: parts.reviewers.into_iter().map(|r| r.0).collect(),
                appraisers: parts.appraisers.into_iter().map(|r| r.0).collect(),
                evidence_max_mb: parts.evidence_max_mb,
                people: parts.people,
                sync_every_minutes: parts.sync_every_minutes,
            }),
            _ => {
                diags.sort();
                Err(LoadError::invalid(diags))
            }
        }
    }

    /// The round's identity: workspace.toml's `round_id` (written by `init` and `demo`); for a
    /// round made before there was one, `t-` and 16 hex digits of the SHA-256 of the title, a
    /// line end and the scorecard id (so it changes if the title is edited: add `round_id` to
    /// keep it). Submissions sealed in the round carry it (`round`), covered by the seal and the
    /// signature; `import` refuses a file that names another round.
    pub fn round_id(&self) -> String {
        match &self.round_id {
            Some(id) => id.clone(),
            None => {
                let d = parindex_core::seal::digest_of(format!("{}\n{}", self.title, self.scorecard.id).as_bytes());
                format!("t-{}", &d["sha256:".len().."sha256:".len() + 16])
            }
        }
    }

    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }

    pub fn submission_path(&self, unit: &str) -> PathBuf {
        self.dir.join(SUBMISSIONS).join(format!("{unit}.toml"))
    }

    pub fn appraisal_path(&self, unit: &str) -> PathBuf {
        self.dir.join(APPRAISALS).join(format!("{unit}.toml"))
    }

    pub fn evidence_dir(&self) -> PathBuf {
        self.dir.join(EVIDENCE)
    }

    pub fn sheet_path(&self, unit: &str, kind: SheetKind) -> PathBuf {
        match kind {
            SheetKind::Submission => self.submission_path(unit),
            SheetKind::Appraisal => self.appraisal_path(unit),
        }
    }

    /// Loads a unit's submission or appraisal; `Ok(None)` when the file does not exist.
    pub fn load_sheet(&self, unit: &str, kind: SheetKind) -> Result<Option<Sheet>, LoadError> {
        self.load_sheet_keeping(unit, kind, Keep::All)
    }

    /// [`Workspace::load_sheet`], keeping only what `keep` says (checks are the same).
    pub fn load_sheet_keeping(&self, unit: &str, kind: SheetKind, keep: Keep) -> Result<Option<Sheet>, LoadError> {
        match read_in(&self.store, &sheet_rel(unit, kind))? {
            None => Ok(None),
            Some(src) => Sheet::parse_keeping(src, &self.scorecard, kind, unit, keep).map(Some),
        }
    }

    /// [`Workspace::load_sheet_keeping`] from an open sheets folder (`None`: the folder does
    /// not exist), with the stat of the file as it was read.
    pub fn load_sheet_in(
        &self,
        folder: Option<&Dir>,
        unit: &str,
        kind: SheetKind,
        keep: Keep,
    ) -> Result<(Option<Sheet>, Option<dir::Meta>), LoadError> {
        let Some(d) = folder else { return Ok((None, None)) };
        let name = format!("{unit}.toml");
        let path = d.path.join(&name);
        match d.read_name(name.as_ref()) {
            Ok(Some((bytes, meta))) => {
                let src = decode_text(&path, bytes)?;
                Ok((Some(Sheet::parse_keeping(src, &self.scorecard, kind, unit, keep)?), Some(meta)))
            }
            Ok(None) => Ok((None, None)),
            Err(e) => Err(io_failure(&path, &e)),
        }
    }

    /// Reads a file of the round (relative path) as text; `Ok(None)` when it does not exist.
    pub fn read_source(&self, rel: &Path) -> Result<Option<Arc<Source>>, LoadError> {
        read_in(&self.store, rel)
    }

    /// workspace.toml as text (stable order).
    pub fn to_toml(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "title = {}", quote(&self.title));
        if let Some(id) = &self.round_id {
            let _ = writeln!(s, "round_id = {}", quote(id));
        }
        let _ = writeln!(s, "scorecard = {}", quote(&self.scorecard_file));
        if let Some(d) = self.deadline {
            let _ = writeln!(s, "deadline = {}", d.iso());
        }
        if self.single_user {
            s.push_str("single_user = true\n");
        }
        if let Some(mb) = self.evidence_max_mb {
            let _ = writeln!(s, "evidence_max_mb = {mb}");
        }
        self.document.to_toml(&mut s);
        let _ = writeln!(s, "\n[office]\nusers = [{}]", join_quoted(&self.office_users));
        for u in &self.units {
            let _ = writeln!(s, "\n[[unit]]\nid = {}\nname = {}", quote(&u.id), quote(&u.name));
            if let Some(g) = &u.group {
                let _ = writeln!(s, "group = {}", quote(g));
            }
            let _ = writeln!(s, "heads = [{}]", join_quoted(&u.heads));
            if !u.keys.is_empty() {
                let lines: Vec<String> = u.keys.iter().filter_map(|k| k.to_openssh().ok()).collect();
                let _ = writeln!(s, "keys = [{}]", join_quoted(&lines));
            }
            self.document.unit_to_toml(&u.id, &mut s);
        }
        for r in &self.reviewers {
            let _ = writeln!(s, "\n[[reviewer]]\nid = {}\nname = {}", quote(&r.id), quote(&r.name));
            let _ = writeln!(s, "users = [{}]\ncriteria = [{}]", join_quoted(&r.users), join_quoted(&r.criteria));
        }
        for a in &self.appraisers {
            let _ = writeln!(s, "\n[[appraiser]]\nid = {}\nname = {}\nusers = [{}]", quote(&a.id), quote(&a.name), join_quoted(&a.users));
            if !a.areas.is_empty() {
                let _ = writeln!(s, "areas = [{}]", join_quoted(&a.areas));
            }
            if !a.criteria.is_empty() {
                let _ = writeln!(s, "criteria = [{}]", join_quoted(&a.criteria));
            }
        }
        for p in &self.people {
            let lines: Vec<String> = p.keys.iter().filter_map(|k| k.to_openssh().ok()).collect();
            let _ = writeln!(s, "\n[[person]]\nuser = {}\nkeys = [{}]", quote(&p.user), join_quoted(&lines));
        }
        if let Some(m) = self.sync_every_minutes {
            let _ = writeln!(s, "\n[sync]\nevery_minutes = {m}");
        }
        s
    }

    /// The SSH keys of `user`: their `[[person]]` keys, then the keys of the units they head
    /// (a unit's keys are its heads'). What their commits and pushes are verified against.
    pub fn keys_of(&self, user: &str) -> Vec<ssh_key::PublicKey> {
        let mut out: Vec<ssh_key::PublicKey> = Vec::new();
        let own = self.people.iter().filter(|p| p.user == user).flat_map(|p| p.keys.iter());
        let units = self.units.iter().filter(|u| u.heads.iter().any(|h| h == user)).flat_map(|u| u.keys.iter());
        for k in own.chain(units) {
            if !out.iter().any(|o| o.key_data() == k.key_data()) {
                out.push(k.clone());
            }
        }
        out
    }

    /// Whether any key is listed in the round (then submissions and commits are signed).
    pub fn lists_keys(&self) -> bool {
        self.people.iter().any(|p| !p.keys.is_empty()) || self.units.iter().any(|u| !u.keys.is_empty())
    }

    /// Everyone with a role in the round: the Office, heads, reviewers, appraisers, and
    /// `[[person]]` entries, each once, in that order.
    pub fn everyone(&self) -> Vec<String> {
        everyone_of(
            self.office_users
                .iter()
                .chain(self.units.iter().flat_map(|u| u.heads.iter()))
                .chain(self.reviewers.iter().flat_map(|r| r.users.iter()))
                .chain(self.appraisers.iter().flat_map(|a| a.users.iter()))
                .chain(self.people.iter().map(|p| &p.user)),
        )
    }

    /// Groups in first-seen order.
    pub fn groups(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for u in &self.units {
            if let Some(g) = u.group.as_deref()
                && !out.contains(&g)
            {
                out.push(g);
            }
        }
        out
    }
}

/// Each name once, in first-seen order.
fn everyone_of<'a>(all: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for u in all {
        if !out.contains(u) {
            out.push(u.clone());
        }
    }
    out
}

/// Who belongs to a round, as its workspace.toml says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    /// `single_user`: whoever runs parindex is everyone.
    pub single_user: bool,
    /// As [`Workspace::everyone`].
    pub everyone: Vec<String>,
}

/// The [`Roster`] of a round from the bytes of its workspace.toml alone (`path` names it in
/// the diagnostics): nothing is opened, the scorecard is not read. For the server of a round
/// kept in git, which reads the file from its repository. `Err` when workspace.toml itself has
/// errors, as [`Workspace::load`] reports them.
pub fn roster(path: &Path, bytes: Vec<u8>) -> Result<Roster, LoadError> {
    let src = decode_text(path, bytes)?;
    let mut r = Reader::new(src.clone());
    let doc = r.parse(&src.text);
    let parts = read_workspace(&mut r, doc.get_ref());
    if r.diags.has_errors() {
        let mut d = r.diags;
        d.sort();
        return Err(LoadError::invalid(d));
    }
    let everyone = everyone_of(
        parts
            .office_users
            .iter()
            .chain(parts.units.iter().flat_map(|u| u.heads.iter()))
            .chain(parts.reviewers.iter().flat_map(|r| r.0.users.iter()))
            .chain(parts.appraisers.iter().flat_map(|a| a.0.users.iter()))
            .chain(parts.people.iter().map(|p| &p.user)),
    );
    Ok(Roster { single_user: parts.single_user, everyone })
}

fn join_quoted(items: &[String]) -> String {
    items.iter().map(|x| quote(x)).collect::<Vec<_>>().join(", ")
}

struct Parts {
    title: String,
    round_id: Option<String>,
    scorecard_file: String,
    scorecard_span: Option<Span>,
    /// The `scorecard` path was refused (it leaves the folder): it is not read.
    scorecard_refused: bool,
    deadline: Option<Date>,
    office_users: Vec<String>,
    single_user: bool,
    units: Vec<Unit>,
    document: Document,
    reviewers: Vec<(parindex_core::register::Reviewer, Vec<Span>)>,
    appraisers: Vec<parindex_core::council::Read>,
    evidence_max_mb: Option<u64>,
    people: Vec<Person>,
    sync_every_minutes: Option<u32>,
}

fn read_workspace(r: &mut Reader, doc: &DeTable<'_>) -> Parts {
    r.unknown_keys(
        doc,
        &[
            "title",
            "round_id",
            "scorecard",
            "deadline",
            "single_user",
            "office",
            "unit",
            "document",
            "reviewer",
            "appraiser",
            "evidence_max_mb",
            "person",
            "sync",
        ],
        Place::Literal("workspace.toml"),
    );
    let round_id = match r.string(doc, "round_id") {
        Some((id, sp)) if !valid_unit_id(&id) => {
            r.error(sp, StoreMsg::BadRoundId { id });
            None
        }
        other => other.map(|x| x.0),
    };
    let title = match r.string(doc, "title") {
        Some((t, _)) => t,
        None => {
            if doc.get("title").is_none() {
                r.error(0..0, StoreMsg::NoTitle);
            }
            String::new()
        }
    };
    let mut scorecard_refused = false;
    let (scorecard_file, scorecard_span) = match r.string(doc, "scorecard") {
        Some((s, sp)) => {
            if s.is_empty() || s.split(['/', '\\']).any(|seg| seg == "..") || Path::new(&s).is_absolute() {
                r.error(sp.clone(), StoreMsg::ScorecardOutside);
                scorecard_refused = true;
            }
            (s, Some(sp))
        }
        None => {
            // Present but not a string: reported; do not silently read the default instead.
            scorecard_refused = doc.get("scorecard").is_some();
            ("scorecard.toml".to_owned(), None)
        }
    };
    let deadline = r.date(doc, "deadline").map(|x| x.0);
    let single_user = r.boolean(doc, "single_user").is_some_and(|x| x.0);
    let evidence_max_mb = match r.integer(doc, "evidence_max_mb") {
        Some((n, _)) if (1..=parindex_core::attach::MAX_MAX_MB as i64).contains(&n) => Some(n as u64),
        Some((_, sp)) => {
            r.error(sp, StoreMsg::BadEvidenceMax);
            None
        }
        None => None,
    };
    let mut office_users = Vec::new();
    if let Some((office, _)) = r.table(doc, "office") {
        r.unknown_keys(office, &["users"], Place::Literal("[office]"));
        office_users = r.strings(office, "users").into_iter().map(|x| x.0).collect();
    }
    let mut document = Document::read(r, doc);
    let mut units: Vec<Unit> = Vec::new();
    let tables = r.tables(doc, "unit");
    // Ids seen so far: a set, not a scan of `units` (a ministry round has 10,000 units).
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::with_capacity(tables.len());
    for (t, sp) in tables {
        r.unknown_keys(
            t,
            &["id", "name", "group", "heads", "keys", document::UNIT_KEYS[0], document::UNIT_KEYS[1], document::UNIT_KEYS[2], document::UNIT_KEYS[3]],
            Place::Unit,
        );
        let id = r.req_string(t, "id", sp.clone(), Place::ThisUnit);
        let name = r.req_string(t, "name", sp.clone(), Place::ThisUnit);
        let group = r.string(t, "group").map(|g| g.0).filter(|g| !g.trim().is_empty());
        let heads = r.strings(t, "heads").into_iter().map(|x| x.0).collect();
        let mut keys = Vec::new();
        for (line, ksp) in r.strings(t, "keys") {
            match parindex_core::sign::parse_key(&line) {
                Ok(k) => keys.push(k),
                Err(why) => r.error(ksp, StoreMsg::BadKey { why: parindex_core::say::store::Nested(Box::new(why)) }),
            }
        }
        let (Some((id, isp)), Some((name, nsp))) = (id, name) else { continue };
        if !valid_unit_id(&id) {
            r.error(isp, StoreMsg::BadUnitId { id: id.clone() });
            continue;
        }
        if !seen.insert(id.clone()) {
            r.error(isp, StoreMsg::UnitTwice { id: id.clone() });
            continue;
        }
        if name.trim().is_empty() {
            r.error(nsp, StoreMsg::UnitNoName { id: id.clone() });
        }
        document.read_unit(r, t, &id);
        units.push(Unit { id, name, group, heads, keys });
    }
    let reviewers = parindex_core::register::read_reviewers(r, doc);
    let appraisers = parindex_core::council::read_appraisers(r, doc);
    let mut people = Vec::new();
    for (t, sp) in r.tables(doc, "person") {
        r.unknown_keys(t, &["user", "keys"], Place::Literal("[[person]]"));
        let user = r.req_string(t, "user", sp, Place::Literal("[[person]]"));
        let mut keys = Vec::new();
        for (line, ksp) in r.strings(t, "keys") {
            match parindex_core::sign::parse_key(&line) {
                Ok(k) => keys.push(k),
                Err(why) => r.error(ksp, StoreMsg::BadKey { why: parindex_core::say::store::Nested(Box::new(why)) }),
            }
        }
        if let Some((user, _)) = user {
            people.push(Person { user, keys });
        }
    }
    let mut sync_every_minutes = None;
    if let Some((t, _)) = r.table(doc, "sync") {
        r.unknown_keys(t, &["every_minutes"], Place::Literal("[sync]"));
        if let Some((m, sp)) = r.integer(t, "every_minutes") {
            if (1..=MAX_SYNC_MINUTES).contains(&m) {
                sync_every_minutes = Some(m as u32);
            } else {
                r.error(sp, StoreMsg::BadSyncMinutes { max: MAX_SYNC_MINUTES as u32 });
            }
        }
    }
    Parts {
        evidence_max_mb,
        title,
        round_id,
        scorecard_file,
        scorecard_span,
        scorecard_refused,
        deadline,
        office_users,
        single_user,
        units,
        document,
        reviewers,
        appraisers,
        people,
        sync_every_minutes,
    }
}

/// A sheet's path relative to the round's folder.
pub fn sheet_rel(unit: &str, kind: SheetKind) -> PathBuf {
    let folder = match kind {
        SheetKind::Submission => SUBMISSIONS,
        SheetKind::Appraisal => APPRAISALS,
    };
    Path::new(folder).join(format!("{unit}.toml"))
}

/// A read failure inside the round as a located diagnostic: links, folders, FIFOs and devices
/// are named for what they are (and never opened).
pub fn io_failure(path: &Path, e: &std::io::Error) -> LoadError {
    let msg: parindex_core::say::Msg = match dir::refusal(e) {
        Some(r) => r.into(),
        None => StoreMsg::CannotRead { reason: crate::dir::io_reason(e) }.into(),
    };
    LoadError::unreadable(Diagnostic::error(msg).in_file(path))
}

/// Reads a file of the round through its open folder; `Ok(None)` when it does not exist.
fn read_in(store: &Dir, rel: &Path) -> Result<Option<Arc<Source>>, LoadError> {
    let path = store.path.join(rel);
    match store.read(rel) {
        Ok(Some((bytes, _))) => decode_text(&path, bytes).map(Some),
        Ok(None) => Ok(None),
        Err(e) => {
            // The failing component, for a linked or odd folder on the way.
            let _g = crate::privs::raise();
            let mut at = store.path.clone();
            for c in rel.components() {
                at.push(c);
                if std::fs::symlink_metadata(&at).map(|m| !m.is_dir()).unwrap_or(true) {
                    break;
                }
            }
            Err(io_failure(&at, &e))
        }
    }
}

/// Which units a check covers: every one (`check`), or the ones a change touched
/// (`check_units`), by index into [`Workspace::units`]. The checks of the units' own files
/// (their sheets, audit logs, confirmations, "done" marks, objections, evidence folders) take
/// it; what is round-wide is judged by the caller of those checks.
#[derive(Clone, Copy, Debug)]
pub enum Units<'a> {
    All,
    Only(&'a [usize]),
}

impl<'a> Units<'a> {
    /// The units covered, in the round's order.
    pub fn of<'w>(self, ws: &'w Workspace) -> impl Iterator<Item = &'w Unit> + use<'w, 'a> {
        ws.units
            .iter()
            .enumerate()
            .filter(move |(i, _)| match self {
                Units::All => true,
                Units::Only(only) => only.contains(i),
            })
            .map(|(_, u)| u)
    }
}

/// Checks a whole workspace: workspace.toml, the scorecard, every submission and appraisal,
/// stray files, missing submissions and evidence files. Returns every diagnostic; `Err` (with
/// every diagnostic) when a file cannot be read at all: the folder, workspace.toml, the
/// scorecard, or a submission or appraisal that is a link, a folder or unreadable.
pub fn check(dir: &Path) -> Result<Diagnostics, LoadError> {
    check_in(dir, None)
}

/// [`check`] restricted to what a change of these units' files can break, for a round whose
/// state before the change passed `check` and whose workspace.toml, scorecard and other
/// round-wide files the change leaves as they were (the pre-receive hook, issue 20): the
/// same errors as `check` on the whole round, without parsing the other units' files. Any
/// file of the units may have changed, their evidence folders included; [`check_changes`]
/// knows which.
///
/// What `check` judges, and where each rule is judged here:
/// - per unit, judged for `units`: each submission and appraisal (parse, the seal, the files
///   it names and attaches), the audit log (its chain, that the sheets are the files it
///   records), confirmations (review), "done" marks (council), objections;
/// - across units, judged too: a submission may name or attach files in another unit's
///   evidence folder, so when a unit's evidence changed the submissions that may name a file
///   in its folder are checked as well (found by their bytes: the folder's name in them, or
///   any escape), and the folder's files that none of them names are said; the publication
///   is recorded in every unit's log, so its record is checked against all the logs (only
///   the logs that may mention it are parsed);
/// - round-wide, not judged (unchanged by such a change): workspace.toml and the scorecard
///   (loaded, so their errors are still reported), stray files in `submissions/` and
///   `appraisals/`, `[document]` gaps (warnings), file modes (warnings).
///
/// Warnings may differ from `check`'s: a file of an evidence folder that did not change is not
/// called left over here when a changed submission stopped naming it. A unit id the round
/// does not declare makes it the whole `check`. `check` has no cross-unit totals or
/// rankings (scores are not its business).
pub fn check_units(dir: &Path, units: &[&str]) -> Result<Diagnostics, LoadError> {
    check_in(dir, Some(Touched { units: units.to_vec(), evidence: units.to_vec() }))
}

/// [`check_units`] for the paths a change touched (relative to the round, `/` between
/// folders): the units they are files of ([`unit_file`]), the evidence folders among them.
/// A path that is no unit's file (workspace.toml, the scorecard, the publication, a file
/// beside the units' folders…) makes it the whole [`check`].
pub fn check_changes(dir: &Path, paths: &[&str]) -> Result<Diagnostics, LoadError> {
    let mut touched = Touched { units: Vec::new(), evidence: Vec::new() };
    for p in paths {
        let Some((kind, unit)) = unit_file(p) else { return check(dir) };
        if !touched.units.contains(&unit) {
            touched.units.push(unit);
        }
        if kind == UnitFile::Evidence && !touched.evidence.contains(&unit) {
            touched.evidence.push(unit);
        }
    }
    check_in(dir, Some(touched))
}

/// Which of a unit's files a path of the round is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitFile {
    Submission,
    Appraisal,
    Audit,
    Review,
    Council,
    Objections,
    /// A file of `evidence/<unit>/` (or below).
    Evidence,
}

/// The unit a path of the round (relative, `/` between folders) is a file of, and which file;
/// `None` for the round's own files. The unit is whatever the name says: declared or not.
pub fn unit_file(path: &str) -> Option<(UnitFile, &str)> {
    let (dir, rest) = path.split_once('/')?;
    let kind = match dir {
        SUBMISSIONS => UnitFile::Submission,
        APPRAISALS => UnitFile::Appraisal,
        crate::audit::AUDIT => UnitFile::Audit,
        parindex_core::register::REVIEWS => UnitFile::Review,
        crate::council::COUNCIL => UnitFile::Council,
        parindex_core::objection::OBJECTIONS => UnitFile::Objections,
        EVIDENCE => {
            let (unit, name) = rest.split_once('/')?;
            return (!name.is_empty()).then_some((UnitFile::Evidence, unit));
        }
        _ => return None,
    };
    let ext = if kind == UnitFile::Audit { ".jsonl" } else { ".toml" };
    let unit = rest.strip_suffix(ext)?;
    (!unit.contains('/')).then_some((kind, unit))
}

/// What a change touched, for the units' check: its units, and those whose evidence folder
/// changed.
struct Touched<'a> {
    units: Vec<&'a str>,
    evidence: Vec<&'a str>,
}

/// What the sheets' check gathers for the evidence folders' check.
#[derive(Default)]
struct Named {
    /// The evidence files the submissions name.
    files: std::collections::HashSet<String>,
    /// The units whose submission did not load (their files are not called left over).
    unread: std::collections::HashSet<String>,
    /// A sheet was a link, a folder or unreadable.
    unreadable: bool,
}

fn check_in(dir: &Path, only: Option<Touched>) -> Result<Diagnostics, LoadError> {
    let ws = match Workspace::load(dir) {
        Ok(ws) => ws,
        Err(e) if e.unreadable => return Err(e),
        Err(e) => return Ok(e.diagnostics),
    };
    let index = |ids: &[&str]| ids.iter().map(|id| ws.unit_index(id)).collect::<Option<Vec<usize>>>();
    // A unit the round does not declare, or the scorecard kept among a touched unit's files
    // (whatever the round's settings allow): the whole check.
    let scorecard = Path::new(&ws.scorecard_file).components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect::<PathBuf>();
    let scorecard = scorecard.to_str().map(|p| p.replace('\\', "/"));
    let scorecard_of = scorecard.as_deref().and_then(unit_file).map(|(_, u)| u);
    let touched = only.and_then(|t| {
        let units = index(&t.units)?;
        let evidence = index(&t.evidence)?;
        (!t.units.iter().any(|u| Some(*u) == scorecard_of)).then_some((units, evidence))
    });
    let units = match &touched {
        Some((t, _)) => Units::Only(t),
        None => Units::All,
    };
    let mut diags = Diagnostics::default();
    let mut named = Named::default();
    // The evidence folders judged for files no submission names.
    let mut folders = units;
    match &touched {
        None => check_sheet_folders(&ws, &mut named, &mut diags),
        Some((t, evidence)) => {
            folders = Units::Only(evidence);
            let mut sheets: Vec<usize> = t.to_vec();
            for u in naming_any_of(&ws, evidence) {
                if !sheets.contains(&u) {
                    sheets.push(u);
                }
            }
            sheets.sort_unstable();
            for u in sheets {
                for kind in [SheetKind::Submission, SheetKind::Appraisal] {
                    let id = &ws.units[u].id;
                    let rel = sheet_rel(id, kind);
                    let p = dir.join(&rel);
                    match ws.store.stat(&rel) {
                        Ok(None) => {}
                        Ok(Some(meta)) => check_sheet_file(&ws, kind, id, &meta, &p, &mut named, &mut diags),
                        Err(e) => {
                            named.unreadable = true;
                            diags.extend(io_failure(&p, &e).diagnostics);
                        }
                    }
                }
            }
        }
    }
    crate::evidence::check_unnamed(&ws, folders, &named.files, &named.unread, &mut diags);
    if let Units::All = units {
        document_gaps(&ws, dir, &mut diags);
    }
    diags.extend(crate::audit::check_units(&ws, units));
    diags.extend(crate::review::check_reviews(&ws, units));
    diags.extend(crate::objections::check(&ws, units));
    diags.extend(crate::council::check_council(&ws, units));
    if let Units::All = units {
        // Modes that let someone write what is not theirs (warnings; Unix only).
        crate::sys::mode_warnings(&ws.store, ws.single_user).into_iter().for_each(|d| diags.push(d));
    }
    if named.unreadable {
        return Err(LoadError { diagnostics: diags, unreadable: true });
    }
    Ok(diags)
}

/// Every file of `submissions/` and `appraisals/`: each sheet checked, and the files that are
/// no unit's (undeclared, temp files of interrupted saves).
fn check_sheet_folders(ws: &Workspace, named: &mut Named, diags: &mut Diagnostics) {
    for kind in [SheetKind::Submission, SheetKind::Appraisal] {
        let folder_name = match kind {
            SheetKind::Submission => SUBMISSIONS,
            SheetKind::Appraisal => APPRAISALS,
        };
        let folder = ws.dir.join(folder_name);
        let entries = match ws.store.sub(Path::new(folder_name), false) {
            Ok(None) => continue,
            Ok(Some(d)) => d.list(),
            Err(e) => Err(e),
        };
        let entries = match entries {
            Ok(x) => x,
            Err(e) => {
                named.unreadable = true;
                diags.extend(io_failure(&folder, &e).diagnostics);
                continue;
            }
        };
        for (name, meta) in entries {
            let p = folder.join(&name);
            let Some(name) = name.to_str() else { continue };
            if dir::is_temp_name(name) {
                diags.push(Diagnostic::warning(StoreMsg::TempLeft).in_file(&p));
                continue;
            }
            let Some(stem) = name.strip_suffix(".toml") else { continue };
            if stem.starts_with('.') {
                continue;
            }
            if ws.unit_index(stem).is_none() {
                diags.push(Diagnostic::error(StoreMsg::UndeclaredUnit { stem: stem.to_string() }).in_file(&p));
                continue;
            }
            check_sheet_file(ws, kind, stem, &meta, &p, named, diags);
        }
    }
}

/// One unit's submission or appraisal (`meta`: its stat, the link itself for a link): it must
/// be a plain file that parses; a submission's seal must hold and the files it names and
/// attaches must be there.
fn check_sheet_file(ws: &Workspace, kind: SheetKind, unit: &str, meta: &dir::Meta, p: &Path, named: &mut Named, diags: &mut Diagnostics) {
    if meta.is_symlink() || !meta.is_file() {
        named.unreadable = true;
        let msg = if meta.is_symlink() { dir::Refused::Symlink } else { dir::Refused::NotRegular { what: dir::Kind(meta.kind_text()) } };
        diags.push(Diagnostic::error(msg).in_file(p));
        return;
    }
    match read_in(&ws.store, &sheet_rel(unit, kind)) {
        Ok(Some(src)) => {
            let (sheet, d) = Sheet::parse_lenient(src, &ws.scorecard, kind, unit);
            diags.extend(d);
            if kind == SheetKind::Submission {
                named.files.extend(crate::evidence::sheet_files(&sheet).map(str::to_owned));
                check_evidence_files(ws, &sheet, p, diags);
                crate::evidence::check_attached(ws, &sheet, p, diags);
                check_seal(ws, &sheet, p, diags);
            }
        }
        Ok(None) => {}
        Err(e) => {
            if kind == SheetKind::Submission {
                named.unread.insert(unit.to_owned());
            }
            named.unreadable |= e.unreadable;
            diags.extend(e.diagnostics);
        }
    }
}

/// The units (other than `touched`) whose submission may name a file in the evidence folder
/// of one of `touched`: its bytes hold `<unit>/` (ASCII case aside, for folders on
/// case-insensitive disks) or a backslash (an escape could spell the name otherwise). Read,
/// not parsed; a submission that cannot be read, or is not UTF-8, is taken (its check says
/// why).
fn naming_any_of(ws: &Workspace, touched: &[usize]) -> Vec<usize> {
    if touched.is_empty() {
        return Vec::new();
    }
    let needles: Vec<String> = touched.iter().map(|&u| format!("{}/", ws.units[u].id).to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    for (i, u) in ws.units.iter().enumerate() {
        if touched.contains(&i) {
            continue;
        }
        let bytes = match ws.store.read(&sheet_rel(&u.id, SheetKind::Submission)) {
            Ok(Some((b, _))) => b,
            Ok(None) => continue,
            Err(_) => {
                out.push(i);
                continue;
            }
        };
        // The standard library's searches (built optimized, even in a debug build).
        let may = bytes.contains(&b'\\')
            || match String::from_utf8(bytes.to_ascii_lowercase()) {
                Ok(text) => needles.iter().any(|n| text.contains(n.as_str())),
                Err(_) => true,
            };
        if may {
            out.push(i);
        }
    }
    out
}

/// Papers with blanks where the Sở's or a unit's details belong (issue 22): one warning for
/// `[document]`, one for the units (named, the first few).
fn document_gaps(ws: &Workspace, dir: &Path, diags: &mut Diagnostics) {
    let ws_file = dir.join(WORKSPACE_FILE);
    let mut unit_gaps = Vec::new();
    for (unit, keys) in ws.document.missing(ws.units.iter().map(|u| u.id.as_str())) {
        if unit.is_empty() {
            diags.push(Diagnostic::warning(StoreMsg::DocumentKeysMissing { keys: keys.join(", ") }).in_file(&ws_file));
        } else {
            unit_gaps.push((unit, keys));
        }
    }
    if let Some((_, keys)) = unit_gaps.first() {
        let mut names: Vec<String> = unit_gaps.iter().take(5).map(|(u, _)| u.clone()).collect();
        if unit_gaps.len() > 5 {
            names.push(format!("+{}", unit_gaps.len() - 5));
        }
        diags.push(
            Diagnostic::warning(StoreMsg::UnitDocumentKeysMissing { units: names.join(", "), count: unit_gaps.len(), keys: keys.join(", ") })
                .in_file(&ws_file),
        );
    }
}

/// A submitted (or later) submission must still hold what was sealed (and signed) when it was
/// submitted ([`parindex_core::integrity::check`]).
fn check_seal(ws: &Workspace, sheet: &Sheet, path: &Path, diags: &mut Diagnostics) {
    use parindex_core::integrity::{Broken, Integrity};
    let keys = ws.unit_index(&sheet.unit).map_or(&[][..], |i| &ws.units[i].keys);
    let d = match parindex_core::integrity::check(&ws.scorecard, keys, Some(sheet)) {
        // A seal that holds, of version 1 (it covers neither the round nor the time), or made
        // in another round: said, not refused.
        Integrity::Ok if sheet.seal.is_some() && parindex_core::integrity::needs_seal(sheet.status) => match &sheet.round {
            None => Diagnostic::warning(StoreMsg::LegacySeal),
            Some(found) if *found != ws.round_id() => Diagnostic::warning(StoreMsg::OtherRound { found: found.clone(), round: ws.round_id() }),
            Some(_) => return,
        },
        // `check` judges a sheet that loaded: never unreadable.
        Integrity::Ok | Integrity::Unreadable => return,
        Integrity::Broken(Broken::Seal) => {
            Diagnostic::error(StoreMsg::SealChanged { when: parindex_core::say::store::SubmittedAt(sheet.submitted_at.clone()) })
        }
        Integrity::Broken(Broken::NoSeal) => Diagnostic::error(StoreMsg::NoSeal { status: sheet.status.as_str().to_owned() }),
        Integrity::Broken(b) => Diagnostic::error(StoreMsg::Untrusted { why: parindex_core::say::store::BrokenWhy(b) }),
        Integrity::Unsigned => Diagnostic::warning(StoreMsg::Unsigned),
    };
    diags.push(d.in_file(path));
}

fn check_evidence_files(ws: &Workspace, sheet: &Sheet, path: &Path, diags: &mut Diagnostics) {
    for (&i, a) in &sheet.answers {
        for e in &a.evidence {
            if let Some(f) = &e.file
                && e.attached.is_none()
                && !ws.store.stat(&Path::new(EVIDENCE).join(f)).ok().flatten().is_some_and(|m| m.is_file())
            {
                diags.push(
                    Diagnostic::warning(StoreMsg::EvidenceMissing { id: ws.scorecard.nodes[i].id.clone(), file: format!("{EVIDENCE}/{f}") })
                        .in_file(path),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roster_is_read_from_workspace_toml_alone() {
        let text = r#"
title = "Đợt"
scorecard = "khong-co.toml"

[office]
users = ["tuoc", "lan"]

[[unit]]
id = "vp"
name = "Văn phòng"
heads = ["lan", "hoa"]

[[unit]]
id = "ttra"
name = "Thanh tra"
heads = ["hung"]

[[reviewer]]
id = "qlcn"
name = "Phòng QLCN"
users = ["an", "hung"]
criteria = ["9.9.9"]

[[appraiser]]
id = "tc"
name = "Phòng Tài chính"
users = ["thu"]
criteria = ["1.1"]

[[person]]
user = "moi"
"#;
        // The scorecard named is not there, and the criteria are nobody's: not read.
        let r = roster(Path::new(WORKSPACE_FILE), text.as_bytes().to_vec()).unwrap();
        assert_eq!(r, Roster { single_user: false, everyone: ["tuoc", "lan", "hoa", "hung", "an", "thu", "moi"].map(String::from).to_vec() });
        let one = roster(Path::new(WORKSPACE_FILE), format!("single_user = true\n{text}").into_bytes()).unwrap();
        assert!(one.single_user);
        // Errors of workspace.toml itself are errors here too.
        for bad in [&b"title = \"x\"\n[office]\nusers = \"tuoc\"\n"[..], b"title = [", b"\xff\xfe", b"title = \"x\"\nsingle_user = \"yes\"\n"] {
            let e = roster(Path::new(WORKSPACE_FILE), bad.to_vec()).unwrap_err();
            assert!(e.diagnostics.has_errors(), "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
