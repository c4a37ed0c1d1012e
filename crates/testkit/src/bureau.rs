//! The scene every bureau service's tests start from: the registry and the bureau service as
//! separate servers on their own databases with shared keys, the bureau following the
//! registry's feed on a clock the test holds at [`NOW`]; tokens of each party for the bureau,
//! and what a refused call could have changed.

use std::future::Future;

use rectify_kit::clock::Clock;
use rectify_kit::service::Service;
use tonic::{Request, Response, Status};

use crate::evidence::at;
use crate::workitems::{WorkItemHarness as _, spawn_following};
use crate::{Backend, TestService, authorized};

/// The instant the bureau's clock reads: 10:00 CST, 15 October 2021.
pub const NOW: &str = "2021-10-15T10:00:00+08:00";

/// A bureau service `S` following the registry `R`, both under test.
pub struct BureauScene<R: Service, S: Service> {
    /// The registry whose feed the bureau follows.
    pub registry: TestService<R>,
    /// The bureau service under test.
    pub service: TestService<S>,
    /// The bureau's clock, fixed where the test put it.
    pub clock: Clock,
}

impl<R: Service, S: Service> BureauScene<R, S> {
    /// Both services on fresh databases of `backend`, the bureau's clock reading [`NOW`];
    /// `None` where the backend is not available.
    pub async fn spawn(backend: Backend) -> Option<Self> {
        let registry = TestService::<R>::spawn(backend).await?;
        let clock = Clock::fixed(at(NOW));
        let service = spawn_following::<S, R>(&registry, &clock).await?;
        Some(Self {
            registry,
            service,
            clock,
        })
    }

    /// A token of the bureau `code` (e.g. `land`) for the service under test.
    pub fn bureau(&self, code: &str) -> String {
        self.service.bureau(code)
    }

    /// A token of the township `code` (e.g. `yuelai`) for the service under test.
    pub fn township(&self, code: &str) -> String {
        self.service.township(code)
    }

    /// The leading-group office's token for the service under test.
    pub fn office(&self) -> String {
        self.service.office()
    }

    /// `message` as the office sends it to the service under test.
    pub fn as_office<T>(&self, message: T) -> Request<T> {
        authorized(message, &self.office())
    }

    /// What a refused call could have changed: the service's feed head, the name and etag of
    /// each of its work items, and what `resources` picks from the answer to `list`, the
    /// service's own listing of what it stores (e.g. its land records), as the office reads them.
    pub async fn stored_with<P, T>(
        &self,
        list: impl Future<Output = Result<Response<P>, Status>>,
        resources: impl FnOnce(P) -> T,
    ) -> Stored<T> {
        let resources = resources(list.await.expect("the office lists").into_inner());
        let items = self
            .service
            .all_work_items(&self.office(), Default::default())
            .await
            .into_iter()
            .map(|i| (i.name, i.etag))
            .collect();
        Stored {
            head: self.service.feed_head().await,
            items,
            resources,
        }
    }
}

/// What a bureau service stored, as [`BureauScene::stored_with`] reads it: a test compares it
/// before and after a call that must change nothing.
#[derive(Debug, PartialEq)]
pub struct Stored<T> {
    /// The feed head.
    pub head: i64,
    /// The name and etag of every work item.
    pub items: Vec<(String, String)>,
    /// The service's own resources.
    pub resources: T,
}
