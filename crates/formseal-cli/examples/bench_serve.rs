//! Load benchmark of `formseal serve` on loopback (issue 21), not part of the test command:
//! N generated packages (default 1,000; `bench_intake --generate`: mixed forms, resubmissions,
//! tampered ones) posted by C concurrent clients (default 20) to the release binary with a fresh
//! SQLite database. Prints packages per second, p50/p95 latency and the server's peak memory
//! (VmHWM). Asserts nothing. `scripts/bench-serve.sh [N] [C]`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// One POST of `body`; the response status.
fn post(addr: &str, name: &str, body: &[u8]) -> u16 {
    let Ok(mut s) = TcpStream::connect(addr) else { return 0 };
    let head = format!(
        "POST /packages HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nX-Formseal-File-Name: {name}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    if s.write_all(head.as_bytes()).and_then(|()| s.write_all(body)).is_err() {
        return 0;
    }
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(out.get(9..12).unwrap_or_default()).parse().unwrap_or(0)
}

fn peak_mb(pid: u32) -> f64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, clients) = (args.first().copied().unwrap_or(1000), args.get(1).copied().unwrap_or(20));
    let bin = std::env::var("FORMSEAL_BIN").unwrap_or_else(|_| "target/release/formseal".into());
    let here = std::env::current_exe().expect("this program");
    let generator = here.with_file_name("bench_intake");
    let dir = std::env::temp_dir().join(format!("formseal-bench-serve-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    let inbox = dir.join("inbox");
    let ok = std::process::Command::new(&generator).arg("--generate").arg(&inbox).arg(n.to_string()).status();
    assert!(ok.is_ok_and(|s| s.success()), "{} --generate failed", generator.display());
    let key = dir.join("secretariat.pem");
    std::process::Command::new(&bin).args(["keygen", "-o"]).arg(&key).status().expect("keygen");
    let mut server = std::process::Command::new(&bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--per-minute", "1000000", "--db"])
        .arg(dir.join("packages.sqlite"))
        .arg("--key")
        .arg(&key)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("formseal serve");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout")).read_line(&mut line).expect("the address");
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).expect("an address").to_string();
    let mut files: Vec<_> = std::fs::read_dir(&inbox).expect("inbox").flatten().map(|e| e.path()).collect();
    files.sort();
    let total_bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let (next, latencies, failed) = (AtomicUsize::new(0), Mutex::new(Vec::new()), AtomicUsize::new(0));
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..clients {
            s.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let body = std::fs::read(file).expect("a package");
                    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("p.zip");
                    let t = Instant::now();
                    if post(&addr, name, &body) != 200 {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    latencies.lock().expect("latencies").push(t.elapsed().as_secs_f64() * 1000.0);
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let peak = peak_mb(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let db = std::fs::metadata(dir.join("packages.sqlite")).map_or(0, |m| m.len());
    let mut l = latencies.into_inner().expect("latencies");
    l.sort_by(f64::total_cmp);
    let pct = |p: f64| l.get(((l.len() as f64 * p).ceil() as usize).saturating_sub(1)).copied().unwrap_or(0.0);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!(
        "| packages | clients | sent (MB) | time | packages/s | p50 | p95 | not 200 | server peak memory | database |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {n} | {clients} | {:.0} | {secs:.1} s | {:.0} ({cores} cores) | {:.0} ms | {:.0} ms | {} | {peak:.0} MB | {:.0} MB |",
        total_bytes as f64 / 1e6,
        n as f64 / secs,
        pct(0.5),
        pct(0.95),
        failed.load(Ordering::Relaxed),
        db as f64 / 1e6
    );
    let _ = std::fs::remove_dir_all(&dir);
}
