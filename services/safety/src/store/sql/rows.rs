// The rows of the safety tables inside a write envelope's transaction, included in each
// backend's module by sql/queries.rs.

/// Inserts `inspection` and its `hazards` (positions from 1, in order).
async fn insert_inspection(
    tx: &mut Tx<'_>,
    inspection: &StoredInspection,
    hazards: &[StoredHazard],
) -> Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO inspections ({INSPECTION_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )))
    .bind(&inspection.id)
    .bind(&inspection.work_item_id)
    .bind(&inspection.enterprise_id)
    .bind(&inspection.enterprise_display_name)
    .bind(&inspection.jurisdiction)
    .bind(inspection.inspected_at)
    .bind(&inspection.inspectors)
    .bind(&inspection.evidence)
    .bind(&inspection.recorded_by)
    .bind(inspection.recorded_at)
    .execute(&mut **tx)
    .await?;
    for hazard in hazards {
        sqlx::query(
            "INSERT INTO hazards (inspection_id, position, enterprise_id, jurisdiction, level, \
                    description, fix_deadline, fix_note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, '')",
        )
        .bind(&hazard.inspection_id)
        .bind(hazard.position)
        .bind(&hazard.enterprise_id)
        .bind(&hazard.jurisdiction)
        .bind(hazard.level)
        .bind(&hazard.description)
        .bind(hazard.fix_deadline)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Writes the fix columns of `hazard`.
async fn save_fix(tx: &mut Tx<'_>, hazard: &StoredHazard) -> Result<()> {
    sqlx::query(
        "UPDATE hazards SET fixed_at = $3, fix_evidence = $4, fix_note = $5, fixed_by = $6 \
         WHERE inspection_id = $1 AND position = $2",
    )
    .bind(&hazard.inspection_id)
    .bind(hazard.position)
    .bind(hazard.fixed_at)
    .bind(&hazard.fix_evidence)
    .bind(&hazard.fix_note)
    .bind(&hazard.fixed_by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The enterprise's unfixed major hazards.
async fn open_major(tx: &mut Tx<'_>, enterprise_id: &str) -> Result<i64> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM hazards \
         WHERE enterprise_id = $1 AND level = 'major' AND fixed_at IS NULL",
    )
    .bind(enterprise_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(count)
}
