// The registry's transaction scripts, compiled once per backend by
// `per_backend!` (see store/sql.rs). Each one runs inside the shared write
// envelope: begin (a retried request_id gets its stored answer), check,
// change, record the typed event, commit with the answer.

async fn enterprise_for_update(tx: &mut Tx<'_>, id: &str) -> Result<Option<EnterpriseRow>> {
    let sql = format!(
        concat!("SELECT ", crate::store::rows::enterprise_columns!(), " FROM enterprises WHERE id = $1{}"),
        dialect::FOR_UPDATE
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

async fn enterprise_by(tx: &mut Tx<'_>, condition: &str, value: &str) -> Result<Option<EnterpriseRow>> {
    let sql = format!(
        concat!("SELECT ", crate::store::rows::enterprise_columns!(), " FROM enterprises WHERE {} ORDER BY id LIMIT 1{}"),
        condition,
        dialect::FOR_UPDATE
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .fetch_optional(&mut **tx)
        .await?)
}

async fn insert_enterprise(tx: &mut Tx<'_>, row: &EnterpriseRow) -> Result<()> {
    sqlx::query(concat!(
        "INSERT INTO enterprises (", crate::store::rows::enterprise_columns!(), ") VALUES ",
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)"
    ))
    .bind(&row.id)
    .bind(&row.display_name)
    .bind(&row.credit_code)
    .bind(&row.merge_key)
    .bind(&row.operator_name)
    .bind(&row.operator_phone)
    .bind(&row.operator_id_number)
    .bind(&row.address)
    .bind(&row.jurisdiction)
    .bind(row.latitude)
    .bind(row.longitude)
    .bind(&row.industry)
    .bind(row.state)
    .bind(&row.criteria)
    .bind(row.category)
    .bind(row.suggested_category)
    .bind(&row.override_reason)
    .bind(&row.rejection_reason)
    .bind(&row.reopen_reason)
    .bind(row.finding_count)
    .bind(row.version)
    .bind(row.created_at)
    .bind(row.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes every mutable column; the caller has bumped `version`.
async fn update_enterprise(tx: &mut Tx<'_>, row: &EnterpriseRow) -> Result<()> {
    sqlx::query(
        "UPDATE enterprises SET credit_code = $2, operator_name = $3, operator_phone = $4, \
         operator_id_number = $5, latitude = $6, longitude = $7, industry = $8, state = $9, \
         criteria = $10, category = $11, suggested_category = $12, override_reason = $13, \
         rejection_reason = $14, reopen_reason = $15, finding_count = $16, version = $17, \
         updated_at = $18 WHERE id = $1",
    )
    .bind(&row.id)
    .bind(&row.credit_code)
    .bind(&row.operator_name)
    .bind(&row.operator_phone)
    .bind(&row.operator_id_number)
    .bind(row.latitude)
    .bind(row.longitude)
    .bind(&row.industry)
    .bind(row.state)
    .bind(&row.criteria)
    .bind(row.category)
    .bind(row.suggested_category)
    .bind(&row.override_reason)
    .bind(&row.rejection_reason)
    .bind(&row.reopen_reason)
    .bind(row.finding_count)
    .bind(row.version)
    .bind(row.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn plan_for_update(tx: &mut Tx<'_>, enterprise_id: &str) -> Result<Option<PlanRow>> {
    let sql = format!(
        concat!("SELECT ", crate::store::rows::plan_columns!(), " FROM plans WHERE enterprise_id = $1{}"),
        dialect::FOR_UPDATE
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(enterprise_id)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Inserts or replaces the plan row.
async fn save_plan(tx: &mut Tx<'_>, plan: &PlanRow) -> Result<()> {
    sqlx::query("DELETE FROM plans WHERE enterprise_id = $1")
        .bind(&plan.enterprise_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(concat!(
        "INSERT INTO plans (", crate::store::rows::plan_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(&plan.enterprise_id)
    .bind(plan.category)
    .bind(&plan.measures)
    .bind(&plan.responsible_unit)
    .bind(&plan.responsible_person)
    .bind(&plan.responsible_phone)
    .bind(&plan.deadline)
    .bind(plan.version)
    .bind(plan.state)
    .bind(plan.published_at)
    .bind(plan.updated_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Reports a finding: merged onto the enterprise with the same credit code,
/// else the same normalised name and address, else a new enterprise.
pub async fn report_finding(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    finding: &NewFinding,
    now: DateTime<Utc>,
) -> Result<pb::ReportFindingResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let reporter = FindingReporter { party: ctx.principal.party.clone(), entered_by: String::new() };
    let (row, finding_row, merged) = add_finding(&mut write, &reporter, finding, now).await?;
    let answer = pb::ReportFindingResponse {
        finding: Some(convert::finding(&finding_row)),
        enterprise: Some(convert::enterprise(&row)),
        merged,
    };
    write.commit(&answer).await?;
    Ok(answer)
}

/// Stores a batch of findings in one transaction, in order: a later row merges
/// onto an enterprise an earlier row of the same batch created.
pub async fn import_findings(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    reporter: &FindingReporter,
    findings: &[NewFinding],
    now: DateTime<Utc>,
) -> Result<pb::ImportFindingsResponse> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let mut answer = pb::ImportFindingsResponse::default();
    for finding in findings {
        let (_, finding_row, merged) = add_finding(&mut write, reporter, finding, now).await?;
        answer.findings.push(convert::finding(&finding_row));
        answer.merged += i32::from(merged);
    }
    write.commit(&answer).await?;
    Ok(answer)
}

/// Merges `finding` onto its enterprise (or creates it), stores the finding and
/// records `FindingReported`, inside `write`'s transaction.
async fn add_finding(
    write: &mut kit::Write,
    reporter: &FindingReporter,
    finding: &NewFinding,
    now: DateTime<Utc>,
) -> Result<(EnterpriseRow, FindingRow, bool)> {
    let actor = write.ctx().actor();
    let tx = write.tx();
    let key = merge_key(finding.enterprise_name.as_str(), finding.address.as_str());
    // Two reports of one unlicensed workshop must not both create it.
    dialect::lock_key(tx, &key).await?;
    let existing = match &finding.credit_code {
        Some(code) => match enterprise_by(tx, "credit_code = $1", code.as_str()).await? {
            Some(row) => Some(row),
            None => enterprise_by(tx, "merge_key = $1 AND credit_code IS NULL", &key).await?,
        },
        None => enterprise_by(tx, "merge_key = $1", &key).await?,
    };
    let merged = existing.is_some();
    let row = match existing {
        Some(mut row) => {
            merge_finding(&mut row, finding, now);
            update_enterprise(tx, &row).await?;
            row
        }
        None => {
            let row = new_enterprise(finding, key, now);
            insert_enterprise(tx, &row).await?;
            row
        }
    };
    let finding_row = FindingRow {
        id: new_id(),
        enterprise_id: row.id.clone(),
        reporter: reporter.party.clone(),
        actor,
        entered_by: reporter.entered_by.clone(),
        source: finding.source,
        reported_at: now,
        body: finding.clone(),
    };
    sqlx::query(
        "INSERT INTO findings (id, enterprise_id, reporter, actor, entered_by, source, reported_at, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&finding_row.id)
    .bind(&finding_row.enterprise_id)
    .bind(&finding_row.reporter)
    .bind(&finding_row.actor)
    .bind(&finding_row.entered_by)
    .bind(finding_row.source)
    .bind(finding_row.reported_at)
    .bind(&finding_row.body)
    .execute(&mut **tx)
    .await?;
    write.record_change(events::finding_reported(&row, &finding_row, merged));
    Ok((row, finding_row, merged))
}

/// One move of the office on an enterprise (and its plan), checked against the
/// etag and the lifecycle, recorded under `action`.
pub async fn office_move(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    campaign: &Campaign,
    command: &OfficeCommand,
    now: DateTime<Utc>,
) -> Result<MoveAnswer> {
    let mut write = match kit::Write::begin(pool, journal, ctx).await? {
        Begun::Replayed(replay) if command.answers_with_plan() => return Ok(MoveAnswer::Plan(replay.decode()?)),
        Begun::Replayed(replay) => return Ok(MoveAnswer::Enterprise(replay.decode()?)),
        Begun::Fresh(write) => write,
    };
    let tx = write.tx();
    let Some(mut row) = enterprise_for_update(tx, &command.enterprise_id).await? else {
        return Err(Error::not_found(("企业", "enterprise"), &convert::enterprise_name(&command.enterprise_id)));
    };
    let mut plan = plan_for_update(tx, &command.enterprise_id).await?;
    apply_move(campaign, command, &mut row, &mut plan, now)?;
    update_enterprise(tx, &row).await?;
    if let Some(plan) = &plan {
        save_plan(tx, plan).await?;
    }
    write.record_change(events::office_move(command, &row, plan.as_ref()));
    let answer = MoveAnswer::for_command(command, &row, plan.as_ref());
    match &answer {
        MoveAnswer::Enterprise(e) => write.commit(e).await?,
        MoveAnswer::Plan(p) => write.commit(p).await?,
    }
    Ok(answer)
}
