//! The secretariat's intake page (`#/intake`): a folder of packages, or many at once, verified in
//! the package worker and shown as one sortable, filterable table with the same rows, verdicts
//! and groups as `formseal intake` (`formseal_core::intake`), exported as CSV or XLSX.
//!
//! It is its own wasm, fetched only when the page is opened: applicants never download it. The
//! widget's `#/intake` route shows a placeholder and adds this page's script
//! (`formseal-intake.js`: wasm-bindgen's classic glue, with `web/intake-start.js` appended at
//! build time), which calls [`mount`] with the widget's container.

#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod pool;
#[cfg(target_arch = "wasm32")]
mod table;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The page, while it is shown (dropping the handle unmounts it).
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the page into the widget's `container`, beside the widget's own placeholder (which it
/// hides, and whose language it follows), until the address leaves `#/intake`. `call` is the
/// host's call configuration (JSON, by form id: the reference every package is judged by),
/// `base` the URL of the widget's files (for the package worker).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, call: String, base: String) {
    console_error_panic_hook::set_once();
    let call: serde_json::Value = serde_json::from_str(&call).unwrap_or(serde_json::Value::Null);
    let placeholder = container.query_selector(":scope > .fs-root").ok().flatten();
    let locale = placeholder
        .as_ref()
        .and_then(|p| p.get_attribute("lang"))
        .and_then(|l| formseal_core::Locale::parse(&l))
        .unwrap_or_default();
    if let Some(p) = &placeholder {
        let _ = p.set_attribute("hidden", "");
    }
    let handle = leptos::mount::mount_to(container, move || page::page(placeholder, locale, call, base));
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
    // Leaving the page (a link, Back): unmount, and stop listening.
    let listener = std::rc::Rc::new(std::cell::Cell::new(None::<leptos::prelude::WindowListenerHandle>));
    let own = listener.clone();
    let handle = leptos::prelude::window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = leptos::prelude::window().location().hash().unwrap_or_default();
        if hash.trim_start_matches(['#', '/']) != "intake" {
            MOUNTED.with(|m| m.borrow_mut().take());
            if let Some(h) = own.take() {
                h.remove();
            }
        }
    });
    listener.set(Some(handle));
}

fn main() {}
