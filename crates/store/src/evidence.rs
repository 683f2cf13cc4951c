//! Evidence files attached to a criterion (issue 20), through the round's folder descriptor:
//! stored as `evidence/<unit>/<12 hex>-<safe name>` atomically (temp file, fsync, rename; no
//! link followed), digested for `check`, removed when nothing names them any more.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use parindex_core::answers::SheetKind;
use parindex_core::diag::{Diagnostic, Diagnostics};
use parindex_core::say::store::StoreMsg;
use sha2::{Digest, Sha256};

use crate::workspace::{EVIDENCE, Workspace};

/// One megabyte as `evidence_max_mb` counts it (1,048,576 bytes).
pub const MB: u64 = 1024 * 1024;

/// The hex SHA-256 and the size of a stream.
pub fn digest_reader(mut r: impl Read) -> io::Result<(String, u64)> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    loop {
        let k = r.read(&mut buf)?;
        if k == 0 {
            break;
        }
        n += k as u64;
        h.update(&buf[..k]);
    }
    Ok((hex(&h.finalize()), n))
}

/// Lower-case hex of bytes.
fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!("{b:02x}"));
    }
    s
}

impl Workspace {
    /// The largest file `attach` takes, in bytes: workspace.toml's `evidence_max_mb`, else
    /// [`parindex_core::attach::DEFAULT_MAX_MB`].
    pub fn evidence_max_bytes(&self) -> u64 {
        self.evidence_max_mb.unwrap_or(parindex_core::attach::DEFAULT_MAX_MB) * MB
    }

    /// The path of an evidence file, for messages and openers (`evidence/` joined).
    pub fn evidence_path(&self, file: &str) -> PathBuf {
        self.dir.join(EVIDENCE).join(file)
    }

    /// Writes `data` as `evidence/<file>` (folders made as needed), atomically and through
    /// the round's folder. `false` when the file already holds exactly these bytes.
    pub fn put_evidence(&self, file: &str, data: &[u8]) -> io::Result<bool> {
        let rel = Path::new(EVIDENCE).join(file);
        self.store.write_atomic(&rel, data).map_err(|e| crate::dir::at(self.evidence_path(file), e))
    }

    /// The hex SHA-256 and size of `evidence/<file>`; `None` when it does not exist. A link
    /// or a folder there is an error (never followed).
    pub fn evidence_digest(&self, file: &str) -> io::Result<Option<(String, u64)>> {
        let rel = Path::new(EVIDENCE).join(file);
        let Some((f, _)) = self.store.open_file(&rel)? else { return Ok(None) };
        digest_reader(f).map(Some)
    }

    /// Removes `evidence/<file>` (missing is fine).
    pub fn remove_evidence(&self, file: &str) -> io::Result<()> {
        let rel = Path::new(EVIDENCE).join(file);
        self.store.remove(&rel).map_err(|e| crate::dir::at(self.evidence_path(file), e))
    }

    /// Whether any submission of the round names `file` (under evidence/) as an evidence file
    /// or a news item's file. A submission that does not load counts as naming it (a file is
    /// never removed on a guess).
    pub fn evidence_named(&self, file: &str) -> bool {
        self.units.iter().any(|u| match self.load_sheet(&u.id, SheetKind::Submission) {
            Ok(Some(sheet)) => {
                sheet.answers.values().any(|a| a.evidence.iter().any(|e| e.file.as_deref() == Some(file)))
                    || sheet.news.iter().any(|n| n.file.as_deref() == Some(file))
            }
            Ok(None) => false,
            Err(_) => true,
        })
    }
}

/// The evidence files (paths under evidence/) a submission names: its evidence items' files
/// and its news items' files.
pub fn sheet_files(sheet: &parindex_core::answers::Sheet) -> impl Iterator<Item = &str> {
    let items = sheet.answers.values().flat_map(|a| a.evidence.iter().filter_map(|e| e.file.as_deref()));
    items.chain(sheet.news.iter().filter_map(|n| n.file.as_deref()))
}

/// `check`: a warning naming each file in `evidence/<unit>/` that no submission names
/// (`named`: every file the round's submissions name). A unit whose submission could not be
/// read (`unread`) is skipped; only the folders of `units`: its files are never called left over on a guess. Temp files
/// and folders are left to other checks.
pub fn check_unnamed(
    ws: &Workspace,
    units: crate::workspace::Units,
    named: &std::collections::HashSet<String>,
    unread: &std::collections::HashSet<String>,
    diags: &mut Diagnostics,
) {
    for u in units.of(ws) {
        if unread.contains(&u.id) {
            continue;
        }
        let rel = Path::new(EVIDENCE).join(&u.id);
        let Ok(Some(d)) = ws.store.sub(&rel, false) else { continue };
        let Ok(mut entries) = d.list() else { continue };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, meta) in entries {
            let Some(name) = name.to_str() else { continue };
            if crate::dir::is_temp_name(name) || name.starts_with('.') || meta.is_dir() {
                continue;
            }
            let file = format!("{}/{name}", u.id);
            if !named.contains(&file) {
                diags.push(Diagnostic::warning(StoreMsg::EvidenceUnnamed).in_file(ws.evidence_path(&file)));
            }
        }
    }
}

/// `check`: every attached file of a submission must be there with the digest and size the
/// sheet records (an error naming it otherwise). `status` aside: a draft's files count too.
pub fn check_attached(ws: &Workspace, sheet: &parindex_core::answers::Sheet, path: &Path, diags: &mut Diagnostics) {
    for (&i, a) in &sheet.answers {
        for e in &a.evidence {
            let (Some(file), Some(at)) = (&e.file, &e.attached) else { continue };
            let id = ws.scorecard.nodes[i].id.clone();
            let shown = format!("{EVIDENCE}/{file}");
            let msg = match ws.evidence_digest(file) {
                Ok(None) => StoreMsg::AttachedMissing { id, file: shown },
                Ok(Some((sha, size))) if sha != at.sha256 || size != at.size => StoreMsg::AttachedChanged { id, file: shown },
                Ok(Some(_)) => continue,
                Err(e) => StoreMsg::AttachedUnreadable { id, file: shown, reason: crate::read::os_reason(&e) },
            };
            diags.push(Diagnostic::error(msg).in_file(path));
        }
    }
}
