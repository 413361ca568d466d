//! Ed25519 (RFC 8032; keys as in RFC 8410): 64-byte signatures, deterministic.

use super::{malformed, not_a_key, KeyError, KeyPair};
use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use rand_core::CryptoRngCore;

pub(super) fn generate(rng: &mut impl CryptoRngCore) -> KeyPair {
    let mut seed = [0u8; 32];
    rng.fill_bytes(&mut seed);
    KeyPair::Ed25519(SigningKey::from_bytes(&seed))
}

/// A plain PKCS#8 DER key whose OID is Ed25519's.
pub(super) fn from_pkcs8_der(der: &[u8]) -> Result<KeyPair, KeyError> {
    SigningKey::from_pkcs8_der(der).map(KeyPair::Ed25519).map_err(not_a_key)
}

/// PKCS#8 v1 (RFC 8410, without the optional public key): OpenSSL 3.0 reads no other form of an
/// Ed25519 key (issue 14, item 11).
pub(super) fn to_pkcs8_der(key: &SigningKey) -> Vec<u8> {
    let pair = ed25519_dalek::pkcs8::KeypairBytes { secret_key: key.to_bytes(), public_key: None };
    pair.to_pkcs8_der().expect("private keys always encode").as_bytes().to_vec()
}

/// The SubjectPublicKeyInfo DER of the public half.
pub(super) fn public_der(key: &SigningKey) -> Vec<u8> {
    key.verifying_key().to_public_key_der().expect("public keys always encode").into_vec()
}

pub(super) fn sign(key: &SigningKey, message: &[u8]) -> Vec<u8> {
    use ed25519_dalek::Signer as _;
    key.sign(message).to_bytes().to_vec()
}

/// Strict verification (RFC 8032 §5.1.7 with the small-order and malleability checks).
pub(super) fn verify(spki: &[u8], message: &[u8], signature: &[u8]) -> Result<bool, KeyError> {
    let key = VerifyingKey::from_public_key_der(spki).map_err(malformed)?;
    let sig = Signature::from_slice(signature).map_err(malformed)?;
    Ok(key.verify_strict(message, &sig).is_ok())
}
