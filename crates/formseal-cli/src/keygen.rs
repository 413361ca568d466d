//! `formseal keygen`: a new signing key as PKCS#8 PEM (optionally passphrase-protected).

use crate::common::*;
use crate::{EXIT_UNREADABLE, EXIT_VALID};
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::package::{Algorithm, KeyPair, BACKUP_ITERATIONS};
use formseal_core::Locale;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = Algorithm::default().name(), value_parser = parse_algorithm, help = algorithm_help())]
    algorithm: Algorithm,
    /// Where to write the private key (PEM).
    #[arg(short, long)]
    output: PathBuf,
    /// Encrypt the key with the passphrase in this file (first line).
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    /// Language of the messages.
    #[arg(long, default_value = "zh-CN", value_parser = parse_locale)]
    lang: Locale,
}

pub fn parse_algorithm(s: &str) -> Result<Algorithm, String> {
    Algorithm::parse(s).ok_or_else(|| {
        let params = [("algorithm", s.to_string()), ("algorithms", algorithm_names())];
        render(PARSER_LOCALE, key!("cli.bad_algorithm"), &params)
    })
}

/// The algorithms' names (`signature.json`'s, also accepted by `--algorithm`), from [`Algorithm::ALL`].
fn algorithm_names() -> String {
    Algorithm::ALL.map(Algorithm::name).join(", ")
}

fn algorithm_help() -> String {
    format!("The signature algorithm: {} (case-insensitive)", algorithm_names())
}

/// The first line of a passphrase file.
pub fn passphrase(path: &std::path::Path) -> std::io::Result<String> {
    Ok(read(path)?.lines().next().unwrap_or_default().to_string())
}

pub fn run(args: Args) -> u8 {
    let locale = args.lang;
    let key = KeyPair::generate(args.algorithm, &mut rand_core::OsRng);
    let pem = match &args.passphrase_file {
        Some(p) => match passphrase(p) {
            Ok(pass) => key.to_encrypted_pem(&pass, BACKUP_ITERATIONS, &mut rand_core::OsRng),
            Err(e) => return unreadable(locale, false, p, e.to_string()),
        },
        None => {
            let der = key.to_pkcs8_der();
            formseal_core::package::pem("PRIVATE KEY", &der)
        }
    };
    if let Err(e) = write_private(&args.output, pem.as_bytes()) {
        eprintln!(
            "{}",
            render(
                locale,
                key!("cli.write_failed"),
                &[("file", args.output.display().to_string()), ("reason", e.to_string())]
            )
        );
        return EXIT_UNREADABLE;
    }
    let public = key.public();
    let out = render(
        locale,
        key!("cli.keygen.done"),
        &[
            ("file", args.output.display().to_string()),
            ("algorithm", args.algorithm.name().to_string()),
            ("fingerprint", public.fingerprint()),
        ],
    );
    match emit(&format!("{out}\n")) {
        Ok(()) => EXIT_VALID,
        Err(code) => code,
    }
}

/// Writes a private key readable by its owner only (where the platform has permissions).
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)?.write_all(bytes)
}
