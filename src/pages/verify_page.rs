//! The verify page (核验申请包): checks a package dropped or chosen here, offline, with the same
//! core the secretariat's `formseal verify` uses.

use crate::browser::{clock, files, worker};
use crate::i18n::use_locale;
use formseal_core::messages::t;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Checks one package and shows every finding.
#[component]
pub fn VerifyPage(
    /// Where "back" goes.
    on_back: Callback<()>,
    /// Prefix of DOM ids, unique per widget.
    id_prefix: String,
    /// The host's configuration of its calls (by form id): the reference a package is judged by.
    call: serde_json::Value,
) -> impl IntoView {
    let call = StoredValue::new(call);
    let locale = use_locale();
    // The report's markup comes from the worker (escaped there), keeping this page small.
    let result: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let check = move |file: web_sys::File| {
        busy.set(true);
        error.set(None);
        result.set(None);
        spawn_local(async move {
            let l = locale.get_untracked();
            let outcome = match files::bytes(&file).await {
                Ok(bytes) => {
                    let args = serde_json::json!({
                        "lang": l.tag(), "today": clock::today().to_string(), "name": file.name(), "call": call.get_value()
                    });
                    worker::call("verify", args, vec![], Some(&bytes)).await.map(|r| r.result)
                }
                Err(message) => Err(worker::Failure { code: "ui.import.unreadable".into(), message }),
            };
            match outcome {
                Ok(v) => result.set(Some(v["html"].as_str().unwrap_or_default().to_string())),
                Err(f) => error.set(Some(if f.code.starts_with("ui.") { t(l, &f.code) } else { f.message })),
            }
            busy.set(false);
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            check(f);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            check(f);
        }
    };
    let input_id = format!("{id_prefix}-verify-file");
    move || {
        let l = locale.get();
        let tx = move |k: &str| t(l, k);
        view! {
            <div class="fs-verify">
                <h2 class="fs-review__title" tabindex="-1">{tx("ui.verify.title")}</h2>
                <p class="fs-review__intro">{tx("ui.verify.intro")}</p>
                <div class="fs-verify__drop" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <label for=input_id.clone()>{tx("ui.verify.choose")}</label>
                    <input id=input_id.clone() type="file" accept=".zip,application/zip" on:change=on_change />
                    <p class="fs-help">{tx("ui.verify.drop")}</p>
                </div>
                <p role="status">{move || busy.get().then(|| tx("ui.verify.working"))}</p>
                <p class="fs-package__message fs-package__message--error" role="alert">{move || error.get()}</p>
                // There before the result (a live region that appears with its text may go unheard).
                <div class="fs-verify__report" role="status" inner_html=move || result.get().unwrap_or_default() />
                <div class="fs-actions">
                    <button type="button" class="fs-btn" on:click=move |_| on_back.run(())>{tx("ui.verify.back")}</button>
                    <a class="fs-btn" href="#/intake">{tx("ui.intake.open")}</a>
                </div>
            </div>
        }
    }
}
