//! The container's layout, as a streaming reader and a re-signer see it: no bytes between the
//! entries, local headers that agree with the directory, the signing time, attachment numbering.

use super::archive::{read_entries, ZipOut};
use super::tests::{codes, ctx, entry, key, make, tamper};
use super::*;
use base64::Engine as _;

/// `bytes` with `junk` put at `at`, and every offset past it in the central directory and its
/// end record moved along, so that the archive stays readable to a zip reader.
fn insert_into_zip(bytes: &[u8], at: usize, junk: &[u8]) -> Vec<u8> {
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let eocd = bytes.len() - 22;
    let (count, directory) = (u16_at(bytes, eocd + 10), u32_at(bytes, eocd + 16));
    let mut out = [&bytes[..at], junk, &bytes[at..]].concat();
    let moved = |offset: usize| if offset >= at { offset + junk.len() } else { offset };
    let mut record = moved(directory);
    for _ in 0..count {
        let local = u32_at(&out, record + 42);
        out[record + 42..record + 46].copy_from_slice(&(moved(local) as u32).to_le_bytes());
        record += 46 + u16_at(&out, record + 28) + u16_at(&out, record + 30) + u16_at(&out, record + 32);
    }
    let eocd = out.len() - 22;
    out[eocd + 16..eocd + 20].copy_from_slice(&(moved(directory) as u32).to_le_bytes());
    out
}

/// Nothing between the entries but the entries the central directory lists, and local headers
/// that say what the directory says: what a streaming reader sees is the package verified.
#[test]
fn no_hidden_entry_or_bytes_between_the_entries() {
    let good = make(&key(Algorithm::Ed25519)).bytes;
    assert!(verify(&good, &ctx()).is_valid());
    let entries = read_entries(&good).unwrap();
    // The second entry's local header starts after the first one's name and data.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(good.as_slice())).unwrap();
    let second = archive.by_index_raw(1).unwrap().header_start() as usize;
    // Padding between two entries, and an unlisted entry of its own (a second application.json
    // that a streaming reader would meet first), and bytes after the last entry.
    assert_eq!(codes(&insert_into_zip(&good, second, b"padding")), [key!("package.zip.gap")]);
    let mut hidden = ZipOut::new();
    hidden.add("application.json", br#"{"evil":1}"#).unwrap();
    let hidden = hidden.finish().unwrap();
    let local_only =
        &hidden[..u32::from_le_bytes(hidden[hidden.len() - 6..hidden.len() - 2].try_into().unwrap()) as usize];
    assert_eq!(codes(&insert_into_zip(&good, 0, local_only)), [key!("package.zip.gap")]);
    let eocd = good.len() - 22;
    let directory = u32::from_le_bytes(good[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    assert_eq!(codes(&insert_into_zip(&good, directory, b"padding")), [key!("package.zip.gap")]);
    // A local header whose sizes, or data-descriptor flag, disagree with the directory.
    let mut sizes = good.clone();
    sizes[18..22].copy_from_slice(&5u32.to_le_bytes());
    assert_eq!(codes(&sizes), [key!("package.zip.local_header")]);
    let mut descriptor = good.clone();
    descriptor[6] |= 0x08;
    assert_eq!(codes(&descriptor), [key!("package.zip.local_header")]);
    assert_eq!(entries.len(), read_entries(&good).unwrap().len());
}

/// signature.json's signing time is not covered by the signature: one that is not the signed
/// application's creation time (a later one, claimed to pass a receipt date) is refused.
#[test]
fn the_signing_time_is_the_signed_creation_time() {
    let good = make(&key(Algorithm::Ed25519)).bytes;
    let later = tamper(&good, |e| {
        let sig = entry(e, SIGNATURE_JSON);
        let mut s: SignatureFile = serde_json::from_slice(&sig.bytes).unwrap();
        s.signed_at = "2027-01-01T00:00:00+08:00".into();
        sig.bytes = canonical(&s);
    });
    assert_eq!(codes(&later), [key!("package.signed_at.differs")]);
}

/// `bytes` changed by `change`, then given a new manifest and a signature by `key`: what anyone
/// with a key of their own can make of a package.
fn resigned(bytes: &[u8], key: &KeyPair, change: impl FnOnce(&mut Vec<Entry>)) -> Vec<u8> {
    let mut entries = read_entries(bytes).unwrap();
    let old: SignatureFile = serde_json::from_slice(&entry(&mut entries, SIGNATURE_JSON).bytes).unwrap();
    change(&mut entries);
    entries.retain(|e| e.name != MANIFEST_JSON && e.name != SIGNATURE_JSON);
    let files: Vec<FileEntry> = entries
        .iter()
        .map(|e| FileEntry { path: e.name.clone(), size: e.bytes.len() as u64, sha256: sha256_hex(&e.bytes) })
        .collect();
    let manifest =
        Manifest { format: MANIFEST_FORMAT.into(), version: 1, application_sha256: files[0].sha256.clone(), files };
    let manifest_json = canonical(&manifest);
    let b64 = base64::engine::general_purpose::STANDARD;
    let signature = SignatureFile {
        algorithm: key.algorithm().name().into(),
        public_key: b64.encode(&key.public().spki),
        key_fingerprint: key.public().fingerprint(),
        signature: b64.encode(key.sign(&manifest_json)),
        signed_at: old.signed_at,
    };
    let mut z = ZipOut::new();
    for e in &entries {
        z.add(&e.name, &e.bytes).unwrap();
    }
    z.add(MANIFEST_JSON, &manifest_json).unwrap();
    z.add(SIGNATURE_JSON, &canonical(&signature)).unwrap();
    z.finish().unwrap()
}

/// Attachments are numbered in the order application.json lists them, one entry each: a list
/// renumbered, or two attachments sharing one entry, is refused even when signed anew.
#[test]
fn attachments_are_numbered_in_the_order_listed() {
    let signer = key(Algorithm::Ed25519);
    let good = make(&signer).bytes;
    assert!(verify(&resigned(&good, &signer, |_| {}), &ctx()).is_valid());
    let renumbered = resigned(&good, &signer, |entries| {
        let app = entry(entries, APPLICATION_JSON);
        let mut a: Application = serde_json::from_slice(&app.bytes).unwrap();
        let old = std::mem::replace(&mut a.attachments[0].path, "attachments/99-营业执照.pdf".into());
        app.bytes = canonical(&a);
        entry(entries, &old).name = "attachments/99-营业执照.pdf".into();
    });
    assert_eq!(codes(&renumbered), [key!("package.attachment.path")]);
}
