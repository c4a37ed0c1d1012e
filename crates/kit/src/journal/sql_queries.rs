// Journal queries, compiled once per backend by `per_backend!` (see sql.rs).

/// Appends a change inside the caller's transaction; it gets its place in the
/// feed once committed and sequenced.
pub async fn insert(tx: &mut Tx<'_>, fields: &EntryFields) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO journal (recorded_at, actor, request_id, resource, event_type, event, \
                              trace_id, span_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(fields.recorded_at)
    .bind(&fields.actor)
    .bind(&fields.request_id)
    .bind(&fields.resource)
    .bind(&fields.event_type)
    .bind(&fields.event)
    .bind(&fields.trace_id)
    .bind(&fields.span_id)
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
        "SELECT id, recorded_at, actor, request_id, resource, event_type, event, trace_id, \
                span_id \
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
        "SELECT seq, recorded_at, actor, request_id, resource, event_type, event, trace_id, \
                span_id, prev_hash, hash \
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

/// Records `change`, made on behalf of `origin`, in the caller's transaction.
pub async fn record(
    tx: &mut Tx<'_>,
    origin: &crate::journal::Origin,
    change: &crate::journal::NewChange,
) -> sqlx::Result<()> {
    let fields = EntryFields {
        recorded_at: crate::journal::now_micros(),
        actor: origin.actor.clone(),
        request_id: origin.request_id.clone(),
        resource: change.resource.clone(),
        event_type: change.event.type_url.clone(),
        event: change.event.value.clone(),
        trace_id: origin.trace_id.clone(),
        span_id: origin.span_id.clone(),
    };
    insert(tx, &fields).await
}
