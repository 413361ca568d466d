//! The JSON Schema (draft 2020-12) of a form definition, generated from the reader's own
//! vocabulary (`form::read`: kinds, formats, expressions, parameters, statuses, call parameters),
//! so an editor can check a definition while it is written. `forms/definition.schema.json` is
//! this function's output; a test keeps the file and the reader in step (every built-in
//! definition passes it, and the broken ones the reader refuses fail it).
//!
//! The schema checks shapes; what only the engine can know (a field named in a condition
//! exists, an outcome can be reached, …) is `formseal check-form`'s.

use super::read::{CALL_PARAMS, EXPRS, FORMATS, KINDS, PARAMS, STATUSES};
use serde_json::{json, Map, Value};

fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties, "additionalProperties": false })
}

fn refer(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

fn list_of(item: Value) -> Value {
    json!({ "type": "array", "items": item })
}

/// Exactly one key of `variants`, each with its own value schema.
fn one_key(variants: Vec<(&str, Value)>) -> Value {
    let properties: Map<String, Value> = variants.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    json!({ "type": "object", "minProperties": 1, "maxProperties": 1, "properties": properties, "additionalProperties": false })
}

/// The schema, as a JSON value.
pub fn definition() -> Value {
    let id = json!({ "type": "string", "minLength": 1 });
    // A field's or a section's id is also part of the widget's element ids (`form::read`).
    let name = json!({ "type": "string", "pattern": "^[A-Za-z0-9_]+$" });
    let string = json!({ "type": "string" });
    let strings = list_of(string.clone());
    let flag = json!({ "type": "boolean" });
    let count = json!({ "type": "integer", "minimum": 0 });
    let text = refer("text");
    let formats: Vec<&str> = FORMATS.iter().map(|(n, _)| *n).collect();
    let statuses: Vec<&str> = STATUSES.iter().map(|(n, _)| *n).collect();
    let pair = json!({ "type": "array", "prefixItems": [string, string], "minItems": 2, "maxItems": 2 });
    let pair_list = json!({ "type": "array", "prefixItems": [string, strings], "minItems": 2, "maxItems": 2 });

    let kinds: Vec<(&str, Value)> = KINDS
        .iter()
        .copied()
        .map(|k| {
            let v = match k {
                "text" => object(
                    &[],
                    json!({ "max_chars": { "type": "integer", "minimum": 1, "maximum": 100_000 }, "multiline": flag, "format": { "enum": formats } }),
                ),
                "choice" => object(&["options"], json!({ "options": list_of(refer("option")) })),
                "multi_choice" => object(&["options"], json!({ "options": list_of(refer("option")), "min": count })),
                "agree" => object(&["statement"], json!({ "statement": text })),
                "date" => object(&[], json!({ "not_future": flag })),
                "files" => object(&[], json!({ "multiple": flag, "accept": string, "max_bytes": count })),
                _ => object(
                    &["fields", "row_label"],
                    json!({ "fields": list_of(refer("field")), "min": count, "max": count, "row_label": text }),
                ),
            };
            (k, v)
        })
        .collect();
    let exprs: Vec<(&str, Value)> = EXPRS
        .iter()
        .copied()
        .map(|k| {
            let v = match k {
                "equals" => pair.clone(),
                "in" | "uscc_kind" => pair_list.clone(),
                "row_count" => object(&["field"], json!({ "field": string, "min": count, "max": count })),
                "rows_complete" => object(&["field", "filled"], json!({ "field": string, "filled": strings })),
                "any_row" => object(&["field", "filled"], json!({ "field": string, "filled": string })),
                "all" | "any" => list_of(refer("expr")),
                "not" => refer("expr"),
                _ => string.clone(),
            };
            (k, v)
        })
        .collect();
    let params: Vec<(&str, Value)> =
        PARAMS.iter().copied().map(|k| (k, if k == "count_with" { pair.clone() } else { string.clone() })).collect();
    let call_params: Vec<(&str, Value)> = CALL_PARAMS
        .iter()
        .copied()
        .map(|k| {
            let v = match k {
                "options" => object(
                    &["field", "value", "label"],
                    json!({ "field": string, "value": string, "label": string, "hint": string, "may_be_empty": flag }),
                ),
                "text" => text.clone(),
                "one_of" => object(&["values", "default"], json!({ "values": strings, "default": string })),
                _ => string.clone(),
            };
            (k, v)
        })
        .collect();

    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "formseal form definition",
        "description": "A form formseal shows, checks, prints and packages. Generated from crates/formseal-core/src/form/schema.rs; `formseal check-form` checks what a schema cannot (references, reachability).",
        "type": "object",
        "required": ["id", "version", "rules_version", "title", "body", "name_field", "process", "seal", "sections"],
        "additionalProperties": false,
        "properties": {
            "$schema": string,
            "id": id,
            "version": id,
            "rules_version": id,
            "title": text,
            "body": text,
            "name_field": id,
            "call": { "type": "object", "additionalProperties": refer("call_param") },
            "process": object(&["recipient", "reviewers", "hand_in", "steps"], json!({
                "recipient": text, "reviewers": text, "hand_in": text, "steps": list_of(text.clone())
            })),
            "seal": object(&["section", "date_field", "signature", "date_note"], json!({
                "section": id, "date_field": id, "signature": text, "date_note": text
            })),
            "sections": list_of(refer("section")),
            "rules": list_of(refer("rule")),
            "conditions": list_of(refer("condition")),
        },
        "$defs": {
            "text": object(&["zh", "en"], json!({ "zh": string, "en": string })),
            "option": object(&["value", "label"], json!({ "value": string, "label": text, "hint": text })),
            "call_cond": object(&["param"], json!({ "param": string, "in": strings, "nonempty": flag })),
            "call_param": one_key(call_params),
            "visible_if": one_key(vec![
                ("equals", object(&["field", "value"], json!({ "field": id, "value": id }))),
                ("includes", object(&["field", "value"], json!({ "field": id, "value": id }))),
                ("one_of", object(&["field", "values"], json!({ "field": id, "values": strings }))),
            ]),
            "kind": one_key(kinds),
            "field": object(&["id", "label", "kind"], json!({
                "id": name, "label": text, "help": text, "kind": refer("kind"), "required": flag,
                "visible_if": refer("visible_if"), "if_call": refer("call_cond"), "required_if_call": refer("call_cond")
            })),
            "section": object(&["id", "title", "fields"], json!({
                "id": name, "title": text, "note": text, "fields": list_of(refer("field")), "addition": flag,
                "if_call": refer("call_cond")
            })),
            "expr": one_key(exprs),
            "params": { "type": "object", "additionalProperties": one_key(params) },
            "rule": object(&["code", "severity", "at"], json!({
                "code": id, "severity": { "enum": ["error", "warning"] }, "message": text, "when": refer("expr"),
                "unique": object(&["rows", "key"], json!({ "rows": string, "key": strings })),
                "at": string, "params": refer("params")
            })),
            "outcome": object(&["status", "reason"], json!({
                "when": refer("expr"), "status": { "enum": statuses }, "reason": text, "remedy": text
            })),
            "condition": object(&["id", "clause", "condition", "outcomes"], json!({
                "id": id, "clause": text, "condition": text, "params": refer("params"),
                "outcomes": list_of(refer("outcome")), "if_call": refer("call_cond")
            })),
        }
    })
}

/// The schema file's text (`forms/definition.schema.json`).
pub fn text() -> String {
    serde_json::to_string_pretty(&definition()).unwrap_or_default() + "\n"
}
