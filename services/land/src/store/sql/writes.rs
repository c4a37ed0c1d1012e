// The mutating transaction scripts, included in each backend's module by sql/queries.rs: one
// write envelope each, with the work-item event (where an item is completed) and the land event
// on the feed.

/// Records `record` as the caller of `ctx` at `now`: loads the item it names (locked), checks
/// its kind and etag, completes it with the record's evidence (NOT_EXECUTOR, ILLEGAL_TRANSITION
/// and the like come from the work-item machinery), writes the facts, records
/// `WorkItemCompleted` and the land event, and commits with the method's answer: the item (now
/// DONE, with its history) and the enterprise's land record.
pub async fn record<A: RecordAnswer>(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    record: &Record,
    now: DateTime<Utc>,
) -> Result<A> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = record.work_item.id();
    let mut item = tx
        .recorded_for_update(id, &[record.kind()], record.method(), &record.etag)
        .await?;
    let completed = tx
        .complete(ctx, &mut item, Some(record.evidence.clone()), now)
        .await?;
    let recorded_by = ctx.actor();
    touch(tx, &item, None, now).await?;
    let evidence = record.evidence.to_proto(&recorded_by, now);
    let row = |sql: &'static str| sqlx::query(sql).bind(&item.id).bind(item.version).bind(&item.enterprise_id);
    let event = match &record.facts {
        Facts::Plot(plot) => {
            let r = PlotRow::of(&item.id, plot, &recorded_by);
            row("INSERT INTO relocation_plots (work_item_id, step, enterprise_id, park_name, \
                 plot_number, area, allocated_at, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(&r.park_name)
                .bind(&r.plot_number)
                .bind(r.area)
                .bind(r.allocated_at)
                .bind(&recorded_by)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            events::plot(&item, &r, evidence)
        }
        Facts::Demolition(demolition) => {
            let r = DemolitionRow::of(&item.id, demolition, &recorded_by);
            row("INSERT INTO demolitions (work_item_id, step, enterprise_id, demolished_at, \
                 floor_area, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(r.demolished_at)
                .bind(r.floor_area)
                .bind(&recorded_by)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            events::demolition(&item, &r, evidence)
        }
        Facts::Remediation(remediation) => {
            let r = RemediationRow::of(&item.id, remediation, &recorded_by);
            row("INSERT INTO site_remediations (work_item_id, step, enterprise_id, \
                 assessment_reference, completed_at, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(&r.assessment_reference)
                .bind(r.completed_at)
                .bind(&recorded_by)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            events::remediation(&item, &r, evidence)
        }
    };
    let mut work_item = item.to_proto(Some(now));
    work_item.history = tx.history(id).await?;
    let land = land_view(tx, &item.enterprise_id).await?;
    let answer = A::of(work_item, land.to_proto());
    write.record_change(completed);
    write.record_change(event);
    write.commit(&answer).await?;
    Ok(answer)
}

/// Records `finding` on the enterprise `known` (one of its work items here names it) as the
/// caller of `ctx` at `now`, with `PlanningFindingRecorded`.
pub async fn record_finding(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    finding: &PlanningFinding,
    known: &Item,
    now: DateTime<Utc>,
) -> Result<pb::LandRecord> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    touch(tx, known, Some(finding.nonconforming()), now).await?;
    let (last,): (i32,) = sqlx::query_as(
        "SELECT COALESCE(MAX(position), 0) FROM planning_findings WHERE enterprise_id = $1",
    )
    .bind(&known.enterprise_id)
    .fetch_one(&mut **tx)
    .await?;
    let row = FindingRow {
        land_use_plan: finding.land_use_plan,
        urban_rural_plan: finding.urban_rural_plan,
        reference: finding.reference.clone(),
        note: finding.note.clone(),
        recorded_by: ctx.actor(),
        recorded_at: now,
    };
    sqlx::query(
        "INSERT INTO planning_findings (enterprise_id, position, land_use_plan, urban_rural_plan, \
                reference, note, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&known.enterprise_id)
    .bind(last + 1)
    .bind(row.land_use_plan)
    .bind(row.urban_rural_plan)
    .bind(&row.reference)
    .bind(&row.note)
    .bind(&row.recorded_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let answer = land_view(tx, &known.enterprise_id).await?.to_proto();
    write.record_change(events::finding(known, &row));
    write.commit(&answer).await?;
    Ok(answer)
}

/// Creates the land record of `item`'s enterprise or marks it updated at `now`; with
/// `nonconforming`, the latest finding's verdict.
async fn touch(
    tx: &mut Tx<'_>,
    item: &Item,
    nonconforming: Option<bool>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO land_records (enterprise_id, enterprise_display_name, jurisdiction, \
                nonconforming, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (enterprise_id) DO UPDATE SET updated_at = excluded.updated_at, \
                nonconforming = CASE WHEN $6 THEN excluded.nonconforming \
                                ELSE land_records.nonconforming END",
    )
    .bind(&item.enterprise_id)
    .bind(&item.enterprise_display_name)
    .bind(&item.jurisdiction)
    .bind(nonconforming.unwrap_or(false))
    .bind(now)
    .bind(nonconforming.is_some())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
