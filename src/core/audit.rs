//! The audit log: one append-only JSON-lines file per unit (`audit/<unit>.jsonl`), a line per
//! change — when, which OS user, what action, which criterion, old → new — written with each
//! save and each workflow move.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Input, Sheet, SheetKind};
use super::date::{now_unix, rfc3339};
use super::fsutil;
use super::scorecard::Scorecard;

pub const AUDIT: &str = "audit";

/// One logged change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
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
}

impl Entry {
    pub fn new(user: &str, action: &str) -> Entry {
        Entry {
            at: rfc3339(now_unix(), 7 * 60),
            user: user.to_owned(),
            action: action.to_owned(),
            file: None,
            criterion: None,
            field: None,
            old: None,
            new: None,
        }
    }
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
    }
}

fn evidence_text(a: &Answer) -> String {
    a.evidence
        .iter()
        .map(|e| match e.date {
            Some(d) => format!("{} ({d}) {}", e.reference, e.title),
            None => format!("{} {}", e.reference, e.title),
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
    out
}

/// Appends entries to a unit's log (one write, then fsync).
pub fn append(dir: &Path, unit: &str, entries: &[Entry]) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let path = log_path(dir, unit);
    fsutil::create_dir(path.parent().expect("log path has a folder"))?;
    let mut text = String::new();
    for e in entries {
        text.push_str(&serde_json::to_string(e).map_err(io::Error::other)?);
        text.push('\n');
    }
    let mut opts = OpenOptions::new();
    opts.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(fsutil::FILE_MODE);
    }
    let mut f = opts.open(&path)?;
    // A writer killed mid-line leaves a line without its end: start on a fresh line so the
    // torn line stays alone (and is skipped by `read`) instead of spoiling this entry.
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let len = f.metadata()?.len();
        let mut last = [0u8; 1];
        if len > 0 && f.read_at(&mut last, len - 1).is_ok() && last[0] != b'\n' {
            text.insert(0, '\n');
        }
    }
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// Reads a unit's log; lines that do not parse (a line cut by a killed writer, possibly in the
/// middle of a multi-byte character) are skipped and counted.
pub fn read(dir: &Path, unit: &str) -> io::Result<(Vec<Entry>, usize)> {
    let path = log_path(dir, unit);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(e),
    };
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
    Ok((entries, bad))
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
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
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
