//! Looking up UI text in the core's catalogues for the widget's current language.

use formseal_core::form::Text;
use formseal_core::messages;
use formseal_core::Locale;
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

/// Makes `locale`'s messages available: English is fetched (`messages-en.txt`) the first time.
pub async fn load(locale: Locale) -> Result<(), String> {
    if messages::available(locale) {
        return Ok(());
    }
    let text = match crate::browser::offline("messagesEn") {
        Some(text) => text,
        None => crate::browser::fetch_text(&crate::browser::asset_url("messages-en.txt")).await?,
    };
    messages::install(locale, text);
    Ok(())
}

/// Switches the widget to `next` once its messages are there; the reason when they cannot be.
pub async fn switch(signal: RwSignal<Locale>, next: Locale) -> Result<(), String> {
    load(next).await?;
    signal.set(next);
    Ok(())
}
