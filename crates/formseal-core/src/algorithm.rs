//! The signature algorithms formseal signs and verifies with, in one place (no feature needed):
//! their names in `signature.json`, the message keys of their labels, and their OIDs. The browser's
//! algorithm list, the CLI's `--algorithm` and the key code (`package::keys`, feature `package`)
//! all read them from here, and every list of algorithms elsewhere is derived from [`Algorithm::ALL`].
//!
//! Adding an algorithm (README, “Adding a signature algorithm”): a variant here, in [`Algorithm::ALL`]
//! and in each match below (its name — also its serde name —, label key, written in both catalogues
//! `messages/{zh-CN,en}/package.txt`, OIDs, short names for `parse`); one file
//! `package/keys/<variant>.rs` with its key functions; a variant of `KeyPair` and one arm per match
//! in `package/keys/mod.rs`.

use serde::{Deserialize, Serialize};

/// Ed25519 (RFC 8410).
pub const OID_ED25519: &str = "1.3.101.112";
/// `id-ecPublicKey`, the algorithm of ECDSA P-256 and SM2 keys (their curve tells them apart).
pub const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
/// The P-256 curve (`prime256v1`).
pub const OID_P256: &str = "1.2.840.10045.3.1.7";
/// The SM2 curve (GB/T 35276).
pub const OID_SM2: &str = "1.2.156.10197.1.301";

/// A signature algorithm, named in `signature.json` as shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Algorithm {
    #[default]
    #[serde(rename = "Ed25519")]
    Ed25519,
    #[serde(rename = "ECDSA-P256-SHA256")]
    EcdsaP256,
    #[serde(rename = "SM2-SM3")]
    Sm2Sm3,
}

impl Algorithm {
    pub const ALL: [Algorithm; 3] = [Algorithm::Ed25519, Algorithm::EcdsaP256, Algorithm::Sm2Sm3];

    /// The name used in `signature.json`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Ed25519 => "Ed25519",
            Algorithm::EcdsaP256 => "ECDSA-P256-SHA256",
            Algorithm::Sm2Sm3 => "SM2-SM3",
        }
    }

    /// The message key of its label in the browser's list (`ui.key.alg.*`).
    pub fn label_key(self) -> &'static str {
        match self {
            Algorithm::Ed25519 => key!("ui.key.alg.ed25519"),
            Algorithm::EcdsaP256 => key!("ui.key.alg.p256"),
            Algorithm::Sm2Sm3 => key!("ui.key.alg.sm2"),
        }
    }

    /// The key's algorithm OID, and its curve's for elliptic-curve keys.
    pub fn oids(self) -> (&'static str, Option<&'static str>) {
        match self {
            Algorithm::Ed25519 => (OID_ED25519, None),
            Algorithm::EcdsaP256 => (OID_EC_PUBLIC_KEY, Some(OID_P256)),
            Algorithm::Sm2Sm3 => (OID_EC_PUBLIC_KEY, Some(OID_SM2)),
        }
    }

    /// Parses a name of [`Algorithm::name`] (case-insensitive; `p256`, `sm2` accepted too).
    pub fn parse(s: &str) -> Option<Algorithm> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ed25519" => Some(Algorithm::Ed25519),
            "ecdsa-p256-sha256" | "p256" | "p-256" | "ecdsa" => Some(Algorithm::EcdsaP256),
            "sm2-sm3" | "sm2" => Some(Algorithm::Sm2Sm3),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_algorithm_has_a_name_a_label_and_oids() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::parse(a.name()), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), a.name());
            for l in [crate::Locale::ZhCn, crate::Locale::En] {
                assert!(!crate::messages::t(l, a.label_key()).contains("missing"), "{a:?} {l:?}");
            }
            assert!(a.oids().0.starts_with("1."));
        }
    }
}
