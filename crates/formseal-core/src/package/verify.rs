//! The verifier: every check a secretariat needs, each failure reported on its own and precisely.
//!
//! Order of checks: the zip container; the entry order; the manifest (canonical, every hash and
//! size, nothing missing, nothing extra); the signature over the manifest; `application.json`
//! (canonical, its attachment list against the manifest); and the form's rules run again.

use super::application::{Application, APPLICATION_FORMAT};
use super::archive::{read_entries, Entry};
use super::canonical::is_canonical;
use super::hex::sha256_hex;
use super::keys::{Algorithm, PublicKey};
use super::limits::{MAX_APPLICATION_BYTES, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES};
use super::manifest::{Manifest, SignatureFile, MANIFEST_FORMAT};
use super::{APPLICATION_JSON, APPLICATION_PDF, MANIFEST_JSON, SIGNATURE_JSON};
use crate::form::{too_many_values, Answers, Context, FormRules, MAX_JSON_VALUES};
use crate::issue::{Finding, Issue};
use crate::messages::{finding_text, render, t, Locale};
use base64::Engine as _;

/// What the verifier found. The package is valid when `problems` is empty.
pub struct Verification {
    /// Failures, each naming the file, hash, signature or rule concerned.
    pub problems: Vec<Finding>,
    /// Remarks that do not invalidate the package (e.g. rule warnings, another rule-set version).
    pub notes: Vec<Finding>,
    /// The form's rule findings on the answers (errors are also counted in `problems`).
    pub issues: Vec<Issue>,
    /// The application, when `application.json` could be read.
    pub application: Option<Application>,
    /// The form (with the package's call) and the answers, when both could be read.
    pub form: Option<Box<dyn FormRules>>,
    pub answers: Option<Answers>,
    /// SHA-256 of `manifest.json`.
    pub manifest_sha256: Option<String>,
    /// SHA-256 of `application.json` (the digest the PDF prints).
    pub application_sha256: Option<String>,
    /// Signer's key fingerprint and algorithm, as declared in `signature.json`.
    pub key_fingerprint: Option<String>,
    pub algorithm: Option<String>,
    /// Number of files whose hash was checked.
    pub files_checked: usize,
    /// The form as the applicant's browser printed it — with the call the package carries — when
    /// that is not the call `form` has (the secretariat's): the PDF is compared with what the
    /// signed application makes, and a different call is reported as such, not as a forged PDF.
    pub printed: Option<Box<dyn FormRules>>,
}

impl std::fmt::Debug for Verification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verification").field("problems", &self.problems).field("notes", &self.notes).finish()
    }
}

impl Verification {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
    /// The codes of the problems (handy in tests and scripts).
    pub fn codes(&self) -> Vec<&'static str> {
        self.problems.iter().map(|p| p.code).collect()
    }

    /// The applicant organisation's name, when the answers could be read.
    pub fn unit_name(&self) -> Option<String> {
        let (form, answers) = (self.form.as_ref()?, self.answers.as_ref()?);
        Some(answers.text(form.def().name_field).to_string())
    }

    /// The form rules' errors as `field：message` lines in `locale`.
    pub fn rule_errors(&self, locale: Locale) -> Vec<String> {
        let Some(form) = &self.form else { return Vec::new() };
        self.issues
            .iter()
            .filter(|i| i.is_error())
            .map(|i| {
                let field = form.def().path_label(&i.path, locale);
                render(
                    locale,
                    key!("ui.field_message"),
                    &[("field", field), ("message", finding_text(locale, &i.finding))],
                )
            })
            .collect()
    }

    /// What identifies the package — form, unit, creation time, attachments, algorithm,
    /// fingerprint, digests — as (label, value) in `locale`, leaving out what could not be read.
    pub fn facts(&self, locale: Locale) -> Vec<(String, String)> {
        let app = self.application.as_ref();
        [
            (key!("cli.verify.form"), self.form.as_ref().map(|f| f.def().title.get(locale).to_string())),
            (key!("cli.verify.unit"), self.unit_name()),
            (key!("cli.verify.created"), app.map(|a| a.created_at.clone())),
            (key!("cli.verify.attachments"), app.map(|a| a.attachments.len().to_string())),
            (key!("cli.verify.algorithm"), self.algorithm.clone()),
            (key!("cli.verify.fingerprint"), self.key_fingerprint.clone()),
            (key!("cli.verify.manifest"), self.manifest_sha256.clone()),
            (key!("cli.verify.application"), self.application_sha256.clone()),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| (t(locale, key), v)))
        .collect()
    }
}

pub(super) fn err(code: &'static str) -> Finding {
    Finding::error(code)
}

/// What the secretariat holds against a package (issue 14, item 1): its own configuration of the
/// call (the package's copy is the applicant's word), and when the package reached it.
#[derive(Clone, Debug, Default)]
pub struct Official {
    /// The call as the secretariat published it (the form's configuration object); `None`: the
    /// package's own is used, and the report says so.
    pub call: Option<serde_json::Value>,
    /// The day the package was received: the closing date is judged by it, and a package signed
    /// after it is refused.
    pub received: Option<crate::rules::date::CivilDate>,
    /// The form's definition as the secretariat holds it (a host's own form; a built-in form's
    /// is compiled in). `None` for a form that is not built in: the package's own is used, and
    /// the report says so.
    pub definition: Option<String>,
    /// The moment it was received (seconds since 1970, UTC), when known to the second: a package
    /// claiming a later creation time is refused by the instant, whatever the time zones (by the
    /// day otherwise).
    pub received_at: Option<i64>,
}

/// Verifies the package `bytes`, running the form rules as of `ctx`, with the package's own call.
pub fn verify(bytes: &[u8], ctx: &Context) -> Verification {
    verify_with(bytes, ctx, &Official::default())
}

/// Verifies the package `bytes` against the secretariat's own call and receipt date.
pub fn verify_with(bytes: &[u8], ctx: &Context, official: &Official) -> Verification {
    let mut v = Verification {
        problems: Vec::new(),
        notes: Vec::new(),
        issues: Vec::new(),
        application: None,
        form: None,
        answers: None,
        manifest_sha256: None,
        application_sha256: None,
        key_fingerprint: None,
        algorithm: None,
        files_checked: 0,
        printed: None,
    };
    let entries = match read_entries(bytes) {
        Ok(e) => e,
        Err(f) => {
            v.problems.push(f);
            return v;
        }
    };
    let find = |name: &str| entries.iter().find(|e| e.name == name);
    for required in [APPLICATION_JSON, APPLICATION_PDF, MANIFEST_JSON, SIGNATURE_JSON] {
        if find(required).is_none() {
            v.problems.push(err(key!("package.file.required")).with("name", required));
        }
    }
    if find(APPLICATION_PDF).is_some_and(|p| !p.bytes.starts_with(b"%PDF-")) {
        v.problems.push(err(key!("package.pdf.not_pdf")));
    }
    if let Some(m) = find(MANIFEST_JSON) {
        v.manifest_sha256 = Some(sha256_hex(&m.bytes));
    }
    if let Some(m) = find(MANIFEST_JSON).filter(|m| readable(&mut v, m, MAX_MANIFEST_BYTES)) {
        match serde_json::from_slice::<Manifest>(&m.bytes) {
            Ok(manifest) => check_manifest(&mut v, &entries, &manifest, &m.bytes),
            Err(e) => v.problems.push(err(key!("package.manifest.malformed")).with("reason", e.to_string())),
        }
        if let Some(s) = find(SIGNATURE_JSON).filter(|s| readable(&mut v, s, MAX_SIGNATURE_BYTES)) {
            check_signature(&mut v, &s.bytes, &m.bytes);
        }
    }
    if let Some(a) = find(APPLICATION_JSON) {
        v.application_sha256 = Some(sha256_hex(&a.bytes));
    }
    if let Some(a) = find(APPLICATION_JSON).filter(|a| readable(&mut v, a, MAX_APPLICATION_BYTES)) {
        check_application(&mut v, &entries, &a.bytes, ctx, official);
    }
    // signature.json's signing time is outside what the signature covers: it must be the signed
    // application's own creation time, which is inside it.
    let sig = find(SIGNATURE_JSON).and_then(|s| serde_json::from_slice::<SignatureFile>(&s.bytes).ok());
    if let (Some(app), Some(sig)) = (&v.application, sig) {
        if sig.signed_at != app.created_at {
            let problem = err(key!("package.signed_at.differs")).with("signed", sig.signed_at);
            v.problems.push(problem.with("created", app.created_at.clone()));
        }
    }
    v
}

/// Whether a signed JSON file is small enough to parse: within `max` bytes and
/// [`MAX_JSON_VALUES`] values, else a problem naming it.
fn readable(v: &mut Verification, e: &Entry, max: usize) -> bool {
    let fits = e.bytes.len() <= max && !too_many_values(&e.bytes, MAX_JSON_VALUES);
    if !fits {
        let limit = format!("{}, {MAX_JSON_VALUES}", crate::form::human_size(max as u64));
        v.problems.push(err(key!("package.json.too_large")).with("name", e.name.clone()).with("max", limit));
    }
    fits
}

fn check_manifest(v: &mut Verification, entries: &[Entry], manifest: &Manifest, raw: &[u8]) {
    if manifest.format != MANIFEST_FORMAT || manifest.version != 1 {
        v.problems.push(
            err(key!("package.manifest.format")).with("format", format!("{} {}", manifest.format, manifest.version)),
        );
        return;
    }
    if !is_canonical(raw) {
        v.problems.push(err(key!("package.manifest.not_canonical")));
    }
    // A manifest can list no more files than a package may hold: the checks below compare
    // every listed file with the others and with the entries.
    if manifest.files.len() > super::limits::MAX_ENTRIES {
        v.problems.push(err(key!("package.zip.too_many")).with("count", manifest.files.len().to_string()));
        return;
    }
    for (i, f) in manifest.files.iter().enumerate() {
        if manifest.files[..i].iter().any(|g| g.path == f.path) {
            v.problems.push(err(key!("package.manifest.duplicate")).with("name", f.path.clone()));
            continue;
        }
        // The manifest lists the files before it: never itself or the signature.
        if f.path == MANIFEST_JSON || f.path == SIGNATURE_JSON {
            v.problems.push(err(key!("package.manifest.duplicate")).with("name", f.path.clone()));
            continue;
        }
        match entries.iter().find(|e| e.name == f.path) {
            None => v.problems.push(err(key!("package.file.missing")).with("name", f.path.clone())),
            Some(e) => {
                v.files_checked += 1;
                let found = sha256_hex(&e.bytes);
                if found != f.sha256 {
                    v.problems.push(
                        err(key!("package.file.hash"))
                            .with("name", f.path.clone())
                            .with("expected", f.sha256.clone())
                            .with("found", found),
                    );
                } else if e.bytes.len() as u64 != f.size {
                    v.problems.push(err(key!("package.file.size")).with("name", f.path.clone()));
                }
            }
        }
    }
    if manifest.files.first().map(|f| f.path.as_str()) != Some(APPLICATION_JSON)
        || manifest.files.first().map(|f| &f.sha256) != Some(&manifest.application_sha256)
    {
        v.problems.push(err(key!("package.manifest.application")));
    }
    let listed = |name: &str| manifest.files.iter().any(|f| f.path == name);
    for e in entries.iter().filter(|e| !super::archive::documented(&e.name)) {
        v.problems.push(err(key!("package.file.layout")).with("name", e.name.clone()));
    }
    for e in entries {
        if !listed(&e.name) && e.name != MANIFEST_JSON && e.name != SIGNATURE_JSON {
            v.problems.push(err(key!("package.file.extra")).with("name", e.name.clone()));
        }
    }
    // Entry order: the manifest's files, then the manifest, then the signature.
    let mut expected: Vec<&str> = Vec::new();
    for name in manifest.files.iter().map(|f| f.path.as_str()).chain([MANIFEST_JSON, SIGNATURE_JSON]) {
        if entries.iter().any(|e| e.name == name) && !expected.contains(&name) {
            expected.push(name);
        }
    }
    let actual: Vec<&str> = entries.iter().map(|e| e.name.as_str()).filter(|n| expected.contains(n)).collect();
    // Compared without indexing: a hostile manifest must not be able to make the lists differ
    // in length and the verifier fall over (issue 14, item 2).
    let first_difference = expected
        .iter()
        .zip(&actual)
        .position(|(e, a)| e != a)
        .or_else(|| (expected.len() != actual.len()).then_some(expected.len().min(actual.len())));
    if let Some(i) = first_difference {
        v.problems.push(
            err(key!("package.order"))
                .with("position", (i + 1).to_string())
                .with("expected", expected.get(i).copied().unwrap_or("—"))
                .with("found", actual.get(i).copied().unwrap_or("—")),
        );
    }
}

fn check_signature(v: &mut Verification, raw: &[u8], manifest: &[u8]) {
    let sig: SignatureFile = match serde_json::from_slice(raw) {
        Ok(s) => s,
        Err(e) => return v.problems.push(err(key!("package.signature.malformed")).with("reason", e.to_string())),
    };
    v.key_fingerprint = Some(sig.key_fingerprint.clone());
    v.algorithm = Some(sig.algorithm.clone());
    if !is_canonical(raw) {
        v.problems.push(err(key!("package.signature.not_canonical")));
    }
    let Some(algorithm) = Algorithm::parse(&sig.algorithm).filter(|a| a.name() == sig.algorithm) else {
        return v.problems.push(err(key!("package.signature.algorithm")).with("algorithm", sig.algorithm));
    };
    let b64 = base64::engine::general_purpose::STANDARD;
    let (Ok(spki), Ok(signature)) = (b64.decode(&sig.public_key), b64.decode(&sig.signature)) else {
        return v.problems.push(err(key!("package.signature.malformed")).with("reason", "base64"));
    };
    let public = PublicKey { algorithm, spki };
    if public.fingerprint() != sig.key_fingerprint {
        v.problems.push(
            err(key!("package.signature.fingerprint"))
                .with("declared", sig.key_fingerprint.clone())
                .with("actual", public.fingerprint()),
        );
    }
    match public.verify(manifest, &signature) {
        Ok(true) => {}
        Ok(false) => v.problems.push(
            err(key!("package.signature.mismatch"))
                .with("algorithm", algorithm.name())
                .with("fingerprint", public.fingerprint()),
        ),
        Err(_) => v.problems.push(err(key!("package.signature.malformed")).with("reason", "key or signature encoding")),
    }
}

fn check_application(v: &mut Verification, entries: &[Entry], raw: &[u8], ctx: &Context, official: &Official) {
    let app: Application = match serde_json::from_slice(raw) {
        Ok(a) => a,
        Err(e) => return v.problems.push(err(key!("package.application.malformed")).with("reason", e.to_string())),
    };
    if app.format != APPLICATION_FORMAT || app.version != 1 {
        v.problems
            .push(err(key!("package.application.format")).with("format", format!("{} {}", app.format, app.version)));
        return;
    }
    if !is_canonical(raw) {
        v.problems.push(err(key!("package.application.not_canonical")));
    }
    if app.attachments.len() > super::limits::MAX_ENTRIES {
        return v.problems.push(err(key!("package.zip.too_many")).with("count", app.attachments.len().to_string()));
    }
    for (i, a) in app.attachments.iter().enumerate() {
        // Each listed attachment has its own entry, numbered in the list's order from its name
        // (`attachments/NN-name`), as packages are made: none is listed twice or out of turn.
        let expected = super::application::attachment_path(i + 1, &a.name);
        if a.path != expected {
            let problem = err(key!("package.attachment.path")).with("path", a.path.clone());
            v.problems.push(problem.with("expected", expected));
        }
        match entries.iter().find(|e| e.name == a.path) {
            None => v.problems.push(err(key!("package.file.missing")).with("name", a.path.clone())),
            Some(e) if sha256_hex(&e.bytes) != a.sha256 || e.bytes.len() as u64 != a.size => {
                v.problems.push(err(key!("package.attachment.mismatch")).with("name", a.path.clone()))
            }
            Some(_) => {}
        }
    }
    for e in entries.iter().filter(|e| e.name.starts_with(super::ATTACHMENTS_DIR)) {
        if !app.attachments.iter().any(|a| a.path == e.name) {
            v.problems.push(err(key!("package.attachment.unlisted")).with("name", e.name.clone()));
        }
    }
    super::judge::check_rules(v, &app, entries, ctx, official);
    v.application = Some(app);
}
