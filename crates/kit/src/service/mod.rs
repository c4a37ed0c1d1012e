//! The skeleton every service is built on: a short description of the
//! service ([`Service`]) handed to one generic [`App`] and one generic
//! [`main`], used by each service's binary, the all-in-one launcher and the
//! tests alike.

mod app;
mod args;
mod routes;

pub use app::{App, main};
pub use args::{SecretToken, ServiceArgs};
pub use routes::Routes;

use std::future::Future;

use crate::auth::{PartyKind, Principal};
use crate::db::Migrations;
use crate::host::Host;
use rectify_campaign::ServiceName;

/// What a service is, beside its proto, domain and SQL.
pub trait Service: Send + Sync + 'static {
    /// Which service this is: its name, title and default port come from it.
    const SERVICE: ServiceName;
    /// Stable lowercase name: the token audience, the logs' service name, the
    /// embedded database file, e.g. `registry`.
    const NAME: &'static str = Self::SERVICE.as_str();
    /// What it is, in Chinese, for people (e.g. `台账`).
    const TITLE_ZH: &'static str = Self::SERVICE.title_zh();
    /// Its gRPC port unless configured otherwise.
    const DEFAULT_PORT: u16 = Self::SERVICE.default_port();
    /// Its own tables' migrations (versions 1000 and up).
    const MIGRATIONS: Migrations;

    /// Who may read this service's change feed. Every feed carries the county's enterprises, so
    /// by default only the leading-group office and the other services may.
    fn feed_readers(principal: &Principal) -> bool {
        matches!(principal.kind, PartyKind::Office | PartyKind::Service)
    }

    /// Builds the handlers on a prepared host, starts any background work
    /// (stopped by [`Host::stop_token`]) and returns the gRPC services to serve.
    fn routes(
        host: &Host,
        args: &ServiceArgs,
    ) -> impl Future<Output = anyhow::Result<Routes>> + Send;
}
