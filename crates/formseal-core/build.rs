//! The built-in forms are the folders of `forms/` at the repository root: each
//! `forms/<id>/definition.json` becomes one entry of `forms::FORM_IDS` and `forms::BUILTIN`, so
//! adding a form is adding its folder (no Rust to edit).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut ids: Vec<String> = std::fs::read_dir(&root)
        .expect("the forms/ folder at the repository root")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("definition.json").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    ids.sort();
    let mut out = String::from("/// Ids of the built-in forms (the folders of `forms/`), in name order.\n");
    writeln!(out, "pub const FORM_IDS: &[&str] = &{ids:?};").unwrap();
    out.push_str("/// The definition files of the built-in forms.\n#[cfg(feature = \"builtin-forms\")]\n");
    out.push_str("const BUILTIN: &[(&str, &str)] = &[\n");
    for id in &ids {
        let file = root.join(id).join("definition.json");
        println!("cargo:rerun-if-changed={}", file.display());
        let path = file.canonicalize().unwrap();
        writeln!(out, "    ({id:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_forms.rs");
    std::fs::write(dest, out).unwrap();
}
