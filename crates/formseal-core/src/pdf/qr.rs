//! The QR code printed on every page: the package identity in a form a phone can read.

use krilla::geom::{PathBuilder, Rect};
use krilla::surface::Surface;
use qrcode::{Color, EcLevel, QrCode};

/// The QR payload: `FORMSEAL APP:<application digest> KEY:<key fingerprint>`, upper-case hex so
/// the code uses the compact alphanumeric mode.
pub fn payload(application_sha256: &str, key_fingerprint: &str) -> String {
    format!("FORMSEAL APP:{} KEY:{}", application_sha256.to_ascii_uppercase(), key_fingerprint.to_ascii_uppercase())
}

/// The payload of one page: the identity and `PAGE:<number>/<pages>`.
pub fn with_page(payload: &str, number: usize, pages: usize) -> String {
    format!("{payload} PAGE:{number}/{pages}")
}

/// What a page's QR code says: the application digest and key fingerprint (lower-case hex), and
/// the page's number and the page count when it names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scanned {
    pub application_sha256: String,
    pub key_fingerprint: String,
    pub page: Option<(usize, usize)>,
}

/// Reads a QR payload [`payload`] / [`with_page`] made; `None` for anything else.
pub fn parse(text: &str) -> Option<Scanned> {
    let hex = |s: &str| (s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| s.to_ascii_lowercase());
    let mut words = text.trim().split(' ');
    if words.next()? != "FORMSEAL" {
        return None;
    }
    let application_sha256 = hex(words.next()?.strip_prefix("APP:")?)?;
    let key_fingerprint = hex(words.next()?.strip_prefix("KEY:")?)?;
    let page = match words.next() {
        None => None,
        Some(w) => {
            let (n, total) = w.strip_prefix("PAGE:")?.split_once('/')?;
            let (n, total) = (n.parse::<usize>().ok()?, total.parse::<usize>().ok()?);
            if n == 0 || n > total || total > 10_000 {
                return None;
            }
            Some((n, total))
        }
    };
    if words.next().is_some() {
        return None;
    }
    Some(Scanned { application_sha256, key_fingerprint, page })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_payload_reads_back() {
        let (app, key) = ("ab".repeat(32), "CD".repeat(32));
        let text = with_page(&payload(&app, &key), 2, 3);
        assert_eq!(text, format!("FORMSEAL APP:{} KEY:{} PAGE:2/3", app.to_uppercase(), key));
        let s = parse(&text).unwrap();
        assert_eq!((s.application_sha256, s.key_fingerprint, s.page), (app.clone(), key.to_lowercase(), Some((2, 3))));
        assert_eq!(parse(&payload(&app, &key)).unwrap().page, None, "packages made before pages were named");
        for bad in [
            "",
            "hello",
            "FORMSEAL APP:12 KEY:34",
            &format!("FORMSEAL APP:{app} KEY:{key} PAGE:4/3"),
            &format!("FORMSEAL APP:{app} KEY:{key} PAGE:0/3"),
            &format!("FORMSEAL APP:{app} KEY:{key} PAGE:1/3 MORE"),
            &format!("OTHER APP:{app} KEY:{key}"),
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
