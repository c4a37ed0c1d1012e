//! What every bureau's part of the demo shares: the days between publication and the demo's
//! "now", a photo as evidence, the steps each party takes on its own day under its own token,
//! the player that moves the services' clock day by day and sends each day's steps, the work
//! items a service holds, and how they stand at the end.

use std::future::Future;
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, TimeZone as _, Utc};
use futures::future::BoxFuture;
use futures::{StreamExt as _, TryStreamExt as _, stream};
use rectify_kit::clock::{Clock, cst};
use rectify_kit::parse::timestamp;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::workitems::v1 as pb;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use tonic::transport::Channel;

use crate::rng::Rng;

/// Steps of one day sent at once: each touches its own item, so their order within the day does
/// not matter (a step that depends on another is planned for a later day).
const CONCURRENCY: usize = 16;

/// The day `days` after 2021-07-26 (the day after publication), at `hour` CST.
pub fn day(days: u32, hour: u32) -> DateTime<Utc> {
    cst()
        .with_ymd_and_hms(2021, 7, 26, hour, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc) + chrono::Duration::days(i64::from(days)))
        .unwrap_or_else(Utc::now)
}

/// `at` plus `days` days.
pub fn later(at: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    at + chrono::Duration::days(i64::from(days))
}

/// `at` as a CST date, `YYYY-MM-DD`.
pub fn date(at: DateTime<Utc>) -> String {
    at.with_timezone(&cst()).format("%Y-%m-%d").to_string()
}

/// A photo of the work, by content hash.
pub fn evidence(rng: &mut Rng, at: DateTime<Utc>, what: &str) -> Option<pb::Evidence> {
    Some(pb::Evidence {
        attachments: vec![pb::Attachment {
            sha256: format!("{}{}", rng.digits(32), rng.digits(32)),
            file_name: format!("IMG_{}.jpg", rng.digits(4)),
            media_type: "image/jpeg".into(),
        }],
        taken_at: Some(timestamp(at)),
        location: Some(GeoPoint {
            latitude: rng.float(46.8, 47.1),
            longitude: rng.float(130.5, 131.0),
        }),
        note: what.to_owned(),
        ..Default::default()
    })
}

/// A call waiting for its party's bearer token.
type Call = Box<dyn FnOnce(Auth) -> BoxFuture<'static, anyhow::Result<()>> + Send>;

/// A party's bearer token, for the requests of one step.
pub struct Auth {
    /// The party's code.
    pub party: String,
    token: String,
}

impl Auth {
    /// The token of `party`.
    pub fn of<T>(party: &str, tokens: &T) -> anyhow::Result<Auth>
    where
        T: Fn(&str) -> anyhow::Result<String> + Sync,
    {
        Ok(Auth {
            party: party.to_owned(),
            token: tokens(party)?,
        })
    }

    /// `message` with the party's token.
    pub fn request<M>(&self, message: M) -> anyhow::Result<tonic::Request<M>> {
        let mut request = tonic::Request::new(message);
        rectify_kit::auth::set_bearer(request.metadata_mut(), &self.token)
            .with_context(|| format!("token of {}", self.party))?;
        Ok(request)
    }
}

/// One thing a party does on a day, through a service's own method.
pub struct Step {
    at: DateTime<Utc>,
    /// The party that acts: an item's executor, its verifier, the office, a township.
    party: String,
    call: Call,
}

impl Step {
    /// `party` sends `message` at `at` through `send` (a client's method); `what` names the call
    /// in errors.
    pub fn call<M, R, F, Fut>(
        at: DateTime<Utc>,
        party: &str,
        what: String,
        message: M,
        send: F,
    ) -> Step
    where
        M: Send + 'static,
        R: Send + 'static,
        F: FnOnce(tonic::Request<M>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<tonic::Response<R>, tonic::Status>> + Send + 'static,
    {
        Step::checked(at, party, what, message, send, |_| Ok(()))
    }

    /// Like [`Step::call`], and `check` judges the answer (a step whose effect the demo relies
    /// on fails loudly when the service did something else).
    pub fn checked<M, R, F, Fut, C>(
        at: DateTime<Utc>,
        party: &str,
        what: String,
        message: M,
        send: F,
        check: C,
    ) -> Step
    where
        M: Send + 'static,
        R: Send + 'static,
        F: FnOnce(tonic::Request<M>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<tonic::Response<R>, tonic::Status>> + Send + 'static,
        C: FnOnce(R) -> anyhow::Result<()> + Send + 'static,
    {
        Step::run(at, party, move |auth| async move {
            let answer = send(auth.request(message)?)
                .await
                .with_context(|| format!("{what} as {}", auth.party))?;
            check(answer.into_inner()).with_context(|| format!("{what} as {}", auth.party))
        })
    }

    /// `party` does `work` at `at`: any calls, each request made with [`Auth::request`].
    pub fn run<W, Fut>(at: DateTime<Utc>, party: &str, work: W) -> Step
    where
        W: FnOnce(Auth) -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let call: Call = Box::new(move |auth| Box::pin(work(auth)));
        Step {
            at,
            party: party.to_owned(),
            call,
        }
    }
}

/// A step in which `party` calls `client.method(request)` at `at`; an error names the method and
/// `subject` (the item, the enterprise).
macro_rules! send {
    ($at:expr, $party:expr, $client:expr, $method:ident, $request:expr, $subject:expr) => {{
        let mut client = $client.clone();
        $crate::progress::Step::call(
            $at,
            $party,
            format!("{} {}", stringify!($method), $subject),
            $request,
            move |r| async move { client.$method(r).await },
        )
    }};
}
pub(crate) use send;

/// Plays `steps` in date order: the clock moves to the last step of each day (CST), and that
/// day's steps are sent at once, each under its party's token. Leaves the clock at `now`.
pub async fn play<T>(
    mut steps: Vec<Step>,
    tokens: &T,
    clock: &Clock,
    now: DateTime<Utc>,
) -> anyhow::Result<()>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    steps.sort_by_key(|s| s.at);
    let mut steps = steps.into_iter().peekable();
    while let Some(first) = steps.next() {
        let today = date(first.at);
        let mut day = vec![first];
        while let Some(next) = steps.next_if(|s| date(s.at) == today) {
            day.push(next);
        }
        let last = day.iter().map(|s| s.at).max().unwrap_or(now);
        anyhow::ensure!(
            last <= now,
            "a step is planned after the demo's now: {last}"
        );
        clock.advance(last - clock.now());
        let calls = day
            .into_iter()
            .map(|s| Ok((s.call)(Auth::of(&s.party, tokens)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        stream::iter(calls)
            .buffer_unordered(CONCURRENCY)
            .try_collect::<()>()
            .await?;
    }
    clock.advance(now - clock.now());
    Ok(())
}

/// Every work item a bureau service holds, as the office reads them, by enterprise and kind.
pub async fn all_items<T>(channel: &Channel, tokens: &T) -> anyhow::Result<Vec<pb::WorkItem>>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    let auth = Auth::of("office", tokens)?;
    let mut client = WorkItemServiceClient::new(channel.clone());
    let mut items = Vec::new();
    let mut page_token = String::new();
    loop {
        let request = auth.request(pb::ListWorkItemsRequest {
            page_size: 500,
            page_token: page_token.clone(),
            ..Default::default()
        })?;
        let page = client
            .list_work_items(request)
            .await
            .context("ListWorkItems")?
            .into_inner();
        items.extend(page.work_items);
        if page.next_page_token.is_empty() {
            items.sort_by(|a, b| order(a).cmp(&order(b)));
            return Ok(items);
        }
        page_token = page.next_page_token;
    }
}

/// The demo's order of items: by enterprise name (ids differ from run to run, names do not),
/// kind and round, so that the seeded choices fall on the same items in every demo.
fn order(item: &pb::WorkItem) -> (&str, &str, &str, i32) {
    let name = item.enterprise_display_name.as_str();
    (name, &item.enterprise, &item.kind, item.round)
}

/// Every item of a service, once it has followed the registry far enough to hold `expected`.
pub async fn wait_for_items<T>(
    service: &str,
    channel: &Channel,
    tokens: &T,
    expected: usize,
) -> anyhow::Result<Vec<pb::WorkItem>>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    for _ in 0..600 {
        let items = all_items(channel, tokens).await?;
        if items.len() >= expected {
            return Ok(items);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("{service} did not create the {expected} items of the published plans")
}

/// How a service's work items stand at the end of the demo, read back from the service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts {
    /// Every item, of every round.
    pub items: usize,
    /// Done by their executor (verified or not).
    pub done: usize,
    /// Of those, verified.
    pub verified: usize,
    /// Blocked with a reason.
    pub blocked: usize,
    /// Waived by the office.
    pub waived: usize,
    /// Open past their deadline on the demo's "now".
    pub overdue: usize,
    /// Created again for a reopened enterprise (a later round).
    pub recreated: usize,
}

impl ItemCounts {
    /// Counts `items`.
    pub fn of(items: &[pb::WorkItem]) -> ItemCounts {
        let count = |keep: &dyn Fn(&pb::WorkItem) -> bool| items.iter().filter(|i| keep(i)).count();
        ItemCounts {
            items: items.len(),
            done: count(&|i| matches!(i.state(), pb::State::Done | pb::State::Verified)),
            verified: count(&|i| i.state() == pb::State::Verified),
            blocked: count(&|i| i.state() == pb::State::Blocked),
            waived: count(&|i| i.state() == pb::State::Waived),
            overdue: count(&|i| i.overdue),
            recreated: count(&|i| i.round > 1),
        }
    }
}

/// The work-item moves every bureau service serves, as steps.
pub struct Items(pub Channel);

impl Items {
    fn client(&self) -> WorkItemServiceClient<Channel> {
        WorkItemServiceClient::new(self.0.clone())
    }

    /// The executor completes `item` through `CompleteWorkItem` (kinds without facts of their own).
    pub fn complete(
        &self,
        at: DateTime<Utc>,
        item: &pb::WorkItem,
        rng: &mut Rng,
        what: &str,
    ) -> Step {
        let request = pb::CompleteWorkItemRequest {
            request_id: format!("demo-complete-{}", item.name),
            name: item.name.clone(),
            etag: String::new(),
            evidence: evidence(rng, at, what),
        };
        send!(
            at,
            &item.executor,
            self.client(),
            complete_work_item,
            request,
            item.name
        )
    }

    /// The verifier checks `item` on the spot and verifies it.
    pub fn verify(&self, at: DateTime<Utc>, item: &pb::WorkItem, rng: &mut Rng) -> Step {
        let request = pb::VerifyWorkItemRequest {
            request_id: format!("demo-verify-{}", item.name),
            name: item.name.clone(),
            etag: String::new(),
            evidence: evidence(rng, at, "现场核查属实"),
        };
        send!(
            at,
            &item.verifier,
            self.client(),
            verify_work_item,
            request,
            item.name
        )
    }

    /// The executor cannot go on, for `reason`.
    pub fn block(&self, at: DateTime<Utc>, item: &pb::WorkItem, reason: &str) -> Step {
        let request = pb::BlockWorkItemRequest {
            request_id: format!("demo-block-{}", item.name),
            name: item.name.clone(),
            etag: String::new(),
            reason: reason.to_owned(),
            evidence: None,
        };
        send!(
            at,
            &item.executor,
            self.client(),
            block_work_item,
            request,
            item.name
        )
    }

    /// The office finds the measure not needed for the enterprise, for `reason`.
    pub fn waive(&self, at: DateTime<Utc>, item: &pb::WorkItem, reason: &str) -> Step {
        let request = pb::WaiveWorkItemRequest {
            request_id: format!("demo-waive-{}", item.name),
            name: item.name.clone(),
            etag: String::new(),
            reason: reason.to_owned(),
        };
        send!(
            at,
            "office",
            self.client(),
            waive_work_item,
            request,
            item.name
        )
    }
}

/// What the demo did to one service: its items as they stand at the end, and the figures of its
/// own (approvals granted, hazards found, …) counted as its steps were planned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BureauSummary<F> {
    /// The service's items, read back at the end.
    pub items: ItemCounts,
    /// The service's own figures.
    pub figures: F,
}

impl<F: Labelled> BureauSummary<F> {
    /// The service's title, its items and its own figures, for printing.
    pub fn line(&self) -> ServiceLine<'_> {
        ServiceLine {
            title: F::TITLE,
            items: &self.items,
            figures: self.figures.labelled(),
        }
    }
}

/// One figure of a service: Chinese label, English label, value.
pub type Figure = (&'static str, &'static str, usize);

/// A service's own figures, labelled in Chinese and English.
pub trait Labelled {
    /// The service's name: Chinese, English.
    const TITLE: (&'static str, &'static str);

    /// Every figure, in print order.
    fn labelled(&self) -> Vec<Figure>;
}

/// What one service did, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceLine<'a> {
    /// Chinese, English.
    pub title: (&'static str, &'static str),
    /// Its items as they stand.
    pub items: &'a ItemCounts,
    /// Its own figures.
    pub figures: Vec<Figure>,
}

/// One service's part of the demo, decided before anything is sent.
pub struct Planned<F> {
    /// What the parties do, each on its day.
    pub steps: Vec<Step>,
    /// The figures those steps add up to.
    pub figures: F,
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// What a step saw when it was played: when it was planned for, the clock, its token.
    type Seen = Arc<Mutex<Vec<(DateTime<Utc>, DateTime<Utc>, String)>>>;

    fn step(at: DateTime<Utc>, party: &str, clock: &Clock, seen: &Seen) -> Step {
        let (clock, seen) = (clock.clone(), seen.clone());
        Step::run(at, party, move |auth| async move {
            let token = auth.token.clone();
            seen.lock().expect("lock").push((at, clock.now(), token));
            Ok(())
        })
    }

    #[tokio::test]
    async fn each_step_is_played_on_its_own_day_in_date_order_under_its_party_s_token() {
        let now = day(110, 9);
        let clock = Clock::fixed(now);
        let seen = Seen::default();
        let planned = [
            (day(5, 15), "eco"),
            (day(2, 9), "water"),
            (day(5, 10), "power"),
        ];
        let steps = planned
            .iter()
            .map(|(at, party)| step(*at, party, &clock, &seen))
            .collect();
        let tokens = |party: &str| Ok(format!("token-of-{party}"));
        play(steps, &tokens, &clock, now).await.expect("played");

        let seen = seen.lock().expect("lock").clone();
        assert_eq!(seen.len(), 3, "every step played");
        assert_eq!(seen[0].0, day(2, 9), "the earliest day first");
        for (at, clock_read, token) in &seen {
            assert_eq!(date(*clock_read), date(*at), "played on its own day");
            assert!(clock_read >= at, "never in the future of the clock");
            let party = planned.iter().find(|(a, _)| a == at).map(|(_, p)| *p);
            assert_eq!(
                Some(token.as_str()),
                party.map(|p| format!("token-of-{p}")).as_deref()
            );
        }
        assert_eq!(clock.now(), now, "the clock is left at the demo's now");
    }

    #[tokio::test]
    async fn a_step_after_the_demo_s_now_is_refused_before_it_is_sent() {
        let now = day(100, 9);
        let clock = Clock::fixed(now);
        let seen = Seen::default();
        let steps = vec![step(day(101, 9), "eco", &clock, &seen)];
        let tokens = |party: &str| Ok(format!("token-of-{party}"));
        let refused = play(steps, &tokens, &clock, now).await;
        assert!(refused.is_err(), "played a step in the future");
        assert!(seen.lock().expect("lock").is_empty(), "nothing sent");
    }

    #[test]
    fn counts_read_the_items_states_overdue_and_rounds() {
        let item = |state: pb::State, overdue: bool, round: i32| pb::WorkItem {
            state: state as i32,
            overdue,
            round,
            ..Default::default()
        };
        let items = [
            item(pb::State::Done, false, 1),
            item(pb::State::Verified, false, 1),
            item(pb::State::Blocked, true, 1),
            item(pb::State::Waived, false, 1),
            item(pb::State::Pending, true, 2),
        ];
        let expected = ItemCounts {
            items: 5,
            done: 2,
            verified: 1,
            blocked: 1,
            waived: 1,
            overdue: 2,
            recreated: 1,
        };
        assert_eq!(ItemCounts::of(&items), expected);
    }
}
