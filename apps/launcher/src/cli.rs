//! `rectify --help`: the command line of the all-in-one launcher.
//!
//! Each service's port flag (`--registry-port`, …) comes from the service list in
//! [`crate::services`], so a new service brings its flag with it.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Arg, ArgMatches, Args, FromArgMatches, Parser, Subcommand, value_parser};
use rectify_kit::clock::Clock;

use crate::services::{SERVICES, ServiceSpec};

/// `rectify`: the embedded all-in-one.
#[derive(Parser, Debug)]
#[command(
    name = "rectify",
    version,
    about = "rectify 散乱污企业综合整治 — all services in one process (一键启动)"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The launcher's subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start every service on SQLite under the data directory (启动全部服务).
    Up(UpOptions),
}

/// `rectify up [--demo] [--data-dir DIR] [--host H] [--registry-port P] [--dashboard-port P]`.
#[derive(Args, Clone, Debug)]
pub struct UpOptions {
    /// Load the Huachuan demo campaign when the registry is empty (载入演示数据).
    #[arg(long)]
    pub demo: bool,
    /// Where keys, databases and tokens.txt live; created when missing.
    #[arg(long, value_name = "DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Address every service listens on.
    #[arg(long, value_name = "H", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// Per-service ports.
    #[command(flatten)]
    pub ports: Ports,
    /// Run the campaign's clock from this instant (RFC 3339) instead of now; with `--demo`
    /// it defaults to a day in the middle of the Huachuan campaign, so that some work is
    /// done, some due and some overdue (演示时钟).
    #[arg(long, value_name = "RFC3339")]
    pub clock_start: Option<DateTime<FixedOffset>>,
    /// Serve TLS on every service, with a county CA made under DIR/tls on the first start
    /// (give DIR/tls/ca.pem to clients) (加密传输).
    #[arg(long)]
    pub tls: bool,
    /// Mutual TLS: also require every caller to present a client certificate of that CA
    /// (DIR/tls/launcher.pem is one); implies --tls (双向认证).
    #[arg(long)]
    pub mtls: bool,
}

/// The demo's "now": a Monday in the middle of the Huachuan campaign's rectification.
pub const DEMO_NOW: &str = "2021-11-22T09:00:00+08:00";

impl UpOptions {
    /// Default options for `data_dir`: loopback, default ports, no demo.
    pub fn new(data_dir: impl Into<PathBuf>) -> UpOptions {
        UpOptions {
            demo: false,
            data_dir: data_dir.into(),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            ports: Ports::default(),
            clock_start: None,
            tls: false,
            mtls: false,
        }
    }

    /// The clock every service reads: from `--clock-start`, else the demo's day with `--demo`,
    /// else the system time.
    pub fn clock(&self) -> Clock {
        let demo_now = || DateTime::parse_from_rfc3339(DEMO_NOW).ok();
        match self
            .clock_start
            .or_else(|| self.demo.then(demo_now).flatten())
        {
            Some(start) => Clock::starting_at(start.with_timezone(&Utc)),
            None => Clock::system(),
        }
    }
}

/// Ports chosen on the command line; a service not named here uses its default port.
/// Port 0 asks the system for a free one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ports {
    chosen: BTreeMap<&'static str, u16>,
}

/// The flag that chooses the dashboard's port.
const DASHBOARD_PORT_FLAG: &str = "dashboard-port";
/// The key of the dashboard's port among the chosen ones.
const DASHBOARD: &str = "dashboard";

impl Ports {
    /// Every service and the dashboard on `port` (0 in tests: each gets a free port).
    pub fn all(port: u16) -> Ports {
        Ports {
            chosen: SERVICES
                .iter()
                .map(|s| s.name)
                .chain([DASHBOARD])
                .map(|name| (name, port))
                .collect(),
        }
    }

    /// The dashboard's port (网页端), 8080 unless chosen.
    pub fn dashboard(&self) -> u16 {
        self.chosen
            .get(DASHBOARD)
            .copied()
            .unwrap_or(rectify_dashboard::DEFAULT_PORT)
    }

    /// The port of `service`.
    pub fn port(&self, service: &ServiceSpec) -> u16 {
        self.chosen
            .get(service.name)
            .copied()
            .unwrap_or(service.default_port)
    }
}

impl FromArgMatches for Ports {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut ports = Ports::default();
        ports.update_from_arg_matches(matches)?;
        Ok(ports)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        let flags = SERVICES
            .iter()
            .map(|s| (s.name, s.port_flag))
            .chain([(DASHBOARD, DASHBOARD_PORT_FLAG)]);
        for (name, flag) in flags {
            if let Some(port) = matches.get_one::<u16>(flag) {
                self.chosen.insert(name, *port);
            }
        }
        Ok(())
    }
}

impl Args for Ports {
    fn augment_args(command: clap::Command) -> clap::Command {
        let dashboard = Arg::new(DASHBOARD_PORT_FLAG)
            .long(DASHBOARD_PORT_FLAG)
            .value_name("P")
            .value_parser(value_parser!(u16))
            .help(format!(
                "Port of the dashboard (网页端) [default: {}]",
                rectify_dashboard::DEFAULT_PORT
            ));
        SERVICES
            .iter()
            .fold(command.arg(dashboard), |command, service| {
                command.arg(
                    Arg::new(service.port_flag)
                        .long(service.port_flag)
                        .value_name("P")
                        .value_parser(value_parser!(u16))
                        .help(format!(
                            "Port of the {} service ({}) [default: {}]",
                            service.name, service.title_zh, service.default_port
                        )),
                )
            })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        Ports::augment_args(command)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::REGISTRY;

    fn up(args: &[&str]) -> UpOptions {
        let argv = ["rectify", "up"].iter().chain(args);
        match Cli::try_parse_from(argv).expect("parses").command {
            Command::Up(options) => options,
        }
    }

    #[test]
    fn defaults_are_loopback_data_and_the_design_ports() {
        let options = up(&[]);
        assert!(!options.demo, "demo is off unless asked");
        assert_eq!(options.data_dir, PathBuf::from("./data"), "data dir");
        assert_eq!(options.host.to_string(), "127.0.0.1", "host");
        assert_eq!(options.ports.port(&REGISTRY), 50051, "registry port");
        assert_eq!(options.ports.dashboard(), 8080, "dashboard port");
    }

    #[test]
    fn every_flag_is_read() {
        let options = up(&[
            "--demo",
            "--data-dir",
            "/tmp/x",
            "--host",
            "0.0.0.0",
            "--registry-port",
            "0",
            "--dashboard-port",
            "18080",
        ]);
        assert!(options.demo, "--demo");
        assert_eq!(options.data_dir, PathBuf::from("/tmp/x"), "--data-dir");
        assert_eq!(options.host.to_string(), "0.0.0.0", "--host");
        assert_eq!(options.ports.port(&REGISTRY), 0, "--registry-port 0");
        assert_eq!(options.ports.dashboard(), 18080, "--dashboard-port");
    }

    #[test]
    fn a_port_out_of_range_is_refused() {
        let parsed = Cli::try_parse_from(["rectify", "up", "--registry-port", "70000"]);
        assert!(parsed.is_err(), "70000 is not a port");
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
