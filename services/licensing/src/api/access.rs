//! What the handlers read before they write or answer: an enterprise's matrix from its work
//! items and recorded approvals, and who may set an approval. Read without locks before the
//! write envelope; the envelope locks what it changes.

use rectify_kit::auth::{Principal, territory};
use rectify_kit::page::Page;
use rectify_kit::{Error, Reason, Result, text};
use rectify_workitems::store::{ItemFilter, Store as ItemStore, enterprise_name};

use crate::domain::Approval;
use crate::store::{self, Matrix};
use rectify_kit::db::Db;
use rectify_kit::dispatch;

/// What territory refusals name.
pub const APPROVALS: (&str, &str) = ("审批手续", "approvals");

/// Most work items one enterprise has in this service, across rounds.
const ITEMS_PER_ENTERPRISE: i32 = 500;

/// The matrix of the enterprise `id`, or NOT_FOUND when this service holds nothing of it.
pub async fn matrix(items: &ItemStore, db: &Db, id: &str) -> Result<Matrix> {
    let filter = ItemFilter {
        enterprise_id: id.to_owned(),
        ..ItemFilter::default()
    };
    let page = Page::parse(ITEMS_PER_ENTERPRISE, "", &filter.fingerprint())?;
    let enterprise_items = items.items(&filter, &page).await?;
    let stored = dispatch!(db, store::sql => approvals(id))?;
    let reported = dispatch!(db, store::sql => reported(id))?;
    Matrix::build(&enterprise_items, stored, &reported).ok_or_else(|| {
        Error::not_found(
            ("企业的审批手续", "approvals of enterprise"),
            &enterprise_name(id),
        )
    })
}

/// The matrix of `id` as `caller` may read it.
pub async fn readable_matrix(
    items: &ItemStore,
    db: &Db,
    caller: &Principal,
    id: &str,
) -> Result<Matrix> {
    let matrix = matrix(items, db, id).await?;
    territory::may_read(caller, &matrix.jurisdiction, APPROVALS)?;
    Ok(matrix)
}

/// Refuses `caller` setting `approval` unless it is the bureau that grants it.
pub fn may_set(caller: &Principal, approval: Approval) -> Result<()> {
    let bureau = approval.bureau();
    if caller.party == bureau {
        return Ok(());
    }
    let (party, code) = (&caller.party, approval.code());
    Err(Error::permission_denied(
        Reason::PermissionDenied,
        text!(
            "{party} 无权办理“{code}”审批：仅限审批部门 {bureau}",
            "{party} may not set the {code} approval: only its bureau, {bureau}, may"
        ),
    ))
}
