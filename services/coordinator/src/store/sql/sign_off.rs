// The office's sign-off through the coordinator, in the write envelope (compiled for each
// backend by `per_backend!`, store/sql.rs): a retried request_id gets its first answer; an
// enterprise the projection does not find complete is refused; otherwise the registry signs it
// off and the forwarding is recorded on the coordinator's own feed with the answer.

/// Signs the enterprise `id` off for the office caller of `ctx`.
pub async fn sign_off(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    id: &str,
    note: &str,
    registry: &Peer,
) -> Result<pb::SignOffEnterpriseResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let name = enterprise_name(id);
    let select = format!("SELECT {ENTERPRISE_COLUMNS} FROM enterprises WHERE id = $1");
    let e: Option<EnterpriseRecord> = sqlx::query_as(sqlx::AssertSqlSafe(select))
        .bind(id)
        .fetch_optional(&mut **write.tx())
        .await?;
    let e = e
        .filter(|e| e.state != 0)
        .ok_or_else(|| Error::not_found(("企业", "enterprise"), &name))?;
    check(
        &name,
        Completion {
            state: e.state,
            measures: e.measures,
            measures_complete: e.measures_complete,
            complete: e.complete,
        },
    )?;
    let enterprise = crate::api::registry::sign_off(registry, ctx, &name, note).await?;
    write.record(
        name.clone(),
        &pb::SignOffForwarded {
            enterprise: name,
            jurisdiction: e.jurisdiction,
            requested_by: ctx.actor(),
            note: note.to_owned(),
            state: enterprise.state,
        },
    );
    let answer = pb::SignOffEnterpriseResponse {
        enterprise: Some(enterprise),
    };
    write.commit(&answer).await?;
    Ok(answer)
}
