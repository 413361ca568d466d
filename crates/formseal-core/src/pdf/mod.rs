//! The filled paper form as PDF/A-3b (feature `pdf`): the same form definition as the HTML form,
//! laid out as the paper table, fonts embedded and subset, `application.json` attached, and on
//! every page the package's identity (application digest and key fingerprint, text and QR code).
//!
//! Pure like the rest of the core: the fonts, the time and the identity are passed in, and the
//! same inputs give the same bytes.

mod compose;
mod draw;
mod fields;
mod fonts;
mod layout;
pub mod qr;
mod wrap;

#[cfg(test)]
mod tests;

pub use fonts::{BadFont, FontSet};
pub use wrap::{no_line_start, wrap};

use crate::form::{cells, display, Answers, FieldKind, FormDef};
use crate::messages::{render as msg, Locale};
use draw::{Footer, Sheet, FIRST_TOP, MARGIN_X, PAGE_H, PAGE_W, REST_TOP, TABLE_BOTTOM};
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::{Document, SerializeSettings};

/// What identifies the package the PDF belongs to (absent in a preview).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// SHA-256 of `application.json`: the answers and, through their hashes, the attachments.
    pub application_sha256: String,
    pub key_fingerprint: String,
}

/// Everything the PDF is made from.
pub struct PdfInput<'a> {
    pub form: &'a FormDef,
    pub answers: &'a Answers,
    /// ISO 8601 with offset, e.g. `2026-11-22T14:02:00+08:00`.
    pub created_at: &'a str,
    /// The package identity printed on every page; `None` for a preview.
    pub identity: Option<Identity>,
    /// Attached inside the PDF as `application.json` (PDF/A-3 associated file).
    pub application_json: Option<&'a [u8]>,
}

/// A character the PDF's fonts cannot draw, and where the applicant typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingChar {
    pub ch: char,
    /// The field's person-readable name (`编写人员第 2 行 · 姓名`).
    pub field: String,
}

/// Why no PDF was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// Characters no font has: named, so the applicant can write them another way.
    MissingChars(Vec<MissingChar>),
    /// A font file that cannot be read.
    BadFont(usize),
    /// krilla refused the document (a bug, reported as is).
    Render(String),
}

impl PdfError {
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::MissingChars(_) => key!("pdf.missing_chars"),
            PdfError::BadFont(_) => key!("pdf.bad_font"),
            PdfError::Render(_) => key!("pdf.render"),
        }
    }
    /// The message in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match self {
            PdfError::MissingChars(list) => {
                let chars: Vec<String> = list
                    .iter()
                    .map(|m| {
                        let code = format!("U+{:04X}", m.ch as u32);
                        // A control, bidirectional or zero-width character is shown as `\u{…}`
                        // by the message (`messages::fill`).
                        let ch = m.ch.to_string();
                        msg(
                            locale,
                            key!("pdf.missing_char"),
                            &[("char", ch), ("code", code), ("field", m.field.clone())],
                        )
                    })
                    .collect();
                let sep = if locale == Locale::ZhCn { "、" } else { "; " };
                msg(locale, key!("pdf.missing_chars"), &[("chars", chars.join(sep))])
            }
            PdfError::BadFont(i) => msg(locale, key!("pdf.bad_font"), &[("n", (i + 1).to_string())]),
            PdfError::Render(reason) => msg(locale, key!("pdf.render"), &[("reason", reason.clone())]),
        }
    }
}

/// Every character the PDF would print that `fonts` lacks, with the field it is in (the form's
/// own labels are covered by the first font: a test checks it).
pub fn missing_chars(form: &FormDef, answers: &Answers, fonts: &FontSet, locale: Locale) -> Vec<MissingChar> {
    let mut out: Vec<MissingChar> = Vec::new();
    let mut note = |text: &str, path: &str| {
        for ch in fonts.missing(text) {
            if !out.iter().any(|m| m.ch == ch) {
                out.push(MissingChar { ch, field: form.path_label(path, locale) });
            }
        }
    };
    for cell in cells(form, answers) {
        note(&display(cell.field, cell.value, Locale::ZhCn), &cell.path);
        // Options of choices are all printed, chosen or not (they may come from the host's call).
        if let FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } = &cell.field.kind {
            for o in options {
                note(&o.label.zh, &cell.path);
                if let Some(h) = &o.hint {
                    note(&h.zh, &cell.path);
                }
            }
        }
    }
    note(&form.title.zh, form.name_field);
    out
}

/// `2026-11-22 14:02（UTC+08:00）` from ISO 8601.
fn when(created_at: &str) -> String {
    let date = created_at.get(..10).unwrap_or(created_at);
    let time = created_at.get(11..16).unwrap_or("");
    let offset = created_at.get(19..).filter(|o| !o.is_empty()).map(|o| if o == "Z" { "+00:00" } else { o });
    match offset {
        Some(o) => msg(
            Locale::ZhCn,
            key!("pdf.when"),
            &[("date", date.to_string()), ("time", time.to_string()), ("offset", o.to_string())],
        ),
        None => format!("{date} {time}"),
    }
}

fn pdf_date(created_at: &str) -> Option<DateTime> {
    let num = |r: std::ops::Range<usize>| created_at.get(r).and_then(|s| s.parse::<u16>().ok());
    let mut d = DateTime::new(num(0..4)?).month(num(5..7)? as u8).day(num(8..10)? as u8);
    d = d.hour(num(11..13)? as u8).minute(num(14..16)? as u8).second(num(17..19)? as u8);
    let tz = created_at.get(19..).unwrap_or("");
    if let (Some(sign), Some(h), Some(m)) = (tz.chars().next(), tz.get(1..3), tz.get(4..6)) {
        let (h, m): (i8, u8) = (h.parse().ok()?, m.parse().ok()?);
        d = d.utc_offset_hour(if sign == '-' { -h } else { h }).utc_offset_minute(m);
    } else if tz == "Z" {
        d = d.utc_offset_hour(0).utc_offset_minute(0);
    }
    Some(d)
}

/// Renders the filled paper form. Fails with the characters the fonts lack, never with empty boxes.
pub fn render(input: &PdfInput<'_>, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    render_with(input, fonts, true)
}

/// [`render`], with the page named in each page's QR code (`qr_pages`), or the identity alone
/// as packages made before 2026-12-02 print it — for the verifier, which makes a package's PDF
/// again to compare it byte for byte.
pub fn render_with(input: &PdfInput<'_>, fonts: &FontSet, qr_pages: bool) -> Result<Vec<u8>, PdfError> {
    let missing = missing_chars(input.form, input.answers, fonts, Locale::ZhCn);
    if !missing.is_empty() {
        return Err(PdfError::MissingChars(missing));
    }
    let zh = Locale::ZhCn;
    let flow = compose::Composer::new(fonts, PAGE_W - 2.0 * MARGIN_X).form(input.form, input.answers);
    let pages = layout::paginate(&flow, TABLE_BOTTOM - FIRST_TOP, TABLE_BOTTOM - REST_TOP);

    let footer = match &input.identity {
        Some(id) => Footer {
            lines: vec![
                msg(zh, key!("pdf.footer.application"), &[("digest", id.application_sha256.clone())]),
                msg(zh, key!("pdf.footer.key"), &[("fingerprint", id.key_fingerprint.clone())]),
                msg(zh, key!("pdf.footer.how"), &[]),
            ],
            qr: None,
            qr_pages: true,
        },
        None => {
            let recipient = [("recipient", input.form.process.recipient.zh.to_string())];
            Footer {
                lines: vec![
                    msg(zh, key!("pdf.footer.preview"), &[]),
                    msg(zh, key!("pdf.footer.preview_how"), &recipient),
                ],
                qr: None,
                qr_pages: true,
            }
        }
    };
    let payload = input.identity.as_ref().map(|id| qr::payload(&id.application_sha256, &id.key_fingerprint));
    let footer = Footer { qr: payload.as_deref(), qr_pages, ..footer };
    let subtitle = match input.identity {
        Some(_) => msg(zh, key!("pdf.subtitle"), &[("when", when(input.created_at))]),
        None => msg(zh, key!("pdf.subtitle.preview"), &[("when", when(input.created_at))]),
    };
    let title = input.form.title.zh.to_string();
    let sheet = Sheet { fonts, title: &title, subtitle: &subtitle, footer: &footer };

    let configuration = ConfigurationBuilder::new()
        .set_validator(Validator::A(Archival::A3_B))
        .finish()
        .map_err(|e| PdfError::Render(format!("{e:?}")))?;
    let settings = SerializeSettings { configuration, ..SerializeSettings::default() };
    let mut doc = Document::new_with(settings);
    let unit = input.answers.text(input.form.name_field).trim();
    let mut meta = Metadata::new()
        .title(match unit.is_empty() {
            true => title.clone(),
            false => {
                fill_raw(crate::messages::template(zh, key!("pdf.doc_title")), &[("title", &title), ("unit", unit)])
            }
        })
        .language("zh-CN".into())
        .creator(format!("formseal {}", env!("CARGO_PKG_VERSION")))
        .producer("formseal (krilla)".into());
    if let Some(d) = pdf_date(input.created_at) {
        meta = meta.creation_date(d);
    }
    if let Some(id) = &input.identity {
        meta = meta.document_id(id.application_sha256.clone());
    }
    doc.set_metadata(meta);
    if let Some(json) = input.application_json {
        doc.embed_file(EmbeddedFile {
            path: crate::package::APPLICATION_JSON.into(),
            mime_type: MimeType::new("application/json"),
            description: Some(msg(zh, key!("pdf.attachment"), &[])),
            association_kind: AssociationKind::Source,
            data: json.to_vec().into(),
            modification_date: pdf_date(input.created_at),
            compress: Some(true),
            location: None,
        });
    }
    let total = pages.len();
    for (i, rows) in pages.iter().enumerate() {
        let size = PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size");
        let mut page = doc.start_page_with(size);
        let mut surface = page.surface();
        sheet.page(&mut surface, &flow, rows, i + 1, total);
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Render(format!("{e:?}")))
}

/// The package's PDF renderer: called by [`crate::package::build`] once `application.json` exists.
pub struct Renderer<'a> {
    pub form: &'a FormDef,
    pub answers: &'a Answers,
    pub fonts: &'a FontSet,
}

impl crate::package::RenderPdf for Renderer<'_> {
    fn render(&self, stamp: &crate::package::Stamp<'_>) -> Result<Vec<u8>, crate::package::PackageError> {
        let input = PdfInput {
            form: self.form,
            answers: self.answers,
            created_at: stamp.created_at,
            identity: Some(Identity {
                application_sha256: stamp.application_sha256.to_string(),
                key_fingerprint: stamp.key_fingerprint.to_string(),
            }),
            application_json: Some(stamp.application_json),
        };
        render(&input, self.fonts).map_err(crate::package::PackageError::Pdf)
    }
}

/// `template` with its `{name}` placeholders replaced by `params` in one pass, the values as they
/// are: the paper form draws an answer as typed (a tab as a space), where a message
/// (`messages::fill`) shows hidden characters as `\u{…}`. A package's PDF is compared byte for
/// byte with the one made again, so what it draws may not change with how messages are shown.
/// The same scan as `messages::fill`, written again on purpose: one scan shared by both (a
/// `substitute` taking a closure, or `fill` generic over showing) left the browser's code the same
/// length but made the AII first view 302 bytes larger under brotli, over its budget.
pub(crate) fn fill_raw(template: &str, params: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        match params.iter().find(|(n, _)| *n == &after[..close]) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}
