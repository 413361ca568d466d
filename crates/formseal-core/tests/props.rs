//! Property tests over everything that reads outside input (issue 14): the zip reader and the
//! verifier, the form-definition and call readers, the draft parser, key import and the message
//! renderer. Each property: no panic, and no more than 64 MB allocated for any input.
//!
//! The test command runs each for its default number of cases (a few seconds); `scripts/fuzz.sh`
//! runs the same properties for as long as asked (`PROPTEST_CASES`, new seeds each round).
#![cfg(feature = "package")]

mod common;

use common::{package, peak_during, BOUND};
use formseal_core::messages::{fill, finding_text};
use formseal_core::package::{read_entries, verify, KeyPair};
use formseal_core::{draft, forms, Locale};
use proptest::prelude::*;
use serde_json::Value as J;
use std::sync::OnceLock;

const DRAFT: &str = include_str!("../../../fixtures/tc260-complete.json");
const COAUTHOR_DRAFT: &str = include_str!("../../../fixtures/coauthor-complete.json");
const AII_DRAFT: &str = include_str!("../../../fixtures/aii-complete.json");

fn good_package() -> &'static [u8] {
    static P: OnceLock<Vec<u8>> = OnceLock::new();
    P.get_or_init(package)
}

/// Any JSON value, a few levels deep, with strings that look like what readers look for.
fn json() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        any::<f64>().prop_map(J::from),
        prop_oneof![
            "[a-z_.]{0,12}".prop_map(String::from),
            Just("{expected}{name}".to_string()),
            Just("\u{1}uscc.kind.unknown".to_string()),
            Just("2026-02-30".to_string()),
            any::<String>(),
        ]
        .prop_map(J::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
            prop::collection::vec(("[a-z_]{1,10}", inner), 0..6).prop_map(|kv| J::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replaces the node that `choices` walks to in `v` with `new` (a structural mutation: most of
/// the document stays valid, so the readers get past their first checks).
fn mutate(v: &mut J, choices: &[usize], new: J) {
    let Some((&c, rest)) = choices.split_first() else { return *v = new };
    match v {
        J::Array(items) if !items.is_empty() => {
            let n = items.len();
            mutate(&mut items[c % n], rest, new)
        }
        J::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(c % map.len()).cloned().unwrap_or_default();
            if let Some(child) = map.get_mut(&key) {
                mutate(child, rest, new)
            }
        }
        _ => *v = new,
    }
}

fn mutated(text: &str, choices: &[usize], new: J) -> String {
    let mut v: J = serde_json::from_str(text).unwrap();
    mutate(&mut v, choices, new);
    v.to_string()
}

fn bounded<R>(what: &str, f: impl FnOnce() -> R) -> R {
    let (r, peak) = peak_during(f);
    assert!(peak < BOUND, "{what}: {peak} bytes");
    r
}

proptest! {
    #[test]
    fn the_verifier_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let v = bounded("verify", || verify(&bytes, &common::ctx()));
        prop_assert!(!v.is_valid());
        for p in &v.problems {
            finding_text(Locale::ZhCn, p);
        }
    }

    #[test]
    fn the_verifier_takes_a_damaged_package(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = good_package().to_vec();
        for (at, b) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let v = bounded("verify", || verify(&bytes, &common::ctx()));
        for l in [Locale::ZhCn, Locale::En] {
            v.problems.iter().for_each(|p| { finding_text(l, p); });
            v.rule_errors(l);
            v.facts(l);
        }
        let _ = read_entries(&bytes);
    }

    #[test]
    fn the_verifier_takes_any_signed_json(
        which in 0usize..3,
        choices in prop::collection::vec(any::<usize>(), 0..5),
        new in json(),
    ) {
        let name = ["application.json", "manifest.json", "signature.json"][which];
        let bad = common::tamper(good_package(), |e| {
            let entry = common::entry(e, name);
            let text = String::from_utf8(entry.bytes.clone()).unwrap();
            entry.bytes = mutated(&text, &choices, new).into_bytes();
        });
        let v = bounded("verify", || verify(&bad, &common::ctx()));
        v.problems.iter().for_each(|p| { finding_text(Locale::ZhCn, p); });
    }

    #[test]
    fn a_definition_or_call_of_any_shape_is_read_or_refused(
        form in 0usize..8,
        choices in prop::collection::vec(any::<usize>(), 0..7),
        new in json(),
        config in json(),
    ) {
        let id = forms::FORM_IDS[form % forms::FORM_IDS.len()];
        let text = mutated(forms::definition(id).unwrap(), &choices, new);
        bounded("definition", || {
            if let Ok(f) = forms::build(id, &text, &J::Null) {
                let a = formseal_core::form::Answers::empty(f.def());
                formseal_core::form::validate(f.as_ref(), &a, &common::ctx());
            }
            if let Err(e) = forms::build(id, forms::definition(id).unwrap(), &config) {
                e.text(Locale::ZhCn);
            }
        });
    }

    #[test]
    fn a_draft_of_any_shape_is_read_or_refused(
        form in 0usize..3,
        choices in prop::collection::vec(any::<usize>(), 0..6),
        new in json(),
    ) {
        let (id, text) = [("tc260-wg", DRAFT), ("group-std-coauthor", COAUTHOR_DRAFT), ("aii-member", AII_DRAFT)][form];
        let f = forms::by_id(id).unwrap();
        let text = mutated(text, &choices, new);
        bounded("draft", || match draft::parse(&text, f.def()) {
            Ok(l) => { formseal_core::form::validate(f.as_ref(), &l.draft.answers, &common::ctx()); }
            Err(e) => { e.text(Locale::ZhCn); }
        });
    }

    #[test]
    fn key_import_takes_any_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        pem in any::<bool>(),
    ) {
        let input = if pem {
            let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &bytes);
            format!("-----BEGIN ENCRYPTED PRIVATE KEY-----\n{b64}\n-----END ENCRYPTED PRIVATE KEY-----\n").into_bytes()
        } else {
            bytes
        };
        bounded("key", || {
            let _ = KeyPair::from_pkcs8(&input, Some("pass"));
            let _ = KeyPair::from_pkcs8(&input, None);
        });
    }

    #[test]
    fn messages_never_grow_beyond_their_parts(
        template in "([^{}]{0,8}(\\{[a-z_]{0,8}\\}?)?){0,12}",
        params in prop::collection::vec(("[a-z_]{1,8}", "[{}a-z_\u{1}]{0,40}"), 0..6),
    ) {
        let params: Vec<(&str, String)> = params.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        for l in [Locale::ZhCn, Locale::En] {
            let out = fill(l, &template, &params);
            // Each placeholder is replaced at most once by one value (or a catalogue text).
            let holes = template.matches('{').count();
            let longest = params.iter().map(|(_, v)| v.len()).max().unwrap_or(0).max(400);
            prop_assert!(out.len() <= template.len() + holes * longest, "{template:?} → {out:?}");
        }
    }
}
