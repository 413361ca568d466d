//! The package worker (PDF, signature, zip, verification): runs in a Web Worker, loaded only when the applicant first makes, checks
//! or verifies a package, so the form's first download stays small and typing never waits for it.
//!
//! Protocol: the page posts `{id, op, args, blobs?, bytes?}` (`args` a JSON string); the worker
//! answers `{id, ok, result}` (`result` a JSON string) plus `bytes` for a package. On start it
//! posts `"ready"`. All messages are already in the applicant's language.

#[cfg(target_arch = "wasm32")]
mod fonts;
#[cfg(target_arch = "wasm32")]
mod intake;
#[cfg(target_arch = "wasm32")]
mod ops;
#[cfg(target_arch = "wasm32")]
mod submit;

fn main() {
    #[cfg(target_arch = "wasm32")]
    ops::listen();
}
