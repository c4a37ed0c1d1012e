//! What the handlers read before they write or answer: an enterprise's matrix from its work
//! items and recorded approvals, and who may set an approval. Read without locks before the
//! write envelope; the envelope locks what it changes.

use rectify_kit::auth::{Principal, territory};
use rectify_kit::page::Page;
use rectify_kit::{Error, Reason, Result, text};
use rectify_workitems::store::{Item, ItemFilter, Store as ItemStore, enterprise_name};

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
    let enterprise_items = enterprise_items(items, id).await?;
    matrix_of(&enterprise_items, db, id).await
}

/// What a write needs of the matrix of `id`: who the enterprise is and the state of its items.
/// Its work items tell both when it has any (one read, the common case); otherwise it is known,
/// if at all, from its stored or reported approvals, read then.
pub async fn matrix_for_write(items: &ItemStore, db: &Db, id: &str) -> Result<Matrix> {
    let enterprise_items = enterprise_items(items, id).await?;
    match Matrix::build(&enterprise_items, Vec::new(), &[]) {
        Some(matrix) => Ok(matrix),
        None => matrix_of(&enterprise_items, db, id).await,
    }
}

/// Every work item of the enterprise `id` in this service, all rounds.
async fn enterprise_items(items: &ItemStore, id: &str) -> Result<Vec<Item>> {
    let filter = ItemFilter {
        enterprise_id: id.to_owned(),
        ..ItemFilter::default()
    };
    let page = Page::parse(ITEMS_PER_ENTERPRISE, "", &filter.fingerprint())?;
    items.items(&filter, &page).await
}

/// The matrix of `id` from `enterprise_items` and its stored and reported approvals.
async fn matrix_of(enterprise_items: &[Item], db: &Db, id: &str) -> Result<Matrix> {
    let stored = dispatch!(db, store::sql => approvals(id))?;
    let reported = dispatch!(db, store::sql => reported(id))?;
    Matrix::build(enterprise_items, stored, &reported).ok_or_else(|| {
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
    caller.permit(caller.party == bureau, Reason::PermissionDenied, |party| {
        let code = approval.code();
        text!(
            "{party} 无权办理“{code}”审批：仅限审批部门 {bureau}",
            "{party} may not set the {code} approval: only its bureau, {bureau}, may"
        )
    })
}
