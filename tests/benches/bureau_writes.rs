//! Each bureau service's own write on PostgreSQL, measured over gRPC beside the same store
//! transaction called straight through sqlx on the same database in the same run (its rows, its
//! journal entries and its idempotency row, without the server: no auth, no HTTP/2, no handler):
//!
//! | service | write | what one call writes |
//! |---|---|---|
//! | utilities | SubmitMeterReading on a cut power meter | a reading, the standing order, `MeterReadingSubmitted` |
//! | licensing | SetApproval (applied for) | the approval and its history, `ApprovalSet` |
//! | land | RecordPlanningFinding | the land record, a finding, `PlanningFindingRecorded` |
//! | safety | RecordInspection finding a major hazard | an inspection, a hazard, `InspectionRecorded` |
//! | environment | RecordDischargeMonitoring | a monitoring, `DischargeMonitored` |
//!
//! The writes are ones a bureau repeats on the same enterprise (a reading every visit, an
//! inspection every round), so every client writes on its own enterprise for the whole phase
//! without contending with the others: `--clients` close plans and as many upgrade plans are
//! published first. Each client's first power cut and first (blocking) inspection are made
//! before measuring, so every measured call is the same write.
//!
//! `cargo bench -p rectify-tests --bench bureau_writes -- [--clients 16] [--seconds 5]`

use std::sync::Arc;

use rectify_campaign::Campaign;
use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::clock::Clock;
use rectify_kit::db::Db;
use rectify_kit::journal::Journal;
use rectify_kit::parse::timestamp;
use rectify_kit::service::Service;
use rectify_kit::{CallContext, dispatch_write};
use rectify_proto::environment::v1 as env;
use rectify_proto::land::v1 as land;
use rectify_proto::licensing::v1 as lic;
use rectify_proto::registry::v1 as reg;
use rectify_proto::safety::v1 as safety;
use rectify_proto::utilities::v1 as util;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_testkit::bench::{Figures, arg, drive};
use rectify_testkit::registry::{RegistryHarness as _, finding};
use rectify_testkit::workitems::{WorkItemHarness as _, of_kind, spawn_following};
use rectify_testkit::{Backend, TestService, authorized};
use rectify_workitems::store::{Item, stored_now};
use tonic::transport::Channel;

/// The services' clock: 10:00 CST, 15 October 2021, mid-campaign.
const NOW: &str = "2021-10-15T10:00:00+08:00";
/// When the measured facts happened.
const EARLIER: &str = "2021-10-15T09:30:00+08:00";
const PHOTO: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

use rectify_kit::clock::instant as at;

fn photo() -> Option<wpb::Evidence> {
    Some(wpb::Evidence {
        attachments: vec![wpb::Attachment {
            sha256: PHOTO.into(),
            file_name: "IMG_0042.jpg".into(),
            media_type: "image/jpeg".into(),
        }],
        taken_at: Some(timestamp(at(EARLIER))),
        location: Some(rectify_proto::common::v1::GeoPoint {
            latitude: 46.98,
            longitude: 130.72,
        }),
        ..Default::default()
    })
}

/// One bureau's measured write.
#[derive(Clone, Copy, Debug)]
enum Path {
    Utilities,
    Licensing,
    Land,
    Safety,
    Environment,
}

/// Every bureau, in the order the figures are printed.
const PATHS: [Path; 5] = [
    Path::Utilities,
    Path::Licensing,
    Path::Land,
    Path::Safety,
    Path::Environment,
];

/// What one client writes on: the work item or the enterprise its requests name.
#[derive(Clone, Debug)]
struct Target {
    /// `workItems/{id}` or `enterprises/{id}`.
    name: String,
    /// The item the handler would read before the transaction (land's and environment's store
    /// take it), and the enterprise it belongs to.
    item: wpb::WorkItem,
}

impl Path {
    fn label(self) -> &'static str {
        match self {
            Path::Utilities => "utilities SubmitMeterReading",
            Path::Licensing => "licensing SetApproval",
            Path::Land => "land RecordPlanningFinding",
            Path::Safety => "safety RecordInspection",
            Path::Environment => "environment RecordDischargeMonitoring",
        }
    }

    /// The bureau allowed to write it.
    fn party(self) -> &'static str {
        match self {
            Path::Utilities => "power",
            Path::Licensing | Path::Environment => "eco",
            Path::Land => "land",
            Path::Safety => "safety",
        }
    }

    fn service(self) -> &'static str {
        match self {
            Path::Utilities => rectify_utilities::Utilities::NAME,
            Path::Licensing => rectify_licensing::Licensing::NAME,
            Path::Land => rectify_land::Land::NAME,
            Path::Safety => rectify_safety::Safety::NAME,
            Path::Environment => rectify_environment::Environment::NAME,
        }
    }
}

/// The request of call `n` on `target`, the same over gRPC and straight through sqlx.
#[derive(Clone, Debug)]
enum Write {
    Reading(util::SubmitMeterReadingRequest),
    Approval(lic::SetApprovalRequest),
    Finding(land::RecordPlanningFindingRequest),
    Inspection(safety::RecordInspectionRequest),
    Monitoring(env::RecordDischargeMonitoringRequest),
}

fn write(path: Path, target: &Target, request_id: String) -> Write {
    let name = target.name.clone();
    match path {
        Path::Utilities => Write::Reading(util::SubmitMeterReadingRequest {
            request_id,
            target: Some(util::submit_meter_reading_request::Target::WorkItem(name)),
            reading: "48211.3".into(),
            read_at: Some(timestamp(at(EARLIER))),
            evidence: None,
        }),
        Path::Licensing => Write::Approval(lic::SetApprovalRequest {
            request_id,
            enterprise: name,
            kind: lic::ApprovalKind::Environmental as i32,
            status: lic::ApprovalStatus::Applied as i32,
            ..Default::default()
        }),
        Path::Land => Write::Finding(land::RecordPlanningFindingRequest {
            request_id,
            enterprise: name,
            finding: Some(land::PlanningFinding {
                land_use_plan: land::Conformity::DoesNotConform as i32,
                urban_rural_plan: land::Conformity::Conforms as i32,
                reference: "桦自然资函〔2021〕17号".into(),
                note: "位于基本农田保护区内".into(),
                ..Default::default()
            }),
        }),
        Path::Safety => Write::Inspection(safety::RecordInspectionRequest {
            request_id,
            work_item: name,
            etag: String::new(),
            inspected_at: Some(timestamp(at(EARLIER))),
            inspectors: vec!["张伟".into(), "刘洋".into()],
            evidence: photo(),
            hazards: vec![safety::Hazard {
                level: safety::HazardLevel::Major as i32,
                description: "粉尘作业区未设除尘设施".into(),
                fix_deadline: "2021-10-30".into(),
                ..Default::default()
            }],
        }),
        Path::Environment => Write::Monitoring(env::RecordDischargeMonitoringRequest {
            request_id,
            work_item: name,
            pollutant: "COD".into(),
            measured_value: "42.5".into(),
            limit: "50".into(),
            unit: env::Unit::MgPerL as i32,
            sampled_at: Some(timestamp(at(EARLIER))),
        }),
    }
}

/// The registry and the five bureaus following it, each on its own PostgreSQL database.
struct County {
    registry: TestService<Registry>,
    utilities: TestService<rectify_utilities::Utilities>,
    licensing: TestService<rectify_licensing::Licensing>,
    land: TestService<rectify_land::Land>,
    safety: TestService<rectify_safety::Safety>,
    environment: TestService<rectify_environment::Environment>,
    clock: Clock,
}

impl County {
    async fn spawn() -> Self {
        let registry = TestService::<Registry>::spawn(Backend::Postgres)
            .await
            .expect("PostgreSQL on 127.0.0.1:5432 is required");
        let clock = Clock::fixed(at(NOW));
        let follow = "every bureau follows the registry";
        Self {
            utilities: spawn_following(&registry, &clock).await.expect(follow),
            licensing: spawn_following(&registry, &clock).await.expect(follow),
            land: spawn_following(&registry, &clock).await.expect(follow),
            safety: spawn_following(&registry, &clock).await.expect(follow),
            environment: spawn_following(&registry, &clock).await.expect(follow),
            registry,
            clock,
        }
    }

    fn channel(&self, path: Path) -> Channel {
        match path {
            Path::Utilities => self.utilities.channel(),
            Path::Licensing => self.licensing.channel(),
            Path::Land => self.land.channel(),
            Path::Safety => self.safety.channel(),
            Path::Environment => self.environment.channel(),
        }
    }

    fn database_url(&self, path: Path) -> &str {
        match path {
            Path::Utilities => &self.utilities.db.url,
            Path::Licensing => &self.licensing.db.url,
            Path::Land => &self.land.db.url,
            Path::Safety => &self.safety.db.url,
            Path::Environment => &self.environment.db.url,
        }
    }

    fn token(&self, path: Path) -> String {
        self.registry
            .keys
            .token(path.service(), path.party(), PartyKind::Bureau, &[])
    }

    /// One close and one upgrade plan per client, the items each bureau gets from them, and
    /// each client's target per path, with its first power cut and first inspection made.
    async fn targets(&self, clients: usize) -> Vec<(Path, Vec<Target>)> {
        let mut targets: Vec<(Path, Vec<Target>)> =
            PATHS.iter().map(|p| (*p, Vec::new())).collect();
        for c in 0..clients {
            let closed = self
                .registry
                .publish_close_plan("yuelai", &format!("测速关停第{c}号作坊"))
                .await;
            let upgraded = self
                .registry
                .publish_plan(
                    "yuelai",
                    &format!("测速提升第{c}号作坊"),
                    finding("yuelai", "测速").criteria.expect("criteria"),
                    reg::Category::Upgrade,
                )
                .await;
            let power = of_kind(&self.utilities.items_of(&closed, 6).await, "power_cut").clone();
            let licensing = self.licensing.items_of(&closed, 2).await.remove(0);
            let land = self.land.items_of(&closed, 1).await.remove(0);
            let safety = self.safety.items_of(&upgraded, 1).await.remove(0);
            let environment = of_kind(
                &self.environment.items_of(&upgraded, 2).await,
                "pollution_upgrade",
            )
            .clone();
            self.power_cut(&power.name, c).await;
            self.first_inspection(&safety.name, c).await;
            for (path, list) in &mut targets {
                list.push(match path {
                    Path::Utilities => Target {
                        name: power.name.clone(),
                        item: power.clone(),
                    },
                    Path::Licensing => Target {
                        name: closed.clone(),
                        item: licensing.clone(),
                    },
                    Path::Land => Target {
                        name: closed.clone(),
                        item: land.clone(),
                    },
                    Path::Safety => Target {
                        name: safety.name.clone(),
                        item: safety.clone(),
                    },
                    Path::Environment => Target {
                        name: environment.name.clone(),
                        item: environment.clone(),
                    },
                });
            }
        }
        targets
    }

    async fn power_cut(&self, item: &str, c: usize) {
        util::utilities_service_client::UtilitiesServiceClient::new(self.utilities.channel())
            .record_power_cut(authorized(
                util::RecordPowerCutRequest {
                    request_id: format!("cut-{c}"),
                    work_item: item.to_owned(),
                    etag: String::new(),
                    account_number: format!("23082600{c:05}"),
                    meter_number: format!("DB-{c}"),
                    meter_reading_at_cut: "48211.3".into(),
                    executed_at: Some(timestamp(at(EARLIER))),
                    evidence: photo(),
                },
                &self.token(Path::Utilities),
            ))
            .await
            .expect("the power cut");
    }

    async fn first_inspection(&self, item: &str, c: usize) {
        let Write::Inspection(request) = write(
            Path::Safety,
            &Target {
                name: item.to_owned(),
                item: wpb::WorkItem::default(),
            },
            format!("first-{c}"),
        ) else {
            unreachable!("a safety write is an inspection")
        };
        safety::safety_service_client::SafetyServiceClient::new(self.safety.channel())
            .record_inspection(authorized(request, &self.token(Path::Safety)))
            .await
            .expect("the first inspection blocks the safety check");
    }
}

/// Sends `write` over gRPC as `token`.
async fn over_grpc(channel: Channel, token: &str, write: Write) {
    let result = match write {
        Write::Reading(r) => util::utilities_service_client::UtilitiesServiceClient::new(channel)
            .submit_meter_reading(authorized(r, token))
            .await
            .map(drop),
        Write::Approval(r) => lic::licensing_service_client::LicensingServiceClient::new(channel)
            .set_approval(authorized(r, token))
            .await
            .map(drop),
        Write::Finding(r) => land::land_service_client::LandServiceClient::new(channel)
            .record_planning_finding(authorized(r, token))
            .await
            .map(drop),
        Write::Inspection(r) => safety::safety_service_client::SafetyServiceClient::new(channel)
            .record_inspection(authorized(r, token))
            .await
            .map(drop),
        Write::Monitoring(r) => {
            env::environment_service_client::EnvironmentServiceClient::new(channel)
                .record_discharge_monitoring(authorized(r, token))
                .await
                .map(drop)
        }
    };
    result.expect("a write over gRPC");
}

/// Each service's database, as its handler holds it.
#[derive(Clone)]
struct Stores {
    campaign: Arc<Campaign>,
    clock: Clock,
    /// Each path's work items, in the order of [`PATHS`].
    items: Vec<rectify_workitems::store::Store>,
    journals: Vec<Journal>,
}

impl Stores {
    /// Every service's store, each on one pool of its own database (closed by
    /// [`Stores::close`], so that the phases do not hold PostgreSQL's connections between them).
    async fn open(county: &County) -> Self {
        let mut journals = Vec::new();
        for path in PATHS {
            let db = Db::open(county.database_url(path), 16).await.expect("pool");
            journals.push(Journal::new(db));
        }
        Self {
            campaign: Arc::new(Campaign::huachuan_2021()),
            clock: county.clock.clone(),
            items: journals
                .iter()
                .cloned()
                .map(rectify_workitems::store::Store::new)
                .collect(),
            journals,
        }
    }

    async fn close(&self) {
        for journal in &self.journals {
            journal.db().close().await;
        }
    }

    /// The stored item the handler reads before land's and environment's transaction.
    async fn item(&self, path: Path, target: &Target) -> Item {
        let id = target
            .item
            .name
            .rsplit('/')
            .next()
            .expect("an item name ends in its id");
        self.items[path as usize]
            .existing(id)
            .await
            .expect("the item exists")
    }

    /// Parses `write` as the handler does and runs the service's store transaction with it.
    async fn straight(&self, principal: Principal, write: Write, known: Option<Item>) {
        let now = stored_now(&self.clock);
        let bounds = Some(self.campaign.bounds());
        let result = match write {
            Write::Reading(r) => {
                let ctx = CallContext::new(principal, "SubmitMeterReading", &r).expect("context");
                let submission = rectify_utilities::domain::MeterReadingSubmission::parse(
                    &r,
                    rectify_utilities::domain::ParseContext {
                        now,
                        plan_published: self.campaign.milestones().list_published,
                        bounds,
                    },
                )
                .expect("a good reading");
                let rectify_utilities::domain::MeterTarget::WorkItem(item) = &submission.target
                else {
                    unreachable!("readings name their item")
                };
                dispatch_write!(self.journals[Path::Utilities as usize], rectify_utilities::store::sql => submit_reading(&ctx, item.id(), &submission, now))
                    .map(drop)
            }
            Write::Approval(r) => {
                let ctx = CallContext::new(principal, "SetApproval", &r).expect("context");
                let update = rectify_licensing::domain::ApprovalUpdate::parse(
                    &r,
                    rectify_licensing::domain::ParseContext { now, bounds },
                )
                .expect("a good approval");
                let known = known.expect("licensing's item");
                let enterprise = rectify_licensing::store::Enterprise {
                    id: known.enterprise_id.clone(),
                    display_name: known.enterprise_display_name.clone(),
                    jurisdiction: known.jurisdiction.clone(),
                };
                dispatch_write!(self.journals[Path::Licensing as usize], rectify_licensing::store::sql => set_approval(&ctx, &enterprise, &update, None, now))
                    .map(drop)
            }
            Write::Finding(r) => {
                let ctx =
                    CallContext::new(principal, "RecordPlanningFinding", &r).expect("context");
                let finding =
                    rectify_land::domain::PlanningFinding::parse(&r).expect("a good finding");
                let known = known.expect("land's item");
                dispatch_write!(self.journals[Path::Land as usize], rectify_land::store::sql => record_finding(&ctx, &finding, &known, now))
                    .map(drop)
            }
            Write::Inspection(r) => {
                let ctx = CallContext::new(principal, "RecordInspection", &r).expect("context");
                let record = rectify_safety::domain::InspectionRecord::parse(
                    &r,
                    rectify_safety::domain::ParseContext { now, bounds },
                )
                .expect("a good inspection");
                dispatch_write!(self.journals[Path::Safety as usize], rectify_safety::store::sql => record_inspection(&ctx, &record, now))
                    .map(drop)
            }
            Write::Monitoring(r) => {
                let ctx =
                    CallContext::new(principal, "RecordDischargeMonitoring", &r).expect("context");
                let monitoring = rectify_environment::domain::Monitoring::parse(
                    &r,
                    rectify_environment::domain::ParseContext { now, bounds },
                )
                .expect("a good monitoring");
                let known = known.expect("environment's item");
                dispatch_write!(self.journals[Path::Environment as usize], rectify_environment::store::sql => record_monitoring(&ctx, &known, &monitoring, now))
                    .map(drop)
            }
        };
        result.expect("the same transaction through sqlx");
    }
}

async fn grpc_phase(
    county: &County,
    path: Path,
    targets: &[Target],
    clients: usize,
    seconds: u64,
) -> Figures {
    let channel = county.channel(path);
    let token = county.token(path);
    let targets = Arc::new(targets.to_vec());
    drive(clients, seconds, move |c, n| {
        let (channel, token) = (channel.clone(), token.clone());
        let write = write(path, &targets[c], format!("grpc-{c}-{n}"));
        async move { over_grpc(channel, &token, write).await }
    })
    .await
}

async fn direct_phase(
    stores: &Stores,
    path: Path,
    targets: &[Target],
    clients: usize,
    seconds: u64,
) -> Figures {
    let mut known = Vec::new();
    for target in targets {
        known.push(stores.item(path, target).await);
    }
    let (known, targets) = (Arc::new(known), Arc::new(targets.to_vec()));
    let principal = Principal {
        subject: "bench".into(),
        party: path.party().into(),
        kind: PartyKind::Bureau,
        roles: vec![],
    };
    let stores = stores.clone();
    drive(clients, seconds, move |c, n| {
        let stores = stores.clone();
        let write = write(path, &targets[c], format!("direct-{c}-{n}"));
        let (principal, known) = (principal.clone(), known[c].clone());
        async move { stores.straight(principal, write, Some(known)).await }
    })
    .await
}

#[tokio::main]
async fn main() {
    let clients = arg("--clients", 16) as usize;
    let seconds = arg("--seconds", 5);
    let county = County::spawn().await;
    println!(
        "bureau writes on PostgreSQL: {clients} clients, {seconds} s per phase, gRPC then sqlx"
    );
    let targets = county.targets(clients).await;
    let mut rows = Vec::new();
    for (path, targets) in &targets {
        let grpc = grpc_phase(&county, *path, targets, clients, seconds).await;
        let stores = Stores::open(&county).await;
        let direct = direct_phase(&stores, *path, targets, clients, seconds).await;
        stores.close().await;
        rows.push((*path, grpc, direct));
    }
    for (path, grpc, direct) in &rows {
        println!("{}", path.label());
        grpc.print("  over gRPC");
        direct.print("  same transaction through sqlx");
        println!("  ratio gRPC / direct: {:.2}", grpc.rate() / direct.rate());
    }
    let County {
        registry,
        utilities,
        licensing,
        land,
        safety,
        environment,
        ..
    } = county;
    let _dropped_after_stopping = (
        utilities.stop().await,
        licensing.stop().await,
        land.stop().await,
        safety.stop().await,
        environment.stop().await,
        registry.stop().await,
    );
}
