// The transaction scripts of reports about a cut supply, included in each backend's module by
// sql/queries.rs. The caller's permission was checked against the item before; each script locks
// the standing order only, so that it never waits on a work item while holding an order.

/// The refusal for a cut item `id` on which no cut was recorded yet.
fn not_cut_yet(id: &str) -> Error {
    let name = item_name(id);
    Error::failed_precondition(
        rectify_kit::Reason::IllegalTransition,
        rectify_kit::text!(
            "{name} 尚未记录断水/断电，没有可报告的停供指令",
            "no cut was recorded on {name} yet: there is no standing order to report on"
        ),
    )
}

/// Appends `report` to the standing order of the cut item it names, as the caller of `ctx` at
/// `now`: the first report breaks the order (`reconnected`), later ones are kept. A report found
/// before the cut is INVALID_ARGUMENT on `found_at`. Answers with the order and every
/// reconnection of its cut.
pub async fn report_reconnection(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    report: &ReconnectionReport,
    now: DateTime<Utc>,
) -> Result<pb::StandingOrder> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = report.work_item.id();
    let mut order = order_for_update(tx, id).await?.ok_or_else(|| not_cut_yet(id))?;
    let earlier = reconnections(&mut **tx, id, order.cut).await?;
    let mut standing = order.domain(earlier.iter().map(|r| r.domain.clone()).collect());
    let reconnection = StoredReconnection {
        domain: domain::Reconnection {
            found_at: crate::store::stored(report.found_at),
            reporter: ctx.actor(),
            note: report.note.clone(),
        },
        evidence: report.evidence.to_proto(&ctx.actor(), now),
    };
    let outcome = standing
        .report(reconnection.domain.clone())
        .map_err(|e| Error::invalid("found_at", e.to_string()))?;
    insert_reconnection(tx, &order, &reconnection, &ctx.request_id, now).await?;
    order.reconnected = true;
    order.updated_at = now;
    save_order(tx, &order).await?;
    let mut all: Vec<pb::Reconnection> = earlier.iter().map(StoredReconnection::to_proto).collect();
    all.push(reconnection.to_proto());
    let answer = order.to_proto(all);
    write.record_change(events::reconnection(&order, reconnection.to_proto(), outcome.first_report));
    write.commit(&answer).await?;
    Ok(answer)
}

/// Records `submission`, a reading of the power meter cut on item `id`, as the caller of `ctx`
/// at `now`: assessed against the cut (read before it, or below the reading at the cut, is
/// INVALID_ARGUMENT on `read_at` or `reading`), kept, made the order's latest when it is the
/// newest read; `MeterReadingSubmitted`, and `ReboundSuspected` beyond the tolerance.
pub async fn submit_reading(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    id: &str,
    submission: &domain::MeterReadingSubmission,
    now: DateTime<Utc>,
) -> Result<pb::SubmitMeterReadingResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let mut order = order_for_update(tx, id).await?.ok_or_else(|| not_cut_yet(id))?;
    let Some(meter) = order.power_meter() else {
        return Err(Error::Internal(anyhow::anyhow!("{id} holds a water order, not a power order")));
    };
    let read_at = crate::store::stored(submission.read_at);
    let assessment = domain::assess_reading(
        meter.reading_at_cut,
        order.cut_at,
        submission.reading,
        read_at,
        domain::REBOUND_TOLERANCE,
    )
    .map_err(|e| Error::invalid(e.field(), e.to_string()))?;
    let reading = crate::store::order::LatestReading {
        reading: submission.reading,
        read_at,
        consumption: assessment.consumption,
        recorded_by: ctx.actor(),
        evidence: submission.evidence.as_ref().map(|e| e.to_proto(&ctx.actor(), now)),
    };
    insert_reading(tx, &order, &reading, assessment.suspected, &ctx.request_id, now).await?;
    let submitted = events::reading(&order, &meter, reading.to_proto(), assessment.consumption);
    let rebound = assessment
        .suspected
        .then(|| events::rebound(&order, &meter, reading.reading, read_at, assessment.consumption));
    let newest = order.latest.as_ref().is_none_or(|latest| latest.read_at <= read_at);
    if newest {
        order.rebound_suspected = assessment.suspected;
        order.latest = Some(reading);
        order.updated_at = now;
        save_order(tx, &order).await?;
    }
    let earlier = reconnections(&mut **tx, id, order.cut).await?;
    let answer = pb::SubmitMeterReadingResponse {
        standing_order: Some(order.to_proto(earlier.iter().map(StoredReconnection::to_proto).collect())),
        consumption_since_cut: assessment.consumption.to_string(),
        rebound_suspected: assessment.suspected,
    };
    write.record_change(submitted);
    if let Some(rebound) = rebound {
        write.record_change(rebound);
    }
    write.commit(&answer).await?;
    Ok(answer)
}
