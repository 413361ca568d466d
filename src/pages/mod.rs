//! The widget's pages: the start page, the form itself and the review page (核对信息). The verify
//! and intake pages are in their own wasm, loaded when opened (`crates/formseal-intake`).

pub mod form_page;
pub mod home_page;
pub mod review_page;
