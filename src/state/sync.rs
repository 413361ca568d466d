//! This tab's view of its draft in browser storage.

use formseal_core::form::Answers;

/// What this tab knows of its draft in browser storage (issue 20: several tabs, one draft).
#[derive(Default)]
pub struct DraftSync {
    /// The answers as storage held them when this tab last read or wrote them.
    pub base: Answers,
    /// When this tab's applicant last changed an answer (ms since the epoch).
    pub last_edit: u64,
    /// Top-level fields this tab saved changes of during this visit.
    pub edited: Vec<String>,
    /// Attachments removed in this tab, deleted once no saved draft or version names them.
    pub detached: Vec<String>,
    /// The next change of the answers comes from another tab (or a clear), not from the applicant.
    pub remote: bool,
}
