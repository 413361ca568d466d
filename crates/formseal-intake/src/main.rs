//! The package pages, for whoever checks packages rather than fills forms: the verify page (one
//! package: `#/verify`, or a form's own verify step) and the secretariat's intake page
//! (`#/intake`: a folder of packages, or many at once, verified in the package workers and shown
//! as one sortable, filterable table with the same rows, verdicts and groups as
//! `formseal intake` (`formseal_core::intake`), exported as CSV or XLSX).
//!
//! They are their own wasm, fetched only when one of them opens: applicants filling a form never
//! download them. The widget shows a placeholder and adds this crate's script
//! (`formseal-intake.js`: wasm-bindgen's classic glue, with `web/intake-start.js` appended at
//! build time), which calls [`mount`] with the widget's container.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod keys;
#[cfg(target_arch = "wasm32")]
mod package;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod pool;
#[cfg(target_arch = "wasm32")]
mod table;
#[cfg(target_arch = "wasm32")]
mod verify;
#[cfg(target_arch = "wasm32")]
mod versions;

#[cfg(target_arch = "wasm32")]
mod mount {
    use formseal_core::Locale;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// A mounted page: its place, its number, and the handle that unmounts it when dropped.
    type Mounted = (String, u32, Box<dyn std::any::Any>);

    thread_local! {
        /// The page shown, and its number (dropping the handle unmounts it): one at a time.
        /// Each mounted page by its place: a form's versions and package pages by their arguments
        /// (one of each per widget), the other pages in one place.
        static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }

    /// Follows the widget's language: the `lang` of `source`.
    fn follow_lang(source: web_sys::Element, locale: RwSignal<Locale>) {
        let watched = source.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if let Some(l) = watched.get_attribute("lang").as_deref().and_then(Locale::parse) {
                locale.set(l);
            }
        });
        if let Ok(observer) = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()) {
            let init = web_sys::MutationObserverInit::new();
            init.set_attributes(true);
            init.set_attribute_filter(&js_sys::Array::of1(&"lang".into()));
            let _ = observer.observe_with_options(&source, &init);
        }
        on_change.forget();
    }

    /// Mounts `page` — `intake`, `verify` (the start page's), `verify-step` (a form's), or a form's
    /// `versions` (earlier versions) or `package` (the review page's package panel), for which
    /// `call` is the page's arguments — into
    /// the widget's `container`. On `#/intake` and `#/verify` the container holds the widget's
    /// placeholder, which the page hides and whose language it follows; in a form, the page
    /// follows the form's. It stays until the address changes (or another page is mounted).
    /// `call` is the host's call configuration (JSON, by form id: the reference every package is
    /// judged by), `worker` the package worker's script.
    #[wasm_bindgen]
    pub fn mount(container: web_sys::HtmlElement, call: String, worker: String, page: String) {
        console_error_panic_hook::set_once();
        let place = match page.as_str() {
            "versions" | "package" => format!("{page} {call}"),
            _ => String::new(),
        };
        let call: serde_json::Value = serde_json::from_str(&call).unwrap_or(serde_json::Value::Null);
        let placeholder = container
            .query_selector(":scope > .fs-root")
            .ok()
            .flatten()
            .filter(|_| !matches!(page.as_str(), "verify-step" | "versions" | "package"));
        let source = placeholder.clone().or_else(|| container.closest("[lang]").ok().flatten());
        let start = source.as_ref().and_then(|p| p.get_attribute("lang")).and_then(|l| Locale::parse(&l));
        let locale = RwSignal::new(start.unwrap_or_default());
        if let Some(s) = source {
            follow_lang(s, locale);
        }
        crate::page::adopt_styles(&container);
        let root = NodeRef::<leptos::html::Div>::new();
        let own = container.clone();
        let handle = leptos::mount::mount_to(container, move || {
            let content = match page.as_str() {
                "intake" => crate::page::page(locale, root, call, worker).into_any(),
                "versions" => crate::versions::page(locale, call, own).into_any(),
                "package" => crate::package::page(locale, call, own, worker).into_any(),
                _ => crate::verify::page(locale, call, crate::pool::Slot::new(worker), page == "verify").into_any(),
            };
            view! { <div class="fs-root" lang=move || locale.get().tag() node_ref=root>{content}</div> }
        });
        let number = NEXT.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let dropped = MOUNTED.with(|m| {
            let mut m = m.borrow_mut();
            let old = m.iter().position(|(p, ..)| *p == place).map(|i| m.remove(i));
            m.push((place, number, Box::new(handle)));
            old
        });
        drop(dropped);
        // The link or button that opened the page went with the page it was on: focus moves to
        // the page's heading now, before the placeholder (which may have it) is hidden.
        crate::page::focus_title_now(root);
        if let Some(p) = &placeholder {
            let _ = p.set_attribute("hidden", "");
        }
        // Leaving the page (a link, Back): unmount it, unless another took its place, and stop
        // listening.
        let here = window().location().hash().unwrap_or_default();
        let listener = std::rc::Rc::new(std::cell::Cell::new(None::<WindowListenerHandle>));
        let own = listener.clone();
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            if window().location().hash().unwrap_or_default() != here {
                let gone = MOUNTED.with(|m| {
                    let mut m = m.borrow_mut();
                    m.iter().position(|(_, n, _)| *n == number).map(|i| m.remove(i))
                });
                drop(gone);
                if let Some(h) = own.take() {
                    h.remove();
                }
            }
        });
        listener.set(Some(handle));
    }
}

fn main() {}
