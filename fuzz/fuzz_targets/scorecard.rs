//! Any bytes as a scorecard: `Scorecard::parse` must return a scorecard or located
//! diagnostics, never panic, and whatever it accepts must be scorable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parindex::core::diag::Source;
use parindex::core::scorecard::Scorecard;
use parindex::core::tally;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    match Scorecard::parse(Source::new("f.toml", text)) {
        Ok(sc) => {
            // Accepted: an empty round scores without overflow.
            let t = tally::self_tally(&sc, None);
            let _ = sc.band_for(t.index);
            for &a in &sc.areas {
                let _ = t.sub_index(&sc, a);
            }
        }
        Err(e) => {
            assert!(e.diagnostics.has_errors(), "refused without an error");
            // Rendering (line:col, the source line, the underline) must not panic either.
            let _ = e.diagnostics.render();
        }
    }
});
