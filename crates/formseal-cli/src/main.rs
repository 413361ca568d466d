//! `formseal`: the secretariat's tool, built on the same core as the browser form.

mod check;
mod common;
mod inspect;
mod intake;
mod keygen;
mod pack;
mod paper;
mod render;
mod serve;
mod validate;
mod verify;

use clap::{Parser, Subcommand};
use formseal_core::key;
use formseal_core::messages::render;
use formseal_core::Locale;
use std::process::ExitCode;

/// Exit status: the input is valid.
pub const EXIT_VALID: u8 = 0;
/// Exit status: the input was read and is invalid.
pub const EXIT_INVALID: u8 = 1;
/// Exit status: the input could not be read or understood.
pub const EXIT_UNREADABLE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "formseal",
    version,
    about = "Validate, package and verify formseal applications / 校验、打包、核验 formseal 申请"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check an exported draft or application with the form's rules.
    Validate(validate::Args),
    /// Verify a signed package: zip structure, hashes, signature, canonical JSON and the form rules.
    Verify(verify::Args),
    /// Print the answers of a package as JSON or CSV.
    Inspect(inspect::Args),
    /// Make the signed package of an exported draft.
    Pack(pack::Args),
    /// Make a new signing key (PKCS#8 PEM).
    Keygen(keygen::Args),
    /// Check a form definition file: that it can be used, and what is wrong with it.
    CheckForm(check::Args),
    /// Verify every package in folders or files and write one table (`.xlsx`, `.csv`, `.json`),
    /// with resubmissions, shared keys and duplicates grouped.
    Intake(intake::Args),
    /// Match scanned paper forms (PDF, PNG, JPEG) to their packages by the QR code on each page.
    Match(paper::Args),
    /// Receive packages over HTTP (`POST /packages`): verify each on arrival, store it (SQLite)
    /// and answer with a receipt signed by the secretariat's key.
    Serve(serve::Args),
    /// Print the paper form as PDF: from a package (the same PDF it carries), its
    /// application.json, or an exported draft (a preview).
    Render(render::Args),
}

fn main() -> ExitCode {
    // A bug reached by some input is reported as such, with the "cannot read" status (2), never
    // as a bare abort a script could take for a verdict. In English: the hook is set before the
    // arguments (and their `--lang`) are read.
    // (`intake` catches a panic on one package and reports it in that package's row instead.)
    std::panic::set_hook(Box::new(|info| {
        eprintln!("{}", render(Locale::En, key!("cli.internal_error"), &[("info", info.to_string())]));
        if !intake::checking_one() {
            std::process::exit(i32::from(EXIT_UNREADABLE));
        }
    }));
    // glibc's allocator, tuned for `intake`, which reads thousands of multi-megabyte packages on
    // every core: buffers over 256 KB are mapped and given back at once (by default the threshold
    // climbs to 32 MB after the first large free, and the heaps then fragment), and at most two
    // arenas. Peak memory then stays flat with the number of packages (README, Performance).
    // The project's only `unsafe` (the workspace denies it elsewhere).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: mallopt only sets allocator parameters; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Pack(args) => pack::run(args),
        Command::Keygen(args) => keygen::run(args),
        Command::Render(args) => render::run(args),
        Command::CheckForm(args) => check::run(args),
        Command::Intake(args) => intake::run(args),
        Command::Match(args) => paper::run(args),
        Command::Serve(args) => serve::run(args),
    };
    ExitCode::from(code)
}
