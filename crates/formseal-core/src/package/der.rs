//! The DER form of an ECDSA or SM2 signature: `SEQUENCE { INTEGER r, INTEGER s }`, with the
//! `der` crate (a SEQUENCE OF two INTEGERs has the same bytes). Decoding is strict DER: minimal
//! lengths and integers, non-negative, nothing after — what OpenSSL accepts.

use der::asn1::UintRef;
use der::{Decode, Encode};

/// DER `SEQUENCE { INTEGER r, INTEGER s }` of two 32-byte big-endian scalars.
pub(super) fn der_signature(r: &[u8], s: &[u8]) -> Vec<u8> {
    let pair = UintRef::new(r).and_then(|r| Ok([r, UintRef::new(s)?]));
    pair.and_then(|p| p.to_der()).unwrap_or_default()
}

/// The two scalars of a DER ECDSA/SM2 signature, each left-padded to 32 bytes.
pub(super) fn parse_der_signature(der: &[u8]) -> Option<([u8; 32], [u8; 32])> {
    let [r, s] = <[UintRef<'_>; 2]>::from_der(der).ok()?;
    let pad = |v: &[u8]| -> Option<[u8; 32]> {
        let mut out = [0u8; 32];
        out.get_mut(32usize.checked_sub(v.len())?..)?.copy_from_slice(v);
        Some(out)
    };
    Some((pad(r.as_bytes())?, pad(s.as_bytes())?))
}
