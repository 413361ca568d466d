//! ECDSA over P-256 with SHA-256 (FIPS 186-4; deterministic nonces, RFC 6979): signatures in DER
//! `SEQUENCE { r, s }`.

use super::{malformed, not_a_key, KeyError, KeyPair};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use rand_core::CryptoRngCore;

pub(super) fn generate(rng: &mut impl CryptoRngCore) -> KeyPair {
    KeyPair::P256(SigningKey::random(rng))
}

/// A plain PKCS#8 DER key whose OIDs are `id-ecPublicKey` and P-256's.
pub(super) fn from_pkcs8_der(der: &[u8]) -> Result<KeyPair, KeyError> {
    SigningKey::from_pkcs8_der(der).map(KeyPair::P256).map_err(not_a_key)
}

pub(super) fn to_pkcs8_der(key: &SigningKey) -> Vec<u8> {
    key.to_pkcs8_der().expect("private keys always encode").as_bytes().to_vec()
}

/// The SubjectPublicKeyInfo DER of the public half.
pub(super) fn public_der(key: &SigningKey) -> Vec<u8> {
    key.verifying_key().to_public_key_der().expect("public keys always encode").into_vec()
}

pub(super) fn sign(key: &SigningKey, message: &[u8]) -> Vec<u8> {
    use p256::ecdsa::signature::Signer as _;
    let sig: Signature = key.sign(message);
    sig.to_der().as_bytes().to_vec()
}

/// Strict DER only (the one encoding of (r, s), as OpenSSL requires); a high S is accepted, as
/// OpenSSL accepts it.
pub(super) fn verify(spki: &[u8], message: &[u8], signature: &[u8]) -> Result<bool, KeyError> {
    use p256::ecdsa::signature::Verifier as _;
    let key = VerifyingKey::from_public_key_der(spki).map_err(malformed)?;
    let sig = Signature::from_der(signature).map_err(malformed)?;
    if sig.to_der().as_bytes() != signature {
        return Err(KeyError::Malformed);
    }
    Ok(key.verify(message, &sig).is_ok())
}

#[cfg(test)]
mod tests {
    use crate::algorithm::Algorithm;

    #[test]
    fn signatures_must_be_strict_der() {
        super::super::tests::assert_strict_der(Algorithm::EcdsaP256);
    }
}
