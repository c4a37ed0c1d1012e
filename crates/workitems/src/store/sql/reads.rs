// The work-item reads, included in each backend's module by sql/queries.rs.

/// The item `id` with its history, oldest step first.
pub async fn item(pool: &Pool, id: &str) -> Result<Option<(Item, Vec<pb::Step>)>> {
    let Some(item) = item_alone(pool, id).await? else {
        return Ok(None);
    };
    let history = steps(pool, id).await?;
    Ok(Some((item, history)))
}

/// The item `id` without its history: one row.
pub async fn item_alone(pool: &Pool, id: &str) -> Result<Option<Item>> {
    let row: Option<ItemRow> = sqlx::query_as(concat!(
        "SELECT ", crate::store::columns::item_columns!(), " FROM work_items WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(Item::try_from).transpose()
}

/// A page of the items `filter` selects, newest first (ids are UUIDv7).
pub async fn items(pool: &Pool, filter: &ItemFilter, page: &Page) -> Result<Vec<Item>> {
    let rows: Vec<ItemRow> = sqlx::query_as(concat!(
        "SELECT ", crate::store::columns::item_columns!(), " FROM work_items \
         WHERE ($1 = '' OR executor = $1) AND ($2 = '' OR jurisdiction = $2) \
           AND ($3 = '' OR enterprise_id = $3) AND ($4 = '' OR state = $4) \
           AND ($5 = '' OR kind = $5) \
           AND ($6 = '' OR (deadline < $6 AND (state IN ('pending', 'in_progress', 'blocked') \
                                               OR (state = 'done' AND needs_verification)))) \
           AND ($7 = '' OR id < $7) \
         ORDER BY id DESC LIMIT $8"
    ))
    .bind(&filter.executor)
    .bind(&filter.jurisdiction)
    .bind(&filter.enterprise_id)
    .bind(filter.state.map(StateCode::code).unwrap_or_default())
    .bind(&filter.kind)
    .bind(filter.overdue_on.map(|today| today.to_string()).unwrap_or_default())
    .bind(&page.after)
    .bind(page.size)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Item::try_from).collect()
}
