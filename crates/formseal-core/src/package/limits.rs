//! Size limits of attachments and of packages a verifier is willing to open.

/// Largest single attachment (50 MB).
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total of all attachments of one application (200 MB).
pub const MAX_TOTAL_ATTACHMENT_BYTES: u64 = 200 * 1024 * 1024;
/// Most entries a package may have.
pub const MAX_ENTRIES: usize = 1_000;
/// Largest uncompressed package content the verifier unpacks (attachments plus JSON and PDF).
pub const MAX_UNPACKED_BYTES: u64 = MAX_TOTAL_ATTACHMENT_BYTES + 40 * 1024 * 1024;
/// Largest compression ratio of an entry bigger than [`RATIO_FLOOR`] (zip bombs exceed it by far).
pub const MAX_RATIO: u64 = 200;
/// Entries smaller than this are not checked for their ratio.
pub const RATIO_FLOOR: u64 = 1024 * 1024;

/// At most this many PBKDF2 iterations (ten times what formseal writes, and more than OpenSSL's).
pub const MAX_PBKDF2_ITERATIONS: u32 = 2_000_000;
/// At most this much scrypt memory (128 · r · N bytes) and parallelism.
pub const MAX_SCRYPT_BYTES: u64 = 256 << 20;
pub const MAX_SCRYPT_PARALLEL: u16 = 4;

/// Whether a key backup's key derivation stays within the bounds above.
pub(crate) fn affordable(scheme: &pkcs8::pkcs5::EncryptionScheme<'_>) -> bool {
    use pkcs8::pkcs5::pbes2::Kdf;
    match scheme.pbes2().map(|p| &p.kdf) {
        Some(Kdf::Pbkdf2(p)) => p.iteration_count <= MAX_PBKDF2_ITERATIONS,
        Some(Kdf::Scrypt(s)) => {
            let bytes = 128u64.saturating_mul(u64::from(s.block_size)).saturating_mul(s.cost_parameter);
            bytes <= MAX_SCRYPT_BYTES && s.parallelization <= MAX_SCRYPT_PARALLEL
        }
        // Another derivation function: not one formseal knows the cost of.
        Some(_) => false,
        // PBES1 schemes are weak but cheap: refused later as not decryptable here.
        None => true,
    }
}
/// The signed JSON files are read whole: each has a size limit far above any real package's
/// (a manifest of 1,000 files is about 150 KB; an application of 500 writers about 300 KB).
pub const MAX_MANIFEST_BYTES: usize = 1 << 20;
pub const MAX_SIGNATURE_BYTES: usize = 64 << 10;
pub const MAX_APPLICATION_BYTES: usize = 16 << 20;
