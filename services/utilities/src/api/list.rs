//! `ListStandingOrdersRequest` and `GetStandingOrderRequest` parsed: an unknown utility,
//! jurisdiction or enterprise name is INVALID_ARGUMENT, not an empty list; a jurisdiction
//! caller sees its own territory only.

use rectify_campaign::Campaign;
use rectify_kit::auth::{Principal, territory};
use rectify_kit::known::{self, KnownParty};
use rectify_kit::parse::{Violations, resource_id};
use rectify_kit::{Error, Result};
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
    let jurisdictions: Vec<KnownParty<'_>> = campaign
        .jurisdictions()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    let jurisdiction = v.known(known::party_filter(
        "jurisdiction",
        &request.jurisdiction,
        ("属地", "jurisdiction"),
        &jurisdictions,
    ));
    let enterprise = request.enterprise.trim();
    let enterprise_id = if enterprise.is_empty() {
        Some(String::new())
    } else {
        match resource_id(enterprise, "enterprises", "", "enterprise") {
            Ok(id) => Some(id),
            Err(Error::InvalidArgument(violations)) => {
                v.extend(violations);
                None
            }
            Err(other) => return Err(other),
        }
    };
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
