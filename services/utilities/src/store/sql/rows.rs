// The rows of the utilities tables inside a write envelope's transaction, included in each
// backend's module by sql/queries.rs.

/// The standing order of the cut item `id`, locked until the transaction ends.
pub async fn order_for_update(tx: &mut Tx<'_>, id: &str) -> Result<Option<Order>> {
    let sql = format!(
        concat!("SELECT ", crate::store::order::order_columns!(), " FROM standing_orders WHERE work_item_id = $1{}"),
        dialect::FOR_UPDATE
    );
    let row: Option<OrderRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(Order::try_from).transpose()
}

/// Inserts the order, or replaces every column of an order already there.
pub async fn save_order(tx: &mut Tx<'_>, order: &Order) -> Result<()> {
    let (account, seal, at_cut) = match &order.supply {
        Supply::Water { seal, .. } => (None, Some(seal.as_str()), None),
        Supply::Power { account, reading_at_cut, .. } => (Some(account.as_str()), None, Some(*reading_at_cut)),
    };
    let meter = match &order.supply {
        Supply::Water { meter, .. } | Supply::Power { meter, .. } => meter,
    };
    let latest = order.latest.as_ref();
    let latest_evidence = latest.and_then(|l| l.evidence.as_ref()).map(prost::Message::encode_to_vec);
    sqlx::query(concat!(
        "INSERT INTO standing_orders (", crate::store::order::order_columns!(), ") VALUES ",
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) ",
        "ON CONFLICT (work_item_id) DO UPDATE SET kind = excluded.kind, ",
        "account_number = excluded.account_number, meter_number = excluded.meter_number, ",
        "seal_number = excluded.seal_number, reading_at_cut = excluded.reading_at_cut, ",
        "cut_at = excluded.cut_at, cut = excluded.cut, reconnected = excluded.reconnected, ",
        "latest_reading = excluded.latest_reading, latest_read_at = excluded.latest_read_at, ",
        "latest_recorded_by = excluded.latest_recorded_by, latest_evidence = excluded.latest_evidence, ",
        "consumption = excluded.consumption, rebound_suspected = excluded.rebound_suspected, ",
        "updated_at = excluded.updated_at"
    ))
    .bind(&order.work_item_id)
    .bind(&order.enterprise_id)
    .bind(&order.enterprise_display_name)
    .bind(&order.jurisdiction)
    .bind(order.utility())
    .bind(account)
    .bind(meter)
    .bind(seal)
    .bind(at_cut)
    .bind(order.cut_at)
    .bind(order.cut)
    .bind(order.reconnected)
    .bind(latest.map(|l| l.reading))
    .bind(latest.map(|l| l.read_at))
    .bind(latest.map(|l| l.recorded_by.as_str()))
    .bind(latest_evidence)
    .bind(latest.map(|l| l.consumption))
    .bind(order.rebound_suspected)
    .bind(order.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The reconnections reported on the item `id`'s order since its cut number `cut`, oldest first,
/// on any executor (a pool or a transaction).
pub async fn reconnections<'c, E: sqlx::Executor<'c, Database = Db>>(
    executor: E,
    id: &str,
    cut: i32,
) -> Result<Vec<StoredReconnection>> {
    let rows: Vec<ReconnectionRow> = sqlx::query_as(
        "SELECT work_item_id, position, found_at, reporter, note, evidence FROM reconnections \
         WHERE work_item_id = $1 AND cut = $2 ORDER BY position",
    )
    .bind(id)
    .bind(cut)
    .fetch_all(executor)
    .await?;
    rows.into_iter().map(StoredReconnection::try_from).collect()
}

/// The next position in `table` (reconnections or meter_readings) of the order of item `id`.
async fn next_position(tx: &mut Tx<'_>, table: &str, id: &str) -> Result<i32> {
    let sql = format!("SELECT COALESCE(MAX(position), 0) FROM {table} WHERE work_item_id = $1");
    let (last,): (i32,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(last + 1)
}

/// Appends a reconnection to `order` (its current cut), reported with `request_id` at `at`.
pub async fn insert_reconnection(
    tx: &mut Tx<'_>,
    order: &Order,
    reconnection: &StoredReconnection,
    request_id: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let position = next_position(tx, "reconnections", &order.work_item_id).await?;
    sqlx::query(
        "INSERT INTO reconnections (work_item_id, position, cut, found_at, reporter, note, \
                evidence, request_id, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&order.work_item_id)
    .bind(position)
    .bind(order.cut)
    .bind(reconnection.domain.found_at)
    .bind(&reconnection.domain.reporter)
    .bind(reconnection.domain.note.as_str())
    .bind(prost::Message::encode_to_vec(&reconnection.evidence))
    .bind(request_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends `reading` of `order`'s meter (its current cut), submitted with `request_id` at `at`.
pub async fn insert_reading(
    tx: &mut Tx<'_>,
    order: &Order,
    reading: &crate::store::order::LatestReading,
    suspected: bool,
    request_id: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let position = next_position(tx, "meter_readings", &order.work_item_id).await?;
    sqlx::query(
        "INSERT INTO meter_readings (work_item_id, position, cut, reading, read_at, consumption, \
                rebound_suspected, evidence, recorded_by, request_id, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&order.work_item_id)
    .bind(position)
    .bind(order.cut)
    .bind(reading.reading)
    .bind(reading.read_at)
    .bind(reading.consumption)
    .bind(suspected)
    .bind(reading.evidence.as_ref().map(prost::Message::encode_to_vec))
    .bind(&reading.recorded_by)
    .bind(request_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records the inventory of a clearing that completed `item` (at its current version).
pub async fn insert_clearing(
    tx: &mut Tx<'_>,
    item: &Item,
    clearing: &domain::Clearing,
    recorded_by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO clearings (work_item_id, step, kind, lines, executed_at, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&item.id)
    .bind(item.version)
    .bind(&item.terms.kind)
    .bind(Lines::of(&clearing.lines))
    .bind(crate::store::stored(clearing.executed_at.at()))
    .bind(recorded_by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a well closure that completed `item` (at its current version).
pub async fn insert_closure(
    tx: &mut Tx<'_>,
    item: &Item,
    closure: &domain::WellClosure,
    recorded_by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let (method, note) = events::closure_method(&closure.method);
    sqlx::query(
        "INSERT INTO well_closures (work_item_id, step, wells, method, method_note, executed_at, \
                recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&item.id)
    .bind(item.version)
    .bind(i32::try_from(closure.wells.get()).map_err(|e| Error::Internal(e.into()))?)
    .bind(method.as_str_name())
    .bind(note)
    .bind(crate::store::stored(closure.executed_at.at()))
    .bind(recorded_by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
