//! The news register (issue 12): `parindex news -w DIR --unit ID` lists a unit's items,
//! claimed against confirmed; `parindex news add …` lists one more (a unit head);
//! `parindex confirm -w DIR --unit ID --item N [--reject --reason …]` records what the
//! reviewer received (the reviewer's users or the Office).

use std::path::Path;

use super::table::{Align, Table};
use super::workflow::{change_error, unit_index};
use super::{CmdResult, Failure, Format, emit};
use crate::core::answers::{Sheet, SheetKind};
use crate::core::audit::Entry;
use crate::core::clean;
use crate::core::date::{now_unix, rfc3339};
use crate::core::lock::{self, LockOutcome};
use crate::core::register::{self, Decision, Mark, NewsItem, Review};
use crate::core::roles::Identity;
use crate::core::round::{ChangeError, UTC_OFFSET_MIN, today};
use crate::core::workflow::{self, Actor};
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::register::NewsWord as W;

/// What `news add` lists.
pub struct NewItem {
    pub title: String,
    pub date: String,
    pub link: Option<String>,
    pub file: Option<String>,
    pub sent_to: Option<String>,
}

fn say(m: W, lang: Lang) -> String {
    m.render(lang)
}

/// The register's leaf, or a refusal when the scorecard has none.
fn leaf(ws: &Workspace, lang: Lang) -> Result<usize, Failure> {
    register::news_leaf(&ws.scorecard).ok_or_else(|| Failure::Usage(say(W::NoRegister, lang)))
}

/// Who the items are sent to, when an item does not say: the reviewer of the register's leaf.
fn default_sent_to(ws: &Workspace, leaf: usize) -> String {
    let id = &ws.scorecard.nodes[leaf].id;
    ws.reviewers.iter().find(|r| r.criteria.iter().any(|c| c == id)).map(|r| r.name.clone()).unwrap_or_default()
}

/// `parindex news -w DIR --unit ID [--format json]`.
pub fn list(dir: &Path, unit: &str, format: Format, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    super::privacy::require(&ws, &Identity::current(&ws), ui, crate::core::roles::Part::News, None, lang)?;
    let leaf = leaf(&ws, lang)?;
    let sub = ws.load_sheet(unit, SheetKind::Submission)?;
    let items: &[NewsItem] = sub.as_ref().map_or(&[], |s| &s.news);
    let review = ws.load_review(unit)?;
    let counts = register::count(items, review.as_ref());
    let node = &ws.scorecard.nodes[leaf];
    let target = match &node.rule {
        Some(crate::core::scorecard::Rule::Target(t)) => *t,
        _ => rust_decimal::Decimal::ZERO,
    };
    let sent_to = default_sent_to(&ws, leaf);
    let bound = review.as_ref().map(|r| r.bind(items)).unwrap_or_default();
    let mark = |k: usize| bound.get(k).copied().flatten();
    match format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = items
                .iter()
                .enumerate()
                .map(|(k, it)| {
                    let m = mark(k);
                    serde_json::json!({
                        "item": k + 1,
                        "key": it.key(),
                        "digest": it.digest(),
                        "title": it.title,
                        "date": it.date.map(|d| d.iso()),
                        "link": it.link,
                        "file": it.file,
                        "sent_to": if it.sent_to.is_empty() { &sent_to } else { &it.sent_to },
                        "status": m.map_or("pending", |m| m.decision.as_str()),
                        "reason": m.map(|m| m.reason.clone()).filter(|r| !r.is_empty()),
                        "by": m.map(|m| m.by.clone()),
                        "at": m.map(|m| m.at.clone()),
                    })
                })
                .collect();
            let v = serde_json::json!({
                "unit": unit,
                "criterion": node.id,
                "target": target,
                "claimed": counts.claimed,
                "confirmed": counts.confirmed,
                "rejected": counts.rejected,
                "pending": counts.pending(),
                "reviewed": counts.reviewed,
                "items": rows,
            });
            emit(None, &(serde_json::to_string_pretty(&v).expect("JSON values serialize") + "\n"))
        }
        Format::Table => {
            let u = &ws.units[ui];
            let mut out = say(W::Heading { unit: u.id.clone(), name: clean::text(&u.name).into_owned() }, lang);
            out.push_str(&format!(" — `{}`\n", node.id));
            if items.is_empty() {
                out.push_str(&say(W::Empty, lang));
                out.push('\n');
            } else {
                let (no, date, title, link, to, state) = (
                    say(W::ColNo, lang),
                    say(W::ColDate, lang),
                    say(W::ColTitle, lang),
                    say(W::ColWhere, lang),
                    say(W::ColSentTo, lang),
                    say(W::ColState, lang),
                );
                let mut table = Table::new(&[
                    (&no, Align::Right),
                    (&date, Align::Left),
                    (&title, Align::Left),
                    (&link, Align::Left),
                    (&to, Align::Left),
                    (&state, Align::Left),
                ]);
                for (k, it) in items.iter().enumerate() {
                    let st = match mark(k) {
                        Some(m) if m.decision == Decision::Confirmed => say(W::Confirmed { by: m.by.clone() }, lang),
                        Some(m) => say(W::Rejected { reason: m.reason.clone() }, lang),
                        None => say(W::Pending, lang),
                    };
                    let place = it.link.clone().or_else(|| it.file.clone()).unwrap_or_else(|| "—".into());
                    let to = if it.sent_to.is_empty() { &sent_to } else { &it.sent_to };
                    table.push(vec![
                        (k + 1).to_string(),
                        it.date.map_or("—".into(), |d| d.to_string()),
                        crate::text::truncate(&clean::text(&it.title), 48),
                        crate::text::truncate(&clean::text(&place), 40),
                        crate::text::truncate(&clean::text(to), 24),
                        clean::text(&st).into_owned(),
                    ]);
                }
                out.push_str(&table.render());
            }
            out.push_str(&say(
                W::SummaryFull {
                    claimed: counts.claimed,
                    confirmed: counts.confirmed,
                    rejected: counts.rejected,
                    pending: counts.pending(),
                    target: crate::text::msg::Show::show(&target, lang),
                },
                lang,
            ));
            out.push('\n');
            if register::appraised_default(&counts).is_some() {
                out.push_str(&say(W::OfficeAppraisal { confirmed: counts.confirmed }, lang));
                out.push('\n');
            }
            emit(None, &out)
        }
    }
}

/// `parindex news add`: a unit head lists one more item (the self-assessment must be open to
/// the unit: a draft or returned, before the deadline unless reopened).
pub fn add(dir: &Path, unit: &str, item: NewItem, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    leaf(&ws, lang)?;
    let who = Identity::current(&ws);
    who.require(&ws, Actor::Head, ui).map_err(|m| Failure::Usage(m.render(lang)))?;
    let new = register::typed_item(&item.title, &item.date, item.link.as_deref(), item.file.as_deref(), item.sent_to.as_deref().unwrap_or(""))
        .map_err(|(_, m)| Failure::Usage(m.render(lang)))?;
    let _lock = match lock::try_lock_in(&ws.store, unit, SheetKind::Submission, &who.user) {
        Ok(LockOutcome::Acquired(l)) => l,
        Ok(LockOutcome::HeldBy(h)) => return Err(change_error(ChangeError::Busy(h), lang)),
        Err(e) => return Err(change_error(ChangeError::Io(e), lang)),
    };
    let sheet = ws.load_sheet(unit, SheetKind::Submission)?;
    let state = ws.unit_state(sheet.as_ref(), today());
    workflow::can_edit(Actor::Head, &state)
        .map_err(|r| Failure::Usage(say(W::NotEditable { why: crate::text::msg::Message::render(&r, lang) }, lang)))?;
    let mut sheet = sheet.unwrap_or_else(|| Sheet::new(unit));
    if let Some(over) = crate::core::limits::List::News.check(sheet.news.len() + 1) {
        return Err(Failure::Usage(crate::text::msg::register::RegisterMsg::Limit { over }.render(lang)));
    }
    // The same item again (spaces, case or Unicode form aside) is refused with its number: a
    // copy would count twice.
    if let Some(first) = register::repeats(&sheet.news, &new, None) {
        return Err(Failure::Usage(crate::text::msg::register::RegisterMsg::Duplicate { title: new.title, first }.render(lang)));
    }
    let title = new.title.clone();
    sheet.news.push(new);
    register::sync(&mut sheet, &ws.scorecard);
    ws.save_edit(&sheet, SheetKind::Submission, &who.user).map_err(|e| change_error(ChangeError::Io(e), lang))?;
    println!("{}", clean::text(&say(W::DidAdd { n: sheet.news.len(), title }, lang)));
    Ok(())
}

/// `parindex confirm`: the reviewer (or the Office) records an item as received, or not.
pub fn confirm(dir: &Path, unit: &str, item: usize, reject: bool, reason: Option<&str>, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    unit_index(&ws, unit, lang)?;
    let leaf = leaf(&ws, lang)?;
    let id = ws.scorecard.nodes[leaf].id.clone();
    let who = Identity::current(&ws);
    if !who.may_review(&ws, &id) {
        return Err(Failure::Usage(say(W::NotReviewer { user: who.user.clone(), id }, lang)));
    }
    let reason = reason.map(str::trim).unwrap_or_default();
    if reject && reason.is_empty() {
        return Err(Failure::Usage(crate::text::msg::register::RegisterMsg::RejectNeedsReason.render(lang)));
    }
    if reason.chars().any(char::is_control) {
        return Err(Failure::Usage(crate::text::msg::register::RegisterMsg::ControlChars.render(lang)));
    }
    if let Some(over) = crate::core::limits::Field::Reason.check(reason) {
        return Err(Failure::Usage(crate::text::msg::register::RegisterMsg::Limit { over }.render(lang)));
    }
    let sub = ws.load_sheet(unit, SheetKind::Submission)?;
    let items: &[NewsItem] = sub.as_ref().map_or(&[], |s| &s.news);
    let Some(it) = item.checked_sub(1).and_then(|k| items.get(k)) else {
        return Err(Failure::Usage(say(W::NoItem { n: item, count: items.len() }, lang)));
    };
    // A copy of an earlier item (spaces, case or Unicode form aside: a hand-edited file) is
    // never confirmed; an exact copy takes no decision at all, since a decision binds the
    // first item with its digest. The reviewer may reject a near copy.
    if let Some(first) = register::repeats(&items[..item - 1], it, None)
        && (!reject || items[first - 1].digest() == it.digest())
    {
        return Err(Failure::Usage(crate::text::msg::register::RegisterMsg::Duplicate { title: it.title.clone(), first }.render(lang)));
    }
    // The decisions count as the appraisal's input for the register's leaf: a final unit's
    // figures change only through `reopen`, so its register is closed too.
    if sub.as_ref().is_some_and(|s| s.status == crate::core::answers::Status::Final) {
        return Err(change_error(ChangeError::Refused(workflow::Refusal::Locked { status: crate::core::answers::Status::Final }), lang));
    }
    // Read, decide and write under the unit's review lock: a decision made at the same moment
    // elsewhere waits, then starts from this one.
    let _held = ws.lock_review(unit, &who.user).map_err(|e| change_error(ChangeError::Io(e), lang))?;
    // Again under the lock (`finalise` takes it): a unit finalised since it was read above.
    if ws.load_sheet(unit, SheetKind::Submission)?.is_some_and(|s| s.status == crate::core::answers::Status::Final) {
        return Err(change_error(ChangeError::Refused(workflow::Refusal::Locked { status: crate::core::answers::Status::Final }), lang));
    }
    let mut review = ws.load_review(unit)?.unwrap_or_else(|| Review::new(unit));
    let decision = if reject { Decision::Rejected } else { Decision::Confirmed };
    let old = review.mark_of(items, item - 1).map(|m| m.decision.as_str().to_owned());
    review.set(Mark {
        key: it.key(),
        digest: Some(it.digest()),
        title: it.title.clone(),
        decision,
        reason: reason.to_owned(),
        by: who.user.clone(),
        at: rfc3339(now_unix(), UTC_OFFSET_MIN),
    });
    let mut e = Entry::new(&who.user, if reject { "reject" } else { "confirm" });
    e.criterion = Some(ws.scorecard.nodes[leaf].id.clone());
    e.field = Some("news".into());
    e.old = old;
    // The item's title as the limit allows (a hand-edited file may hold a longer one).
    let title: String = it.title.chars().take(crate::core::limits::NEWS_TITLE).collect();
    e.new = Some(if reject { format!("{}: {title} ({reason})", decision.as_str()) } else { format!("{}: {title}", decision.as_str()) });
    let changed = ws.save_review(&review, vec![e], &who.user).map_err(|e| change_error(ChangeError::Io(e), lang))?;
    let msg = match (changed, reject) {
        (false, _) => say(W::Unchanged, lang),
        (true, false) => say(W::DidConfirm { n: item, title: it.title.clone() }, lang),
        (true, true) => say(W::DidReject { n: item, title: it.title.clone() }, lang),
    };
    println!("{}", clean::text(&msg));
    Ok(())
}

/// "tin, bài: kê khai 5, xác nhận 3" for a unit, when the scorecard has a register and the
/// unit listed items.
pub fn summary(ws: &Workspace, sub: Option<&Sheet>, unit: &str, lang: Lang) -> Option<String> {
    let counts = ws.register_counts(sub, unit).ok()??;
    (counts.claimed > 0).then(|| say(W::Summary { claimed: counts.claimed, confirmed: counts.confirmed }, lang))
}

/// Under `status`, for a round with a reviewer: each unit's register, claimed against
/// confirmed ("Văn phòng — tin, bài: kê khai 5, xác nhận 3"), units in Vietnamese order.
pub fn status_lines(ws: &Workspace, lang: Lang) -> String {
    let mut out = String::new();
    if ws.reviewers.is_empty() || register::news_leaf(&ws.scorecard).is_none() {
        return out;
    }
    let mut order: Vec<(&str, usize)> = ws.units.iter().enumerate().map(|(i, u)| (u.name.as_str(), i)).collect();
    crate::core::rank::sort_by_name(&mut order, |x| x.0);
    let who = Identity::current(ws);
    for (name, i) in order {
        // Another unit's register only for its reviewer and the Office (issue 18).
        if !who.may_read(ws, i, crate::core::roles::Part::News, None) {
            continue;
        }
        let id = &ws.units[i].id;
        let Ok(sub) = ws.load_sheet_keeping(id, SheetKind::Submission, crate::core::answers::Keep::Scores) else { continue };
        if let Some(line) = summary(ws, sub.as_ref(), id, lang) {
            out.push_str(&format!("{} — {line}\n", clean::text(name)));
        }
    }
    if !out.is_empty() {
        out = format!("{}:\n{out}", say(W::RegisterWord, lang));
    }
    out
}
