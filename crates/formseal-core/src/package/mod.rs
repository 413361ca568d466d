//! The signed submission package: canonical JSON, manifest, signature and a deterministic zip, and
//! the verifier that checks all of it again.
//!
//! Layout of a package (entries in this order, every timestamp 1980-01-01 00:00):
//! 1. `application.json` — RFC 8785 canonical JSON of the application ([`Application`]);
//! 2. `application.pdf` — the filled paper form (required; rendered by `pdf`);
//! 3. `attachments/NN-name` — the attachments, in the order `application.json` lists them;
//! 4. `manifest.json` — canonical JSON: path, size and SHA-256 of every file above ([`Manifest`]);
//! 5. `signature.json` — a detached signature over the bytes of `manifest.json` ([`SignatureFile`]).
//!
//! Building needs the answers, the attachment bytes, a signing key and the time, all passed in.

mod application;
mod archive;
mod build;
mod canonical;
mod der;
mod hex;
mod judge;
pub use judge::{instant, is_date_time};
mod keys;
mod limits;
mod manifest;
pub mod receipt;
mod verify;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_layout;
#[cfg(test)]
mod tests_reference;

pub use application::{attachment_path, Application, ApplicationForm, AttachmentEntry, APPLICATION_FORMAT};
/// The deterministic zip writer (for tests that make hostile packages).
#[doc(hidden)]
pub use archive::ZipOut;
pub use archive::{read_entries, Entry};
pub use build::{build, check_sizes, file_name, AttachmentSource, Built, PackageError, PackageInput, RenderPdf, Stamp};
pub use canonical::{canonical, is_canonical};
pub use hex::{hex, sha256, sha256_hex};
pub use keys::{pem, Algorithm, KeyError, KeyPair, PublicKey, BACKUP_ITERATIONS, SM2_USER_ID};
pub use limits::{MAX_ATTACHMENT_BYTES, MAX_TOTAL_ATTACHMENT_BYTES, MAX_UNPACKED_BYTES};
pub use manifest::{FileEntry, Manifest, SignatureFile, MANIFEST_FORMAT};
pub use verify::{verify, verify_with, Official, Verification};

/// Entry names with a fixed meaning.
pub const APPLICATION_JSON: &str = "application.json";
pub const APPLICATION_PDF: &str = "application.pdf";
/// The definition file the application was made with (exact bytes).
pub const FORM_JSON: &str = "form.json";
pub const MANIFEST_JSON: &str = "manifest.json";
pub const SIGNATURE_JSON: &str = "signature.json";
pub const ATTACHMENTS_DIR: &str = "attachments/";
