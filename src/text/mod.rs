//! Every interface string, in Vietnamese (the default) and English: one struct, two values,
//! so the compiler checks that both languages are complete. The CLI's tables and the TUI both
//! read from here; code, comments and file formats stay in English.

#[doc(hidden)]
pub mod diag;
pub mod english;
pub mod help;
pub mod log;
pub mod msg;

pub use diag::Render;

use crate::core::answers::Status;
use crate::core::integrity::{Broken, Integrity};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi`/`en` (also `vi_VN`, `en-US`…); anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The decimal separator shown to people: `87,25` in Vietnamese, `87.25` in English.
    pub fn decimal_sep(self) -> char {
        match self {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// All labels of one language.
pub struct Text {
    /// The language of this table (to word typed messages, [`Text::say`]).
    pub lang: Lang,
    // Ranking and score tables.
    pub rank: &'static str,
    pub unit: &'static str,
    pub unit_id: &'static str,
    pub group: &'static str,
    pub no_group: &'static str,
    pub status: &'static str,
    pub self_index: &'static str,
    pub final_index: &'static str,
    pub total: &'static str,
    pub index: &'static str,
    pub band: &'static str,
    pub progress: &'static str,
    /// `82/82 tiêu chí của đơn vị · 0/4 khảo sát` ([`Text::counts`]).
    pub counts_line: &'static str,
    pub counts_survey: &'static str,
    pub criterion: &'static str,
    pub max: &'static str,
    pub self_points: &'static str,
    pub final_points: &'static str,
    pub ranking_title: &'static str,
    pub ranking_final: &'static str,
    pub ranking_provisional: &'static str,
    pub appraised_of: &'static str,
    pub scorecard: &'static str,
    pub points_unit: &'static str,
    // -- Trust: integrity, permissions, audit chain (issue 9). --
    // Integrity of submissions (seal, signature).
    pub integrity: &'static str,
    pub integrity_ok: &'static str,
    pub integrity_broken: &'static str,
    pub integrity_unsigned: &'static str,
    /// A sheet of the unit failed to load (no figures, no rank).
    pub integrity_unreadable: &'static str,
    pub iu_unreadable: &'static str,
    /// A unit head whose own sheet does not load: `{}` the unit's name, then the diagnostic.
    pub unreadable_own: &'static str,
    /// Under `rank`/`status`: how many units are left out of the ranking (`{}`).
    pub unreadable_count: &'static str,
    pub ib_seal: &'static str,
    pub ib_no_seal: &'static str,
    pub ib_signature: &'static str,
    pub ib_other_key: &'static str,
    pub ib_unreadable_signature: &'static str,
    pub iu_reason: &'static str,
    pub rf_broken: &'static str,
    pub rf_unsigned: &'static str,
    pub sign_failed: &'static str,
    pub sign_hint: &'static str,
    // Statuses.
    pub st_missing: &'static str,
    pub st_draft: &'static str,
    pub st_submitted: &'static str,
    pub st_returned: &'static str,
    pub st_appraised: &'static str,
    pub st_final: &'static str,
    // `parindex permissions` (issue 9, the OS-enforced roles).
    pub perm_title: &'static str,
    pub perm_group_new: &'static str,
    pub perm_user_new: &'static str,
    pub perm_user_member: &'static str,
    pub perm_tree: &'static str,
    pub perm_and_more: &'static str,
    pub perm_binary: &'static str,
    pub perm_bin_already: &'static str,
    pub perm_users: &'static str,
    pub perm_office: &'static str,
    pub perm_head_of: &'static str,
    pub perm_account_ok: &'static str,
    pub perm_users_after: &'static str,
    pub perm_blocked: &'static str,
    pub perm_warnings: &'static str,
    pub perm_refused: &'static str,
    pub perm_kind_link: &'static str,
    pub perm_kind_device: &'static str,
    pub perm_primary: &'static str,
    pub perm_bad_name: &'static str,
    pub perm_bin_not_file: &'static str,
    pub perm_warn_nosuid: &'static str,
    pub perm_warn_bin_dir: &'static str,
    pub perm_warn_single_user: &'static str,
    pub perm_not_root: &'static str,
    pub perm_unix_only: &'static str,
    pub perm_apply_hint: &'static str,
    pub perm_nothing_changed: &'static str,
    pub perm_done: &'static str,
    pub perm_failed: &'static str,
    // -- Live dashboard (issue 10). --
    pub points_unit_one: &'static str,
    pub ctx_unit_edit: &'static str,
    pub ctx_appraisal_edit: &'static str,
    pub ctx_searched: &'static str,
    pub k_next_match: &'static str,
    pub k_prev_match: &'static str,
    pub question: &'static str,
    pub reply: &'static str,
    pub ph_question: &'static str,
    pub ph_reply: &'static str,
    pub not_answered: &'static str,
    pub k_question: &'static str,
    pub return_reason: &'static str,
    pub ro_not_office: &'static str,
    pub ro_no_lock: &'static str,
    pub msg_stale: &'static str,
    pub msg_reloaded: &'static str,
    pub msg_lock_freed: &'static str,
    pub msg_conflicts_done: &'static str,
    pub msg_switched: &'static str,
    pub msg_switched_office: &'static str,
    pub office_name: &'static str,
    pub single_user_hint: &'static str,
    pub accept_all_title: &'static str,
    pub accept_all_question: &'static str,
    pub conflict_title: &'static str,
    pub conflict_question: &'static str,
    pub conflict_left: &'static str,
    /// A part left empty, in the conflict dialog.
    pub conflict_empty: &'static str,
    /// Evidence, as the conflict dialog names it.
    pub evidence_word: &'static str,
    pub ctx_conflict: &'static str,
    pub ctx_single_user: &'static str,
    pub ctx_clone: &'static str,
    pub k_sync: &'static str,
    pub k_set_aside: &'static str,
    pub set_aside_title: &'static str,
    pub set_aside_question: &'static str,
    pub msg_syncing: &'static str,
    pub k_keep_mine: &'static str,
    pub k_take_theirs: &'static str,
    pub k_switch_role: &'static str,
    // Command messages.
    pub demo_written: &'static str,
    pub check_ok_scorecard: &'static str,
    pub check_ok_workspace: &'static str,
    pub check_problems: &'static str,
    pub init_done: &'static str,
    // -- Documents, exports, help (issue 11). --
    /// The man page's section headings clap_mangen writes, and what to write instead.
    pub man_headings: &'static [(&'static str, &'static str)],
    /// `parindex man NAME` with no such command.
    pub man_no_command: &'static str,
    // The dashboard (TUI).
    pub tree_title: &'static str,
    // -- Domain: not applicable, register, surveys, comparison (issue 12). --
    pub rank_change: &'static str,
    pub previous_index: &'static str,
    pub self_of: &'static str,
    pub provisional: &'static str,
    /// After a band computed from the self-assessment alone (issue 21).
    pub self_banded: &'static str,
    pub survey_imported: &'static str,
    pub na_full_list: &'static str,
    pub na_excluded_list: &'static str,
    pub err_na_false: &'static str,
    pub err_na_not_allowed: &'static str,
    pub na_refused: &'static str,
    pub na_input: &'static str,
    pub detail_title: &'static str,
    pub saved: &'static str,
    pub read_only: &'static str,
    pub unsaved: &'static str,
    pub unscored: &'static str,
    pub warnings_short: &'static str,
    /// Before a diagnostic that is only a warning: `cảnh báo: `.
    pub warning_prefix: &'static str,
    pub search: &'static str,
    pub searching: &'static str,
    pub todo_filter: &'static str,
    pub no_match: &'static str,
    pub col_unit: &'static str,
    pub col_appraised: &'static str,
    pub self_short: &'static str,
    pub appraised_short: &'static str,
    pub not_appraised_short: &'static str,
    /// The Office's table on a narrow screen: `self_short` and `progress` abbreviated.
    pub self_abbr: &'static str,
    pub progress_abbr: &'static str,
    pub appraisal_of: &'static str,
    pub self_index_label: &'static str,
    pub rule: &'static str,
    pub guidance: &'static str,
    pub below: &'static str,
    pub deduction_cap: &'static str,
    pub bonus_max: &'static str,
    pub rule_group: &'static str,
    pub rule_manual: &'static str,
    pub rule_bonus: &'static str,
    pub rule_survey: &'static str,
    pub rule_target: &'static str,
    pub rule_deduction: &'static str,
    pub sub_criteria: &'static str,
    pub n_to_do: &'static str,
    pub n_to_appraise: &'static str,
    pub self_assessment: &'static str,
    pub input_label: &'static str,
    pub unit_assessment: &'static str,
    pub unit_input: &'static str,
    pub office_appraisal: &'static str,
    pub appraised_input: &'static str,
    pub adjusted: &'static str,
    pub comment: &'static str,
    pub no_comment: &'static str,
    pub not_scored: &'static str,
    pub not_appraised_value: &'static str,
    pub survey_by_office: &'static str,
    pub choose_option: &'static str,
    pub warn_no_evidence: &'static str,
    pub evidence_n: &'static str,
    pub no_evidence: &'static str,
    pub add_evidence: &'static str,
    pub file: &'static str,
    pub file_missing: &'static str,
    pub explanation: &'static str,
    pub explanation_field: &'static str,
    pub no_explanation: &'static str,
    pub ph_note: &'static str,
    pub ph_comment: &'static str,
    pub office_title: &'static str,
    pub units_title: &'static str,
    pub sorted_by: &'static str,
    pub bars_title: &'static str,
    pub heat_title: &'static str,
    pub overall_title: &'static str,
    pub by_group_title: &'static str,
    pub help_title: &'static str,
    pub help_typing: &'static str,
    pub marks_title: &'static str,
    pub hint_points: &'static str,
    /// A manual leaf with a stated scale: the points it takes (issue 21).
    pub hint_levels: &'static str,
    pub hint_choice: &'static str,
    pub hint_ratio: &'static str,
    pub hint_count: &'static str,
    pub hint_count_whole: &'static str,
    pub hint_survey: &'static str,
    pub hint_search: &'static str,
    pub hint_filter: &'static str,
    pub hint_note: &'static str,
    pub hint_evidence: &'static str,
    pub ev_add_title: &'static str,
    pub ev_edit_title: &'static str,
    pub ev_reference: &'static str,
    pub ev_date: &'static str,
    pub ev_title: &'static str,
    pub ev_file: &'static str,
    pub ev_hint: &'static str,
    pub quit_title: &'static str,
    pub quit_unsaved: &'static str,
    pub submit_title: &'static str,
    pub submit_note: &'static str,
    pub submit_question: &'static str,
    pub sum_unscored: &'static str,
    pub sum_no_evidence: &'static str,
    pub sum_bad_refs: &'static str,
    pub sum_complete: &'static str,
    pub sum_not_appraised: &'static str,
    pub sum_not_appraised_zero: &'static str,
    pub sum_survey_open: &'static str,
    pub finalise_provisional: &'static str,
    pub sum_all_appraised: &'static str,
    pub return_title: &'static str,
    pub return_question: &'static str,
    pub return_note: &'static str,
    pub mark_title: &'static str,
    pub mark_question: &'static str,
    pub export_title: &'static str,
    pub export_format: &'static str,
    pub export_file: &'static str,
    pub export_where: &'static str,
    pub k_decimal_comma: &'static str,
    pub export_csv_comma: &'static str,
    pub export_csv_point: &'static str,
    pub export_stem: &'static str,
    pub export_stem_groups: &'static str,
    pub msg_saved: &'static str,
    pub msg_autosaved: &'static str,
    /// The line shown while a round loads: units loaded, units in all.
    pub loading_units: &'static str,
    /// The line shown while the round's own file is read (before its units are known).
    pub loading_round: &'static str,
    pub msg_nothing_to_save: &'static str,
    pub msg_submitted: &'static str,
    pub msg_withdrawn: &'static str,
    pub msg_returned: &'static str,
    pub msg_marked_appraised: &'static str,
    pub msg_exported: &'static str,
    pub msg_final_readonly: &'static str,
    pub msg_pick_leaf: &'static str,
    pub msg_todo_on: &'static str,
    pub msg_todo_off: &'static str,
    pub msg_removed: &'static str,
    pub msg_accepted: &'static str,
    pub msg_accepted_n: &'static str,
    /// Accepting a “not applicable” answer asks the Office's reason (its comment).
    pub msg_accept_na_reason: &'static str,
    /// Accept-all left the “not applicable” answers that need the Office's reason (count).
    pub msg_accepted_na_left: &'static str,
    pub msg_undone: &'static str,
    pub msg_redone: &'static str,
    pub msg_nothing_to_undo: &'static str,
    pub msg_nothing_to_redo: &'static str,
    pub err_save: &'static str,
    /// A save refused because this session's edit lock is no longer the real one.
    pub err_lock_lost: &'static str,
    /// A sync received new settings of the round (workspace.toml or the scorecard): the
    /// dashboard must be reopened.
    pub msg_settings_changed: &'static str,
    /// The round's settings changed on disk (not with a sync) while the dashboard was open.
    pub msg_settings_moved: &'static str,
    /// A save or a move refused because the settings changed (with a sync or on disk).
    pub err_settings_changed: &'static str,
    pub err_locked: &'static str,
    pub err_survey: &'static str,
    pub err_group: &'static str,
    pub err_not_number: &'static str,
    pub err_wrong_kind: &'static str,
    pub err_negative: &'static str,
    pub err_above_max: &'static str,
    pub err_not_step: &'static str,
    pub err_not_level: &'static str,
    pub err_unknown_option: &'static str,
    pub err_not_whole: &'static str,
    pub err_planned: &'static str,
    pub err_nothing_to_accept: &'static str,
    pub err_no_submission: &'static str,
    pub err_transition: &'static str,
    pub err_export: &'static str,
    pub err_export_name: &'static str,
    pub export_overwrite: &'static str,
    pub err_docref: &'static str,
    pub err_date: &'static str,
    pub err_evidence_empty: &'static str,
    pub err_file_path: &'static str,
    pub err_no_file: &'static str,
    pub err_counted_from_register: &'static str,
    pub err_link_scheme: &'static str,
    pub docref_empty: &'static str,
    pub docref_spaces: &'static str,
    pub docref_no_slash: &'static str,
    pub docref_too_many: &'static str,
    pub docref_number: &'static str,
    pub docref_year: &'static str,
    pub docref_no_symbol: &'static str,
    pub docref_empty_group: &'static str,
    pub docref_bad_group: &'static str,
    pub ctx_global: &'static str,
    pub ctx_tree: &'static str,
    pub ctx_detail: &'static str,
    pub ctx_unit_sheet: &'static str,
    pub ctx_appraisal: &'static str,
    pub ctx_office: &'static str,
    pub ctx_ranking: &'static str,
    pub ctx_edit_line: &'static str,
    pub ctx_edit_choice: &'static str,
    pub ctx_edit_note: &'static str,
    pub ctx_evidence_form: &'static str,
    pub ctx_search: &'static str,
    pub ctx_help: &'static str,
    pub ctx_confirm: &'static str,
    pub ctx_form: &'static str,
    pub ctx_quit_confirm: &'static str,
    pub ctx_export: &'static str,
    pub k_accept: &'static str,
    pub k_accept_all: &'static str,
    pub k_add_evidence: &'static str,
    pub k_back: &'static str,
    pub k_by_group: &'static str,
    pub k_cancel: &'static str,
    pub k_choose: &'static str,
    pub k_clear_input: &'static str,
    pub k_clear_search: &'static str,
    pub k_close: &'static str,
    pub k_collapse_all: &'static str,
    pub k_comment: &'static str,
    pub k_confirm_value: &'static str,
    pub k_delete: &'static str,
    pub k_delete_appraisal: &'static str,
    pub k_done_note: &'static str,
    pub k_down: &'static str,
    pub k_edit: &'static str,
    pub k_edit_or_fold: &'static str,
    pub k_expand_all: &'static str,
    pub k_explain: &'static str,
    pub k_export: &'static str,
    pub k_export_now: &'static str,
    pub k_first: &'static str,
    pub k_fold: &'static str,
    pub k_format: &'static str,
    pub k_help: &'static str,
    pub k_keep_evidence: &'static str,
    pub k_keep_search: &'static str,
    pub k_keep_save: &'static str,
    pub k_last: &'static str,
    pub k_mark_appraised: &'static str,
    pub k_next_criterion: &'static str,
    pub k_next_field: &'static str,
    pub k_no: &'static str,
    pub k_open_appraisal: &'static str,
    pub k_page_down: &'static str,
    pub k_page_up: &'static str,
    pub k_prev_criterion: &'static str,
    pub k_prev_field: &'static str,
    pub k_quit: &'static str,
    pub k_quit_nosave: &'static str,
    pub k_ranking: &'static str,
    pub k_redo: &'static str,
    pub k_return_unit: &'static str,
    pub k_save: &'static str,
    pub k_save_quit: &'static str,
    pub k_scroll_down: &'static str,
    pub k_scroll_up: &'static str,
    pub k_search: &'static str,
    pub k_filter: &'static str,
    /// An unknown key pressed: `Phím {} không dùng ở đây · ? xem các phím`.
    pub msg_unknown_key: &'static str,
    pub k_clear_filter: &'static str,
    /// `Lọc “{}”: {}/{} đơn vị` in a table's title.
    pub filter_title: &'static str,
    /// The filter field's label.
    pub filter_label: &'static str,
    pub k_sort: &'static str,
    pub k_sort_reverse: &'static str,
    pub k_stay: &'static str,
    pub k_submit: &'static str,
    pub k_withdraw: &'static str,
    pub k_object: &'static str,
    pub k_attach: &'static str,
    pub k_narrative: &'static str,
    pub narrative_title: &'static str,
    pub hint_narrative: &'static str,
    pub k_open_file: &'static str,
    pub attach_title: &'static str,
    pub attach_question: &'static str,
    pub attach_path: &'static str,
    pub attached_file: &'static str,
    pub msg_attached: &'static str,
    /// An attached file being read and written in the background.
    pub msg_attaching: &'static str,
    pub msg_opened: &'static str,
    pub msg_file_at: &'static str,
    pub msg_no_attached: &'static str,
    pub object_title: &'static str,
    pub object_question: &'static str,
    pub object_reason: &'static str,
    pub msg_objected: &'static str,
    pub object_evidence: &'static str,
    pub k_answer_objection: &'static str,
    pub k_accept_or_reject: &'static str,
    pub k_send: &'static str,
    pub answer_title: &'static str,
    pub answer_question: &'static str,
    pub answer_accept: &'static str,
    pub answer_reject: &'static str,
    pub answer_accept_note: &'static str,
    pub answer_reason: &'static str,
    pub msg_answered: &'static str,
    pub objection_heading: &'static str,
    pub objection_by: &'static str,
    pub objection_answer: &'static str,
    pub objection_open: &'static str,
    pub objection_accepted: &'static str,
    pub objection_rejected: &'static str,
    pub objections_open_n: &'static str,
    pub objection_evidence: &'static str,
    pub k_to_detail: &'static str,
    pub k_to_tree: &'static str,
    pub k_todo: &'static str,
    pub k_undo: &'static str,
    pub k_unfold: &'static str,
    pub k_up: &'static str,
    pub k_yes: &'static str,
    pub marks_unit: &'static [&'static str],
    pub marks_office: &'static [&'static str],
    pub rf_office_only: &'static str,
    pub rf_head_only: &'static str,
    pub rf_wrong_status: &'static str,
    pub rf_past_deadline: &'static str,
    pub rf_locked: &'static str,
    pub rf_not_submitted: &'static str,
    pub msg_held_by: &'static str,
    pub msg_took_over: &'static str,
    pub msg_view_only: &'static str,
    pub msg_finalised: &'static str,
    pub msg_reopened: &'static str,
    pub k_finalise: &'static str,
    pub k_reopen: &'static str,
    pub finalise_title: &'static str,
    pub finalise_question: &'static str,
    pub finalise_note: &'static str,
    pub reopen_title: &'static str,
    pub reopen_question: &'static str,
    pub reopen_note: &'static str,
    pub recover_title: &'static str,
    pub recover_question: &'static str,
    pub msg_recovered: &'static str,
    pub msg_recover_dropped: &'static str,
    // -- Not applicable in the dashboard (issue 12). --
    pub k_not_applicable: &'static str,
    pub na_reason_label: &'static str,
    pub na_full_reason_label: &'static str,
    pub na_refuse_label: &'static str,
    pub hint_na_reason: &'static str,
    pub err_na_reason: &'static str,
    pub err_na_refuse_reason: &'static str,
    pub msg_na_set: &'static str,
    pub msg_na_cleared: &'static str,
    pub msg_na_refused: &'static str,
    pub na_can_full: &'static str,
    pub na_can_excluded: &'static str,
    /// The evidence form put right a number with stray spaces: `{}` the number as corrected.
    pub msg_docref_fixed: &'static str,
    /// `na = true` on a leaf whose `na` is "full": the duty did not arise.
    pub na_full_input: &'static str,
    // -- Hostile input: paths, control bytes, write failures (issue 9). --
    /// "Cannot write {path}": the head of every write failure.
    pub wf_cannot_write: &'static str,
    /// Permission denied: `{user}`, `{folder}`.
    pub wf_permission: &'static str,
    pub wf_no_space: &'static str,
    pub wf_read_only: &'static str,
    /// The folder `{folder}` does not exist.
    pub wf_no_folder: &'static str,
    pub wf_is_folder: &'static str,
    pub wf_too_large: &'static str,
    /// Any other OS error: `{reason}`.
    pub wf_other: &'static str,
    /// What a path names when it is not a regular file.
    pub nf_folder: &'static str,
    pub nf_fifo: &'static str,
    pub nf_device: &'static str,
    pub nf_socket: &'static str,
    pub nf_other: &'static str,
    /// After a `nf_…`: parindex reads and writes regular files only.
    pub nf_regular_only: &'static str,
    /// `-w` or `init`/`demo` DIR that exists and is not a folder.
    pub nf_need_folder: &'static str,
    /// `demo DIR` (the default one is in the shared temp folder) owned by someone else: `{}`.
    pub demo_not_yours: &'static str,
}

impl Text {
    /// A typed message (a diagnostic, a refusal from the core) in this table's language.
    pub fn say(&self, m: &impl msg::Show) -> String {
        m.show(self.lang)
    }

    /// "Kết quả chính thức", or "Kết quả tạm thời (3/8 đơn vị đã thẩm định)".
    pub fn ranking_state(&self, results: &crate::core::results::RoundResults) -> String {
        if results.is_final() {
            self.ranking_final.to_owned()
        } else {
            format!("{} ({}/{} {})", self.ranking_provisional, results.appraised_count(), results.units.len(), self.appraised_of)
        }
    }

    pub fn status(&self, s: Option<Status>) -> &'static str {
        match s {
            None => self.st_missing,
            Some(Status::Draft) => self.st_draft,
            Some(Status::Submitted) => self.st_submitted,
            Some(Status::Returned) => self.st_returned,
            Some(Status::Appraised) => self.st_appraised,
            Some(Status::Final) => self.st_final,
        }
    }
}

pub static VI: Text = Text {
    lang: Lang::Vi,
    rank: "Hạng",
    unit: "Đơn vị",
    unit_id: "Mã",
    group: "Nhóm",
    no_group: "(không nhóm)",
    status: "Trạng thái",
    self_index: "Tự đánh giá (%)",
    final_index: "Chỉ số (%)",
    total: "Tổng điểm",
    index: "Chỉ số",
    band: "Xếp loại",
    progress: "Đã đánh giá",
    counts_line: "{}/{} tiêu chí của đơn vị",
    counts_survey: "{}/{} khảo sát",
    criterion: "Lĩnh vực / Tiêu chí",
    max: "Tối đa",
    self_points: "Tự đánh giá",
    final_points: "Điểm đạt",
    ranking_title: "Xếp hạng chỉ số cải cách hành chính",
    ranking_final: "Kết quả chính thức",
    ranking_provisional: "Kết quả tạm thời",
    appraised_of: "đơn vị đã thẩm định",
    scorecard: "Bảng điểm",
    points_unit: "điểm",
    // -- Trust: integrity, permissions, audit chain (issue 9). --
    integrity: "Toàn vẹn",
    integrity_ok: "Hợp lệ",
    integrity_broken: "Không toàn vẹn",
    integrity_unsigned: "Chưa ký",
    integrity_unreadable: "Không đọc được",
    iu_unreadable: "một tệp của đơn vị không đọc được (chạy parindex check để xem chi tiết)",
    unreadable_own: "Không đọc được tệp của đơn vị {}: hãy nhờ Văn phòng sửa tệp rồi mở lại (parindex check cho biết dòng, cột lỗi).",
    unreadable_count: "{} đơn vị không đọc được: không xếp hạng, chưa có chỉ số. Sửa tệp rồi chạy lại (parindex check).",
    ib_seal: "nội dung tự đánh giá đã bị sửa sau khi niêm phong",
    ib_no_seal: "đã nộp nhưng không có mã niêm phong",
    ib_signature: "chữ ký SSH không khớp với nội dung tự đánh giá",
    ib_other_key: "chữ ký SSH không thuộc khóa nào của đơn vị trong workspace.toml",
    ib_unreadable_signature: "chữ ký SSH không đọc được",
    iu_reason: "workspace.toml có khóa của trưởng đơn vị nhưng bản nộp không có chữ ký SSH",
    rf_broken: "Bản tự đánh giá của đơn vị không toàn vẹn ({}): không thể thẩm định hay công bố chính thức. Hãy trả lại để đơn vị nộp lại.",
    rf_unsigned: "Đơn vị đã đăng ký khóa SSH trong workspace.toml: bản nộp phải có chữ ký SSH của trưởng đơn vị.",
    sign_failed: "Không ký được bản tự đánh giá của {}: {}. Chưa nộp, không tệp nào bị thay đổi.",
    sign_hint: "Hãy nạp khóa vào SSH agent (`ssh-add ~/.ssh/id_ed25519`) hoặc chỉ rõ khóa: `parindex submit --key ~/.ssh/id_ed25519` (hoặc biến môi trường PARINDEX_SIGNING_KEY).",
    st_missing: "Chưa nộp",
    st_draft: "Đang tự đánh giá",
    st_submitted: "Đã nộp",
    st_returned: "Trả lại",
    st_appraised: "Đã thẩm định",
    st_final: "Chính thức",
    // `parindex permissions` (issue 9, the OS-enforced roles).
    perm_title: "Phân quyền cho đợt đánh giá",
    perm_group_new: "nhóm chưa có: sẽ tạo (nhóm hệ thống, không ai là thành viên)",
    perm_user_new: "chưa có tài khoản: sẽ tạo (useradd -m, chưa có mật khẩu)",
    perm_user_member: "đang là thành viên của nhóm: sẽ bị gỡ ra (không ai được ở trong nhóm)",
    perm_tree: "{} thư mục (2770) và {} tệp (0660), chủ sở hữu root, không đi theo liên kết tượng trưng; {} mục cần đổi:",
    perm_and_more: "và {} mục khác",
    perm_binary: "chương trình parindex của người dùng: setgid nhóm này, chỉ nó mở được tệp của đợt đánh giá",
    perm_bin_already: "chương trình đã được đặt đúng quyền",
    perm_users: "Người dùng (theo workspace.toml):",
    perm_office: "Văn phòng",
    perm_head_of: "trưởng đơn vị",
    perm_account_ok: "đã có tài khoản",
    perm_users_after: "Sau khi áp dụng, không ai trong số này mở được tệp của đợt đánh giá bằng công cụ khác (trình soạn thảo, sed, mv, ln, bản parindex tự biên dịch): mọi thay đổi đi qua parindex, theo vai trò trong workspace.toml.",
    perm_blocked: "Không thể áp dụng (không thay đổi gì):",
    perm_warnings: "Cảnh báo:",
    perm_refused: "không phải thư mục hay tệp thường ({}): hãy xóa hoặc chuyển đi rồi chạy lại",
    perm_kind_link: "liên kết tượng trưng",
    perm_kind_device: "tệp thiết bị",
    perm_primary: "nhóm chính của `{}` là `{}`: đổi nhóm chính (usermod -g) rồi chạy lại",
    perm_bad_name: "`{}` không phải tên người dùng hay tên nhóm hợp lệ (chữ thường, chữ số, _ và -, tối đa 32 ký tự)",
    perm_bin_not_file: "{}: không phải tệp chương trình (--bin)",
    perm_warn_nosuid: "{} nằm trên hệ thống tệp gắn với tùy chọn nosuid: bit setgid không có tác dụng, người dùng sẽ không mở được đợt đánh giá; hãy cài chương trình ở nơi khác (--bin)",
    perm_warn_bin_dir: "thư mục chứa {} không chỉ root ghi được: người khác có thể thay chương trình mà Văn phòng sẽ chạy",
    perm_warn_single_user: "workspace.toml có single_user = true: sau khi áp dụng, BẤT KỲ AI chạy parindex trên máy này cũng là Văn phòng và trưởng mọi đơn vị; hãy xóa dòng đó trước",
    perm_not_root: "--apply cần quyền root (chạy bằng sudo); không thay đổi gì",
    perm_unix_only: "lệnh permissions chỉ có trên Linux và các hệ Unix (khóa vòng đánh giá bằng nhóm setgid); trên máy này vòng đánh giá là thư mục của một người hoặc bản sao git, do hook của máy chủ bảo vệ",
    perm_apply_hint: "Chạy lại với --apply (quyền root) để thực hiện.",
    perm_nothing_changed: "không thay đổi gì (xem các mục “Không thể áp dụng” ở trên)",
    perm_done: "Đã áp dụng. Kiểm tra lại: parindex check {}",
    perm_failed: "bước không thực hiện được",
    // -- Live dashboard (issue 10). --
    points_unit_one: "điểm",
    ctx_unit_edit: "Sửa bản tự đánh giá",
    ctx_appraisal_edit: "Sửa kết quả thẩm định",
    ctx_searched: "Sau khi tìm",
    k_next_match: "Kết quả sau",
    k_prev_match: "Kết quả trước",
    question: "Câu hỏi giải trình",
    reply: "Đơn vị giải trình",
    ph_question: "Văn phòng hỏi gì về tiêu chí này? (đơn vị sẽ thấy)",
    ph_reply: "Trả lời câu hỏi của Văn phòng",
    not_answered: "Đơn vị chưa trả lời",
    k_question: "Hỏi giải trình",
    return_reason: "Lý do trả lại",
    ro_not_office: "Bạn không thuộc Văn phòng Sở: chỉ xem",
    ro_no_lock: "Không ghi được vào thư mục của đợt đánh giá: chỉ xem",
    msg_stale: "Số liệu đã thay đổi, xem lại rồi thực hiện lại",
    msg_reloaded: "Đã cập nhật thay đổi từ nơi khác",
    msg_lock_freed: "Người chỉnh sửa trước đã đóng: bạn có thể chỉnh sửa",
    msg_conflicts_done: "Đã xử lý xong các tiêu chí thay đổi ở cả hai nơi",
    msg_switched: "Đã chuyển sang tự đánh giá của đơn vị {}",
    msg_switched_office: "Đã chuyển sang vai trò Văn phòng: thẩm định và xếp hạng các đơn vị",
    office_name: "Văn phòng Sở",
    single_user_hint: "Một người làm cả đợt: phím V chuyển giữa Văn phòng Sở và đơn vị đang chọn",
    accept_all_title: "Chấp nhận tất cả",
    accept_all_question: "Chấp nhận điểm tự đánh giá của đơn vị cho {} tiêu chí chưa thẩm định ({})?",
    conflict_title: "Thay đổi ở cả hai nơi",
    conflict_question: "{}: ở đây {} · nơi khác đã lưu {}.",
    conflict_left: "Sau đó còn {} tiêu chí cần chọn.",
    conflict_empty: "(trống)",
    evidence_word: "Tài liệu kiểm chứng",
    ctx_conflict: "Thay đổi ở cả hai nơi",
    ctx_single_user: "Một người phụ trách",
    ctx_clone: "Bản sao git của đợt",
    k_sync: "Đồng bộ",
    k_set_aside: "Cất riêng thay đổi bị từ chối",
    set_aside_title: "Cất riêng thay đổi bị từ chối",
    set_aside_question: "Kho đợt đánh giá đã từ chối thay đổi của bạn và sẽ không bao giờ nhận chúng. Cất riêng các thay đổi chưa được kho nhận (không có gì bị mất: bản cất riêng được giữ lại) rồi lấy lại bản của kho?",
    msg_syncing: "Đang đồng bộ với máy chủ…",
    k_keep_mine: "Giữ của tôi",
    k_take_theirs: "Lấy bản kia",
    k_switch_role: "Đổi vai trò",
    demo_written: "Đã tạo bộ dữ liệu mẫu tại",
    check_ok_scorecard: "Bảng điểm hợp lệ",
    check_ok_workspace: "Bộ hồ sơ hợp lệ",
    check_problems: "lỗi",
    init_done: "Đã tạo đợt đánh giá mới tại",
    // -- Documents, exports, help (issue 11). --
    man_headings: &[
        ("NAME", "TÊN"),
        ("SYNOPSIS", "CÚ PHÁP"),
        ("DESCRIPTION", "MÔ TẢ"),
        ("OPTIONS", "TÙY CHỌN"),
        ("SUBCOMMANDS", "CÁC LỆNH"),
        ("VERSION", "PHIÊN BẢN"),
        ("EXTRA", "THÔNG TIN THÊM"),
        ("AUTHORS", "TÁC GIẢ"),
    ],
    man_no_command: "không có lệnh",
    // The dashboard (TUI).
    tree_title: "Tiêu chí",
    // -- Domain: not applicable, register, surveys, comparison (issue 12). --
    rank_change: "Hạng ±",
    previous_index: "Năm trước (%)",
    self_of: "Tự đánh giá",
    provisional: "tạm tính",
    self_banded: "tự xếp loại",
    survey_imported: "Đã nhập {} điểm khảo sát của {} đơn vị từ",
    na_full_list: "Không phát sinh (đạt điểm tối đa)",
    na_excluded_list: "Không áp dụng (không tính vào điểm tối đa)",
    err_na_false: "Chỉ Văn phòng Sở mới không chấp nhận “không áp dụng”",
    err_na_not_allowed: "Tiêu chí này không được chọn “không áp dụng”",
    na_refused: "Không chấp nhận “không áp dụng”",
    na_input: "Không áp dụng",
    detail_title: "Chi tiết",
    saved: "Đã lưu",
    read_only: "Chỉ xem",
    unsaved: "● Chưa lưu",
    unscored: "Chưa đánh giá",
    warnings_short: "thiếu tài liệu kiểm chứng",
    warning_prefix: "cảnh báo: ",
    search: "Tìm",
    searching: "tìm",
    todo_filter: "việc còn lại",
    no_match: "Không có tiêu chí nào phù hợp",
    col_unit: "Đơn vị",
    col_appraised: "Thẩm định",
    self_short: "Tự đánh giá",
    appraised_short: "Thẩm định",
    not_appraised_short: "Chưa thẩm định",
    self_abbr: "Tự ĐG",
    progress_abbr: "Đã ĐG",
    appraisal_of: "Thẩm định",
    self_index_label: "Chỉ số tự đánh giá",
    rule: "Cách tính",
    guidance: "Hướng dẫn",
    below: "dưới",
    deduction_cap: "Trừ tối đa",
    bonus_max: "Điểm thưởng tối đa",
    rule_group: "Tổng các tiêu chí con, tối đa {} điểm",
    rule_manual: "Chấm từ 0 đến {} điểm, bước {}",
    rule_bonus: "Điểm thưởng từ 0 đến {}, bước {}",
    rule_survey: "Điểm khảo sát do Văn phòng chấm (tối đa {})",
    rule_target: "Đạt {} trở lên: {} điểm; ít hơn: tính theo tỷ lệ",
    rule_deduction: "Trừ {} điểm mỗi lần, trừ tối đa {} điểm",
    sub_criteria: "Tiêu chí thành phần",
    n_to_do: "Còn {} tiêu chí cần hoàn thiện",
    n_to_appraise: "Còn {} tiêu chí chưa thẩm định",
    self_assessment: "Tự đánh giá",
    input_label: "Tự đánh giá",
    unit_assessment: "Đơn vị tự đánh giá",
    unit_input: "Đơn vị tự đánh giá",
    office_appraisal: "Văn phòng thẩm định",
    appraised_input: "Điểm thẩm định",
    adjusted: "Văn phòng đã điều chỉnh khác với đơn vị tự đánh giá",
    comment: "Ý kiến Văn phòng",
    no_comment: "(chưa có ý kiến — c để viết)",
    not_scored: "chưa đánh giá",
    not_appraised_value: "chưa thẩm định",
    survey_by_office: "do Văn phòng chấm (khảo sát)",
    choose_option: "chọn một phương án",
    warn_no_evidence: "Có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình",
    evidence_n: "Tài liệu kiểm chứng ({})",
    no_evidence: "(chưa có tài liệu)",
    add_evidence: "Thêm tài liệu kiểm chứng",
    file: "Tệp",
    file_missing: "không tìm thấy tệp",
    explanation: "Giải trình",
    explanation_field: "Giải trình của đơn vị",
    no_explanation: "(chưa có giải trình)",
    ph_note: "Giải trình của đơn vị…",
    ph_comment: "Ý kiến thẩm định…",
    office_title: "Văn phòng",
    units_title: "Các đơn vị",
    sorted_by: "Sắp xếp theo",
    bars_title: "Chỉ số các đơn vị (%)",
    heat_title: "Chỉ số theo lĩnh vực (%)",
    overall_title: "Toàn Sở",
    by_group_title: "Theo nhóm",
    help_title: "Trợ giúp — phím",
    help_typing: "Trong ô nhập: ←/→ di chuyển, Home/End về đầu/cuối, Backspace/Del xóa ký tự, Ctrl-U xóa về đầu; dán (paste) được.",
    marks_title: "Ký hiệu trong cây tiêu chí",
    hint_points: "Nhập điểm từ 0 đến {} (bội số của {}) · để trống rồi Enter để xóa",
    hint_levels: "Nhập một trong các mức điểm: {} (xem cách tính điểm ở trên) · để trống rồi Enter để xóa",
    hint_choice: "Chọn bằng ↑↓ hoặc số thứ tự, Enter để ghi nhận",
    hint_ratio: "Nhập tỷ lệ % (ví dụ 92,5) hoặc số đã làm/kế hoạch (ví dụ 18/20)",
    hint_count: "Nhập số lượng đạt được, ví dụ 4",
    hint_count_whole: "Nhập số lần (số nguyên), ví dụ 0 hoặc 2",
    hint_survey: "Nhập điểm khảo sát",
    hint_search: "Gõ để lọc theo mã hoặc tên tiêu chí (gõ không dấu cũng được) · Enter giữ · Esc bỏ",
    hint_filter: "Gõ để lọc theo tên, mã hoặc nhóm của đơn vị (gõ không dấu cũng được) · Enter giữ · Esc bỏ",
    hint_note: "Enter xuống dòng · Esc xong",
    hint_evidence: "Tab chuyển ô · Enter ghi nhận · Esc hủy",
    ev_add_title: "Thêm tài liệu kiểm chứng",
    ev_edit_title: "Sửa tài liệu kiểm chứng",
    ev_reference: "Số, ký hiệu",
    ev_date: "Ngày ban hành",
    ev_title: "Trích yếu",
    ev_file: "Tệp (evidence/)",
    ev_hint: "Số, ký hiệu theo Nghị định 30/2020 (44/KH-SKH&CN); ngày dạng 22/01/2020; tệp: đường dẫn trong thư mục evidence/, có thể bỏ trống.",
    quit_title: "Thoát",
    quit_unsaved: "Còn thay đổi chưa lưu.",
    submit_title: "Nộp bản tự đánh giá",
    submit_note: "Sau khi nộp, đơn vị chỉ xem được; muốn sửa phải được Văn phòng trả lại.",
    submit_question: "Nộp bản tự đánh giá cho Văn phòng?",
    sum_unscored: "Còn {} tiêu chí của đơn vị chưa tự đánh giá (tính 0 điểm)",
    sum_no_evidence: "{} tiêu chí có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình",
    sum_bad_refs: "{} số, ký hiệu văn bản chưa đúng thể thức",
    sum_complete: "Đã tự đánh giá đủ, có tài liệu kiểm chứng hoặc giải trình.",
    sum_not_appraised: "Còn {} tiêu chí chưa thẩm định: các tiêu chí này tính theo điểm tự đánh giá.",
    sum_not_appraised_zero: "Còn {} tiêu chí đơn vị không tự đánh giá và chưa thẩm định: tính 0 điểm.",
    sum_survey_open: "Còn {} tiêu chí khảo sát chưa có điểm ({}): kết quả còn tạm tính.",
    finalise_provisional: "Kết quả này còn tạm tính. Công nhận chính thức khi còn thiếu điểm khảo sát?",
    sum_all_appraised: "Đã thẩm định tất cả tiêu chí.",
    return_title: "Trả lại đơn vị",
    return_question: "Trả bản tự đánh giá cho {} để giải trình?",
    return_note: "Đơn vị sẽ sửa được và bổ sung giải trình theo ý kiến của Văn phòng.",
    mark_title: "Hoàn thành thẩm định",
    mark_question: "Đánh dấu đã thẩm định xong {}?",
    export_title: "Xuất bảng xếp hạng",
    export_format: "Định dạng:",
    export_file: "Tên tệp:",
    export_where: "Tên tệp không kèm thư mục thì lưu trong thư mục bộ hồ sơ.",
    k_decimal_comma: "Dấu thập phân CSV",
    export_csv_comma: "CSV cho Excel tiếng Việt: số dạng 87,25, các cột ngăn bằng “;”",
    export_csv_point: "CSV: số dạng 87.25, các cột ngăn bằng “,”",
    export_stem: "xep-hang-cchc",
    export_stem_groups: "xep-hang-cchc-theo-nhom",
    msg_saved: "Đã lưu",
    msg_autosaved: "Đã tự động lưu",
    loading_units: "Đang tải vòng đánh giá: {}/{} đơn vị…",
    loading_round: "Đang tải vòng đánh giá…",
    msg_nothing_to_save: "Không có thay đổi cần lưu",
    msg_submitted: "Đã nộp bản tự đánh giá",
    msg_withdrawn: "Đã rút lại bản tự đánh giá: sửa tiếp rồi nộp lại trước hạn",
    msg_returned: "Đã trả lại đơn vị để giải trình",
    msg_marked_appraised: "Đã đánh dấu hoàn thành thẩm định",
    msg_exported: "Đã xuất:",
    msg_final_readonly: "Kết quả đã chính thức: chỉ xem",
    msg_pick_leaf: "Hãy chọn một tiêu chí (không phải nhóm)",
    msg_todo_on: "Chỉ hiện các tiêu chí còn phải làm",
    msg_todo_off: "Hiện tất cả tiêu chí",
    msg_removed: "Đã xóa tài liệu (u để hoàn tác)",
    msg_accepted: "Đã chấp nhận điểm tự đánh giá",
    msg_accepted_n: "Đã chấp nhận {} tiêu chí còn lại",
    msg_accept_na_reason: "Đơn vị ghi “không áp dụng”: nhập lý do chấp nhận (ý kiến của Văn phòng) rồi nhấn Esc",
    msg_accepted_na_left: "Đã chấp nhận {} tiêu chí; {} tiêu chí “không áp dụng” cần lý do: chọn từng tiêu chí và nhấn a",
    msg_undone: "Đã hoàn tác",
    msg_redone: "Đã làm lại",
    msg_nothing_to_undo: "Không có gì để hoàn tác",
    msg_nothing_to_redo: "Không có gì để làm lại",
    err_save: "Không lưu được",
    err_lock_lost: "Không lưu: khóa chỉnh sửa của phiên này không còn là khóa thật (tệp khóa đã bị xóa hoặc bị người khác thay); thay đổi chưa lưu vẫn được giữ trong bản phục hồi",
    msg_settings_changed: "Cài đặt đợt đánh giá đã thay đổi sau khi đồng bộ: hãy mở lại bảng điều khiển",
    msg_settings_moved: "Cài đặt đợt đánh giá đã thay đổi: hãy mở lại bảng điều khiển để làm việc theo cài đặt mới",
    err_settings_changed: "Không lưu: cài đặt đợt đánh giá đã thay đổi; hãy mở lại bảng điều khiển để làm việc theo cài đặt mới (thay đổi chưa lưu vẫn được giữ trong bản phục hồi)",
    err_locked: "Bản tự đánh giá đã nộp nên chỉ xem được (Văn phòng trả lại thì mới sửa được)",
    err_survey: "Điểm khảo sát do Văn phòng chấm, đơn vị không tự đánh giá",
    err_group: "Đây là nhóm tiêu chí: hãy chấm các tiêu chí con",
    err_not_number: "“{}” không phải là số (ví dụ 8,5 hoặc 8.5)",
    err_wrong_kind: "Tiêu chí này không nhận kiểu giá trị đó",
    err_negative: "Không được nhập số âm",
    err_above_max: "Vượt quá điểm tối đa {}",
    err_not_step: "Điểm phải là bội số của {}",
    err_not_level: "Điểm phải là một trong các mức của cách tính điểm: {}",
    err_unknown_option: "“{}” không phải là phương án (các phương án: {})",
    err_not_whole: "Số lần phải là số nguyên",
    err_planned: "Số kế hoạch (sau dấu /) phải lớn hơn 0",
    err_nothing_to_accept: "Đơn vị chưa tự đánh giá tiêu chí này: không có gì để chấp nhận",
    err_no_submission: "Đơn vị chưa nộp bản tự đánh giá",
    err_transition: "Không thực hiện được ở trạng thái hiện tại",
    err_export: "Không xuất được",
    err_export_name: "Chưa nhập tên tệp",
    export_overwrite: "Tệp “{}” đã có. Enter lần nữa để ghi đè, hoặc sửa tên để giữ tệp cũ.",
    err_docref: "Số, ký hiệu văn bản chưa đúng thể thức (Nghị định 30/2020)",
    err_date: "Ngày “{}” không hợp lệ: nhập ngày/tháng/năm, ví dụ 22/01/2020",
    err_evidence_empty: "Cần ít nhất số, ký hiệu hoặc trích yếu của tài liệu",
    err_file_path: "Tệp phải nằm trong thư mục evidence/ (không bắt đầu bằng /, không có .. hay :)",
    err_counted_from_register: "Số tin, bài của tiêu chí này được đếm từ sổ tin, bài bên dưới: thêm, sửa hoặc xóa tin, bài ở đó",
    err_no_file: "Không có tệp “{}” trong thư mục evidence/ (chép tệp vào đó trước; một liên kết web bắt đầu bằng https://)",
    err_link_scheme: "Liên kết “{}” không mở được bằng trình duyệt: chỉ nhận liên kết bắt đầu bằng http:// hoặc https://",
    docref_empty: "số, ký hiệu đang để trống",
    docref_spaces: "không có dấu cách (ví dụ 44/KH-SKH&CN)",
    docref_no_slash: "cần dạng SỐ/KÝ HIỆU, ví dụ 44/KH-SKH&CN",
    docref_too_many: "thừa dấu '/' (dạng 44/KH-SKH&CN hoặc 30/2018/QĐ-UBND)",
    docref_number: "phần trước dấu '/' phải là chữ số",
    docref_year: "phần giữa phải là năm 4 chữ số (30/2018/QĐ-UBND)",
    docref_no_symbol: "thiếu ký hiệu sau dấu '/'",
    docref_empty_group: "ký hiệu có nhóm rỗng (kiểm tra dấu '-')",
    docref_bad_group: "ký hiệu gồm các nhóm chữ (và '&') nối bằng '-', ví dụ KH-SKH&CN",
    ctx_global: "Chung",
    ctx_tree: "Cây tiêu chí",
    ctx_detail: "Khung chi tiết",
    ctx_unit_sheet: "Tự đánh giá",
    ctx_appraisal: "Thẩm định",
    ctx_office: "Bảng tổng hợp các đơn vị",
    ctx_ranking: "Xếp hạng",
    ctx_edit_line: "Nhập điểm, giá trị",
    ctx_edit_choice: "Chọn phương án",
    ctx_edit_note: "Viết giải trình, ý kiến",
    ctx_evidence_form: "Phiếu tài liệu kiểm chứng",
    ctx_search: "Tìm kiếm",
    ctx_help: "Trợ giúp",
    ctx_confirm: "Hộp xác nhận",
    ctx_form: "Ý kiến giải trình và trả lời",
    ctx_quit_confirm: "Thoát khi còn thay đổi chưa lưu",
    ctx_export: "Xuất bảng xếp hạng",
    k_accept: "Chấp nhận",
    k_accept_all: "Chấp nhận mọi tiêu chí còn lại",
    k_add_evidence: "Thêm tài liệu",
    k_back: "Quay lại",
    k_by_group: "Theo nhóm / toàn Sở",
    k_cancel: "Hủy",
    k_choose: "Chọn",
    k_clear_input: "Xóa điểm",
    k_clear_search: "Bỏ tìm",
    k_close: "Đóng",
    k_collapse_all: "Thu gọn tất cả",
    k_comment: "Ý kiến",
    k_confirm_value: "Ghi nhận",
    k_delete: "Xóa điểm / tài liệu đang chọn",
    k_delete_appraisal: "Xóa điểm thẩm định",
    k_done_note: "Xong",
    k_down: "Xuống",
    k_edit: "Sửa",
    k_edit_or_fold: "Nhập / mở nhóm",
    k_expand_all: "Mở tất cả",
    k_explain: "Giải trình",
    k_export: "Xuất tệp",
    k_export_now: "Xuất",
    k_first: "Đầu danh sách",
    k_fold: "Thu gọn / lên nhóm",
    k_format: "Đổi định dạng",
    k_help: "Trợ giúp",
    k_keep_evidence: "Ghi nhận",
    k_keep_search: "Giữ kết quả",
    k_keep_save: "Ghi nhận và lưu",
    k_last: "Cuối danh sách",
    k_mark_appraised: "Xong thẩm định",
    k_next_criterion: "Tiêu chí sau",
    k_next_field: "Ô sau",
    k_no: "Không",
    k_open_appraisal: "Thẩm định",
    k_page_down: "Trang sau",
    k_page_up: "Trang trước",
    k_prev_criterion: "Tiêu chí trước",
    k_prev_field: "Ô trước",
    k_quit: "Thoát",
    k_quit_nosave: "Thoát, bỏ thay đổi",
    k_ranking: "Xếp hạng",
    k_redo: "Làm lại",
    k_return_unit: "Trả lại đơn vị",
    k_save: "Lưu",
    k_save_quit: "Lưu rồi thoát",
    k_scroll_down: "Cuộn xuống",
    k_scroll_up: "Cuộn lên",
    k_search: "Tìm",
    k_filter: "Lọc đơn vị",
    msg_unknown_key: "Phím {} không dùng ở đây · ? xem các phím",
    k_clear_filter: "Bỏ lọc",
    filter_title: "Lọc “{}”: {}/{} đơn vị",
    filter_label: "Lọc (tên, mã, nhóm)",
    k_sort: "Sắp xếp",
    k_sort_reverse: "Đảo chiều",
    k_stay: "Ở lại",
    k_submit: "Nộp",
    k_withdraw: "Rút lại bản nộp",
    k_object: "Gửi ý kiến giải trình",
    k_attach: "Đính kèm tệp tài liệu kiểm chứng",
    k_narrative: "Viết báo cáo: kết quả, tồn tại, nguyên nhân, kiến nghị",
    narrative_title: "Báo cáo của đơn vị",
    hint_narrative: "Tab: phần tiếp theo · Esc: xong, lưu",
    k_open_file: "Mở tệp đính kèm",
    attach_title: "Đính kèm tệp",
    attach_question: "Đính kèm một tệp (PDF, ảnh, văn bản văn phòng) vào tiêu chí {}: gõ đường dẫn của tệp trên máy này.",
    attach_path: "Đường dẫn tệp",
    attached_file: "Tệp đính kèm",
    msg_attached: "Đã đính kèm {} vào tiêu chí {}",
    msg_attaching: "Đang đính kèm…",
    msg_opened: "Đã mở {}",
    msg_file_at: "Tệp đính kèm ở: {}",
    msg_no_attached: "Tiêu chí này không có tệp đính kèm",
    object_title: "Ý kiến giải trình",
    object_question: "Gửi ý kiến về điểm thẩm định của tiêu chí {} (kết quả dự kiến)? Văn phòng Sở sẽ trả lời: chấp nhận hoặc không chấp nhận kèm lý do.",
    object_reason: "Lý do",
    msg_objected: "Đã gửi ý kiến giải trình",
    object_evidence: "Tài liệu kiểm chứng (cách nhau bằng ;)",
    k_answer_objection: "Trả lời giải trình",
    k_accept_or_reject: "Chấp nhận / không chấp nhận",
    k_send: "Gửi",
    answer_title: "Trả lời ý kiến giải trình",
    answer_question: "Trả lời ý kiến giải trình của {} về tiêu chí {}:",
    answer_accept: "Chấp nhận",
    answer_reject: "Không chấp nhận",
    answer_accept_note: "Chấp nhận: điểm thẩm định của tiêu chí lấy theo điểm đơn vị tự đánh giá ({}); thay đổi được ghi nhật ký.",
    answer_reason: "Lý do không chấp nhận",
    msg_answered: "Đã trả lời ý kiến giải trình",
    objection_heading: "Ý kiến giải trình của đơn vị",
    objection_by: "{} gửi lúc {}",
    objection_answer: "Trả lời",
    objection_open: "Chưa trả lời",
    objection_accepted: "Chấp nhận",
    objection_rejected: "Không chấp nhận",
    objections_open_n: "{} ý kiến giải trình chưa trả lời",
    objection_evidence: "Tài liệu kiểm chứng",
    k_to_detail: "Chi tiết",
    k_to_tree: "Về cây tiêu chí",
    k_todo: "Việc còn lại",
    k_undo: "Hoàn tác",
    k_unfold: "Mở nhóm / xuống tiêu chí con",
    k_up: "Lên",
    k_yes: "Đồng ý",
    marks_unit: &[
        "? chưa đánh giá",
        "! có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình, hoặc số, ký hiệu văn bản sai thể thức",
        "^ nhóm: tổng các tiêu chí con vượt điểm tối đa (chỉ tính bằng điểm tối đa)",
        "@ Văn phòng hỏi, đơn vị chưa giải trình",
        "* Văn phòng đã điều chỉnh điểm (khi trả lại): xem và sửa nếu cần",
        "Y đã gửi ý kiến giải trình, Văn phòng chưa trả lời",
    ],
    marks_office: &[
        "? chưa thẩm định",
        "! chưa thẩm định, đơn vị có điểm nhưng thiếu tài liệu kiểm chứng hoặc giải trình",
        "* Văn phòng đã điều chỉnh khác với đơn vị",
        "^ nhóm: tổng các tiêu chí con vượt điểm tối đa",
        "@ đã hỏi, đơn vị chưa giải trình",
        "✓ đã hỏi, đơn vị đã giải trình",
        "Y đơn vị có ý kiến giải trình chưa trả lời (phím Y để trả lời)",
        "* sau chỉ số trong bảng: kết quả còn tạm tính (chưa có điểm khảo sát)",
    ],
    rf_office_only: "Chỉ Văn phòng Sở mới làm được việc này",
    rf_head_only: "Chỉ lãnh đạo đơn vị mới làm được việc này",
    rf_wrong_status: "Không thực hiện được khi đơn vị ở trạng thái “{}”",
    rf_past_deadline: "Đã quá hạn tự đánh giá ({}): đề nghị Văn phòng mở lại để sửa hoặc nộp",
    rf_locked: "Trạng thái “{}”: chỉ xem (cần Văn phòng trả lại hoặc mở lại)",
    rf_not_submitted: "Đơn vị ở trạng thái “{}”: chưa có bản nộp để thẩm định",
    msg_held_by: "{} đang chỉnh sửa từ {}: bạn chỉ xem được",
    msg_took_over: "Phiên làm việc trước của {} đã dừng đột ngột; bạn tiếp tục chỉnh sửa",
    msg_view_only: "Bạn không phải lãnh đạo đơn vị này: chỉ xem",
    msg_finalised: "Đã công nhận kết quả chính thức",
    msg_reopened: "Đã mở lại cho đơn vị chỉnh sửa",
    k_finalise: "Công nhận chính thức",
    k_reopen: "Mở lại",
    finalise_title: "Công nhận kết quả",
    finalise_question: "Công nhận kết quả thẩm định của {} là kết quả chính thức?",
    finalise_note: "Sau khi công nhận, bản thẩm định chỉ xem được; muốn sửa phải mở lại.",
    reopen_title: "Mở lại",
    reopen_question: "Mở lại bản tự đánh giá của {} để đơn vị chỉnh sửa (kể cả khi đã quá hạn)?",
    reopen_note: "Trạng thái trở về “Đang tự đánh giá”; đơn vị phải nộp lại.",
    recover_title: "Khôi phục",
    recover_question: "Có thay đổi chưa lưu từ phiên làm việc trước ({}). Khôi phục các thay đổi này?",
    msg_recovered: "Đã khôi phục thay đổi chưa lưu; nhấn Ctrl-S để lưu",
    msg_recover_dropped: "Đã bỏ các thay đổi chưa lưu của phiên trước",
    // -- Not applicable in the dashboard (issue 12). --
    k_not_applicable: "Không áp dụng",
    na_reason_label: "Lý do không áp dụng (bắt buộc)",
    na_full_reason_label: "Vì sao không phát sinh (bắt buộc)",
    na_refuse_label: "Lý do không chấp nhận “không áp dụng” (bắt buộc)",
    hint_na_reason: "Ghi lý do · Esc xong (để trống: không đánh dấu)",
    err_na_reason: "Cần ghi lý do thì mới đánh dấu “không áp dụng”",
    err_na_refuse_reason: "Cần ghi lý do không chấp nhận “không áp dụng”",
    msg_na_set: "Đã đánh dấu “không áp dụng”",
    msg_na_cleared: "Đã bỏ đánh dấu “không áp dụng”",
    msg_na_refused: "Đã không chấp nhận “không áp dụng”: hãy nhập điểm thẩm định",
    na_can_full: "Đơn vị không phát sinh nhiệm vụ này có thể đánh dấu “không áp dụng” (kèm lý do): khi đó được điểm tối đa",
    na_can_excluded: "Đơn vị không có nhiệm vụ này có thể đánh dấu “không áp dụng” (kèm lý do): khi đó tiêu chí không tính vào điểm tối đa",
    na_full_input: "Không phát sinh",
    msg_docref_fixed: "Số, ký hiệu có khoảng trắng thừa: đã sửa thành {} (Enter để lưu, Esc để bỏ)",
    // -- Hostile input: paths, control bytes, write failures (issue 9). --
    wf_cannot_write: "Không ghi được {}",
    wf_permission: "tài khoản `{}` không có quyền ghi vào thư mục {}. Hãy ghi vào thư mục của chính bạn (ví dụ thư mục nhà), hoặc đề nghị Văn phòng kiểm tra quyền của vòng chấm điểm (`parindex permissions`).",
    wf_no_space: "ổ đĩa (hoặc hạn mức dung lượng của bạn) đã hết chỗ trống. Hãy giải phóng dung lượng rồi thử lại; tệp cũ (nếu có) vẫn giữ nguyên.",
    wf_read_only: "ổ đĩa này chỉ cho phép đọc. Hãy ghi vào ổ đĩa hoặc thư mục khác; tệp cũ (nếu có) vẫn giữ nguyên.",
    wf_no_folder: "thư mục {} không tồn tại. Hãy tạo thư mục trước, hoặc chọn một đường dẫn khác.",
    wf_is_folder: "đây là một thư mục, không phải tệp. Hãy cho tên một tệp, ví dụ xep-hang.xlsx trong thư mục đó.",
    wf_too_large: "tệp vượt quá kích thước mà ổ đĩa hoặc tài khoản cho phép. Hãy ghi vào nơi khác; tệp cũ (nếu có) vẫn giữ nguyên.",
    wf_other: "lỗi hệ thống: {}. Tệp cũ (nếu có) vẫn giữ nguyên.",
    nf_folder: "đây là một thư mục, không phải tệp",
    nf_fifo: "đây là một đường ống có tên (FIFO), không phải tệp",
    nf_device: "đây là một thiết bị, không phải tệp",
    nf_socket: "đây là một socket, không phải tệp",
    nf_other: "đây không phải là một tệp thông thường",
    nf_regular_only: "parindex chỉ đọc và ghi tệp thông thường; không có gì bị thay đổi",
    nf_need_folder: "cần một thư mục",
    demo_not_yours: "thư mục {} không thuộc về bạn: hãy chọn một thư mục khác cho bộ dữ liệu mẫu (parindex demo THƯ_MỤC)",
};

pub static EN: Text = Text {
    lang: Lang::En,
    rank: "Rank",
    unit: "Unit",
    unit_id: "Id",
    group: "Group",
    no_group: "(no group)",
    status: "Status",
    self_index: "Self (%)",
    final_index: "Index (%)",
    total: "Total",
    index: "Index",
    band: "Band",
    progress: "Scored",
    counts_line: "{}/{} of the unit's criteria",
    counts_survey: "{}/{} surveys",
    criterion: "Area / criterion",
    max: "Max",
    self_points: "Self",
    final_points: "Final",
    ranking_title: "Administrative reform index ranking",
    ranking_final: "Final results",
    ranking_provisional: "Provisional results",
    appraised_of: "units appraised",
    scorecard: "Scorecard",
    points_unit: "points",
    // -- Trust: integrity, permissions, audit chain (issue 9). --
    integrity: "Integrity",
    integrity_ok: "OK",
    integrity_broken: "Broken",
    integrity_unsigned: "Unsigned",
    integrity_unreadable: "Unreadable",
    iu_unreadable: "a file of the unit cannot be read (run parindex check for details)",
    unreadable_own: "A file of {} cannot be read: ask the Office to repair it, then open it again (parindex check gives the line and column).",
    unreadable_count: "{} unit(s) cannot be read: not ranked, no index. Repair the files and run again (parindex check).",
    ib_seal: "its answers were changed after it was sealed",
    ib_no_seal: "it is submitted but has no seal",
    ib_signature: "its signature does not match its answers",
    ib_other_key: "it is signed by a key the unit does not list in workspace.toml",
    ib_unreadable_signature: "its signature cannot be read",
    iu_reason: "workspace.toml lists the head's key but the submission carries no signature",
    rf_broken: "The unit's submission does not hold ({}): it cannot be appraised or made final. Return it so the unit submits again.",
    rf_unsigned: "The unit lists its heads' keys in workspace.toml: the submission must carry the head's signature.",
    sign_failed: "Cannot sign the submission of {}: {}. Nothing was submitted, no file changed.",
    sign_hint: "Add your key to the SSH agent (`ssh-add ~/.ssh/id_ed25519`) or name it: `parindex submit --key ~/.ssh/id_ed25519` (or the PARINDEX_SIGNING_KEY environment variable).",
    st_missing: "Missing",
    st_draft: "Draft",
    st_submitted: "Submitted",
    st_returned: "Returned",
    st_appraised: "Appraised",
    st_final: "Final",
    // `parindex permissions` (issue 9, the OS-enforced roles).
    perm_title: "Permissions for the round",
    perm_group_new: "no such group yet: created (a system group no one is a member of)",
    perm_user_new: "no account yet: created (useradd -m, no password)",
    perm_user_member: "is a member of the group: taken out (no one may be in it)",
    perm_tree: "{} folders (2770) and {} files (0660), owned by root, never following a symbolic link; {} to change:",
    perm_and_more: "and {} more",
    perm_binary: "the users' parindex: setgid to the group, the only way to the round's files",
    perm_bin_already: "the program already carries these bits",
    perm_users: "Users (from workspace.toml):",
    perm_office: "Office",
    perm_head_of: "head of",
    perm_account_ok: "account exists",
    perm_users_after: "Afterwards none of them can open the round's files with another tool (an editor, sed, mv, ln, a parindex they built): every change goes through parindex, by the roles in workspace.toml.",
    perm_blocked: "Cannot be applied (nothing is changed):",
    perm_warnings: "Warnings:",
    perm_refused: "not a folder or a regular file ({}): remove or move it, then run this again",
    perm_kind_link: "symbolic link",
    perm_kind_device: "device",
    perm_primary: "the primary group of `{}` is `{}`: change it (usermod -g), then run this again",
    perm_bad_name: "`{}` is not a valid user or group name (lower-case letters, digits, _ and -, at most 32 characters)",
    perm_bin_not_file: "{}: not a program file (--bin)",
    perm_warn_nosuid: "{} is on a file system mounted nosuid: the setgid bit does nothing there and users will not reach the round; install it elsewhere (--bin)",
    perm_warn_bin_dir: "the folder holding {} is writable by someone other than root: they could replace the program the Office runs",
    perm_warn_single_user: "workspace.toml says single_user = true: afterwards ANYONE who runs parindex on this machine acts as the Office and as every unit's head; remove that line first",
    perm_not_root: "--apply needs root (run it with sudo); nothing was changed",
    perm_unix_only: "the permissions command exists only on Linux and other Unix systems (a round locked down by a setgid group); here a round is one person's folder or a git clone, guarded by the server's hook",
    perm_apply_hint: "Run this again with --apply, as root, to carry it out.",
    perm_nothing_changed: "nothing was changed (see “Cannot be applied” above)",
    perm_done: "Applied. Check it: parindex check {}",
    perm_failed: "step failed",
    // -- Live dashboard (issue 10). --
    points_unit_one: "point",
    ctx_unit_edit: "Changing the self-assessment",
    ctx_appraisal_edit: "Changing the appraisal",
    ctx_searched: "After a search",
    k_next_match: "Next match",
    k_prev_match: "Previous match",
    question: "Question",
    reply: "The unit's answer",
    ph_question: "What does the Office ask about this criterion? (the unit sees it)",
    ph_reply: "Answer the Office's question",
    not_answered: "Not answered yet",
    k_question: "Ask to explain",
    return_reason: "Reason for returning",
    ro_not_office: "You are not in the Office: read only",
    ro_no_lock: "The round's folder cannot be written to: read only",
    msg_stale: "The figures have changed: look again, then redo it",
    msg_reloaded: "Updated with changes made elsewhere",
    msg_lock_freed: "The other editor has left: you can edit now",
    msg_conflicts_done: "Every criterion changed in both places is settled",
    msg_switched: "Now on the self-assessment of {}",
    msg_switched_office: "Now working as the Office: appraisal and ranking of the units",
    office_name: "the Office",
    single_user_hint: "One-person round: V switches between the Office and the selected unit",
    accept_all_title: "Accept all",
    accept_all_question: "Accept the unit's own score for the {} criteria not yet appraised ({})?",
    conflict_title: "Changed in both places",
    conflict_question: "{}: here {} · saved elsewhere {}.",
    conflict_left: "Then {} more criteria to choose.",
    conflict_empty: "(empty)",
    evidence_word: "Evidence",
    ctx_conflict: "Changed in both places",
    ctx_single_user: "One person runs the round",
    ctx_clone: "A git clone of the round",
    k_sync: "Sync",
    k_set_aside: "Set refused changes aside",
    set_aside_title: "Set refused changes aside",
    set_aside_question: "The round's repository refused your changes and will never take them. Set aside the changes it has not taken (nothing is lost: the set-aside copy is kept) and take the repository's version?",
    msg_syncing: "Syncing with the server…",
    k_keep_mine: "Keep mine",
    k_take_theirs: "Take theirs",
    k_switch_role: "Switch role",
    demo_written: "Demo workspace written to",
    check_ok_scorecard: "Scorecard is valid",
    check_ok_workspace: "Workspace is valid",
    check_problems: "error(s)",
    init_done: "New round created in",
    // -- Documents, exports, help (issue 11). --
    man_headings: &[],
    man_no_command: "there is no command",
    // The dashboard (TUI).
    tree_title: "Criteria",
    // -- Domain: not applicable, register, surveys, comparison (issue 12). --
    rank_change: "Rank ±",
    previous_index: "Last year (%)",
    self_of: "Self-assessed",
    provisional: "provisional",
    self_banded: "self-assessed",
    survey_imported: "Imported {} survey points of {} units from",
    na_full_list: "Did not arise (scored at the maximum)",
    na_excluded_list: "Not applicable (left out of the maximum)",
    err_na_false: "Only the Office refuses “not applicable”",
    err_na_not_allowed: "This criterion cannot be not applicable",
    na_refused: "“Not applicable” refused",
    na_input: "Not applicable",
    detail_title: "Detail",
    saved: "Saved",
    read_only: "Read only",
    unsaved: "● Unsaved",
    unscored: "Not scored",
    warnings_short: "without evidence",
    warning_prefix: "warning: ",
    search: "Search",
    searching: "search",
    todo_filter: "still to do",
    no_match: "No criterion matches",
    col_unit: "Unit",
    col_appraised: "Appraised",
    self_short: "Self",
    appraised_short: "Appraised",
    not_appraised_short: "Not appraised",
    self_abbr: "Self",
    progress_abbr: "Scored",
    appraisal_of: "Appraisal",
    self_index_label: "Self-assessed index",
    rule: "Rule",
    guidance: "Guidance",
    below: "below",
    deduction_cap: "Deduction up to",
    bonus_max: "Bonus up to",
    rule_group: "Sum of the sub-criteria, at most {} points",
    rule_manual: "From 0 to {} points, in steps of {}",
    rule_bonus: "Bonus from 0 to {} points, in steps of {}",
    rule_survey: "Survey points, set by the Office (at most {})",
    rule_target: "{} or more: {} points; fewer: in proportion",
    rule_deduction: "{} points off per occurrence, at most {} points",
    sub_criteria: "Sub-criteria",
    n_to_do: "{} criteria still to do",
    n_to_appraise: "{} criteria not appraised yet",
    self_assessment: "Self-assessment",
    input_label: "Self-assessed",
    unit_assessment: "The unit's self-assessment",
    unit_input: "Unit's input",
    office_appraisal: "Office appraisal",
    appraised_input: "Appraised",
    adjusted: "Adjusted from the unit's own input",
    comment: "Office comment",
    no_comment: "(no comment — c to write one)",
    not_scored: "not scored",
    not_appraised_value: "not appraised",
    survey_by_office: "set by the Office (survey)",
    choose_option: "pick an option",
    warn_no_evidence: "Points claimed without evidence or explanation",
    evidence_n: "Evidence ({})",
    no_evidence: "(none)",
    add_evidence: "Add evidence",
    file: "File",
    file_missing: "file not found",
    explanation: "Explanation",
    explanation_field: "The unit's explanation",
    no_explanation: "(no explanation)",
    ph_note: "Explanation…",
    ph_comment: "Comment…",
    office_title: "Office",
    units_title: "Units",
    sorted_by: "Sorted by",
    bars_title: "Indexes (%)",
    heat_title: "Sub-indexes by area (%)",
    overall_title: "Overall",
    by_group_title: "By group",
    help_title: "Help — keys",
    help_typing: "In a field: ←/→ move, Home/End jump, Backspace/Del delete, Ctrl-U clears to the start; pasting works.",
    marks_title: "Marks in the tree",
    hint_points: "Type points from 0 to {} (a multiple of {}) · leave empty and Enter to clear",
    hint_levels: "Type one of the levels: {} (see how it is scored above) · leave empty and Enter to clear",
    hint_choice: "Pick with ↑↓ or the number, Enter to keep",
    hint_ratio: "Type a percentage (e.g. 92.5) or done/planned (e.g. 18/20)",
    hint_count: "Type the count reached, e.g. 4",
    hint_count_whole: "Type the number of occurrences (whole), e.g. 0 or 2",
    hint_survey: "Type the survey points",
    hint_search: "Type to filter by id or title (marks optional) · Enter keep · Esc clear",
    hint_filter: "Type to filter units by name, id or group (marks optional) · Enter keep · Esc clear",
    hint_note: "Enter: new line · Esc: done",
    hint_evidence: "Tab: next field · Enter: keep · Esc: cancel",
    ev_add_title: "Add evidence",
    ev_edit_title: "Edit evidence",
    ev_reference: "Number/symbol",
    ev_date: "Date",
    ev_title: "Title",
    ev_file: "File (evidence/)",
    ev_hint: "Number as Decree 30/2020 writes it (44/KH-SKH&CN); date as 22/01/2020; file: a path inside evidence/, optional.",
    quit_title: "Quit",
    quit_unsaved: "There are unsaved changes.",
    submit_title: "Submit the self-assessment",
    submit_note: "Once submitted it is read only, until the Office returns it.",
    submit_question: "Submit to the Office?",
    sum_unscored: "{} of the unit's criteria not scored (they count as 0)",
    sum_no_evidence: "{} criteria claim points without evidence or explanation",
    sum_bad_refs: "{} document numbers are malformed",
    sum_complete: "Complete: every criterion scored, with evidence or explanation.",
    sum_not_appraised: "{} criteria not appraised: the unit's own input counts for them.",
    sum_not_appraised_zero: "{} criteria neither scored by the unit nor appraised: they count as 0.",
    sum_survey_open: "{} survey criteria have no points yet ({}): the result is provisional.",
    finalise_provisional: "This result is still provisional. Make it final without the survey points?",
    sum_all_appraised: "Every criterion is appraised.",
    return_title: "Return to the unit",
    return_question: "Return the self-assessment to {} for explanation?",
    return_note: "The unit can edit again and explain, following the Office's comments.",
    mark_title: "Mark appraised",
    mark_question: "Mark {} as appraised?",
    export_title: "Export the ranking",
    export_format: "Format:",
    export_file: "File name:",
    export_where: "A name without a folder is written in the workspace folder.",
    k_decimal_comma: "CSV decimal mark",
    export_csv_comma: "CSV for Vietnamese Excel: numbers as 87,25, fields split by “;”",
    export_csv_point: "CSV: numbers as 87.25, fields split by “,”",
    export_stem: "par-ranking",
    export_stem_groups: "par-ranking-by-group",
    msg_saved: "Saved",
    msg_autosaved: "Saved automatically",
    loading_units: "Loading the round: {}/{} units…",
    loading_round: "Loading the round…",
    msg_nothing_to_save: "Nothing to save",
    msg_submitted: "Submitted",
    msg_withdrawn: "Withdrawn: correct it, then submit again before the deadline",
    msg_returned: "Returned to the unit",
    msg_marked_appraised: "Marked appraised",
    msg_exported: "Exported:",
    msg_final_readonly: "Final: read only",
    msg_pick_leaf: "Pick a criterion, not a group",
    msg_todo_on: "Showing only what is left to do",
    msg_todo_off: "Showing all criteria",
    msg_removed: "Removed (u to undo)",
    msg_accepted: "Accepted",
    msg_accepted_n: "Accepted {} remaining criteria",
    msg_accept_na_reason: "The unit says “not applicable”: type the reason for accepting it (the Office's comment), then Esc",
    msg_accepted_na_left: "Accepted {} criteria; {} “not applicable” criteria need a reason: select each and press a",
    msg_undone: "Undone",
    msg_redone: "Redone",
    msg_nothing_to_undo: "Nothing to undo",
    msg_nothing_to_redo: "Nothing to redo",
    err_save: "Could not save",
    err_lock_lost: "Not saved: this session's edit lock is no longer the real one (its lock file was removed or replaced by someone else); the unsaved changes are kept in the recovery journal",
    msg_settings_changed: "The round's settings changed with the sync: reopen the dashboard",
    msg_settings_moved: "The round's settings changed: reopen the dashboard to work by the new settings",
    err_settings_changed: "Not saved: the round's settings changed; reopen the dashboard to work by the new settings (the unsaved changes are kept in the recovery journal)",
    err_locked: "Submitted, so read only (editable again when the Office returns it)",
    err_survey: "Survey points are set by the Office, not by the unit",
    err_group: "This is a group: score its sub-criteria",
    err_not_number: "“{}” is not a number (e.g. 8.5 or 8,5)",
    err_wrong_kind: "This criterion does not take that kind of value",
    err_negative: "The value cannot be negative",
    err_above_max: "More than the maximum {}",
    err_not_step: "Points must be a multiple of {}",
    err_not_level: "Points must be one of the levels of the stated scale: {}",
    err_unknown_option: "“{}” is not an option (options: {})",
    err_not_whole: "The count must be a whole number",
    err_planned: "The planned number (after /) must be greater than 0",
    err_nothing_to_accept: "The unit has not scored this criterion: nothing to accept",
    err_no_submission: "The unit has no submission",
    err_transition: "Not possible in the current status",
    err_export: "Export failed",
    err_export_name: "Type a file name",
    export_overwrite: "“{}” already exists. Press Enter again to overwrite it, or change the name to keep it.",
    err_docref: "Not a document number as Decree 30/2020 writes them",
    err_date: "“{}” is not a date: type day/month/year, e.g. 22/01/2020",
    err_evidence_empty: "Give at least the number or the title",
    err_file_path: "The file must be inside the evidence/ folder (no leading /, no .., no :)",
    err_counted_from_register: "This count comes from the news register below: add, edit or delete items there",
    err_no_file: "There is no file “{}” in the evidence/ folder (copy it there first; a web link starts with https://)",
    err_link_scheme: "The link “{}” is not a web address: only links starting with http:// or https:// are taken",
    docref_empty: "the number and symbol are empty",
    docref_spaces: "no spaces (e.g. 44/KH-SKH&CN)",
    docref_no_slash: "expected NUMBER/SYMBOL, e.g. 44/KH-SKH&CN",
    docref_too_many: "too many '/' (44/KH-SKH&CN or 30/2018/QĐ-UBND)",
    docref_number: "the number before '/' must be digits",
    docref_year: "the middle part must be a four-digit year (30/2018/QĐ-UBND)",
    docref_no_symbol: "the symbol after '/' is missing",
    docref_empty_group: "the symbol has an empty group (check the '-')",
    docref_bad_group: "symbol groups are letters (and '&') joined by '-', e.g. KH-SKH&CN",
    ctx_global: "Everywhere",
    ctx_tree: "Criteria tree",
    ctx_detail: "Detail pane",
    ctx_unit_sheet: "Self-assessment",
    ctx_appraisal: "Appraisal",
    ctx_office: "Units dashboard",
    ctx_ranking: "Ranking",
    ctx_edit_line: "Typing a value",
    ctx_edit_choice: "Picking an option",
    ctx_edit_note: "Writing a text",
    ctx_evidence_form: "Evidence form",
    ctx_search: "Search",
    ctx_help: "Help",
    ctx_confirm: "Confirmation",
    ctx_form: "Objections and answers",
    ctx_quit_confirm: "Quitting with unsaved changes",
    ctx_export: "Export",
    k_accept: "Accept",
    k_accept_all: "Accept all remaining",
    k_add_evidence: "Add evidence",
    k_back: "Back",
    k_by_group: "By group / overall",
    k_cancel: "Cancel",
    k_choose: "Choose",
    k_clear_input: "Clear",
    k_clear_search: "Clear search",
    k_close: "Close",
    k_collapse_all: "Collapse all",
    k_comment: "Comment",
    k_confirm_value: "Keep",
    k_delete: "Remove the input / the item",
    k_delete_appraisal: "Remove the appraisal input",
    k_done_note: "Done",
    k_down: "Down",
    k_edit: "Edit",
    k_edit_or_fold: "Score / open group",
    k_expand_all: "Expand all",
    k_explain: "Explain",
    k_export: "Export",
    k_export_now: "Export",
    k_first: "First",
    k_fold: "Fold / to parent",
    k_format: "Format",
    k_help: "Help",
    k_keep_evidence: "Keep",
    k_keep_search: "Keep results",
    k_keep_save: "Keep and save",
    k_last: "Last",
    k_mark_appraised: "Mark appraised",
    k_next_criterion: "Next criterion",
    k_next_field: "Next field",
    k_no: "No",
    k_open_appraisal: "Appraise",
    k_page_down: "Page down",
    k_page_up: "Page up",
    k_prev_criterion: "Previous criterion",
    k_prev_field: "Previous field",
    k_quit: "Quit",
    k_quit_nosave: "Quit without saving",
    k_ranking: "Ranking",
    k_redo: "Redo",
    k_return_unit: "Return to unit",
    k_save: "Save",
    k_save_quit: "Save and quit",
    k_scroll_down: "Scroll down",
    k_scroll_up: "Scroll up",
    k_search: "Search",
    k_filter: "Filter units",
    msg_unknown_key: "The key {} does nothing here · ? lists the keys",
    k_clear_filter: "Clear filter",
    filter_title: "Filter “{}”: {}/{} units",
    filter_label: "Filter (name, id, group)",
    k_sort: "Sort",
    k_sort_reverse: "Reverse",
    k_stay: "Stay",
    k_submit: "Submit",
    k_withdraw: "Withdraw",
    k_object: "Object",
    k_attach: "Attach an evidence file",
    k_narrative: "Write the report: results, shortcomings, causes, proposals",
    narrative_title: "The unit's report",
    hint_narrative: "Tab: next section · Esc: done, saved",
    k_open_file: "Open the attached file",
    attach_title: "Attach a file",
    attach_question: "Attach a file (PDF, image, office document) to criterion {}: type the file's path on this machine.",
    attach_path: "File path",
    attached_file: "Attached file",
    msg_attached: "Attached {} to criterion {}",
    msg_attaching: "Attaching…",
    msg_opened: "Opened {}",
    msg_file_at: "The attached file is at: {}",
    msg_no_attached: "This criterion has no attached file",
    object_title: "Objection",
    object_question: "Object to the appraised figure of criterion {} (provisional results)? The Office will accept it, or reject it with a reason.",
    object_reason: "Reason",
    msg_objected: "Objection sent",
    object_evidence: "Evidence (separated by ;)",
    k_answer_objection: "Answer the objection",
    k_accept_or_reject: "Accept / reject",
    k_send: "Send",
    answer_title: "Answer to an objection",
    answer_question: "Answer the objection of {} to criterion {}:",
    answer_accept: "Accept",
    answer_reject: "Reject",
    answer_accept_note: "Accept: the criterion's appraised figure becomes the unit's own ({}); the change is logged.",
    answer_reason: "Why it is rejected",
    msg_answered: "Objection answered",
    objection_heading: "The unit's objection",
    objection_by: "{}, sent {}",
    objection_answer: "Answer",
    objection_open: "Not answered yet",
    objection_accepted: "Accepted",
    objection_rejected: "Rejected",
    objections_open_n: "{} objection(s) not answered",
    objection_evidence: "Evidence",
    k_to_detail: "Detail",
    k_to_tree: "To the tree",
    k_todo: "Still to do",
    k_undo: "Undo",
    k_unfold: "Unfold / to child",
    k_up: "Up",
    k_yes: "Yes",
    marks_unit: &[
        "? not scored",
        "! points claimed without evidence or explanation, or a malformed document number",
        "^ group: its sub-criteria add up to more than its maximum (only the maximum counts)",
        "@ the Office asks a question the unit has not answered",
        "* the Office adjusted the input (once returned): review it",
        "Y objection sent, not answered yet",
    ],
    marks_office: &[
        "? not appraised",
        "! not appraised, and the unit claims points without evidence or explanation",
        "* the Office adjusted the unit's input",
        "^ group: its sub-criteria add up to more than its maximum",
        "@ asked, the unit has not answered",
        "✓ asked, the unit has answered",
        "Y the unit objects, not answered yet (Y answers)",
        "* after an index in a table: provisional (survey points missing)",
    ],
    rf_office_only: "Only the Office may do this",
    rf_head_only: "Only a head of the unit may do this",
    rf_wrong_status: "Not possible while the unit is “{}”",
    rf_past_deadline: "The self-assessment deadline ({}) has passed: ask the Office to reopen the unit",
    rf_locked: "The unit is “{}”: read only until the Office returns or reopens it",
    rf_not_submitted: "The unit is “{}”: nothing submitted to appraise",
    msg_held_by: "Being edited by {} since {}: read only for you",
    msg_took_over: "{}'s earlier session ended abruptly; you have taken over",
    msg_view_only: "You are not a head of this unit: read only",
    msg_finalised: "Result made final",
    msg_reopened: "Reopened for the unit to edit",
    k_finalise: "Make final",
    k_reopen: "Reopen",
    finalise_title: "Make the result final",
    finalise_question: "Make the appraised result of {} final?",
    finalise_note: "After this the appraisal is read only; reopen the unit to change it.",
    reopen_title: "Reopen",
    reopen_question: "Reopen the self-assessment of {} for the unit to edit (even past the deadline)?",
    reopen_note: "The status goes back to draft; the unit must submit again.",
    recover_title: "Recover",
    recover_question: "There are unsaved changes from an earlier session ({}). Recover them?",
    msg_recovered: "Unsaved changes recovered; press Ctrl-S to save",
    msg_recover_dropped: "Dropped the earlier session's unsaved changes",
    // -- Not applicable in the dashboard (issue 12). --
    k_not_applicable: "Not applicable",
    na_reason_label: "Why it does not apply (required)",
    na_full_reason_label: "Why it did not arise (required)",
    na_refuse_label: "Why “not applicable” is refused (required)",
    hint_na_reason: "Write the reason · Esc done (empty: not marked)",
    err_na_reason: "“Not applicable” needs its reason",
    err_na_refuse_reason: "Refusing “not applicable” needs its reason",
    msg_na_set: "Marked “not applicable”",
    msg_na_cleared: "“Not applicable” removed",
    msg_na_refused: "“Not applicable” refused: enter the appraised points",
    na_can_full: "A unit where this does not arise may mark it “not applicable” (with the reason): it then scores its maximum",
    na_can_excluded: "A unit without this duty may mark it “not applicable” (with the reason): it is then left out of the maximum",
    na_full_input: "Did not arise",
    msg_docref_fixed: "Stray spaces in the number: corrected to {} (Enter keeps it, Esc cancels)",
    // -- Hostile input: paths, control bytes, write failures (issue 9). --
    wf_cannot_write: "Cannot write {}",
    wf_permission: "user `{}` may not write in the folder {}. Write to a folder of your own (your home folder, for instance), or ask the Office to check the round's permissions (`parindex permissions`).",
    wf_no_space: "the disk (or your disk quota) is full. Free some space and try again; the old file (if any) is unchanged.",
    wf_read_only: "the disk is read-only. Write to another disk or folder; the old file (if any) is unchanged.",
    wf_no_folder: "the folder {} does not exist. Create it first, or choose another path.",
    wf_is_folder: "it is a folder, not a file. Give a file name, such as ranking.xlsx inside that folder.",
    wf_too_large: "the file is larger than the disk or your account allows. Write it elsewhere; the old file (if any) is unchanged.",
    wf_other: "system error: {}. The old file (if any) is unchanged.",
    nf_folder: "it is a folder, not a file",
    nf_fifo: "it is a named pipe (FIFO), not a file",
    nf_device: "it is a device, not a file",
    nf_socket: "it is a socket, not a file",
    nf_other: "it is not a regular file",
    nf_regular_only: "parindex reads and writes regular files only; nothing was changed",
    nf_need_folder: "a folder is needed",
    demo_not_yours: "the folder {} is not yours: choose another folder for the demo (parindex demo DIR)",
};

// -- Hostile input: paths, control bytes, write failures (issue 9). --
impl Text {
    /// What a path names when it is not a regular file.
    pub fn not_a_file(&self, k: crate::core::toml_in::NotAFile) -> &'static str {
        use crate::core::toml_in::NotAFile as K;
        match k {
            K::Folder => self.nf_folder,
            K::Fifo => self.nf_fifo,
            K::Device => self.nf_device,
            K::Socket => self.nf_socket,
            K::Other => self.nf_other,
        }
    }

    /// A failed write in words: the file, what went wrong, what to do.
    pub fn write_failed(&self, path: &std::path::Path, err: &std::io::Error) -> String {
        use std::io::ErrorKind as K;
        // Placeholders filled in order (a user or folder name holding `{}` stays as it is).
        let fill = |template: &str, args: &[&str]| {
            let mut parts = template.split("{}");
            let mut out = parts.next().unwrap_or_default().to_owned();
            for (i, part) in parts.enumerate() {
                out.push_str(args.get(i).copied().unwrap_or_default());
                out.push_str(part);
            }
            out
        };
        let one = |template: &str, arg: &str| fill(template, &[arg]);
        let folder = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.display().to_string(),
            _ => ".".to_owned(),
        };
        let not_a_file = err.get_ref().and_then(|e| e.downcast_ref::<crate::core::toml_in::NotAFile>());
        let why = match (not_a_file, err.kind()) {
            _ if parindex_store::dir::refusal(err).is_some() => crate::text::msg::store::io_error(err, self.lang),
            _ if parindex_store::lock::busy(err).is_some() => crate::text::msg::store::io_error(err, self.lang),
            (Some(k), _) => format!("{}; {}", self.not_a_file(*k), self.nf_regular_only),
            (_, K::PermissionDenied) => fill(self.wf_permission, &[&crate::core::roles::current_user(), &folder]),
            (_, K::StorageFull | K::QuotaExceeded) => self.wf_no_space.to_owned(),
            (_, K::ReadOnlyFilesystem) => self.wf_read_only.to_owned(),
            (_, K::NotFound | K::NotADirectory) => one(self.wf_no_folder, &folder),
            (_, K::IsADirectory) => self.wf_is_folder.to_owned(),
            (_, K::FileTooLarge) => self.wf_too_large.to_owned(),
            // The OS reason, without its " (os error N)".
            _ => one(self.wf_other, err.to_string().split(" (os error").next().unwrap_or_default()),
        };
        format!("{}: {why}", one(self.wf_cannot_write, &path.display().to_string()))
    }
}

/// Integrity of submissions (issue 9): marks, reasons and refusals.
impl Text {
    /// `ok`/`broken`/`unsigned` as a word.
    pub fn integrity_word(&self, i: Integrity) -> &'static str {
        match i {
            Integrity::Ok => self.integrity_ok,
            Integrity::Broken(_) => self.integrity_broken,
            Integrity::Unsigned => self.integrity_unsigned,
            Integrity::Unreadable => self.integrity_unreadable,
        }
    }

    /// Why a unit's integrity is not `ok` (empty when it is).
    pub fn integrity_reason(&self, i: Integrity) -> &'static str {
        match i {
            Integrity::Ok => "",
            Integrity::Unsigned => self.iu_reason,
            Integrity::Unreadable => self.iu_unreadable,
            Integrity::Broken(Broken::Seal) => self.ib_seal,
            Integrity::Broken(Broken::NoSeal) => self.ib_no_seal,
            Integrity::Broken(Broken::Signature) => self.ib_signature,
            Integrity::Broken(Broken::OtherKey) => self.ib_other_key,
            Integrity::Broken(Broken::UnreadableSignature) => self.ib_unreadable_signature,
        }
    }

    /// The mark next to a unit's name: `⚠` broken, `○` unsigned, `✗` unreadable, nothing
    /// when ok.
    pub fn integrity_mark(&self, i: Integrity) -> &'static str {
        match i {
            Integrity::Ok => "",
            Integrity::Broken(_) => "⚠",
            Integrity::Unsigned => "○",
            Integrity::Unreadable => "✗",
        }
    }

    /// What has an input, the one way: `82/82 tiêu chí của đơn vị · 0/4 khảo sát` (the
    /// surveys left off when the scorecard has none).
    pub fn counts(&self, c: &crate::core::figures::Counts) -> String {
        let f = |tpl: &str, a: u32, b: u32| tpl.replacen("{}", &a.to_string(), 1).replacen("{}", &b.to_string(), 1);
        let unit = f(self.counts_line, c.unit_done, c.unit_all);
        if c.office_all == 0 { unit } else { format!("{unit} · {}", f(self.counts_survey, c.office_done, c.office_all)) }
    }

    /// The same in a table's cell: `82/82 · 0/4`.
    pub fn counts_short(&self, c: &crate::core::figures::Counts) -> String {
        if c.office_all == 0 {
            format!("{}/{}", c.unit_done, c.unit_all)
        } else {
            format!("{}/{} · {}/{}", c.unit_done, c.unit_all, c.office_done, c.office_all)
        }
    }

    /// What a unit's status cell shows: "Không đọc được" for an unreadable unit, else its
    /// workflow status.
    pub fn unit_status(&self, r: &crate::core::results::UnitResult) -> &'static str {
        if r.is_unreadable() { self.integrity_unreadable } else { self.status(r.status) }
    }

    /// Why a unit is unreadable, in one line per error: `file:line:col: message` (the
    /// diagnostic's headline). Without a diagnostic, the generic reason.
    pub fn unreadable_why(&self, e: Option<&crate::core::diag::LoadError>) -> Vec<String> {
        let lines: Vec<String> =
            e.into_iter().flat_map(|e| e.diagnostics.items.iter().filter(|d| d.is_error())).map(|d| diag::headline_in(d, self.lang)).collect();
        if lines.is_empty() { vec![self.iu_unreadable.to_owned()] } else { lines }
    }

    /// The lines under a table for unreadable units: `✗ Name: Không đọc được — file:line:col:
    /// message`, one per error, then how many units are left out. Empty when none is.
    pub fn unreadable_lines<'a>(&self, units: impl IntoIterator<Item = (&'a str, Option<&'a crate::core::diag::LoadError>)>) -> String {
        let mut out = String::new();
        let mut count = 0;
        for (name, e) in units {
            count += 1;
            for why in self.unreadable_why(e) {
                out.push_str(&format!("{} {}: {} — {}\n", self.integrity_mark(Integrity::Unreadable), name, self.integrity_unreadable, why));
            }
        }
        if count > 0 {
            out.push_str(&self.unreadable_count.replacen("{}", &count.to_string(), 1));
            out.push('\n');
        }
        out
    }

    /// A unit's final band as tables show it: "Tốt", "Tốt (tạm tính)" while provisional,
    /// "Tốt (tự xếp loại)" when it comes from the self-assessment alone; empty without one.
    pub fn band_shown(&self, r: &crate::core::results::UnitResult, sc: &crate::core::scorecard::Scorecard) -> String {
        use crate::core::figures::BandBasis;
        match (r.band(sc), r.band_basis()) {
            (Some(b), Some(BandBasis::SelfAssessed)) => format!("{} ({})", b.label, self.self_banded),
            (Some(b), Some(BandBasis::Provisional)) => format!("{} ({})", b.label, self.provisional),
            (Some(b), _) => b.label.clone(),
            (None, _) => String::new(),
        }
    }

    /// The band of a unit's own index (its self-assessment) as its own screens show it:
    /// always "Tốt (tự xếp loại)"; empty without one.
    pub fn self_band_shown(&self, r: &crate::core::results::UnitResult, sc: &crate::core::scorecard::Scorecard) -> String {
        r.self_band(sc).map_or(String::new(), |b| format!("{} ({})", b.label, self.self_banded))
    }

    /// A unit's name with its integrity mark.
    pub fn marked(&self, name: &str, i: Integrity) -> String {
        if i.is_ok() { name.to_owned() } else { format!("{name} {}", self.integrity_mark(i)) }
    }

    /// The lines under a table: each unit whose integrity is not ok, its mark and why
    /// (`units`: name and integrity). Empty when every unit is ok.
    pub fn integrity_lines<'a>(&self, units: impl IntoIterator<Item = (&'a str, Integrity)>) -> String {
        let mut out = String::new();
        for (name, i) in units {
            if !i.is_ok() {
                out.push_str(&format!("{} {}: {} — {}\n", self.integrity_mark(i), name, self.integrity_word(i), self.integrity_reason(i)));
            }
        }
        out
    }

    /// A refusal of the Office's move or of a submit for integrity, in this language.
    pub fn integrity_refusal(&self, i: Integrity) -> String {
        match i {
            Integrity::Unsigned => self.rf_unsigned.to_owned(),
            other => self.rf_broken.replacen("{}", self.integrity_reason(other), 1),
        }
    }
}

/// A moment for people (issue 22): `13/12/2020 09:47`, in the round's time zone, from the
/// RFC 3339 time parindex stores (`2020-12-13T09:47:00+07:00`). The one formatting of times
/// that every human output uses (log, check, status, the dashboard, exports for people); JSON
/// and other machine forms keep RFC 3339. Anything that is not such a time is shown as it is.
pub fn human_time(at: &str) -> String {
    match crate::core::date::parse_rfc3339(at) {
        Some(t) => human_unix(t),
        None => at.to_owned(),
    }
}

/// A Unix time for people: `13/12/2020 09:47` in the round's time zone (see [`human_time`]).
pub fn human_unix(t: i64) -> String {
    crate::core::date::day_first(t, crate::core::round::UTC_OFFSET_MIN)
}

/// Cuts a string to at most `max` columns, ending with `…` when cut. Shown as one line without
/// control characters (a name or a lock holder from a file: see `core::clean`).
pub fn truncate(s: &str, max: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let s = &*crate::core::clean::line(s);
    if s.width() <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Cuts a line to `max` display columns at a word's end, with `…` after the last whole word
/// ("Phòng Quản lý…"); a first word too long for the room is cut where it must be.
pub fn truncate_words(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let line = &*crate::core::clean::line(s);
    if line.width() <= max {
        return line.to_owned();
    }
    // The indent (a tree's depth) stays as it is.
    let body = line.trim_start_matches(' ');
    let mut out = line[..line.len() - body.len()].to_owned();
    let indent = out.len();
    for word in body.split(' ') {
        let next = if out.len() == indent { format!("{out}{word}") } else { format!("{out} {word}") };
        if next.trim_end_matches([',', ';', ':', '-', '–']).width() + 1 > max {
            break;
        }
        out = next;
    }
    let out = out.trim_end_matches([',', ';', ':', ' ', '-', '–']);
    // Whole words that leave more than half the room blank: the room is better used cut.
    if out.len() <= indent || 2 * out.width() < max { truncate(line, max) } else { format!("{out}…") }
}

#[cfg(test)]
mod truncate_tests {
    use super::*;

    #[test]
    fn a_name_is_cut_after_a_whole_word() {
        assert_eq!(truncate_words("Phòng Quản lý Công nghệ", 16), "Phòng Quản lý…");
        assert_eq!(truncate_words("Phòng Quản lý Công nghệ", 30), "Phòng Quản lý Công nghệ");
        assert_eq!(truncate_words("Chi cục Tiêu chuẩn - Đo lường", 21), "Chi cục Tiêu chuẩn…");
        assert_eq!(truncate_words("Supercalifragilistic", 8), "Superca…");
        assert_eq!(truncate_words("A Supercalifragilistic", 12), "A Supercali…");
        assert_eq!(truncate_words("    1.3.2 Khắc phục tồn tại", 20), "    1.3.2 Khắc phục…");
    }
}

// Unix error numbers (rustix's Errno): the words for each, as a Unix system reports them.
#[cfg(all(test, unix))]
mod write_failed_tests {
    use std::io::{Error, ErrorKind};
    use std::path::Path;

    use rustix::io::Errno;

    use super::{EN, VI};
    use crate::core::toml_in::NotAFile;

    type MakeError = fn() -> Error;

    fn both(err: impl Fn() -> Error) -> (String, String) {
        let p = Path::new("/srv/round/xep-hang.csv");
        (VI.write_failed(p, &err()), EN.write_failed(p, &err()))
    }

    #[test]
    fn every_kind_names_the_file_and_says_what_to_do_in_both_languages() {
        let user = crate::core::roles::current_user();
        let cases: [(MakeError, &str, &str); 12] = [
            (|| Error::from(ErrorKind::PermissionDenied), "không có quyền ghi vào thư mục /srv/round", "may not write in the folder /srv/round"),
            (|| Error::from_raw_os_error(Errno::ACCESS.raw_os_error()), "parindex permissions", "ask the Office"),
            (|| Error::from_raw_os_error(Errno::NOSPC.raw_os_error()), "hết chỗ trống", "the disk (or your disk quota) is full. Free some space"),
            (|| Error::from_raw_os_error(Errno::DQUOT.raw_os_error()), "hết chỗ trống", "is full"),
            (|| Error::from_raw_os_error(Errno::ROFS.raw_os_error()), "chỉ cho phép đọc", "read-only"),
            (|| Error::from(ErrorKind::NotFound), "thư mục /srv/round không tồn tại", "the folder /srv/round does not exist"),
            (|| Error::from_raw_os_error(Errno::NOTDIR.raw_os_error()), "không tồn tại", "does not exist"),
            (|| Error::from_raw_os_error(Errno::ISDIR.raw_os_error()), "đây là một thư mục", "it is a folder, not a file"),
            (|| Error::from_raw_os_error(Errno::FBIG.raw_os_error()), "vượt quá kích thước", "larger than the disk or your account allows"),
            (
                || Error::new(ErrorKind::InvalidInput, NotAFile::Fifo),
                "đường ống có tên (FIFO)",
                "named pipe (FIFO), not a file; parindex reads and writes regular files only",
            ),
            (|| Error::new(ErrorKind::InvalidInput, NotAFile::Device), "thiết bị", "a device"),
            (|| Error::from_raw_os_error(Errno::IO.raw_os_error()), "lỗi hệ thống: Input/output error.", "system error: Input/output error."),
        ];
        for (err, vi, en) in cases {
            let (v, e) = both(err);
            assert!(v.starts_with("Không ghi được /srv/round/xep-hang.csv: "), "{v}");
            assert!(e.starts_with("Cannot write /srv/round/xep-hang.csv: "), "{e}");
            assert!(v.contains(vi), "{v}");
            assert!(e.contains(en), "{e}");
            for m in [&v, &e] {
                assert!(!m.contains("os error"), "{m}");
            }
        }
        let (v, e) = both(|| Error::from(ErrorKind::PermissionDenied));
        assert!(v.contains(&format!("tài khoản `{user}`")) && e.contains(&format!("user `{user}`")), "{v}\n{e}");
    }

    #[test]
    fn a_name_holding_braces_is_not_filled_twice() {
        let m = EN.write_failed(Path::new("{}/x.csv"), &Error::from(ErrorKind::NotFound));
        assert_eq!(m, "Cannot write {}/x.csv: the folder {} does not exist. Create it first, or choose another path.");
    }
}
