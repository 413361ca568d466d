//! `formseal match`: scanned pages matched to packages by their QR codes — PDFs made by the
//! package rendered with pdftoppm at 150 and 300 dpi, one page rotated by 2°, one page missing,
//! a page of a package that is not in the folder, and a page printed from an application.json
//! altered after signing; and the whole of a package's PDF given as a PDF scan.

mod support;

use std::path::{Path, PathBuf};
use support::*;

const AII: &str = "../../fixtures/aii-complete.json";

fn pack(dir: &Path, draft: &str, key: &Path, out: &Path) {
    formseal()
        .args(["pack", "--key", key.to_str().unwrap(), "-o", out.to_str().unwrap(), "--created-at", CREATED])
        .arg(draft)
        .current_dir(std::env::current_dir().unwrap())
        .assert()
        .success();
    let _ = dir;
}

fn entry(zip: &Path, name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut bytes).unwrap();
    bytes
}

/// Renders pages of `pdf` as grey PNGs at `dpi` (`pages`: first and last).
fn pdftoppm(pdf: &Path, dpi: u32, pages: (u32, u32), prefix: &Path) -> Vec<PathBuf> {
    let status = std::process::Command::new("pdftoppm")
        .args(["-gray", "-png", "-r", &dpi.to_string(), "-f", &pages.0.to_string(), "-l", &pages.1.to_string()])
        .arg(pdf)
        .arg(prefix)
        .status()
        .expect("pdftoppm (poppler-utils, installed by scripts/setup.sh)");
    assert!(status.success());
    let dir = prefix.parent().unwrap();
    let stem = prefix.file_name().unwrap().to_str().unwrap().to_string();
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(&format!("{stem}-")))
        .collect();
    out.sort();
    out
}

/// The image turned by `degrees` about its centre, as a sheet lying askew in a scanner.
fn rotate(path: &Path, degrees: f64, out: &Path) {
    let img = image::open(path).unwrap().to_luma8();
    let (w, h) = img.dimensions();
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (f64::from(w) / 2.0, f64::from(h) / 2.0);
    let turned = image::GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (f64::from(x) - cx, f64::from(y) - cy);
        let (sx, sy) = (cos * dx + sin * dy + cx, -sin * dx + cos * dy + cy);
        if sx < 0.0 || sy < 0.0 || sx >= f64::from(w) - 1.0 || sy >= f64::from(h) - 1.0 {
            return image::Luma([255]);
        }
        // Bilinear, as a scanner's optics blur.
        let (x0, y0) = (sx.floor(), sy.floor());
        let (fx, fy) = (sx - x0, sy - y0);
        let p = |x: f64, y: f64| f64::from(img.get_pixel(x as u32, y as u32).0[0]);
        let v = p(x0, y0) * (1.0 - fx) * (1.0 - fy)
            + p(x0 + 1.0, y0) * fx * (1.0 - fy)
            + p(x0, y0 + 1.0) * (1.0 - fx) * fy
            + p(x0 + 1.0, y0 + 1.0) * fx * fy;
        image::Luma([v.round() as u8])
    });
    turned.save(out).unwrap();
}

#[test]
fn scanned_pages_are_matched_to_their_packages() {
    let dir = scratch("match");
    let key = dir.join("k.pem");
    formseal().args(["keygen", "-o", key.to_str().unwrap()]).assert().success();
    let packages = dir.join("packages");
    std::fs::create_dir_all(&packages).unwrap();
    let (tc260, coauthor) = (packages.join("tc260.zip"), packages.join("coauthor.zip"));
    pack(&dir, COMPLETE, &key, &tc260);
    pack(&dir, COAUTHOR, &key, &coauthor);
    // A package of another call, not in the folder.
    let elsewhere = dir.join("aii.zip");
    pack(&dir, AII, &key, &elsewhere);

    let scans = dir.join("scans");
    std::fs::create_dir_all(&scans).unwrap();
    let pdf = |zip: &Path, name: &str| {
        let path = dir.join(name);
        std::fs::write(&path, entry(zip, "application.pdf")).unwrap();
        path
    };
    let (tc260_pdf, coauthor_pdf, aii_pdf) =
        (pdf(&tc260, "tc260.pdf"), pdf(&coauthor, "coauthor.pdf"), pdf(&elsewhere, "aii.pdf"));
    // TC260: page 1 at 150 dpi, page 2 at 200 dpi turned by 2°.
    pdftoppm(&tc260_pdf, 150, (1, 1), &scans.join("tc260-150"));
    let straight = pdftoppm(&tc260_pdf, 200, (2, 2), &dir.join("tc260-200"));
    rotate(&straight[0], 2.0, &scans.join("tc260-200-turned-2.png"));
    // Co-authoring at 300 dpi: page 2 never arrived.
    pdftoppm(&coauthor_pdf, 300, (1, 1), &scans.join("coauthor-300"));
    // A page of a package that is not among the call's packages.
    pdftoppm(&aii_pdf, 200, (1, 1), &scans.join("aii"));
    // application.json changed after signing, the paper form printed again from it.
    let mut altered: serde_json::Value = serde_json::from_slice(&entry(&tc260, "application.json")).unwrap();
    altered["answers"]["address"] = "北京市海淀区另一条路 1 号".into();
    let altered_json = dir.join("application.json");
    std::fs::write(&altered_json, serde_json::to_vec(&altered).unwrap()).unwrap();
    let fingerprint = String::from_utf8(entry(&tc260, "signature.json")).unwrap();
    let fingerprint: serde_json::Value = serde_json::from_str(&fingerprint).unwrap();
    let reprinted = dir.join("reprinted.pdf");
    formseal()
        .args(["render", altered_json.to_str().unwrap(), "-o", reprinted.to_str().unwrap()])
        .args(["--fingerprint", fingerprint["key_fingerprint"].as_str().unwrap()])
        .assert()
        .success();
    pdftoppm(&reprinted, 200, (1, 1), &scans.join("reprinted"));

    let out = formseal()
        .args(["match", "--json", "--lang", "en", "--packages", packages.to_str().unwrap()])
        .arg(&scans)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {} {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    assert_eq!(out.status.code(), Some(1), "a missing page and unknown pages: {report:#}");
    let page = |name: &str| {
        report["pages"].as_array().unwrap().iter().find(|p| p["scan"].as_str().unwrap().contains(name)).unwrap().clone()
    };
    let package = |name: &str| {
        report["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["file"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    for (scan, n) in [("tc260-150", 1), ("tc260-200-turned", 2)] {
        let p = page(scan);
        assert!(p["package"].as_str().unwrap().ends_with("tc260.zip"), "{scan}: {p:#}");
        assert_eq!(p["qr"]["page"], n, "{scan}");
        assert_eq!(p["qr"]["pages"], 2, "{scan}");
    }
    assert!(page("coauthor-300")["package"].as_str().unwrap().ends_with("coauthor.zip"));
    for scan in ["aii", "reprinted"] {
        let p = page(scan);
        assert!(p["package"].is_null(), "{scan}: {p:#}");
        assert!(p["message"].as_str().unwrap().contains("matches no package"), "{scan}: {p:#}");
    }
    assert_eq!(package("tc260.zip")["paper"], "complete");
    let c = package("coauthor.zip");
    assert_eq!(c["paper"], "incomplete");
    assert!(c["message"].as_str().unwrap().contains("lacks page 2 (of 2)"), "{c:#}");

    // The whole PDF given as a scan (pdftoppm inside); the text report names each page.
    let whole = dir.join("whole");
    std::fs::create_dir_all(&whole).unwrap();
    std::fs::copy(&tc260_pdf, whole.join("scan.pdf")).unwrap();
    let match_whole = || {
        let out = formseal()
            .args(["match", "--lang", "en", "--packages", packages.to_str().unwrap()])
            .arg(&whole)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (_, text) = match_whole();
    assert!(text.contains("scan.pdf page 2: belongs to"), "{text}");
    assert!(
        text.contains("tc260.zip (深圳市示例网络安全技术有限公司): the paper form is complete (2 pages)"),
        "{text}"
    );
    assert!(text.contains("no paper form received"), "{text}");

    // A scan that cannot be read, and one larger than any scan (a 40,000-pixel-wide PNG header:
    // refused before it is decoded), are named; the good scan beside them is read all the same.
    std::fs::write(whole.join("broken.png"), b"\x89PNG\r\n\x1a\ngarbage").unwrap();
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    huge.extend_from_slice(&40_000u32.to_be_bytes());
    huge.extend_from_slice(&40_000u32.to_be_bytes());
    huge.extend_from_slice(&[8, 0, 0, 0, 0]);
    huge.extend_from_slice(&crc32(&huge[12..]).to_be_bytes());
    for chunk in [&b"IDAT"[..], b"IEND"] {
        huge.extend_from_slice(&[0, 0, 0, 0]);
        huge.extend_from_slice(chunk);
        huge.extend_from_slice(&crc32(chunk).to_be_bytes());
    }
    std::fs::write(whole.join("huge.png"), &huge).unwrap();
    let (code, text) = match_whole();
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("broken.png page 1: cannot be read"), "{text}");
    assert!(text.contains("huge.png page 1: cannot be read (the image is 40000 × 40000 pixels"), "{text}");
    assert!(text.contains("scan.pdf page 2: belongs to"), "{text}");
    std::fs::remove_file(whole.join("broken.png")).unwrap();
    std::fs::remove_file(whole.join("huge.png")).unwrap();

    // `intake --scans` adds the paper column to the call's table.
    let report = dir.join("report.json");
    formseal()
        .args(["intake", packages.to_str().unwrap(), "-o", report.to_str().unwrap(), "--lang", "en"])
        .args(["--today", TODAY, "--scans", scans.to_str().unwrap()])
        .assert()
        .code(0);
    let rows: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let paper = |name: &str| {
        let row = rows.as_array().unwrap().iter().find(|r| r["file"].as_str().unwrap().ends_with(name)).unwrap();
        row["paper"].as_str().unwrap().to_string()
    };
    assert_eq!(paper("tc260.zip"), "the paper form is complete (2 pages)");
    assert_eq!(paper("coauthor.zip"), "the paper form lacks page 2 (of 2)");
    let _ = std::fs::remove_dir_all(&dir);
}

/// CRC-32 (IEEE), for the PNG chunk made above.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
