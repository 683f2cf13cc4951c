//! Changes of answers: one [`App::record`] that pushes undo, marks dirty and re-tallies, and
//! undo/redo, which replay a recorded change.

use super::*;

/// One change of answers, for undo and redo: `(node, before, after)` per criterion.
#[derive(Clone, Debug)]
pub struct Change {
    pub kind: SheetKind,
    pub items: Vec<(usize, Option<Answer>, Option<Answer>)>,
    /// The news register before and after (a submission's list of items), when it changed.
    pub news: Option<(Vec<NewsItem>, Vec<NewsItem>)>,
}

impl Change {
    /// Sets answers of a sheet, keeping what each was before; an empty answer is removed.
    pub fn apply(kind: SheetKind, sheet: &mut Sheet, to: impl IntoIterator<Item = (usize, Option<Answer>)>) -> Change {
        let mut items = Vec::new();
        for (node, after) in to {
            let after = after.filter(|a| !a.is_empty());
            let before = match &after {
                Some(a) => sheet.answers.insert(node, a.clone()),
                None => sheet.answers.remove(&node),
            };
            if before != after {
                items.push((node, before, after));
            }
        }
        Change { kind, items, news: None }
    }
}

impl App {
    /// The one place a change of answers is kept: pushed for undo, the sheet marked unsaved,
    /// and everything derived from the answers recomputed (tallies, marks, rows, ranks).
    pub(super) fn record(&mut self, ch: Change) {
        let Some(w) = self.work.as_mut() else { return };
        if ch.items.is_empty() && ch.news.is_none() {
            return;
        }
        w.undo.push(ch);
        w.redo.clear();
        self.settle();
    }

    /// After the open sheets changed: unsaved, re-tallied, rows and ranks recomputed.
    fn settle(&mut self) {
        let sc = self.session.ws.scorecard.clone();
        let role = self.role;
        let Some(w) = self.work.as_mut() else { return };
        w.dirty = true;
        w.last_change = Some(Instant::now());
        w.refresh_files(&self.session);
        w.retally(&sc, role);
        w.rebuild_visible(&sc);
        self.refresh_result();
    }

    /// Changes the answer of the selected leaf in one sheet, as one undoable step.
    pub(super) fn change(&mut self, kind: SheetKind, f: impl FnOnce(&mut Answer)) {
        let Some(w) = self.work.as_mut() else { return };
        let node = w.sel;
        let sheet = w.sheet_mut(kind);
        let mut a = sheet.answers.get(&node).cloned().unwrap_or_default();
        f(&mut a);
        let ch = Change::apply(kind, sheet, [(node, Some(a))]);
        self.record(ch);
    }

    /// Sets (or clears) the input of the selected leaf in the sheet this role edits.
    pub(super) fn set_input(&mut self, input: Option<Input>) {
        if !self.editable() {
            return self.refuse();
        }
        let Some(w) = self.work.as_ref() else { return };
        if !is_leaf(self.sc(), w.sel) {
            return;
        }
        let kind = self.kind();
        self.change(kind, |a| a.input = input);
    }

    /// Sets (`Some`) or removes (`None`) item `index` of the news register, or adds one
    /// (`index` `None`); the register leaf's count follows the list in the same undoable step.
    pub(super) fn change_news(&mut self, index: Option<usize>, item: Option<NewsItem>) {
        if self.role != Role::Unit {
            return;
        }
        if !self.editable() {
            return self.refuse();
        }
        let sc = self.session.ws.scorecard.clone();
        let Some(leaf) = crate::core::register::news_leaf(&sc) else { return };
        let Some(w) = self.work.as_mut() else { return };
        let before = w.sub.news.clone();
        let mut after = before.clone();
        match (index, item) {
            (Some(i), Some(it)) if i < after.len() => after[i] = it,
            (None, Some(it)) => after.push(it),
            (Some(i), None) if i < after.len() => {
                after.remove(i);
            }
            _ => return,
        }
        if after == before {
            return;
        }
        let mut a = w.sub.answers.get(&leaf).cloned().unwrap_or_default();
        a.input = (!after.is_empty()).then(|| Input::Value(rust_decimal::Decimal::from(after.len())));
        w.sub.news = after.clone();
        let mut ch = Change::apply(SheetKind::Submission, &mut w.sub, [(leaf, Some(a))]);
        ch.news = Some((before, after));
        self.record(ch);
    }

    pub(super) fn remove_evidence(&mut self, i: usize) {
        if self.role != Role::Unit {
            return;
        }
        if !self.editable() {
            return self.refuse();
        }
        let file = self.work.as_ref().and_then(|w| w.sub.answer(w.sel)).and_then(|a| a.evidence.get(i)).and_then(|e| e.file.clone());
        self.change(SheetKind::Submission, |a| {
            if i < a.evidence.len() {
                a.evidence.remove(i);
            }
        });
        // Removed from disk once nothing names it (after a save; never while the history or a
        // saved sheet does).
        if let Some(f) = file {
            self.session.evidence_dropped(&f);
        }
        if let Some(w) = self.work.as_mut() {
            w.field = w.field.saturating_sub(1).max(1);
        }
        self.info(self.t.msg_removed);
    }

    /// The criteria "accept all" would take the unit's input for: not yet appraised, scored by
    /// the unit.
    pub(super) fn acceptable(&self) -> Vec<usize> {
        let Some(w) = self.work.as_ref() else { return Vec::new() };
        self.sc().leaves().filter(|&i| w.appr.input(i).is_none() && w.sub.input(i).is_some()).collect()
    }

    /// Accepts the unit's input as the appraisal: for the selected leaf, or every leaf not yet
    /// appraised (after the dialog asked).
    pub(super) fn accept(&mut self, all: bool) {
        if !self.editable() {
            return self.refuse();
        }
        let sc = self.session.ws.scorecard.clone();
        let targets = if all { self.acceptable() } else { Vec::new() };
        let Some(w) = self.work.as_mut() else { return };
        let targets: Vec<usize> = if all {
            targets
        } else {
            if !sc.nodes[w.sel].is_leaf() {
                return self.info(self.t.msg_pick_leaf);
            }
            if w.sub.input(w.sel).is_none() {
                return self.error(self.t.err_nothing_to_accept);
            }
            vec![w.sel]
        };
        let accepted = |i: usize| {
            let mut a = w.appr.answers.get(&i).cloned().unwrap_or_default();
            a.input = w.sub.input(i).cloned();
            a
        };
        // A “not applicable” accepted needs the Office's reason (else the appraisal would not
        // say why): asked for here, never written without it.
        let (to, lacking): (Vec<_>, Vec<_>) =
            targets.into_iter().map(|i| (i, Some(accepted(i)))).partition(|(_, a)| !a.as_ref().is_some_and(|a| a.lacks_reason(SheetKind::Appraisal)));
        if !all && !lacking.is_empty() {
            let fields = self.fields();
            if let Some(w) = self.work.as_mut()
                && let Some(i) = fields.iter().position(|&f| f == Field::Comment)
            {
                w.pane = Pane::Detail;
                w.field = i;
            }
            self.start_edit(Field::Comment);
            if let Some(w) = self.work.as_mut()
                && let Some(Edit::Note { na, .. }) = &mut w.edit
            {
                *na = Some(true);
            }
            return self.info(self.t.msg_accept_na_reason);
        }
        let ch = Change::apply(SheetKind::Appraisal, &mut w.appr, to);
        let n = ch.items.len();
        self.record(ch);
        if all && !lacking.is_empty() {
            self.info(fill(self.t.msg_accepted_na_left, &[&n.to_string(), &lacking.len().to_string()]));
        } else if all {
            self.info(fill(self.t.msg_accepted_n, &[&n.to_string()]));
        } else if let Some(w) = self.work.as_mut() {
            // Move on to the next leaf, the way one works down the list.
            let pos = w.sel_pos();
            if let Some(&next) = w.visible.get(pos + 1..).unwrap_or_default().iter().find(|&&v| sc.nodes[v].is_leaf()) {
                w.sel = next;
            }
            self.info(self.t.msg_accepted);
        }
    }

    pub(super) fn undo(&mut self, undo: bool) {
        let t = self.t;
        let Some(w) = self.work.as_mut() else { return };
        let popped = if undo { w.undo.pop() } else { w.redo.pop() };
        let Some(ch) = popped else {
            return self.info(if undo { t.msg_nothing_to_undo } else { t.msg_nothing_to_redo });
        };
        let sheet = w.sheet_mut(ch.kind);
        if let Some((before, after)) = &ch.news {
            sheet.news = if undo { before } else { after }.clone();
        }
        for (node, before, after) in &ch.items {
            match if undo { before } else { after } {
                Some(a) => sheet.answers.insert(*node, a.clone()),
                None => sheet.answers.remove(node),
            };
        }
        if let Some((node, _, _)) = ch.items.first() {
            w.sel = *node;
        }
        if undo {
            w.redo.push(ch)
        } else {
            w.undo.push(ch)
        }
        self.settle();
        self.info(if undo { t.msg_undone } else { t.msg_redone });
    }
}
