//! The verify page (核验申请包): one package, dropped or chosen, checked offline in the package
//! worker with the same core as the secretariat's `formseal verify`, every finding shown. Opened
//! from the start page (`#/verify`, with links back and on to the intake page) or from a form's
//! package panel (inside the form, which keeps its own "back" button).

use crate::pool::Slot;
use formseal_core::key;
use formseal_core::messages::t;
use formseal_core::Locale;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// The report of one package (`file`, called `name` in it), as markup (escaped by the worker), or
/// why it could not be made.
pub async fn report(
    slot: &Slot,
    locale: Locale,
    call: serde_json::Value,
    file: web_sys::File,
    name: String,
) -> Result<String, String> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| t(locale, key!("ui.verify.unreadable")))?;
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    let request = formseal_core::protocol::Verify { name, today: crate::page::today(), call: Some(call) };
    match slot.call(locale, &request, &[], Some(&bytes)).await {
        Ok((verified, _)) => Ok(verified.html),
        Err(f) if f.code.starts_with("ui.") => Err(t(locale, &f.code)),
        Err(f) => Err(f.message),
    }
}

/// The page. `links`: the start page's verify page (links back to the start page and on to the
/// intake page); without, the form's own verify step.
pub fn page(locale: RwSignal<Locale>, call: serde_json::Value, slot: Rc<Slot>, links: bool) -> impl IntoView {
    let call = StoredValue::new(call);
    let slot = StoredValue::new_local(slot);
    let result: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let check = move |file: web_sys::File| {
        busy.set(true);
        error.set(None);
        result.set(None);
        spawn_local(async move {
            let slot = slot.get_value();
            match report(&slot, locale.get_untracked(), call.get_value(), file.clone(), file.name()).await {
                Ok(html) => result.set(Some(html)),
                Err(message) => error.set(Some(message)),
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
    move || {
        let l = locale.get();
        let tx = move |k: &str| t(l, k);
        view! {
            <div class="fs-verify">
                <h2 class="fs-review__title" id=crate::page::TITLE tabindex="-1">{tx(key!("ui.verify.title"))}</h2>
                <p class="fs-review__intro">{tx(key!("ui.verify.intro"))}</p>
                <div class="fs-verify__drop" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <label for="fs-verify-file">{tx(key!("ui.verify.choose"))}</label>
                    <input id="fs-verify-file" type="file" accept=".zip,application/zip" on:change=on_change />
                    <p class="fs-help">{tx(key!("ui.verify.drop"))}</p>
                </div>
                <p role="status">{move || busy.get().then(|| tx(key!("ui.verify.working")))}</p>
                <p class="fs-package__message fs-package__message--error" role="alert">{move || error.get()}</p>
                // There before the result (a live region that appears with its text may go unheard).
                <div class="fs-verify__report" role="status" inner_html=move || result.get().unwrap_or_default() />
                {links.then(|| view! {
                    <div class="fs-actions">
                        // Links: each goes to a page of its own.
                        <a class="fs-btn" href="#/">{tx(key!("ui.verify.back"))}</a>
                        <a class="fs-btn" href="#/intake">{tx(key!("ui.intake.open"))}</a>
                    </div>
                })}
            </div>
        }
    }
}
