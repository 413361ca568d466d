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

/// Makes `locale`'s messages available: English — the messages and the built-in forms' texts
/// (`messages-en.txt`, `forms/en.json`) — is fetched the first time.
pub async fn load(locale: Locale) -> Result<(), String> {
    if messages::available(locale) {
        return Ok(());
    }
    let texts = crate::browser::asset("forms/en.json").await?;
    formseal_core::form::install_en(&texts).map_err(|e| format!("forms/en.json: {e}"))?;
    messages::install(locale, crate::browser::asset("messages-en.txt").await?);
    Ok(())
}

/// Switches the widget to `next` once its messages are there; the reason when they cannot be.
pub async fn switch(signal: RwSignal<Locale>, next: Locale) -> Result<(), String> {
    load(next).await?;
    signal.set(next);
    Ok(())
}
