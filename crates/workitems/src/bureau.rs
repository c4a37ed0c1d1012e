//! What a bureau service is beside its own tables: the work items it serves, the campaign its
//! requests are checked against and the clock they are dated by. Each bureau's `app.rs` calls
//! [`serve_bureau`] and builds its own API on the [`Bureau`] it gives.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::auth::Principal;
use rectify_kit::clock::Clock;
use rectify_kit::context::Mutation;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, ServiceArgs};
use rectify_kit::{CallContext, Error, FieldViolation};

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

    /// What a `Record*` call of `caller` to `method` records: its context (a bad request_id
    /// refused first), the instant, and `body` parsed with `parse` against the evidence rules
    /// then (INVALID_ARGUMENT with every bad field).
    pub fn recording<R: Mutation, T>(
        &self,
        caller: Principal,
        method: &'static str,
        body: &R,
        parse: impl FnOnce(&R, EvidenceRules<'_>) -> Result<T, Vec<FieldViolation>>,
    ) -> rectify_kit::Result<(CallContext, T, DateTime<Utc>)> {
        let ctx = CallContext::new(caller, method, body)?;
        let now = self.now();
        let parsed = parse(body, self.evidence_rules(now)).map_err(Error::InvalidArgument)?;
        Ok((ctx, parsed, now))
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

/// `bureau_service!`: a bureau service as the shared skeleton runs it, written once. It declares
/// the unit struct, its `App` and its `Service`: the bureau's migrations (`bureau_migrations!()`),
/// its work items followed from the registry and served (the kinds listed after `recorded
/// through` completed only through the bureau's own methods), and beside them the gRPC server
/// named there over the API that the `api:` expression builds from the host, the service's
/// arguments and the [`Bureau`] (it may start followers and use `?`).
///
/// ```ignore
/// rectify_workitems::bureau_service! {
///     /// The land service (用地与场地).
///     Land = ServiceName::Land;
///     recorded through LandServiceServer: RECORDED_THROUGH_SERVICE;
///     api: |host, _args, bureau| LandApi::new(host.journal.clone(), bureau);
/// }
/// ```
#[macro_export]
macro_rules! bureau_service {
    (
        $(#[$doc:meta])*
        $service:ident = $name:expr;
        recorded through $server:ident: $recorded:expr;
        api: |$host:ident, $args:ident, $bureau:ident| $api:expr;
    ) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $service;

        #[doc = concat!("`", stringify!($service), "` run through the shared skeleton.")]
        pub type App = ::rectify_kit::service::App<$service>;

        impl ::rectify_kit::service::Service for $service {
            const SERVICE: ::rectify_campaign::ServiceName = $name;
            const MIGRATIONS: ::rectify_kit::db::Migrations = $crate::bureau_migrations!();

            async fn routes(
                $host: &::rectify_kit::host::Host,
                $args: &::rectify_kit::service::ServiceArgs,
            ) -> ::anyhow::Result<::rectify_kit::service::Routes> {
                let (routes, $bureau) = $crate::serve_bureau($host, $args, $name, $recorded)?;
                let api = $api;
                Ok(routes.serve(::rectify_kit::limited!($host, $server::new(api))))
            }
        }
    };
}
