//! The secretariat's receipt for a package it received: what arrived (the body's and the
//! manifest's digests), when the secretariat says it arrived, and its verdict, signed with the
//! secretariat's key — so "submitted before the deadline" rests on a time the secretariat signed,
//! not on the applicant's own signing time.
//!
//! A receipt file is canonical JSON (RFC 8785): `{"receipt": {…}, "signature": {…}}`; the
//! signature is over the canonical bytes of `receipt`, with the same algorithms and encoding as a
//! package's `signature.json`.

use super::canonical::canonical;
use super::keys::{Algorithm, KeyPair, PublicKey};
use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub const RECEIPT_FORMAT: &str = "formseal-receipt/1";

/// What the secretariat acknowledges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// [`RECEIPT_FORMAT`].
    pub format: String,
    /// The receipt's id: `R-` and the first 16 hex digits of the body's SHA-256.
    pub id: String,
    /// The file name the sender gave (`X-Formseal-File-Name`), as received.
    pub file_name: String,
    /// SHA-256 of the bytes received, lowercase hex.
    pub body_sha256: String,
    /// SHA-256 of the package's `manifest.json` (empty when it could not be read).
    pub manifest_sha256: String,
    /// SHA-256 of `application.json` (empty when it could not be read).
    pub application_sha256: String,
    /// The applicant's key fingerprint, as the package declares it (empty when unreadable).
    pub key_fingerprint: String,
    /// When the secretariat received it: RFC 3339, UTC.
    pub received_at: String,
    /// `valid`, `invalid` or `unreadable`.
    pub verdict: String,
    /// Every failure, as `code: message` in the secretariat's language.
    pub problems: Vec<String>,
}

/// The signature of a receipt: as in a package's `signature.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptSignature {
    pub algorithm: String,
    /// SubjectPublicKeyInfo DER, standard base64.
    pub public_key: String,
    /// SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex.
    pub key_fingerprint: String,
    /// Over the canonical bytes of `receipt`, standard base64.
    pub signature: String,
}

/// A receipt with its signature: the file the server answers with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedReceipt {
    pub receipt: Receipt,
    pub signature: ReceiptSignature,
}

/// Why a receipt cannot be trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptError {
    /// Not a receipt file (the reason).
    Malformed(String),
    /// Not in canonical form: a changed receipt, even if the signature were left alone.
    NotCanonical,
    /// The declared fingerprint is not the key's.
    Fingerprint,
    /// The signature does not match the receipt.
    Signature,
    /// Signed by another key than the one expected.
    OtherKey { expected: String, actual: String },
}

impl std::fmt::Display for ReceiptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReceiptError::Malformed(r) => write!(f, "not a receipt: {r}"),
            ReceiptError::NotCanonical => f.write_str("the receipt is not in canonical form (it was changed)"),
            ReceiptError::Fingerprint => f.write_str("the declared key fingerprint is not the key's"),
            ReceiptError::Signature => f.write_str("the signature does not match the receipt (it was changed)"),
            ReceiptError::OtherKey { expected, actual } => {
                write!(f, "signed by key {actual}, not by the expected {expected}")
            }
        }
    }
}

impl ReceiptError {
    /// The reason, in `locale`.
    pub fn text(&self, locale: crate::Locale) -> String {
        use crate::messages::render;
        match self {
            ReceiptError::Malformed(r) => render(locale, key!("cli.receipt.malformed"), &[("reason", r.clone())]),
            ReceiptError::NotCanonical => render(locale, key!("cli.receipt.not_canonical"), &[]),
            ReceiptError::Fingerprint => render(locale, key!("cli.receipt.fingerprint"), &[]),
            ReceiptError::Signature => render(locale, key!("cli.receipt.signature"), &[]),
            ReceiptError::OtherKey { expected, actual } => render(
                locale,
                key!("cli.receipt.other_key"),
                &[("expected", expected.clone()), ("actual", actual.clone())],
            ),
        }
    }
}

/// Signs `receipt` with the secretariat's `key`; the canonical bytes of the signed receipt.
pub fn sign(receipt: &Receipt, key: &KeyPair) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let public = key.public();
    let signed = SignedReceipt {
        receipt: receipt.clone(),
        signature: ReceiptSignature {
            algorithm: key.algorithm().name().to_string(),
            public_key: b64.encode(&public.spki),
            key_fingerprint: public.fingerprint(),
            signature: b64.encode(key.sign(&canonical(receipt))),
        },
    };
    canonical(&signed)
}

/// Checks a receipt file: canonical, signed by the key it names (and by `expected`, a key
/// fingerprint, when given). The receipt, once trusted.
pub fn check(bytes: &[u8], expected: Option<&str>) -> Result<SignedReceipt, ReceiptError> {
    if bytes.len() > 1 << 20 {
        return Err(ReceiptError::Malformed("over 1 MB".into()));
    }
    let signed: SignedReceipt = serde_json::from_slice(bytes).map_err(|e| ReceiptError::Malformed(e.to_string()))?;
    if signed.receipt.format != RECEIPT_FORMAT {
        return Err(ReceiptError::Malformed(format!("format “{}”", signed.receipt.format)));
    }
    if canonical(&serde_json::from_slice::<serde_json::Value>(bytes).unwrap_or_default()) != bytes {
        return Err(ReceiptError::NotCanonical);
    }
    let s = &signed.signature;
    let algorithm = Algorithm::parse(&s.algorithm)
        .filter(|a| a.name() == s.algorithm)
        .ok_or_else(|| ReceiptError::Malformed(format!("algorithm “{}”", s.algorithm)))?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let (Ok(spki), Ok(signature)) = (b64.decode(&s.public_key), b64.decode(&s.signature)) else {
        return Err(ReceiptError::Malformed("base64".into()));
    };
    let public = PublicKey { algorithm, spki };
    if public.fingerprint() != s.key_fingerprint {
        return Err(ReceiptError::Fingerprint);
    }
    if let Some(expected) = expected.filter(|e| !e.eq_ignore_ascii_case(&s.key_fingerprint)) {
        return Err(ReceiptError::OtherKey { expected: expected.to_string(), actual: s.key_fingerprint.clone() });
    }
    match public.verify(&canonical(&signed.receipt), &signature) {
        Ok(true) => Ok(signed),
        Ok(false) => Err(ReceiptError::Signature),
        Err(_) => Err(ReceiptError::Malformed("key or signature encoding".into())),
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for `seconds` since 1970 (UTC).
pub fn rfc3339_utc(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// The calendar date of a day number (days since 1970-01-01), proleptic Gregorian (H. Hinnant).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    fn receipt() -> Receipt {
        Receipt {
            format: RECEIPT_FORMAT.into(),
            id: "R-0123456789abcdef".into(),
            file_name: "申请包.zip".into(),
            body_sha256: "01".repeat(32),
            manifest_sha256: "02".repeat(32),
            application_sha256: "03".repeat(32),
            key_fingerprint: "04".repeat(32),
            received_at: rfc3339_utc(1_796_000_000),
            verdict: "valid".into(),
            problems: vec![],
        }
    }

    #[test]
    fn a_signed_receipt_checks_and_a_changed_one_does_not() {
        for algorithm in Algorithm::ALL {
            let key = KeyPair::generate(algorithm, &mut OsRng);
            let bytes = sign(&receipt(), &key);
            let fingerprint = key.public().fingerprint();
            assert_eq!(check(&bytes, Some(&fingerprint)).unwrap().receipt, receipt());
            let changed = String::from_utf8(bytes.clone()).unwrap().replace("valid", "vaaid");
            assert_eq!(check(changed.as_bytes(), None), Err(ReceiptError::Signature));
            let other = KeyPair::generate(algorithm, &mut OsRng).public().fingerprint();
            assert!(matches!(check(&bytes, Some(&other)), Err(ReceiptError::OtherKey { .. })));
            let spaced = String::from_utf8(bytes).unwrap().replacen(',', ", ", 1);
            assert_eq!(check(spaced.as_bytes(), None), Err(ReceiptError::NotCanonical));
        }
        assert!(matches!(check(b"{}", None), Err(ReceiptError::Malformed(_))));
    }

    #[test]
    fn times_are_utc_rfc3339() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_796_083_199), "2026-11-30T23:59:59Z");
    }
}
