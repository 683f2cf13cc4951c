//! The limits on every text field and list a person fills in (issue 18): the one place they
//! are set. They are refused at input (the dashboard, the command line, imports) with the limit
//! named, and never written; a file that already holds more still loads, with a warning naming
//! the field and the limit (`check`). Lengths are counted in characters (Unicode scalar
//! values), not bytes. docs/formats.md lists them in a table.

/// A unit's explanation of a criterion (`note`, giải trình).
pub const NOTE: usize = 5_000;
/// The Office's comment on a criterion (`comment`).
pub const COMMENT: usize = 5_000;
/// The Office's question on a criterion (`question`).
pub const QUESTION: usize = 5_000;
/// The unit's reply to that question (`reply`).
pub const REPLY: usize = 5_000;
/// An evidence document's number and symbol (`ref`, e.g. `44/KH-SKH&CN`).
pub const EVIDENCE_REF: usize = 100;
/// An evidence document's title (trích yếu).
pub const EVIDENCE_TITLE: usize = 300;
/// An evidence file's path under `evidence/` (an evidence item's or a news item's `file`).
pub const FILE: usize = 500;
/// A news item's title.
pub const NEWS_TITLE: usize = 300;
/// A news item's link (http/https).
pub const NEWS_LINK: usize = 2_000;
/// Where a news item was sent (`sent_to`).
pub const NEWS_SENT_TO: usize = 200;
/// A reason given on the command line (`confirm --reject --reason`, `return --reason`).
pub const REASON: usize = 1_000;
/// The round's title (`init --title`).
pub const ROUND_TITLE: usize = 300;
/// Each section of a unit's narrative (`[narrative]`: kết quả, tồn tại, nguyên nhân, kiến nghị).
pub const NARRATIVE: usize = 10_000;
/// An attached file's original name (`name` of an evidence entry).
pub const EVIDENCE_NAME: usize = 255;
/// Evidence entries per criterion.
pub const EVIDENCE_ITEMS: usize = 50;
/// News items per unit.
pub const NEWS_ITEMS: usize = 200;
/// `[[appraiser]]` tables in workspace.toml, and the length of an appraiser's name (issue 21).
pub const APPRAISERS: usize = 100;
pub const APPRAISER_NAME: usize = 300;

/// A bounded text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Note,
    Comment,
    Question,
    Reply,
    EvidenceRef,
    EvidenceTitle,
    EvidenceFile,
    NewsTitle,
    NewsLink,
    NewsFile,
    NewsSentTo,
    Reason,
    RoundTitle,
    AppraiserName,
    Narrative,
    EvidenceName,
}

impl Field {
    /// The most characters the field takes.
    pub const fn max(self) -> usize {
        match self {
            Field::Note => NOTE,
            Field::Comment => COMMENT,
            Field::Question => QUESTION,
            Field::Reply => REPLY,
            Field::EvidenceRef => EVIDENCE_REF,
            Field::EvidenceTitle => EVIDENCE_TITLE,
            Field::EvidenceFile | Field::NewsFile => FILE,
            Field::NewsTitle => NEWS_TITLE,
            Field::NewsLink => NEWS_LINK,
            Field::NewsSentTo => NEWS_SENT_TO,
            Field::Reason => REASON,
            Field::RoundTitle => ROUND_TITLE,
            Field::AppraiserName => APPRAISER_NAME,
            Field::Narrative => NARRATIVE,
            Field::EvidenceName => EVIDENCE_NAME,
        }
    }

    /// The key the field has in the files (a code word).
    pub const fn key(self) -> &'static str {
        match self {
            Field::Note => "note",
            Field::Comment => "comment",
            Field::Question => "question",
            Field::Reply => "reply",
            Field::EvidenceRef => "evidence.ref",
            Field::EvidenceTitle => "evidence.title",
            Field::EvidenceFile => "evidence.file",
            Field::NewsTitle => "news.title",
            Field::NewsLink => "news.link",
            Field::NewsFile => "news.file",
            Field::NewsSentTo => "news.sent_to",
            Field::Reason => "reason",
            Field::RoundTitle => "title",
            Field::AppraiserName => "appraiser.name",
            Field::Narrative => "narrative",
            Field::EvidenceName => "evidence.name",
        }
    }

    /// `Some(over)` when `text` is longer than the field takes.
    pub fn check(self, text: &str) -> Option<Over> {
        let len = text.chars().count();
        (len > self.max()).then_some(Over::Text { field: self, max: self.max(), len })
    }
}

/// A bounded list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    /// Evidence entries of one criterion.
    Evidence,
    /// News items of one unit.
    News,
    /// `[[appraiser]]` tables of a round.
    Appraisers,
}

impl List {
    /// The most entries the list takes.
    pub const fn max(self) -> usize {
        match self {
            List::Evidence => EVIDENCE_ITEMS,
            List::News => NEWS_ITEMS,
            List::Appraisers => APPRAISERS,
        }
    }

    /// `Some(over)` when a list of `n` entries is longer than it may be.
    pub fn check(self, n: usize) -> Option<Over> {
        (n > self.max()).then_some(Over::Items { list: self, max: self.max(), n })
    }
}

/// A limit passed: which, the limit, and how far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Over {
    /// A text of `len` characters where `field` takes at most `max`.
    Text { field: Field, max: usize, len: usize },
    /// A list of `n` entries where `list` takes at most `max`.
    Items { list: List, max: usize, n: usize },
}

/// The first limit a sheet passes (criterion id, over), in scorecard order: its text fields,
/// its evidence lists, its news items and their fields.
pub fn sheet_over(sc: &crate::scorecard::Scorecard, sheet: &crate::answers::Sheet) -> Option<(Option<String>, Over)> {
    for (i, a) in &sheet.answers {
        let id = || sc.nodes.get(*i).map(|n| n.id.clone());
        if let Some(o) = answer_over(a) {
            return Some((id(), o));
        }
    }
    news_over(&sheet.news).map(|o| (None, o))
}

/// The first limit a save from `old` to `new` would newly pass: a text changed to one past its
/// limit, an evidence entry or a news item added or changed past one, a list grown past its
/// limit. What a file already held (a hand edit, an older version) is not counted: such a
/// sheet still saves as long as nothing grows past a limit.
pub fn new_over(old: Option<&crate::answers::Sheet>, new: &crate::answers::Sheet) -> Option<Over> {
    let empty = crate::answers::Answer::default();
    for (i, b) in &new.answers {
        let a = old.and_then(|o| o.answers.get(i)).unwrap_or(&empty);
        if a == b {
            continue;
        }
        let texts = [
            (Field::Note, &a.note, &b.note),
            (Field::Comment, &a.comment, &b.comment),
            (Field::Question, &a.question, &b.question),
            (Field::Reply, &a.reply, &b.reply),
        ];
        if let Some(o) = texts.iter().filter(|(_, x, y)| x != y).find_map(|(f, _, y)| f.check(y)) {
            return Some(o);
        }
        if b.evidence.len() > a.evidence.len()
            && let Some(o) = List::Evidence.check(b.evidence.len())
        {
            return Some(o);
        }
        let fresh = b.evidence.iter().filter(|e| !a.evidence.contains(e));
        if let Some(o) = fresh.into_iter().find_map(|e| answer_over(&crate::answers::Answer { evidence: vec![e.clone()], ..Default::default() })) {
            return Some(o);
        }
    }
    let empty_n = crate::answers::Narrative::default();
    let was = old.map_or(&empty_n, |o| &o.narrative);
    for sec in crate::answers::Section::ALL {
        let t = new.narrative.get(sec);
        if t != was.get(sec)
            && let Some(o) = Field::Narrative.check(t)
        {
            return Some(o);
        }
    }
    let before: &[crate::register::NewsItem] = old.map_or(&[], |o| &o.news);
    if new.news.len() > before.len()
        && let Some(o) = List::News.check(new.news.len())
    {
        return Some(o);
    }
    new.news.iter().filter(|it| !before.contains(it)).find_map(item_over)
}

/// The first limit an answer passes.
pub fn answer_over(a: &crate::answers::Answer) -> Option<Over> {
    let texts = [(Field::Note, &a.note), (Field::Comment, &a.comment), (Field::Question, &a.question), (Field::Reply, &a.reply)];
    if let Some(o) = texts.iter().find_map(|(f, t)| f.check(t)) {
        return Some(o);
    }
    if let Some(o) = List::Evidence.check(a.evidence.len()) {
        return Some(o);
    }
    a.evidence.iter().find_map(|e| {
        Field::EvidenceRef
            .check(&e.reference)
            .or_else(|| Field::EvidenceTitle.check(&e.title))
            .or_else(|| e.file.as_deref().and_then(|f| Field::EvidenceFile.check(f)))
            .or_else(|| e.attached.as_ref().and_then(|at| Field::EvidenceName.check(&at.name)))
    })
}

/// The first limit a list of news items passes.
pub fn news_over(items: &[crate::register::NewsItem]) -> Option<Over> {
    if let Some(o) = List::News.check(items.len()) {
        return Some(o);
    }
    items.iter().find_map(item_over)
}

/// The first limit a news item passes.
pub fn item_over(it: &crate::register::NewsItem) -> Option<Over> {
    Field::NewsTitle
        .check(&it.title)
        .or_else(|| it.link.as_deref().and_then(|l| Field::NewsLink.check(l)))
        .or_else(|| it.file.as_deref().and_then(|f| Field::NewsFile.check(f)))
        .or_else(|| Field::NewsSentTo.check(&it.sent_to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let at_limit = "ệ".repeat(NEWS_TITLE);
        assert_eq!(Field::NewsTitle.check(&at_limit), None);
        let over = "ệ".repeat(NEWS_TITLE + 1);
        assert_eq!(Field::NewsTitle.check(&over), Some(Over::Text { field: Field::NewsTitle, max: NEWS_TITLE, len: NEWS_TITLE + 1 }));
        assert_eq!(List::News.check(NEWS_ITEMS), None);
        assert!(List::News.check(NEWS_ITEMS + 1).is_some());
    }

    #[test]
    fn a_save_may_keep_what_a_file_held_but_not_grow_past_a_limit() {
        use crate::answers::Sheet;
        let mut old = Sheet::new("vp");
        old.answer_mut(0).note = "x".repeat(NOTE + 1);
        // Unchanged: nothing new passes a limit.
        let mut new = old.clone();
        new.answer_mut(0).reply = "ok".into();
        assert_eq!(new_over(Some(&old), &new), None);
        // Changed, still past it: refused; a fresh sheet with it: refused.
        new.answer_mut(0).note.push('y');
        assert!(matches!(new_over(Some(&old), &new), Some(Over::Text { field: Field::Note, .. })));
        assert!(new_over(None, &old).is_some());
        // Shrunk below it: taken.
        new.answer_mut(0).note = "x".repeat(NOTE);
        assert_eq!(new_over(Some(&old), &new), None);
    }
}
