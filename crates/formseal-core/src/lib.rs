//! formseal core: everything about an application form that does not depend on where it runs.
//!
//! The pipeline, and where each step lives:
//! 1. **define** — each official form is a definition file (`forms/<id>/definition.json`: its
//!    sections, fields, labels, call parameters, cross-field rules and eligibility conditions),
//!    read by [`form::read`] into a [`form::FormDef`] and set to a host's call by [`forms::call`];
//!    [`forms`] finds the built-in ones by id;
//! 2. **fill** — the applicant's answers are [`form::Answers`], kept in a [`draft::Draft`];
//! 3. **validate** — [`form::validate`] applies the field rules of [`rules`] and the form's
//!    cross-field rules, giving [`issue::Issue`]s (path, code, params, severity);
//! 4. **check eligibility** — each form's charter conditions ([`form::logic`]) give
//!    [`form::Criterion`]s with pass / fail / needs-information / to be reviewed / information and
//!    the clause they come from;
//! 5. **render messages** — [`messages`] turns codes into zh-CN or en text at the edge;
//! 6. **canonicalise, sign, package** — `package` (feature `package`) writes `application.json`
//!    as RFC 8785 canonical JSON, hashes every file into a manifest, signs it (Ed25519, ECDSA
//!    P-256 or SM2) and zips it all deterministically;
//! 7. **verify** — `package::verify` checks a package's container, hashes, signature, canonical
//!    form and the form rules again, with the same code the browser used.
//!
//! The PDF joins between 5 and 6 (it goes into the package and its manifest).
//! Nothing here reads a clock, a file or the network: the caller passes today's date in.

// `key!`: first, so that every module below sees it.
include!(concat!(env!("OUT_DIR"), "/message_keys.rs"));

pub mod algorithm;
pub mod draft;
#[doc(hidden)]
#[cfg(feature = "builtin-forms")]
pub mod fixtures;
pub mod form;
pub mod forms;
#[cfg(feature = "intake")]
pub mod intake;
pub mod intern;
pub mod issue;
pub mod messages;
#[cfg(feature = "package")]
pub mod package;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod protocol;
pub mod rules;

pub use issue::{Finding, Issue, Severity};
pub use messages::Locale;
