//! Mouse: wheel scrolling and clicks on the tree, the detail pane and tables.

use super::*;

impl App {
    // ---- mouse ----

    pub(super) fn mouse(&mut self, m: MouseEvent) {
        if self.overlay.is_some() {
            return;
        }
        let at = Position { x: m.column, y: m.row };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let a = if m.kind == MouseEventKind::ScrollDown { Action::Down } else { Action::Up };
                if let Some(w) = self.work.as_mut()
                    && matches!(self.screen, Screen::Unit | Screen::Appraisal)
                    && w.edit.is_none()
                {
                    w.pane = if self.hits.detail.get().contains(at) { Pane::Detail } else { Pane::Tree };
                }
                for _ in 0..3 {
                    self.update(a.clone());
                }
            }
            MouseEventKind::Down(MouseButton::Left) => match self.screen {
                Screen::Unit | Screen::Appraisal => {
                    let tree = self.hits.tree.get();
                    let detail = self.hits.detail.get();
                    let Some(w) = self.work.as_mut() else { return };
                    if w.edit.is_some() {
                        return;
                    }
                    if tree.contains(at) {
                        w.pane = Pane::Tree;
                        let row = usize::from(at.y - tree.y) + w.tree_offset.get();
                        if let Some(&n) = w.visible.get(row) {
                            w.sel = n;
                            w.field = 0;
                        }
                    } else if detail.contains(at) {
                        w.pane = Pane::Detail;
                    }
                }
                Screen::Office | Screen::Ranking => {
                    let table = self.hits.table.get();
                    let screen = self.screen;
                    let Some(o) = self.office.as_mut() else { return };
                    if !table.contains(at) {
                        return;
                    }
                    let offset = if screen == Screen::Office { o.offset.get() } else { o.rank_offset.get() };
                    let row = usize::from(at.y - table.y) + offset;
                    if screen == Screen::Office {
                        if row < o.order.len() {
                            if o.sel == row {
                                return self.update(Action::Open);
                            }
                            o.sel = row;
                        }
                    } else if o.lines.get(row).and_then(RankLine::unit).is_some() {
                        if o.rank_sel == row {
                            return self.update(Action::Open);
                        }
                        o.rank_sel = row;
                    }
                }
            },
            _ => {}
        }
    }
}
