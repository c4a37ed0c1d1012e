// The transaction scripts of the mutating LicensingService calls, included in each backend's
// module by sql/queries.rs: one write envelope records the bureau's facts and, where they
// complete a work item, completes it through rectify_workitems' ItemTx.

/// Records `update` on `enterprise` as the caller of `ctx` at `now`. A grant completes
/// `open_item`, the enterprise's pending or in-progress `approval.<code>` item, with the
/// update's evidence (re-checked under its lock: an item no longer open is left as it is).
pub async fn set_approval(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    enterprise: &Enterprise,
    update: &ApprovalUpdate,
    open_item: Option<&str>,
    now: DateTime<Utc>,
) -> Result<pb::SetApprovalResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let by = ctx.actor();
    let (stored, previous) = change_approval(
        tx,
        enterprise,
        update.approval,
        update.standing.clone(),
        &update.etag,
        &by,
        now,
    )
    .await?;
    let mut completed = None;
    if let (Standing::Granted(_), Some(id)) = (&update.standing, open_item) {
        let mut item = tx.existing_for_update(id).await?;
        if matches!(item.state, State::Pending | State::InProgress) {
            let change = tx
                .complete(ctx, &mut item, update.evidence.clone(), now)
                .await?;
            let mut work_item = item.to_proto(Some(now));
            work_item.history = tx.history(id).await?;
            completed = Some((change, work_item));
        }
    }
    let approval = stored.to_proto(open_item.map(item_name).unwrap_or_default());
    let (change, work_item) = completed.unzip();
    let answer = pb::SetApprovalResponse {
        approval: Some(approval.clone()),
        work_item,
    };
    write.record_change(events::approval_changed(enterprise, approval, previous));
    if let Some(change) = change {
        write.record_change(change);
    }
    write.commit(&answer).await?;
    Ok(answer)
}

/// Records the revocation `record` as the caller of `ctx` at `now`: loads the item it names
/// (locked), checks its kind and etag, completes it with the evidence (NOT_EXECUTOR for anyone
/// but its executor), appends the revocation, marks the approval it revokes REVOKED, and
/// records `WorkItemCompleted`, the revocation's event and the approval's change.
pub async fn record_revocation(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    record: &RevocationRecord,
    method: &str,
    now: DateTime<Utc>,
) -> Result<pb::RecordRevocationResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = record.work_item.id();
    let kinds = [record.outcome.item_kind()];
    let mut item = tx
        .recorded_for_update(id, &kinds, method, &record.etag)
        .await?;
    let completed = tx
        .complete(ctx, &mut item, Some(record.evidence.clone()), now)
        .await?;
    let by = ctx.actor();
    insert_revocation(tx, id, item.version, record, &by, now).await?;
    let enterprise = Enterprise::of(&item);
    let mut changed = None;
    if let Some(approval) = record.outcome.revokes() {
        let revoked = Standing::Revoked(Revoked {
            reason: format!("关停取缔 (closure): {}", record.decision_number),
            revoked_on: record.decided_on,
        });
        let (stored, previous) =
            change_approval(tx, &enterprise, approval, revoked, "", &by, now).await?;
        changed = Some((stored.to_proto(String::new()), previous));
    }
    let mut work_item = item.to_proto(Some(now));
    work_item.history = tx.history(id).await?;
    let answer = pb::RecordRevocationResponse {
        work_item: Some(work_item),
        approval: changed.as_ref().map(|(approval, _)| approval.clone()),
    };
    write.record_change(completed);
    write.record_change(events::revocation(
        &item,
        record,
        record.evidence.to_proto(&by, now),
    ));
    if let Some((approval, previous)) = changed {
        write.record_change(events::approval_changed(&enterprise, approval, previous));
    }
    write.commit(&answer).await?;
    Ok(answer)
}

/// Records what the finding of registry change `seq` reported of `approvals` of `enterprise`
/// (approvals it did not assess are left as they were), in the follower's transaction.
pub async fn record_reported(
    tx: &mut Tx<'_>,
    enterprise: &Enterprise,
    approvals: &[(Approval, bool)],
    seq: i64,
) -> Result<()> {
    for (approval, held) in approvals {
        sqlx::query(
            "INSERT INTO reported_approvals \
                 (enterprise_id, kind, held, enterprise_display_name, jurisdiction, reported_seq) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (enterprise_id, kind) DO UPDATE SET held = excluded.held, \
                 enterprise_display_name = excluded.enterprise_display_name, \
                 jurisdiction = excluded.jurisdiction, reported_seq = excluded.reported_seq",
        )
        .bind(&enterprise.id)
        .bind(approval.code())
        .bind(held)
        .bind(&enterprise.display_name)
        .bind(&enterprise.jurisdiction)
        .bind(seq)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
