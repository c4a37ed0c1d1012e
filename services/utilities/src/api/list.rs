//! `ListStandingOrdersRequest` and `GetStandingOrderRequest` parsed: an unknown utility,
//! jurisdiction or enterprise name is INVALID_ARGUMENT, not an empty list; a jurisdiction
//! caller sees its own territory only.

use rectify_campaign::Campaign;
use rectify_kit::Result;
use rectify_kit::auth::{Principal, territory};
use rectify_kit::parse::{Violations, resource_id};
use rectify_proto::utilities::v1 as pb;

use crate::store::OrderFilter;
use crate::store::columns::utility_from_proto;

/// What territory refusals name.
pub const STANDING_ORDERS: (&str, &str) = ("停供指令", "standing orders");

/// The id of the cut item of the order named `name` (`workItems/{id}/standingOrder`).
pub fn order_id(name: &str) -> Result<String> {
    resource_id(name.trim(), "workItems", "/standingOrder", "name")
}

/// The filter `request` asks for, as `caller` may see it in `campaign`.
pub fn filter(
    caller: &Principal,
    request: &pb::ListStandingOrdersRequest,
    campaign: &Campaign,
) -> Result<OrderFilter> {
    let mut v = Violations::new();
    let utility = v
        .known_enum("utility", request.utility, pb::Utility::as_str_name)
        .map(utility_from_proto);
    let jurisdiction = v.jurisdiction_filter("jurisdiction", &request.jurisdiction, campaign);
    let enterprise_id = v.enterprise_filter("enterprise", &request.enterprise);
    let (utility, jurisdiction, enterprise_id) =
        v.finish(|| Some((utility?, jurisdiction?, enterprise_id?)))?;
    Ok(OrderFilter {
        utility,
        jurisdiction: territory::list_scope(caller, &jurisdiction, STANDING_ORDERS)?,
        enterprise_id,
        reconnected_only: request.reconnected_only,
        rebound_suspected_only: request.rebound_suspected_only,
    })
}
