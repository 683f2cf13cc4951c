//! The round's results: each unit's self and final totals, indexes, band and rank, computed
//! from the workspace on disk or from sheets in memory.

use std::sync::atomic::{AtomicUsize, Ordering};

use rust_decimal::Decimal;

use crate::cache::Cache;
use crate::dir::{Dir, Meta};
use crate::workspace::Workspace;
use parindex_core::answers::{Keep, SheetKind, Status};
use parindex_core::diag::LoadError;
use parindex_core::rank::{self, Rankable};
use parindex_core::tally::Tally;

pub use parindex_core::figures::UnitResult;

/// A unit's result, and the stats of the files it was read from when it was not cached.
type Loaded = Result<(UnitResult, Option<[Option<Meta>; 3]>), LoadError>;

/// The submissions and appraisals folders, open (`None`: the folder does not exist yet).
struct Folders {
    sub: Option<Dir>,
    appr: Option<Dir>,
    /// The reviewers' folder (the news register's confirmations).
    rev: Option<Dir>,
}

impl Folders {
    fn open(ws: &Workspace) -> Result<Folders, LoadError> {
        let open = |name: &str| ws.store.sub(std::path::Path::new(name), false).map_err(|e| crate::workspace::io_failure(&ws.dir.join(name), &e));
        Ok(Folders {
            sub: open(crate::workspace::SUBMISSIONS)?,
            appr: open(crate::workspace::APPRAISALS)?,
            rev: open(parindex_core::register::REVIEWS)?,
        })
    }
}

/// A unit's file in one of the folders (`None`: no such file, or no folder).
fn stat_in(d: &Option<Dir>, id: &str) -> Result<Option<Meta>, LoadError> {
    let name = format!("{id}.toml");
    match d {
        Some(d) => d.stat_name(name.as_ref()).map_err(|e| crate::workspace::io_failure(&d.path.join(&name), &e)),
        None => Ok(None),
    }
}

/// One unit: from the cache when its three files (submission, appraisal, confirmations) are
/// unchanged, else read, parsed and scored.
fn load_unit(ws: &Workspace, f: &Folders, cache: &Cache, i: usize, own: &mut Tally, fin: &mut Tally) -> Loaded {
    let id = &ws.units[i].id;
    let stat = |d: &Option<Dir>| stat_in(d, id);
    // With nothing cached (a first run, or the cache off) the files are read straight away:
    // one open, one fstat and one read each, no stat before.
    if cache.is_empty() {
        return read_unit(ws, f, i, own, fin);
    }
    let (s, a, v) = (stat(&f.sub)?, stat(&f.appr)?, stat(&f.rev)?);
    if s.as_ref().is_none_or(Meta::is_file)
        && a.as_ref().is_none_or(Meta::is_file)
        && v.as_ref().is_none_or(Meta::is_file)
        && let Some(r) = cache.get(id, [s.as_ref(), a.as_ref(), v.as_ref()])
    {
        let mut r = r.clone();
        r.unit = i;
        return Ok((r, None));
    }
    read_unit(ws, f, i, own, fin)
}

/// One unit read, parsed and scored, with the stats of its files as they were read.
fn read_unit(ws: &Workspace, f: &Folders, i: usize, own: &mut Tally, fin: &mut Tally) -> Loaded {
    let id = &ws.units[i].id;
    // The confirmations are stat'ed before they are read: a change after this stat makes the
    // next run's stat differ, so the entry is never stale.
    let vm = stat_in(&f.rev, id)?;
    // The submission is kept whole (its seal digests notes and evidence too); the appraisal's
    // comments are not kept.
    let (sub, sm) = ws.load_sheet_in(f.sub.as_ref(), id, SheetKind::Submission, Keep::All)?;
    let (appr, am) = ws.load_sheet_in(f.appr.as_ref(), id, SheetKind::Appraisal, Keep::Scores)?;
    // The news register's confirmations stand in for the Office's entry on its leaf.
    let reviewed = vm.is_some() && sub.as_ref().is_some_and(|s| !s.news.is_empty());
    let appr = if reviewed { ws.with_register_default(id, sub.as_ref(), appr)? } else { appr };
    // Buffers reused from unit to unit; no per-node detail (`fin` is the self tally without an appraisal).
    let r = parindex_core::figures::figures(&ws.scorecard, &ws.units[i].keys, i, sub.as_ref(), appr.as_ref(), own, fin, false);
    Ok((r, Some([sm, am, vm])))
}

/// A unit's index and rank in an earlier round (`rank --compare`), by unit id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Previous {
    pub index: Decimal,
    pub rank: u32,
}

/// Every unit's index and overall rank in an earlier round, by unit id.
pub fn previous_round(dir: &std::path::Path) -> Result<std::collections::HashMap<String, Previous>, LoadError> {
    let ws = Workspace::load(dir)?;
    let res = RoundResults::from_disk(&ws)?;
    Ok(res
        .ranking(&ws)
        .into_iter()
        .filter(|r| r.rank != UNRANKED)
        .map(|r| (ws.units[r.unit].id.clone(), Previous { index: res.units[r.unit].index, rank: r.rank }))
        .collect())
}

/// "↑2", "↓1", "=" or "mới" (new): the change of rank since an earlier round.
pub fn rank_change(now: u32, before: Option<Previous>) -> String {
    match before {
        _ if now == UNRANKED => String::new(),
        None => "—".to_owned(),
        Some(p) if p.rank > now => format!("↑{}", p.rank - now),
        Some(p) if p.rank < now => format!("↓{}", now - p.rank),
        Some(_) => "=".to_owned(),
    }
}

/// A unit result with its name, for ranking.
pub struct Named<'a> {
    pub result: &'a UnitResult,
    pub name: &'a str,
}

impl Rankable for Named<'_> {
    fn index(&self) -> Decimal {
        self.result.index
    }
    fn name(&self) -> &str {
        self.name
    }
}

/// The rank of a unit that is listed but not ranked: it has no submission (status `missing`).
pub const UNRANKED: u32 = 0;

/// A ranked row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankRow {
    /// 1 for the best; [`UNRANKED`] (0) for a unit with no submission ("Chưa nộp", issue 21),
    /// listed after every ranked unit.
    pub rank: u32,
    /// Index into the results (and `Workspace::units`).
    pub unit: usize,
}

/// The results of every unit of a round, in workspace order.
#[derive(Clone, Debug)]
pub struct RoundResults {
    pub units: Vec<UnitResult>,
    /// Why each unreadable unit (integrity `Unreadable`, see [`UnitResult::unreadable`]) could
    /// not be read, by unit position, in workspace order. Whether a unit is unreadable is its
    /// integrity; this only keeps the diagnostic (file:line:col) that views word.
    pub unreadable: Vec<(usize, LoadError)>,
}

impl RoundResults {
    /// Results computed from sheets in memory (every unit readable).
    pub fn new(units: Vec<UnitResult>) -> RoundResults {
        RoundResults { units, unreadable: Vec::new() }
    }

    /// Why a unit is unreadable (`None`: it is not).
    pub fn error(&self, unit: usize) -> Option<&LoadError> {
        self.unreadable.iter().find(|(u, _)| *u == unit).map(|(_, e)| e)
    }

    /// Whether any unit is unreadable (`rank` and `status` then exit 1).
    pub fn any_unreadable(&self) -> bool {
        self.units.iter().any(UnitResult::is_unreadable)
    }

    /// Units that are unreadable, in workspace order, each with its diagnostic.
    pub fn unreadable_units(&self) -> impl Iterator<Item = (&UnitResult, Option<&LoadError>)> {
        self.units.iter().filter(|u| u.is_unreadable()).map(|u| (u, self.error(u.unit)))
    }

    /// Replaces a unit's result (read again after a change): its diagnostic goes with it.
    pub fn set(&mut self, r: UnitResult) {
        self.unreadable.retain(|(u, _)| *u != r.unit);
        if let Some(slot) = self.units.iter_mut().find(|u| u.unit == r.unit) {
            *slot = r;
        }
    }

    /// Marks a unit unreadable (a sheet of it failed to load when read again).
    pub fn set_unreadable(&mut self, sc: &parindex_core::scorecard::Scorecard, unit: usize, e: LoadError) {
        self.set(UnitResult::unreadable(sc, unit));
        self.unreadable.push((unit, e));
        self.unreadable.sort_by_key(|(u, _)| *u);
    }

    /// Loads every submission and appraisal and computes each unit's figures. Sheets are
    /// dropped as soon as they are scored, and units are read in parallel. Every file that
    /// fails is reported (the same, whatever the number of threads).
    pub fn from_disk(ws: &Workspace) -> Result<RoundResults, LoadError> {
        RoundResults::from_disk_with(ws, Cache::load(ws))
    }

    /// [`RoundResults::from_disk`] with the cache it is handed (its file and its clock).
    pub fn from_disk_with(ws: &Workspace, cache: Cache) -> Result<RoundResults, LoadError> {
        RoundResults::load_counting(ws, cache, None)
    }

    /// [`RoundResults::from_disk`], adding one to `progress` for each unit loaded (the
    /// dashboard's progress line while a large round loads).
    pub fn from_disk_counting(ws: &Workspace, progress: &AtomicUsize) -> Result<RoundResults, LoadError> {
        RoundResults::load_counting(ws, Cache::load(ws), Some(progress))
    }

    fn load_counting(ws: &Workspace, mut cache: Cache, progress: Option<&AtomicUsize>) -> Result<RoundResults, LoadError> {
        let n = ws.units.len();
        let threads = std::thread::available_parallelism().map_or(1, |p| p.get()).min(n.max(1)).min(8);
        // Units are handed out in small batches, so that a thread slowed down by other work on
        // the machine does not hold the others up at the end.
        let batch = (n / (threads * 8)).clamp(1, 32);
        let next = AtomicUsize::new(0);
        // The two folders are opened once; each file is then one stat when cached, one open,
        // stat and read when not.
        let folders = Folders::open(ws)?;
        let mut slots: Vec<Option<Loaded>> = (0..n).map(|_| None).collect();
        let mut failed_threads = 0;
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut done = Vec::new();
                        let (mut own, mut fin) = (Tally::default(), Tally::default());
                        loop {
                            let start = next.fetch_add(batch, Ordering::Relaxed);
                            if start >= n {
                                break;
                            }
                            for i in start..(start + batch).min(n) {
                                done.push((i, load_unit(ws, &folders, &cache, i, &mut own, &mut fin)));
                                if let Some(p) = progress {
                                    p.fetch_add(1, Ordering::Relaxed);
                                }
                            }
                        }
                        done
                    })
                })
                .collect();
            for h in handles {
                match h.join() {
                    Ok(done) => {
                        for (i, result) in done {
                            slots[i] = Some(result);
                        }
                    }
                    Err(_) => failed_threads += 1,
                }
            }
        });
        // A worker that panicked is a bug, not a unit's sheet: the round is not trusted.
        let worker_failed = |count: usize| {
            let mut errors = parindex_core::diag::Diagnostics::default();
            for _ in 0..count.max(1) {
                errors.push(parindex_core::diag::Diagnostic::error(parindex_core::say::store::StoreMsg::WorkerFailed));
            }
            LoadError { diagnostics: errors, unreadable: true }
        };
        if failed_threads > 0 {
            return Err(worker_failed(failed_threads));
        }
        let mut units = Vec::with_capacity(n);
        let mut unreadable = Vec::new();
        for (i, slot) in slots.into_iter().enumerate() {
            match slot {
                Some(Ok((u, fresh))) => {
                    if let Some([sub, appr, rev]) = fresh {
                        cache.put(&ws.units[i].id, [sub.as_ref(), appr.as_ref(), rev.as_ref()], &u);
                    }
                    units.push(u)
                }
                // One unit's sheet failed to load: that unit is unreadable, the others stand.
                // Nothing is cached for it, so the next run reads its files again.
                Some(Err(mut e)) => {
                    e.diagnostics.sort();
                    cache.forget(&ws.units[i].id);
                    units.push(UnitResult::unreadable(&ws.scorecard, i));
                    unreadable.push((i, e));
                }
                // Every slot of a thread that did not fail is filled.
                None => return Err(worker_failed(1)),
            }
        }
        // A cache that cannot be written costs the next run time, nothing else.
        let _ = cache.save(ws);
        Ok(RoundResults { units, unreadable })
    }

    /// Ranks all readable units (best first); an unreadable unit has no rank.
    pub fn ranking(&self, ws: &Workspace) -> Vec<RankRow> {
        self.rank_subset(ws, &(0..self.units.len()).collect::<Vec<_>>())
    }

    /// Ranks the readable units at the given positions among themselves.
    pub fn rank_subset(&self, ws: &Workspace, which: &[usize]) -> Vec<RankRow> {
        // Nothing is copied in the usual case, where every unit was read.
        let readable = |i: &usize| !self.units[*i].is_unreadable();
        let filtered: Vec<usize>;
        let which = if which.iter().all(readable) {
            which
        } else {
            filtered = which.iter().copied().filter(readable).collect();
            &filtered
        };
        // Issue 21: a unit with no submission ("Chưa nộp") is not ranked: it follows every
        // ranked unit, by name, with no rank.
        let (ranked, missing): (Vec<usize>, Vec<usize>) = which.iter().partition(|&&i| self.units[i].status.is_some());
        let named: Vec<Named<'_>> = ranked.iter().map(|&i| Named { result: &self.units[i], name: &ws.units[self.units[i].unit].name }).collect();
        let mut out: Vec<RankRow> = rank::rank(&named).into_iter().map(|(k, rank)| RankRow { rank, unit: ranked[k] }).collect();
        let mut missing: Vec<RankRow> = missing.into_iter().map(|unit| RankRow { rank: UNRANKED, unit }).collect();
        let name = |r: &RankRow| ws.units[self.units[r.unit].unit].name.as_str();
        missing.sort_by(|a, b| rank::cmp_names(name(a), name(b)));
        out.extend(missing);
        out
    }

    /// Rankings inside each group, groups in Vietnamese order of their names; units without a
    /// group form a last list with `None` as its name.
    pub fn ranking_by_group(&self, ws: &Workspace) -> Vec<(Option<String>, Vec<RankRow>)> {
        let mut groups: Vec<Option<String>> = ws.groups().into_iter().map(|g| Some(g.to_owned())).collect();
        rank::sort_by_name(&mut groups, |g| g.as_deref().unwrap_or(""));
        if ws.units.iter().any(|u| u.group.is_none()) {
            groups.push(None);
        }
        groups
            .into_iter()
            .map(|g| {
                let members: Vec<usize> = (0..self.units.len()).filter(|&i| ws.units[self.units[i].unit].group == g).collect();
                let rows = self.rank_subset(ws, &members);
                (g, rows)
            })
            .collect()
    }

    /// Readable units whose integrity is not `ok`, in workspace order (unreadable ones:
    /// [`RoundResults::unreadable_units`]).
    pub fn not_ok(&self) -> impl Iterator<Item = &UnitResult> {
        self.units.iter().filter(|u| !u.integrity.is_ok() && !u.is_unreadable())
    }

    /// Units appraised or final.
    pub fn appraised_count(&self) -> usize {
        self.units.iter().filter(|u| matches!(u.status, Some(Status::Appraised | Status::Final))).count()
    }

    /// True when every unit is appraised or final: the ranking is final, not provisional.
    pub fn is_final(&self) -> bool {
        !self.units.is_empty() && self.appraised_count() == self.units.len()
    }
}

/// One unit's figures with their per-node detail, read from the round: what `score`, a unit's
/// report and the workbook's unit sheets show. The same rule as `rank`: the appraisal is the
/// standing one (none for a draft) with the news register's default.
#[derive(Clone, Debug)]
pub struct UnitDetail {
    pub sub: Option<parindex_core::answers::Sheet>,
    /// The standing appraisal (`figures::standing`), with the register's default.
    pub appr: Option<parindex_core::answers::Sheet>,
    pub own: Tally,
    pub fin: Tally,
    pub result: UnitResult,
}

impl Workspace {
    /// [`UnitDetail`] of the unit at `unit` (an index into `units`).
    pub fn unit_detail(&self, unit: usize) -> Result<UnitDetail, LoadError> {
        let id = &self.units[unit].id;
        let sub = self.load_sheet(id, SheetKind::Submission)?;
        let appr = self.with_register_default(id, sub.as_ref(), self.load_sheet(id, SheetKind::Appraisal)?)?;
        let (mut own, mut fin) = (Tally::default(), Tally::default());
        let result =
            parindex_core::figures::figures(&self.scorecard, &self.units[unit].keys, unit, sub.as_ref(), appr.as_ref(), &mut own, &mut fin, true);
        let appr = appr.filter(|a| parindex_core::figures::standing(sub.as_ref(), Some(a)).is_some());
        Ok(UnitDetail { sub, appr, own, fin, result })
    }
}
