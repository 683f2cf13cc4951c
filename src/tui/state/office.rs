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
    /// What `/` filters the table and the ranking by (name, id, group; [`fmt::finds`]).
    pub filter: String,
    /// The filter being typed (applied as it is typed).
    pub filter_input: Option<LineInput>,
    /// The format of the last export (an index of `ExportFormat::ALL`).
    pub export_format: usize,
    /// Bumped by every change of what the tables show (results, ranks, filter, grouping):
    /// the views measure their columns over all rows once per generation, not every frame.
    pub generation: u64,
    /// Bumped by a change of the results or ranks only (not by the filter): the units table
    /// is measured over every unit, shown or filtered out.
    pub data_generation: u64,
    /// The widest cell of each column of the units table over every unit, with the data
    /// generation it was measured at (the view's cache).
    pub table_widths: std::cell::RefCell<Option<(u64, Vec<usize>)>>,
    /// The same for the ranking's table (its lines, with the generation).
    pub rank_widths: std::cell::RefCell<Option<(u64, Vec<usize>)>>,
    /// The results' state as the summary and the ranking say it ("Kết quả tạm thời (3/8 …)"),
    /// with the data generation and the language it was worded at (the view's cache: it is
    /// counted over every result).
    pub state_text: std::cell::RefCell<Option<(u64, crate::text::Lang, String)>>,
    /// Round-wide facts the views draw on every frame, kept with each change rather than read
    /// off 10,000 results a frame: the highest index (the bars' scale: 100 at least), whether
    /// any unit's index is provisional (tạm tính), and any appraised unit's.
    pub max_index: Decimal,
    pub any_provisional: bool,
    pub any_appraised_provisional: bool,
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
            filter: String::new(),
            filter_input: None,
            export_format: 0,
            generation: 0,
            data_generation: 0,
            table_widths: Default::default(),
            rank_widths: Default::default(),
            state_text: Default::default(),
            max_index: Decimal::ONE_HUNDRED,
            any_provisional: false,
            any_appraised_provisional: false,
        };
        o.rerank(ws);
        o
    }

    /// Recomputes ranks, the dashboard order and the ranking lines (no re-scoring).
    pub(super) fn rerank(&mut self, ws: &Workspace) {
        self.generation = self.generation.wrapping_add(1);
        self.data_generation = self.data_generation.wrapping_add(1);
        let units = &self.results.units;
        self.max_index = units.iter().map(|u| u.index).max().unwrap_or_default().max(Decimal::ONE_HUNDRED);
        self.any_provisional = units.iter().any(|r| r.provisional);
        self.any_appraised_provisional = units.iter().any(|r| r.appraised > 0 && r.provisional);
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
        let lines: Vec<RankLine> = if self.by_group {
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
        // The filter keeps the units it finds (with their real ranks) and the titles of
        // groups that keep any.
        let keep = |l: &RankLine| l.unit().is_none_or(|i| self.finds(ws, i));
        let mut kept: Vec<RankLine> = Vec::with_capacity(lines.len());
        for l in lines.into_iter().filter(keep) {
            if matches!(l, RankLine::Group(_)) && matches!(kept.last(), Some(RankLine::Group(_))) {
                kept.pop();
            }
            kept.push(l);
        }
        if matches!(kept.last(), Some(RankLine::Group(_))) {
            kept.pop();
        }
        self.lines = kept;
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
        order.retain(|&i| self.finds(ws, i));
        self.order = order;
    }

    /// Whether the filter finds the unit of results line `i` (by name, id or group).
    fn finds(&self, ws: &Workspace, i: usize) -> bool {
        if self.filter.trim().is_empty() {
            return true;
        }
        let u = &ws.units[self.results.units[i].unit];
        fmt::finds(&u.name, &self.filter) || fmt::finds(&u.id, &self.filter) || u.group.as_deref().is_some_and(|g| fmt::finds(g, &self.filter))
    }

    /// How many units the filter shows, of how many.
    pub fn shown(&self) -> (usize, usize) {
        (self.order.len(), self.results.units.len())
    }

    /// Sets the filter: the table and the ranking show only what it finds.
    pub(super) fn set_filter(&mut self, ws: &Workspace, filter: &str) {
        self.filter = filter.to_owned();
        // The results are as they were: the units table's measure stands.
        let data = self.data_generation;
        self.rerank(ws);
        self.data_generation = data;
        self.sel = self.sel.min(self.order.len().saturating_sub(1));
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

    /// `/` on the Office's table or the ranking: typing filters as it goes; Enter keeps the
    /// filter, Esc clears it. Returns whether the action was the filter's.
    fn update_filter(&mut self, action: &Action) -> bool {
        let ws = &self.session.ws;
        let Some(o) = self.office.as_mut() else { return false };
        let Some(input) = o.filter_input.as_mut() else {
            return match action {
                Action::Search => {
                    o.filter_input = Some(LineInput { fresh: false, ..LineInput::new(&o.filter) });
                    true
                }
                // Esc first clears a filter kept.
                Action::Cancel if !o.filter.is_empty() => {
                    o.set_filter(ws, "");
                    true
                }
                _ => false,
            };
        };
        match action {
            Action::Confirm => o.filter_input = None,
            Action::Cancel => {
                o.filter_input = None;
                o.set_filter(ws, "");
            }
            Action::Key(k) if input.handle_key(k) => {
                let text = input.text.clone();
                o.set_filter(ws, &text);
            }
            Action::Paste(p) => {
                input.insert_str(p);
                let text = input.text.clone();
                o.set_filter(ws, &text);
            }
            _ => {}
        }
        true
    }

    pub(super) fn update_office(&mut self, action: Action) {
        if self.update_filter(&action) {
            return;
        }
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
        if self.update_filter(&action) {
            return;
        }
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
                // The format of the last export, this session.
                let format = o.export_format.min(ExportFormat::ALL.len() - 1);
                self.overlay = Some(Overlay::Dialog(Dialog::Export(ExportDialog {
                    format,
                    name: LineInput::new(&format!("{stem}.{}", ExportFormat::ALL[format].extension())),
                    // Vietnamese Excel reads 87,25; English Excel 87.25.
                    decimal_comma: self.lang == Lang::Vi,
                    focus: 0,
                    error: None,
                    overwrite: false,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The results' state is worded once per change of the results (and of the language),
    /// and worded again after one.
    #[test]
    fn the_results_state_follows_a_change_of_the_results() {
        let d = tempfile::tempdir().unwrap();
        let ws = crate::demo::write(d.path(), &crate::demo::DemoOptions { units: 8, seed: 2020 }).unwrap();
        let mut app = App::for_office(ws, crate::text::Lang::Vi, crate::tui::Theme::PLAIN).unwrap();
        let state = |app: &App| crate::tui::view::office::state_line(app, app.office.as_ref().unwrap());
        let before = state(&app);
        assert!(before.contains("3/8"), "{before}");
        assert_eq!(state(&app), before, "kept");
        let o = app.office.as_mut().unwrap();
        let i = o.results.units.iter().position(|u| u.status == Some(crate::core::answers::Status::Submitted)).expect("a unit submitted");
        o.results.units[i].status = Some(crate::core::answers::Status::Appraised);
        o.rerank(&app.session.ws);
        assert!(state(&app).contains("4/8"), "{}", state(&app));
        app.lang = crate::text::Lang::En;
        app.t = crate::text::Lang::En.text();
        let en = crate::text::Lang::En.text().ranking_state(&app.office.as_ref().unwrap().results);
        assert_ne!(en, crate::text::Lang::Vi.text().ranking_state(&app.office.as_ref().unwrap().results));
        assert_eq!(state(&app), en, "worded again in the language shown");
    }
}
