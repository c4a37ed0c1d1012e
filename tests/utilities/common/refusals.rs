//! Refused calls, checked as a table: each case's call, the refusal expected (a field of
//! INVALID_ARGUMENT, or a code and reason) in the documented shape, and nothing stored.

use futures::future::BoxFuture;
use rectify_proto::utilities::v1 as pb;
use rectify_testkit::authorized;
use rectify_testkit::conventions::{assert_error_shape, assert_invalid_field};
use tonic::{Code, Status};

use super::{Scene, stored};

/// A work item no service has.
pub const UNKNOWN: &str = "workItems/0190f0a0-5b3c-7000-8000-00000000002a";
/// The day after the clock's today.
pub const TOMORROW: &str = "2021-10-16T09:00:00+08:00";
/// The day before the plan was published.
pub const BEFORE_PLAN: &str = "2021-10-14T09:00:00+08:00";

/// How a case must be refused.
pub enum Refusal {
    /// INVALID_ARGUMENT naming this field.
    Field(&'static str),
    /// This code and `ErrorInfo.reason`.
    Status(Code, &'static str),
}

pub type Call = BoxFuture<'static, Result<(), Status>>;

/// The scene's calls, each as the token given.
pub struct Calls<'a> {
    pub scene: &'a Scene,
}

/// A method of [`Calls`] sending its request to a `UtilitiesService` method.
macro_rules! call {
    ($name:ident, $request:ty, $method:ident) => {
        pub fn $name(&self, token: &str, request: $request) -> Call {
            let (mut client, token) = (self.scene.client(), token.to_owned());
            Box::pin(async move {
                client
                    .$method(authorized(request, &token))
                    .await
                    .map(|_| ())
            })
        }
    };
}

impl Calls<'_> {
    call!(water, pb::RecordWaterCutRequest, record_water_cut);
    call!(power, pb::RecordPowerCutRequest, record_power_cut);
    call!(clearing, pb::RecordClearingRequest, record_clearing);
    call!(wells, pb::RecordWellClosureRequest, record_well_closure);
    call!(report, pb::ReportReconnectionRequest, report_reconnection);
    call!(read, pb::SubmitMeterReadingRequest, submit_meter_reading);
    call!(get_order, pb::GetStandingOrderRequest, get_standing_order);
    call!(list, pb::ListStandingOrdersRequest, list_standing_orders);

    pub fn get(&self, token: &str, name: &str) -> Call {
        let request = pb::GetStandingOrderRequest { name: name.into() };
        self.get_order(token, request)
    }
}

/// Runs each case and checks its refusal and that nothing changed.
pub async fn refuse_each(scene: &Scene, cases: Vec<(&str, Call, Refusal)>) {
    let before = stored(scene).await;
    for (case, call, refusal) in cases {
        let status = call.await.expect_err(case);
        match refusal {
            Refusal::Field(field) => assert_invalid_field(&status, field, case),
            Refusal::Status(code, reason) => assert_error_shape(&status, code, reason, case),
        }
        assert_eq!(stored(scene).await, before, "{case}: nothing stored");
    }
}
