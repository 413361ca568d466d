//! The PDF's fonts: which face draws each character, its glyph and its advance.
//!
//! The faces are passed in (the browser fetches them, the CLI embeds them): first the GB2312 part,
//! then, only when the text needs it, the rest of GBK. A character no face has is never drawn as
//! an empty box: [`FontSet::missing`] names it before anything is rendered.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// One glyph: the face it comes from, its id and its advance in em.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub face: usize,
    pub id: u32,
    pub advance: f32,
}

struct Face {
    data: Arc<Vec<u8>>,
    pdf: krilla::text::Font,
}

/// The faces of a PDF, in order of preference.
pub struct FontSet {
    faces: Vec<Face>,
    cache: RefCell<HashMap<char, Option<Glyph>>>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontSet({} faces)", self.faces.len())
    }
}

/// A font file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadFont {
    pub index: usize,
}

impl FontSet {
    /// The faces, each an OpenType file (the first face of it is used).
    pub fn new(files: Vec<Vec<u8>>) -> Result<FontSet, BadFont> {
        let mut faces = Vec::with_capacity(files.len());
        for (index, bytes) in files.into_iter().enumerate() {
            let data = Arc::new(bytes);
            FontRef::from_index(&data, 0).map_err(|_| BadFont { index })?;
            let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = data.clone();
            let pdf = krilla::text::Font::new(shared.into(), 0).ok_or(BadFont { index })?;
            faces.push(Face { data, pdf });
        }
        Ok(FontSet { faces, cache: RefCell::new(HashMap::new()) })
    }

    /// How many faces there are.
    pub fn len(&self) -> usize {
        self.faces.len()
    }

    pub fn is_empty(&self) -> bool {
        self.faces.is_empty()
    }

    /// The glyph drawing `c`, from the first face that has it.
    pub fn glyph(&self, c: char) -> Option<Glyph> {
        if let Some(g) = self.cache.borrow().get(&c) {
            return *g;
        }
        let found = self.faces.iter().enumerate().find_map(|(i, face)| {
            let font = FontRef::from_index(&face.data, 0).ok()?;
            let id = font.charmap().map(c)?;
            let upem = font.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
            let advance = font.glyph_metrics(Size::unscaled(), LocationRef::default()).advance_width(id)?;
            Some(Glyph { face: i, id: id.to_u32(), advance: advance / upem })
        });
        self.cache.borrow_mut().insert(c, found);
        found
    }

    /// Whether some face draws `c` (line breaks and other controls are never drawn).
    pub fn covers(&self, c: char) -> bool {
        c.is_control() || self.glyph(c).is_some()
    }

    /// The characters of `text` that no face draws, each once, in order of appearance.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !self.covers(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Width of `text` at `size` points (characters no face has count as nothing).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().filter_map(|c| self.glyph(c)).map(|g| g.advance * size).sum()
    }

    pub(crate) fn pdf_font(&self, face: usize) -> krilla::text::Font {
        self.faces[face].pdf.clone()
    }
}
