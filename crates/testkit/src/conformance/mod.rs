//! The conformance suite every rectify service runs on both backends: what
//! the shared skeleton promises, checked through each service's own gRPC
//! API. A service's test file implements [`Subject`] (how to write, read and
//! overflow through its API), or for a bureau service [`BureauApi`], and calls
//! [`run_all`] or each check.

mod database;
mod feed;
mod idempotency;
mod serving;
mod tokens;

pub use database::database_errors_never_reach_the_client;
pub use feed::concurrent_writers_and_a_resuming_watcher_see_every_change_once;
pub use idempotency::{
    a_retry_gets_the_first_answer, a_reused_request_id_with_another_request_is_refused,
};
pub use serving::health_is_serving_and_reflection_lists_what_is_served;
pub use tokens::bad_tokens_are_unauthenticated;

use futures::future::BoxFuture;
use rectify_kit::auth::{Claims, Issuer};
use rectify_proto::workitems::v1::work_item_service_server;
use tonic::Status;
use tonic::transport::Channel;

use rectify_kit::service::Service;

use crate::{TestDb, TestKeys, TestService};

/// One write the suite asks a subject for: writer `writer`'s `n`-th, with `request_id`;
/// `variant` changes its content but not its request_id (for the reuse check); `padding` bytes
/// of filler go into one of its free-text fields (for the message-limit check).
#[derive(Clone, Debug)]
pub struct Write {
    pub writer: usize,
    pub n: usize,
    pub request_id: String,
    pub variant: bool,
    pub padding: usize,
}

impl Write {
    /// Writer `writer`'s `n`-th write with `request_id`.
    pub fn new(writer: usize, n: usize, request_id: impl Into<String>) -> Write {
        Write {
            writer,
            n,
            request_id: request_id.into(),
            variant: false,
            padding: 0,
        }
    }

    /// What the subject puts in a free-text field: `padding` bytes of filler (none at all
    /// unless the suite asks for an oversized write).
    pub fn filler(&self) -> String {
        "x".repeat(self.padding)
    }

    /// The same request_id with other content.
    pub fn variant(self) -> Write {
        Write {
            variant: true,
            ..self
        }
    }
}

/// A service under test, as the conformance suite drives it: its server, and how to write and
/// read through its API.
pub trait Subject: Send + Sync {
    /// The service the server runs.
    type Service: Service;
    /// Its server on port 0.
    fn server(&self) -> &TestService<Self::Service>;
    /// The gRPC services it serves besides the feed, health and reflection.
    fn served(&self) -> Vec<&'static str>;
    /// The service's token audience, e.g. `registry`.
    fn audience(&self) -> &'static str {
        Self::Service::NAME
    }
    fn channel(&self) -> Channel {
        self.server().channel()
    }
    fn keys(&self) -> &TestKeys {
        &self.server().keys
    }
    fn db(&self) -> &TestDb {
        &self.server().db
    }
    /// A token that may read this service's feed: the coordinator's.
    fn feed_reader(&self) -> String {
        self.server().service("coordinator")
    }
    /// The write `write` asks for: a mutating call that records exactly one change.
    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>>;
    /// An authenticated read as `token` (`None`: no token at all).
    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>>;
    /// A mutating call whose request is larger than the 4 MiB limit: a write with 5 MiB of
    /// filler.
    fn oversized_write(&self) -> BoxFuture<'static, Result<(), Status>> {
        self.write(Write {
            padding: 5 << 20,
            ..Write::new(0, 0, "conformance-oversized")
        })
    }
}

/// How the suite writes and reads through a bureau service's own API: all a bureau says for
/// itself; [`Bureau`] makes it a [`Subject`].
pub trait BureauApi: Send + Sync {
    /// The bureau's own gRPC service (e.g. `rectify.land.v1.LandService`): its server serves
    /// it and `WorkItemService`.
    const SERVICE_NAME: &'static str;
    /// See [`Subject::write`].
    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>>;
    /// See [`Subject::read`].
    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>>;
}

/// A bureau service under the suite: `server`, driven through `api`.
pub struct Bureau<'a, S: Service, A> {
    pub server: &'a TestService<S>,
    pub api: &'a A,
}

impl<S: Service, A: BureauApi> Subject for Bureau<'_, S, A> {
    type Service = S;

    fn server(&self) -> &TestService<S> {
        self.server
    }

    fn served(&self) -> Vec<&'static str> {
        vec![A::SERVICE_NAME, work_item_service_server::SERVICE_NAME]
    }

    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        self.api.write(write)
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        self.api.read(token)
    }
}

/// `conformance_call!(client, method, request, token)`: the subject's call `method` of
/// `request` on the generated `client`, with `token` (`Option<String>`; `None`: no token), as
/// the suite awaits it. The client may send more than the server's limit, so that the server's
/// refusal of an oversized request is what is checked.
#[macro_export]
macro_rules! conformance_call {
    ($client:expr, $method:ident, $request:expr, $token:expr) => {{
        let mut client = $client.max_encoding_message_size(64 << 20);
        let request = $crate::authorized_if($request, Option::<String>::from($token).as_deref());
        ::std::boxed::Box::pin(async move { client.$method(request).await.map(drop) })
    }};
}

/// Every check, in an order that leaves the destructive one last.
pub async fn run_all<S: Subject>(subject: &S) {
    health_is_serving_and_reflection_lists_what_is_served(subject).await;
    bad_tokens_are_unauthenticated(subject).await;
    a_retry_gets_the_first_answer(subject).await;
    a_reused_request_id_with_another_request_is_refused(subject).await;
    an_oversized_message_is_refused_before_it_is_read(subject).await;
    concurrent_writers_and_a_resuming_watcher_see_every_change_once(subject).await;
    database_errors_never_reach_the_client(subject).await;
}

/// A request over the message limit is RESOURCE_EXHAUSTED (or OUT_OF_RANGE)
/// before the service reads it, and stores nothing.
pub async fn an_oversized_message_is_refused_before_it_is_read<S: Subject>(subject: &S) {
    let before = feed::head(subject).await;
    let status = subject
        .oversized_write()
        .await
        .expect_err("a 5 MiB request is refused");
    assert!(
        matches!(
            status.code(),
            tonic::Code::ResourceExhausted | tonic::Code::OutOfRange
        ),
        "{}: an oversized request is refused by size: {status:?}",
        subject.audience()
    );
    assert_eq!(
        feed::settled_head(subject, before).await,
        before,
        "{}: nothing stored from an oversized request",
        subject.audience()
    );
}

/// Claims for the office, valid for `audience`, expiring `lifetime` seconds from now.
fn office_claims(issuer: &Issuer, audience: &str, lifetime: i64) -> Claims {
    let now = chrono::Utc::now().timestamp();
    Claims {
        iss: issuer.issuer().to_owned(),
        sub: "conformance".into(),
        aud: vec![audience.to_owned()],
        exp: now + lifetime,
        iat: now - 10,
        nbf: None,
        party: "office".into(),
        kind: rectify_kit::auth::PartyKind::Office,
        roles: vec![],
    }
}
