//! The bureaus' work after publication, on one timeline: once every bureau service holds the
//! items of the published plans, each service's module decides who does what and when, the
//! steps of all of them are played day by day on the shared clock, the reopened enterprises'
//! items are waited for, and every service's items are counted as they then stand.

use std::collections::{BTreeMap, HashSet};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rectify_campaign::ServiceName;
use rectify_kit::clock::Clock;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use tonic::transport::Channel;

use crate::environment::EnvironmentSummary;
use crate::land::LandSummary;
use crate::licensing::LicensingSummary;
use crate::load::Channels;
use crate::progress::{
    Auth, BureauSummary, ItemCounts, Planned, ServiceLine, Step, play, wait_for_items,
};
use crate::safety::SafetySummary;
use crate::utilities::UtilitiesSummary;

/// What the parties did in every bureau service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rectification {
    /// 两断三清.
    pub utilities: UtilitiesSummary,
    /// Approvals and revocations.
    pub licensing: LicensingSummary,
    /// Plots, planning findings, demolitions, remediations.
    pub land: LandSummary,
    /// Inspections and hazards.
    pub safety: SafetySummary,
    /// Pollution control, monitoring, outlets, patrols.
    pub environment: EnvironmentSummary,
    /// Enterprises the registry shows reopened after a patrol found them running.
    pub reopened: usize,
}

impl Rectification {
    /// What each service did, ready to print, in the order the services start.
    pub fn lines(&self) -> [ServiceLine<'_>; 5] {
        [
            self.utilities.line(),
            self.licensing.line(),
            self.land.line(),
            self.safety.line(),
            self.environment.line(),
        ]
    }
}

/// Waits for each service to hold its `expected` items, plays every service's steps between
/// publication and `now`, and counts. `expected` counts the published plans' measures by the
/// service that executes them.
pub async fn run<T>(
    channels: &Channels,
    tokens: &T,
    clock: &Clock,
    expected: &BTreeMap<ServiceName, usize>,
    now: DateTime<Utc>,
) -> anyhow::Result<Rectification>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    let services = [
        (ServiceName::Utilities, &channels.utilities),
        (ServiceName::Licensing, &channels.licensing),
        (ServiceName::Land, &channels.land),
        (ServiceName::Safety, &channels.safety),
        (ServiceName::Environment, &channels.environment),
    ];
    let mut held = Vec::new();
    for (service, channel) in services {
        let wanted = expected.get(&service).copied().unwrap_or(0);
        held.push(wait_for_items(service.as_str(), channel, tokens, wanted).await?);
    }
    tracing::info!("demo: every bureau service holds its items");
    let [utilities, licensing, land, safety, environment] = &held[..] else {
        anyhow::bail!("five bureau services");
    };
    let utilities = crate::utilities::plan(&channels.utilities, utilities);
    let licensing = crate::licensing::plan(&channels.licensing, licensing);
    let land = crate::land::plan(&channels.land, land);
    let safety = crate::safety::plan(&channels.safety, safety);
    let environment = crate::environment::plan(
        &channels.environment,
        &channels.registry,
        environment,
        utilities.figures.rebound.as_ref(),
    );
    let mut steps = Vec::new();
    let utilities = take(utilities, &mut steps);
    let licensing = take(licensing, &mut steps);
    let land = take(land, &mut steps);
    let safety = take(safety, &mut steps);
    let environment = take(environment, &mut steps);
    tracing::info!(steps = steps.len(), "demo: the bureaus' work planned");
    play(steps, tokens, clock, now).await?;
    tracing::info!("demo: the bureaus' work played");

    let reopened: HashSet<&str> = environment.rebounds.iter().map(String::as_str).collect();
    let mut counts = Vec::new();
    for ((service, channel), before) in services.into_iter().zip(&held) {
        let again = before
            .iter()
            .filter(|i| reopened.contains(i.enterprise.as_str()))
            .count();
        let after = wait_for_items(service.as_str(), channel, tokens, before.len() + again).await?;
        counts.push(ItemCounts::of(&after));
    }
    let [u, li, la, s, e] =
        <[ItemCounts; 5]>::try_from(counts).map_err(|_| anyhow::anyhow!("five bureau services"))?;
    Ok(Rectification {
        reopened: count_reopened(&channels.registry, tokens, &environment.rebounds).await?,
        utilities: BureauSummary {
            items: u,
            figures: utilities,
        },
        licensing: BureauSummary {
            items: li,
            figures: licensing,
        },
        land: BureauSummary {
            items: la,
            figures: land,
        },
        safety: BureauSummary {
            items: s,
            figures: safety,
        },
        environment: BureauSummary {
            items: e,
            figures: environment,
        },
    })
}

/// A service's figures; its steps join `steps`.
fn take<F>(planned: Planned<F>, steps: &mut Vec<Step>) -> F {
    steps.extend(planned.steps);
    planned.figures
}

/// How many of `enterprises` the registry shows back in rectification after a rebound.
async fn count_reopened<T>(
    registry: &Channel,
    tokens: &T,
    enterprises: &[String],
) -> anyhow::Result<usize>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    let auth = Auth::of("office", tokens)?;
    let mut client = RegistryServiceClient::new(registry.clone());
    let mut reopened = 0;
    for name in enterprises {
        let request = rpb::GetEnterpriseRequest { name: name.clone() };
        let enterprise = client
            .get_enterprise(auth.request(request)?)
            .await
            .with_context(|| format!("GetEnterprise {name}"))?
            .into_inner();
        let back = enterprise.state() == rpb::LifecycleState::Published;
        reopened += usize::from(back && !enterprise.reopen_reason.is_empty());
    }
    Ok(reopened)
}
