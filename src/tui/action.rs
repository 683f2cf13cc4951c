//! Every user intent, as one enum. Keys (see [`super::keymap`]), mouse events and the run
//! loop's timer all become an `Action`, and [`super::state::App::update`] is the only place that
//! changes state in response.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    // Everywhere.
    Quit,
    Help,
    Save,
    Undo,
    Redo,
    // Moving.
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Fold the selected group, or go to its parent.
    Left,
    /// Unfold the selected group, or go to its first child.
    Right,
    ExpandAll,
    CollapseAll,
    /// Tab: the other pane (tree ↔ detail), or the next field of a form.
    NextPane,
    PrevPane,
    // Editing the unit's sheet.
    /// Enter: edit the selected field (or fold/unfold a group).
    Edit,
    /// Esc: cancel the edit, close the dialog, go back.
    Cancel,
    /// Enter inside an edit or a dialog: keep it.
    Confirm,
    /// Remove the selected input or evidence item.
    Delete,
    AddEvidence,
    EditNote,
    /// Mark the selected leaf “not applicable” with its reason, or take the mark off (the
    /// Office: refuse the unit's mark, or mark it); only on leaves the scorecard marks `na`.
    NotApplicable,
    Search,
    /// After a search: the next (previous) matching criterion.
    NextMatch,
    PrevMatch,
    ToggleTodo,
    Submit,
    /// The unit head takes back the submission (before the deadline and any appraisal).
    Withdraw,
    /// The unit head objects to the selected criterion's appraised figure (provisional results).
    Object,
    /// The Office (or the criterion's appraiser) answers the unit's objection to the selected
    /// criterion: accept or reject with a reason.
    AnswerObjection,
    /// The unit head attaches a file (typed path) to the selected criterion (issue 20).
    Attach,
    /// The unit head writes the unit's narrative (the report's four sections, issue 22).
    Narrative,
    /// Open the selected criterion's attached file with the system's opener, or show its path.
    OpenFile,
    // The Office.
    Open,
    SortNext,
    SortReverse,
    ShowRanking,
    Accept,
    AcceptAll,
    Comment,
    /// Flag the criterion with a question for the unit (giải trình).
    Question,
    ReturnUnit,
    MarkAppraised,
    Finalise,
    Reopen,
    ToggleGroups,
    /// Single-user round: the Office's dashboard ↔ the selected unit's self-assessment.
    SwitchRole,
    /// A git clone: commit, pull, push, off the UI thread (issue 20).
    Sync,
    /// A git clone whose last sync the server refused: set the refused changes aside and take
    /// the server's branch (`parindex sync --set-aside-refused`), after a yes/no question.
    SetAside,
    /// The export dialog: CSV with a decimal comma (and `;`) or a decimal point (and `,`).
    ToggleDecimalComma,
    Export,
    // Answers in dialogs.
    Yes,
    No,
    // Raw input for the focused text field.
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    /// Time passes (the run loop's poll timeout): autosave when due.
    Tick,
}
