//! The applicant's signing key: PKCS#8 bytes in IndexedDB, its algorithm and fingerprint in
//! localStorage (so the page can show them without starting the worker); generate, back up, import.

use crate::browser::{files, idb, storage};
use crate::pool::{Failure, Slot};
use formseal_core::algorithm::Algorithm;
use formseal_core::key;
use formseal_core::protocol::{Backup, Import, KeyInfo, Keygen};
use formseal_core::Locale;

const KEY_BLOB: &str = "signing-key";
const KEY_META: &str = "formseal:signing-key";

/// What the page shows of the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMeta {
    pub algorithm: String,
    pub fingerprint: String,
}

/// The stored key's algorithm and fingerprint, if there is a key.
pub fn meta() -> Option<KeyMeta> {
    // Stored as `algorithm fingerprint` (a plain string keeps JSON decoding out of this path).
    let text = storage::get(KEY_META)?;
    let (algorithm, fingerprint) = text.split_once(' ')?;
    Some(KeyMeta { algorithm: algorithm.into(), fingerprint: fingerprint.into() })
}

fn storage_failure(e: idb::IdbError) -> Failure {
    let code = if e.is_quota() { key!("ui.save.quota") } else { key!("ui.key.store_failed") };
    Failure { code: code.into(), message: String::new() }
}

/// The stored key's PKCS#8 bytes, for the worker.
async fn load() -> Option<Vec<u8>> {
    stored().await.ok().flatten()
}

/// The stored key: `Ok(None)` only when there is none (a storage that cannot be read is an
/// error, never a reason to make a new key over the old one).
async fn stored() -> Result<Option<Vec<u8>>, Failure> {
    let failure = |message: String| Failure { code: key!("ui.key.store_failed").into(), message };
    match idb::get(KEY_BLOB).await.map_err(storage_failure)? {
        None => Ok(None),
        Some(blob) => files::bytes(&blob).await.map(Some).map_err(failure),
    }
}

fn meta_of(info: KeyInfo) -> KeyMeta {
    KeyMeta { algorithm: info.algorithm, fingerprint: info.fingerprint }
}

fn remember(meta: &KeyMeta) {
    let _ = storage::set(KEY_META, &format!("{} {}", meta.algorithm, meta.fingerprint));
}

/// Stores a key the worker returned (`{algorithm, fingerprint}` and the PKCS#8 bytes).
async fn store(info: KeyInfo, der: &[u8]) -> Result<KeyMeta, Failure> {
    let blob = files::blob(der, "application/pkcs8")
        .ok_or(Failure { code: key!("ui.key.store_failed").into(), message: String::new() })?;
    idb::put(KEY_BLOB, &blob).await.map_err(storage_failure)?;
    let meta = meta_of(info);
    remember(&meta);
    Ok(meta)
}

/// The stored key, or a new one of `algorithm` (generated in the worker and stored first). A
/// stored key is never replaced: when its description was lost (or could not be written), it is
/// read again from the key itself (issue 14: the applicant would lose the key their earlier
/// packages were signed with).
pub async fn ensure(slot: &Slot, lang: Locale, algorithm: Algorithm) -> Result<(Vec<u8>, KeyMeta), Failure> {
    if let Some(key) = stored().await? {
        let meta = match meta() {
            Some(meta) => meta,
            None => {
                let (info, _) = slot.call(lang, &Import::default(), &[], Some(&key)).await?;
                let meta = meta_of(info);
                remember(&meta);
                meta
            }
        };
        return Ok((key, meta));
    }
    let (info, der) = slot.call(lang, &Keygen { algorithm }, &[], None).await?;
    let der = der.unwrap_or_default();
    let meta = store(info, &der).await?;
    Ok((der, meta))
}

/// A passphrase-protected backup of the key, as PEM text.
pub async fn backup(slot: &Slot, passphrase: &str, lang: Locale) -> Result<String, Failure> {
    let key = load().await.ok_or(Failure { code: key!("ui.key.none").into(), message: String::new() })?;
    let (reply, _) = slot.call(lang, &Backup { passphrase: passphrase.into() }, &[], Some(&key)).await?;
    Ok(reply.pem)
}

/// Imports a PKCS#8 key file (PEM or DER, plain or encrypted) and makes it the signing key.
pub async fn import(slot: &Slot, file: &web_sys::File, passphrase: &str, lang: Locale) -> Result<KeyMeta, Failure> {
    let bytes =
        files::bytes(file).await.map_err(|message| Failure { code: key!("ui.import.unreadable").into(), message })?;
    let request = Import { passphrase: Some(passphrase.to_string()) };
    let (info, der) = slot.call(lang, &request, &[], Some(&bytes)).await?;
    store(info, &der.unwrap_or_default()).await
}
