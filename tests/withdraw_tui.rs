//! Issue 21: the unit head withdraws a submission from the dashboard (key W in the submitted
//! unit's view); the key bar offers it only when it works.

mod common;

use common::*;
use parindex::core::answers::{SheetKind, Status};
use parindex::tui::Action;

fn status(app: &parindex::tui::state::App, unit: &str) -> Option<Status> {
    app.ws().load_sheet(unit, SheetKind::Submission).unwrap().map(|s| s.status)
}

#[test]
fn w_withdraws_a_submitted_unit_and_the_bar_offers_it_only_then() {
    let (_d, mut app) = unit_app("ttud");
    assert_eq!(status(&app, "ttud"), Some(Status::Submitted));
    assert!(app.offers(&Action::Withdraw));
    assert!(draw(&app, 200, 40).contains("Rút lại bản nộp"), "{}", draw(&app, 200, 40));
    ch(&mut app, 'W');
    assert_eq!(status(&app, "ttud"), Some(Status::Draft));
    let sub = app.ws().load_sheet("ttud", SheetKind::Submission).unwrap().unwrap();
    assert!(sub.seal.is_none(), "the seal is cleared");
    assert_eq!(app.work.as_ref().unwrap().sub.status, Status::Draft);
    // A draft: nothing to withdraw; the bar no longer offers it.
    assert!(!app.offers(&Action::Withdraw));
    assert!(!draw(&app, 200, 40).contains("Rút lại bản nộp"));
}

#[test]
fn an_appraised_unit_is_not_offered_withdraw_and_the_key_changes_nothing() {
    let (_d, mut app) = unit_app("vp");
    assert!(!app.offers(&Action::Withdraw));
    assert!(!draw(&app, 200, 40).contains("Rút lại bản nộp"));
    ch(&mut app, 'W');
    assert_eq!(status(&app, "vp"), Some(Status::Appraised));
}

#[test]
fn y_objects_to_the_selected_criterion_while_provisional_results_take_objections() {
    let (_d, mut app) = unit_app("vp");
    let ws = app.ws().clone();
    let leaf = ws.scorecard.leaves().map(|i| ws.scorecard.nodes[i].id.clone()).next().unwrap();
    select(&mut app, &leaf);
    // Nothing published: not offered, and the key says why.
    assert!(!app.offers(&Action::Object));
    assert!(!draw(&app, 200, 40).contains("Gửi ý kiến giải trình"));
    let who = parindex::core::roles::Identity::current(&ws);
    ws.publish_provisional(&who, parindex::core::date::Date::new(2999, 12, 31).unwrap()).unwrap();
    assert!(app.offers(&Action::Object));
    assert!(draw(&app, 200, 40).contains("Gửi ý kiến giải trình"));
    ch(&mut app, 'Y');
    assert!(matches!(app.overlay, Some(parindex::tui::state::Overlay::Dialog(parindex::tui::state::Dialog::Object { .. }))));
    typ(&mut app, "Đã có kế hoạch");
    key(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    assert!(app.overlay.is_none());
    let objs = ws.load_objections("vp").unwrap().expect("the objection is written");
    assert_eq!(objs.items.len(), 1);
    assert_eq!((objs.items[0].criterion.as_str(), objs.items[0].reason.as_str()), (leaf.as_str(), "Đã có kế hoạch"));
    // One objection per criterion: no longer offered there.
    assert!(!app.offers(&Action::Object));
}
