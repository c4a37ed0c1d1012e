// Feed cursor queries, compiled once per backend by `per_backend!` (see sql.rs).

/// The last position applied from `source`.
pub async fn position(pool: &Pool, source: &str) -> Result<i64> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT position FROM feed_cursors WHERE source = $1")
        .bind(source)
        .fetch_optional(pool)
        .await?;
    Ok(row.map_or(0, |(p,)| p))
}

/// In one transaction: check the cursor, apply the effect of each change after it in order,
/// move the cursor past the last. Changes at or before the cursor are skipped (applied before);
/// a gap is an error and nothing is applied. Returns how many were applied now.
pub async fn apply_in_order<H: ApplyChange<Db> + ?Sized>(
    pool: &Pool,
    source: &str,
    handler: &H,
    changes: &[Change],
) -> Result<usize> {
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
    let (mut position,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(lock))
        .bind(source)
        .fetch_one(&mut *tx)
        .await?;
    let fresh = changes
        .iter()
        .position(|change| change.seq > position)
        .map_or(&[][..], |first| &changes[first..]);
    for change in fresh {
        if change.seq != position + 1 {
            return Err(Error::Internal(anyhow::anyhow!(
                "feed {source} jumped from {position} to {}",
                change.seq
            )));
        }
        position = change.seq;
    }
    if fresh.is_empty() {
        return Ok(0);
    }
    handler.apply_run(&mut tx, source, fresh).await?;
    let applied = fresh.len();
    sqlx::query("UPDATE feed_cursors SET position = $2, updated_at = $3 WHERE source = $1")
        .bind(source)
        .bind(position)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(applied)
}
