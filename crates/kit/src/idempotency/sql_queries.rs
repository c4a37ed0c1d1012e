// Idempotency queries, compiled once per backend by `per_backend!` (see sql.rs).

/// The answer stored for this caller's request_id, if any. A request_id used
/// before for another method or another request is refused.
pub async fn find(tx: &mut Tx<'_>, ctx: &CallContext) -> Result<Option<Vec<u8>>> {
    if ctx.request_id.is_empty() {
        return Ok(None);
    }
    let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT method, fingerprint, response FROM idempotency \
         WHERE caller = $1 AND request_id = $2",
    )
    .bind(ctx.actor())
    .bind(&ctx.request_id)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        None => Ok(None),
        Some((method, _, _)) if method != ctx.method => Err(Error::RequestIdReused(text!(
            "request_id {id} 已用于另一操作 {method}，请为新请求生成新的 request_id",
            "request_id {id} was already used for {method}; send a new request_id for a new request",
            id = ctx.request_id
        ))),
        Some((_, fingerprint, _)) if fingerprint != ctx.fingerprint => {
            Err(Error::RequestIdReused(text!(
                "request_id {id} 已用于内容不同的另一请求，本次请求未执行；新请求须使用新的 request_id",
                "request_id {id} was already used for a different request, so this one was not executed; send a new request_id for a new request",
                id = ctx.request_id
            )))
        }
        Some((_, _, response)) => Ok(Some(response)),
    }
}

/// Stores the answer to this caller's request_id.
pub async fn save(tx: &mut Tx<'_>, ctx: &CallContext, answer: &[u8]) -> Result<()> {
    if ctx.request_id.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO idempotency (caller, request_id, method, fingerprint, response, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(ctx.actor())
    .bind(&ctx.request_id)
    .bind(ctx.method)
    .bind(&ctx.fingerprint)
    .bind(answer)
    .bind(crate::journal::now_micros())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
