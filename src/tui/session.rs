//! The dashboard's one door to disk: the workspace, who is at the keyboard, edit locks, the
//! recovery journal, saves, workflow moves, exports, evidence file sizes and watching the
//! round's files for changes made elsewhere. The state ([`super::state`]) never touches a file;
//! it asks the session.
//!
//! Two stores stand behind the session: [`Disk`] (the round's folder, through the core's
//! functions) and [`Memory`] (an in-memory twin for key tests, no folder needed).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use sha2::{Digest as _, Sha256};

use crate::core::answers::{Sheet, SheetKind};
use crate::core::date::Date;
use crate::core::diag::LoadError;
use crate::core::lock::{self, EditLock, Holder, LockOutcome};
use crate::core::recover;
use crate::core::results::{RoundResults, UnitResult};
use crate::core::roles::Identity;
use crate::core::round::ChangeError;
use crate::core::store::cache::Stat;
use crate::core::toml_in::decode_text;
use crate::core::workflow::{self, Move};
use crate::core::workspace::{Workspace, io_failure, sheet_rel};
use crate::export::{ExportFormat, ExportOptions};

/// A digest of a sheet's file as read (`None`: no file).
pub type Digest = Option<[u8; 32]>;

/// The state a dialog was drawn on: the digests of a unit's two sheets (submission, appraisal)
/// as this session last read or wrote them, and how many saves this session had made then.
/// A move confirmed later is checked against it with this session's own later saves taken
/// into account: only a change made elsewhere makes it stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawn {
    digests: [Digest; 2],
    saves: usize,
}

/// The outcome of asking to become the one editor of a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Locked {
    /// This session edits the sheet; `took_over`: a stale holder whose lock was taken over.
    Mine { took_over: Option<Holder> },
    /// Someone else edits it.
    HeldBy(Holder),
    /// The lock could not be taken (a folder we cannot write to).
    Unavailable,
}

/// A file of the round that changed since the session last looked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Changed {
    /// A unit's submission or appraisal.
    Sheet { unit: usize, kind: SheetKind },
    /// The edit lock of a unit's sheet (taken or released).
    Lock { unit: usize, kind: SheetKind },
    /// The reviewer's confirmations of a unit's news register (`reviews/ID.toml`).
    Review { unit: usize },
}

/// Why a move was not made.
#[derive(Debug)]
pub enum MoveError {
    /// The file changed since the figures were drawn: look again.
    Stale,
    Change(ChangeError),
}

/// What a store does; [`Disk`] and [`Memory`] implement it.
#[allow(clippy::too_many_arguments)]
trait Store: std::any::Any {
    fn read(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Result<(Option<Sheet>, Digest), LoadError>;
    fn digest(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Digest;
    fn results(&self, ws: &Workspace) -> Result<RoundResults, LoadError>;
    fn lock(&mut self, ws: &Workspace, unit: usize, kind: SheetKind, user: &str) -> Locked;
    fn unlock(&mut self, unit: usize, kind: SheetKind);
    /// Whether this session's lock of a sheet is still the real one (held, and the lock file
    /// in the round is the one held and names this process).
    fn lock_real(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> bool;
    fn save(&mut self, ws: &Workspace, sheet: &Sheet, kind: SheetKind, user: &str) -> io::Result<()>;
    fn apply_move(
        &mut self,
        ws: &Workspace,
        unit: usize,
        mv: Move,
        who: &Identity,
        today: Date,
        holding: bool,
        signature: Option<crate::core::round::Signed>,
    ) -> Result<Sheet, ChangeError>;
    /// The head takes back the unit's submission ([`Workspace::withdraw`]).
    fn withdraw(&mut self, ws: &Workspace, unit: usize, who: &Identity, today: Date, holding: bool) -> Result<Sheet, ChangeError>;
    /// The head's signature of a submission when the unit lists keys (ssh-keygen, through the
    /// agent or `PARINDEX_SIGNING_KEY`); `None` when it lists none.
    fn sign(&self, ws: &Workspace, unit: usize, sheet: &Sheet) -> Result<Option<crate::core::round::Signed>, crate::text::msg::Msg>;
    fn journal_write(&mut self, ws: &Workspace, sheet: &Sheet, kind: SheetKind) -> io::Result<()>;
    fn journal_find(&mut self, ws: &Workspace, unit: usize, kind: SheetKind, saved: Option<&Sheet>) -> Option<(Sheet, i64)>;
    fn journal_clear(&mut self, ws: &Workspace, unit: usize, kind: SheetKind);
    fn file_size(&self, ws: &Workspace, rel: &str) -> Option<u64>;
    fn export(&self, ws: &Workspace, results: &RoundResults, format: ExportFormat, opts: &ExportOptions, path: &Path) -> io::Result<()>;
    /// Files that changed since the last call (`focus`: the open unit, whose locks matter).
    fn changes(&mut self, ws: &Workspace, focus: Option<usize>, now: Instant) -> Vec<Changed>;
    /// Why the Office last returned the unit (the audit log).
    fn return_reason(&self, ws: &Workspace, unit: usize) -> Option<String>;
    /// Records why the Office returned the unit.
    fn log_return_reason(&mut self, ws: &Workspace, unit: usize, who: &Identity, reason: &str) -> io::Result<()>;
    /// The in-memory twin only: another user writes a sheet.
    fn save_elsewhere(&mut self, _unit: usize, _kind: SheetKind, _sheet: Option<Sheet>) {}
    /// The in-memory twin only: another user takes or frees a lock.
    fn hold_elsewhere(&mut self, _unit: usize, _kind: SheetKind, _holder: Option<Holder>) {}
}

/// The dashboard's session: the workspace, the user, today, and the store behind them.
pub struct Session {
    pub ws: Workspace,
    pub who: Identity,
    /// Today in Vietnam (the deadline is judged on it), as last read from [`Session::clock`].
    pub today: Date,
    /// Where today's date comes from (the system clock; a test injects its own).
    clock: Box<dyn Fn() -> Date + Send>,
    store: Box<dyn Store>,
    /// The digest of each sheet as last read or written by this session.
    seen: HashMap<(usize, SheetKind), Digest>,
    /// The unit open on screen (its locks are watched).
    focus: Option<usize>,
    /// This session's own writes of sheets, in order: `(unit, kind, digest before, after)`.
    own: Vec<(usize, SheetKind, Digest, Digest)>,
    /// Where an export named by a relative path goes: the folder the dashboard was started
    /// in, never the round's (nobody but the program may write there; issue 18).
    pub out_dir: PathBuf,
}

impl Session {
    /// A session on the round's folder, for the OS user at the keyboard.
    pub fn open(ws: Workspace) -> Session {
        let user = crate::core::roles::current_user();
        Session::open_as(ws, &user)
    }

    /// [`Session::open`] for a named user (tests: two appraisers on the same round).
    pub fn open_as(ws: Workspace, user: &str) -> Session {
        let who = Identity::of(&ws, user);
        let store = Disk::new(&ws);
        Session {
            ws,
            who,
            today: crate::core::round::today(),
            clock: Box::new(crate::core::round::today),
            store: Box::new(store),
            seen: HashMap::new(),
            focus: None,
            own: Vec::new(),
            out_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        }
    }

    /// The in-memory twin: the sheets given, no folder touched (user `user`).
    pub fn memory(ws: Workspace, user: &str, sheets: Vec<(usize, SheetKind, Sheet)>) -> Session {
        let who = Identity::of(&ws, user);
        let mem = Memory { sheets: sheets.into_iter().map(|(u, k, s)| ((u, k), s)).collect(), ..Memory::default() };
        Session {
            ws,
            who,
            today: crate::core::round::today(),
            clock: Box::new(crate::core::round::today),
            store: Box::new(mem),
            seen: HashMap::new(),
            focus: None,
            own: Vec::new(),
            out_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        }
    }

    /// Replaces the clock today's date is read from (tests: a day that passes while the
    /// dashboard is open). `today` is read from it at once.
    pub fn set_clock(&mut self, clock: impl Fn() -> Date + Send + 'static) {
        self.clock = Box::new(clock);
        self.today = (self.clock)();
    }

    /// Reads today's date from the clock now (not as it was when the session opened), and
    /// keeps it as `today`.
    pub fn today_now(&mut self) -> Date {
        self.today = (self.clock)();
        self.today
    }

    /// Whether this session's edit lock of a sheet is still the real one: held, the lock file
    /// at its place in the loaded round is the file held (same device and inode), and it
    /// still names this process.
    pub fn lock_is_real(&self, unit: usize, kind: SheetKind) -> bool {
        self.store.lock_real(&self.ws, unit, kind)
    }

    /// Loads a unit's sheet, remembering its digest (the figures as drawn).
    pub fn load_sheet(&mut self, unit: usize, kind: SheetKind) -> Result<Option<Sheet>, LoadError> {
        let (sheet, digest) = self.store.read(&self.ws, unit, kind)?;
        self.seen.insert((unit, kind), digest);
        Ok(sheet)
    }

    /// The news register's default for the unit's appraisal (the items confirmed, as `rank`
    /// scores them), whether or not the Office has an appraisal file yet; it is never written.
    /// A confirmations file that does not load is the unit's load error (it is unreadable).
    pub fn register_default(&self, unit: usize, sub: Option<&Sheet>) -> Result<Option<(usize, crate::core::answers::Input)>, LoadError> {
        let id = &self.ws.units[unit].id;
        if crate::core::register::news_leaf(&self.ws.scorecard).is_none() || !self.ws.has_review(id) {
            return Ok(None);
        }
        Ok(self.ws.with_register_default(id, sub, None)?.and_then(|a| a.register_default))
    }

    /// Reads a unit's sheet as it is on disk now, without taking it as drawn (its digest is
    /// not remembered, so a change elsewhere is still reported by [`Session::changes`]).
    pub fn peek_sheet(&self, unit: usize, kind: SheetKind) -> Result<Option<Sheet>, LoadError> {
        self.store.read(&self.ws, unit, kind).map(|(sheet, _)| sheet)
    }

    /// Every unit's figures.
    pub fn results(&self) -> Result<RoundResults, LoadError> {
        self.store.results(&self.ws)
    }

    /// One unit's figures, read again (after a change elsewhere).
    pub fn unit_result(&self, unit: usize) -> Result<UnitResult, LoadError> {
        let (sub, _) = self.store.read(&self.ws, unit, SheetKind::Submission)?;
        let (appr, _) = self.store.read(&self.ws, unit, SheetKind::Appraisal)?;
        let appr = self.ws.with_register_default(&self.ws.units[unit].id, sub.as_ref(), appr)?;
        Ok(UnitResult::compute(&self.ws.scorecard, &self.ws.units[unit].keys, unit, sub.as_ref(), appr.as_ref()))
    }

    pub fn lock(&mut self, unit: usize, kind: SheetKind) -> Locked {
        let user = self.who.user.clone();
        self.store.lock(&self.ws, unit, kind, &user)
    }

    /// Releases this session's lock of a sheet (when another unit is opened).
    pub fn unlock(&mut self, unit: usize, kind: SheetKind) {
        self.store.unlock(unit, kind);
    }

    /// Saves an edited sheet (logged) and drops its recovery journal.
    pub fn save(&mut self, unit: usize, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
        self.store.save(&self.ws, sheet, kind, &self.who.user)?;
        self.store.journal_clear(&self.ws, unit, kind);
        let d = self.store.digest(&self.ws, unit, kind);
        self.wrote(unit, kind, d);
        Ok(())
    }

    /// Remembers a write of this session's own (a save, a move).
    fn wrote(&mut self, unit: usize, kind: SheetKind, after: Digest) {
        let before = self.seen.insert((unit, kind), after).flatten();
        self.own.push((unit, kind, before, after));
    }

    /// A workflow move, refused with [`MoveError::Stale`] when the unit's files changed since
    /// `drawn` (their digests when the figures were drawn): an optimistic lock.
    /// The head's signature of a submission about to be submitted (`None`: the unit lists no
    /// keys). Made before the move, since ssh-keygen may wait for the agent.
    pub fn sign(&self, unit: usize, sheet: &Sheet) -> Result<Option<crate::core::round::Signed>, crate::text::msg::Msg> {
        self.store.sign(&self.ws, unit, sheet)
    }

    pub fn apply_move(
        &mut self,
        unit: usize,
        mv: Move,
        holding: bool,
        drawn: Drawn,
        signature: Option<crate::core::round::Signed>,
    ) -> Result<Sheet, MoveError> {
        let now = [self.store.digest(&self.ws, unit, SheetKind::Submission), self.store.digest(&self.ws, unit, SheetKind::Appraisal)];
        if now != self.since_drawn(unit, drawn) {
            return Err(MoveError::Stale);
        }
        // Today as it is now: a deadline that passed while the dashboard was open counts.
        let today = self.today_now();
        let sheet = self.store.apply_move(&self.ws, unit, mv, &self.who, today, holding, signature).map_err(MoveError::Change)?;
        let d = self.store.digest(&self.ws, unit, SheetKind::Submission);
        self.wrote(unit, SheetKind::Submission, d);
        Ok(sheet)
    }

    /// Whether this user may object to `criterion` of the unit now (issue 21): the role, the
    /// publication, the date, the unit's status, one objection per criterion.
    pub fn may_object(&self, unit: usize, criterion: &str) -> Result<(), crate::text::msg::Msg> {
        self.who.require(&self.ws, crate::core::workflow::Actor::Head, unit)?;
        let id = &self.ws.units[unit].id;
        // A file that does not load: its first problem (the dashboard words it).
        let load = |e: LoadError| -> crate::text::msg::Msg {
            e.diagnostics.items.into_iter().next().map_or_else(|| crate::core::say::Msg::from("?").into(), |d| d.message.into())
        };
        let publication = self.ws.load_publication().map_err(load)?;
        let status = self.ws.load_sheet(id, SheetKind::Submission).map_err(load)?.map(|s| s.status);
        let objs = self.ws.load_objections(id).map_err(load)?;
        crate::core::objection::may_object(publication.as_ref(), status, self.today, objs.as_ref(), &self.ws.scorecard, criterion)
            .map_err(|m| crate::core::say::Msg::from(m).into())
    }

    /// The head's objection to `criterion`, written and logged ([`Workspace::object`]).
    pub fn object(&mut self, unit: usize, criterion: &str, reason: &str) -> Result<(), ChangeError> {
        let today = self.today_now();
        self.ws.object(unit, &self.who, today, criterion, reason, &[])
    }

    /// The head takes back the unit's submission; refused (stale) when the unit's files changed
    /// since `drawn`, like a move.
    pub fn withdraw(&mut self, unit: usize, holding: bool, drawn: Drawn) -> Result<Sheet, MoveError> {
        let now = [self.store.digest(&self.ws, unit, SheetKind::Submission), self.store.digest(&self.ws, unit, SheetKind::Appraisal)];
        if now != self.since_drawn(unit, drawn) {
            return Err(MoveError::Stale);
        }
        let today = self.today_now();
        let sheet = self.store.withdraw(&self.ws, unit, &self.who, today, holding).map_err(MoveError::Change)?;
        let d = self.store.digest(&self.ws, unit, SheetKind::Submission);
        self.wrote(unit, SheetKind::Submission, d);
        Ok(sheet)
    }

    /// The state of a unit's sheets as this session last read or wrote them (what a dialog
    /// shows is drawn on it).
    pub fn drawn(&self, unit: usize) -> Drawn {
        let get = |k| self.seen.get(&(unit, k)).copied().flatten();
        Drawn { digests: [get(SheetKind::Submission), get(SheetKind::Appraisal)], saves: self.own.len() }
    }

    /// The digests `drawn` would have now if nobody else had changed the unit's sheets: each of
    /// this session's own writes since then, in order, carries a digest from before to after.
    fn since_drawn(&self, unit: usize, drawn: Drawn) -> [Digest; 2] {
        let mut d = drawn.digests;
        for &(u, kind, before, after) in self.own.iter().skip(drawn.saves) {
            let k = usize::from(kind == SheetKind::Appraisal);
            if u == unit && d[k] == before {
                d[k] = after;
            }
        }
        d
    }

    pub fn journal_write(&mut self, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
        self.store.journal_write(&self.ws, sheet, kind)
    }

    pub fn journal_find(&mut self, unit: usize, kind: SheetKind, saved: Option<&Sheet>) -> Option<(Sheet, i64)> {
        self.store.journal_find(&self.ws, unit, kind, saved)
    }

    pub fn journal_clear(&mut self, unit: usize, kind: SheetKind) {
        self.store.journal_clear(&self.ws, unit, kind);
    }

    /// The Office's words when it last returned the unit.
    pub fn return_reason(&self, unit: usize) -> Option<String> {
        self.store.return_reason(&self.ws, unit)
    }

    /// Records the Office's reason for returning the unit (after the move).
    pub fn log_return_reason(&mut self, unit: usize, reason: &str) -> io::Result<()> {
        let who = self.who.clone();
        self.store.log_return_reason(&self.ws, unit, &who, reason)
    }

    /// Sizes of evidence files (relative to the evidence folder); `None`: missing.
    pub fn file_sizes<'a>(&self, rel: impl Iterator<Item = &'a str>) -> HashMap<String, Option<u64>> {
        rel.map(|r| (r.to_owned(), self.store.file_size(&self.ws, r))).collect()
    }

    /// Writes an export; a relative path is taken from the folder the dashboard was started in
    /// ([`Session::out_dir`]).
    pub fn export(&self, results: &RoundResults, format: ExportFormat, opts: &ExportOptions, name: &str) -> io::Result<PathBuf> {
        let p = PathBuf::from(name);
        let path = if p.is_absolute() { p } else { self.out_dir.join(p) };
        self.store.export(&self.ws, results, format, opts, &path)?;
        Ok(path)
    }

    /// Whether an export named `name` (taken from the round's folder when relative) would
    /// replace a file that exists.
    pub fn export_exists(&self, name: &str) -> bool {
        let p = PathBuf::from(name);
        let path = if p.is_absolute() { p } else { self.ws.dir.join(p) };
        std::fs::symlink_metadata(path).is_ok()
    }

    /// Watches the locks of this unit (the one open on screen).
    pub fn focus(&mut self, unit: Option<usize>) {
        self.focus = unit;
    }

    /// Files changed elsewhere since the last call. A sheet this session wrote itself, or whose
    /// content is what it last read, is left out.
    pub fn changes(&mut self) -> Vec<Changed> {
        let raw = self.store.changes(&self.ws, self.focus, Instant::now());
        raw.into_iter()
            .filter(|c| match *c {
                Changed::Sheet { unit, kind } => match self.seen.get(&(unit, kind)) {
                    Some(d) => *d != self.store.digest(&self.ws, unit, kind),
                    None => true,
                },
                Changed::Lock { .. } | Changed::Review { .. } => true,
            })
            .collect()
    }

    /// Test hook for the in-memory twin: another user's change to a sheet.
    pub fn memory_write(&mut self, unit: usize, kind: SheetKind, sheet: Option<Sheet>) {
        self.store.save_elsewhere(unit, kind, sheet);
    }

    /// Test hook for the in-memory twin: another user takes (`Some`) or frees a sheet's lock.
    pub fn memory_hold(&mut self, unit: usize, kind: SheetKind, holder: Option<Holder>) {
        self.store.hold_elsewhere(unit, kind, holder);
    }
}

fn digest_bytes(b: &[u8]) -> [u8; 32] {
    Sha256::digest(b).into()
}

// ---- the round's folder ----

/// A file's identity without reading it: the same keys as the results cache (size, mtime and
/// ctime in ns, inode, device), through the round's open folder (links refused, the round's
/// group raised when installed). `None`: the file does not exist or cannot be reached.
type Stamp = Option<Stat>;

fn stamp(ws: &Workspace, rel: &Path) -> Stamp {
    ws.store.stat(rel).ok().flatten().map(|m| Stat::from(&m))
}

/// How often every watched file is looked at, whatever the file notifications say (network
/// filesystems send none).
const POLL: Duration = Duration::from_millis(700);

struct Disk {
    locks: HashMap<(usize, SheetKind), EditLock>,
    stamps: HashMap<Changed, Stamp>,
    last_poll: Option<Instant>,
    /// File notifications (inotify on Linux): a changed path wakes the session early.
    events: Option<(notify::RecommendedWatcher, mpsc::Receiver<()>)>,
}

impl Disk {
    /// Starts watching before anything is read, so a change made while the round loads is
    /// noticed.
    fn new(ws: &Workspace) -> Disk {
        let events = watch(ws);
        let stamps = Disk::files(ws).map(|c| (c, stamp(ws, &Disk::rel(ws, c)))).collect();
        Disk { locks: HashMap::new(), stamps, last_poll: None, events }
    }

    /// The files every unit has that are watched: both sheets, and the reviewer's
    /// confirmations when the scorecard counts a register (else nothing could confirm).
    fn files(ws: &Workspace) -> impl Iterator<Item = Changed> + '_ {
        let reviews = crate::core::register::news_leaf(&ws.scorecard).is_some();
        (0..ws.units.len()).flat_map(move |unit| {
            [SheetKind::Submission, SheetKind::Appraisal]
                .map(|kind| Changed::Sheet { unit, kind })
                .into_iter()
                .chain(reviews.then_some(Changed::Review { unit }))
        })
    }

    /// A watched file's path inside the round.
    fn rel(ws: &Workspace, c: Changed) -> PathBuf {
        match c {
            Changed::Sheet { unit, kind } => sheet_rel(&ws.units[unit].id, kind),
            Changed::Review { unit } => crate::core::store::review::review_rel(&ws.units[unit].id),
            Changed::Lock { unit, kind } => {
                let p = lock::lock_path(&ws.dir, &ws.units[unit].id, kind);
                p.strip_prefix(&ws.dir).map(Path::to_path_buf).unwrap_or(p)
            }
        }
    }
}

/// Watches the folders of the round's sheets and locks; every event is a nudge to look again.
fn watch(ws: &Workspace) -> Option<(notify::RecommendedWatcher, mpsc::Receiver<()>)> {
    use notify::Watcher;
    let (tx, rx) = mpsc::channel();
    let mut w = notify::recommended_watcher(move |_: notify::Result<notify::Event>| {
        let _ = tx.send(());
    })
    .ok()?;
    let any = Some(ws.submission_path("x"))
        .into_iter()
        .chain(Some(ws.appraisal_path("x")))
        .chain(Some(lock::lock_path(&ws.dir, "x", SheetKind::Submission)))
        .chain(Some(ws.dir.join(crate::core::store::review::review_rel("x"))));
    let mut watching = false;
    for p in any {
        if let Some(dir) = p.parent() {
            watching |= w.watch(dir, notify::RecursiveMode::NonRecursive).is_ok();
        }
    }
    watching.then_some((w, rx))
}

impl Store for Disk {
    fn read(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Result<(Option<Sheet>, Digest), LoadError> {
        // One read through the round's folder: the digest is of exactly the bytes parsed.
        let id = &ws.units[unit].id;
        let rel = sheet_rel(id, kind);
        match ws.store.read(&rel) {
            Ok(Some((bytes, _))) => {
                let d = Some(digest_bytes(&bytes));
                let src = decode_text(&ws.dir.join(&rel), bytes)?;
                Ok((Some(Sheet::parse(src, &ws.scorecard, kind, id)?), d))
            }
            Ok(None) => Ok((None, None)),
            Err(e) => Err(io_failure(&ws.dir.join(&rel), &e)),
        }
    }

    fn digest(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Digest {
        ws.store.read(&sheet_rel(&ws.units[unit].id, kind)).ok().flatten().map(|(b, _)| digest_bytes(&b))
    }

    fn results(&self, ws: &Workspace) -> Result<RoundResults, LoadError> {
        RoundResults::from_disk(ws)
    }

    fn lock(&mut self, ws: &Workspace, unit: usize, kind: SheetKind, user: &str) -> Locked {
        if let Some(l) = self.locks.get(&(unit, kind)) {
            return Locked::Mine { took_over: l.took_over.clone() };
        }
        // An appraiser (issue 21) holds its part's lock, so that appraisers of other parts edit
        // the same unit at the same time; its saves take the unit's lock for a moment.
        let part = appraiser_part(ws, kind, user);
        let taken = match part {
            Some(k) => lock::try_lock_part_in(&ws.store, &ws.units[unit].id, &ws.appraisers[k].id, user),
            None => lock::try_lock_in(&ws.store, &ws.units[unit].id, kind, user),
        };
        match taken {
            Ok(LockOutcome::Acquired(l)) => {
                let took_over = l.took_over.clone();
                self.locks.insert((unit, kind), l);
                Locked::Mine { took_over }
            }
            Ok(LockOutcome::HeldBy(h)) => Locked::HeldBy(h),
            Err(_) => Locked::Unavailable,
        }
    }

    fn unlock(&mut self, unit: usize, kind: SheetKind) {
        self.locks.remove(&(unit, kind));
    }

    fn lock_real(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> bool {
        self.locks.get(&(unit, kind)).is_some_and(|l| l.is_real(&ws.store))
    }

    fn save(&mut self, ws: &Workspace, sheet: &Sheet, kind: SheetKind, user: &str) -> io::Result<()> {
        if appraiser_part(ws, kind, user).is_some()
            && let Some(unit) = ws.unit_index(&sheet.unit)
        {
            // An appraiser's save: its own leaves, merged into the appraisal as it is on disk
            // now (another appraiser may have saved since), under the unit's lock.
            let who = Identity::of(ws, user);
            let owner = ws.owners();
            let mine: Vec<usize> = (0..owner.len()).filter(|&i| ws.may_appraise(&who, &owner, i).is_ok() && owner[i].is_some()).collect();
            return ws
                .save_part(unit, &who, crate::core::round::today(), |s| {
                    for &i in &mine {
                        match sheet.answer(i) {
                            Some(a) => *s.answer_mut(i) = a.clone(),
                            None => {
                                s.answers.remove(&i);
                            }
                        }
                    }
                    s.prune();
                })
                .map(|_| ())
                .map_err(|e| match e {
                    ChangeError::Io(e) => e,
                    other => io::Error::other(other.to_string()),
                });
        }
        ws.save_edit(sheet, kind, user).map(|_| ())
    }

    fn apply_move(
        &mut self,
        ws: &Workspace,
        unit: usize,
        mv: Move,
        who: &Identity,
        today: Date,
        holding: bool,
        signature: Option<crate::core::round::Signed>,
    ) -> Result<Sheet, ChangeError> {
        // The Office's dashboard that finalises may hold the appraisal's lock itself.
        let held = crate::core::round::Holding { submission: holding, appraisal: self.locks.contains_key(&(unit, SheetKind::Appraisal)) };
        ws.apply_move_held(unit, mv, who, today, held, signature)
    }

    fn withdraw(&mut self, ws: &Workspace, unit: usize, who: &Identity, today: Date, holding: bool) -> Result<Sheet, ChangeError> {
        ws.withdraw(unit, who, today, holding)
    }

    fn sign(&self, ws: &Workspace, unit: usize, sheet: &Sheet) -> Result<Option<crate::core::round::Signed>, crate::text::msg::Msg> {
        let key = std::env::var_os("PARINDEX_SIGNING_KEY").map(PathBuf::from);
        crate::core::sign::submission(ws, unit, sheet, key.as_deref()).map_err(|e| e.msg().into())
    }

    fn journal_write(&mut self, ws: &Workspace, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
        recover::write(ws, sheet, kind)
    }

    fn journal_find(&mut self, ws: &Workspace, unit: usize, kind: SheetKind, saved: Option<&Sheet>) -> Option<(Sheet, i64)> {
        recover::find(ws, &ws.units[unit].id, kind, saved)
    }

    fn journal_clear(&mut self, ws: &Workspace, unit: usize, kind: SheetKind) {
        recover::clear(ws, &ws.units[unit].id, kind);
    }

    fn return_reason(&self, ws: &Workspace, unit: usize) -> Option<String> {
        ws.return_reason(unit)
    }

    fn log_return_reason(&mut self, ws: &Workspace, unit: usize, who: &Identity, reason: &str) -> io::Result<()> {
        ws.log_return_reason(unit, who, reason)
    }

    fn file_size(&self, ws: &Workspace, rel: &str) -> Option<u64> {
        // Through the round's folder (links refused, the round's group raised when installed).
        let rel = Path::new(crate::core::workspace::EVIDENCE).join(rel);
        ws.store.stat(&rel).ok().flatten().filter(|m| m.is_file()).map(|m| m.size)
    }

    fn export(&self, ws: &Workspace, results: &RoundResults, format: ExportFormat, opts: &ExportOptions, path: &Path) -> io::Result<()> {
        crate::export::write_file(ws, results, format, opts, path)
    }

    fn changes(&mut self, ws: &Workspace, focus: Option<usize>, now: Instant) -> Vec<Changed> {
        let nudged = self.events.as_ref().is_some_and(|(_, rx)| rx.try_iter().count() > 0);
        let due = self.last_poll.is_none_or(|t| now.duration_since(t) >= POLL);
        if !nudged && !due {
            return Vec::new();
        }
        self.last_poll = Some(now);
        let mut watched: Vec<Changed> = Disk::files(ws).collect();
        if let Some(unit) = focus {
            watched.extend([SheetKind::Submission, SheetKind::Appraisal].map(|kind| Changed::Lock { unit, kind }));
        }
        let mut out = Vec::new();
        for c in watched {
            let s = stamp(ws, &Disk::rel(ws, c));
            if self.stamps.insert(c, s) != Some(s) {
                out.push(c);
            }
        }
        out
    }
}

// ---- the in-memory twin ----

#[derive(Default)]
struct Memory {
    sheets: HashMap<(usize, SheetKind), Sheet>,
    /// Locks held by other users.
    others: HashMap<(usize, SheetKind), Holder>,
    mine: std::collections::HashSet<(usize, SheetKind)>,
    journals: HashMap<(usize, SheetKind), Sheet>,
    reasons: HashMap<usize, String>,
    pending: Vec<Changed>,
}

impl Memory {
    fn bytes(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Option<String> {
        self.sheets.get(&(unit, kind)).map(|s| s.to_toml(&ws.scorecard, kind))
    }
}

impl Store for Memory {
    fn read(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Result<(Option<Sheet>, Digest), LoadError> {
        Ok((self.sheets.get(&(unit, kind)).cloned(), self.digest(ws, unit, kind)))
    }

    fn digest(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Digest {
        self.bytes(ws, unit, kind).map(|b| digest_bytes(b.as_bytes()))
    }

    fn results(&self, ws: &Workspace) -> Result<RoundResults, LoadError> {
        let units = (0..ws.units.len())
            .map(|u| {
                let get = |k| self.sheets.get(&(u, k));
                UnitResult::compute(&ws.scorecard, &ws.units[u].keys, u, get(SheetKind::Submission), get(SheetKind::Appraisal))
            })
            .collect();
        Ok(RoundResults::new(units))
    }

    fn lock(&mut self, _: &Workspace, unit: usize, kind: SheetKind, _: &str) -> Locked {
        match self.others.get(&(unit, kind)) {
            Some(h) => Locked::HeldBy(h.clone()),
            None => {
                self.mine.insert((unit, kind));
                Locked::Mine { took_over: None }
            }
        }
    }

    fn unlock(&mut self, unit: usize, kind: SheetKind) {
        self.mine.remove(&(unit, kind));
    }

    fn lock_real(&self, _: &Workspace, unit: usize, kind: SheetKind) -> bool {
        self.mine.contains(&(unit, kind)) && !self.others.contains_key(&(unit, kind))
    }

    fn save(&mut self, ws: &Workspace, sheet: &Sheet, kind: SheetKind, _: &str) -> io::Result<()> {
        let unit = ws.unit_index(&sheet.unit).ok_or_else(|| io::Error::other("no such unit"))?;
        self.sheets.insert((unit, kind), sheet.clone());
        Ok(())
    }

    fn apply_move(
        &mut self,
        ws: &Workspace,
        unit: usize,
        mv: Move,
        who: &Identity,
        today: Date,
        holding: bool,
        _signature: Option<crate::core::round::Signed>,
    ) -> Result<Sheet, ChangeError> {
        who.require(ws, mv.actor(), unit).map_err(ChangeError::NotAllowed)?;
        if !holding && let Some(h) = self.others.get(&(unit, SheetKind::Submission)) {
            return Err(ChangeError::Busy(h.clone()));
        }
        let old = self.sheets.get(&(unit, SheetKind::Submission)).cloned();
        let st = ws.unit_state(old.as_ref(), today);
        let to = workflow::apply(mv, mv.actor(), &st).map_err(ChangeError::Refused)?;
        let mut sheet = old.unwrap_or_else(|| Sheet::new(&ws.units[unit].id));
        sheet.status = to;
        match mv {
            Move::Submit => sheet.reopened = false,
            Move::Reopen => sheet.reopened = true,
            _ => {}
        }
        self.sheets.insert((unit, SheetKind::Submission), sheet.clone());
        Ok(sheet)
    }

    fn withdraw(&mut self, ws: &Workspace, unit: usize, who: &Identity, today: Date, holding: bool) -> Result<Sheet, ChangeError> {
        who.require(ws, crate::core::workflow::Actor::Head, unit).map_err(ChangeError::NotAllowed)?;
        if !holding && let Some(h) = self.others.get(&(unit, SheetKind::Submission)) {
            return Err(ChangeError::Busy(h.clone()));
        }
        let old = self.sheets.get(&(unit, SheetKind::Submission)).cloned();
        let started = self.sheets.get(&(unit, SheetKind::Appraisal)).is_some_and(|a| a.answers.values().any(|x| !x.is_empty()));
        let to =
            workflow::withdraw(crate::core::workflow::Actor::Head, &ws.unit_state(old.as_ref(), today), started).map_err(ChangeError::Refused)?;
        let mut sheet = old.unwrap_or_else(|| Sheet::new(&ws.units[unit].id));
        sheet.status = to;
        sheet.seal = None;
        sheet.signature = None;
        sheet.submitted_at = None;
        self.sheets.insert((unit, SheetKind::Submission), sheet.clone());
        Ok(sheet)
    }

    fn journal_write(&mut self, ws: &Workspace, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
        let unit = ws.unit_index(&sheet.unit).ok_or_else(|| io::Error::other("no such unit"))?;
        self.journals.insert((unit, kind), sheet.clone());
        Ok(())
    }

    fn journal_find(&mut self, _: &Workspace, unit: usize, kind: SheetKind, saved: Option<&Sheet>) -> Option<(Sheet, i64)> {
        let j = self.journals.get(&(unit, kind))?;
        if saved.is_some_and(|s| s.answers == j.answers) {
            self.journals.remove(&(unit, kind));
            return None;
        }
        Some((j.clone(), 0))
    }

    fn journal_clear(&mut self, _: &Workspace, unit: usize, kind: SheetKind) {
        self.journals.remove(&(unit, kind));
    }

    fn file_size(&self, _: &Workspace, _: &str) -> Option<u64> {
        None
    }

    fn sign(&self, _: &Workspace, _: usize, _: &Sheet) -> Result<Option<crate::core::round::Signed>, crate::text::msg::Msg> {
        Ok(None)
    }

    fn return_reason(&self, _: &Workspace, unit: usize) -> Option<String> {
        self.reasons.get(&unit).cloned()
    }

    fn log_return_reason(&mut self, _: &Workspace, unit: usize, _: &Identity, reason: &str) -> io::Result<()> {
        self.reasons.insert(unit, reason.to_owned());
        Ok(())
    }

    fn export(&self, _: &Workspace, _: &RoundResults, _: ExportFormat, _: &ExportOptions, _: &Path) -> io::Result<()> {
        Ok(())
    }

    fn changes(&mut self, _: &Workspace, _: Option<usize>, _: Instant) -> Vec<Changed> {
        std::mem::take(&mut self.pending)
    }

    fn save_elsewhere(&mut self, unit: usize, kind: SheetKind, sheet: Option<Sheet>) {
        match sheet {
            Some(s) => self.sheets.insert((unit, kind), s),
            None => self.sheets.remove(&(unit, kind)),
        };
        self.pending.push(Changed::Sheet { unit, kind });
    }

    fn hold_elsewhere(&mut self, unit: usize, kind: SheetKind, holder: Option<Holder>) {
        match holder {
            Some(h) => self.others.insert((unit, kind), h),
            None => self.others.remove(&(unit, kind)),
        };
        self.pending.push(Changed::Lock { unit, kind });
    }
}

/// The appraiser this user edits an appraisal as (issue 21): `None` for the Office, for a
/// submission, and in a round without appraisers.
fn appraiser_part(ws: &Workspace, kind: SheetKind, user: &str) -> Option<usize> {
    if kind != SheetKind::Appraisal || ws.single_user || ws.office_users.iter().any(|u| u == user) {
        return None;
    }
    ws.appraiser_roles(user).first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without file notifications (a network filesystem), the poll still sees a change within
    /// a second, and a session's own save is not reported as a change.
    #[test]
    fn a_confirmation_by_the_reviewer_is_seen_as_a_change() {
        let d = tempfile::tempdir().unwrap();
        let ws = crate::demo::write(d.path(), &crate::demo::DemoOptions { units: 8, seed: 2020 }).unwrap();
        let mut s = Session::open(ws.clone());
        if let Some(disk) = (s.store.as_mut() as &mut dyn std::any::Any).downcast_mut::<Disk>() {
            disk.events = None;
        }
        assert!(s.changes().is_empty());
        // A unit whose items the reviewer has marked: one mark taken back, elsewhere.
        let unit = (0..ws.units.len())
            .find(|&u| ws.load_review(&ws.units[u].id).ok().flatten().is_some_and(|r| !r.marks.is_empty()))
            .expect("a reviewed unit");
        let mut review = ws.load_review(&ws.units[unit].id).unwrap().unwrap();
        review.marks.pop();
        assert!(ws.save_review(&review, Vec::new(), "an").unwrap());
        let start = Instant::now();
        let mut seen = Vec::new();
        while seen.is_empty() && start.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(50));
            seen = s.changes();
        }
        assert_eq!(seen, vec![Changed::Review { unit }]);
    }

    #[test]
    fn polling_sees_a_change_made_elsewhere() {
        let d = tempfile::tempdir().unwrap();
        let ws = crate::demo::write(d.path(), &crate::demo::DemoOptions { units: 3, seed: 1 }).unwrap();
        let mut s = Session::open(ws.clone());
        if let Some(disk) = (s.store.as_mut() as &mut dyn std::any::Any).downcast_mut::<Disk>() {
            disk.events = None;
        }
        let sheet = s.load_sheet(1, SheetKind::Submission).unwrap().unwrap();
        assert!(s.changes().is_empty());
        s.save(1, &sheet, SheetKind::Submission).unwrap();
        let mut other = sheet.clone();
        other.reopened = !other.reopened;
        ws.write_logged(&other, SheetKind::Submission, Vec::new(), "other", "edit").unwrap();
        let start = Instant::now();
        let mut seen = Vec::new();
        while seen.is_empty() && start.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(50));
            seen = s.changes();
        }
        assert_eq!(seen, vec![Changed::Sheet { unit: 1, kind: SheetKind::Submission }]);
        assert!(start.elapsed() < Duration::from_secs(1), "{:?}", start.elapsed());
    }
}
