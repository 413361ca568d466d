//! The definition reader on the built-in definitions and on broken ones.

use serde_json::{json, Value as J};

fn builtin() -> J {
    serde_json::from_str(crate::forms::definition("tc260-wg").unwrap()).unwrap()
}

/// The message for the built-in TC260 definition changed by `change`.
fn problem(change: impl FnOnce(&mut J)) -> String {
    let mut v = builtin();
    change(&mut v);
    super::definition(&v).err().map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn the_builtin_definitions_read() {
    for id in crate::forms::FORM_IDS {
        let v: J = serde_json::from_str(crate::forms::definition(id).unwrap()).unwrap();
        assert!(super::definition(&v).is_ok(), "{id}");
    }
}

#[test]
fn each_problem_is_named_with_its_place() {
    type Change = Box<dyn FnOnce(&mut J)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|v| v["sections"][1]["fields"][5]["kind"]["text"]["format"] = json!("moblie")),
            "sections[1].fields[5].kind.text.format: unknown format “moblie”",
        ),
        (
            Box::new(|v| v["sections"][0]["fields"][0]["lable"] = json!("x")),
            "sections[0].fields[0]: unknown key “lable”",
        ),
        (
            Box::new(|v| v["sections"][0]["fields"][0]["label"] = json!("单位")),
            "sections[0].fields[0].label: expected an object",
        ),
        (Box::new(|v| v["sections"][0]["fields"][0]["id"] = json!("")), "sections[0].fields[0].id: must not be empty"),
        (
            Box::new(|v| v["sections"][0]["fields"][0]["id"] = json!("unit name")),
            "sections[0].fields[0].id: only letters, digits and _",
        ),
        (Box::new(|v| v["sections"][1]["id"] = json!("b-2")), "sections[1].id: only letters, digits and _"),
        (
            Box::new(|v| v["conditions"][0]["outcomes"][0]["status"] = json!("ok")),
            "conditions[0].outcomes[0].status: unknown status “ok”",
        ),
        (
            Box::new(|v| v["conditions"][0]["outcomes"][0]["when"] = json!({ "tickd": "x" })),
            "conditions[0].outcomes[0].when: unknown key “tickd”",
        ),
        (Box::new(|v| v["rules"][0]["severity"] = json!("fatal")), "rules[0].severity: unknown severity “fatal”"),
        (
            Box::new(|v| v["call"]["working_groups"] = json!({ "options": 3 })),
            "call.working_groups.options: expected an object",
        ),
        (Box::new(|v| v["sections"] = json!({})), "sections: expected a list"),
        (Box::new(|v| *v = json!([])), "expected an object"),
        (Box::new(|v| v.as_object_mut().unwrap().remove("seal").map(drop).unwrap_or(())), "seal: missing"),
    ];
    for (change, want) in cases {
        let got = problem(change);
        assert!(got.starts_with(want), "got “{got}”, want “{want}…”");
    }
}

#[test]
fn deep_or_large_input_is_bounded() {
    // Rows in rows in rows in rows: refused, not followed.
    let mut rows = json!({ "id": "x", "label": { "zh": "x", "en": "x" }, "kind": { "text": { "max_chars": 1 } } });
    for _ in 0..6 {
        rows = json!({ "id": "r", "label": { "zh": "r", "en": "r" },
            "kind": { "rows": { "fields": [rows], "row_label": { "zh": "r", "en": "r" } } } });
    }
    let got = problem(|v| v["sections"][0]["fields"] = json!([rows]));
    assert!(got.contains("rows nested more than 2 levels deep"), "{got}");
    // Rows in rows: allowed; rows in rows in rows: refused at the third list.
    let cell = json!({ "id": "x", "label": { "zh": "x", "en": "x" }, "kind": { "text": { "max_chars": 1 } } });
    let list = |id: &str, inner: J| {
        json!({ "id": id, "label": { "zh": "r", "en": "r" },
        "kind": { "rows": { "fields": [inner], "row_label": { "zh": "r", "en": "r" } } } })
    };
    let two = list("a", list("b", cell.clone()));
    assert_eq!(problem(|v| v["sections"][0]["fields"] = json!([two])), "");
    let three = list("a", list("b", list("c", cell)));
    let got = problem(|v| v["sections"][0]["fields"] = json!([three]));
    assert!(
        got.contains(
            "fields[0].kind.rows.fields[0].kind.rows.fields[0].kind.rows: rows nested more than 2 levels deep"
        ),
        "{got}"
    );
    // An expression nested 1,000 deep: refused at depth 16 (no stack overflow).
    let mut e = json!({ "ticked": "pledge" });
    for _ in 0..1000 {
        e = json!({ "not": e });
    }
    let got = problem(|v| v["conditions"][0]["outcomes"][0]["when"] = e);
    assert!(got.contains("expression nested too deeply"), "{got}");
    // 5 MB of text in a label reads (it is only text) and costs no more than reading it.
    let long = "字".repeat(5 * 1024 * 1024 / 3);
    assert_eq!(problem(|v| v["title"]["zh"] = json!(long)), "");
}

/// Every `{zh, en}` text loses its `en`, as the browser's copies of the built-in forms do
/// (`scripts/forms.mjs`: not under `call`, not with a `{call:…}` placeholder).
#[cfg(feature = "package")]
fn strip_english(v: &mut J, under_call: bool) {
    match v {
        J::Object(m)
            if m.len() == 2
                && !under_call
                && m.get("zh").and_then(J::as_str).is_some_and(|zh| !zh.contains("{call:")) =>
        {
            m.remove("en");
        }
        J::Object(m) => m.iter_mut().for_each(|(k, x)| strip_english(x, under_call || k == "call")),
        J::Array(items) => items.iter_mut().for_each(|x| strip_english(x, under_call)),
        _ => {}
    }
}

#[test]
#[cfg(feature = "package")]
fn a_definition_without_english_reads_the_same_in_chinese_and_is_linted() {
    for id in crate::forms::FORM_IDS {
        let text = crate::forms::definition(id).unwrap();
        let mut v: J = serde_json::from_str(text).unwrap();
        strip_english(&mut v, false);
        let stripped = serde_json::to_string(&v).unwrap();
        let full = crate::forms::build(id, text, &J::Null).unwrap();
        let light = crate::forms::build(id, &stripped, &J::Null).unwrap();
        let labels = |f: &dyn crate::form::FormRules| {
            let def = f.def();
            def.sections
                .iter()
                .flat_map(|s| s.fields.iter().map(|f| f.label.zh.to_string()))
                .chain([def.title.zh.to_string(), def.process.hand_in.zh.to_string()])
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(full.as_ref()), labels(light.as_ref()), "{id}");
        assert!(light.def().sections[0].title.en.is_empty(), "{id}");
        // `check-form` insists on both languages in a definition as written.
        let (_, lints) = crate::forms::check(&stripped).unwrap();
        let missing = lints.iter().filter(|l| l.finding.code == key!("lint.no_english")).count();
        assert!(missing > 20, "{id}: {missing}");
        assert!(lints.iter().any(|l| l.path == "sections[0].title"), "{id}");
        let (_, lints) = crate::forms::check(text).unwrap();
        assert!(lints.is_empty(), "{id}: {lints:?}");
    }
}
