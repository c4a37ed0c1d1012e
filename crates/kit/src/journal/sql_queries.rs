// Journal queries, compiled once per backend by `per_backend!` (see sql.rs).

/// Appends a change inside the caller's transaction; it gets its place in the
/// feed once committed and sequenced.
pub async fn insert(tx: &mut Tx<'_>, fields: &EntryFields) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO journal (recorded_at, actor, request_id, action, resource, payload, trace_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(fields.recorded_at)
    .bind(&fields.actor)
    .bind(&fields.request_id)
    .bind(&fields.action)
    .bind(&fields.resource)
    .bind(&fields.payload)
    .bind(&fields.trace_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Pending {
    id: i64,
    #[sqlx(flatten)]
    fields: EntryFields,
}

/// Numbers and chains up to `limit` committed, unsequenced entries, in the
/// order their ids were handed out among those committed. Returns the new
/// head and how many entries were sequenced.
pub async fn sequence_batch(pool: &Pool, limit: i64) -> sqlx::Result<(i64, usize)> {
    let mut tx = dialect::begin(pool).await?;
    let lock_head = format!(
        "SELECT seq, hash FROM journal_head WHERE id = 1{}",
        dialect::FOR_UPDATE
    );
    let (mut seq, mut hash): (i64, String) = sqlx::query_as(sqlx::AssertSqlSafe(lock_head))
        .fetch_one(&mut *tx)
        .await?;
    let pending: Vec<Pending> = sqlx::query_as(
        "SELECT id, recorded_at, actor, request_id, action, resource, payload, trace_id \
         FROM journal WHERE seq IS NULL ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    if pending.is_empty() {
        return Ok((seq, 0));
    }
    for row in &pending {
        seq += 1;
        let next = chain_hash(&hash, seq, &row.fields);
        sqlx::query("UPDATE journal SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4")
            .bind(seq)
            .bind(&hash)
            .bind(&next)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
        hash = next;
    }
    sqlx::query("UPDATE journal_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(seq)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((seq, pending.len()))
}

/// Sequenced entries after `after`, in order.
pub async fn read_after(pool: &Pool, after: i64, limit: i64) -> sqlx::Result<Vec<Entry>> {
    sqlx::query_as(
        "SELECT seq, recorded_at, actor, request_id, action, resource, payload, trace_id, \
                prev_hash, hash \
         FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// The newest sequence number and its hash.
pub async fn head(pool: &Pool) -> sqlx::Result<(i64, String)> {
    sqlx::query_as("SELECT seq, hash FROM journal_head WHERE id = 1")
        .fetch_one(pool)
        .await
}

/// Records `change` as made by the caller of `ctx`, in the caller's transaction.
pub async fn record(
    tx: &mut Tx<'_>,
    ctx: &crate::context::CallContext,
    change: &crate::journal::NewChange,
) -> sqlx::Result<()> {
    let fields = EntryFields {
        recorded_at: crate::journal::now_micros(),
        actor: ctx.actor(),
        request_id: ctx.request_id.clone(),
        action: change.action.to_owned(),
        resource: change.resource.clone(),
        payload: change.payload.to_string(),
        trace_id: ctx.trace_id.clone(),
    };
    insert(tx, &fields).await
}
