//! The package panel of a form's review page: the signing key (fingerprint, algorithm, backup,
//! import), the PDF preview, and the button that makes, signs and downloads the package — and
//! sends it, when the host configured where. It lives with the package pages, loaded when the
//! review page opens, so the form's first download does not carry it (it made room in the 250 KB
//! budget for the draft's safety, issue 20).
//!
//! The form stays the owner of the answers: at each package or preview the panel asks it for the
//! worker's request as the answers are then (event `formseal-ask`, answered synchronously), and
//! hands it what the host page should hear (event `formseal-tell`: `package-ready`, `submitted`,
//! `error`).

pub(crate) mod ops;

use crate::browser::{files, storage};
use crate::keys::{self, KeyMeta};
use crate::pool::Slot;
use formseal_core::algorithm::Algorithm;
use formseal_core::form::human_size;
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::Locale;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ops::{failure_text, grouped, object, tell, Made};
use serde_json::Value as J;
use std::rc::Rc;

fn value_of(r: &NodeRef<leptos::html::Input>) -> String {
    r.get_untracked().map(|e| e.value()).unwrap_or_default()
}

/// The panel. `args`: `{"prefix": DOM id prefix, "receipt_key": where the receipt is kept,
/// "endpoint": where to send the package (or null), "recipient": {"zh", "en"}, "form": form id,
/// "errors": how many errors the form has (no package while there are any)}`.
pub fn page(locale: RwSignal<Locale>, args: J, container: web_sys::HtmlElement, worker: String) -> impl IntoView {
    let s = |k: &str| args.get(k).and_then(J::as_str).map(str::to_string);
    let prefix = s("prefix").unwrap_or_default();
    let receipt_key = StoredValue::new(s("receipt_key").unwrap_or_default());
    let endpoint = StoredValue::new(s("endpoint"));
    let form = StoredValue::new(s("form").unwrap_or_default());
    // No package while the form has errors (the review page says so, with a way back to them).
    let ready = args.get("errors").and_then(J::as_u64) == Some(0);
    let recipient = StoredValue::new(args.get("recipient").cloned().unwrap_or(J::Null));
    let container = StoredValue::new_local(container);
    let slot: StoredValue<Rc<Slot>, _> = StoredValue::new_local(Slot::new(worker));
    let key = RwSignal::new(keys::meta());
    let busy = RwSignal::new(false);
    let making = RwSignal::new(false);
    let made: RwSignal<Option<Made>> = RwSignal::new(None);
    let bytes = StoredValue::new(Vec::<u8>::new());
    // The receipt of a package this draft already sent, as the applicant was told it then.
    let message: RwSignal<Option<(bool, String)>> =
        RwSignal::new(storage::get(&receipt_key.get_value()).map(|t| (false, t)));
    let mode = RwSignal::new(""); // "", "backup", "import"
    let alg = NodeRef::<leptos::html::Select>::new();
    let pass1 = NodeRef::<leptos::html::Input>::new();
    let pass2 = NodeRef::<leptos::html::Input>::new();
    let import_pass = NodeRef::<leptos::html::Input>::new();
    let import_input = NodeRef::<leptos::html::Input>::new();
    // Failures also reach the host page as `formseal:error`.
    let say = move |error: bool, text: String| {
        if error {
            let detail = object(&[("code", "package".into()), ("message", text.as_str().into())]);
            container.with_value(|c| tell(c, "error", detail.into()));
        }
        message.set(Some((error, text)));
    };
    let make_now = move |_| {
        if !ready || busy.get_untracked() {
            return;
        }
        busy.set(true);
        making.set(true);
        message.set(None);
        let algorithm = alg.get_untracked().and_then(|e| Algorithm::parse(&e.value())).unwrap_or_default();
        spawn_local(async move {
            let l = locale.get_untracked();
            let (slot, c) = (slot.get_value(), container.get_value());
            match ops::make(&slot, &c, l, algorithm).await {
                Ok((m, b)) => {
                    key.set(Some(m.key.clone()));
                    if let Err(e) = files::download(&m.file_name, &b, "application/zip") {
                        say(true, render(l, key!("ui.pkg.download_failed"), &[("reason", e)]));
                    }
                    let detail = object(&[
                        ("bytes", js_sys::Uint8Array::from(b.as_slice()).into()),
                        ("fileName", m.file_name.as_str().into()),
                        ("manifestDigest", m.manifest_sha256.as_str().into()),
                        ("applicationDigest", m.application_sha256.as_str().into()),
                        ("keyFingerprint", m.key.fingerprint.as_str().into()),
                        ("algorithm", m.key.algorithm.as_str().into()),
                        ("form", form.get_value().into()),
                    ]);
                    tell(&c, "package-ready", detail.into());
                    bytes.set_value(b);
                    made.set(Some(m));
                }
                Err(f) => say(true, failure_text(l, &f)),
            }
            busy.set(false);
            making.set(false);
        });
    };
    let show_preview = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let l = locale.get_untracked();
            match ops::preview(&slot.get_value(), &container.get_value(), l).await {
                // In a new tab while the click still counts as the user's; downloaded if blocked.
                Ok((name, pdf)) => match files::open(&pdf, "application/pdf") {
                    true => say(false, t(l, key!("ui.pdf.opened"))),
                    false => {
                        let _ = files::download(&name, &pdf, "application/pdf");
                        say(false, render(l, key!("ui.pdf.downloaded"), &[("name", name)]));
                    }
                },
                Err(f) => say(true, failure_text(l, &f)),
            }
            busy.set(false);
        });
    };
    let send = move |_| {
        let (Some(m), Some(url)) = (made.get_untracked(), endpoint.get_value()) else { return };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let l = locale.get_untracked();
            let b = bytes.get_value();
            let tries = |n: u32| say(false, render(l, key!("ui.submit.working"), &[("n", n.to_string())]));
            match ops::submit(&slot.get_value(), &url, &m, &b, l, tries).await {
                Ok((status, receipt)) => {
                    match receipt {
                        // The secretariat's signed receipt (formseal serve): said, and saved.
                        Some((text, name, bytes)) => {
                            let _ = storage::set(&receipt_key.get_value(), &text);
                            say(false, text);
                            let _ = files::download(&name, &bytes, "application/json");
                        }
                        None => say(false, render(l, key!("ui.submit.done"), &[("status", status.to_string())])),
                    }
                    let detail = object(&[
                        ("endpoint", url.as_str().into()),
                        ("status", status.into()),
                        ("fileName", m.file_name.as_str().into()),
                    ]);
                    container.with_value(|c| tell(c, "submitted", detail.into()));
                }
                Err((status, n)) => {
                    let reason = match status {
                        0 => t(l, key!("ui.submit.unreachable")),
                        s => format!("HTTP {s}"),
                    };
                    say(true, render(l, key!("ui.submit.failed"), &[("reason", reason), ("n", n.to_string())]));
                }
            }
            busy.set(false);
        });
    };
    let backup = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = locale.get_untracked();
        let (p1, p2) = (value_of(&pass1), value_of(&pass2));
        if p1.chars().count() < 8 {
            return say(true, t(l, key!("ui.key.pass_short")));
        }
        if p1 != p2 {
            return say(true, t(l, key!("ui.key.pass_mismatch")));
        }
        busy.set(true);
        spawn_local(async move {
            match keys::backup(&slot.get_value(), &p1, l).await {
                Ok(pem) => {
                    let fp = key
                        .get_untracked()
                        .and_then(|k| k.fingerprint.get(..8).map(str::to_string))
                        .unwrap_or_default();
                    let name = format!("formseal-key-{fp}.pem");
                    let _ = files::download(&name, pem.as_bytes(), "application/x-pem-file");
                    say(false, render(l, key!("ui.key.backup_done"), &[("name", name)]));
                    mode.set("");
                }
                Err(f) => say(true, failure_text(l, &f)),
            }
            busy.set(false);
        });
    };
    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = locale.get_untracked();
        let Some(file) = import_input.get_untracked().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return say(true, t(l, key!("ui.key.choose_file")));
        };
        busy.set(true);
        let pass = value_of(&import_pass);
        spawn_local(async move {
            match keys::import(&slot.get_value(), &file, &pass, l).await {
                Ok(m) => {
                    say(false, render(l, key!("ui.key.imported"), &[("fingerprint", grouped(&m.fingerprint))]));
                    key.set(Some(m));
                    made.set(None);
                    mode.set("");
                }
                Err(f) => say(true, failure_text(l, &f)),
            }
            busy.set(false);
        });
    };
    let toggle = move |m: &'static str| {
        message.set(None);
        mode.set(if mode.get_untracked() == m { "" } else { m });
    };
    let key_line = move || {
        let l = locale.get();
        match key.get() {
            Some(KeyMeta { algorithm, fingerprint }) => {
                render(l, key!("ui.key.current"), &[("algorithm", algorithm), ("fingerprint", grouped(&fingerprint))])
            }
            None => t(l, key!("ui.key.none_yet")),
        }
    };
    let import_help = move || {
        let l = locale.get();
        match key.get() {
            Some(k) => render(l, key!("ui.key.import_replaces"), &[("fingerprint", grouped(&k.fingerprint))]),
            None => t(l, key!("ui.key.import_help")),
        }
    };
    let done = move || {
        let l = locale.get();
        made.get().map(|m| {
            let digests = [
                ("manifest", grouped(&m.manifest_sha256)),
                ("application", grouped(&m.application_sha256)),
                ("fingerprint", grouped(&m.key.fingerprint)),
            ];
            (
                render(l, key!("ui.pkg.done"), &[("name", m.file_name.clone()), ("size", human_size(m.size))]),
                render(l, key!("ui.pkg.digests"), &digests),
            )
        })
    };
    let id = move |s: &str| format!("{prefix}-pkg-{s}");
    // Static texts are plain strings of the current language; the panel is rebuilt when the
    // language changes.
    move || {
        let l = locale.get();
        let tx = move |k: &str| t(l, k);
        // Texts that name whom the application goes to take it from the form's own process.
        let to = recipient.with_value(|r| r.get(if l == Locale::En { "en" } else { "zh" }).cloned());
        let to = to.and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let to_recipient = move |k: &str| render(l, k, &[("recipient", to.clone())]);
        view! {
            <section class="fs-package" aria-labelledby=id("title")>
                <h3 class="fs-package__title" id=id("title")>{tx(key!("ui.pkg.title"))}</h3>
                <p class="fs-package__intro">{to_recipient(key!("ui.pkg.intro"))}</p>
                <p class="fs-package__key">{key_line}</p>
                <p class="fs-field" hidden=move || key.get().is_some()>
                    <label for=id("alg")>{tx(key!("ui.key.algorithm"))}</label>
                    // What the core supports (`formseal_core::algorithm`), the default first.
                    <select id=id("alg") class="fs-select" node_ref=alg>
                        {Algorithm::ALL.map(|a| view! { <option value=a.name()>{tx(a.label_key())}</option> }).to_vec()}
                    </select>
                </p>
                <div class="fs-actions">
                    <button type="button" class="fs-btn fs-btn--primary" aria-disabled=move || (!ready || busy.get()).to_string() on:click=make_now>
                        {move || tx(if busy.get() { key!("ui.pkg.working") } else { key!("ui.pkg.make") })}
                    </button>
                    <button type="button" class="fs-btn" on:click=show_preview>{tx(key!("ui.pdf.preview"))}</button>
                    <button type="button" class="fs-btn" disabled=move || key.get().is_none() on:click=move |_| toggle("backup")>{tx(key!("ui.key.backup"))}</button>
                    <button type="button" class="fs-btn" on:click=move |_| toggle("import")>{tx(key!("ui.key.import"))}</button>
                </div>
                <form class="fs-package__form" hidden=move || mode.get() != "backup" on:submit=backup>
                    <p class="fs-help">{tx(key!("ui.key.backup_help"))}</p>
                    <p class="fs-field">
                        <label for=id("pass1")>{tx(key!("ui.key.passphrase"))}</label>
                        <input id=id("pass1") class="fs-input" type="password" autocomplete="new-password" node_ref=pass1 />
                    </p>
                    <p class="fs-field">
                        <label for=id("pass2")>{tx(key!("ui.key.passphrase_again"))}</label>
                        <input id=id("pass2") class="fs-input" type="password" autocomplete="new-password" node_ref=pass2 />
                    </p>
                    <button type="submit" class="fs-btn fs-btn--primary">{tx(key!("ui.key.backup_save"))}</button>
                </form>
                <form class="fs-package__form" hidden=move || mode.get() != "import" on:submit=import>
                    <p class="fs-help">{import_help}</p>
                    <p class="fs-field">
                        <label for=id("keyfile")>{tx(key!("ui.key.file"))}</label>
                        <input id=id("keyfile") node_ref=import_input type="file" accept=".pem,.der,.key,.p8" />
                    </p>
                    <p class="fs-field">
                        <label for=id("pass3")>{tx(key!("ui.key.passphrase_if_any"))}</label>
                        <input id=id("pass3") class="fs-input" type="password" autocomplete="current-password" node_ref=import_pass />
                    </p>
                    <button type="submit" class="fs-btn fs-btn--primary">{tx(key!("ui.key.import_do"))}</button>
                </form>
                <p class="fs-package__message" role="status" class:fs-package__message--error=move || message.get().is_some_and(|m| m.0)>
                    {move || message.get().map(|m| m.1)}
                </p>
                // Live regions are there (empty) before they speak: progress, then the result.
                <p class="fs-package__message" role="status">
                    {move || if making.get() { Some(tx(key!("ui.pkg.working"))) } else { done().map(|d| d.0) }}
                </p>
                <div class="fs-package__done" hidden=move || made.get().is_none()>
                    <p class="fs-package__digests">{move || done().map(|d| d.1)}</p>
                    <button type="button" class="fs-btn" on:click=move |_| {
                        if let Some(m) = made.get_untracked() {
                            let _ = bytes.with_value(|b| files::download(&m.file_name, b, "application/zip"));
                        }
                    }>{tx(key!("ui.pkg.again"))}</button>
                    {endpoint.get_value().map(|_| view! {
                        <button type="button" class="fs-btn fs-btn--primary" on:click=send>{to_recipient.clone()(key!("ui.submit.button"))}</button>
                    })}
                </div>
            </section>
        }
    }
}
