//! Who may record what: eco records monitorings, outlet checks and facilities; eco or the
//! enterprise's own jurisdiction records a rebound patrol. Anyone else is PERMISSION_DENIED.

use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::{CallContext, Reason, Result, text};
use rectify_workitems::store::Item;

/// The bureau that records the environment's facts.
pub const ECO: &str = "eco";

fn is_eco(caller: &Principal) -> bool {
    caller.kind == PartyKind::Bureau && caller.party == ECO
}

/// Eco only.
pub fn may_record(caller: &Principal, method: &str) -> Result<()> {
    caller.permit(is_eco(caller), Reason::PermissionDenied, |party| {
        text!(
            "{party} 无权调用 {method}：仅限生态环境局",
            "{party} may not call {method}: only eco may"
        )
    })
}

/// Eco, or the jurisdiction of the enterprise patrolled.
pub fn may_patrol(caller: &Principal, item: &Item) -> Result<()> {
    let own_jurisdiction =
        caller.kind == PartyKind::Jurisdiction && caller.party == item.jurisdiction;
    let allowed = is_eco(caller) || own_jurisdiction;
    caller.permit(allowed, Reason::PermissionDenied, |party| {
        let name = item.name();
        text!(
            "{party} 无权记录 {name} 的防反弹巡查：仅限生态环境局及企业所在属地",
            "{party} may not record a patrol on {name}: only eco and the enterprise's jurisdiction may"
        )
    })
}

/// Eco's patrol completes the open patrol item; the jurisdiction's is recorded beside it.
pub fn patrol_completes(ctx: &CallContext, _item: &Item) -> bool {
    is_eco(&ctx.principal)
}
