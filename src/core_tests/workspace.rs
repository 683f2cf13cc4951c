//! The store's `workspace`, tested with the application's words and demo round.

#[cfg(unix)]
use crate::core::answers::SheetKind;
use crate::core::answers::quote;
use crate::core::workspace::*;
#[allow(unused_imports)]
use crate::text::Render;
#[allow(unused_imports)]
use crate::text::msg::Message;

#[test]
fn a_scorecard_path_that_leaves_the_folder_is_refused_and_never_read() {
    let root = tempfile::tempdir().unwrap();
    let secret = root.path().join("secret.toml");
    std::fs::write(&secret, "password = hunter2\n").unwrap();
    let ws = root.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    for path in ["../secret.toml".to_owned(), secret.display().to_string()] {
        std::fs::write(ws.join(WORKSPACE_FILE), format!("title = \"T\"\nscorecard = {}\n", quote(&path))).unwrap();
        let e = Workspace::load(&ws).unwrap_err();
        let out = e.diagnostics.render();
        assert!(!e.unreadable, "{out}");
        assert!(out.contains("workspace.toml:2:13: `scorecard` must be a file inside the workspace folder"), "{out}");
        assert!(!out.contains("hunter2") && !out.contains("secret.toml:"), "the file was read: {out}");
        assert_eq!(e.diagnostics.items.len(), 1, "{out}");
    }
}

#[cfg(unix)]
#[test]
fn linked_or_folder_sheets_and_linked_folders_make_check_fail_as_unreadable() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    crate::demo::write(&ws, &crate::demo::DemoOptions::default()).unwrap();
    let outside = root.path().join("outside.toml");
    std::fs::copy(ws.join("submissions/vp.toml"), &outside).unwrap();
    assert!(check(&ws).is_ok());

    // A submission that is a link to a file outside the round.
    std::fs::remove_file(ws.join("submissions/vp.toml")).unwrap();
    std::os::unix::fs::symlink(&outside, ws.join("submissions/vp.toml")).unwrap();
    let e = check(&ws).unwrap_err();
    assert!(e.unreadable && e.diagnostics.render().contains("vp.toml: is a symbolic link"), "{}", e.diagnostics.render());
    let w = Workspace::load(&ws).unwrap();
    assert!(w.load_sheet("vp", SheetKind::Submission).unwrap_err().unreadable);

    // A submission that is a folder.
    std::fs::remove_file(ws.join("submissions/vp.toml")).unwrap();
    std::fs::create_dir(ws.join("submissions/vp.toml")).unwrap();
    let e = check(&ws).unwrap_err();
    assert!(e.unreadable && e.diagnostics.render().contains("vp.toml: is a folder, not a regular file"), "{}", e.diagnostics.render());
    std::fs::remove_dir(ws.join("submissions/vp.toml")).unwrap();

    // A linked submissions/ folder: refused without reading what is behind it.
    let elsewhere = root.path().join("elsewhere");
    std::fs::rename(ws.join("submissions"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, ws.join("submissions")).unwrap();
    std::fs::copy(&outside, elsewhere.join("vp.toml")).unwrap();
    let e = check(&ws).unwrap_err();
    assert!(e.unreadable && e.diagnostics.render().contains("submissions: is a symbolic link"), "{}", e.diagnostics.render());
    let w = Workspace::load(&ws).unwrap();
    assert!(w.load_sheet("vp", SheetKind::Submission).unwrap_err().unreadable);
}

#[test]
fn units_declared_twice_are_reported_once_each_and_kept_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scorecard.toml"), crate::demo::SCORECARD_2020).unwrap();
    let text = "title = \"T\"\n\
        [[unit]]\nid = \"a\"\nname = \"A\"\n\
        [[unit]]\nid = \"b\"\nname = \"\"\n\
        [[unit]]\nid = \"a\"\nname = \"A again\"\n\
        [[unit]]\nid = \"b\"\nname = \"B\"\n\
        [[unit]]\nid = \"bad id\"\nname = \"X\"\n\
        [[unit]]\nid = \"bad id\"\nname = \"X\"\n";
    std::fs::write(dir.path().join(WORKSPACE_FILE), text).unwrap();
    let e = Workspace::load(dir.path()).unwrap_err();
    let messages: Vec<String> = e.diagnostics.items.iter().map(|d| d.message.en()).collect();
    assert_eq!(
        messages,
        [
            "unit `b` has an empty name",
            "unit `a` is declared twice",
            "unit `b` is declared twice",
            "unit id `bad id` must be 1–64 ASCII letters, digits, `-` or `_` (it names the unit's files)",
            "unit id `bad id` must be 1–64 ASCII letters, digits, `-` or `_` (it names the unit's files)",
        ]
    );
}
