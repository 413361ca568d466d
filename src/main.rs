//! formseal's browser entry point: mounts a widget into every `data-formseal` element (the
//! widget itself is the library, `src/lib.rs`).

fn main() {
    formseal_app::start();
}
