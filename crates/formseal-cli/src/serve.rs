//! `formseal serve`: the secretariat's receiving service (`crates/formseal-server`), with this
//! CLI's verifier — the secretariat's call and definition, the PDF made again with the built-in
//! fonts — and its signing key for the receipts.

use crate::common::*;
use formseal_core::form::Context;
use formseal_core::intake::Row;
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::package::{verify_with, Official};
use formseal_core::rules::date::CivilDate;
use formseal_core::Locale;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on (port 0: any free port; the address is printed first).
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: String,
    /// Where the packages are stored: a SQLite file (created if missing), or a PostgreSQL
    /// database as a `postgres://user@host/db` URL.
    #[arg(long, default_value = "formseal-packages.sqlite")]
    db: String,
    /// The secretariat's signing key for the receipts: PKCS#8 PEM or DER (`formseal keygen`).
    #[arg(long)]
    key: PathBuf,
    /// The passphrase of an encrypted key, in this file (first line).
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    /// The secretariat's own call (as `verify --call`): every package is judged by it.
    #[arg(long, value_name = "CALL.json")]
    call: Option<PathBuf>,
    #[command(flatten)]
    form: FormOpt,
    /// A host origin allowed to post from a browser (CORS), e.g. https://www.example.org; repeatable.
    #[arg(long = "origin")]
    origins: Vec<String>,
    /// The environment variable holding the token `GET /packages` requires (never a default:
    /// without it, listing is off).
    #[arg(long, value_name = "VAR")]
    token_env: Option<String>,
    /// The largest package accepted, in MB.
    #[arg(long, default_value_t = 120)]
    max_mb: usize,
    /// Requests per minute from one address.
    #[arg(long, default_value_t = 60)]
    per_minute: u32,
    /// Messages in receipts and rows: zh-CN or en.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
}

/// Runs the service until the process is stopped; returns the exit status.
pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    // The machine's time zone, read first: the `time` crate reads it only while the program has
    // one thread (the PostgreSQL client and the runtime start others); UTC when it cannot.
    let offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    let zone = format!(
        "UTC{}",
        offset
            .format(time::macros::format_description!("[offset_hour sign:mandatory]:[offset_minute]"))
            .unwrap_or_default()
    );
    let offset = i64::from(offset.whole_seconds());
    let key = match signing_key(locale, &args.key, args.passphrase_file.as_deref()) {
        Ok(k) => k,
        Err(code) => return code,
    };
    let call = match optional_json(locale, args.call.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let definition = match args.form.given() {
        Ok(d) => d,
        Err((path, e)) => return unreadable(locale, false, &path, e),
    };
    let token = match &args.token_env {
        None => None,
        Some(var) => match std::env::var(var).ok().filter(|t| t.len() >= 16) {
            Some(t) => Some(t),
            None => {
                eprintln!("{}", render(locale, key!("cli.serve.token"), &[("var", var.clone())]));
                return crate::EXIT_UNREADABLE;
            }
        },
    };
    let check: formseal_server::Check = Arc::new(move |name, bytes, now| {
        let mut row = Row::new(name.to_string());
        if bytes.starts_with(b"PK\x03\x04") {
            // Received at the receipt's moment: a package claiming a later signing time is
            // refused by the instant; the closing date and the dates that may not be in the
            // future are judged by the day it then is here (the machine's time zone).
            let here = formseal_core::package::receipt::rfc3339_utc(now + offset);
            let today = CivilDate::parse(&here[..10]).unwrap_or(CivilDate { year: 1970, month: 1, day: 1 });
            let official = Official {
                call: call.clone(),
                received: Some(today),
                received_at: Some(now),
                definition: definition.clone(),
            };
            let mut v = verify_with(bytes, &Context { today }, &official);
            crate::verify::check_pdf(bytes, &mut v);
            row.fill(&v, locale);
        }
        row
    });
    let fingerprint = key.public().fingerprint();
    let config = formseal_server::Config {
        db: args.db.clone(),
        key,
        token,
        origins: args.origins,
        max_bytes: args.max_mb.saturating_mul(1 << 20),
        per_minute: args.per_minute,
        timeout: std::time::Duration::from_secs(120),
        locale,
        check,
        clock: Arc::new(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
        }),
    };
    let db = redacted(&args.db);
    // Opened before the runtime starts: the PostgreSQL client blocks, as SQLite does (requests
    // reach the database from blocking threads).
    let router = match formseal_server::router(config) {
        Ok(r) => r,
        Err(e) => return unreadable(locale, false, std::path::Path::new(&db), e.to_string()),
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => return unreadable(locale, false, std::path::Path::new(&db), e.to_string()),
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&args.listen).await {
            Ok(l) => l,
            Err(e) => return unreadable(locale, false, std::path::Path::new(&args.listen), e.to_string()),
        };
        let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
        let params = [("addr", addr), ("db", db.clone()), ("fingerprint", fingerprint), ("zone", zone)];
        println!("{}", render(locale, key!("cli.serve.listening"), &params));
        match formseal_server::serve(listener, router).await {
            Ok(()) => crate::EXIT_VALID,
            Err(e) => unreadable(locale, false, std::path::Path::new(&args.listen), e.to_string()),
        }
    })
}

/// The database as it may be printed: a URL without its password.
fn redacted(db: &str) -> String {
    match (db.split_once("://"), db.rfind('@')) {
        (Some((scheme, rest)), Some(at)) if rest.contains(':') && at > scheme.len() => {
            let user = rest.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***{}", &db[at..])
        }
        _ => db.to_string(),
    }
}
