//! What the work-item tests share: the registry and a bureau service each on its own database,
//! the bureau following the registry with its service token; plans published through the
//! registry; items read and moved through `WorkItemService`; errors taken apart.

#![allow(dead_code, unused_imports)]

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rectify_campaign::ServiceName;
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::workitems::v1 as pb;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use rectify_registry::Registry;
use rectify_testkit::registry::RegistryHarness;
use rectify_testkit::{Backend, TestKeys, TestService, authorized};
use rectify_utilities::Utilities;
use tonic::transport::Channel;
use tonic_types::StatusExt as _;

/// The instant the bureau's clock reads: mid-campaign, 10:00 CST on 15 October 2021.
pub const NOW: &str = "2021-10-15T10:00:00+08:00";

/// SHA-256 of a photo.
pub const PHOTO: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// The kinds utilities executes, all recorded through its own methods.
pub use rectify_utilities::app::RECORDED_THROUGH_SERVICE as UTILITIES_KINDS;

pub use rectify_kit::clock::instant as at;

/// The same work-item machinery as utilities, with no kind kept for its own methods, so that
/// `CompleteWorkItem` can be shown on any item: the generic flow.
#[derive(Debug)]
pub struct AnyBureau;

impl Service for AnyBureau {
    const SERVICE: ServiceName = ServiceName::Utilities;
    const DEFAULT_PORT: u16 = 0;
    const MIGRATIONS: rectify_kit::db::Migrations = Utilities::MIGRATIONS;

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let campaign = Arc::new(args.load_campaign()?);
        rectify_workitems::serve(host, args, ServiceName::Utilities, campaign, &[])
    }
}

/// The registry and a bureau service `S` following it.
pub struct Bureau<S: Service> {
    pub registry: TestService<Registry>,
    pub service: TestService<S>,
    /// The bureau's clock; the test moves it.
    pub clock: Clock,
}

impl<S: Service> Bureau<S> {
    /// Both services on fresh databases of `backend`, the bureau's clock at [`NOW`]; `None`
    /// where the backend is not available.
    pub async fn spawn(backend: Backend) -> Option<Self> {
        let keys = Arc::new(TestKeys::new());
        let clock = Clock::fixed(at(NOW));
        let registry = TestService::<Registry>::spawn_with(backend, keys.clone(), |_| {}).await?;
        let token = keys.token_for(&["registry", S::NAME], S::NAME, PartyKind::Service, &[]);
        let service = TestService::<S>::spawn_with(backend, keys.clone(), |args| {
            args.registry_url = Some(format!("http://{}", registry.server.addr));
            args.service_token = Some(token.into());
            args.clock = clock.clone();
        })
        .await?;
        Some(Self {
            registry,
            service,
            clock,
        })
    }

    /// Both services, with one close plan published for a workshop in yuelai; the enterprise's
    /// name and its six items, oldest first.
    pub async fn spawn_with_plan(backend: Backend) -> Option<(Self, String, Vec<pb::WorkItem>)> {
        let bureau = Self::spawn(backend).await?;
        let enterprise = bureau
            .registry
            .publish_close_plan("yuelai", "悦来镇宏达米业")
            .await;
        let items = bureau.wait_for_items(&enterprise, 6).await;
        Some((bureau, enterprise, items))
    }

    pub fn items(&self) -> WorkItemServiceClient<Channel> {
        WorkItemServiceClient::new(self.service.channel())
    }

    /// A token for the bureau service.
    pub fn token(&self, party: &str, kind: PartyKind) -> String {
        self.service.token(party, kind, &[])
    }

    /// Every item `request` lists for `token`, page by page.
    pub async fn list(&self, token: &str, request: pb::ListWorkItemsRequest) -> Vec<pb::WorkItem> {
        let mut out = Vec::new();
        let mut page_token = String::new();
        loop {
            let page = self
                .items()
                .list_work_items(authorized(
                    pb::ListWorkItemsRequest {
                        page_token: page_token.clone(),
                        ..request.clone()
                    },
                    token,
                ))
                .await
                .expect("list work items")
                .into_inner();
            out.extend(page.work_items);
            if page.next_page_token.is_empty() {
                return out;
            }
            page_token = page.next_page_token;
        }
    }

    /// The items of `enterprise` as the office sees them, oldest first, once there are `count`
    /// of them (waiting up to 20 s for the follower).
    pub async fn wait_for_items(&self, enterprise: &str, count: usize) -> Vec<pb::WorkItem> {
        let office = self.service.office();
        let request = pb::ListWorkItemsRequest {
            enterprise: enterprise.to_owned(),
            ..Default::default()
        };
        let mut items = Vec::new();
        for _ in 0..400 {
            items = self.list(&office, request.clone()).await;
            if items.len() >= count {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(items.len(), count, "items of {enterprise}: {items:?}");
        items.reverse();
        items
    }

    /// The item `name` with its history, as the office sees it.
    pub async fn get(&self, name: &str) -> pb::WorkItem {
        self.items()
            .get_work_item(authorized(
                pb::GetWorkItemRequest { name: name.into() },
                &self.service.office(),
            ))
            .await
            .expect("get work item")
            .into_inner()
    }
}

/// The item of `kind` among `items`.
pub fn of_kind<'a>(items: &'a [pb::WorkItem], kind: &str) -> &'a pb::WorkItem {
    items
        .iter()
        .find(|i| i.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} item among {items:?}"))
}

/// Evidence of one photo taken an hour before [`NOW`] in the county.
pub fn photo() -> Option<pb::Evidence> {
    Some(pb::Evidence {
        attachments: vec![pb::Attachment {
            sha256: PHOTO.into(),
            file_name: "IMG_0042.jpg".into(),
            media_type: "image/jpeg".into(),
        }],
        taken_at: Some(rectify_kit::parse::timestamp(at(
            "2021-10-15T09:00:00+08:00",
        ))),
        location: Some(rectify_proto::common::v1::GeoPoint {
            latitude: 46.98,
            longitude: 130.72,
        }),
        note: "现场已清空".into(),
        figures: vec![],
        ..Default::default()
    })
}

/// The code, `ErrorInfo.reason` and field violations of a failed call.
pub fn refusal<T: std::fmt::Debug>(
    result: Result<T, tonic::Status>,
) -> (tonic::Code, String, Vec<String>) {
    let status = result.expect_err("the call is refused");
    let details = status.get_error_details();
    let reason = details
        .error_info()
        .map(|info| info.reason.clone())
        .unwrap_or_default();
    let fields = details
        .bad_request()
        .map(|b| b.field_violations.iter().map(|v| v.field.clone()).collect())
        .unwrap_or_default();
    (status.code(), reason, fields)
}
