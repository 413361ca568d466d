//! Finding the widget's own elements: in the document, or in the shadow root a `<formseal-form>`
//! draws in (where `document.getElementById` does not look). Focus moves — to a new row, a
//! field named in the error summary, a page's heading — go through here.

use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The shadow roots widgets were mounted in (each once).
    static ROOTS: RefCell<Vec<web_sys::DocumentFragment>> = const { RefCell::new(Vec::new()) };
}

/// Notes the root `container` is in, if it is a shadow root.
pub fn register_root(container: &web_sys::Element) {
    if let Ok(root) = container.get_root_node().dyn_into::<web_sys::DocumentFragment>() {
        ROOTS.with(|r| {
            let mut r = r.borrow_mut();
            if !r.iter().any(|known| known.is_same_node(Some(&root))) {
                r.push(root);
            }
        });
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element with this id, in the document or in a widget's shadow root.
pub fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    let found = document()
        .and_then(|d| d.get_element_by_id(id))
        .or_else(|| ROOTS.with(|r| r.borrow().iter().find_map(|root| root.get_element_by_id(id))));
    found?.dyn_into().ok()
}

/// Focuses the element with this id, if it is there; says whether it was.
pub fn focus(id: &str) -> bool {
    match element_by_id(id) {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
    }
}
