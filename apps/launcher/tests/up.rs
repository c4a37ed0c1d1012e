//! `rectify up` through the library entry point, on a temporary data directory and free ports:
//! the demo arrives through the registry's API without a log line per call, every bureau service's
//! items move through its own API (done, blocked, overdue, its own figures), two rebounds are
//! reopened in the registry and their items created again, a restart keeps the data and the
//! keys, and the token file names every party with a token for every service.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use rectify_campaign::{Campaign, HUACHUAN_2021};
use rectify_demo::{DemoOutcome, DemoSummary, REBOUNDS};
use rectify_kit::auth::{SERVICE_AUDIENCES, Verifier};
use rectify_launcher::{Ports, Running, UpOptions, start};
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_proto::workitems::v1 as wpb;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use rectify_testkit::authorized;
use tonic::transport::Channel;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt as _;

fn options(data_dir: &Path, demo: bool) -> UpOptions {
    UpOptions {
        demo,
        data_dir: data_dir.to_owned(),
        host: IpAddr::V4(Ipv4Addr::LOCALHOST),
        ports: Ports::all(0),
        clock_start: None,
        tls: false,
        mtls: false,
    }
}

fn registry(running: &Running) -> RegistryServiceClient<Channel> {
    let endpoint = running.endpoint("registry").expect("registry endpoint");
    RegistryServiceClient::new(endpoint.channel().expect("channel"))
}

/// Collects the targets of INFO events logged inside a server's `grpc` call span: on the
/// console of `rectify up`, each would be a line per call. Warnings and errors are not routine
/// and are not collected.
#[derive(Clone, Default)]
struct PerCallInfo(Arc<Mutex<Vec<String>>>);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for PerCallInfo {
    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let in_call = ctx
            .event_scope(event)
            .is_some_and(|mut spans| spans.any(|span| span.name() == "grpc"));
        if in_call && *event.metadata().level() == Level::INFO {
            let mut targets = self.0.lock().unwrap_or_else(|p| p.into_inner());
            targets.push(event.metadata().target().to_owned());
        }
    }
}

/// The process-wide collector of [`PerCallInfo`], installed as the global subscriber at the
/// launcher's default level on first use.
fn per_call_info_lines() -> Arc<Mutex<Vec<String>>> {
    static COLLECTOR: OnceLock<PerCallInfo> = OnceLock::new();
    let collector = COLLECTOR.get_or_init(|| {
        let collector = PerCallInfo::default();
        tracing_subscriber::registry()
            .with(tracing_subscriber::filter::LevelFilter::INFO)
            .with(collector.clone())
            .init();
        collector
    });
    collector.0.clone()
}

/// Every enterprise, as `token` sees it.
async fn all_enterprises(running: &Running, token: &str) -> Vec<pb::Enterprise> {
    rectify_testkit::registry::all_enterprises(registry(running), token).await
}

/// Where environment logs the reopening a rebound patrol asks of the registry: an event, not
/// routine.
const REOPEN_TARGET: &str = "rectify_environment::api::reopen";

/// The coordinator's count of enterprises once it reaches `expected` (waiting up to 60 s).
async fn coordinator_enterprises(running: &Running, office: &str, expected: usize) -> i64 {
    use rectify_proto::coordinator::v1 as cpb;
    let endpoint = running
        .endpoint("coordinator")
        .expect("coordinator endpoint");
    let mut client = cpb::coordinator_service_client::CoordinatorServiceClient::new(
        endpoint.channel().expect("channel"),
    );
    let mut seen = 0;
    for _ in 0..600 {
        let mut request = tonic::Request::new(cpb::GetSummaryRequest {});
        rectify_kit::auth::set_bearer(request.metadata_mut(), office).expect("token");
        seen = client
            .get_summary(request)
            .await
            .expect("the office reads the summary")
            .into_inner()
            .enterprises;
        if seen == expected as i64 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_is_loaded_once_and_a_restart_keeps_the_data_and_the_keys() {
    let per_call_info = per_call_info_lines();
    let dir = tempfile::tempdir().expect("temporary directory");
    let first = start(&options(dir.path(), true))
        .await
        .expect("first start");
    let Some(DemoOutcome::Loaded(summary)) = &first.demo else {
        panic!("an empty registry gets the demo: {:?}", first.demo);
    };
    eprintln!("demo: {summary:?}");
    let per_call = per_call_info.lock().expect("lock").clone();
    assert_eq!(
        per_call,
        vec![REOPEN_TARGET.to_owned(); REBOUNDS],
        "the demo's {} reports (and every other routine call) log nothing per call at INFO; \
         each rebound's reopening does",
        summary.findings
    );
    let office = first.tokens.get("office").expect("office token").to_owned();
    the_bureaus_did_their_part(summary);
    the_rebounds_were_reopened_and_their_items_created_again(&first, summary, &office).await;

    let enterprises = all_enterprises(&first, &office).await;
    assert!(
        enterprises.len() >= 250,
        "{} enterprises",
        enterprises.len()
    );
    let campaign = Campaign::from_toml_str(HUACHUAN_2021).expect("campaign");
    let covered: HashSet<&str> = enterprises
        .iter()
        .map(|e| e.jurisdiction.as_str())
        .collect();
    for party in campaign.jurisdictions() {
        assert!(
            covered.contains(party.code.as_str()),
            "{} has enterprises",
            party.code
        );
    }
    let caught_up = coordinator_enterprises(&first, &office, enterprises.len()).await;
    assert_eq!(
        caught_up,
        enterprises.len() as i64,
        "the coordinator follows the registry and counts every enterprise"
    );
    let merged = enterprises.iter().filter(|e| e.finding_count >= 2).count();
    assert!(
        merged >= 10,
        "duplicates were merged onto {merged} enterprises"
    );
    let categories: HashSet<pb::Category> = enterprises.iter().map(|e| e.category()).collect();
    for category in [
        pb::Category::Upgrade,
        pb::Category::Relocate,
        pb::Category::Close,
    ] {
        assert!(
            categories.contains(&category),
            "some enterprise is {category:?}"
        );
    }
    let public = registry(&first)
        .list_public_plans(pb::ListPublicPlansRequest {
            page_size: 500,
            ..Default::default()
        })
        .await
        .expect("the public list needs no token")
        .into_inner();
    assert!(
        !public.plans.is_empty(),
        "published plans are on the public list"
    );

    first.shutdown().await.expect("first run stops cleanly");
    let second = start(&options(dir.path(), true))
        .await
        .expect("second start");
    assert_eq!(
        second.demo,
        Some(DemoOutcome::AlreadyPresent),
        "a registry with data is not loaded twice"
    );
    let again = all_enterprises(&second, &office).await;
    assert_eq!(
        again.len(),
        enterprises.len(),
        "the restart keeps every enterprise, and the first run's office token still works"
    );
    second.shutdown().await.expect("second run stops cleanly");
}

/// Every bureau service's items moved through its own API: done, blocked, overdue, and each
/// service's own figures.
fn the_bureaus_did_their_part(summary: &DemoSummary) {
    let r = &summary.rectification;
    for line in r.lines() {
        let (service, items) = (line.title.1, line.items);
        assert!(
            items.done > 0 && items.done < items.items,
            "{service}: some items done, not all: {items:?}"
        );
        assert!(items.blocked > 0, "{service}: some blocked: {items:?}");
        assert!(
            items.overdue > 0,
            "{service}: some undone past the deadline: {items:?}"
        );
        for (_, figure, value) in &line.figures {
            assert!(*value > 0, "{service}: {figure} {:?}", line.figures);
        }
    }
    assert!(
        r.utilities.items.verified > 0,
        "eco verified utilities' work"
    );
    assert!(r.utilities.items.waived > 0, "a well closure waived");

    let licensing = &r.licensing.figures;
    assert!(
        licensing.granted > licensing.applied && licensing.applied > licensing.refused,
        "most granted, some applied, a few refused: {licensing:?}"
    );
    assert_eq!(
        r.licensing.items.blocked, licensing.refused,
        "each refusal blocks its approval item"
    );

    let safety = &r.safety.figures;
    assert!(
        safety.hazards > safety.major,
        "general hazards too: {safety:?}"
    );
    assert!(
        safety.major_fixed < safety.major,
        "most major hazards fixed, a few open: {safety:?}"
    );
    assert_eq!(
        r.safety.items.blocked,
        safety.major - safety.major_fixed,
        "an open major hazard holds its safety check, a fixed one releases it"
    );

    let environment = &r.environment.figures;
    assert!(
        environment.monitorings > 4 * environment.exceedances,
        "mostly compliant: {environment:?}"
    );
    assert_eq!(environment.rebounds.len(), REBOUNDS, "two rebounds found");
    assert_eq!(r.reopened, REBOUNDS, "both reopened in the registry");
    assert_eq!(
        r.utilities.figures.rebound.as_ref().map(|(e, _)| e),
        environment.rebounds.first(),
        "the first rebound is the workshop whose power meter ran after its cut"
    );
    assert_eq!(
        r.utilities.items.recreated,
        6 * REBOUNDS,
        "两断三清 ordered again for each reopened closure"
    );
    for (service, items) in [
        ("licensing", &r.licensing.items),
        ("land", &r.land.items),
        ("environment", &r.environment.items),
    ] {
        assert!(
            items.recreated >= REBOUNDS,
            "{service} orders its measures again: {items:?}"
        );
    }
}

/// The registry shows both rebounds back in rectification, and utilities and environment hold
/// their second round of items.
async fn the_rebounds_were_reopened_and_their_items_created_again(
    running: &Running,
    summary: &DemoSummary,
    office: &str,
) {
    let channel = |name: &str| {
        running
            .endpoint(name)
            .expect(name)
            .channel()
            .expect("channel")
    };
    for enterprise in &summary.rectification.environment.figures.rebounds {
        let found = registry(running)
            .get_enterprise(authorized(
                pb::GetEnterpriseRequest {
                    name: enterprise.clone(),
                },
                office,
            ))
            .await
            .expect("the reopened enterprise")
            .into_inner();
        assert_eq!(found.state(), pb::LifecycleState::Published, "{found:?}");
        assert!(
            !found.reopen_reason.is_empty(),
            "why it was reopened: {found:?}"
        );
        for (service, kinds) in [("utilities", 6), ("environment", 1)] {
            let items = WorkItemServiceClient::new(channel(service))
                .list_work_items(authorized(
                    wpb::ListWorkItemsRequest {
                        enterprise: enterprise.clone(),
                        page_size: 100,
                        ..Default::default()
                    },
                    office,
                ))
                .await
                .expect("the enterprise's items")
                .into_inner()
                .work_items;
            let again = items.iter().filter(|i| i.round == 2).count();
            assert_eq!(
                again, kinds,
                "{service} ordered its measures again: {items:?}"
            );
            assert!(
                items
                    .iter()
                    .filter(|i| i.round == 2)
                    .all(|i| i.state() == wpb::State::Pending),
                "a new round starts pending"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_file_has_a_line_for_the_office_and_each_township_valid_on_every_service() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // A directory a county clerk might choose: spaces and Chinese in the path.
    let data_dir = dir.path().join("整治 数据");
    let running = start(&options(&data_dir, false)).await.expect("start");
    assert_eq!(running.demo, None, "no demo unless asked");
    let text = std::fs::read_to_string(running.tokens_file()).expect("tokens.txt");
    let lines: Vec<(&str, &str)> = text
        .lines()
        .map(|line| line.split_once('=').expect("party=token"))
        .collect();
    let jwks = running.data_dir.join("keys").join("jwks.json");
    let verifiers: Vec<(&str, Verifier)> = SERVICE_AUDIENCES
        .into_iter()
        .map(|service| {
            let verifier = Verifier::from_jwks_file(&jwks, "rectify", service).expect("jwks");
            (service, verifier)
        })
        .collect();
    for party in ["office", "yuelai", "eco", "gov", "coordinator"] {
        let token = lines.iter().find(|(p, _)| *p == party).map(|(_, t)| *t);
        assert_eq!(
            token,
            running.tokens.get(party),
            "{party} line matches the printed token"
        );
        for (service, verifier) in &verifiers {
            let verified = token.map(|token| verifier.verify(token));
            assert!(
                matches!(verified, Some(Ok(_))),
                "{party}'s one token works on {service}: {verified:?}"
            );
        }
    }
    assert_eq!(
        lines.len(),
        running.tokens.iter().count(),
        "one line, one token per party"
    );
    let office = running.tokens.get("office").expect("office token");
    assert!(
        all_enterprises(&running, office).await.is_empty(),
        "nothing without --demo"
    );
    running.shutdown().await.expect("stops cleanly");
}
