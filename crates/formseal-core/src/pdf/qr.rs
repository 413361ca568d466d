//! The QR code printed on every page: the package identity in a form a phone can read.

use krilla::geom::{PathBuilder, Rect};
use krilla::surface::Surface;
use qrcode::{Color, EcLevel, QrCode};

/// The QR payload: `FORMSEAL APP:<application digest> KEY:<key fingerprint>`, upper-case hex so
/// the code uses the compact alphanumeric mode.
pub fn payload(application_sha256: &str, key_fingerprint: &str) -> String {
    format!("FORMSEAL APP:{} KEY:{}", application_sha256.to_ascii_uppercase(), key_fingerprint.to_ascii_uppercase())
}

/// Draws the QR code of `data` in the square at `(x, y)` of side `side`, quiet zone included.
pub fn draw(s: &mut Surface, data: &str, x: f32, y: f32, side: f32) {
    let Ok(code) = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M) else { return };
    let n = code.width();
    let module = side / (n + 4) as f32;
    let colors = code.to_colors();
    let mut pb = PathBuilder::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let (cx, cy) = ((i % n + 2) as f32, (i / n + 2) as f32);
            if let Some(r) = Rect::from_xywh(x + cx * module, y + cy * module, module, module) {
                pb.push_rect(r);
            }
        }
    }
    if let Some(path) = pb.finish() {
        s.set_stroke(None);
        s.set_fill(Some(super::draw::black()));
        s.draw_path(&path);
    }
}
