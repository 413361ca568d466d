//! Making a package: validate, hash the attachments, write canonical JSON, sign the manifest, zip.

use super::application::{attachment_path, Application, ApplicationForm, AttachmentEntry, APPLICATION_FORMAT};
use super::archive::ZipOut;
use super::canonical::canonical;
use super::hex::{hex, sha256_hex};
use super::keys::KeyPair;
use super::limits::{MAX_ATTACHMENT_BYTES, MAX_TOTAL_ATTACHMENT_BYTES};
use super::manifest::{FileEntry, Manifest, SignatureFile, MANIFEST_FORMAT};
use super::{APPLICATION_JSON, APPLICATION_PDF, FORM_JSON, MANIFEST_JSON, SIGNATURE_JSON};
use crate::form::{validate, Answers, Context, FileRef, FormRules};
use crate::issue::Issue;
use crate::messages::{render, Locale};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Where attachment bytes come from: browser storage in the app, memory or disk in the CLI.
pub trait AttachmentSource {
    /// Feeds the bytes of `file` to `sink`, in chunks of any size. `Err` says why they cannot be read.
    fn read(&self, file: &FileRef, sink: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> Result<(), String>;
}

/// Attachments held in memory, by file id.
impl AttachmentSource for BTreeMap<String, Vec<u8>> {
    fn read(&self, file: &FileRef, sink: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> Result<(), String> {
        let bytes = self.get(&file.id).ok_or_else(|| "not found".to_string())?;
        sink(bytes).map_err(|e| e.to_string())
    }
}

/// What the PDF renderer is given once `application.json` exists: the PDF prints its digest and
/// the key's fingerprint on every page, and carries the JSON inside.
#[derive(Clone, Copy, Debug)]
pub struct Stamp<'a> {
    pub application_json: &'a [u8],
    pub application_sha256: &'a str,
    pub key_fingerprint: &'a str,
    pub created_at: &'a str,
}

/// Makes `application.pdf` (the core's `pdf` module in the worker and the CLI).
pub trait RenderPdf {
    fn render(&self, stamp: &Stamp<'_>) -> Result<Vec<u8>, PackageError>;
}

/// Everything a package is made of; the time and key are passed in.
pub struct PackageInput<'a> {
    pub form: &'a dyn FormRules,
    /// The host's call configuration the form was built with (`{}` for the defaults).
    pub call: serde_json::Value,
    pub answers: &'a Answers,
    pub ctx: Context,
    /// ISO 8601 with offset, e.g. `2026-11-22T14:02:00+08:00`.
    pub created_at: String,
    /// Renders the filled paper form (`application.pdf`, which the verifier requires).
    pub pdf: Option<&'a dyn RenderPdf>,
    /// Name of the program making the package.
    pub generator: String,
    /// The definition file the form was built from, exactly as read: carried as `form.json`,
    /// so the verifier sees what the applicant saw (`None` only in tests of older packages).
    pub definition: Option<&'a str>,
}

/// A finished package and what identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    pub bytes: Vec<u8>,
    /// `申请包-<单位名称>-<date>.zip`.
    pub file_name: String,
    /// SHA-256 of `manifest.json` (what the signature covers).
    pub manifest_sha256: String,
    /// SHA-256 of `application.json` (answers and attachment hashes; printed on the PDF).
    pub application_sha256: String,
    pub key_fingerprint: String,
    pub algorithm: &'static str,
    pub attachments: usize,
}

/// Why no package was made. Nothing the applicant entered is changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageError {
    /// The application still has errors; only a valid application is packaged.
    Invalid { errors: Vec<Issue> },
    /// An attachment's bytes cannot be read.
    Unreadable { name: String, reason: String },
    /// An attachment over 50 MB.
    TooLarge { name: String, size: u64 },
    /// Attachments over 200 MB together.
    TooLargeInTotal { size: u64 },
    /// An attachment whose bytes changed while the package was being made.
    Changed { name: String },
    /// Writing the zip failed.
    Write { reason: String },
    /// The PDF could not be made (e.g. a character its fonts lack).
    #[cfg(feature = "pdf")]
    Pdf(crate::pdf::PdfError),
}

impl PackageError {
    /// The message in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        let mb = |b: u64| format!("{:.1}", b as f64 / (1024.0 * 1024.0));
        match self {
            PackageError::Invalid { errors } => {
                render(locale, key!("package.build.invalid"), &[("n", errors.len().to_string())])
            }
            PackageError::Unreadable { name, reason } => {
                render(locale, key!("package.build.unreadable"), &[("name", name.clone()), ("reason", reason.clone())])
            }
            PackageError::TooLarge { name, size } => render(
                locale,
                key!("package.build.too_large"),
                &[("name", name.clone()), ("size", mb(*size)), ("limit", mb(MAX_ATTACHMENT_BYTES))],
            ),
            PackageError::TooLargeInTotal { size } => render(
                locale,
                key!("package.build.too_large_total"),
                &[("size", mb(*size)), ("limit", mb(MAX_TOTAL_ATTACHMENT_BYTES))],
            ),
            PackageError::Changed { name } => render(locale, key!("package.build.changed"), &[("name", name.clone())]),
            PackageError::Write { reason } => {
                render(locale, key!("package.build.write"), &[("reason", reason.clone())])
            }
            #[cfg(feature = "pdf")]
            PackageError::Pdf(e) => e.text(locale),
        }
    }
}

/// Checks the attachment sizes the answers declare against the limits (before reading any bytes).
pub fn check_sizes(form: &dyn FormRules, answers: &Answers) -> Result<(), PackageError> {
    let mut total = 0u64;
    for (_, f) in answers.attachments(form.def()) {
        if f.size > MAX_ATTACHMENT_BYTES {
            return Err(PackageError::TooLarge { name: f.name.clone(), size: f.size });
        }
        total += f.size;
    }
    if total > MAX_TOTAL_ATTACHMENT_BYTES {
        return Err(PackageError::TooLargeInTotal { size: total });
    }
    Ok(())
}

/// Streams one attachment through SHA-256 (and `also`), counting its bytes.
fn digest(
    source: &dyn AttachmentSource,
    file: &FileRef,
    also: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
) -> Result<(String, u64), PackageError> {
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    source
        .read(file, &mut |chunk| {
            size += chunk.len() as u64;
            if size > MAX_ATTACHMENT_BYTES {
                return Err(std::io::Error::other("too large"));
            }
            hasher.update(chunk);
            also(chunk)
        })
        .map_err(|reason| match size > MAX_ATTACHMENT_BYTES {
            true => PackageError::TooLarge { name: file.name.clone(), size },
            false => PackageError::Unreadable { name: file.name.clone(), reason },
        })?;
    Ok((hex(&hasher.finalize()), size))
}

/// Makes the signed package of a valid application.
pub fn build(input: &PackageInput<'_>, source: &dyn AttachmentSource, key: &KeyPair) -> Result<Built, PackageError> {
    let report = validate(input.form, input.answers, &input.ctx);
    if !report.is_valid() {
        return Err(PackageError::Invalid { errors: report.errors().cloned().collect() });
    }
    check_sizes(input.form, input.answers)?;
    let refs = input.answers.attachments(input.form.def());

    // First pass: hash every attachment, so application.json (the first entry) can list them.
    let mut attachments = Vec::with_capacity(refs.len());
    let mut total = 0u64;
    for (i, (field, file)) in refs.iter().enumerate() {
        let (sha256, size) = digest(source, file, &mut |_| Ok(()))?;
        total += size;
        if total > MAX_TOTAL_ATTACHMENT_BYTES {
            return Err(PackageError::TooLargeInTotal { size: total });
        }
        attachments.push(AttachmentEntry {
            field: field.to_string(),
            id: file.id.clone(),
            path: attachment_path(i + 1, &file.name),
            name: file.name.clone(),
            media_type: file.media_type.clone(),
            size,
            sha256,
        });
    }
    let def = input.form.def();
    let app = Application {
        format: APPLICATION_FORMAT.into(),
        version: 1,
        form: ApplicationForm {
            id: def.id.into(),
            version: def.version.into(),
            definition_sha256: input.definition.map(|d| sha256_hex(d.as_bytes())),
        },
        rules_version: def.rules_version.into(),
        call: input.call.clone(),
        answers: input.answers.to_json(),
        attachments,
        created_at: input.created_at.clone(),
        generator: input.generator.clone(),
    };
    let app_json = canonical(&app);

    let write_err = |e: std::io::Error| PackageError::Write { reason: e.to_string() };
    let mut zip = ZipOut::new();
    let mut files = Vec::new();
    zip.add(APPLICATION_JSON, &app_json).map_err(write_err)?;
    files.push(FileEntry { path: APPLICATION_JSON.into(), size: app_json.len() as u64, sha256: sha256_hex(&app_json) });
    if let Some(d) = input.definition {
        zip.add(FORM_JSON, d.as_bytes()).map_err(write_err)?;
        files.push(FileEntry { path: FORM_JSON.into(), size: d.len() as u64, sha256: sha256_hex(d.as_bytes()) });
    }
    let public = key.public();
    if let Some(renderer) = input.pdf {
        let stamp = Stamp {
            application_json: &app_json,
            application_sha256: &files[0].sha256,
            key_fingerprint: &public.fingerprint(),
            created_at: &input.created_at,
        };
        let pdf = renderer.render(&stamp)?;
        zip.add(APPLICATION_PDF, &pdf).map_err(write_err)?;
        files.push(FileEntry { path: APPLICATION_PDF.into(), size: pdf.len() as u64, sha256: sha256_hex(&pdf) });
    }
    // Second pass: stream each attachment into the zip, checking it did not change meanwhile.
    // Attachments are stored, not deflated: scans and PDFs are compressed already, and a stored
    // entry can never look like a zip bomb to the verifier's ratio check.
    for ((_, file), entry) in refs.iter().zip(&app.attachments) {
        zip.start(&entry.path, false).map_err(write_err)?;
        let (sha256, size) = digest(source, file, &mut |chunk| zip.write(chunk))?;
        if sha256 != entry.sha256 || size != entry.size {
            return Err(PackageError::Changed { name: file.name.clone() });
        }
        files.push(FileEntry { path: entry.path.clone(), size, sha256 });
    }
    let manifest =
        Manifest { format: MANIFEST_FORMAT.into(), version: 1, application_sha256: files[0].sha256.clone(), files };
    let manifest_json = canonical(&manifest);
    zip.add(MANIFEST_JSON, &manifest_json).map_err(write_err)?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let signature = SignatureFile {
        algorithm: key.algorithm().name().into(),
        public_key: b64.encode(&public.spki),
        key_fingerprint: public.fingerprint(),
        signature: b64.encode(key.sign(&manifest_json)),
        signed_at: input.created_at.clone(),
    };
    zip.add(SIGNATURE_JSON, &canonical(&signature)).map_err(write_err)?;
    let bytes = zip.finish().map_err(write_err)?;
    Ok(Built {
        bytes,
        file_name: file_name(input.answers.text(def.name_field), &input.created_at),
        manifest_sha256: sha256_hex(&manifest_json),
        application_sha256: manifest.application_sha256,
        key_fingerprint: public.fingerprint(),
        algorithm: key.algorithm().name(),
        attachments: app.attachments.len(),
    })
}

/// `申请包-<unit>-<YYYY-MM-DD>.zip`, with characters file systems refuse replaced.
pub fn file_name(unit: &str, created_at: &str) -> String {
    let unit: String = unit
        .trim()
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .take(60)
        .collect();
    let unit = if unit.is_empty() { "未命名单位".to_string() } else { unit };
    let date: String = created_at.chars().take(10).collect();
    format!("申请包-{unit}-{date}.zip")
}
