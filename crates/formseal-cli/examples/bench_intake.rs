//! Benchmark of `formseal intake` (issue 17): generates a call's worth of packages — mixed forms
//! (TC260, co-authoring), 10 % resubmissions by the same unit, 5 % tampered, one in a hundred
//! with a 5 MB attachment — then runs the release binary on them and prints packages per second
//! (per core) and the peak memory (VmHWM). Asserts nothing.
//! `scripts/bench-intake.sh [N…]` (default 1000 and 10000); `--generate DIR N` only makes the
//! packages (for the browser's intake page: its end-to-end test and `bench/intake.mjs`).

use formseal_core::fixtures;
use formseal_core::form::{Context, FileRef, Value};
use formseal_core::package::{build, Algorithm, KeyPair, PackageInput};
use formseal_core::pdf::{FontSet, Renderer};
use formseal_core::rules::date::CivilDate;
use formseal_core::rules::uscc;
use rand_core::SeedableRng as _;
use std::collections::BTreeMap;
use std::time::Instant;

fn fonts() -> FontSet {
    FontSet::new(vec![
        include_bytes!("../../../fonts/formseal-serif-sc-1.otf").to_vec(),
        include_bytes!("../../../fonts/formseal-serif-sc-2.otf").to_vec(),
    ])
    .expect("fonts")
}

/// A valid unified social credit code for unit number `i`.
fn code(i: usize) -> String {
    let body = format!("{:08}", 10_000_000 + i);
    let org = uscc::org_code_check_char(&body).expect("digits");
    let first17 = format!("91440300{body}{org}");
    let check = uscc::check_char(&first17).expect("valid");
    format!("{first17}{check}")
}

fn generate(n: usize, dir: &std::path::Path) -> u64 {
    let fonts = fonts();
    let ctx = Context { today: CivilDate { year: 2026, month: 11, day: 22 } };
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(17);
    let keys: Vec<KeyPair> = (0..50).map(|_| KeyPair::generate(Algorithm::Ed25519, &mut rng)).collect();
    let attachment: Vec<u8> = (0..5usize << 20).map(|i| (i * 7919 % 251) as u8).collect();
    let mut bytes_total = 0;
    for i in 0..n {
        // Every tenth package is a resubmission of the unit before it, signed an hour later.
        let unit = if i % 10 == 9 { i - 1 } else { i };
        let (form, mut answers) =
            if unit % 2 == 0 { fixtures::tc260_complete() } else { fixtures::coauthor_complete() };
        let (name_field, code_field) = if unit % 2 == 0 { ("name_zh", "uscc") } else { ("unit_name", "uscc") };
        answers.set(name_field, Value::Text(format!("示例第{unit}号科技有限公司")));
        answers.set(code_field, Value::Text(code(unit)));
        let mut files = BTreeMap::new();
        if i % 100 == 50 && unit % 2 == 0 {
            let file = FileRef {
                id: "f".into(),
                name: "licence.pdf".into(),
                media_type: "application/pdf".into(),
                size: attachment.len() as u64,
            };
            answers.set("licence", Value::Files(vec![file]));
            files.insert("f".to_string(), attachment.clone());
        }
        let renderer = Renderer { form: form.def(), answers: &answers, fonts: &fonts };
        let input = PackageInput {
            form: form.as_ref(),
            call: serde_json::json!({}),
            answers: &answers,
            ctx,
            created_at: format!(
                "2026-11-{:02}T{:02}:00:00+08:00",
                21 + (i % 9 == 0) as usize,
                (i % 10 == 9) as usize + 8
            ),
            pdf: Some(&renderer),
            generator: "bench_intake".into(),
            definition: formseal_core::forms::definition(form.def().id),
        };
        let mut built = build(&input, &files, &keys[unit % keys.len()]).expect("valid").bytes;
        // Every twentieth package is tampered with after signing: its unit name changed.
        if i % 20 == 7 {
            built = tamper(&built);
        }
        bytes_total += built.len() as u64;
        std::fs::write(dir.join(format!("{:05}.zip", i)), &built).expect("writes");
    }
    bytes_total
}

/// The package `bytes` with one character of its answers changed (示例 → 示范), repacked.
fn tamper(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("reads");
        if name == "application.json" {
            data = String::from_utf8(data).expect("UTF-8").replacen("示例", "示范", 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("writes");
        out.write_all(&data).expect("writes");
    }
    out.finish().expect("a zip").into_inner()
}

/// Runs the command; returns (seconds, peak resident memory in MB).
fn measure(cmd: &mut std::process::Command) -> (f64, f64) {
    let start = Instant::now();
    let mut child = cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().expect("runs");
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status) {
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
        if child.try_wait().expect("waits").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (start.elapsed().as_secs_f64(), peak_kb as f64 / 1024.0)
}

fn main() {
    // `--generate DIR N`: only make the packages (the browser's intake tests and benchmark).
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir, n] = args.as_slice() {
        if flag == "--generate" {
            let dir = std::path::Path::new(dir);
            std::fs::create_dir_all(dir).expect("folder");
            generate(n.parse().expect("a number of packages"), dir);
            return;
        }
    }
    let bin = std::env::var("FORMSEAL_BIN").unwrap_or_else(|_| "target/release/formseal".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 10_000] } else { sizes };
    println!("| packages | generated (MB) | intake time | packages/s | per core ({cores} cores) | peak memory |");
    println!("|---|---|---|---|---|---|");
    for n in sizes {
        let dir = std::env::temp_dir().join(format!("formseal-bench-intake-{n}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let bytes = generate(n, &dir);
        let report = dir.with_extension("csv");
        let (secs, mb) = measure(
            std::process::Command::new(&bin).args(["intake", "--today", "2026-11-22"]).arg(&dir).arg("-o").arg(&report),
        );
        let rate = n as f64 / secs;
        println!(
            "| {n} | {:.0} | {secs:.1} s | {rate:.0} | {:.0} | {mb:.0} MB |",
            bytes as f64 / 1e6,
            rate / cores as f64
        );
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_file(&report);
    }
}
