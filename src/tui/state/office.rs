//! The Office's dashboard of all units and the ranking.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortCol {
    Rank,
    Name,
    Status,
    Progress,
    SelfIndex,
    Index,
}

impl SortCol {
    const ALL: [SortCol; 6] = [SortCol::Rank, SortCol::Name, SortCol::Status, SortCol::Progress, SortCol::SelfIndex, SortCol::Index];
}

/// A line of the ranking view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RankLine {
    Group(Option<String>),
    Row(RankRow),
    /// A unit a sheet of which failed to load (its position in the results): listed after the
    /// ranked units of its list, marked, with no rank and no index.
    Unreadable(usize),
}

impl RankLine {
    /// The result a selectable line shows (a ranked or an unreadable unit; not a group title).
    pub fn unit(&self) -> Option<usize> {
        match self {
            RankLine::Row(r) => Some(r.unit),
            RankLine::Unreadable(i) => Some(*i),
            RankLine::Group(_) => None,
        }
    }
}

/// The Office's view of the round.
pub struct Office {
    pub results: RoundResults,
    /// Overall rank of each unit (by unit index).
    pub ranks: Vec<u32>,
    /// Dashboard rows (unit indexes), sorted.
    pub order: Vec<usize>,
    pub sort: SortCol,
    pub desc: bool,
    /// Selected dashboard row.
    pub sel: usize,
    pub by_group: bool,
    pub lines: Vec<RankLine>,
    /// Selected ranking line (always a `Row`).
    pub rank_sel: usize,
    pub offset: Cell<usize>,
    pub rank_offset: Cell<usize>,
    /// Last year's index and overall rank of each unit, by unit id (`tui --compare DIR`).
    pub previous: Option<std::collections::HashMap<String, crate::core::results::Previous>>,
}

impl Office {
    pub(super) fn new(ws: &Workspace, results: RoundResults) -> Office {
        let mut o = Office {
            results,
            ranks: Vec::new(),
            order: Vec::new(),
            sort: SortCol::Rank,
            desc: false,
            sel: 0,
            by_group: false,
            lines: Vec::new(),
            rank_sel: 0,
            offset: Cell::new(0),
            rank_offset: Cell::new(0),
            previous: None,
        };
        o.rerank(ws);
        o
    }

    /// Recomputes ranks, the dashboard order and the ranking lines (no re-scoring).
    pub(super) fn rerank(&mut self, ws: &Workspace) {
        let sel_unit = self.order.get(self.sel).copied();
        let ranking = self.results.ranking(ws);
        self.ranks = vec![0; self.results.units.len()];
        for r in &ranking {
            self.ranks[r.unit] = r.rank;
        }
        self.resort(ws);
        if let Some(u) = sel_unit {
            self.sel = self.order.iter().position(|&x| x == u).unwrap_or(0);
        }
        let sel_rank_unit = self.lines.get(self.rank_sel).and_then(RankLine::unit);
        // Each list's unreadable units follow its ranked ones.
        let results = &self.results;
        let unreadable = |group: Option<&Option<String>>| -> Vec<RankLine> {
            (0..results.units.len())
                .filter(|&i| results.units[i].is_unreadable() && group.is_none_or(|g| ws.units[results.units[i].unit].group == *g))
                .map(RankLine::Unreadable)
                .collect()
        };
        self.lines = if self.by_group {
            results
                .ranking_by_group(ws)
                .into_iter()
                .flat_map(|(g, rows)| {
                    let rest = unreadable(Some(&g));
                    std::iter::once(RankLine::Group(g)).chain(rows.into_iter().map(RankLine::Row)).chain(rest)
                })
                .collect()
        } else {
            ranking.into_iter().map(RankLine::Row).chain(unreadable(None)).collect()
        };
        self.rank_sel = sel_rank_unit
            .and_then(|u| self.lines.iter().position(|l| l.unit() == Some(u)))
            .or_else(|| self.lines.iter().position(|l| l.unit().is_some()))
            .unwrap_or(0);
    }

    pub(super) fn resort(&mut self, ws: &Workspace) {
        let res = &self.results.units;
        // An unreadable unit has no rank (0): it sorts after every ranked one.
        let ranks: Vec<u32> = self.ranks.iter().map(|&r| if r == 0 { u32::MAX } else { r }).collect();
        let mut order: Vec<usize> = (0..res.len()).collect();
        let name = |i: usize| ws.units[res[i].unit].name.as_str();
        let progress = |u: &UnitResult| if u.leaves == 0 { Decimal::ZERO } else { Decimal::from(u.scored) / Decimal::from(u.leaves) };
        order.sort_by(|&a, &b| {
            let (ua, ub) = (&res[a], &res[b]);
            let primary = match self.sort {
                SortCol::Rank => ranks[a].cmp(&ranks[b]),
                SortCol::Name => cmp_names(name(a), name(b)),
                SortCol::Status => ua.status.cmp(&ub.status),
                SortCol::Progress => progress(ua).cmp(&progress(ub)),
                SortCol::SelfIndex => ua.self_index.cmp(&ub.self_index),
                SortCol::Index => ua.index.cmp(&ub.index),
            };
            let primary = if self.desc { primary.reverse() } else { primary };
            primary.then_with(|| ranks[a].cmp(&ranks[b])).then_with(|| cmp_names(name(a), name(b)))
        });
        self.order = order;
    }

    pub fn selected_unit(&self) -> Option<usize> {
        self.order.get(self.sel).map(|&i| self.results.units[i].unit)
    }

    pub fn selected_rank_unit(&self) -> Option<usize> {
        self.lines.get(self.rank_sel).and_then(RankLine::unit).map(|i| self.results.units[i].unit)
    }
}

impl App {
    // ---- the Office's screens ----

    pub(super) fn update_office(&mut self, action: Action) {
        let Some(o) = self.office.as_mut() else { return };
        let n = o.order.len();
        match action {
            Action::Up => o.sel = o.sel.saturating_sub(1),
            Action::Down => o.sel = (o.sel + 1).min(n.saturating_sub(1)),
            Action::PageUp => o.sel = o.sel.saturating_sub(10),
            Action::PageDown => o.sel = (o.sel + 10).min(n.saturating_sub(1)),
            Action::Home => o.sel = 0,
            Action::End => o.sel = n.saturating_sub(1),
            Action::SortNext => {
                let i = SortCol::ALL.iter().position(|&c| c == o.sort).unwrap_or(0);
                o.sort = SortCol::ALL[(i + 1) % SortCol::ALL.len()];
                o.desc = matches!(o.sort, SortCol::Progress | SortCol::SelfIndex | SortCol::Index);
                o.resort(&self.session.ws);
            }
            Action::SortReverse => {
                o.desc = !o.desc;
                o.resort(&self.session.ws);
            }
            Action::ShowRanking => self.screen = Screen::Ranking,
            Action::Open => {
                if let Some(u) = o.selected_unit() {
                    self.open_appraisal(u);
                }
            }
            _ => {}
        }
    }

    pub(super) fn update_ranking(&mut self, action: Action) {
        let Some(o) = self.office.as_mut() else { return };
        let rows: Vec<usize> = (0..o.lines.len()).filter(|&i| o.lines[i].unit().is_some()).collect();
        let pos = rows.iter().position(|&i| i == o.rank_sel).unwrap_or(0);
        let go = |p: usize| rows.get(p.min(rows.len().saturating_sub(1))).copied().unwrap_or(0);
        match action {
            Action::Up => o.rank_sel = go(pos.saturating_sub(1)),
            Action::Down => o.rank_sel = go(pos + 1),
            Action::PageUp => o.rank_sel = go(pos.saturating_sub(10)),
            Action::PageDown => o.rank_sel = go(pos + 10),
            Action::Home => o.rank_sel = go(0),
            Action::End => o.rank_sel = go(usize::MAX),
            Action::ToggleGroups => {
                o.by_group = !o.by_group;
                o.rerank(&self.session.ws);
            }
            Action::Cancel => self.screen = Screen::Office,
            Action::Export => {
                let stem = if o.by_group { self.t.export_stem_groups } else { self.t.export_stem };
                self.overlay = Some(Overlay::Dialog(Dialog::Export(ExportDialog {
                    format: 0,
                    name: LineInput::new(&format!("{stem}.{}", ExportFormat::ALL[0].extension())),
                    // Vietnamese Excel reads 87,25; English Excel 87.25.
                    decimal_comma: self.lang == Lang::Vi,
                    focus: 0,
                    error: None,
                })));
            }
            Action::Open => {
                if let Some(u) = o.selected_rank_unit() {
                    self.open_appraisal(u);
                }
            }
            _ => {}
        }
    }

    /// After the open unit changed: its line of the Office's results, ranks and order.
    pub(super) fn refresh_result(&mut self) {
        let (Some(w), Some(o)) = (self.work.as_ref(), self.office.as_mut()) else { return };
        o.results.set(w.result.clone());
        o.rerank(&self.session.ws);
    }
}

impl App {
    /// Shows last year's index and rank beside this year's in the ranking (`tui --compare`).
    pub fn compare_with(&mut self, previous: std::collections::HashMap<String, crate::core::results::Previous>) {
        if let Some(o) = self.office.as_mut() {
            o.previous = Some(previous);
        }
    }
}
