// The land reads, included in each backend's module by sql/queries.rs. `land_view` runs on a
// connection, so a write can answer with the record it just changed.

type Conn = <Db as sqlx::Database>::Connection;

/// The land record of the enterprise `id`; INTERNAL when there is none (callers look it up
/// after writing it, or after finding its header).
async fn land_view(conn: &mut Conn, id: &str) -> Result<LandView> {
    land_view_if_any(conn, id)
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("land record {id} vanished")))
}

/// The land record of the enterprise `id`, if there is one.
async fn land_view_if_any(conn: &mut Conn, id: &str) -> Result<Option<LandView>> {
    let header: Option<Header> = sqlx::query_as(
        "SELECT enterprise_id, enterprise_display_name, jurisdiction, updated_at \
         FROM land_records WHERE enterprise_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(header) = header else {
        return Ok(None);
    };
    let plot: Option<PlotRow> = sqlx::query_as(
        "SELECT work_item_id, park_name, plot_number, area, allocated_at, recorded_by \
         FROM relocation_plots WHERE enterprise_id = $1 ORDER BY recorded_at DESC, step DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let demolition: Option<DemolitionRow> = sqlx::query_as(
        "SELECT work_item_id, demolished_at, floor_area, recorded_by \
         FROM demolitions WHERE enterprise_id = $1 ORDER BY recorded_at DESC, step DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let remediation: Option<RemediationRow> = sqlx::query_as(
        "SELECT work_item_id, assessment_reference, completed_at, recorded_by \
         FROM site_remediations WHERE enterprise_id = $1 ORDER BY recorded_at DESC, step DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let findings: Vec<FindingRow> = sqlx::query_as(
        "SELECT land_use_plan, urban_rural_plan, reference, note, recorded_by, recorded_at \
         FROM planning_findings WHERE enterprise_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(LandView {
        header,
        plot,
        demolition,
        remediation,
        findings,
    }))
}

/// The land record of the enterprise `id`, if there is one.
pub async fn land_record(pool: &Pool, id: &str) -> Result<Option<LandView>> {
    let mut conn = pool.acquire().await?;
    land_view_if_any(&mut conn, id).await
}

/// A page of the land records `filter` selects, by enterprise id, after the id in `page`.
pub async fn land_records(pool: &Pool, filter: &LandFilter, page: &Page) -> Result<Vec<LandView>> {
    let mut conn = pool.acquire().await?;
    let ids: Vec<(String,)> = sqlx::query_as(
        "SELECT enterprise_id FROM land_records \
         WHERE ($1 = '' OR jurisdiction = $1) AND (NOT $2 OR nonconforming) AND enterprise_id > $3 \
         ORDER BY enterprise_id LIMIT $4",
    )
    .bind(&filter.jurisdiction)
    .bind(filter.nonconforming_only)
    .bind(&page.after)
    .bind(page.size)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for (id,) in ids {
        out.push(land_view(&mut conn, &id).await?);
    }
    Ok(out)
}
