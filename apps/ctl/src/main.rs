//! The `rectifyctl` binary: parses the command line and hands it to the library.

use std::process::ExitCode;

use clap::Parser;
use rectify_ctl::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    rectify_ctl::run(Cli::parse()).await
}
