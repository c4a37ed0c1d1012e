//! What the handlers learn from the work items before they write: the date an item was ordered
//! (what "not before the plan was published" means for it), and who may report on a cut.
//! Read without locks before the write envelope; the envelope locks what it changes.

use chrono::NaiveDate;
use rectify_campaign::Campaign;
use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::clock::date_cst;
use rectify_kit::page::Page;
use rectify_kit::{Reason, Result, text};
use rectify_workitems::domain::WorkItemName;
use rectify_workitems::store::{Item, ItemFilter, Store as ItemStore};

use crate::domain::{Utility, may_report_reconnection};

/// The CST date from which work on the item named `work_item` may be dated: the day it was
/// created, i.e. the day this service applied the published plan (or the plan change, or the
/// reopening) that ordered it. For a name that is malformed or names no item, the campaign's
/// list-publication date, the earliest any plan is published: the request is then refused for
/// its name, with its other bad fields.
pub async fn ordered_on(
    items: &ItemStore,
    campaign: &Campaign,
    work_item: &str,
) -> Result<NaiveDate> {
    let created = match WorkItemName::parse(work_item) {
        Ok(name) => items.find(name.id()).await?.map(|item| item.created_at),
        Err(_) => None,
    };
    Ok(created.map_or(campaign.milestones().list_published, date_cst))
}

/// Refuses a reconnection report on `item` by `caller` unless the item is a cut and the caller
/// is the office, the enterprise's jurisdiction, or an executor or verifier of one of the
/// enterprise's cut items (e.g. water, power, eco).
pub async fn may_report(items: &ItemStore, caller: &Principal, item: &Item) -> Result<()> {
    let cuts = [Utility::Water.cut_kind(), Utility::Power.cut_kind()];
    item.check_kind(&cuts, "ReportReconnection")?;
    let filter = ItemFilter {
        enterprise_id: item.enterprise_id.clone(),
        ..ItemFilter::default()
    };
    let page = Page::parse(500, "", &filter.fingerprint())?;
    let enterprise_items = items.items(&filter, &page).await?;
    let bureaus: Vec<&str> = enterprise_items
        .iter()
        .filter(|i| Utility::of_kind(&i.terms.kind).is_some())
        .flat_map(|i| {
            [
                Some(i.terms.assignment.executor()),
                i.terms.assignment.verifier(),
            ]
        })
        .flatten()
        .collect();
    let office = caller.kind == PartyKind::Office;
    let allowed = may_report_reconnection(&caller.party, office, &item.jurisdiction, &bureaus);
    caller.permit(allowed, Reason::PermissionDenied, |party| {
        let name = item.name();
        text!(
            "{party} 无权报告 {name} 的恢复供水/供电：限办公室、属地及断水断电的执行和核验单位",
            "{party} may not report a reconnection on {name}: the office, the enterprise's \
             jurisdiction and the cut's executors and verifiers may"
        )
    })
}

/// Refuses a meter reading on `item` unless it is a power cut and `caller` executes it (the
/// power company).
pub fn may_submit_reading(caller: &Principal, item: &Item) -> Result<()> {
    item.check_kind(&[Utility::Power.cut_kind()], "SubmitMeterReading")?;
    let executor = item.terms.assignment.executor();
    caller.permit(caller.party == executor, Reason::NotExecutor, |party| {
        let name = item.name();
        text!(
            "{party} 无权报送 {name} 的电表读数：仅限断电执行单位 {executor}",
            "{party} may not submit readings on {name}: only its executor, {executor}, may"
        )
    })
}
