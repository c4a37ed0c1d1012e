// The projection's reads, compiled for each backend by `per_backend!` (store/sql.rs). Summaries
// read counters only; lists read one page of rows through an index.

/// Every counter of `scope` (one key when `key` is given).
pub async fn counters(pool: &Pool, scope: &str, key: Option<&str>) -> Result<Vec<CounterRecord>> {
    let mut q = sqlx::QueryBuilder::<Db>::new(
        "SELECT scope_key, metric, value FROM counters WHERE scope = ",
    );
    q.push_bind(scope.to_owned());
    if let Some(key) = key {
        q.push(" AND scope_key = ").push_bind(key.to_owned());
    }
    q.push(" ORDER BY scope_key, metric");
    Ok(q.build_query_as().fetch_all(pool).await?)
}

/// One enterprise's row.
pub async fn enterprise(pool: &Pool, id: &str) -> Result<Option<EnterpriseRecord>> {
    let select = format!("SELECT {ENTERPRISE_COLUMNS} FROM enterprises WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(select))
        .bind(id)
        .fetch_optional(pool)
        .await?)
}

/// The enterprise's items of `round`, by measure.
pub async fn items_of(pool: &Pool, id: &str, round: i32) -> Result<Vec<ItemRecord>> {
    let select = format!(
        "SELECT {ITEM_COLUMNS} FROM items WHERE enterprise_id = $1 AND round = $2 \
         ORDER BY measure_id, service, name"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(select))
        .bind(id)
        .bind(round)
        .fetch_all(pool)
        .await?)
}

/// Who reported the enterprise and when, oldest first.
pub async fn findings_of(pool: &Pool, id: &str) -> Result<Vec<FindingRecord>> {
    Ok(sqlx::query_as(
        "SELECT reporter, source, reported_at FROM findings WHERE enterprise_id = $1 \
         ORDER BY reported_at, name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?)
}

/// One page of enterprises matching `filter`, by id, after `after`.
pub async fn enterprises(
    pool: &Pool,
    filter: &EnterpriseFilter,
    after: &str,
    limit: i64,
) -> Result<Vec<EnterpriseRecord>> {
    let mut q = sqlx::QueryBuilder::<Db>::new(format!(
        "SELECT {ENTERPRISE_COLUMNS} FROM enterprises WHERE state <> 0 AND id > "
    ));
    q.push_bind(after.to_owned());
    if !filter.jurisdiction.is_empty() {
        q.push(" AND jurisdiction = ").push_bind(filter.jurisdiction.clone());
    }
    if let Some(category) = filter.category {
        q.push(" AND category = ").push_bind(category);
    }
    if let Some(state) = filter.state {
        q.push(" AND state = ").push_bind(state);
    }
    let today = filter.today.to_string();
    match filter.completion {
        Completion::Unspecified => {}
        Completion::Complete => {
            q.push(" AND complete");
        }
        Completion::Incomplete => {
            q.push(" AND NOT complete");
        }
        Completion::ReadyForSignOff => {
            q.push(" AND ready");
        }
        Completion::Overdue => {
            q.push(" AND due_date < ").push_bind(today.clone());
        }
    }
    match filter.flag {
        Flag::Unspecified => {}
        Flag::ReportedLate => {
            q.push(" AND reported_late");
        }
        Flag::Discrepancy => {
            q.push(" AND discrepancy");
        }
        Flag::PatrolDue => {
            q.push(" AND patrol_due_date <= ").push_bind(today.clone());
        }
        Flag::ReboundSuspected => {
            q.push(" AND suspected");
        }
        Flag::Reopened => {
            q.push(" AND reopen_count > 0");
        }
    }
    if filter.rebound_any {
        q.push(" AND (patrol_due_date <= ")
            .push_bind(today)
            .push(" OR suspected OR reopen_count > 0)");
    }
    if !filter.query.is_empty() {
        q.push(" AND display_name LIKE ")
            .push_bind(format!("%{}%", like_escaped(&filter.query)))
            .push(" ESCAPE '\\'");
    }
    q.push(" ORDER BY id LIMIT ").push_bind(limit);
    Ok(q.build_query_as().fetch_all(pool).await?)
}

/// `text` with LIKE's wildcards escaped by a backslash.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// One page of an enterprise's timeline, oldest first, from position `offset`.
pub async fn timeline(
    pool: &Pool,
    id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<TimelineRecord>> {
    Ok(sqlx::query_as(
        "SELECT source, seq, enterprise_id, recorded_at, actor, resource, type_url, event \
         FROM timeline WHERE enterprise_id = $1 ORDER BY recorded_at, source, seq \
         LIMIT $2 OFFSET $3",
    )
    .bind(id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}

/// One page of open items whose deadline is before `today`, by deadline, service and name,
/// after the key `after` (deadline, service, name).
pub async fn overdue_items(
    pool: &Pool,
    filter: &ItemFilter,
    after: (&str, &str, &str),
    limit: i64,
) -> Result<Vec<ItemRecord>> {
    let mut q = sqlx::QueryBuilder::<Db>::new(format!(
        "SELECT {ITEM_COLUMNS} FROM items WHERE is_open AND deadline < "
    ));
    q.push_bind(filter.today.to_string());
    q.push(" AND (deadline, service, name) > (")
        .push_bind(after.0.to_owned())
        .push(", ")
        .push_bind(after.1.to_owned())
        .push(", ")
        .push_bind(after.2.to_owned())
        .push(")");
    if !filter.executor.is_empty() {
        q.push(" AND executor = ").push_bind(filter.executor.clone());
    }
    if !filter.jurisdiction.is_empty() {
        q.push(" AND jurisdiction = ").push_bind(filter.jurisdiction.clone());
    }
    q.push(" ORDER BY deadline, service, name LIMIT ").push_bind(limit);
    Ok(q.build_query_as().fetch_all(pool).await?)
}

/// The audit anchors, by service (one service when `source` is given).
pub async fn heads(pool: &Pool, source: Option<&str>) -> Result<Vec<HeadRecord>> {
    let mut q = sqlx::QueryBuilder::<Db>::new(
        "SELECT source, seq, hash, recorded_at FROM feed_heads",
    );
    if let Some(source) = source {
        q.push(" WHERE source = ").push_bind(source.to_owned());
    }
    q.push(" ORDER BY source");
    Ok(q.build_query_as().fetch_all(pool).await?)
}
