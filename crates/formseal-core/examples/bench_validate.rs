//! Benchmark: full validation of complete applications (natively). Prints figures; asserts nothing.
//! `cargo run --release -p formseal-core --example bench_validate`

use formseal_core::fixtures;
use formseal_core::form::{validate, Context};
use formseal_core::rules::date::CivilDate;
#[path = "support/timing.rs"]
mod timing;
use timing::time;

fn main() {
    let ctx = Context { today: CivilDate { year: 2026, month: 11, day: 22 } };
    for (label, runs, (form, answers)) in [
        ("validate TC260, complete application", 2000, fixtures::tc260_complete()),
        ("validate co-authoring, 2 writers", 2000, fixtures::coauthor_complete()),
        ("validate co-authoring, 200 writers × 5 experience rows", 50, fixtures::coauthor_with_writers(200, 5)),
    ] {
        time(label, runs, || {
            validate(form.as_ref(), &answers, &ctx);
        });
    }
}
