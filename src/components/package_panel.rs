//! The package panel of the review page: what is still missing, the signing key (fingerprint,
//! algorithm, backup, import), the PDF preview, and the button that makes, signs and downloads
//! the package.

use crate::browser::files;
use crate::embed;
use crate::keys::{self, KeyMeta};
use crate::package::{self, Made};
use crate::state::{use_app, Step};
use formseal_core::form::human_size;
use formseal_core::messages::{render, t};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `ab12 cd34 …` groups of four, for reading a fingerprint aloud or comparing it on paper.
pub fn grouped(hex: &str) -> String {
    hex.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// A failure's message: the worker's own text, or the catalogue's for UI-side codes.
fn failure_text(locale: formseal_core::Locale, f: &crate::browser::worker::Failure) -> String {
    if f.message.is_empty() || f.code.starts_with("ui.") {
        t(locale, &f.code)
    } else {
        f.message.clone()
    }
}

/// The value of an input found by its node ref.
fn value_of(r: &NodeRef<leptos::html::Input>) -> String {
    r.get_untracked().map(|e| e.value()).unwrap_or_default()
}

/// Package, key and backup controls. Kept lean (plain markup, values read on submit): it is part
/// of the form's first download.
#[component]
pub fn PackagePanel() -> impl IntoView {
    let app = use_app();
    let prefix = app.id_prefix.get_value();
    let key = RwSignal::new(keys::meta());
    let busy = RwSignal::new(false);
    // Making a package right now (its progress is announced, not only written into the button).
    let making = RwSignal::new(false);
    let made: RwSignal<Option<Made>> = RwSignal::new(None);
    let bytes = StoredValue::new(Vec::<u8>::new());
    // The receipt of a package this draft already sent, as the applicant was told it then.
    let receipt_key = StoredValue::new(crate::drafts::receipt_key(&app));
    let message: RwSignal<Option<(bool, String)>> =
        RwSignal::new(crate::browser::storage::get(&receipt_key.get_value()).map(|t| (false, t)));
    let mode = RwSignal::new(""); // "", "backup", "import"
    let alg = NodeRef::<leptos::html::Select>::new();
    let pass1 = NodeRef::<leptos::html::Input>::new();
    let pass2 = NodeRef::<leptos::html::Input>::new();
    let import_pass = NodeRef::<leptos::html::Input>::new();
    let import_input = NodeRef::<leptos::html::Input>::new();
    let errors = move || app.report.with(|r| r.errors().count());
    let host = expect_context::<embed::Host>();
    // Failures also reach the host page as `formseal:error`.
    let say = move |error: bool, text: String| {
        if error {
            embed::error(host, "package", &text);
        }
        message.set(Some((error, text)));
    };

    let make = move |_| {
        if errors() > 0 || busy.get_untracked() {
            return;
        }
        busy.set(true);
        making.set(true);
        message.set(None);
        let algorithm =
            alg.get_untracked().map(|e| e.value()).filter(|a| !a.is_empty()).unwrap_or_else(|| "Ed25519".into());
        spawn_local(async move {
            let locale = app.locale.get_untracked();
            match package::make(app, &algorithm).await {
                Ok((m, b)) => {
                    key.set(Some(m.key.clone()));
                    if let Err(e) = package::download(&m, &b) {
                        say(true, render(locale, "ui.pkg.download_failed", &[("reason", e)]));
                    }
                    package::announce(host, app.form.get_value().def().id, &m, &b);
                    bytes.set_value(b);
                    made.set(Some(m));
                }
                Err(f) => say(true, failure_text(locale, &f)),
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
            let locale = app.locale.get_untracked();
            match package::preview(app).await {
                // In a new tab while the click still counts as the user's; downloaded if blocked.
                Ok((name, pdf)) => match files::open(&pdf, "application/pdf") {
                    true => say(false, t(locale, "ui.pdf.opened")),
                    false => {
                        let _ = files::download(&name, &pdf, "application/pdf");
                        say(false, render(locale, "ui.pdf.downloaded", &[("name", name)]));
                    }
                },
                Err(f) => say(true, failure_text(locale, &f)),
            }
            busy.set(false);
        });
    };
    let submit = move |_| {
        let (Some(m), Some(endpoint)) = (made.get_untracked(), host.endpoint.get_value()) else { return };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let locale = app.locale.get_untracked();
            let b = bytes.get_value();
            let tries = |n: u32| say(false, render(locale, "ui.submit.working", &[("n", n.to_string())]));
            match package::submit(&endpoint, &m, &b, locale.tag(), tries).await {
                Ok(package::Submitted { status, receipt }) => {
                    match receipt {
                        // The secretariat's signed receipt (formseal serve): said, and saved.
                        Some((text, name, bytes)) => {
                            let _ = crate::browser::storage::set(&receipt_key.get_value(), &text);
                            say(false, text);
                            let _ = files::download(&name, &bytes, "application/json");
                        }
                        None => say(false, render(locale, "ui.submit.done", &[("status", status.to_string())])),
                    }
                    let detail = embed::object(&[
                        ("endpoint", endpoint.as_str().into()),
                        ("status", status.into()),
                        ("fileName", m.file_name.as_str().into()),
                    ]);
                    embed::emit(host, "submitted", &detail);
                }
                Err((status, n)) => {
                    let reason = match status {
                        0 => t(locale, "ui.submit.unreachable"),
                        s => format!("HTTP {s}"),
                    };
                    say(true, render(locale, "ui.submit.failed", &[("reason", reason), ("n", n.to_string())]));
                }
            }
            busy.set(false);
        });
    };
    let backup = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = app.locale.get_untracked();
        let (p1, p2) = (value_of(&pass1), value_of(&pass2));
        if p1.chars().count() < 8 {
            return say(true, t(locale, "ui.key.pass_short"));
        }
        if p1 != p2 {
            return say(true, t(locale, "ui.key.pass_mismatch"));
        }
        busy.set(true);
        spawn_local(async move {
            match keys::backup(&p1, locale.tag()).await {
                Ok(pem) => {
                    let fp = key
                        .get_untracked()
                        .and_then(|k| k.fingerprint.get(..8).map(str::to_string))
                        .unwrap_or_default();
                    let name = format!("formseal-key-{fp}.pem");
                    let _ = files::download(&name, pem.as_bytes(), "application/x-pem-file");
                    say(false, render(locale, "ui.key.backup_done", &[("name", name)]));
                    mode.set("");
                }
                Err(f) => say(true, failure_text(locale, &f)),
            }
            busy.set(false);
        });
    };
    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = app.locale.get_untracked();
        let Some(file) = import_input.get_untracked().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return say(true, t(locale, "ui.key.choose_file"));
        };
        busy.set(true);
        let pass = value_of(&import_pass);
        spawn_local(async move {
            match keys::import(&file, &pass, locale.tag()).await {
                Ok(m) => {
                    say(false, render(locale, "ui.key.imported", &[("fingerprint", grouped(&m.fingerprint))]));
                    key.set(Some(m));
                    made.set(None);
                    mode.set("");
                }
                Err(f) => say(true, failure_text(locale, &f)),
            }
            busy.set(false);
        });
    };
    let toggle = move |m: &'static str| {
        message.set(None);
        mode.set(if mode.get_untracked() == m { "" } else { m });
    };
    let key_line = move || {
        let locale = app.locale.get();
        match key.get() {
            Some(KeyMeta { algorithm, fingerprint }) => {
                render(locale, "ui.key.current", &[("algorithm", algorithm), ("fingerprint", grouped(&fingerprint))])
            }
            None => t(locale, "ui.key.none_yet"),
        }
    };
    let import_help = move || {
        let locale = app.locale.get();
        match key.get() {
            Some(k) => render(locale, "ui.key.import_replaces", &[("fingerprint", grouped(&k.fingerprint))]),
            None => t(locale, "ui.key.import_help"),
        }
    };
    let done = move || {
        let locale = app.locale.get();
        made.get().map(|m| {
            let digests = [
                ("manifest", grouped(&m.manifest_sha256)),
                ("application", grouped(&m.application_sha256)),
                ("fingerprint", grouped(&m.key.fingerprint)),
            ];
            (
                render(locale, "ui.pkg.done", &[("name", m.file_name.clone()), ("size", human_size(m.size))]),
                render(locale, "ui.pkg.digests", &digests),
            )
        })
    };
    let id = move |s: &str| format!("{prefix}-pkg-{s}");
    // Static texts are plain strings of the current language; the panel is rebuilt when the
    // language changes (one text type instead of one closure type per text keeps the code small).
    move || {
        let l = app.locale.get();
        let tx = move |k: &str| t(l, k);
        // Texts that name whom the application goes to take it from the form's own process.
        let recipient = app.form.get_value().def().process.recipient.get(l).to_string();
        let to_recipient = move |k: &str| render(l, k, &[("recipient", recipient.clone())]);
        view! {
            <section class="fs-package" aria-labelledby=id("title")>
                <h3 class="fs-package__title" id=id("title")>{tx("ui.pkg.title")}</h3>
                <p class="fs-package__intro">{to_recipient("ui.pkg.intro")}</p>
                <div class="fs-package__missing" role="status" hidden=move || errors() == 0>
                    <p>{move || render(l, "ui.pkg.missing", &[("n", errors().to_string())])}</p>
                    <button type="button" class="fs-btn" on:click=move |_| {
                        app.show_all.set(true);
                        app.step.set(Step::Form);
                        // The button goes with the page: focus goes to the list of errors.
                        crate::components::rows::focus_later(format!("{}-summary", app.id_prefix.get_value()));
                    }>{tx("ui.pkg.show_errors")}</button>
                </div>
                <p class="fs-package__key">{key_line}</p>
                <p class="fs-field" hidden=move || key.get().is_some()>
                    <label for=id("alg")>{tx("ui.key.algorithm")}</label>
                    <select id=id("alg") class="fs-select" node_ref=alg>
                        <option value="Ed25519">{tx("ui.key.alg.ed25519")}</option>
                        <option value="ECDSA-P256-SHA256">{tx("ui.key.alg.p256")}</option>
                        <option value="SM2-SM3">{tx("ui.key.alg.sm2")}</option>
                    </select>
                </p>
                <div class="fs-actions">
                    <button type="button" class="fs-btn fs-btn--primary" aria-disabled=move || (errors() > 0 || busy.get()).to_string() on:click=make>
                        {move || tx(if busy.get() { "ui.pkg.working" } else { "ui.pkg.make" })}
                    </button>
                    <button type="button" class="fs-btn" on:click=show_preview>{tx("ui.pdf.preview")}</button>
                    <button type="button" class="fs-btn" disabled=move || key.get().is_none() on:click=move |_| toggle("backup")>{tx("ui.key.backup")}</button>
                    <button type="button" class="fs-btn" on:click=move |_| toggle("import")>{tx("ui.key.import")}</button>
                    <button type="button" class="fs-btn" on:click=move |_| app.step.set(Step::Verify)>{tx("ui.verify.open")}</button>
                </div>
                <form class="fs-package__form" hidden=move || mode.get() != "backup" on:submit=backup>
                    <p class="fs-help">{tx("ui.key.backup_help")}</p>
                    <p class="fs-field">
                        <label for=id("pass1")>{tx("ui.key.passphrase")}</label>
                        <input id=id("pass1") class="fs-input" type="password" autocomplete="new-password" node_ref=pass1 />
                    </p>
                    <p class="fs-field">
                        <label for=id("pass2")>{tx("ui.key.passphrase_again")}</label>
                        <input id=id("pass2") class="fs-input" type="password" autocomplete="new-password" node_ref=pass2 />
                    </p>
                    <button type="submit" class="fs-btn fs-btn--primary">{tx("ui.key.backup_save")}</button>
                </form>
                <form class="fs-package__form" hidden=move || mode.get() != "import" on:submit=import>
                    <p class="fs-help">{import_help}</p>
                    <p class="fs-field">
                        <label for=id("keyfile")>{tx("ui.key.file")}</label>
                        <input id=id("keyfile") node_ref=import_input type="file" accept=".pem,.der,.key,.p8" />
                    </p>
                    <p class="fs-field">
                        <label for=id("pass3")>{tx("ui.key.passphrase_if_any")}</label>
                        <input id=id("pass3") class="fs-input" type="password" autocomplete="current-password" node_ref=import_pass />
                    </p>
                    <button type="submit" class="fs-btn fs-btn--primary">{tx("ui.key.import_do")}</button>
                </form>
                <p class="fs-package__message" role="status" class:fs-package__message--error=move || message.get().is_some_and(|m| m.0)>
                    {move || message.get().map(|m| m.1)}
                </p>
                // Live regions are there (empty) before they speak: progress, then the result.
                <p class="fs-package__message" role="status">
                    {move || if making.get() { Some(tx("ui.pkg.working")) } else { done().map(|d| d.0) }}
                </p>
                <div class="fs-package__done" hidden=move || made.get().is_none()>
                    <p class="fs-package__digests">{move || done().map(|d| d.1)}</p>
                    <button type="button" class="fs-btn" on:click=move |_| {
                        if let Some(m) = made.get_untracked() {
                            let _ = bytes.with_value(|b| package::download(&m, b));
                        }
                    }>{tx("ui.pkg.again")}</button>
                    {host.endpoint.get_value().map(|_| view! {
                        <button type="button" class="fs-btn fs-btn--primary" on:click=submit>{to_recipient.clone()("ui.submit.button")}</button>
                    })}
                </div>
            </section>
        }
    }
}
