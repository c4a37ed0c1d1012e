// Applying a run of a followed feed's changes to the projection, compiled for each backend by
// `per_backend!` (store/sql.rs). Runs inside the follower's transaction, which also moves the
// feed's cursor: the audit anchor, the timeline, the enterprise's and item's rows and the
// counters' differences all commit together with it, or not at all.

/// The enterprises a run of changes touched: each as it stood before the run (locked) and as
/// the run's changes have left it so far.
type Touched = BTreeMap<String, (EnterpriseRecord, EnterpriseRow)>;

/// Applies `changes`, a run of feed `source` in feed order, in the follower's transaction: the
/// enterprises it names locked at once (in one statement, in the order of their ids), each change's timeline entry and rows in turn, then
/// every enterprise it touched has its status recomputed and stored (read and written in
/// multi-row statements), then the feed's head (the audit anchor) and the counters'
/// differences, once for the run. The result is the one applying the changes one by one would
/// give: each enterprise's status is a function of its rows, and its counters' differences add
/// up to the difference between its first and its last status.
///
/// Followers of different sources apply their runs at once. The rows they share are the
/// enterprises' and the counters', and a run locks each kind in one statement, in one fixed
/// order (enterprises by id, then counters by key), so that no two runs ever wait on each other
/// in a circle; the other rows a run writes (items, timeline, feed head) are its source's own.
pub async fn apply_run(
    tx: &mut Tx<'_>,
    campaign: &Campaign,
    source: &str,
    changes: &[Change],
) -> Result<()> {
    let facts = changes
        .iter()
        .map(|change| {
            let fact = fact(change.event.as_ref())
                .map_err(|e| Error::corrupt("event", &format!("{source}:{}", change.seq), e))?;
            let enterprise = enterprise_of(change, &fact);
            Ok((fact, enterprise))
        })
        .collect::<Result<Vec<_>>>()?;
    let names: Vec<&str> = facts
        .iter()
        .filter_map(|(fact, _)| match fact {
            Fact::Item(item) => Some(item.name.as_str()),
            _ => None,
        })
        .collect();
    let mut items = stored_items(tx, source, &names).await?;
    let ids: BTreeSet<&str> = facts
        .iter()
        .filter(|(fact, _)| !matches!(fact, Fact::Other))
        .filter_map(|(_, enterprise)| enterprise.as_deref())
        .collect();
    let mut touched = lock_enterprises(tx, &ids).await?;
    let mut timeline = Vec::new();
    for (change, (fact, enterprise)) in changes.iter().zip(facts) {
        let Some(enterprise) = enterprise else {
            continue;
        };
        if change.event.is_some() {
            timeline.push((change, enterprise.clone()));
        }
        if let Some((_, row)) = touched.get_mut(&enterprise) {
            apply_change(tx, change, fact, row, &mut items)
                .instrument(rectify_kit::follower::change_span(source, change))
                .await?;
        }
    }
    insert_timeline(tx, source, &timeline).await?;
    let mut deltas = store_items(tx, items).await?;
    deltas.extend(store_statuses(tx, campaign, &touched).await?);
    if let Some(last) = changes.last() {
        record_head(tx, source, last).await?;
    }
    add_to_counters(tx, deltas).await
}

/// The enterprise a change is about, if any.
fn enterprise_of(change: &Change, fact: &Fact) -> Option<String> {
    match fact {
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
    }
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
/// Applies one change of the run to its enterprise's `row` (locked, kept until the run ends)
/// and its own rows (finding, measures, item); an item goes to `items`.
async fn apply_change(
    tx: &mut Tx<'_>,
    change: &Change,
    fact: Fact,
    row: &mut EnterpriseRow,
    items: &mut RunItems,
) -> Result<()> {
    let recorded_at = change.recorded_at.as_ref().and_then(from_timestamp);
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

/// The enterprises' rows, each created empty when first named, locked until commit in the
/// order of their ids: each as it stood before the run and (so far) as the run leaves it.
async fn lock_enterprises(tx: &mut Tx<'_>, ids: &BTreeSet<&str>) -> Result<Touched> {
    let ids: Vec<&str> = ids.iter().copied().collect();
    let mut touched = Touched::new();
    for chunk in ids.chunks(BATCH) {
        // An upsert locks each row it meets, in the order of its values: a new one as it
        // inserts it, a stored one as it updates it (to itself).
        let mut q = sqlx::QueryBuilder::<Db>::new("INSERT INTO enterprises (id) ");
        q.push_values(chunk, |mut row, id| {
            row.push_bind(*id);
        });
        q.push(format!(
            " ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING {ENTERPRISE_COLUMNS}"
        ));
        let records: Vec<EnterpriseRecord> = q.build_query_as().fetch_all(&mut **tx).await?;
        for before in records {
            let row = before.row();
            touched.insert(before.id.clone(), (before, row));
        }
    }
    Ok(touched)
}

/// ` IN ($1, $2, …)` of `values`.
fn push_in(q: &mut sqlx::QueryBuilder<Db>, values: &[&str]) {
    q.push(" IN (");
    let mut list = q.separated(", ");
    for value in values {
        list.push_bind(*value);
    }
    q.push(")");
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
        q.push_bind(service).push(" AND name");
        push_in(&mut q, chunk);
        q.push(dialect::FOR_UPDATE);
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

/// Recomputes the status of every enterprise the run touched from its rows (its plan's
/// measures, its items of the current round, its findings: each read for all of them at once),
/// stores it with the enterprise's row, and returns the counters' differences.
async fn store_statuses(
    tx: &mut Tx<'_>,
    campaign: &Campaign,
    touched: &Touched,
) -> Result<Vec<(Scope, String, i64)>> {
    let ids: Vec<&str> = touched.keys().map(String::as_str).collect();
    let mut rows = RunRows::default();
    for chunk in ids.chunks(BATCH) {
        rows.read(tx, chunk).await?;
    }
    let mut deltas = Vec::new();
    let mut stored = Vec::new();
    for (id, (before, row)) in touched {
        let measures = rows.measures.remove(id).unwrap_or_default();
        let items: Vec<Item> = rows
            .items
            .remove(id)
            .unwrap_or_default()
            .into_iter()
            .filter(|item| item.round == row.round)
            .collect();
        let findings = rows.findings.remove(id).unwrap_or_default();
        let status = crate::domain::status::status(campaign, row, &measures, &items, &findings);
        let metrics = enterprise_metrics(&status, row.state, row.reopen_count > 0);
        let scopes = |jurisdiction: &str, category: i32| {
            vec![
                Scope::All,
                Scope::Jurisdiction(jurisdiction.to_owned()),
                Scope::Category(category_key(category)),
            ]
        };
        deltas.extend(metrics::deltas(
            (
                &scopes(&before.jurisdiction, before.category),
                &parse_metrics(&before.id, &before.metrics)?,
            ),
            (&scopes(&row.jurisdiction, row.category), &metrics),
        ));
        stored.push((row, status, serde_json::to_string(&metrics)?));
    }
    for chunk in stored.chunks(BATCH) {
        let mut q = sqlx::QueryBuilder::<Db>::new(format!(
            "INSERT INTO enterprises ({ENTERPRISE_COLUMNS}) "
        ));
        q.push_values(chunk, |mut values, (row, status, metrics)| {
            values
                .push_bind(row.id.clone())
                .push_bind(row.display_name.clone())
                .push_bind(row.jurisdiction.clone())
                .push_bind(row.category)
                .push_bind(row.state)
                .push_bind(row.round)
                .push_bind(row.reopen_count)
                .push_bind(row.sign_off_at)
                .push_bind(row.last_patrol_at)
                .push_bind(row.last_suspicion_at)
                .push_bind(status.measures)
                .push_bind(status.measures_complete)
                .push_bind(status.complete)
                .push_bind(status.ready)
                .push_bind(status.due.map(|d| d.to_string()))
                .push_bind(status.reported_late)
                .push_bind(status.discrepancy)
                .push_bind(status.patrol_due.map(|d| d.to_string()))
                .push_bind(status.suspected)
                .push_bind(metrics.clone());
        });
        q.push(" ON CONFLICT (id) DO UPDATE SET ");
        let mut set = q.separated(", ");
        for column in ENTERPRISE_COLUMNS.split(", ").filter(|c| *c != "id") {
            set.push(format!("{column} = excluded.{column}"));
        }
        q.build().execute(&mut **tx).await?;
    }
    Ok(deltas)
}

/// What the status of a run's enterprises is computed from, by enterprise.
#[derive(Default)]
struct RunRows {
    measures: BTreeMap<String, Vec<Measure>>,
    /// Every round's: the status takes the current round's.
    items: BTreeMap<String, Vec<Item>>,
    findings: BTreeMap<String, Vec<Finding>>,
}

impl RunRows {
    /// Reads the rows of the enterprises `ids`.
    async fn read(&mut self, tx: &mut Tx<'_>, ids: &[&str]) -> Result<()> {
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "SELECT enterprise_id, measure_id, kind, deadline, needs_verification \
             FROM plan_measures WHERE enterprise_id",
        );
        push_in(&mut q, ids);
        q.push(" ORDER BY enterprise_id, measure_id");
        let measures: Vec<(String, String, String, String, bool)> =
            q.build_query_as().fetch_all(&mut **tx).await?;
        for (enterprise, id, kind, deadline, needs_verification) in measures {
            let measure = Measure {
                deadline: parse_date("deadline", &enterprise, &deadline)?,
                id,
                kind,
                needs_verification,
            };
            self.measures.entry(enterprise).or_default().push(measure);
        }
        let mut q = sqlx::QueryBuilder::<Db>::new(format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE enterprise_id"
        ));
        push_in(&mut q, ids);
        let items: Vec<ItemRecord> = q.build_query_as().fetch_all(&mut **tx).await?;
        for record in items {
            let item = record.item()?;
            self.items.entry(record.enterprise_id).or_default().push(item);
        }
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "SELECT enterprise_id, reporter, source, reported_at FROM findings WHERE enterprise_id",
        );
        push_in(&mut q, ids);
        let findings: Vec<(String, String, i32, DateTime<Utc>)> =
            q.build_query_as().fetch_all(&mut **tx).await?;
        for (enterprise, reporter, source, reported_at) in findings {
            let finding = Finding {
                reporter,
                source,
                reported_at,
            };
            self.findings.entry(enterprise).or_default().push(finding);
        }
        Ok(())
    }
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
