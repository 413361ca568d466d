//! The form's own browser helpers (localStorage, IndexedDB, files), shared as source: the form and
//! these pages are two wasm files, and the package panel reads and writes what the form keeps.

// Not every helper is used here.
#[allow(dead_code)]
#[path = "../../../src/browser/files.rs"]
pub mod files;
#[allow(dead_code)]
#[path = "../../../src/browser/idb.rs"]
pub mod idb;
#[allow(dead_code)]
#[path = "../../../src/browser/storage.rs"]
pub mod storage;
