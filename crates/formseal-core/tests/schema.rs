//! The published JSON Schema of a definition (`forms/definition.schema.json`) is the one the code
//! generates, every built-in definition and the example host form pass it, and the broken
//! definitions the reader refuses for their shape fail it too.
//!
//! After changing the vocabulary: `FORMSEAL_WRITE_SCHEMA=1 cargo test -p formseal-core --test schema`.

use formseal_core::form::schema;
use std::path::Path;

const FILE: &str = "../../forms/definition.schema.json";

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_published_schema_is_the_generated_one() {
    let generated = schema::text();
    if std::env::var_os("FORMSEAL_WRITE_SCHEMA").is_some() {
        std::fs::write(FILE, &generated).unwrap();
    }
    let published = std::fs::read_to_string(FILE).unwrap_or_default();
    assert!(
        published == generated,
        "{FILE} is out of date: run FORMSEAL_WRITE_SCHEMA=1 cargo test -p formseal-core --test schema"
    );
}

#[test]
fn definitions_pass_and_malformed_ones_fail() {
    let validator = jsonschema::validator_for(&schema::definition()).expect("a valid schema");
    let mut good: Vec<_> = std::fs::read_dir("../../forms")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("definition.json"))
        .filter(|p| p.is_file())
        .collect();
    good.push("../../examples/observer-form.json".into());
    for f in &good {
        let errors: Vec<String> =
            validator.iter_errors(&json(f)).map(|e| format!("{} {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
    // The reader's shape errors (not the reference and reachability problems of check-form, and
    // not the nesting depth, which a schema does not count).
    let broken = Path::new("../../fixtures/broken-definitions");
    for name in ["unknown-format", "wrong-type", "bad-expression", "element-id"] {
        let v = json(&broken.join(format!("{name}.json")));
        assert!(!validator.is_valid(&v), "{name} passes the schema");
    }
    // A field's or a section's id that could not be part of an element id.
    let mut v = json(&good[0]);
    v["sections"][0]["fields"][0]["id"] = "unit name".into();
    assert!(!validator.is_valid(&v), "a field id with a space passes the schema");
    let mut v = json(&good[0]);
    v["sections"][0]["id"] = "a-b".into();
    assert!(!validator.is_valid(&v), "a section id with a dash passes the schema");
}
