//! Looking up UI text in the core's catalogues for the widget's current language.

use formseal_core::form::Text;
use formseal_core::messages;
use leptos::prelude::*;

/// A reactive message: re-renders when the language changes.
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || messages::t(locale.get(), key)
}

/// The widget's language signal (shared by the start page and the forms).
pub fn use_locale() -> RwSignal<formseal_core::Locale> {
    expect_context::<RwSignal<formseal_core::Locale>>()
}

/// A reactive bilingual label from a form definition.
pub fn label(text: Text) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let locale = use_locale();
    move || text.get(locale.get()).to_string()
}
