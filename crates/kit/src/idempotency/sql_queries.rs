// Idempotency queries, compiled once per backend by `per_backend!` (see sql.rs).

/// The answer stored for this caller's request_id, if any. A request_id used
/// before for another method is refused.
pub async fn find<M: prost::Message + Default>(
    tx: &mut Tx<'_>,
    ctx: &CallContext,
) -> Result<Option<M>> {
    if ctx.request_id.is_empty() {
        return Ok(None);
    }
    let row: Option<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT method, response FROM idempotency WHERE caller = $1 AND request_id = $2",
    )
    .bind(ctx.actor())
    .bind(&ctx.request_id)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        None => Ok(None),
        Some((method, _)) if method != ctx.method => Err(Error::invalid(
            "request_id",
            format!(
                "request_id 已用于另一操作 {method} (request_id was already used for {method})"
            ),
        )),
        Some((_, response)) => M::decode(response.as_slice())
            .map(Some)
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored answer does not decode: {e}"))),
    }
}

/// Stores the answer to this caller's request_id.
pub async fn save<M: prost::Message>(tx: &mut Tx<'_>, ctx: &CallContext, answer: &M) -> Result<()> {
    if ctx.request_id.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO idempotency (caller, request_id, method, response, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(ctx.actor())
    .bind(&ctx.request_id)
    .bind(ctx.method)
    .bind(answer.encode_to_vec())
    .bind(crate::journal::now_micros())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
