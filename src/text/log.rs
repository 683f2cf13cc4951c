//! The audit log in words (issue 11): one entry as `parindex log`, the dashboard's history and
//! a git sync's commit message say it ("Thẩm định 1.2.2: 2 → 3 trường hợp").

use crate::core::audit::Entry;
use crate::core::scorecard::{Node, Rule};
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::workflow::{self as words, LogMsg};

/// One audit entry in words, in `lang`.
pub fn entry_words(ws: &Workspace, e: &Entry, lang: Lang) -> String {
    if let Some(words) = crate::text::msg::objection::log_words(e, lang) {
        return words;
    }
    let field = e.field.as_deref();
    let new = || e.new.clone().unwrap_or_default();
    let msg = match (e.action.as_str(), field) {
        ("return", Some("reason")) => LogMsg::ReturnReason { reason: new() },
        ("submit", Some("status")) => LogMsg::Submit,
        ("return", Some("status")) => LogMsg::Return,
        ("mark-appraised", Some("status")) => LogMsg::MarkAppraised,
        ("finalise", Some("status")) => LogMsg::Finalise,
        ("reopen", Some("status")) => LogMsg::Reopen,
        ("import", Some("status")) => LogMsg::Import,
        ("import", Some("late")) => LogMsg::ImportLate { at: crate::text::human_time(&new()) },
        ("seal", None) => {
            let seal = new();
            let short: String = seal.chars().take(19).collect();
            LogMsg::Seal { seal: if short.len() < seal.len() { format!("{short}…") } else { seal } }
        }
        ("undone", None) => LogMsg::Undone { reason: new() },
        ("demo", None) => LogMsg::Demo,
        // A reviewer's decision on a news item: `new` is "confirmed: title" / "rejected: title (reason)".
        (action @ ("confirm" | "reject"), Some("news")) => {
            let criterion = e.criterion.clone().unwrap_or_default();
            let n = new();
            let item = n.split_once(": ").map_or(n.as_str(), |(_, rest)| rest).to_owned();
            if action == "confirm" { LogMsg::NewsConfirmed { criterion, item } } else { LogMsg::NewsRejected { criterion, item } }
        }
        (action, Some(f)) if e.criterion.is_some() && words::action_word(action, lang).is_some() && words::field_word(f, lang).is_some() => {
            let criterion = e.criterion.clone().unwrap_or_default();
            let (old, new) = if f == "input" {
                let node = ws.scorecard.node(&criterion);
                inputs_words(e.old.as_deref(), e.new.as_deref(), node, lang)
            } else {
                let w = |s: Option<&str>| s.filter(|s| !s.is_empty()).map_or_else(|| words::empty_word(lang).to_owned(), str::to_owned);
                (w(e.old.as_deref()), w(e.new.as_deref()))
            };
            LogMsg::Change {
                action: words::action_word(action, lang).unwrap_or_default().to_owned(),
                criterion,
                field: words::field_word(f, lang).unwrap_or_default().to_owned(),
                old,
                new,
            }
        }
        (action, Some(f)) if e.criterion.is_none() && words::action_word(action, lang).is_some() && words::field_word(f, lang).is_some() => {
            let w = |s: Option<&str>| s.filter(|s| !s.is_empty()).map_or_else(|| words::empty_word(lang).to_owned(), str::to_owned);
            LogMsg::SheetChange {
                action: words::action_word(action, lang).unwrap_or_default().to_owned(),
                field: words::field_word(f, lang).unwrap_or_default().to_owned(),
                old: w(e.old.as_deref()),
                new: w(e.new.as_deref()),
            }
        }
        (action, None) if e.criterion.is_none() && words::action_word(action, lang).is_some() => {
            LogMsg::Saved { what: words::file_word(e.file.as_deref().unwrap_or_default(), lang).to_owned() }
        }
        // An entry parindex does not write (a hand-edited log): as it is.
        (action, _) => {
            let mut s = action.to_owned();
            if let Some(c) = &e.criterion {
                s.push(' ');
                s.push_str(c);
            }
            if let Some(f) = field {
                s.push_str(&format!(" {f}"));
            }
            return format!("{s}: {} → {}", e.old.as_deref().unwrap_or("∅"), e.new.as_deref().unwrap_or("∅"));
        }
    };
    msg.render(lang)
}

/// An input's old and new value in words, with the measure said once when both share it:
/// "2 → 3 trường hợp", "(trống) → 8,5 điểm", "18/20 → 20/20", "Không áp dụng".
fn inputs_words(old: Option<&str>, new: Option<&str>, node: Option<&Node>, lang: Lang) -> (String, String) {
    let o = old.map(|s| input_words(s, node, lang));
    let n = new.map(|s| input_words(s, node, lang));
    let empty = || words::empty_word(lang).to_owned();
    match (o, n) {
        (Some((a, ua)), Some((b, ub))) if ua == ub => (a, join(b, &ub)),
        (o, n) => (o.map_or_else(empty, |(a, u)| join(a, &u)), n.map_or_else(empty, |(b, u)| join(b, &u))),
    }
}

fn join(value: String, measure: &str) -> String {
    match measure {
        "" => value,
        m if m.starts_with('%') => format!("{value}{m}"),
        m => format!("{value} {m}"),
    }
}

/// An input as the audit log writes it (`points = 8.5`, `choice = "late"`, `value = 2`,
/// `done = 18, planned = 20`, `na = true`) in words: the value and its measure (points, the
/// bands' unit word), a choice's label.
fn input_words(s: &str, node: Option<&Node>, lang: Lang) -> (String, String) {
    let num = |v: &str| match lang {
        Lang::Vi => v.replace('.', ","),
        Lang::En => v.to_owned(),
    };
    let parts: Vec<(&str, &str)> = s.split(", ").filter_map(|p| p.split_once(" = ")).collect();
    match parts.as_slice() {
        [("points", v)] => (num(v), words::points_word("", lang).trim().to_owned()),
        [("choice", v)] => {
            let key = serde_json::from_str::<String>(v).unwrap_or_else(|_| v.trim_matches('"').to_owned());
            let label = match node.and_then(|n| n.rule.as_ref()) {
                Some(Rule::Choice(opts)) => opts.iter().find(|o| o.key == key).map(|o| o.label.clone()),
                _ => None,
            };
            (label.unwrap_or(key), String::new())
        }
        [("value", v)] => {
            let measure = match node.and_then(|n| n.rule.as_ref()) {
                Some(Rule::Bands { unit: Some(u), .. }) => u.clone(),
                _ => String::new(),
            };
            (num(v), measure)
        }
        [("done", d), ("planned", p)] => (format!("{}/{}", num(d), num(p)), String::new()),
        [("na", b)] => (words::na_word(*b == "true", lang).to_owned(), String::new()),
        _ => (s.to_owned(), String::new()),
    }
}
