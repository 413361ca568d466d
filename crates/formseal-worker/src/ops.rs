//! The worker's operations: keygen, key info, backup, import, PDF preview, package, submit and verify.

use crate::fonts;
use formseal_core::form::{Answers, Context, FileRef, FormRules};
use formseal_core::key;
use formseal_core::messages::{finding_text, render, Locale};
use formseal_core::package::{self, AttachmentSource, KeyError, KeyPair, PackageError, PackageInput};
use formseal_core::pdf::{self, PdfError, PdfInput};
use formseal_core::rules::date::CivilDate;
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A failed operation: a message key for scripts and the message for people.
pub(crate) struct Failure {
    code: String,
    message: String,
}

pub(crate) type Outcome = Result<(Value, Option<Vec<u8>>), Failure>;

pub(crate) fn fail(code: &str, message: String) -> Failure {
    Failure { code: code.to_string(), message }
}

thread_local! {
    /// The request being answered and its language: the panic boundary answers it.
    static CURRENT: std::cell::RefCell<Option<(JsValue, Locale)>> = const { std::cell::RefCell::new(None) };
}

/// The panic boundary: release builds abort on a panic, so before the worker dies it answers
/// the request in hand with a clear failure (`worker.crashed`, in the applicant's language) and
/// logs the details; the page starts a new worker for the next operation.
fn install_panic_boundary() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some((id, loc)) = CURRENT.with(|c| c.borrow_mut().take()) else { return };
        let detail: String = info.to_string().chars().filter(|c| !c.is_control()).take(300).collect();
        let msg = js_sys::Object::new();
        for (k, v) in [
            ("id", id),
            ("ok", JsValue::FALSE),
            ("code", JsValue::from_str(key!("worker.crashed"))),
            ("message", JsValue::from_str(&render(loc, key!("worker.crashed"), &[("detail", detail)]))),
        ] {
            let _ = js_sys::Reflect::set(&msg, &k.into(), &v);
        }
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.post_message(&msg);
    }));
}

/// Installs the message handler and tells the page the worker is ready.
pub fn listen() {
    install_panic_boundary();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        let id = get("id");
        let op = get("op").as_string().unwrap_or_default();
        let args: Value = get("args").as_string().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(Value::Null);
        // `Array.from(undefined)` throws: a message without blobs has none.
        let blobs: Vec<web_sys::Blob> = get("blobs")
            .dyn_into::<js_sys::Array>()
            .map(|a| a.iter().filter_map(|b| b.dyn_into().ok()).collect())
            .unwrap_or_default();
        let bytes = get("bytes").dyn_into::<js_sys::Uint8Array>().ok().map(|a| a.to_vec());
        CURRENT.with(|c| *c.borrow_mut() = Some((id.clone(), locale(&args))));
        let outcome = run(&op, &args, &blobs, bytes.as_deref());
        CURRENT.with(|c| c.borrow_mut().take());
        let msg = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&msg, &k.into(), v);
        };
        set("id", &id);
        match outcome {
            Ok((result, bytes)) => {
                set("ok", &JsValue::TRUE);
                set("result", &JsValue::from_str(&result.to_string()));
                if let Some(b) = bytes {
                    let arr = js_sys::Uint8Array::from(b.as_slice());
                    set("bytes", &arr);
                    let transfer = js_sys::Array::of1(&arr.buffer());
                    let _ = reply_to.post_message_with_transfer(&msg, &transfer);
                    return;
                }
            }
            Err(f) => {
                set("ok", &JsValue::FALSE);
                set("code", &JsValue::from_str(&f.code));
                set("message", &JsValue::from_str(&f.message));
            }
        }
        let _ = reply_to.post_message(&msg);
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

fn locale(args: &Value) -> Locale {
    args["lang"].as_str().and_then(Locale::parse).unwrap_or_default()
}

/// The page's stored key (PKCS#8 DER, sent as the message's bytes).
fn key_from(bytes: Option<&[u8]>, loc: Locale) -> Result<KeyPair, Failure> {
    KeyPair::from_pkcs8(bytes.unwrap_or_default(), None).map_err(|e| key_failure(&e, loc))
}

fn key_failure(e: &KeyError, loc: Locale) -> Failure {
    fail(e.code(), e.text(loc))
}

/// The key's algorithm and fingerprint, with its PKCS#8 DER as the reply's bytes (for the page to store).
fn key_reply(key: &KeyPair) -> (Value, Option<Vec<u8>>) {
    let meta = json!({ "algorithm": key.algorithm().name(), "fingerprint": key.public().fingerprint() });
    (meta, Some(key.to_pkcs8_der()))
}

/// Runs one operation.
fn run(op: &str, args: &Value, blobs: &[web_sys::Blob], bytes: Option<&[u8]>) -> Outcome {
    let loc = locale(args);
    match op {
        "keygen" => {
            let alg = args["algorithm"].as_str().and_then(package::Algorithm::parse).unwrap_or_default();
            Ok(key_reply(&KeyPair::generate(alg, &mut rand_core::OsRng)))
        }
        "backup" => {
            let key = key_from(bytes, loc)?;
            let pass = args["passphrase"].as_str().unwrap_or_default();
            let pem = key.to_encrypted_pem(pass, package::BACKUP_ITERATIONS, &mut rand_core::OsRng);
            Ok((json!({ "pem": pem }), None))
        }
        "import" => {
            let pass = args["passphrase"].as_str();
            let key = KeyPair::from_pkcs8(bytes.unwrap_or_default(), pass).map_err(|e| key_failure(&e, loc))?;
            Ok(key_reply(&key))
        }
        "package" => make_package(args, blobs, bytes, loc),
        "preview" => preview(args, loc),
        "submit" => crate::submit::submit(args, bytes.unwrap_or_default(), loc),
        "export" => export(args, blobs, loc),
        "verify" => Ok((verify(args, bytes.unwrap_or_default(), loc), None)),
        "intake_row" => crate::intake::row(args, blobs, loc),
        "intake_export" => crate::intake::export(args, loc),
        "check_form" => Ok((check_form(args), None)),
        // The panic boundary's self-test (an end-to-end test calls it): a page can crash only
        // its own worker, which it then replaces.
        "crash" => panic!("self-test of the panic boundary"),
        _ => Err(fail("worker.unknown_op", format!("unknown operation {op}"))),
    }
}

/// Attachments as Blobs from the page's storage, read synchronously in 4 MiB chunks
/// (`FileReaderSync` exists only in workers).
struct Blobs<'a> {
    ids: Vec<String>,
    blobs: &'a [web_sys::Blob],
}

impl AttachmentSource for Blobs<'_> {
    fn read(&self, file: &FileRef, sink: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> Result<(), String> {
        const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
        let i = self.ids.iter().position(|id| *id == file.id).ok_or("not stored in this browser")?;
        let blob = self.blobs.get(i).ok_or("not stored in this browser")?;
        let reader = web_sys::FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
        let size = blob.size();
        let mut at = 0.0;
        while at < size {
            let part = blob.slice_with_f64_and_f64(at, (at + CHUNK).min(size)).map_err(|e| format!("{e:?}"))?;
            let buf = reader.read_as_array_buffer(&part).map_err(|e| format!("{e:?}"))?;
            sink(&js_sys::Uint8Array::new(&buf).to_vec()).map_err(|e| e.to_string())?;
            at += CHUNK;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct PackageArgs {
    form: String,
    call: Value,
    answers: Value,
    #[serde(default)]
    file_ids: Vec<String>,
    created_at: String,
    #[serde(default)]
    today: String,
    /// The definition file the page's form was built from (it goes into the package); without
    /// it, the built-in definition of `form`.
    #[serde(default)]
    definition: Option<String>,
}

impl PackageArgs {
    /// The definition the page's form was built from, else the built-in one of `form`.
    fn definition(&self) -> Option<&str> {
        self.definition.as_deref().or_else(|| formseal_core::forms::definition(&self.form))
    }
}

/// The form (with the host's call) and the answers of a request.
fn form_and_answers(a: &PackageArgs, loc: Locale) -> Result<(Box<dyn FormRules>, Answers), Failure> {
    let Some(definition) = a.definition() else {
        return Err(fail(
            key!("package.form.unknown"),
            render(loc, key!("package.form.unknown"), &[("form", a.form.clone())]),
        ));
    };
    let form = formseal_core::forms::build(&a.form, definition, &a.call)
        .map_err(|e| fail(key!("package.form.call"), e.text(loc)))?;
    let (answers, _) =
        Answers::from_json(form.def(), &a.answers).map_err(|_| fail("worker.bad_request", "answers".into()))?;
    Ok((form, answers))
}

fn parse_args(args: &Value) -> Result<PackageArgs, Failure> {
    serde_json::from_value(args.clone()).map_err(|e| fail("worker.bad_request", e.to_string()))
}

fn pdf_failure(e: PdfError, loc: Locale) -> Failure {
    fail(e.code(), e.text(loc))
}

/// The filled paper form without a package identity, to look at before packaging.
fn preview(args: &Value, loc: Locale) -> Outcome {
    let a = parse_args(args)?;
    let (form, answers) = form_and_answers(&a, loc)?;
    let fonts = fonts::for_answers(form.def(), &answers, loc).map_err(|m| fail(key!("pdf.fetch_failed"), m))?;
    let input = PdfInput {
        form: form.def(),
        answers: &answers,
        created_at: &a.created_at,
        identity: None,
        application_json: None,
    };
    let bytes = pdf::render(&input, &fonts).map_err(|e| pdf_failure(e, loc))?;
    let unit = answers.text(form.def().name_field).trim().to_string();
    let name = package::file_name(&unit, &a.created_at).replacen("申请包", "预览", 1).replace(".zip", ".pdf");
    Ok((json!({ "file_name": name, "size": bytes.len() }), Some(bytes)))
}

fn make_package(args: &Value, blobs: &[web_sys::Blob], key: Option<&[u8]>, loc: Locale) -> Outcome {
    let a = parse_args(args)?;
    let key = key_from(key, loc)?;
    let (form, answers) = form_and_answers(&a, loc)?;
    let today = CivilDate::parse(&a.today).ok_or_else(|| fail("worker.bad_request", "today".into()))?;
    let fonts = fonts::for_answers(form.def(), &answers, loc).map_err(|m| fail(key!("pdf.fetch_failed"), m))?;
    let renderer = pdf::Renderer { form: form.def(), answers: &answers, fonts: &fonts };
    let input = PackageInput {
        form: form.as_ref(),
        call: a.call.clone(),
        answers: &answers,
        ctx: Context { today },
        created_at: a.created_at.clone(),
        pdf: Some(&renderer),
        generator: format!("formseal {}", env!("CARGO_PKG_VERSION")),
        definition: a.definition(),
    };
    let source = Blobs { ids: a.file_ids.clone(), blobs };
    let built = package::build(&input, &source, &key).map_err(|e| match e {
        PackageError::Pdf(e) => pdf_failure(e, loc),
        e => fail("worker.package_failed", e.text(loc)),
    })?;
    let result = json!({
        "file_name": built.file_name,
        "manifest_sha256": built.manifest_sha256,
        "application_sha256": built.application_sha256,
        "key_fingerprint": built.key_fingerprint,
        "algorithm": built.algorithm,
        "attachments": built.attachments,
        "size": built.bytes.len(),
    });
    Ok((result, Some(built.bytes)))
}

/// The draft file to download: the page's draft with the attachments' bytes embedded (base64),
/// pretty-printed — made here so the form's first download carries none of it.
fn export(args: &Value, blobs: &[web_sys::Blob], loc: Locale) -> Outcome {
    let a = parse_args(args)?;
    let (form, _) = form_and_answers(&a, loc)?;
    let text = args["draft"].as_str().unwrap_or_default();
    let mut draft =
        formseal_core::draft::parse(text, form.def()).map_err(|e| fail("worker.bad_request", e.text(loc)))?.draft;
    let source = Blobs { ids: a.file_ids, blobs };
    let refs: Vec<FileRef> = draft.file_refs().cloned().collect();
    for f in refs.iter().filter(|f| source.ids.contains(&f.id)) {
        let mut bytes = Vec::new();
        source
            .read(f, &mut |chunk| {
                bytes.extend_from_slice(chunk);
                Ok(())
            })
            .map_err(|reason| fail("worker.export_failed", reason))?;
        draft.embed(f, &bytes);
    }
    Ok((json!({}), Some(draft.to_json_string().into_bytes())))
}

/// What `formseal check-form` finds in a host's definition (the page shows the form only when
/// nothing is): `{problems: [{path, message}]}`, the messages in both languages (`中文 / English`:
/// the page has not chosen its language yet).
fn check_form(args: &Value) -> Value {
    let both = |f: &dyn Fn(Locale) -> String| format!("{} / {}", f(Locale::ZhCn), f(Locale::En));
    let text = args["definition"].as_str().unwrap_or_default();
    let problems: Vec<Value> = match formseal_core::forms::check(text) {
        Err(e) => vec![json!({ "path": "", "message": both(&|l| e.text(l)) })],
        Ok((_, lints)) => lints
            .iter()
            .map(|l| json!({ "path": l.path, "message": both(&|loc| finding_text(loc, &l.finding)) }))
            .collect(),
    };
    json!({ "problems": problems })
}

/// Text safe inside HTML.
/// HTML-escaped, with control, bidirectional and zero-width characters shown as `\u{…}` (a
/// package's strings must not reorder or hide the report's text; issue 14, item 5).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() || formseal_core::rules::normalize::is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Verifies a package and renders the report as HTML for the verify page (the page itself stays
/// small: the report's markup is made here, in code that loads on demand).
fn verify(args: &Value, bytes: &[u8], loc: Locale) -> Value {
    let today = args["today"].as_str().and_then(CivilDate::parse).unwrap_or(CivilDate { year: 2000, month: 1, day: 1 });
    let name = args["name"].as_str().unwrap_or_default().to_string();
    // The host's configuration of its calls is the reference when it gave one (keyed by form id).
    let call = Some(args["call"].clone()).filter(|c| c.is_object());
    let official = package::Official { call, ..Default::default() };
    let v = package::verify_with(bytes, &Context { today }, &official);
    let (class, verdict) = if v.is_valid() {
        ("ok", render(loc, key!("ui.verify.valid"), &[("name", name), ("files", v.files_checked.to_string())]))
    } else {
        ("bad", render(loc, key!("ui.verify.invalid"), &[("name", name), ("n", v.problems.len().to_string())]))
    };
    let mut html = format!("<p class=\"fs-verify__verdict fs-verify__verdict--{class}\">{}</p>", esc(&verdict));
    let mut items: Vec<String> = v.problems.iter().map(|p| finding_text(loc, p)).collect();
    items.extend(v.rule_errors(loc));
    let list = |class: &str, items: &[String]| {
        let lis: String = items.iter().map(|i| format!("<li>{}</li>", esc(i))).collect();
        if lis.is_empty() {
            String::new()
        } else {
            format!("<ul class=\"{class}\">{lis}</ul>")
        }
    };
    html += &list("fs-verify__problems", &items);
    html += &list("fs-verify__notes", &v.notes.iter().map(|n| finding_text(loc, n)).collect::<Vec<_>>());
    let dl: String = v
        .facts(loc)
        .iter()
        .map(|(label, value)| format!("<dt>{}</dt><dd class=\"fs-mono\">{}</dd>", esc(label), esc(value)))
        .collect();
    html += &format!("<dl class=\"fs-package__facts\">{dl}</dl>");
    json!({
        "valid": v.is_valid(),
        "codes": v.codes(),
        "html": html,
    })
}
