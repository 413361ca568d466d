//! The language switch (中文 / English), remembered across visits.

use crate::browser::storage;
use crate::i18n::{tr, use_locale};
use formseal_core::Locale;
use leptos::prelude::*;

/// Key under which the chosen language is remembered.
pub const LANG_KEY: &str = "formseal:lang";

/// A button that switches between zh-CN and en.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let locale = use_locale();
    let switch = move |_| {
        let next = match locale.get_untracked() {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        };
        locale.set(next);
        let _ = storage::set(LANG_KEY, next.tag());
    };
    let other = move || match locale.get() {
        Locale::ZhCn => "en",
        Locale::En => "zh-CN",
    };
    view! {
        <button type="button" class="fs-btn fs-btn--small" lang=other on:click=switch>
            {tr("ui.switch_language")}
        </button>
    }
}
