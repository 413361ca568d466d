//! SM2 with SM3 (GB/T 32918; user ID of GB/T 35276): signatures in DER `SEQUENCE { r, s }`
//! (`package/der.rs`, with the `der` crate).

use super::{malformed, not_a_key, KeyError, KeyPair};
use crate::package::der::{der_signature, parse_der_signature};
use pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use rand_core::CryptoRngCore;
use sm2::dsa::{Signature, SigningKey, VerifyingKey};
use sm2::SecretKey;

/// The SM2 distinguishing identifier GB/T 35276 fixes as the default.
pub const SM2_USER_ID: &str = "1234567812345678";

pub(super) fn generate(rng: &mut impl CryptoRngCore) -> KeyPair {
    key_pair(SecretKey::random(rng))
}

fn key_pair(secret: SecretKey) -> KeyPair {
    let signing = SigningKey::new(SM2_USER_ID, &secret).expect("a valid secret key makes a signing key");
    KeyPair::Sm2(Box::new(signing), secret)
}

/// A plain PKCS#8 DER key whose OIDs are `id-ecPublicKey` and the SM2 curve's.
pub(super) fn from_pkcs8_der(der: &[u8]) -> Result<KeyPair, KeyError> {
    SecretKey::from_pkcs8_der(der).map(key_pair).map_err(not_a_key)
}

pub(super) fn to_pkcs8_der(secret: &SecretKey) -> Vec<u8> {
    secret.to_pkcs8_der().expect("private keys always encode").as_bytes().to_vec()
}

/// The SubjectPublicKeyInfo DER of the public half.
pub(super) fn public_der(secret: &SecretKey) -> Vec<u8> {
    secret.public_key().to_public_key_der().expect("public keys always encode").into_vec()
}

pub(super) fn sign(key: &SigningKey, message: &[u8]) -> Vec<u8> {
    use sm2::dsa::signature::Signer as _;
    let sig: Signature = key.sign(message);
    der_signature(&sig.r_bytes(), &sig.s_bytes())
}

/// Strict DER only (issue 14, item 10): a non-minimal or negative INTEGER that OpenSSL refuses is
/// refused here too.
pub(super) fn verify(spki: &[u8], message: &[u8], signature: &[u8]) -> Result<bool, KeyError> {
    use sm2::dsa::signature::Verifier as _;
    let public = sm2::PublicKey::from_public_key_der(spki).map_err(malformed)?;
    let key = VerifyingKey::new(SM2_USER_ID, public).map_err(malformed)?;
    let (r, s) = parse_der_signature(signature).ok_or(KeyError::Malformed)?;
    if der_signature(&r, &s) != signature {
        return Err(KeyError::Malformed);
    }
    let sig = Signature::from_scalars(r, s).map_err(malformed)?;
    Ok(key.verify(message, &sig).is_ok())
}

#[cfg(test)]
mod tests {
    use crate::algorithm::Algorithm;

    #[test]
    fn signatures_must_be_strict_der() {
        super::super::tests::assert_strict_der(Algorithm::Sm2Sm3);
    }
}
