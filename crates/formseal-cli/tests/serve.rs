//! `formseal serve` over loopback: valid, invalid, late, duplicate, oversized and malformed
//! uploads each get the right receipt (checked by `formseal verify --receipt`) and row; the
//! listing needs the token; a restart finds everything; a server killed in the middle of an
//! upload stores nothing of it; CORS answers only the configured origin.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use support::*;

const TOKEN: &str = "a-token-of-the-secretariat-1234";

struct Server {
    child: Child,
    addr: String,
    /// The line it printed on starting.
    line: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `formseal serve` on a free port of 127.0.0.1, over `db` (a SQLite file or a URL).
fn start(db: &str, key: &Path, extra: &[&str]) -> Server {
    start_in(db, key, extra, None)
}

/// [`start`] with the time zone `tz` (the `TZ` variable) when given.
fn start_in(db: &str, key: &Path, extra: &[&str], tz: Option<&str>) -> Server {
    let bin = assert_cmd::cargo::cargo_bin("formseal");
    let mut child = std::process::Command::new(bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--token-env", "FORMSEAL_TEST_TOKEN"])
        .arg("--db")
        .arg(db)
        .arg("--key")
        .arg(key)
        .args(extra)
        .env("FORMSEAL_TEST_TOKEN", TOKEN)
        .envs(tz.map(|tz| ("TZ", tz)))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).expect(&line).to_string();
    Server { child, addr, line }
}

/// One HTTP/1.1 exchange: status, headers (lowercase), body.
fn exchange(addr: &str, head: &str, body: &[u8]) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(b"Connection: close\r\n\r\n").unwrap();
    let _ = s.write_all(body);
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let split = out.windows(4).position(|w| w == b"\r\n\r\n").expect("a response");
    let headers = String::from_utf8_lossy(&out[..split]).to_lowercase();
    let status = headers[9..12].parse().unwrap();
    (status, headers, out[split + 4..].to_vec())
}

fn post(addr: &str, name: &str, body: &[u8]) -> (u16, String, Vec<u8>) {
    let head = format!(
        "POST /packages HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nX-Formseal-File-Name: {name}\r\n",
        body.len()
    );
    exchange(addr, &head, body)
}

fn list(addr: &str, token: Option<&str>) -> (u16, Vec<serde_json::Value>) {
    let (status, _, body) = get(addr, "/packages", token);
    (
        status,
        serde_json::from_slice::<serde_json::Value>(&body).ok().and_then(|v| v.as_array().cloned()).unwrap_or_default(),
    )
}

fn get(addr: &str, path: &str, token: Option<&str>) -> (u16, String, Vec<u8>) {
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    exchange(addr, &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}"), b"")
}

fn keygen(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    formseal().args(["keygen", "-o", key.to_str().unwrap()]).assert().success();
    key
}

fn fingerprint(key: &Path) -> String {
    let bytes = std::fs::read(key).unwrap();
    formseal_core::package::KeyPair::from_pkcs8(&bytes, None).unwrap().public().fingerprint()
}

/// `formseal verify --receipt` on `receipt`, as JSON.
fn check_receipt(dir: &Path, receipt: &[u8], key: &str) -> (i32, serde_json::Value) {
    let file = dir.join("receipt.json");
    std::fs::write(&file, receipt).unwrap();
    let out = formseal().args(["verify", "--receipt", "--json", "--key", key]).arg(&file).output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

/// The package with one word of its application.json changed (its digest no longer matches).
fn tamper(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if entry.name() == "application.json" {
            data = String::from_utf8(data).unwrap().replacen("有限公司", "有限责任公司", 1).into_bytes();
        }
        w.start_file(entry.name().to_string(), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn every_upload_gets_its_receipt_and_row_and_survives_a_restart() {
    let dir = scratch("serve");
    uploads(&dir, dir.join("packages.sqlite").to_str().unwrap());
}

#[test]
fn a_server_killed_during_an_upload_stores_nothing_of_it_and_limits_the_rate() {
    let dir = scratch("serve-kill");
    kill_and_rate(&dir, dir.join("packages.sqlite").to_str().unwrap());
}

/// The same on PostgreSQL, when the test command could start one (`FORMSEAL_TEST_POSTGRES`, a
/// URL of an empty database): the two suites one after the other, each on fresh tables.
#[test]
fn the_same_on_postgresql() {
    let Ok(url) = std::env::var("FORMSEAL_TEST_POSTGRES") else {
        eprintln!("FORMSEAL_TEST_POSTGRES not set: the PostgreSQL run is skipped");
        return;
    };
    let fresh = || {
        let mut db = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        db.batch_execute("DROP TABLE IF EXISTS packages, formseal_schema").unwrap();
    };
    fresh();
    uploads(&scratch("serve-pg"), &url);
    fresh();
    kill_and_rate(&scratch("serve-pg-kill"), &url);
}

fn uploads(dir: &Path, db: &str) {
    let dir = dir.to_path_buf();
    let (secretariat, applicant) = (keygen(&dir, "secretariat.pem"), keygen(&dir, "applicant.pem"));
    let fp = fingerprint(&secretariat);
    // The call closes on 2026-11-25; one package made before it, sent now (late).
    let call = dir.join("call.json");
    std::fs::write(&call, r#"{"deadline": "2026-11-25"}"#).unwrap();
    let (on_time, late) = (dir.join("on-time.zip"), dir.join("late.zip"));
    for (out, call) in [(&on_time, None), (&late, Some(&call))] {
        let mut pack = formseal();
        pack.args(["pack", "--today", TODAY, "--created-at", CREATED, "--key"]).arg(&applicant).arg("-o").arg(out);
        if let Some(c) = call {
            pack.arg("--call").arg(c);
        }
        pack.arg(COMPLETE).assert().success();
    }
    let valid = std::fs::read(&on_time).unwrap();
    let tampered = tamper(&valid);
    let server = start(db, &secretariat, &["--max-mb", "1", "--origin", "https://host.example"]);
    let addr = server.addr.clone();

    let (status, headers, body) = post(&addr, "%E7%94%B3%E8%AF%B7%E5%8C%85.zip", &valid);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert!(headers.contains("x-formseal-receipt-id: r-"), "{headers}");
    let (code, report) = check_receipt(&dir, &body, &fp);
    assert_eq!(code, 0, "{report}");
    let receipt = &report["receipt"];
    assert_eq!((receipt["verdict"].as_str(), receipt["file_name"].as_str()), (Some("valid"), Some("申请包.zip")));
    assert_eq!(receipt["problems"], serde_json::json!([]));
    assert_eq!(receipt["key_fingerprint"].as_str(), Some(fingerprint(&applicant).as_str()));
    // The same package again: the same receipt, byte for byte, and no second row.
    assert_eq!(post(&addr, "again.zip", &valid).2, body);
    let first = body;

    let (_, _, body) = post(&addr, "tampered.zip", &tampered);
    let (code, report) = check_receipt(&dir, &body, &fp);
    assert_eq!((code, report["receipt"]["verdict"].as_str()), (0, Some("invalid")), "{report}");
    let (_, _, body) = post(&addr, "late.zip", &std::fs::read(&late).unwrap());
    let late_receipt = check_receipt(&dir, &body, &fp).1;
    // Without the secretariat's call the package's own is used; its closing date has passed.
    let problems = late_receipt["receipt"]["problems"].to_string();
    assert_eq!(late_receipt["receipt"]["verdict"].as_str(), Some("invalid"), "{late_receipt}");
    assert!(problems.contains("2026-11-25"), "{problems}");
    let (_, _, body) = post(&addr, "notes.txt", b"not a package at all");
    assert_eq!(check_receipt(&dir, &body, &fp).1["receipt"]["verdict"].as_str(), Some("unreadable"));
    // Over the size limit: refused, nothing stored.
    let (status, _, _) = post(&addr, "big.zip", &vec![b'x'; 1 << 21]);
    assert_eq!(status, 413);
    // A receipt changed after signing, or checked against another key, fails.
    let changed = String::from_utf8(first.clone()).unwrap().replace("\"valid\"", "\"vali d\"");
    assert_eq!(check_receipt(&dir, changed.as_bytes(), &fp).0, 1);
    assert_eq!(check_receipt(&dir, &first, &fingerprint(&applicant)).0, 1);

    // The listing: only with the token.
    assert_eq!(list(&addr, None).0, 401);
    assert_eq!(list(&addr, Some("a-wrong-token-of-the-same-size")).0, 401);
    let (status, rows) = list(&addr, Some(TOKEN));
    assert_eq!(status, 200);
    let verdicts: Vec<_> = rows.iter().map(|r| (r["file"].as_str().unwrap(), r["verdict"].as_str().unwrap())).collect();
    assert_eq!(
        verdicts,
        [("申请包.zip", "valid"), ("tampered.zip", "invalid"), ("late.zip", "invalid"), ("notes.txt", "not_package")]
    );
    // With their groups: the late package, signed later by the same unit, failed verification
    // (the call had closed), so it does not replace the valid one, which stays current.
    assert_eq!((rows[0]["status"].as_str(), rows[0]["superseded_by"].as_str()), (Some("current"), None));
    assert_eq!(
        (rows[2]["status"].as_str(), rows[2]["superseded_by"].as_str()),
        (Some("superseded"), Some("申请包.zip"))
    );
    assert_eq!(rows[1]["status"].as_str(), Some("duplicate"));

    // The same as `formseal intake`'s report: CSV (with a BOM) and XLSX.
    let (status, headers, csv) = get(&addr, "/packages?format=csv", Some(TOKEN));
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: text/csv"), "{headers}");
    assert!(csv.starts_with("\u{feff}文件,核验结果"), "{csv}");
    for row in [
        "\n申请包.zip,有效,最新,,",
        "\ntampered.zip,无效,重复,",
        "\nlate.zip,无效,已被取代,申请包.zip,",
        "\nnotes.txt,",
    ] {
        assert!(csv.contains(row), "{row} in {csv}");
    }
    let (status, _, xlsx) = get(&addr, "/packages?format=xlsx", Some(TOKEN));
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK\x03\x04"));
    assert_eq!(get(&addr, "/packages?format=pdf", Some(TOKEN)).0, 400);

    // CORS: the configured origin only.
    let preflight = |origin: &str| {
        let head = format!(
            "OPTIONS /packages HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type,x-formseal-file-name\r\n"
        );
        exchange(&addr, &head, b"").1
    };
    assert!(preflight("https://host.example").contains("access-control-allow-origin: https://host.example"));
    assert!(!preflight("https://elsewhere.example").contains("access-control-allow-origin"));

    // Restarted: everything is there, and a package sent again gets its first receipt.
    drop(server);
    let server = start(db, &secretariat, &[]);
    assert_eq!(list(&server.addr, Some(TOKEN)).1.len(), 4);
    assert_eq!(post(&server.addr, "again.zip", &valid).2, first);

    // A package that claims to be signed an hour after it arrived: refused by the receipt's
    // moment (on the same day for 23 hours of 24, where the day alone would not refuse it).
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let later = formseal_core::package::receipt::rfc3339_utc(now + 3600);
    let future = dir.join("later.zip");
    formseal()
        .args(["pack", "--today", TODAY, "--created-at", &later, "--key"])
        .arg(&applicant)
        .arg("-o")
        .arg(&future)
        .arg(COMPLETE)
        .assert()
        .success();
    let (_, _, body) = post(&server.addr, "later.zip", &std::fs::read(&future).unwrap());
    let receipt = check_receipt(&dir, &body, &fp).1;
    let problems = receipt["receipt"]["problems"].to_string();
    assert_eq!(receipt["receipt"]["verdict"].as_str(), Some("invalid"), "{receipt}");
    assert!(problems.contains(&format!("申请包自称的签名时间（{later}）比收到时间")), "{problems}");
}

/// The days (the closing date, dates that may not be in the future) are those of the machine's
/// time zone, which the service names when it starts.
#[test]
fn the_service_judges_days_in_the_machines_time_zone() {
    let dir = scratch("serve-tz");
    let key = keygen(&dir, "secretariat.pem");
    let db = dir.join("packages.sqlite");
    let beijing = start_in(db.to_str().unwrap(), &key, &[], Some("CST-8"));
    assert!(beijing.line.contains("日期按 UTC+08:00 判断"), "{}", beijing.line);
    drop(beijing);
    let utc = start_in(db.to_str().unwrap(), &key, &[], Some("UTC0"));
    assert!(utc.line.contains("日期按 UTC+00:00 判断"), "{}", utc.line);
}

fn kill_and_rate(dir: &Path, db: &str) {
    let secretariat = keygen(dir, "secretariat.pem");
    let mut server = start(db, &secretariat, &["--per-minute", "3"]);
    // Half a body sent, then the server is killed.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    let head = format!("POST /packages HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000\r\n\r\n", server.addr);
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&[b'P'; 50_000]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    drop(server);
    let server = start(db, &secretariat, &["--per-minute", "3"]);
    assert_eq!(list(&server.addr, Some(TOKEN)), (200, vec![]));
    // Three requests a minute from one address; the fourth is told to wait.
    for i in 0..3 {
        assert_eq!(post(&server.addr, "x.txt", format!("{i}").as_bytes()).0, 200);
    }
    let (status, headers, _) = post(&server.addr, "x.txt", b"3");
    assert_eq!(status, 429);
    assert!(headers.contains("retry-after: 60"), "{headers}");
}
