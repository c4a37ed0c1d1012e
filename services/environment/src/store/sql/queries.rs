// The environment SQL, included in each backend's module by store/sql.rs: the write envelopes
// of the mutating `EnvironmentService` calls, the reads behind `ListDuePatrols`, and the
// follower's rebound suspicions.

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn micros(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

/// Records `m` on `item` as the caller of `ctx` at `now`.
pub async fn record_monitoring(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    item: &Item,
    m: &Monitoring,
    now: DateTime<Utc>,
) -> Result<pb::DischargeMonitoring> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let id = new_id();
    let recorded_by = ctx.actor();
    sqlx::query(
        "INSERT INTO discharge_monitorings (id, work_item_id, enterprise_id, pollutant, measured, \
                max_allowed, unit, compliant, sampled_at, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(&item.id)
    .bind(&item.enterprise_id)
    .bind(&m.pollutant)
    .bind(m.measured.thousandths())
    .bind(m.limit.thousandths())
    .bind(m.unit.code())
    .bind(m.compliant())
    .bind(micros(m.sampled_at))
    .bind(&recorded_by)
    .bind(now)
    .execute(&mut **write.tx())
    .await?;
    let answer = pb::DischargeMonitoring {
        name: format!("{}/monitorings/{id}", item.name()),
        enterprise: enterprise_name(&item.enterprise_id),
        jurisdiction: item.jurisdiction.clone(),
        work_item: item.name(),
        pollutant: m.pollutant.clone(),
        measured_value: m.measured.to_string(),
        limit: m.limit.to_string(),
        unit: m.unit.to_proto() as i32,
        compliant: m.compliant(),
        sample_time: Some(timestamp(micros(m.sampled_at))),
        recorded_by,
    };
    write.record_change(events::measured(&answer));
    write.commit(&answer).await?;
    Ok(answer)
}

/// Records `check` on `item` as the caller of `ctx` at `now`.
pub async fn record_outlet_check(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    item: &Item,
    check: &OutletCheck,
    now: DateTime<Utc>,
) -> Result<pb::SewageOutletCheck> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let id = new_id();
    let recorded_by = ctx.actor();
    sqlx::query(
        "INSERT INTO outlet_checks (id, work_item_id, outlet_code, conforming, note, checked_at, \
                recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&item.id)
    .bind(&check.outlet_code)
    .bind(check.conforming)
    .bind(&check.note)
    .bind(micros(check.checked_at))
    .bind(&recorded_by)
    .bind(now)
    .execute(&mut **write.tx())
    .await?;
    let answer = pb::SewageOutletCheck {
        name: format!("{}/outletChecks/{id}", item.name()),
        enterprise: enterprise_name(&item.enterprise_id),
        work_item: item.name(),
        outlet_code: check.outlet_code.clone(),
        conforming: check.conforming,
        note: check.note.clone(),
        check_time: Some(timestamp(micros(check.checked_at))),
        recorded_by,
    };
    write.record_change(events::outlet_checked(&answer));
    write.commit(&answer).await?;
    Ok(answer)
}

/// Whether the enterprise's latest monitoring (by sampling time) is compliant.
async fn latest_compliant(tx: &mut Tx<'_>, enterprise_id: &str) -> Result<bool> {
    let row: Option<(bool,)> = sqlx::query_as(
        "SELECT compliant FROM discharge_monitorings WHERE enterprise_id = $1 \
         ORDER BY sampled_at DESC, id DESC LIMIT 1",
    )
    .bind(enterprise_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some_and(|(compliant,)| compliant))
}

fn open(state: &State) -> bool {
    matches!(state, State::Pending | State::InProgress)
}

/// Records the facility of `pc` and, when the enterprise's latest monitoring is compliant,
/// completes its `pollution_upgrade` item with the evidence.
pub async fn record_pollution_control(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    pc: &PollutionControl,
    now: DateTime<Utc>,
) -> Result<pb::RecordPollutionControlResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = pc.work_item.id();
    let mut item = tx
        .recorded_for_update(id, &[domain::POLLUTION_UPGRADE], "RecordPollutionControl", &pc.etag)
        .await?;
    let recorded_by = ctx.actor();
    let evidence = pc.evidence.to_proto(&recorded_by, now);
    sqlx::query(
        "INSERT INTO pollution_controls (id, work_item_id, facility_type, installed_at, evidence, \
                recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(&item.id)
    .bind(&pc.facility_type)
    .bind(micros(pc.installed_at))
    .bind(prost::Message::encode_to_vec(&evidence))
    .bind(&recorded_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let completes = open(&item.state) && latest_compliant(tx, &item.enterprise_id).await?;
    let completed = if completes {
        Some(tx.complete(ctx, &mut item, Some(pc.evidence.clone()), now).await?)
    } else {
        None
    };
    let mut work_item = item.to_proto(Some(now));
    work_item.history = tx.history(id).await?;
    let event = pb::PollutionControlRecorded {
        enterprise: enterprise_name(&item.enterprise_id),
        jurisdiction: item.jurisdiction.clone(),
        work_item: item.name(),
        facility_type: pc.facility_type.clone(),
        installed_at: Some(timestamp(micros(pc.installed_at))),
        completed: completes,
    };
    let answer = pb::RecordPollutionControlResponse {
        work_item: Some(work_item),
        completed: completes,
    };
    if let Some(change) = completed {
        write.record_change(change);
    }
    write.record(item.name(), &event);
    write.commit(&answer).await?;
    Ok(answer)
}

/// Records the patrol `report` on its `rebound_patrol` item; eco's patrol completes the item
/// while it is open. The answer's reopen state is NOT_NEEDED, or FAILED until the caller has
/// asked the registry (after this commit).
pub async fn record_patrol(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    report: &PatrolReport,
    completes: fn(&CallContext, &Item) -> bool,
    now: DateTime<Utc>,
) -> Result<pb::RecordReboundPatrolResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = report.work_item.id();
    let mut item = tx
        .recorded_for_update(id, &[domain::REBOUND_PATROL], "RecordReboundPatrol", "")
        .await?;
    let recorded_by = ctx.actor();
    let evidence = report.evidence.to_proto(&recorded_by, now);
    let patrol_id = new_id();
    sqlx::query(
        "INSERT INTO patrols (id, work_item_id, enterprise_id, patrolled_at, found_running, \
                evidence, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&patrol_id)
    .bind(&item.id)
    .bind(&item.enterprise_id)
    .bind(micros(report.patrolled_at))
    .bind(report.found_running)
    .bind(prost::Message::encode_to_vec(&evidence))
    .bind(&recorded_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let completed = if open(&item.state) && completes(ctx, &item) {
        Some(tx.complete(ctx, &mut item, Some(report.evidence.clone()), now).await?)
    } else {
        None
    };
    let mut work_item = item.to_proto(Some(now));
    work_item.history = tx.history(id).await?;
    let patrol = pb::Patrol {
        name: format!("{}/patrols/{patrol_id}", item.name()),
        enterprise: enterprise_name(&item.enterprise_id),
        jurisdiction: item.jurisdiction.clone(),
        work_item: item.name(),
        patrol_time: Some(timestamp(micros(report.patrolled_at))),
        found_running: report.found_running,
        recorded_by,
    };
    if let Some(change) = completed {
        write.record_change(change);
    }
    write.record_change(events::patrolled(&patrol));
    let reopen_state = if report.found_running {
        write.record_change(events::rebound(&patrol));
        pb::ReopenState::Failed
    } else {
        pb::ReopenState::NotNeeded
    };
    let answer = pb::RecordReboundPatrolResponse {
        patrol: Some(patrol),
        work_item: Some(work_item),
        reopen_state: reopen_state as i32,
        reopen_error: String::new(),
    };
    write.commit(&answer).await?;
    Ok(answer)
}

/// Every patrol's enterprise and time, and every suspicion's, for the due list.
pub async fn patrol_history(
    pool: &Pool,
) -> Result<(Vec<(String, DateTime<Utc>)>, Vec<(String, DateTime<Utc>)>)> {
    let patrols = sqlx::query_as("SELECT enterprise_id, patrolled_at FROM patrols")
        .fetch_all(pool)
        .await?;
    let suspicions = sqlx::query_as("SELECT enterprise_id, suspected_at FROM rebound_suspicions")
        .fetch_all(pool)
        .await?;
    Ok((patrols, suspicions))
}

/// Notes a rebound suspected at `at` on `enterprise_id` by the change `source`; once.
pub async fn insert_suspicion(
    tx: &mut Tx<'_>,
    source: &str,
    enterprise_id: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO rebound_suspicions (source, enterprise_id, suspected_at) VALUES ($1, $2, $3) \
         ON CONFLICT (source) DO NOTHING",
    )
    .bind(source)
    .bind(enterprise_id)
    .bind(micros(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
