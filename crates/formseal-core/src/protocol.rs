//! The package worker's protocol, shared by the worker (`crates/formseal-worker`) and the pages
//! that call it (the form, `src/browser/worker.rs`; the package pages, `crates/formseal-intake`).
//!
//! A page posts `{id, message, blobs?, bytes?}`: `message` is a [`Message`] as JSON — the
//! language and one [`Request`] — and `blobs` (attachments, a package file) and `bytes` (a key, a
//! package) travel beside it, uncopied. The worker posts `"ready"` once, then
//! `{id, ok, answer, bytes?}`: `answer` is the JSON of the request's [`Op::Reply`] when `ok`, of
//! a [`Failure`] when not (two plain structs: no enum to decode in the form's first download). Each request type names its operation and its reply type once (the
//! `protocol!` list below), so a page cannot send a request the worker does not know or read a
//! reply of another shape: a reply that does not parse is a [`Failure`] (`worker.bad_reply`).

use crate::messages::Locale;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Why an operation failed: a message key for scripts and the message, in the request's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub code: String,
    pub message: String,
}

impl Failure {
    pub fn new(code: &str, message: impl Into<String>) -> Failure {
        Failure { code: code.to_string(), message: message.into() }
    }
}

/// A request type: the operation's name on the wire and the type of its reply.
pub trait Op: Serialize {
    const NAME: &'static str;
    type Reply: Serialize + DeserializeOwned;
}

macro_rules! protocol {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal => $reply:ty ),* $(,)?) => {
        /// Every request the worker answers (`{"op": name, "args": …}` on the wire).
        #[derive(Clone, Debug, Serialize, Deserialize)]
        #[serde(tag = "op", content = "args")]
        pub enum Request {
            $( $(#[$doc])* #[serde(rename = $name)] $variant($variant), )*
        }
        $( $(#[$doc])* impl Op for $variant { const NAME: &'static str = $name; type Reply = $reply; } )*
    };
}

protocol! {
    /// A new signing key of `algorithm` (its PKCS#8 DER comes back as the bytes).
    Keygen = "keygen" => KeyInfo,
    /// The key sent as the bytes, encrypted with a passphrase, as PEM.
    Backup = "backup" => Pem,
    /// A key file sent as the bytes (PKCS#8 DER or PEM, encrypted or not): its DER comes back.
    Import = "import" => KeyInfo,
    /// The package of the form's answers, signed with the key sent as the bytes; the attachments
    /// are the blobs, in the order of `file_ids`. The package comes back as the bytes.
    Package = "package" => Packed,
    /// The filled paper form (PDF, as the bytes) without a package identity.
    Preview = "preview" => Previewed,
    /// The draft file with the attachments (the blobs) embedded, as the bytes.
    Export = "export" => Exported,
    /// The package (the bytes) POSTed to the host's endpoint; the server's answer as the bytes.
    Submit = "submit" => Submitted,
    /// The package sent as the bytes, verified; the report as HTML.
    Verify = "verify" => Verified,
    /// The package file sent as the only blob, verified to its intake row.
    #[cfg(feature = "intake")]
    IntakeRow = "intake_row" => crate::intake::Row,
    /// The rows as a report file (the bytes).
    #[cfg(feature = "intake")]
    IntakeExport = "intake_export" => ExportedRows,
    /// What `formseal check-form` finds in a host's definition.
    CheckForm = "check_form" => FormCheck,
    /// The panic boundary's self-test: the worker panics.
    Crash = "crash" => Empty,
}

/// A request and the language of the answer's messages.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Message {
    #[serde(default)]
    pub lang: Locale,
    pub request: Request,
}

/// The wire form of a [`Message`] made from one request type (no enum needed by the sender).
#[derive(Serialize)]
struct Outgoing<'a, T> {
    lang: Locale,
    request: Tagged<'a, T>,
}

#[derive(Serialize)]
struct Tagged<'a, T> {
    op: &'static str,
    args: &'a T,
}

/// The JSON of a message carrying `request`, as the worker reads it into a [`Message`].
pub fn encode<T: Op>(lang: Locale, request: &T) -> String {
    serde_json::to_string(&Outgoing { lang, request: Tagged { op: T::NAME, args: request } }).unwrap_or_default()
}

/// The worker's answer: `ok` and the JSON of the reply or of the failure.
pub fn answer<R: Serialize>(outcome: &Result<R, Failure>) -> (bool, String) {
    let text = match outcome {
        Ok(reply) => serde_json::to_string(reply),
        Err(failure) => serde_json::to_string(failure),
    };
    (outcome.is_ok(), text.unwrap_or_default())
}

/// The worker's answer to a request of type `T`, read back; one of another shape is a failure
/// (`worker.bad_reply`, said in `lang`), never a reply with empty fields.
pub fn read_answer<T: Op>(lang: Locale, ok: bool, text: &str) -> Result<T::Reply, Failure> {
    let bad = |e: serde_json::Error| {
        let detail = format!("{}: {e}", T::NAME);
        Failure::new(
            key!("worker.bad_reply"),
            crate::messages::render(lang, key!("worker.bad_reply"), &[("detail", detail)]),
        )
    };
    // Through `Value`, whose parser every page has already: the typed reading adds only the
    // reply's own fields to the form's first download.
    let value: Value = serde_json::from_str(text).map_err(bad)?;
    match ok {
        true => serde_json::from_value(value).map_err(bad),
        false => Err(serde_json::from_value(value).unwrap_or_else(bad)),
    }
}

/// The form, the host's call and the answers: what the package, preview and export are made of.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormArgs {
    /// The form's id.
    pub form: String,
    /// The host's call (its configuration of the form).
    #[serde(default)]
    pub call: Value,
    /// The definition file the page's form was built from; without it, the built-in one of `form`.
    #[serde(default)]
    pub definition: Option<String>,
    /// The answers, as `Answers::to_json` writes them.
    #[serde(default)]
    pub answers: Value,
    /// The attachment ids of the blobs sent with the request, in their order.
    #[serde(default)]
    pub file_ids: Vec<String>,
    /// When the package or PDF is made (RFC 3339).
    pub created_at: String,
    /// Today's date (`YYYY-MM-DD`), for the eligibility rules.
    #[serde(default)]
    pub today: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Keygen {
    pub algorithm: crate::algorithm::Algorithm,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub passphrase: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Import {
    /// The passphrase of an encrypted key file.
    #[serde(default)]
    pub passphrase: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Package(pub FormArgs);

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview(pub FormArgs);

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub form: FormArgs,
    /// The draft as the page stores it.
    pub draft: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Submit {
    pub url: String,
    pub file_name: String,
    /// The package's manifest and application digests (sent as headers).
    pub manifest: String,
    pub application: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Verify {
    /// The package's file name, for the report.
    pub name: String,
    pub today: String,
    /// The host's configuration of its calls (keyed by form id): the reference when given.
    #[serde(default)]
    pub call: Option<Value>,
}

#[cfg(feature = "intake")]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IntakeRow {
    pub name: String,
    pub today: String,
    #[serde(default)]
    pub call: Option<Value>,
}

#[cfg(feature = "intake")]
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IntakeExport {
    pub rows: Vec<crate::intake::Row>,
    pub format: crate::intake::Format,
    /// The rows the page's filters show, in its order (all when none).
    #[serde(default)]
    pub only: Option<Vec<usize>>,
    /// A byte-order mark before CSV (Excel needs it to read UTF-8).
    #[serde(default = "yes")]
    pub bom: bool,
}

#[cfg(feature = "intake")]
fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckForm {
    /// The definition file's text.
    pub definition: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Crash {}

/// A signing key's algorithm name and fingerprint (its PKCS#8 DER is the reply's bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyInfo {
    pub algorithm: String,
    pub fingerprint: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pem {
    pub pem: String,
}

/// A package made (its bytes are the reply's).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packed {
    pub file_name: String,
    pub manifest_sha256: String,
    pub application_sha256: String,
    pub key_fingerprint: String,
    pub algorithm: String,
    pub attachments: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previewed {
    pub file_name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {}

/// The server's answer to a submission: its HTTP status (0: the request did not get through)
/// and, when it answered with a signed receipt, what the applicant is told and the file name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitted {
    pub status: u16,
    pub receipt: Option<String>,
    pub receipt_name: Option<String>,
}

/// A verified package: the verdict, the finding codes and the report's HTML (escaped).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    pub valid: bool,
    pub codes: Vec<String>,
    pub html: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRows {
    pub rows: usize,
}

/// What is wrong with a host's definition, in both languages (`中文 / English`: the page has not
/// chosen its language yet), one problem after the other; `None`: the form can be shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormCheck {
    pub problems: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

#[cfg(test)]
mod tests;
