// The utilities reads, included in each backend's module by sql/queries.rs.

/// The standing order of the cut item `id`, with the reconnections of its cut, oldest first.
pub async fn order(pool: &Pool, id: &str) -> Result<Option<(Order, Vec<StoredReconnection>)>> {
    let row: Option<OrderRow> = sqlx::query_as(concat!(
        "SELECT ", crate::store::order::order_columns!(), " FROM standing_orders WHERE work_item_id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let order = Order::try_from(row)?;
    let reconnections = reconnections(pool, id, order.cut).await?;
    Ok(Some((order, reconnections)))
}

/// The cut item of the newest standing order of the power account `account`, if any.
pub async fn account_item(pool: &Pool, account: &str) -> Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT work_item_id FROM standing_orders WHERE account_number = $1 \
         ORDER BY cut_at DESC, work_item_id DESC LIMIT 1",
    )
    .bind(account)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// A page of the orders `filter` selects, newest cut first, after the key in `page`.
pub async fn orders(pool: &Pool, filter: &OrderFilter, page: &Page) -> Result<Vec<Order>> {
    let after = match page.after.as_str() {
        "" => None,
        token => Some(OrderKey::decode(token).ok_or_else(|| {
            Error::invalid("page_token", "分页令牌无效 (page_token is invalid)")
        })?),
    };
    let rows: Vec<OrderRow> = sqlx::query_as(concat!(
        "SELECT ", crate::store::order::order_columns!(), " FROM standing_orders \
         WHERE ($1 = '' OR kind = $1) AND ($2 = '' OR jurisdiction = $2) \
           AND ($3 = '' OR enterprise_id = $3) AND (NOT $4 OR reconnected) \
           AND (NOT $5 OR rebound_suspected) \
           AND (NOT $6 OR cut_at < $7 OR (cut_at = $7 AND work_item_id < $8)) \
         ORDER BY cut_at DESC, work_item_id DESC LIMIT $9"
    ))
    .bind(filter.utility.map(domain::Utility::cut_kind).unwrap_or_default())
    .bind(&filter.jurisdiction)
    .bind(&filter.enterprise_id)
    .bind(filter.reconnected_only)
    .bind(filter.rebound_suspected_only)
    .bind(after.is_some())
    .bind(after.as_ref().map_or(DateTime::<Utc>::UNIX_EPOCH, |key| key.cut_at))
    .bind(after.as_ref().map_or("", |key| key.work_item_id.as_str()))
    .bind(page.size)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Order::try_from).collect()
}
