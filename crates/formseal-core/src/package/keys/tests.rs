//! Tests every algorithm passes (over [`Algorithm::ALL`]), and the shared checks the algorithm
//! files call for themselves.

use super::*;
use crate::package::der::{der_signature, parse_der_signature};
use rand_core::OsRng;

/// Issue 14, item 10: a DER signature with the same (r, s) but a needless leading zero byte in r
/// is refused (for the algorithms whose signatures are DER).
pub(super) fn assert_strict_der(alg: Algorithm) {
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

#[test]
fn every_algorithm_round_trips() {
    for alg in Algorithm::ALL {
        let key = KeyPair::generate(alg, &mut OsRng);
        assert_eq!(key.algorithm(), alg);
        let public = key.public();
        assert_eq!(public.algorithm, alg);
        let sig = key.sign(b"manifest");
        assert!(public.verify(b"manifest", &sig).unwrap(), "{alg:?}");
        assert!(!public.verify(b"manifest!", &sig).unwrap(), "{alg:?}");
        // Deterministic signatures: the same package twice gives the same bytes.
        assert_eq!(sig, key.sign(b"manifest"), "{alg:?}");
        let back = KeyPair::from_pkcs8(&key.to_pkcs8_der(), None).unwrap();
        assert_eq!(back.public(), public);
        let back = KeyPair::from_pkcs8(pem("PRIVATE KEY", &key.to_pkcs8_der()).as_bytes(), None).unwrap();
        assert_eq!(back.public(), public);
        assert_eq!(Algorithm::parse(alg.name()), Some(alg));
    }
}

#[test]
fn every_algorithm_has_oids_the_key_reader_knows() {
    for alg in Algorithm::ALL {
        let (key, curve) = alg.oids();
        let parse = |s: &str| ObjectIdentifier::new(s).unwrap_or_else(|e| panic!("{alg:?}: {s}: {e}"));
        assert_eq!(algorithm_of(parse(key), curve.map(parse)), Ok(alg));
        // The PKCS#8 the algorithm writes names exactly these OIDs.
        let der = KeyPair::generate(alg, &mut OsRng).to_pkcs8_der();
        let info = pkcs8::PrivateKeyInfo::from_der(&der).unwrap();
        assert_eq!(info.algorithm.oid, parse(key), "{alg:?}");
        assert_eq!(info.algorithm.parameters_oid().ok(), curve.map(parse), "{alg:?}");
    }
}

#[test]
fn a_key_of_another_algorithm_or_curve_is_named() {
    // Ed448 (1.3.101.113) in the place of Ed25519 (1.3.101.112).
    let mut der = KeyPair::generate(Algorithm::Ed25519, &mut OsRng).to_pkcs8_der();
    let at = der.windows(5).position(|w| w == [0x06, 3, 0x2b, 0x65, 0x70]).unwrap();
    der[at + 4] = 0x71;
    assert_eq!(KeyPair::from_pkcs8(&der, None).unwrap_err(), KeyError::Unsupported { oid: "1.3.101.113".into() });
    // prime192v1 (1.2.840.10045.3.1.1) in the place of P-256 (1.2.840.10045.3.1.7).
    let mut der = KeyPair::generate(Algorithm::EcdsaP256, &mut OsRng).to_pkcs8_der();
    let p256 = [0x06, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let at = der.windows(p256.len()).position(|w| w == p256).unwrap();
    der[at + 9] = 0x01;
    let e = KeyPair::from_pkcs8(&der, None).unwrap_err();
    assert_eq!(e, KeyError::Unsupported { oid: "1.2.840.10045.3.1.1".into() });
    // The message names the key's OID and every algorithm formseal signs with.
    for locale in [crate::Locale::ZhCn, crate::Locale::En] {
        let text = e.text(locale);
        assert!(text.contains("1.2.840.10045.3.1.1"), "{text}");
        for alg in Algorithm::ALL {
            assert!(text.contains(alg.name()), "{alg:?} {text}");
        }
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
fn a_public_key_of_another_algorithm_than_declared_is_malformed() {
    for alg in Algorithm::ALL {
        let key = KeyPair::generate(alg, &mut OsRng);
        let sig = key.sign(b"manifest");
        for other in Algorithm::ALL.into_iter().filter(|o| *o != alg) {
            let claimed = PublicKey { algorithm: other, spki: key.public().spki };
            assert_eq!(claimed.verify(b"manifest", &sig), Err(KeyError::Malformed), "{alg:?} as {other:?}");
        }
    }
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
