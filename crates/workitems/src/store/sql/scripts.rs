// The `WorkItemService` transaction scripts, compiled once per backend by `per_backend!` (see
// store/scripts.rs). Each runs inside the shared write envelope: begin (a retried request_id gets
// its stored answer), load the item locked, check the etag, move it, record the typed event,
// commit with the item as the answer.

/// Moves the item `command` names, as the caller of `ctx`, at `now`. `recorded_through` lists
/// the kinds the serving service completes through its own methods, never `CompleteWorkItem`.
/// Answers with the item after the move, its history and `overdue` at `now`.
pub async fn move_item(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    command: &Command,
    recorded_through: &[&str],
    now: DateTime<Utc>,
) -> Result<pb::WorkItem> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = command.name.id();
    let Some(mut item) = tx.item_for_update(id).await? else {
        return Err(Error::not_found(("工作事项", "work item"), &item_name(id)));
    };
    item.check_etag(&command.etag)?;
    if command.action == Action::Complete && recorded_through.contains(&item.terms.kind.as_str()) {
        return Err(Error::failed_precondition(
            Reason::RecordThroughService,
            rectify_kit::text!(
                "“{kind}”类事项须通过本单位的专门接口办结，不能直接办结",
                "a {kind} item is completed through the service's own method, not CompleteWorkItem",
                kind = item.terms.kind
            ),
        ));
    }
    let transition = Transition::by(
        ctx,
        command.action.clone(),
        command.evidence.clone(),
        command.note.clone(),
        now,
    );
    let change = tx.apply(&mut item, &transition).await?;
    let mut answer = item.to_proto(Some(now));
    answer.history = tx.history(id).await?;
    write.record_change(change);
    write.commit(&answer).await?;
    Ok(answer)
}
