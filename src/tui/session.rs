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
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
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

use super::worker::{Waker, Worker};

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
    /// The round's settings (workspace.toml or the scorecard file) hold other rules than the
    /// ones the dashboard loaded: told once; every later write is refused
    /// ([`Session::settings_changed`]).
    Settings,
}

/// Why a move was not made.
#[derive(Debug)]
pub enum MoveError {
    /// The file changed since the figures were drawn: look again.
    Stale,
    /// The round's settings changed (with a sync, or on disk): reopen the dashboard.
    SettingsChanged,
    Change(ChangeError),
}

/// What a store does; [`Disk`] and [`Memory`] implement it.
#[allow(clippy::too_many_arguments)]
trait Store: std::any::Any + Send {
    fn read(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Result<(Option<Sheet>, Digest), LoadError>;
    fn digest(&self, ws: &Workspace, unit: usize, kind: SheetKind) -> Digest;
    fn results(&self, ws: &Workspace, progress: &AtomicUsize) -> Result<RoundResults, LoadError>;
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
    /// How long until [`Store::changes`] has something to look at again (a notification
    /// wakes the worker before).
    fn next_look(&self, _now: Instant) -> Duration {
        Duration::from_millis(200)
    }
    /// Why the Office last returned the unit (the audit log).
    fn return_reason(&self, ws: &Workspace, unit: usize) -> Option<String>;
    /// Records why the Office returned the unit.
    fn log_return_reason(&mut self, ws: &Workspace, unit: usize, who: &Identity, reason: &str) -> io::Result<()>;
    /// The in-memory twin only: another user writes a sheet.
    fn save_elsewhere(&mut self, _unit: usize, _kind: SheetKind, _sheet: Option<Sheet>) {}
    /// The in-memory twin only: another user takes or frees a lock.
    fn hold_elsewhere(&mut self, _unit: usize, _kind: SheetKind, _holder: Option<Holder>) {}
}

/// The dashboard's session: the workspace, the user, today, and the store behind them. The
/// store lives on the disk worker ([`super::worker`]); the session talks to it by messages.
pub struct Session {
    pub ws: Workspace,
    pub who: Identity,
    /// Today in Vietnam (the deadline is judged on it), as last read from [`Session::clock`].
    pub today: Date,
    /// Where today's date comes from (the system clock; a test injects its own).
    clock: Box<dyn Fn() -> Date + Send>,
    worker: Worker<dyn Store>,
    /// The digest of each sheet as last read or written by this session.
    seen: HashMap<(usize, SheetKind), Digest>,
    /// The unit open on screen (its locks are watched); `usize::MAX`: none. Shared with the
    /// worker's look at the files.
    focus: Arc<AtomicUsize>,
    /// This session's own writes of sheets, in order: `(unit, kind, digest before, after)`.
    own: Vec<(usize, SheetKind, Digest, Digest)>,
    /// Where an export named by a relative path goes: the folder the dashboard was started
    /// in, never the round's (nobody but the program may write there; issue 18).
    pub out_dir: PathBuf,
    /// Saves and watching run in the background (the dashboard in a terminal): a save's
    /// answer and the changes seen come back as messages. Off (tests, benches): every call
    /// waits for its answer.
    background: bool,
    /// Answers of the background: saves done or refused, files changed elsewhere.
    replies: mpsc::Receiver<Reply>,
    reply_tx: mpsc::Sender<Reply>,
    /// Saves sent to the worker and not answered yet.
    saving: usize,
    /// Evidence file sizes as last seen ([`Session::file_sizes`] while a save runs).
    sizes: std::cell::RefCell<HashMap<String, Option<u64>>>,
    /// Changes the worker sent, not yet taken by [`Session::changes`].
    pending: Vec<(Changed, Digest)>,
    /// Answers of saves taken in while looking for changes, for [`Session::saved`].
    unclaimed: Vec<Reply>,
    /// Test hook: run on the worker right before a save writes (after the re-check).
    before_write: Option<Arc<dyn Fn() + Send + Sync>>,
    /// Units loaded so far while the round loads (the progress line).
    pub progress: Arc<AtomicUsize>,
    /// In a git clone of the round: its state with the server.
    pub git: Option<GitSync>,
    /// Evidence files that may end up named by no sheet: written by this session's attaches
    /// (added on the worker, by the job that wrote them), or detached in it. Removed by
    /// [`Session::sweep_evidence`] once nothing names them.
    evidence: Arc<std::sync::Mutex<Loose>>,
    /// Attaches sent and not answered yet.
    attaching: usize,
    /// Test hook: run on an attach's own thread once the file is read and hashed.
    while_attaching: Option<Arc<dyn Fn() + Send + Sync>>,
    /// The round's settings (workspace.toml or the scorecard) changed after `ws` was loaded:
    /// [`MOVED_BY_SYNC`] when a sync brought them in (set by the sync's local phase),
    /// [`MOVED_ON_DISK`] when the worker's file watch saw them change (the Office edited them
    /// in a shared folder, a `git pull` outside the dashboard); 0 while they hold. Set on the
    /// worker, so that every save, move, withdrawal, objection, answer and attach it runs
    /// afterwards is refused (they would be judged by the old rules).
    settings_moved: Arc<AtomicU8>,
}

/// [`Session::settings_moved`]: a sync of the clone brought new settings in.
const MOVED_BY_SYNC: u8 = 1;
/// [`Session::settings_moved`]: the file watch saw the settings change on disk.
const MOVED_ON_DISK: u8 = 2;

/// Sets the settings flag on the worker (the first cause is kept).
fn settings_moved(flag: &AtomicU8, why: u8) {
    let _ = flag.compare_exchange(0, why, Ordering::SeqCst, Ordering::SeqCst);
}

/// Something the worker reads for the screen now and then, and the screen draws as last read
/// ([`Session::polled`]): the value, kept for `K` (a unit, or `()` for the round), with the
/// time it was read. A frame never waits for it in the background: it asks at most once a
/// period, and the worker sends [`Reply::Refreshed`] when what it read is new. The value is
/// handed out by clone: keep `T` cheap to clone (an `Arc` around anything big).
pub struct Polled<K, T> {
    /// What the worker read last (filled on the worker thread).
    slot: Arc<std::sync::Mutex<Option<Landed<K, T>>>>,
    /// The key last asked for and when (not asked again while the answer is on its way).
    asked: std::cell::Cell<Option<(K, Instant)>>,
    /// How long a value stays fresh in the background (a terminal).
    every: Duration,
    /// How long it stays fresh when every call waits for the worker (tests, benches).
    waiting: Duration,
    /// Whether two reads are the same (no need to draw again).
    same: fn(&T, &T) -> bool,
}

/// A value of a [`Polled`] as the worker read it.
struct Landed<K, T> {
    key: K,
    at: Instant,
    /// Forgotten ([`Polled::forget`]): still drawn, but read again when next asked for.
    stale: bool,
    value: T,
}

impl<K: Copy + PartialEq + Send + 'static, T: Clone + Send + 'static> Polled<K, T> {
    /// Fresh for `every` in the background, `waiting` otherwise; `same` tells two reads apart.
    pub fn new(every: Duration, waiting: Duration, same: fn(&T, &T) -> bool) -> Polled<K, T> {
        Polled { slot: Default::default(), asked: std::cell::Cell::new(None), every, waiting, same }
    }

    /// The value for `key` as last read (`None`: not read yet).
    pub fn value(&self, key: K) -> Option<T> {
        self.slot.lock().ok().and_then(|s| s.as_ref().filter(|l| l.key == key).map(|l| l.value.clone()))
    }

    /// Whether the value for `key` should be asked for now: not read within the period (or
    /// forgotten), and not asked for within it either.
    fn due(&self, key: K, every: Duration) -> bool {
        let fresh = |at: Instant| at.elapsed() < every;
        let have = self.slot.lock().ok().is_some_and(|s| s.as_ref().is_some_and(|l| l.key == key && !l.stale && fresh(l.at)));
        let asked = self.asked.get().is_some_and(|(k, at)| k == key && fresh(at));
        !have && !asked
    }

    /// Reads again when next asked for; what was read is still given meanwhile.
    pub fn forget(&self) {
        if let Ok(mut s) = self.slot.lock()
            && let Some(l) = s.as_mut()
        {
            l.stale = true;
        }
        self.asked.set(None);
    }

    /// The job that reads the value for `key` (on the worker) and puts it in the slot, with a
    /// word to draw again when it is new.
    fn job(&self, key: K, read: impl FnOnce(&Workspace) -> T + Send + 'static, tx: mpsc::Sender<Reply>) -> impl FnOnce(&Workspace) + Send + 'static {
        let (slot, same) = (Arc::clone(&self.slot), self.same);
        move |ws| {
            let value = read(ws);
            if let Ok(mut s) = slot.lock() {
                let new = !s.as_ref().is_some_and(|l| l.key == key && same(&l.value, &value));
                *s = Some(Landed { key, at: Instant::now(), stale: false, value });
                drop(s);
                if new {
                    let _ = tx.send(Reply::Refreshed);
                }
            }
        }
    }
}

/// [`Polled`]'s `same` for a read that may fail: a failure is always drawn again.
fn same_ok<T: PartialEq, E>(a: &Result<T, E>, b: &Result<T, E>) -> bool {
    matches!((a, b), (Ok(a), Ok(b)) if a == b)
}

/// The appraisers' progress on one unit as the worker last read it ([`Session::parts`]).
pub type PartsSlot = Polled<usize, Arc<[crate::core::council::PartProgress]>>;

/// The objection stage of one unit as the worker last read it, or the first problem of a file
/// that does not load ([`Session::stage`]).
pub type StageSlot = Polled<usize, Result<Arc<Stage>, crate::text::msg::Msg>>;

/// The round's objections not answered yet as the worker last read them: how many (`None`:
/// nothing published yet, so none can be made), or the first problem of a file that does not
/// load ([`Session::open_objections`]).
pub type OpenSlot = Polled<(), Result<Option<usize>, crate::text::msg::Msg>>;

impl PartsSlot {
    /// Read at most every 2 seconds.
    pub fn parts() -> PartsSlot {
        Polled::new(Duration::from_secs(2), Duration::from_secs(2), |a, b| a == b)
    }
}

impl StageSlot {
    /// Read at most every 2 seconds in the background; each time otherwise.
    pub fn stage() -> StageSlot {
        Polled::new(Duration::from_secs(2), Duration::ZERO, same_ok)
    }
}

impl OpenSlot {
    /// Read at most every 5 seconds in the background (every unit's objections file is read);
    /// each time otherwise.
    pub fn open_objections() -> OpenSlot {
        Polled::new(Duration::from_secs(5), Duration::ZERO, same_ok)
    }
}

/// The first problem of a file that does not load, as the screen says it.
fn first_problem(e: LoadError) -> crate::text::msg::Msg {
    e.diagnostics.items.into_iter().next().map_or_else(|| crate::core::say::Msg::from("?").into(), |d| d.message.into())
}

/// The objection stage as a unit's sheet sees it (issue 21): the round's publication and the
/// unit's objections with their answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stage {
    pub publication: Option<crate::core::objection::Publication>,
    pub objections: Option<crate::core::objection::Objections>,
}

/// An answer of the disk worker, taken by the app on its next tick.
#[derive(Debug)]
pub enum Reply {
    /// A save sent with [`Session::save_in_background`] is done: the sheet as written.
    Saved { unit: usize, kind: SheetKind, sheet: Box<Sheet>, digest: Digest, auto: bool },
    /// A save was not made.
    NotSaved { unit: usize, kind: SheetKind, why: SaveRefused },
    /// Files changed elsewhere (sheets with the digest they have now).
    Changed(Vec<(Changed, Digest)>),
    /// A sync of a git clone is done (issue 20): what it said, or why it stopped; `refused`:
    /// the server's hook refused the push (the changes can be set aside).
    Synced { said: Result<String, String>, refused: bool },
    /// How many of a clone's changes are not on the server yet.
    Pending(Option<usize>),
    /// Something read in the background for the screen (a unit's objection stage, the
    /// appraisers' progress) is in its slot: draw again.
    Refreshed,
    /// A file sent with [`Session::attach`] was read, checked and written (or refused).
    Attached(Box<Attaching>),
}

/// The answer of [`Session::attach`]: the file read, checked and written under evidence/ for
/// a unit's criterion (the evidence item to add to the sheet), or why not.
#[derive(Debug)]
pub struct Attaching {
    pub unit: usize,
    pub criterion: String,
    pub done: Result<crate::attach::Ready, AttachFailed>,
}

/// Evidence files that may end up named by no sheet ([`Session::sweep_evidence`]).
#[derive(Debug, Default)]
struct Loose {
    /// Written by this session's attaches, or detached in it.
    files: std::collections::BTreeSet<String>,
    /// Written by an attach whose answer the screen has not taken yet: a sweep before then
    /// would remove a file the sheet is about to name (only the last sweep, on quitting,
    /// takes them).
    landing: std::collections::BTreeSet<String>,
    /// The last sweep ran (the dashboard is closing): an attach still on its way writes
    /// nothing.
    closed: bool,
}

/// Why a file was not attached.
#[derive(Debug)]
pub enum AttachFailed {
    /// The file was refused (missing, too big, its type, already attached here…).
    Refused(crate::text::msg::attach::AttachMsg),
    /// It could not be written under evidence/.
    Io(io::Error),
}

/// A git clone's state with the server (issue 20).
#[derive(Debug, Default)]
pub struct GitSync {
    /// Changes not on the server yet (`None`: not known yet, or git cannot say).
    pub pending: Option<usize>,
    /// A sync is running (its local phases on the worker, its network ones on a thread of
    /// their own: [`Session::start_sync`]).
    pub running: bool,
    /// When the last sync started (the periodic sync counts from it).
    pub last: Option<Instant>,
}

/// Why a save was not made.
#[derive(Debug)]
pub enum SaveRefused {
    /// This session's lock of the sheet is no longer the real one.
    LockLost,
    /// The workflow no longer allows writing the sheet (judged on disk, right before writing).
    ReadOnly(crate::core::workflow::ReadOnly),
    /// The round's settings (workspace.toml or the scorecard) changed after the dashboard
    /// loaded them (a sync brought them in, or the file watch saw them change): the rules this
    /// save would be judged by are the old ones.
    SettingsChanged,
    Io(io::Error),
}

/// Who is saving, for the re-check right before writing: the actor, and whether this user
/// may act as it for the unit.
#[derive(Clone, Copy, Debug)]
pub struct SaveAs {
    pub actor: crate::core::workflow::Actor,
    pub permitted: bool,
}

const NO_FOCUS: usize = usize::MAX;

impl Session {
    /// A session on the round's folder, for the OS user at the keyboard.
    pub fn open(ws: Workspace) -> Session {
        let user = crate::core::roles::user_in(&ws.dir);
        Session::open_as(ws, &user)
    }

    /// [`Session::open`] for a named user (tests: two appraisers on the same round).
    pub fn open_as(ws: Workspace, user: &str) -> Session {
        let who = Identity::of(&ws, user);
        // The folder is watched, and every file stamped, on the worker: before anything is
        // read (a change made while the round loads is noticed), and off the UI thread.
        let worker = Worker::<dyn Store>::start(ws.clone(), |ws, wake| Box::new(Disk::new(ws, wake)) as Box<dyn Store>);
        let mut s = Session::with(ws, who, worker);
        // A git clone (issue 20): sync is offered, and what waits to be synced is shown.
        s.watch_clone();
        s
    }

    /// The in-memory twin: the sheets given, no folder touched (user `user`).
    pub fn memory(ws: Workspace, user: &str, sheets: Vec<(usize, SheetKind, Sheet)>) -> Session {
        let who = Identity::of(&ws, user);
        let mem = Memory { sheets: sheets.into_iter().map(|(u, k, s)| ((u, k), s)).collect(), ..Memory::default() };
        let worker = Worker::<dyn Store>::start(ws.clone(), move |_, _| Box::new(mem) as Box<dyn Store>);
        Session::with(ws, who, worker)
    }

    fn with(ws: Workspace, who: Identity, worker: Worker<dyn Store>) -> Session {
        let (reply_tx, replies) = mpsc::channel();
        Session {
            ws,
            who,
            today: crate::core::round::today(),
            clock: Box::new(crate::core::round::today),
            worker,
            seen: HashMap::new(),
            focus: Arc::new(AtomicUsize::new(NO_FOCUS)),
            own: Vec::new(),
            out_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            background: false,
            replies,
            reply_tx,
            saving: 0,
            sizes: Default::default(),
            pending: Vec::new(),
            unclaimed: Vec::new(),
            before_write: None,
            progress: Arc::new(AtomicUsize::new(0)),
            git: None,
            evidence: Default::default(),
            attaching: 0,
            while_attaching: None,
            settings_moved: Default::default(),
        }
    }

    /// Marks the session as one on a git clone (the dashboard opened on a clone's folder) and
    /// asks the worker how many changes wait to be synced.
    pub fn watch_clone(&mut self) {
        if crate::core::store::git::is_clone(&self.ws.dir) {
            self.git = Some(GitSync::default());
            self.refresh_pending();
        }
    }

    /// Whether the round is a git clone (sync is offered).
    pub fn is_clone(&self) -> bool {
        self.git.is_some()
    }

    /// Asks the worker to count the changes not yet on the server.
    pub fn refresh_pending(&self) {
        if self.git.is_none() {
            return;
        }
        let tx = self.reply_tx.clone();
        self.worker.post(move |_, ws| {
            let _ = tx.send(Reply::Pending(crate::sync::pending(&ws.dir)));
        });
    }

    /// Starts a sync (commit, fetch, rebase, push): its answer comes as [`Reply::Synced`].
    /// `false` when one is already running, or not a clone. The local phases run on the
    /// worker, between saves (never beside one); the network ones on a short-lived thread of
    /// their own, which posts the next local phase back to the worker ([`sync_local`]): saves
    /// and loads go on while the network is slow.
    pub fn start_sync(&mut self, lang: crate::text::Lang) -> bool {
        let Some(g) = self.git.as_mut() else { return false };
        if g.running {
            return false;
        }
        g.running = true;
        g.last = Some(Instant::now());
        let tx = self.reply_tx.clone();
        let poster = self.worker.poster();
        let moved = Arc::clone(&self.settings_moved);
        self.worker.post(move |_, ws| match crate::sync::RoundTrip::start(ws, None, lang) {
            Ok(trip) => sync_local(trip, crate::sync::Phase::Commit, ws, tx, poster, moved),
            Err(e) => sync_done(ws, &tx, Err(e), false),
        });
        true
    }

    /// Whether the round's settings (workspace.toml or the scorecard) changed since the
    /// dashboard loaded them (a sync brought them in, or the file watch saw them change):
    /// saves, moves, withdrawals, objections, answers and attaches are refused until it is
    /// reopened.
    pub fn settings_changed(&self) -> bool {
        self.settings_moved.load(Ordering::SeqCst) != 0
    }

    /// Whether the settings changed with a sync of the clone (not seen on disk by the watch
    /// first): the words then say so.
    pub fn settings_by_sync(&self) -> bool {
        self.settings_moved.load(Ordering::SeqCst) == MOVED_BY_SYNC
    }

    /// Whether the periodic sync (`[sync] every_minutes`) is due.
    pub fn sync_due(&self, now: Instant) -> bool {
        let (Some(g), Some(m)) = (&self.git, self.ws.sync_every_minutes) else { return false };
        !g.running && g.last.is_none_or(|t| now.duration_since(t) >= std::time::Duration::from_secs(u64::from(m) * 60))
    }

    /// Runs saves and watching in the background (the dashboard in a terminal): the worker
    /// looks at the files between jobs and sends what changed; [`Session::changes`] only
    /// takes what it sent.
    pub fn run_in_background(&mut self) {
        if self.background {
            return;
        }
        self.background = true;
        let focus = Arc::clone(&self.focus);
        let tx = self.reply_tx.clone();
        let moved = Arc::clone(&self.settings_moved);
        self.worker.set_idle(Some(Box::new(move |st: &mut dyn Store, ws: &Workspace| {
            let f = focus.load(Ordering::Relaxed);
            let raw = st.changes(ws, (f != NO_FOCUS).then_some(f), Instant::now());
            // Set here, on the worker: the next job (a save waiting) is judged with it.
            if raw.contains(&Changed::Settings) {
                settings_moved(&moved, MOVED_ON_DISK);
            }
            if !raw.is_empty() {
                let _ = tx.send(Reply::Changed(with_digests(st, ws, raw)));
            }
            st.next_look(Instant::now())
        })));
    }

    /// Whether saves run in the background.
    pub fn in_background(&self) -> bool {
        self.background
    }

    /// Test hook: `f` runs on the worker right before each save writes (after its re-check);
    /// a test holds a save there.
    pub fn before_write(&mut self, f: impl Fn() + Send + Sync + 'static) {
        self.before_write = Some(Arc::new(f));
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
        self.worker.call(move |st, ws| st.lock_real(ws, unit, kind))
    }

    /// Loads a unit's sheet, remembering its digest (the figures as drawn).
    pub fn load_sheet(&mut self, unit: usize, kind: SheetKind) -> Result<Option<Sheet>, LoadError> {
        let (sheet, digest) = self.worker.call(move |st, ws| st.read(ws, unit, kind))?;
        self.seen.insert((unit, kind), digest);
        Ok(sheet)
    }

    /// The news register's default for the unit's appraisal (the items confirmed, as `rank`
    /// scores them), whether or not the Office has an appraisal file yet; it is never written.
    /// A confirmations file that does not load is the unit's load error (it is unreadable).
    /// Read by the worker (the confirmations file is looked at on disk).
    pub fn register_default(&self, unit: usize, sub: Option<&Sheet>) -> Result<Option<(usize, crate::core::answers::Input)>, LoadError> {
        if crate::core::register::news_leaf(&self.ws.scorecard).is_none() {
            return Ok(None);
        }
        let sub = sub.cloned();
        self.worker.call(move |_, ws| {
            let id = &ws.units[unit].id;
            if !ws.has_review(id) {
                return Ok(None);
            }
            Ok(ws.with_register_default(id, sub.as_ref(), None)?.and_then(|a| a.register_default))
        })
    }

    /// The reviewer's confirmations of a unit's news register, read by the worker (`None`:
    /// none, or a file that does not load: the register then shows no marks).
    pub fn load_review(&self, unit: usize) -> Option<crate::core::register::Review> {
        self.worker.call(move |_, ws| ws.load_review(&ws.units[unit].id).ok().flatten())
    }

    /// Reads a unit's sheet as it is on disk now, without taking it as drawn (its digest is
    /// not remembered, so a change elsewhere is still reported by [`Session::changes`]).
    pub fn peek_sheet(&self, unit: usize, kind: SheetKind) -> Result<Option<Sheet>, LoadError> {
        self.worker.call(move |st, ws| st.read(ws, unit, kind)).map(|(sheet, _)| sheet)
    }

    /// Every unit's figures ([`Session::progress`] counts the units as they load).
    pub fn results(&self) -> Result<RoundResults, LoadError> {
        let progress = Arc::clone(&self.progress);
        self.worker.call(move |st, ws| st.results(ws, &progress))
    }

    /// One unit's figures, read again (after a change elsewhere).
    pub fn unit_result(&self, unit: usize) -> Result<UnitResult, LoadError> {
        self.worker.call(move |st, ws| {
            let (sub, _) = st.read(ws, unit, SheetKind::Submission)?;
            let (appr, _) = st.read(ws, unit, SheetKind::Appraisal)?;
            let appr = ws.with_register_default(&ws.units[unit].id, sub.as_ref(), appr)?;
            Ok(UnitResult::compute(&ws.scorecard, &ws.units[unit].keys, unit, sub.as_ref(), appr.as_ref()))
        })
    }

    pub fn lock(&mut self, unit: usize, kind: SheetKind) -> Locked {
        let user = self.who.user.clone();
        self.worker.call(move |st, ws| st.lock(ws, unit, kind, &user))
    }

    /// Releases this session's lock of a sheet (when another unit is opened).
    pub fn unlock(&mut self, unit: usize, kind: SheetKind) {
        self.worker.call(move |st, _| st.unlock(unit, kind))
    }

    /// Saves an edited sheet (logged) and drops its recovery journal.
    pub fn save(&mut self, unit: usize, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
        let (sheet, user) = (sheet.clone(), self.who.user.clone());
        let d = self.worker.call(move |st, ws| save_on(st, ws, unit, &sheet, kind, &user))?;
        self.wrote(unit, kind, d);
        Ok(())
    }

    /// Saves an edited sheet after the re-check right before writing, under its lock: the
    /// lock must still be the real one, and the workflow (judged on the submission as it is on
    /// disk now, and today as it is now) must still allow `who` to write it. In the
    /// background the answer comes later as a [`Reply`] (see [`Session::saved`]); else it is
    /// returned at once.
    pub fn save_checked(&mut self, unit: usize, sheet: &Sheet, kind: SheetKind, who: SaveAs, auto: bool) -> Option<Reply> {
        let today = self.today_now();
        let (sheet, user, hook) = (sheet.clone(), self.who.user.clone(), self.before_write.clone());
        let moved = Arc::clone(&self.settings_moved);
        let job = move |st: &mut dyn Store, ws: &Workspace| -> Reply {
            if moved.load(Ordering::SeqCst) != 0 {
                return Reply::NotSaved { unit, kind, why: SaveRefused::SettingsChanged };
            }
            if !st.lock_real(ws, unit, kind) {
                return Reply::NotSaved { unit, kind, why: SaveRefused::LockLost };
            }
            let sub = match st.read(ws, unit, SheetKind::Submission) {
                Ok((s, _)) => s,
                // A submission that does not load: the write below meets the same error.
                Err(_) => None,
            };
            let state = ws.unit_state(sub.as_ref(), today);
            if let Some(ro) = crate::core::workflow::read_only(who.actor, who.permitted, &state) {
                return Reply::NotSaved { unit, kind, why: SaveRefused::ReadOnly(ro) };
            }
            if let Some(h) = hook {
                h();
            }
            match save_on(st, ws, unit, &sheet, kind, &user) {
                Ok(digest) => Reply::Saved { unit, kind, sheet: Box::new(sheet), digest, auto },
                Err(e) => Reply::NotSaved { unit, kind, why: SaveRefused::Io(e) },
            }
        };
        if self.background {
            self.saving += 1;
            let tx = self.reply_tx.clone();
            self.worker.post(move |st, ws| {
                let _ = tx.send(job(st, ws));
            });
            return None;
        }
        let r = self.worker.call(job);
        if let Reply::Saved { digest, .. } = &r {
            self.wrote(unit, kind, *digest);
        }
        Some(r)
    }

    /// Whether a save sent to the background is not answered yet.
    pub fn is_saving(&self) -> bool {
        self.saving > 0
    }

    /// Waits for the saves in the background to be answered, and returns their answers (a
    /// save on exit, a role switched: what follows needs the disk as it is after them).
    pub fn settle_saves(&mut self) -> Vec<Reply> {
        let mut out = std::mem::take(&mut self.unclaimed);
        while self.saving > 0 {
            match self.replies.recv() {
                Ok(r) => out.extend(self.took(r)),
                Err(_) => break,
            }
        }
        out
    }

    /// The answers of the background that came in since the last look: saves done or
    /// refused; changes are kept for [`Session::changes`].
    pub fn saved(&mut self) -> Vec<Reply> {
        let mut out = std::mem::take(&mut self.unclaimed);
        while let Ok(r) = self.replies.try_recv() {
            out.extend(self.took(r));
        }
        out
    }

    /// Books an answer of the worker: a save's digest is remembered as this session's own
    /// write; changes wait for [`Session::changes`].
    fn took(&mut self, r: Reply) -> Option<Reply> {
        match r {
            Reply::Saved { unit, kind, digest, .. } => {
                self.saving = self.saving.saturating_sub(1);
                self.wrote(unit, kind, digest);
                self.refresh_pending();
                Some(r)
            }
            Reply::NotSaved { .. } => {
                self.saving = self.saving.saturating_sub(1);
                Some(r)
            }
            Reply::Changed(c) => {
                self.pending.extend(c);
                None
            }
            Reply::Synced { .. } => {
                if let Some(g) = self.git.as_mut() {
                    g.running = false;
                }
                Some(r)
            }
            Reply::Pending(n) => {
                if let Some(g) = self.git.as_mut() {
                    g.pending = n;
                }
                // The header shows the count: draw again.
                Some(r)
            }
            Reply::Refreshed => Some(r),
            Reply::Attached(a) => {
                self.attaching = self.attaching.saturating_sub(1);
                self.landed(&a);
                Some(Reply::Attached(a))
            }
        }
    }

    /// Remembers a write of this session's own (a save, a move).
    fn wrote(&mut self, unit: usize, kind: SheetKind, after: Digest) {
        let before = self.seen.insert((unit, kind), after).flatten();
        self.own.push((unit, kind, before, after));
    }

    /// The head's signature of a submission about to be submitted (`None`: the unit lists no
    /// keys). Made before the move, since ssh-keygen may wait for the agent.
    pub fn sign(&self, unit: usize, sheet: &Sheet) -> Result<Option<crate::core::round::Signed>, crate::text::msg::Msg> {
        let sheet = sheet.clone();
        self.worker.call(move |st, ws| st.sign(ws, unit, &sheet))
    }

    /// A workflow move, refused with [`MoveError::Stale`] when the unit's files changed since
    /// `drawn` (their digests when the figures were drawn): an optimistic lock.
    pub fn apply_move(
        &mut self,
        unit: usize,
        mv: Move,
        holding: bool,
        drawn: Drawn,
        signature: Option<crate::core::round::Signed>,
    ) -> Result<Sheet, MoveError> {
        self.settle_saves();
        let expected = self.since_drawn(unit, drawn);
        // Today as it is now: a deadline that passed while the dashboard was open counts.
        let today = self.today_now();
        let who = self.who.clone();
        let moved = Arc::clone(&self.settings_moved);
        let (sheet, d) = self.worker.call(move |st, ws| {
            if moved.load(Ordering::SeqCst) != 0 {
                return Err(MoveError::SettingsChanged);
            }
            let now = [st.digest(ws, unit, SheetKind::Submission), st.digest(ws, unit, SheetKind::Appraisal)];
            if now != expected {
                return Err(MoveError::Stale);
            }
            let sheet = st.apply_move(ws, unit, mv, &who, today, holding, signature).map_err(MoveError::Change)?;
            Ok((sheet, st.digest(ws, unit, SheetKind::Submission)))
        })?;
        self.wrote(unit, SheetKind::Submission, d);
        Ok(sheet)
    }

    /// The value of `slot` for `key` as last read, asking the worker to `read` it again when
    /// it is due ([`Polled`]). In the background the frame does not wait: the worker fills the
    /// slot when it gets to it; else (tests, benches) it is read now.
    pub fn polled<K, T>(&self, slot: &Polled<K, T>, key: K, read: impl FnOnce(&Workspace) -> T + Send + 'static) -> Option<T>
    where
        K: Copy + PartialEq + Send + 'static,
        T: Clone + Send + 'static,
    {
        let every = if self.background { slot.every } else { slot.waiting };
        if slot.due(key, every) {
            slot.asked.set(Some((key, Instant::now())));
            let job = slot.job(key, read, self.reply_tx.clone());
            if self.background {
                self.worker.post(move |_, ws| job(ws));
            } else {
                self.worker.call(move |_, ws| job(ws));
            }
        }
        slot.value(key)
    }

    /// A unit's objection stage (the round's publication, the unit's objections) as last read
    /// ([`Session::polled`]); the default while the worker has not answered yet.
    pub fn stage(&self, slot: &StageSlot, unit: usize) -> Result<Arc<Stage>, crate::text::msg::Msg> {
        let read = move |ws: &Workspace| {
            let stage = || -> Result<Stage, LoadError> {
                Ok(Stage { publication: ws.load_publication()?, objections: ws.load_objections(&ws.units[unit].id)? })
            };
            stage().map(Arc::new).map_err(first_problem)
        };
        self.polled(slot, unit, read).unwrap_or_else(|| Ok(Default::default()))
    }

    /// The round's open objections (as `status` counts them: the store's count of what the
    /// core calls open, nothing before a publication) as last read ([`Session::polled`]);
    /// `Ok(None)` while the worker has not answered yet.
    pub fn open_objections(&self, slot: &OpenSlot) -> Result<Option<usize>, crate::text::msg::Msg> {
        let read = |ws: &Workspace| {
            let open = || -> Result<Option<usize>, LoadError> {
                if ws.load_publication()?.is_none() {
                    return Ok(None);
                }
                Ok(Some(ws.objection_counts()?.0))
            };
            open().map_err(first_problem)
        };
        self.polled(slot, (), read).unwrap_or(Ok(None))
    }

    /// Whether this user may object to `criterion` of the unit now (issue 21): the role, the
    /// publication, the date, the unit's status, one objection per criterion; judged on the
    /// stage as read when the unit was opened (the store judges again when it writes).
    pub fn may_object(
        &self,
        unit: usize,
        status: Option<crate::core::answers::Status>,
        stage: &Stage,
        criterion: &str,
    ) -> Result<(), crate::text::msg::Msg> {
        self.who.require(&self.ws, crate::core::workflow::Actor::Head, unit)?;
        crate::core::objection::may_object(stage.publication.as_ref(), status, self.today, stage.objections.as_ref(), &self.ws.scorecard, criterion)
            .map_err(|m| crate::core::say::Msg::from(m).into())
    }

    /// Whether this user may answer the unit's objection to `criterion` now: the Office, or the
    /// criterion's appraiser; an objection not answered yet, before the result is final.
    pub fn may_answer(&self, status: Option<crate::core::answers::Status>, stage: &Stage, criterion: &str) -> Result<(), crate::text::msg::Msg> {
        if let Err(e) = self.ws.may_answer_as(&self.who, criterion) {
            return Err(match e {
                ChangeError::NotAllowed(m) => m.into(),
                other => crate::core::say::Msg::from(other.to_string()).into(),
            });
        }
        crate::core::objection::may_answer(stage.publication.as_ref(), status, stage.objections.as_ref(), criterion)
            .map(|_| ())
            .map_err(|m| crate::core::say::Msg::from(m).into())
    }

    /// The head's objection to `criterion`, written and logged by the worker ([`Workspace::object`]).
    pub fn object(&mut self, unit: usize, criterion: &str, reason: &str, evidence: Vec<String>) -> Result<(), ChangeError> {
        let today = self.today_now();
        let (who, criterion, reason) = (self.who.clone(), criterion.to_owned(), reason.to_owned());
        let moved = Arc::clone(&self.settings_moved);
        self.worker.call(move |_, ws| {
            refuse_if_moved(&moved)?;
            ws.object(unit, &who, today, &criterion, &reason, &evidence)
        })
    }

    /// The answer to the unit's objection to `criterion`, written and logged by the worker
    /// ([`Workspace::answer_objection`]); accepted, the appraisal changes too.
    /// `holding`: this session holds the unit's appraisal lock (its appraisal is open here,
    /// saved).
    pub fn answer_objection(
        &mut self,
        unit: usize,
        criterion: &str,
        verdict: crate::core::store::objections::Verdict,
        holding: bool,
    ) -> Result<(), ChangeError> {
        self.settle_saves();
        let (who, criterion) = (self.who.clone(), criterion.to_owned());
        // An appraiser's dashboard holds the lock of its part, not the unit's.
        let holding = holding && appraiser_part(&self.ws, SheetKind::Appraisal, &who.user).is_none();
        let moved = Arc::clone(&self.settings_moved);
        self.worker.call(move |_, ws| {
            refuse_if_moved(&moved)?;
            ws.answer_objection_held(unit, &who, &criterion, verdict, holding)
        })
    }

    /// The head takes back the unit's submission; refused (stale) when the unit's files changed
    /// since `drawn`, like a move.
    pub fn withdraw(&mut self, unit: usize, holding: bool, drawn: Drawn) -> Result<Sheet, MoveError> {
        self.settle_saves();
        let expected = self.since_drawn(unit, drawn);
        let today = self.today_now();
        let who = self.who.clone();
        let moved = Arc::clone(&self.settings_moved);
        let (sheet, d) = self.worker.call(move |st, ws| {
            if moved.load(Ordering::SeqCst) != 0 {
                return Err(MoveError::SettingsChanged);
            }
            let now = [st.digest(ws, unit, SheetKind::Submission), st.digest(ws, unit, SheetKind::Appraisal)];
            if now != expected {
                return Err(MoveError::Stale);
            }
            let sheet = st.withdraw(ws, unit, &who, today, holding).map_err(MoveError::Change)?;
            Ok((sheet, st.digest(ws, unit, SheetKind::Submission)))
        })?;
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

    /// Writes the recovery journal of unsaved changes. In the background it is sent without
    /// waiting (`Ok` once sent).
    pub fn journal_write(&mut self, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
        let sheet = sheet.clone();
        if self.background {
            self.worker.post(move |st, ws| {
                let _ = st.journal_write(ws, &sheet, kind);
            });
            return Ok(());
        }
        self.worker.call(move |st, ws| st.journal_write(ws, &sheet, kind))
    }

    pub fn journal_find(&mut self, unit: usize, kind: SheetKind, saved: Option<&Sheet>) -> Option<(Sheet, i64)> {
        let saved = saved.cloned();
        self.worker.call(move |st, ws| st.journal_find(ws, unit, kind, saved.as_ref()))
    }

    pub fn journal_clear(&mut self, unit: usize, kind: SheetKind) {
        self.worker.call(move |st, ws| st.journal_clear(ws, unit, kind))
    }

    /// The Office's words when it last returned the unit.
    pub fn return_reason(&self, unit: usize) -> Option<String> {
        self.worker.call(move |st, ws| st.return_reason(ws, unit))
    }

    /// Records the Office's reason for returning the unit (after the move).
    pub fn log_return_reason(&mut self, unit: usize, reason: &str) -> io::Result<()> {
        let (who, reason) = (self.who.clone(), reason.to_owned());
        self.worker.call(move |st, ws| st.log_return_reason(ws, unit, &who, &reason))
    }

    /// Sizes of evidence files (relative to the evidence folder); `None`: missing. While a
    /// save or an attach runs in the background, the sizes last seen are given (an edit
    /// confirmed then does not wait for it); a name never seen is looked at after it.
    pub fn file_sizes<'a>(&self, rel: impl Iterator<Item = &'a str>) -> HashMap<String, Option<u64>> {
        let names: Vec<String> = rel.map(str::to_owned).collect();
        if names.is_empty() {
            return HashMap::new();
        }
        // An attach writing a big file holds the worker too: an edit made meanwhile does not wait.
        if self.saving > 0 || self.attaching > 0 {
            return names.into_iter().map(|n| (n.clone(), self.sizes.borrow().get(&n).copied().flatten())).collect();
        }
        let got: HashMap<String, Option<u64>> =
            self.worker.call(move |st, ws| names.into_iter().map(|r| (r.clone(), st.file_size(ws, &r))).collect());
        self.sizes.borrow_mut().extend(got.iter().map(|(k, v)| (k.clone(), *v)));
        got
    }

    /// Writes an export; a relative path is taken from the folder the dashboard was started in
    /// ([`Session::out_dir`]).
    pub fn export(&self, results: &RoundResults, format: ExportFormat, opts: &ExportOptions, name: &str) -> io::Result<PathBuf> {
        let p = PathBuf::from(name);
        let path = if p.is_absolute() { p } else { self.out_dir.join(p) };
        let (results, opts, at) = (results.clone(), opts.clone(), path.clone());
        self.worker.call(move |st, ws| st.export(ws, &results, format, &opts, &at))?;
        Ok(path)
    }

    /// Whether an export named `name` (taken from the round's folder when relative) would
    /// replace a file that exists (looked at by the worker).
    pub fn export_exists(&self, name: &str) -> bool {
        let p = PathBuf::from(name);
        let path = if p.is_absolute() { p } else { self.out_dir.join(p) };
        self.worker.call(move |_, _| std::fs::symlink_metadata(path).is_ok())
    }

    /// The appraisers' progress on a unit (empty when it does not load, or while the worker
    /// has not answered yet) as last read ([`Session::polled`]).
    pub fn parts(&self, slot: &PartsSlot, unit: usize) -> Arc<[crate::core::council::PartProgress]> {
        self.polled(slot, unit, move |ws| ws.part_progress(unit).unwrap_or_default().into()).unwrap_or_else(|| Arc::new([]))
    }

    /// Watches the locks of this unit (the one open on screen).
    pub fn focus(&mut self, unit: Option<usize>) {
        self.focus.store(unit.unwrap_or(NO_FOCUS), Ordering::Relaxed);
    }

    /// Files changed elsewhere since the last call. A sheet this session wrote itself, or whose
    /// content is what it last read, is left out. In the background: what the worker sent
    /// (never waits); else the worker looks now.
    pub fn changes(&mut self) -> Vec<Changed> {
        let raw = if self.background {
            self.saved_into_pending();
            std::mem::take(&mut self.pending)
        } else {
            let focus = self.focus.load(Ordering::Relaxed);
            let moved = Arc::clone(&self.settings_moved);
            self.worker.call(move |st, ws| {
                let raw = st.changes(ws, (focus != NO_FOCUS).then_some(focus), Instant::now());
                if raw.contains(&Changed::Settings) {
                    settings_moved(&moved, MOVED_ON_DISK);
                }
                with_digests(st, ws, raw)
            })
        };
        let mut out: Vec<Changed> = Vec::new();
        for (c, now) in raw {
            let keep = match c {
                Changed::Sheet { unit, kind } => self.seen.get(&(unit, kind)).is_none_or(|d| *d != now),
                Changed::Lock { .. } | Changed::Review { .. } | Changed::Settings => true,
            };
            if keep && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Takes the worker's answers in, keeping save answers for [`Session::saved`].
    fn saved_into_pending(&mut self) {
        while let Ok(r) = self.replies.try_recv() {
            if let Some(r) = self.took(r) {
                self.unclaimed.push(r);
            }
        }
    }

    /// Attaches the file at `path` to `criterion` of `unit`'s sheet: read and checked
    /// ([`crate::attach::prepare`], up to the round's size limit, hashed) and refused when
    /// `answer` (the criterion's answer as it stands) has it already, then written under
    /// evidence/ through the store on the worker. In the background the reading and hashing
    /// run on a short-lived thread of their own (saves and loads do not wait behind a big
    /// file), which hands the write to the worker as [`Session::start_sync`]'s network thread
    /// does; the answer comes later as [`Reply::Attached`]. Else it is returned at once. A file
    /// written is remembered for [`Session::sweep_evidence`].
    pub fn attach(&mut self, unit: usize, criterion: &str, path: PathBuf, answer: crate::core::answers::Answer, comma: bool) -> Option<Reply> {
        let (id, max) = (self.ws.units[unit].id.clone(), self.ws.evidence_max_bytes());
        let (criterion, written, hook) = (criterion.to_owned(), Arc::clone(&self.evidence), self.while_attaching.clone());
        let moved = Arc::clone(&self.settings_moved);
        let (asked, on_fail) = (criterion.clone(), criterion.clone());
        let read = move || -> Result<crate::attach::Prepared, AttachFailed> {
            let p = crate::attach::prepare_within(max, &id, &path, crate::attach::Cite::default(), comma)
                .and_then(|p| {
                    crate::attach::add_to(&mut answer.clone(), &p, &asked)?;
                    Ok(p)
                })
                .map_err(AttachFailed::Refused);
            if let Some(h) = hook {
                h();
            }
            p
        };
        let answer = move |done| Reply::Attached(Box::new(Attaching { unit, criterion, done }));
        if self.background {
            self.attaching += 1;
            let (tx, poster, failed) = (self.reply_tx.clone(), self.worker.poster(), self.reply_tx.clone());
            let spawned = std::thread::Builder::new().name("parindex-attach".into()).spawn(move || match read() {
                Err(e) => {
                    let _ = tx.send(answer(Err(e)));
                }
                // The worker gone (the session ended): the job is dropped unrun, nothing written.
                Ok(p) => {
                    poster.post(move |_, ws| {
                        let _ = tx.send(answer(write_evidence(ws, p, &written, &moved)));
                    });
                }
            });
            if let Err(e) = spawned {
                let _ = failed.send(Reply::Attached(Box::new(Attaching { unit, criterion: on_fail, done: Err(AttachFailed::Io(e)) })));
            }
            return None;
        }
        let done = read().and_then(|p| self.worker.call(move |_, ws| write_evidence(ws, p, &written, &moved)));
        let r = answer(done);
        if let Reply::Attached(a) = &r {
            self.landed(a);
        }
        Some(r)
    }

    /// Test hook: `f` runs on an attach's own thread once the file is read, checked and
    /// hashed, before its write is handed to the worker; a test holds an attach there.
    pub fn while_attaching(&mut self, f: impl Fn() + Send + Sync + 'static) {
        self.while_attaching = Some(Arc::new(f));
    }

    /// An attach's answer is taken by the screen now (added to the sheet, or dropped: then a
    /// later sweep may take the file).
    fn landed(&self, a: &Attaching) {
        if let (Ok(ready), Ok(mut w)) = (&a.done, self.evidence.lock())
            && let Some(f) = &ready.evidence.file
        {
            w.landing.remove(f);
        }
    }

    /// Whether an attach sent to the background is not answered yet.
    pub fn is_attaching(&self) -> bool {
        self.attaching > 0
    }

    /// Remembers an evidence file an edit of this session stopped naming (a detached item):
    /// [`Session::sweep_evidence`] removes it if no saved sheet names it.
    pub fn evidence_dropped(&self, file: &str) {
        if let Ok(mut w) = self.evidence.lock() {
            w.files.insert(file.to_owned());
        }
    }

    /// Removes, on the worker, the evidence files this session wrote or detached that nothing
    /// can name any more: not `keep` (what the screen may still save or bring back: the open
    /// sheet, its undo history), not any saved submission of the round, not the unit's
    /// recovery journal. A file any of them names stays (and stays remembered: a later edit
    /// may drop it). Jobs run in order, so saves and attaches sent before are done first.
    ///
    /// `last`: the dashboard is closing, so a file written by an attach whose answer was never
    /// taken goes too; otherwise such a file is left for later.
    pub fn sweep_evidence(&self, keep: std::collections::HashSet<String>, last: bool) {
        let set = Arc::clone(&self.evidence);
        let job = move |st: &mut dyn Store, ws: &Workspace| {
            let Ok(mut guard) = set.lock() else { return };
            let Loose { files, landing, closed } = &mut *guard;
            if last {
                landing.clear();
                *closed = true;
            }
            files.retain(|file| {
                // The cheap answers first: what the screen keeps, an attach still landing.
                if keep.contains(file) || landing.contains(file) {
                    return true;
                }
                // The unit's own submission as saved, then its journal of unsaved changes (quit
                // without saving keeps them, to be offered back): a file either names stays.
                let unit = file.split('/').next().and_then(|id| ws.unit_index(id));
                if let Some(unit) = unit
                    && let Ok((saved, _)) = st.read(ws, unit, SheetKind::Submission)
                {
                    if saved.as_ref().is_some_and(|s| crate::attach::files_of(s).any(|f| f == file)) {
                        return true;
                    }
                    if let Some((j, _)) = st.journal_find(ws, unit, SheetKind::Submission, saved.as_ref())
                        && crate::attach::files_of(&j).any(|f| f == file)
                    {
                        return true;
                    }
                }
                // Any other submission of the round (one that does not load counts as naming it).
                if ws.evidence_named(file) {
                    return true;
                }
                // Removed, or gone already: forgotten either way (a failure is left to
                // `parindex check`, which names files nothing refers to).
                let _ = ws.remove_evidence(file);
                false
            });
        };
        if self.background {
            self.worker.post(job);
        } else {
            self.worker.call(job);
        }
    }

    /// Test hook for the in-memory twin: another user's change to a sheet.
    pub fn memory_write(&mut self, unit: usize, kind: SheetKind, sheet: Option<Sheet>) {
        self.worker.call(move |st, _| st.save_elsewhere(unit, kind, sheet));
    }

    /// Test hook for the in-memory twin: another user takes (`Some`) or frees a sheet's lock.
    pub fn memory_hold(&mut self, unit: usize, kind: SheetKind, holder: Option<Holder>) {
        self.worker.call(move |st, _| st.hold_elsewhere(unit, kind, holder));
    }
}

/// An objection or an answer refused on the worker once the round's settings changed.
fn refuse_if_moved(moved: &AtomicU8) -> Result<(), ChangeError> {
    if moved.load(Ordering::SeqCst) != 0 {
        return Err(ChangeError::NotAllowed(crate::core::say::store::StoreMsg::SettingsChanged.into()));
    }
    Ok(())
}

/// Saves on the store, drops the journal, and gives the digest of what was written.
fn save_on(st: &mut dyn Store, ws: &Workspace, unit: usize, sheet: &Sheet, kind: SheetKind, user: &str) -> io::Result<Digest> {
    st.save(ws, sheet, kind, user)?;
    st.journal_clear(ws, unit, kind);
    Ok(st.digest(ws, unit, kind))
}

/// Writes an attached file under evidence/ through the store, on the worker, and remembers it
/// as written by this session and landing ([`Session::sweep_evidence`]). Not once the last
/// sweep ran (the dashboard is closing): nothing would ever name it.
fn write_evidence(
    ws: &Workspace,
    p: crate::attach::Prepared,
    written: &std::sync::Mutex<Loose>,
    moved: &AtomicU8,
) -> Result<crate::attach::Ready, AttachFailed> {
    // Judged on the worker: the settings (the evidence limit, the scorecard) may have moved.
    if moved.load(Ordering::SeqCst) != 0 {
        return Err(AttachFailed::Refused(crate::text::msg::attach::AttachMsg::SettingsChanged));
    }
    if written.lock().is_ok_and(|w| w.closed) {
        return Err(AttachFailed::Io(io::Error::other("the dashboard is closing")));
    }
    match ws.put_evidence(&p.stored, &p.bytes) {
        Ok(wrote) => {
            if wrote && let Ok(mut w) = written.lock() {
                w.files.insert(p.stored.clone());
                w.landing.insert(p.stored.clone());
            }
            Ok(p.ready())
        }
        Err(e) => Err(AttachFailed::Io(e)),
    }
}

/// The end of a sync, on the worker: its answer, then what still waits to be synced.
fn sync_done(ws: &Workspace, tx: &mpsc::Sender<Reply>, said: Result<String, String>, refused: bool) {
    let _ = tx.send(Reply::Synced { said, refused });
    let _ = tx.send(Reply::Pending(crate::sync::pending(&ws.dir)));
}

/// Runs a local phase of a sync on the worker, then the network phases that follow on the
/// thread `parindex-git`, which posts the next local phase back here (or the end). That thread
/// holds only senders: a dashboard closed meanwhile is not held up by it (the worker stops;
/// what the thread posts later is dropped; a git command it runs still ends within git's time
/// limit).
fn sync_local(
    mut trip: crate::sync::RoundTrip,
    phase: crate::sync::Phase,
    ws: &Workspace,
    tx: mpsc::Sender<Reply>,
    poster: super::worker::Poster<dyn Store>,
    moved: Arc<AtomicU8>,
) {
    let done = trip.local(ws, phase);
    // Set here, on the worker: the saves it runs after this phase see it. Received by this
    // sync, or by another way since the dashboard opened (looked at once the rebase is done).
    if trip.settings_changed() || (phase == crate::sync::Phase::Integrate && crate::sync::settings_differ(ws)) {
        settings_moved(&moved, MOVED_BY_SYNC);
    }
    let net = match done {
        Ok(Some(next)) => next,
        Ok(None) => return sync_done(ws, &tx, Ok(trip.said()), false),
        Err(e) => return sync_done(ws, &tx, Err(e), trip.refused()),
    };
    let lang = trip.lang();
    let on_fail = tx.clone();
    let spawned = std::thread::Builder::new().name("parindex-git".into()).spawn(move || {
        let mut phase = net;
        let end = loop {
            match trip.network(phase) {
                Ok(Some(next)) if next.is_local() => {
                    let back = poster.clone();
                    poster.post(move |_, ws| sync_local(trip, next, ws, tx, back, moved));
                    return;
                }
                Ok(Some(next)) => phase = next,
                Ok(None) => break Ok(trip.said()),
                Err(e) => break Err(e),
            }
        };
        let refused = trip.refused();
        poster.post(move |_, ws| sync_done(ws, &tx, end, refused));
    });
    if let Err(e) = spawned {
        use crate::text::msg::Message as _;
        let why = crate::text::msg::git::GitWord::GitFailed { what: "fetch".into(), why: e.to_string() };
        sync_done(ws, &on_fail, Err(why.render(lang)), false);
    }
}

/// Changes with the digest each changed sheet has now (locks and confirmations: none).
fn with_digests(st: &dyn Store, ws: &Workspace, raw: Vec<Changed>) -> Vec<(Changed, Digest)> {
    raw.into_iter()
        .map(|c| match c {
            Changed::Sheet { unit, kind } => (c, st.digest(ws, unit, kind)),
            _ => (c, None),
        })
        .collect()
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

/// How often the locks of the unit open on screen are looked at without file notifications.
const POLL: Duration = Duration::from_millis(700);

/// How often every watched file is looked at, at least: without file notifications (a network
/// filesystem sends none), and, much more rarely, with them (a safety net). The poll of a large
/// round is slower still: its cost grows with the files.
const POLL_ALL: Duration = Duration::from_millis(1500);
const POLL_SAFETY: Duration = Duration::from_secs(30);

/// A folder's stamp younger than this may hide a file created in the same tick of a coarse
/// clock: its absent files are looked at anyway (as the cache's racy margin).
const RACY: Duration = Duration::from_secs(3);

/// The folders the watched files live in (relative to the round).
const FOLDERS: [&str; 3] = [crate::core::workspace::SUBMISSIONS, crate::core::workspace::APPRAISALS, crate::core::register::REVIEWS];

struct Disk {
    locks: HashMap<(usize, SheetKind), EditLock>,
    stamps: HashMap<Changed, Stamp>,
    /// Each watched folder's own stamp as last seen: the files in it that do not exist are
    /// looked at only when it changed (an entry added changes its mtime), never one by one
    /// on every poll.
    folders: HashMap<&'static str, (Stamp, Instant)>,
    last_poll: Option<Instant>,
    last_locks: Option<Instant>,
    /// File notifications (inotify on Linux): the paths that changed (`None`: the kernel
    /// dropped events, look at everything).
    events: Option<(notify::RecommendedWatcher, mpsc::Receiver<Option<PathBuf>>)>,
    /// Units by id (a notification names a file).
    ids: HashMap<String, usize>,
    /// The full poll's period (slower with notifications, and for large rounds).
    every: Duration,
    /// Whether every watched file has its first stamp.
    stamped: bool,
    /// The round's settings files (workspace.toml, the scorecard) as last seen.
    settings: Vec<Setting>,
    /// The settings were told changed ([`Changed::Settings`], once).
    settings_told: bool,
}

/// One settings file as last seen: its stamp, and the digest of its bytes (read again only
/// when the stamp changes: a touch reads it, but changes nothing).
struct Setting {
    rel: PathBuf,
    stamp: Stamp,
    digest: Digest,
}

impl Setting {
    fn new(ws: &Workspace, rel: PathBuf) -> Setting {
        let stamp = stamp(ws, &rel);
        let digest = file_digest(ws, &rel);
        Setting { rel, stamp, digest }
    }
}

/// The digest of a file's bytes (`None`: missing or unreadable).
fn file_digest(ws: &Workspace, rel: &Path) -> Digest {
    ws.store.read(rel).ok().flatten().map(|(b, _)| digest_bytes(&b))
}

impl Disk {
    /// Starts watching before anything is read, so a change made while the round loads is
    /// noticed.
    fn new(ws: &Workspace, wake: Waker) -> Disk {
        let events = watch(ws, wake);
        let now = Instant::now();
        let ids = ws.units.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect();
        let mut d = Disk {
            locks: HashMap::new(),
            stamps: Disk::files(ws).map(|c| (c, None)).collect(),
            folders: HashMap::new(),
            last_poll: Some(now),
            last_locks: None,
            events,
            ids,
            every: POLL_ALL,
            stamped: false,
            settings: Disk::setting_files(ws).into_iter().map(|rel| Setting::new(ws, rel)).collect(),
            settings_told: false,
        };
        // Without notifications every file is stamped now, each folder opened once (no folder
        // seen yet: every file is looked at). With them, later, on the worker's first look
        // (after the round has loaded: the first frame does not wait for it); a file named by
        // a notification before then is reported as changed.
        if d.events.is_none() {
            d.poll(ws, now, &mut Vec::new());
            d.stamped = true;
        }
        // About 2 µs a stat (an estimate, on a local disk): without notifications the full
        // poll takes at most about 1 % of a core (every 6 s at 10,000 units, whose ~30,000
        // files are 60 ms), and with them nearly nothing (every 5 min at 10,000 units).
        let cost = Duration::from_micros(2) * u32::try_from(d.stamps.len()).unwrap_or(u32::MAX);
        d.every = if d.events.is_some() { POLL_SAFETY.max(cost * 5000) } else { POLL_ALL.max(cost * 100) };
        d
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

    /// The round's settings files inside the round: workspace.toml and the scorecard.
    fn setting_files(ws: &Workspace) -> [PathBuf; 2] {
        [PathBuf::from(crate::core::workspace::WORKSPACE_FILE), PathBuf::from(&ws.scorecard_file)]
    }

    /// Looks at the settings files (two stats; a file's bytes are read only when its stat
    /// changed): whether the settings now hold other rules than the loaded ones. A file whose
    /// bytes changed is judged by loading the round's settings again and comparing them with
    /// the loaded ones ([`crate::sync::settings_differ`]: a settings file that no longer loads
    /// counts as changed); bytes that say the same (a comment) change nothing.
    fn settings_look(&mut self, ws: &Workspace) -> bool {
        if self.settings_told {
            return false;
        }
        let mut bytes_moved = false;
        for f in &mut self.settings {
            let s = stamp(ws, &f.rel);
            if s == f.stamp {
                continue;
            }
            f.stamp = s;
            let d = file_digest(ws, &f.rel);
            bytes_moved |= d != f.digest;
            f.digest = d;
        }
        if bytes_moved && crate::sync::settings_differ(ws) {
            self.settings_told = true;
            return true;
        }
        false
    }

    /// A watched file's path inside the round.
    fn rel(ws: &Workspace, c: Changed) -> PathBuf {
        match c {
            Changed::Settings => PathBuf::from(crate::core::workspace::WORKSPACE_FILE),
            Changed::Sheet { unit, kind } => sheet_rel(&ws.units[unit].id, kind),
            Changed::Review { unit } => crate::core::store::review::review_rel(&ws.units[unit].id),
            Changed::Lock { unit, kind } => {
                let p = lock::lock_path(&ws.dir, &ws.units[unit].id, kind);
                p.strip_prefix(&ws.dir).map(Path::to_path_buf).unwrap_or(p)
            }
        }
    }

    /// The watched file a notification names (`None`: another file, e.g. a temporary one).
    fn named(&self, ws: &Workspace, p: &Path, focus: Option<usize>) -> Option<Changed> {
        let rel = p.strip_prefix(&ws.dir).ok()?;
        if let Some(unit) = focus {
            for kind in [SheetKind::Submission, SheetKind::Appraisal] {
                let c = Changed::Lock { unit, kind };
                if Disk::rel(ws, c) == rel {
                    return Some(c);
                }
            }
        }
        let folder = rel.parent()?.to_str()?;
        let id = rel.file_name()?.to_str()?.strip_suffix(".toml")?;
        let unit = *self.ids.get(id)?;
        let c = match folder {
            f if f == crate::core::workspace::SUBMISSIONS => Changed::Sheet { unit, kind: SheetKind::Submission },
            f if f == crate::core::workspace::APPRAISALS => Changed::Sheet { unit, kind: SheetKind::Appraisal },
            f if f == crate::core::register::REVIEWS => Changed::Review { unit },
            _ => return None,
        };
        self.stamps.contains_key(&c).then_some(c)
    }

    /// Looks at one file again: whether it changed since last seen.
    fn look(&mut self, ws: &Workspace, c: Changed) -> bool {
        let s = stamp(ws, &Disk::rel(ws, c));
        self.stamps.insert(c, s) != Some(s)
    }

    /// Every watched file, on the cache's keys, each folder opened once: a file that exists
    /// is stat'ed; the ones that do not are looked at only when their folder changed.
    fn poll(&mut self, ws: &Workspace, now: Instant, out: &mut Vec<Changed>) {
        let mut fresh: HashMap<&'static str, bool> = HashMap::new();
        for f in FOLDERS {
            let s = stamp(ws, Path::new(f));
            let Some(&(was, at)) = self.folders.get(f) else {
                self.folders.insert(f, (s, now));
                fresh.insert(f, true);
                continue;
            };
            // Changed, or too young to be trusted on a coarse clock.
            let young = s.is_some_and(|s| {
                let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128);
                s.mtime_ns.max(s.ctime_ns) + RACY.as_nanos() as i128 > secs
            });
            fresh.insert(f, was != s || young || now.duration_since(at) < RACY);
            if was != s {
                self.folders.insert(f, (s, now));
            }
        }
        let dirs: HashMap<&'static str, Option<crate::core::store::dir::Dir>> =
            FOLDERS.iter().map(|&f| (f, ws.store.sub(Path::new(f), false).ok().flatten())).collect();
        let keys: Vec<Changed> = self.stamps.keys().copied().filter(|c| !matches!(c, Changed::Lock { .. })).collect();
        for c in keys {
            let (folder, unit) = match c {
                Changed::Sheet { unit, kind: SheetKind::Submission } => (crate::core::workspace::SUBMISSIONS, unit),
                Changed::Sheet { unit, kind: SheetKind::Appraisal } => (crate::core::workspace::APPRAISALS, unit),
                Changed::Review { unit } => (crate::core::register::REVIEWS, unit),
                Changed::Lock { .. } | Changed::Settings => continue,
            };
            let was = self.stamps.get(&c).copied().flatten();
            if was.is_none() && !fresh.get(folder).copied().unwrap_or(true) {
                continue;
            }
            let name = format!("{}.toml", ws.units[unit].id);
            let s = match dirs.get(folder) {
                Some(Some(d)) => d.stat_name(name.as_ref()).ok().flatten().map(|m| Stat::from(&m)),
                _ => None,
            };
            if self.stamps.insert(c, s) != Some(s) {
                out.push(c);
            }
        }
    }
}

/// Watches the folders of the round's sheets and locks; each notification names a path, and
/// wakes the worker.
fn watch(ws: &Workspace, wake: Waker) -> Option<(notify::RecommendedWatcher, mpsc::Receiver<Option<PathBuf>>)> {
    use notify::Watcher;
    let (tx, rx) = mpsc::channel();
    let mut w = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        match ev {
            Ok(ev) if !ev.need_rescan() => {
                for p in ev.paths {
                    let _ = tx.send(Some(p));
                }
            }
            _ => {
                let _ = tx.send(None);
            }
        }
        wake();
    })
    .ok()?;
    let any = Some(ws.submission_path("x"))
        .into_iter()
        .chain(Some(ws.appraisal_path("x")))
        .chain(Some(lock::lock_path(&ws.dir, "x", SheetKind::Submission)))
        .chain(Some(ws.dir.join(crate::core::store::review::review_rel("x"))))
        // The settings: workspace.toml (in the round's folder) and the scorecard's folder.
        .chain(Some(ws.dir.join(crate::core::workspace::WORKSPACE_FILE)))
        .chain(Some(ws.dir.join(&ws.scorecard_file)));
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

    fn results(&self, ws: &Workspace, progress: &AtomicUsize) -> Result<RoundResults, LoadError> {
        RoundResults::from_disk_counting(ws, progress)
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
        let mut out = Vec::new();
        let mut rescan = false;
        // What the notifications name: exactly those files are looked at.
        let named: Vec<Option<PathBuf>> = self.events.as_ref().map(|(_, rx)| rx.try_iter().collect()).unwrap_or_default();
        // The settings: two stats at every look (a notification or a poll), the first too
        // (they were first seen when the worker started, right after the round loaded).
        if self.settings_look(ws) {
            out.push(Changed::Settings);
        }
        if !self.stamped {
            // The first look: every file is stamped; what was notified meanwhile (changed
            // while the round loaded) is reported as it is.
            self.poll(ws, now, &mut Vec::new());
            self.stamped = true;
            self.last_poll = Some(now);
            for p in named.into_iter().flatten() {
                if let Some(c) = self.named(ws, &p, focus)
                    && !out.contains(&c)
                {
                    out.push(c);
                }
            }
            return out;
        }
        for p in named {
            let Some(p) = p else {
                // The kernel dropped notifications: look at everything.
                rescan = true;
                continue;
            };
            if let Some(c) = self.named(ws, &p, focus)
                && self.look(ws, c)
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
        let locks = |d: &mut Disk, out: &mut Vec<Changed>| {
            if let Some(unit) = focus {
                for kind in [SheetKind::Submission, SheetKind::Appraisal] {
                    let c = Changed::Lock { unit, kind };
                    if d.look(ws, c) && !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
        };
        // Without notifications, the open unit's two lock files are looked at often.
        if self.events.is_none() && self.last_locks.is_none_or(|t| now.duration_since(t) >= POLL) {
            self.last_locks = Some(now);
            locks(self, &mut out);
        }
        let due = self.last_poll.is_none_or(|t| now.duration_since(t) >= self.every);
        if due || rescan {
            self.last_poll = Some(now);
            self.poll(ws, now, &mut out);
            locks(self, &mut out);
        }
        out
    }

    fn next_look(&self, now: Instant) -> Duration {
        let all = self.last_poll.map_or(Duration::ZERO, |t| (t + self.every).saturating_duration_since(now));
        if self.events.is_none() { all.min(POLL) } else { all }
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

    fn results(&self, ws: &Workspace, _: &AtomicUsize) -> Result<RoundResults, LoadError> {
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

    /// No file notifications (a network filesystem), and the poll due on every look.
    fn polling_only(s: &Session) {
        s.worker.call(|st, _| {
            if let Some(disk) = (st as &mut dyn std::any::Any).downcast_mut::<Disk>() {
                disk.events = None;
                disk.every = Duration::ZERO;
            }
        });
    }

    /// Without file notifications, the poll sees a reviewer's confirmation, and a session's
    /// own save is not reported as a change.
    #[test]
    fn a_confirmation_by_the_reviewer_is_seen_as_a_change() {
        let d = tempfile::tempdir().unwrap();
        let ws = crate::demo::write(d.path(), &crate::demo::DemoOptions { units: 8, seed: 2020 }).unwrap();
        let mut s = Session::open(ws.clone());
        polling_only(&s);
        assert!(s.changes().is_empty());
        // A unit whose items the reviewer has marked: one mark taken back, elsewhere.
        let unit = (0..ws.units.len())
            .find(|&u| ws.load_review(&ws.units[u].id).ok().flatten().is_some_and(|r| !r.marks.is_empty()))
            .expect("a reviewed unit");
        let mut review = ws.load_review(&ws.units[unit].id).unwrap().unwrap();
        review.marks.pop();
        assert!(ws.save_review(&review, Vec::new(), "an").unwrap());
        assert_eq!(s.changes(), vec![Changed::Review { unit }]);
    }

    #[test]
    fn polling_sees_a_change_made_elsewhere() {
        let d = tempfile::tempdir().unwrap();
        let ws = crate::demo::write(d.path(), &crate::demo::DemoOptions { units: 3, seed: 1 }).unwrap();
        let mut s = Session::open(ws.clone());
        polling_only(&s);
        let sheet = s.load_sheet(1, SheetKind::Submission).unwrap().unwrap();
        assert!(s.changes().is_empty());
        s.save(1, &sheet, SheetKind::Submission).unwrap();
        assert!(s.changes().is_empty(), "our own save");
        let mut other = sheet.clone();
        other.reopened = !other.reopened;
        ws.write_logged(&other, SheetKind::Submission, Vec::new(), "other", "edit").unwrap();
        assert_eq!(s.changes(), vec![Changed::Sheet { unit: 1, kind: SheetKind::Submission }]);
    }

    /// A file that did not exist (an appraisal not yet made) is not stat'ed on every poll: it
    /// is looked at when its folder changes, and then it is seen.
    #[test]
    fn an_absent_file_is_watched_through_its_folder() {
        let d = tempfile::tempdir().unwrap();
        let ws = crate::demo::write(d.path(), &crate::demo::DemoOptions { units: 8, seed: 2020 }).unwrap();
        let unit = (0..ws.units.len()).find(|&u| !ws.appraisal_path(&ws.units[u].id).exists()).expect("a unit not appraised");
        let mut s = Session::open(ws.clone());
        polling_only(&s);
        assert!(s.changes().is_empty());
        let sheet = Sheet::new(&ws.units[unit].id);
        ws.write_logged(&sheet, SheetKind::Appraisal, Vec::new(), "other", "edit").unwrap();
        assert_eq!(s.changes(), vec![Changed::Sheet { unit, kind: SheetKind::Appraisal }]);
    }

    /// With notifications, the file a notification names is looked at at once, without a
    /// full poll.
    #[test]
    fn a_notification_names_the_file_that_changed() {
        let d = tempfile::tempdir().unwrap();
        let ws = crate::demo::write(d.path(), &crate::demo::DemoOptions { units: 3, seed: 1 }).unwrap();
        let mut s = Session::open(ws.clone());
        let notified = s.worker.call(|st, _| (st as &mut dyn std::any::Any).downcast_mut::<Disk>().is_some_and(|d| d.events.is_some()));
        if !notified {
            return; // no inotify here
        }
        let sheet = s.load_sheet(1, SheetKind::Submission).unwrap().unwrap();
        // The first look stamps every file; no full poll is due after it for a long while.
        assert!(s.changes().is_empty());
        let mut other = sheet.clone();
        other.reopened = !other.reopened;
        ws.write_logged(&other, SheetKind::Submission, Vec::new(), "other", "edit").unwrap();
        let mut seen = Vec::new();
        for _ in 0..200 {
            seen = s.changes();
            if !seen.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(seen, vec![Changed::Sheet { unit: 1, kind: SheetKind::Submission }]);
    }
}
