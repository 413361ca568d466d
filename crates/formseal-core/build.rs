//! The built-in forms are the folders of `forms/` at the repository root: each
//! `forms/<id>/definition.json` becomes one entry of `forms::FORM_IDS` and `forms::BUILTIN`, so
//! adding a form is adding its folder (no Rust to edit).
//!
//! The message catalogues are the files `src/messages/catalogues.txt` lists: they become the
//! catalogue tables of `messages` and the `key!` macro, which accepts exactly the keys of the
//! catalogues the build has (a missing or misspelled key does not compile).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    catalogues();
    let root = manifest_dir().join("../../forms");
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

/// The catalogue files in load order, with the feature that brings each in (`None`: always).
fn catalogue_list(dir: &Path) -> Vec<(String, Option<String>)> {
    let list = dir.join("catalogues.txt");
    println!("cargo:rerun-if-changed={}", list.display());
    std::fs::read_to_string(&list)
        .expect("src/messages/catalogues.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split_whitespace();
            let name = parts.next().unwrap_or_default().to_string();
            (name, parts.next().map(str::to_string))
        })
        .collect()
}

/// The keys of one catalogue file (`key = template` lines).
fn keys_of(file: &Path) -> Vec<String> {
    println!("cargo:rerun-if-changed={}", file.display());
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
        .collect()
}

/// Writes `catalogues.rs` (the tables of both locales) and `message_keys.rs` (`key!`, defined once for each
/// combination of the catalogue features: only the one of this build is compiled in).
fn catalogues() {
    let dir = manifest_dir().join("src/messages");
    let list = catalogue_list(&dir);
    let cfg =
        |feature: &Option<String>| feature.as_ref().map(|f| format!("#[cfg(feature = {f:?})] ")).unwrap_or_default();
    let mut out = String::new();
    for (konst, locale, only_if) in [("ZH_CN_FILES", "zh-CN", ""), ("EN_FILES", "en", "#[cfg(feature = \"en\")]\n")] {
        writeln!(out, "{only_if}const {konst}: &[&str] = &[").unwrap();
        for (name, feature) in &list {
            let path = dir.join(locale).join(format!("{name}.txt"));
            let path = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            writeln!(out, "    {}include_str!({:?}),", cfg(feature), path.display().to_string()).unwrap();
        }
        out.push_str("];\n");
    }
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("catalogues.rs"), std::mem::take(&mut out)).unwrap();
    let features: Vec<&String> =
        list.iter().filter_map(|(_, f)| f.as_ref()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    for mask in 0..(1u32 << features.len()) {
        let on = |f: &String| features.iter().position(|g| *g == f).is_some_and(|i| mask & (1 << i) != 0);
        let conds: Vec<String> = features
            .iter()
            .map(|f| if on(f) { format!("feature = {f:?}") } else { format!("not(feature = {f:?})") })
            .collect();
        writeln!(out, "#[cfg(all({}))]", conds.join(", ")).unwrap();
        out.push_str("/// A message key of the catalogues, checked when compiled: `key!(\"ui.lang.label\")`.\n");
        out.push_str("#[macro_export]\nmacro_rules! key {\n");
        for (name, feature) in &list {
            if feature.as_ref().is_some_and(|f| !on(f)) {
                continue;
            }
            for key in keys_of(&dir.join("zh-CN").join(format!("{name}.txt"))) {
                writeln!(out, "    ({key:?}) => {{ {key:?} }};").unwrap();
            }
        }
        out.push_str("    ($other:literal) => { compile_error!(concat!(\"no message \", $other, \" in the catalogues of this build (src/messages)\")) };\n}\n");
    }
    std::fs::write(out_dir.join("message_keys.rs"), out).unwrap();
}

/// This crate's folder, as cargo says when it runs the script — not as it was when the script was
/// compiled (`env!`): a script built once is reused by any checkout whose target folder it shares,
/// and would read that other checkout's catalogues and forms.
fn manifest_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
}
