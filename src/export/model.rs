//! The one ranking model every format renders: built once from the workspace, the round's
//! results and the options. Renderers read only this (plus, for the per-unit sheets of the
//! workbook, the unit's sheets loaded one at a time).

use rust_decimal::Decimal;

use crate::core::answers::Status;
use crate::core::date::{self, Date};
use crate::core::figures::BandBasis;
use crate::core::integrity::Integrity;
use crate::core::results::{Previous, RankRow, RoundResults, UnitResult};
use crate::core::workspace::Workspace;

use super::ExportOptions;
use super::labels as l;

/// Vietnam's offset from UTC, in minutes: the date of an export is the date in Vietnam.
pub const VN_OFFSET_MIN: i32 = 420;

/// Today in Vietnam (UTC+7).
pub fn today() -> Date {
    date::local_parts(date::now_unix(), VN_OFFSET_MIN).0
}

/// What every export says at its top.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub scorecard_id: String,
    pub scorecard_title: String,
    pub year: Option<i64>,
    /// The document that issued the scorecard, e.g. `173/KH-SKH&CN`.
    pub issued_in: Option<String>,
    /// The scorecard is a reconstruction of the table issued with `issued_in` (issue 21).
    pub reconstructed: bool,
    /// Later documents the scorecard follows (the year-end basis).
    pub basis: Option<String>,
    pub issued_by: Option<String>,
    /// The scorecard's maximum (each unit's index divides by what of it applies to the unit,
    /// spec §5.1).
    pub max: Decimal,
    /// The round (the workspace's title).
    pub round_title: String,
    pub date: Date,
    /// Every unit appraised or final.
    pub is_final: bool,
    /// Units appraised or final, out of `units`.
    pub appraised: usize,
    pub units: usize,
    pub by_group: bool,
}

impl Header {
    /// "Kết quả chính thức", or "Kết quả tạm thời — N/M đơn vị đã thẩm định".
    pub fn state(&self) -> String {
        if self.is_final { l::FINAL.to_owned() } else { format!("{} — {}/{} {}", l::PROVISIONAL, self.appraised, self.units, l::APPRAISED_OF) }
    }

    /// "Bảng điểm … — skhcn-tg-2020 (ban hành kèm theo 173/KH-SKH&CN)", or for a reconstruction
    /// "(xây dựng lại theo bảng điểm ban hành kèm theo 173/KH-SKH&CN)".
    pub fn scorecard_line(&self) -> String {
        let mut s = format!("{} — {}", self.scorecard_title, self.scorecard_id);
        if let Some(doc) = &self.issued_in {
            s.push_str(&format!(" ({} {doc})", self.issued_words()));
        }
        s
    }

    /// "ban hành kèm theo", or "xây dựng lại theo bảng điểm ban hành kèm theo".
    pub fn issued_words(&self) -> &'static str {
        if self.reconstructed { l::RECONSTRUCTED_FROM } else { l::ISSUED_IN }
    }

    pub fn scope(&self) -> &'static str {
        if self.by_group { l::SCOPE_GROUP } else { l::SCOPE_ALL }
    }

    pub fn rank_label(&self) -> &'static str {
        if self.by_group { l::RANK_IN_GROUP } else { l::RANK }
    }

    /// The header as label/value pairs, in the order every format shows them.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![(l::ROUND, self.round_title.clone()), (l::SCORECARD, self.scorecard_line())];
        if let Some(by) = &self.issued_by {
            v.push((l::ISSUED_BY, by.clone()));
        }
        if let Some(basis) = &self.basis {
            v.push((l::BASIS, basis.clone()));
        }
        v.push((l::EXPORT_DATE, self.date.to_string()));
        v.push((l::RESULT, self.state()));
        v.push((l::SCOPE, self.scope().to_owned()));
        v
    }
}

/// An area of the scorecard (a column of sub-indexes).
#[derive(Clone, Debug, PartialEq)]
pub struct AreaHead {
    pub id: String,
    pub title: String,
    pub max: Decimal,
}

/// One unit's final figures for one area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AreaScore {
    pub total: Decimal,
    /// `None` when the area's max is 0, or nothing in it applies to the unit.
    pub index: Option<Decimal>,
    /// The area's max for this unit (spec §5.1: less the leaves answered not applicable).
    pub max: Decimal,
    /// Nothing in the area applies to the unit (its scorecard max is > 0, its applicable max 0).
    pub excluded: bool,
}

impl AreaScore {
    /// The sub-index as a table shows it: the number, "KAD" for an excluded area, or nothing.
    pub fn shown(&self, n: impl Fn(Decimal) -> String) -> String {
        match self.index {
            Some(i) => n(i),
            None if self.excluded => l::NA_SHORT.to_owned(),
            None => String::new(),
        }
    }
}

/// One ranked unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub rank: u32,
    /// Position in `Workspace::units` (and `RoundResults::units`).
    pub unit: usize,
    pub unit_id: String,
    pub name: String,
    pub group: Option<String>,
    pub status: Option<Status>,
    pub self_total: Decimal,
    pub self_index: Decimal,
    pub total: Decimal,
    pub index: Decimal,
    pub band: Option<String>,
    /// Position of the band in `Report::bands` (highest first), for colours.
    pub band_pos: Option<usize>,
    /// What the band rests on: the appraisal, a provisional figure, or the self-assessment.
    pub band_basis: Option<BandBasis>,
    pub seal: Option<String>,
    /// Whether the submission still holds what was sealed and signed.
    pub integrity: Integrity,
    pub scored: u32,
    pub leaves: u32,
    pub appraised: u32,
    /// What the unit can score by itself (no survey points).
    pub self_max: Decimal,
    /// The index still lacks the Office's survey points (tạm tính).
    pub provisional: bool,
    /// Index and rank in the round compared with (`--compare`), when the unit took part.
    pub previous: Option<Previous>,
    /// Per area, in scorecard order.
    pub areas: Vec<AreaScore>,
}

impl Row {
    pub fn new(ws: &Workspace, res: &UnitResult, rank: u32) -> Row {
        let sc = &ws.scorecard;
        let u = &ws.units[res.unit];
        let band_pos = res.band;
        Row {
            rank,
            unit: res.unit,
            unit_id: u.id.clone(),
            name: u.name.clone(),
            group: u.group.clone(),
            status: res.status,
            self_total: res.self_total,
            self_index: res.self_index,
            total: res.total,
            index: res.index,
            band: band_pos.map(|p| sc.bands[p].label.clone()),
            band_pos,
            band_basis: res.band_basis(),
            seal: res.seal.clone(),
            integrity: res.integrity,
            scored: res.scored,
            leaves: res.leaves,
            appraised: res.appraised,
            self_max: res.self_max,
            provisional: res.provisional,
            previous: None,
            areas: (0..sc.areas.len())
                .map(|k| {
                    let max = res.area_max.get(k).copied().unwrap_or_default();
                    let excluded = max.is_zero() && sc.nodes[sc.areas[k]].contributing_max() > Decimal::ZERO;
                    AreaScore { total: res.area_totals.get(k).copied().unwrap_or_default(), index: res.area_index(sc, k), max, excluded }
                })
                .collect(),
        }
    }

    /// The band as tables show it: "Tốt"; "Tốt (tạm tính)" while the appraisal is under way
    /// or the index lacks the Office's survey points; "Tốt (tự xếp loại)" when it comes from
    /// the self-assessment alone (issue 21); empty without a band.
    pub fn band_shown(&self) -> String {
        match (&self.band, self.band_basis) {
            (Some(b), Some(BandBasis::SelfAssessed)) => format!("{b} ({})", l::self_band()),
            (Some(b), Some(BandBasis::Provisional)) => format!("{b} ({})", l::provisional_band()),
            (Some(b), _) => b.clone(),
            (None, _) => String::new(),
        }
    }

    /// Whether the unit is ranked: a unit with no submission ("Chưa nộp") is listed after the
    /// ranked ones, with no rank (issue 21).
    pub fn is_ranked(&self) -> bool {
        self.rank != crate::core::results::UNRANKED
    }

    /// The rank as tables show it: empty for a unit that is not ranked.
    pub fn rank_shown(&self) -> String {
        if self.is_ranked() { self.rank.to_string() } else { String::new() }
    }

    /// `missing`, or the workflow status, as files and scripts spell it.
    pub fn status_str(&self) -> &'static str {
        self.status.map_or("missing", Status::as_str)
    }

    /// The unit's name, with its integrity mark when it is not ok.
    pub fn marked_name(&self) -> String {
        if self.integrity.is_ok() { self.name.clone() } else { format!("{} {}", self.name, l::integrity_mark(self.integrity)) }
    }

    /// The status in Vietnamese.
    pub fn status_label(&self) -> &'static str {
        l::status(self.status)
    }
}

/// A ranked list: the whole round, or one group when ranking by group.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// `None`: the whole round (not by group), or the units without a group.
    pub group: Option<String>,
    pub rows: Vec<Row>,
}

impl Section {
    /// The heading of a group section.
    pub fn title(&self) -> &str {
        self.group.as_deref().unwrap_or(l::NO_GROUP)
    }
}

/// A unit a sheet of which failed to load: listed after the ranking, with why, never ranked
/// and without figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    /// Position in `Workspace::units`.
    pub unit: usize,
    pub unit_id: String,
    pub name: String,
    pub group: Option<String>,
    /// One line per error: `file:line:col: message`, in Vietnamese.
    pub why: Vec<String>,
}

impl Unreadable {
    /// The unit's name with the unreadable mark.
    pub fn marked_name(&self) -> String {
        format!("{} {}", self.name, l::integrity_mark(Integrity::Unreadable))
    }

    /// "Không đọc được: file:line:col: message" (every error, `; ` between them).
    pub fn reason(&self) -> String {
        format!("{}: {}", l::status_unreadable(), self.why.join("; "))
    }
}

/// The report: header, areas, ranked sections.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub header: Header,
    pub areas: Vec<AreaHead>,
    /// Band labels, highest `min` first.
    pub bands: Vec<(String, Decimal)>,
    /// One section when not by group; one per group otherwise (groups in Vietnamese order,
    /// units without a group last).
    pub sections: Vec<Section>,
    /// Compared with an earlier round: rows carry `previous` (JSON gives it, or null).
    pub compared: bool,
    /// Units that could not be read (in workspace order): in no section, never ranked.
    pub unreadable: Vec<Unreadable>,
    /// The files units attached as evidence (issue 20), in workspace order, units with none
    /// left out.
    pub attachments: Vec<UnitAttachments>,
}

/// One unit's attached files.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitAttachments {
    pub unit_id: String,
    pub name: String,
    pub files: Vec<AttachedFile>,
}

/// One attached file: the criterion, its original name, size and SHA-256.
#[derive(Clone, Debug, PartialEq)]
pub struct AttachedFile {
    pub criterion: String,
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

impl AttachedFile {
    /// The digest's first 12 hex digits (as stored names begin).
    pub fn short(&self) -> &str {
        crate::core::attach::short_digest(&self.sha256)
    }

    /// "1.1.1: Kế hoạch.pdf (1,2 MB, SHA-256 0123456789ab)".
    pub fn line(&self) -> String {
        format!("{}: {} ({}, SHA-256 {})", self.criterion, self.name, crate::core::attach::human_size(self.size, true), self.short())
    }
}

/// The attached files of every unit that has an `evidence/<unit>/` folder (only those units'
/// submissions are read again; a unit that does not load is left out, as it is from the
/// ranking's figures).
pub fn attachments(ws: &Workspace) -> Vec<UnitAttachments> {
    let mut out = Vec::new();
    for u in &ws.units {
        let folder = std::path::Path::new(crate::core::workspace::EVIDENCE).join(&u.id);
        if !ws.store.stat(&folder).ok().flatten().is_some_and(|m| m.is_dir()) {
            continue;
        }
        let Ok(Some(sheet)) = ws.load_sheet(&u.id, crate::core::answers::SheetKind::Submission) else { continue };
        let files: Vec<AttachedFile> = sheet
            .answers
            .iter()
            .flat_map(|(&i, a)| {
                a.evidence.iter().filter_map(move |e| {
                    e.attached.as_ref().map(|at| AttachedFile {
                        criterion: ws.scorecard.nodes[i].id.clone(),
                        name: at.name.clone(),
                        size: at.size,
                        sha256: at.sha256.clone(),
                    })
                })
            })
            .collect();
        if !files.is_empty() {
            out.push(UnitAttachments { unit_id: u.id.clone(), name: u.name.clone(), files });
        }
    }
    out
}

impl Report {
    pub fn build(ws: &Workspace, results: &RoundResults, opts: &ExportOptions) -> Report {
        let sc = &ws.scorecard;
        let appraised = results.appraised_count();
        let header = Header {
            scorecard_id: sc.id.clone(),
            scorecard_title: sc.title.clone(),
            year: sc.year,
            issued_in: sc.issued_in.clone(),
            reconstructed: sc.reconstructed,
            basis: sc.basis.clone(),
            issued_by: sc.issued_by.clone(),
            max: sc.max,
            round_title: ws.title.clone(),
            date: opts.date.unwrap_or_else(today),
            is_final: results.is_final(),
            appraised,
            units: results.units.len(),
            by_group: opts.by_group,
        };
        let rows = |list: Vec<RankRow>| list.iter().map(|r| Row::new(ws, &results.units[r.unit], r.rank)).collect::<Vec<_>>();
        let sections = if opts.by_group {
            results.ranking_by_group(ws).into_iter().map(|(group, list)| Section { group, rows: rows(list) }).collect()
        } else {
            vec![Section { group: None, rows: rows(results.ranking(ws)) }]
        };
        Report {
            header,
            areas: sc
                .areas
                .iter()
                .map(|&a| AreaHead { id: sc.nodes[a].id.clone(), title: sc.nodes[a].title.clone(), max: sc.nodes[a].max })
                .collect(),
            bands: sc.bands.iter().map(|b| (b.label.clone(), b.min)).collect(),
            sections,
            compared: false,
            // Read only by the formats that list them (`export::render` fills them).
            attachments: Vec::new(),
            unreadable: results
                .unreadable_units()
                .map(|(r, e)| {
                    let u = &ws.units[r.unit];
                    Unreadable {
                        unit: r.unit,
                        unit_id: u.id.clone(),
                        name: u.name.clone(),
                        group: u.group.clone(),
                        why: crate::text::VI.unreadable_why(e),
                    }
                })
                .collect(),
        }
    }

    /// Adds each unit's index and rank in an earlier round (matched by unit id).
    pub fn compare(&mut self, previous: &std::collections::HashMap<String, Previous>) {
        self.compared = true;
        for s in &mut self.sections {
            for r in &mut s.rows {
                r.previous = previous.get(&r.unit_id).copied();
            }
        }
    }

    /// True when some unit has an area left out entirely (a "KAD" cell needs the legend).
    pub fn has_excluded_area(&self) -> bool {
        self.rows().any(|r| r.areas.iter().any(|a| a.excluded))
    }

    /// Every row, section after section.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sections.iter().flat_map(|s| s.rows.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoOptions, write};

    fn demo() -> (tempfile::TempDir, Workspace, RoundResults) {
        let d = tempfile::tempdir().unwrap();
        let ws = write(d.path(), &DemoOptions::default()).unwrap();
        let ws = Workspace::load(&ws.dir).unwrap();
        let res = RoundResults::from_disk(&ws).unwrap();
        (d, ws, res)
    }

    #[test]
    fn report_follows_the_ranking_and_says_provisional() {
        let (_d, ws, res) = demo();
        let opts = ExportOptions { date: Date::new(2020, 12, 20), ..ExportOptions::default() };
        let r = Report::build(&ws, &res, &opts);
        assert_eq!(r.sections.len(), 1);
        let ranked = res.ranking(&ws);
        let got: Vec<(u32, usize)> = r.rows().map(|x| (x.rank, x.unit)).collect();
        let want: Vec<(u32, usize)> = ranked.iter().map(|x| (x.rank, x.unit)).collect();
        assert_eq!(got, want);
        assert!(!r.header.is_final);
        assert_eq!(r.header.state(), "Kết quả tạm thời — 3/8 đơn vị đã thẩm định");
        assert_eq!(r.header.date.to_string(), "20/12/2020");
        assert_eq!(r.areas.len(), ws.scorecard.areas.len());
        for row in r.rows() {
            assert_eq!(row.areas.len(), r.areas.len());
        }
    }

    #[test]
    fn an_area_with_nothing_applicable_shows_kad() {
        let n = |d: Decimal| crate::core::num::fmt_fixed(d, 2, ',');
        let excluded = AreaScore { total: Decimal::ZERO, index: None, max: Decimal::ZERO, excluded: true };
        assert_eq!(excluded.shown(n), "KAD");
        let none = AreaScore { excluded: false, ..excluded };
        assert_eq!(none.shown(n), "");
        let some = AreaScore { index: Some(Decimal::new(8750, 2)), max: Decimal::TEN, ..none };
        assert_eq!(some.shown(n), "87,50");
    }

    #[test]
    fn every_unit_appraised_or_final_makes_it_final() {
        let (_d, ws, mut res) = demo();
        for (i, u) in res.units.iter_mut().enumerate() {
            u.status = Some(if i % 2 == 0 { Status::Appraised } else { Status::Final });
        }
        let r = Report::build(&ws, &res, &ExportOptions::default());
        assert!(r.header.is_final);
        assert_eq!(r.header.appraised, 8);
        assert_eq!(r.header.state(), "Kết quả chính thức");
    }

    #[test]
    fn by_group_sections_rank_inside_each_group() {
        let (_d, ws, res) = demo();
        let r = Report::build(&ws, &res, &ExportOptions { by_group: true, ..ExportOptions::default() });
        assert_eq!(r.sections.len(), 2);
        for s in &r.sections {
            assert_eq!(s.rows[0].rank, 1);
            assert!(s.rows.iter().all(|x| x.group == s.group));
        }
        assert_eq!(r.rows().count(), 8);
    }
}
