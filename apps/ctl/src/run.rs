//! Runs a parsed command line: does the work, prints for people, and turns
//! the outcome into the process's exit status.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::audit::{AuditReport, coordinator_anchor, verify_audit};
use crate::cli::{AuditCommand, Cli, Command, FeedCommand, KeysCommand, TlsCommand};
use crate::client::connect;
use crate::dashboard_user;
use crate::feed::{TailOptions, tail};
use crate::{keys, probe, tls, token};

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
            eprintln!("rectifyctl: error: {}", causes_once(&error));
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
        Command::Keys(KeysCommand::Service(args)) => {
            let key = rectify_kit::auth::add_service_key(&args.dir, &args.name, &args.issuer)?;
            print_line(&format!(
                "made the signing key {} of {}: give {} to that service alone \
                 (RECTIFY_SERVICE_KEY_FILE) and the updated {} to every service (RECTIFY_JWKS)",
                key.kid,
                args.name,
                key.private_pem.display(),
                args.dir.join("jwks.json").display()
            ))?;
        }
        Command::Tls(TlsCommand::Init(args)) => print_line(&tls::init(&args.dir, &args.hosts)?)?,
        Command::Tls(TlsCommand::Client(args)) => print_line(&tls::client(&args.dir, &args.name)?)?,
        Command::Token(args) => {
            let token = token::mint(&args.keys, &args.request())?;
            print_line(&token)?;
        }
        Command::Feed(FeedCommand::Tail(args)) => {
            let channel = connect(&args.connection.endpoint, &args.connection.tls.load()?).await?;
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
                (None, Some(endpoint), _) => match args.tls.load() {
                    Ok(tls) => probe::grpc_health(endpoint, &args.service, &tls).await,
                    Err(error) => Err(error),
                },
                (None, None, Some(listen)) => {
                    probe::own_health(listen, &args.service, &args.service_tls).await
                }
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
            let tls = args.connection.tls.load()?;
            let anchor = match (&args.anchor_from, &args.anchor_service) {
                (Some(url), Some(service)) => {
                    let token = args.anchor_token.as_ref().unwrap_or(&args.connection.token);
                    Some(coordinator_anchor(connect(url, &tls).await?, token, service).await?)
                }
                _ => args.expect_head,
            };
            let channel = connect(&args.connection.endpoint, &tls).await?;
            let report = verify_audit(channel, &args.connection.token, anchor).await?;
            print_line(&report)?;
            if let AuditReport::Broken(_) = report {
                return Ok(ExitCode::from(EXIT_BROKEN));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The error and its causes, joined by `: `, each said once: a library error that repeats its
/// source's message in its own (as URL parsing does) is not followed by that source again.
pub fn causes_once(error: &anyhow::Error) -> String {
    let mut shown = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if shown.ends_with(&text) {
            continue;
        }
        if !shown.is_empty() {
            shown.push_str(": ");
        }
        shown.push_str(&text);
    }
    shown
}

fn print_line(value: &dyn std::fmt::Display) -> io::Result<()> {
    writeln!(io::stdout().lock(), "{value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Repeats;

    impl std::fmt::Display for Repeats {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("invalid URL, scheme is missing")
        }
    }

    impl std::error::Error for Repeats {}

    #[test]
    fn a_cause_repeating_the_message_before_it_is_said_once() {
        let error = anyhow::Error::new(Repeats).context("cannot connect to 127.0.0.1:50051");
        assert_eq!(
            causes_once(&error),
            "cannot connect to 127.0.0.1:50051: invalid URL, scheme is missing",
            "each cause once"
        );
        let wrapped = anyhow::anyhow!("invalid URL, scheme is missing")
            .context("`x` is not a valid endpoint URL: invalid URL, scheme is missing");
        assert_eq!(
            causes_once(&wrapped),
            "`x` is not a valid endpoint URL: invalid URL, scheme is missing",
            "a cause its context already quoted is not repeated"
        );
    }
}
