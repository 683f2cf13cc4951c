//! Any bytes as a submission file handed to the Office's `import`: it must never panic, and a
//! file it accepts arrives `submitted` (whatever status the file claimed), sealed, with a seal
//! that matches, and logged; a refusal writes nothing.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use parindex::core::answers::{SheetKind, Status};
use parindex::core::roles::Identity;
use parindex::core::workspace::Workspace;

fuzz_target!(|data: &[u8]| {
    let (tmp, dir) = common::round(8);
    let file = tmp.path().join("incoming.toml");
    std::fs::write(&file, data).unwrap();
    let ws = Workspace::load(dir).unwrap();
    let office = Identity { user: "fuzz".into(), office: true, units: vec![] };
    let snapshot = |u: &str| std::fs::read(dir.join(format!("submissions/{u}.toml"))).ok();
    let before: Vec<_> = ws.units.iter().map(|u| snapshot(&u.id)).collect();
    // The Office names the unit (any of the round's); `--late` on half the inputs.
    let unit = ws.units[data.len() % ws.units.len()].id.clone();
    match ws.import_submission(&file, &unit, data.len() % 2 == 0, &office) {
        Ok(sheet) => {
            assert_eq!(sheet.status, Status::Submitted);
            let saved = ws.load_sheet(&sheet.unit, SheetKind::Submission).unwrap().unwrap();
            assert_eq!(saved.status, Status::Submitted);
            assert_eq!(parindex::core::seal::verify(&saved, &ws.scorecard), Some(true));
        }
        Err(e) => {
            let _ = e.to_string();
            let after: Vec<_> = ws.units.iter().map(|u| snapshot(&u.id)).collect();
            assert_eq!(before, after, "a refused import changed a submission");
        }
    }
});
