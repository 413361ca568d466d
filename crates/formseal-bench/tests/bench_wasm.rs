//! Benchmark (not a test): full validation timed on wasm32 in Chromium. Ignored by default;
//! `scripts/bench.sh` runs it with `--include-ignored --nocapture` and keeps its lines.
#![cfg(target_arch = "wasm32")]

use formseal_core::fixtures;
use formseal_core::form::{validate, Context};
use formseal_core::rules::date::CivilDate;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn bench_validation() {
    let ctx = Context { today: CivilDate { year: 2026, month: 11, day: 22 } };
    for (label, runs, (form, answers)) in [
        ("validate TC260, complete application", 2000, fixtures::tc260_complete()),
        ("validate co-authoring, 2 writers", 2000, fixtures::coauthor_complete()),
        ("validate co-authoring, 200 writers × 5 experience rows", 30, fixtures::coauthor_with_writers(200, 5)),
    ] {
        validate(form.as_ref(), &answers, &ctx);
        let t = js_sys::Date::now();
        for _ in 0..runs {
            validate(form.as_ref(), &answers, &ctx);
        }
        let per = (js_sys::Date::now() - t) / runs as f64;
        console_log!("BENCH {label:<55} {per:>8.3} ms");
    }
}
