//! Attaching an evidence file (issue 20), shared by the command line (`parindex attach`) and
//! the dashboard: the file the user names is read with the user's own rights (a link or
//! anything but a regular file refused), checked (size, type by extension and content) and
//! turned into the evidence item and the bytes the store writes under `evidence/<unit>/`.

use std::io::Read as _;
use std::path::Path;

use crate::core::answers::{Answer, Attached, Evidence};
use crate::core::attach;
use crate::core::limits;
use crate::core::workspace::Workspace;
use crate::text::msg::attach::AttachMsg as M;

/// What `attach` records besides the file.
#[derive(Clone, Debug, Default)]
pub struct Cite {
    pub reference: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
}

/// A file ready to attach: the evidence item, the bytes, where they go under evidence/.
pub struct Prepared {
    pub evidence: Evidence,
    pub bytes: Vec<u8>,
    pub stored: String,
    pub name: String,
}

impl Prepared {
    pub fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// What the sheet needs once the bytes are written: the evidence item and the name.
    pub fn ready(self) -> Ready {
        Ready { evidence: self.evidence, name: self.name }
    }
}

/// A file written under evidence/, ready to add to the sheet (the dashboard's worker sends it
/// back without the bytes).
#[derive(Clone, Debug)]
pub struct Ready {
    pub evidence: Evidence,
    pub name: String,
}

/// The evidence files (paths under evidence/) a sheet names: its evidence items' files and
/// its news items' files.
pub fn files_of(sheet: &crate::core::answers::Sheet) -> impl Iterator<Item = &str> {
    crate::core::store::evidence::sheet_files(sheet)
}

/// Reads a file the user names, with the user's own rights: a link is refused (never
/// followed), as is anything but a regular file. At most `max` + 1 bytes are read (more: the
/// caller refuses it as too big). Returns its size on disk and the bytes read.
pub fn read_source(path: &Path, max: u64) -> Result<(u64, Vec<u8>), M> {
    let shown = path.display().to_string();
    let reason = |e: &std::io::Error| crate::core::store::read::os_reason(e);
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(M::SourceMissing { path: shown }),
        Err(e) => return Err(M::SourceUnreadable { path: shown, reason: reason(&e) }),
    };
    if meta.file_type().is_symlink() {
        return Err(M::SourceLink { path: shown });
    }
    if !meta.is_file() {
        return Err(M::SourceNotFile { path: shown });
    }
    let f = crate::core::store::sys::open_read_no_follow(path).map_err(|e| M::SourceUnreadable { path: shown.clone(), reason: reason(&e) })?;
    let m = f.metadata().map_err(|e| M::SourceUnreadable { path: shown.clone(), reason: reason(&e) })?;
    if !m.is_file() {
        return Err(M::SourceNotFile { path: shown });
    }
    let mut bytes = Vec::with_capacity(m.len().min(max + 1) as usize);
    f.take(max + 1).read_to_end(&mut bytes).map_err(|e| M::SourceUnreadable { path: shown.clone(), reason: reason(&e) })?;
    Ok((m.len().max(bytes.len() as u64), bytes))
}

/// The file's original name as the sheet keeps it: one line (control characters made U+FFFD),
/// NFC, at most [`limits::EVIDENCE_NAME`] characters.
pub fn original_name(path: &Path) -> String {
    let raw = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let one: String = raw.chars().map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect();
    crate::core::toml_in::nfc(&one).chars().take(limits::EVIDENCE_NAME).collect()
}

/// Reads and checks the file at `path` for `unit`'s sheet: at most the round's size limit,
/// not empty, a type taken (extension and content), the citation's texts within their limits.
/// `comma`: sizes in messages with a decimal comma.
pub fn prepare(ws: &Workspace, unit: &str, path: &Path, cite: Cite, comma: bool) -> Result<Prepared, M> {
    prepare_within(ws.evidence_max_bytes(), unit, path, cite, comma)
}

/// [`prepare`] with the round's size limit given (`max` bytes): it needs no workspace, so the
/// dashboard reads and hashes on a thread of its own while its disk worker goes on.
pub fn prepare_within(max: u64, unit: &str, path: &Path, cite: Cite, comma: bool) -> Result<Prepared, M> {
    let name = original_name(path);
    let (size, bytes) = read_source(path, max)?;
    // `read_source` gives the larger of the file's stated size and what was read.
    if size > max {
        // The bytes too: near the limit "20 MB" and "20 MB" would not tell them apart.
        let exact = |n: u64| format!("{} ({n} byte)", attach::human_size(n, comma));
        return Err(M::TooBig { name, size: exact(size), max: exact(max) });
    }
    if bytes.is_empty() {
        return Err(M::Empty { name });
    }
    match attach::sniff(&name, &bytes[..bytes.len().min(16)]) {
        Ok(_) => {}
        Err(attach::TypeProblem::Extension(ext)) => return Err(M::WrongExtension { name, ext }),
        Err(attach::TypeProblem::Content(ext)) => return Err(M::WrongContent { name, ext }),
    }
    let date = match cite.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(crate::core::date::Date::parse(d).ok_or_else(|| M::BadText { why: d.to_owned() })?),
        None => None,
    };
    let reference = cite.reference.map(|r| crate::core::toml_in::nfc(r.trim())).unwrap_or_default();
    let title = match cite.title.map(|t| crate::core::toml_in::nfc(t.trim())).filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            stem.chars().take(limits::EVIDENCE_TITLE).collect()
        }
    };
    for (field, text) in [(limits::Field::EvidenceRef, &reference), (limits::Field::EvidenceTitle, &title)] {
        if text.chars().any(char::is_control) {
            return Err(M::BadText { why: field.key().to_owned() });
        }
        if let Some(over) = field.check(text) {
            return Err(M::Limit { over });
        }
    }
    let sha = crate::core::audit::sha_hex(&bytes);
    let stored = attach::stored_path(unit, &sha, &name);
    let evidence = Evidence {
        reference,
        date,
        title,
        file: Some(stored.clone()),
        attached: Some(Attached { sha256: sha, size: bytes.len() as u64, name: name.clone() }),
    };
    Ok(Prepared { evidence, bytes, stored, name })
}

/// Adds the prepared file to a criterion's answer: refused when the same file (digest) is
/// attached there already, or the list is full.
pub fn add_to(a: &mut Answer, p: &Prepared, id: &str) -> Result<(), M> {
    add_item(a, &p.evidence, &p.name, id)
}

/// [`add_to`] for an evidence item already written (the dashboard, once its worker is done).
pub fn add_item(a: &mut Answer, evidence: &Evidence, name: &str, id: &str) -> Result<(), M> {
    let sha = evidence.attached.as_ref().map(|x| x.sha256.as_str());
    if a.evidence.iter().any(|e| e.attached.as_ref().map(|x| x.sha256.as_str()) == sha) {
        return Err(M::AlreadyAttached { name: name.to_owned(), id: id.to_owned() });
    }
    if let Some(over) = limits::List::Evidence.check(a.evidence.len() + 1) {
        return Err(M::Limit { over });
    }
    a.evidence.push(evidence.clone());
    Ok(())
}
