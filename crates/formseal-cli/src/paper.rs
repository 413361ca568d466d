//! `formseal match SCANS… --packages DIR`: the stamped paper forms that came by post matched to
//! their packages by the QR code every page prints (`FORMSEAL APP:<digest> KEY:<fingerprint>
//! PAGE:n/N`): for each page, the package and page it belongs to, or that its digest matches no
//! package (a paper form changed after signing, or another call's); for each package, whether all
//! its pages arrived.
//!
//! Scans are PNG or JPEG images, or PDF files (each page rasterised at 200 dpi by `pdftoppm` from
//! poppler-utils, as office scanners make them); a page may be slightly rotated.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID};
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::pdf::qr::{parse, Scanned};
use formseal_core::Locale;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Scanned pages: PNG or JPEG images, PDF files, or folders of them (searched recursively).
    #[arg(required = true, value_name = "SCANS")]
    scans: Vec<PathBuf>,
    /// The folder of packages the paper should belong to (searched recursively).
    #[arg(long, value_name = "DIR")]
    packages: PathBuf,
    /// Print a machine-readable JSON report instead of text.
    #[arg(long)]
    json: bool,
    /// Language of the messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
}

/// One scanned page and what its QR code says (`None`: no formseal code found on it), or why the
/// scan could not be read (one bad scan is named, and the others are read all the same).
#[derive(Debug)]
pub struct Page {
    /// The scan file, and the page's number inside it (from 1).
    pub file: String,
    pub index: usize,
    pub code: Option<Scanned>,
    pub error: Option<String>,
}

/// What a package is known by on paper.
struct Known {
    file: String,
    unit: String,
    fingerprint: String,
}

/// Most pages read from one PDF scan (a batch of fifty four-page forms is 200).
const MAX_PAGES: usize = 500;
/// Largest page read, in pixels: an A3 page at 600 dpi (7016 × 9921); an office scan of an A4
/// page at 150–300 dpi is 2–9 million. Beyond it a scan is refused before it is decoded, and a
/// PDF's page is cut to it, so a hostile scan cannot take gigabytes.
const MAX_SIDE: u32 = 10_000;
const MAX_PIXELS: u64 = 70_000_000;

/// Every formseal QR code on the pages of `paths` (files or folders), in a stable order. Pages
/// are read one at a time; `Err` only when PDF scans cannot be read at all (no `pdftoppm`).
pub fn scan(paths: &[PathBuf], locale: Locale) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    for file in crate::intake::discover(paths) {
        let name = file.display().to_string();
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        let mut page = |index: usize, image: Result<image::GrayImage, String>| {
            let (code, error) = match image {
                Ok(img) => (read_code(img), None),
                Err(e) => (None, Some(e)),
            };
            pages.push(Page { file: name.clone(), index, code, error });
        };
        match ext.as_str() {
            "pdf" => {
                if let Err(e) = rasterise(&file, locale, &mut page)? {
                    page(1, Err(e));
                }
            }
            "png" | "jpg" | "jpeg" => page(1, open_image(&file, locale)),
            _ => continue,
        }
    }
    Ok(pages)
}

/// A scanned image as grey, refused before decoding when it is larger than any scan.
fn open_image(file: &Path, locale: Locale) -> Result<image::GrayImage, String> {
    let (w, h) = image::image_dimensions(file).map_err(|e| e.to_string())?;
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        let size = format!("{w} × {h}");
        return Err(render(locale, key!("cli.match.too_large"), &[("size", size), ("max", MAX_SIDE.to_string())]));
    }
    Ok(image::open(file).map_err(|e| e.to_string())?.to_luma8())
}

/// The pages of a PDF as grey images, by `pdftoppm` (poppler-utils), given to `page` one at a
/// time: at most [`MAX_PAGES`], each cut to [`MAX_SIDE`] pixels a side. The outer `Err` is a
/// missing `pdftoppm`; the inner one, a file it cannot read.
fn rasterise(
    pdf: &Path,
    locale: Locale,
    page: &mut dyn FnMut(usize, Result<image::GrayImage, String>),
) -> Result<Result<(), String>, String> {
    let dir = std::env::temp_dir().join(format!("formseal-match-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let prefix = dir.join("page");
    let side = MAX_SIDE.to_string();
    let status = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "200",
            "-gray",
            "-png",
            "-l",
            &MAX_PAGES.to_string(),
            "-x",
            "0",
            "-y",
            "0",
            "-W",
            &side,
            "-H",
            &side,
        ])
        .arg(pdf)
        .arg(&prefix)
        .status();
    let result = match status {
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(render(locale, key!("cli.match.pdftoppm_missing"), &[("reason", e.to_string())]));
        }
        Ok(s) if s.success() => {
            let mut files: Vec<PathBuf> =
                std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
            // page-1.png … page-10.png: by number, not by name.
            files.sort_by_key(|p| {
                p.file_stem().and_then(|s| s.to_str()?.rsplit('-').next()?.parse::<usize>().ok()).unwrap_or(0)
            });
            for (i, f) in files.iter().enumerate() {
                page(i + 1, open_image(f, locale));
                let _ = std::fs::remove_file(f);
            }
            Ok(())
        }
        Ok(_) => Err(render(locale, key!("cli.match.pdftoppm_failed"), &[("file", pdf.display().to_string())])),
    };
    let _ = std::fs::remove_dir_all(&dir);
    Ok(result)
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64));
    h.finish()
}

/// The formseal QR code on a page, if one can be read. The code is printed in the bottom right
/// corner, about 23 mm wide: that corner is searched first, brought to about 8 pixels per
/// millimetre (what the detector reads best; scans come at 150–300 dpi), then the whole page
/// (a page scanned upside down, or cut differently).
fn read_code(img: image::GrayImage) -> Option<Scanned> {
    use image::imageops::{crop_imm, resize, FilterType};
    let decode = |img: &image::GrayImage| {
        let mut prepared = rqrr::PreparedImage::prepare(img.clone());
        prepared.detect_grids().iter().filter_map(|g| g.decode().ok()).find_map(|(_, text)| parse(&text))
    };
    let (w, h) = img.dimensions();
    // An A4 page is 210 mm wide: pixels per millimetre of this scan.
    let per_mm = f64::from(w) / 210.0;
    let scale = |i: &image::GrayImage, px_per_mm: f64| {
        let f = px_per_mm / per_mm;
        let (nw, nh) = ((f64::from(i.width()) * f) as u32, (f64::from(i.height()) * f) as u32);
        resize(i, nw.max(1), nh.max(1), FilterType::CatmullRom)
    };
    // The bottom right corner: 70 mm × 60 mm, at a few resolutions (the detector is sensitive
    // to the size of a module), then the whole page.
    let (cw, ch) = (((70.0 * per_mm) as u32).min(w), ((60.0 * per_mm) as u32).min(h));
    let corner = crop_imm(&img, w - cw, h - ch, cw, ch).to_image();
    let sharp = |mut i: image::GrayImage| {
        i.pixels_mut().for_each(|p| p.0[0] = if p.0[0] < 150 { 0 } else { 255 });
        i
    };
    [8.0, 6.0, 10.0, 12.0]
        .iter()
        .find_map(|&px| decode(&scale(&corner, px)).or_else(|| decode(&sharp(scale(&corner, px)))))
        .or_else(|| decode(&corner))
        .or_else(|| decode(&scale(&img, 8.0)))
}

/// The packages of `dir`, by application digest.
fn packages(dir: &Path) -> BTreeMap<String, Known> {
    let mut out = BTreeMap::new();
    for file in crate::intake::discover(&[dir.to_path_buf()]) {
        let Ok(bytes) = read_bytes(&file) else { continue };
        if !bytes.starts_with(b"PK\x03\x04") {
            continue;
        }
        let v = formseal_core::package::verify(&bytes, &formseal_core::form::Context { today: today() });
        if let Some(digest) = v.application_sha256.clone() {
            let known = Known {
                file: file.display().to_string(),
                unit: v.unit_name().unwrap_or_default(),
                fingerprint: v.key_fingerprint.clone().unwrap_or_default(),
            };
            out.insert(digest, known);
        }
    }
    out
}

/// Which pages of each package arrived, by application digest: (pages received, page count).
pub fn received(pages: &[Page]) -> BTreeMap<String, (Vec<usize>, Option<usize>)> {
    let mut out: BTreeMap<String, (Vec<usize>, Option<usize>)> = BTreeMap::new();
    for code in pages.iter().filter_map(|p| p.code.as_ref()) {
        let entry = out.entry(code.application_sha256.clone()).or_default();
        if let Some((n, total)) = code.page {
            if !entry.0.contains(&n) {
                entry.0.push(n);
            }
            entry.1 = Some(total);
        }
    }
    out.values_mut().for_each(|(got, _)| got.sort_unstable());
    out
}

/// The page numbers of `1..=total` not in `got`.
pub fn missing(got: &[usize], total: usize) -> Vec<usize> {
    (1..=total).filter(|n| !got.contains(n)).collect()
}

pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let pages = match scan(&args.scans, locale) {
        Ok(p) => p,
        Err(e) => return fail(args.json, &args.scans[0], &e),
    };
    if !args.packages.is_dir() {
        return unreadable(locale, args.json, &args.packages, render(locale, key!("cli.match.no_folder"), &[]));
    }
    let known = packages(&args.packages);
    let mut lines = Vec::new();
    let mut json_pages = Vec::new();
    let mut problems = 0;
    for p in &pages {
        let place = render(locale, key!("cli.match.page"), &[("file", p.file.clone()), ("n", p.index.to_string())]);
        let (text, package) = match &p.code {
            None if p.error.is_some() => {
                problems += 1;
                let reason = p.error.clone().unwrap_or_default();
                (render(locale, key!("cli.match.unreadable"), &[("reason", reason)]), None)
            }
            None => {
                problems += 1;
                (render(locale, key!("cli.match.no_code"), &[]), None)
            }
            Some(code) => match known.get(&code.application_sha256) {
                None => {
                    problems += 1;
                    (render(locale, key!("cli.match.unknown"), &[("digest", code.application_sha256.clone())]), None)
                }
                Some(k) if k.fingerprint != code.key_fingerprint => {
                    problems += 1;
                    (render(locale, key!("cli.match.other_key"), &[("file", k.file.clone())]), Some(k))
                }
                Some(k) => {
                    let page = code.page.map_or_else(String::new, |(n, total)| format!("{n}/{total}"));
                    let params = [("file", k.file.clone()), ("unit", k.unit.clone()), ("page", page)];
                    (render(locale, key!("cli.match.matched"), &params), Some(k))
                }
            },
        };
        lines.push(format!("{place}: {text}"));
        json_pages.push(serde_json::json!({
            "scan": p.file, "page": p.index, "package": package.map(|k| k.file.clone()),
            "qr": p.code.as_ref().map(|c| serde_json::json!({
                "application_sha256": c.application_sha256, "key_fingerprint": c.key_fingerprint,
                "page": c.page.map(|p| p.0), "pages": c.page.map(|p| p.1),
            })),
            "message": text,
        }));
    }
    let got = received(&pages);
    let mut json_packages = Vec::new();
    for (digest, k) in &known {
        let (status, text) = match got.get(digest) {
            None => ("none", render(locale, key!("cli.match.no_paper"), &[])),
            Some((_, None)) => ("unknown_count", render(locale, key!("cli.match.old_code"), &[])),
            Some((pages, Some(total))) => match missing(pages, *total) {
                m if m.is_empty() => {
                    ("complete", render(locale, key!("cli.match.complete"), &[("n", total.to_string())]))
                }
                m => {
                    problems += 1;
                    let list = m.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
                    (
                        "incomplete",
                        render(locale, key!("cli.match.incomplete"), &[("pages", list), ("n", total.to_string())]),
                    )
                }
            },
        };
        lines.push(format!("{} ({}): {text}", k.file, k.unit));
        json_packages.push(serde_json::json!({ "file": k.file, "unit": k.unit, "application_sha256": digest, "paper": status, "message": text }));
    }
    let out = if args.json {
        let report = serde_json::json!({ "pages": json_pages, "packages": json_packages });
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    } else {
        terminal_safe(&(lines.join("\n") + "\n"))
    };
    if let Err(code) = emit(&out) {
        return code;
    }
    if pages.iter().all(|p| p.error.is_some()) || known.is_empty() {
        EXIT_UNREADABLE
    } else if problems > 0 {
        EXIT_INVALID
    } else {
        EXIT_VALID
    }
}
