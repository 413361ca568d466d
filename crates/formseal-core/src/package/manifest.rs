//! `manifest.json` (every file's size and SHA-256) and `signature.json` (the detached signature).

use serde::{Deserialize, Serialize};

/// Marker of `manifest.json`.
pub const MANIFEST_FORMAT: &str = "formseal-manifest";

/// The manifest: signed, so it binds every file of the package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    pub version: u32,
    /// SHA-256 of `application.json` — the digest of the answers and (through their hashes) the
    /// attachments. The PDF prints it, since the PDF cannot contain its own hash.
    pub application_sha256: String,
    /// Every file before `manifest.json`, in package order.
    pub files: Vec<FileEntry>,
}

/// One file of the package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// `signature.json`: who signed the manifest, and the signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureFile {
    /// `Ed25519`, `ECDSA-P256-SHA256` or `SM2-SM3`.
    pub algorithm: String,
    /// SubjectPublicKeyInfo DER, standard base64.
    pub public_key: String,
    /// SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex.
    pub key_fingerprint: String,
    /// Over the exact bytes of `manifest.json`, standard base64 (Ed25519: 64 bytes; ECDSA and
    /// SM2: DER).
    pub signature: String,
    /// ISO 8601 with offset.
    pub signed_at: String,
}
