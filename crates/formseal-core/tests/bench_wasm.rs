//! Benchmark (not a test): full validation timed on wasm32 in Chromium. Ignored by default;
//! `scripts/bench.sh` runs it with `--include-ignored` and keeps its lines.
#![cfg(target_arch = "wasm32")]

use formseal_core::draft;
use formseal_core::form::{validate, Context, Row, Value};
use formseal_core::forms;
use formseal_core::rules::date::CivilDate;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn time(label: &str, runs: u32, mut f: impl FnMut()) {
    f();
    let t = js_sys::Date::now();
    for _ in 0..runs {
        f();
    }
    let per = (js_sys::Date::now() - t) / runs as f64;
    console_log!("BENCH {label:<55} {per:>8.3} ms");
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn bench_validation() {
    let ctx = Context { today: CivilDate { year: 2026, month: 11, day: 22 } };
    let tc = forms::by_id("tc260-wg").unwrap();
    let a = draft::parse(include_str!("../../../fixtures/tc260-complete.json"), tc.def()).unwrap().draft.answers;
    time("validate TC260, complete application", 2000, || {
        validate(tc.as_ref(), &a, &ctx);
    });
    let co = forms::by_id("group-std-coauthor").unwrap();
    let mut a = draft::parse(include_str!("../../../fixtures/coauthor-complete.json"), co.def()).unwrap().draft.answers;
    time("validate co-authoring, 2 writers", 2000, || {
        validate(co.as_ref(), &a, &ctx);
    });
    let w = a.rows("writers")[0].clone();
    let exp = match w.values.get("experience") {
        Some(Value::Rows(r)) => r[0].clone(),
        _ => unreachable!(),
    };
    let rows: Vec<Row> = (0..200)
        .map(|i| {
            let mut r = w.clone();
            r.key = i;
            r.values.insert("phone".into(), Value::Text(format!("139{i:08}")));
            r.values.insert("experience".into(), Value::Rows((0..5).map(|_| exp.clone()).collect()));
            r
        })
        .collect();
    a.set("writers", Value::Rows(rows));
    time("validate co-authoring, 200 writers × 5 experience rows", 30, || {
        validate(co.as_ref(), &a, &ctx);
    });
}
