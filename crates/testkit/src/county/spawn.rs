//! The registry and the five bureau services started together on port 0, each `TestService`
//! on its own fresh database of one backend, verifying one key set, on one settable clock:
//! every bureau follows the registry with its own service token, and environment also follows
//! utilities (rebound suspicions) and calls the registry to reopen an enterprise.

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rectify_campaign::ServiceName;
use rectify_environment::Environment;
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_kit::service::Service;
use rectify_land::Land;
use rectify_licensing::Licensing;
use rectify_proto::environment::v1::environment_service_client::EnvironmentServiceClient;
use rectify_proto::land::v1::land_service_client::LandServiceClient;
use rectify_proto::licensing::v1::licensing_service_client::LicensingServiceClient;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::safety::v1::safety_service_client::SafetyServiceClient;
use rectify_proto::utilities::v1::utilities_service_client::UtilitiesServiceClient;
use rectify_registry::Registry;
use rectify_safety::Safety;
use rectify_utilities::Utilities;
use tonic::transport::Channel;

use crate::registry::RegistryHarness as _;
use crate::workitems::spawn_following;
use crate::{Backend, TestKeys, TestService, authorized};

/// The six services of a county, started by [`County::spawn`].
pub struct County {
    pub registry: TestService<Registry>,
    pub utilities: TestService<Utilities>,
    pub licensing: TestService<Licensing>,
    pub land: TestService<Land>,
    pub safety: TestService<Safety>,
    pub environment: TestService<Environment>,
    /// The one clock every service reads; the test moves it.
    pub clock: Clock,
}

impl County {
    /// All six on fresh databases of `backend`, their clock at `now`; `None` where the backend
    /// is not available (PostgreSQL outside CI).
    pub async fn spawn(backend: Backend, now: DateTime<Utc>) -> Option<County> {
        let keys = Arc::new(TestKeys::new());
        let clock = Clock::fixed(now);
        let registry = TestService::<Registry>::spawn_with(backend, keys, |args| {
            args.clock = clock.clone();
        })
        .await?;
        let (utilities, licensing, land, safety) = tokio::join!(
            spawn_following::<Utilities, _>(&registry, &clock),
            spawn_following::<Licensing, _>(&registry, &clock),
            spawn_following::<Land, _>(&registry, &clock),
            spawn_following::<Safety, _>(&registry, &clock),
        );
        let utilities = utilities?;
        let environment = spawn_environment(&registry, &utilities, &clock).await?;
        Some(County {
            registry,
            utilities,
            licensing: licensing?,
            land: land?,
            safety: safety?,
            environment,
            clock,
        })
    }

    /// Stops every server, followers before what they follow, then drops the six databases
    /// at once (each PostgreSQL drop waits for a checkpoint; one after another they would
    /// add seconds to every test).
    pub async fn shutdown(self) {
        let (environment, ..) = self.environment.stop().await;
        let (utilities, licensing, land, safety) = tokio::join!(
            self.utilities.stop(),
            self.licensing.stop(),
            self.land.stop(),
            self.safety.stop(),
        );
        let (registry, ..) = self.registry.stop().await;
        let databases = [
            environment,
            utilities.0,
            licensing.0,
            land.0,
            safety.0,
            registry,
        ];
        tokio::task::spawn_blocking(move || {
            std::thread::scope(|scope| {
                for db in databases {
                    scope.spawn(move || drop(db));
                }
            });
        })
        .await
        .expect("the databases are dropped");
    }

    /// Where each of the six answers, by name: the peers of a service that follows them all
    /// (the coordinator, [`crate::workitems::spawn_following_all`]).
    pub fn peers(&self) -> Vec<(ServiceName, SocketAddr)> {
        vec![
            (ServiceName::Registry, self.registry.server.addr),
            (ServiceName::Utilities, self.utilities.server.addr),
            (ServiceName::Licensing, self.licensing.server.addr),
            (ServiceName::Land, self.land.server.addr),
            (ServiceName::Safety, self.safety.server.addr),
            (ServiceName::Environment, self.environment.server.addr),
        ]
    }

    pub fn utilities_client(&self) -> UtilitiesServiceClient<Channel> {
        UtilitiesServiceClient::new(self.utilities.channel())
    }

    pub fn licensing_client(&self) -> LicensingServiceClient<Channel> {
        LicensingServiceClient::new(self.licensing.channel())
    }

    pub fn land_client(&self) -> LandServiceClient<Channel> {
        LandServiceClient::new(self.land.channel())
    }

    pub fn safety_client(&self) -> SafetyServiceClient<Channel> {
        SafetyServiceClient::new(self.safety.channel())
    }

    pub fn environment_client(&self) -> EnvironmentServiceClient<Channel> {
        EnvironmentServiceClient::new(self.environment.channel())
    }

    /// The enterprise `name` (`enterprises/{id}`) as the registry's office reads it.
    pub async fn enterprise(&self, name: &str) -> rpb::Enterprise {
        self.registry
            .registry()
            .get_enterprise(authorized(
                rpb::GetEnterpriseRequest { name: name.into() },
                &self.registry.office(),
            ))
            .await
            .expect("get enterprise")
            .into_inner()
    }

    /// The enterprise `name` signed off in the registry (销号), request `request_id`, as the
    /// coordinator does for the office once every measure is complete (the registry accepts a
    /// sign-off from the coordinator only; its own tests show the completion check).
    pub async fn sign_off(&self, name: &str, request_id: &str) -> rpb::Enterprise {
        let etag = self.enterprise(name).await.etag;
        self.registry
            .registry()
            .sign_off_enterprise(authorized(
                rpb::SignOffEnterpriseRequest {
                    request_id: request_id.into(),
                    name: name.into(),
                    etag,
                    note: "各项整治措施已完成 (every measure done)".into(),
                },
                &self.registry.service("coordinator"),
            ))
            .await
            .expect("the coordinator signs the enterprise off")
            .into_inner()
    }
}

/// Environment on a fresh database of the registry's backend, following the registry and
/// utilities, with a service token for the registry (to reopen), utilities and itself.
async fn spawn_environment(
    registry: &TestService<Registry>,
    utilities: &TestService<Utilities>,
    clock: &Clock,
) -> Option<TestService<Environment>> {
    let keys = registry.keys.clone();
    let token = keys.token_for(
        &[Registry::NAME, Environment::NAME, Utilities::NAME],
        Environment::NAME,
        PartyKind::Service,
        &[],
    );
    let registry_url = format!("http://{}", registry.server.addr);
    let utilities_url = format!("http://{}", utilities.server.addr);
    TestService::<Environment>::spawn_with(registry.db.backend, keys, |args| {
        args.registry_url = Some(registry_url);
        args.utilities_url = Some(utilities_url);
        args.service_token = Some(token.into());
        args.clock = clock.clone();
    })
    .await
}
