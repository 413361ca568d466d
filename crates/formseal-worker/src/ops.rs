//! The worker's operations: keygen, key info, backup, import, PDF preview, package, submit and verify.

use crate::fonts;
use formseal_core::form::{Answers, Context, FileRef, FormRules};
use formseal_core::key;
use formseal_core::messages::{finding_text, render, t, Locale};
use formseal_core::package::{self, AttachmentSource, KeyError, KeyPair, PackageError, PackageInput};
use formseal_core::pdf::{self, PdfError, PdfInput};
use formseal_core::protocol::{self as p, answer, Failure, Message, Op, Request};
use formseal_core::rules::date::CivilDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What an operation of type `T` gives: its reply and, for some, bytes to hand over.
pub(crate) type Outcome<T> = Result<(<T as Op>::Reply, Option<Vec<u8>>), Failure>;

pub(crate) fn fail(code: &str, message: String) -> Failure {
    Failure::new(code, message)
}

/// A request the worker cannot use (a page of another version, a hostile script).
pub(crate) fn bad_request(loc: Locale, detail: impl Into<String>) -> Failure {
    fail(key!("worker.bad_request"), render(loc, key!("worker.bad_request"), &[("detail", detail.into())]))
}

thread_local! {
    /// The request being answered and its language: the panic boundary answers it.
    static CURRENT: std::cell::RefCell<Option<(JsValue, Locale)>> = const { std::cell::RefCell::new(None) };
}

/// Posts `{id, ok, answer, bytes?}` (the bytes' buffer transferred, not copied).
fn post(id: &JsValue, (ok, answer): (bool, String), bytes: Option<Vec<u8>>) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"id".into(), id);
    let _ = js_sys::Reflect::set(&msg, &"ok".into(), &JsValue::from_bool(ok));
    let _ = js_sys::Reflect::set(&msg, &"answer".into(), &JsValue::from_str(&answer));
    match bytes {
        Some(b) => {
            let arr = js_sys::Uint8Array::from(b.as_slice());
            let _ = js_sys::Reflect::set(&msg, &"bytes".into(), &arr);
            let _ = scope.post_message_with_transfer(&msg, &js_sys::Array::of1(&arr.buffer()));
        }
        None => {
            let _ = scope.post_message(&msg);
        }
    }
}

/// The panic boundary: release builds abort on a panic, so before the worker dies it answers
/// the request in hand with a clear failure (`worker.crashed`, in the applicant's language) and
/// logs the details; the page starts a new worker for the next operation.
fn install_panic_boundary() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some((id, loc)) = CURRENT.with(|c| c.borrow_mut().take()) else { return };
        let detail: String = info.to_string().chars().filter(|c| !c.is_control()).take(300).collect();
        let failure = fail(key!("worker.crashed"), render(loc, key!("worker.crashed"), &[("detail", detail)]));
        post(&id, answer::<p::Empty>(&Err(failure)), None);
    }));
}

/// Installs the message handler and tells the page the worker is ready.
pub fn listen() {
    install_panic_boundary();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        let id = get("id");
        // `Array.from(undefined)` throws: a message without blobs has none.
        let blobs: Vec<web_sys::Blob> = get("blobs")
            .dyn_into::<js_sys::Array>()
            .map(|a| a.iter().filter_map(|b| b.dyn_into().ok()).collect())
            .unwrap_or_default();
        let bytes = get("bytes").dyn_into::<js_sys::Uint8Array>().ok().map(|a| a.to_vec());
        let text = get("message").as_string().unwrap_or_default();
        let (answered, bytes) = match serde_json::from_str::<Message>(&text) {
            Ok(message) => {
                CURRENT.with(|c| *c.borrow_mut() = Some((id.clone(), message.lang)));
                let answered = run(message, &blobs, bytes.as_deref());
                CURRENT.with(|c| c.borrow_mut().take());
                answered
            }
            Err(e) => (answer::<p::Empty>(&Err(bad_request(Locale::default(), e.to_string()))), None),
        };
        post(&id, answered, bytes);
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Answers one request with the operation of its type: `f` must give that type's reply.
fn handle<T: Op>(request: T, f: impl FnOnce(T) -> Outcome<T>) -> ((bool, String), Option<Vec<u8>>) {
    match f(request) {
        Ok((reply, bytes)) => (answer::<T::Reply>(&Ok(reply)), bytes),
        Err(failure) => (answer::<T::Reply>(&Err(failure)), None),
    }
}

/// The page's stored key (PKCS#8 DER, sent as the message's bytes).
fn key_from(bytes: Option<&[u8]>, loc: Locale) -> Result<KeyPair, Failure> {
    KeyPair::from_pkcs8(bytes.unwrap_or_default(), None).map_err(|e| key_failure(&e, loc))
}

fn key_failure(e: &KeyError, loc: Locale) -> Failure {
    fail(e.code(), e.text(loc))
}

/// The key's algorithm and fingerprint, with its PKCS#8 DER as the reply's bytes (for the page to store).
fn key_reply(key: &KeyPair) -> (p::KeyInfo, Option<Vec<u8>>) {
    let info = p::KeyInfo { algorithm: key.algorithm().name().into(), fingerprint: key.public().fingerprint() };
    (info, Some(key.to_pkcs8_der()))
}

/// Runs one request.
fn run(message: Message, blobs: &[web_sys::Blob], bytes: Option<&[u8]>) -> ((bool, String), Option<Vec<u8>>) {
    let loc = message.lang;
    match message.request {
        Request::Keygen(a) => handle(a, |a| Ok(key_reply(&KeyPair::generate(a.algorithm, &mut rand_core::OsRng)))),
        Request::Backup(a) => handle(a, |a| {
            let key = key_from(bytes, loc)?;
            let pem = key.to_encrypted_pem(&a.passphrase, package::BACKUP_ITERATIONS, &mut rand_core::OsRng);
            Ok((p::Pem { pem }, None))
        }),
        Request::Import(a) => handle(a, |a| {
            let key = KeyPair::from_pkcs8(bytes.unwrap_or_default(), a.passphrase.as_deref())
                .map_err(|e| key_failure(&e, loc))?;
            Ok(key_reply(&key))
        }),
        Request::Package(a) => handle(a, |a| make_package(&a.0, blobs, bytes, loc)),
        Request::Preview(a) => handle(a, |a| preview(&a.0, loc)),
        Request::Submit(a) => handle(a, |a| Ok(crate::submit::submit(&a, bytes.unwrap_or_default(), loc))),
        Request::Export(a) => handle(a, |a| export(a, blobs, loc)),
        Request::Verify(a) => handle(a, |a| Ok((verify(&a, bytes.unwrap_or_default(), loc), None))),
        Request::IntakeRow(a) => handle(a, |a| crate::intake::row(&a, blobs, loc)),
        Request::IntakeExport(a) => handle(a, |a| crate::intake::export(&a, loc)),
        Request::CheckForm(a) => handle(a, |a| Ok((check_form(&a.definition), None))),
        // The panic boundary's self-test (an end-to-end test calls it): a page can crash only
        // its own worker, which it then replaces.
        Request::Crash(_) => panic!("self-test of the panic boundary"),
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

/// The definition the page's form was built from, else the built-in one of `form`.
fn definition(a: &p::FormArgs) -> Option<&str> {
    a.definition.as_deref().or_else(|| formseal_core::forms::definition(&a.form))
}

/// The form (with the host's call) and the answers of a request.
fn form_and_answers(a: &p::FormArgs, loc: Locale) -> Result<(Box<dyn FormRules>, Answers), Failure> {
    let Some(definition) = definition(a) else {
        return Err(fail(
            key!("package.form.unknown"),
            render(loc, key!("package.form.unknown"), &[("form", a.form.clone())]),
        ));
    };
    let form = formseal_core::forms::build(&a.form, definition, &a.call)
        .map_err(|e| fail(key!("package.form.call"), e.text(loc)))?;
    let (answers, _) = Answers::from_json(form.def(), &a.answers).map_err(|_| bad_request(loc, "answers"))?;
    Ok((form, answers))
}

fn pdf_failure(e: PdfError, loc: Locale) -> Failure {
    fail(e.code(), e.text(loc))
}

/// The filled paper form without a package identity, to look at before packaging.
fn preview(a: &p::FormArgs, loc: Locale) -> Outcome<p::Preview> {
    let (form, answers) = form_and_answers(a, loc)?;
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
    Ok((p::Previewed { file_name: name }, Some(bytes)))
}

fn make_package(a: &p::FormArgs, blobs: &[web_sys::Blob], key: Option<&[u8]>, loc: Locale) -> Outcome<p::Package> {
    let key = key_from(key, loc)?;
    let (form, answers) = form_and_answers(a, loc)?;
    let today = CivilDate::parse(&a.today).ok_or_else(|| bad_request(loc, "today"))?;
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
        definition: definition(a),
    };
    let source = Blobs { ids: a.file_ids.clone(), blobs };
    let built = package::build(&input, &source, &key).map_err(|e| match e {
        PackageError::Pdf(e) => pdf_failure(e, loc),
        e => fail("worker.package_failed", e.text(loc)),
    })?;
    let packed = p::Packed {
        file_name: built.file_name,
        manifest_sha256: built.manifest_sha256,
        application_sha256: built.application_sha256,
        key_fingerprint: built.key_fingerprint,
        algorithm: built.algorithm.to_string(),
        attachments: built.attachments,
    };
    Ok((packed, Some(built.bytes)))
}

/// The draft file to download: the page's draft with the attachments' bytes embedded (base64),
/// pretty-printed — made here so the form's first download carries none of it.
fn export(a: p::Export, blobs: &[web_sys::Blob], loc: Locale) -> Outcome<p::Export> {
    let (form, _) = form_and_answers(&a.form, loc)?;
    let mut draft = formseal_core::draft::parse(&a.draft, form.def()).map_err(|e| bad_request(loc, e.text(loc)))?.draft;
    let source = Blobs { ids: a.form.file_ids, blobs };
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
    Ok((p::Exported {}, Some(draft.to_json_string().into_bytes())))
}

/// What `formseal check-form` finds in a host's definition (the page shows the form only when
/// nothing is), in both languages (`中文 / English`: the page has not chosen its language yet).
fn check_form(text: &str) -> p::FormCheck {
    let in_both = |f: &dyn Fn(Locale) -> String| format!("{} / {}", f(Locale::ZhCn), f(Locale::En));
    let problems: Vec<String> = match formseal_core::forms::check(text) {
        Err(e) => vec![in_both(&|l| e.text(l))],
        Ok((_, lints)) => {
            lints.iter().map(|l| format!("{}: {}", l.path, in_both(&|loc| finding_text(loc, &l.finding)))).collect()
        }
    };
    let report = format!("{}: {}", in_both(&|loc| t(loc, key!("lint.report"))), problems.join("; "));
    p::FormCheck { problems: (!problems.is_empty()).then_some(report) }
}

/// Text safe inside HTML.
/// HTML-escaped, with control, bidirectional and zero-width characters shown as `\u{…}` (a
/// package's strings must not reorder or hide the report's text; issue 14, item 5).
fn esc(s: &str) -> String {
    let shown = formseal_core::rules::normalize::show_hidden(s, &[]);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Verifies a package and renders the report as HTML for the verify page (the page itself stays
/// small: the report's markup is made here, in code that loads on demand).
fn verify(a: &p::Verify, bytes: &[u8], loc: Locale) -> p::Verified {
    let today = CivilDate::parse(&a.today).unwrap_or(CivilDate { year: 2000, month: 1, day: 1 });
    let name = a.name.clone();
    // The host's configuration of its calls is the reference when it gave one (keyed by form id).
    let call = a.call.clone().filter(|c| c.is_object());
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
    p::Verified { valid: v.is_valid(), codes: v.codes().into_iter().map(|c| c.to_string()).collect(), html }
}
