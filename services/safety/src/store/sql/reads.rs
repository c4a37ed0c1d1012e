// The safety reads, included in each backend's module by sql/queries.rs.

/// The hazard `name`, with its inspection's item and time, on any executor.
pub async fn hazard<'c, E: sqlx::Executor<'c, Database = Db>>(
    executor: E,
    name: &HazardName,
) -> Result<Option<StoredHazard>> {
    let sql = format!(
        "SELECT {HAZARD_COLUMNS} FROM hazards h JOIN inspections i ON i.id = h.inspection_id \
         WHERE h.inspection_id = $1 AND h.position = $2"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&name.inspection_id)
        .bind(name.position)
        .fetch_optional(executor)
        .await?)
}

/// The hazards of the inspections `ids`, in order within each.
async fn hazards_of(pool: &Pool, ids: &[String]) -> Result<Vec<StoredHazard>> {
    let mut out = Vec::new();
    for id in ids {
        let sql = format!(
            "SELECT {HAZARD_COLUMNS} FROM hazards h JOIN inspections i ON i.id = h.inspection_id \
             WHERE h.inspection_id = $1 ORDER BY h.position"
        );
        let rows: Vec<StoredHazard> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_all(pool)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The inspection `id` with its hazards.
pub async fn inspection(
    pool: &Pool,
    id: &str,
) -> Result<Option<(StoredInspection, Vec<StoredHazard>)>> {
    let sql = format!("SELECT {INSPECTION_COLUMNS} FROM inspections WHERE id = $1");
    let row: Option<StoredInspection> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let hazards = hazards_of(pool, std::slice::from_ref(&row.id)).await?;
    Ok(Some((row, hazards)))
}

/// A page of the inspections `filter` selects, most recently recorded first, with their hazards.
pub async fn inspections(
    pool: &Pool,
    filter: &InspectionFilter,
    page: &Page,
) -> Result<Vec<(StoredInspection, Vec<StoredHazard>)>> {
    let sql = format!(
        "SELECT {INSPECTION_COLUMNS} FROM inspections \
         WHERE ($1 = '' OR enterprise_id = $1) AND ($2 = '' OR jurisdiction = $2) \
           AND ($3 = '' OR id < $3) \
         ORDER BY id DESC LIMIT $4"
    );
    let rows: Vec<StoredInspection> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&filter.enterprise_id)
        .bind(&filter.jurisdiction)
        .bind(&page.after)
        .bind(page.size)
        .fetch_all(pool)
        .await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut hazards = hazards_of(pool, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (own, rest) = hazards.drain(..).partition(|h| h.inspection_id == row.id);
            hazards = rest;
            (row, own)
        })
        .collect())
}

/// A page of the hazards `filter` selects: inspections most recently recorded first, each's
/// hazards in order.
pub async fn hazards(pool: &Pool, filter: &HazardFilter, page: &Page) -> Result<Vec<StoredHazard>> {
    let after = HazardKey::decode(&page.after)?;
    let sql = format!(
        "SELECT {HAZARD_COLUMNS} FROM hazards h JOIN inspections i ON i.id = h.inspection_id \
         WHERE (NOT $1 OR h.fixed_at IS NULL) AND ($2 = '' OR h.level = $2) \
           AND ($3 = '' OR h.enterprise_id = $3) AND ($4 = '' OR h.jurisdiction = $4) \
           AND (NOT $5 OR h.inspection_id < $6 OR (h.inspection_id = $6 AND h.position > $7)) \
         ORDER BY h.inspection_id DESC, h.position LIMIT $8"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(filter.open_only)
        .bind(filter.level_code())
        .bind(&filter.enterprise_id)
        .bind(&filter.jurisdiction)
        .bind(after.is_some())
        .bind(after.as_ref().map_or("", |k| k.inspection_id.as_str()))
        .bind(after.as_ref().map_or(0, |k| k.position))
        .bind(page.size)
        .fetch_all(pool)
        .await?)
}
