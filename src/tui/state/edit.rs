//! Typing and picking in a field of the selected criterion: the input, evidence, notes.

// Editing keys change the field as they are tested; a match guard would hide that.
#![allow(clippy::collapsible_match)]

use super::*;
use crate::core::limits::{self, Over};
use crate::text::msg::sheet::SheetMsg;

/// The evidence form: number and symbol, date, title, file. With `news`, the news register's
/// item form: title, date sent, link or file, where it was sent.
#[derive(Clone, Debug)]
pub struct EvidenceForm {
    /// A news item rather than an evidence document.
    pub news: bool,
    /// The item edited, or `None` for a new one.
    pub index: Option<usize>,
    pub fields: [LineInput; 4],
    pub focus: usize,
    /// The field at fault and why.
    pub error: Option<(usize, String)>,
}

/// What is being typed or picked right now.
pub enum Edit {
    /// A number in the input field.
    Line {
        input: LineInput,
        error: Option<String>,
    },
    /// An option of a choice.
    Choice {
        sel: usize,
    },
    /// A text: the explanation or the reply (unit), the comment or the question (Office).
    Note {
        area: Box<TextArea<'static>>,
        what: Field,
        /// The reason of a “not applicable” mark being typed: keeping it also sets the input
        /// to `na = true` (`Some(true)`) or the Office's refusal `na = false` (`Some(false)`);
        /// an empty reason sets nothing.
        na: Option<bool>,
    },
    Evidence(EvidenceForm),
    Search(LineInput),
    /// The unit's narrative (issue 22): the four sections of its report, one at a time (Tab:
    /// the next); kept together when the editor closes.
    Narrative {
        section: usize,
        texts: [String; 4],
        area: Box<TextArea<'static>>,
    },
}

/// A text area for a narrative section, in the dashboard's input style.
fn narrative_area(text: &str, theme: &crate::tui::Theme) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_owned).collect::<Vec<_>>());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_style(theme.input());
    area.set_cursor_style(ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
    area
}

impl App {
    /// Starts editing a field of the selected leaf.
    pub(super) fn start_edit(&mut self, f: Field) {
        let t = self.t;
        let lang = self.lang;
        let role = self.role;
        let editable = self.editable();
        let sc = self.session.ws.scorecard.clone();
        let Some(w) = self.work.as_mut() else { return };
        let node = &sc.nodes[w.sel];
        let Some(rule) = &node.rule else {
            return self.info(t.msg_pick_leaf);
        };
        if !editable {
            return self.refuse();
        }
        let kind = if role == Role::Unit { SheetKind::Submission } else { SheetKind::Appraisal };
        match f {
            Field::Input => {
                if role == Role::Unit && input_kind(rule) == InputKind::OfficeOnly {
                    return self.error(t.err_survey);
                }
                // A count kept by the news register comes from its list (issue 12).
                if role == Role::Unit && node.register.is_some() && !w.sub.news.is_empty() {
                    return self.error(t.err_counted_from_register);
                }
                let cur = w.sheet(kind).input(w.sel).cloned();
                w.edit = Some(match rule {
                    Rule::Choice(opts) => {
                        let sel = match &cur {
                            Some(Input::Choice(k)) => opts.iter().position(|o| &o.key == k).unwrap_or(0),
                            _ => 0,
                        };
                        // The highlighted option is not an answer: nothing counts, is saved or
                        // logged until one is picked.
                        Edit::Choice { sel }
                    }
                    _ => Edit::Line { input: LineInput::new(&cur.map(|c| fmt::input_edit_text(&c, lang)).unwrap_or_default()), error: None },
                });
                w.retally(&sc, role);
            }
            Field::Evidence(i) => {
                let Some(e) = w.sub.answer(w.sel).and_then(|a| a.evidence.get(i)) else { return };
                w.edit = Some(Edit::Evidence(EvidenceForm {
                    news: false,
                    index: Some(i),
                    fields: [
                        LineInput::new(&e.reference),
                        LineInput::new(&e.date.map(|d| d.to_string()).unwrap_or_default()),
                        LineInput::new(&e.title),
                        LineInput::new(e.file.as_deref().unwrap_or("")),
                    ],
                    focus: 0,
                    error: None,
                }));
            }
            Field::AddEvidence => {
                if role != Role::Unit {
                    return;
                }
                let n = w.sub.answer(w.sel).map_or(0, |a| a.evidence.len());
                if let Some(over) = limits::List::Evidence.check(n + 1) {
                    return self.error(SheetMsg::Limit { over }.render(lang));
                }
                w.edit = Some(Edit::Evidence(EvidenceForm { news: false, index: None, fields: Default::default(), focus: 0, error: None }));
            }
            Field::News(i) => {
                let Some(it) = w.sub.news.get(i) else { return };
                let place = it.link.clone().or_else(|| it.file.clone()).unwrap_or_default();
                w.edit = Some(Edit::Evidence(EvidenceForm {
                    news: true,
                    index: Some(i),
                    fields: [
                        LineInput::new(&it.title),
                        LineInput::new(&it.date.map(|d| d.to_string()).unwrap_or_default()),
                        LineInput::new(&place),
                        LineInput::new(&it.sent_to),
                    ],
                    focus: 0,
                    error: None,
                }));
            }
            Field::AddNews => {
                if role != Role::Unit {
                    return;
                }
                if let Some(over) = limits::List::News.check(w.sub.news.len() + 1) {
                    return self.error(SheetMsg::Limit { over }.render(lang));
                }
                // Sent to the reviewer of this criterion, unless the unit says otherwise.
                let to = self.session.ws.reviewers.iter().find(|r| r.criteria.contains(&node.id)).map(|r| r.name.clone()).unwrap_or_default();
                let mut fields: [LineInput; 4] = Default::default();
                fields[3] = LineInput::new(&to);
                w.edit = Some(Edit::Evidence(EvidenceForm { news: true, index: None, fields, focus: 0, error: None }));
            }
            Field::Note | Field::Comment | Field::Question | Field::Reply => {
                let office = matches!(f, Field::Comment | Field::Question);
                if office != (role == Role::Office) {
                    return;
                }
                let text = w.sheet(kind).answer(w.sel).map(|a| note_of(a, f).clone()).unwrap_or_default();
                let mut area = TextArea::new(text.lines().map(str::to_owned).collect::<Vec<_>>());
                area.set_wrap_mode(WrapMode::WordOrGlyph);
                area.move_cursor(CursorMove::Bottom);
                area.move_cursor(CursorMove::End);
                area.set_cursor_line_style(ratatui::style::Style::default());
                area.set_style(self.theme.input());
                area.set_cursor_style(ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
                area.set_placeholder_text(match f {
                    Field::Comment => t.ph_comment,
                    Field::Question => t.ph_question,
                    Field::Reply => t.ph_reply,
                    _ => t.ph_note,
                });
                w.edit = Some(Edit::Note { area: Box::new(area), what: f, na: None });
            }
        }
    }

    /// `K` on a leaf the scorecard lets be “not applicable”. The unit marks it, asking the
    /// reason (its explanation), or takes its mark off. The Office refuses the unit's mark
    /// (`na = false`, with the reason in its comment), marks a leaf the unit did not, or takes
    /// its own word back (the unit's input counts again).
    pub(super) fn not_applicable(&mut self, fields: &[Field]) {
        let t = self.t;
        let role = self.role;
        let editable = self.editable();
        let sc = self.session.ws.scorecard.clone();
        let Some(w) = self.work.as_ref() else { return };
        let node = &sc.nodes[w.sel];
        if node.rule.is_none() {
            return self.info(t.msg_pick_leaf);
        }
        if node.na.is_none() {
            return self.error(t.err_na_not_allowed);
        }
        if !editable {
            return self.refuse();
        }
        let (kind, field) = if role == Role::Unit { (SheetKind::Submission, Field::Note) } else { (SheetKind::Appraisal, Field::Comment) };
        let own = w.sheet(kind).input(w.sel).cloned();
        let mark = match (role, own) {
            (Role::Unit, Some(Input::Na(true))) | (Role::Office, Some(Input::Na(_))) => {
                self.change(kind, |a| a.input = None);
                return self.info(t.msg_na_cleared);
            }
            (Role::Unit, _) => true,
            // The Office refuses a unit's mark, or marks what the unit did not.
            (Role::Office, _) => w.sub.input(w.sel) != Some(&Input::Na(true)),
        };
        if let Some(w) = self.work.as_mut()
            && let Some(i) = fields.iter().position(|&f| f == field)
        {
            w.pane = Pane::Detail;
            w.field = i;
        }
        self.start_edit(field);
        if let Some(w) = self.work.as_mut()
            && let Some(Edit::Note { na, .. }) = &mut w.edit
        {
            *na = Some(mark);
        }
    }

    /// Opens the narrative editor (the unit's head, while the sheet is editable).
    pub(super) fn start_narrative(&mut self) {
        if self.role != Role::Unit || !self.editable() {
            return self.refuse();
        }
        let theme = self.theme;
        let Some(w) = self.work.as_mut() else { return };
        let texts = crate::core::answers::Section::ALL.map(|s| w.sub.narrative.get(s).to_owned());
        let area = narrative_area(&texts[0], &theme);
        w.edit = Some(Edit::Narrative { section: 0, texts, area: Box::new(area) });
    }

    pub(super) fn update_edit(&mut self, action: Action) {
        // Ctrl-S while typing: keep what is typed (if it is acceptable), then save.
        if action == Action::Save
            && self.work.as_ref().is_some_and(|w| matches!(w.edit, Some(Edit::Line { .. } | Edit::Choice { .. } | Edit::Evidence(_))))
        {
            self.update_edit(Action::Confirm);
            if self.work.as_ref().is_some_and(|w| w.edit.is_none()) {
                self.save(false);
            }
            return;
        }
        let sc = self.session.ws.scorecard.clone();
        let role = self.role;
        let t = self.t;
        let lang = self.lang;
        let by_office = role == Role::Office;
        let Some(w) = self.work.as_mut() else { return };
        let node = &sc.nodes[w.sel];
        let Some(edit) = w.edit.as_mut() else { return };
        match edit {
            Edit::Line { input, error } => match action {
                Action::Cancel => {
                    w.edit = None;
                    w.preview = None;
                    w.retally(&sc, role);
                }
                Action::Confirm => match fmt::parse_input(node, &input.text, t) {
                    Err(msg) => {
                        *error = Some(msg.clone());
                        self.error(msg);
                    }
                    Ok(parsed) => {
                        let checked = match &parsed {
                            Some(inp) => rules::validate(node, sc.step, inp, by_office).map_err(|e| fmt::input_error(&e, t, lang)),
                            None => Ok(()),
                        };
                        match checked {
                            Err(msg) => {
                                *error = Some(msg.clone());
                                self.error(msg);
                            }
                            Ok(()) => {
                                w.edit = None;
                                w.preview = None;
                                self.set_input(parsed);
                            }
                        }
                    }
                },
                Action::Key(_) | Action::Paste(_) => {
                    let changed = match &action {
                        Action::Key(k) => input.handle_key(k),
                        Action::Paste(s) => {
                            input.insert_str(s);
                            true
                        }
                        _ => false,
                    };
                    if changed {
                        // Live totals: a valid input counts at once; the message says why not.
                        let parsed = fmt::parse_input(node, &input.text, t).and_then(|p| match p {
                            Some(inp) => {
                                rules::validate(node, sc.step, &inp, by_office).map(|()| Some(inp)).map_err(|e| fmt::input_error(&e, t, lang))
                            }
                            None => Ok(None),
                        });
                        match parsed {
                            Ok(p) => {
                                *error = None;
                                w.preview = p.map(|p| (w.sel, p));
                            }
                            Err(msg) => {
                                *error = Some(msg);
                                w.preview = None;
                            }
                        }
                        w.retally(&sc, role);
                    }
                }
                _ => {}
            },
            Edit::Choice { sel } => {
                let Some(Rule::Choice(opts)) = &node.rule else { return };
                let n = opts.len();
                match action {
                    Action::Up => *sel = sel.saturating_sub(1),
                    Action::Down => *sel = (*sel + 1).min(n - 1),
                    Action::Key(k) => {
                        if let ratatui::crossterm::event::KeyCode::Char(c) = k.code
                            && let Some(d) = c.to_digit(10)
                            && (1..=n).contains(&(d as usize))
                        {
                            *sel = d as usize - 1;
                        }
                    }
                    Action::Cancel => {
                        w.edit = None;
                        w.preview = None;
                        w.retally(&sc, role);
                    }
                    Action::Delete => {
                        w.edit = None;
                        w.preview = None;
                        self.set_input(None);
                    }
                    Action::Confirm => {
                        let key = opts[*sel].key.clone();
                        w.edit = None;
                        w.preview = None;
                        self.set_input(Some(Input::Choice(key)));
                    }
                    _ => {}
                }
            }
            Edit::Note { area, what, na } => match action {
                Action::Confirm | Action::Save | Action::Cancel => {
                    let text = nfc(area.lines().join("\n").trim_end());
                    let what = *what;
                    let na = *na;
                    let kind = if matches!(what, Field::Comment | Field::Question) { SheetKind::Appraisal } else { SheetKind::Submission };
                    // Never written past its limit (a text already longer is kept as it was).
                    if let Some(over) = note_limit(what).check(&text)
                        && w.sheet(kind).answer(w.sel).map(|a| note_of(a, what).as_str()) != Some(text.as_str())
                    {
                        return self.error(SheetMsg::Limit { over }.render(lang));
                    }
                    w.edit = None;
                    match na {
                        // A mark is made with its reason (core's rule, `needs_reason`); the
                        // Office's refusal of a unit's mark asks for one too (the unit learns why).
                        Some(mark)
                            if if mark { crate::core::answers::needs_reason(Some(&Input::Na(true)), &text) } else { text.trim().is_empty() } =>
                        {
                            return self.error(if mark { t.err_na_reason } else { t.err_na_refuse_reason });
                        }
                        Some(mark) => {
                            self.change(kind, |a| {
                                *note_of_mut(a, what) = text;
                                a.input = Some(Input::Na(mark));
                            });
                            self.info(if mark { t.msg_na_set } else { t.msg_na_refused });
                        }
                        None => self.change(kind, |a| *note_of_mut(a, what) = text),
                    }
                    if action == Action::Save {
                        self.save(false);
                    }
                }
                Action::Key(_) | Action::Paste(_) => {
                    if let Some(over) = type_in_area(area, note_limit(*what), &action) {
                        self.error(SheetMsg::Limit { over }.render(lang));
                    }
                }
                _ => {}
            },
            Edit::Narrative { section, texts, area } => match action {
                Action::Confirm | Action::Save | Action::Cancel => {
                    use crate::core::answers::Section;
                    texts[*section] = nfc(area.lines().join("\n").trim_end());
                    // Never written past its limit (a text already longer is kept as it was).
                    let over = Section::ALL
                        .into_iter()
                        .enumerate()
                        .find_map(|(k, s)| limits::Field::Narrative.check(&texts[k]).filter(|_| w.sub.narrative.get(s) != texts[k]));
                    if let Some(over) = over {
                        return self.error(SheetMsg::Limit { over }.render(lang));
                    }
                    let texts = texts.clone();
                    w.edit = None;
                    let mut changed = false;
                    for (k, s) in Section::ALL.into_iter().enumerate() {
                        if w.sub.narrative.get(s) != texts[k] {
                            *w.sub.narrative.get_mut(s) = texts[k].clone();
                            changed = true;
                        }
                    }
                    // Saved at once: the narrative is the sheet's, not a criterion's, and takes
                    // no part in undo.
                    if changed {
                        w.dirty = true;
                        self.save(false);
                    }
                }
                Action::Key(k) if matches!(k.code, ratatui::crossterm::event::KeyCode::Tab | ratatui::crossterm::event::KeyCode::BackTab) => {
                    texts[*section] = nfc(area.lines().join("\n").trim_end());
                    *section = if k.code == ratatui::crossterm::event::KeyCode::Tab { (*section + 1) % 4 } else { (*section + 3) % 4 };
                    **area = narrative_area(&texts[*section], &self.theme);
                }
                Action::Key(_) | Action::Paste(_) => {
                    if let Some(over) = type_in_area(area, limits::Field::Narrative, &action) {
                        self.error(SheetMsg::Limit { over }.render(lang));
                    }
                }
                _ => {}
            },
            Edit::Evidence(form) => match action {
                Action::Cancel => w.edit = None,
                Action::NextPane => form.focus = (form.focus + 1) % 4,
                Action::PrevPane => form.focus = (form.focus + 3) % 4,
                Action::Key(k) => {
                    let limit = form_limit(form);
                    match bounded(&mut form.fields[form.focus], limit, |f| f.handle_key(&k)) {
                        (_, Some(over)) => self.error(SheetMsg::Limit { over }.render(lang)),
                        (true, None) => form.error = None,
                        (false, None) => {}
                    }
                }
                Action::Paste(s) => {
                    let limit = form_limit(form);
                    if let (_, Some(over)) = bounded(&mut form.fields[form.focus], limit, |f| {
                        f.insert_str(&s);
                        true
                    }) {
                        self.error(SheetMsg::Limit { over }.render(lang));
                    }
                }
                // "311 /KH-SKH&CN": the number is put right in the field, to be kept with a
                // second Enter (the unit sees what is saved).
                Action::Confirm
                    if !form.news
                        && let Some(fixed) = docref::fix_spaces(&nfc(form.fields[0].text.trim())) =>
                {
                    form.fields[0] = LineInput::new(&fixed);
                    form.focus = 0;
                    form.error = None;
                    self.info(fill(t.msg_docref_fixed, &[&fixed]));
                }
                Action::Confirm if form.news => match read_news(form, &w.sub.news, t, |f| file_exists(&self.session, f)) {
                    Err((field, msg)) => {
                        form.focus = field;
                        form.error = Some((field, msg.clone()));
                        self.error(msg);
                    }
                    Ok(item) => {
                        let index = form.index;
                        w.edit = None;
                        self.change_news(index, Some(item));
                        if index.is_none() {
                            // The new item is selected, as a new evidence document is.
                            let n = self.work.as_ref().map_or(0, |w| w.sub.news.len());
                            let pos = self.fields().iter().position(|&f| f == Field::News(n.saturating_sub(1)));
                            if let (Some(w), Some(pos)) = (self.work.as_mut(), pos) {
                                w.field = pos;
                            }
                        }
                    }
                },
                Action::Confirm => match read_evidence(form, t, |f| file_exists(&self.session, f)) {
                    Err((field, msg)) => {
                        form.focus = field;
                        form.error = Some((field, msg.clone()));
                        self.error(msg);
                    }
                    Ok(ev) => {
                        let index = form.index;
                        w.edit = None;
                        let added = index.is_none();
                        self.change(SheetKind::Submission, |a| match index {
                            Some(i) if i < a.evidence.len() => {
                                // An attached file's digest stays with it while its path does.
                                let mut ev = ev;
                                if ev.file == a.evidence[i].file {
                                    ev.attached = a.evidence[i].attached.clone();
                                }
                                a.evidence[i] = ev
                            }
                            _ => a.evidence.push(ev),
                        });
                        if let Some(w) = self.work.as_mut() {
                            w.refresh_files(&self.session);
                            if added {
                                let n = w.sub.answer(w.sel).map_or(0, |a| a.evidence.len());
                                w.field = n; // the new item (fields: input, items…)
                            }
                        }
                    }
                },
                _ => {}
            },
            Edit::Search(input) => match action {
                Action::Confirm => {
                    w.edit = None;
                    if !w.visible.is_empty() {
                        w.pane = Pane::Tree;
                    }
                    // Land on the first matching criterion, not on its area.
                    let q = fmt::fold(w.search.trim());
                    if let Some(&leaf) = w.visible.iter().find(|&&v| sc.nodes[v].is_leaf() && super::sheet::matches(&sc.nodes[v], &q)) {
                        w.sel = leaf;
                        w.field = 0;
                    }
                }
                Action::Cancel => {
                    w.edit = None;
                    w.search.clear();
                    w.rebuild_visible(&sc);
                }
                Action::Key(k) => {
                    if input.handle_key(&k) {
                        w.search = input.text.clone();
                        w.rebuild_visible(&sc);
                    }
                }
                Action::Paste(s) => {
                    input.insert_str(&s);
                    w.search = input.text.clone();
                    w.rebuild_visible(&sc);
                }
                _ => {}
            },
        }
    }
}

/// The text of an answer a text field shows.
pub fn note_of(a: &Answer, f: Field) -> &String {
    match f {
        Field::Comment => &a.comment,
        Field::Question => &a.question,
        Field::Reply => &a.reply,
        _ => &a.note,
    }
}

fn note_of_mut(a: &mut Answer, f: Field) -> &mut String {
    match f {
        Field::Comment => &mut a.comment,
        Field::Question => &mut a.question,
        Field::Reply => &mut a.reply,
        _ => &mut a.note,
    }
}

/// Whether a file exists under the round's evidence folder.
fn file_exists(s: &Session, rel: &str) -> bool {
    s.file_sizes(std::iter::once(rel)).get(rel).is_some_and(Option::is_some)
}

/// Whether a place typed without a scheme is a web address: `www.…`, or a host with a dot
/// before the first `/` (`skhcn.tiengiang.gov.vn/tin-tuc/…`).
fn looks_like_web(place: &str) -> bool {
    let lower = place.to_lowercase();
    if lower.starts_with("www.") {
        return true;
    }
    let Some((host, _)) = lower.split_once('/') else { return false };
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|l| l.len() >= 2 && l.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Where a news item is: a link (a scheme added to a bare web address; any scheme but http
/// and https refused) or a file that exists under evidence/. `Err`: why not, in words.
fn read_place(place: &str, t: &Text, exists: impl Fn(&str) -> bool) -> Result<(Option<String>, Option<String>), String> {
    let lower = place.to_lowercase();
    if place.is_empty() {
        Ok((None, None))
    } else if lower.starts_with("http://") || lower.starts_with("https://") {
        Ok((Some(place.to_owned()), None))
    } else if place.contains("://") {
        Err(fill(t.err_link_scheme, &[place]))
    } else if looks_like_web(place) {
        Ok((Some(format!("https://{place}")), None))
    } else if safe_relative(place).is_ok() && !exists(place) {
        Err(fill(t.err_no_file, &[place]))
    } else {
        Ok((None, Some(place.to_owned())))
    }
}

/// Reads the evidence form: `Err((field, message))` names the field at fault.
fn read_evidence(form: &EvidenceForm, t: &Text, exists: impl Fn(&str) -> bool) -> Result<Evidence, (usize, String)> {
    let get = |i: usize| nfc(form.fields[i].text.trim());
    let reference = get(0);
    if !reference.is_empty()
        && let Some(p) = docref::problem(&reference)
    {
        return Err((0, format!("{}: {}", t.err_docref, docref_problem(p, t))));
    }
    let date_text = get(1);
    let date = if date_text.is_empty() { None } else { Some(Date::parse(&date_text).ok_or_else(|| (1, fill(t.err_date, &[&date_text])))?) };
    let title = get(2);
    if reference.is_empty() && title.is_empty() {
        return Err((0, t.err_evidence_empty.to_owned()));
    }
    let file_text = get(3);
    let file = if file_text.is_empty() {
        None
    } else {
        safe_relative(&file_text).map_err(|_| (3, t.err_file_path.to_owned()))?;
        // A file that is not there is refused where it is typed.
        if !exists(&file_text) {
            return Err((3, fill(t.err_no_file, &[&file_text])));
        }
        Some(file_text)
    };
    let ev = Evidence { reference, date, title, file, attached: None };
    let texts = [
        (0, limits::Field::EvidenceRef, Some(&ev.reference)),
        (2, limits::Field::EvidenceTitle, Some(&ev.title)),
        (3, limits::Field::EvidenceFile, ev.file.as_ref()),
    ];
    for (at, field, text) in texts {
        if let Some(over) = text.and_then(|x| field.check(x)) {
            return Err((at, SheetMsg::Limit { over }.render(t.lang)));
        }
    }
    Ok(ev)
}

/// The limit of a text field of the detail pane.
fn note_limit(f: Field) -> limits::Field {
    match f {
        Field::Comment => limits::Field::Comment,
        Field::Question => limits::Field::Question,
        Field::Reply => limits::Field::Reply,
        _ => limits::Field::Note,
    }
}

/// A key typed or a text pasted into a multi-line field bounded by `limit`: typing past the
/// limit is refused (a text already longer can only shrink), a paste stops at it; the limit
/// passed, if any. Other actions change nothing.
fn type_in_area(area: &mut TextArea<'_>, limit: limits::Field, action: &Action) -> Option<Over> {
    match action {
        Action::Key(k) => {
            let before = area_len(area);
            area.input(*k);
            let after = area_len(area);
            (after > limit.max() && after > before).then(|| {
                area.undo();
                Over::Text { field: limit, max: limit.max(), len: after }
            })
        }
        Action::Paste(s) => {
            let s = s.replace("\r\n", "\n").replace('\r', "\n");
            let room = limit.max().saturating_sub(area_len(area));
            let n = s.chars().count();
            if n > room {
                area.insert_str(s.chars().take(room).collect::<String>());
                return Some(Over::Text { field: limit, max: limit.max(), len: area_len(area) - room + n });
            }
            area.insert_str(s);
            None
        }
        _ => None,
    }
}

/// The characters in a text area (a line break counts as one).
fn area_len(area: &TextArea<'_>) -> usize {
    let lines = area.lines();
    lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
}

/// The limit of the focused field of the evidence or news form (dates are checked as dates).
fn form_limit(form: &EvidenceForm) -> limits::Field {
    match (form.news, form.focus) {
        (false, 0) => limits::Field::EvidenceRef,
        (false, 2) => limits::Field::EvidenceTitle,
        (false, _) => limits::Field::EvidenceFile,
        (true, 0) => limits::Field::NewsTitle,
        (true, 2) => limits::Field::NewsLink,
        (true, _) => limits::Field::NewsSentTo,
    }
}

/// Applies an edit to a line field bounded by `limit`: what passes the limit is cut (a paste
/// stops at it, a key typed at it is refused) and reported; a text already longer (from a
/// file) can only shrink. Returns whether the edit changed the field, and the limit passed.
pub(super) fn bounded(input: &mut LineInput, limit: limits::Field, edit: impl FnOnce(&mut LineInput) -> bool) -> (bool, Option<Over>) {
    let before = input.clone();
    let was = before.text.chars().count();
    let changed = edit(input);
    let len = input.text.chars().count();
    let max = limit.max();
    if len <= max || len <= was {
        return (changed, None);
    }
    let over = Over::Text { field: limit, max, len };
    if was > max {
        *input = before;
        return (false, Some(over));
    }
    // The characters typed or pasted end at the cursor: drop the ones past the limit.
    let extra = len - max;
    let start = input.text[..input.cursor].char_indices().rev().nth(extra - 1).map_or(0, |(i, _)| i);
    input.text.replace_range(start..input.cursor, "");
    input.cursor = start;
    (input != &before, Some(over))
}

/// A key typed or a text pasted into a line field bounded by `limit` ([`bounded`]); the limit
/// passed, if any. Other actions change nothing.
pub(super) fn type_into(input: &mut LineInput, limit: limits::Field, action: &crate::tui::action::Action) -> Option<Over> {
    use crate::tui::action::Action;
    bounded(input, limit, |r| match action {
        Action::Key(k) => r.handle_key(k),
        Action::Paste(p) => {
            r.insert_str(p);
            true
        }
        _ => false,
    })
    .1
}

/// Reads the news item form by the rules of [`register::typed_item`]: `Err((field, message))`
/// names the field at fault. The third field is a link or a file ([`read_place`]).
/// An item that repeats another of `items` (spaces, case or Unicode form aside; the item
/// edited left out) is refused with the number of the one it repeats.
fn read_news(form: &EvidenceForm, items: &[NewsItem], t: &Text, exists: impl Fn(&str) -> bool) -> Result<NewsItem, (usize, String)> {
    use crate::core::register::{self, ItemField};
    let text = |i: usize| form.fields[i].text.as_str();
    let place = nfc(text(2).trim());
    let (link, file) = read_place(&place, t, exists).map_err(|m| (2, m))?;
    register::typed_item(text(0), text(1), link.as_deref(), file.as_deref(), text(3))
        .map_err(|(field, m)| {
            let at = match field {
                ItemField::Title => 0,
                ItemField::Date => 1,
                ItemField::Place => 2,
                ItemField::SentTo => 3,
            };
            (at, t.say(&m))
        })
        .and_then(|item| match register::repeats(items, &item, form.index) {
            Some(first) => Err((0, t.say(&crate::text::msg::register::RegisterMsg::Duplicate { title: item.title.clone(), first }))),
            None => Ok(item),
        })
}

/// A document-number problem in words.
pub fn docref_problem(p: docref::Problem, t: &Text) -> &'static str {
    use docref::Problem as P;
    match p {
        P::Empty => t.docref_empty,
        P::Spaces => t.docref_spaces,
        P::NoSlash => t.docref_no_slash,
        P::TooManySlashes => t.docref_too_many,
        P::NumberNotDigits => t.docref_number,
        P::BadYear => t.docref_year,
        P::NoSymbol => t.docref_no_symbol,
        P::EmptyGroup => t.docref_empty_group,
        P::BadGroup => t.docref_bad_group,
    }
}
