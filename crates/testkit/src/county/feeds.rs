//! Each change exactly once: a service's feed read whole, from the start to its head, holds
//! exactly the events a test expects (by type, counted) and no change twice.

use std::collections::BTreeMap;
use std::time::Duration;

use rectify_campaign::ServiceName;
use rectify_kit::service::Service;
use rectify_proto::feed::v1::Change;

use super::County;
use crate::TestService;

/// The events a feed must hold: each type URL with how many times.
pub type ExpectedFeed = Vec<(String, usize)>;

/// `count` events of type `M`.
pub fn times<M: prost::Name>(count: usize) -> (String, usize) {
    (M::type_url(), count)
}

/// What each service's feed must hold in a county test; a feed left at its default must hold
/// no change at all.
#[derive(Clone, Debug, Default)]
pub struct CountyFeeds {
    pub registry: ExpectedFeed,
    pub utilities: ExpectedFeed,
    pub licensing: ExpectedFeed,
    pub land: ExpectedFeed,
    pub safety: ExpectedFeed,
    pub environment: ExpectedFeed,
}

impl County {
    /// Every service's whole feed holds exactly what `expected` says, each change once
    /// ([`expect_feed`] on each).
    pub async fn expect_feeds(&self, expected: &CountyFeeds) {
        expect_feed(&self.registry, &expected.registry).await;
        expect_feed(&self.utilities, &expected.utilities).await;
        expect_feed(&self.licensing, &expected.licensing).await;
        expect_feed(&self.land, &expected.land).await;
        expect_feed(&self.safety, &expected.safety).await;
        expect_feed(&self.environment, &expected.environment).await;
    }

    /// Each service's feed head, as the office reads it.
    pub async fn heads(&self) -> Vec<(ServiceName, i64)> {
        vec![
            (ServiceName::Registry, self.registry.feed_head().await),
            (ServiceName::Utilities, self.utilities.feed_head().await),
            (ServiceName::Licensing, self.licensing.feed_head().await),
            (ServiceName::Land, self.land.feed_head().await),
            (ServiceName::Safety, self.safety.feed_head().await),
            (ServiceName::Environment, self.environment.feed_head().await),
        ]
    }
}

/// How many changes of each event type URL `changes` hold.
pub fn event_counts(changes: &[Change]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for change in changes {
        let type_url = change
            .event
            .as_ref()
            .map_or_else(String::new, |e| e.type_url.clone());
        *counts.entry(type_url).or_insert(0) += 1;
    }
    counts
}

/// Asserts that no two of `service`'s `changes` concern the same resource with the same event
/// (type and bytes): nothing was recorded twice.
pub fn assert_no_duplicates(service: &str, changes: &[Change]) {
    let mut seen = BTreeMap::new();
    for change in changes {
        let event = change
            .event
            .as_ref()
            .map(|e| (e.type_url.clone(), e.value.clone()));
        let key = (change.resource.clone(), event);
        if let Some(first) = seen.insert(key, change.seq) {
            panic!(
                "{service}: change {} repeats change {first} ({}, {:?})",
                change.seq,
                change.resource,
                change.event.as_ref().map(|e| &e.type_url)
            );
        }
    }
}

/// Waits (up to 20 s, for followers and the sequencer) until `service`'s whole feed, as its
/// office reads it, holds exactly the events `expected` counts and nothing else, checks that
/// it stays so for 300 ms and holds no change twice, and returns it.
pub async fn expect_feed<S: Service>(
    service: &TestService<S>,
    expected: &ExpectedFeed,
) -> Vec<Change> {
    let mut want = BTreeMap::new();
    for (type_url, count) in expected {
        if *count > 0 {
            *want.entry(type_url.clone()).or_insert(0) += count;
        }
    }
    let office = service.office();
    let mut changes = Vec::new();
    for _ in 0..400 {
        changes = service.whole_feed(&office).await;
        if event_counts(&changes) == want {
            tokio::time::sleep(Duration::from_millis(300)).await;
            changes = service.whole_feed(&office).await;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        event_counts(&changes),
        want,
        "{}'s feed holds each expected change exactly once",
        S::NAME
    );
    assert_no_duplicates(S::NAME, &changes);
    changes
}
