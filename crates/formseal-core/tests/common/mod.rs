//! Shared by the hostile-input tests (`bounds.rs`, `props.rs`): a measure of the bytes a closure
//! allocates, a valid package to start from, and a way to rewrite its entries.
#![allow(dead_code)]

use formseal_core::fixtures;
use formseal_core::form::{Context, FileRef, Value};
use formseal_core::package::{
    build, read_entries, Algorithm, Entry, KeyPair, PackageError, PackageInput, RenderPdf, Stamp, ZipOut,
};
use formseal_core::rules::date::CivilDate;
use rand_core::SeedableRng as _;
use std::collections::BTreeMap;

/// The bound every hostile input must stay under (issue 14): 64 MB.
pub const BOUND: u64 = 64 << 20;

/// Runs `f` and returns its result and the most bytes it had allocated at once (counted on this
/// thread by `allocation-counter`, the global allocator of this crate's native tests).
pub fn peak_during<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let mut out = None;
    let info = allocation_counter::measure(|| out = Some(f()));
    (out.expect("ran"), info.bytes_max)
}

pub fn ctx() -> Context {
    Context { today: CivilDate::parse("2026-11-22").unwrap() }
}

/// A stand-in for the PDF renderer (the real one is checked by the CLI's re-render).
struct FakePdf;

impl RenderPdf for FakePdf {
    fn render(&self, stamp: &Stamp<'_>) -> Result<Vec<u8>, PackageError> {
        Ok(format!("%PDF-1.7 {}", stamp.application_sha256).into_bytes())
    }
}

/// A valid TC260 package with one attachment, signed with a fixed Ed25519 key.
pub fn package() -> Vec<u8> {
    let (form, mut answers) = fixtures::tc260_complete();
    let pdf = b"%PDF-1.7 licence scan".to_vec();
    let file =
        FileRef { id: "f1".into(), name: "营业执照.pdf".into(), media_type: "application/pdf".into(), size: 20 };
    answers.set("licence", Value::Files(vec![FileRef { size: pdf.len() as u64, ..file }]));
    let input = PackageInput {
        form: form.as_ref(),
        call: serde_json::json!({}),
        answers: &answers,
        ctx: ctx(),
        created_at: "2026-11-22T14:02:00+08:00".into(),
        pdf: Some(&FakePdf),
        generator: "formseal test".into(),
        definition: formseal_core::forms::definition("tc260-wg"),
    };
    let key = KeyPair::generate(Algorithm::Ed25519, &mut rand_chacha::ChaCha20Rng::seed_from_u64(7));
    build(&input, &BTreeMap::from([("f1".to_string(), pdf)]), &key).expect("a valid application packages").bytes
}

/// Zips `entries` as the package writer does.
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut z = ZipOut::new();
    for e in entries {
        z.add(&e.name, &e.bytes).unwrap();
    }
    z.finish().unwrap()
}

/// Unpacks `bytes`, lets `change` edit the entries, and zips them again.
pub fn tamper(bytes: &[u8], change: impl FnOnce(&mut Vec<Entry>)) -> Vec<u8> {
    let mut entries = read_entries(bytes).unwrap();
    change(&mut entries);
    zip(&entries)
}

/// The entry called `name`.
pub fn entry<'a>(entries: &'a mut [Entry], name: &str) -> &'a mut Entry {
    entries.iter_mut().find(|e| e.name == name).unwrap()
}
