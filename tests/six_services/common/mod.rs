//! What the three whole cases share: the county on a clock set mid-campaign, the instants the
//! work happens at, a refusal that must leave nothing behind, and the registry's events every
//! published plan leaves on its feed.

#![allow(dead_code)]

use std::fmt::Debug;

use chrono::{DateTime, Utc};
use rectify_kit::service::Service;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::county::{County, ExpectedFeed, at, times};
use rectify_testkit::workitems::WorkItemHarness as _;
use rectify_testkit::{Backend, TestService};
use tonic::{Code, Status};

/// When the plan is published: 10:00 CST, 15 October 2021.
pub const PUBLISHED: &str = "2021-10-15T10:00:00+08:00";
/// The clock while the bureaus work: the next morning.
pub const WORKING: &str = "2021-10-16T10:00:00+08:00";
/// When the bureaus' work is done, half an hour before [`WORKING`].
pub const DONE: &str = "2021-10-16T09:30:00+08:00";
/// The jurisdiction of every workshop here.
pub const TOWNSHIP: &str = "yuelai";

/// When the work is done.
pub fn done() -> DateTime<Utc> {
    at(DONE)
}

/// The six services on `backend`, their clock at [`PUBLISHED`]; `None` where the backend is
/// not available.
pub async fn county(backend: Backend) -> Option<County> {
    County::spawn(backend, at(PUBLISHED)).await
}

/// The bureaus start work the day after publication.
pub fn start_working(county: &County) {
    county.clock.set(at(WORKING));
}

/// Asserts that `call`, a party's attempt at another's part of the work on `item` held by
/// `service`, is PERMISSION_DENIED with `reason` and leaves the item and the service's feed as
/// they were.
pub async fn assert_denied<S: Service, T: Debug>(
    service: &TestService<S>,
    item: &str,
    reason: &str,
    call: impl Future<Output = Result<T, Status>>,
) {
    let head = quiet_head(service).await;
    let before = service.work_item(item).await;
    let refused = call.await.expect_err("another party's part is refused");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    let details = tonic_types::StatusExt::get_error_details(&refused);
    assert_eq!(
        details.error_info().map(|i| i.reason.as_str()),
        Some(reason),
        "{refused:?}"
    );
    assert_eq!(service.settled_head(head).await, head, "nothing recorded");
    assert_eq!(service.work_item(item).await, before, "the item unchanged");
}

/// The feed head of `service` once it has not moved for 300 ms: every change made so far is
/// sequenced.
async fn quiet_head<S: Service>(service: &TestService<S>) -> i64 {
    let mut head = service.feed_head().await;
    loop {
        let next = service.settled_head(head).await;
        if next == head {
            return head;
        }
        head = next;
    }
}

/// The item of `kind` among `items` of `round`.
pub fn in_round<'a>(items: &'a [wpb::WorkItem], kind: &str, round: i32) -> &'a wpb::WorkItem {
    items
        .iter()
        .find(|i| i.kind == kind && i.round == round)
        .unwrap_or_else(|| panic!("no {kind} item in round {round} among {items:?}"))
}

/// Asserts `(kind, executor, verifier)` of each item of `items`, in any order, and that there
/// are no others: the catalog's assignment as the follower resolved it.
pub fn assert_assigned(items: &[wpb::WorkItem], expected: &[(&str, &str, &str)]) {
    let mut got: Vec<(String, String, String)> = items
        .iter()
        .map(|i| (i.kind.clone(), i.executor.clone(), i.verifier.clone()))
        .collect();
    let mut want: Vec<(String, String, String)> = expected
        .iter()
        .map(|(k, e, v)| ((*k).to_owned(), (*e).to_owned(), (*v).to_owned()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "the items and who executes and verifies them");
    for item in items {
        assert_eq!(item.state(), wpb::State::Pending, "{item:?}");
        assert_eq!(item.round, 1, "{item:?}");
    }
}

/// The registry's events of a workshop reported, confirmed, classified, given its
/// responsible person and published, then signed off (and `reopened` times reopened).
pub fn registry_feed(reopened: usize) -> ExpectedFeed {
    vec![
        times::<rpb::FindingReported>(1),
        times::<rpb::EnterpriseConfirmed>(1),
        times::<rpb::EnterpriseClassified>(1),
        times::<rpb::PlanUpdated>(1),
        times::<rpb::PlanPublished>(1),
        times::<rpb::EnterpriseSignedOff>(1),
        times::<rpb::EnterpriseReopened>(reopened),
    ]
}
