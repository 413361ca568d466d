//! `formseal check-form` on every built-in definition, the example host form, and a corpus of
//! broken definitions (`fixtures/broken-definitions/`, each with the place its message must name).

mod support;

use support::formseal;

#[test]
fn every_built_in_definition_and_the_example_pass() {
    let mut files: Vec<_> = std::fs::read_dir("../../forms")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("definition.json"))
        .filter(|p| p.is_file())
        .collect();
    assert!(files.len() >= 3, "{files:?}");
    files.push("../../examples/observer-form.json".into());
    for f in files {
        let out = formseal().args(["check-form", "--lang", "en"]).arg(&f).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{}: {text}", f.display());
        assert!(text.contains("the form definition can be used"), "{text}");
    }
}

#[test]
fn each_broken_definition_is_named_precisely() {
    let dir = std::path::Path::new("../../fixtures/broken-definitions");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let cases = expected.as_object().unwrap();
    assert!(cases.len() >= 9);
    for (name, case) in cases {
        let out = formseal()
            .args(["check-form", "--json", "--lang", "en"])
            .arg(dir.join(format!("{name}.json")))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let problems = report["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{name}: {report:#}");
        let place = format!("{} {}", problems[0]["path"].as_str().unwrap(), problems[0]["message"].as_str().unwrap());
        let want = case["expect"].as_str().unwrap();
        assert!(place.contains(want), "{name}: {place}");
        // Read errors stop the reader (the place is in the message); lints name their place.
        assert_eq!(problems[0]["path"].as_str().unwrap().is_empty(), case["kind"] == "read", "{name}: {place}");
    }
}

#[test]
fn a_huge_or_malformed_definition_is_refused_without_a_panic() {
    let dir = std::env::temp_dir().join(format!("formseal-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut def: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("../../examples/observer-form.json").unwrap()).unwrap();
    def["title"]["zh"] = "表".repeat((5 << 20) / 3).into();
    let huge = dir.join("huge.json");
    std::fs::write(&huge, def.to_string()).unwrap();
    let not_json = dir.join("not.json");
    std::fs::write(&not_json, "{\"id\": ").unwrap();
    for (file, want) in [(&huge, "more than the 1.0 MB"), (&not_json, "EOF while parsing")] {
        let out = formseal().args(["check-form", "--lang", "en"]).arg(file).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(text.contains(want), "{text}");
    }
}
