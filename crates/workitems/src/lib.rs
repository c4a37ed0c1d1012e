//! The work-item machinery every bureau service serves (DESIGN §2 "Work item", §3;
//! docs/work-items.md): written once here, served by utilities, licensing, land, safety and
//! environment alike.
//!
//! - [`domain`]: the pure rules: the state machine, deadlines and overdue, evidence, and what a
//!   plan change does to a service's items;
//! - [`store`]: the items and their history in the service's database, and the operations a
//!   bureau service's own methods call inside their transaction ([`store::ItemTx`]);
//! - [`follow`]: the registry's feed turned into items ([`follow_registry`]);
//! - [`api`]: `rectify.workitems.v1.WorkItemService` ([`api::WorkItemApi`]);
//! - [`events`]: the typed events on the service's own feed.
//!
//! A bureau service lists [`MIGRATIONS_POSTGRES`] and [`MIGRATIONS_SQLITE`] among its
//! migrations (`bureau_migrations!()`) and calls [`serve_bureau`] in its routes.

pub mod api;
pub mod bureau;
pub mod domain;
pub mod events;
pub mod follow;
pub mod store;

use std::sync::Arc;

use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, ServiceArgs};
use rectify_proto::workitems::v1::work_item_service_server::WorkItemServiceServer;
use sqlx::migrate::Migrator;

pub use bureau::{Bureau, serve_bureau};
pub use follow::follow_registry;

/// The work-item tables on PostgreSQL (versions 100–199).
pub static MIGRATIONS_POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
/// The work-item tables on SQLite (versions 100–199).
pub static MIGRATIONS_SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

/// The work items of `service` on `host`, which executes the kinds `campaign` gives it: follows
/// the registry's feed into them and returns the host's routes serving `WorkItemService` for
/// them (within the host's message size), for the service to add its own. The kinds in
/// `recorded_through` are completed through the service's own methods, never
/// `CompleteWorkItem`.
pub fn serve(
    host: &Host,
    args: &ServiceArgs,
    service: ServiceName,
    campaign: Arc<Campaign>,
    recorded_through: &'static [&'static str],
) -> anyhow::Result<Routes> {
    follow_registry(host, args, service, campaign.clone())?;
    let api = api::WorkItemApi::new(
        store::Store::new(host.journal.clone()),
        service,
        campaign,
        args.clock.clone(),
        recorded_through,
    );
    Ok(host
        .routes()
        .serve(rectify_kit::limited!(host, WorkItemServiceServer::new(api))))
}
