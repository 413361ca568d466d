//! The attachment control: choose files, see what is kept with the draft, remove one.

use super::field::FieldCtx;
use crate::drafts;
use crate::i18n::tr;
use crate::state::use_app;
use formseal_core::form::{human_size, FieldDef, FieldKind, Value};
use formseal_core::key;
use formseal_core::messages::render;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// File chooser and the list of attached files.
#[component]
pub fn FilesInput(
    /// The field's definition.
    def: FieldDef,
    /// The field's value, path, messages and ids.
    ctx: FieldCtx,
) -> impl IntoView {
    let app = use_app();
    let (multiple, accept, max_bytes) = match &def.kind {
        FieldKind::Files { multiple, accept, max_bytes } => (*multiple, *accept, *max_bytes),
        _ => (false, "", 0),
    };
    let loc = ctx.loc;
    let ids = ctx.ids.clone();
    // A top-level field or a cell of a row (issue 15: attachment fields inside rows).
    let value = ctx.value;
    let list = Memo::new(move |_| match value.get() {
        Some(Value::Files(f)) => f,
        _ => Vec::new(),
    });
    let input_id = StoredValue::new(ids.input.clone());
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(fl) = input.files() else { return };
        let chosen: Vec<web_sys::File> = (0..fl.length()).filter_map(|i| fl.get(i)).collect();
        input.set_value("");
        spawn_local(drafts::attach(app, loc, multiple, max_bytes, chosen));
    };
    view! {
        <div class="fs-files">
            <input
                type="file"
                class="fs-files__input"
                id=ids.input.clone()
                accept=accept
                multiple=multiple
                aria-describedby=ids.msg.clone()
                aria-invalid=ctx.invalid()
                on:change=on_change
            />
            <ul class="fs-files__list">
                {move || {
                    list.get()
                        .into_iter()
                        .map(|f| {
                            let id = f.id.clone();
                            let remove_label = render(app.locale.get(), key!("ui.files.remove"), &[("name", f.name.clone())]);
                            view! {
                                <li class="fs-files__item">
                                    <span class="fs-files__name">{f.name.clone()}</span>
                                    <span class="fs-files__size">{human_size(f.size)}</span>
                                    <button
                                        type="button"
                                        class="fs-btn fs-btn--link"
                                        aria-label=remove_label
                                        on:click=move |_| {
                                            spawn_local(drafts::detach(app, loc, id.clone()));
                                            // Its button goes with the file: focus goes back to the file control.
                                            super::rows::focus_later(input_id.get_value());
                                        }
                                    >
                                        {tr(key!("ui.files.remove_short"))}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
