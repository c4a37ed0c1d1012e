//! Work items in tests of any bureau service: the service started beside a registry under
//! test, following its feed with its own service token and on a clock the test holds; its items
//! listed and awaited through `WorkItemService`; and a published close or upgrade plan with the
//! items it gives the service.

use std::time::Duration;

use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_kit::service::Service;
use rectify_proto::workitems::v1 as pb;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use tonic::transport::Channel;

use crate::pages::every_page;
use crate::registry::RegistryHarness;
use crate::{TestService, authorized};

/// Starts the bureau service `S` on a fresh database of the registry's backend, verifying the
/// registry's keys, following `registry`'s feed with a service token for both, its clock
/// `clock`. `None` where the backend is not available.
pub async fn spawn_following<S: Service, R: Service>(
    registry: &TestService<R>,
    clock: &Clock,
) -> Option<TestService<S>> {
    let keys = registry.keys.clone();
    let token = keys.token_for(&[R::NAME, S::NAME], S::NAME, PartyKind::Service, &[]);
    let url = format!("http://{}", registry.server.addr);
    TestService::<S>::spawn_with(registry.db.backend, keys, |args| {
        args.registry_url = Some(url);
        args.service_token = Some(token.into());
        args.clock = clock.clone();
    })
    .await
}

/// `WorkItemService` calls on a bureau service under test.
pub trait WorkItemHarness {
    fn work_items(&self) -> WorkItemServiceClient<Channel>;

    /// Every item `request` selects for `token`, page by page, newest first.
    fn all_work_items(
        &self,
        token: &str,
        request: pb::ListWorkItemsRequest,
    ) -> impl Future<Output = Vec<pb::WorkItem>> + Send;

    /// The items of `enterprise` (`enterprises/{id}`) as the office sees them, oldest first,
    /// once there are `count` (waiting up to 20 s for the follower).
    fn items_of(
        &self,
        enterprise: &str,
        count: usize,
    ) -> impl Future<Output = Vec<pb::WorkItem>> + Send;

    /// The item `name`, with its history, as the office sees it.
    fn work_item(&self, name: &str) -> impl Future<Output = pb::WorkItem> + Send;
}

impl<S: Service> WorkItemHarness for TestService<S> {
    fn work_items(&self) -> WorkItemServiceClient<Channel> {
        WorkItemServiceClient::new(self.channel())
    }

    async fn all_work_items(
        &self,
        token: &str,
        request: pb::ListWorkItemsRequest,
    ) -> Vec<pb::WorkItem> {
        every_page(|page_token| {
            let mut client = self.work_items();
            let next = pb::ListWorkItemsRequest {
                page_token,
                ..request.clone()
            };
            async move {
                let page = client
                    .list_work_items(authorized(next, token))
                    .await
                    .expect("list work items")
                    .into_inner();
                (page.work_items, page.next_page_token)
            }
        })
        .await
    }

    async fn items_of(&self, enterprise: &str, count: usize) -> Vec<pb::WorkItem> {
        let request = pb::ListWorkItemsRequest {
            enterprise: enterprise.to_owned(),
            ..Default::default()
        };
        let office = self.office();
        for _ in 0..400 {
            let mut items = self.all_work_items(&office, request.clone()).await;
            if items.len() >= count {
                assert_eq!(items.len(), count, "items of {enterprise}: {items:?}");
                items.reverse();
                return items;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{enterprise} did not get its {count} work items in 20 s");
    }

    async fn work_item(&self, name: &str) -> pb::WorkItem {
        self.work_items()
            .get_work_item(authorized(
                pb::GetWorkItemRequest { name: name.into() },
                &self.office(),
            ))
            .await
            .expect("get work item")
            .into_inner()
    }
}

/// The `count` items of `enterprise` in `service`, once its feed has numbered their creation: a
/// follower's changes are numbered just after it commits, and a test comparing feed heads (a
/// refused call must not move it) has to start from a settled one.
async fn settled_items<S: Service>(
    service: &TestService<S>,
    enterprise: &str,
    count: usize,
) -> Vec<pb::WorkItem> {
    let items = service.items_of(enterprise, count).await;
    service
        .settled_head(i64::try_from(count).unwrap_or(i64::MAX))
        .await;
    items
}

/// The close plan of a new workshop `name` in `jurisdiction`, published on `registry`
/// ([`RegistryHarness::publish_close_plan`]), and the `count` items it gives `service`, oldest
/// first. Returns the enterprise's name and the items.
pub async fn close_plan_items<R: Service, S: Service>(
    registry: &TestService<R>,
    service: &TestService<S>,
    jurisdiction: &str,
    name: &str,
    count: usize,
) -> (String, Vec<pb::WorkItem>) {
    let enterprise = registry.publish_close_plan(jurisdiction, name).await;
    let items = settled_items(service, &enterprise, count).await;
    (enterprise, items)
}

/// The plan of `category` for a new workshop `name` in `jurisdiction` reported with `criteria`,
/// published on `registry` ([`RegistryHarness::publish_plan`]), and the `count` items it gives
/// `service`, oldest first. Returns the enterprise's name and the items.
pub async fn plan_items<R: Service, S: Service>(
    registry: &TestService<R>,
    service: &TestService<S>,
    (jurisdiction, name): (&str, &str),
    criteria: rectify_proto::registry::v1::Criteria,
    category: rectify_proto::registry::v1::Category,
    count: usize,
) -> (String, Vec<pb::WorkItem>) {
    let enterprise = registry
        .publish_plan(jurisdiction, name, criteria, category)
        .await;
    let items = settled_items(service, &enterprise, count).await;
    (enterprise, items)
}

/// The item of `kind` among `items`.
pub fn of_kind<'a>(items: &'a [pb::WorkItem], kind: &str) -> &'a pb::WorkItem {
    items
        .iter()
        .find(|item| item.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} item among {items:?}"))
}

/// The item an answer carries (`what`: which one), asserted DONE.
pub fn done(item: Option<pb::WorkItem>, what: &str) -> pb::WorkItem {
    let item = item.unwrap_or_else(|| panic!("the answer carries {what}"));
    assert_eq!(
        item.state,
        pb::State::Done as i32,
        "{what} is DONE: {item:?}"
    );
    item
}

/// The upgrade plan of a new workshop `name` in `jurisdiction` lacking the approvals
/// `approvals` marks false, published on `registry`
/// ([`RegistryHarness::publish_upgrade_plan`]), and the `count` items it gives `service`, oldest
/// first. Returns the enterprise's name and the items.
pub async fn upgrade_plan_items<R: Service, S: Service>(
    registry: &TestService<R>,
    service: &TestService<S>,
    jurisdiction: &str,
    name: &str,
    approvals: rectify_proto::registry::v1::Approvals,
    count: usize,
) -> (String, Vec<pb::WorkItem>) {
    let enterprise = registry
        .publish_upgrade_plan(jurisdiction, name, approvals)
        .await;
    let items = settled_items(service, &enterprise, count).await;
    (enterprise, items)
}

/// Starts `S` on a fresh database of `backend`, verifying `keys`, following the feed of every
/// service in `peers` (its name and where it answers) with a service token of `S` valid on all
/// of them and on `S`, its clock `clock`: a consumer of several feeds (the coordinator). `None`
/// where the backend is not available.
pub async fn spawn_following_all<S: Service>(
    backend: crate::Backend,
    keys: std::sync::Arc<crate::TestKeys>,
    peers: &[(rectify_campaign::ServiceName, std::net::SocketAddr)],
    clock: &Clock,
) -> Option<TestService<S>> {
    spawn_following_all_with::<S>(backend, keys, peers, clock, |_| {}).await
}

/// [`spawn_following_all`], its arguments further adjusted by `configure` (e.g. a smaller
/// database pool when a test runs every service).
pub async fn spawn_following_all_with<S: Service>(
    backend: crate::Backend,
    keys: std::sync::Arc<crate::TestKeys>,
    peers: &[(rectify_campaign::ServiceName, std::net::SocketAddr)],
    clock: &Clock,
    configure: impl FnOnce(&mut rectify_kit::service::ServiceArgs),
) -> Option<TestService<S>> {
    let mut audiences: Vec<&str> = peers.iter().map(|(name, _)| name.as_str()).collect();
    audiences.push(S::NAME);
    let token = keys.token_for(&audiences, S::NAME, PartyKind::Service, &[]);
    TestService::<S>::spawn_with(backend, keys, |args| {
        for (name, addr) in peers {
            args.set_url_of(*name, format!("http://{addr}"));
        }
        args.service_token = Some(token.into());
        args.clock = clock.clone();
        configure(args);
    })
    .await
}
