// The RecordInspection and RecordHazardFix transaction scripts, included in each backend's
// module by sql/queries.rs: one write envelope records the facts, moves the `safety_check` item
// (through rectify_workitems' ItemTx) and puts the work-item events and the bureau's event on
// the feed.

/// Refuses anyone but the item's executor (the safety bureau).
fn check_executor(ctx: &CallContext, item: &Item) -> Result<()> {
    let executor = item.terms.assignment.executor();
    let caller = &ctx.principal;
    caller.permit(caller.party == executor, ErrorReason::NotExecutor, |party| {
        let name = item.name();
        text!(
            "{party} 无权记录 {name} 的安全检查：仅限承办单位 {executor}",
            "{party} may not record the safety check of {name}: only its executor, {executor}, may"
        )
    })
}

/// Moves `item` as `step` says, backed by `evidence`; the work-item events to record.
async fn move_item(
    tx: &mut Tx<'_>,
    ctx: &CallContext,
    item: &mut Item,
    step: ItemMove,
    evidence: &Evidence,
    now: DateTime<Utc>,
) -> Result<Vec<NewChange>> {
    let by = |action: Action, evidence: Option<Evidence>| {
        Transition::by(ctx, action, evidence, Note::default(), now)
    };
    let complete = || by(Action::Complete, Some(evidence.clone()));
    let transitions = match step {
        ItemMove::Keep => Vec::new(),
        ItemMove::Complete => vec![complete()],
        ItemMove::UnblockAndComplete => vec![by(Action::Unblock, None), complete()],
        ItemMove::Block => {
            let reason = Reason::parse(BLOCKED_REASON).map_err(|e| Error::Internal(e.into()))?;
            vec![by(Action::Block { reason }, Some(evidence.clone()))]
        }
    };
    let mut changes = Vec::with_capacity(transitions.len());
    for transition in &transitions {
        changes.push(tx.apply(item, transition).await?);
    }
    Ok(changes)
}

/// Records `record` as the caller of `ctx` at `now`: loads its item (locked), checks its kind,
/// etag, executor and the plan's publication, stores the inspection and its hazards, completes
/// or blocks the item (see `domain::check`), and commits with the item and the inspection.
pub async fn record_inspection(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    record: &InspectionRecord,
    now: DateTime<Utc>,
) -> Result<pb::RecordInspectionResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = record.work_item.id();
    let mut item = tx
        .recorded_for_update(id, &["safety_check"], "RecordInspection", &record.etag)
        .await?;
    check_executor(ctx, &item)?;
    domain::check_inspected_after_plan(record.inspected_at, date_cst(item.created_at))?;
    let recorded_by = ctx.actor();
    let inspection = StoredInspection {
        id: uuid::Uuid::now_v7().to_string(),
        work_item_id: item.id.clone(),
        enterprise_id: item.enterprise_id.clone(),
        enterprise_display_name: item.enterprise_display_name.clone(),
        jurisdiction: item.jurisdiction.clone(),
        inspected_at: stored(record.inspected_at),
        inspectors: Inspectors(record.inspectors.clone()),
        evidence: prost::Message::encode_to_vec(&record.evidence.to_proto(&recorded_by, now)),
        recorded_by,
        recorded_at: now,
    };
    let hazards: Vec<StoredHazard> = (1..)
        .zip(&record.hazards)
        .map(|(position, draft)| StoredHazard {
            inspection_id: inspection.id.clone(),
            position,
            enterprise_id: item.enterprise_id.clone(),
            jurisdiction: item.jurisdiction.clone(),
            level: draft.level,
            description: draft.description.to_string(),
            fix_deadline: draft.fix_deadline,
            fixed_at: None,
            fix_evidence: None,
            fix_note: String::new(),
            fixed_by: None,
            work_item_id: item.id.clone(),
            inspected_at: inspection.inspected_at,
        })
        .collect();
    insert_inspection(tx, &inspection, &hazards).await?;
    let open = open_major(tx, &item.enterprise_id).await?;
    let step = item_move(item.state, open);
    let moved = move_item(tx, ctx, &mut item, step, &record.evidence, now).await?;
    let shown = inspection.to_proto(&hazards)?;
    let own = events::inspection_recorded(&item, &shown, open);
    let mut work_item = item.to_proto(Some(now));
    work_item.history = tx.history(&item.id).await?;
    let answer = pb::RecordInspectionResponse {
        work_item: Some(work_item),
        inspection: Some(shown),
    };
    for change in moved {
        write.record_change(change);
    }
    write.record_change(own);
    write.commit(&answer).await?;
    Ok(answer)
}

/// Records `fix` as the caller of `ctx` at `now`: locks the item of the hazard's inspection,
/// checks the executor, that the hazard is open and that the fix is not before its inspection,
/// stores the fix and, when it was the enterprise's last unfixed major hazard and the item is
/// blocked, unblocks and completes the item.
pub async fn record_fix(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    fix: &HazardFix,
    now: DateTime<Utc>,
) -> Result<pb::RecordHazardFixResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let not_found = || Error::not_found(("隐患", "hazard"), &fix.hazard.as_string());
    let found = hazard(&mut **tx, &fix.hazard).await?.ok_or_else(not_found)?;
    let mut item = tx.existing_for_update(&found.work_item_id).await?;
    check_executor(ctx, &item)?;
    // Read again under the item's lock, which every write of its hazards takes.
    let mut hazard = hazard(&mut **tx, &fix.hazard).await?.ok_or_else(not_found)?;
    if hazard.fixed_at.is_some() {
        let name = hazard.name();
        return Err(Error::failed_precondition(
            ErrorReason::IllegalTransition,
            text!("隐患 {name} 已整改", "hazard {name} is already fixed"),
        ));
    }
    domain::check_fixed_after(fix.fixed_at, hazard.inspected_at)?;
    let recorded_by = ctx.actor();
    hazard.fixed_at = Some(stored(fix.fixed_at));
    hazard.fix_evidence = Some(prost::Message::encode_to_vec(
        &fix.evidence.to_proto(&recorded_by, now),
    ));
    hazard.fix_note = fix.note.to_string();
    hazard.fixed_by = Some(recorded_by);
    save_fix(tx, &hazard).await?;
    let open = open_major(tx, &item.enterprise_id).await?;
    let moved = match item.state {
        State::Blocked { .. } => {
            let step = item_move(item.state, open);
            move_item(tx, ctx, &mut item, step, &fix.evidence, now).await?
        }
        _ => Vec::new(),
    };
    let shown = hazard.to_proto()?;
    let own = events::hazard_fixed(&item, &hazard, &shown, open);
    let mut work_item = item.to_proto(Some(now));
    work_item.history = tx.history(&item.id).await?;
    let answer = pb::RecordHazardFixResponse {
        hazard: Some(shown),
        work_item: Some(work_item),
    };
    for change in moved {
        write.record_change(change);
    }
    write.record_change(own);
    write.commit(&answer).await?;
    Ok(answer)
}

/// `at` at the precision both databases keep (microseconds).
fn stored(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}
