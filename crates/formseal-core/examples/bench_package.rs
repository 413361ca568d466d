//! Benchmark: making and verifying signed packages (PDF included) natively, and the PDF alone for
//! both forms and for 200 writers. Prints figures; asserts nothing.
//! `cargo run --release -p formseal-core --features pdf --example bench_package`

use formseal_core::fixtures;
use formseal_core::form::{Context, FileRef, Value};
use formseal_core::package::{build, verify, Algorithm, KeyPair, PackageInput};
use formseal_core::pdf::{self, FontSet, Identity, PdfInput, Renderer};
use formseal_core::rules::date::CivilDate;
use rand_core::SeedableRng as _;
use std::collections::BTreeMap;
#[path = "support/timing.rs"]
mod timing;
use timing::time;

fn fonts() -> FontSet {
    FontSet::new(vec![
        include_bytes!("../../../fonts/formseal-serif-sc-1.otf").to_vec(),
        include_bytes!("../../../fonts/formseal-serif-sc-2.otf").to_vec(),
    ])
    .expect("fonts")
}

fn pdf_alone() {
    let cases = [
        ("TC260 complete", fixtures::tc260_complete(), 20),
        ("co-authoring complete", fixtures::coauthor_complete(), 20),
        ("co-authoring, 200 writers x 5 experience rows", fixtures::coauthor_with_writers(200, 5), 3),
    ];
    for (what, (form, answers), runs) in cases {
        let input = PdfInput {
            form: form.def(),
            answers: &answers,
            created_at: "2026-11-22T14:02:00+08:00",
            identity: Some(Identity { application_sha256: "a".repeat(64), key_fingerprint: "b".repeat(64) }),
            application_json: Some(b"{}"),
        };
        // Fonts are parsed once per PDF, as in the worker.
        let bytes = pdf::render(&input, &fonts()).expect("renders");
        time(&format!("PDF {what} ({} KB)", bytes.len().div_ceil(1024)), runs, || {
            pdf::render(&input, &fonts()).expect("renders");
        });
    }
}

fn main() {
    pdf_alone();
    let fonts = fonts();
    let ctx = Context { today: CivilDate { year: 2026, month: 11, day: 22 } };
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
    for (attachment, runs) in [(0usize, 50), (5 << 20, 5)] {
        let (form, mut answers) = fixtures::tc260_complete();
        let mut files = BTreeMap::new();
        if attachment > 0 {
            let bytes: Vec<u8> = (0..attachment).map(|i| (i * 7919 % 251) as u8).collect();
            answers.set(
                "licence",
                Value::Files(vec![FileRef {
                    id: "f".into(),
                    name: "scan.pdf".into(),
                    media_type: "application/pdf".into(),
                    size: bytes.len() as u64,
                }]),
            );
            files.insert("f".to_string(), bytes);
        }
        for alg in Algorithm::ALL {
            let key = KeyPair::generate(alg, &mut rng);
            let renderer = Renderer { form: form.def(), answers: &answers, fonts: &fonts };
            let input = PackageInput {
                form: form.as_ref(),
                call: serde_json::json!({}),
                answers: &answers,
                ctx,
                created_at: "2026-11-22T14:02:00+08:00".into(),
                pdf: Some(&renderer),
                generator: "bench".into(),
                definition: formseal_core::forms::definition(form.def().id),
            };
            let built = build(&input, &files, &key).expect("valid");
            let what = if attachment > 0 { "5 MB attachment" } else { "no attachments" };
            time(&format!("package TC260, {what}, {} ({} bytes)", alg.name(), built.bytes.len()), runs, || {
                build(&input, &files, &key).expect("valid");
            });
            time(&format!("verify that package, {}", alg.name()), runs, || {
                assert!(verify(&built.bytes, &ctx).is_valid());
            });
        }
    }
}
