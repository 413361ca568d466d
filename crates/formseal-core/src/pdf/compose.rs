//! From the form definition and the answers to the paper form's table: one band per section,
//! fields packed into lines as on paper (label cell, answer cell), choices as ticked boxes,
//! repeatable rows as a table with a header or as one block per row, and the seal block.
//!
//! Nothing here names a field of a particular form: the layout follows from each field's kind.

use super::fields::{date_words, is_block, is_columnar, shown, weight};
use super::fill_raw;
use super::fonts::FontSet;
use super::layout::{Align, Cell, Flow, LineBox, Row, Span, BODY, LINE, PAD};
use super::wrap::wrap;
use crate::form::{Answers, Cond, FieldDef, FieldKind, FormDef, Value};
use crate::messages::{render, template, Locale};
use std::collections::BTreeMap;

/// Width of the band (section title) column and the smallest label cell, in points.
pub const BAND_W: f32 = 58.0;
const LABEL_W: f32 = 50.0;
/// A line of fields holds this many units (see [`weight`]).
pub(super) const UNITS: u8 = 6;
/// Width of a check box and the gap after it.
pub const CHECK_W: f32 = 13.0;
const NUMBER_W: f32 = 30.0;
/// Height of the seal block: room for a 42 mm seal.
const SEAL_H: f32 = 132.0;

const ZH: Locale = Locale::ZhCn;

pub struct Composer<'a> {
    fonts: &'a FontSet,
    /// Width of the table; the fields use `width - BAND_W`.
    width: f32,
    flow: Flow,
    band: usize,
}

impl<'a> Composer<'a> {
    pub fn new(fonts: &'a FontSet, width: f32) -> Self {
        Composer { fonts, width, flow: Flow::default(), band: 0 }
    }

    fn inner(&self) -> f32 {
        self.width - BAND_W
    }

    /// Text wrapped into lines for a cell `w` wide.
    fn lines(&self, text: &str, w: f32, bold: bool) -> Vec<LineBox> {
        wrap(self.fonts, text, BODY, w - 2.0 * PAD)
            .into_iter()
            .map(|t| vec![Span::Text { x: 0.0, text: t, bold }])
            .collect()
    }

    /// Check boxes with their labels, flowing over as many lines as they need.
    fn checks(&self, items: &[(bool, String)], w: f32) -> Vec<LineBox> {
        let avail = w - 2.0 * PAD;
        let mut lines: Vec<LineBox> = vec![Vec::new()];
        let mut x = 0.0;
        for (checked, text) in items {
            let tw = self.fonts.width(text, BODY);
            if x > 0.0 && x + CHECK_W + tw > avail {
                lines.push(Vec::new());
                x = 0.0;
            }
            let line = lines.last_mut().expect("a line");
            line.push(Span::Check { x, checked: *checked });
            let wrapped = wrap(self.fonts, text, BODY, avail - CHECK_W);
            for (i, part) in wrapped.iter().enumerate() {
                if i > 0 {
                    lines.push(Vec::new());
                }
                let line = lines.last_mut().expect("a line");
                line.push(Span::Text { x: x + CHECK_W, text: part.clone(), bold: false });
            }
            x = if wrapped.len() > 1 { avail } else { x + CHECK_W + tw + 8.0 };
        }
        lines
    }

    fn push(&mut self, cells: Vec<Cell>) -> &mut Row {
        self.flow.rows.push(Row::new(self.band, cells));
        self.flow.rows.last_mut().expect("just pushed")
    }

    /// A full-width line of bold text (a caption or a row block's title).
    fn caption(&mut self, text: &str) {
        let lines = self.lines(text, self.inner(), true);
        self.push(vec![Cell::new(BAND_W, self.inner(), lines)]).keep_with_next = true;
    }

    /// Lays out the whole form.
    /// The paper form's sections come first, in order, closed by the seal block; sections that
    /// are not on the paper form (`addition`) follow under a caption that says so, each band
    /// marked as an addendum, so that the printed form still matches the official one.
    pub fn form(mut self, def: &FormDef, answers: &Answers) -> Flow {
        let (paper, additions): (Vec<_>, Vec<_>) = def.sections.iter().partition(|s| !s.addition);
        let mut captioned = false;
        for section in paper.into_iter().chain(additions) {
            let fields: Vec<&FieldDef> = section.fields.iter().filter(|f| f.visible(answers)).collect();
            if fields.is_empty() {
                continue;
            }
            let band_title = if section.addition {
                render(ZH, key!("pdf.addition_band"), &[("title", section.title.zh.to_string())])
            } else {
                section.title.zh.to_string()
            };
            self.band = self.flow.bands.len();
            let band_lines = wrap(self.fonts, &band_title, BODY, BAND_W - 2.0 * PAD);
            self.flow.bands.push(band_lines);
            if section.addition && !captioned {
                self.caption(&render(ZH, key!("pdf.additions"), &[]));
                captioned = true;
            }
            let seal = (section.id == def.seal.section).then_some(&def.seal);
            let fields: Vec<&FieldDef> =
                fields.into_iter().filter(|f| seal.is_none_or(|s| s.date_field != f.id)).collect();
            self.fields(&fields, &answers.0, &section.title.zh);
            if let Some(s) = seal {
                let date = format!("{}{}", date_words(answers.text(s.date_field)), s.date_note.zh);
                let n = ((SEAL_H - 2.0 * PAD) / LINE) as usize;
                let mut lines: Vec<LineBox> = vec![Vec::new(); n];
                lines[1] = vec![Span::Text { x: -90.0, text: s.signature.zh.to_string(), bold: false }];
                lines[n - 2] = vec![Span::Text { x: -10.0, text: date, bold: false }];
                let mut cell = Cell::new(BAND_W, self.inner(), lines);
                cell.align = Align::Right;
                let row = self.push(vec![cell]);
                row.min_height = SEAL_H;
                row.keep_whole = true;
            }
        }
        self.flow
    }

    /// The fields of one scope (the form's section, or one repeatable row), packed into lines.
    fn fields(&mut self, fields: &[&FieldDef], values: &BTreeMap<String, Value>, band_title: &str) {
        // A field shown only for one option of a choice is printed inside that option (其他：……).
        let inline: Vec<&str> = fields
            .iter()
            .filter(
                |f| matches!(f.visible_if, Some(Cond::Equals { field, .. }) if fields.iter().any(|g| g.id == field)),
            )
            .map(|f| f.id)
            .collect();
        let mut line: Vec<(&FieldDef, u8)> = Vec::new();
        for f in fields.iter().copied().filter(|f| !inline.contains(&f.id)) {
            if is_block(f) {
                self.line(&line, fields, values, band_title);
                line.clear();
                self.block(f, values, band_title);
                continue;
            }
            let w = weight(f);
            if line.iter().map(|(_, w)| w).sum::<u8>() + w > UNITS {
                self.line(&line, fields, values, band_title);
                line.clear();
            }
            line.push((f, w));
        }
        self.line(&line, fields, values, band_title);
    }

    /// One line of label + answer pairs; the last pair takes what is left of the line.
    fn line(&mut self, items: &[(&FieldDef, u8)], scope: &[&FieldDef], values: &BTreeMap<String, Value>, band: &str) {
        if items.is_empty() {
            return;
        }
        let unit = self.inner() / f32::from(UNITS);
        let mut x = BAND_W;
        let mut cells = Vec::new();
        for (i, (f, w)) in items.iter().enumerate() {
            let item_w = if i + 1 == items.len() { self.width - x } else { unit * f32::from(*w) };
            let label = f.label.zh.as_ref();
            let value_x = if label == band {
                x
            } else {
                let want = self.fonts.width(label, BODY) + 2.0 * PAD + 1.0;
                let lw = want.clamp(LABEL_W, (item_w * 0.4).max(LABEL_W));
                cells.push(Cell::label(x, lw, self.lines(label, lw, false)));
                x + lw
            };
            let value_w = x + item_w - value_x;
            let lines = self.answer(f, scope, values, value_w, false);
            cells.push(Cell::new(value_x, value_w, lines));
            x += item_w;
        }
        self.push(cells);
    }

    /// The answer cell's lines for a field that is not a block.
    /// In a table row (`table`) only a few options fit as boxes; otherwise the chosen one is printed.
    fn answer(
        &self,
        f: &FieldDef,
        scope: &[&FieldDef],
        values: &BTreeMap<String, Value>,
        w: f32,
        table: bool,
    ) -> Vec<LineBox> {
        let v = values.get(f.id);
        match &f.kind {
            FieldKind::Choice { options } if options.len() <= 3 || !table => {
                let chosen = match v {
                    Some(Value::Text(t)) => t.as_str(),
                    _ => "",
                };
                let items: Vec<(bool, String)> = options
                    .iter()
                    .map(|o| {
                        let mut text = o.label.zh.to_string();
                        // The option's own fields, printed after it: one as 其他：……, several
                        // each with its label (境内注册（统一社会信用代码：……；邮编：……）).
                        let own: Vec<&FieldDef> = scope
                            .iter()
                            .copied()
                            .filter(|g| {
                                matches!(g.visible_if, Some(Cond::Equals { field, value }) if field == f.id && value == o.value)
                            })
                            .collect();
                        let answer = |g: &FieldDef| {
                            let t = shown(g, values.get(g.id));
                            if t.is_empty() { "________".to_string() } else { t }
                        };
                        let labelled = |label: String, g: &FieldDef| {
                            fill_raw(template(ZH, key!("pdf.answer")), &[("label", &label), ("answer", &answer(g))])
                        };
                        match own.as_slice() {
                            [] => {}
                            [g] => text = labelled(text, g),
                            many => {
                                let parts: Vec<String> =
                                    many.iter().map(|g| labelled(g.label.zh.to_string(), g)).collect();
                                let answers = parts.join("；");
                                let params = [("option", text.as_str()), ("answers", answers.as_str())];
                                text = fill_raw(template(ZH, key!("pdf.option_answers")), &params);
                            }
                        }
                        (o.value == chosen, text)
                    })
                    .collect();
                self.checks(&items, w)
            }
            FieldKind::MultiChoice { options, .. } => {
                let list: &[String] = match v {
                    Some(Value::List(l)) => l,
                    _ => &[],
                };
                let items: Vec<(bool, String)> = options
                    .iter()
                    .map(|o| {
                        let text = match &o.hint {
                            Some(h) => format!("{} {}", o.label.zh, h.zh),
                            None => o.label.zh.to_string(),
                        };
                        (list.contains(&o.value), text)
                    })
                    .collect();
                self.checks(&items, w)
            }
            _ => self.lines(&shown(f, v), w, false),
        }
    }

    /// A field across the whole line: long text, a declaration, or repeatable rows.
    fn block(&mut self, f: &FieldDef, values: &BTreeMap<String, Value>, band: &str) {
        let w = self.inner();
        match (&f.kind, values.get(f.id)) {
            (FieldKind::Agree { statement }, v) => {
                let checked = matches!(v, Some(Value::Bool(true)));
                let mut lines = self.lines(&statement.zh, w - CHECK_W, false);
                for line in &mut lines {
                    for span in line.iter_mut() {
                        if let Span::Text { x, .. } = span {
                            *x += CHECK_W;
                        }
                    }
                }
                if let Some(first) = lines.first_mut() {
                    first.insert(0, Span::Check { x: 0.0, checked });
                }
                self.push(vec![Cell::new(BAND_W, w, lines)]);
            }
            (FieldKind::Rows { fields, row_label, .. }, v) => {
                let rows = match v {
                    Some(Value::Rows(r)) => r.as_slice(),
                    _ => &[],
                };
                if f.label.zh != band {
                    self.caption(&f.label.zh);
                }
                if rows.is_empty() {
                    let lines = self.lines(&render(ZH, key!("pdf.no_rows"), &[]), w, false);
                    self.push(vec![Cell::new(BAND_W, w, lines)]);
                } else if is_columnar(fields) {
                    self.table(fields, rows);
                } else {
                    for (i, row) in rows.iter().enumerate() {
                        self.caption(&format!("{} {}", row_label.zh, i + 1));
                        let visible: Vec<&FieldDef> = fields.iter().filter(|s| s.visible_in(&row.values)).collect();
                        self.fields(&visible, &row.values, "");
                    }
                }
            }
            (_, v) => {
                let mut lines = Vec::new();
                if f.label.zh != band {
                    let label = render(ZH, key!("pdf.block_label"), &[("label", f.label.zh.to_string())]);
                    lines.extend(self.lines(&label, w, true));
                }
                lines.extend(self.lines(&shown(f, v), w, false));
                let min = if lines.len() < 3 { 3.0 * LINE + 2.0 * PAD } else { 0.0 };
                self.push(vec![Cell::new(BAND_W, w, lines)]).min_height = min;
            }
        }
    }

    /// Repeatable rows side by side under a header row (repeated on every page it goes on to).
    fn table(&mut self, fields: &[FieldDef], rows: &[crate::form::Row]) {
        // A wide field takes two thirds of a line beside short ones.
        let col = |f: &FieldDef| f32::from(weight(f).min(4));
        let total: f32 = fields.iter().map(col).sum();
        let avail = self.inner() - NUMBER_W;
        let mut xs = vec![(BAND_W, NUMBER_W)];
        let mut x = BAND_W + NUMBER_W;
        for f in fields {
            let w = avail * col(f) / total;
            xs.push((x, w));
            x += w;
        }
        let number = render(ZH, key!("pdf.row_number"), &[]);
        let mut header = vec![Cell::label(xs[0].0, xs[0].1, self.lines(&number, xs[0].1, false))];
        for (f, (x, w)) in fields.iter().zip(&xs[1..]) {
            header.push(Cell::label(*x, *w, self.lines(&f.label.zh, *w, false)));
        }
        let table = self.flow.headers.len();
        let mut header_row = Row::new(self.band, header);
        header_row.table = Some(table);
        header_row.keep_with_next = true;
        self.flow.headers.push(header_row.clone());
        self.flow.rows.push(header_row);
        for (i, row) in rows.iter().enumerate() {
            let mut number = Cell::new(xs[0].0, xs[0].1, self.lines(&(i + 1).to_string(), xs[0].1, false));
            number.align = Align::Center;
            let mut cells = vec![number];
            let scope: Vec<&FieldDef> = fields.iter().collect();
            for (f, (x, w)) in fields.iter().zip(&xs[1..]) {
                let lines =
                    if f.visible_in(&row.values) { self.answer(f, &scope, &row.values, *w, true) } else { Vec::new() };
                cells.push(Cell::new(*x, *w, lines));
            }
            self.push(cells).table = Some(table);
        }
    }
}
