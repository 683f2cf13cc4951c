//! The audit log: one append-only JSON-lines file per unit (`audit/<unit>.jsonl`), a line per
//! change — when, which OS user, what action, which criterion, old → new — written with each
//! save and each workflow move.
//!
//! The log is a hash chain: each entry carries its number (`seq`), the SHA-256 of the line
//! before it (`prev`), and the last entry of each save the SHA-256 of the file it produced
//! (`sha`). Entries are appended and fsynced *before* the file is replaced, so a save whose
//! log append fails does not happen. [`check_round`] verifies the chain and that every file is
//! the one its last entry recorded, naming the first entry where either breaks.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::dir::Dir;
use crate::workspace::{Workspace, sheet_rel};
use parindex_core::answers::{Answer, Input, Sheet, SheetKind};
use parindex_core::date::{now_unix, rfc3339};
use parindex_core::diag::{Diagnostic, Diagnostics, Source};
use parindex_core::say::store::{AuditMsg, Who};
use parindex_core::scorecard::Scorecard;

pub const AUDIT: &str = "audit";

/// One logged change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// 1, 2, 3, … in the unit's log (absent in logs written before the chain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// SHA-256 (hex) of the line before this one; empty for the first line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// RFC 3339, Vietnam time.
    pub at: String,
    pub user: String,
    /// `edit`, `appraise`, `import`, or a workflow move (`submit`, `return`, …).
    pub action: String,
    /// `submission` or `appraisal`, for edits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// `input`, `note`, `evidence`, `comment`, or `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// SHA-256 (hex) of the file as this save found it (on the last entry of a save).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
    /// SHA-256 (hex) of the file as this save left it (on the last entry of a save).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha: Option<String>,
}

impl Entry {
    pub fn new(user: &str, action: &str) -> Entry {
        Entry {
            seq: None,
            prev: None,
            at: rfc3339(now_unix(), 7 * 60),
            user: user.to_owned(),
            action: action.to_owned(),
            file: None,
            criterion: None,
            field: None,
            old: None,
            new: None,
            was: None,
            sha: None,
        }
    }
}

/// `submission` or `appraisal`: the `file` of an entry.
pub fn file_name(kind: SheetKind) -> &'static str {
    match kind {
        SheetKind::Submission => "submission",
        SheetKind::Appraisal => "appraisal",
    }
}

/// The digest of no bytes: what an entry records when its file does not exist.
pub const EMPTY_SHA: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// SHA-256 in hex.
pub fn sha_hex(data: &[u8]) -> String {
    let mut s = String::with_capacity(64);
    for b in Sha256::digest(data) {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
    }
    s
}

pub fn log_path(dir: &Path, unit: &str) -> PathBuf {
    dir.join(AUDIT).join(format!("{unit}.jsonl"))
}

/// An input as written in the files: `points = 8.5`, `choice = "late"`, `done = 18, planned = 20`.
pub fn input_text(i: &Input) -> String {
    match i {
        Input::Points(p) => format!("points = {}", p.normalize()),
        Input::Choice(c) => format!("choice = {c:?}"),
        Input::Value(v) => format!("value = {}", v.normalize()),
        Input::Ratio { done, planned } => format!("done = {}, planned = {}", done.normalize(), planned.normalize()),
        Input::Na(b) => format!("na = {b}"),
    }
}

fn evidence_text(a: &Answer) -> String {
    a.evidence
        .iter()
        .map(|e| {
            let item = match e.date {
                Some(d) => format!("{} ({d}) {}", e.reference, e.title),
                None => format!("{} {}", e.reference, e.title),
            };
            match &e.attached {
                Some(at) => format!("{item} [{}]", at.name),
                None => item,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every field that differs between two versions of a sheet, in scorecard order.
pub fn diff(sc: &Scorecard, old: Option<&Sheet>, new: &Sheet, kind: SheetKind, user: &str, action: &str) -> Vec<Entry> {
    let empty = Answer::default();
    let mut ids: Vec<usize> = new.answers.keys().copied().collect();
    if let Some(o) = old {
        ids.extend(o.answers.keys().copied());
    }
    ids.sort_unstable();
    ids.dedup();
    let file = match kind {
        SheetKind::Submission => "submission",
        SheetKind::Appraisal => "appraisal",
    };
    let mut out = Vec::new();
    for i in ids {
        let a = old.and_then(|o| o.answers.get(&i)).unwrap_or(&empty);
        let b = new.answers.get(&i).unwrap_or(&empty);
        if a == b {
            continue;
        }
        let mut push = |field: &str, o: String, n: String| {
            if o != n {
                let mut e = Entry::new(user, action);
                e.file = Some(file.into());
                e.criterion = sc.nodes.get(i).map(|n| n.id.clone());
                e.field = Some(field.into());
                e.old = (!o.is_empty()).then_some(o);
                e.new = (!n.is_empty()).then_some(n);
                out.push(e);
            }
        };
        push("input", a.input.as_ref().map(input_text).unwrap_or_default(), b.input.as_ref().map(input_text).unwrap_or_default());
        push("note", a.note.clone(), b.note.clone());
        push("evidence", evidence_text(a), evidence_text(b));
        push("comment", a.comment.clone(), b.comment.clone());
        push("question", a.question.clone(), b.question.clone());
        push("reply", a.reply.clone(), b.reply.clone());
    }
    if let Some(e) = news_diff(sc, old.map_or(&[][..], |o| &o.news[..]), &new.news, user, action) {
        out.push(e);
    }
    // The narrative (issue 22): one entry per section changed, `field = "narrative.<key>"`.
    let none = parindex_core::answers::Narrative::default();
    let was = old.map_or(&none, |o| &o.narrative);
    for s in parindex_core::answers::Section::ALL {
        let (o, n) = (was.get(s), new.narrative.get(s));
        if o != n {
            let mut e = Entry::new(user, action);
            e.file = Some(file.into());
            e.field = Some(format!("narrative.{}", s.key()));
            e.old = (!o.is_empty()).then(|| o.to_owned());
            e.new = (!n.is_empty()).then(|| n.to_owned());
            out.push(e);
        }
    }
    out
}

/// The file a save writes: which one, its bytes before (`None`: there was none), and after.
pub type Produced<'a> = (SheetKind, Option<&'a [u8]>, &'a [u8]);

pub fn log_rel(unit: &str) -> PathBuf {
    Path::new(AUDIT).join(format!("{unit}.jsonl"))
}

/// The lock file that serialises the writers of a unit's log, relative to the round's folder.
pub fn audit_lock_rel(unit: &str) -> PathBuf {
    Path::new(crate::lock::LOCKS).join(format!("{unit}.audit.lock"))
}

/// Appends entries to a unit's log in one write, chained to the lines before them, and fsyncs
/// (unless `durable` is false: bulk-generated demo data). `produced`: the file this save
/// writes, its content before (`None`: no file) and after, recorded on the last entry. The log is locked while it is read
/// and appended to, so two writers never fork the chain.
pub fn append_in(store: &Dir, unit: &str, entries: &mut [Entry], produced: Option<Produced<'_>>, durable: bool) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    // The log's writers take turns on `.locks/<unit>.audit.lock` (which names the holder),
    // waiting a bounded time: a stopped writer makes others fail with its name, never hang.
    let user = entries.first().map_or("", |e| e.user.as_str());
    let _held = crate::lock::hold(store, &audit_lock_rel(unit), user, crate::lock::BusyLock::AuditLog)?;
    let mut f = store.open_rw(&log_rel(unit), true)?;
    let len = f.metadata()?.len();
    // The chain needs only the end of the log: the last line and the last entry's number.
    let mut tail_from = len.saturating_sub(64 << 10);
    let (mut seq, mut prev, ends_line) = loop {
        let mut tail = Vec::new();
        f.seek(SeekFrom::Start(tail_from))?;
        (&f).take(len - tail_from).read_to_end(&mut tail)?;
        // Drop a partial first line (unless the tail starts the file).
        let body = if tail_from == 0 {
            &tail[..]
        } else {
            match tail.iter().position(|&b| b == b'\n') {
                Some(p) => &tail[p + 1..],
                None => &[][..],
            }
        };
        match chain_tail(body) {
            Some((seq, prev)) => break (seq, prev, tail.last() == Some(&b'\n')),
            None if tail_from == 0 => {
                // Nothing parses (only cut lines): chain to the last line all the same.
                let last = body.split(|&b| b == b'\n').rfind(|l| !l.iter().all(u8::is_ascii_whitespace));
                break (0, last.map(sha_hex).unwrap_or_default(), tail.last().is_none_or(|&b| b == b'\n'));
            }
            None => tail_from = tail_from.saturating_sub(1 << 20),
        }
    };
    if let Some((kind, before, data)) = produced {
        let last = entries.len() - 1;
        entries[last].file = Some(file_name(kind).into());
        entries[last].was = Some(sha_hex(before.unwrap_or_default()));
        entries[last].sha = Some(sha_hex(data));
    }
    let mut text = String::new();
    // A writer killed mid-line leaves a line without its end: start on a fresh line so the
    // torn line stays alone (it stays in the chain; `read` skips it).
    if len > 0 && !ends_line {
        text.push('\n');
    }
    for e in entries.iter_mut() {
        seq += 1;
        e.seq = Some(seq);
        e.prev = Some(prev.clone());
        let line = serde_json::to_string(e).map_err(io::Error::other)?;
        prev = sha_hex(line.as_bytes());
        text.push_str(&line);
        text.push('\n');
    }
    f.write_all(text.as_bytes())?;
    if durable {
        f.sync_all()?;
    }
    Ok(())
}

/// The last entry's number and the hash of the last line, from the end of a log (whole
/// lines). `None` when no line there parses (look further back); a log's start is `(0, "")`.
fn chain_tail(log: &[u8]) -> Option<(u64, String)> {
    let mut lines = log.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).rev();
    let last = lines.next()?;
    let prev = sha_hex(last);
    for line in std::iter::once(last).chain(lines) {
        if let Some(e) = std::str::from_utf8(line).ok().and_then(|l| serde_json::from_str::<Entry>(l).ok()) {
            return Some((e.seq.unwrap_or(0), prev));
        }
    }
    None
}

/// Appends entries to a unit's log in the round at `dir`, opened afresh (see [`append_in`]):
/// for tests and tools; a command that loaded the round uses its open folder.
pub fn append(dir: &Path, unit: &str, entries: &[Entry]) -> io::Result<()> {
    let store = Dir::open_round(dir)?;
    append_in(&store, unit, &mut entries.to_vec(), None, true)
}

/// Reads a unit's log in the round at `dir`, opened afresh (a command that loaded the round
/// uses [`read_in`] with its open folder); lines that do not parse (a line cut by a killed writer, possibly in the
/// middle of a multi-byte character) are skipped and counted.
pub fn read(dir: &Path, unit: &str) -> io::Result<(Vec<Entry>, usize)> {
    read_in(&Dir::open_round(dir)?, unit)
}

/// [`read`] through the round's open folder.
pub fn read_in(store: &Dir, unit: &str) -> io::Result<(Vec<Entry>, usize)> {
    let Some(bytes) = store.read_unbounded(&log_rel(unit))? else { return Ok((Vec::new(), 0)) };
    Ok(parse(&bytes))
}

/// A unit's log as [`read_in`] reads it, from its bytes: the entries, and how many lines did
/// not parse.
pub fn parse(bytes: &[u8]) -> (Vec<Entry>, usize) {
    let mut bad = 0;
    let mut entries = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(line).ok().and_then(|l| serde_json::from_str(l).ok()) {
            Some(e) => entries.push(e),
            None => bad += 1,
        }
    }
    (entries, bad)
}

/// What the log says of one file: the last entry that recorded it and the digest before that.
struct Recorded<'a> {
    last: &'a Entry,
}

/// Verifies every unit's log: the chain (a deleted, edited or reordered line is named at the
/// first entry where the chain breaks) and that each submission and appraisal is the file its
/// last entry recorded (a file changed outside parindex, or a save that was logged but did not
/// complete).
pub fn check_round(ws: &Workspace) -> Diagnostics {
    check_units(ws, crate::workspace::Units::All)
}

/// [`check_round`] of some units' logs only.
pub fn check_units(ws: &Workspace, units: crate::workspace::Units) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for u in units.of(ws) {
        check_unit(ws, &u.id, &mut diags);
    }
    diags
}

fn check_unit(ws: &Workspace, unit: &str, diags: &mut Diagnostics) {
    let path = ws.dir.join(log_rel(unit));
    let bytes = match ws.store.read_unbounded(&log_rel(unit)) {
        Ok(Some(b)) => b,
        Ok(None) => Vec::new(),
        Err(e) => {
            diags.extend(crate::workspace::io_failure(&path, &e).diagnostics);
            return;
        }
    };
    let src = Source::new(&path, String::from_utf8_lossy(&bytes).into_owned());
    let mut entries: Vec<Entry> = Vec::new();
    let (mut prev_hash, mut last_seq, mut legacy, mut broken) = (String::new(), 0u64, 0usize, false);
    let mut offset = 0;
    for line in bytes.split(|&b| b == b'\n') {
        let span = offset..offset + line.len();
        offset += line.len() + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(line).ok().and_then(|l| serde_json::from_str::<Entry>(l).ok());
        match parsed {
            None => diags.push(Diagnostic::warning(AuditMsg::CutShort).at(&src, span.clone())),
            Some(e) => match (e.seq, e.prev.as_deref()) {
                (Some(seq), Some(p)) => {
                    if !broken && (p != prev_hash || seq != last_seq + 1) {
                        broken = true;
                        diags.push(Diagnostic::error(AuditMsg::ChainBreaks { seq, expected: last_seq + 1 }).at(&src, span.clone()));
                    }
                    last_seq = seq;
                    entries.push(e);
                }
                _ if last_seq > 0 => {
                    if !broken {
                        broken = true;
                        diags.push(Diagnostic::error(AuditMsg::NoPlace).at(&src, span.clone()));
                    }
                }
                _ => legacy += 1,
            },
        }
        prev_hash = sha_hex(line);
    }
    if legacy > 0 {
        diags.push(Diagnostic::warning(AuditMsg::Legacy { count: legacy }).in_file(&path));
    }
    // No chained entry at all: the unit's files cannot be verified (a round made by hand or by
    // an older parindex). Said once, as a warning; with a chain, a mismatch is an error.
    let unverified = last_seq == 0;
    let mut warned = false;
    for kind in [SheetKind::Submission, SheetKind::Appraisal] {
        let name = file_name(kind);
        let mut rec: Option<Recorded> = None;
        for e in &entries {
            if e.file.as_deref() == Some(name) && e.sha.is_some() {
                rec = Some(Recorded { last: e });
            }
        }
        let rel = sheet_rel(unit, kind);
        let file = ws.dir.join(&rel);
        let current = match ws.store.read(&rel) {
            Ok(x) => x.map(|(b, _)| sha_hex(&b)),
            Err(_) => continue, // reported by the sheet checks
        };
        match (&rec, current) {
            (None, None) => {}
            (None, Some(_)) if unverified => {
                if !warned {
                    warned = true;
                    diags.push(Diagnostic::warning(AuditMsg::NoTrail).in_file(&file));
                }
            }
            (None, Some(_)) => diags.push(Diagnostic::error(AuditMsg::NotRecorded).in_file(&file)),
            (Some(r), None) if r.last.sha.as_deref() == Some(EMPTY_SHA) => {}
            (Some(r), None) if r.last.was.as_deref() == Some(EMPTY_SHA) => {
                diags.push(Diagnostic::warning(AuditMsg::FirstSaveIncomplete { who: who(r.last) }).in_file(&file))
            }
            (Some(r), None) => diags.push(Diagnostic::error(AuditMsg::DeletedOutside { who: who(r.last) }).in_file(&file)),
            (Some(r), Some(now)) if Some(now.as_str()) == r.last.sha.as_deref() => {}
            (Some(r), Some(now)) if r.last.was.as_deref() == Some(now.as_str()) => {
                diags.push(Diagnostic::warning(AuditMsg::LastIncomplete { who: who(r.last) }).in_file(&file))
            }
            (Some(r), Some(_)) => diags.push(
                Diagnostic::error(AuditMsg::ChangedOutside { seq: r.last.seq.unwrap_or(0), who: Who { seq: None, ..who(r.last) } }).in_file(&file),
            ),
        }
    }
}

/// The audit entry of a change to the register (`field = "news"`), or `None` when the items
/// did not change. It records what changed, not the register: `old` the items removed, `new`
/// the items added (an edited item is both), each as `#N date title [digest]` (its number in
/// the list it was in, its title cut to [`parindex_core::limits::NEWS_TITLE`] characters, 12
/// hex digits of SHA-256 over every field), `; ` between. A pure reordering records the
/// register's digest before and after.
pub fn news_diff(
    sc: &parindex_core::scorecard::Scorecard,
    old: &[parindex_core::register::NewsItem],
    new: &[parindex_core::register::NewsItem],
    user: &str,
    action: &str,
) -> Option<Entry> {
    use parindex_core::register::NewsItem;
    if old == new {
        return None;
    }
    // Items present on both sides (as many times as on both) did not change.
    let unmatched = |from: &[NewsItem], other: &[NewsItem]| -> Vec<usize> {
        let mut taken = vec![false; other.len()];
        let mut out = Vec::new();
        for (k, it) in from.iter().enumerate() {
            match other.iter().enumerate().position(|(m, o)| !taken[m] && o == it) {
                Some(m) => taken[m] = true,
                None => out.push(k),
            }
        }
        out
    };
    let summary = |items: &[NewsItem], ks: &[usize]| -> Option<String> {
        let all: Vec<String> = ks
            .iter()
            .map(|&k| {
                let it = &items[k];
                let title: String = it.title.chars().take(parindex_core::limits::NEWS_TITLE).collect();
                let date = it.date.map(|d| d.to_string()).unwrap_or_default();
                format!("#{} {date} {title} [{}]", k + 1, &item_digest(it)[..12])
            })
            .collect();
        (!all.is_empty()).then(|| all.join("; "))
    };
    let (gone, came) = (unmatched(old, new), unmatched(new, old));
    let mut e = Entry::new(user, action);
    e.file = Some("submission".into());
    e.criterion = parindex_core::register::news_leaf(sc).map(|i| sc.nodes[i].id.clone());
    e.field = Some(parindex_core::register::NEWS.into());
    if gone.is_empty() && came.is_empty() {
        let all = |items: &[NewsItem]| items.iter().map(item_digest).collect::<Vec<_>>().join("");
        e.old = Some(format!("[{}]", &sha_hex(all(old).as_bytes())[..12]));
        e.new = Some(format!("[{}]", &sha_hex(all(new).as_bytes())[..12]));
    } else {
        e.old = summary(old, &gone);
        e.new = summary(new, &came);
    }
    Some(e)
}

/// SHA-256 (hex) over every field of a news item, each length-prefixed.
fn item_digest(it: &parindex_core::register::NewsItem) -> String {
    let mut text = String::new();
    let date = it.date.map(|d| d.iso()).unwrap_or_default();
    for f in [it.title.as_str(), &date, it.link.as_deref().unwrap_or("\u{0}"), it.file.as_deref().unwrap_or("\u{0}"), &it.sent_to] {
        use std::fmt::Write as _;
        let _ = writeln!(text, "{}:{f}", f.len());
    }
    sha_hex(text.as_bytes())
}

/// The entry in a message: its number, action, user and time as people read them.
pub fn who(e: &Entry) -> Who {
    Who { seq: Some(e.seq.unwrap_or(0)), action: e.action.clone(), user: e.user.clone(), at: e.at.replace('T', " ") }
}

/// Checks a file only logged actions write (the appraisers' parts, a reviewer's decisions, the
/// objections, the publication) against its log's last entry for it (`last`): the file must be
/// the one that entry produced; the version before it means a save cut between its entry and
/// its rename (a warning); anything else was changed or deleted by hand. `not_logged` and
/// `changed` (given the entry's number) are the file's own words for those two errors.
pub fn check_in_step(
    last: Option<&Entry>,
    bytes: Option<&[u8]>,
    path: &Path,
    not_logged: impl Into<parindex_core::say::Msg>,
    changed: impl FnOnce(u64) -> parindex_core::say::Msg,
    diags: &mut Diagnostics,
) {
    let now = bytes.map(sha_hex);
    let now = now.as_deref().unwrap_or(EMPTY_SHA);
    let existed = bytes.is_some();
    let d = match last {
        None if !existed => return,
        None => Diagnostic::error(not_logged),
        Some(e) if e.sha.as_deref() == Some(now) => return,
        Some(e) if e.was.as_deref() == Some(now) => Diagnostic::warning(AuditMsg::LastIncomplete { who: who(e) }),
        Some(e) if !existed => Diagnostic::error(AuditMsg::DeletedOutside { who: who(e) }),
        Some(e) => Diagnostic::error(changed(e.seq.unwrap_or(0))),
    };
    diags.push(d.in_file(path));
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn card() -> Scorecard {
        Scorecard::from_toml_str("sc.toml", "[scorecard]\nid = \"t\"\ntitle = \"T\"\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 4\n[[criterion]]\nid = \"2\"\ntitle = \"B\"\nmax = 4\n").unwrap()
    }

    #[test]
    fn diff_names_each_changed_field_old_and_new() {
        let sc = card();
        let mut old = Sheet::new("vp");
        old.answer_mut(0).input = Some(Input::Points(Decimal::new(35, 1)));
        let mut new = old.clone();
        new.answer_mut(0).input = Some(Input::Points(Decimal::from(4)));
        new.answer_mut(1).note = "Giải trình".into();
        let d = diff(&sc, Some(&old), &new, SheetKind::Submission, "lan", "edit");
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].criterion.as_deref(), d[0].field.as_deref()), (Some("1"), Some("input")));
        assert_eq!((d[0].old.as_deref(), d[0].new.as_deref()), (Some("points = 3.5"), Some("points = 4")));
        assert_eq!((d[1].criterion.as_deref(), d[1].field.as_deref(), d[1].old.as_deref()), (Some("2"), Some("note"), None));
        assert!(diff(&sc, Some(&new), &new, SheetKind::Submission, "lan", "edit").is_empty());
        assert_eq!(diff(&sc, None, &new, SheetKind::Submission, "lan", "edit").len(), 2);
    }

    #[test]
    fn appends_survive_a_torn_last_line() {
        let d = tempfile::tempdir().unwrap();
        append(d.path(), "vp", &[Entry::new("lan", "edit")]).unwrap();
        // A writer killed mid-line.
        let p = log_path(d.path(), "vp");
        let mut f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
        // Cut inside "ê": half of a multi-byte character.
        let cut = "{\"at\":\"2020\",\"user\":\"phiê".as_bytes();
        f.write_all(&cut[..cut.len() - 1]).unwrap();
        append(d.path(), "vp", &[Entry::new("hung", "submit")]).unwrap();
        let (entries, bad) = read(d.path(), "vp").unwrap();
        assert_eq!(bad, 1);
        let users: Vec<&str> = entries.iter().map(|e| e.user.as_str()).collect();
        assert_eq!(users, ["lan", "hung"]);
    }
}
