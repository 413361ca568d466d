//! Signing keys: Ed25519 (default), ECDSA P-256 with SHA-256, and SM2 with SM3 (GB/T 32918, user
//! ID `1234567812345678`); PKCS#8 storage, passphrase-protected backups, and verification.
//!
//! Signatures are what `openssl` produces and checks: 64 raw bytes for Ed25519, DER `SEQUENCE { r, s }`
//! for ECDSA and SM2. Public keys are SubjectPublicKeyInfo DER; a fingerprint is the SHA-256 of it.
//!
//! This file holds what every algorithm shares (the key types, PKCS#8 containers and backups,
//! fingerprints) and dispatches each operation to the algorithm's own file, one arm per algorithm:
//! `ed25519.rs`, `ecdsa_p256.rs`, `sm2_sm3.rs` (named after the [`Algorithm`] variant). Each of
//! them has the same functions: `generate`, `from_pkcs8_der`, `to_pkcs8_der`, `public_der`, `sign`
//! and `verify` (which parses the SubjectPublicKeyInfo of its algorithm).

mod ecdsa_p256;
mod ed25519;
mod sm2_sm3;
#[cfg(test)]
mod tests;

use super::hex::{hex, sha256};
use pkcs8::der::Decode as _;
use pkcs8::ObjectIdentifier;
use rand_core::CryptoRngCore;

pub use crate::algorithm::Algorithm;
pub use sm2_sm3::SM2_USER_ID;

/// PBKDF2-HMAC-SHA256 iterations of a key backup.
pub const BACKUP_ITERATIONS: u32 = 600_000;

/// Why a key cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Neither PEM nor DER of a private key.
    NotAKey,
    /// A key of an algorithm formseal does not sign with (its OID).
    Unsupported { oid: String },
    /// The file is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The passphrase does not open the file (or the file is damaged).
    WrongPassphrase,
    /// A public key or signature that cannot be decoded.
    Malformed,
    /// The backup asks for a key derivation beyond formseal's bounds (iterations or memory).
    TooCostly,
}

impl KeyError {
    /// The message key of this error.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::NotAKey => key!("key.not_a_key"),
            KeyError::Unsupported { .. } => key!("key.unsupported"),
            KeyError::NeedsPassphrase => key!("key.needs_passphrase"),
            KeyError::WrongPassphrase => key!("key.wrong_passphrase"),
            KeyError::TooCostly => key!("key.too_costly"),
            KeyError::Malformed => key!("key.malformed"),
        }
    }

    /// The message in `locale`. An unsupported key's message lists the algorithms formseal signs
    /// with, from [`Algorithm::ALL`].
    pub fn text(&self, locale: crate::Locale) -> String {
        let params = match self {
            KeyError::Unsupported { oid } => {
                let sep = if locale == crate::Locale::ZhCn { "、" } else { ", " };
                let names: Vec<&str> = Algorithm::ALL.iter().map(|a| a.name()).collect();
                vec![("oid", oid.clone()), ("algorithms", names.join(sep))]
            }
            _ => Vec::new(),
        };
        crate::messages::render(locale, self.code(), &params)
    }
}

/// A private signing key of one of the [`Algorithm`]s.
#[derive(Clone)]
pub enum KeyPair {
    Ed25519(ed25519_dalek::SigningKey),
    P256(p256::ecdsa::SigningKey),
    Sm2(Box<sm2::dsa::SigningKey>, sm2::SecretKey),
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({}, {})", self.algorithm().name(), self.public().fingerprint())
    }
}

impl KeyPair {
    /// A new key of `algorithm` from `rng` (the browser's crypto, or the OS).
    pub fn generate(algorithm: Algorithm, rng: &mut impl CryptoRngCore) -> KeyPair {
        match algorithm {
            Algorithm::Ed25519 => ed25519::generate(rng),
            Algorithm::EcdsaP256 => ecdsa_p256::generate(rng),
            Algorithm::Sm2Sm3 => sm2_sm3::generate(rng),
        }
    }

    pub fn algorithm(&self) -> Algorithm {
        match self {
            KeyPair::Ed25519(_) => Algorithm::Ed25519,
            KeyPair::P256(_) => Algorithm::EcdsaP256,
            KeyPair::Sm2(..) => Algorithm::Sm2Sm3,
        }
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        let spki = match self {
            KeyPair::Ed25519(k) => ed25519::public_der(k),
            KeyPair::P256(k) => ecdsa_p256::public_der(k),
            KeyPair::Sm2(_, s) => sm2_sm3::public_der(s),
        };
        PublicKey { algorithm: self.algorithm(), spki }
    }

    /// Signs `message` (deterministically: RFC 8032 / RFC 6979).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            KeyPair::Ed25519(k) => ed25519::sign(k, message),
            KeyPair::P256(k) => ecdsa_p256::sign(k, message),
            KeyPair::Sm2(k, _) => sm2_sm3::sign(k, message),
        }
    }

    /// The key as unencrypted PKCS#8 DER (how the browser stores it).
    pub fn to_pkcs8_der(&self) -> Vec<u8> {
        match self {
            KeyPair::Ed25519(k) => ed25519::to_pkcs8_der(k),
            KeyPair::P256(k) => ecdsa_p256::to_pkcs8_der(k),
            KeyPair::Sm2(_, s) => sm2_sm3::to_pkcs8_der(s),
        }
    }

    /// A passphrase-protected backup: `ENCRYPTED PRIVATE KEY` PEM (PBES2, PBKDF2-HMAC-SHA256 with
    /// `iterations`, AES-256-CBC), which `openssl pkcs8` also opens.
    pub fn to_encrypted_pem(&self, passphrase: &str, iterations: u32, rng: &mut impl CryptoRngCore) -> String {
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        rng.fill_bytes(&mut salt);
        rng.fill_bytes(&mut iv);
        let der = self.to_pkcs8_der();
        let info = pkcs8::PrivateKeyInfo::from_der(&der).expect("our own PKCS#8 parses");
        let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(iterations, &salt, &iv)
            .expect("fixed-size salt and IV are valid");
        let doc = info.encrypt_with_params(params, passphrase.as_bytes()).expect("encryption with valid parameters");
        doc.to_pem("ENCRYPTED PRIVATE KEY", pkcs8::LineEnding::LF).expect("PEM encoding").to_string()
    }

    /// Reads a private key: PKCS#8 as PEM or DER, plain or encrypted (then `passphrase` opens it).
    pub fn from_pkcs8(bytes: &[u8], passphrase: Option<&str>) -> Result<KeyPair, KeyError> {
        let der = match std::str::from_utf8(bytes).ok().filter(|s| s.contains("-----BEGIN")) {
            Some(text) => {
                let (label, der) =
                    pkcs8::der::pem::decode_vec(text.trim().as_bytes()).map_err(|_| KeyError::NotAKey)?;
                match label {
                    "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => der,
                    _ => return Err(KeyError::NotAKey),
                }
            }
            None => bytes.to_vec(),
        };
        if let Ok(enc) = pkcs8::EncryptedPrivateKeyInfo::from_der(&der) {
            // The file names its own key-derivation cost: bounded before any work is done, so that
            // a crafted backup cannot make the import take gigabytes or minutes (issue 14, item 13).
            if !super::limits::affordable(&enc.encryption_algorithm) {
                return Err(KeyError::TooCostly);
            }
            let pass = passphrase.filter(|p| !p.is_empty()).ok_or(KeyError::NeedsPassphrase)?;
            let plain = enc.decrypt(pass.as_bytes()).map_err(|_| KeyError::WrongPassphrase)?;
            return Self::from_plain_der(plain.as_bytes()).map_err(|e| match e {
                KeyError::NotAKey => KeyError::WrongPassphrase,
                e => e,
            });
        }
        Self::from_plain_der(&der)
    }

    fn from_plain_der(der: &[u8]) -> Result<KeyPair, KeyError> {
        let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(|_| KeyError::NotAKey)?;
        match algorithm_of(info.algorithm.oid, info.algorithm.parameters_oid().ok())? {
            Algorithm::Ed25519 => ed25519::from_pkcs8_der(der),
            Algorithm::EcdsaP256 => ecdsa_p256::from_pkcs8_der(der),
            Algorithm::Sm2Sm3 => sm2_sm3::from_pkcs8_der(der),
        }
    }
}

/// The algorithm of a key whose PKCS#8 names `oid` (and, for elliptic-curve keys, `curve`), from
/// [`Algorithm::oids`]. A key of another curve of a key type formseal knows is named by its curve.
fn algorithm_of(oid: ObjectIdentifier, curve: Option<ObjectIdentifier>) -> Result<Algorithm, KeyError> {
    let is = |text: &str, o: ObjectIdentifier| ObjectIdentifier::new(text).is_ok_and(|t| t == o);
    let found = Algorithm::ALL.into_iter().find(|a| match a.oids() {
        (key, None) => is(key, oid),
        (key, Some(c)) => is(key, oid) && curve.is_some_and(|curve| is(c, curve)),
    });
    found.ok_or_else(|| {
        let has_curves = Algorithm::ALL.iter().any(|a| matches!(a.oids(), (key, Some(_)) if is(key, oid)));
        let named = match curve {
            Some(curve) if has_curves => curve,
            _ => oid,
        };
        KeyError::Unsupported { oid: named.to_string() }
    })
}

/// `bytes` as PEM with `label` (`PRIVATE KEY`, `PUBLIC KEY`).
pub fn pem(label: &str, bytes: &[u8]) -> String {
    pkcs8::der::pem::encode_string(label, pkcs8::LineEnding::LF, bytes).unwrap_or_default()
}

/// A public key: its algorithm and SubjectPublicKeyInfo DER.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    pub algorithm: Algorithm,
    pub spki: Vec<u8>,
}

impl PublicKey {
    /// SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex
    /// (`openssl pkey -pubin -outform DER | sha256sum`).
    pub fn fingerprint(&self) -> String {
        hex(&sha256(&self.spki))
    }

    /// The key as `PUBLIC KEY` PEM, for `openssl`.
    pub fn to_pem(&self) -> String {
        pem("PUBLIC KEY", &self.spki)
    }

    /// Checks `signature` over `message`. `Err(Malformed)` when the key or signature cannot be
    /// decoded, is not in strict DER (ECDSA, SM2), or is of another algorithm than declared;
    /// `Ok(false)` when it does not match. ECDSA signatures with a high S are accepted, as OpenSSL
    /// accepts them: the other form of the same signature signs the same manifest, and a package
    /// is identified by its manifest digest, never by its signature bytes.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<bool, KeyError> {
        match self.algorithm {
            Algorithm::Ed25519 => ed25519::verify(&self.spki, message, signature),
            Algorithm::EcdsaP256 => ecdsa_p256::verify(&self.spki, message, signature),
            Algorithm::Sm2Sm3 => sm2_sm3::verify(&self.spki, message, signature),
        }
    }
}

/// What a key or signature that cannot be decoded becomes (for `map_err` in the algorithm files).
fn malformed<E>(_: E) -> KeyError {
    KeyError::Malformed
}

/// What a PKCS#8 key of the right algorithm that cannot be decoded becomes.
fn not_a_key<E>(_: E) -> KeyError {
    KeyError::NotAKey
}
