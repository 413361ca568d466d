//! formseal's browser app: the form widget that `formseal.js` and `data-formseal` elements mount.
//!
//! Its layers, one way down (`scripts/check-layers.mjs` refuses a cycle): `browser` (IndexedDB,
//! storage, files, clock, asset URLs, the worker client) at the bottom; the app's state (`state`,
//! `issue_bus`, `i18n`); the stores (`drafts`: the draft, its attachments and versions); the host
//! events (`host`); the pages and components; the widget's root (`mount`, `forms`) and, on top,
//! the JavaScript-facing API (`embed`).

mod app;
mod browser;
mod components;
mod drafts;
mod embed;
mod forms;
mod host;
mod i18n;
mod issue_bus;
mod mount;
mod package;
mod pages;
mod state;

pub use mount::start;
