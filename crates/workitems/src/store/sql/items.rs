// The in-transaction work-item operations, included in each backend's module by sql/queries.rs (see
// store/sql.rs). Every one takes the caller's transaction: the follower's (which also moves its
// cursor) or a write envelope's (which also stores the answer).

/// The item `id`, locked until the transaction ends; `None` when there is none.
pub async fn item_for_update(tx: &mut Tx<'_>, id: &str) -> Result<Option<Item>> {
    let sql = format!(
        concat!("SELECT ", crate::store::columns::item_columns!(), " FROM work_items WHERE id = $1{}"),
        dialect::FOR_UPDATE
    );
    let row: Option<ItemRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(Item::try_from).transpose()
}

/// Every item of the enterprise, all rounds, locked, oldest first.
pub async fn enterprise_items_for_update(tx: &mut Tx<'_>, enterprise_id: &str) -> Result<Vec<Item>> {
    let sql = format!(
        concat!("SELECT ", crate::store::columns::item_columns!(), " FROM work_items WHERE enterprise_id = $1 ORDER BY id{}"),
        dialect::FOR_UPDATE
    );
    let rows: Vec<ItemRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(enterprise_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.into_iter().map(Item::try_from).collect()
}

/// The history of item `id`, oldest first.
pub async fn history(tx: &mut Tx<'_>, id: &str) -> Result<Vec<pb::Step>> {
    steps(&mut **tx, id).await
}

/// The history of item `id` on any executor (a pool or a transaction), oldest first.
pub async fn steps<'c, E: sqlx::Executor<'c, Database = Db>>(executor: E, id: &str) -> Result<Vec<pb::Step>> {
    let steps: Vec<Step> = sqlx::query_as(
        "SELECT action, from_state, to_state, actor, recorded_at, reason, evidence, request_id, \
                plan_version \
         FROM work_item_steps WHERE item_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(executor)
    .await?;
    Ok(steps.iter().map(Step::to_proto).collect())
}

/// Inserts a new item (version 1) with its creation step.
pub async fn insert_item(tx: &mut Tx<'_>, item: &Item, step: &Step) -> Result<()> {
    let insert = sqlx::query(
        "INSERT INTO work_items (id, kind, title, executor, cooperating, needs_verification, \
                verifier, deadline, state, blocked_from, blocked_reason, waived_reason, \
                plan_version, version, updated_at, enterprise_id, enterprise_display_name, \
                jurisdiction, measure_id, round, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
                 $18, $19, $20, $21)",
    );
    bind_changing(insert, item)
        .bind(&item.enterprise_id)
        .bind(&item.enterprise_display_name)
        .bind(&item.jurisdiction)
        .bind(&item.measure_id)
        .bind(round_column(item.round))
        .bind(item.created_at)
        .execute(&mut **tx)
        .await?;
    insert_step(tx, item, step).await
}

/// Writes every column of `item` a step may change (its terms, state, reasons, versions) and
/// appends `step` at the item's new version.
pub async fn save_step(tx: &mut Tx<'_>, item: &Item, step: &Step) -> Result<()> {
    let update = sqlx::query(
        "UPDATE work_items SET kind = $2, title = $3, executor = $4, cooperating = $5, \
         needs_verification = $6, verifier = $7, deadline = $8, state = $9, blocked_from = $10, \
         blocked_reason = $11, waived_reason = $12, plan_version = $13, version = $14, \
         updated_at = $15 WHERE id = $1",
    );
    bind_changing(update, item).execute(&mut **tx).await?;
    insert_step(tx, item, step).await
}

/// Binds `$1` (the id) and `$2`–`$15`, the columns a step may change, in the order both
/// statements above name them.
fn bind_changing<'q>(
    query: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>,
    item: &'q Item,
) -> sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments> {
    let (state, blocked_from) = stored_state(item.state);
    query
        .bind(&item.id)
        .bind(&item.terms.kind)
        .bind(&item.terms.title)
        .bind(item.terms.assignment.executor())
        .bind(Parties(item.terms.cooperating.clone()))
        .bind(item.terms.assignment.needs_verification())
        .bind(item.terms.assignment.verifier())
        .bind(item.terms.deadline.to_string())
        .bind(state)
        .bind(blocked_from)
        .bind(&item.blocked_reason)
        .bind(&item.waived_reason)
        .bind(item.plan_version)
        .bind(item.version)
        .bind(item.updated_at)
}

async fn insert_step(tx: &mut Tx<'_>, item: &Item, step: &Step) -> Result<()> {
    sqlx::query(
        "INSERT INTO work_item_steps (item_id, position, action, from_state, to_state, actor, \
                recorded_at, reason, evidence, request_id, plan_version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&item.id)
    .bind(item.version)
    .bind(step.action)
    .bind(step.from)
    .bind(step.to)
    .bind(&step.actor)
    .bind(step.at)
    .bind(&step.reason)
    .bind(&step.evidence)
    .bind(&step.request_id)
    .bind(step.plan_version)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Applies `transition` to `item` (loaded with [`item_for_update`]): checks who may take it
/// and whether the state allows it, writes the row and the step, and returns the typed event
/// for the caller to record (`write.record_change`, or `kit::record_change` when following).
pub async fn apply(tx: &mut Tx<'_>, item: &mut Item, transition: &Transition) -> Result<NewChange> {
    let mut changed = item.clone();
    let step = changed.take(transition)?;
    save_step(tx, &changed, &step).await?;
    *item = changed;
    crate::events::moved(item, &step)
}
