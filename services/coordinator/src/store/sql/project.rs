// Applying a run of a followed feed's changes to the projection, compiled for each backend by
// `per_backend!` (store/sql.rs). Runs inside the follower's transaction, which also moves the
// feed's cursor: the audit anchor, the timeline, the enterprise's and item's rows and the
// counters' differences all commit together with it, or not at all.

/// The enterprises a run of changes touched: each as it stood before the run (locked) and as
/// the run's changes have left it so far.
type Touched = BTreeMap<String, (EnterpriseRecord, EnterpriseRow)>;

/// Applies `changes`, a run of feed `source` in feed order, in the follower's transaction: each
/// change's timeline entry and rows in turn, then once per enterprise it touched the status
/// recomputed and stored, then the feed's head (the audit anchor) and the counters'
/// differences, once for the run. The result is the one applying the changes one by one would
/// give: each enterprise's status is a function of its rows, and its counters' differences add
/// up to the difference between its first and its last status.
pub async fn apply_run(
    tx: &mut Tx<'_>,
    campaign: &Campaign,
    source: &str,
    changes: &[Change],
) -> Result<()> {
    // Every run locks enterprise rows and then the shared counter rows (the county's, a
    // township's, a category's, a bureau's). Followers of different sources applying runs at
    // once would take those rows in opposite orders and deadlock; one projection lock per
    // transaction, taken before any row, makes them take turns instead.
    dialect::lock_key(tx, "coordinator.projection").await?;
    let facts = changes
        .iter()
        .map(|change| {
            fact(change.event.as_ref())
                .map_err(|e| Error::corrupt("event", &format!("{source}:{}", change.seq), e))
        })
        .collect::<Result<Vec<_>>>()?;
    let names: Vec<&str> = facts
        .iter()
        .filter_map(|fact| match fact {
            Fact::Item(item) => Some(item.name.as_str()),
            _ => None,
        })
        .collect();
    let mut items = stored_items(tx, source, &names).await?;
    let mut touched = Touched::new();
    let mut timeline = Vec::new();
    for (change, fact) in changes.iter().zip(facts) {
        apply_change(tx, change, fact, &mut touched, &mut items, &mut timeline)
            .instrument(rectify_kit::follower::change_span(source, change))
            .await?;
    }
    insert_timeline(tx, source, &timeline).await?;
    let mut deltas = store_items(tx, items).await?;
    for (before, row) in touched.values() {
        deltas.extend(store_status(tx, campaign, before, row).await?);
    }
    if let Some(last) = changes.last() {
        record_head(tx, source, last).await?;
    }
    add_to_counters(tx, deltas).await
}

/// The feed's head as the coordinator has applied it: `change`, its last.
async fn record_head(tx: &mut Tx<'_>, source: &str, change: &Change) -> Result<()> {
    let recorded_at = change.recorded_at.as_ref().and_then(from_timestamp);
    sqlx::query(
        "INSERT INTO feed_heads (source, seq, hash, recorded_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (source) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, \
         recorded_at = excluded.recorded_at",
    )
    .bind(source)
    .bind(change.seq)
    .bind(&change.hash)
    .bind(recorded_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Applies one change of the run: its timeline entry, its own rows (finding, measures, item),
/// and what it changes of its enterprise, kept in `touched` until the run ends; an item's
/// counters' differences go to `deltas`.
async fn apply_change<'c>(
    tx: &mut Tx<'_>,
    change: &'c Change,
    fact: Fact,
    touched: &mut Touched,
    items: &mut RunItems,
    timeline: &mut Vec<(&'c Change, String)>,
) -> Result<()> {
    let recorded_at = change.recorded_at.as_ref().and_then(from_timestamp);
    let enterprise = match &fact {
        Fact::Finding { enterprise, .. }
        | Fact::Enterprise(enterprise)
        | Fact::Plan { enterprise, .. }
        | Fact::SignedOff(enterprise)
        | Fact::Reopened { enterprise, .. } => Some(enterprise.id.clone()),
        Fact::Item(item) => Some(item.enterprise_id.clone()),
        Fact::Patrol { enterprise_id, .. } | Fact::Suspicion { enterprise_id, .. } => {
            Some(enterprise_id.clone())
        }
        Fact::Other => change.event.as_ref().and_then(crate::reflect::enterprise_of),
    };
    let Some(enterprise) = enterprise else {
        return Ok(());
    };
    if change.event.is_some() {
        timeline.push((change, enterprise.clone()));
    }
    if matches!(fact, Fact::Other) {
        return Ok(());
    }
    let row = match touched.entry(enterprise) {
        Entry::Occupied(entry) => &mut entry.into_mut().1,
        Entry::Vacant(entry) => {
            let before = lock_enterprise(tx, entry.key()).await?;
            let row = before.row();
            &mut entry.insert((before, row)).1
        }
    };
    match fact {
        Fact::Finding {
            enterprise: facts,
            finding,
            reporter,
            source: finding_source,
            reported_at,
        } => {
            take(row, &facts);
            sqlx::query(
                "INSERT INTO findings (name, enterprise_id, reporter, source, reported_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING",
            )
            .bind(&finding)
            .bind(&facts.id)
            .bind(&reporter)
            .bind(finding_source)
            .bind(reported_at)
            .execute(&mut **tx)
            .await?;
        }
        Fact::Enterprise(facts) => take(row, &facts),
        Fact::Plan {
            enterprise: facts,
            measures,
        } => {
            take(row, &facts);
            if let Some(measures) = measures {
                replace_measures(tx, &facts.id, &measures).await?;
            }
        }
        Fact::SignedOff(facts) => {
            take(row, &facts);
            row.sign_off_at = recorded_at;
        }
        Fact::Reopened {
            enterprise: facts,
            measures,
        } => {
            take(row, &facts);
            row.round += 1;
            row.reopen_count += 1;
            replace_measures(tx, &facts.id, &measures).await?;
        }
        Fact::Item(facts) => {
            if row.state == 0 {
                // Not on the registry's feed yet: its item names it meanwhile.
                row.display_name.clone_from(&facts.enterprise_display_name);
                row.jurisdiction.clone_from(&facts.jurisdiction);
            }
            items.apply(facts)?;
        }
        Fact::Patrol { at, .. } => {
            row.last_patrol_at = Some(row.last_patrol_at.map_or(at, |p| p.max(at)));
        }
        Fact::Suspicion { at, .. } => {
            row.last_suspicion_at = Some(row.last_suspicion_at.map_or(at, |s| s.max(at)));
        }
        Fact::Other => {}
    }
    Ok(())
}

/// The registry's latest facts about the enterprise replace what the row held.
fn take(row: &mut EnterpriseRow, facts: &EnterpriseFacts) {
    row.display_name.clone_from(&facts.display_name);
    row.jurisdiction.clone_from(&facts.jurisdiction);
    row.category = facts.category;
    row.state = facts.state;
}

/// The enterprise's row, created empty when first named, locked until commit.
async fn lock_enterprise(tx: &mut Tx<'_>, id: &str) -> Result<EnterpriseRecord> {
    sqlx::query("INSERT INTO enterprises (id) VALUES ($1) ON CONFLICT (id) DO NOTHING")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let select = format!(
        "SELECT {ENTERPRISE_COLUMNS} FROM enterprises WHERE id = $1{}",
        dialect::FOR_UPDATE
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(select))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?)
}

async fn replace_measures(tx: &mut Tx<'_>, enterprise: &str, measures: &[Measure]) -> Result<()> {
    sqlx::query("DELETE FROM plan_measures WHERE enterprise_id = $1")
        .bind(enterprise)
        .execute(&mut **tx)
        .await?;
    for m in measures {
        sqlx::query(
            "INSERT INTO plan_measures (enterprise_id, measure_id, kind, deadline, \
                    needs_verification) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (enterprise_id, measure_id) DO NOTHING",
        )
        .bind(enterprise)
        .bind(&m.id)
        .bind(&m.kind)
        .bind(m.deadline.to_string())
        .bind(m.needs_verification)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The work items a run of one source's changes names: each as stored before the run (with
/// its stored metrics), and as the run's changes have left it so far.
struct RunItems {
    service: String,
    items: BTreeMap<String, RunItem>,
}

struct RunItem {
    before: Option<(ItemRecord, Item)>,
    now: Option<Item>,
}

impl RunItems {
    /// The item as `facts` has it now, after what the run did to it before.
    fn apply(&mut self, facts: ItemFacts) -> Result<()> {
        let entry = self.items.entry(facts.name.clone()).or_insert(RunItem {
            before: None,
            now: None,
        });
        let previous = entry
            .now
            .as_ref()
            .or(entry.before.as_ref().map(|(_, item)| item));
        let done = facts.state == WiState::Done as i32 || facts.state == WiState::Verified as i32;
        // Done when completed; kept through verification; gone once sent back or reopened.
        let done_at = match (facts.done_at, done) {
            (Some(at), _) => Some(at),
            (None, true) => previous.and_then(|i| i.done_at),
            (None, false) => None,
        };
        entry.now = Some(Item {
            service: self.service.clone(),
            name: facts.name,
            enterprise_id: facts.enterprise_id,
            jurisdiction: facts.jurisdiction,
            measure_id: facts.measure_id,
            round: facts.round,
            kind: facts.kind,
            executor: facts.executor,
            deadline: facts.deadline,
            state: facts.state,
            needs_verification: facts.needs_verification,
            created_at: facts.created_at,
            done_at,
        });
        Ok(())
    }
}

/// The items of `service` named `names`, as stored, locked until commit.
async fn stored_items(tx: &mut Tx<'_>, service: &str, names: &[&str]) -> Result<RunItems> {
    let mut items = RunItems {
        service: service.to_owned(),
        items: BTreeMap::new(),
    };
    for chunk in names.chunks(BATCH) {
        let mut q = sqlx::QueryBuilder::<Db>::new(format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE service = "
        ));
        q.push_bind(service).push(" AND name IN (");
        let mut list = q.separated(", ");
        for name in chunk {
            list.push_bind(*name);
        }
        q.push(")").push(dialect::FOR_UPDATE);
        let records: Vec<ItemRecord> = q.build_query_as().fetch_all(&mut **tx).await?;
        for record in records {
            let item = record.item()?;
            let name = record.name.clone();
            let before = Some((record, item));
            items.items.insert(name, RunItem { before, now: None });
        }
    }
    Ok(items)
}

/// Rows written by one multi-row statement at the most.
const BATCH: usize = 500;

/// Stores every item the run changed, as it left them; the counters' differences between how
/// they were stored before and now.
async fn store_items(tx: &mut Tx<'_>, items: RunItems) -> Result<Vec<(Scope, String, i64)>> {
    let scopes = |i: &Item| {
        vec![
            Scope::All,
            Scope::Jurisdiction(i.jurisdiction.clone()),
            Scope::Bureau(i.executor.clone()),
        ]
    };
    let mut deltas = Vec::new();
    let mut rows = Vec::new();
    for entry in items.items.into_values() {
        let Some(item) = entry.now else {
            continue;
        };
        let metrics = item_metrics(&item);
        let (old_scopes, old_metrics) = match &entry.before {
            Some((record, old)) => (scopes(old), parse_metrics(&record.name, &record.metrics)?),
            None => (Vec::new(), Metrics::new()),
        };
        deltas.extend(metrics::deltas(
            (&old_scopes, &old_metrics),
            (&scopes(&item), &metrics),
        ));
        let metrics = serde_json::to_string(&metrics)?;
        rows.push((item, metrics));
    }
    for chunk in rows.chunks(BATCH) {
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "INSERT INTO items (service, name, enterprise_id, jurisdiction, measure_id, round, \
                    kind, executor, deadline, state, needs_verification, complete, is_open, \
                    created_at, done_at, metrics) ",
        );
        q.push_values(chunk, |mut row, (item, metrics)| {
            row.push_bind(item.service.clone())
                .push_bind(item.name.clone())
                .push_bind(item.enterprise_id.clone())
                .push_bind(item.jurisdiction.clone())
                .push_bind(item.measure_id.clone())
                .push_bind(item.round)
                .push_bind(item.kind.clone())
                .push_bind(item.executor.clone())
                .push_bind(item.deadline.to_string())
                .push_bind(item.state)
                .push_bind(item.needs_verification)
                .push_bind(item.is_complete(item.needs_verification))
                .push_bind(item.is_open())
                .push_bind(item.created_at)
                .push_bind(item.done_at)
                .push_bind(metrics.clone());
        });
        q.push(
            " ON CONFLICT (service, name) DO UPDATE SET enterprise_id = excluded.enterprise_id, \
                jurisdiction = excluded.jurisdiction, measure_id = excluded.measure_id, \
                round = excluded.round, kind = excluded.kind, executor = excluded.executor, \
                deadline = excluded.deadline, state = excluded.state, \
                needs_verification = excluded.needs_verification, complete = excluded.complete, \
                is_open = excluded.is_open, created_at = excluded.created_at, \
                done_at = excluded.done_at, metrics = excluded.metrics",
        );
        q.build().execute(&mut **tx).await?;
    }
    Ok(deltas)
}

/// The run's timeline entries: each change with an event, under its enterprise.
async fn insert_timeline(
    tx: &mut Tx<'_>,
    source: &str,
    entries: &[(&Change, String)],
) -> Result<()> {
    for chunk in entries.chunks(BATCH) {
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "INSERT INTO timeline (source, seq, enterprise_id, recorded_at, actor, resource, \
                    type_url, event) ",
        );
        q.push_values(chunk, |mut row, (change, enterprise)| {
            let event = change.event.clone().unwrap_or_default();
            let recorded_at = change.recorded_at.as_ref().and_then(from_timestamp);
            row.push_bind(source.to_owned())
                .push_bind(change.seq)
                .push_bind(enterprise.clone())
                .push_bind(recorded_at.unwrap_or_default())
                .push_bind(change.actor.clone())
                .push_bind(change.resource.clone())
                .push_bind(event.type_url)
                .push_bind(event.value);
        });
        q.push(" ON CONFLICT (source, seq) DO NOTHING");
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Recomputes the enterprise's status from its rows, stores it with `row`, and returns the
/// counters' differences.
async fn store_status(
    tx: &mut Tx<'_>,
    campaign: &Campaign,
    before: &EnterpriseRecord,
    row: &EnterpriseRow,
) -> Result<Vec<(Scope, String, i64)>> {
    let measure_rows: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT measure_id, kind, deadline, needs_verification FROM plan_measures \
         WHERE enterprise_id = $1 ORDER BY measure_id",
    )
    .bind(&row.id)
    .fetch_all(&mut **tx)
    .await?;
    let measures = measure_rows
        .into_iter()
        .map(|(id, kind, deadline, needs_verification)| {
            Ok(Measure {
                deadline: parse_date("deadline", &row.id, &deadline)?,
                id,
                kind,
                needs_verification,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let select = format!(
        "SELECT {ITEM_COLUMNS} FROM items WHERE enterprise_id = $1 AND round = $2"
    );
    let items = sqlx::query_as::<_, ItemRecord>(sqlx::AssertSqlSafe(select))
        .bind(&row.id)
        .bind(row.round)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(ItemRecord::item)
        .collect::<Result<Vec<_>>>()?;
    let findings: Vec<Finding> = sqlx::query_as::<_, FindingRecord>(
        "SELECT reporter, source, reported_at FROM findings WHERE enterprise_id = $1",
    )
    .bind(&row.id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(FindingRecord::finding)
    .collect();
    let status = crate::domain::status::status(campaign, row, &measures, &items, &findings);
    let metrics = enterprise_metrics(&status, row.state, row.reopen_count > 0);
    sqlx::query(
        "UPDATE enterprises SET display_name = $2, jurisdiction = $3, category = $4, state = $5, \
                round = $6, reopen_count = $7, sign_off_at = $8, last_patrol_at = $9, \
                last_suspicion_at = $10, measures = $11, measures_complete = $12, complete = $13, \
                ready = $14, due_date = $15, reported_late = $16, discrepancy = $17, \
                patrol_due_date = $18, suspected = $19, metrics = $20 \
         WHERE id = $1",
    )
    .bind(&row.id)
    .bind(&row.display_name)
    .bind(&row.jurisdiction)
    .bind(row.category)
    .bind(row.state)
    .bind(row.round)
    .bind(row.reopen_count)
    .bind(row.sign_off_at)
    .bind(row.last_patrol_at)
    .bind(row.last_suspicion_at)
    .bind(status.measures)
    .bind(status.measures_complete)
    .bind(status.complete)
    .bind(status.ready)
    .bind(status.due.map(|d| d.to_string()))
    .bind(status.reported_late)
    .bind(status.discrepancy)
    .bind(status.patrol_due.map(|d| d.to_string()))
    .bind(status.suspected)
    .bind(serde_json::to_string(&metrics)?)
    .execute(&mut **tx)
    .await?;
    let scopes = |jurisdiction: &str, category: i32| {
        vec![
            Scope::All,
            Scope::Jurisdiction(jurisdiction.to_owned()),
            Scope::Category(category_key(category)),
        ]
    };
    let old_metrics = parse_metrics(&before.id, &before.metrics)?;
    Ok(metrics::deltas(
        (&scopes(&before.jurisdiction, before.category), &old_metrics),
        (&scopes(&row.jurisdiction, row.category), &metrics),
    ))
}

/// Adds the differences to the counters in one statement, its rows in one fixed order (so that
/// concurrent followers lock counter rows alike and never deadlock).
async fn add_to_counters(tx: &mut Tx<'_>, deltas: Vec<(Scope, String, i64)>) -> Result<()> {
    let mut merged: std::collections::BTreeMap<(Scope, String), i64> = Default::default();
    for (scope, metric, delta) in deltas {
        *merged.entry((scope, metric)).or_default() += delta;
    }
    merged.retain(|_, delta| *delta != 0);
    if merged.is_empty() {
        return Ok(());
    }
    let mut q = sqlx::QueryBuilder::<Db>::new(
        "INSERT INTO counters (scope, scope_key, metric, value) ",
    );
    q.push_values(merged, |mut row, ((scope, metric), delta)| {
        let (scope, key) = scope.key();
        row.push_bind(scope)
            .push_bind(key.to_owned())
            .push_bind(metric)
            .push_bind(delta);
    });
    q.push(
        " ON CONFLICT (scope, scope_key, metric) DO UPDATE \
         SET value = counters.value + excluded.value",
    );
    q.build().execute(&mut **tx).await?;
    Ok(())
}
