//! What a bureau service is beside its own tables: the work items it serves, the campaign its
//! requests are checked against and the clock they are dated by. Each bureau's `app.rs` calls
//! [`serve_bureau`] and builds its own API on the [`Bureau`] it gives.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::clock::Clock;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, ServiceArgs};

use crate::domain::EvidenceRules;
use crate::store::{Store, stored_now};

/// The shared half of a bureau's own API: its work items, the campaign and the clock.
#[derive(Clone, Debug)]
pub struct Bureau {
    /// The bureau's work items, which its own methods complete.
    pub items: Store,
    pub campaign: Arc<Campaign>,
    pub clock: Clock,
}

impl Bureau {
    /// The clock's instant, as stored (to the microsecond).
    pub fn now(&self) -> DateTime<Utc> {
        stored_now(&self.clock)
    }

    /// The rules evidence recorded at `now` is checked against: not in the future, within
    /// the campaign's county.
    pub fn evidence_rules(&self, now: DateTime<Utc>) -> EvidenceRules<'_> {
        EvidenceRules {
            now,
            bounds: Some(self.campaign.bounds()),
        }
    }
}

/// The bureau `service` on `host`: its work items followed from the registry and served (see
/// [`crate::serve`]; the kinds in `recorded_through` are completed through the bureau's own
/// methods), and the [`Bureau`] its own API is built on.
pub fn serve_bureau(
    host: &Host,
    args: &ServiceArgs,
    service: ServiceName,
    recorded_through: &'static [&'static str],
) -> anyhow::Result<(Routes, Bureau)> {
    let campaign = Arc::new(args.load_campaign()?);
    let routes = crate::serve(host, args, service, campaign.clone(), recorded_through)?;
    let bureau = Bureau {
        items: Store::new(host.journal.clone()),
        campaign,
        clock: args.clock.clone(),
    };
    Ok((routes, bureau))
}

/// `bureau_migrations!()`: a bureau's migrations, the work items' tables first, then its own
/// from `migrations/postgres` and `migrations/sqlite` of the crate that invokes it (whose
/// tables refer to the items').
#[macro_export]
macro_rules! bureau_migrations {
    () => {{
        static POSTGRES: ::sqlx::migrate::Migrator = ::sqlx::migrate!("migrations/postgres");
        static SQLITE: ::sqlx::migrate::Migrator = ::sqlx::migrate!("migrations/sqlite");
        ::rectify_kit::db::Migrations {
            postgres: &[&$crate::MIGRATIONS_POSTGRES, &POSTGRES],
            sqlite: &[&$crate::MIGRATIONS_SQLITE, &SQLITE],
        }
    }};
}
