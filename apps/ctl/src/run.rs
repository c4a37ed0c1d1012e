//! Runs a parsed command line: does the work, prints for people, and turns
//! the outcome into the process's exit status.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::audit::{AuditReport, coordinator_anchor, verify_audit};
use crate::cli::{AuditCommand, Cli, Command, FeedCommand, KeysCommand};
use crate::client::connect;
use crate::dashboard_user;
use crate::feed::{TailOptions, tail};
use crate::{keys, probe, token};

/// Exit status when the audit chain is broken.
pub const EXIT_BROKEN: u8 = 1;
/// Exit status of a probe that found the service not healthy.
pub const EXIT_UNHEALTHY: u8 = 1;
/// Exit status when the command failed (nothing could be checked or written).
pub const EXIT_FAILED: u8 = 2;

/// Runs `cli`; errors are printed to stderr with their causes.
pub async fn run(cli: Cli) -> ExitCode {
    match dispatch(cli.command).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("rectifyctl: error: {error:#}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

async fn dispatch(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Keys(KeysCommand::Init(args)) => {
            let created = keys::init(&args.dir, &args.issuer)?;
            print_line(&created)?;
        }
        Command::Token(args) => {
            let token = token::mint(&args.keys, &args.request())?;
            print_line(&token)?;
        }
        Command::Feed(FeedCommand::Tail(args)) => {
            let channel = connect(&args.connection.endpoint).await?;
            let options = TailOptions {
                after: args.after,
                follow: args.follow,
                with_event: args.json,
            };
            let mut stdout = io::stdout();
            tokio::select! {
                printed = tail(channel, &args.connection.token, options, &mut stdout) => {
                    printed?;
                }
                interrupted = tokio::signal::ctrl_c() => interrupted?,
            }
        }
        Command::Probe(args) => {
            let outcome = match (&args.http, &args.endpoint, &args.listen) {
                (Some(url), _, _) => probe::http_ok(url).await,
                (None, Some(endpoint), _) => probe::grpc_health(endpoint, &args.service).await,
                (None, None, Some(listen)) => match probe::endpoint_from_listen(listen) {
                    Ok(endpoint) => probe::grpc_health(&endpoint, &args.service).await,
                    Err(error) => Err(error),
                },
                (None, None, None) => {
                    Err(anyhow::anyhow!("give --endpoint, --http or RECTIFY_LISTEN"))
                }
            };
            return match outcome {
                Ok(report) => {
                    print_line(&report)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(error) => {
                    eprintln!("rectifyctl: probe: {error:#}");
                    Ok(ExitCode::from(EXIT_UNHEALTHY))
                }
            };
        }
        Command::DashboardUser(command) => {
            let done = dashboard_user::run(command).await?;
            print_line(&done)?;
        }
        Command::Audit(AuditCommand::Verify(args)) => {
            let anchor = match (&args.anchor_from, &args.anchor_service) {
                (Some(url), Some(service)) => {
                    let token = args.anchor_token.as_ref().unwrap_or(&args.connection.token);
                    Some(coordinator_anchor(connect(url).await?, token, service).await?)
                }
                _ => args.expect_head,
            };
            let channel = connect(&args.connection.endpoint).await?;
            let report = verify_audit(channel, &args.connection.token, anchor).await?;
            print_line(&report)?;
            if let AuditReport::Broken(_) = report {
                return Ok(ExitCode::from(EXIT_BROKEN));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_line(value: &dyn std::fmt::Display) -> io::Result<()> {
    writeln!(io::stdout().lock(), "{value}")
}
