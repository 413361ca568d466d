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
