//! `ListWorkItemsRequest` parsed into an [`ItemFilter`], every bad field reported at once: an
//! unknown party, jurisdiction, kind or state is INVALID_ARGUMENT, not an empty list.

use chrono::NaiveDate;
use rectify_campaign::Campaign;
use rectify_kit::auth::{Principal, territory};
use rectify_kit::parse::{Violations, resource_id};
use rectify_kit::{Result, text};
use rectify_proto::workitems::v1 as pb;

use crate::store::{ItemFilter, StateCode};

/// What territory refusals name.
pub const WORK_ITEMS: (&str, &str) = ("工作事项", "work items");

/// The filter `request` asks for, as `caller` may see it in `campaign`, with `today` (CST)
/// for `overdue_only`.
pub fn filter(
    caller: &Principal,
    request: &pb::ListWorkItemsRequest,
    campaign: &Campaign,
    today: NaiveDate,
) -> Result<ItemFilter> {
    let mut v = Violations::new();
    let executor = request.executor.trim().to_owned();
    if !executor.is_empty() && campaign.party(&executor).is_none() {
        v.add(
            "executor",
            text!("未知的单位“{executor}”", "unknown party {executor:?}"),
        );
    }
    let jurisdiction = request.jurisdiction.trim().to_owned();
    if !jurisdiction.is_empty() && !campaign.is_jurisdiction(&jurisdiction) {
        v.add(
            "jurisdiction",
            text!(
                "未知的属地“{jurisdiction}”",
                "unknown jurisdiction {jurisdiction:?}"
            ),
        );
    }
    let kind = request.kind.trim().to_owned();
    if !kind.is_empty() && campaign.service_for_kind(&kind).is_none() {
        v.add(
            "kind",
            text!("未知的措施类型“{kind}”", "unknown kind of measure {kind:?}"),
        );
    }
    let enterprise = request.enterprise.trim();
    let enterprise_id = if enterprise.is_empty() {
        String::new()
    } else {
        resource_id(enterprise, "enterprises", "", "enterprise").unwrap_or_else(|_| {
            v.add(
                "enterprise",
                text!(
                    "企业应写作 enterprises/{{编号}}，收到“{enterprise}”",
                    "enterprise must look like enterprises/{{id}}, got {enterprise:?}"
                ),
            );
            String::new()
        })
    };
    let state = match pb::State::try_from(request.state) {
        Ok(state) => StateCode::from_pb(state),
        Err(_) => {
            let state = request.state;
            v.add(
                "state",
                text!("未知的状态值{state}", "unknown state {state}"),
            );
            None
        }
    };
    v.finish(|| Some(()))?;
    Ok(ItemFilter {
        executor,
        jurisdiction: territory::list_scope(caller, &jurisdiction, WORK_ITEMS)?,
        enterprise_id,
        state,
        kind,
        overdue_on: request.overdue_only.then_some(today),
    })
}
