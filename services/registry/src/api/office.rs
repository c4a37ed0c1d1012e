//! The office's calls, handled one way: authorise, parse the target and the
//! action, run the move, mask the answer.

use rectify_kit::auth::Principal;
use rectify_kit::caller::principal;
use rectify_kit::{CallContext, Result};
use rectify_proto::registry::v1 as pb;
use tonic::{Request, Response, Status};

use super::{mask, parse, policy};
use crate::store::Store;
use crate::store::commands::{MoveAnswer, OfficeAction, OfficeCommand};

/// What an office request names: the resource and the etag read.
pub trait OfficeRequest: rectify_kit::context::Mutation {
    fn target(&self) -> (&str, &str);
}

macro_rules! office_requests {
    ($($request:ty),* $(,)?) => {
        $(impl OfficeRequest for $request {
            fn target(&self) -> (&str, &str) {
                (&self.name, &self.etag)
            }
        })*
    };
}

office_requests!(
    pb::ConfirmEnterpriseRequest,
    pb::RejectEnterpriseRequest,
    pb::ClassifyEnterpriseRequest,
    pb::PublishPlanRequest,
    pb::SignOffEnterpriseRequest,
    pb::ReopenEnterpriseRequest,
);

/// One office call: `method` for the request_id, `what` (Chinese, English)
/// for a refusal, `action` parsed from the request.
pub struct OfficeCall<'a, R> {
    pub request: &'a Request<R>,
    pub method: &'static str,
    pub what: (&'static str, &'static str),
    pub action: fn(&R) -> Result<OfficeAction>,
    /// Who may make the call: `policy::may_manage` (the office) unless told otherwise.
    pub may: fn(&Principal, &str, &str) -> Result<()>,
}

async fn run<R: OfficeRequest>(
    store: &Store,
    call: OfficeCall<'_, R>,
) -> Result<(Principal, MoveAnswer)> {
    let caller = principal(call.request)?;
    (call.may)(&caller, call.what.0, call.what.1)?;
    let body = call.request.get_ref();
    let (name, etag) = body.target();
    let action = (call.action)(body)?;
    let enterprise_id = if matches!(action, OfficeAction::Publish) {
        parse::plan_enterprise_id(name, "name")?
    } else {
        parse::enterprise_id(name, "name")?
    };
    let command = OfficeCommand {
        enterprise_id,
        etag: parse::etag(etag),
        action,
    };
    let ctx = CallContext::new(caller.clone(), call.method, body)?;
    let answer = store.office_move(&ctx, &command).await?;
    Ok((caller, answer))
}

/// An office call answered with the enterprise.
pub async fn enterprise<R: OfficeRequest>(
    store: &Store,
    call: OfficeCall<'_, R>,
) -> Result<Response<pb::Enterprise>, Status> {
    let (caller, answer) = run(store, call).await?;
    masked_enterprise(&caller, answer)
}

/// An office call answered with the plan.
pub async fn plan<R: OfficeRequest>(
    store: &Store,
    call: OfficeCall<'_, R>,
) -> Result<Response<pb::Plan>, Status> {
    let (caller, answer) = run(store, call).await?;
    masked_plan(&caller, answer)
}

pub fn masked_enterprise(
    caller: &Principal,
    answer: MoveAnswer,
) -> Result<Response<pb::Enterprise>, Status> {
    match answer {
        MoveAnswer::Enterprise(mut e) => {
            if !policy::sees_personal_data(caller) {
                mask::enterprise(&mut e);
            }
            Ok(Response::new(e))
        }
        MoveAnswer::Plan(_) => Err(unexpected_answer()),
    }
}

pub fn masked_plan(caller: &Principal, answer: MoveAnswer) -> Result<Response<pb::Plan>, Status> {
    match answer {
        MoveAnswer::Plan(mut p) => {
            if !policy::sees_personal_data(caller) {
                mask::plan(&mut p);
            }
            Ok(Response::new(p))
        }
        MoveAnswer::Enterprise(_) => Err(unexpected_answer()),
    }
}

/// A move answered with the other resource: a bug, INTERNAL like any other.
fn unexpected_answer() -> Status {
    rectify_kit::Error::Internal(anyhow::anyhow!(
        "office move answered with the other resource"
    ))
    .into()
}
