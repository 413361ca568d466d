//! Benchmark: making and verifying signed packages natively. Prints figures; asserts nothing.
//! `cargo run --release -p formseal-core --features package --example bench_package`

use formseal_core::fixtures;
use formseal_core::form::{Context, FileRef, Value};
use formseal_core::package::{build, verify, Algorithm, KeyPair, PackageInput};
use formseal_core::rules::date::CivilDate;
use rand_core::SeedableRng as _;
use std::collections::BTreeMap;
#[path = "support/timing.rs"]
mod timing;
use timing::time;

fn main() {
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
            let input = PackageInput {
                form: form.as_ref(),
                call: serde_json::json!({}),
                answers: &answers,
                ctx,
                created_at: "2026-11-22T14:02:00+08:00".into(),
                pdf: None,
                generator: "bench".into(),
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
