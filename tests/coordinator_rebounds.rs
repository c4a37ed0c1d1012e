//! Rebounds as the coordinator shows them: a closed enterprise signed off through the
//! coordinator is under watch with a patrol due; a cut power meter turning again (utilities'
//! ReboundSuspected) makes the patrol due at once; a patrol finding the workshop running has
//! environment reopen it in the registry, and the coordinator shows it reopened, in a new round,
//! incomplete again.

#[path = "coordinator/county.rs"]
mod county;
#[path = "utilities/common/mod.rs"]
mod utilities;

use chrono::{Duration, Utc};
use county::{County, client, progress_when};
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_kit::parse::timestamp;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::environment::v1 as env;
use rectify_proto::environment::v1::environment_service_client::EnvironmentServiceClient;
use rectify_proto::registry::v1 as reg;
use rectify_proto::utilities::v1::utilities_service_client::UtilitiesServiceClient;
use rectify_proto::workitems::v1 as wi;
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::{WorkItemHarness, of_kind};
use rectify_testkit::{Backend, authorized, on_both_backends};

/// Evidence of a photo taken `seconds_ago`.
fn photo(seconds_ago: i64) -> Option<wi::Evidence> {
    let mut evidence = utilities::photo();
    if let Some(e) = evidence.as_mut() {
        e.taken_at = Some(timestamp(Utc::now() - Duration::seconds(seconds_ago)));
    }
    evidence
}

/// Waits while the host's clock is within a minute before or ten seconds after midnight in
/// China Standard Time: the services date work by the CST day (nothing done before the day the
/// plan was published), and this test's moments, seconds apart, must fall on one day.
async fn clear_of_cst_midnight() {
    use chrono::Timelike as _;
    loop {
        let time = Utc::now().with_timezone(&rectify_kit::clock::cst()).time();
        let seconds = time.num_seconds_from_midnight();
        if (10..24 * 3600 - 60).contains(&seconds) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

async fn waive_rest<S: rectify_kit::service::Service>(
    service: &rectify_testkit::TestService<S>,
    enterprise: &str,
    office: &str,
    keep: &[&str],
) {
    let request = wi::ListWorkItemsRequest {
        enterprise: enterprise.into(),
        ..Default::default()
    };
    for item in service.all_work_items(office, request).await {
        if keep.contains(&item.kind.as_str()) {
            continue;
        }
        service
            .work_items()
            .waive_work_item(authorized(
                wi::WaiveWorkItemRequest {
                    request_id: format!("waive-{}", item.name),
                    name: item.name.clone(),
                    etag: String::new(),
                    reason: "经研究不再实施 (waived)".into(),
                },
                office,
            ))
            .await
            .expect("waive");
    }
}

async fn a_suspected_and_found_rebound_shows_due_then_reopened(backend: Backend) {
    // Every service on the host's clock: the registry dates the sign-off by it.
    clear_of_cst_midnight().await;
    let Some(county) = County::spawn(backend, Clock::system()).await else {
        return;
    };
    let coordinator = county.coordinator().await;
    let office = county.office();
    let eco = county.token("eco", PartyKind::Bureau);
    let enterprise = county
        .registry
        .publish_close_plan("yuelai", "悦来镇宏达米业")
        .await;
    progress_when(&coordinator, &enterprise, |p| p.items.len() == 10).await;

    // The power cut, recorded and verified; a first patrol; everything else waived.
    let power_cut = of_kind(
        &county.utilities.items_of(&enterprise, 6).await,
        "power_cut",
    )
    .name
    .clone();
    let mut cut = utilities::power_cut("p1", &power_cut);
    cut.executed_at = Some(timestamp(Utc::now() - Duration::seconds(4)));
    cut.evidence = photo(4);
    let mut utilities_client = UtilitiesServiceClient::new(county.utilities.channel());
    utilities_client
        .record_power_cut(authorized(cut, &county.token("power", PartyKind::Bureau)))
        .await
        .expect("the power company records the cut");
    county
        .utilities
        .work_items()
        .verify_work_item(authorized(
            wi::VerifyWorkItemRequest {
                request_id: "v1".into(),
                name: power_cut.clone(),
                etag: String::new(),
                evidence: photo(3),
            },
            &eco,
        ))
        .await
        .expect("eco verifies the cut");
    let patrol_item = county.environment.items_of(&enterprise, 1).await[0]
        .name
        .clone();
    let mut environment = EnvironmentServiceClient::new(county.environment.channel());
    let patrol =
        |request_id: &str, seconds_ago: i64, found_running: bool| env::RecordReboundPatrolRequest {
            request_id: request_id.into(),
            work_item: patrol_item.clone(),
            patrolled_at: Some(timestamp(Utc::now() - Duration::seconds(seconds_ago))),
            found_running,
            evidence: photo(seconds_ago),
        };
    environment
        .record_rebound_patrol(authorized(patrol("patrol-1", 2, false), &eco))
        .await
        .expect("a first patrol");
    waive_rest(&county.utilities, &enterprise, &office, &["power_cut"]).await;
    waive_rest(&county.licensing, &enterprise, &office, &[]).await;
    waive_rest(&county.land, &enterprise, &office, &[]).await;
    progress_when(&coordinator, &enterprise, |p| p.complete).await;
    client(&coordinator)
        .sign_off_enterprise(authorized(
            pb::SignOffEnterpriseRequest {
                request_id: "s1".into(),
                name: enterprise.clone(),
                note: String::new(),
            },
            &office,
        ))
        .await
        .expect("signed off");
    let watched = progress_when(&coordinator, &enterprise, |p| {
        p.state() == reg::LifecycleState::UnderWatch
    })
    .await;
    let today = Utc::now()
        .with_timezone(&rectify_kit::clock::cst())
        .date_naive();
    assert!(
        watched.patrol_due_date > today.to_string() && !watched.rebound_suspected,
        "the next regular patrol lies ahead: {watched:?}"
    );

    // The cut meter turns again: a patrol is due at once.
    utilities_client
        .submit_meter_reading(authorized(
            pb_reading(&power_cut),
            &county.token("power", PartyKind::Bureau),
        ))
        .await
        .expect("a reading");
    let suspected = progress_when(&coordinator, &enterprise, |p| p.rebound_suspected).await;
    assert_eq!(suspected.patrol_due_date, today.to_string(), "due today");
    let rebounds = client(&coordinator)
        .list_rebounds(authorized(
            pb::ListReboundsRequest {
                flag: pb::Flag::PatrolDue as i32,
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect("rebounds")
        .into_inner();
    assert_eq!(rebounds.enterprises.len(), 1, "due for a patrol");
    let summary = client(&coordinator)
        .get_summary(authorized(pb::GetSummaryRequest {}, &office))
        .await
        .expect("summary")
        .into_inner();
    assert_eq!((summary.patrols_due, summary.rebounds_suspected), (1, 1));

    // The patrol finds it running: environment reopens it in the registry.
    environment
        .record_rebound_patrol(authorized(patrol("patrol-2", 0, true), &eco))
        .await
        .expect("the rebound patrol");
    let reopened = progress_when(&coordinator, &enterprise, |p| p.reopen_count == 1).await;
    assert_eq!(
        reopened.state(),
        reg::LifecycleState::Published,
        "back in rectification"
    );
    assert_eq!(reopened.round, 2);
    assert!(
        !reopened.complete && !reopened.rebound_suspected,
        "{reopened:?}"
    );
    assert!(reopened.patrol_due_date.is_empty(), "no longer under watch");
    let summary = client(&coordinator)
        .get_summary(authorized(pb::GetSummaryRequest {}, &office))
        .await
        .expect("summary")
        .into_inner();
    assert_eq!(
        (summary.reopened, summary.signed_off, summary.complete),
        (1, 0, 0)
    );
}

fn pb_reading(power_cut: &str) -> rectify_proto::utilities::v1::SubmitMeterReadingRequest {
    let mut r = utilities::reading("r1", power_cut, "48311.3", utilities::NOW);
    r.read_at = Some(timestamp(Utc::now()));
    r
}

on_both_backends!(a_suspected_and_found_rebound_shows_due_then_reopened);
