//! `formseal intake DIR|FILES… -o REPORT`: every package of a call verified — in parallel on all
//! cores, streaming — into one table (`.xlsx`, `.csv` or `.json`), with the resubmissions, shared
//! keys and duplicates grouped and the rule that grouped them named.
//!
//! Memory does not grow with the number of packages: each package is read, verified and reduced
//! to its row by a worker thread; rows go to a temporary file next to the report, and only what
//! the grouping needs (a few short strings per package) stays in memory. The report is then
//! written from that file, row by row.

use crate::common::*;
use crate::{EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID};
use formseal_core::form::Context;
use formseal_core::intake::{self as groups, Row, Table, Verdict};
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::package::{verify_with, Official};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Xlsx,
    Csv,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Folders (searched recursively) and package files.
    #[arg(required = true, value_name = "DIR|FILE")]
    paths: Vec<PathBuf>,
    /// The report: `.xlsx`, `.csv` or `.json` (or say which with `--format`).
    #[arg(short, long, value_name = "REPORT")]
    output: PathBuf,
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Start the CSV with a UTF-8 byte-order mark (for spreadsheet programs).
    #[arg(long)]
    bom: bool,
    /// Language of the headers and messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
    /// The secretariat's own call (as for `verify --call`): every package is judged by it.
    #[arg(long, value_name = "CALL.json")]
    call: Option<PathBuf>,
    /// Run the form rules as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    today: Option<CivilDate>,
    /// Scanned paper forms (PNG, JPEG, PDF; as for `formseal match`): adds whether each
    /// package's paper form arrived, and which pages are missing.
    #[arg(long, value_name = "DIR")]
    scans: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
    #[command(flatten)]
    form: FormOpt,
}

impl Format {
    fn core(self) -> groups::Format {
        match self {
            Format::Xlsx => groups::Format::Xlsx,
            Format::Csv => groups::Format::Csv,
            Format::Json => groups::Format::Json,
        }
    }
}

/// Every file under `paths`, in a stable order (folders recursively; symbolic links not followed).
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) {
        let Ok(meta) = std::fs::symlink_metadata(p) else { return out.push(p.to_path_buf()) };
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(p).into_iter().flatten().flatten().map(|e| e.path()).collect();
            entries.sort();
            entries.iter().for_each(|e| walk(e, out));
        } else if meta.is_file() {
            out.push(p.to_path_buf());
        }
    }
    let mut out = Vec::new();
    paths.iter().for_each(|p| walk(p, &mut out));
    out
}

/// The secretariat's references, shared by the workers.
struct Reference {
    call: Option<serde_json::Value>,
    /// A host's definition (`--form`) and its form id: used for that form's packages only.
    definition: Option<(String, String)>,
    ctx: Context,
    locale: Locale,
}

/// Verifies one file and reduces it to its row.
fn row(path: &Path, r: &Reference) -> Row {
    let mut row = Row::new(path.display().to_string());
    let bytes = match read_bytes(path) {
        Ok(b) => b,
        Err(e) => {
            row.failures.push(render(r.locale, key!("cli.intake.io"), &[("reason", e.to_string())]));
            return row;
        }
    };
    if !bytes.starts_with(b"PK\x03\x04") {
        return row;
    }
    let id = peek_form_id(&bytes);
    let definition = r.definition.as_ref().filter(|(form, _)| Some(form) == id.as_ref()).map(|(_, d)| d.clone());
    let official = Official { call: r.call.clone(), received: None, definition, received_at: None };
    let mut v = verify_with(&bytes, &r.ctx, &official);
    // The printed form must be the one the signed answers make, as `verify` checks.
    crate::verify::check_pdf(&bytes, &mut v);
    row.fill(&v, r.locale);
    row
}

/// The form id `application.json` names, to pick the host's definition for it.
fn peek_form_id(bytes: &[u8]) -> Option<String> {
    let entries = formseal_core::package::read_entries(bytes).ok()?;
    let app = entries.iter().find(|e| e.name == formseal_core::package::APPLICATION_JSON)?;
    let json: serde_json::Value = serde_json::from_slice(&app.bytes).ok()?;
    Some(json.get("form")?.get("id")?.as_str()?.to_string())
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let format = match args
        .format
        .map(Format::core)
        .or_else(|| groups::Format::of_name(&args.output.file_name().unwrap_or_default().to_string_lossy()))
    {
        Some(f) => f,
        None => return fail(false, &args.output, &render(locale, key!("intake.format"), &[])),
    };
    let call = match optional_json(locale, args.call.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let definition = match args.form.given() {
        Ok(d) => d.map(|text| {
            let id = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|j| Some(j.get("id")?.as_str()?.to_string()))
                .unwrap_or_default();
            (id, text)
        }),
        Err((path, e)) => return unreadable(locale, false, &path, e),
    };
    let files = discover(&args.paths);
    let reference = Reference { call, definition, ctx: Context { today: args.today.unwrap_or_else(today) }, locale };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let rows_path = args.output.with_extension("rows.tmp");
    let result = verify_all(&files, &reference, jobs, &rows_path);
    let scanned = match &args.scans {
        None => None,
        Some(dir) => match crate::paper::scan(std::slice::from_ref(dir), locale) {
            Ok(pages) => {
                // A scan that cannot be read is named; the others, and the report, go on.
                for p in pages.iter().filter(|p| p.error.is_some()) {
                    let place =
                        render(locale, key!("cli.match.page"), &[("file", p.file.clone()), ("n", p.index.to_string())]);
                    let why = render(
                        locale,
                        key!("cli.match.unreadable"),
                        &[("reason", p.error.clone().unwrap_or_default())],
                    );
                    eprintln!("{}", terminal_safe(&format!("{place}: {why}")));
                }
                Some(crate::paper::received(&pages))
            }
            Err(e) => return fail(false, dir, &e),
        },
    };
    let outcome = result.and_then(|keys| {
        let mut grouped = groups::group(&keys, locale);
        if let Some(got) = &scanned {
            for (k, g) in keys.iter().zip(grouped.iter_mut()) {
                g.paper = Some(match got.get(&k.application) {
                    _ if k.application.is_empty() => String::new(),
                    None => render(locale, key!("cli.match.no_paper"), &[]),
                    Some((_, None)) => render(locale, key!("cli.match.old_code"), &[]),
                    Some((pages, Some(n))) => match crate::paper::missing(pages, *n) {
                        m if m.is_empty() => render(locale, key!("cli.match.complete"), &[("n", n.to_string())]),
                        m => {
                            let list = m.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
                            render(locale, key!("cli.match.incomplete"), &[("pages", list), ("n", n.to_string())])
                        }
                    },
                });
            }
        }
        report(format, &args.output, &rows_path, &keys, &grouped, locale, args.bom).map(|()| (keys, grouped))
    });
    let _ = std::fs::remove_file(&rows_path);
    let (keys, grouped) = match outcome {
        Ok(k) => k,
        Err(e) => return fail(false, &args.output, &e.to_string()),
    };
    let count = |v: Verdict| keys.iter().filter(|k| k.verdict == v).count();
    let (valid, invalid, unreadable_n, other) =
        (count(Verdict::Valid), count(Verdict::Invalid), count(Verdict::Unreadable), count(Verdict::NotPackage));
    let superseded = grouped.iter().filter(|g| g.superseded_by.is_some()).count();
    eprintln!(
        "{}",
        render(
            locale,
            key!("intake.summary"),
            &[
                ("valid", valid.to_string()),
                ("invalid", invalid.to_string()),
                ("unreadable", unreadable_n.to_string()),
                ("other", other.to_string()),
                ("superseded", superseded.to_string()),
                ("report", args.output.display().to_string()),
            ]
        )
    );
    if valid + invalid == 0 {
        EXIT_UNREADABLE
    } else if invalid + unreadable_n > 0 {
        EXIT_INVALID
    } else {
        EXIT_VALID
    }
}

/// Verifies `files` on `jobs` threads; rows go to `rows_path` (JSON lines, in the files' order),
/// and what the grouping needs is returned.
fn verify_all(files: &[PathBuf], r: &Reference, jobs: usize, rows_path: &Path) -> std::io::Result<Vec<groups::Key>> {
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Row)>(jobs * 4);
    let mut out = std::io::BufWriter::new(std::fs::File::create(rows_path)?);
    let mut keys: Vec<Option<groups::Key>> = (0..files.len()).map(|_| None).collect();
    // Rows arrive in any order; they are written as they come, with their index, and put back in
    // order when the report is written (the index file is small).
    let mut offsets: Vec<u64> = vec![0; files.len()];
    let mut written = 0u64;
    std::thread::scope(|s| -> std::io::Result<()> {
        for _ in 0..jobs.min(files.len().max(1)) {
            let (tx, next) = (tx.clone(), &next);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                CHECKING.with(|c| c.set(true));
                let row = std::panic::catch_unwind(|| row(path, r)).unwrap_or_else(|_| panicked(path, r.locale));
                CHECKING.with(|c| c.set(false));
                if tx.send((i, row)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (i, row) in rx {
            bar.inc(1);
            keys[i] = Some(groups::Key::of(&row));
            let line = serde_json::to_string(&(i, &row)).unwrap_or_default() + "\n";
            out.write_all(line.as_bytes())?;
            offsets[i] = written;
            written += line.len() as u64;
        }
        Ok(())
    })?;
    out.flush()?;
    bar.finish_and_clear();
    let mut keys: Vec<groups::Key> = keys.into_iter().flatten().collect();
    for (k, offset) in keys.iter_mut().zip(offsets) {
        k.offset = offset;
    }
    Ok(keys)
}

thread_local! {
    /// Whether this thread is verifying one package, whose panic becomes that package's row.
    static CHECKING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is verifying one package for `intake` (the panic hook then lets
/// the panic unwind to that package's row instead of ending the run).
pub fn checking_one() -> bool {
    CHECKING.with(|c| c.get())
}

/// A row for a file whose verification hit a bug (reported, never taken for a verdict).
fn panicked(path: &Path, locale: Locale) -> Row {
    let mut row = Row::new(path.display().to_string());
    row.verdict = Verdict::Unreadable;
    row.failures.push(render(locale, key!("cli.intake.internal"), &[]));
    row
}

/// Reads the row written at `offset` of the rows file.
pub fn read_row(file: &mut std::io::BufReader<std::fs::File>, offset: u64) -> std::io::Result<Row> {
    use std::io::Seek;
    file.seek(std::io::SeekFrom::Start(offset))?;
    let mut line = String::new();
    file.read_line(&mut line)?;
    let (_, row): (usize, Row) =
        serde_json::from_str(&line).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(row)
}

/// Writes the report from the rows file: a first pass learns the answers' columns, the second
/// writes the rows (`grouped` is in the rows' order; the rows file holds each row once).
fn report(
    format: groups::Format,
    output: &Path,
    rows_path: &Path,
    keys: &[groups::Key],
    grouped: &[groups::Grouped],
    locale: Locale,
    bom: bool,
) -> std::io::Result<()> {
    let mut table = Table::new(grouped.iter().any(|g| g.paper.is_some()), locale);
    let mut rows = std::io::BufReader::new(std::fs::File::open(rows_path)?);
    // The answers' columns in the files' order (the rows file is in the order the threads
    // finished, which differs from run to run).
    for k in keys {
        table.learn(&read_row(&mut rows, k.offset)?);
    }
    let out = std::io::BufWriter::new(std::fs::File::create(output)?);
    let mut each = |f: &mut dyn FnMut(&Row, &groups::Grouped) -> std::io::Result<()>| -> std::io::Result<()> {
        for (k, g) in keys.iter().zip(grouped) {
            f(&read_row(&mut rows, k.offset)?, g)?;
        }
        Ok(())
    };
    groups::write(format, out, &table, keys.len(), bom, &mut each)?.flush()
}
