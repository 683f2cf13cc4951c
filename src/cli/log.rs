//! `parindex log -w DIR [--unit ID]`: the audit log. The table says each change in words, in
//! the interface language ("Thẩm định 1.2.2: 2 → 3 trường hợp"); `--format json` is the log as
//! it is stored (spec).

use std::path::Path;

use super::table::{Align, Table};
use super::{CmdResult, Failure, Format, emit};
use crate::core::audit;
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::log::entry_words;
use crate::text::msg::Message;
use crate::text::msg::cli::CliMsg;

pub fn run(dir: &Path, unit: Option<&str>, format: Format, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    // A unit's edit history is its heads' and the Office's (issue 18): another unit's is
    // refused when named, and left out of the whole log.
    let who = crate::core::roles::Identity::current(&ws);
    let details = crate::core::roles::Part::Details;
    let units: Vec<&str> = match unit {
        Some(u) => {
            let ui = super::workflow::unit_index(&ws, u, lang)?;
            super::privacy::require(&ws, &who, ui, details, None, lang)?;
            vec![ws.units[ui].id.as_str()]
        }
        None => ws.units.iter().enumerate().filter(|(i, _)| who.may_read(&ws, *i, details, None)).map(|(_, u)| u.id.as_str()).collect(),
    };
    let mut rows: Vec<(&str, audit::Entry)> = Vec::new();
    for u in units {
        let (entries, bad) = audit::read_in(&ws.store, u).map_err(|e| {
            let reason = crate::text::msg::Show::show(&crate::core::store::dir::io_reason(&e), lang);
            Failure::Usage(CliMsg::LogUnreadable { unit: u.to_owned(), reason }.render(lang))
        })?;
        if bad > 0 {
            let file = audit::log_path(&ws.dir, u).display().to_string();
            eprintln!("parindex: {}", crate::core::clean::text(&CliMsg::LogBadLines { count: bad, file }.render(lang)));
        }
        rows.extend(entries.into_iter().map(|e| (u, e)));
    }
    rows.sort_by(|a, b| a.1.at.cmp(&b.1.at));
    match format {
        Format::Json => {
            let mut out = String::new();
            for (u, e) in &rows {
                let mut v = serde_json::to_value(e).expect("entries serialize");
                v["unit"] = serde_json::Value::String((*u).to_owned());
                out.push_str(&v.to_string());
                out.push('\n');
            }
            // serde_json escapes C0 controls; DEL and C1 are escaped here.
            emit(None, &crate::core::clean::json(&out))
        }
        Format::Table => {
            let (when, who, what) = match lang {
                Lang::Vi => ("Thời gian", "Người dùng", "Nội dung"),
                Lang::En => ("When", "User", "What"),
            };
            let t = lang.text();
            let mut tab = Table::new(&[(when, Align::Left), (t.unit_id, Align::Left), (who, Align::Left), (what, Align::Left)]);
            for (u, e) in rows {
                // Every cell is cleaned of control characters by the table; a line break in a
                // note's change is shown as ⏎ first.
                let said = entry_words(&ws, &e, lang).replace("\r\n", "⏎").replace(['\n', '\r'], "⏎");
                tab.push(vec![crate::text::human_time(&e.at), u.to_owned(), e.user, said]);
            }
            emit(None, &tab.render())
        }
    }
}
