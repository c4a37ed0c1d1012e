//! Who may do what beyond the work-item machinery's own checks (which let only an item's
//! executor complete it): planning findings are the land bureau's, on enterprises this service
//! knows through their work items; land records are read by territory.

use rectify_campaign::Campaign;
use rectify_kit::auth::{Principal, territory};
use rectify_kit::page::Page;
use rectify_kit::parse::Violations;
use rectify_kit::{Error, Reason, Result, text};
use rectify_proto::land::v1 as pb;
use rectify_workitems::store::{Item, ItemFilter, Store as ItemStore, enterprise_name};

use crate::store::LandFilter;

/// What territory refusals name.
pub const LAND_RECORDS: (&str, &str) = ("用地与场地记录", "land records");

/// The party that records planning findings.
pub const LAND_BUREAU: &str = "land";

/// Refuses a planning finding by anyone but the land bureau.
pub fn may_record_finding(caller: &Principal) -> Result<()> {
    let allowed = caller.party == LAND_BUREAU;
    caller.permit(allowed, Reason::PermissionDenied, |party| {
        text!(
            "{party} 无权记录规划符合性认定：仅限自然资源部门 (land)",
            "{party} may not record planning findings: only the land bureau may"
        )
    })
}

/// One work item of the enterprise `id`, which names its display name and jurisdiction; NOT_FOUND
/// when this service holds none (it knows enterprises through their land measures).
pub async fn enterprise_item(items: &ItemStore, id: &str) -> Result<Item> {
    let filter = ItemFilter {
        enterprise_id: id.to_owned(),
        ..ItemFilter::default()
    };
    let page = Page::parse(1, "", &filter.fingerprint())?;
    items
        .items(&filter, &page)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| {
            Error::not_found(
                ("有用地与场地事项的企业", "enterprise with land work items"),
                &enterprise_name(id),
            )
        })
}

/// The filter `request` asks for, as `caller` may see it in `campaign`.
pub fn filter(
    caller: &Principal,
    request: &pb::ListLandRecordsRequest,
    campaign: &Campaign,
) -> Result<LandFilter> {
    let mut v = Violations::new();
    let jurisdiction = v.jurisdiction_filter("jurisdiction", &request.jurisdiction, campaign);
    let jurisdiction = v.finish(|| jurisdiction)?;
    Ok(LandFilter {
        jurisdiction: territory::list_scope(caller, &jurisdiction, LAND_RECORDS)?,
        nonconforming_only: request.nonconforming_only,
    })
}
