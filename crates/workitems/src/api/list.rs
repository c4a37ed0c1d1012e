//! `ListWorkItemsRequest` parsed into an [`ItemFilter`], every bad field reported at once: an
//! unknown party, jurisdiction, kind or state is INVALID_ARGUMENT naming what is accepted, not
//! an empty list.

use chrono::NaiveDate;
use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::auth::{Principal, territory};
use rectify_kit::filter::known_parties;
use rectify_kit::known::{self, KnownParty};
use rectify_kit::parse::Violations;
use rectify_kit::{Result, text};
use rectify_proto::workitems::v1 as pb;

use crate::store::{ItemFilter, StateCode};

/// What territory refusals name.
pub const WORK_ITEMS: (&str, &str) = ("工作事项", "work items");

/// The filter `request` asks for, as `caller` may see it in `campaign`, on the items of
/// `service`, with `today` (CST) for `overdue_only`.
pub fn filter(
    caller: &Principal,
    request: &pb::ListWorkItemsRequest,
    campaign: &Campaign,
    service: ServiceName,
    today: NaiveDate,
) -> Result<ItemFilter> {
    let mut v = Violations::new();
    let parties: Vec<KnownParty<'_>> = known_parties(campaign.parties().iter());
    let executor = v.known(known::party_filter(
        "executor",
        &request.executor,
        ("单位", "party"),
        &parties,
    ));
    let jurisdiction = v.jurisdiction_filter("jurisdiction", &request.jurisdiction, campaign);
    let kind = request.kind.trim().to_owned();
    let kinds = campaign.kinds_owned_by(service);
    if !kind.is_empty() && !kinds.contains(&kind) {
        let kinds = kinds.join(", ");
        v.add(
            "kind",
            text!(
                "“{kind}”不是本服务的措施类型，可选：{kinds}",
                "{kind:?} is not a kind of measure of this service: {kinds}"
            ),
        );
    }
    let enterprise_id = v.enterprise_filter("enterprise", &request.enterprise);
    let state = v
        .known_enum("state", request.state, pb::State::as_str_name)
        .map(StateCode::from_pb);
    let (executor, jurisdiction, enterprise_id, state) =
        v.finish(|| Some((executor?, jurisdiction?, enterprise_id?, state?)))?;
    Ok(ItemFilter {
        executor,
        jurisdiction: territory::list_scope(caller, &jurisdiction, WORK_ITEMS)?,
        enterprise_id,
        state,
        kind,
        overdue_on: request.overdue_only.then_some(today),
    })
}
