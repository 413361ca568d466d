//! Signing keys: Ed25519 (default), ECDSA P-256 with SHA-256, and SM2 with SM3 (GB/T 32918, user
//! ID `1234567812345678`); PKCS#8 storage, passphrase-protected backups, and verification.
//!
//! Signatures are what `openssl` produces and checks: 64 raw bytes for Ed25519, DER `SEQUENCE { r, s }`
//! for ECDSA and SM2. Public keys are SubjectPublicKeyInfo DER; a fingerprint is the SHA-256 of it.

use super::der::{der_signature, parse_der_signature};
use super::hex::{hex, sha256};
use pkcs8::der::Decode as _;
use pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use rand_core::CryptoRngCore;

/// The SM2 distinguishing identifier GB/T 35276 fixes as the default.
pub const SM2_USER_ID: &str = "1234567812345678";
/// PBKDF2-HMAC-SHA256 iterations of a key backup.
pub const BACKUP_ITERATIONS: u32 = 600_000;

const OID_ED25519: pkcs8::ObjectIdentifier = pkcs8::ObjectIdentifier::new_unwrap(crate::algorithm::OID_ED25519);
const OID_EC: pkcs8::ObjectIdentifier = pkcs8::ObjectIdentifier::new_unwrap(crate::algorithm::OID_EC_PUBLIC_KEY);
const OID_P256: pkcs8::ObjectIdentifier = pkcs8::ObjectIdentifier::new_unwrap(crate::algorithm::OID_P256);
const OID_SM2: pkcs8::ObjectIdentifier = pkcs8::ObjectIdentifier::new_unwrap(crate::algorithm::OID_SM2);

pub use crate::algorithm::Algorithm;

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

    /// The message in `locale`.
    pub fn text(&self, locale: crate::Locale) -> String {
        let params = match self {
            KeyError::Unsupported { oid } => vec![("oid", oid.clone())],
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
            Algorithm::Ed25519 => {
                let mut seed = [0u8; 32];
                rng.fill_bytes(&mut seed);
                KeyPair::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
            }
            Algorithm::EcdsaP256 => KeyPair::P256(p256::ecdsa::SigningKey::random(rng)),
            Algorithm::Sm2Sm3 => KeyPair::sm2(sm2::SecretKey::random(rng)),
        }
    }

    fn sm2(secret: sm2::SecretKey) -> KeyPair {
        let signing = sm2::dsa::SigningKey::new(SM2_USER_ID, &secret).expect("a valid secret key makes a signing key");
        KeyPair::Sm2(Box::new(signing), secret)
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
            KeyPair::Ed25519(k) => k.verifying_key().to_public_key_der(),
            KeyPair::P256(k) => k.verifying_key().to_public_key_der(),
            KeyPair::Sm2(_, s) => s.public_key().to_public_key_der(),
        };
        PublicKey { algorithm: self.algorithm(), spki: spki.expect("public keys always encode").into_vec() }
    }

    /// Signs `message` (deterministically: RFC 8032 / RFC 6979).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        use p256::ecdsa::signature::Signer as _;
        match self {
            KeyPair::Ed25519(k) => k.sign(message).to_bytes().to_vec(),
            KeyPair::P256(k) => {
                let s: p256::ecdsa::Signature = k.sign(message);
                s.to_der().as_bytes().to_vec()
            }
            KeyPair::Sm2(k, _) => {
                let s: sm2::dsa::Signature = k.sign(message);
                der_signature(&s.r_bytes(), &s.s_bytes())
            }
        }
    }

    /// The key as unencrypted PKCS#8 DER (how the browser stores it).
    pub fn to_pkcs8_der(&self) -> Vec<u8> {
        let doc = match self {
            // PKCS#8 v1 (RFC 8410, without the optional public key): OpenSSL 3.0 reads no other
            // form of an Ed25519 key (issue 14, item 11).
            KeyPair::Ed25519(k) => {
                ed25519_dalek::pkcs8::KeypairBytes { secret_key: k.to_bytes(), public_key: None }.to_pkcs8_der()
            }
            KeyPair::P256(k) => k.to_pkcs8_der(),
            KeyPair::Sm2(_, s) => s.to_pkcs8_der(),
        };
        doc.expect("private keys always encode").as_bytes().to_vec()
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
        let oid = info.algorithm.oid;
        let param = info.algorithm.parameters_oid().ok();
        let bad = |_| KeyError::NotAKey;
        match (oid, param) {
            (OID_ED25519, _) => Ok(KeyPair::Ed25519(ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(bad)?)),
            (OID_EC, Some(OID_P256)) => Ok(KeyPair::P256(p256::ecdsa::SigningKey::from_pkcs8_der(der).map_err(bad)?)),
            (OID_EC, Some(OID_SM2)) => Ok(KeyPair::sm2(sm2::SecretKey::from_pkcs8_der(der).map_err(bad)?)),
            (OID_EC, Some(curve)) => Err(KeyError::Unsupported { oid: curve.to_string() }),
            (oid, _) => Err(KeyError::Unsupported { oid: oid.to_string() }),
        }
    }
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
        use p256::ecdsa::signature::Verifier as _;
        fn m<E>(_: E) -> KeyError {
            KeyError::Malformed
        }
        Ok(match self.algorithm {
            Algorithm::Ed25519 => {
                let key = ed25519_dalek::VerifyingKey::from_public_key_der(&self.spki).map_err(m)?;
                let sig = ed25519_dalek::Signature::from_slice(signature).map_err(m)?;
                key.verify_strict(message, &sig).is_ok()
            }
            Algorithm::EcdsaP256 => {
                let key = p256::ecdsa::VerifyingKey::from_public_key_der(&self.spki).map_err(m)?;
                let sig = p256::ecdsa::Signature::from_der(signature).map_err(m)?;
                // Strict DER: only the one encoding of (r, s), as OpenSSL requires.
                if sig.to_der().as_bytes() != signature {
                    return Err(KeyError::Malformed);
                }
                key.verify(message, &sig).is_ok()
            }
            Algorithm::Sm2Sm3 => {
                let public = sm2::PublicKey::from_public_key_der(&self.spki).map_err(m)?;
                let key = sm2::dsa::VerifyingKey::new(SM2_USER_ID, public).map_err(m)?;
                let (r, s) = parse_der_signature(signature).ok_or(KeyError::Malformed)?;
                // Strict DER (issue 14, item 10): a non-minimal or negative INTEGER that OpenSSL
                // refuses is refused here too.
                if der_signature(&r, &s) != signature {
                    return Err(KeyError::Malformed);
                }
                let sig = sm2::dsa::Signature::from_scalars(r, s).map_err(m)?;
                key.verify(message, &sig).is_ok()
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    #[test]
    fn signatures_must_be_strict_der() {
        // Issue 14, item 10: the same (r, s) with a needless leading zero byte in r.
        for alg in [Algorithm::EcdsaP256, Algorithm::Sm2Sm3] {
            let key = KeyPair::generate(alg, &mut OsRng);
            // A message whose signature has an r without its high bit (so the zero is needless).
            let (message, sig, r, s) = (0u32..)
                .map(|i| {
                    let m = format!("manifest {i}").into_bytes();
                    let sig = key.sign(&m);
                    let (r, s) = parse_der_signature(&sig).unwrap();
                    (m, sig, r, s)
                })
                .find(|(_, _, r, _)| r[0] != 0 && r[0] & 0x80 == 0)
                .unwrap();
            let mut body = vec![0x02, 33, 0];
            body.extend_from_slice(&r);
            let rest = der_signature(&[1; 32], &s);
            // `rest` is SEQUENCE { INTEGER 0x0101…, INTEGER s }: keep its second INTEGER.
            body.extend_from_slice(&rest[36..]);
            let mut loose = vec![0x30, body.len() as u8];
            loose.extend(body);
            assert_ne!(loose, sig);
            assert_eq!(key.public().verify(&message, &loose), Err(KeyError::Malformed), "{alg:?}");
            assert!(key.public().verify(&message, &sig).unwrap(), "{alg:?}");
        }
    }

    #[test]
    fn every_algorithm_round_trips() {
        for alg in Algorithm::ALL {
            let key = KeyPair::generate(alg, &mut OsRng);
            let public = key.public();
            let sig = key.sign(b"manifest");
            assert!(public.verify(b"manifest", &sig).unwrap(), "{alg:?}");
            assert!(!public.verify(b"manifest!", &sig).unwrap(), "{alg:?}");
            // Deterministic signatures: the same package twice gives the same bytes.
            assert_eq!(sig, key.sign(b"manifest"), "{alg:?}");
            let back = KeyPair::from_pkcs8(&key.to_pkcs8_der(), None).unwrap();
            assert_eq!(back.public(), public);
            assert_eq!(Algorithm::parse(alg.name()), Some(alg));
        }
    }

    #[test]
    fn backups_need_the_right_passphrase() {
        let key = KeyPair::generate(Algorithm::Sm2Sm3, &mut OsRng);
        let pem = key.to_encrypted_pem("正确的口令", 1_000, &mut OsRng);
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assert_eq!(KeyPair::from_pkcs8(pem.as_bytes(), None).unwrap_err(), KeyError::NeedsPassphrase);
        assert_eq!(KeyPair::from_pkcs8(pem.as_bytes(), Some("错误")).unwrap_err(), KeyError::WrongPassphrase);
        let back = KeyPair::from_pkcs8(pem.as_bytes(), Some("正确的口令")).unwrap();
        assert_eq!(back.public(), key.public());
    }

    #[test]
    fn foreign_files_are_refused() {
        assert_eq!(KeyPair::from_pkcs8(b"hello", None).unwrap_err(), KeyError::NotAKey);
        let cert = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        assert_eq!(KeyPair::from_pkcs8(cert.as_bytes(), None).unwrap_err(), KeyError::NotAKey);
    }

    #[test]
    fn der_signatures_round_trip() {
        let r = [0x80u8; 32];
        let mut s = [0u8; 32];
        s[31] = 1;
        let der = der_signature(&r, &s);
        assert_eq!(der[3], 33, "a high bit gets a zero byte");
        assert_eq!(parse_der_signature(&der), Some((r, s)));
        assert_eq!(parse_der_signature(&der[..der.len() - 1]), None);
    }
}
