//! What the CLI test binaries share: the binary, the fixtures' dates, scratch directories.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::PathBuf;

pub const TODAY: &str = "2026-11-22";
pub const CREATED: &str = "2026-11-22T14:02:00+08:00";
pub const COMPLETE: &str = "../../fixtures/tc260-complete.json";
pub const COAUTHOR: &str = "../../fixtures/coauthor-complete.json";
pub const INVALID: &str = "tests/fixtures/tc260-invalid.json";

/// The built `formseal` binary.
pub fn formseal() -> Command {
    Command::cargo_bin("formseal").expect("binary built")
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("formseal-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The PDF fonts the CLI builds in.
#[allow(dead_code)]
pub fn fonts() -> formseal_core::pdf::FontSet {
    formseal_core::pdf::FontSet::new(vec![
        include_bytes!("../../../../fonts/formseal-serif-sc-1.otf").to_vec(),
        include_bytes!("../../../../fonts/formseal-serif-sc-2.otf").to_vec(),
    ])
    .expect("the built-in fonts load")
}
