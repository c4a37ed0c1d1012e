//! The list filters parsed: an unknown level, jurisdiction or enterprise name is
//! INVALID_ARGUMENT, not an empty list; a jurisdiction caller sees its own territory only.

use rectify_campaign::Campaign;
use rectify_kit::Result;
use rectify_kit::auth::{Principal, territory};
use rectify_kit::parse::Violations;
use rectify_proto::safety::v1 as pb;

use crate::domain::HazardLevel;
use crate::store::{HazardFilter, InspectionFilter};

/// What territory refusals name.
pub const INSPECTIONS: (&str, &str) = ("安全检查", "safety inspections");

/// The enterprise id and the jurisdiction `caller` may see, from the request's filters.
fn scope(
    v: &mut Violations,
    caller: &Principal,
    campaign: &Campaign,
    enterprise: &str,
    jurisdiction: &str,
) -> Result<Option<(String, String)>> {
    let jurisdiction = v.jurisdiction_filter("jurisdiction", jurisdiction, campaign);
    let enterprise_id = v.enterprise_filter("enterprise", enterprise);
    let (Some(enterprise_id), Some(jurisdiction)) = (enterprise_id, jurisdiction) else {
        return Ok(None);
    };
    let jurisdiction = territory::list_scope(caller, &jurisdiction, INSPECTIONS)?;
    Ok(Some((enterprise_id, jurisdiction)))
}

/// The filter of a `ListInspections` request, as `caller` may see it.
pub fn inspections(
    caller: &Principal,
    request: &pb::ListInspectionsRequest,
    campaign: &Campaign,
) -> Result<InspectionFilter> {
    let mut v = Violations::new();
    let scope = scope(
        &mut v,
        caller,
        campaign,
        &request.enterprise,
        &request.jurisdiction,
    )?;
    let (enterprise_id, jurisdiction) = v.finish(|| scope)?;
    Ok(InspectionFilter {
        enterprise_id,
        jurisdiction,
    })
}

/// The filter of a `ListHazards` request, as `caller` may see it.
pub fn hazards(
    caller: &Principal,
    request: &pb::ListHazardsRequest,
    campaign: &Campaign,
) -> Result<HazardFilter> {
    let mut v = Violations::new();
    let level = v
        .known_enum("level", request.level, pb::HazardLevel::as_str_name)
        .map(|level| HazardLevel::from_proto(level as i32));
    let scope = scope(
        &mut v,
        caller,
        campaign,
        &request.enterprise,
        &request.jurisdiction,
    )?;
    let (level, (enterprise_id, jurisdiction)) = v.finish(|| Some((level?, scope?)))?;
    Ok(HazardFilter {
        open_only: request.open_only,
        level,
        enterprise_id,
        jurisdiction,
    })
}
