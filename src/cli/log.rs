//! `parindex log -w DIR [--unit ID]`: the audit log.

use std::path::Path;

use super::table::{Align, Table};
use super::{CmdResult, Failure, Format, emit};
use crate::core::audit;
use crate::core::workspace::Workspace;
use crate::text::Lang;

pub fn run(dir: &Path, unit: Option<&str>, format: Format, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let units: Vec<&str> = match unit {
        Some(u) => vec![ws.units[super::workflow::unit_index(&ws, u)?].id.as_str()],
        None => ws.units.iter().map(|u| u.id.as_str()).collect(),
    };
    let mut rows: Vec<(&str, audit::Entry)> = Vec::new();
    for u in units {
        let (entries, bad) = audit::read(&ws.dir, u).map_err(|e| Failure::Usage(format!("cannot read the log of `{u}`: {e}")))?;
        if bad > 0 {
            eprintln!("parindex: warning: {bad} unreadable line(s) in {}", audit::log_path(&ws.dir, u).display());
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
            let (when, who, what, crit, change) = match lang {
                Lang::Vi => ("Thời gian", "Người dùng", "Thao tác", "Tiêu chí", "Thay đổi"),
                Lang::En => ("When", "User", "Action", "Criterion", "Change"),
            };
            let t = lang.text();
            let mut tab = Table::new(&[
                (when, Align::Left),
                (t.unit_id, Align::Left),
                (who, Align::Left),
                (what, Align::Left),
                (crit, Align::Left),
                (change, Align::Left),
            ]);
            for (u, e) in rows {
                let change = format!(
                    "{}{} → {}",
                    e.field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default(),
                    e.old.as_deref().unwrap_or("∅"),
                    e.new.as_deref().unwrap_or("∅")
                );
                // Every cell is cleaned of control characters by the table; a line break in a
                // note's change is shown as ⏎ first.
                tab.push(vec![e.at.replace('T', " "), u.to_owned(), e.user, e.action, e.criterion.unwrap_or_default(), change.replace('\n', "⏎")]);
            }
            emit(None, &tab.render())
        }
    }
}
