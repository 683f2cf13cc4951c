//! THE key table: one row per (context, key) with the action it triggers and the text that
//! explains it. The help screen and the command bar are generated from this table, so what
//! they say is always what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::text::Text;

/// Where a key is read. The app asks for the contexts active right now, most specific first,
/// and the first row that matches wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    /// Any screen while browsing (no edit, no dialog).
    Global,
    /// The criteria tree has the focus.
    Tree,
    /// The detail pane has the focus.
    Detail,
    /// The unit's self-assessment (either pane).
    UnitSheet,
    /// Keys that change the unit's sheet: only while it is editable.
    UnitEdit,
    /// Keys that change the appraisal: only while it is editable.
    AppraisalEdit,
    /// A search is active: next and previous match.
    Searched,
    /// The Office's appraisal of one unit (either pane).
    Appraisal,
    /// The Office's dashboard of all units.
    Office,
    /// The ranking.
    Ranking,
    /// Typing a number (points, value, count) into the input field.
    EditLine,
    /// Picking one option of a choice.
    EditChoice,
    /// Writing the explanation or the comment.
    EditNote,
    /// The evidence form (number, date, title, file).
    EvidenceForm,
    /// Typing a search.
    Search,
    /// The help screen.
    Help,
    /// A yes/no question.
    Confirm,
    /// A yes/no question where Enter means no (submitting with criteria left).
    ConfirmNo,
    /// A yes/no question with a text to type (the reason for returning a unit).
    ConfirmText,
    /// A criterion changed here and elsewhere: keep mine or take theirs.
    Conflict,
    /// A form of several fields to send (an objection: reason and evidence; the answer to
    /// one: accept or reject, and why).
    Form,
    /// A round run by one person: switching between the Office and a unit.
    SingleUser,
    /// A git clone of the round (issue 20): syncing with the server.
    Clone,
    /// Quitting with unsaved changes.
    QuitConfirm,
    /// The export dialog, choosing the format.
    ExportFormat,
    /// The export dialog, typing the file name.
    ExportName,
}

impl Ctx {
    /// Contexts where keys the table does not know are typed into a text field.
    pub fn takes_text(self) -> bool {
        matches!(self, Ctx::EditLine | Ctx::EditNote | Ctx::EvidenceForm | Ctx::Search | Ctx::ExportName | Ctx::ConfirmText | Ctx::Form)
    }

    pub fn title(self, t: &Text) -> &'static str {
        match self {
            Ctx::Global => t.ctx_global,
            Ctx::Tree => t.ctx_tree,
            Ctx::Detail => t.ctx_detail,
            Ctx::UnitSheet => t.ctx_unit_sheet,
            Ctx::UnitEdit => t.ctx_unit_edit,
            Ctx::AppraisalEdit => t.ctx_appraisal_edit,
            Ctx::Searched => t.ctx_searched,
            Ctx::Appraisal => t.ctx_appraisal,
            Ctx::Office => t.ctx_office,
            Ctx::Ranking => t.ctx_ranking,
            Ctx::EditLine => t.ctx_edit_line,
            Ctx::EditChoice => t.ctx_edit_choice,
            Ctx::EditNote => t.ctx_edit_note,
            Ctx::EvidenceForm => t.ctx_evidence_form,
            Ctx::Search => t.ctx_search,
            Ctx::Help => t.ctx_help,
            Ctx::Confirm | Ctx::ConfirmNo | Ctx::ConfirmText => t.ctx_confirm,
            Ctx::Form => t.ctx_form,
            Ctx::Conflict => t.ctx_conflict,
            Ctx::SingleUser => t.ctx_single_user,
            Ctx::Clone => t.ctx_clone,
            Ctx::QuitConfirm => t.ctx_quit_confirm,
            Ctx::ExportFormat | Ctx::ExportName => t.ctx_export,
        }
    }
}

/// A key with its modifiers (Shift is folded into the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: false }
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: true }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    /// The key an event means, Shift folded in (`S` is Shift-s), Ctrl letters lower-cased.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Key { code, ctrl }
    }

    /// How the key is written in the help and the command bar.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".to_owned(),
        };
        if self.ctrl { format!("Ctrl-{base}") } else { base }
    }
}

/// One row of the table.
pub struct Binding {
    pub ctx: Ctx,
    pub key: Key,
    pub action: Action,
    /// The explanation shown in the help and the command bar.
    pub help: fn(&Text) -> &'static str,
    /// Place in the command bar: 0 not shown (the help shows every key), else higher first.
    /// `Global` keys stay at the right end of the bar.
    pub bar: u8,
}

const fn b(ctx: Ctx, key: Key, action: Action, help: fn(&Text) -> &'static str, bar: u8) -> Binding {
    Binding { ctx, key, action, help, bar }
}

use Action as A;
use Ctx as C;
use KeyCode as KC;

/// The key map. Within a context, rows are in the order the command bar shows them: the most
/// useful first, since a narrow terminal cuts the bar short.
pub static KEYMAP: &[Binding] = &[
    // Editing a number.
    b(C::EditLine, code(KC::Enter), A::Confirm, |t| t.k_confirm_value, 9),
    b(C::EditLine, code(KC::Esc), A::Cancel, |t| t.k_cancel, 8),
    b(C::EditLine, ctrl('s'), A::Save, |t| t.k_keep_save, 0),
    b(C::EditLine, ctrl('c'), A::Cancel, |t| t.k_cancel, 0),
    // Picking an option.
    b(C::EditChoice, code(KC::Enter), A::Confirm, |t| t.k_choose, 9),
    b(C::EditChoice, code(KC::Esc), A::Cancel, |t| t.k_cancel, 8),
    b(C::EditChoice, code(KC::Up), A::Up, |t| t.k_up, 5),
    b(C::EditChoice, k('k'), A::Up, |t| t.k_up, 0),
    b(C::EditChoice, code(KC::Down), A::Down, |t| t.k_down, 5),
    b(C::EditChoice, k('j'), A::Down, |t| t.k_down, 0),
    b(C::EditChoice, code(KC::Delete), A::Delete, |t| t.k_clear_input, 4),
    b(C::EditChoice, ctrl('s'), A::Save, |t| t.k_keep_save, 0),
    b(C::EditChoice, ctrl('c'), A::Cancel, |t| t.k_cancel, 0),
    // Writing a text.
    b(C::EditNote, code(KC::Esc), A::Confirm, |t| t.k_done_note, 9),
    b(C::EditNote, ctrl('s'), A::Save, |t| t.k_keep_save, 8),
    b(C::EditNote, ctrl('c'), A::Confirm, |t| t.k_done_note, 0),
    // The evidence form.
    b(C::EvidenceForm, code(KC::Enter), A::Confirm, |t| t.k_keep_evidence, 9),
    b(C::EvidenceForm, code(KC::Tab), A::NextPane, |t| t.k_next_field, 8),
    b(C::EvidenceForm, code(KC::Down), A::NextPane, |t| t.k_next_field, 0),
    b(C::EvidenceForm, code(KC::BackTab), A::PrevPane, |t| t.k_prev_field, 0),
    b(C::EvidenceForm, code(KC::Up), A::PrevPane, |t| t.k_prev_field, 0),
    b(C::EvidenceForm, code(KC::Esc), A::Cancel, |t| t.k_cancel, 7),
    b(C::EvidenceForm, ctrl('s'), A::Save, |t| t.k_keep_save, 0),
    b(C::EvidenceForm, ctrl('c'), A::Cancel, |t| t.k_cancel, 0),
    // Searching.
    b(C::Search, code(KC::Enter), A::Confirm, |t| t.k_keep_search, 9),
    b(C::Search, code(KC::Esc), A::Cancel, |t| t.k_clear_search, 8),
    b(C::Search, ctrl('c'), A::Cancel, |t| t.k_clear_search, 0),
    // Help.
    b(C::Help, code(KC::Esc), A::Cancel, |t| t.k_close, 9),
    b(C::Help, k('?'), A::Cancel, |t| t.k_close, 0),
    b(C::Help, k('q'), A::Cancel, |t| t.k_close, 0),
    b(C::Help, code(KC::Down), A::Down, |t| t.k_scroll_down, 5),
    b(C::Help, k('j'), A::Down, |t| t.k_scroll_down, 0),
    b(C::Help, code(KC::Up), A::Up, |t| t.k_scroll_up, 5),
    b(C::Help, k('k'), A::Up, |t| t.k_scroll_up, 0),
    b(C::Help, code(KC::PageDown), A::PageDown, |t| t.k_page_down, 0),
    b(C::Help, code(KC::PageUp), A::PageUp, |t| t.k_page_up, 0),
    // Questions.
    b(C::Confirm, code(KC::Enter), A::Yes, |t| t.k_yes, 9),
    b(C::Confirm, k('y'), A::Yes, |t| t.k_yes, 0),
    b(C::Confirm, k('c'), A::Yes, |t| t.k_yes, 0),
    b(C::Confirm, code(KC::Esc), A::No, |t| t.k_no, 8),
    b(C::Confirm, k('n'), A::No, |t| t.k_no, 0),
    b(C::Confirm, k('k'), A::No, |t| t.k_no, 0),
    b(C::ConfirmText, code(KC::Enter), A::Yes, |t| t.k_yes, 9),
    b(C::ConfirmText, code(KC::Esc), A::No, |t| t.k_no, 8),
    b(C::Form, code(KC::Enter), A::Yes, |t| t.k_send, 9),
    b(C::Form, code(KC::Tab), A::NextPane, |t| t.k_next_field, 7),
    b(C::Form, code(KC::BackTab), A::PrevPane, |t| t.k_prev_field, 0),
    b(C::Form, code(KC::Esc), A::No, |t| t.k_cancel, 8),
    b(C::ConfirmNo, code(KC::Enter), A::No, |t| t.k_no, 9),
    b(C::ConfirmNo, code(KC::Esc), A::No, |t| t.k_no, 0),
    b(C::ConfirmNo, k('n'), A::No, |t| t.k_no, 0),
    b(C::ConfirmNo, k('k'), A::No, |t| t.k_no, 0),
    b(C::ConfirmNo, k('c'), A::Yes, |t| t.k_yes, 8),
    b(C::ConfirmNo, k('y'), A::Yes, |t| t.k_yes, 0),
    b(C::Conflict, k('g'), A::Yes, |t| t.k_keep_mine, 9),
    b(C::Conflict, k('y'), A::Yes, |t| t.k_keep_mine, 0),
    b(C::Conflict, k('l'), A::No, |t| t.k_take_theirs, 8),
    b(C::Conflict, k('n'), A::No, |t| t.k_take_theirs, 0),
    b(C::QuitConfirm, code(KC::Enter), A::Yes, |t| t.k_save_quit, 9),
    b(C::QuitConfirm, k('y'), A::Yes, |t| t.k_save_quit, 0),
    b(C::QuitConfirm, k('c'), A::Yes, |t| t.k_save_quit, 0),
    b(C::QuitConfirm, k('n'), A::No, |t| t.k_quit_nosave, 8),
    b(C::QuitConfirm, k('k'), A::No, |t| t.k_quit_nosave, 0),
    b(C::QuitConfirm, code(KC::Esc), A::Cancel, |t| t.k_stay, 7),
    // Export.
    b(C::ExportFormat, code(KC::Enter), A::Confirm, |t| t.k_export_now, 9),
    b(C::ExportFormat, code(KC::Left), A::Left, |t| t.k_format, 7),
    b(C::ExportFormat, code(KC::Right), A::Right, |t| t.k_format, 0),
    b(C::ExportFormat, k('h'), A::Left, |t| t.k_format, 0),
    b(C::ExportFormat, k('l'), A::Right, |t| t.k_format, 0),
    b(C::ExportFormat, k(','), A::ToggleDecimalComma, |t| t.k_decimal_comma, 5),
    b(C::ExportFormat, code(KC::Tab), A::NextPane, |t| t.k_next_field, 6),
    b(C::ExportFormat, code(KC::Down), A::NextPane, |t| t.k_next_field, 0),
    b(C::ExportFormat, code(KC::Esc), A::Cancel, |t| t.k_cancel, 8),
    b(C::ExportName, code(KC::Enter), A::Confirm, |t| t.k_export_now, 9),
    b(C::ExportName, code(KC::Tab), A::NextPane, |t| t.k_next_field, 6),
    b(C::ExportName, code(KC::BackTab), A::PrevPane, |t| t.k_prev_field, 0),
    b(C::ExportName, code(KC::Up), A::PrevPane, |t| t.k_prev_field, 0),
    b(C::ExportName, code(KC::Esc), A::Cancel, |t| t.k_cancel, 8),
    // The tree.
    b(C::Tree, code(KC::Enter), A::Edit, |t| t.k_edit_or_fold, 9),
    b(C::Tree, code(KC::Tab), A::NextPane, |t| t.k_to_detail, 3),
    b(C::Tree, code(KC::Up), A::Up, |t| t.k_up, 0),
    b(C::Tree, k('k'), A::Up, |t| t.k_up, 0),
    b(C::Tree, code(KC::Down), A::Down, |t| t.k_down, 0),
    b(C::Tree, k('j'), A::Down, |t| t.k_down, 0),
    b(C::Tree, code(KC::Left), A::Left, |t| t.k_fold, 0),
    b(C::Tree, k('h'), A::Left, |t| t.k_fold, 0),
    b(C::Tree, code(KC::Right), A::Right, |t| t.k_unfold, 0),
    b(C::Tree, k('l'), A::Right, |t| t.k_unfold, 0),
    b(C::Tree, code(KC::PageUp), A::PageUp, |t| t.k_page_up, 0),
    b(C::Tree, code(KC::PageDown), A::PageDown, |t| t.k_page_down, 0),
    b(C::Tree, code(KC::Home), A::Home, |t| t.k_first, 0),
    b(C::Tree, k('g'), A::Home, |t| t.k_first, 0),
    b(C::Tree, code(KC::End), A::End, |t| t.k_last, 0),
    b(C::Tree, k('G'), A::End, |t| t.k_last, 0),
    b(C::Tree, k('+'), A::ExpandAll, |t| t.k_expand_all, 0),
    b(C::Tree, k('-'), A::CollapseAll, |t| t.k_collapse_all, 0),
    // The detail pane.
    b(C::Detail, code(KC::Enter), A::Edit, |t| t.k_edit, 9),
    b(C::Detail, code(KC::Tab), A::NextPane, |t| t.k_to_tree, 3),
    b(C::Detail, code(KC::BackTab), A::PrevPane, |t| t.k_to_tree, 0),
    b(C::Detail, code(KC::Esc), A::Cancel, |t| t.k_to_tree, 0),
    b(C::Detail, code(KC::Up), A::Up, |t| t.k_prev_field, 0),
    b(C::Detail, k('k'), A::Up, |t| t.k_prev_field, 0),
    b(C::Detail, code(KC::Down), A::Down, |t| t.k_next_field, 0),
    b(C::Detail, k('j'), A::Down, |t| t.k_next_field, 0),
    b(C::Detail, code(KC::Left), A::Left, |t| t.k_prev_criterion, 0),
    b(C::Detail, k('h'), A::Left, |t| t.k_prev_criterion, 0),
    b(C::Detail, code(KC::Right), A::Right, |t| t.k_next_criterion, 0),
    b(C::Detail, k('l'), A::Right, |t| t.k_next_criterion, 0),
    // The unit's self-assessment.
    b(C::UnitEdit, k('a'), A::AddEvidence, |t| t.k_add_evidence, 7),
    b(C::UnitEdit, k('e'), A::EditNote, |t| t.k_explain, 7),
    b(C::UnitEdit, k('d'), A::Attach, |t| t.k_attach, 0),
    b(C::UnitEdit, k('b'), A::Narrative, |t| t.k_narrative, 0),
    b(C::UnitEdit, k('K'), A::NotApplicable, |t| t.k_not_applicable, 6),
    b(C::UnitEdit, code(KC::Delete), A::Delete, |t| t.k_delete, 0),
    b(C::UnitEdit, k('x'), A::Delete, |t| t.k_delete, 0),
    b(C::UnitSheet, k('/'), A::Search, |t| t.k_search, 5),
    b(C::UnitSheet, code(KC::Esc), A::Cancel, |t| t.k_clear_search, 0),
    b(C::UnitEdit, ctrl('s'), A::Save, |t| t.k_save, 5),
    b(C::AppraisalEdit, ctrl('s'), A::Save, |t| t.k_save, 5),
    b(C::UnitSheet, k('f'), A::ToggleTodo, |t| t.k_todo, 5),
    b(C::UnitEdit, k('u'), A::Undo, |t| t.k_undo, 4),
    b(C::UnitEdit, ctrl('z'), A::Undo, |t| t.k_undo, 0),
    b(C::UnitEdit, ctrl('r'), A::Redo, |t| t.k_redo, 0),
    b(C::UnitEdit, ctrl('y'), A::Redo, |t| t.k_redo, 0),
    b(C::UnitEdit, k('N'), A::Submit, |t| t.k_submit, 8),
    b(C::UnitSheet, k('W'), A::Withdraw, |t| t.k_withdraw, 8),
    b(C::UnitSheet, k('Y'), A::Object, |t| t.k_object, 8),
    // The Office's appraisal of one unit.
    b(C::AppraisalEdit, k('a'), A::Accept, |t| t.k_accept, 9),
    b(C::AppraisalEdit, k('c'), A::Comment, |t| t.k_comment, 8),
    b(C::AppraisalEdit, k('A'), A::AcceptAll, |t| t.k_accept_all, 8),
    b(C::AppraisalEdit, k('Q'), A::Question, |t| t.k_question, 6),
    b(C::AppraisalEdit, k('K'), A::NotApplicable, |t| t.k_not_applicable, 5),
    b(C::AppraisalEdit, code(KC::Delete), A::Delete, |t| t.k_delete_appraisal, 0),
    b(C::AppraisalEdit, k('x'), A::Delete, |t| t.k_delete_appraisal, 0),
    b(C::Appraisal, k('/'), A::Search, |t| t.k_search, 4),
    b(C::Appraisal, k('o'), A::OpenFile, |t| t.k_open_file, 0),
    b(C::Appraisal, k('f'), A::ToggleTodo, |t| t.k_todo, 4),
    b(C::AppraisalEdit, k('u'), A::Undo, |t| t.k_undo, 0),
    b(C::AppraisalEdit, ctrl('z'), A::Undo, |t| t.k_undo, 0),
    b(C::AppraisalEdit, ctrl('r'), A::Redo, |t| t.k_redo, 0),
    b(C::AppraisalEdit, ctrl('y'), A::Redo, |t| t.k_redo, 0),
    b(C::Appraisal, k('T'), A::ReturnUnit, |t| t.k_return_unit, 7),
    b(C::Appraisal, k('D'), A::MarkAppraised, |t| t.k_mark_appraised, 7),
    b(C::Appraisal, k('F'), A::Finalise, |t| t.k_finalise, 5),
    b(C::Appraisal, k('O'), A::Reopen, |t| t.k_reopen, 3),
    b(C::Appraisal, k('Y'), A::AnswerObjection, |t| t.k_answer_objection, 8),
    b(C::Appraisal, code(KC::Esc), A::Cancel, |t| t.k_back, 2),
    // After a search.
    b(C::Searched, k('n'), A::NextMatch, |t| t.k_next_match, 6),
    b(C::Searched, k('N'), A::PrevMatch, |t| t.k_prev_match, 5),
    b(C::Searched, code(KC::Esc), A::Cancel, |t| t.k_clear_search, 7),
    // The dashboard.
    b(C::Office, code(KC::Enter), A::Open, |t| t.k_open_appraisal, 9),
    b(C::Office, k('s'), A::SortNext, |t| t.k_sort, 7),
    b(C::Office, k('S'), A::SortReverse, |t| t.k_sort_reverse, 6),
    b(C::Office, k('r'), A::ShowRanking, |t| t.k_ranking, 8),
    b(C::Office, k('/'), A::Search, |t| t.k_filter, 6),
    b(C::Office, code(KC::Esc), A::Cancel, |t| t.k_clear_filter, 0),
    b(C::Office, code(KC::Up), A::Up, |t| t.k_up, 0),
    b(C::Office, k('k'), A::Up, |t| t.k_up, 0),
    b(C::Office, code(KC::Down), A::Down, |t| t.k_down, 0),
    b(C::Office, k('j'), A::Down, |t| t.k_down, 0),
    b(C::Office, code(KC::PageUp), A::PageUp, |t| t.k_page_up, 0),
    b(C::Office, code(KC::PageDown), A::PageDown, |t| t.k_page_down, 0),
    b(C::Office, code(KC::Home), A::Home, |t| t.k_first, 0),
    b(C::Office, code(KC::End), A::End, |t| t.k_last, 0),
    // The ranking.
    b(C::Ranking, k('g'), A::ToggleGroups, |t| t.k_by_group, 8),
    b(C::Ranking, k('e'), A::Export, |t| t.k_export, 8),
    b(C::Ranking, code(KC::Enter), A::Open, |t| t.k_open_appraisal, 7),
    b(C::Ranking, k('/'), A::Search, |t| t.k_filter, 5),
    b(C::Ranking, code(KC::Esc), A::Cancel, |t| t.k_back, 6),
    b(C::Ranking, k('r'), A::Cancel, |t| t.k_back, 0),
    b(C::Ranking, code(KC::Up), A::Up, |t| t.k_up, 0),
    b(C::Ranking, k('k'), A::Up, |t| t.k_up, 0),
    b(C::Ranking, code(KC::Down), A::Down, |t| t.k_down, 0),
    b(C::Ranking, k('j'), A::Down, |t| t.k_down, 0),
    b(C::Ranking, code(KC::PageUp), A::PageUp, |t| t.k_page_up, 0),
    b(C::Ranking, code(KC::PageDown), A::PageDown, |t| t.k_page_down, 0),
    b(C::Ranking, code(KC::Home), A::Home, |t| t.k_first, 0),
    b(C::Ranking, code(KC::End), A::End, |t| t.k_last, 0),
    // A round run by one person.
    b(C::SingleUser, k('V'), A::SwitchRole, |t| t.k_switch_role, 3),
    // A git clone of the round.
    b(C::Clone, k('B'), A::Sync, |t| t.k_sync, 3),
    // Only after a refused sync, with no unsaved change (`App::offers`).
    b(C::Clone, k('X'), A::SetAside, |t| t.k_set_aside, 4),
    // Everywhere while browsing.
    b(C::Global, k('?'), A::Help, |t| t.k_help, 9),
    b(C::Global, k('q'), A::Quit, |t| t.k_quit, 9),
    b(C::Global, ctrl('c'), A::Quit, |t| t.k_quit, 0),
];

/// The action a key triggers in the given contexts (most specific first).
pub fn lookup(contexts: &[Ctx], key: Key) -> Option<&'static Action> {
    contexts.iter().find_map(|&c| KEYMAP.iter().find(|b| b.ctx == c && b.key == key).map(|b| &b.action))
}

/// One entry of the command bar.
pub struct BarEntry {
    pub key: String,
    pub help: &'static str,
    pub prio: u8,
    /// A `Global` key: kept at the right end of the bar.
    pub global: bool,
    /// A workflow move (submit, return, mark appraised, finalise, reopen): kept on a narrow bar
    /// before any other key.
    pub mv: bool,
}

/// The command bar for the given contexts: one entry per action (its first key), most
/// important first.
/// `offered`: whether an action can do anything now (a workflow move the unit's status does not
/// allow is left off the bar).
pub fn bar(contexts: &[Ctx], t: &Text, offered: impl Fn(&Action) -> bool) -> Vec<BarEntry> {
    let mut out: Vec<(BarEntry, &Action)> = Vec::new();
    for &c in contexts {
        for bnd in KEYMAP.iter().filter(|x| x.ctx == c && x.bar > 0 && offered(&x.action)) {
            // A key a more specific context takes for something else is not offered for this.
            if out.iter().any(|o| *o.1 == bnd.action) || lookup(contexts, bnd.key) != Some(&bnd.action) {
                continue;
            }
            let mv = matches!(
                bnd.action,
                Action::Submit | Action::Withdraw | Action::ReturnUnit | Action::MarkAppraised | Action::Finalise | Action::Reopen
            );
            out.push((BarEntry { key: bnd.key.label(), help: (bnd.help)(t), prio: bnd.bar, global: c == Ctx::Global, mv }, &bnd.action));
        }
    }
    let mut v: Vec<BarEntry> = out.into_iter().map(|o| o.0).collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.prio));
    v
}

/// The help for one context: `(keys, explanation)` lines, keys of one action and one
/// explanation joined.
pub fn help_lines(ctx: Ctx, t: &Text) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for bnd in KEYMAP.iter().filter(|x| x.ctx == ctx) {
        let h = (bnd.help)(t);
        match out.iter_mut().find(|o| o.1 == h) {
            Some(o) => {
                o.0.push(' ');
                o.0.push_str(&bnd.key.label());
            }
            None => out.push((bnd.key.label(), h)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                assert!(!(a.ctx == b.ctx && a.key == b.key), "{:?} {:?} bound twice", a.ctx, a.key);
            }
        }
    }

    #[test]
    fn shift_and_ctrl_are_folded() {
        use ratatui::crossterm::event::KeyEvent;
        let s = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&s), k('S'));
        let cs = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&cs), ctrl('s'));
        assert_eq!(ctrl('s').label(), "Ctrl-S");
    }
}
