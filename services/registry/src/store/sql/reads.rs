// The registry's read queries, compiled once per backend by `per_backend!`
// (see store/sql.rs).

pub async fn enterprise(pool: &Pool, id: &str) -> Result<Option<EnterpriseRow>> {
    Ok(sqlx::query_as(concat!("SELECT ", crate::store::rows::enterprise_columns!(), " FROM enterprises WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?)
}

pub async fn enterprises(pool: &Pool, filter: &EnterpriseFilter, page: &Page) -> Result<Vec<EnterpriseRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ", crate::store::rows::enterprise_columns!(), " FROM enterprises \
         WHERE ($1 = '' OR jurisdiction = $1) AND ($2 = '' OR category = $2) \
           AND ($3 = '' OR state = $3) \
           AND ($4 = '' OR display_name LIKE $4 ESCAPE '\\' OR credit_code LIKE $4 ESCAPE '\\') \
           AND ($7 = '' OR EXISTS (SELECT 1 FROM findings f \
                                   WHERE f.reporter = $7 AND f.enterprise_id = enterprises.id)) \
           AND id > $5 \
         ORDER BY id LIMIT $6"
    ))
    .bind(&filter.jurisdiction)
    .bind(&filter.category)
    .bind(&filter.state)
    .bind(filter.like_pattern())
    .bind(&page.after)
    .bind(page.size)
    .bind(&filter.reported_by)
    .fetch_all(pool)
    .await?)
}

pub async fn findings(pool: &Pool, enterprise_id: &str, page: &Page) -> Result<Vec<FindingRow>> {
    Ok(sqlx::query_as(
        "SELECT id, enterprise_id, reporter, actor, entered_by, source, reported_at, body FROM findings \
         WHERE enterprise_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(enterprise_id)
    .bind(&page.after)
    .bind(page.size)
    .fetch_all(pool)
    .await?)
}

pub async fn plan(pool: &Pool, enterprise_id: &str) -> Result<Option<PlanRow>> {
    Ok(sqlx::query_as(concat!("SELECT ", crate::store::rows::plan_columns!(), " FROM plans WHERE enterprise_id = $1"))
        .bind(enterprise_id)
        .fetch_optional(pool)
        .await?)
}

/// Published plans with their public fields only: the columns are a whitelist.
pub async fn public_plans(pool: &Pool, jurisdiction: &str, category: &str, page: &Page) -> Result<Vec<PublicPlanRow>> {
    Ok(sqlx::query_as(
        "SELECT p.enterprise_id, e.display_name, e.jurisdiction, p.category, p.measures, \
                p.responsible_unit, p.deadline, p.published_at \
         FROM plans p JOIN enterprises e ON e.id = p.enterprise_id \
         WHERE p.state = 'published' AND ($1 = '' OR e.jurisdiction = $1) \
           AND ($2 = '' OR p.category = $2) AND p.enterprise_id > $3 \
         ORDER BY p.enterprise_id LIMIT $4",
    )
    .bind(jurisdiction)
    .bind(category)
    .bind(&page.after)
    .bind(page.size)
    .fetch_all(pool)
    .await?)
}
