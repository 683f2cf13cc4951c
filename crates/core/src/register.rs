//! The news register (sổ tin, bài; issue 12): the items a unit sent to the division that
//! publishes them (`[[news]]` in its submission), the reviewer who confirms what it received
//! (`[[reviewer]]` in workspace.toml), and the confirmations (`reviews/<unit>.toml`).
//!
//! A scorecard leaf with `register = "news"` (a `target` rule) takes its value from the list:
//! the unit's value is the number of items it claims; the appraised value defaults to the
//! number the reviewer confirmed, once the reviewer has reviewed (the Office can still enter
//! its own). A confirmation matches its item by a key digested from the item's date and title,
//! so an item edited after it was confirmed is no longer confirmed.

use crate::say::toml::Place;
use std::fmt::Write as _;
use std::sync::Arc;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::answers::{Input, Sheet, quote};
use super::date::Date;
use super::diag::{Diagnostics, LoadError, Source};
use super::scorecard::{Rule, Scorecard};
use super::toml_in::{Reader, Table};
use crate::say::register::RegisterMsg;

/// The one register there is: news items (tin, bài).
pub const NEWS: &str = "news";
/// The folder of the reviewers' confirmations, one file per unit.
pub const REVIEWS: &str = "reviews";

/// One item a unit sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NewsItem {
    pub title: String,
    /// When it was sent (required in a file; `None` only when the file lacked it).
    pub date: Option<Date>,
    /// Where it was published or can be read (http/https).
    pub link: Option<String>,
    /// An evidence file (under `evidence/`), e.g. the item as sent.
    pub file: Option<String>,
    /// Where it was sent; empty: the reviewer's name.
    pub sent_to: String,
}

impl NewsItem {
    /// The legacy key (reviews written before issue 18 matched by it): 12 hex digits of
    /// SHA-256 over the date and the title (trimmed, inner spaces collapsed). It no longer
    /// binds a decision on its own: see [`Review::bind`].
    pub fn key(&self) -> String {
        key_of(self.date, &self.title)
    }

    /// The item's canonical line: the inline table our own writer puts in a submission
    /// (`{ title = …, date = …, link = …, file = …, sent_to = … }`), every field in it.
    pub fn line(&self) -> String {
        item_line(self, quote)
    }

    /// What a decision binds: the SHA-256 (64 hex digits) of [`NewsItem::line`], so a change to
    /// any field (one space in the title included) makes the item undecided again.
    pub fn digest(&self) -> String {
        let mut s = String::with_capacity(64);
        for b in Sha256::digest(self.line().as_bytes()) {
            let _ = write!(s, "{b:02x}");
        }
        s
    }
}

/// A title as two items are compared for sameness: composed (NFC), trimmed, inner whitespace
/// collapsed to one space, lower-cased (Unicode), composed again.
pub fn normal_title(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let lower = super::toml_in::nfc(&words.join(" ")).to_lowercase();
    super::toml_in::nfc(&lower)
}

/// Whether two items are the same item: the same date and the same [`normal_title`].
pub fn same_item(a: &NewsItem, b: &NewsItem) -> bool {
    a.date == b.date && normal_title(&a.title) == normal_title(&b.title)
}

/// The number (1-based) of the first item of `items` that `item` repeats ([`same_item`]),
/// leaving out the item at index `skip` (the one being edited).
pub fn repeats(items: &[NewsItem], item: &NewsItem, skip: Option<usize>) -> Option<usize> {
    items.iter().enumerate().find(|&(k, it)| Some(k) != skip && same_item(it, item)).map(|(k, _)| k + 1)
}

/// See [`NewsItem::key`].
pub fn key_of(date: Option<Date>, title: &str) -> String {
    let title: Vec<&str> = title.split_whitespace().collect();
    let text = format!("{}\n{}", date.map(|d| d.iso()).unwrap_or_default(), title.join(" "));
    let mut s = String::with_capacity(12);
    for b in &Sha256::digest(text.as_bytes())[..6] {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The leaf counted from the news register, if the scorecard has one.
pub fn news_leaf(sc: &Scorecard) -> Option<usize> {
    sc.leaves().find(|&i| sc.nodes[i].register.as_deref() == Some(NEWS))
}

/// Whether `link` is a web address (http or https, something after the scheme, no spaces).
pub fn valid_link(link: &str) -> bool {
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// The field of a news item typed by hand that a problem is in (the dashboard's form puts the
/// cursor there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemField {
    Title,
    Date,
    /// The link or the file.
    Place,
    SentTo,
}

/// A news item as a person types it (`parindex news add`, the dashboard's form): the one set
/// of rules for items entered by hand. Text is trimmed and composed (NFC) and must be one line;
/// a title, a date (day first) and a link (http/https) or a file under evidence/ are required.
/// (A hand-edited file is read by [`read_items`], which only warns about a missing link.)
pub fn typed_item(title: &str, date: &str, link: Option<&str>, file: Option<&str>, sent_to: &str) -> Result<NewsItem, (ItemField, RegisterMsg)> {
    use ItemField as F;
    let clean = |s: &str| super::toml_in::nfc(s.trim());
    let (title, date_text, sent_to) = (clean(title), clean(date), clean(sent_to));
    let link = link.map(clean).filter(|s| !s.is_empty());
    let file = file.map(clean).filter(|s| !s.is_empty());
    let texts =
        [(F::Title, Some(&title)), (F::Date, Some(&date_text)), (F::Place, link.as_ref()), (F::Place, file.as_ref()), (F::SentTo, Some(&sent_to))];
    if let Some((field, _)) = texts.iter().find(|(_, s)| s.is_some_and(|s| s.chars().any(char::is_control))) {
        return Err((*field, RegisterMsg::ControlChars));
    }
    use super::limits::Field as L;
    let bounded = [
        (F::Title, L::NewsTitle, Some(&title)),
        (F::Place, L::NewsLink, link.as_ref()),
        (F::Place, L::NewsFile, file.as_ref()),
        (F::SentTo, L::NewsSentTo, Some(&sent_to)),
    ];
    for (field, limit, text) in bounded {
        if let Some(over) = text.and_then(|t| limit.check(t)) {
            return Err((field, RegisterMsg::Limit { over }));
        }
    }
    if title.is_empty() {
        return Err((F::Title, RegisterMsg::NoTitle));
    }
    if date_text.is_empty() {
        return Err((F::Date, RegisterMsg::NoDate));
    }
    let date = Date::parse(&date_text).ok_or_else(|| (F::Date, RegisterMsg::TypedBadDate { date: date_text.clone() }))?;
    if link.is_none() && file.is_none() {
        return Err((F::Place, RegisterMsg::TypedNoPlace));
    }
    if let Some(l) = &link
        && !valid_link(l)
    {
        return Err((F::Place, RegisterMsg::BadLink { link: l.clone() }));
    }
    if let Some(f) = &file {
        super::answers::safe_relative(f).map_err(|why| (F::Place, RegisterMsg::BadFile { file: f.clone(), why }))?;
    }
    Ok(NewsItem { title, date: Some(date), link, file, sent_to })
}

/// Reads the `[[news]]` items of a submission (diagnostics into `r`), in file order.
pub fn read_items<T: Table>(r: &mut Reader, doc: &T, sc: &Scorecard) -> Vec<NewsItem> {
    let mut items: Vec<NewsItem> = Vec::new();
    r.each_table(doc, NEWS, |r, t, sp| {
        r.unknown_keys(t, &["title", "date", "link", "file", "sent_to"], Place::NewsItem);
        let title = r.string(t, "title");
        if title.as_ref().is_none_or(|(s, _)| s.trim().is_empty()) {
            if title.is_some() || t.value("title").is_none() {
                r.error(title.as_ref().map_or(sp.clone(), |x| x.1.clone()), RegisterMsg::NoTitle);
            }
            return;
        }
        let (title, title_span) = title.unwrap_or_default();
        let date = r.date(t, "date");
        if date.is_none() && t.value("date").is_none() {
            r.error(sp.clone(), RegisterMsg::NoDate);
        }
        if let (Some((d, dsp)), Some(year)) = (&date, sc.year)
            && i64::from(d.year) != year
        {
            r.warning(dsp.clone(), RegisterMsg::DateOutsideYear { date: d.to_string(), year });
        }
        let mut link = None;
        if let Some((l, lsp)) = r.string(t, "link") {
            if valid_link(&l) {
                link = Some(l);
            } else {
                r.error(lsp, RegisterMsg::BadLink { link: l });
            }
        }
        let mut file = None;
        if let Some((f, fsp)) = r.string(t, "file") {
            match super::answers::safe_relative(&f) {
                Ok(()) => file = Some(f),
                Err(why) => r.error(fsp, RegisterMsg::BadFile { file: f, why }),
            }
        }
        if link.is_none() && file.is_none() && t.value("link").is_none() && t.value("file").is_none() {
            r.warning(sp.clone(), RegisterMsg::NoLinkNorFile { title: title.clone() });
        }
        let sent_to = r.string(t, "sent_to").map(|x| x.0).unwrap_or_default();
        let item = NewsItem { title, date: date.map(|d| d.0), link, file, sent_to };
        // Over-long fields and lists load (one bad sheet must never take the round down), with
        // a warning naming the limit.
        if let Some(over) = super::limits::item_over(&item) {
            r.warning(sp.clone(), RegisterMsg::Limit { over });
        }
        if items.len() == super::limits::NEWS_ITEMS
            && let Some(over) = super::limits::List::News.check(items.len() + 1)
        {
            r.warning(sp.clone(), RegisterMsg::Limit { over });
        }
        // The same item twice (after normalising spaces, case and Unicode form) loads, with a
        // warning: `news add` and the dashboard refuse it; a decision counts for one copy only.
        if let Some(first) = repeats(&items, &item, None) {
            r.warning(title_span, RegisterMsg::Duplicate { title: item.title.clone(), first });
        }
        items.push(item);
    });
    items
}

/// The news items as TOML, one inline table a line (`news = [ { title = …, date = … }, … ]`,
/// the same array as `[[news]]` tables, in the form the fast reader takes). Written before the
/// answers, in what a seal digests, so the seal and the signature cover the register.
pub fn items_toml(items: &[NewsItem], s: &mut String) {
    items_toml_with(items, s, quote);
}

/// [`items_toml`] with another string writer (the legacy one, to verify old seals).
pub fn items_toml_with(items: &[NewsItem], s: &mut String, quote: fn(&str) -> String) {
    if items.is_empty() {
        return;
    }
    s.push_str("news = [\n");
    for it in items {
        let _ = writeln!(s, "  {},", item_line(it, quote));
    }
    s.push_str("]\n");
}

/// One item as an inline table, every field it has (the line [`items_toml_with`] writes).
fn item_line(it: &NewsItem, quote: fn(&str) -> String) -> String {
    let mut s = format!("{{ title = {}", quote(&it.title));
    if let Some(d) = it.date {
        let _ = write!(s, ", date = {}", d.iso());
    }
    if let Some(l) = &it.link {
        let _ = write!(s, ", link = {}", quote(l));
    }
    if let Some(f) = &it.file {
        let _ = write!(s, ", file = {}", quote(f));
    }
    if !it.sent_to.is_empty() {
        let _ = write!(s, ", sent_to = {}", quote(&it.sent_to));
    }
    s.push_str(" }");
    s
}

/// The register leaf's input from the list: the number of items (none when the list is
/// empty: then a typed value, from before the register, stands).
pub fn sync(sheet: &mut Sheet, sc: &Scorecard) {
    let Some(leaf) = news_leaf(sc) else { return };
    if sheet.news.is_empty() {
        return;
    }
    sheet.answer_mut(leaf).input = Some(Input::Value(Decimal::from(sheet.news.len())));
}

/// A role that confirms what units sent it (`[[reviewer]]` in workspace.toml).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewer {
    pub id: String,
    pub name: String,
    /// OS users who act for it.
    pub users: Vec<String>,
    /// The criteria it checks (ids of register leaves).
    pub criteria: Vec<String>,
}

/// Reads the `[[reviewer]]` tables of workspace.toml. The criteria are checked against the
/// scorecard later ([`check_reviewers`]), once it is loaded.
pub fn read_reviewers<T: Table>(r: &mut Reader, doc: &T) -> Vec<(Reviewer, Vec<super::toml_in::Span>)> {
    let mut out: Vec<(Reviewer, Vec<super::toml_in::Span>)> = Vec::new();
    r.each_table(doc, "reviewer", |r, t, sp| {
        r.unknown_keys(t, &["id", "name", "users", "criteria"], Place::Reviewer);
        let id = r.req_string(t, "id", sp.clone(), Place::ThisReviewer);
        let name = r.req_string(t, "name", sp.clone(), Place::ThisReviewer);
        let users = r.strings(t, "users").into_iter().map(|x| x.0).collect();
        let crits = r.strings(t, "criteria");
        let (Some((id, isp)), Some((name, _))) = (id, name) else { return };
        if !crate::valid_unit_id(&id) {
            r.error(isp, RegisterMsg::ReviewerBadId { id });
            return;
        }
        if out.iter().any(|(x, _)| x.id == id) {
            r.error(isp, RegisterMsg::ReviewerTwice { id });
            return;
        }
        let spans = crits.iter().map(|c| c.1.clone()).collect();
        let criteria = crits.into_iter().map(|c| c.0).collect();
        out.push((Reviewer { id, name, users, criteria }, spans));
    });
    out
}

/// Criteria a reviewer names that the scorecard lacks (criterion id, its place in the file).
pub fn unknown_criteria<'a>(rev: &'a [(Reviewer, Vec<super::toml_in::Span>)], sc: &Scorecard) -> Vec<(&'a str, super::toml_in::Span)> {
    let mut out = Vec::new();
    for (rv, spans) in rev {
        for (c, sp) in rv.criteria.iter().zip(spans) {
            if sc.node_index(c).is_none() {
                out.push((c.as_str(), sp.clone()));
            }
        }
    }
    out
}

/// What a reviewer decided about an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Confirmed,
    Rejected,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Confirmed => "confirmed",
            Decision::Rejected => "rejected",
        }
    }
}

/// One decision in a unit's confirmations file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The item's [`NewsItem::key`] (the legacy key; still written, for people and older
    /// readers).
    pub key: String,
    /// The item's [`NewsItem::digest`]: what the decision binds. `None` in a decision written
    /// before issue 18 (see [`Review::bind`]).
    pub digest: Option<String>,
    /// The item's title as it stood (for people reading the file).
    pub title: String,
    pub decision: Decision,
    pub reason: String,
    /// The OS user and the time (RFC 3339, Vietnam time).
    pub by: String,
    pub at: String,
}

/// A unit's confirmations (`reviews/<unit>.toml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    pub unit: String,
    pub marks: Vec<Mark>,
}

impl Review {
    pub fn new(unit: &str) -> Review {
        Review { unit: unit.to_owned(), marks: Vec::new() }
    }

    /// The decision bound to each of `items` (in order). A decision binds at most one item:
    /// the first whose [`NewsItem::digest`] it names. A legacy decision (no digest) binds the
    /// item whose legacy [`NewsItem::key`] it names only when exactly one item of the list has
    /// that key. An item no decision binds is undecided, so are a copy of a decided item and an
    /// item edited after its decision.
    pub fn bind(&self, items: &[NewsItem]) -> Vec<Option<&Mark>> {
        let mut used = vec![false; self.marks.len()];
        let keys: Vec<String> = items.iter().map(NewsItem::key).collect();
        let mut out = Vec::with_capacity(items.len());
        for (k, it) in items.iter().enumerate() {
            let digest = it.digest();
            let mut found = self.marks.iter().enumerate().position(|(j, m)| !used[j] && m.digest.as_deref() == Some(digest.as_str()));
            if found.is_none() && keys.iter().filter(|x| **x == keys[k]).count() == 1 {
                found = self.marks.iter().enumerate().position(|(j, m)| !used[j] && m.digest.is_none() && m.key == keys[k]);
            }
            if let Some(j) = found {
                used[j] = true;
            }
            out.push(found.map(|j| &self.marks[j]));
        }
        out
    }

    /// The decision bound to `items[index]`, if any ([`Review::bind`]).
    pub fn mark_of(&self, items: &[NewsItem], index: usize) -> Option<&Mark> {
        self.bind(items).get(index).copied().flatten()
    }

    /// Records a decision, replacing an earlier one on the same item: the same digest, or a
    /// legacy decision (no digest) with the same key, which the new one supersedes.
    pub fn set(&mut self, mark: Mark) {
        if mark.digest.is_some() {
            self.marks.retain(|m| m.digest.is_some() || m.key != mark.key);
        }
        match self.marks.iter_mut().find(|m| m.digest == mark.digest && (m.digest.is_some() || m.key == mark.key)) {
            Some(m) => *m = mark,
            None => self.marks.push(mark),
        }
    }

    pub fn parse(src: Arc<Source>, expected_unit: &str) -> Result<Review, LoadError> {
        let mut r = Reader::new(src.clone());
        let doc = r.parse(&src.text);
        let doc = doc.get_ref();
        r.unknown_keys(doc, &["unit", "item"], Place::ReviewFile);
        let mut review = Review::new(expected_unit);
        if let Some((u, sp)) = r.string(doc, "unit")
            && u != expected_unit
        {
            r.error(sp, RegisterMsg::WrongUnit { found: u, expected: expected_unit.to_owned() });
        }
        r.each_table(doc, "item", |r, t, sp| {
            r.unknown_keys(t, &["key", "digest", "title", "status", "reason", "by", "at"], Place::Confirmation);
            let Some((key, _)) = r.string(t, "key") else {
                r.error(sp, RegisterMsg::MarkNoKey);
                return;
            };
            let decision = match r.string(t, "status") {
                Some((s, _)) if s == "confirmed" => Decision::Confirmed,
                Some((s, _)) if s == "rejected" => Decision::Rejected,
                Some((s, ssp)) => {
                    r.error(ssp, RegisterMsg::MarkBadStatus { status: s });
                    return;
                }
                None => Decision::Confirmed,
            };
            let reason = r.string(t, "reason").map(|x| x.0).unwrap_or_default();
            if decision == Decision::Rejected && reason.trim().is_empty() {
                r.error(sp, RegisterMsg::RejectNeedsReason);
            }
            let title = r.string(t, "title").map(|x| x.0).unwrap_or_default();
            let by = r.string(t, "by").map(|x| x.0).unwrap_or_default();
            let at = r.string(t, "at").map(|x| x.0).unwrap_or_default();
            let digest = r.string(t, "digest").map(|x| x.0);
            review.set(Mark { key, digest, title, decision, reason, by, at });
        });
        let mut d: Diagnostics = r.diags;
        if d.has_errors() {
            d.sort();
            Err(LoadError::invalid(d))
        } else {
            Ok(review)
        }
    }

    pub fn to_toml(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "unit = {}", quote(&self.unit));
        for m in &self.marks {
            let _ = writeln!(s, "\n[[item]]\nkey = {}", quote(&m.key));
            if let Some(d) = &m.digest {
                let _ = writeln!(s, "digest = {}", quote(d));
            }
            let _ = writeln!(s, "title = {}\nstatus = {}", quote(&m.title), quote(m.decision.as_str()));
            if !m.reason.is_empty() {
                let _ = writeln!(s, "reason = {}", quote(&m.reason));
            }
            let _ = writeln!(s, "by = {}\nat = {}", quote(&m.by), quote(&m.at));
        }
        s
    }
}

/// The register of one unit, item by item, against the confirmations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub claimed: usize,
    pub confirmed: usize,
    pub rejected: usize,
    /// The reviewer has decided on at least one of the items listed now.
    pub reviewed: bool,
}

impl Counts {
    pub fn pending(&self) -> usize {
        self.claimed - self.confirmed - self.rejected
    }
}

/// Counts a unit's items against its confirmations (a decision on an item no longer listed,
/// or since edited, counts for nothing; a decision counts for one item only: [`Review::bind`]).
pub fn count(items: &[NewsItem], review: Option<&Review>) -> Counts {
    let mut c = Counts { claimed: items.len(), ..Counts::default() };
    let Some(rv) = review else { return c };
    for m in rv.bind(items) {
        match m.map(|m| m.decision) {
            Some(Decision::Confirmed) => c.confirmed += 1,
            Some(Decision::Rejected) => c.rejected += 1,
            None => {}
        }
    }
    c.reviewed = c.confirmed + c.rejected > 0;
    c
}

/// The appraised input the register proposes for the news leaf: the items confirmed, once the
/// reviewer has reviewed; `None` before (the unit's own count stands until then).
pub fn appraised_default(counts: &Counts) -> Option<Input> {
    counts.reviewed.then(|| Input::Value(Decimal::from(counts.confirmed)))
}

/// The final input of the news leaf: the Office's own entry when it made one, else the
/// register's default, else the unit's count.
pub fn final_input<'a>(office: Option<&'a Input>, default: Option<&'a Input>, unit: Option<&'a Input>) -> Option<&'a Input> {
    office.or(default).or(unit)
}

/// The `register` key of a criterion (checked: a known register, on a `target` leaf, one leaf
/// per register). Called by the scorecard loader.
pub fn check_leaf(r: &mut Reader, id: &str, register: &(String, super::toml_in::Span), is_group: bool, rule: Option<&Rule>) -> bool {
    let (name, sp) = register;
    if name != NEWS {
        r.error(sp.clone(), RegisterMsg::UnknownRegister { name: name.clone() });
        return false;
    }
    if is_group {
        r.error(sp.clone(), RegisterMsg::RegisterOnGroup { id: id.to_owned() });
        return false;
    }
    if !matches!(rule, Some(Rule::Target(_))) {
        r.error(sp.clone(), RegisterMsg::RegisterNeedsTarget { id: id.to_owned() });
        return false;
    }
    true
}
