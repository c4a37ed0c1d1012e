// The licensing reads, included in each backend's module by sql/queries.rs.

/// Every approval recorded for `enterprise_id`.
pub async fn approvals(pool: &Pool, enterprise_id: &str) -> Result<Vec<StoredApproval>> {
    let sql = format!("SELECT {APPROVAL_COLUMNS} FROM approvals WHERE enterprise_id = $1");
    let rows: Vec<ApprovalRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(enterprise_id)
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(StoredApproval::try_from).collect()
}

/// A page of the ids of the enterprises lacking `approval` (any, for `None`) in `jurisdiction`
/// (any, for empty), after the id in `page`, in id order. Lacking: recorded in a status other
/// than granted, or never recorded while an `approval.<code>` item (not cancelled) asks for it
/// or the findings reported it not held.
pub async fn lacking(
    pool: &Pool,
    approval: Option<Approval>,
    jurisdiction: &str,
    page: &Page,
) -> Result<Vec<String>> {
    let [s1, s2, s3, s4] = lacking_statuses()?;
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT enterprise_id FROM ( \
             SELECT enterprise_id, kind AS code, jurisdiction FROM approvals \
              WHERE status IN ($1, $2, $3, $4) \
             UNION ALL \
             SELECT w.enterprise_id, substr(w.kind, 10) AS code, w.jurisdiction FROM work_items w \
              WHERE w.kind LIKE 'approval.%' AND w.state <> 'cancelled' \
                AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.enterprise_id = w.enterprise_id \
                                AND a.kind = substr(w.kind, 10)) \
             UNION ALL \
             SELECT r.enterprise_id, r.kind AS code, r.jurisdiction FROM reported_approvals r \
              WHERE r.held = $9 \
                AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.enterprise_id = r.enterprise_id \
                                AND a.kind = r.kind) \
         ) lacking \
         WHERE ($5 = '' OR code = $5) AND ($6 = '' OR jurisdiction = $6) AND enterprise_id > $7 \
         ORDER BY enterprise_id LIMIT $8",
    )
    .bind(s1)
    .bind(s2)
    .bind(s3)
    .bind(s4)
    .bind(approval.map(|a| a.code()).unwrap_or_default())
    .bind(jurisdiction)
    .bind(&page.after)
    .bind(page.size)
    .bind(false)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The four status codes that lack the approval.
fn lacking_statuses() -> Result<[&'static str; 4]> {
    lacking_codes()
        .try_into()
        .map_err(|codes| Error::Internal(anyhow::anyhow!("lacking statuses {codes:?}")))
}

/// What the registry's findings reported of the approvals of `enterprise_id`.
pub async fn reported(pool: &Pool, enterprise_id: &str) -> Result<Vec<ReportedApproval>> {
    Ok(sqlx::query_as(
        "SELECT enterprise_id, kind, held, enterprise_display_name, jurisdiction \
           FROM reported_approvals WHERE enterprise_id = $1",
    )
    .bind(enterprise_id)
    .fetch_all(pool)
    .await?)
}
