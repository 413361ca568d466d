//! Drawing the paginated table with krilla: grid, text in the embedded fonts, check boxes, the
//! title, and on every page the page number, the package's identity as text and as a QR code.

use super::fonts::FontSet;
use super::layout::{Align, Cell, Flow, Placed, Span, BODY, LINE, PAD};
use super::qr;
use crate::messages::{render as msg, Locale};
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::KrillaGlyph;

/// A4 in points, and the margins.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 51.0;
const MARGIN_TOP: f32 = 48.0;
const FOOTER_H: f32 = 66.0;
const MARGIN_BOTTOM: f32 = 34.0;
/// Where the table starts on the first page (under the title) and on the others.
pub const FIRST_TOP: f32 = MARGIN_TOP + 52.0;
pub const REST_TOP: f32 = MARGIN_TOP + 16.0;
/// Where the table must end, above the footer.
pub const TABLE_BOTTOM: f32 = PAGE_H - MARGIN_BOTTOM - FOOTER_H - 8.0;
const TITLE: f32 = 16.0;
const SMALL: f32 = 8.0;
const GRID: f32 = 0.6;
/// The paper form is printed in Chinese.
const ZH: Locale = Locale::ZhCn;

/// What each page prints at its foot: the package identity, or the preview notice.
pub struct Footer<'a> {
    pub lines: Vec<String>,
    pub qr: Option<&'a str>,
    /// The QR code also names its page (`PAGE:2/3`), so that a missing paper page is named;
    /// packages made before that have the identity alone.
    pub qr_pages: bool,
}

/// The page's furniture and content.
pub struct Sheet<'a> {
    pub fonts: &'a FontSet,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub footer: &'a Footer<'a>,
}

impl Sheet<'_> {
    /// Draws `text` with its baseline at `(x, y)`, switching faces where the text needs it.
    pub fn text(&self, s: &mut Surface, x: f32, y: f32, text: &str, size: f32, bold: bool) {
        let mut runs: Vec<(usize, String, Vec<KrillaGlyph>)> = Vec::new();
        for c in text.chars() {
            let Some(g) = self.fonts.glyph(c) else { continue };
            if runs.last().is_none_or(|r| r.0 != g.face) {
                runs.push((g.face, String::new(), Vec::new()));
            }
            let run = runs.last_mut().expect("a run");
            let start = run.1.len();
            run.1.push(c);
            let glyph = krilla::text::GlyphId::new(g.id);
            run.2.push(KrillaGlyph::new(glyph, g.advance, 0.0, 0.0, 0.0, start..run.1.len(), None));
        }
        s.set_fill(Some(Fill::default()));
        s.set_stroke(bold.then(|| Stroke { width: 0.3, ..Stroke::default() }));
        let mut pen = x;
        for (face, run, glyphs) in &runs {
            s.draw_glyphs(Point::from_xy(pen, y), glyphs, self.fonts.pdf_font(*face), run, size, false);
            pen += glyphs.iter().map(|g| g.x_advance * size).sum::<f32>();
        }
        s.set_stroke(None);
    }

    fn rect(&self, s: &mut Surface, x: f32, y: f32, w: f32, h: f32, width: f32) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            pb.push_rect(r);
        }
        if let Some(path) = pb.finish() {
            s.set_fill(None);
            s.set_stroke(Some(Stroke { width, ..Stroke::default() }));
            s.draw_path(&path);
            s.set_stroke(None);
        }
    }

    /// A check box whose bottom sits on the baseline `y`; ticked with a √ (which `pdftotext` gives back).
    fn check(&self, s: &mut Surface, x: f32, y: f32, checked: bool) {
        let side = BODY * 0.8;
        self.rect(s, x, y - side + 0.5, side, side, 0.6);
        if checked {
            self.text(s, x + 0.6, y - 0.4, "√", BODY * 0.85, true);
        }
    }

    fn cell(&self, s: &mut Surface, left: f32, top: f32, h: f32, cell: &Cell) {
        let x = left + cell.x;
        self.rect(s, x, top, cell.w, h, GRID);
        let content = cell.lines.len() as f32 * LINE;
        let mut y = top + PAD;
        if cell.label {
            y = top + (h - content) / 2.0;
        }
        for line in &cell.lines {
            let baseline = y + (LINE - BODY) / 2.0 + BODY * 0.86;
            let width = line_width(self.fonts, line);
            let shift = match cell.align {
                Align::Left => 0.0,
                Align::Center => ((cell.w - 2.0 * PAD) - width).max(0.0) / 2.0,
                Align::Right => (cell.w - 2.0 * PAD) - width,
            };
            for span in line {
                match span {
                    Span::Text { x: dx, text, bold } => {
                        self.text(s, x + PAD + shift + dx, baseline, text, BODY, *bold);
                    }
                    Span::Check { x: dx, checked } => self.check(s, x + PAD + shift + dx, baseline, *checked),
                }
            }
            y += LINE;
        }
    }

    /// Draws one page: its rows, the band cells beside them, title or running head, and footer.
    pub fn page(&self, s: &mut Surface, flow: &Flow, rows: &[Placed], number: usize, pages: usize) {
        let top = if number == 1 { FIRST_TOP } else { REST_TOP };
        if number == 1 {
            let w = self.fonts.width(self.title, TITLE);
            self.text(s, (PAGE_W - w) / 2.0, MARGIN_TOP + TITLE, self.title, TITLE, true);
            let sw = self.fonts.width(self.subtitle, SMALL);
            self.text(s, PAGE_W - MARGIN_X - sw, FIRST_TOP - 6.0, self.subtitle, SMALL, false);
        } else {
            let head = msg(ZH, key!("pdf.continued"), &[("title", self.title.to_string())]);
            self.text(s, MARGIN_X, MARGIN_TOP + SMALL, &head, SMALL, false);
        }
        // Bands: one cell for each run of rows of the same section on this page.
        let mut i = 0;
        while i < rows.len() {
            let band = rows[i].row.band;
            let mut j = i;
            while j + 1 < rows.len() && rows[j + 1].row.band == band {
                j += 1;
            }
            let (y0, y1) = (rows[i].y, rows[j].y + rows[j].h);
            let lines: Vec<Vec<Span>> =
                flow.bands[band].iter().map(|t| vec![Span::Text { x: 0.0, text: t.clone(), bold: false }]).collect();
            let band_cell = Cell::label(0.0, super::compose::BAND_W, lines);
            self.cell(s, MARGIN_X, top + y0, y1 - y0, &band_cell);
            i = j + 1;
        }
        for placed in rows {
            for cell in &placed.row.cells {
                self.cell(s, MARGIN_X, top + placed.y, placed.h, cell);
            }
        }
        self.foot(s, number, pages);
    }

    fn foot(&self, s: &mut Surface, number: usize, pages: usize) {
        let top = PAGE_H - MARGIN_BOTTOM - FOOTER_H;
        let mut y = top + SMALL + 4.0;
        let page = msg(ZH, key!("pdf.page"), &[("number", number.to_string()), ("pages", pages.to_string())]);
        let pw = self.fonts.width(&page, SMALL);
        self.text(s, (PAGE_W - pw) / 2.0, PAGE_H - MARGIN_BOTTOM + 12.0, &page, SMALL, false);
        let width = PAGE_W - 2.0 * MARGIN_X - FOOTER_H - 10.0;
        for line in self.footer.lines.iter().flat_map(|l| super::wrap::wrap(self.fonts, l, SMALL, width)) {
            self.text(s, MARGIN_X, y, &line, SMALL, false);
            y += SMALL * 1.6;
        }
        if let Some(payload) = self.footer.qr {
            let payload = match self.footer.qr_pages {
                true => qr::with_page(payload, number, pages),
                false => payload.to_string(),
            };
            qr::draw(s, &payload, PAGE_W - MARGIN_X - FOOTER_H, top, FOOTER_H);
        }
    }
}

fn line_width(fonts: &FontSet, line: &[Span]) -> f32 {
    line.iter()
        .map(|s| match s {
            Span::Text { x, text, .. } => x + fonts.width(text, BODY),
            Span::Check { x, .. } => x + super::compose::CHECK_W,
        })
        .fold(0.0, f32::max)
}

/// Black fill for the QR modules.
pub(crate) fn black() -> Fill {
    Fill { paint: luma::Color::black().into(), ..Fill::default() }
}
