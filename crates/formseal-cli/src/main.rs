//! `formseal`: the secretariat's tool, built on the same core as the browser form.

mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status: the input is valid.
pub const EXIT_VALID: u8 = 0;
/// Exit status: the input was read and is invalid.
pub const EXIT_INVALID: u8 = 1;
/// Exit status: the input could not be read or understood.
pub const EXIT_UNREADABLE: u8 = 2;

#[derive(Parser)]
#[command(name = "formseal", version, about = "Validate and verify formseal applications / 校验 formseal 申请")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check an exported draft or application with the form's rules.
    Validate(validate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(args),
    };
    ExitCode::from(code)
}
