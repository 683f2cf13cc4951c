//! Evidence files attached to a criterion (issue 20) and the unit's narrative (issue 22):
//! `parindex attach`, `parindex detach`, `parindex narrative`. All three change the unit's
//! submission, so only its head, only while the unit is open to him (a draft or returned,
//! before the deadline unless reopened), under the unit's edit lock, logged like every edit.

use std::path::Path;

use super::workflow::{change_error, unit_index};
use super::{CmdResult, Failure};
use crate::core::answers::{Section, Sheet, SheetKind};
use crate::core::attach;
use crate::core::clean;
use crate::core::limits;
use crate::core::lock::{self, EditLock, LockOutcome};
use crate::core::roles::Identity;
use crate::core::round::{ChangeError, today};
use crate::core::workflow::{self, Actor};
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::attach::{AttachMsg as M, section_title};

fn usage(m: M, lang: Lang) -> Failure {
    Failure::Usage(m.render(lang))
}

/// The unit's submission, opened for its head's edit: the role checked, the unit's edit lock
/// held (returned), the sheet read under it and found open to the head.
fn open_for_head(ws: &Workspace, unit: &str, lang: Lang) -> Result<(Identity, EditLock, Sheet), Failure> {
    let ui = unit_index(ws, unit, lang)?;
    let who = Identity::current(ws);
    who.require(ws, Actor::Head, ui).map_err(|m| Failure::Usage(m.render(lang)))?;
    let held = match lock::try_lock_in(&ws.store, unit, SheetKind::Submission, &who.user) {
        Ok(LockOutcome::Acquired(l)) => l,
        Ok(LockOutcome::HeldBy(h)) => return Err(change_error(ChangeError::Busy(h), lang)),
        Err(e) => return Err(change_error(ChangeError::Io(e), lang)),
    };
    let sheet = ws.load_sheet(unit, SheetKind::Submission)?;
    let state = ws.unit_state(sheet.as_ref(), today());
    workflow::can_edit(Actor::Head, &state).map_err(|r| usage(M::NotEditable { why: r.render(lang) }, lang))?;
    Ok((who, held, sheet.unwrap_or_else(|| Sheet::new(unit))))
}

/// A leaf criterion by id.
fn leaf(ws: &Workspace, id: &str, lang: Lang) -> Result<usize, Failure> {
    let i = ws.scorecard.node_index(id).ok_or_else(|| usage(M::NoCriterion { id: id.to_owned() }, lang))?;
    if !ws.scorecard.nodes[i].is_leaf() {
        return Err(usage(M::IsGroup { id: id.to_owned() }, lang));
    }
    Ok(i)
}

/// Text typed for a multi-line field: NFC, CR LF read as LF; a lone CR or another control
/// character (tab and line feed aside) refused.
fn multi_line(text: &str) -> Result<String, String> {
    let t = text.replace("\r\n", "\n");
    if let Some(c) = t.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
        return Err(format!("U+{:04X}", c as u32));
    }
    Ok(crate::core::toml_in::nfc(&t))
}

/// `parindex narrative -w DIR --unit ID [--section S (--text T | --file F)]`: without
/// `--section`, prints the four sections; with it, writes one (an empty text clears it).
pub fn narrative(dir: &Path, unit: &str, section: Option<&str>, text: Option<String>, file: Option<&Path>, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let Some(section) = section else {
        let ui = unit_index(&ws, unit, lang)?;
        super::privacy::require(&ws, &Identity::current(&ws), ui, crate::core::roles::Part::Details, None, lang)?;
        let sheet = ws.load_sheet(unit, SheetKind::Submission)?.unwrap_or_else(|| Sheet::new(unit));
        let mut out = String::new();
        for s in Section::ALL {
            let t = sheet.narrative.get(s);
            out.push_str(&format!(
                "## {}\n{}\n\n",
                section_title(s, lang),
                if t.is_empty() { M::NoNarrative.render(lang) } else { clean::text(t).into_owned() }
            ));
        }
        print!("{out}");
        return Ok(());
    };
    let sec = Section::parse(section).ok_or_else(|| usage(M::BadSection { section: section.to_owned() }, lang))?;
    let raw = match (text, file) {
        (Some(t), None) => t,
        (None, Some(f)) => read_text_file(f, lang)?,
        _ => return Err(usage(M::NeedText, lang)),
    };
    let text = multi_line(raw.trim_end()).map_err(|why| usage(M::BadText { why }, lang))?;
    if let Some(over) = limits::Field::Narrative.check(&text) {
        return Err(Failure::Usage(crate::text::msg::sheet::SheetMsg::Limit { over }.render(lang)));
    }
    let (who, _held, mut sheet) = open_for_head(&ws, unit, lang)?;
    *sheet.narrative.get_mut(sec) = text;
    let changed = ws.save_edit(&sheet, SheetKind::Submission, &who.user).map_err(|e| change_error(ChangeError::Io(e), lang))?;
    let m = if changed { M::NarrativeSaved { section: section_title(sec, lang).to_owned() } } else { M::Unchanged };
    println!("{}", m.render(lang));
    Ok(())
}

/// A text file the user names for a section (at most 1 MB, UTF-8).
fn read_text_file(f: &Path, lang: Lang) -> Result<String, Failure> {
    const MAX: u64 = 1024 * 1024;
    let (size, bytes) = crate::attach::read_source(f, MAX).map_err(|m| usage(m, lang))?;
    if size > MAX {
        let name = f.display().to_string();
        return Err(usage(
            M::TooBig { name, size: attach::human_size(size, lang == Lang::Vi), max: attach::human_size(MAX, lang == Lang::Vi) },
            lang,
        ));
    }
    String::from_utf8(bytes).map_err(|_| usage(M::BadText { why: "UTF-8".into() }, lang))
}

pub use crate::attach::Cite;

/// `parindex attach -w DIR --unit ID --criterion C FILE`: copies the file into
/// `evidence/<unit>/` and lists it under the criterion. Without FILE: lists the unit's
/// attached files.
pub fn attach(dir: &Path, unit: &str, criterion: Option<&str>, file: Option<&Path>, cite: Cite, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let Some(file) = file else { return list(&ws, unit, criterion, lang) };
    let Some(criterion) = criterion else { return Err(usage(M::NeedCriterion, lang)) };
    let node = leaf(&ws, criterion, lang)?;
    // The role first: someone else's unit is refused before the file is read.
    let who = Identity::current(&ws);
    who.require(&ws, Actor::Head, unit_index(&ws, unit, lang)?).map_err(|m| Failure::Usage(m.render(lang)))?;
    let p = crate::attach::prepare(&ws, unit, file, cite, lang == Lang::Vi).map_err(|m| usage(m, lang))?;
    let (who, _held, mut sheet) = open_for_head(&ws, unit, lang)?;
    let id = ws.scorecard.nodes[node].id.clone();
    crate::attach::add_to(sheet.answer_mut(node), &p, &id).map_err(|m| usage(m, lang))?;
    let wrote = ws.put_evidence(&p.stored, &p.bytes).map_err(|e| change_error(ChangeError::Io(e), lang))?;
    if let Err(e) = ws.save_edit(&sheet, SheetKind::Submission, &who.user) {
        // The sheet was not written: a file written just now for it goes again.
        if wrote && !ws.evidence_named(&p.stored) {
            let _ = ws.remove_evidence(&p.stored);
        }
        return Err(change_error(ChangeError::Io(e), lang));
    }
    let size = attach::human_size(p.size(), lang == Lang::Vi);
    println!("{}", M::Attached { name: p.name, id, file: p.stored, size }.render(lang));
    Ok(())
}

/// `parindex detach -w DIR --unit ID --criterion C --file F`: removes the attached file from
/// the criterion (F: its path under evidence/, its stored name, its original name or its
/// number in the criterion's list), and the file itself when nothing else names it.
pub fn detach(dir: &Path, unit: &str, criterion: &str, what: &str, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let node = leaf(&ws, criterion, lang)?;
    let (who, _held, mut sheet) = open_for_head(&ws, unit, lang)?;
    let id = ws.scorecard.nodes[node].id.clone();
    let a = sheet.answer_mut(node);
    let by_number = what.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).filter(|&k| a.evidence.get(k).is_some_and(|e| e.attached.is_some()));
    let found = by_number.or_else(|| {
        a.evidence.iter().position(|e| {
            let (Some(f), Some(at)) = (&e.file, &e.attached) else { return false };
            f == what || f.rsplit('/').next() == Some(what) || at.name == what
        })
    });
    let Some(k) = found else { return Err(usage(M::NoSuchAttachment { what: what.to_owned(), id }, lang)) };
    let gone = a.evidence.remove(k);
    sheet.prune();
    ws.save_edit(&sheet, SheetKind::Submission, &who.user).map_err(|e| change_error(ChangeError::Io(e), lang))?;
    let name = gone.attached.as_ref().map(|at| at.name.clone()).unwrap_or_default();
    println!("{}", M::Detached { name, id }.render(lang));
    if let Some(f) = gone.file {
        if ws.evidence_named(&f) {
            println!("{}", M::DetachedKept { file: f }.render(lang));
        } else {
            ws.remove_evidence(&f).map_err(|e| change_error(ChangeError::Io(e), lang))?;
        }
    }
    Ok(())
}

/// The unit's attached files (of one criterion when given): criterion, name, size, the
/// digest's first 12 hex digits, the path under evidence/.
fn list(ws: &Workspace, unit: &str, criterion: Option<&str>, lang: Lang) -> CmdResult {
    use super::table::{Align, Table};
    let ui = unit_index(ws, unit, lang)?;
    super::privacy::require(ws, &Identity::current(ws), ui, crate::core::roles::Part::Details, None, lang)?;
    let only = criterion.map(|c| leaf(ws, c, lang)).transpose()?;
    let sheet = ws.load_sheet(unit, SheetKind::Submission)?.unwrap_or_else(|| Sheet::new(unit));
    let (c_id, c_name, c_size, c_sha, c_file) = match lang {
        Lang::Vi => ("Tiêu chí", "Tên tệp", "Dung lượng", "SHA-256", "Đường dẫn"),
        Lang::En => ("Criterion", "Name", "Size", "SHA-256", "Path"),
    };
    let mut t = Table::new(&[(c_id, Align::Left), (c_name, Align::Left), (c_size, Align::Right), (c_sha, Align::Left), (c_file, Align::Left)]);
    let mut n = 0;
    for (&i, a) in &sheet.answers {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        for e in &a.evidence {
            let (Some(f), Some(at)) = (&e.file, &e.attached) else { continue };
            n += 1;
            t.push(vec![
                ws.scorecard.nodes[i].id.clone(),
                clean::text(&at.name).into_owned(),
                attach::human_size(at.size, lang == Lang::Vi),
                attach::short_digest(&at.sha256).to_owned(),
                format!("evidence/{}", clean::text(f)),
            ]);
        }
    }
    if n == 0 {
        println!("{}", M::NoAttachments.render(lang));
    } else {
        print!("{}", t.render());
    }
    Ok(())
}
