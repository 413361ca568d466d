//! This tab's view of its draft in browser storage.

use formseal_core::draft::Draft;
use formseal_core::form::Answers;
use std::sync::Arc;

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
    /// The text this tab last wrote to storage, and the draft it holds: while storage still holds
    /// exactly that text, a save need not read it again (issue 16: a large draft's autosave).
    pub written: Option<(String, Arc<Draft>)>,
    /// When this tab last kept an earlier version, or found one kept (ms since the epoch).
    pub kept_at: u64,
}
