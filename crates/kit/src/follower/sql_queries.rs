// Feed cursor queries, compiled once per backend by `per_backend!` (see sql.rs).

/// The last position applied from `source`.
pub async fn position(pool: &Pool, source: &str) -> Result<i64> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT position FROM feed_cursors WHERE source = $1")
        .bind(source)
        .fetch_optional(pool)
        .await?;
    Ok(row.map_or(0, |(p,)| p))
}

/// In one transaction: check the cursor, apply the effect, move the cursor.
pub async fn apply_once<H: ApplyChange<Db> + ?Sized>(
    pool: &Pool,
    source: &str,
    handler: &H,
    change: &Change,
) -> Result<bool> {
    let mut tx = dialect::begin(pool).await?;
    let now = crate::journal::now_micros();
    sqlx::query(
        "INSERT INTO feed_cursors (source, position, updated_at) VALUES ($1, 0, $2) \
         ON CONFLICT (source) DO NOTHING",
    )
    .bind(source)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let lock = format!(
        "SELECT position FROM feed_cursors WHERE source = $1{}",
        dialect::FOR_UPDATE
    );
    let (position,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(lock))
        .bind(source)
        .fetch_one(&mut *tx)
        .await?;
    if change.seq <= position {
        return Ok(false);
    }
    if change.seq != position + 1 {
        return Err(Error::Internal(anyhow::anyhow!(
            "feed {source} jumped from {position} to {}",
            change.seq
        )));
    }
    handler.apply(&mut tx, change).await?;
    sqlx::query("UPDATE feed_cursors SET position = $2, updated_at = $3 WHERE source = $1")
        .bind(source)
        .bind(change.seq)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
