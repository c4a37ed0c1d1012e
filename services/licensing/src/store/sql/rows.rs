// The rows of the licensing tables inside a write envelope's transaction, included in each
// backend's module by sql/queries.rs.

/// The stored approval `approval` of `enterprise_id`, locked until the transaction ends.
pub async fn approval_for_update(
    tx: &mut Tx<'_>,
    enterprise_id: &str,
    approval: Approval,
) -> Result<Option<StoredApproval>> {
    let sql = format!(
        "SELECT {APPROVAL_COLUMNS} FROM approvals WHERE enterprise_id = $1 AND kind = $2{}",
        dialect::FOR_UPDATE
    );
    let row: Option<ApprovalRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(enterprise_id)
        .bind(approval)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(StoredApproval::try_from).transpose()
}

/// Inserts the approval, or replaces every column of the one already there.
pub async fn save_approval(tx: &mut Tx<'_>, stored: &StoredApproval, by: &str) -> Result<()> {
    let [permit_number, issuer, granted_on, reason, revoked_on] = standing_columns(&stored.standing);
    sqlx::query(
        "INSERT INTO approvals (enterprise_id, kind, enterprise_display_name, jurisdiction, \
                status, permit_number, issuer, granted_on, reason, revoked_on, version, \
                updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (enterprise_id, kind) DO UPDATE SET status = excluded.status, \
                permit_number = excluded.permit_number, issuer = excluded.issuer, \
                granted_on = excluded.granted_on, reason = excluded.reason, \
                revoked_on = excluded.revoked_on, version = excluded.version, \
                updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(&stored.enterprise_id)
    .bind(stored.approval)
    .bind(&stored.enterprise_display_name)
    .bind(&stored.jurisdiction)
    .bind(stored.standing.status())
    .bind(permit_number)
    .bind(issuer)
    .bind(granted_on)
    .bind(reason)
    .bind(revoked_on)
    .bind(stored.version)
    .bind(by)
    .bind(stored.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records `standing` for `approval` of `enterprise` at `now`, refusing a stale `sent` etag
/// (empty: any version); returns it as stored, and the status it had.
async fn change_approval(
    tx: &mut Tx<'_>,
    enterprise: &Enterprise,
    approval: Approval,
    standing: Standing,
    sent: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(StoredApproval, Option<crate::domain::Status>)> {
    let previous = approval_for_update(tx, &enterprise.id, approval).await?;
    let version = previous.as_ref().map_or(0, |p| p.version);
    if !sent.is_empty() && sent != etag(version) {
        return Err(Error::stale_etag(&crate::store::rows::approval_name(
            &enterprise.id,
            approval,
        )));
    }
    let stored = StoredApproval {
        enterprise_id: enterprise.id.clone(),
        approval,
        enterprise_display_name: enterprise.display_name.clone(),
        jurisdiction: enterprise.jurisdiction.clone(),
        standing,
        version: version + 1,
        updated_at: now,
    };
    save_approval(tx, &stored, by).await?;
    Ok((stored, previous.map(|p| p.standing.status())))
}

/// Appends the revocation `record` completing `item_id` at its version `step`.
async fn insert_revocation(
    tx: &mut Tx<'_>,
    item_id: &str,
    step: i64,
    record: &RevocationRecord,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO revocations (work_item_id, step, outcome, decision_number, decided_on, \
                recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(item_id)
    .bind(step)
    .bind(record.outcome)
    .bind(&record.decision_number)
    .bind(record.decided_on.to_string())
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
