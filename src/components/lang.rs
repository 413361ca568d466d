//! The language switch (中文 / English), remembered across visits.

use crate::browser::storage;
use crate::i18n::{tr, use_locale};
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::Locale;
use leptos::prelude::*;

/// Key under which the chosen language is remembered.
pub const LANG_KEY: &str = "formseal:lang";

/// A button that switches between zh-CN and en.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let locale = use_locale();
    let failed: RwSignal<Option<String>> = RwSignal::new(None);
    let switch = move |_| {
        let next = match locale.get_untracked() {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        };
        leptos::task::spawn_local(async move {
            match crate::i18n::switch(locale, next).await {
                Ok(()) => {
                    failed.set(None);
                    let _ = storage::set(LANG_KEY, next.tag());
                }
                Err(reason) => {
                    failed.set(Some(render(locale.get_untracked(), key!("ui.lang.failed"), &[("reason", reason)])))
                }
            }
        });
    };
    let other = move || match locale.get() {
        Locale::ZhCn => "en",
        Locale::En => "zh-CN",
    };
    view! {
        <button type="button" class="fs-btn fs-btn--small" lang=other on:click=switch>
            {tr(key!("ui.switch_language"))}
        </button>
        <span class="fs-lang-failed" role="alert">{move || failed.get()}</span>
    }
}
